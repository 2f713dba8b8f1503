//! Server functions behind the remark threads. Reading a thread is public; what the
//! viewer may do (write, sign for an organisation, follow) is worked out here from the
//! rule book, so the page shows only the forms that the routes will accept.

use super::model::{Participation, Thread};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A consultation's thread and what the viewer may do on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Discussion {
    pub thread: Thread,
    pub participation: Participation,
    /// A fresh one-time key for the remark forms (a double submit stores one remark).
    pub form_key: String,
}

#[server(prefix = "/_sf", endpoint = "remarks/thread")]
pub async fn get_discussion(
    slug: String,
    unit: Option<String>,
    sort: Option<String>,
    after: Option<String>,
) -> Result<Discussion, AppError> {
    use super::storage::{self, ThreadQuery, Viewer};
    use crate::accounts::api::authorize;
    use crate::accounts::authz::{permits, Action};
    use crate::consultations::follows::{self, Followed};
    use crate::domain::remark::{accepts_remarks, Cursor, Sort};

    let user = authorize(Action::ReadPublic)?;
    let state = crate::state::app_state()?;
    let now = crate::state::now();
    let target = storage::target(&state.db, &slug, now).await?.ok_or(AppError::NotFound)?;
    let staff = user.as_ref().is_some_and(|u| permits(Some(u), Action::Moderate));
    let viewer = Viewer { user_id: user.as_ref().map(|u| u.id), staff };
    let query = ThreadQuery {
        unit: unit.filter(|u| crate::domain::act::is_anchor_shaped(u)),
        sort: Sort::parse(sort.as_deref()),
        after: after.as_deref().and_then(Cursor::parse),
    };
    let thread = storage::thread(&state.db, target.id, viewer, &query, now).await?;
    let mut participation = Participation { premoderation: target.premoderation, staff, ..Participation::default() };
    if let Some(user) = &user {
        participation.signed_in = true;
        participation.blocked_until = storage::blocked_until(&state.db, user.id, now).await?;
        participation.may_write = accepts_remarks(target.phase)
            && participation.blocked_until.is_none()
            && permits(Some(user), Action::Participate);
        participation.organisations = user
            .memberships
            .iter()
            .filter(|m| permits(Some(user), Action::ActFor { organisation_id: m.organisation_id }))
            .map(|m| (m.organisation_id, m.organisation_name.clone(), m.kind))
            .collect();
        participation.following = follows::is_following(&state.db, user.id, Followed::Consultation(target.id)).await?;
    }
    Ok(Discussion { thread, participation, form_key: crate::accounts::tokens::random_token() })
}
