//! `/moderation/consultations/{id}/answers`: DK-04 answers every remark of a closed
//! consultation, one by one or several on the same point at once, with filters by unit
//! of the act, channel and answer, and the count of what is left. Plain forms: it works
//! without JavaScript.

use super::api::answers_data;
use super::model::{AnswerFilter, AnswerSummary, AnswersModel};
use crate::accounts::forms::{feedback_for, DoneNotice, ErrorSummary};
use crate::accounts::pages::{refusal, PageHeading};
use crate::components::consultation_card::CONTENT_LANG;
use crate::components::layout::use_locale;
use crate::consultations::remarks::model::Remark;
use crate::consultations::remarks::views::{anchor_label, channel_label, AuthorLine};
use crate::domain::answer::{Decision, MAX_JUSTIFICATION_CHARS};
use crate::domain::consultation_phase::Phase;
use crate::domain::remark::{Channel, RemarkState};
use crate::i18n::Locale;
use crate::moderation::pages::TextArea;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

pub fn decision_label(locale: Locale, decision: Decision) -> &'static str {
    let t = locale.reports();
    match decision {
        Decision::Accepted => t.decision_accepted,
        Decision::PartlyAccepted => t.decision_partly_accepted,
        Decision::NotAccepted => t.decision_not_accepted,
        Decision::OutOfScope => t.decision_out_of_scope,
    }
}

