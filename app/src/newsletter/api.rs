//! The newsletter pages' server functions: where a mailed link stands, and the
//! editors' preview of this week's digest (DK-06 and administrators).

use super::{DigestPreview, LinkState};
#[cfg(feature = "ssr")]
use crate::accounts::authz::Action;
use crate::error::AppError;
use leptos::prelude::*;

/// The confirmation link's state (the token is the only key; nothing changes).
#[server(prefix = "/_sf", endpoint = "newsletter/link")]
pub async fn confirm_link_state(token: String) -> Result<LinkState, AppError> {
    let state = crate::state::app_state()?;
    if !crate::accounts::tokens::is_well_formed(&token) {
        return Ok(LinkState::Unknown);
    }
    Ok(super::storage::link_state(&state.db, &token).await?)
}

/// Whether an unsubscribe link still names a subscription.
#[server(prefix = "/_sf", endpoint = "newsletter/unsubscribe-status")]
pub async fn unsubscribe_link_live(token: String) -> Result<bool, AppError> {
    let state = crate::state::app_state()?;
    if !crate::accounts::tokens::is_well_formed(&token) {
        return Ok(false);
    }
    Ok(super::storage::unsubscribe_is_live(&state.db, &token).await?)
}

/// This week's digest for someone who chose `district` (empty: the whole city) and
/// `topic` (empty: every topic), as it would be mailed now.
#[server(prefix = "/_sf", endpoint = "editorial/digest")]
pub async fn preview_digest(district: String, topic: String) -> Result<DigestPreview, AppError> {
    use super::digest::{compose, period_of, select};
    crate::accounts::api::authorize_user(Action::Edit)?;
    let state = crate::state::app_state()?;
    let locale = crate::components::layout::use_locale();
    let now = crate::state::now();
    let interest = super::Interest {
        city_wide: district.is_empty(),
        districts: district
            .parse::<u8>()
            .ok()
            .and_then(crate::domain::district::District::new)
            .map(|d| d.number())
            .into_iter()
            .collect(),
        topics: crate::domain::topic::Topic::parse(&topic).into_iter().collect(),
    };
    let (period, sends_at) = period_of(now);
    let candidates = super::storage::candidates(&state.db, now).await?;
    let chosen = select(&candidates, &interest, now - 7 * 24 * 60 * 60, now);
    let base = state.settings.public_url.clone();
    let unsubscribe = format!("{}/newsletter/unsubscribe/…", base.trim_end_matches('/'));
    let (subject, body) = compose(locale, &chosen, &period, &base, &unsubscribe);
    let counts = super::storage::counts(&state.db, &period).await?;
    Ok(DigestPreview { period, sends_at, subject, body, items: chosen.len(), counts })
}
