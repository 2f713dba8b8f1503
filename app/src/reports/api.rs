//! Server functions of the answering page. Each starts with `authorize(Action::Moderate)`.

use super::model::AnswersModel;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::accounts::authz::Action;

#[server(prefix = "/_sf", endpoint = "moderation/answers")]
pub async fn answers_data(
    id: i64,
    unit: Option<String>,
    channel: Option<String>,
    decision: Option<String>,
) -> Result<AnswersModel, AppError> {
    use crate::consultations::{backoffice, model::Kind};
    crate::accounts::api::authorize_user(Action::Moderate)?;
    let filter = super::model::AnswerFilter {
        unit: unit.unwrap_or_default(),
        channel: channel.unwrap_or_default(),
        decision: decision.unwrap_or_default(),
    };
    let state = crate::state::app_state()?;
    let now = crate::state::now();
    let (slug, kind, body) = backoffice::slug_and_act(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let editable = backoffice::load(&state.db, id, now).await?.ok_or(AppError::NotFound)?;
    let units = if kind == Kind::DraftAct {
        let blocks = crate::domain::act::split(&body);
        crate::domain::act::units(&blocks).into_iter().map(|u| (u.anchor.clone(), u.label.clone())).collect()
    } else {
        Vec::new()
    };
    let progress = super::storage::progress(&state.db, id).await?;
    let items = super::storage::answer_list(&state.db, id, now)
        .await?
        .into_iter()
        .filter(|(remark, answer)| filter.keeps(remark, answer.as_ref()))
        .collect();
    let scans = crate::media::storage::scans_of_consultation(&state.db, id).await?;
    Ok(AnswersModel { id, slug, title: editable.input.title, phase: editable.phase, progress, units, items, scans })
}

/// A consultation's published report (a version, or the latest), or why there is none.
/// Public: a report is published for everyone.
#[server(prefix = "/_sf", endpoint = "report")]
pub async fn report_page(slug: String, version: Option<i64>) -> Result<super::document::ReportPageData, AppError> {
    let state = crate::state::app_state()?;
    super::publish::page(&state.db, &slug, version, crate::state::now()).await?.ok_or(AppError::NotFound)
}

/// The moderators' report page: the draft narrative, attendance, the latest version.
#[server(prefix = "/_sf", endpoint = "moderation/report")]
pub async fn report_draft(id: i64) -> Result<super::document::ReportDraftModel, AppError> {
    crate::accounts::api::authorize_user(Action::Moderate)?;
    let state = crate::state::app_state()?;
    super::publish::draft_model(&state.db, id, crate::state::now()).await?.ok_or(AppError::NotFound)
}