#[component]
pub fn AnswersPage() -> impl IntoView {
    let locale = use_locale();
    let id = use_params_map().get_untracked().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let query = use_query_map().get_untracked();
    let filter = AnswerFilter {
        unit: query.get("unit").unwrap_or_default(),
        channel: query.get("channel").unwrap_or_default(),
        decision: query.get("decision").unwrap_or_default(),
    };
    let asked = filter.clone();
    let data = async move { answers_data(id, Some(asked.unit), Some(asked.channel), Some(asked.decision)).await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(model) => view! { <AnswersView model=model filter=filter.clone() locale=locale/> }.into_any(),
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AnswersView(model: AnswersModel, filter: AnswerFilter, locale: Locale) -> impl IntoView {
    let t = locale.reports();
    let feedback = feedback_for("answer");
    let typed = |name: &str| -> Vec<String> {
        feedback
            .as_ref()
            .map(|f| f.values.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect())
            .unwrap_or_default()
    };
    let chosen = typed("remark");
    let decision = typed("decision").pop().unwrap_or_default();
    let justification = typed("justification").pop().unwrap_or_default();
    let problem = |field: &str| {
        feedback.as_ref().and_then(|f| f.errors.iter().find(|e| e.field == field)).map(|e| locale.problem(&e.message))
    };
    let (remark_error, decision_error) = (problem("remark"), problem("decision"));
    let open = matches!(model.phase, Phase::Closed | Phase::ReportPublished);
    let progress = model.progress;
    let items = model.items.clone();
    let empty = items.is_empty();
    view! {
        <PageHeading title=t.answers_title/>
        <p>
            <a href=format!("/moderation/consultations/{}", model.id) lang=CONTENT_LANG>{model.title.clone()}</a>
            " · "
            <a href=format!("/moderation/consultations/{}/report", model.id)>{t.editor_title}</a>
        </p>
        <p class="lead">{t.answers_lead}</p>
        <DoneNotice/>
        <p class="progress-line">
            <strong>{format!("{}: {} {} {}", t.answered, progress.answered, t.of, progress.total)}</strong>
        </p>
        <FilterForm model=model.clone() filter=filter.clone() locale=locale/>
        {(!open).then(|| view! { <p class="notice">{t.not_closed}</p> })}
        <ErrorSummary form="answer"/>
        <form method="post" action=format!("/moderation/consultations/{}/answers", model.id) class="stack" novalidate>
            <input type="hidden" name="unit" value=filter.unit.clone()/>
            <input type="hidden" name="channel" value=filter.channel.clone()/>
            <input type="hidden" name="filter_decision" value=filter.decision/>
            {remark_error.map(|e| view! { <p class="error-message" id="answer-remark-error">{e}</p> })}
            {if empty {
                view! { <p>{t.no_remarks}</p> }.into_any()
            } else {
                view! {
                    <ol class="queue">
                        {items
                            .into_iter()
                            .enumerate()
                            .map(|(i, (remark, answer))| {
                                let checked = chosen.contains(&remark.id.to_string());
                                let scans: Vec<_> = model.scans.iter().filter(|(r, _)| *r == remark.id).map(|(_, s)| s.clone()).collect();
                                view! { <AnswerItem remark=remark answer=answer scans=scans first=i == 0 checked=checked open=open locale=locale/> }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            {open
                .then(|| {
                    view! {
                        <fieldset class="field answer-form">
                            <legend>{t.answer_legend}</legend>
                            <p class="hint">{t.answer_hint}</p>
                            <fieldset class="field" class:field-error=decision_error.is_some()>
                                <legend>{t.decision}</legend>
                                {decision_error.map(|e| view! { <p class="error-message">{e}</p> })}
                                {Decision::ALL
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, d)| {
                                        // The error summary links to the first choice.
                                        let input_id = if i == 0 { "answer-decision".to_owned() } else { format!("answer-decision-{}", d.code()) };
                                        view! {
                                            <div class="choice">
                                                <input type="radio" id=input_id.clone() name="decision" value=d.code() checked=decision == d.code()/>
                                                <label for=input_id>{decision_label(locale, d)}</label>
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                            <TextArea
                                form="answer"
                                name="justification"
                                label=t.justification
                                hint=t.justification_hint
                                value=justification.clone()
                                rows=5
                                maxlength=MAX_JUSTIFICATION_CHARS
                                required=false
                                locale=locale
                            />
                            <button type="submit" class="button">{t.save_answer}</button>
                        </fieldset>
                    }
                })}
        </form>
    }
}

/// The filters: a plain GET form, so a filtered list has its own address.
#[component]
fn FilterForm(model: AnswersModel, filter: AnswerFilter, locale: Locale) -> impl IntoView {
    let t = locale.reports();
    let option = |value: String, text: String, current: &str| {
        let selected = value == current;
        view! { <option value=value selected=selected>{text}</option> }
    };
    let units = (!model.units.is_empty()).then(|| {
        view! {
            <div class="field">
                <label for="filter-unit">{t.filter_unit}</label>
                <select id="filter-unit" name="unit">
                    {option(String::new(), t.filter_all.to_owned(), &filter.unit)}
                    {option("whole".to_owned(), t.filter_whole.to_owned(), &filter.unit)}
                    {model.units.iter().map(|(anchor, label)| option(anchor.clone(), label.clone(), &filter.unit)).collect_view()}
                </select>
            </div>
        }
    });
    view! {
        <form method="get" class="filter-form">
            <fieldset class="filters">
                <legend>{t.filters}</legend>
                {units}
                <div class="field">
                    <label for="filter-channel">{t.filter_channel}</label>
                    <select id="filter-channel" name="channel">
                        {option(String::new(), t.filter_all.to_owned(), &filter.channel)}
                        {Channel::ALL
                            .into_iter()
                            .map(|c| option(c.code().to_owned(), channel_label(locale, c).to_owned(), &filter.channel))
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-decision">{t.filter_decision}</label>
                    <select id="filter-decision" name="decision">
                        {option(String::new(), t.filter_all.to_owned(), &filter.decision)}
                        {option("unanswered".to_owned(), t.unanswered.to_owned(), &filter.decision)}
                        {Decision::ALL
                            .into_iter()
                            .map(|d| option(d.code().to_owned(), decision_label(locale, d).to_owned(), &filter.decision))
                            .collect_view()}
                    </select>
                </div>
                <div class="actions">
                    <button type="submit" class="button secondary">{t.filter_apply}</button>
                </div>
            </fieldset>
        </form>
    }
}

#[component]
fn AnswerItem(
    remark: Remark,
    answer: Option<AnswerSummary>,
    /// The letter's scan, for a remark received on paper.
    scans: Vec<crate::media::MediaItem>,
    first: bool,
    checked: bool,
    open: bool,
    locale: Locale,
) -> impl IntoView {
    let t = locale.reports();
    let m = locale.moderation();
    let id = remark.id;
    // The error summary links to the first remark's box.
    let box_id = if first { "answer-remark".to_owned() } else { format!("answer-remark-{id}") };
    view! {
        <li class="queue-item" id=format!("answer-item-{id}")>
            <article aria-labelledby=format!("answer-item-{id}-by")>
                <p class="remark-meta" id=format!("answer-item-{id}-by")>
                    <AuthorLine author=remark.author.clone() channel=remark.channel locale=locale/>
                    " · " {locale.date_time(remark.received_at)}
                    {remark.unit_anchor.clone().map(|a| view! { " · " {anchor_label(&a)} })}
                </p>
                {(remark.state == RemarkState::Hidden)
                    .then(|| view! { <p class="placeholder">{m.hidden_because} ": " {remark.moderation_reason.clone().unwrap_or_default()}</p> })}
                <div class="prose" lang=CONTENT_LANG inner_html=remark.body_html.clone().unwrap_or_default()></div>
                {scans
                    .into_iter()
                    .map(|scan| {
                        let href = scan.files.iter().find(|f| f.format != "webp").or(scan.files.last()).map(|f| f.href());
                        view! {
                            <p>
                                <a href=href>{locale.media().scan_link}</a>
                                " "
                                <span class="file-facts">{format!("({})", crate::media::format_size(locale, scan.bytes))}</span>
                            </p>
                        }
                    })
                    .collect_view()}
                {answer
                    .map(|a| {
                        view! {
                            <p class="answer">
                                <strong>{t.current_answer} ": " {decision_label(locale, a.decision)}</strong>
                                {(a.group > 1).then(|| view! { " (" {t.shared_by} " " {a.group} ")" })}
                                {(!a.justification.is_empty()).then(|| view! { <br/> <span lang=CONTENT_LANG>{a.justification.clone()}</span> })}
                            </p>
                        }
                    })}
                {open
                    .then(|| {
                        view! {
                            <div class="field checkbox">
                                <input type="checkbox" id=box_id.clone() name="remark" value=id.to_string() checked=checked/>
                                <label for=box_id>{t.choose_remark} " " {format!("#{id}")}</label>
                            </div>
                        }
                    })}
            </article>
        </li>
    }
    .into_any()
}
