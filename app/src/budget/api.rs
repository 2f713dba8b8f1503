//! Server functions of the civic-budget pages. Each asks the rule book first: editions
//! and the catalogue for anyone, a draft for its owner, the back office for DK-04, and a
//! project's assessment for the verifiers of the unit it is assigned to.

use super::model::{Catalogue, EditionView, Filter, ProjectDetail, ProjectSummary, Unit};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::accounts::authz::Action;

/// Who the signed-in person may submit as: `residents`, or `ngo:{id}` /
/// `district_council:{id}` for an organisation they belong to, with its name.
pub type Choices = Vec<(String, String)>;

#[cfg(feature = "ssr")]
fn choices(me: &crate::accounts::model::CurrentUser) -> Choices {
    use crate::accounts::model::OrganisationKind;
    let mut list = vec![("residents".to_owned(), String::new())];
    for m in &me.memberships {
        let kind = match m.kind {
            OrganisationKind::Ngo => "ngo",
            OrganisationKind::DistrictCouncil => "district_council",
        };
        list.push((format!("{kind}:{}", m.organisation_id), m.organisation_name.clone()));
    }
    list
}

#[cfg(feature = "ssr")]
async fn edition_of(year: i64) -> Result<EditionView, AppError> {
    let state = crate::state::app_state()?;
    super::storage::edition_view(&state.db, year, crate::state::now()).await?.ok_or(AppError::NotFound)
}

/// Every edition, newest first.
#[server(prefix = "/_sf", endpoint = "budget/editions")]
pub async fn budget_editions() -> Result<Vec<EditionView>, AppError> {
    crate::accounts::api::authorize(Action::ReadPublic)?;
    let state = crate::state::app_state()?;
    Ok(super::storage::editions(&state.db, crate::state::now()).await?)
}

/// One edition: its phase, calendar, pools and rules.
#[server(prefix = "/_sf", endpoint = "budget/edition")]
pub async fn budget_edition(year: i64) -> Result<EditionView, AppError> {
    crate::accounts::api::authorize(Action::ReadPublic)?;
    edition_of(year).await
}

/// One page of an edition's public catalogue.
#[server(prefix = "/_sf", endpoint = "budget/catalogue")]
pub async fn budget_catalogue(year: i64, filter: Filter) -> Result<(EditionView, Catalogue), AppError> {
    crate::accounts::api::authorize(Action::ReadPublic)?;
    let edition = edition_of(year).await?;
    let state = crate::state::app_state()?;
    Ok((edition, super::projects::catalogue(&state.db, year, &filter).await?))
}

