//! DK-04's pages: `/moderation/initiatives` (the registered applications by status, the
//! year's pool) and `/moderation/initiatives/{id}` (the application in full, the valid
//! signatures of the support list, the formal checklist with its outcome, and the later
//! stages). Plain forms posting to the server's routes.

use super::api::{staff_initiative, staff_initiatives};
use super::model::InitiativeDetail;
use super::pages::{ApplicationText, PoolBox, RegisterTable, StatusBadge, StatusFilter, Timeline};
use crate::accounts::forms::{feedback_for, DoneNotice, ErrorSummary};
use crate::accounts::pages::{refusal, PageHeading};
use crate::components::layout::use_locale;
use crate::domain::initiative::format_zloty;
use crate::domain::initiative_flow::{Move, Status, REMEDY_DAYS};
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn InitiativesAdmin() -> impl IntoView {
    let locale = use_locale();
    let status = use_query_map().get_untracked().get("status").filter(|s| !s.is_empty());
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match staff_initiatives(status.clone()).await {
                    Ok((list, pool, sheet)) => {
                        let t = locale.initiatives();
                        let chosen = status.as_deref().and_then(Status::parse);
                        let pool_value = pool.pool.map(|p| format_zloty(p).replace(['\u{a0}'], " ").trim_end_matches(" zł").to_owned());
                        view! {
                            <PageHeading title=t.staff_title/>
                            <DoneNotice/>
                            <PoolBox pool=pool locale=locale/>
                            <ErrorSummary form="pool"/>
                            <form method="post" action="/moderation/initiatives/pool" class="stack narrow" novalidate>
                                <input type="hidden" name="year" value=pool.year.to_string()/>
                                <crate::accounts::forms::Field
                                    form="pool"
                                    name="pool"
                                    label=t.pool_set
                                    hint=t.pool_set_hint
                                    value=pool_value.unwrap_or_default()
                                />
                                <crate::accounts::forms::Field
                                    form="pool"
                                    name="purpose_max"
                                    kind="number"
                                    label=t.sheet_purpose_max
                                    value=sheet.purpose_max.to_string()
                                />
                                <crate::accounts::forms::Field
                                    form="pool"
                                    name="contribution_max"
                                    kind="number"
                                    label=t.sheet_contribution_max
                                    value=sheet.contribution_max.to_string()
                                />
                                <crate::accounts::forms::Field
                                    form="pool"
                                    name="council_bonus"
                                    kind="number"
                                    label=t.sheet_council_bonus
                                    value=sheet.council_bonus.to_string()
                                />
                                <crate::accounts::forms::Field
                                    form="pool"
                                    name="pass_mark"
                                    kind="number"
                                    label=t.sheet_pass_mark
                                    value=sheet.pass_mark.to_string()
                                />
                                <button type="submit" class="button secondary">{t.save}</button>
                            </form>
                            <StatusFilter action="/moderation/initiatives" chosen=chosen locale=locale/>
                            {if list.is_empty() {
                                view! { <p>{t.register_empty}</p> }.into_any()
                            } else {
                                view! { <RegisterTable list=list locale=locale staff=true/> }.into_any()
                            }}
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
pub fn InitiativeReview() -> impl IntoView {
    let locale = use_locale();
    let id = use_params_map().get_untracked().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match staff_initiative(id).await {
                    Ok(detail) => view! { <Review detail=detail locale=locale/> }.into_any(),
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

fn typed(form: &'static str, name: &str) -> Option<String> {
    feedback_for(form).and_then(|f| f.values.into_iter().find(|(n, _)| n == name).map(|(_, v)| v))
}

#[component]
fn Review(detail: InitiativeDetail, locale: Locale) -> impl IntoView {
    let t = locale.initiatives();
    let s = detail.summary.clone();
    let id = s.id;
    let number = s.number.clone().unwrap_or_default();
    let deadline_passed = s.status == Status::Remedy && s.remedy_deadline.is_some_and(|d| d < detail.now);
    let later: Vec<Move> =
        [Move::RequestOpinions, Move::Evaluate, Move::Accept, Move::Decline, Move::SignContract, Move::Complete]
            .into_iter()
            .filter(|m| s.status.after(*m).is_some())
            .collect();
    view! {
        <crate::components::PageTitle text=format!("{number} · {}", t.staff_title)/>
        <p>
            <a href="/moderation/initiatives">{t.staff_title}</a>
        </p>
        <h1>
            {format!("{number} ")}
            <span lang="pl">{s.title.clone()}</span>
        </h1>
        <DoneNotice/>
        <p>
            <StatusBadge status=s.status locale=locale/>
            {s.submitted_at.map(|at| format!(" · {} {}", t.submitted_at, locale.date_time(at)))}
            {format!(" · {} {}", t.version, detail.version)}
            " · "
            <a href=format!("/initiatives/applications/{id}/support-list")>{t.print_support_list}</a>
        </p>
        {detail
            .submitted
            .clone()
            .map(|input| {
                view! {
                    <h2>{t.submitted_version}</h2>
                    <ApplicationText input=input kind=s.kind organisation=s.organisation.clone() show_applicants=true locale=locale/>
                }
            })}
        <Signatures id=id count=detail.signatures locale=locale/>
        {(s.status == Status::Submitted).then(|| view! { <Checklist detail=detail.clone() locale=locale/> })}
        {deadline_passed
            .then(|| {
                view! {
                    <form method="post" action=format!("/moderation/initiatives/{id}/unprocessed") class="stack">
                        <p>{t.deadline_passed_staff}</p>
                        <button type="submit" class="button secondary">{t.leave_unprocessed}</button>
                    </form>
                }
            })}
        {(!detail.opinions.is_empty()).then(|| view! { <Opinions detail=detail.clone() locale=locale/> })}
        {(!later.is_empty()).then(|| view! { <Stages id=id moves=later detail=detail.clone() locale=locale/> })}
        <super::pages::Attachments detail=detail.clone()/>
        <Timeline entries=detail.timeline.clone() locale=locale/>
    }
    .into_any()
}

#[component]
fn Signatures(id: i64, count: Option<i64>, locale: Locale) -> impl IntoView {
    let t = locale.initiatives();
    view! {
        <section aria-labelledby="signatures-heading" class="stack">
            <h2 id="signatures-heading">{t.signatures_title}</h2>
            <ErrorSummary form="signatures"/>
            <form method="post" action=format!("/moderation/initiatives/{id}/signatures") class="stack narrow" novalidate>
                <crate::accounts::forms::Field
                    form="signatures"
                    name="count"
                    kind="number"
                    label=t.signatures_valid
                    hint=t.signatures_hint
                    value=count.map(|c| c.to_string()).unwrap_or_default()
                />
                <button type="submit" class="button secondary">{t.save}</button>
            </form>
        </section>
    }
}

#[component]
fn Checklist(detail: InitiativeDetail, locale: Locale) -> impl IntoView {
    let t = locale.initiatives();
    let id = detail.summary.id;
    let default_deadline = crate::domain::warsaw_time::iso_date(detail.now + REMEDY_DAYS * 86_400);
    let feedback = feedback_for("check");
    let checklist_error = feedback.as_ref().and_then(|f| {
        f.errors.iter().find(|e| e.field == "checklist").map(|e| locale.initiative_problem("", &e.message))
    });
    view! {
        <section aria-labelledby="check-heading" class="stack">
            <h2 id="check-heading">{t.check_title}</h2>
            <p class="hint">{t.check_lead}</p>
            <ErrorSummary form="check"/>
            <form method="post" action=format!("/moderation/initiatives/{id}/check") class="stack" novalidate>
                <div id="check-checklist" class="stack" class:field-error=checklist_error.is_some()>
                    {checklist_error.clone().map(|e| view! { <p class="error-message">{e}</p> })}
                    {detail
                        .checks
                        .iter()
                        .map(|r| {
                            let code = r.item.code();
                            let passed = typed("check", &format!("item-{code}"))
                                .map(|v| match v.as_str() {
                                    "yes" => Some(true),
                                    "no" => Some(false),
                                    _ => None,
                                })
                                .unwrap_or(r.passed);
                            let note = typed("check", &format!("note-{code}")).unwrap_or(r.note.clone());
                            let radio = move |value: &'static str, label: &'static str, checked: bool| {
                                let input_id = format!("check-{code}-{}", if value.is_empty() { "open" } else { value });
                                view! {
                                    <div class="radio">
                                        <input type="radio" id=input_id.clone() name=format!("item-{code}") value=value checked=checked/>
                                        <label for=input_id>{label}</label>
                                    </div>
                                }
                            };
                            view! {
                                <fieldset class="check-item">
                                    <legend>{locale.check_item(r.item)}</legend>
                                    <p class="hint">{locale.check_item_hint(r.item)}</p>
                                    <div class="radios inline">
                                        {radio("yes", t.passed, passed == Some(true))}
                                        {radio("no", t.failed, passed == Some(false))}
                                        {radio("", t.not_assessed, passed.is_none())}
                                    </div>
                                    <div class="field">
                                        <label for=format!("check-note-{code}")>{t.note}</label>
                                        <input id=format!("check-note-{code}") name=format!("note-{code}") type="text" value=note maxlength="2000"/>
                                    </div>
                                </fieldset>
                            }
                        })
                        .collect_view()}
                </div>
                <button type="submit" name="intent" value="save" class="button secondary">{t.save_checklist}</button>
                <div class="outcomes stack">
                    <h3>{t.outcome}</h3>
                    <button type="submit" name="intent" value="find_correct" class="button">{t.find_correct}</button>
                    <crate::accounts::forms::Field
                        form="check"
                        name="deadline"
                        kind="date"
                        label=t.remedy_deadline
                        hint=t.remedy_deadline_hint
                        value=default_deadline
                        required=false
                    />
                    <button type="submit" name="intent" value="summon" class="button">{t.summon}</button>
                    <crate::moderation::pages::TextArea
                        form="check"
                        name="reason"
                        label=t.reject_reason
                        hint=t.reject_reason_hint
                        value=typed("check", "reason").unwrap_or_default()
                        rows=3
                        required=false
                        locale=locale
                    />
                    <button type="submit" name="intent" value="reject" class="button button-danger">{t.reject}</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn Stages(id: i64, moves: Vec<Move>, detail: InitiativeDetail, locale: Locale) -> impl IntoView {
    let t = locale.initiatives();
    let evaluating = moves.contains(&Move::Evaluate);
    let sheet = detail.sheet;
    let council_positive = detail.opinions.iter().any(|o| o.body == "district_council" && o.positive == Some(true));
    let bonus = if council_positive { sheet.council_bonus } else { 0 };
    let points = detail.points.map(|(p, c, b)| format!("{}: {p} + {c} + {b} = {}", t.score_total, p + c + b));
    view! {
        <section aria-labelledby="stages-heading" class="stack">
            <h2 id="stages-heading">{t.stages_title}</h2>
            {points.map(|p| view! { <p>{p}</p> })}
            <ErrorSummary form="stage"/>
            <form method="post" action=format!("/moderation/initiatives/{id}/stage") class="stack narrow" novalidate>
                <div class="field">
                    <label for="stage-move">{t.next_step}</label>
                    <select id="stage-move" name="move">
                        {moves.iter().map(|m| view! { <option value=m.code()>{locale.initiative_event(m.code())}</option> }).collect_view()}
                    </select>
                </div>
                {evaluating
                    .then(|| {
                        view! {
                            <crate::accounts::forms::Field
                                form="stage"
                                name="purpose"
                                kind="number"
                                label=t.score_purpose
                                required=false
                            />
                            <crate::accounts::forms::Field form="stage" name="contribution" kind="number" label=t.score_contribution required=false/>
                            <p>
                                {format!(
                                    "{}: {} · {}: {} · {}: {bonus} · {}: {}",
                                    t.sheet_purpose_max,
                                    sheet.purpose_max,
                                    t.sheet_contribution_max,
                                    sheet.contribution_max,
                                    t.sheet_council_bonus,
                                    t.sheet_pass_mark,
                                    sheet.pass_mark,
                                )}
                            </p>
                        }
                    })}
                <crate::moderation::pages::TextArea
                    form="stage"
                    name="note"
                    label=t.stage_note
                    hint=t.stage_note_hint
                    value=typed("stage", "note").unwrap_or_default()
                    rows=3
                    required=false
                    locale=locale
                />
                <button type="submit" class="button">{t.record}</button>
            </form>
        </section>
    }
}

/// The opinions asked (and given) for an application, and DK-04's form to record one
/// that came from outside the platform (the committee's, or a council's on paper).
#[component]
fn Opinions(detail: InitiativeDetail, locale: Locale) -> impl IntoView {
    let t = locale.initiatives();
    let id = detail.summary.id;
    let open: Vec<String> =
        detail.opinions.iter().filter(|o| o.answered_at.is_none()).map(|o| o.body.clone()).collect();
    view! {
        <section aria-labelledby="opinions-heading" class="stack">
            <h2 id="opinions-heading">{t.opinions_title}</h2>
            <super::pages::OpinionList opinions=detail.opinions locale=locale/>
            {(!open.is_empty())
                .then(|| {
                    view! {
                        <ErrorSummary form="opinion"/>
                        <form method="post" action=format!("/moderation/initiatives/{id}/opinion") class="stack narrow" novalidate>
                            <div class="field">
                                <label for="opinion-body">{t.opinion_body}</label>
                                <select id="opinion-body" name="body">
                                    {open
                                        .iter()
                                        .map(|body| {
                                            let label = if body == "district_council" { t.opinion_council } else { t.opinion_committee };
                                            view! { <option value=body.clone()>{label}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <super::pages::OpinionFields form="opinion" key=String::new() locale=locale/>
                            <button type="submit" class="button secondary">{t.record_opinion}</button>
                        </form>
                    }
                })}
        </section>
    }
}
