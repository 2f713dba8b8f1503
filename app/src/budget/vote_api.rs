//! Server functions of the vote's pages: the ballot of an edition (anyone may read it;
//! casting needs a signed-in person and goes through the form's post), a receipt check,
//! the published results, and DK-04's vote settings and count.

use super::model::{BallotProject, Receipt, Results, VoteSettings};
use crate::domain::budget::Phase;
use crate::domain::initiative::Grosze;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::authz::Action;

/// What the voting page needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VoteView {
    pub year: i64,
    pub phase: Phase,
    pub voting_starts: i64,
    pub results_start: i64,
    pub signed_in: bool,
    /// The city's sign-in provider vouches for the person's identity: no identifier to type.
    pub vouched: bool,
    /// A demo site (the page suggests test identifiers).
    pub demo: bool,
    /// The district on the person's profile, to preselect.
    pub profile_district: Option<u8>,
    pub settings: VoteSettings,
    /// The district whose projects are shown (from the address).
    pub district: Option<u8>,
    /// The pools of the shown district and the city-wide pool.
    pub pools: (Grosze, Grosze),
    pub district_projects: Vec<BallotProject>,
    pub city_projects: Vec<BallotProject>,
}

/// The results page: the seal (digest and ballots) and the published results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsView {
    pub year: i64,
    pub phase: Phase,
    pub sealed: Option<(String, i64)>,
    pub results: Option<Results>,
}

/// DK-04's vote page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VoteAdminView {
    pub year: i64,
    pub phase: Phase,
    pub settings: VoteSettings,
    pub sealed: Option<(String, i64)>,
    pub published: bool,
    /// The edition's poll officers: `(id, name, email)`.
    pub officers: Vec<(i64, String, String)>,
}

/// A receipt's ballot with the projects' numbers and titles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReceiptView {
    pub receipt: Receipt,
    /// `(number, title)` of the chosen projects, each group's favourite first.
    pub district_projects: Vec<(String, String)>,
    pub city_projects: Vec<(String, String)>,
}

#[cfg(feature = "ssr")]
async fn edition(year: i64) -> Result<super::storage::Edition, AppError> {
    let state = crate::state::app_state()?;
    super::storage::edition(&state.db, year).await?.ok_or(AppError::NotFound)
}

/// The ballot of `year`; `district` chooses the district group's projects.
#[server(prefix = "/_sf", endpoint = "budget/vote")]
pub async fn vote_ballot(year: i64, district: Option<u8>) -> Result<VoteView, AppError> {
    let me = crate::accounts::api::authorize(Action::ReadPublic)?;
    let state = crate::state::app_state()?;
    let e = edition(year).await?;
    let settings = super::voting::settings(&state.db, year).await?;
    let projects = super::voting::ballot_projects(&state.db, year).await?;
    let district = district.filter(|d| (1..=18).contains(d));
    let (district_projects, city_projects): (Vec<_>, Vec<_>) = projects
        .into_iter()
        .filter(|p| p.district.is_none() || p.district == district)
        .partition(|p| p.district.is_some());
    let profile_district = match &me {
        Some(me) => sqlx::query_as::<_, (Option<i64>,)>("select district from users where id = $1")
            .bind(me.id)
            .fetch_optional(&state.db)
            .await?
            .and_then(|(d,)| d)
            .and_then(|d| u8::try_from(d).ok()),
        None => None,
    };
    let vouched = match &me {
        Some(me) => super::voting::vouched(&state.db, me.id).await?.is_some(),
        None => false,
    };
    Ok(VoteView {
        year,
        phase: e.calendar.phase_at(crate::state::now()),
        voting_starts: e.calendar.voting_starts,
        results_start: e.calendar.results_start,
        signed_in: me.is_some(),
        vouched,
        demo: state.settings.demo,
        profile_district,
        settings,
        district,
        pools: (district.and_then(|d| e.pools.for_project(Some(d))).unwrap_or(0), e.pools.city_wide),
        district_projects,
        city_projects,
    })
}

/// The ballot a receipt code finds in `year`'s set, if any.
#[server(prefix = "/_sf", endpoint = "budget/receipt")]
pub async fn vote_receipt(year: i64, code: String) -> Result<Option<ReceiptView>, AppError> {
    crate::accounts::api::authorize(Action::ReadPublic)?;
    let state = crate::state::app_state()?;
    let code: String = code.chars().take(40).collect();
    let Some(receipt) = super::voting::find_receipt(&state.db, year, &code).await? else {
        return Ok(None);
    };
    let projects = super::voting::ballot_projects(&state.db, year).await?;
    let named = |ids: &[i64]| -> Vec<(String, String)> {
        ids.iter()
            .filter_map(|id| projects.iter().find(|p| p.id == *id))
            .map(|p| (p.number.clone(), p.title.clone()))
            .collect()
    };
    Ok(Some(ReceiptView {
        district_projects: named(&receipt.district_projects),
        city_projects: named(&receipt.city_projects),
        receipt,
    }))
}

