//! The vote outside Leptos: the ballot's posts (`review` checks everything and shows the
//! choices back; `cast` checks again and stores; `change` returns to the ballot with
//! the choices kept), and DK-04's ballot settings, sealing and publishing.

use crate::accounts::{client_ip, internal, render, require, see_other, FormData};
use crate::consultations::{audit, with_done};
use app::accounts::authz::Action;
use app::accounts::forms::FormFeedback;
use app::accounts::model::CurrentUser;
use app::budget::paper::{self, CardInput, Entered};
use app::budget::voting::{self, Cast, ConflictRule, Declared, IdentitySource, Origin, VoteSettings};
use app::domain::ballot::{check, move_mark, Group, Marks, Scheme};
use app::domain::budget::Phase;
use app::domain::tally::Funding;
use app::state::{now, AppState};
use axum::{
    extract::{Path, State},
    http::{header, request::Parts, StatusCode},
    response::{IntoResponse, Response},
};

const FORM: &str = "vote";

/// A database failure: logged, and the page again with a general message.
async fn failed(state: &AppState, parts: &Parts, page: &str, feedback: FormFeedback, error: sqlx::Error) -> Response {
    tracing::error!(%error, "civic-budget vote request failed");
    internal(state, parts, page, feedback).await
}

/// What a voter posted: the district, the identity fields, the marks (`p{id}`).
fn marks_of(form: &FormData) -> Marks {
    let district = form.get("district").trim().parse::<u8>().ok();
    let marks = form
        .0
        .iter()
        .filter_map(|(name, value)| {
            let id = name.strip_prefix('p')?.parse::<i64>().ok()?;
            let points = value.trim().parse::<u32>().ok()?;
            Some((id, points))
        })
        .collect();
    Marks { district, marks }
}

/// The values to give back: everything but the intent and an arrow (a ballot has at most a few
/// hundred fields, each short).
fn kept(form: &FormData) -> FormFeedback {
    form.0
        .iter()
        .filter(|(n, _)| n != "intent" && n != "stage" && n != "move")
        .take(2_000)
        .fold(FormFeedback::new(FORM), |f, (n, v)| f.value(n, &v.chars().take(100).collect::<String>()))
}

