//! Remarks in the database (server only). A thread page costs a fixed number of
//! queries whatever the number of remarks: one for the page, one for the replies of
//! all its remarks, one for the viewer's supports, one for the counts.

use super::model::{Author, QueueItem, Remark, Thread};
use crate::accounts::model::OrganisationKind;
use crate::db::{Db, Params};
use crate::domain::consultation_phase::{Phase, Schedule};
use crate::domain::remark::{editable, Channel, Cursor, RemarkState, Sort, PAGE_SIZE};
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row as _};

/// Who is looking: their own pending remarks are shown to them, staff see the text of
/// hidden remarks.
#[derive(Clone, Copy, Debug, Default)]
pub struct Viewer {
    pub user_id: Option<i64>,
    pub staff: bool,
}

impl Viewer {
    fn id(self) -> i64 {
        // No account has id 0, so an anonymous viewer matches no author.
        self.user_id.unwrap_or(0)
    }
}

/// A consultation as the remark routes need it.
#[derive(Clone, Debug)]
pub struct Target {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub phase: Phase,
    pub premoderation: bool,
    pub draft_act: bool,
    pub body_md: String,
}

/// The public consultation with this slug (published and announced), for remark routes.
pub async fn target(db: &Db, slug: &str, now: i64) -> Result<Option<Target>, sqlx::Error> {
    let row = sqlx::query(
        "select id, slug, title, kind, body_md, information_starts_at, starts_at, ends_at, report_published_at, \
                premoderation \
         from consultations where slug = $1 and published_at is not null and information_starts_at <= $2",
    )
    .bind(slug)
    .bind(now)
    .fetch_optional(db)
    .await?;
    row.map(|row| target_of(&row, now)).transpose()
}

/// The consultation a remark belongs to.
pub async fn target_of_remark(db: &Db, remark_id: i64, now: i64) -> Result<Option<Target>, sqlx::Error> {
    let row = sqlx::query(
        "select c.id, c.slug, c.title, c.kind, c.body_md, c.information_starts_at, c.starts_at, c.ends_at, \
                c.report_published_at, c.premoderation \
         from remarks r join consultations c on c.id = r.consultation_id where r.id = $1",
    )
    .bind(remark_id)
    .fetch_optional(db)
    .await?;
    row.map(|row| target_of(&row, now)).transpose()
}

fn target_of(row: &AnyRow, now: i64) -> Result<Target, sqlx::Error> {
    let schedule = Schedule {
        information_starts_at: row.try_get("information_starts_at")?,
        starts_at: row.try_get("starts_at")?,
        ends_at: row.try_get("ends_at")?,
    };
    Ok(Target {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        title: row.try_get("title")?,
        phase: schedule.phase(row.try_get("report_published_at")?, now),
        premoderation: row.try_get::<i64, _>("premoderation")? == 1,
        draft_act: row.try_get::<String, _>("kind")? == "draft_act",
        body_md: row.try_get("body_md")?,
    })
}

const COLUMNS: &str = "r.id, r.unit_anchor, r.parent_id, r.author_id, r.channel, r.received_at, r.created_at, \
     r.edited_at, r.state, r.body, r.moderation_reason, r.support_count, r.reply_count, r.author_as_given, \
     u.display_name as author_name, o.name as organisation_name, o.kind as organisation_kind";

const FROM: &str = " from remarks r left join users u on u.id = r.author_id \
     left join organisations o on o.id = r.organisation_id";

#[derive(FromRow)]
struct Row {
    id: i64,
    unit_anchor: Option<String>,
    parent_id: Option<i64>,
    author_id: Option<i64>,
    channel: String,
    received_at: i64,
    created_at: i64,
    edited_at: Option<i64>,
    state: String,
    body: String,
    moderation_reason: Option<String>,
    support_count: i64,
    reply_count: i64,
    author_as_given: Option<String>,
    author_name: Option<String>,
    organisation_name: Option<String>,
    organisation_kind: Option<String>,
}

