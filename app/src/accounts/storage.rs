//! Accounts in the database: people, sessions, reset links, provider identities,
//! organisations and memberships. One SQL text for both backends (docs/adr/0003).
//! Whatever changes more than one row runs in one transaction: nothing half-written.

use super::model::{
    AccountView, CurrentUser, Member, Membership, Organisation, OrganisationDetail, OrganisationKind, OutboxMessage,
    Role, UserStatus, UserSummary,
};
use super::tokens;
use crate::db::Db;
use crate::domain::district::District;

/// How long a password-reset link works.
pub const RESET_LINK_TTL_SECONDS: i64 = 60 * 60;
/// How long the link confirming a new account's address works.
pub const CONFIRM_LINK_TTL_SECONDS: i64 = 48 * 60 * 60;
/// A session's last-seen time is written at most this often (not on every request).
const TOUCH_EVERY_SECONDS: i64 = 60;

// ---------------------------------------------------------------------------- people

/// Creates a local account, `pending` until its address is confirmed (or `active`
/// for accounts made by the site itself); `None` when the email is taken.
pub async fn create_local_user(
    db: &Db,
    email: &str,
    display_name: &str,
    password_hash: &str,
    status: UserStatus,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let id: Option<(i64,)> = sqlx::query_as(
        "insert into users (email, display_name, password_hash, status, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $5) on conflict (email) do nothing returning id",
    )
    .bind(email)
    .bind(display_name)
    .bind(password_hash)
    .bind(status.code())
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(id.map(|(id,)| id))
}

pub struct Credentials {
    pub user_id: i64,
    pub password_hash: Option<String>,
    pub status: UserStatus,
}

pub async fn credentials_by_email(db: &Db, email: &str) -> Result<Option<Credentials>, sqlx::Error> {
    let row: Option<(i64, Option<String>, String)> =
        sqlx::query_as("select id, password_hash, status from users where email = $1")
            .bind(email)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(user_id, password_hash, status)| Credentials {
        user_id,
        password_hash,
        status: UserStatus::from_code(&status),
    }))
}

pub async fn credentials_by_id(db: &Db, user_id: i64) -> Result<Option<(Option<String>, Option<String>)>, sqlx::Error> {
    sqlx::query_as("select email, password_hash from users where id = $1 and status = 'active'")
        .bind(user_id)
        .fetch_optional(db)
        .await
}

async fn roles_of(db: &Db, user_id: i64) -> Result<Vec<Role>, sqlx::Error> {
    let rows: Vec<(String,)> =
        sqlx::query_as("select role from user_roles where user_id = $1").bind(user_id).fetch_all(db).await?;
    let mut roles: Vec<Role> = rows.iter().filter_map(|(r,)| Role::from_code(r)).collect();
    roles.sort();
    Ok(roles)
}

async fn memberships_of(db: &Db, user_id: i64) -> Result<Vec<Membership>, sqlx::Error> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "select o.id, o.name, o.kind, m.is_admin from memberships m join organisations o on o.id = m.organisation_id \
         where m.user_id = $1 order by o.name",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(organisation_id, organisation_name, kind, is_admin)| {
            Some(Membership {
                organisation_id,
                organisation_name,
                kind: OrganisationKind::from_code(&kind)?,
                is_admin: is_admin != 0,
            })
        })
        .collect())
}

/// The person behind a session, with roles and organisations; `None` unless active.
pub async fn current_user(db: &Db, user_id: i64) -> Result<Option<CurrentUser>, sqlx::Error> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("select display_name from users where id = $1 and status = 'active'")
            .bind(user_id)
            .fetch_optional(db)
            .await?;
    let Some((name,)) = row else {
        return Ok(None);
    };
    Ok(Some(CurrentUser {
        id: user_id,
        display_name: name.unwrap_or_default(),
        roles: roles_of(db, user_id).await?,
        memberships: memberships_of(db, user_id).await?,
        verifier_units: crate::budget::projects::units_of(db, user_id).await?,
        poll_officer_years: crate::budget::paper::officer_years(db, user_id).await?,
    }))
}

