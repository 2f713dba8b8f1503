//! The audit log: append-only, hash-chained. Each row's hash covers the previous row's
//! hash and every field of its own, so editing, deleting or reordering rows breaks the
//! chain, and [`verify`] (the `verify-audit` command) says where.

use super::model::AuditEntry;
use crate::db::Db;
use sha2::{Digest, Sha256};
use tokio::sync::Mutex;

/// The hash the first row chains to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One thing that happened: who did what to which object, with before and after.
#[derive(Clone, Debug, Default)]
pub struct Event {
    pub actor_id: Option<i64>,
    pub action: &'static str,
    pub object_type: &'static str,
    pub object_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Appends are serialised within the process; across processes the unique `seq`
/// makes a racing writer fail instead of forking the chain, and it retries.
static APPEND: Mutex<()> = Mutex::const_new(());

#[allow(clippy::too_many_arguments)]
fn row_hash(
    prev_hash: &str,
    seq: i64,
    at: i64,
    actor_id: Option<i64>,
    action: &str,
    object_type: &str,
    object_id: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    // Length-prefixed fields: no two different rows serialise to the same bytes.
    for field in [
        prev_hash,
        &seq.to_string(),
        &at.to_string(),
        &actor_id.map(|a| a.to_string()).unwrap_or_default(),
        action,
        object_type,
        object_id,
        before.unwrap_or("\u{0}"),
        after.unwrap_or("\u{0}"),
    ] {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    super::tokens::hex(&h.finalize())
}

pub async fn append(db: &Db, event: Event, at: i64) -> Result<i64, sqlx::Error> {
    let _guard = lock().await;
    let mut conn = db.acquire().await?;
    chain(&mut conn, std::slice::from_ref(&event), at).await
}

/// Holds off every other append of this process; whoever appends inside a transaction
/// of its own ([`append_in`]) holds it until that transaction ends.
pub async fn lock() -> tokio::sync::MutexGuard<'static, ()> {
    APPEND.lock().await
}

/// Appends `events`, in order, inside `tx`: they are written with what the transaction
/// writes, or not at all. The caller holds [`lock`] until it commits or rolls back.
pub async fn append_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    events: &[Event],
    at: i64,
) -> Result<(), sqlx::Error> {
    if !events.is_empty() {
        chain(tx, events, at).await?;
    }
    Ok(())
}

/// Writes `events` after the last row, each chained to the one before; when another
/// process took a sequence number first, the rest is chained again after its row.
/// Returns the last row's number.
async fn chain(conn: &mut sqlx::AnyConnection, events: &[Event], at: i64) -> Result<i64, sqlx::Error> {
    let mut attempts = 0;
    let mut next = 0;
    let mut last_seq = 0;
    while next < events.len() {
        attempts += 1;
        let last: Option<(i64, String)> = sqlx::query_as("select seq, hash from audit_log order by seq desc limit 1")
            .fetch_optional(&mut *conn)
            .await?;
        let (mut seq, mut prev_hash) = last.map_or((1, GENESIS.to_owned()), |(s, h)| (s + 1, h));
        while let Some(event) = events.get(next) {
            let before = event.before.as_ref().map(serde_json::Value::to_string);
            let after = event.after.as_ref().map(serde_json::Value::to_string);
            let hash = row_hash(
                &prev_hash,
                seq,
                at,
                event.actor_id,
                event.action,
                event.object_type,
                &event.object_id,
                before.as_deref(),
                after.as_deref(),
            );
            let inserted = sqlx::query(
                "insert into audit_log (seq, at, actor_id, action, object_type, object_id, before_json, after_json, \
                 prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (seq) do nothing",
            )
            .bind(seq)
            .bind(at)
            .bind(event.actor_id)
            .bind(event.action)
            .bind(event.object_type)
            .bind(&event.object_id)
            .bind(before.as_deref())
            .bind(after.as_deref())
            .bind(&prev_hash)
            .bind(&hash)
            .execute(&mut *conn)
            .await?
            .rows_affected();
            if inserted == 0 {
                break;
            }
            last_seq = seq;
            seq += 1;
            prev_hash = hash;
            next += 1;
        }
        if next < events.len() && attempts >= 5 {
            return Err(sqlx::Error::Protocol("audit log: could not append after 5 attempts".into()));
        }
    }
    Ok(last_seq)
}

/// Where the chain breaks, if it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChainProblem {
    /// The row's stored hash is not the hash of its fields.
    Altered { seq: i64 },
    /// The row does not point at the row before it (a row was removed or reordered).
    Broken { seq: i64 },
}

