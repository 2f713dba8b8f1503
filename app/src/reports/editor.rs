//! `/moderation/consultations/{id}/report`: DK-04 writes the report's summary, enters
//! the attendance at meetings, publishes (or publishes a correction with a change
//! note), and, for a draft act, enters the adopted text. Plain forms.

use super::api::report_draft;
use super::document::ReportDraftModel;
use super::document::{MAX_ADOPTED_CHARS, MAX_CHANGE_NOTE_CHARS, MAX_NARRATIVE_CHARS};
use crate::accounts::forms::{feedback_for, DoneNotice, ErrorSummary, Field};
use crate::accounts::pages::{refusal, PageHeading};
use crate::components::consultation_card::CONTENT_LANG;
use crate::components::layout::use_locale;
use crate::consultations::model::Kind;
use crate::consultations::pages::event_kind_label;
use crate::domain::consultation_phase::Phase;
use crate::i18n::Locale;
use crate::moderation::pages::TextArea;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ReportEditorPage() -> impl IntoView {
    let locale = use_locale();
    let id = use_params_map().get_untracked().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match report_draft(id).await {
                    Ok(model) => view! { <Editor model=model locale=locale/> }.into_any(),
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

/// What was typed in `form`'s field `name`, when that form was refused.
fn typed(form: &'static str, name: &str) -> Option<String> {
    feedback_for(form).and_then(|f| f.values.into_iter().find(|(n, _)| n == name).map(|(_, v)| v))
}

#[component]
fn Editor(model: ReportDraftModel, locale: Locale) -> impl IntoView {
    let t = locale.reports();
    let closed = matches!(model.phase, Phase::Closed | Phase::ReportPublished);
    let latest = model.latest.clone();
    let base_version = latest.as_ref().map_or(0, |v| v.version);
    let narrative = typed("report", "narrative").unwrap_or(model.narrative.clone());
    let progress = model.progress;
    let attendance_error = feedback_for("report")
        .and_then(|f| f.errors.into_iter().find(|e| e.field == "attendance"))
        .map(|e| locale.problem(&e.message));
    let events = model.events.clone();
    let publish_label = if latest.is_some() { t.publish_correction } else { t.publish };
    view! {
        <PageHeading title=t.editor_title/>
        <p>
            <a href=format!("/moderation/consultations/{}", model.id) lang=CONTENT_LANG>{model.title.clone()}</a>
            " · "
            <a href=format!("/moderation/consultations/{}/answers", model.id)>{t.answers_link}</a>
        </p>
        <p class="lead">{t.editor_lead}</p>
        <DoneNotice/>
        <p class="progress-line">
            <strong>{format!("{}: {} {} {}", t.answered, progress.answered, t.of, progress.total)}</strong>
        </p>
        {latest
            .map(|v| {
                view! {
                    <p>
                        {format!("{} {} · {} ", t.latest_published, v.version, locale.date(v.published_at))}
                        <a href=format!("/consultations/{}/report", model.slug)>{t.view_report}</a>
                    </p>
                }
            })}
        {(!closed).then(|| view! { <p class="notice">{t.problem_report_not_closed}</p> })}
        <ErrorSummary form="report"/>
        <form method="post" action=format!("/moderation/consultations/{}/report", model.id) class="stack" novalidate>
            <input type="hidden" name="base_version" value=base_version.to_string()/>
            <TextArea
                form="report"
                name="narrative"
                label=t.narrative
                hint=t.narrative_hint
                value=narrative
                rows=12
                maxlength=MAX_NARRATIVE_CHARS
                locale=locale
            />
            {(!events.is_empty())
                .then(|| {
                    view! {
                        <fieldset class="field" class:field-error=attendance_error.is_some()>
                            <legend>{t.attendance_legend}</legend>
                            <p class="hint">{t.attendance_hint}</p>
                            {attendance_error.map(|e| view! { <p class="error-message">{e}</p> })}
                            {events
                                .into_iter()
                                .enumerate()
                                .map(|(i, (event, kind, starts_at, place, count))| {
                                    let name = format!("attendance-{event}");
                                    let input_id = if i == 0 { "report-attendance".to_owned() } else { format!("report-{name}") };
                                    let value = typed("report", &name).unwrap_or_else(|| count.map(|n| n.to_string()).unwrap_or_default());
                                    view! {
                                        <div class="field inline">
                                            <label for=input_id.clone()>
                                                {format!("{}, {} – ", event_kind_label(locale, kind), locale.date_time(starts_at))}
                                                <span lang=CONTENT_LANG>{place}</span>
                                                {format!(": {}", t.attendance)}
                                            </label>
                                            <input id=input_id type="number" min="0" inputmode="numeric" name=name value=value class="short"/>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </fieldset>
                    }
                })}
            {(base_version > 0)
                .then(|| {
                    view! {
                        <TextArea
                            form="report"
                            name="change_note"
                            label=t.change_note_label
                            hint=t.change_note_hint
                            value=typed("report", "change_note").unwrap_or_default()
                            rows=3
                            maxlength=MAX_CHANGE_NOTE_CHARS
                            locale=locale
                        />
                    }
                })}
            {(!progress.complete())
                .then(|| {
                    view! {
                        <TextArea
                            form="report"
                            name="override_reason"
                            label=t.override_label
                            hint=t.override_hint
                            value=typed("report", "override_reason").unwrap_or_default()
                            rows=3
                            required=false
                            locale=locale
                        />
                    }
                })}
            <div class="actions">
                <button type="submit" name="intent" value="save" class="button secondary">{t.save_draft}</button>
                {closed.then(|| view! { <button type="submit" name="intent" value="publish" class="button">{publish_label}</button> })}
            </div>
        </form>
        {(model.kind == Kind::DraftAct).then(|| view! { <AdoptedForm model=model.clone() locale=locale/> })}
    }
    .into_any()
}

#[component]
fn AdoptedForm(model: ReportDraftModel, locale: Locale) -> impl IntoView {
    let t = locale.reports();
    let (title, body) = model.adopted.clone().map(|(title, body, _)| (title, body)).unwrap_or_default();
    let body = typed("adopted", "body").unwrap_or(body);
    view! {
        <section aria-labelledby="adopted-heading" class="stack">
            <h2 id="adopted-heading">{t.adopted_legend}</h2>
            <p class="hint">{t.adopted_hint}</p>
            <ErrorSummary form="adopted"/>
            <form method="post" action=format!("/moderation/consultations/{}/adopted-act", model.id) class="stack" novalidate>
                <Field form="adopted" name="title" label=t.adopted_title value=title maxlength=300/>
                <TextArea
                    form="adopted"
                    name="body"
                    label=t.adopted_body
                    value=body
                    rows=12
                    maxlength=MAX_ADOPTED_CHARS
                    locale=locale
                />
                <button type="submit" class="button secondary">{t.save_adopted}</button>
            </form>
        </section>
    }
}