pub async fn account_view(db: &Db, user_id: i64) -> Result<Option<AccountView>, sqlx::Error> {
    type Row = (Option<String>, Option<String>, Option<i64>, Option<String>, i64);
    let row: Option<Row> = sqlx::query_as(
        "select display_name, email, district, password_hash, created_at from users where id = $1 and status = 'active'",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await?;
    let Some((name, email, district, password_hash, created_at)) = row else {
        return Ok(None);
    };
    let providers: Vec<(String,)> = sqlx::query_as("select issuer from identities where user_id = $1 order by issuer")
        .bind(user_id)
        .fetch_all(db)
        .await?;
    Ok(Some(AccountView {
        id: user_id,
        display_name: name.unwrap_or_default(),
        email,
        district: district.and_then(|d| u8::try_from(d).ok()),
        has_password: password_hash.is_some(),
        linked_providers: providers.into_iter().map(|(p,)| p).collect(),
        roles: roles_of(db, user_id).await?,
        memberships: memberships_of(db, user_id).await?,
        created_at,
    }))
}

pub async fn update_profile(
    db: &Db,
    user_id: i64,
    display_name: &str,
    district: Option<District>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update users set display_name = $1, district = $2, updated_at = $3 where id = $4 and status = 'active'",
    )
    .bind(display_name)
    .bind(district.map(|d| i64::from(d.number())))
    .bind(now)
    .bind(user_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Sets a new password and ends every session of the account, in one transaction.
pub async fn set_password(db: &Db, user_id: i64, password_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("update users set password_hash = $1, updated_at = $2 where id = $3")
        .bind(password_hash)
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("delete from sessions where user_id = $1").bind(user_id).execute(&mut *tx).await?;
    sqlx::query("delete from password_resets where user_id = $1").bind(user_id).execute(&mut *tx).await?;
    tx.commit().await
}

/// Erases the person's data and keeps the row, so that what they published stays,
/// signed "deleted user" (the privacy notice says so).
pub async fn delete_account(db: &Db, user_id: i64, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    for table in ["sessions", "password_resets", "identities", "memberships", "user_roles"] {
        sqlx::query(&format!("delete from {table} where user_id = $1")).bind(user_id).execute(&mut *tx).await?;
    }
    sqlx::query(
        "update users set email = null, display_name = null, password_hash = null, district = null, \
         status = 'deleted', deleted_at = $1, updated_at = $1 where id = $2",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Everything held about a person, for "My data" (GDPR art. 15 and 20).
pub async fn export(db: &Db, user_id: i64) -> Result<Option<serde_json::Value>, sqlx::Error> {
    let Some(account) = account_view(db, user_id).await? else {
        return Ok(None);
    };
    let sessions: Vec<(i64, i64)> =
        sqlx::query_as("select created_at, last_seen_at from sessions where user_id = $1 order by created_at")
            .bind(user_id)
            .fetch_all(db)
            .await?;
    let identities: Vec<(String, String, i64)> =
        sqlx::query_as("select issuer, subject, created_at from identities where user_id = $1")
            .bind(user_id)
            .fetch_all(db)
            .await?;
    let audit: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
        "select seq, at, action, object_type, object_id from audit_log \
         where actor_id = $1 or (object_type = 'user' and object_id = $2) order by seq",
    )
    .bind(user_id)
    .bind(user_id.to_string())
    .fetch_all(db)
    .await?;
    Ok(Some(serde_json::json!({
        "account": {
            "id": account.id,
            "display_name": account.display_name,
            "email": account.email,
            "district": account.district,
            "has_password": account.has_password,
            "created_at": account.created_at,
            "roles": account.roles.iter().map(|r| r.code()).collect::<Vec<_>>(),
        },
        "organisations": account.memberships.iter().map(|m| serde_json::json!({
            "id": m.organisation_id, "name": m.organisation_name, "kind": m.kind.code(), "is_admin": m.is_admin,
        })).collect::<Vec<_>>(),
        "sign_in_providers": identities.iter().map(|(issuer, subject, at)| serde_json::json!({
            "issuer": issuer, "subject": subject, "linked_at": at,
        })).collect::<Vec<_>>(),
        "sessions": sessions.iter().map(|(created, seen)| serde_json::json!({
            "created_at": created, "last_seen_at": seen,
        })).collect::<Vec<_>>(),
        "audit_log": audit.iter().map(|(seq, at, action, object_type, object_id)| serde_json::json!({
            "seq": seq, "at": at, "action": action, "object_type": object_type, "object_id": object_id,
        })).collect::<Vec<_>>(),
    })))
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    display_name: Option<String>,
    email: Option<String>,
    status: String,
    created_at: i64,
}

async fn summaries(db: &Db, rows: Vec<SummaryRow>) -> Result<Vec<UserSummary>, sqlx::Error> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(UserSummary {
            roles: roles_of(db, row.id).await?,
            id: row.id,
            display_name: row.display_name,
            email: row.email,
            status: UserStatus::from_code(&row.status),
            created_at: row.created_at,
        });
    }
    Ok(out)
}

/// Admins find people by a piece of their name or email (case-insensitive).
pub async fn search_users(db: &Db, query: &str, limit: i64) -> Result<Vec<UserSummary>, sqlx::Error> {
    let escaped = query.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    let pattern = format!("%{escaped}%");
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "select id, display_name, email, status, created_at from users \
         where lower(coalesce(display_name, '')) like $1 escape '\\' or coalesce(email, '') like $1 escape '\\' \
         order by id limit $2",
    )
    .bind(pattern)
    .bind(limit)
    .fetch_all(db)
    .await?;
    summaries(db, rows).await
}

