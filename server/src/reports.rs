//! DK-04's answers to remarks (`POST /moderation/consultations/{id}/answers`): one
//! answer for the chosen remarks, refused with the message next to its field and what
//! was typed kept when the decision, the justification or the choice is wrong, or when
//! the consultation is still open. Every saved answer goes to the audit log.

use crate::accounts::{internal, render, require, see_other, FormData};
use crate::consultations::{audit, with_done};
use app::accounts::authz::Action;
use app::accounts::forms::FormFeedback;
use app::consultations::backoffice;
use app::consultations::model::Kind;
use app::domain::answer::Answer;
use app::domain::consultation_phase::Phase;
use app::reports::{publish, storage};
use app::state::{now, AppState};
use axum::{
    extract::{Path, State},
    http::{request::Parts, StatusCode},
    response::Response,
};
use serde_json::json;

/// The answering page with the filters the form was sent from.
fn page_of(id: i64, form: &FormData) -> String {
    let query: Vec<String> =
        [("unit", form.get("unit")), ("channel", form.get("channel")), ("decision", form.get("filter_decision"))]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", app::accounts::pages::url_encode(&v)))
            .collect();
    match query.is_empty() {
        true => format!("/moderation/consultations/{id}/answers"),
        false => format!("/moderation/consultations/{id}/answers?{}", query.join("&")),
    }
}

