//! Local initiative applications outside Leptos: the form's posts (each saves the draft
//! first, then checks the step), submitting with its receipt by mail, and DK-04's formal
//! check, signatures, later stages and the year's pool. A refused post renders its page
//! again with the problems next to the fields and what was typed kept; every state
//! change is audited and on the application's timeline.

use crate::accounts::{internal, mail_later, render, require, see_other, FormData, SharedServices};
use crate::consultations::{audit, with_done};
use app::accounts::authz::Action;
use app::accounts::forms::FormFeedback;
use app::accounts::model::{CurrentUser, OrganisationKind};
use app::domain::initiative::{check, check_step, parse_date, parse_zloty, ApplicantKind, ApplicationInput, Step};
use app::domain::initiative_flow::{outcome_problems, score, CheckItem, CheckResult, Move, Sheet, Status};
use app::initiatives::model::{bounded, read_step, step_of_slug, step_slug};
use app::initiatives::storage::{self, SubmitRefusal};
use app::state::{now, AppState};
use axum::{
    extract::{Path, State},
    http::{request::Parts, StatusCode},
    response::Response,
    Extension,
};
use serde_json::json;

const FORM: &str = app::initiatives::form::FORM;

/// Who the `applicant` choice names, if the person may apply so: residents, or an NGO
/// or district council they are a member of (also for civic-budget projects).
pub(crate) fn applying_as(me: &CurrentUser, choice: &str) -> Option<(ApplicantKind, Option<i64>)> {
    if choice == "residents" || choice.is_empty() {
        return Some((ApplicantKind::Residents, None));
    }
    let (kind, id) = choice.split_once(':')?;
    let id: i64 = id.parse().ok()?;
    let membership = me.memberships.iter().find(|m| m.organisation_id == id)?;
    match (kind, membership.kind) {
        ("ngo", OrganisationKind::Ngo) => Some((ApplicantKind::Ngo, Some(id))),
        ("district_council", OrganisationKind::DistrictCouncil) => Some((ApplicantKind::DistrictCouncil, Some(id))),
        _ => None,
    }
}

/// For an organisation registered on the platform, its KRS and REGON as registered,
/// when the form left them empty (checked by their checksums either way).
async fn prefill_ngo(state: &AppState, form: &mut FormData, kind: ApplicantKind, organisation: Option<i64>) {
    let (Some(organisation), ApplicantKind::Ngo) = (organisation, kind) else {
        return;
    };
    if !form.get("ngo_krs").trim().is_empty() {
        return;
    }
    let found: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("select krs, regon from organisations where id = $1")
            .bind(organisation)
            .fetch_optional(&state.db)
            .await
            .ok()
            .flatten();
    if let Some((krs, regon)) = found {
        form.0.retain(|(n, _)| n != "ngo_krs" && n != "ngo_regon");
        form.0.push(("ngo_krs".to_owned(), krs.unwrap_or_default()));
        form.0.push(("ngo_regon".to_owned(), regon.unwrap_or_default()));
    }
}

/// The posted values of a step as the form sends them (to give them back when refused).
fn typed(form: &FormData) -> FormFeedback {
    form.0.iter().filter(|(n, _)| n != "intent").fold(FormFeedback::new(FORM), |f, (n, v)| f.value(n, v))
}

fn step_page(id: i64, step: Step) -> String {
    format!("/initiatives/applications/{id}/steps/{}", step_slug(step))
}

fn next_page(id: i64, step: Step, intent: &str) -> String {
    let i = Step::ALL.iter().position(|s| *s == step).unwrap_or(0);
    match intent {
        "back" if i > 0 => step_page(id, Step::ALL[i - 1]),
        "next" if i + 1 < Step::ALL.len() => step_page(id, Step::ALL[i + 1]),
        "next" => format!("/initiatives/applications/{id}/steps/review"),
        _ => with_done(&step_page(id, step), "il_draft_saved", "content"),
    }
}