pub async fn user_summary(db: &Db, user_id: i64) -> Result<Option<UserSummary>, sqlx::Error> {
    let rows: Vec<SummaryRow> =
        sqlx::query_as("select id, display_name, email, status, created_at from users where id = $1")
            .bind(user_id)
            .fetch_all(db)
            .await?;
    Ok(summaries(db, rows).await?.pop())
}

pub async fn user_id_by_email(db: &Db, email: &str) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("select id from users where email = $1 and status = 'active'")
        .bind(email)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(id,)| id))
}

/// Grants or revokes a role; true when something changed.
pub async fn set_role(
    db: &Db,
    user_id: i64,
    role: Role,
    granted: bool,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let result = if granted {
        sqlx::query(
            "insert into user_roles (user_id, role, granted_at, granted_by) \
             select id, $2, $3, $4 from users where id = $1 and status <> 'deleted' \
             on conflict (user_id, role) do nothing",
        )
        .bind(user_id)
        .bind(role.code())
        .bind(now)
        .bind(by)
        .execute(db)
        .await?
    } else {
        sqlx::query("delete from user_roles where user_id = $1 and role = $2")
            .bind(user_id)
            .bind(role.code())
            .execute(db)
            .await?
    };
    Ok(result.rows_affected() > 0)
}

