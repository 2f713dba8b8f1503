//! The campaigns' server functions: the public page, and the editors' list and form
//! with the reach (DK-06 and administrators).

use super::{CampaignDetail, CampaignLine, EditorModel};
#[cfg(feature = "ssr")]
use crate::accounts::authz::Action;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn today() -> String {
    crate::domain::warsaw_time::iso_date(crate::state::now())
}

/// A campaign's public page (its counts stay with the editors).
#[server(prefix = "/_sf", endpoint = "campaigns/page")]
pub async fn campaign_page(slug: String) -> Result<CampaignDetail, AppError> {
    let state = crate::state::app_state()?;
    let mut detail = super::storage::by_slug(&state.db, &slug, &today()).await?.ok_or(AppError::NotFound)?;
    detail.page_views = 0;
    detail.by_day.clear();
    for item in &mut detail.items {
        item.views = 0;
    }
    Ok(detail)
}

#[server(prefix = "/_sf", endpoint = "editorial/campaigns")]
pub async fn editorial_campaigns() -> Result<Vec<CampaignLine>, AppError> {
    crate::accounts::api::authorize_user(Action::Edit)?;
    let state = crate::state::app_state()?;
    Ok(super::storage::list(&state.db, &today()).await?)
}

/// The editor's form: the campaign `id` as stored with its reach, or an empty one
/// (`id` 0).
#[server(prefix = "/_sf", endpoint = "editorial/campaigns/form")]
pub async fn campaign_editor(id: i64) -> Result<EditorModel, AppError> {
    crate::accounts::api::authorize_user(Action::Edit)?;
    let state = crate::state::app_state()?;
    let (input, reach) = if id == 0 {
        (super::CampaignInput::default(), None)
    } else {
        let input = super::storage::load(&state.db, id).await?.ok_or(AppError::NotFound)?;
        (input, super::storage::detail(&state.db, id, &today()).await?)
    };
    let choices = super::storage::choices(&state.db).await?;
    Ok(EditorModel { id: (id != 0).then_some(id), input, choices, reach })
}