/// `POST /budget/{year}/vote`.
pub async fn vote(State(state): State<AppState>, Path(year): Path<i64>, parts: Parts, form: FormData) -> Response {
    let marks = marks_of(&form);
    let page = format!("/budget/{year}/vote?district={}", marks.district.map(|d| d.to_string()).unwrap_or_default());
    let me = match require(&state, &parts, Action::Participate, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let intent = form.get("intent");
    let mut feedback = kept(&form);
    if intent == "change" {
        return render(&state, &parts, &page, feedback, StatusCode::OK).await;
    }
    let (settings, edition) =
        match tokio::try_join!(voting::settings(&state.db, year), app::budget::storage::edition(&state.db, year)) {
            Ok((s, Some(e))) => (s, e),
            Ok((_, None)) => return StatusCode::NOT_FOUND.into_response(),
            Err(e) => return failed(&state, &parts, &page, feedback, e).await,
        };
    let open = edition.calendar.phase_at(now()) == Phase::Voting;
    let projects = match state.votes.ballot_projects(year, open).await {
        Ok(projects) => projects,
        Err(e) => return failed(&state, &parts, &page, feedback, e).await,
    };
    if let Some((id, up)) = form.get("move").split_once(':').and_then(|(id, dir)| Some((id.parse().ok()?, dir == "up")))
    {
        return moved(&state, &parts, &page, feedback, &settings, &projects, &marks, id, up).await;
    }
    // The identity the city's sign-in provider vouched for, else the one typed.
    let identity = match voting::vouched(&state.db, me.id).await {
        Ok(Some(vouched)) => Ok(vouched),
        Ok(None) => {
            Declared { pesel: form.get("pesel"), birth_date: form.get("birth_date"), document: form.get("document") }
                .identify(&state.settings.identity_key)
        }
        Err(e) => return failed(&state, &parts, &page, feedback, e).await,
    };
    if let Err(code) = identity {
        let field = match code {
            "vote_birth_date_invalid" => "birth_date",
            "vote_document_invalid" => "document",
            _ => "pesel",
        };
        feedback = feedback.error(field, code);
    }
    let candidates: Vec<_> = projects.iter().map(|p| p.candidate()).collect();
    let district_pool = marks.district.and_then(|d| edition.pools.for_project(Some(d))).unwrap_or(0);
    let ballot = check(&settings.ballot, &candidates, (district_pool, edition.pools.city_wide), &marks);
    if let Err(problems) = &ballot {
        for p in problems {
            let field = match (p.project, p.group) {
                (Some(id), _) => format!("p{id}"),
                (None, Some(Group::City)) => "city_group".to_owned(),
                (None, _) => "district_group".to_owned(),
            };
            feedback = feedback.error(&field, p.code);
        }
    }
    let (Ok(identity), Ok(ballot)) = (identity, ballot) else {
        return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    if intent != "cast" {
        return render(&state, &parts, &page, feedback.value("stage", "review"), StatusCode::OK).await;
    }
    let origin = Origin {
        user_id: Some(me.id),
        ip: Some(client_ip(&parts, &state)),
        device: parts.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(|ua| {
            let language = parts.headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
            format!("{ua}|{language}")
        }),
    };
    let at = now();
    match state.votes.cast(year, &identity, &ballot, &origin, at).await {
        Ok(Cast::Stored { receipt }) => {
            // Stored with its audit record, in the same transaction.
            let done = FormFeedback::new("vote_cast").value("receipt", &receipt);
            render(&state, &parts, &page, done, StatusCode::OK).await
        }
        Ok(Cast::AlreadyVoted) => {
            render(&state, &parts, &page, feedback.error("", "vote_already"), StatusCode::CONFLICT).await
        }
        Ok(Cast::Closed) => {
            render(&state, &parts, &page, feedback.error("", "vote_closed"), StatusCode::CONFLICT).await
        }
        Ok(Cast::TooYoung) => {
            render(&state, &parts, &page, feedback.error("pesel", "vote_too_young"), StatusCode::UNPROCESSABLE_ENTITY)
                .await
        }
        Ok(Cast::NotResident) => {
            render(&state, &parts, &page, feedback.error("pesel", "vote_not_resident"), StatusCode::FORBIDDEN).await
        }
        Err(e) => failed(&state, &parts, &page, feedback, e).await,
    }
}

/// An arrow pressed without JavaScript: the project moves one place in its group's
/// ranking, as the page's script would move it, and the ballot comes back unchecked.
#[allow(clippy::too_many_arguments, reason = "the parts of one request, passed through")]
async fn moved(
    state: &AppState,
    parts: &Parts,
    page: &str,
    mut feedback: FormFeedback,
    settings: &VoteSettings,
    projects: &[app::budget::model::BallotProject],
    marks: &Marks,
    id: i64,
    up: bool,
) -> Response {
    let points = match &settings.ballot.scheme {
        Scheme::Ranked { points } => points.as_slice(),
        Scheme::Approval | Scheme::Knapsack => &[],
    };
    let on_page = |district: Option<u8>| district.is_none() || district == marks.district;
    let own = projects.iter().find(|p| p.id == id && on_page(p.district)).map(|p| p.district);
    let mut group: Vec<(i64, u32)> = projects
        .iter()
        .filter(|p| own.is_some_and(|d| d == p.district))
        .map(|p| (p.id, marks.marks.iter().find(|m| m.0 == p.id).map_or(0, |m| m.1)))
        .collect();
    move_mark(points, &mut group, id, up);
    for (id, mark) in group {
        let name = format!("p{id}");
        let value = if mark == 0 { String::new() } else { mark.to_string() };
        match feedback.values.iter_mut().find(|(n, _)| *n == name) {
            Some(kept) => kept.1 = value,
            None => feedback.values.push((name, value)),
        }
    }
    render(state, parts, page, feedback, StatusCode::OK).await
}

/// The ballot settings as DK-04 posted them, or the fields in error.
fn settings_of(form: &FormData) -> Result<VoteSettings, Vec<(&'static str, &'static str)>> {
    let mut errors = Vec::new();
    let count = |name: &'static str, errors: &mut Vec<_>| match form.get(name).trim().parse::<u8>() {
        Ok(n) if n <= 20 => n,
        _ => {
            errors.push((name, "number_invalid"));
            0
        }
    };
    let district_choices = count("district_choices", &mut errors);
    let city_choices = count("city_choices", &mut errors);
    let scheme = match form.get("scheme").as_str() {
        "approval" => Scheme::Approval,
        "knapsack" => Scheme::Knapsack,
        _ => {
            let points: Result<Vec<u32>, _> = form.get("points").split(',').map(|p| p.trim().parse::<u32>()).collect();
            match points {
                Ok(points) => Scheme::Ranked { points },
                Err(_) => {
                    errors.push(("points", "ballot_points_invalid"));
                    Scheme::Ranked { points: Vec::new() }
                }
            }
        }
    };
    let seed: String = form.get("draw_seed").trim().chars().take(64).collect();
    if seed.is_empty() {
        errors.push(("draw_seed", "required"));
    }
    let settings = VoteSettings {
        ballot: app::domain::ballot::BallotRules { scheme, district_choices, city_choices },
        funding: if form.get("funding") == "stop" { Funding::Stop } else { Funding::Skip },
        conflict_rule: ConflictRule::parse(&form.get("conflict_rule")).unwrap_or(ConflictRule::Earlier),
        draw_seed: seed,
    };
    if errors.is_empty() {
        if let Err(code) = settings.ballot.sound() {
            errors.push(("points", code));
        }
    }
    if errors.is_empty() {
        Ok(settings)
    } else {
        Err(errors)
    }
}

/// `POST /moderation/budget/{year}/vote`: `rules` saves the ballot settings (refused
/// once voting has opened), `seal` seals the ballot set, `publish` counts and publishes.
pub async fn admin(State(state): State<AppState>, Path(year): Path<i64>, parts: Parts, form: FormData) -> Response {
    let page = format!("/moderation/budget/{year}/vote");
    let me = match require(&state, &parts, Action::Moderate, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let at = now();
    match form.get("intent").as_str() {
        "officer" => match paper::add_officer(&state.db, year, &form.get("email")).await {
            Ok(Ok(officer)) => {
                let after = serde_json::json!({ "year": year });
                if let Err(r) =
                    audit(&state, me.id, "budget.poll_officer_named", "user", officer, None, Some(after)).await
                {
                    return r;
                }
                see_other(&with_done(&page, "vote_officer_added", "officers-heading"))
            }
            Ok(Err(code)) => {
                let feedback =
                    FormFeedback::new("vote_officer").value("email", &form.get("email")).error("email", code);
                render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await
            }
            Err(e) => failed(&state, &parts, &page, FormFeedback::new("vote_officer"), e).await,
        },
        "seal" => match voting::seal(&state.db, year, Some(me.id), at).await {
            Ok(Ok(digest)) => {
                let after = serde_json::json!({ "digest": digest });
                if let Err(r) =
                    audit(&state, me.id, "budget.ballots_sealed", "budget_edition", year, None, Some(after)).await
                {
                    return r;
                }
                see_other(&with_done(&page, "vote_sealed", "count-heading"))
            }
            Ok(Err(refusal)) => {
                let feedback = FormFeedback::new("vote_rules").error("", refusal.code());
                render(&state, &parts, &page, feedback, StatusCode::CONFLICT).await
            }
            Err(e) => failed(&state, &parts, &page, FormFeedback::new("vote_rules"), e).await,
        },
        "publish" => match voting::publish(&state.db, year, Some(me.id), at).await {
            Ok(Ok(results)) => {
                let after = serde_json::json!({ "digest": results.digest, "ballots": results.turnout.total });
                if let Err(r) =
                    audit(&state, me.id, "budget.results_published", "budget_edition", year, None, Some(after)).await
                {
                    return r;
                }
                see_other(&with_done(&format!("/budget/{year}/results"), "vote_published", "content"))
            }
            Ok(Err(refusal)) => {
                let feedback = FormFeedback::new("vote_rules").error("", refusal.code());
                render(&state, &parts, &page, feedback, StatusCode::CONFLICT).await
            }
            Err(e) => failed(&state, &parts, &page, FormFeedback::new("vote_rules"), e).await,
        },
        _ => {
            let typed = form
                .0
                .iter()
                .filter(|(n, _)| n != "intent")
                .fold(FormFeedback::new("vote_rules"), |f, (n, v)| f.value(n, v));
            let settings = match settings_of(&form) {
                Ok(s) => s,
                Err(errors) => {
                    let feedback = errors.into_iter().fold(typed, |f, (field, code)| f.error(field, code));
                    return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
                }
            };
            match voting::save_settings(&state.db, year, &settings, Some(me.id), at).await {
                Ok(Ok(())) => {
                    let after = serde_json::to_value(&settings).ok();
                    if let Err(r) =
                        audit(&state, me.id, "budget.ballot_saved", "budget_edition", year, None, after).await
                    {
                        return r;
                    }
                    see_other(&with_done(&page, "vote_rules_saved", "rules-heading"))
                }
                Ok(Err(code)) => {
                    let status = if code == "edition_missing" { StatusCode::NOT_FOUND } else { StatusCode::CONFLICT };
                    render(&state, &parts, &page, typed.error("", code), status).await
                }
                Err(e) => failed(&state, &parts, &page, FormFeedback::new("vote_rules"), e).await,
            }
        }
    }
}

/// A poll officer of `year`, or DK-04 (who approves batches but never enters cards).
async fn officer_or_staff(state: &AppState, parts: &Parts, year: i64, page: &str) -> Result<CurrentUser, Response> {
    let user = crate::accounts::session_of(parts).user;
    match user {
        Some(me) if app::accounts::authz::permits(Some(&me), Action::EnterCards { year }) => Ok(me),
        _ => require(state, parts, Action::Moderate, page).await,
    }
}

/// `POST /budget/{year}/cards`: a poll officer opens a batch for a voting point.
pub async fn cards(State(state): State<AppState>, Path(year): Path<i64>, parts: Parts, form: FormData) -> Response {
    let page = format!("/budget/{year}/cards");
    let me = match require(&state, &parts, Action::EnterCards { year }, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let typed = FormFeedback::new("vote_batch")
        .value("voting_point", &form.get("voting_point"))
        .value("cast_day", &form.get("cast_day"));
    let Some(day) = app::domain::warsaw_time::day_start(form.get("cast_day").trim()) else {
        return render(
            &state,
            &parts,
            &page,
            typed.error("cast_day", "hearing_invalid"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    match paper::create_batch(&state.db, year, &form.get("voting_point"), day, me.id, now()).await {
        Ok(Ok(id)) => {
            let after = serde_json::json!({ "year": year, "voting_point": form.get("voting_point") });
            if let Err(r) =
                audit(&state, me.id, "budget.paper_batch_opened", "paper_batch", id, None, Some(after)).await
            {
                return r;
            }
            see_other(&with_done(&format!("/budget/{year}/cards/{id}"), "vote_batch_opened", "card-heading"))
        }
        Ok(Err(code)) => {
            let field = match code {
                "paper_day_outside" => "cast_day",
                "paper_point_required" => "voting_point",
                _ => "",
            };
            render(&state, &parts, &page, typed.error(field, code), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => failed(&state, &parts, &page, typed, e).await,
    }
}

/// `POST /budget/{year}/cards/{id}`: `card` enters a card (the batch's edition's poll
/// officers), `approve` approves the batch (another officer or DK-04).
pub async fn batch(
    State(state): State<AppState>,
    Path((year, id)): Path<(i64, i64)>,
    parts: Parts,
    form: FormData,
) -> Response {
    let page = format!("/budget/{year}/cards/{id}");
    let approving = form.get("intent") == "approve";
    // Who may act is decided by the edition in the address, before anything is read.
    let me = if approving {
        officer_or_staff(&state, &parts, year, &page).await
    } else {
        require(&state, &parts, Action::EnterCards { year }, &page).await
    };
    let me = match me {
        Ok(me) => me,
        Err(response) => return response,
    };
    match paper::batch(&state.db, id).await {
        Ok(Some((b, _))) if b.year == year => {}
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => return failed(&state, &parts, &page, FormFeedback::new("vote_card"), e).await,
    }
    if approving {
        return match paper::approve(&state.db, &state.settings.identity_key, id, me.id, now()).await {
            Ok(Ok(done)) => {
                let after = serde_json::to_value(&done).ok();
                if let Err(r) =
                    audit(&state, me.id, "budget.paper_batch_approved", "paper_batch", id, None, after).await
                {
                    return r;
                }
                see_other(&with_done(&page, "vote_batch_approved", "cards-heading"))
            }
            Ok(Err(code)) => {
                render(&state, &parts, &page, FormFeedback::new("vote_card").error("", code), StatusCode::CONFLICT)
                    .await
            }
            Err(e) => failed(&state, &parts, &page, FormFeedback::new("vote_card"), e).await,
        };
    }
    let numbers =
        |prefix: &str| (1..=20).map(|i| form.get(&format!("{prefix}{i}"))).filter(|n| !n.trim().is_empty()).collect();
    let card = CardInput {
        pesel: form.get("pesel"),
        birth_date: form.get("birth_date"),
        document: form.get("document"),
        district: form.get("district").trim().parse::<u8>().ok().filter(|d| (1..=18).contains(d)),
        district_numbers: numbers("d"),
        city_numbers: numbers("c"),
    };
    match paper::enter_card(&state.db, &state.settings.identity_key, id, &card).await {
        Ok(Ok(entered)) => {
            // The audit log records that a card was entered and how it was judged,
            // never the identifier or the choices.
            let (card_id, valid) = match &entered {
                Entered::Valid(card_id) => (*card_id, true),
                Entered::Invalid(card_id, _) => (*card_id, false),
            };
            let after = serde_json::json!({ "batch": id, "valid": valid });
            if let Err(r) =
                audit(&state, me.id, "budget.paper_card_entered", "paper_card", card_id, None, Some(after)).await
            {
                return r;
            }
            see_other(&with_done(&page, "vote_card_entered", "cards-heading"))
        }
        Ok(Err(code)) => {
            render(&state, &parts, &page, FormFeedback::new("vote_card").error("", code), StatusCode::CONFLICT).await
        }
        Err(e) => failed(&state, &parts, &page, FormFeedback::new("vote_card"), e).await,
    }
}

/// `POST /moderation/budget/{year}/integrity`: DK-04 settles a conflict by the
/// edition's rule (`resolve`), or annuls a participation with a reason (`annul`).
pub async fn integrity(State(state): State<AppState>, Path(year): Path<i64>, parts: Parts, form: FormData) -> Response {
    let page = format!("/moderation/budget/{year}/integrity");
    let me = match require(&state, &parts, Action::Moderate, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let feedback = FormFeedback::new("vote_integrity");
    let key = &state.settings.identity_key;
    let number = |name: &str| form.get(name).trim().parse::<i64>().unwrap_or(0);
    let (outcome, action, object, id, done) = match form.get("intent").as_str() {
        "annul" => {
            let id = number("participation");
            let outcome = paper::annul(&state.db, key, id, &form.get("reason"), me.id, now()).await;
            let outcome = outcome.map(|r| r.map(|_| serde_json::json!({ "reason": form.get("reason").trim() })));
            (outcome, "budget.vote_annulled", "participation", id, "vote_annulled_done")
        }
        _ => {
            let id = number("card");
            let outcome = paper::resolve(&state.db, key, id, me.id, now()).await;
            let outcome = outcome.map(|r| r.map(|stands| serde_json::json!({ "card_stands": stands })));
            (outcome, "budget.conflict_resolved", "paper_card", id, "vote_conflict_resolved")
        }
    };
    match outcome {
        Ok(Ok(after)) => {
            if let Err(r) = audit(&state, me.id, action, object, id, None, Some(after)).await {
                return r;
            }
            see_other(&with_done(&page, done, "content"))
        }
        Ok(Err(code)) => {
            let status =
                if code == "reason_too_short" { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::CONFLICT };
            render(&state, &parts, &page, feedback.error("", code), status).await
        }
        Err(e) => failed(&state, &parts, &page, feedback, e).await,
    }
}