/// Disables or re-enables an account; disabling ends its sessions. True when changed.
pub async fn set_disabled(db: &Db, user_id: i64, disabled: bool, now: i64) -> Result<bool, sqlx::Error> {
    let (from, to) = if disabled { ("active", "disabled") } else { ("disabled", "active") };
    let mut tx = db.begin().await?;
    let changed = sqlx::query("update users set status = $1, updated_at = $2 where id = $3 and status = $4")
        .bind(to)
        .bind(now)
        .bind(user_id)
        .bind(from)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        > 0;
    if disabled {
        sqlx::query("delete from sessions where user_id = $1").bind(user_id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(changed)
}

// -------------------------------------------------------------------------- sessions

/// Starts a session; returns the token for the cookie (only its hash is stored).
pub async fn create_session(db: &Db, user_id: i64, now: i64) -> Result<String, sqlx::Error> {
    let token = tokens::random_token();
    sqlx::query("insert into sessions (id_hash, user_id, created_at, last_seen_at) values ($1, $2, $3, $3)")
        .bind(tokens::digest(&token))
        .bind(user_id)
        .bind(now)
        .execute(db)
        .await?;
    Ok(token)
}

/// How long sessions live (settings, with the defaults of the accounts issue).
#[derive(Clone, Copy, Debug)]
pub struct SessionLimits {
    pub idle_seconds: i64,
    pub absolute_seconds: i64,
}

impl Default for SessionLimits {
    fn default() -> Self {
        SessionLimits { idle_seconds: 30 * 60, absolute_seconds: 12 * 60 * 60 }
    }
}

/// Sessions' last-seen marks, written in the background: a request never waits for
/// one, and under load one transaction carries many (the marks queued meanwhile).
/// A mark that cannot be queued or written is dropped: the session's next request
/// marks it again, well inside the idle limit.
#[derive(Clone)]
pub struct SessionTouches {
    queue: tokio::sync::mpsc::Sender<(String, i64)>,
}

impl std::fmt::Debug for SessionTouches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionTouches")
    }
}

impl SessionTouches {
    /// The most marks one transaction carries.
    const GROUP: usize = 512;

    /// Starts the writer on the current Tokio runtime.
    pub fn start(db: Db) -> Self {
        let (queue, mut waiting) = tokio::sync::mpsc::channel::<(String, i64)>(8 * Self::GROUP);
        tokio::spawn(async move {
            while let Some((hash, at)) = waiting.recv().await {
                let mut marks = std::collections::HashMap::from([(hash, at)]);
                while marks.len() < Self::GROUP {
                    let Ok((hash, at)) = waiting.try_recv() else { break };
                    let seen = marks.entry(hash).or_insert(at);
                    *seen = (*seen).max(at);
                }
                if let Err(error) = touch_sessions(&db, &marks).await {
                    tracing::warn!(%error, sessions = marks.len(), "cannot mark sessions as seen");
                }
            }
        });
        SessionTouches { queue }
    }

    fn touch(&self, hash: String, at: i64) {
        let _ = self.queue.try_send((hash, at));
    }
}

async fn touch_sessions(db: &Db, marks: &std::collections::HashMap<String, i64>) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    for (hash, at) in marks {
        sqlx::query("update sessions set last_seen_at = $1 where id_hash = $2 and last_seen_at < $1")
            .bind(at)
            .bind(hash)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// The active account behind a session token. An expired session is deleted; a live
/// one is marked as seen (at most once a minute, in the background).
pub async fn session_user(
    db: &Db,
    touches: &SessionTouches,
    token: &str,
    now: i64,
    limits: SessionLimits,
) -> Result<Option<i64>, sqlx::Error> {
    if !tokens::is_well_formed(token) {
        return Ok(None);
    }
    let hash = tokens::digest(token);
    let row: Option<(i64, i64, i64, String)> = sqlx::query_as(
        "select s.user_id, s.created_at, s.last_seen_at, u.status from sessions s join users u on u.id = s.user_id \
         where s.id_hash = $1",
    )
    .bind(&hash)
    .fetch_optional(db)
    .await?;
    let Some((user_id, created_at, last_seen_at, status)) = row else {
        return Ok(None);
    };
    let expired = now - last_seen_at > limits.idle_seconds || now - created_at > limits.absolute_seconds;
    if expired || status != "active" {
        sqlx::query("delete from sessions where id_hash = $1").bind(&hash).execute(db).await?;
        return Ok(None);
    }
    if now - last_seen_at >= TOUCH_EVERY_SECONDS {
        touches.touch(hash, now);
    }
    Ok(Some(user_id))
}

pub async fn end_session(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from sessions where id_hash = $1").bind(tokens::digest(token)).execute(db).await?;
    Ok(())
}

// --------------------------------------------------------------------- reset links

/// What a mailed link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkPurpose {
    Reset,
    Confirm,
}

