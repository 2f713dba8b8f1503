//! Server functions of the initiative pages. Each asks the rule book first: the public
//! register for anyone, an application for its owner, the back office for DK-04.

use super::model::{ApplyAs, InitiativeDetail, InitiativeSummary, PoolState};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::accounts::authz::Action;

/// Who the signed-in person may apply as: themself with other residents, or an NGO or
/// district council they belong to.
#[server(prefix = "/_sf", endpoint = "initiatives/apply-as")]
pub async fn applicant_choices() -> Result<ApplyAs, AppError> {
    use crate::accounts::model::OrganisationKind;
    let me = crate::accounts::api::authorize_user(Action::Participate)?;
    let state = crate::state::app_state()?;
    let mut choices = vec![("residents".to_owned(), String::new())];
    for m in &me.memberships {
        let kind = match m.kind {
            OrganisationKind::Ngo => "ngo",
            OrganisationKind::DistrictCouncil => "district_council",
        };
        choices.push((format!("{kind}:{}", m.organisation_id), m.organisation_name.clone()));
    }
    let context = super::storage::context(&state.db, None, crate::state::now()).await?;
    Ok(ApplyAs { choices, context, display_name: me.display_name })
}

/// The signed-in person's applications, drafts included.
#[server(prefix = "/_sf", endpoint = "initiatives/mine")]
pub async fn my_applications() -> Result<Vec<InitiativeSummary>, AppError> {
    let me = crate::accounts::api::authorize_user(Action::Participate)?;
    let state = crate::state::app_state()?;
    Ok(super::storage::mine(&state.db, me.id).await?)
}

/// One's own application, for editing, submitting and following it.
#[server(prefix = "/_sf", endpoint = "initiatives/application")]
pub async fn my_application(id: i64) -> Result<(InitiativeDetail, ApplyAs), AppError> {
    let state = crate::state::app_state()?;
    let owner = super::storage::owner_of(&state.db, id).await?;
    crate::accounts::api::authorize_user(Action::ManageOwnApplication { owner_id: owner.unwrap_or(0) })?;
    let mut detail = super::storage::detail(&state.db, id, crate::state::now()).await?.ok_or(AppError::NotFound)?;
    detail.is_owner = true;
    Ok((detail, applicant_choices().await?))
}

/// A registered application as the public sees it: no draft, no checklist notes, and
/// no names of resident applicants.
#[server(prefix = "/_sf", endpoint = "initiatives/public")]
pub async fn public_initiative(year: i64, seq: i64) -> Result<InitiativeDetail, AppError> {
    crate::accounts::api::authorize(Action::ReadPublic)?;
    let state = crate::state::app_state()?;
    let id = super::storage::id_by_number(&state.db, year, seq).await?.ok_or(AppError::NotFound)?;
    let detail = super::storage::detail(&state.db, id, crate::state::now()).await?.ok_or(AppError::NotFound)?;
    Ok(super::model::public_view(detail))
}

/// The public register and the pool of the current year.
#[server(prefix = "/_sf", endpoint = "initiatives/register")]
pub async fn initiative_register(status: Option<String>) -> Result<(Vec<InitiativeSummary>, PoolState), AppError> {
    use crate::domain::initiative_flow::Status;
    crate::accounts::api::authorize(Action::ReadPublic)?;
    let state = crate::state::app_state()?;
    let status = status.as_deref().and_then(Status::parse).filter(|s| s.is_public());
    let list = super::storage::register(&state.db, status, None).await?;
    let year = super::storage::warsaw_date(crate::state::now()).0;
    Ok((list, super::storage::pool(&state.db, i64::from(year)).await?))
}

/// DK-04's list of registered applications, by status, with the pool and the sheet.
#[server(prefix = "/_sf", endpoint = "moderation/initiatives")]
pub async fn staff_initiatives(
    status: Option<String>,
) -> Result<(Vec<InitiativeSummary>, PoolState, crate::domain::initiative_flow::Sheet), AppError> {
    use crate::domain::initiative_flow::Status;
    crate::accounts::api::authorize_user(Action::Moderate)?;
    let state = crate::state::app_state()?;
    let status = status.as_deref().and_then(Status::parse);
    let list = super::storage::staff_list(&state.db, status).await?;
    let year = i64::from(super::storage::warsaw_date(crate::state::now()).0);
    Ok((list, super::storage::pool(&state.db, year).await?, super::storage::sheet(&state.db, year).await?))
}

/// One application in full for DK-04's formal check.
#[server(prefix = "/_sf", endpoint = "moderation/initiative")]
pub async fn staff_initiative(id: i64) -> Result<InitiativeDetail, AppError> {
    crate::accounts::api::authorize_user(Action::Moderate)?;
    let state = crate::state::app_state()?;
    let detail = super::storage::detail(&state.db, id, crate::state::now()).await?.ok_or(AppError::NotFound)?;
    if detail.summary.seq.is_none() {
        // Drafts are the applicant's own until submitted.
        return Err(AppError::NotFound);
    }
    Ok(detail)
}

/// The application a support list is printed for: its owner's, or any registered one
/// for DK-04.
#[server(prefix = "/_sf", endpoint = "initiatives/support-list")]
pub async fn support_list(id: i64) -> Result<InitiativeSummary, AppError> {
    use crate::accounts::authz::permits;
    let state = crate::state::app_state()?;
    let owner = super::storage::owner_of(&state.db, id).await?;
    let me = crate::accounts::api::current_user();
    if !permits(me.as_ref(), Action::Moderate) {
        crate::accounts::api::authorize_user(Action::ManageOwnApplication { owner_id: owner.unwrap_or(0) })?;
    }
    let detail = super::storage::detail(&state.db, id, crate::state::now()).await?.ok_or(AppError::NotFound)?;
    if detail.summary.seq.is_none() {
        // A draft has no number to print yet.
        return Err(AppError::NotFound);
    }
    Ok(detail.summary)
}

/// The opinions asked of the district councils the signed-in person belongs to.
#[server(prefix = "/_sf", endpoint = "initiatives/council-opinions")]
pub async fn council_opinions() -> Result<Vec<(InitiativeSummary, super::model::Opinion)>, AppError> {
    use crate::accounts::model::OrganisationKind;
    let me = crate::accounts::api::authorize_user(Action::Participate)?;
    let councils: Vec<i64> = me
        .memberships
        .iter()
        .filter(|m| m.kind == OrganisationKind::DistrictCouncil)
        .map(|m| m.organisation_id)
        .collect();
    for council in &councils {
        crate::accounts::api::authorize_user(Action::ActFor { organisation_id: *council })?;
    }
    let state = crate::state::app_state()?;
    Ok(super::storage::council_requests(&state.db, &councils).await?)
}