pub async fn save_answer(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts, form: FormData) -> Response {
    let page = page_of(id, &form);
    let me = match require(&state, &parts, Action::Moderate, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let (decision, justification) = (form.get("decision"), form.get("justification"));
    let mut feedback = FormFeedback::new("answer").value("decision", &decision).value("justification", &justification);
    let chosen: Vec<String> = form.all("remark");
    for remark in &chosen {
        feedback = feedback.value("remark", remark);
    }
    let at = now();
    match backoffice::load(&state.db, id, at).await {
        Ok(Some(c)) if matches!(c.phase, Phase::Closed | Phase::ReportPublished) => {}
        Ok(Some(_)) => {
            return render(&state, &parts, &page, feedback.error("", "answer_not_closed"), StatusCode::CONFLICT).await
        }
        Ok(None) => return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => return internal(&state, &parts, &page, feedback).await,
    }
    let ids: Vec<i64> = chosen.iter().filter_map(|r| r.parse().ok()).collect();
    let answer = match Answer::parse(&decision, &justification) {
        Ok(answer) if !ids.is_empty() => answer,
        Ok(_) => {
            let feedback = feedback.error("remark", "answer_nothing_chosen");
            return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Err(problems) => {
            if ids.is_empty() {
                feedback = feedback.error("remark", "answer_nothing_chosen");
            }
            for p in problems {
                feedback = feedback.error(p.field, p.code);
            }
            return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    match storage::answer(&state.db, id, &ids, &answer, me.id, at).await {
        Ok(Ok(answer_id)) => {
            let after = json!({ "consultation": id, "remarks": ids, "decision": answer.decision.code() });
            if let Err(response) = audit(&state, me.id, "answer.save", "answer", answer_id, None, Some(after)).await {
                return response;
            }
            see_other(&with_done(&page, "answer_saved", "content"))
        }
        Ok(Err(refusal)) => {
            render(&state, &parts, &page, feedback.error("remark", refusal.code()), StatusCode::UNPROCESSABLE_ENTITY)
                .await
        }
        Err(_) => internal(&state, &parts, &page, feedback).await,
    }
}

/// `POST /moderation/consultations/{id}/report`: `intent=save` keeps the narrative and
/// the attendance as a draft; `intent=publish` saves them and publishes the next version
/// (refused, with every problem next to its field and nothing written, when the summary
/// is missing, a correction has no change note, remarks are unanswered without an
/// override reason, or someone published meanwhile). Publishing is audited.
pub async fn save_report(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts, form: FormData) -> Response {
    let page = format!("/moderation/consultations/{id}/report");
    let me = match require(&state, &parts, Action::Moderate, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let input = publish::PublishInput {
        narrative: form.get("narrative"),
        change_note: form.get("change_note"),
        override_reason: form.get("override_reason"),
        base_version: form.get("base_version").trim().parse().unwrap_or(-1),
    };
    let mut feedback = FormFeedback::new("report")
        .value("narrative", &input.narrative)
        .value("change_note", &input.change_note)
        .value("override_reason", &input.override_reason);
    let at = now();
    let consultation = match backoffice::load(&state.db, id, at).await {
        Ok(Some(c)) => c,
        Ok(None) => return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => return internal(&state, &parts, &page, feedback).await,
    };
    let mut attendance = Vec::new();
    let mut attendance_ok = true;
    for event in &consultation.events {
        let name = format!("attendance-{}", event.id);
        let typed = form.get(&name);
        feedback = feedback.value(&name, &typed);
        match typed.trim() {
            "" => attendance.push((event.id, None)),
            n => match n.parse::<i64>() {
                Ok(n) if (0..=publish::MAX_ATTENDANCE).contains(&n) => attendance.push((event.id, Some(n))),
                _ => attendance_ok = false,
            },
        }
    }
    if !attendance_ok {
        feedback = feedback.error("attendance", "attendance_invalid");
    }
    if input.narrative.chars().count() > publish::MAX_NARRATIVE_CHARS {
        feedback = feedback.error("narrative", "narrative_too_long");
    }
    if !feedback.errors.is_empty() {
        return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    if form.get("intent") != "publish" {
        return match publish::save_draft(&state.db, id, &input.narrative, &attendance, me.id, at).await {
            Ok(()) => see_other(&with_done(&page, "report_draft_saved", "content")),
            Err(_) => internal(&state, &parts, &page, feedback).await,
        };
    }
    if !matches!(consultation.phase, Phase::Closed | Phase::ReportPublished) {
        return render(&state, &parts, &page, feedback.error("", "report_not_closed"), StatusCode::CONFLICT).await;
    }
    // The attendance is part of what is published: store it first (a refused publish
    // keeps it too, as a draft would).
    if publish::save_draft(&state.db, id, &input.narrative, &attendance, me.id, at).await.is_err() {
        return internal(&state, &parts, &page, feedback).await;
    }
    match publish::publish(&state.db, id, &input, me.id, at).await {
        Ok(Ok(version)) => {
            let after = json!({
                "consultation": id,
                "version": version,
                "change_note": input.change_note.trim(),
                "override_reason": (!input.override_reason.trim().is_empty()).then(|| input.override_reason.trim()),
            });
            if let Err(response) = audit(&state, me.id, "report.publish", "consultation", id, None, Some(after)).await {
                return response;
            }
            see_other(&with_done(&page, "report_published", "content"))
        }
        Ok(Err(problems)) => {
            let conflict = problems.iter().any(|(_, code)| *code == "report_changed");
            for (field, code) in problems {
                feedback = feedback.error(field, code);
            }
            let status = if conflict { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY };
            render(&state, &parts, &page, feedback, status).await
        }
        Err(_) => internal(&state, &parts, &page, feedback).await,
    }
}

/// `POST /moderation/consultations/{id}/adopted-act`: the act as adopted, for the
/// report's comparison with the draft. Audited; only for a draft act.
pub async fn save_adopted(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    parts: Parts,
    form: FormData,
) -> Response {
    let page = format!("/moderation/consultations/{id}/report");
    let me = match require(&state, &parts, Action::Moderate, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let (title, body) = (form.get("title").trim().to_owned(), form.get("body"));
    let mut feedback = FormFeedback::new("adopted").value("title", &title).value("body", &body);
    match backoffice::slug_and_act(&state.db, id).await {
        Ok(Some((_, Kind::DraftAct, _))) => {}
        Ok(Some(_)) => feedback = feedback.error("", "adopted_not_act"),
        Ok(None) => return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => return internal(&state, &parts, &page, feedback).await,
    }
    if title.is_empty() || title.chars().count() > 300 {
        feedback = feedback.error("title", "adopted_title_required");
    }
    match body.trim().chars().count() {
        0 => feedback = feedback.error("body", "adopted_body_required"),
        n if n > publish::MAX_ADOPTED_CHARS => feedback = feedback.error("body", "adopted_too_long"),
        _ => {}
    }
    if !feedback.errors.is_empty() {
        return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    if publish::save_adopted(&state.db, id, &title, body.trim(), me.id, now()).await.is_err() {
        return internal(&state, &parts, &page, feedback).await;
    }
    let after = json!({ "consultation": id, "title": title, "characters": body.trim().chars().count() });
    if let Err(response) = audit(&state, me.id, "report.adopted_act", "consultation", id, None, Some(after)).await {
        return response;
    }
    see_other(&with_done(&page, "adopted_saved", "content"))
}