impl LinkPurpose {
    fn code(self) -> &'static str {
        match self {
            LinkPurpose::Reset => "reset",
            LinkPurpose::Confirm => "confirm",
        }
    }
}

/// Issues a single-use link token for an account.
pub async fn create_link(db: &Db, user_id: i64, purpose: LinkPurpose, now: i64) -> Result<String, sqlx::Error> {
    let token = tokens::random_token();
    sqlx::query(
        "insert into password_resets (token_hash, user_id, purpose, created_at, expires_at) values ($1, $2, $3, $4, $5)",
    )
    .bind(tokens::digest(&token))
    .bind(user_id)
    .bind(purpose.code())
        .bind(now)
        .bind(
            now + match purpose {
                LinkPurpose::Reset => RESET_LINK_TTL_SECONDS,
                LinkPurpose::Confirm => CONFIRM_LINK_TTL_SECONDS,
            },
        )
        .execute(db)
        .await?;
    Ok(token)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResetProblem {
    Unknown,
    Expired,
    Used,
}

/// Whether a mailed link can still be used, and for whom.
pub async fn check_link(
    db: &Db,
    token: &str,
    purpose: LinkPurpose,
    now: i64,
) -> Result<Result<i64, ResetProblem>, sqlx::Error> {
    if !tokens::is_well_formed(token) {
        return Ok(Err(ResetProblem::Unknown));
    }
    let row: Option<(i64, i64, Option<i64>, String)> = sqlx::query_as(
        "select r.user_id, r.expires_at, r.used_at, u.status from password_resets r join users u on u.id = r.user_id \
         where r.token_hash = $1 and r.purpose = $2",
    )
    .bind(tokens::digest(token))
    .bind(purpose.code())
    .fetch_optional(db)
    .await?;
    let usable_status = match purpose {
        LinkPurpose::Reset => "active",
        LinkPurpose::Confirm => "pending",
    };
    Ok(match row {
        None => Err(ResetProblem::Unknown),
        Some((_, _, Some(_), _)) => Err(ResetProblem::Used),
        Some((_, expires_at, None, _)) if expires_at < now => Err(ResetProblem::Expired),
        Some((_, _, _, status)) if status != usable_status => Err(ResetProblem::Unknown),
        Some((user_id, _, None, _)) => Ok(user_id),
    })
}

/// Checks a mailed link and marks it used in a new transaction, which the caller
/// finishes and commits. The `used_at is null` guard makes a link work once, even when
/// two requests race.
async fn claim_link(
    db: &Db,
    token: &str,
    purpose: LinkPurpose,
    now: i64,
) -> Result<Result<(i64, sqlx::Transaction<'static, sqlx::Any>), ResetProblem>, sqlx::Error> {
    let user_id = match check_link(db, token, purpose, now).await? {
        Ok(id) => id,
        Err(problem) => return Ok(Err(problem)),
    };
    let mut tx = db.begin().await?;
    let claimed = sqlx::query("update password_resets set used_at = $1 where token_hash = $2 and used_at is null")
        .bind(now)
        .bind(tokens::digest(token))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if claimed != 1 {
        return Ok(Err(ResetProblem::Used));
    }
    Ok(Ok((user_id, tx)))
}

/// Confirms a new account's address: the link is used, the account becomes active.
pub async fn confirm_account(db: &Db, token: &str, now: i64) -> Result<Result<i64, ResetProblem>, sqlx::Error> {
    let (user_id, mut tx) = match claim_link(db, token, LinkPurpose::Confirm, now).await? {
        Ok(claimed) => claimed,
        Err(problem) => return Ok(Err(problem)),
    };
    sqlx::query("update users set status = 'active', updated_at = $1 where id = $2 and status = 'pending'")
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Ok(user_id))
}

