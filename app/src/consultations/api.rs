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
