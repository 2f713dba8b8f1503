//! The residents' posts on a consultation: writing, replying to, editing, withdrawing,
//! supporting and flagging remarks, and following consultations and districts. Each
//! route asks the rule book, checks the consultation's phase on the server (a closed
//! consultation refuses remarks whatever the page showed), and on a refusal renders the
//! page again with the message next to the field and the text as typed.

use crate::accounts::{internal, record, render, require, see_other, FormData, SharedServices};
use app::accounts::audit::Event;
use app::accounts::authz::{decide, Action};
use app::accounts::forms::FormFeedback;
use app::accounts::model::CurrentUser;
use app::accounts::tokens;
use app::consultations::follows::{self, Followed};
use app::consultations::remarks::storage::{self, NewRemark, Target};
use app::consultations::remarks::views::thread_href;
use app::domain::act;
use app::domain::remark::{
    accepts_remarks, reason, Channel, FlagReason, RemarkState, RemarkText, Sort, MAX_REASON_CHARS,
};
use app::state::{now, AppState};
use axum::{
    extract::{Path, State},
    http::{header, request::Parts, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};

/// `href` with `done=<code>` added to its query and `#fragment` after it.
pub fn with_done(href: &str, code: &str, fragment: &str) -> String {
    let separator = if href.contains('?') { '&' } else { '?' };
    format!("{href}{separator}done={code}#{fragment}")
}

async fn target_or_404(state: &AppState, parts: &Parts, slug: &str) -> Result<Target, Response> {
    match storage::target(&state.db, slug, now()).await {
        Ok(Some(target)) => Ok(target),
        Ok(None) => {
            Err(render(state, parts, &format!("/consultations/{slug}"), FormFeedback::default(), StatusCode::NOT_FOUND)
                .await)
        }
        Err(_) => Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    }
}

/// `POST /consultations/{slug}/remarks`: a new remark, on the whole consultation or one
/// unit of its act, or a reply (`parent`).
pub async fn post_remark(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path(slug): Path<String>,
    parts: Parts,
    form: FormData,
) -> Response {
    let parent = form.get("parent").parse::<i64>().ok();
    let unit = Some(form.get("unit")).filter(|u| !u.is_empty());
    let page = thread_href(&slug, unit.as_deref(), Sort::default(), parent.map(|p| ("reply", p.to_string())));
    let me = match require(&state, &parts, Action::Participate, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let target = match target_or_404(&state, &parts, &slug).await {
        Ok(t) => t,
        Err(response) => return response,
    };
    let (body, on_behalf) = (form.get("body"), form.get("on_behalf"));
    let feedback = FormFeedback::new(if parent.is_some() { "reply" } else { "remark" })
        .value("body", &body)
        .value("on_behalf", &on_behalf);
    let refuse = |code: &'static str, field: &'static str, status: StatusCode| {
        let feedback = feedback.clone().error(field, code);
        let (state, parts, page) = (state.clone(), parts.clone(), page.clone());
        async move { render(&state, &parts, &page, feedback, status).await }
    };
    let at = now();
    match storage::blocked_until(&state.db, me.id, at).await {
        Ok(None) => {}
        Ok(Some(_)) => return refuse("blocked", "body", StatusCode::FORBIDDEN).await,
        Err(_) => return internal(&state, &parts, &page, feedback).await,
    }
    if !accepts_remarks(target.phase) {
        return refuse("not_open", "body", StatusCode::CONFLICT).await;
    }
    let organisation_id = match on_behalf.trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(id) if decide(Some(&me), Action::ActFor { organisation_id: id }).is_ok() => Some(id),
            _ => return refuse("not_a_member", "on_behalf", StatusCode::FORBIDDEN).await,
        },
    };
    // A reply sits under a visible top-level remark of the same consultation, on its unit.
    // When it cannot, the text goes back into the main form (there is no reply form to
    // show under a hidden remark or a reply).
    let mut unit_anchor = unit.clone();
    if let Some(parent) = parent {
        let misplaced = |code: &'static str, status: StatusCode| {
            let mut feedback = feedback.clone();
            feedback.form = "remark";
            let (state, parts) = (state.clone(), parts.clone());
            let page = thread_href(&slug, None, Sort::default(), None);
            async move { render(&state, &parts, &page, feedback.error("body", code), status).await }
        };
        match storage::facts(&state.db, parent).await {
            Ok(Some(p)) if p.consultation_id == target.id => {
                if p.parent_id.is_some() {
                    return misplaced("reply_to_reply", StatusCode::UNPROCESSABLE_ENTITY).await;
                }
                if p.state != RemarkState::Visible {
                    return misplaced("reply_to_hidden", StatusCode::CONFLICT).await;
                }
                unit_anchor = p.unit_anchor;
            }
            Ok(_) => return misplaced("reply_to_hidden", StatusCode::NOT_FOUND).await,
            Err(_) => return internal(&state, &parts, &page, feedback).await,
        }
    } else if let Some(anchor) = &unit {
        let known = target.draft_act && act::find(&act::split(&target.body_md), anchor).is_some();
        if !known {
            return refuse("unknown_unit", "body", StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    }
    let text = match RemarkText::parse(&body) {
        Ok(text) => text,
        Err(code) => return refuse(code, "body", StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    if !services.limits.remarks_per_user.allow(&format!("user:{}", me.id), at) {
        let mut response = refuse("too_many_remarks", "body", StatusCode::TOO_MANY_REQUESTS).await;
        response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from_static("300"));
        return response;
    }
    let key = form.get("key");
    let remark = NewRemark {
        consultation_id: target.id,
        unit_anchor: unit_anchor.as_deref(),
        parent_id: parent,
        author_id: Some(me.id),
        organisation_id,
        author_as_given: None,
        channel: Channel::Online,
        received_at: at,
        attachment_ref: None,
        entered_by: None,
        body: text.as_str(),
        state: if target.premoderation { RemarkState::Pending } else { RemarkState::Visible },
        submission_key: tokens::is_well_formed(&key).then_some(key.as_str()),
    };
    match storage::insert(&state.db, &remark, at).await {
        Ok((id, _)) => {
            let done = if target.premoderation { "remark_pending" } else { "remark_posted" };
            see_other(&with_done(
                &thread_href(&slug, unit.as_deref(), Sort::default(), None),
                done,
                &format!("remark-{id}"),
            ))
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot store a remark");
            internal(&state, &parts, &page, feedback).await
        }
    }
}

/// After a change to remark `id`: its consultation's thread, the notice, the remark.
fn back_to_remark(slug: &str, id: i64, done: &str) -> Response {
    see_other(&with_done(&thread_href(slug, None, Sort::default(), None), done, &format!("remark-{id}")))
}

/// The signed-in participant, the remark and its consultation, for the routes that act
/// on one remark: sign-in first, then 404 for a remark that does not exist.
async fn participant_and_remark(
    state: &AppState,
    parts: &Parts,
    id: i64,
) -> Result<(CurrentUser, storage::RemarkFacts, Target), Response> {
    let me = require(state, parts, Action::Participate, "/consultations").await?;
    let facts = storage::facts(&state.db, id).await;
    let target = storage::target_of_remark(&state.db, id, now()).await;
    match (facts, target) {
        (Ok(Some(f)), Ok(Some(t))) => Ok((me, f, t)),
        (Ok(None), _) | (_, Ok(None)) => {
            Err(render(state, parts, "/remarks", FormFeedback::default(), StatusCode::NOT_FOUND).await)
        }
        _ => Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    }
}

/// `POST /remarks/{id}/edit`: the author's correction within 15 minutes.
pub async fn edit_remark(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts, form: FormData) -> Response {
    let (me, remark, target) = match participant_and_remark(&state, &parts, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let page = thread_href(&target.slug, None, Sort::default(), Some(("edit", id.to_string())));
    if decide(Some(&me), Action::ManageOwnRemark { author_id: remark.author_id.unwrap_or(0) }).is_err() {
        return render(&state, &parts, &page, FormFeedback::new("forbidden"), StatusCode::FORBIDDEN).await;
    }
    let body = form.get("body");
    let feedback = FormFeedback::new("edit").value("body", &body);
    let text = match RemarkText::parse(&body) {
        Ok(text) => text,
        Err(code) => {
            return render(&state, &parts, &page, feedback.error("body", code), StatusCode::UNPROCESSABLE_ENTITY).await
        }
    };
    match storage::edit(&state.db, id, me.id, text.as_str(), now()).await {
        Ok(true) => back_to_remark(&target.slug, id, "remark_edited"),
        // Past the window (or withdrawn meanwhile): the page shows the text to keep.
        Ok(false) => {
            render(&state, &parts, &page, feedback.error("body", "edit_window_over"), StatusCode::CONFLICT).await
        }
        Err(_) => internal(&state, &parts, &page, feedback).await,
    }
}

/// `POST /remarks/{id}/withdraw`: the author takes a remark back; a placeholder stays.
pub async fn withdraw_remark(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts) -> Response {
    let (me, remark, target) = match participant_and_remark(&state, &parts, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let page = thread_href(&target.slug, None, Sort::default(), None);
    if decide(Some(&me), Action::ManageOwnRemark { author_id: remark.author_id.unwrap_or(0) }).is_err() {
        return render(&state, &parts, &page, FormFeedback::new("forbidden"), StatusCode::FORBIDDEN).await;
    }
    match storage::withdraw(&state.db, id, me.id).await {
        Ok(_) => back_to_remark(&target.slug, id, "remark_withdrawn"),
        Err(_) => internal(&state, &parts, &page, FormFeedback::default()).await,
    }
}

/// `POST /remarks/{id}/support`: "I support this" (`support=yes`) or its withdrawal.
pub async fn support_remark(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    parts: Parts,
    form: FormData,
) -> Response {
    let (me, remark, target) = match participant_and_remark(&state, &parts, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let page = thread_href(&target.slug, None, Sort::default(), None);
    let support = form.get("support") != "no";
    // Only visible remarks of others can be supported; anything else changes nothing.
    if remark.state != RemarkState::Visible || remark.author_id == Some(me.id) {
        return see_other(&format!("{page}#remark-{id}"));
    }
    match storage::set_support(&state.db, id, me.id, support, now()).await {
        Ok(_) => back_to_remark(&target.slug, id, if support { "supported" } else { "unsupported" }),
        Err(_) => internal(&state, &parts, &page, FormFeedback::default()).await,
    }
}

/// `POST /remarks/{id}/flag`: tells the moderators what is wrong; once per person.
pub async fn flag_remark(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts, form: FormData) -> Response {
    let (me, _, target) = match participant_and_remark(&state, &parts, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let page = thread_href(&target.slug, None, Sort::default(), Some(("flag", id.to_string())));
    let (reason_code, note) = (form.get("reason"), form.get("note"));
    let feedback = FormFeedback::new("flag").value("reason", &reason_code).value("note", &note);
    let Some(flag_reason) = FlagReason::parse(&reason_code) else {
        return render(
            &state,
            &parts,
            &page,
            feedback.error("reason", "flag_reason_required"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let note = match note.trim() {
        "" => None,
        text => match reason(text, MAX_REASON_CHARS) {
            Ok(text) => Some(text),
            Err(code) => {
                return render(&state, &parts, &page, feedback.error("note", code), StatusCode::UNPROCESSABLE_ENTITY)
                    .await
            }
        },
    };
    match storage::flag(&state.db, id, me.id, flag_reason.code(), note.as_deref(), now()).await {
        Ok(true) => back_to_remark(&target.slug, id, "flagged"),
        Ok(false) => {
            render(&state, &parts, &page, feedback.error("reason", "already_flagged"), StatusCode::CONFLICT).await
        }
        Err(_) => internal(&state, &parts, &page, feedback).await,
    }
}

/// `POST /consultations/{slug}/follow`: `follow=yes` starts following, `no` stops.
pub async fn follow_consultation(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    parts: Parts,
    form: FormData,
) -> Response {
    let page = format!("/consultations/{slug}");
    let me = match require(&state, &parts, Action::Participate, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let target = match target_or_404(&state, &parts, &slug).await {
        Ok(t) => t,
        Err(response) => return response,
    };
    follow_or_not(&state, &parts, me.id, Followed::Consultation(target.id), form.get("follow") != "no", &page).await
}

/// `POST /districts/{n}/follow`: follows consultations in a district.
pub async fn follow_district(
    State(state): State<AppState>,
    Path(n): Path<u8>,
    parts: Parts,
    form: FormData,
) -> Response {
    let page = format!("/consultations?district={n}");
    let me = match require(&state, &parts, Action::Participate, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let Some(district) = app::domain::district::District::new(n) else {
        return render(&state, &parts, "/consultations", FormFeedback::default(), StatusCode::NOT_FOUND).await;
    };
    follow_or_not(&state, &parts, me.id, Followed::District(district.number()), form.get("follow") != "no", &page).await
}

async fn follow_or_not(
    state: &AppState,
    parts: &Parts,
    user_id: i64,
    what: Followed,
    follow: bool,
    page: &str,
) -> Response {
    let result = if follow {
        follows::follow(&state.db, user_id, what, now()).await
    } else {
        follows::unfollow(&state.db, user_id, what).await
    };
    match result {
        Ok(_) => see_other(&with_done(page, if follow { "following" } else { "unfollowed" }, "content")),
        Err(_) => internal(state, parts, page, FormFeedback::default()).await,
    }
}

/// `POST /unsubscribe/{token}`: the link in a notice mail ends the follow it names.
pub async fn unsubscribe(State(state): State<AppState>, Path(token): Path<String>, parts: Parts) -> Response {
    let page = format!("/unsubscribe/{token}");
    if !tokens::is_well_formed(&token) {
        return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await;
    }
    match follows::unsubscribe(&state.db, &token).await {
        Ok(_) => see_other(&format!("{page}?done=unsubscribed")),
        Err(_) => internal(&state, &parts, &page, FormFeedback::default()).await,
    }
}

/// Audit helper for the back office (shared with `moderation`).
pub async fn audit(
    state: &AppState,
    actor: i64,
    action: &'static str,
    object_type: &'static str,
    object_id: i64,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), Response> {
    record(state, Event { actor_id: Some(actor), action, object_type, object_id: object_id.to_string(), before, after })
        .await
}
