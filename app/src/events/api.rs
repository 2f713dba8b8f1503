//! The calendar's server functions: the public page's events, and the editors' list.

use super::{CalendarEntry, CalendarPage};
use crate::error::AppError;
use leptos::prelude::*;

/// The events of one month, filtered as the query says (raw values, parsed by the same
/// rules as the page).
#[server(prefix = "/_sf", endpoint = "events/month")]
pub async fn calendar_month(
    district: Option<String>,
    kind: Option<String>,
    month: Option<String>,
) -> Result<CalendarPage, AppError> {
    let state = crate::state::app_state()?;
    let now = crate::state::now();
    let query = super::CalendarQuery::from_query(
        |name| match name {
            "district" => district.clone(),
            "kind" => kind.clone(),
            "month" => month.clone(),
            _ => None,
        },
        now,
    );
    let entries = super::storage::entries(&state.db, query.month.starts_at(), query.month.ends_at(), now).await?;
    Ok(CalendarPage {
        month: query.month,
        entries: entries
            .into_iter()
            .filter(|e| e.concerns(query.district) && query.kind.is_none_or(|k| k == e.kind))
            .collect(),
    })
}

/// The editors' own events that have not ended (DK-06 and administrators).
#[server(prefix = "/_sf", endpoint = "editorial/events")]
pub async fn editorial_events() -> Result<Vec<CalendarEntry>, AppError> {
    crate::accounts::api::authorize_user(crate::accounts::authz::Action::Edit)?;
    let state = crate::state::app_state()?;
    Ok(super::storage::upcoming(&state.db, crate::state::now()).await?)
}
