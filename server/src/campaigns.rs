//! DK-06's posts that write campaigns: create, edit, delete. Each asks the rule book
//! for `Edit` and writes what it did to the audit log. A refused form comes back with
//! every value as typed and each problem next to its field.

use crate::accounts::{internal, render, require, see_other, FormData};
use crate::consultations::{audit, with_done};
use app::accounts::authz::Action;
use app::accounts::forms::FormFeedback;
use app::campaigns::pages::FORM;
use app::campaigns::{parse, storage, CampaignDraft, CampaignInput};
use app::state::{now, AppState};
use axum::{
    extract::{Path, State},
    http::{request::Parts, StatusCode},
    response::Response,
};
use serde_json::json;

const LIST: &str = "/editorial/campaigns";

fn input_of(form: &FormData) -> CampaignInput {
    CampaignInput {
        title: form.get("title"),
        slug: form.get("slug"),
        summary: form.get("summary"),
        starts_on: form.get("starts_on"),
        ends_on: form.get("ends_on"),
        milestones: form.get("milestones"),
        consultations: form.all("consultations"),
        news: form.all("news"),
        events: form.all("events"),
    }
}

/// Everything typed, back into the form (the ticked items are repeated values).
fn feedback_of(form: &FormData) -> FormFeedback {
    form.0
        .iter()
        .filter(|(name, _)| {
            ["title", "slug", "summary", "starts_on", "ends_on", "milestones", "consultations", "news", "events"]
                .contains(&name.as_str())
        })
        .fold(FormFeedback::new(FORM), |f, (name, value)| f.value(name, value))
}

/// What the audit log keeps of a campaign.
fn audited(draft: &CampaignDraft) -> serde_json::Value {
    json!({
        "slug": draft.slug,
        "title": draft.title,
        "starts_on": draft.starts_on,
        "ends_on": draft.ends_on,
        "milestones": draft.milestones.len(),
        "items": draft.items.iter().map(|(k, i)| format!("{}:{i}", k.code())).collect::<Vec<_>>(),
    })
}

/// `POST /editorial/campaigns`: a new campaign.
pub async fn create(State(state): State<AppState>, parts: Parts, form: FormData) -> Response {
    save(state, parts, None, form).await
}

/// `POST /editorial/campaigns/{id}`: the campaign's new content.
pub async fn update(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts, form: FormData) -> Response {
    save(state, parts, Some(id), form).await
}

async fn save(state: AppState, parts: Parts, id: Option<i64>, form: FormData) -> Response {
    let page = id.map_or_else(|| format!("{LIST}/new"), |id| format!("{LIST}/{id}"));
    let me = match require(&state, &parts, Action::Edit, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let mut feedback = feedback_of(&form);
    let draft = match parse(&input_of(&form)) {
        Ok(draft) => draft,
        Err(problems) => {
            for (field, code) in problems {
                feedback = feedback.error(field, code);
            }
            return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let at = now();
    let stored = match id {
        None => storage::create(&state.db, &draft, me.id, at).await.map(|r| r.map(Some)),
        Some(id) => storage::update(&state.db, id, &draft, at).await.map(|r| r.map(|found| found.then_some(id))),
    };
    match stored {
        Ok(Ok(Some(saved))) => {
            let (action, done) = if id.is_some() {
                ("campaign.update", "campaign_saved")
            } else {
                ("campaign.create", "campaign_created")
            };
            if let Err(response) = audit(&state, me.id, action, "campaign", saved, None, Some(audited(&draft))).await {
                return response;
            }
            see_other(&with_done(&format!("{LIST}/{saved}"), done, "content"))
        }
        Ok(Ok(None)) => render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Ok(Err((field, code))) => {
            render(&state, &parts, &page, feedback.error(field, code), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(error) => {
            tracing::error!(%error, "cannot store a campaign");
            internal(&state, &parts, &page, feedback).await
        }
    }
}

/// `POST /editorial/campaigns/{id}/delete`.
pub async fn delete(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts) -> Response {
    let page = format!("{LIST}/{id}");
    let me = match require(&state, &parts, Action::Edit, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    match storage::delete(&state.db, id).await {
        Ok(true) => {
            if let Err(response) = audit(&state, me.id, "campaign.delete", "campaign", id, None, None).await {
                return response;
            }
            see_other(&with_done(LIST, "campaign_deleted", "content"))
        }
        Ok(false) => render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => internal(&state, &parts, &page, FormFeedback::new(FORM)).await,
    }
}