/// The seal and the published results of `year`.
#[server(prefix = "/_sf", endpoint = "budget/results")]
pub async fn vote_results(year: i64) -> Result<ResultsView, AppError> {
    crate::accounts::api::authorize(Action::ReadPublic)?;
    let state = crate::state::app_state()?;
    let e = edition(year).await?;
    let tally = super::voting::tally_of(&state.db, year).await?;
    Ok(ResultsView {
        year,
        phase: e.calendar.phase_at(crate::state::now()),
        sealed: tally.as_ref().map(|(digest, ballots, _)| (digest.clone(), *ballots)),
        results: tally.and_then(|(_, _, results)| results),
    })
}

/// DK-04's view of an edition's vote.
#[server(prefix = "/_sf", endpoint = "moderation/budget/vote")]
pub async fn vote_admin(year: i64) -> Result<VoteAdminView, AppError> {
    crate::accounts::api::authorize(Action::Moderate)?;
    let state = crate::state::app_state()?;
    let e = edition(year).await?;
    let tally = super::voting::tally_of(&state.db, year).await?;
    Ok(VoteAdminView {
        year,
        phase: e.calendar.phase_at(crate::state::now()),
        settings: super::voting::settings(&state.db, year).await?,
        published: tally.as_ref().is_some_and(|t| t.2.is_some()),
        officers: super::paper::officers(&state.db, year).await?,
        sealed: tally.map(|(digest, ballots, _)| (digest, ballots)),
    })
}

/// A poll officer's view of an edition's paper cards (DK-04 sees it too).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CardsView {
    pub year: i64,
    pub me: i64,
    pub voting_starts: i64,
    pub results_start: i64,
    pub batches: Vec<super::model::PaperBatch>,
}

/// One batch with its cards and the ballot's numbers of projects per group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchPage {
    pub me: i64,
    pub batch: super::model::PaperBatch,
    pub cards: Vec<super::model::PaperCard>,
    pub district_choices: u8,
    pub city_choices: u8,
}

/// DK-04's integrity page: the conflict queue and the report's signals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IntegrityView {
    pub year: i64,
    pub sealed: bool,
    pub thresholds: super::model::Thresholds,
    pub conflicts: Vec<super::model::Conflict>,
    pub signals: Vec<super::model::Signal>,
}

/// A poll officer of `year`, or DK-04.
#[cfg(feature = "ssr")]
fn officer_or_staff(year: i64) -> Result<crate::accounts::model::CurrentUser, AppError> {
    let me = crate::accounts::api::current_user();
    if crate::accounts::authz::permits(me.as_ref(), Action::EnterCards { year }) {
        return me.ok_or(AppError::SignInRequired);
    }
    crate::accounts::api::authorize_user(Action::Moderate)
}

/// The paper batches of `year`.
#[server(prefix = "/_sf", endpoint = "budget/cards")]
pub async fn paper_cards(year: i64) -> Result<CardsView, AppError> {
    let me = officer_or_staff(year)?;
    let state = crate::state::app_state()?;
    let e = edition(year).await?;
    Ok(CardsView {
        year,
        me: me.id,
        voting_starts: e.calendar.voting_starts,
        results_start: e.calendar.results_start,
        batches: super::paper::batches(&state.db, year).await?,
    })
}

/// One batch of paper cards.
#[server(prefix = "/_sf", endpoint = "budget/cards/batch")]
pub async fn paper_batch(id: i64) -> Result<BatchPage, AppError> {
    let me = crate::accounts::api::authorize_user(Action::Participate)?;
    let state = crate::state::app_state()?;
    // A batch that does not exist is "not found" for DK-04 only; others learn nothing.
    let Some((batch, cards)) = super::paper::batch(&state.db, id).await? else {
        if crate::accounts::authz::permits(Some(&me), Action::Moderate) {
            return Err(AppError::NotFound);
        }
        crate::components::status::set_status(403);
        return Err(AppError::Forbidden);
    };
    let me = officer_or_staff(batch.year)?;
    let settings = super::voting::settings(&state.db, batch.year).await?;
    Ok(BatchPage {
        me: me.id,
        district_choices: settings.ballot.district_choices,
        city_choices: settings.ballot.city_choices,
        batch,
        cards,
    })
}

/// The conflict queue and the integrity report of `year`.
#[server(prefix = "/_sf", endpoint = "moderation/budget/integrity")]
pub async fn vote_integrity(year: i64, thresholds: super::model::Thresholds) -> Result<IntegrityView, AppError> {
    crate::accounts::api::authorize(Action::Moderate)?;
    let state = crate::state::app_state()?;
    edition(year).await?;
    let t = super::model::Thresholds {
        per_minute: thresholds.per_minute.clamp(1, 100_000),
        per_address: thresholds.per_address.clamp(1, 100_000),
        age: thresholds.age.clamp(1, 150),
        identical: thresholds.identical.clamp(2, 100_000),
    };
    Ok(IntegrityView {
        year,
        sealed: super::voting::tally_of(&state.db, year).await?.is_some(),
        thresholds: t,
        conflicts: super::paper::conflicts(&state.db, year).await?,
        signals: super::paper::integrity(&state.db, year, t).await?,
    })
}