/// A submitted project as the public sees it (its owner also sees what they may do).
#[server(prefix = "/_sf", endpoint = "budget/project")]
pub async fn budget_project(year: i64, seq: i64) -> Result<ProjectDetail, AppError> {
    crate::accounts::api::authorize(Action::ReadPublic)?;
    let state = crate::state::app_state()?;
    let id = super::projects::id_by_number(&state.db, year, seq).await?.ok_or(AppError::NotFound)?;
    let mut detail = super::projects::detail(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let owner = super::projects::owner_and_status(&state.db, id).await?.map(|(owner, _, _)| owner);
    detail.is_owner = crate::accounts::api::current_user().is_some_and(|me| Some(me.id) == owner);
    Ok(detail)
}

/// The signed-in person's projects, drafts included.
#[server(prefix = "/_sf", endpoint = "budget/mine")]
pub async fn my_budget_projects() -> Result<Vec<ProjectSummary>, AppError> {
    let me = crate::accounts::api::authorize_user(Action::Participate)?;
    let state = crate::state::app_state()?;
    Ok(super::projects::mine(&state.db, me.id).await?)
}

/// What the new-project form needs: the edition (its phase and pools) and who the
/// person may submit as.
#[server(prefix = "/_sf", endpoint = "budget/new-project")]
pub async fn new_budget_project(year: i64) -> Result<(EditionView, Choices), AppError> {
    let me = crate::accounts::api::authorize_user(Action::Participate)?;
    Ok((edition_of(year).await?, choices(&me)))
}

/// One's own project, for editing a draft, submitting and following it.
#[server(prefix = "/_sf", endpoint = "budget/my-project")]
pub async fn my_budget_project(id: i64) -> Result<(ProjectDetail, EditionView, Choices, String), AppError> {
    let state = crate::state::app_state()?;
    let owner = super::projects::owner_and_status(&state.db, id).await?.map(|(owner, _, _)| owner);
    let me = crate::accounts::api::authorize_user(Action::ManageOwnApplication { owner_id: owner.unwrap_or(0) })?;
    let mut detail = super::projects::detail(&state.db, id).await?.ok_or(AppError::NotFound)?;
    detail.is_owner = true;
    let choice = applied_as(&state.db, id).await?;
    Ok((detail.clone(), edition_of(detail.summary.year).await?, choices(&me), choice))
}

/// The applicant choice a project was saved with (`residents`, `ngo:{id}`, …).
#[cfg(feature = "ssr")]
async fn applied_as(db: &crate::db::Db, id: i64) -> Result<String, AppError> {
    let (kind, organisation): (String, Option<i64>) =
        sqlx::query_as("select applicant_kind, organisation_id from budget_projects where id = $1")
            .bind(id)
            .fetch_one(db)
            .await?;
    Ok(match organisation {
        Some(o) => format!("{kind}:{o}"),
        None => kind,
    })
}

/// The project a support list is printed for: its owner's, or any submitted one for
/// DK-04; with the number of signatures the edition asks.
#[server(prefix = "/_sf", endpoint = "budget/support-list")]
pub async fn budget_support_list(id: i64) -> Result<ProjectDetail, AppError> {
    use crate::accounts::authz::permits;
    let state = crate::state::app_state()?;
    let owner = super::projects::owner_and_status(&state.db, id).await?.map(|(owner, _, _)| owner);
    if !permits(crate::accounts::api::current_user().as_ref(), Action::Moderate) {
        crate::accounts::api::authorize_user(Action::ManageOwnApplication { owner_id: owner.unwrap_or(0) })?;
    }
    let detail = super::projects::detail(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if detail.summary.seq.is_none() {
        return Err(AppError::NotFound);
    }
    Ok(detail)
}

/// DK-04's budget home: every edition, the one being edited, and the verifying units.
#[server(prefix = "/_sf", endpoint = "moderation/budget")]
pub async fn staff_budget(year: Option<i64>) -> Result<(Vec<EditionView>, Option<EditionView>, Vec<Unit>), AppError> {
    crate::accounts::api::authorize_user(Action::Moderate)?;
    let state = crate::state::app_state()?;
    let now = crate::state::now();
    let editions = super::storage::editions(&state.db, now).await?;
    let chosen = match year {
        Some(year) => super::storage::edition_view(&state.db, year, now).await?,
        None => None,
    };
    Ok((editions, chosen, super::projects::units(&state.db).await?))
}

/// An edition's submitted projects for DK-04, in number order.
#[server(prefix = "/_sf", endpoint = "moderation/budget/projects")]
pub async fn staff_budget_projects(year: i64) -> Result<(EditionView, Vec<ProjectSummary>), AppError> {
    crate::accounts::api::authorize_user(Action::Moderate)?;
    let state = crate::state::app_state()?;
    Ok((edition_of(year).await?, super::projects::staff_list(&state.db, year, None).await?))
}

/// What the back office may do with one project: DK-04 everything but the unit's
/// assessment, the verifiers of its unit that assessment.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StaffProject {
    pub detail: ProjectDetail,
    pub units: Vec<Unit>,
    pub moderator: bool,
    pub verifier: bool,
}

/// One project in the back office, for DK-04 or its unit's verifiers.
#[server(prefix = "/_sf", endpoint = "moderation/budget/project")]
pub async fn staff_budget_project(id: i64) -> Result<StaffProject, AppError> {
    use crate::accounts::authz::permits;
    let state = crate::state::app_state()?;
    let detail = super::projects::detail(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let me = crate::accounts::api::current_user();
    let moderator = permits(me.as_ref(), Action::Moderate);
    let verifier = detail.unit_id.is_some_and(|unit_id| permits(me.as_ref(), Action::VerifyFor { unit_id }));
    if !moderator && !verifier {
        crate::accounts::api::authorize_user(Action::Moderate)?;
    }
    if detail.summary.seq.is_none() {
        // Drafts are the applicant's own until submitted.
        return Err(AppError::NotFound);
    }
    Ok(StaffProject { detail, units: super::projects::units(&state.db).await?, moderator, verifier })
}

/// The projects waiting for the signed-in verifier's units, by unit.
#[server(prefix = "/_sf", endpoint = "budget/verification")]
pub async fn verifier_projects() -> Result<Vec<(Unit, Vec<ProjectSummary>)>, AppError> {
    let me = crate::accounts::api::authorize_user(Action::Participate)?;
    if me.verifier_units.is_empty() {
        // Verifies for no unit: the rule book refuses (and sets the 403).
        crate::accounts::api::authorize_user(Action::VerifyFor { unit_id: 0 })?;
    }
    let state = crate::state::app_state()?;
    let mut list = Vec::new();
    for unit in super::projects::units(&state.db).await? {
        if crate::accounts::authz::permits(Some(&me), Action::VerifyFor { unit_id: unit.id }) {
            let mut projects = Vec::new();
            for year in super::storage::editions(&state.db, crate::state::now()).await?.iter().map(|e| e.year) {
                projects.extend(super::projects::staff_list(&state.db, year, Some(unit.id)).await?);
            }
            list.push((unit, projects));
        }
    }
    Ok(list)
}