/// Uses a reset link: marks it used, sets the password and ends all sessions, in one
/// transaction.
pub async fn complete_reset(
    db: &Db,
    token: &str,
    password_hash: &str,
    now: i64,
) -> Result<Result<i64, ResetProblem>, sqlx::Error> {
    let (user_id, mut tx) = match claim_link(db, token, LinkPurpose::Reset, now).await? {
        Ok(claimed) => claimed,
        Err(problem) => return Ok(Err(problem)),
    };
    sqlx::query("update users set password_hash = $1, updated_at = $2 where id = $3")
        .bind(password_hash)
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("delete from sessions where user_id = $1").bind(user_id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(Ok(user_id))
}

// ------------------------------------------------------------- provider identities

pub async fn user_by_identity(db: &Db, issuer: &str, subject: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select u.id, u.status from identities i join users u on u.id = i.user_id where i.issuer = $1 and i.subject = $2",
    )
    .bind(issuer)
    .bind(subject)
    .fetch_optional(db)
    .await
}

/// Creates an account for someone the provider vouches for. The email is kept only if
/// no other account has it: an account is never taken over by a matching address.
pub async fn create_provider_user(
    db: &Db,
    issuer: &str,
    subject: &str,
    display_name: &str,
    email: Option<&str>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let email_free = match email {
        Some(email) => sqlx::query_as::<_, (i64,)>("select id from users where email = $1")
            .bind(email)
            .fetch_optional(&mut *tx)
            .await?
            .is_none(),
        None => false,
    };
    let (id,): (i64,) = sqlx::query_as(
        "insert into users (email, display_name, status, created_at, updated_at) values ($1, $2, 'active', $3, $3) \
         returning id",
    )
    .bind(if email_free { email } else { None })
    .bind(display_name)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("insert into identities (issuer, subject, user_id, created_at) values ($1, $2, $3, $4)")
        .bind(issuer)
        .bind(subject)
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// An OpenID Connect sign-in in flight.
pub struct SignInFlow {
    pub nonce: String,
    pub pkce_verifier: String,
    pub next_path: String,
    pub created_at: i64,
}

pub async fn start_flow(db: &Db, state: &str, flow: &SignInFlow) -> Result<(), sqlx::Error> {
    // Flows older than an hour are abandoned: sweep them as new ones start.
    sqlx::query("delete from sign_in_flows where created_at < $1").bind(flow.created_at - 3600).execute(db).await?;
    sqlx::query(
        "insert into sign_in_flows (state_hash, nonce, pkce_verifier, next_path, created_at) values ($1, $2, $3, $4, $5)",
    )
    .bind(tokens::digest(state))
    .bind(&flow.nonce)
    .bind(&flow.pkce_verifier)
    .bind(&flow.next_path)
    .bind(flow.created_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Takes (reads and deletes) the flow a returning `state` belongs to: usable once.
pub async fn take_flow(db: &Db, state: &str) -> Result<Option<SignInFlow>, sqlx::Error> {
    let hash = tokens::digest(state);
    let row: Option<(String, String, String, i64)> = sqlx::query_as(
        "delete from sign_in_flows where state_hash = $1 returning nonce, pkce_verifier, next_path, created_at",
    )
    .bind(hash)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(nonce, pkce_verifier, next_path, created_at)| SignInFlow {
        nonce,
        pkce_verifier,
        next_path,
        created_at,
    }))
}

// ------------------------------------------------------------------- organisations

/// Creates the 18 district councils if they are missing (run at every start).
pub async fn ensure_district_councils(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    for district in District::all() {
        sqlx::query(
            "insert into organisations (kind, name, district, created_at, updated_at) \
             values ('district_council', $1, $2, $3, $3) on conflict (district) do nothing",
        )
        .bind(format!("Rada Dzielnicy {}", district.label()))
        .bind(i64::from(district.number()))
        .bind(now)
        .execute(db)
        .await?;
    }
    Ok(())
}

pub struct NewNgo<'a> {
    pub name: &'a str,
    pub krs: &'a str,
    pub regon: Option<&'a str>,
    pub nip: Option<&'a str>,
}