impl Row {
    fn into_remark(self, viewer: Viewer, now: i64) -> Remark {
        let state = RemarkState::parse(&self.state).unwrap_or(RemarkState::Hidden);
        let mine = self.author_id.is_some() && self.author_id == viewer.user_id;
        let author = match (self.author_as_given, self.organisation_name) {
            (Some(name), _) => Author::AsGiven { name },
            (None, Some(name)) => Author::Organisation {
                name,
                kind: if self.organisation_kind.as_deref() == Some("district_council") {
                    OrganisationKind::DistrictCouncil
                } else {
                    OrganisationKind::Ngo
                },
                signed_by: self.author_name,
            },
            (None, None) => Author::Person { name: self.author_name },
        };
        // The public never gets the text of a hidden or withdrawn remark; its author
        // sees their own pending one, staff see everything.
        let readable = match state {
            RemarkState::Visible => true,
            RemarkState::Pending => mine || viewer.staff,
            RemarkState::Hidden => viewer.staff,
            RemarkState::Withdrawn => false,
        };
        let may_edit = mine && matches!(state, RemarkState::Visible | RemarkState::Pending);
        Remark {
            id: self.id,
            unit_anchor: self.unit_anchor,
            parent_id: self.parent_id,
            author,
            channel: Channel::parse(&self.channel).unwrap_or(Channel::Online),
            received_at: self.received_at,
            created_at: self.created_at,
            edited_at: self.edited_at,
            state,
            body_html: readable.then(|| crate::markdown::render_remark(&self.body)),
            body_source: (may_edit && editable(self.created_at, now)).then(|| self.body.clone()),
            moderation_reason: if state == RemarkState::Hidden { self.moderation_reason } else { None },
            support_count: self.support_count,
            reply_count: self.reply_count,
            supported_by_me: false,
            mine: may_edit,
            editable: may_edit && editable(self.created_at, now),
            replies: Vec::new(),
        }
    }
}

/// What a thread page asks for.
#[derive(Clone, Debug, Default)]
pub struct ThreadQuery {
    pub unit: Option<String>,
    pub sort: Sort,
    pub after: Option<Cursor>,
}

