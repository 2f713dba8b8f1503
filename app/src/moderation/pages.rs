//! The back office's pages: `/moderation`, the consultations list and editor, the form
//! for remarks from other channels, and the moderation queue. Plain forms posting to
//! axum routes; the editor's live preview is the one island, and without JavaScript the
//! "Preview" button shows the same rendering.

use super::api::{admin_consultations, editor_data, moderation_queue, paper_form_data, EditorModel, PaperFormModel};
use crate::accounts::forms::{feedback_for, DoneNotice, ErrorSummary, Field, FormFeedback};
use crate::accounts::pages::{refusal, PageHeading};
use crate::components::consultation_card::{PhaseBadge, CONTENT_LANG};
use crate::components::layout::use_locale;
use crate::consultations::editor::{
    DraftInput, MAX_EASY_READ_CHARS, MAX_OVERRIDE_CHARS, MAX_PLACE_CHARS, MAX_SLUG_CHARS, MAX_SUMMARY_CHARS,
    MAX_TITLE_CHARS,
};
use crate::consultations::pages::event_kind_label;
use crate::consultations::remarks::model::QueueItem;
use crate::consultations::remarks::views::{anchor_label, channel_label, flag_reason_label, AuthorLine};
use crate::domain::consultation_forms::EventKind;
use crate::domain::remark::{Channel, FlagReason, RemarkState, MAX_AUTHOR_CHARS, MAX_REASON_CHARS};
use crate::domain::topic::Topic;
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ModerationHome() -> impl IntoView {
    let m = use_locale().moderation();
    let data = async move { admin_consultations().await.map(|_| ()) };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(()) => {
                        view! {
                            <PageHeading title=m.home_title/>
                            <ul class="link-list">
                                <li>
                                    <a href="/moderation/consultations">{m.consultations_title}</a>
                                </li>
                                <li>
                                    <a href="/moderation/remarks">{m.queue_title}</a>
                                </li>
                                <li>
                                    <a href="/moderation/initiatives">{use_locale().initiatives().moderation_link}</a>
                                </li>
                                <li>
                                    <a href="/moderation/stats">{use_locale().stats().title}</a>
                                </li>
                            </ul>
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ConsultationsAdmin() -> impl IntoView {
    let locale = use_locale();
    let m = locale.moderation();
    let data = async move { admin_consultations().await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(rows) => {
                        view! {
                            <PageHeading title=m.consultations_title/>
                            <DoneNotice/>
                            <p>
                                <a href="/moderation/consultations/new" class="button">{m.new_consultation}</a>
                            </p>
                            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="consultations-caption">
                                <table>
                                    <caption id="consultations-caption">{m.consultations_title}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{m.title}</th>
                                            <th scope="col">{m.status}</th>
                                            <th scope="col">{m.dates}</th>
                                            <th scope="col">{m.remarks}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {rows
                                            .into_iter()
                                            .map(|row| {
                                                view! {
                                                    <tr>
                                                        <td>
                                                            <a href=format!("/moderation/consultations/{}", row.id) lang=CONTENT_LANG>
                                                                {row.title.clone()}
                                                            </a>
                                                        </td>
                                                        <td>
                                                            {if row.published {
                                                                view! { <PhaseBadge phase=row.phase locale=locale/> }.into_any()
                                                            } else {
                                                                view! { <span class="badge badge-draft">{m.draft}</span> }.into_any()
                                                            }}
                                                        </td>
                                                        <td>{locale.date(row.starts_at)} " – " {locale.date(row.ends_at)}</td>
                                                        <td>
                                                            {row.remarks}
                                                            {(row.flagged > 0)
                                                                .then(|| view! { " " <a href="/moderation/remarks">{format!("({} {})", row.flagged, m.to_review)}</a> })}
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

/// `/moderation/consultations/new` and `/moderation/consultations/{id}`.
#[component]
pub fn ConsultationEditor() -> impl IntoView {
    let locale = use_locale();
    let id = use_params_map().get_untracked().get("id").and_then(|v| v.parse::<i64>().ok());
    let data = async move { editor_data(id).await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <EditorView data=data locale=locale/> }.into_any(),
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

/// The form's values: what was just typed (a refused or previewed post), or what is stored.
fn typed_input(feedback: &Option<FormFeedback>, stored: DraftInput) -> DraftInput {
    let Some(f) = feedback else {
        return stored;
    };
    let get = |name: &str| f.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let all = |name: &str| f.values.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect();
    DraftInput {
        slug: get("slug"),
        title: get("title"),
        summary: get("summary"),
        body: get("body"),
        easy_read: get("easy_read"),
        kind: get("kind"),
        districts: all("districts"),
        topic: get("topic"),
        unit: get("unit"),
        information_starts: get("information_starts"),
        starts: get("starts"),
        ends: get("ends"),
        premoderation: get("premoderation") == "on",
        online_remarks: get("online_remarks") == "on",
        written_remarks: get("written_remarks") == "on",
        override_reason: get("override_reason"),
    }
}

/// The readability hint of a text, worked out on the server (the browser only shows it).
pub(crate) fn hint_of(markdown: &str, locale: Locale) -> String {
    #[cfg(feature = "ssr")]
    {
        crate::markdown::readability_hint(markdown, locale)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (markdown, locale);
        String::new()
    }
}

/// A text rendered by the public renderer, on the server.
pub(crate) fn rendered_of(markdown: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        crate::markdown::render_from(markdown, 3)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = markdown;
        String::new()
    }
}

fn problem_of(feedback: &Option<FormFeedback>, field: &str, locale: Locale) -> Option<&'static str> {
    feedback.as_ref()?.errors.iter().find(|e| e.field == field).map(|e| locale.problem(&e.message))
}

#[component]
fn EditorView(data: EditorModel, locale: Locale) -> impl IntoView {
    let m = locale.moderation();
    let r = locale.readability();
    let feedback = feedback_for("consultation");
    let input = typed_input(&feedback, data.input.clone());
    let preview = feedback.as_ref().and_then(|f| f.values.iter().find(|(n, _)| n == "preview").map(|(_, v)| v.clone()));
    let action = match data.id {
        Some(id) => format!("/moderation/consultations/{id}"),
        None => "/moderation/consultations".to_owned(),
    };
    let title = if data.id.is_some() { m.edit_consultation } else { m.new_consultation };
    let select = |name: &'static str, label: &'static str, options: Vec<(String, String)>, chosen: String| {
        let id = format!("consultation-{name}");
        let error = problem_of(&feedback, name, locale);
        view! {
            <div class="field" class:field-error=error.is_some()>
                <label for=id.clone()>{label}</label>
                {error.map(|e| view! { <p class="error-message" id=format!("{id}-error")>{e}</p> })}
                <select id=id.clone() name=name required=true aria-invalid=error.is_some().then_some("true") aria-describedby=error.is_some().then(|| format!("{id}-error"))>
                    <option value="" selected=chosen.is_empty()>{m.choose}</option>
                    {options
                        .into_iter()
                        .map(|(value, text)| {
                            let selected = value == chosen;
                            view! { <option value=value selected=selected>{text}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
        }
    };
    let checkbox = |name: &'static str, label: &'static str, checked: bool| {
        let id = format!("consultation-{name}");
        view! {
            <div class="field checkbox">
                <input type="checkbox" id=id.clone() name=name checked=checked/>
                <label for=id>{label}</label>
            </div>
        }
    };
    let districts_error = problem_of(&feedback, "districts", locale);
    let kinds = vec![
        ("general".to_owned(), locale.texts().kind_general.to_owned()),
        ("draft_act".to_owned(), locale.texts().kind_draft_act.to_owned()),
    ];
    let topics = Topic::ALL.into_iter().map(|t| (t.slug().to_owned(), locale.topic(t).to_owned())).collect();
    let units = data.units.iter().map(|u| (u.clone(), u.clone())).collect();
    let statutory = data.statutory_problems.clone();
    view! {
        <PageHeading title=title/>
        <DoneNotice/>
        {data.id.map(|id| view! { <EditorLinks id=id data=data.clone() locale=locale/> })}
        {(!statutory.is_empty())
            .then(|| {
                view! {
                    <div class="notice warning" role="status">
                        <p>{m.statutory_problems}</p>
                        <ul>{statutory.iter().map(|code| view! { <li>{locale.problem(code)}</li> }).collect_view()}</ul>
                    </div>
                }
            })}
        <ErrorSummary form="consultation"/>
        <form method="post" action=action class="stack editor" novalidate>
            <Field form="consultation" name="title" label=m.title value=input.title.clone() maxlength=MAX_TITLE_CHARS/>
            <Field form="consultation" name="slug" label=m.slug hint=m.slug_hint value=input.slug.clone() maxlength=MAX_SLUG_CHARS autocomplete="off"/>
            <TextArea form="consultation" name="summary" label=m.summary value=input.summary.clone() rows=3 maxlength=MAX_SUMMARY_CHARS locale=locale/>
            <crate::IslandScripts/>
            <LivePreview
                id="preview".to_owned()
                initial=preview.unwrap_or_default()
                hint=hint_of(&input.body, locale)
                heading=m.preview.to_owned()
            >
                <TextArea form="consultation" name="body" label=m.body hint=m.body_hint value=input.body.clone() rows=18 locale=locale/>
            </LivePreview>
            <LivePreview
                id="easy-read-preview".to_owned()
                initial=rendered_of(&input.easy_read)
                hint=hint_of(&input.easy_read, locale)
                heading=r.easy_read_preview.to_owned()
            >
                <TextArea
                    form="consultation"
                    name="easy_read"
                    label=r.easy_read_label
                    hint=r.easy_read_hint
                    value=input.easy_read.clone()
                    rows=8
                    maxlength=MAX_EASY_READ_CHARS
                    required=false
                    locale=locale
                />
            </LivePreview>
            {select("kind", m.kind, kinds, input.kind.clone())}
            <fieldset class="field districts" class:field-error=districts_error.is_some()>
                <legend>{m.area}</legend>
                {districts_error.map(|e| view! { <p class="error-message">{e}</p> })}
                <crate::accounts::forms::DistrictChecks
                    form="consultation"
                    city_label=locale.texts().city_wide
                    chosen=input.districts.clone()
                />
            </fieldset>
            {select("topic", m.topic, topics, input.topic.clone())}
            {select("unit", m.unit, units, input.unit.clone())}
            <fieldset class="field">
                <legend>{m.schedule}</legend>
                <p class="hint">{m.schedule_hint}</p>
                <Field form="consultation" name="information_starts" label=m.information_starts kind="datetime-local" value=input.information_starts.clone()/>
                <Field form="consultation" name="starts" label=m.starts kind="datetime-local" value=input.starts.clone()/>
                <Field form="consultation" name="ends" label=m.ends kind="datetime-local" value=input.ends.clone()/>
            </fieldset>
            <fieldset class="field">
                <legend>{m.forms}</legend>
                <p class="hint">{m.forms_hint}</p>
                {checkbox("online_remarks", m.online_remarks, input.online_remarks)}
                {checkbox("written_remarks", m.written_remarks, input.written_remarks)}
            </fieldset>
            {checkbox("premoderation", m.premoderation, input.premoderation)}
            <TextArea
                form="consultation"
                name="override_reason"
                label=m.override_reason
                hint=m.override_hint
                value=input.override_reason
                rows=3
                maxlength=MAX_OVERRIDE_CHARS
                required=false
                locale=locale
            />
            <div class="actions">
                <button type="submit" name="intent" value="save" class="button">{m.save}</button>
                <button type="submit" name="intent" value="preview" class="button secondary">{m.show_preview}</button>
            </div>
        </form>
        {data.id.map(|id| view! { <EventsEditor id=id events=data.events.clone() locale=locale/> })}
        {data
            .id
            .map(|id| {
                view! {
                    <crate::media::MediaEditor parent=crate::media::Parent::Consultation(id) items=data.media.clone()/>
                }
            })}
    }
}

/// Publish or unpublish, the public page, and the form for remarks from other channels.
#[component]
fn EditorLinks(id: i64, data: EditorModel, locale: Locale) -> impl IntoView {
    let m = locale.moderation();
    let published = data.published_at.is_some();
    view! {
        <div class="editor-links">
            <p>
                {if published { m.is_published } else { m.is_draft }}
                {data.phase.filter(|_| published).map(|p| view! { " " <PhaseBadge phase=p locale=locale/> })}
            </p>
            <ErrorSummary form="publish"/>
            <form method="post" action=format!("/moderation/consultations/{id}/{}", if published { "unpublish" } else { "publish" }) class="inline">
                <button type="submit" class=if published { "button button-danger" } else { "button" }>
                    {if published { m.unpublish } else { m.publish }}
                </button>
            </form>
            <ul class="link-list">
                {published.then(|| view! { <li><a href=format!("/consultations/{}", data.input.slug)>{m.public_page}</a></li> })}
                <li>
                    <a href=format!("/moderation/consultations/{id}/remarks/new")>{m.enter_remark}</a>
                </li>
                <li>
                    <a href=format!("/moderation/consultations/{id}/answers")>{locale.reports().answers_title}</a>
                </li>
                <li>
                    <a href=format!("/moderation/consultations/{id}/report")>{locale.reports().editor_title}</a>
                </li>
            </ul>
        </div>
    }
}

/// A labelled text area with hint and problem (the multi-line twin of `Field`).
#[component]
pub(crate) fn TextArea(
    form: &'static str,
    name: &'static str,
    label: &'static str,
    value: String,
    rows: u32,
    locale: Locale,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(default = true)] required: bool,
) -> impl IntoView {
    let feedback = feedback_for(form);
    let id = format!("{form}-{name}");
    let error = problem_of(&feedback, name, locale);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described =
        crate::accounts::forms::described_by([hint.map(|_| hint_id.as_str()), error.map(|_| error_id.as_str())]);
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {error.map(|e| view! { <p class="error-message" id=error_id.clone()>{e}</p> })}
            <textarea
                id=id
                name=name
                rows=rows.to_string()
                required=required
                maxlength=maxlength.map(|m| m.to_string())
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described
            >
                {crate::components::textarea_text(&value)}
            </textarea>
        </div>
    }
}

/// The editor's island: as staff type, it shows the text rendered by the server with
/// the same renderer and sanitiser as the public page (a server function), so the
/// preview cannot differ from what residents will see. Replies that arrive out of order
/// are dropped.
///
/// Below the preview, the text's readability (`markdown::readability_hint`), computed
/// by the same server function while the editor types. `id` names the preview's
/// heading (`{id}-heading`), so a form may hold more than one.
#[island]
pub(crate) fn LivePreview(
    id: String,
    initial: String,
    hint: String,
    heading: String,
    children: Children,
) -> impl IntoView {
    let (html, set_html) = signal(initial);
    let (readability, set_readability) = signal(hint);
    let wrapper = NodeRef::<leptos::html::Div>::new();
    let on_input = move |_: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use std::sync::atomic::{AtomicU32, Ordering};
            static LATEST: AtomicU32 = AtomicU32::new(0);
            let Some(area) = wrapper.get_untracked().and_then(|w| w.query_selector("textarea").ok().flatten()) else {
                return;
            };
            use wasm_bindgen::JsCast;
            let Ok(area) = area.dyn_into::<web_sys::HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            let ticket = LATEST.fetch_add(1, Ordering::SeqCst) + 1;
            leptos::task::spawn_local(async move {
                if let Ok((rendered, hint)) = super::api::preview_markdown(text).await {
                    if LATEST.load(Ordering::SeqCst) == ticket {
                        set_html.set(rendered);
                        set_readability.set(hint);
                    }
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (set_html, set_readability, wrapper);
    };
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <div class="live-preview" node_ref=wrapper on:input=on_input>
            {children()}
            <div class="readability" aria-live="polite" inner_html=move || readability.get()></div>
            <section class="preview" aria-labelledby=labelled_by aria-live="polite">
                <h2 id=heading_id>{heading}</h2>
                <div class="prose" lang="pl" inner_html=move || html.get()></div>
            </section>
        </div>
    }
}

#[component]
fn EventsEditor(id: i64, events: Vec<crate::consultations::model::ConsultationEvent>, locale: Locale) -> impl IntoView {
    let m = locale.moderation();
    let feedback = feedback_for("event");
    let chosen = feedback
        .as_ref()
        .and_then(|f| f.values.iter().find(|(n, _)| n == "kind").map(|(_, v)| v.clone()))
        .unwrap_or_default();
    let kind_error = problem_of(&feedback, "kind", locale);
    view! {
        <section aria-labelledby="events-editor" class="stack">
            <h2 id="events-editor">{m.events}</h2>
            {if events.is_empty() {
                view! { <p>{m.no_events}</p> }.into_any()
            } else {
                view! {
                    <ul class="event-list">
                        {events
                            .into_iter()
                            .map(|e| {
                                view! {
                                    <li>
                                        <strong>{event_kind_label(locale, e.kind)}</strong>
                                        ": " {locale.date_time(e.starts_at)} " – " {locale.date_time(e.ends_at)} ", "
                                        <span lang=CONTENT_LANG>{e.place.clone()}</span>
                                        <form method="post" action=format!("/moderation/consultations/{id}/events/{}/delete", e.id) class="inline">
                                            <button type="submit" class="link-button">{m.delete_event}</button>
                                        </form>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <h3>{m.add_event}</h3>
            <ErrorSummary form="event"/>
            <form method="post" action=format!("/moderation/consultations/{id}/events") class="stack narrow" novalidate>
                <div class="field" class:field-error=kind_error.is_some()>
                    <label for="event-kind">{m.event_kind}</label>
                    {kind_error.map(|e| view! { <p class="error-message">{e}</p> })}
                    <select id="event-kind" name="kind" required=true>
                        <option value="" selected=chosen.is_empty()>{m.choose}</option>
                        {EventKind::ALL
                            .into_iter()
                            .map(|k| view! { <option value=k.code() selected=chosen == k.code()>{event_kind_label(locale, k)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <Field form="event" name="starts" label=m.event_starts kind="datetime-local"/>
                <Field form="event" name="ends" label=m.event_ends kind="datetime-local"/>
                <Field form="event" name="place" label=m.event_place maxlength=MAX_PLACE_CHARS/>
                <crate::events::pages::AccessBoxes form="event"/>
                <Field form="event" name="accessibility" label=m.event_accessibility hint=m.event_accessibility_hint required=false maxlength=MAX_PLACE_CHARS/>
                <Field form="event" name="online_url" label=m.event_online_url hint=m.event_online_url_hint kind="url" required=false maxlength=500/>
                <button type="submit" class="button">{m.add_event}</button>
            </form>
        </section>
    }
}

/// `/moderation/consultations/{id}/remarks/new`: a remark received by email, post,
/// ePUAP, at a meeting or by phone, entered so the report covers every channel.
#[component]
pub fn PaperRemarkPage() -> impl IntoView {
    let locale = use_locale();
    let id = use_params_map().get_untracked().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let data = async move { paper_form_data(id).await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <PaperRemarkForm data=data locale=locale/> }.into_any(),
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PaperRemarkForm(data: PaperFormModel, locale: Locale) -> impl IntoView {
    let m = locale.moderation();
    let feedback = feedback_for("paper");
    let typed = |name: &str| {
        feedback
            .as_ref()
            .and_then(|f| f.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()))
            .unwrap_or_default()
    };
    let channel = typed("channel");
    let unit = typed("unit");
    let channel_error = problem_of(&feedback, "channel", locale);
    view! {
        <PageHeading title=m.enter_remark/>
        <p>
            <a href=format!("/moderation/consultations/{}", data.id) lang=CONTENT_LANG>{data.title.clone()}</a>
        </p>
        <DoneNotice/>
        <ErrorSummary form="paper"/>
        <form
            method="post"
            action=format!("/moderation/consultations/{}/remarks", data.id)
            class="stack narrow"
            enctype="multipart/form-data"
            novalidate
        >
            <input type="hidden" name="key" value=Some(typed("key")).filter(|k| !k.is_empty()).unwrap_or(data.key.clone())/>
            <div class="field" class:field-error=channel_error.is_some()>
                <label for="paper-channel">{m.channel}</label>
                {channel_error.map(|e| view! { <p class="error-message">{e}</p> })}
                <select id="paper-channel" name="channel" required=true>
                    <option value="" selected=channel.is_empty()>{m.choose}</option>
                    {Channel::OFFLINE
                        .into_iter()
                        .map(|c| view! { <option value=c.code() selected=channel == c.code()>{channel_label(locale, c)}</option> })
                        .collect_view()}
                </select>
            </div>
            <Field form="paper" name="received" label=m.received kind="date"/>
            <Field form="paper" name="author" label=m.author_as_given hint=m.author_as_given_hint maxlength=MAX_AUTHOR_CHARS/>
            {(!data.units.is_empty())
                .then(|| {
                    view! {
                        <div class="field">
                            <label for="paper-unit">{m.unit_of_act}</label>
                            <select id="paper-unit" name="unit">
                                <option value="" selected=unit.is_empty()>{m.whole_consultation}</option>
                                {data
                                    .units
                                    .iter()
                                    .map(|(anchor, label)| view! { <option value=anchor.clone() selected=unit == *anchor>{label.clone()}</option> })
                                    .collect_view()}
                            </select>
                        </div>
                    }
                })}
            <TextArea form="paper" name="body" label=m.remark_text hint=m.remark_text_hint value=typed("body") rows=10 locale=locale/>
            <Field form="paper" name="attachment" label=m.attachment hint=m.attachment_hint required=false maxlength=200/>
            <crate::media::FileField form="paper" name="scan" label=locale.media().scan_label hint=locale.media().scan_hint/>
            <button type="submit" class="button">{m.save_remark}</button>
        </form>
    }
}

/// `/moderation/remarks`: flagged remarks (most flags first), remarks waiting for
/// approval, and hidden ones that can be restored.
#[component]
pub fn ModerationQueue() -> impl IntoView {
    let locale = use_locale();
    let m = locale.moderation();
    let data = async move { moderation_queue().await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(items) => {
                        let (flagged, rest): (Vec<_>, Vec<_>) = items.into_iter().partition(|i| i.remark.state == RemarkState::Visible);
                        let (pending, hidden): (Vec<_>, Vec<_>) = rest.into_iter().partition(|i| i.remark.state == RemarkState::Pending);
                        view! {
                            <PageHeading title=m.queue_title/>
                            <DoneNotice/>
                            <ErrorSummary form="moderate"/>
                            <QueueSection id="flagged" title=m.flagged items=flagged empty=m.nothing_flagged locale=locale/>
                            <QueueSection id="pending" title=m.pending items=pending empty=m.nothing_pending locale=locale/>
                            <QueueSection id="hidden" title=m.hidden items=hidden empty=m.nothing_hidden locale=locale/>
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueSection(
    id: &'static str,
    title: &'static str,
    items: Vec<QueueItem>,
    empty: &'static str,
    locale: Locale,
) -> impl IntoView {
    view! {
        <section aria-labelledby=format!("{id}-heading")>
            <h2 id=format!("{id}-heading")>{title} " (" {items.len()} ")"</h2>
            {if items.is_empty() {
                view! { <p>{empty}</p> }.into_any()
            } else {
                view! {
                    <ol class="queue">
                        {items.into_iter().map(|item| view! { <QueueEntry item=item locale=locale/> }).collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn QueueEntry(item: QueueItem, locale: Locale) -> impl IntoView {
    let m = locale.moderation();
    let remark = item.remark;
    let id = remark.id;
    let state = remark.state;
    let href = format!("/consultations/{}#remark-{id}", item.consultation_slug);
    view! {
        <li class="queue-item" id=format!("queue-{id}")>
            <article aria-labelledby=format!("queue-{id}-by")>
                <p class="remark-meta" id=format!("queue-{id}-by")>
                    <AuthorLine author=remark.author.clone() channel=remark.channel locale=locale/>
                    " · " {locale.date_time(remark.created_at)} " · "
                    <a href=href lang=CONTENT_LANG>{item.consultation_title.clone()}</a>
                    {remark.unit_anchor.clone().map(|a| view! { " · " {anchor_label(&a)} })}
                </p>
                {(state == RemarkState::Hidden)
                    .then(|| view! { <p class="placeholder">{m.hidden_because} ": " {remark.moderation_reason.clone().unwrap_or_default()}</p> })}
                <div class="prose" lang=CONTENT_LANG inner_html=remark.body_html.clone().unwrap_or_default()></div>
                {(!item.flags.is_empty())
                    .then(|| {
                        view! {
                            <ul class="flags" aria-label=m.flags>
                                {item
                                    .flags
                                    .iter()
                                    .map(|(reason, note)| {
                                        let label = FlagReason::parse(reason).map(|r| flag_reason_label(locale, r)).unwrap_or_default();
                                        view! { <li>{label} {note.clone().map(|n| view! { ": " <q>{n}</q> })}</li> }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })}
                <div class="queue-actions">
                    {(state != RemarkState::Hidden)
                        .then(|| {
                            view! {
                                <form method="post" action=format!("/moderation/remarks/{id}/hide") class="inline-field">
                                    <label for=format!("hide-{id}")>{m.hide_reason}</label>
                                    <input id=format!("hide-{id}") name="reason" type="text" required=true maxlength=MAX_REASON_CHARS.to_string()/>
                                    <button type="submit" class="button button-danger">{m.hide}</button>
                                </form>
                            }
                        })}
                    <form method="post" action=format!("/moderation/remarks/{id}/restore") class="inline">
                        <button type="submit" class="button secondary">
                            {match state {
                                RemarkState::Pending => m.approve,
                                RemarkState::Hidden => m.restore,
                                _ => m.dismiss_flags,
                            }}
                        </button>
                    </form>
                    {item
                        .author_id
                        .map(|author| {
                            view! {
                                <form method="post" action=format!("/moderation/users/{author}/block") class="inline-field">
                                    <label for=format!("block-{id}")>{m.block_days}</label>
                                    <select id=format!("block-{id}") name="days">
                                        <option value="1">"1"</option>
                                        <option value="7" selected=true>"7"</option>
                                        <option value="30">"30"</option>
                                        <option value="0">{m.lift_block}</option>
                                    </select>
                                    <button type="submit" class="button secondary">{m.block}</button>
                                </form>
                            }
                        })}
                </div>
            </article>
        </li>
    }
    // Erased here: the queue's nested view types are otherwise too deep for the
    // compiler's layout queries in the optimised browser build.
    .into_any()
}
