//! Server functions behind the account and admin pages. Each one starts by asking the
//! rule book ([`authorize`]); the access-matrix test checks that it does.

#[cfg(feature = "ssr")]
use super::authz::Action;
use super::model::{
    AccountView, AuditEntry, CurrentUser, Organisation, OrganisationDetail, OutboxMessage, UserSummary,
};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The person making the current request, as the session middleware found them.
#[cfg(feature = "ssr")]
pub fn current_user() -> Option<CurrentUser> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<super::model::RequestSession>().cloned())
        .and_then(|session| session.user)
}

/// On the browser there is no session to read: pages are rendered on the server.
#[cfg(not(feature = "ssr"))]
pub fn current_user() -> Option<CurrentUser> {
    None
}

/// The one door: may the current person do `action`? Returns them when they may.
#[cfg(feature = "ssr")]
pub fn authorize(action: Action) -> Result<Option<CurrentUser>, AppError> {
    use super::authz::{decide, Denial};
    use crate::components::status::set_status;
    let user = current_user();
    // The status tells callers of the server function, and scripts, what happened.
    match decide(user.as_ref(), action) {
        Ok(()) => Ok(user),
        Err(Denial::SignInRequired) => {
            set_status(401);
            Err(AppError::SignInRequired)
        }
        Err(Denial::Forbidden) => {
            set_status(403);
            Err(AppError::Forbidden)
        }
    }
}

/// Like [`authorize`], for actions that always need someone signed in.
#[cfg(feature = "ssr")]
pub fn authorize_user(action: Action) -> Result<CurrentUser, AppError> {
    authorize(action)?.ok_or(AppError::SignInRequired)
}

#[server(prefix = "/_sf", endpoint = "account/view")]
pub async fn get_account() -> Result<AccountView, AppError> {
    let user_id = current_user().map_or(0, |me| me.id);
    let me = authorize_user(Action::ManageAccount { user_id })?;
    let state = crate::state::app_state()?;
    super::storage::account_view(&state.db, me.id).await?.ok_or(AppError::SignInRequired)
}

#[server(prefix = "/_sf", endpoint = "admin/users")]
pub async fn find_users(query: String) -> Result<Vec<UserSummary>, AppError> {
    authorize_user(Action::ManageUsers)?;
    let state = crate::state::app_state()?;
    Ok(super::storage::search_users(&state.db, &query, 100).await?)
}

#[server(prefix = "/_sf", endpoint = "admin/user")]
pub async fn get_user(id: i64) -> Result<UserSummary, AppError> {
    authorize_user(Action::ManageUsers)?;
    let state = crate::state::app_state()?;
    super::storage::user_summary(&state.db, id).await?.ok_or(AppError::NotFound)
}

#[server(prefix = "/_sf", endpoint = "admin/organisations")]
pub async fn list_organisations() -> Result<Vec<Organisation>, AppError> {
    authorize_user(Action::ManageOrganisations)?;
    let state = crate::state::app_state()?;
    Ok(super::storage::list_organisations(&state.db).await?)
}

#[server(prefix = "/_sf", endpoint = "organisations/detail")]
pub async fn get_organisation(id: i64) -> Result<OrganisationDetail, AppError> {
    authorize_user(Action::ViewMembers { organisation_id: id })?;
    let state = crate::state::app_state()?;
    super::storage::organisation_detail(&state.db, id).await?.ok_or(AppError::NotFound)
}

/// One page of the audit log with the state of its chain.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub actions: Vec<String>,
    /// `Ok(rows)` when the chain holds; otherwise the first broken row.
    pub chain: Result<u64, i64>,
    pub has_more: bool,
}

pub const AUDIT_PAGE_SIZE: i64 = 50;

#[server(prefix = "/_sf", endpoint = "admin/audit")]
pub async fn get_audit(
    action: Option<String>,
    actor: Option<String>,
    page: Option<String>,
) -> Result<AuditPage, AppError> {
    use super::audit::{self, AuditFilter, ChainProblem};
    authorize_user(Action::ReadAuditLog)?;
    let state = crate::state::app_state()?;
    let filter = AuditFilter {
        action: action.filter(|a| !a.is_empty()),
        actor_id: actor.and_then(|a| a.trim().parse().ok()),
        object: None,
    };
    let page = crate::domain::paging::PageNumber::parse(page.as_deref()).get();
    let offset = i64::from(page - 1) * AUDIT_PAGE_SIZE;
    let mut entries = audit::list(&state.db, &filter, AUDIT_PAGE_SIZE + 1, offset).await?;
    let has_more = entries.len() as i64 > AUDIT_PAGE_SIZE;
    entries.truncate(AUDIT_PAGE_SIZE as usize);
    let chain = match audit::verify(&state.db).await? {
        Ok(n) => Ok(n),
        Err(ChainProblem::Altered { seq } | ChainProblem::Broken { seq }) => Err(seq),
    };
    Ok(AuditPage { entries, actions: audit::actions(&state.db).await?, chain, has_more })
}

/// The dev outbox: only in demo mode, where no real mail leaves the machine.
#[server(prefix = "/_sf", endpoint = "dev/outbox")]
pub async fn get_outbox() -> Result<Vec<OutboxMessage>, AppError> {
    authorize(Action::ReadPublic)?;
    let state = crate::state::app_state()?;
    if !state.settings.demo {
        return Err(AppError::NotFound);
    }
    Ok(super::storage::outbox(&state.db, 50).await?)
}

/// Whether a mailed link (password reset, or confirming a new account) still works:
/// the page says so before asking for anything.
#[server(prefix = "/_sf", endpoint = "account/mail-link")]
pub async fn check_mail_link(token: String, confirm: bool) -> Result<(), AppError> {
    use super::storage::{LinkPurpose, ResetProblem};
    authorize(Action::Authenticate)?;
    let state = crate::state::app_state()?;
    let purpose = if confirm { LinkPurpose::Confirm } else { LinkPurpose::Reset };
    match super::storage::check_link(&state.db, &token, purpose, crate::state::now()).await? {
        Ok(_) => Ok(()),
        Err(ResetProblem::Unknown) => Err(AppError::NotFound),
        Err(ResetProblem::Expired) => Err(AppError::Conflict("reset_link_expired".to_owned())),
        Err(ResetProblem::Used) => Err(AppError::Conflict("reset_link_used".to_owned())),
    }
}