/// One page of a consultation's top-level remarks with their replies.
pub async fn thread(
    db: &Db,
    consultation_id: i64,
    viewer: Viewer,
    query: &ThreadQuery,
    now: i64,
) -> Result<Thread, sqlx::Error> {
    let mut params = Params::default();
    let c = params.push(consultation_id);
    let me = params.push(viewer.id());
    let mut clause = format!(
        " where r.consultation_id = {c} and r.parent_id is null and (r.state <> 'pending' or r.author_id = {me})"
    );
    if let Some(unit) = &query.unit {
        let u = params.push(unit.as_str());
        clause.push_str(&format!(" and r.unit_anchor = {u}"));
    }
    let total_sql = format!("select count(*) from remarks r{clause}");
    let (total,): (i64,) = params.bind_as(sqlx::query_as(&total_sql)).fetch_one(db).await?;

    let (key_column, direction, compare) = match query.sort {
        Sort::Newest => ("r.created_at", "desc", "<"),
        Sort::Oldest => ("r.created_at", "asc", ">"),
        Sort::MostSupported => ("r.support_count", "desc", "<"),
    };
    if let Some(after) = query.after {
        let k = params.push(after.key);
        let i = params.push(after.id);
        clause.push_str(&format!(" and ({key_column} {compare} {k} or ({key_column} = {k} and r.id {compare} {i}))"));
    }
    let limit = params.push(i64::from(PAGE_SIZE) + 1);
    let sql =
        format!("select {COLUMNS}{FROM}{clause} order by {key_column} {direction}, r.id {direction} limit {limit}");
    let mut rows: Vec<Row> = params.bind_as(sqlx::query_as(&sql)).fetch_all(db).await?;
    let more = rows.len() > PAGE_SIZE as usize;
    rows.truncate(PAGE_SIZE as usize);
    let next = more.then(|| rows.last()).flatten().map(|r| Cursor {
        key: if query.sort == Sort::MostSupported { r.support_count } else { r.created_at },
        id: r.id,
    });
    let mut remarks: Vec<Remark> = rows.into_iter().map(|r| r.into_remark(viewer, now)).collect();

    let ids: Vec<i64> = remarks.iter().map(|r| r.id).collect();
    let replies = replies_of(db, &ids, viewer, now).await?;
    let mut all_ids = ids.clone();
    all_ids.extend(replies.iter().map(|r| r.id));
    let supported = supported_by(db, &all_ids, viewer).await?;
    for remark in &mut remarks {
        remark.supported_by_me = supported.contains(&remark.id);
        remark.replies = replies
            .iter()
            .filter(|r| r.parent_id == Some(remark.id))
            .cloned()
            .map(|mut r| {
                r.supported_by_me = supported.contains(&r.id);
                r
            })
            .collect();
    }

    let counts: Vec<(Option<String>, i64)> = sqlx::query_as(
        "select unit_anchor, count(*) from remarks \
         where consultation_id = $1 and parent_id is null and state <> 'pending' group by unit_anchor",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    let all_count = counts.iter().map(|(_, n)| n).sum();
    let unit_counts = counts.into_iter().filter_map(|(a, n)| Some((a?, n))).collect();
    Ok(Thread { remarks, next, total, sort: query.sort, unit: query.unit.clone(), unit_counts, all_count })
}

/// The replies to these remarks, oldest first, in one query.
async fn replies_of(db: &Db, parents: &[i64], viewer: Viewer, now: i64) -> Result<Vec<Remark>, sqlx::Error> {
    if parents.is_empty() {
        return Ok(Vec::new());
    }
    let mut params = Params::default();
    let me = params.push(viewer.id());
    let list = params.push_list(parents);
    let sql = format!(
        "select {COLUMNS}{FROM} where r.parent_id in ({list}) and (r.state <> 'pending' or r.author_id = {me}) \
         order by r.created_at, r.id"
    );
    let rows: Vec<Row> = params.bind_as(sqlx::query_as(&sql)).fetch_all(db).await?;
    Ok(rows.into_iter().map(|r| r.into_remark(viewer, now)).collect())
}

/// Which of these remarks the viewer supports.
async fn supported_by(db: &Db, ids: &[i64], viewer: Viewer) -> Result<Vec<i64>, sqlx::Error> {
    let Some(user_id) = viewer.user_id.filter(|_| !ids.is_empty()) else {
        return Ok(Vec::new());
    };
    let mut params = Params::default();
    let me = params.push(user_id);
    let list = params.push_list(ids);
    let sql = format!("select remark_id from remark_supports where user_id = {me} and remark_id in ({list})");
    let rows: Vec<(i64,)> = params.bind_as(sqlx::query_as(&sql)).fetch_all(db).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// One remark, as `viewer` may see it.
pub async fn remark(db: &Db, id: i64, viewer: Viewer, now: i64) -> Result<Option<Remark>, sqlx::Error> {
    let sql = format!("select {COLUMNS}{FROM} where r.id = $1");
    let row: Option<Row> = sqlx::query_as(&sql).bind(id).fetch_optional(db).await?;
    Ok(row.map(|r| r.into_remark(viewer, now)))
}

/// The facts the write routes check about a remark.
#[derive(Clone, Debug)]
pub struct RemarkFacts {
    pub id: i64,
    pub consultation_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub state: RemarkState,
    pub created_at: i64,
    pub unit_anchor: Option<String>,
}

pub async fn facts(db: &Db, id: i64) -> Result<Option<RemarkFacts>, sqlx::Error> {
    type FactsRow = (i64, i64, Option<i64>, Option<i64>, String, i64, Option<String>);
    let row: Option<FactsRow> = sqlx::query_as(
        "select id, consultation_id, parent_id, author_id, state, created_at, unit_anchor from remarks where id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(id, consultation_id, parent_id, author_id, state, created_at, unit_anchor)| RemarkFacts {
        id,
        consultation_id,
        parent_id,
        author_id,
        state: RemarkState::parse(&state).unwrap_or(RemarkState::Hidden),
        created_at,
        unit_anchor,
    }))
}

/// A remark to store: written online by its author, or entered by staff from another
/// channel (then `author_as_given` and `entered_by` are set).
#[derive(Clone, Debug)]
pub struct NewRemark<'a> {
    pub consultation_id: i64,
    pub unit_anchor: Option<&'a str>,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub author_as_given: Option<&'a str>,
    pub channel: Channel,
    pub received_at: i64,
    pub attachment_ref: Option<&'a str>,
    pub entered_by: Option<i64>,
    pub body: &'a str,
    pub state: RemarkState,
    /// The form's one-time key: the same key twice stores one remark.
    pub submission_key: Option<&'a str>,
}