/// `POST /initiatives/new`: the first step creates the draft (whatever was typed is
/// kept), then is checked like any step.
pub async fn create(State(state): State<AppState>, parts: Parts, mut form: FormData) -> Response {
    let page = "/initiatives/new";
    let me = match require(&state, &parts, Action::Participate, page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let Some((kind, organisation)) = applying_as(&me, &form.get("applicant")) else {
        let feedback = typed(&form).error("applicant_kind", "required");
        return render(&state, &parts, page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let at = now();
    prefill_ngo(&state, &mut form, kind, organisation).await;
    let input = bounded(read_step(Step::Applicants, ApplicationInput::default(), |n| form.all(n)));
    let id = match storage::create_draft(&state.db, me.id, kind, organisation, &input, at).await {
        Ok(id) => id,
        Err(_) => return internal(&state, &parts, page, typed(&form)).await,
    };
    step_outcome(&state, &parts, &form, id, Step::Applicants, &input, organisation, at).await
}

/// After a step was saved: on to where the intent leads when the step is right (or
/// when only saving or going back), else the same step again with its problems (422).
#[allow(clippy::too_many_arguments)]
async fn step_outcome(
    state: &AppState,
    parts: &Parts,
    form: &FormData,
    id: i64,
    step: Step,
    input: &ApplicationInput,
    organisation: Option<i64>,
    at: i64,
) -> Response {
    let intent = form.get("intent");
    let page = step_page(id, step);
    if intent != "next" {
        return see_other(&next_page(id, step, &intent));
    }
    let context = match storage::context(&state.db, organisation, at).await {
        Ok(c) => c,
        Err(_) => return internal(state, parts, &page, typed(form)).await,
    };
    let problems = check_step(step, input, &context);
    if problems.is_empty() {
        return see_other(&next_page(id, step, &intent));
    }
    let feedback = problems.into_iter().fold(typed(form), |f, p| f.error(p.field, p.code));
    render(state, parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// The application's owner, or the response that refuses the request.
async fn own(state: &AppState, parts: &Parts, id: i64, page: &str) -> Result<(CurrentUser, Status), Response> {
    match storage::owner_and_status(&state.db, id).await {
        Ok(Some((owner, status))) => {
            let me = require(state, parts, Action::ManageOwnApplication { owner_id: owner }, page).await?;
            Ok((me, status))
        }
        Ok(None) => Err(render(state, parts, page, FormFeedback::default(), StatusCode::NOT_FOUND).await),
        Err(_) => Err(internal(state, parts, page, FormFeedback::default()).await),
    }
}

/// `POST /initiatives/applications/{id}/steps/{step}`: saves what was typed on the
/// step (a draft, or an application under a summons), then goes on or shows problems.
pub async fn save_step(
    State(state): State<AppState>,
    Path((id, slug)): Path<(i64, String)>,
    parts: Parts,
    mut form: FormData,
) -> Response {
    let Some(step) = step_of_slug(&slug) else {
        return render(&state, &parts, "/initiatives/mine", FormFeedback::default(), StatusCode::NOT_FOUND).await;
    };
    let page = step_page(id, step);
    let (me, status) = match own(&state, &parts, id, &page).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if !status.is_editable() {
        let feedback = typed(&form).error("", "not_editable");
        return render(&state, &parts, &page, feedback, StatusCode::CONFLICT).await;
    }
    let at = now();
    let detail = match storage::detail(&state.db, id, at).await {
        Ok(Some(d)) => d,
        _ => return internal(&state, &parts, &page, typed(&form)).await,
    };
    let (kind, organisation) = if step == Step::Applicants {
        match applying_as(&me, &form.get("applicant")) {
            Some(found) => found,
            None => {
                let feedback = typed(&form).error("applicant_kind", "required");
                return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
            }
        }
    } else {
        (detail.summary.kind, organisation_of(&state, id).await)
    };
    if step == Step::Applicants {
        prefill_ngo(&state, &mut form, kind, organisation).await;
    }
    let input = bounded(read_step(step, detail.draft.clone(), |n| form.all(n)));
    match storage::save_draft(&state.db, id, kind, organisation, &input, at).await {
        Ok(true) => step_outcome(&state, &parts, &form, id, step, &input, organisation, at).await,
        Ok(false) => render(&state, &parts, &page, typed(&form).error("", "not_editable"), StatusCode::CONFLICT).await,
        Err(_) => internal(&state, &parts, &page, typed(&form)).await,
    }
}

async fn organisation_of(state: &AppState, id: i64) -> Option<i64> {
    sqlx::query_as::<_, (Option<i64>,)>("select organisation_id from initiatives where id = $1")
        .bind(id)
        .fetch_optional(&state.db)
        .await
        .ok()
        .flatten()
        .and_then(|(o,)| o)
}

/// `POST /initiatives/applications/{id}/submit`: checks the whole application; when it
/// is complete, registers it (or resubmits it under a summons) and mails the receipt.
/// A second click finds it submitted and shows its page; a refusal consumes no number.
pub async fn submit(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path(id): Path<i64>,
    parts: Parts,
) -> Response {
    let page = format!("/initiatives/applications/{id}/steps/review");
    let done_page = format!("/initiatives/applications/{id}");
    let (me, status) = match own(&state, &parts, id, &page).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if status == Status::Submitted {
        return see_other(&done_page);
    }
    let at = now();
    let detail = match storage::detail(&state.db, id, at).await {
        Ok(Some(d)) => d,
        _ => return internal(&state, &parts, &page, FormFeedback::new(FORM)).await,
    };
    let problems = check(&detail.draft, &detail.context);
    if !problems.is_empty() {
        let feedback = problems.into_iter().fold(FormFeedback::new(FORM), |f, p| f.error(p.field, p.code));
        return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let year = detail.context.today.0;
    match storage::submit(&state.db, id, me.id, year, at).await {
        Ok(Ok((year, seq))) => {
            let number = app::domain::initiative::registry_number(year as i32, seq);
            let resubmitted = status == Status::Remedy;
            let action = if resubmitted { Move::Resubmit } else { Move::Submit }.audit_action();
            let after = json!({ "number": number, "title": detail.draft.title.trim() });
            if let Err(response) = audit(&state, me.id, action, "initiative", id, None, Some(after)).await {
                return response;
            }
            if let Ok(Some(email)) = storage::owner_email(&state.db, id).await {
                let (subject, body) =
                    receipt_mail(&number, detail.draft.title.trim(), at, &state.settings.public_url, id);
                mail_later(&state, &services, email, subject, body);
            }
            let code = if resubmitted { "il_resubmitted" } else { "il_submitted" };
            see_other(&with_done(&done_page, code, "content"))
        }
        Ok(Err(SubmitRefusal::AlreadySubmitted)) => see_other(&done_page),
        Ok(Err(SubmitRefusal::DeadlinePassed)) => {
            let feedback = FormFeedback::new(FORM).error("", "remedy_deadline_passed");
            render(&state, &parts, &done_page, feedback, StatusCode::CONFLICT).await
        }
        Ok(Err(SubmitRefusal::NotSubmittable)) => {
            let feedback = FormFeedback::new(FORM).error("", "not_submittable");
            render(&state, &parts, &done_page, feedback, StatusCode::CONFLICT).await
        }
        Err(_) => internal(&state, &parts, &page, FormFeedback::new(FORM)).await,
    }
}

/// `POST /initiatives/applications/{id}/withdraw`: the applicant withdraws (confirmed
/// with a tick, so a stray click does nothing), while the application is not decided.
pub async fn withdraw(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts, form: FormData) -> Response {
    let page = format!("/initiatives/applications/{id}");
    let (me, status) = match own(&state, &parts, id, &page).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if form.get("confirm") != "yes" {
        let feedback = FormFeedback::new("withdraw").error("confirm", "withdraw_confirm_required");
        return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let refused = FormFeedback::new("withdraw").error("", "move_not_allowed");
    if status.after(Move::Withdraw).is_none() {
        return render(&state, &parts, &page, refused, StatusCode::CONFLICT).await;
    }
    match storage::apply_move(&state.db, id, Move::Withdraw, "", None, None, me.id, now()).await {
        Ok(Some(_)) => {
            let after = json!({ "status": "withdrawn" });
            if let Err(response) =
                audit(&state, me.id, Move::Withdraw.audit_action(), "initiative", id, None, Some(after)).await
            {
                return response;
            }
            see_other(&with_done(&page, "il_withdrawn", "content"))
        }
        Ok(None) => render(&state, &parts, &page, refused, StatusCode::CONFLICT).await,
        Err(_) => internal(&state, &parts, &page, FormFeedback::new("withdraw")).await,
    }
}

/// The formal check's outcome for the applicant (a summons is delivered this way and
/// shown on the application's page): trilingual, with the defects or reasons as
/// recorded and the deadline.
fn outcome_mail(
    number: &str,
    status: Status,
    note: &str,
    deadline: Option<i64>,
    site: &str,
    id: i64,
) -> (String, String) {
    use app::i18n::Locale;
    let [pl, en, uk] = Locale::ALL.map(|l| l.initiative_status(status));
    let subject = format!("{number}: {pl} / {en} / {uk}");
    let link = format!("{}/initiatives/applications/{id}", site.trim_end_matches('/'));
    let due =
        |l: Locale| deadline.map(|d| format!("{}: {}\n", l.initiatives().deadline, l.date(d))).unwrap_or_default();
    let note = if note.is_empty() { String::new() } else { format!("{note}\n\n") };
    let body = format!(
        "{number} – {pl}\n{}\n{en}\n{}\n{uk}\n{}\n{note}{link}\n",
        due(Locale::Pl),
        due(Locale::En),
        due(Locale::Uk),
    );
    (subject, body)
}

/// The receipt: trilingual, as the platform's other mail.
fn receipt_mail(number: &str, title: &str, at: i64, site: &str, id: i64) -> (String, String) {
    use app::i18n::Locale;
    let subject = format!("{number}: wniosek złożony / application submitted / заяву подано");
    let link = format!("{}/initiatives/applications/{id}", site.trim_end_matches('/'));
    let body = format!(
        "Wniosek o realizację inicjatywy lokalnej został złożony i zarejestrowany.\n\
         Numer: {number}\nTytuł: {title}\nData złożenia: {}\n\n\
         The local initiative application has been submitted and registered.\n\
         Number: {number}\nSubmitted: {}\n\n\
         Заяву про місцеву ініціативу подано та зареєстровано.\n\
         Номер: {number}\nДата подання: {}\n\n{link}\n",
        Locale::Pl.date_time(at),
        Locale::En.date_time(at),
        Locale::Uk.date_time(at),
    );
    (subject, body)
}

/// DK-04's page of an application, and the moderator asking (or the refusal).
async fn staff(state: &AppState, parts: &Parts, id: i64) -> Result<(String, CurrentUser), Response> {
    let page = format!("/moderation/initiatives/{id}");
    let me = require(state, parts, Action::Moderate, &page).await?;
    Ok((page, me))
}

/// `POST /moderation/initiatives/{id}/signatures`: the valid signatures delivered.
pub async fn record_signatures(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    parts: Parts,
    form: FormData,
) -> Response {
    let (page, me) = match staff(&state, &parts, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let typed = form.get("count");
    let feedback = FormFeedback::new("signatures").value("count", &typed);
    let Some(count) = typed.trim().parse::<i64>().ok().filter(|n| (0..=100_000).contains(n)) else {
        let feedback = feedback.error("count", "signatures_invalid");
        return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    match storage::record_signatures(&state.db, id, count, me.id, now()).await {
        Ok(true) => {
            let after = json!({ "signatures": count });
            if let Err(response) =
                audit(&state, me.id, "initiative.signatures", "initiative", id, None, Some(after)).await
            {
                return response;
            }
            see_other(&with_done(&page, "il_signatures_saved", "content"))
        }
        Ok(false) => render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => internal(&state, &parts, &page, feedback).await,
    }
}

/// `POST /moderation/initiatives/{id}/check`: the checklist (`intent=save`) and the
/// outcome (`find_correct`, `summon` with a deadline, `reject` with reasons). The
/// checklist is saved with the outcome; a refused outcome saves nothing.
pub async fn formal_check(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path(id): Path<i64>,
    parts: Parts,
    form: FormData,
) -> Response {
    let (page, me) = match staff(&state, &parts, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let at = now();
    let detail = match storage::detail(&state.db, id, at).await {
        Ok(Some(d)) if d.summary.seq.is_some() => d,
        Ok(_) => return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => return internal(&state, &parts, &page, FormFeedback::new("check")).await,
    };
    let mut feedback = FormFeedback::new("check");
    for (name, value) in &form.0 {
        feedback = feedback.value(name, value);
    }
    let results: Vec<CheckResult> = CheckItem::applicable(detail.summary.kind)
        .into_iter()
        .map(|item| CheckResult {
            item,
            passed: match form.get(&format!("item-{}", item.code())).as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            note: form.get(&format!("note-{}", item.code())).trim().to_owned(),
        })
        .collect();
    let intent = form.get("intent");
    let reason = form.get("reason");
    let mv = Move::parse(&intent).filter(|m| matches!(m, Move::FindCorrect | Move::Summon | Move::Reject));
    let problems = match mv {
        Some(mv) => outcome_problems(mv, &results, &reason),
        None => {
            let long = results.iter().any(|r| r.note.chars().count() > app::domain::initiative_flow::NOTE_CHARS);
            if long {
                vec![("checklist", "check_note_too_long")]
            } else {
                Vec::new()
            }
        }
    };
    for (field, code) in &problems {
        feedback = feedback.error(field, code);
    }
    let deadline = match mv {
        Some(Move::Summon) => {
            let end_of_day = parse_date(&form.get("deadline")).and_then(|(y, m, d)| {
                let date = time::Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()?;
                Some(app::domain::warsaw_time::from_warsaw(date.with_hms(23, 59, 59).ok()?))
            });
            match end_of_day {
                Some(deadline) if deadline > at => Some(deadline),
                _ => {
                    feedback = feedback.error("deadline", "deadline_invalid");
                    None
                }
            }
        }
        _ => None,
    };
    if feedback.has_errors() {
        return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    if let Some(mv) = mv {
        if detail.summary.status.after(mv).is_none() {
            let feedback = feedback.error("", "move_not_allowed");
            return render(&state, &parts, &page, feedback, StatusCode::CONFLICT).await;
        }
    }
    if storage::save_checks(&state.db, id, &results, me.id, at).await.is_err() {
        return internal(&state, &parts, &page, feedback).await;
    }
    let checklist: Vec<serde_json::Value> =
        results.iter().map(|r| json!({ "item": r.item.code(), "passed": r.passed, "note": r.note })).collect();
    let Some(mv) = mv else {
        let after = json!({ "checklist": checklist });
        if let Err(response) = audit(&state, me.id, "initiative.checklist", "initiative", id, None, Some(after)).await {
            return response;
        }
        return see_other(&with_done(&page, "il_checks_saved", "content"));
    };
    // The public note: the defects (failed items and their notes) or the reasons.
    let note = match mv {
        Move::Reject => reason.trim().to_owned(),
        Move::Summon => results
            .iter()
            .filter(|r| r.passed == Some(false))
            .map(|r| format!("– {}: {}", app::i18n::Locale::Pl.check_item(r.item), r.note))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    };
    match storage::apply_move(&state.db, id, mv, &note, deadline, None, me.id, at).await {
        Ok(Some(status)) => {
            let after = json!({ "status": status.code(), "note": note, "deadline": deadline, "checklist": checklist });
            if let Err(response) = audit(&state, me.id, mv.audit_action(), "initiative", id, None, Some(after)).await {
                return response;
            }
            if let (Ok(Some(email)), Some(number)) = (storage::owner_email(&state.db, id).await, &detail.summary.number)
            {
                let (subject, body) = outcome_mail(number, status, &note, deadline, &state.settings.public_url, id);
                mail_later(&state, &services, email, subject, body);
            }
            see_other(&with_done(&page, "il_outcome_recorded", "content"))
        }
        Ok(None) => render(&state, &parts, &page, feedback.error("", "move_not_allowed"), StatusCode::CONFLICT).await,
        Err(_) => internal(&state, &parts, &page, feedback).await,
    }
}

/// `POST /moderation/initiatives/{id}/unprocessed`: the summons' deadline passed.
pub async fn leave_unprocessed(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts) -> Response {
    let (page, me) = match staff(&state, &parts, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let at = now();
    let due = match storage::detail(&state.db, id, at).await {
        Ok(Some(d)) => d.summary.remedy_deadline.is_some_and(|deadline| deadline < at),
        Ok(None) => return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => return internal(&state, &parts, &page, FormFeedback::default()).await,
    };
    let refused = FormFeedback::new("check").error("", "move_not_allowed");
    if !due {
        return render(&state, &parts, &page, refused, StatusCode::CONFLICT).await;
    }
    match storage::apply_move(&state.db, id, Move::LeaveUnprocessed, "", None, None, me.id, at).await {
        Ok(Some(_)) => {
            let after = json!({ "status": "unprocessed" });
            let action = Move::LeaveUnprocessed.audit_action();
            if let Err(response) = audit(&state, me.id, action, "initiative", id, None, Some(after)).await {
                return response;
            }
            see_other(&with_done(&page, "il_outcome_recorded", "content"))
        }
        Ok(None) => render(&state, &parts, &page, refused, StatusCode::CONFLICT).await,
        Err(_) => internal(&state, &parts, &page, FormFeedback::default()).await,
    }
}

/// `POST /moderation/initiatives/{id}/stage`: a later stage (opinions requested, the
/// merit sheet's score, the decision, the contract, completion), with a public note.
pub async fn record_stage(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    parts: Parts,
    form: FormData,
) -> Response {
    let (page, me) = match staff(&state, &parts, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut feedback = FormFeedback::new("stage")
        .value("note", &form.get("note"))
        .value("purpose", &form.get("purpose"))
        .value("contribution", &form.get("contribution"));
    let later =
        [Move::RequestOpinions, Move::Evaluate, Move::Accept, Move::Decline, Move::SignContract, Move::Complete];
    let Some(mv) = Move::parse(&form.get("move")).filter(|m| later.contains(m)) else {
        let feedback = feedback.error("move", "move_not_allowed");
        return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let mut note = form.get("note").trim().to_owned();
    if note.chars().count() > 5_000 {
        feedback = feedback.error("note", "reason_too_long");
    }
    if matches!(mv, Move::Decline) && note.chars().count() < 10 {
        feedback = feedback.error("note", "reason_required");
    }
    let at = now();
    let detail = match storage::detail(&state.db, id, at).await {
        Ok(Some(d)) if d.summary.seq.is_some() => d,
        Ok(_) => return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => return internal(&state, &parts, &page, feedback).await,
    };
    let mut points = None;
    if mv == Move::Evaluate {
        // The bonus follows the district council's opinion as recorded, not a tick box.
        let council_positive = detail.opinions.iter().any(|o| o.body == "district_council" && o.positive == Some(true));
        let sheet = detail.sheet;
        let given = |name: &str| form.get(name).trim().parse::<u32>().ok();
        match (given("purpose"), given("contribution")) {
            (Some(p), Some(c)) => match score(sheet, p, c, council_positive) {
                Ok((total, passed)) => {
                    let bonus = if council_positive { sheet.council_bonus } else { 0 };
                    let verdict = if passed { "≥" } else { "<" };
                    let line = format!("{p} + {c} + {bonus} = {total} {verdict} {}", sheet.pass_mark);
                    note = if note.is_empty() { line } else { format!("{line}\n{note}") };
                    points = Some(storage::Points {
                        purpose: i64::from(p),
                        contribution: i64::from(c),
                        bonus: i64::from(bonus),
                    });
                }
                Err(field) => feedback = feedback.error(field, "score_invalid"),
            },
            (None, _) => feedback = feedback.error("purpose", "score_invalid"),
            (_, None) => feedback = feedback.error("contribution", "score_invalid"),
        }
    }
    if mv == Move::Accept {
        // Accepted only while the year's pool covers what the city pays, and when the
        // sheet's pass mark was reached.
        let passed = detail.points.is_some_and(|(p, c, b)| p + c + b >= i64::from(detail.sheet.pass_mark));
        if !passed {
            feedback = feedback.error("move", "score_below_pass");
        }
        let year = detail.submitted.as_ref().and_then(|s| parse_date(&s.starts_on)).map(|(y, _, _)| i64::from(y));
        match storage::pool(&state.db, year.unwrap_or(detail.summary.year.unwrap_or_default())).await {
            Ok(pool) => {
                if pool.remaining().is_some_and(|left| detail.summary.city_cost.unwrap_or(0) > left) {
                    feedback = feedback.error("move", "pool_exhausted");
                }
            }
            Err(_) => return internal(&state, &parts, &page, feedback).await,
        }
    }
    if feedback.has_errors() {
        return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match storage::apply_move(&state.db, id, mv, &note, None, points, me.id, at).await {
        Ok(Some(status)) => {
            let after = json!({ "status": status.code(), "note": note });
            if let Err(response) = audit(&state, me.id, mv.audit_action(), "initiative", id, None, Some(after)).await {
                return response;
            }
            see_other(&with_done(&page, "il_stage_recorded", "content"))
        }
        Ok(None) => {
            render(&state, &parts, &page, feedback.error("move", "move_not_allowed"), StatusCode::CONFLICT).await
        }
        Err(_) => internal(&state, &parts, &page, feedback).await,
    }
}

/// `POST /moderation/initiatives/pool`: the pool of a year, in złoty, and the year's
/// merit sheet (the most points for purposefulness and own contribution, the bonus for
/// a positive district-council opinion, the pass mark).
pub async fn set_pool(State(state): State<AppState>, parts: Parts, form: FormData) -> Response {
    let page = "/moderation/initiatives";
    let me = match require(&state, &parts, Action::Moderate, page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let names = ["pool", "purpose_max", "contribution_max", "council_bonus", "pass_mark"];
    let mut feedback = names.iter().fold(FormFeedback::new("pool"), |f, n| f.value(n, &form.get(n)));
    let year = form.get("year").trim().parse::<i64>().ok().filter(|y| (2000..=2100).contains(y));
    let pool = parse_zloty(&form.get("pool"));
    if year.is_none() || pool.is_none() {
        feedback = feedback.error("pool", "pool_invalid");
    }
    // A field left empty keeps Kraków's default.
    let default = Sheet::default();
    let points = |name: &str, default: u32| match form.get(name).trim() {
        "" => Some(default),
        n => n.parse::<u32>().ok().filter(|n| *n <= 100),
    };
    let sheet = match (
        points("purpose_max", default.purpose_max),
        points("contribution_max", default.contribution_max),
        points("council_bonus", default.council_bonus),
        points("pass_mark", default.pass_mark),
    ) {
        (Some(purpose_max), Some(contribution_max), Some(council_bonus), Some(pass_mark))
            if purpose_max + contribution_max + council_bonus >= pass_mark =>
        {
            Some(Sheet { purpose_max, contribution_max, council_bonus, pass_mark })
        }
        _ => {
            feedback = feedback.error("purpose_max", "sheet_invalid");
            None
        }
    };
    let (Some(year), Some(pool), Some(sheet)) = (year, pool, sheet) else {
        return render(&state, &parts, page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    if storage::set_year(&state.db, year, pool, sheet).await.is_err() {
        return internal(&state, &parts, page, feedback).await;
    }
    let after = json!({ "year": year, "pool_grosze": pool, "sheet": sheet });
    if let Err(response) = audit(&state, me.id, "initiative.pool", "initiative_year", year, None, Some(after)).await {
        return response;
    }
    see_other(&with_done(page, "il_pool_saved", "content"))
}

/// An opinion as the form sends it: positive or negative, and its text.
fn opinion_input(form: &FormData, name: &'static str) -> (FormFeedback, Option<(bool, String)>) {
    let (verdict, text) = (form.get("positive"), form.get("opinion").trim().to_owned());
    let feedback = FormFeedback::new(name).value("positive", &verdict).value("opinion", &text);
    let positive = match verdict.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    let n = text.chars().count();
    match positive {
        Some(positive) if (10..=5_000).contains(&n) => (feedback, Some((positive, text))),
        _ => (feedback.error("opinion", "opinion_invalid"), None),
    }
}

/// The timeline's line for an opinion (in Polish, as the application's record).
fn opinion_note(body: &str, positive: bool, text: &str) -> String {
    let t = app::i18n::Locale::Pl.initiatives();
    let who = if body == "district_council" { t.opinion_council } else { t.opinion_committee };
    let verdict = if positive { t.opinion_positive } else { t.opinion_negative };
    format!("{who}: {verdict}\n{text}")
}

/// `POST /moderation/initiatives/{id}/opinion`: DK-04 records an opinion received (the
/// committee's, or a council's that came on paper).
pub async fn record_opinion(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    parts: Parts,
    form: FormData,
) -> Response {
    let (page, me) = match staff(&state, &parts, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let body = form.get("body");
    let (feedback, opinion) = opinion_input(&form, "opinion");
    let feedback = feedback.value("body", &body);
    let Some((positive, text)) = opinion.filter(|_| matches!(body.as_str(), "district_council" | "dialogue_committee"))
    else {
        let feedback = if feedback.has_errors() { feedback } else { feedback.error("body", "opinion_not_asked") };
        return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    save_opinion(&state, &parts, &page, feedback, (id, &body, positive, &text), me.id).await
}

async fn save_opinion(
    state: &AppState,
    parts: &Parts,
    page: &str,
    feedback: FormFeedback,
    (id, body, positive, text): (i64, &str, bool, &str),
    by: i64,
) -> Response {
    let note = opinion_note(body, positive, text);
    match storage::record_opinion(&state.db, id, body, positive, text, &note, by, now()).await {
        Ok(true) => {
            let after = json!({ "body": body, "positive": positive, "opinion": text });
            if let Err(response) = audit(state, by, "initiative.opinion", "initiative", id, None, Some(after)).await {
                return response;
            }
            see_other(&with_done(page, "il_opinion_saved", "content"))
        }
        Ok(false) => render(state, parts, page, feedback.error("", "opinion_not_asked"), StatusCode::CONFLICT).await,
        Err(_) => internal(state, parts, page, feedback).await,
    }
}

/// `POST /initiatives/opinions`: a member of the district council asked for an opinion
/// on the application `initiative` gives it on the council's behalf.
pub async fn council_opinion(State(state): State<AppState>, parts: Parts, form: FormData) -> Response {
    let page = "/initiatives/opinions";
    if let Err(response) = require(&state, &parts, Action::Participate, page).await {
        return response;
    }
    let id = form.get("initiative").trim().parse::<i64>().unwrap_or(0);
    let council = match storage::opinions(&state.db, id).await {
        Ok(opinions) => opinions.into_iter().find(|o| o.body == "district_council").and_then(|o| o.organisation_id),
        Err(_) => return internal(&state, &parts, page, FormFeedback::default()).await,
    };
    let Some(council) = council else {
        return render(&state, &parts, page, FormFeedback::default(), StatusCode::NOT_FOUND).await;
    };
    let me = match require(&state, &parts, Action::ActFor { organisation_id: council }, page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let name: &'static str = "council";
    let (feedback, opinion) = opinion_input(&form, name);
    let feedback = feedback.value("initiative", &id.to_string());
    let Some((positive, text)) = opinion else {
        return render(&state, &parts, page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    save_opinion(&state, &parts, page, feedback, (id, "district_council", positive, &text), me.id).await
}
