//! DK-04's posts: creating, editing, previewing, publishing and unpublishing
//! consultations, their events, remarks received through other channels, and the
//! moderators' decisions on remarks and their authors. Every route asks the rule book
//! for `Moderate` and writes what it did to the audit log.

use crate::accounts::{internal, render, require, see_other, FormData, SharedServices};
use crate::consultations::{audit, with_done};
use crate::media::routes::{file_of, keep_pending, refused_status, FileProblem, UploadForm};
use app::accounts::authz::Action;
use app::accounts::forms::FormFeedback;
use app::accounts::model::CurrentUser;
use app::accounts::tokens;
use app::consultations::backoffice;
use app::consultations::editor::{self, DraftInput, EventInput};
use app::consultations::remarks::storage::{self as remarks, NewRemark};
use app::domain::act;
use app::domain::consultation_phase::DAY;
use app::domain::remark::{reason, Channel, RemarkState, MAX_AUTHOR_CHARS, MAX_REASON_CHARS};
use app::i18n::Locale;
use app::media::{storage as media, Parent};
use app::state::{now, AppState};
use axum::{
    extract::{Path, State},
    http::{request::Parts, StatusCode},
    response::Response,
    Extension,
};
use serde_json::json;

/// The longest remark staff may enter from a letter (a letter can be long).
const MAX_ENTERED_CHARS: usize = 20_000;

async fn moderator(state: &AppState, parts: &Parts, page: &str) -> Result<CurrentUser, Response> {
    require(state, parts, Action::Moderate, page).await
}

fn draft_input(form: &FormData) -> DraftInput {
    DraftInput {
        slug: form.get("slug"),
        title: form.get("title"),
        summary: form.get("summary"),
        body: form.get("body"),
        easy_read: form.get("easy_read"),
        kind: form.get("kind"),
        districts: form.all("districts"),
        topic: form.get("topic"),
        unit: form.get("unit"),
        information_starts: form.get("information_starts"),
        starts: form.get("starts"),
        ends: form.get("ends"),
        premoderation: form.get("premoderation") == "on",
        online_remarks: form.get("online_remarks") == "on",
        written_remarks: form.get("written_remarks") == "on",
        override_reason: form.get("override_reason"),
    }
}

/// Everything typed, back into the form (districts are repeated values).
fn feedback_of(form: &FormData) -> FormFeedback {
    let mut feedback = FormFeedback::new("consultation");
    for (name, value) in &form.0 {
        if name != "intent" {
            feedback = feedback.value(name, value);
        }
    }
    feedback
}

/// `POST /moderation/consultations`: a new consultation, saved as a draft.
pub async fn create_consultation(State(state): State<AppState>, parts: Parts, form: FormData) -> Response {
    save_consultation(state, parts, form, None).await
}

/// `POST /moderation/consultations/{id}`: saves the edit form.
pub async fn update_consultation(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    parts: Parts,
    form: FormData,
) -> Response {
    save_consultation(state, parts, form, Some(id)).await
}