/// Stores a remark and counts it on its parent, in one transaction. Returns its id,
/// and `false` when this submission had been stored already (a double click).
pub async fn insert(db: &Db, r: &NewRemark<'_>, now: i64) -> Result<(i64, bool), sqlx::Error> {
    let mut tx = db.begin().await?;
    let id: Option<(i64,)> = sqlx::query_as(
        "insert into remarks (consultation_id, unit_anchor, parent_id, author_id, organisation_id, author_as_given, \
             channel, received_at, attachment_ref, entered_by, body, state, submission_key, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
         on conflict do nothing returning id",
    )
    .bind(r.consultation_id)
    .bind(r.unit_anchor)
    .bind(r.parent_id)
    .bind(r.author_id)
    .bind(r.organisation_id)
    .bind(r.author_as_given)
    .bind(r.channel.code())
    .bind(r.received_at)
    .bind(r.attachment_ref)
    .bind(r.entered_by)
    .bind(r.body)
    .bind(r.state.code())
    .bind(r.submission_key)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id,)) = id else {
        tx.rollback().await?;
        let existing: (i64,) =
            sqlx::query_as("select id from remarks where submission_key = $1 and (author_id = $2 or entered_by = $3)")
                .bind(r.submission_key)
                .bind(r.author_id)
                .bind(r.entered_by)
                .fetch_one(db)
                .await?;
        return Ok((existing.0, false));
    };
    if let Some(parent) = r.parent_id {
        sqlx::query("update remarks set reply_count = reply_count + 1 where id = $1")
            .bind(parent)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok((id, true))
}

/// The author's edit, within the edit window: `false` when it no longer applies.
pub async fn edit(db: &Db, id: i64, author_id: i64, body: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update remarks set body = $1, edited_at = $2 \
         where id = $3 and author_id = $4 and state in ('visible', 'pending') and created_at > $5",
    )
    .bind(body)
    .bind(now)
    .bind(id)
    .bind(author_id)
    .bind(now - crate::domain::remark::EDIT_WINDOW_SECONDS)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The author withdraws a remark; it stays as a placeholder.
