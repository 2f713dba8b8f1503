//! The civic budget outside Leptos: DK-04's edition editor and verifying units, the
//! project form's posts (each saves the draft first, then checks when submitting), the
//! receipt by mail, the applicant's protest, merger answer and withdrawal, and the back
//! office's moves: DK-04's (signatures, summons, assignment, hearing, the protest's
//! outcome, closing the list) and the assigned unit's verifiers' (accept with the
//! verified cost, reject with a published reason, propose a merger). A refused post
//! renders its page again with the problems next to the fields and what was typed
//! kept; every state change is audited and on the project's timeline.

use crate::accounts::{internal, mail_later, render, require, see_other, FormData, SharedServices};
use crate::consultations::{audit, with_done};
use crate::initiatives::applying_as;
use app::accounts::authz::Action;
use app::accounts::forms::FormFeedback;
use app::accounts::model::CurrentUser;
use app::budget::form::FORM;
use app::budget::model::{bounded, read_form};
use app::budget::projects::{self, Change, SubmitRefusal};
use app::budget::staff::DISTRICT_POOL_FIELDS;
use app::budget::storage::{self, Edition};
use app::domain::budget::{protest_in_time, Calendar, Phase, Pools, ProjectMove, ProjectStatus, Rules};
use app::domain::budget_project::{check, project_number};
use app::domain::initiative::{parse_amount, parse_zloty};
use app::domain::warsaw_time::day_start;
use app::state::{now, AppState};
use axum::{
    extract::{Path, State},
    http::{request::Parts, StatusCode},
    response::Response,
    Extension,
};
use serde_json::json;

const DAY: i64 = 86_400;

/// The posted values as the form sends them (to give them back when refused).
fn typed(form: &FormData, name: &'static str) -> FormFeedback {
    form.0.iter().filter(|(n, _)| n != "intent").fold(FormFeedback::new(name), |f, (n, v)| f.value(n, v))
}

fn edit_page(id: i64) -> String {
    format!("/budget/projects/{id}/edit")
}

/// `POST /moderation/budget`: the page's forms, by `intent`: `unit` adds a verifying
/// unit, `unit_active` takes one off the list or back, `verifier` names a unit's
/// verifier, anything else saves the edition.
pub async fn staff_home(state: State<AppState>, parts: Parts, form: FormData) -> Response {
    match form.get("intent").as_str() {
        "unit" => add_unit(state, parts, form).await,
        "verifier" => add_verifier(state, parts, form).await,
        "unit_active" => set_unit_active(state, parts, form).await,
        _ => save_edition(state, parts, form).await,
    }
}

