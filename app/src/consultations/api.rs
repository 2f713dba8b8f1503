//! Server functions the pages and islands call. Thin: parse, ask storage, map errors.
//! All of them read public data, so they need no role; filters arrive as raw query
//! values and are parsed by the same rules as the page itself.

use super::model::{ConsultationDetail, ListPage, Overview};
use crate::error::AppError;
use leptos::prelude::*;

/// How many consultations the home page shows per section.
pub const OVERVIEW_SIZE: u32 = 6;

/// Filters as they come from a query string or a form.
#[cfg(feature = "ssr")]
fn filter_of(district: Option<String>, phase: Option<String>, topic: Option<String>) -> super::model::ListFilter {
    super::model::ListFilter::from_query(|name| match name {
        "district" => district.clone(),
        "phase" => phase.clone(),
        "topic" => topic.clone(),
        _ => None,
    })
}

#[server(prefix = "/_sf", endpoint = "consultations/page")]
pub async fn list_consultations(
    district: Option<String>,
    phase: Option<String>,
    topic: Option<String>,
    page: Option<String>,
) -> Result<ListPage, AppError> {
    use crate::domain::paging::{PageNumber, PAGE_SIZE};
    let state = crate::state::app_state()?;
    let filter = filter_of(district, phase, topic);
    let page = PageNumber::parse(page.as_deref());
    Ok(super::storage::page(&state.db, &filter, page, PAGE_SIZE, crate::state::now()).await?)
}

/// How many consultations the filters would show: the filter form announces it live.
#[server(prefix = "/_sf", endpoint = "consultations/count")]
pub async fn count_consultations(
    district: Option<String>,
    phase: Option<String>,
    topic: Option<String>,
) -> Result<u64, AppError> {
    let state = crate::state::app_state()?;
    let filter = filter_of(district, phase, topic);
    Ok(super::storage::count(&state.db, &filter, crate::state::now()).await?)
}

#[server(prefix = "/_sf", endpoint = "consultations/overview")]
pub async fn get_overview() -> Result<Overview, AppError> {
    let state = crate::state::app_state()?;
    Ok(super::storage::overview(&state.db, crate::state::now(), OVERVIEW_SIZE).await?)
}

#[server(prefix = "/_sf", endpoint = "consultations/detail")]
pub async fn get_consultation(slug: String) -> Result<ConsultationDetail, AppError> {
    let state = crate::state::app_state()?;
    super::storage::find(&state.db, &slug, crate::state::now()).await?.ok_or(AppError::NotFound)
}

/// Whether the signed-in viewer follows a district (`None` for anonymous viewers).
#[server(prefix = "/_sf", endpoint = "consultations/district-follow")]
pub async fn district_follow(district: u8) -> Result<Option<bool>, AppError> {
    use crate::accounts::authz::Action;
    use crate::consultations::follows::{is_following, Followed};
    let Some(user) = crate::accounts::api::authorize(Action::ReadPublic)? else {
        return Ok(None);
    };
    let district = crate::domain::district::District::new(district).ok_or(AppError::NotFound)?;
    let state = crate::state::app_state()?;
    Ok(Some(is_following(&state.db, user.id, Followed::District(district.number())).await?))
}

/// Whether a mailed unsubscribe link still names something to stop (the link is the
/// holder's authority, as with password-reset links).
#[server(prefix = "/_sf", endpoint = "consultations/unsubscribe-status")]
pub async fn unsubscribe_status(token: String) -> Result<bool, AppError> {
    crate::accounts::api::authorize(crate::accounts::authz::Action::Authenticate)?;
    if !crate::accounts::tokens::is_well_formed(&token) {
        return Ok(false);
    }
    let state = crate::state::app_state()?;
    Ok(crate::consultations::follows::token_is_live(&state.db, &token).await?)
}
