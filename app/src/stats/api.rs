//! The statistics page's server function (DK-04, DK-06 and administrators).

use super::Stats;
use crate::error::AppError;
use leptos::prelude::*;

/// The tables for the months asked (raw query values, parsed by the page's rules).
#[server(prefix = "/_sf", endpoint = "moderation/stats")]
pub async fn participation_stats(from: Option<String>, to: Option<String>) -> Result<Stats, AppError> {
    crate::accounts::api::authorize_user(crate::accounts::authz::Action::ReadStatistics)?;
    let state = crate::state::app_state()?;
    let query = super::StatsQuery::from_query(
        |name| match name {
            "from" => from.clone(),
            "to" => to.clone(),
            _ => None,
        },
        crate::state::now(),
    );
    Ok(super::storage::stats(&state.db, query).await?)
}
