//! How a draft act and a consultation's remarks are shown and written. Everything is
//! server HTML and plain forms: replying, flagging and editing open their form through
//! a link (`?reply=12#remark-12`), so they work without JavaScript and on a phone, where
//! selecting a range of text is impractical; a unit of the act is commented on through
//! its own "Comment" link, never by selecting text.

use super::api::Discussion;
use super::model::{Author, Participation, Remark, Thread};
use crate::accounts::forms::{feedback_for, ErrorSummary, FormFeedback};
use crate::accounts::model::OrganisationKind;
use crate::accounts::pages::url_encode;
use crate::components::consultation_card::CONTENT_LANG;
use crate::domain::act::{Block, Unit, UnitKind};
use crate::domain::consultation_phase::Phase;
use crate::domain::remark::{Channel, FlagReason, RemarkState, Sort, MAX_CHARS, MAX_REASON_CHARS};
use crate::domain::warsaw_time;
use crate::i18n::Locale;
use leptos::prelude::*;
use std::sync::Arc;

/// What the query string asks of the thread: which unit, order and page, and which
/// remark's reply, flag or edit form is open.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ThreadParams {
    pub unit: Option<String>,
    pub sort: Sort,
    pub after: Option<String>,
    pub reply: Option<i64>,
    pub flag: Option<i64>,
    pub edit: Option<i64>,
}

impl ThreadParams {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let id = |name: &str| get(name).and_then(|v| v.parse::<i64>().ok());
        Self {
            unit: get("unit").filter(|u| crate::domain::act::is_anchor_shaped(u)),
            sort: Sort::parse(get("sort").as_deref()),
            after: get("after").filter(|a| crate::domain::remark::Cursor::parse(a).is_some()),
            reply: id("reply"),
            flag: id("flag"),
            edit: id("edit"),
        }
    }
}

/// The page's address with these thread settings (nothing else), e.g.
/// `/consultations/x?unit=par-2&sort=oldest`.
pub fn thread_href(slug: &str, unit: Option<&str>, sort: Sort, extra: Option<(&str, String)>) -> String {
    let mut pairs: Vec<(String, String)> = Vec::new();
    if let Some(unit) = unit {
        pairs.push(("unit".into(), unit.to_owned()));
    }
    if sort != Sort::default() {
        pairs.push(("sort".into(), sort.code().to_owned()));
    }
    if let Some((name, value)) = extra {
        pairs.push((name.to_owned(), value));
    }
    let query: Vec<String> = pairs.into_iter().map(|(k, v)| format!("{k}={}", url_encode(&v))).collect();
    if query.is_empty() {
        format!("/consultations/{slug}")
    } else {
        format!("/consultations/{slug}?{}", query.join("&"))
    }
}

/// A draft act, unit by unit, each with its remark count and a link to comment on it.
#[component]
pub fn ActText(blocks: Vec<Block>, slug: String, thread: Thread, locale: Locale) -> impl IntoView {
    let r = locale.remarks();
    // Shared by every unit's links (an act has dozens of units; the thread is large).
    let thread = Arc::new(thread);
    let chapters = blocks.iter().any(|b| matches!(b, Block::Unit(u) if u.kind == UnitKind::Chapter));
    view! {
        <section aria-labelledby="act-heading" class="act" lang=CONTENT_LANG>
            <h2 id="act-heading" lang=locale.tag()>{r.act_heading}</h2>
            <p class="hint" lang=locale.tag()>{r.act_hint}</p>
            {blocks
                .into_iter()
                .map(|block| match block {
                    Block::Text(html) => view! { <div class="prose" inner_html=html></div> }.into_any(),
                    Block::Unit(unit) => {
                        view! { <ActUnit unit=unit slug=slug.clone() thread=thread.clone() chapters=chapters locale=locale/> }
                            .into_any()
                    }
                })
                .collect_view()}
        </section>
    }
}