async fn save_consultation(state: AppState, parts: Parts, form: FormData, id: Option<i64>) -> Response {
    let page =
        id.map_or_else(|| "/moderation/consultations/new".to_owned(), |id| format!("/moderation/consultations/{id}"));
    let me = match moderator(&state, &parts, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let input = draft_input(&form);
    let mut feedback = feedback_of(&form);
    if form.get("intent") == "preview" {
        // The same renderer and sanitiser as the public page; nothing is saved.
        let preview = app::markdown::render(&input.body);
        return render(&state, &parts, &page, feedback.value("preview", &preview), StatusCode::OK).await;
    }
    let units = match backoffice::city_units(&state.db).await {
        Ok(units) => units,
        Err(_) => return internal(&state, &parts, &page, feedback).await,
    };
    let draft = match editor::parse(&input, &units) {
        Ok(draft) => draft,
        Err(problems) => {
            for (field, code) in problems {
                feedback = feedback.error(field, code);
            }
            return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let at = now();
    let Some(id) = id else {
        return match backoffice::create(&state.db, &draft, at).await {
            Ok(Some(id)) => {
                let after =
                    json!({ "slug": draft.slug, "title": draft.title, "override_reason": draft.override_reason });
                if let Err(response) =
                    audit(&state, me.id, "consultation.create", "consultation", id, None, Some(after)).await
                {
                    return response;
                }
                see_other(&format!("/moderation/consultations/{id}?done=consultation_created"))
            }
            Ok(None) => render(&state, &parts, &page, feedback.error("slug", "slug_taken"), StatusCode::CONFLICT).await,
            Err(_) => internal(&state, &parts, &page, feedback).await,
        };
    };
    // A published consultation must keep meeting the minimums (or say why not).
    let (before, published) = match backoffice::load(&state.db, id, at).await {
        Ok(Some(before)) => {
            let published = before.published_at.is_some();
            (before, published)
        }
        Ok(None) => return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => return internal(&state, &parts, &page, feedback).await,
    };
    if published {
        let kinds: Vec<_> = before.events.iter().map(|e| e.kind).collect();
        if let Err(problems) = editor::may_publish(&draft, &kinds) {
            for code in problems {
                feedback = feedback.error("", code);
            }
            feedback = feedback.error("override_reason", "override_required");
            return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    }
    match backoffice::update(&state.db, id, &draft, at).await {
        Ok(true) => {
            let changes = json!({
                "slug": draft.slug,
                "title": draft.title,
                "schedule": [draft.information_starts_at, draft.starts_at, draft.ends_at],
                "premoderation": draft.premoderation,
                "override_reason": draft.override_reason,
            });
            let old = json!({
                "slug": before.input.slug,
                "title": before.input.title,
                "schedule": [before.input.information_starts, before.input.starts, before.input.ends],
                "premoderation": before.input.premoderation,
                "override_reason": before.input.override_reason,
            });
            if let Err(response) =
                audit(&state, me.id, "consultation.update", "consultation", id, Some(old), Some(changes)).await
            {
                return response;
            }
            see_other(&format!("/moderation/consultations/{id}?done=consultation_saved"))
        }
        Ok(false) => render(&state, &parts, &page, feedback.error("slug", "slug_taken"), StatusCode::CONFLICT).await,
        Err(_) => internal(&state, &parts, &page, feedback).await,
    }
}

/// `POST /moderation/consultations/{id}/publish`: only when the statutory minimums are
/// met, or a recorded reason sets them aside.
pub async fn publish(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts) -> Response {
    let page = format!("/moderation/consultations/{id}");
    let me = match moderator(&state, &parts, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let at = now();
    let stored = match backoffice::load(&state.db, id, at).await {
        Ok(Some(stored)) => stored,
        Ok(None) => return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => return internal(&state, &parts, &page, FormFeedback::new("publish")).await,
    };
    let units = vec![stored.input.unit.clone()];
    let kinds: Vec<_> = stored.events.iter().map(|e| e.kind).collect();
    let checked = editor::parse(&stored.input, &units).map_err(|_| vec!["field_required"]).and_then(|draft| {
        editor::may_publish(&draft, &kinds)?;
        Ok(draft)
    });
    let draft = match checked {
        Ok(draft) => draft,
        Err(problems) => {
            let mut feedback = FormFeedback::new("publish");
            for code in problems {
                feedback = feedback.error("", code);
            }
            let feedback = feedback.error("", "override_required");
            return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    match backoffice::set_published(&state.db, id, Some(at), at).await {
        Ok(changed) => {
            if changed {
                let overridden = editor::statutory_problems(&draft, &kinds);
                let after = json!({ "published_at": at, "statutory_problems": overridden, "override_reason": draft.override_reason });
                if let Err(response) =
                    audit(&state, me.id, "consultation.publish", "consultation", id, None, Some(after)).await
                {
                    return response;
                }
            }
            see_other(&format!("{page}?done=published"))
        }
        Err(_) => internal(&state, &parts, &page, FormFeedback::new("publish")).await,
    }
}

/// `POST /moderation/consultations/{id}/unpublish`: back to a draft residents don't see.
pub async fn unpublish(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts) -> Response {
    let page = format!("/moderation/consultations/{id}");
    let me = match moderator(&state, &parts, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let at = now();
    match backoffice::set_published(&state.db, id, None, at).await {
        Ok(changed) => {
            if changed {
                if let Err(response) =
                    audit(&state, me.id, "consultation.unpublish", "consultation", id, None, None).await
                {
                    return response;
                }
            }
            see_other(&format!("{page}?done=unpublished"))
        }
        Err(_) => internal(&state, &parts, &page, FormFeedback::new("publish")).await,
    }
}

/// The fields of an event form, kept as typed when it is refused (a ticked box as "on").
pub const EVENT_FIELDS: [&str; 9] =
    ["kind", "starts", "ends", "place", "accessibility", "online_url", "step_free", "induction_loop", "sign_language"];

/// An event form as typed.
pub fn event_input(form: &FormData) -> EventInput {
    EventInput {
        kind: form.get("kind"),
        starts: form.get("starts"),
        ends: form.get("ends"),
        place: form.get("place"),
        accessibility: form.get("accessibility"),
        online_url: form.get("online_url"),
        access: app::domain::calendar::Access::from_fields(|name| form.has(name)),
    }
}

/// `POST /moderation/consultations/{id}/events`: a meeting, workshop or duty hours.
pub async fn add_event(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts, form: FormData) -> Response {
    let page = format!("/moderation/consultations/{id}");
    let me = match moderator(&state, &parts, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let input = event_input(&form);
    let mut feedback = FormFeedback::new("event");
    for name in EVENT_FIELDS {
        feedback = feedback.value(name, &form.get(name));
    }
    let event = match editor::parse_event(&input) {
        Ok(event) => event,
        Err(problems) => {
            for (field, code) in problems {
                feedback = feedback.error(field, code);
            }
            return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    match backoffice::published_at(&state.db, id).await {
        Ok(Some(_)) => {}
        Ok(None) => return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => return internal(&state, &parts, &page, feedback).await,
    }
    match backoffice::add_event(&state.db, id, &event, now()).await {
        Ok(event_id) => {
            let after = json!({ "event": event_id, "kind": event.kind.code(), "starts_at": event.occasion.starts_at, "place": event.occasion.place });
            if let Err(response) =
                audit(&state, me.id, "consultation.event.add", "consultation", id, None, Some(after)).await
            {
                return response;
            }
            see_other(&with_done(&page, "event_added", "events-editor"))
        }
        Err(_) => internal(&state, &parts, &page, feedback).await,
    }
}

/// `POST /moderation/consultations/{id}/events/{event}/delete`.
pub async fn delete_event(
    State(state): State<AppState>,
    Path((id, event)): Path<(i64, i64)>,
    parts: Parts,
) -> Response {
    let page = format!("/moderation/consultations/{id}");
    let me = match moderator(&state, &parts, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    match backoffice::delete_event(&state.db, id, event).await {
        Ok(changed) => {
            if changed {
                let before = json!({ "event": event });
                if let Err(response) =
                    audit(&state, me.id, "consultation.event.delete", "consultation", id, Some(before), None).await
                {
                    return response;
                }
            }
            see_other(&with_done(&page, "event_deleted", "events-editor"))
        }
        Err(_) => internal(&state, &parts, &page, FormFeedback::new("event")).await,
    }
}

/// `POST /moderation/consultations/{id}/remarks`: a remark received by email, post,
/// ePUAP, at a meeting or by phone, entered word for word with its author as given.
pub async fn enter_remark(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path(id): Path<i64>,
    parts: Parts,
    mut upload: UploadForm,
) -> Response {
    let page = format!("/moderation/consultations/{id}/remarks/new");
    let me = match moderator(&state, &parts, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    // The letter's scan, if one came: checked and kept first, attached with the remark.
    let scan = file_of(&state, &services.media, &me, &mut upload, "scan").await;
    let form = &upload.fields;
    let mut feedback = FormFeedback::new("paper");
    for name in ["channel", "received", "author", "unit", "body", "attachment", "key"] {
        feedback = feedback.value(name, &form.get(name));
    }
    let Ok(Some((_, kind, body_md))) = backoffice::slug_and_act(&state.db, id).await else {
        return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await;
    };
    let at = now();
    let channel = Channel::parse(&form.get("channel")).filter(|c| *c != Channel::Online);
    if channel.is_none() {
        feedback = feedback.error("channel", "choose_one");
    }
    let received = editor::parse_date(&form.get("received"));
    match received {
        None if form.get("received").trim().is_empty() => feedback = feedback.error("received", "date_required"),
        None => feedback = feedback.error("received", "date_invalid"),
        Some(r) if r > at + DAY => feedback = feedback.error("received", "received_in_future"),
        Some(_) => {}
    }
    let author = form.get("author");
    let author = author.trim();
    if author.is_empty() {
        feedback = feedback.error("author", "field_required");
    } else if author.chars().count() > MAX_AUTHOR_CHARS {
        feedback = feedback.error("author", "field_too_long");
    }
    let body = form.get("body");
    let body = body.trim();
    if body.is_empty() {
        feedback = feedback.error("body", "remark_empty");
    } else if body.chars().count() > MAX_ENTERED_CHARS {
        feedback = feedback.error("body", "field_too_long");
    }
    let attachment = form.get("attachment");
    let attachment = attachment.trim();
    if attachment.chars().count() > 200 {
        feedback = feedback.error("attachment", "field_too_long");
    }
    let scan = match scan {
        Ok(scan) => scan,
        Err(FileProblem::Refused(code)) => {
            feedback = feedback.error("scan", code);
            None
        }
        Err(FileProblem::Internal) => return internal(&state, &parts, &page, feedback).await,
    };
    let unit = form.get("unit");
    let unit = Some(unit.trim()).filter(|u| !u.is_empty());
    if let Some(anchor) = unit {
        let known =
            kind == app::consultations::model::Kind::DraftAct && act::find(&act::split(&body_md), anchor).is_some();
        if !known {
            feedback = feedback.error("unit", "unknown_unit");
        }
    }
    let (Some(channel), Some(received), false) = (channel, received, feedback.has_errors()) else {
        if let Some(scan) = &scan {
            feedback = keep_pending(feedback, "scan", scan);
        }
        let status = feedback
            .errors
            .iter()
            .find(|e| e.field == "scan")
            .map_or(StatusCode::UNPROCESSABLE_ENTITY, |e| refused_status(&e.message));
        return render(&state, &parts, &page, feedback, status).await;
    };
    let key = form.get("key");
    let remark = NewRemark {
        consultation_id: id,
        unit_anchor: unit,
        parent_id: None,
        author_id: None,
        organisation_id: None,
        author_as_given: Some(author),
        channel,
        received_at: received,
        attachment_ref: Some(attachment).filter(|a| !a.is_empty()),
        entered_by: Some(me.id),
        body: &body.replace("\r\n", "\n"),
        state: RemarkState::Visible,
        submission_key: tokens::is_well_formed(&key).then_some(key.as_str()),
    };
    match remarks::insert(&state.db, &remark, at).await {
        Ok((remark_id, true)) => {
            if let Some(scan) = &scan {
                // The scan's text is the remark itself, transcribed beside it.
                let alts = [Locale::Pl, Locale::En, Locale::Uk].map(|l| format!("{} {author}", l.media().scan_alt));
                let alts = [alts[0].as_str(), alts[1].as_str(), alts[2].as_str()];
                match media::attach(&state.db, &scan.id, me.id, Parent::Remark(remark_id), alts, at).await {
                    Ok(true) => {}
                    Ok(false) | Err(_) => return internal(&state, &parts, &page, feedback).await,
                }
            }
            let scan_id = scan.as_ref().map(|s| s.id.clone());
            let after = json!({ "consultation": id, "channel": channel.code(), "received_at": received, "unit": unit, "scan": scan_id });
            if let Err(response) = audit(&state, me.id, "remark.enter", "remark", remark_id, None, Some(after)).await {
                return response;
            }
            see_other(&format!("{page}?done=remark_entered"))
        }
        Ok((_, false)) => see_other(&format!("{page}?done=remark_entered")),
        Err(e) => {
            tracing::error!(error = %e, "cannot store an entered remark");
            internal(&state, &parts, &page, feedback).await
        }
    }
}

const QUEUE: &str = "/moderation/remarks";

/// `POST /moderation/remarks/{id}/hide`: the public sees "hidden by the moderator" and
/// the reason.
pub async fn hide_remark(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts, form: FormData) -> Response {
    let me = match moderator(&state, &parts, QUEUE).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let typed = form.get("reason");
    let feedback = FormFeedback::new("moderate").value("reason", &typed);
    let why = match reason(&typed, MAX_REASON_CHARS) {
        Ok(why) => why,
        Err(code) => {
            return render(&state, &parts, QUEUE, feedback.error("", code), StatusCode::UNPROCESSABLE_ENTITY).await
        }
    };
    decide_remark(&state, &parts, me.id, id, RemarkState::Hidden, Some(&why), feedback).await
}

/// `POST /moderation/remarks/{id}/restore`: visible again (or approved, when waiting),
/// and its open flags resolved.
pub async fn restore_remark(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts) -> Response {
    let me = match moderator(&state, &parts, QUEUE).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    decide_remark(&state, &parts, me.id, id, RemarkState::Visible, None, FormFeedback::new("moderate")).await
}

async fn decide_remark(
    state: &AppState,
    parts: &Parts,
    actor: i64,
    id: i64,
    to: RemarkState,
    why: Option<&str>,
    feedback: FormFeedback,
) -> Response {
    match remarks::moderate(&state.db, id, to, why, now()).await {
        Ok(Some(before)) => {
            let action = match (before, to) {
                (_, RemarkState::Hidden) => "remark.hide",
                (RemarkState::Pending, _) => "remark.approve",
                (RemarkState::Hidden, _) => "remark.restore",
                _ => "remark.keep",
            };
            let (b, a) = (json!({ "state": before.code() }), json!({ "state": to.code(), "reason": why }));
            if let Err(response) = audit(state, actor, action, "remark", id, Some(b), Some(a)).await {
                return response;
            }
            let done = if to == RemarkState::Hidden { "remark_hidden" } else { "remark_restored" };
            see_other(&format!("{QUEUE}?done={done}"))
        }
        Ok(None) => see_other(QUEUE),
        Err(_) => internal(state, parts, QUEUE, feedback).await,
    }
}

/// `POST /moderation/users/{id}/block`: no remarks from this person for `days` days
/// (0 lifts the block).
pub async fn block_user(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts, form: FormData) -> Response {
    let me = match moderator(&state, &parts, QUEUE).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let days = match form.get("days").parse::<i64>() {
        Ok(days @ (0 | 1 | 7 | 30)) => days,
        _ => {
            return render(
                &state,
                &parts,
                QUEUE,
                FormFeedback::new("moderate").error("", "choose_one"),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    let at = now();
    let until = (days > 0).then(|| at + days * DAY);
    match remarks::set_block(&state.db, id, until).await {
        Ok(true) => {
            let after = json!({ "blocked_until": until, "days": days });
            if let Err(response) = audit(&state, me.id, "user.block", "user", id, None, Some(after)).await {
                return response;
            }
            see_other(&format!("{QUEUE}?done=user_blocked"))
        }
        Ok(false) => {
            render(
                &state,
                &parts,
                QUEUE,
                FormFeedback::new("moderate").error("", "user_not_found"),
                StatusCode::NOT_FOUND,
            )
            .await
        }
        Err(_) => internal(&state, &parts, QUEUE, FormFeedback::new("moderate")).await,
    }
}

/// `GET /moderation/stats.csv`: the statistics page's tables (same span, same rule
/// book: DK-04, DK-06 and administrators), small counts suppressed as on the page.
pub async fn stats_csv(
    State(state): State<AppState>,
    axum::extract::Query(params): axum::extract::Query<std::collections::HashMap<String, String>>,
    parts: Parts,
) -> Response {
    if let Err(response) = require(&state, &parts, Action::ReadStatistics, "/moderation/stats").await {
        return response;
    }
    let query = app::stats::StatsQuery::from_query(|name| params.get(name).cloned(), now());
    use axum::response::IntoResponse;
    match app::stats::storage::stats(&state.db, query).await {
        Ok(stats) => {
            let name = format!("udzial-{}-{}.csv", query.from.param(), query.to.param());
            (
                [
                    (http::header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (http::header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
                    (http::header::CACHE_CONTROL, "private, no-store".to_owned()),
                ],
                stats.csv(),
            )
                .into_response()
        }
        Err(error) => {
            tracing::error!(%error, "participation statistics failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