/// Walks the whole log in order; `Ok(rows)` when every link holds.
pub async fn verify(db: &Db) -> Result<Result<u64, ChainProblem>, sqlx::Error> {
    type Row = (i64, i64, Option<i64>, String, String, String, Option<String>, Option<String>, String, String);
    let mut expected_prev = GENESIS.to_owned();
    let mut expected_seq = 1;
    let mut after_seq = 0;
    let mut count = 0;
    loop {
        let rows: Vec<Row> = sqlx::query_as(
            "select seq, at, actor_id, action, object_type, object_id, before_json, after_json, prev_hash, hash \
             from audit_log where seq > $1 order by seq limit 1000",
        )
        .bind(after_seq)
        .fetch_all(db)
        .await?;
        if rows.is_empty() {
            return Ok(Ok(count));
        }
        for (seq, at, actor_id, action, object_type, object_id, before, after, prev_hash, hash) in rows {
            if seq != expected_seq || prev_hash != expected_prev {
                return Ok(Err(ChainProblem::Broken { seq }));
            }
            let computed = row_hash(
                &prev_hash,
                seq,
                at,
                actor_id,
                &action,
                &object_type,
                &object_id,
                before.as_deref(),
                after.as_deref(),
            );
            if computed != hash {
                return Ok(Err(ChainProblem::Altered { seq }));
            }
            expected_prev = hash;
            expected_seq = seq + 1;
            after_seq = seq;
            count += 1;
        }
    }
}

/// Filters of the admin page.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub actor_id: Option<i64>,
    pub object: Option<(String, String)>,
}

/// Newest first, with the actor's current name (none once the account is deleted).
pub async fn list(db: &Db, filter: &AuditFilter, limit: i64, offset: i64) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let mut params = crate::db::Params::default();
    let mut clauses = Vec::new();
    if let Some(action) = &filter.action {
        clauses.push(format!("a.action = {}", params.push(action.as_str())));
    }
    if let Some(actor) = filter.actor_id {
        clauses.push(format!("a.actor_id = {}", params.push(actor)));
    }
    if let Some((object_type, object_id)) = &filter.object {
        let t = params.push(object_type.as_str());
        let i = params.push(object_id.as_str());
        clauses.push(format!("a.object_type = {t} and a.object_id = {i}"));
    }
    let filter_sql = if clauses.is_empty() { String::new() } else { format!("where {}", clauses.join(" and ")) };
    let limit = params.push(limit);
    let offset = params.push(offset);
    let sql = format!(
        "select a.seq, a.at, a.actor_id, u.display_name, a.action, a.object_type, a.object_id, a.before_json, \
         a.after_json from audit_log a left join users u on u.id = a.actor_id {filter_sql} \
         order by a.seq desc limit {limit} offset {offset}"
    );
    type Row = (i64, i64, Option<i64>, Option<String>, String, String, String, Option<String>, Option<String>);
    let rows: Vec<Row> = params.bind_as(sqlx::query_as(&sql)).fetch_all(db).await?;
    Ok(rows
        .into_iter()
        .map(|(seq, at, actor_id, actor_name, action, object_type, object_id, before_json, after_json)| AuditEntry {
            seq,
            at,
            actor_id,
            actor_name,
            action,
            object_type,
            object_id,
            before_json,
            after_json,
        })
        .collect())
}

/// The distinct actions in the log, for the filter's list.
pub async fn actions(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> =
        sqlx::query_as("select distinct action from audit_log order by action").fetch_all(db).await?;
    Ok(rows.into_iter().map(|(a,)| a).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_depends_on_every_field() {
        let base = row_hash(GENESIS, 1, 10, Some(2), "role.grant", "user", "3", None, Some("{}"));
        assert_eq!(base.len(), 64);
        assert_ne!(base, row_hash(GENESIS, 2, 10, Some(2), "role.grant", "user", "3", None, Some("{}")));
        assert_ne!(base, row_hash(GENESIS, 1, 11, Some(2), "role.grant", "user", "3", None, Some("{}")));
        assert_ne!(base, row_hash(GENESIS, 1, 10, None, "role.grant", "user", "3", None, Some("{}")));
        assert_ne!(base, row_hash(GENESIS, 1, 10, Some(2), "role.grant", "user", "3", Some("{}"), None));
        // Shifting characters between fields changes the hash too.
        assert_ne!(
            row_hash(GENESIS, 1, 10, Some(2), "ab", "c", "3", None, None),
            row_hash(GENESIS, 1, 10, Some(2), "a", "bc", "3", None, None)
        );
    }
}
