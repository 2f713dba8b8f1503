//! DK-04's answers to remarks (`POST /moderation/consultations/{id}/answers`): one
//! answer for the chosen remarks, refused with the message next to its field and what
//! was typed kept when the decision, the justification or the choice is wrong, or when
//! the consultation is still open. Every saved answer goes to the audit log.

use crate::accounts::{internal, render, require, see_other, FormData};
use crate::consultations::{audit, with_done};
use app::accounts::authz::Action;
use app::accounts::forms::FormFeedback;
use app::consultations::backoffice;
use app::domain::answer::Answer;
use app::domain::consultation_phase::Phase;
use app::reports::storage;
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