pub async fn withdraw(db: &Db, id: i64, author_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update remarks set state = 'withdrawn' where id = $1 and author_id = $2 and state in ('visible', 'pending')",
    )
    .bind(id)
    .bind(author_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// "I support this" (or its withdrawal), counted once per person in one transaction.
pub async fn set_support(db: &Db, id: i64, user_id: i64, support: bool, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let changed = if support {
        sqlx::query(
            "insert into remark_supports (remark_id, user_id, created_at) values ($1, $2, $3) on conflict do nothing",
        )
        .bind(id)
        .bind(user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
    } else {
        sqlx::query("delete from remark_supports where remark_id = $1 and user_id = $2")
            .bind(id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?
    }
    .rows_affected()
        == 1;
    if changed {
        let step = if support { 1i64 } else { -1 };
        sqlx::query("update remarks set support_count = support_count + $1 where id = $2")
            .bind(step)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(changed)
}

/// A flag, once per person: `false` when this person flagged the remark already.
pub async fn flag(
    db: &Db,
    id: i64,
    user_id: i64,
    reason: &str,
    note: Option<&str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let added = sqlx::query(
        "insert into remark_flags (remark_id, user_id, reason, note, created_at) values ($1, $2, $3, $4, $5) \
         on conflict do nothing",
    )
    .bind(id)
    .bind(user_id)
    .bind(reason)
    .bind(note)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if added {
        sqlx::query("update remarks set open_flags = open_flags + 1 where id = $1").bind(id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(added)
}

/// A moderator's decision: hide (with a reason), restore or approve a remark. Open flags
/// are resolved with it. Returns the state before, or `None` if nothing changed.
pub async fn moderate(
    db: &Db,
    id: i64,
    to: RemarkState,
    reason: Option<&str>,
    now: i64,
) -> Result<Option<RemarkState>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let before: Option<(String,)> =
        sqlx::query_as("select state from remarks where id = $1").bind(id).fetch_optional(&mut *tx).await?;
    let Some(before) = before.and_then(|(s,)| RemarkState::parse(&s)) else {
        return Ok(None);
    };
    // A withdrawn remark is its author's decision; moderators leave it be.
    if before == RemarkState::Withdrawn || (before == to && to != RemarkState::Visible) {
        return Ok(None);
    }
    sqlx::query("update remarks set state = $1, moderation_reason = $2, open_flags = 0 where id = $3")
        .bind(to.code())
        .bind(reason)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("update remark_flags set resolved_at = $1 where remark_id = $2 and resolved_at is null")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(before))
}

/// The moderators' queue: flagged remarks (most flags first), remarks waiting for
/// approval (oldest first), then hidden ones (latest first, so they can be restored).
pub async fn queue(db: &Db, now: i64, limit: i64) -> Result<Vec<QueueItem>, sqlx::Error> {
    let sql = format!(
        "select {COLUMNS}, c.slug as consultation_slug, c.title as consultation_title{FROM} \
         join consultations c on c.id = r.consultation_id \
         where r.open_flags > 0 or r.state in ('pending', 'hidden') \
         order by r.open_flags desc, case r.state when 'pending' then 0 when 'visible' then 1 else 2 end, \
             case when r.state = 'hidden' then -r.created_at else r.created_at end, r.id limit $1"
    );
    let rows: Vec<(Row, String, String)> = sqlx::query(&sql)
        .bind(limit)
        .try_map(|row: AnyRow| {
            Ok((Row::from_row(&row)?, row.try_get("consultation_slug")?, row.try_get("consultation_title")?))
        })
        .fetch_all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|(r, _, _)| r.id).collect();
    let mut flags: Vec<(i64, String, Option<String>)> = Vec::new();
    if !ids.is_empty() {
        let mut params = Params::default();
        let list = params.push_list(&ids);
        let sql = format!(
            "select remark_id, reason, note from remark_flags where resolved_at is null and remark_id in ({list}) \
             order by created_at"
        );
        flags = params.bind_as(sqlx::query_as(&sql)).fetch_all(db).await?;
    }
    let staff = Viewer { user_id: None, staff: true };
    Ok(rows
        .into_iter()
        .map(|(row, slug, title)| {
            let author_id = row.author_id;
            let remark = row.into_remark(staff, now);
            let own =
                flags.iter().filter(|(id, _, _)| *id == remark.id).map(|(_, r, n)| (r.clone(), n.clone())).collect();
            QueueItem { remark, consultation_slug: slug, consultation_title: title, author_id, flags: own }
        })
        .collect())
}

/// Until when a person may not write, if a moderator blocked them.
pub async fn blocked_until(db: &Db, user_id: i64, now: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("select blocked_until from users where id = $1").bind(user_id).fetch_optional(db).await?;
    Ok(row.and_then(|(until,)| until).filter(|&until| until > now))
}

/// Blocks a person from writing until `until` (or lifts the block with `None`).
pub async fn set_block(db: &Db, user_id: i64, until: Option<i64>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("update users set blocked_until = $1 where id = $2 and status <> 'deleted'")
        .bind(until)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Every public remark of a consultation, for open data: top-level and replies, oldest
/// first; hidden and withdrawn ones as placeholders, pending ones left out.
pub async fn export(db: &Db, consultation_id: i64, now: i64) -> Result<Vec<Remark>, sqlx::Error> {
    export_for(db, consultation_id, Viewer::default(), now).await
}

/// The same list as `viewer` sees it (staff see the text of hidden remarks).
pub async fn export_for(db: &Db, consultation_id: i64, viewer: Viewer, now: i64) -> Result<Vec<Remark>, sqlx::Error> {
    let sql = format!(
        "select {COLUMNS}{FROM} where r.consultation_id = $1 and r.state <> 'pending' order by r.created_at, r.id"
    );
    let rows: Vec<Row> = sqlx::query_as(&sql).bind(consultation_id).fetch_all(db).await?;
    Ok(rows.into_iter().map(|r| r.into_remark(viewer, now)).collect())
}

/// The source text (markdown) of a consultation's visible remarks, by id, for open data.
pub async fn export_texts(
    db: &Db,
    consultation_id: i64,
) -> Result<std::collections::HashMap<i64, String>, sqlx::Error> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("select id, body from remarks where consultation_id = $1 and state = 'visible'")
            .bind(consultation_id)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().collect())
}