/// DK-04 saves an edition whole (calendar, pools, rules).
async fn save_edition(State(state): State<AppState>, parts: Parts, form: FormData) -> Response {
    let me = match require(&state, &parts, Action::Moderate, "/moderation/budget").await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let year = form.get("year").trim().parse::<i64>().ok().filter(|y| (2000..=2100).contains(y));
    let page = format!("/moderation/budget?year={}", year.unwrap_or_default());
    let mut feedback = typed(&form, "edition");
    if year.is_none() {
        feedback = feedback.error("year", "year_invalid");
    }
    let names = [
        "submission_starts",
        "verification_starts",
        "protests_start",
        "final_list_starts",
        "voting_starts",
        "results_start",
    ];
    let mut dates = [0i64; 6];
    for (i, name) in names.iter().enumerate() {
        match day_start(&form.get(name)) {
            Some(at) => dates[i] = at,
            None => feedback = feedback.error(name, "hearing_invalid"),
        }
    }
    // A pool may be up to a billion złoty (the whole budget is about 50 million).
    let pool = |name: &str| parse_amount(&form.get(name), 100_000_000_000);
    let mut pools = Pools { city_wide: 0, districts: [0; 18] };
    match pool("city_pool") {
        Some(p) => pools.city_wide = p,
        None => feedback = feedback.error("city_pool", "pool_invalid"),
    }
    for (i, name) in DISTRICT_POOL_FIELDS.iter().enumerate() {
        match pool(name) {
            Some(p) => pools.districts[i] = p,
            None => feedback = feedback.error(name, "pool_invalid"),
        }
    }
    let whole = |name: &'static str, max: u32, feedback: &mut FormFeedback| -> u32 {
        match form.get(name).trim().parse::<u32>().ok().filter(|n| *n <= max) {
            Some(n) => n,
            None => {
                *feedback = std::mem::take(feedback).error(name, "number_invalid");
                0
            }
        }
    };
    let support_signatures = whole("support_signatures", 10_000, &mut feedback);
    let support_remedy_days = whole("support_remedy_days", 365, &mut feedback);
    let protest_days = whole("protest_days", 365, &mut feedback);
    let withdrawal_deadline = match form.get("withdrawal_deadline").trim() {
        "" => None,
        text => match day_start(text) {
            // The deadline is the end of that day.
            Some(at) => Some(at + DAY - 1),
            None => {
                feedback = feedback.error("withdrawal_deadline", "hearing_invalid");
                None
            }
        },
    };
    let min_voter_age = match form.get("min_voter_age").trim() {
        "" => None,
        text => match text.parse::<u8>().ok().filter(|a| *a <= 120) {
            Some(a) => Some(a),
            None => {
                feedback = feedback.error("min_voter_age", "number_invalid");
                None
            }
        },
    };
    let (Some(year), false) = (year, feedback.has_errors()) else {
        return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let [s, v, p, f, vo, r] = dates;
    let calendar = Calendar {
        submission_starts: s,
        verification_starts: v,
        protests_start: p,
        final_list_starts: f,
        voting_starts: vo,
        results_start: r,
    };
    let rules = Rules { support_signatures, support_remedy_days, protest_days, withdrawal_deadline, min_voter_age };
    let edition = Edition { year, calendar, pools, rules };
    let before = storage::edition(&state.db, year).await.ok().flatten();
    match storage::save_edition(&state.db, &edition, me.id, now()).await {
        Ok(Ok(())) => {
            let after = json!({ "calendar": edition.calendar, "pools": edition.pools, "rules": edition.rules });
            let before = before.map(|b| json!({ "calendar": b.calendar, "pools": b.pools, "rules": b.rules }));
            if let Err(response) =
                audit(&state, me.id, "budget.edition", "budget_edition", year, before, Some(after)).await
            {
                return response;
            }
            see_other(&with_done(&format!("/moderation/budget?year={year}"), "bo_edition_saved", "content"))
        }
        Ok(Err(refusal)) => {
            let field = |f: &'static str| if f == "pools" { "city_pool" } else { f };
            let feedback = refusal.into_iter().fold(feedback, |fb, (f, code)| fb.error(field(f), code));
            render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(_) => internal(&state, &parts, &page, feedback).await,
    }
}

/// DK-04 adds a verifying unit.
async fn add_unit(State(state): State<AppState>, parts: Parts, form: FormData) -> Response {
    let page = "/moderation/budget";
    let me = match require(&state, &parts, Action::Moderate, page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let name = form.get("name").trim().to_owned();
    if name.is_empty() || name.chars().count() > 200 {
        let feedback = typed(&form, "unit").error("name", "unit_name_required");
        return render(&state, &parts, page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match projects::add_unit(&state.db, &name).await {
        Ok(id) => {
            if let Err(response) =
                audit(&state, me.id, "budget.unit", "budget_unit", id, None, Some(json!({ "name": name }))).await
            {
                return response;
            }
            see_other(&with_done(page, "bo_unit_added", "content"))
        }
        Err(_) => internal(&state, &parts, page, typed(&form, "unit")).await,
    }
}

/// DK-04 takes a unit off the list projects are assigned to, or puts it back.
async fn set_unit_active(State(state): State<AppState>, parts: Parts, form: FormData) -> Response {
    let page = "/moderation/budget";
    let me = match require(&state, &parts, Action::Moderate, page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let active = form.get("active") == "1";
    let unit = form.get("unit").parse::<i64>().unwrap_or(0);
    match projects::set_unit_active(&state.db, unit, active).await {
        Ok(true) => {
            let after = json!({ "active": active });
            if let Err(response) =
                audit(&state, me.id, "budget.unit_active", "budget_unit", unit, None, Some(after)).await
            {
                return response;
            }
            see_other(&with_done(page, "bo_unit_changed", "content"))
        }
        Ok(false) => {
            let feedback = FormFeedback::new("unit").error("", "unit_required");
            render(&state, &parts, page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(_) => internal(&state, &parts, page, FormFeedback::new("unit")).await,
    }
}

/// DK-04 names a person a verifier of a unit.
async fn add_verifier(State(state): State<AppState>, parts: Parts, form: FormData) -> Response {
    let page = "/moderation/budget";
    let me = match require(&state, &parts, Action::Moderate, page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let feedback = typed(&form, "verifier");
    let Ok(unit) = form.get("unit").parse::<i64>() else {
        return render(&state, &parts, page, feedback.error("unit", "unit_required"), StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    };
    let email = form.get("email");
    match projects::add_verifier(&state.db, unit, &email).await {
        Ok(true) => {
            let after = json!({ "unit": unit, "email": email.trim() });
            if let Err(response) = audit(&state, me.id, "budget.verifier", "budget_unit", unit, None, Some(after)).await
            {
                return response;
            }
            see_other(&with_done(page, "bo_verifier_added", "content"))
        }
        Ok(false) => {
            render(&state, &parts, page, feedback.error("email", "verifier_unknown"), StatusCode::UNPROCESSABLE_ENTITY)
                .await
        }
        // A unit that does not exist breaks the foreign key.
        Err(_) => {
            render(&state, &parts, page, feedback.error("unit", "unit_required"), StatusCode::UNPROCESSABLE_ENTITY)
                .await
        }
    }
}

/// `POST /budget/{year}/projects/new`: the first save creates the draft (whatever was
/// typed is kept), then goes on as any save.
pub async fn create(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path(year): Path<i64>,
    parts: Parts,
    form: FormData,
) -> Response {
    let page = format!("/budget/{year}/projects/new");
    let me = match require(&state, &parts, Action::Participate, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let Some((kind, organisation)) = applying_as(&me, &form.get("applicant")) else {
        let feedback = typed(&form, FORM).error("applicant", "applicant_invalid");
        return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    match storage::edition(&state.db, year).await {
        Ok(Some(_)) => {}
        Ok(None) => return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => return internal(&state, &parts, &page, typed(&form, FORM)).await,
    }
    let input = bounded(read_form(|n| form.all(n)));
    let id = match projects::create_draft(&state.db, year, me.id, kind, organisation, &input, now()).await {
        Ok(id) => id,
        Err(_) => return internal(&state, &parts, &page, typed(&form, FORM)).await,
    };
    after_save(&state, &services, &parts, &form, &me, id, year).await
}

/// `POST /budget/projects/{id}/edit`: saves what was typed into the draft; with
/// `intent=submit`, checks it whole and submits it.
pub async fn save(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path(id): Path<i64>,
    parts: Parts,
    form: FormData,
) -> Response {
    let page = edit_page(id);
    let (me, status, year) = match own(&state, &parts, id, &page).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if status != ProjectStatus::Draft {
        if form.get("intent") == "submit" && status != ProjectStatus::Withdrawn {
            // A second click: the project is submitted already.
            return see_other(&public_page(&state, id).await);
        }
        let feedback = typed(&form, FORM).error("", "project_locked");
        return render(&state, &parts, &page, feedback, StatusCode::CONFLICT).await;
    }
    let Some((kind, organisation)) = applying_as(&me, &form.get("applicant")) else {
        let feedback = typed(&form, FORM).error("applicant", "applicant_invalid");
        return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let input = bounded(read_form(|n| form.all(n)));
    match projects::save_draft(&state.db, id, kind, organisation, &input, now()).await {
        Ok(true) => after_save(&state, &services, &parts, &form, &me, id, year).await,
        Ok(false) => {
            render(&state, &parts, &page, typed(&form, FORM).error("", "project_locked"), StatusCode::CONFLICT).await
        }
        Err(_) => internal(&state, &parts, &page, typed(&form, FORM)).await,
    }
}

async fn public_page(state: &AppState, id: i64) -> String {
    match projects::detail(&state.db, id).await {
        Ok(Some(d)) => d.summary.href(),
        _ => "/budget/mine".to_owned(),
    }
}

/// After the draft was saved: back to it ("Save draft"), or, to submit, the whole check
/// (the same rules as the browser's), the phase, then the number and the receipt.
async fn after_save(
    state: &AppState,
    services: &SharedServices,
    parts: &Parts,
    form: &FormData,
    me: &CurrentUser,
    id: i64,
    year: i64,
) -> Response {
    let page = edit_page(id);
    if form.get("intent") != "submit" {
        return see_other(&with_done(&page, "bo_draft_saved", "content"));
    }
    let at = now();
    let (edition, detail) = match (storage::edition(&state.db, year).await, projects::detail(&state.db, id).await) {
        (Ok(Some(e)), Ok(Some(d))) => (e, d),
        _ => return internal(state, parts, &page, typed(form, FORM)).await,
    };
    let mut feedback = typed(form, FORM);
    if edition.calendar.phase_at(at) != Phase::Submission {
        feedback = feedback.error("", "submission_closed");
    }
    for p in check(&detail.input, Some(&edition.pools)) {
        feedback = feedback.error(p.field, p.code);
    }
    if feedback.has_errors() {
        return render(state, parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match projects::submit(&state.db, id, me.id, at).await {
        Ok(Ok((year, seq))) => {
            let number = project_number(year, seq);
            let after = json!({ "number": number, "title": detail.input.title.trim() });
            if let Err(response) = audit(state, me.id, "budget.submit", "budget_project", id, None, Some(after)).await {
                return response;
            }
            let email: Option<(Option<String>,)> = sqlx::query_as("select email from users where id = $1")
                .bind(me.id)
                .fetch_optional(&state.db)
                .await
                .ok()
                .flatten();
            let href = format!("/budget/{year}/projects/{seq}");
            if let Some((Some(email),)) = email {
                let (subject, body) =
                    receipt_mail(&number, detail.input.title.trim(), at, &state.settings.public_url, &href);
                mail_later(state, services, email, subject, body);
            }
            see_other(&with_done(&href, "bo_submitted", "content"))
        }
        Ok(Err(SubmitRefusal::AlreadySubmitted)) => see_other(&public_page(state, id).await),
        Ok(Err(SubmitRefusal::NotSubmittable)) => {
            render(state, parts, &page, typed(form, FORM).error("", "project_locked"), StatusCode::CONFLICT).await
        }
        Err(_) => internal(state, parts, &page, typed(form, FORM)).await,
    }
}

/// The receipt: trilingual, as the platform's other mail.
fn receipt_mail(number: &str, title: &str, at: i64, site: &str, href: &str) -> (String, String) {
    use app::i18n::Locale;
    let subject = format!("{number}: projekt złożony / project submitted / проєкт подано");
    let link = format!("{}{href}", site.trim_end_matches('/'));
    let body = format!(
        "Projekt do budżetu obywatelskiego został złożony.\nNumer: {number}\nTytuł: {title}\nData: {}\n\n\
         The project for the civic budget has been submitted.\nNumber: {number}\nDate: {}\n\n\
         Проєкт до громадського бюджету подано.\nНомер: {number}\nДата: {}\n\n{link}\n",
        Locale::Pl.date_time(at),
        Locale::En.date_time(at),
        Locale::Uk.date_time(at),
    );
    (subject, body)
}

/// The project's owner, or the response that refuses the request.
async fn own(
    state: &AppState,
    parts: &Parts,
    id: i64,
    page: &str,
) -> Result<(CurrentUser, ProjectStatus, i64), Response> {
    match projects::owner_and_status(&state.db, id).await {
        Ok(Some((owner, status, year))) => {
            let me = require(state, parts, Action::ManageOwnApplication { owner_id: owner }, page).await?;
            Ok((me, status, year))
        }
        Ok(None) => Err(render(state, parts, page, FormFeedback::default(), StatusCode::NOT_FOUND).await),
        Err(_) => Err(internal(state, parts, page, FormFeedback::default()).await),
    }
}

/// A reason, protest or note of 10 to 5,000 characters.
fn reason(text: &str) -> Option<String> {
    let text = text.trim();
    (10..=5_000).contains(&text.chars().count()).then(|| text.to_owned())
}

/// Applies a move and audits it; the page to go to next, or the refusal.
#[allow(clippy::too_many_arguments)]
async fn moved(
    state: &AppState,
    parts: &Parts,
    me: &CurrentUser,
    id: i64,
    mv: ProjectMove,
    change: &Change,
    page: &str,
    form: &'static str,
) -> Response {
    match projects::apply(&state.db, id, mv, change, me.id, now()).await {
        Ok(Some(to)) => {
            let after = json!({ "status": to.code(), "note": change.note, "unit": change.unit,
                "verified_cost_grosze": change.verified_cost });
            if let Err(response) = audit(state, me.id, mv.audit_action(), "budget_project", id, None, Some(after)).await
            {
                return response;
            }
            let code = match mv {
                ProjectMove::Protest => "bo_protested",
                ProjectMove::Withdraw => "bo_withdrawn",
                ProjectMove::AgreeMerger | ProjectMove::RefuseMerger => "bo_merger_answered",
                _ => "bo_moved",
            };
            see_other(&with_done(page, code, "content"))
        }
        Ok(None) => {
            render(state, parts, page, FormFeedback::new(form).error("", "step_not_allowed"), StatusCode::CONFLICT)
                .await
        }
        Err(_) => internal(state, parts, page, FormFeedback::new(form)).await,
    }
}

/// `POST /budget/{year}/projects/{seq}`: the applicant's forms on the project's page,
/// by `intent`: `protest`, `withdraw`, or the answer to a proposed merger.
pub async fn owner_action(
    State(state): State<AppState>,
    Path((year, seq)): Path<(i64, i64)>,
    parts: Parts,
    form: FormData,
) -> Response {
    let page = format!("/budget/{year}/projects/{seq}");
    let id = match projects::id_by_number(&state.db, year, seq).await {
        Ok(id) => id,
        Err(_) => return internal(&state, &parts, &page, FormFeedback::default()).await,
    };
    let Some(id) = id else {
        // Nobody owns what does not exist: sign in first, then a 404.
        return match require(&state, &parts, Action::Participate, &page).await {
            Ok(_) => render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
            Err(response) => response,
        };
    };
    match form.get("intent").as_str() {
        "protest" => protest(&state, &parts, id, &page, &form).await,
        "withdraw" => withdraw(&state, &parts, id, &page, &form).await,
        _ => merger(&state, &parts, id, &page, &form).await,
    }
}

/// The applicant protests a rejection within the edition's window.
async fn protest(state: &AppState, parts: &Parts, id: i64, page: &str, form: &FormData) -> Response {
    let (me, status, year) = match own(state, parts, id, page).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let feedback = typed(form, "protest");
    let Some(text) = reason(&form.get("protest")) else {
        return render(
            state,
            parts,
            page,
            feedback.error("protest", "protest_required"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let (rejected_at, edition) = match (projects::detail(&state.db, id).await, storage::edition(&state.db, year).await)
    {
        (Ok(Some(d)), Ok(Some(e))) => (d.rejected_at, e),
        _ => return internal(state, parts, page, feedback).await,
    };
    if status != ProjectStatus::Rejected {
        return render(state, parts, page, feedback.error("", "step_not_allowed"), StatusCode::CONFLICT).await;
    }
    if !protest_in_time(rejected_at.unwrap_or(0), edition.rules.protest_days, now()) {
        return render(state, parts, page, feedback.error("protest", "protest_late"), StatusCode::CONFLICT).await;
    }
    let change = Change { note: text, ..Change::default() };
    moved(state, parts, &me, id, ProjectMove::Protest, &change, page, "protest").await
}

/// The applicant withdraws (confirmed with a tick) until the edition's deadline.
async fn withdraw(state: &AppState, parts: &Parts, id: i64, page: &str, form: &FormData) -> Response {
    let (me, _, year) = match own(state, parts, id, page).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if form.get("confirm") != "yes" {
        let feedback = FormFeedback::new("withdraw").error("confirm", "confirm_required");
        return render(state, parts, page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let deadline = storage::edition(&state.db, year).await.ok().flatten().and_then(|e| e.rules.withdrawal_deadline);
    if deadline.is_some_and(|d| now() > d) {
        let feedback = FormFeedback::new("withdraw").error("", "withdrawal_closed");
        return render(state, parts, page, feedback, StatusCode::CONFLICT).await;
    }
    moved(state, parts, &me, id, ProjectMove::Withdraw, &Change::default(), page, "withdraw").await
}

/// The applicant agrees to the proposed merger or refuses it (verification then goes
/// on).
async fn merger(state: &AppState, parts: &Parts, id: i64, page: &str, form: &FormData) -> Response {
    let (me, _, _) = match own(state, parts, id, page).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let agree = form.get("answer") == "agree";
    match projects::answer_merger(&state.db, id, agree, me.id, now()).await {
        Ok(Some(status)) => {
            let mv = if agree { ProjectMove::AgreeMerger } else { ProjectMove::RefuseMerger };
            let after = json!({ "status": status.code(), "agree": agree });
            if let Err(response) = audit(state, me.id, mv.audit_action(), "budget_project", id, None, Some(after)).await
            {
                return response;
            }
            see_other(&with_done(page, "bo_merger_answered", "content"))
        }
        Ok(None) => {
            let feedback = FormFeedback::new("merger").error("", "step_not_allowed");
            render(state, parts, page, feedback, StatusCode::CONFLICT).await
        }
        Err(_) => internal(state, parts, page, FormFeedback::new("merger")).await,
    }
}

/// `POST /moderation/budget/projects/{id}`: a back-office move, by `intent`. DK-04:
/// `signatures`, `summon_support`, `assign`, `reject` (signatures missing), `hearing`,
/// `uphold_protest`, `dismiss_protest`. The verifiers of the project's unit: `accept`,
/// `reject`, `propose_merger`. Nothing once voting has opened.
pub async fn staff_move(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts, form: FormData) -> Response {
    let page = format!("/moderation/budget/projects/{id}");
    let found = match projects::detail(&state.db, id).await {
        Ok(found) => found.filter(|d| d.summary.seq.is_some()),
        Err(_) => return internal(&state, &parts, &page, FormFeedback::new("move")).await,
    };
    let intent = form.get("intent");
    // The unit's own assessment: only its verifiers, whoever else they are; the rest
    // (and a project that does not exist) is DK-04's.
    let action = match &found {
        Some(d)
            if matches!(intent.as_str(), "accept" | "propose_merger")
                || (intent == "reject" && d.summary.status == ProjectStatus::InVerification) =>
        {
            Action::VerifyFor { unit_id: d.unit_id.unwrap_or(0) }
        }
        _ => Action::Moderate,
    };
    let me = match require(&state, &parts, action, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let Some(detail) = found else {
        return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await;
    };
    let Ok(Some(edition)) = storage::edition(&state.db, detail.summary.year).await else {
        return internal(&state, &parts, &page, FormFeedback::new("move")).await;
    };
    let status = detail.summary.status;
    let feedback = typed(&form, "move");
    let at = now();
    if edition.calendar.phase_at(at) >= Phase::Voting {
        return render(&state, &parts, &page, feedback.error("", "list_closed"), StatusCode::CONFLICT).await;
    }
    let mut change = Change::default();
    let mv = match intent.as_str() {
        "signatures" => {
            let Some(count) = form.get("signatures").trim().parse::<i64>().ok().filter(|n| (0..=100_000).contains(n))
            else {
                return render(
                    &state,
                    &parts,
                    &page,
                    feedback.error("signatures", "number_invalid"),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            };
            return match projects::record_signatures(&state.db, id, count, me.id, at).await {
                Ok(true) => {
                    let after = json!({ "signatures": count });
                    if let Err(response) =
                        audit(&state, me.id, "budget.signatures", "budget_project", id, None, Some(after)).await
                    {
                        return response;
                    }
                    see_other(&with_done(&page, "bo_signatures", "content"))
                }
                Ok(false) => {
                    render(&state, &parts, &page, feedback.error("", "step_not_allowed"), StatusCode::CONFLICT).await
                }
                Err(_) => internal(&state, &parts, &page, feedback).await,
            };
        }
        "hearing" => {
            let Some(day) = day_start(&form.get("hearing")) else {
                return render(
                    &state,
                    &parts,
                    &page,
                    feedback.error("hearing", "hearing_invalid"),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            };
            return match projects::schedule_hearing(&state.db, id, day, me.id, at).await {
                Ok(true) => {
                    let after = json!({ "hearing_at": day });
                    if let Err(response) =
                        audit(&state, me.id, "budget.hearing", "budget_project", id, None, Some(after)).await
                    {
                        return response;
                    }
                    see_other(&with_done(&page, "bo_hearing", "content"))
                }
                Ok(false) => {
                    render(&state, &parts, &page, feedback.error("", "step_not_allowed"), StatusCode::CONFLICT).await
                }
                Err(_) => internal(&state, &parts, &page, feedback).await,
            };
        }
        "summon_support" => {
            change.deadline = Some(at + i64::from(edition.rules.support_remedy_days) * DAY);
            ProjectMove::SummonSupport
        }
        "assign" => {
            let unit = form.get("unit").parse::<i64>().ok();
            let known = projects::units(&state.db).await.unwrap_or_default();
            let Some(unit) = unit.filter(|u| known.iter().any(|k| k.id == *u && k.active)) else {
                return render(
                    &state,
                    &parts,
                    &page,
                    feedback.error("unit", "unit_required"),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            };
            change.unit = Some(unit);
            ProjectMove::Assign
        }
        "accept" => {
            let cost = match form.get("verified_cost").trim() {
                "" => detail.summary.cost,
                text => parse_zloty(text),
            };
            let pool = edition.pools.for_project(detail.summary.district);
            match cost {
                Some(c) if c > 0 && pool.is_none_or(|p| c <= p) => change.verified_cost = Some(c),
                Some(c) if c > 0 => {
                    return render(
                        &state,
                        &parts,
                        &page,
                        feedback.error("verified_cost", "over_pool"),
                        StatusCode::UNPROCESSABLE_ENTITY,
                    )
                    .await;
                }
                _ => {
                    return render(
                        &state,
                        &parts,
                        &page,
                        feedback.error("verified_cost", "amount_invalid"),
                        StatusCode::UNPROCESSABLE_ENTITY,
                    )
                    .await;
                }
            }
            // The unit's formal and legal assessment, published on the timeline.
            change.note = form.get("assessment").trim().chars().take(5_000).collect();
            ProjectMove::Accept
        }
        "reject" | "dismiss_protest" => {
            let Some(note) = reason(&form.get("note")) else {
                return render(
                    &state,
                    &parts,
                    &page,
                    feedback.error("note", "reason_too_short"),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            };
            change.note = note;
            if intent == "reject" {
                ProjectMove::Reject
            } else {
                ProjectMove::DismissProtest
            }
        }
        "uphold_protest" => ProjectMove::UpholdProtest,
        "propose_merger" => {
            let other = merger_target(&state, &form.get("merger_with"), &detail).await;
            let Some(other) = other else {
                return render(
                    &state,
                    &parts,
                    &page,
                    feedback.error("merger_with", "merger_invalid"),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            };
            let note: String = form.get("merger_note").trim().chars().take(5_000).collect();
            return match projects::propose_merger(&state.db, id, other, &note, me.id, at).await {
                Ok(true) => {
                    let after = json!({ "merger_with": other, "note": note });
                    let action = ProjectMove::ProposeMerger.audit_action();
                    if let Err(response) = audit(&state, me.id, action, "budget_project", id, None, Some(after)).await {
                        return response;
                    }
                    see_other(&with_done(&page, "bo_moved", "content"))
                }
                Ok(false) => {
                    render(&state, &parts, &page, feedback.error("", "step_not_allowed"), StatusCode::CONFLICT).await
                }
                Err(_) => internal(&state, &parts, &page, feedback).await,
            };
        }
        _ => {
            return render(
                &state,
                &parts,
                &page,
                feedback.error("", "step_not_allowed"),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    if status.after(mv).is_none() {
        return render(&state, &parts, &page, feedback.error("", "step_not_allowed"), StatusCode::CONFLICT).await;
    }
    moved(&state, &parts, &me, id, mv, &change, &page, "move").await
}

/// The other project of a proposed merger: a number of the same edition (`BO/2027/12`,
/// `12`), in verification, not the project itself.
async fn merger_target(state: &AppState, text: &str, detail: &app::budget::model::ProjectDetail) -> Option<i64> {
    let seq: i64 = text.trim().rsplit('/').next()?.trim().parse().ok()?;
    let other = projects::id_by_number(&state.db, detail.summary.year, seq).await.ok()??;
    let (_, status, _) = projects::owner_and_status(&state.db, other).await.ok()??;
    (other != detail.summary.id && status == ProjectStatus::InVerification).then_some(other)
}

/// `POST /moderation/budget/{year}/projects`: DK-04 closes the list in the final-list
/// phase; the ballot uses exactly the projects it puts on it.
pub async fn close_list(State(state): State<AppState>, Path(year): Path<i64>, parts: Parts) -> Response {
    let page = format!("/moderation/budget/{year}/projects");
    let me = match require(&state, &parts, Action::Moderate, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let edition = match storage::edition(&state.db, year).await {
        Ok(Some(e)) => e,
        Ok(None) => return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => return internal(&state, &parts, &page, FormFeedback::new("close")).await,
    };
    let at = now();
    if edition.calendar.phase_at(at) != Phase::FinalList {
        let feedback = FormFeedback::new("close").error("", "final_list_only");
        return render(&state, &parts, &page, feedback, StatusCode::CONFLICT).await;
    }
    match projects::close_list(&state.db, year, edition.rules.protest_days, me.id, at).await {
        Ok(on_ballot) => {
            let after = json!({ "on_ballot": on_ballot });
            if let Err(response) =
                audit(&state, me.id, "budget.close_list", "budget_edition", year, None, Some(after)).await
            {
                return response;
            }
            see_other(&with_done(&page, "bo_list_closed", "content"))
        }
        Err(_) => internal(&state, &parts, &page, FormFeedback::new("close")).await,
    }
}