#[component]
fn ActUnit(unit: Unit, slug: String, thread: Arc<Thread>, chapters: bool, locale: Locale) -> impl IntoView {
    let heading = unit.heading.clone().unwrap_or_else(|| unit.label.clone());
    // The act sits under its <h2>: the text's top headings are <h3>, deeper ones follow
    // (as the markdown renderer does for the text between units). A unit written
    // without a heading goes under its chapter, if the act has chapters.
    let level = match (unit.heading_level, unit.kind) {
        (Some(level), _) => usize::from(level) + 2,
        (None, UnitKind::Paragraph) if chapters => 4,
        (None, _) => 3,
    };
    let heading_id = format!("{}-heading", unit.anchor);
    let title = match level {
        ..=3 => view! { <h3 id=heading_id.clone()>{heading}</h3> }.into_any(),
        4 => view! { <h4 id=heading_id.clone()>{heading}</h4> }.into_any(),
        5 => view! { <h5 id=heading_id.clone()>{heading}</h5> }.into_any(),
        _ => view! { <h6 id=heading_id.clone()>{heading}</h6> }.into_any(),
    };
    let points = unit.points.clone();
    view! {
        <section id=unit.anchor.clone() class=format!("act-unit act-{}", kind_class(unit.kind)) aria-labelledby=heading_id>
            {title}
            {(!unit.text.is_empty()).then(|| view! { <div class="prose" inner_html=unit.text.clone()></div> })}
            <UnitTools unit=unit.clone() slug=slug.clone() thread=thread.clone() locale=locale/>
            {(!points.is_empty())
                .then(|| {
                    view! {
                        <ol class="act-points">
                            {points
                                .into_iter()
                                .map(|p| {
                                    let number = p.label.rsplit(' ').next().unwrap_or_default().to_owned();
                                    let (anchor, text) = (p.anchor.clone(), p.text.clone());
                                    view! {
                                        <li id=anchor class="act-point">
                                            <span class="act-point-number" aria-hidden="true">{format!("{number})")}</span>
                                            <div class="prose" inner_html=text></div>
                                            <UnitTools unit=p slug=slug.clone() thread=thread.clone() locale=locale/>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                })}
        </section>
    }
}

fn kind_class(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Chapter => "chapter",
        UnitKind::Paragraph => "paragraph",
        UnitKind::Point => "point",
    }
}

/// A unit's remark count and its "Comment on § 2" link (a real link: phones need no
/// text selection).
#[component]
fn UnitTools(unit: Unit, slug: String, thread: Arc<Thread>, locale: Locale) -> impl IntoView {
    let r = locale.remarks();
    let count = thread.count_for(&unit.anchor);
    let href = format!("{}#remarks", thread_href(&slug, Some(&unit.anchor), thread.sort, None));
    view! {
        <p class="unit-tools" lang=locale.tag()>
            <a href=href class="unit-comment">
                {r.comment_on}
                " "
                <span lang=CONTENT_LANG>{unit.label}</span>
            </a>
            <span class="unit-count">{locale.count(u64::try_from(count).unwrap_or(0), r.remarks_count)}</span>
        </p>
    }
}

/// The remarks of a consultation: the form, the order, the list and the next page.
#[component]
pub fn RemarksSection(
    discussion: Discussion,
    slug: String,
    phase: Phase,
    ends_at: i64,
    /// The label of the unit the view is narrowed to ("§ 2 pkt 1").
    unit_label: Option<String>,
    params: ThreadParams,
    locale: Locale,
) -> impl IntoView {
    let r = locale.remarks();
    let Discussion { thread, participation, form_key } = discussion;
    let unit = thread.unit.clone();
    let heading = match &unit_label {
        Some(label) => format!("{} {label}", r.remarks_on),
        None => r.remarks_heading.to_owned(),
    };
    let sort_links = Sort::ALL
        .into_iter()
        .map(|s| {
            let href = format!("{}#remarks", thread_href(&slug, unit.as_deref(), s, None));
            let current = (s == thread.sort).then_some("true");
            view! {
                <li>
                    <a href=href aria-current=current>{sort_label(locale, s)}</a>
                </li>
            }
        })
        .collect_view();
    let next = thread.next.map(|c| {
        format!("{}#remarks", thread_href(&slug, unit.as_deref(), thread.sort, Some(("after", c.to_param()))))
    });
    let first_page =
        params.after.is_some().then(|| format!("{}#remarks", thread_href(&slug, unit.as_deref(), thread.sort, None)));
    let total = u64::try_from(thread.total).unwrap_or(0);
    let remarks = thread.remarks.clone();
    let ctx = ItemContext {
        slug: slug.clone(),
        participation: participation.clone(),
        params,
        form_key: form_key.clone(),
        locale,
    };
    view! {
        <section id="remarks" class="remarks" aria-labelledby="remarks-heading" tabindex="-1">
            <h2 id="remarks-heading">
                {heading}
                " "
                <span class="count">{format!("({})", thread.total)}</span>
            </h2>
            {unit
                .as_ref()
                .map(|_| {
                    view! {
                        <p>
                            <a href=format!("{}#remarks", thread_href(&slug, None, thread.sort, None))>
                                {r.all_remarks} " (" {thread.all_count} ")"
                            </a>
                        </p>
                    }
                })}
            <crate::accounts::forms::DoneNotice/>
            <PhaseNote phase=phase ends_at=ends_at participation=participation.clone() slug=slug.clone() locale=locale/>
            {(!participation.may_write).then(|| view! { <KeptText locale=locale/> })}
            {participation
                .may_write
                .then(|| {
                    view! {
                        <RemarkForm
                            slug=slug.clone()
                            unit=unit.clone()
                            unit_label=unit_label.clone()
                            participation=participation.clone()
                            form_key=form_key.clone()
                            locale=locale
                        />
                    }
                })}
            <nav class="sort" aria-label=r.sort_label>
                <span>{r.sort_label} ": "</span>
                <ul>{sort_links}</ul>
            </nav>
            <p class="results-count">{locale.count(total, r.remarks_count)}</p>
            {first_page.map(|href| view! { <p><a href=href>{r.first_page}</a></p> })}
            <ol class="remark-list">
                {remarks
                    .into_iter()
                    .map(|remark| view! { <RemarkItem remark=remark ctx=ctx.clone() top_level=true/> })
                    .collect_view()}
            </ol>
            {next.map(|href| view! { <p class="more"><a href=href class="button secondary">{r.load_more}</a></p> })}
        </section>
    }
}

fn sort_label(locale: Locale, sort: Sort) -> &'static str {
    let r = locale.remarks();
    match sort {
        Sort::Newest => r.sort_newest,
        Sort::Oldest => r.sort_oldest,
        Sort::MostSupported => r.sort_supported,
    }
}

/// Why the form is or is not there: not open yet, closed, sign in first, blocked.
#[component]
fn PhaseNote(phase: Phase, ends_at: i64, participation: Participation, slug: String, locale: Locale) -> impl IntoView {
    let r = locale.remarks();
    let until = |at: i64| view! { <time datetime=warsaw_time::iso_date(at)>{locale.date_time(at)}</time> };
    match phase {
        Phase::Open if !participation.signed_in => {
            let next = url_encode(&format!("/consultations/{slug}#remarks"));
            view! {
                <p class="notice">
                    <a href=format!("/signin?next={next}")>{r.sign_in_to_comment}</a>
                    " " {r.open_until} " " {until(ends_at)}
                </p>
            }
            .into_any()
        }
        Phase::Open => match participation.blocked_until {
            Some(at) => {
                view! { <p class="notice warning" role="status">{r.blocked_until} " " {until(at)}</p> }.into_any()
            }
            None => view! {
                <p class="hint">
                    {r.open_until} " " {until(ends_at)}
                    {participation.premoderation.then(|| format!(" {}", r.premoderated))}
                </p>
            }
            .into_any(),
        },
        Phase::Announced | Phase::Scheduled => view! { <p class="notice">{r.not_open_yet}</p> }.into_any(),
        Phase::Closed | Phase::ReportPublished => view! { <p class="notice">{r.closed}</p> }.into_any(),
    }
}

/// A refused remark when no form can take it back (the consultation closed meanwhile,
/// or the writer was blocked): the message and the text, ready to copy, so nothing
/// typed is lost.
#[component]
fn KeptText(locale: Locale) -> impl IntoView {
    let r = locale.remarks();
    let feedback = feedback_for("remark").or_else(|| feedback_for("reply")).filter(FormFeedback::has_errors)?;
    let text = feedback.values.iter().find(|(n, _)| n == "body").map(|(_, v)| v.clone()).unwrap_or_default();
    let message = feedback.errors.first().map(|e| locale.problem(&e.message)).unwrap_or_default();
    Some(view! {
        <div class="error-summary" role="alert" tabindex="-1">
            <p class="error-message" id="remark-kept-error">{message}</p>
            <label for="remark-body">{r.your_remark}</label>
            <textarea id="remark-body" readonly=true rows="6" aria-describedby="remark-kept-error">
                {crate::components::textarea_text(&text)}
            </textarea>
        </div>
    })
}

/// The new-remark form: on the whole consultation or on one unit, signed by the person
/// or on behalf of one of their organisations.
#[component]
fn RemarkForm(
    slug: String,
    unit: Option<String>,
    unit_label: Option<String>,
    participation: Participation,
    form_key: String,
    locale: Locale,
) -> impl IntoView {
    let r = locale.remarks();
    let feedback = feedback_for("remark");
    let label = match &unit_label {
        Some(l) => format!("{} {l}", r.your_remark_on),
        None => r.your_remark.to_owned(),
    };
    view! {
        <form method="post" action=format!("/consultations/{slug}/remarks") class="remark-form" id="remark-form">
            <ErrorSummary form="remark"/>
            <input type="hidden" name="key" value=form_key/>
            {unit.map(|u| view! { <input type="hidden" name="unit" value=u/> })}
            <BodyField form="remark" label=label feedback=feedback.clone() value=None locale=locale/>
            <SignAs form="remark" participation=participation feedback=feedback locale=locale/>
            <button type="submit" class="button">{r.submit_remark}</button>
        </form>
    }
}

/// The remark's text area with its hint, limit and problem.
#[component]
fn BodyField(
    form: &'static str,
    label: String,
    feedback: Option<FormFeedback>,
    value: Option<String>,
    locale: Locale,
    #[prop(optional)] suffix: Option<i64>,
) -> impl IntoView {
    let r = locale.remarks();
    let id = match suffix {
        Some(n) => format!("{form}-{n}-body"),
        None => format!("{form}-body"),
    };
    let error =
        feedback.as_ref().and_then(|f| f.errors.iter().find(|e| e.field == "body")).map(|e| locale.problem(&e.message));
    let typed = feedback.as_ref().and_then(|f| f.values.iter().find(|(n, _)| n == "body").map(|(_, v)| v.clone()));
    let value = typed.or(value).unwrap_or_default();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = if error.is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() };
    // The summary links to `#<form>-body`; the first field of a form gets that id.
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for=id.clone()>{label}</label>
            <p class="hint" id=hint_id>{r.body_hint}</p>
            {error.map(|e| view! { <p class="error-message" id=error_id.clone()>{e}</p> })}
            <textarea
                id=id
                name="body"
                rows="6"
                maxlength=MAX_CHARS.to_string()
                required=true
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described
            >
                {crate::components::textarea_text(&value)}
            </textarea>
        </div>
    }
}

/// "Sign as": the person, or one of the organisations they belong to.
#[component]
fn SignAs(
    form: &'static str,
    participation: Participation,
    feedback: Option<FormFeedback>,
    locale: Locale,
) -> impl IntoView {
    let r = locale.remarks();
    if participation.organisations.is_empty() {
        return ().into_any();
    }
    let chosen = feedback
        .as_ref()
        .and_then(|f| f.values.iter().find(|(n, _)| n == "on_behalf").map(|(_, v)| v.clone()))
        .unwrap_or_default();
    let error = feedback
        .as_ref()
        .and_then(|f| f.errors.iter().find(|e| e.field == "on_behalf"))
        .map(|e| locale.problem(&e.message));
    view! {
        <fieldset class="field sign-as" class:field-error=error.is_some()>
            <legend>{r.sign_as}</legend>
            {error.map(|e| view! { <p class="error-message">{e}</p> })}
            // The error summary links to `#<form>-on_behalf`: the first choice.
            <div class="choice">
                <input type="radio" id=format!("{form}-on_behalf") name="on_behalf" value="" checked=chosen.is_empty()/>
                <label for=format!("{form}-on_behalf")>{r.sign_as_myself}</label>
            </div>
            {participation
                .organisations
                .into_iter()
                .map(|(id, name, kind)| {
                    let input_id = format!("{form}-on-behalf-{id}");
                    let checked = chosen == id.to_string();
                    view! {
                        <div class="choice">
                            <input type="radio" id=input_id.clone() name="on_behalf" value=id.to_string() checked=checked/>
                            <label for=input_id>
                                <span lang=CONTENT_LANG>{name}</span>
                                " (" {organisation_kind_label(locale, kind)} ")"
                            </label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
    .into_any()
}

pub fn organisation_kind_label(locale: Locale, kind: OrganisationKind) -> &'static str {
    let r = locale.remarks();
    match kind {
        OrganisationKind::Ngo => r.badge_ngo,
        OrganisationKind::DistrictCouncil => r.badge_district_council,
    }
}

pub fn channel_label(locale: Locale, channel: Channel) -> &'static str {
    let r = locale.remarks();
    match channel {
        Channel::Online => r.channel_online,
        Channel::Email => r.channel_email,
        Channel::Post => r.channel_post,
        Channel::Epuap => r.channel_epuap,
        Channel::Meeting => r.channel_meeting,
        Channel::Phone => r.channel_phone,
    }
}

#[derive(Clone)]
struct ItemContext {
    slug: String,
    participation: Participation,
    params: ThreadParams,
    form_key: String,
    locale: Locale,
}

/// The author line: a person, an organisation with its badge, or a name as given.
#[component]
pub fn AuthorLine(author: Author, channel: Channel, locale: Locale) -> impl IntoView {
    let r = locale.remarks();
    let who = match author {
        Author::Person { name: Some(name) } => view! { <span class="author">{name}</span> }.into_any(),
        Author::Person { name: None } => view! { <span class="author deleted">{r.deleted_author}</span> }.into_any(),
        Author::Organisation { name, kind, signed_by } => view! {
            <span class="author organisation">{name}</span>
            " "
            <span class=format!("badge badge-{}", kind.code())>{organisation_kind_label(locale, kind)}</span>
            {signed_by.map(|person| view! { " " <span class="signed-by">{r.signed_by} " " {person}</span> })}
        }
        .into_any(),
        Author::AsGiven { name } => view! { <span class="author">{name}</span> }.into_any(),
    };
    view! {
        {who}
        {(channel != Channel::Online)
            .then(|| view! { " " <span class="badge badge-channel">{channel_label(locale, channel)}</span> })}
    }
}

#[component]
fn RemarkItem(remark: Remark, ctx: ItemContext, top_level: bool) -> impl IntoView {
    let locale = ctx.locale;
    let r = locale.remarks();
    let id = remark.id;
    let when = remark.created_at;
    let state = remark.state;
    let replies = remark.replies.clone();
    let on_unit = remark.unit_anchor.clone().filter(|_| top_level && ctx.params.unit.is_none());
    let body = match state {
        RemarkState::Withdrawn => view! { <p class="placeholder">{r.withdrawn}</p> }.into_any(),
        RemarkState::Hidden => view! {
            <p class="placeholder">{r.hidden_by_moderator} ": " <span lang=CONTENT_LANG>{remark.moderation_reason.clone().unwrap_or_default()}</span></p>
            {remark.body_html.clone().map(|html| view! { <div class="prose staff-only" inner_html=html></div> })}
        }
        .into_any(),
        RemarkState::Pending | RemarkState::Visible => view! {
            {(state == RemarkState::Pending).then(|| view! { <p class="badge badge-pending">{r.awaiting_moderation}</p> })}
            <div class="prose" lang=CONTENT_LANG inner_html=remark.body_html.clone().unwrap_or_default()></div>
        }
        .into_any(),
    };
    // A refused edit (the 15 minutes ran out meanwhile) shows the form once more, with
    // the message and the typed text, so the author can copy it.
    let editing = ctx.params.edit == Some(id) && (remark.editable || (remark.mine && feedback_for("edit").is_some()));
    view! {
        <li id=format!("remark-{id}") class="remark" class:remark-placeholder=matches!(state, RemarkState::Hidden | RemarkState::Withdrawn)>
            <article aria-labelledby=format!("remark-{id}-by")>
                <header class="remark-meta" id=format!("remark-{id}-by")>
                    <AuthorLine author=remark.author.clone() channel=remark.channel locale=locale/>
                    " · "
                    <time datetime=warsaw_time::iso_date(when)>{locale.date_time(when)}</time>
                    {remark.edited_at.map(|_| view! { " · " <span>{r.edited}</span> })}
                    {on_unit
                        .map(|anchor| {
                            view! {
                                " · "
                                <a href=format!("{}#{anchor}", thread_href(&ctx.slug, None, Sort::default(), None))>{r.on_unit} " " {anchor_label(&anchor)}</a>
                            }
                        })}
                </header>
                {if editing { view! { <EditForm remark=remark.clone() ctx=ctx.clone()/> }.into_any() } else { body }}
                {matches!(state, RemarkState::Visible).then(|| view! { <RemarkActions remark=remark.clone() ctx=ctx.clone() top_level=top_level/> })}
                {(ctx.params.reply == Some(id) && top_level && ctx.participation.may_write)
                    .then(|| view! { <ReplyForm parent=id ctx=ctx.clone()/> })}
                {(ctx.params.flag == Some(id) && ctx.participation.signed_in).then(|| view! { <FlagForm remark=id ctx=ctx.clone()/> })}
            </article>
            {(!replies.is_empty())
                .then(|| {
                    view! {
                        <ol class="replies" aria-label=r.replies>
                            {replies
                                .into_iter()
                                .map(|reply| view! { <RemarkItem remark=reply ctx=ctx.clone() top_level=false/> }.into_any())
                                .collect_view()}
                        </ol>
                    }
                })}
        </li>
    }
}

/// "par-2-pkt-1" as people cite it: "§ 2 pkt 1" (chapters: "Rozdział I").
pub fn anchor_label(anchor: &str) -> String {
    let mut parts = anchor.split('-');
    let mut out = Vec::new();
    while let Some(part) = parts.next() {
        match part {
            "par" => out.push(format!("§ {}", parts.next().unwrap_or_default())),
            "pkt" => out.push(format!("pkt {}", parts.next().unwrap_or_default())),
            "rozdzial" => out.push(format!("Rozdział {}", parts.next().unwrap_or_default().to_uppercase())),
            _ => {}
        }
    }
    out.join(" ")
}

/// Support, reply, flag, edit and withdraw: each a link to a form or a one-button form.
#[component]
fn RemarkActions(remark: Remark, ctx: ItemContext, top_level: bool) -> impl IntoView {
    let locale = ctx.locale;
    let r = locale.remarks();
    let id = remark.id;
    let here = |name: &str| {
        format!(
            "{}#remark-{id}",
            thread_href(&ctx.slug, ctx.params.unit.as_deref(), ctx.params.sort, Some((name, id.to_string())))
        )
    };
    let support_label =
        format!("{} ({})", if remark.supported_by_me { r.unsupport } else { r.support }, remark.support_count);
    view! {
        <div class="remark-actions">
            {if ctx.participation.signed_in && !remark.mine {
                view! {
                    <form method="post" action=format!("/remarks/{id}/support") class="inline">
                        <input type="hidden" name="support" value=if remark.supported_by_me { "no" } else { "yes" }/>
                        <button type="submit" class="link-button" aria-pressed=if remark.supported_by_me { "true" } else { "false" }>
                            {support_label}
                        </button>
                    </form>
                }
                    .into_any()
            } else {
                view! { <span class="support-count">{r.supports} ": " {remark.support_count}</span> }.into_any()
            }}
            {(top_level && ctx.participation.may_write).then(|| view! { <a href=here("reply")>{r.reply}</a> })}
            {(ctx.participation.signed_in && !remark.mine).then(|| view! { <a href=here("flag")>{r.flag}</a> })}
            {remark.editable.then(|| view! { <a href=here("edit")>{r.edit}</a> })}
            {remark
                .mine
                .then(|| {
                    view! {
                        <form method="post" action=format!("/remarks/{id}/withdraw") class="inline">
                            <button type="submit" class="link-button">{r.withdraw}</button>
                        </form>
                    }
                })}
        </div>
    }
}

#[component]
fn ReplyForm(parent: i64, ctx: ItemContext) -> impl IntoView {
    let locale = ctx.locale;
    let r = locale.remarks();
    let feedback = feedback_for("reply");
    view! {
        <form method="post" action=format!("/consultations/{}/remarks", ctx.slug) class="remark-form reply-form">
            <ErrorSummary form="reply"/>
            <input type="hidden" name="key" value=ctx.form_key.clone()/>
            <input type="hidden" name="parent" value=parent.to_string()/>
            <BodyField form="reply" label=r.your_reply.to_owned() feedback=feedback.clone() value=None locale=locale/>
            <SignAs form="reply" participation=ctx.participation.clone() feedback=feedback locale=locale/>
            <button type="submit" class="button">{r.submit_reply}</button>
            " "
            <a href=format!("{}#remark-{parent}", thread_href(&ctx.slug, ctx.params.unit.as_deref(), ctx.params.sort, None))>{r.cancel}</a>
        </form>
    }
}

#[component]
fn EditForm(remark: Remark, ctx: ItemContext) -> impl IntoView {
    let locale = ctx.locale;
    let r = locale.remarks();
    let feedback = feedback_for("edit");
    view! {
        <form method="post" action=format!("/remarks/{}/edit", remark.id) class="remark-form">
            <ErrorSummary form="edit"/>
            <BodyField form="edit" label=r.edit_remark.to_owned() feedback=feedback value=remark.body_source.clone() locale=locale/>
            <button type="submit" class="button">{r.save_edit}</button>
            " "
            <a href=format!("{}#remark-{}", thread_href(&ctx.slug, ctx.params.unit.as_deref(), ctx.params.sort, None), remark.id)>{r.cancel}</a>
        </form>
    }
}

#[component]
fn FlagForm(remark: i64, ctx: ItemContext) -> impl IntoView {
    let locale = ctx.locale;
    let r = locale.remarks();
    let feedback = feedback_for("flag");
    let chosen = feedback
        .as_ref()
        .and_then(|f| f.values.iter().find(|(n, _)| n == "reason").map(|(_, v)| v.clone()))
        .unwrap_or_default();
    let note = feedback
        .as_ref()
        .and_then(|f| f.values.iter().find(|(n, _)| n == "note").map(|(_, v)| v.clone()))
        .unwrap_or_default();
    let problem = |field: &str| {
        feedback.as_ref().and_then(|f| f.errors.iter().find(|e| e.field == field)).map(|e| locale.problem(&e.message))
    };
    let reason_error = problem("reason");
    let note_error = problem("note");
    view! {
        <form method="post" action=format!("/remarks/{remark}/flag") class="flag-form">
            <ErrorSummary form="flag"/>
            <fieldset class="field" class:field-error=reason_error.is_some()>
                <legend>{r.flag_reason}</legend>
                {reason_error.map(|e| view! { <p class="error-message">{e}</p> })}
                {FlagReason::ALL
                    .into_iter()
                    .enumerate()
                    .map(|(i, reason)| {
                        // The error summary links to the first choice.
                        let input_id = if i == 0 { "flag-reason".to_owned() } else { format!("flag-reason-{}", reason.code()) };
                        view! {
                            <div class="choice">
                                <input type="radio" id=input_id.clone() name="reason" value=reason.code() checked=chosen == reason.code() required=true/>
                                <label for=input_id>{flag_reason_label(locale, reason)}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class="field" class:field-error=note_error.is_some()>
                <label for="flag-note">{r.flag_note}</label>
                <p class="hint" id="flag-note-hint">{r.flag_note_hint}</p>
                {note_error.map(|e| view! { <p class="error-message">{e}</p> })}
                <textarea id="flag-note" name="note" rows="3" maxlength=MAX_REASON_CHARS.to_string() aria-describedby="flag-note-hint">
                    {crate::components::textarea_text(&note)}
                </textarea>
            </div>
            <button type="submit" class="button">{r.send_flag}</button>
            " "
            <a href=format!("{}#remark-{remark}", thread_href(&ctx.slug, ctx.params.unit.as_deref(), ctx.params.sort, None))>{r.cancel}</a>
        </form>
    }
}

pub fn flag_reason_label(locale: Locale, reason: FlagReason) -> &'static str {
    let r = locale.remarks();
    match reason {
        FlagReason::Spam => r.flag_spam,
        FlagReason::Offensive => r.flag_offensive,
        FlagReason::OffTopic => r.flag_off_topic,
        FlagReason::PersonalData => r.flag_personal_data,
        FlagReason::Other => r.flag_other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_read_as_citations() {
        assert_eq!(anchor_label("par-2-pkt-1"), "§ 2 pkt 1");
        assert_eq!(anchor_label("rozdzial-iv"), "Rozdział IV");
        assert_eq!(anchor_label("par-3a"), "§ 3a");
    }

    #[test]
    fn thread_links_keep_only_what_they_need() {
        assert_eq!(thread_href("a", None, Sort::Newest, None), "/consultations/a");
        assert_eq!(
            thread_href("a", Some("par-2"), Sort::Oldest, Some(("after", "5.6".into()))),
            "/consultations/a?unit=par-2&sort=oldest&after=5.6"
        );
    }
}
