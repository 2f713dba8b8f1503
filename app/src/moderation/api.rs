//! Server functions of the back office. Each starts with `authorize(Action::Moderate)`.

use crate::consultations::remarks::model::QueueItem;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::authz::Action;

pub use crate::consultations::editor::DraftInput;

/// A line of the consultations list (mirrors the storage row for the browser).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationLine {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub published: bool,
    pub phase: crate::domain::consultation_phase::Phase,
    pub starts_at: i64,
    pub ends_at: i64,
    pub remarks: i64,
    pub flagged: i64,
}

/// What the editor needs: the consultation (none for a new one) and the unit list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditorModel {
    pub id: Option<i64>,
    pub input: DraftInput,
    pub published_at: Option<i64>,
    pub phase: Option<crate::domain::consultation_phase::Phase>,
    pub events: Vec<crate::consultations::model::ConsultationEvent>,
    pub statutory_problems: Vec<String>,
    pub units: Vec<String>,
    /// Its pictures and documents.
    pub media: Vec<crate::media::MediaItem>,
}

/// What the form for a remark from another channel needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaperFormModel {
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// The act's units, `(anchor, label)`, for a draft act.
    pub units: Vec<(String, String)>,
    /// A fresh one-time key: a double-clicked save stores one remark.
    pub key: String,
}

#[server(prefix = "/_sf", endpoint = "moderation/consultations")]
pub async fn admin_consultations() -> Result<Vec<ConsultationLine>, AppError> {
    crate::accounts::api::authorize_user(Action::Moderate)?;
    let state = crate::state::app_state()?;
    let rows = crate::consultations::backoffice::list(&state.db, crate::state::now()).await?;
    Ok(rows
        .into_iter()
        .map(|r| ConsultationLine {
            id: r.id,
            slug: r.slug,
            title: r.title,
            published: r.published,
            phase: r.phase,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            remarks: r.remarks,
            flagged: r.flagged,
        })
        .collect())
}

#[server(prefix = "/_sf", endpoint = "moderation/editor")]
pub async fn editor_data(id: Option<i64>) -> Result<EditorModel, AppError> {
    use crate::consultations::backoffice;
    crate::accounts::api::authorize_user(Action::Moderate)?;
    let state = crate::state::app_state()?;
    let units = backoffice::city_units(&state.db).await?;
    let Some(id) = id else {
        let input = DraftInput { online_remarks: true, written_remarks: true, ..DraftInput::default() };
        return Ok(EditorModel {
            id: None,
            input,
            published_at: None,
            phase: None,
            events: Vec::new(),
            statutory_problems: Vec::new(),
            units,
            media: Vec::new(),
        });
    };
    let e = backoffice::load(&state.db, id, crate::state::now()).await?.ok_or(AppError::NotFound)?;
    Ok(EditorModel {
        id: Some(e.id),
        input: e.input,
        published_at: e.published_at,
        phase: Some(e.phase),
        events: e.events,
        statutory_problems: e.statutory_problems,
        units,
        media: crate::media::storage::list(&state.db, crate::media::Parent::Consultation(id)).await?,
    })
}

/// The text rendered and sanitised exactly as the public page will show it, and its
/// readability hint (HTML) in the editor's language.
#[server(prefix = "/_sf", endpoint = "moderation/preview")]
pub async fn preview_markdown(text: String) -> Result<(String, String), AppError> {
    // DK-04's consultations and DK-06's news use the same preview.
    let moderator = crate::accounts::authz::permits(crate::accounts::api::current_user().as_ref(), Action::Moderate);
    crate::accounts::api::authorize_user(if moderator { Action::Moderate } else { Action::Edit })?;
    if text.len() > crate::consultations::editor::MAX_BODY_CHARS * 4 {
        return Err(AppError::Invalid(Vec::new()));
    }
    let locale = use_context::<crate::i18n::Locale>().unwrap_or_default();
    Ok((crate::markdown::render(&text), crate::markdown::readability_hint(&text, locale)))
}

#[server(prefix = "/_sf", endpoint = "moderation/paper-form")]
pub async fn paper_form_data(id: i64) -> Result<PaperFormModel, AppError> {
    crate::accounts::api::authorize_user(Action::Moderate)?;
    let state = crate::state::app_state()?;
    let (slug, kind, body) =
        crate::consultations::backoffice::slug_and_act(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let title = crate::consultations::backoffice::load(&state.db, id, crate::state::now())
        .await?
        .map(|e| e.input.title)
        .unwrap_or_default();
    let units = if kind == crate::consultations::model::Kind::DraftAct {
        let blocks = crate::domain::act::split(&body);
        crate::domain::act::units(&blocks).into_iter().map(|u| (u.anchor.clone(), u.label.clone())).collect()
    } else {
        Vec::new()
    };
    Ok(PaperFormModel { id, slug, title, units, key: crate::accounts::tokens::random_token() })
}

#[server(prefix = "/_sf", endpoint = "moderation/queue")]
pub async fn moderation_queue() -> Result<Vec<QueueItem>, AppError> {
    crate::accounts::api::authorize_user(Action::Moderate)?;
    let state = crate::state::app_state()?;
    Ok(crate::consultations::remarks::storage::queue(&state.db, crate::state::now(), 200).await?)
}