/// Registers an NGO; `None` when its KRS number is already registered.
pub async fn create_ngo(db: &Db, ngo: &NewNgo<'_>, now: i64) -> Result<Option<i64>, sqlx::Error> {
    let id: Option<(i64,)> = sqlx::query_as(
        "insert into organisations (kind, name, krs, regon, nip, created_at, updated_at) \
         values ('ngo', $1, $2, $3, $4, $5, $5) on conflict (krs) do nothing returning id",
    )
    .bind(ngo.name)
    .bind(ngo.krs)
    .bind(ngo.regon)
    .bind(ngo.nip)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(id.map(|(id,)| id))
}

type OrganisationRow = (i64, String, String, Option<String>, Option<String>, Option<String>, Option<i64>);

fn organisation_of(row: OrganisationRow) -> Option<Organisation> {
    let (id, kind, name, krs, regon, nip, district) = row;
    Some(Organisation {
        id,
        kind: OrganisationKind::from_code(&kind)?,
        name,
        krs,
        regon,
        nip,
        district: district.and_then(|d| u8::try_from(d).ok()),
    })
}

const ORGANISATION_COLUMNS: &str = "id, kind, name, krs, regon, nip, district";

/// District councils first (by district number), then NGOs by name.
pub async fn list_organisations(db: &Db) -> Result<Vec<Organisation>, sqlx::Error> {
    let rows: Vec<OrganisationRow> = sqlx::query_as(&format!(
        "select {ORGANISATION_COLUMNS} from organisations order by kind desc, district, name, id"
    ))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().filter_map(organisation_of).collect())
}

pub async fn organisation_detail(db: &Db, id: i64) -> Result<Option<OrganisationDetail>, sqlx::Error> {
    let row: Option<OrganisationRow> =
        sqlx::query_as(&format!("select {ORGANISATION_COLUMNS} from organisations where id = $1"))
            .bind(id)
            .fetch_optional(db)
            .await?;
    let Some(organisation) = row.and_then(organisation_of) else {
        return Ok(None);
    };
    let members: Vec<(i64, Option<String>, i64)> = sqlx::query_as(
        "select u.id, u.display_name, m.is_admin from memberships m join users u on u.id = m.user_id \
         where m.organisation_id = $1 order by m.is_admin desc, u.display_name, u.id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    Ok(Some(OrganisationDetail {
        organisation,
        members: members
            .into_iter()
            .map(|(user_id, display_name, is_admin)| Member { user_id, display_name, is_admin: is_admin != 0 })
            .collect(),
    }))
}

/// Adds a member or changes their admin flag; true when something changed.
pub async fn upsert_member(
    db: &Db,
    organisation_id: i64,
    user_id: i64,
    is_admin: bool,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "insert into memberships (organisation_id, user_id, is_admin, added_at) values ($1, $2, $3, $4) \
         on conflict (organisation_id, user_id) do update set is_admin = excluded.is_admin \
         where memberships.is_admin <> excluded.is_admin",
    )
    .bind(organisation_id)
    .bind(user_id)
    .bind(i64::from(is_admin))
    .bind(now)
    .execute(db)
    .await?;
    Ok(result.rows_affected() > 0)
}

pub async fn remove_member(db: &Db, organisation_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("delete from memberships where organisation_id = $1 and user_id = $2")
        .bind(organisation_id)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(result.rows_affected() > 0)
}

// -------------------------------------------------------------------------- outbox

pub async fn push_outbox(db: &Db, to: &str, subject: &str, body: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("insert into outbox (to_address, subject, body, created_at) values ($1, $2, $3, $4)")
        .bind(to)
        .bind(subject)
        .bind(body)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn outbox(db: &Db, limit: i64) -> Result<Vec<OutboxMessage>, sqlx::Error> {
    let rows: Vec<(String, String, String, i64)> =
        sqlx::query_as("select to_address, subject, body, created_at from outbox order by id desc limit $1")
            .bind(limit)
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(to_address, subject, body, created_at)| OutboxMessage { to_address, subject, body, created_at })
        .collect())
}
