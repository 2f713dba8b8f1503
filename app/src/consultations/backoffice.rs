//! The back office's view of consultations (server only): every consultation, drafts
//! included, loading one into the form, saving it, publishing and unpublishing, its
//! events, and the list of organising units.

use super::editor::{Draft, DraftInput, NewEvent};
use super::model::{ConsultationEvent, Kind};
use crate::db::Db;
use crate::domain::consultation_phase::{Phase, Schedule};
use crate::domain::district::Area;
use serde::{Deserialize, Serialize};

/// One line of the back office's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub published: bool,
    pub phase: Phase,
    pub starts_at: i64,
    pub ends_at: i64,
    pub remarks: i64,
    pub flagged: i64,
}

/// A consultation as the edit form shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Editable {
    pub id: i64,
    pub input: DraftInput,
    pub published_at: Option<i64>,
    pub phase: Phase,
    pub events: Vec<ConsultationEvent>,
    /// The rules of Resolution CXI/2904/18 it breaks now (codes), overridden or not.
    pub statutory_problems: Vec<String>,
}

pub async fn list(db: &Db, now: i64) -> Result<Vec<AdminRow>, sqlx::Error> {
    type ListRow = (i64, String, String, Option<i64>, i64, i64, i64, Option<i64>, i64, i64);
    let rows: Vec<ListRow> = sqlx::query_as(
        "select c.id, c.slug, c.title, c.published_at, c.information_starts_at, c.starts_at, c.ends_at, \
                c.report_published_at, \
                (select count(*) from remarks r where r.consultation_id = c.id), \
                (select count(*) from remarks r where r.consultation_id = c.id and (r.open_flags > 0 or r.state = 'pending')) \
         from consultations c order by c.starts_at desc, c.id desc limit 500",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, slug, title, published_at, info, starts_at, ends_at, report, remarks, flagged)| {
            let schedule = Schedule { information_starts_at: info, starts_at, ends_at };
            AdminRow {
                id,
                slug,
                title,
                published: published_at.is_some(),
                phase: schedule.phase(report, now),
                starts_at,
                ends_at,
                remarks,
                flagged,
            }
        })
        .collect())
}

pub async fn load(db: &Db, id: i64, now: i64) -> Result<Option<Editable>, sqlx::Error> {
    use sqlx::Row as _;
    let row = sqlx::query(
        "select slug, title, summary, body_md, easy_read_md, kind, city_wide, topic, organising_unit, information_starts_at, \
                starts_at, ends_at, report_published_at, published_at, premoderation, online_remarks, written_remarks, \
                override_reason \
         from consultations where id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let flag = |name: &str| row.try_get::<i64, _>(name).map(|v| v == 1);
    let (info, starts, ends): (i64, i64, i64) =
        (row.try_get("information_starts_at")?, row.try_get("starts_at")?, row.try_get("ends_at")?);
    let report: Option<i64> = row.try_get("report_published_at")?;
    let published_at: Option<i64> = row.try_get("published_at")?;
    let city_wide = flag("city_wide")?;
    let districts: Vec<(i64,)> =
        sqlx::query_as("select district from consultation_districts where consultation_id = $1 order by district")
            .bind(id)
            .fetch_all(db)
            .await?;
    let events = super::storage::events(db, id).await?;
    let input = DraftInput {
        slug: row.try_get("slug")?,
        title: row.try_get("title")?,
        summary: row.try_get("summary")?,
        body: row.try_get("body_md")?,
        easy_read: row.try_get("easy_read_md")?,
        kind: row.try_get("kind")?,
        districts: if city_wide {
            vec!["city".to_owned()]
        } else {
            districts.into_iter().map(|(d,)| d.to_string()).collect()
        },
        topic: row.try_get("topic")?,
        unit: row.try_get("organising_unit")?,
        information_starts: super::editor::format_local(info),
        starts: super::editor::format_local(starts),
        ends: super::editor::format_local(ends),
        premoderation: flag("premoderation")?,
        online_remarks: flag("online_remarks")?,
        written_remarks: flag("written_remarks")?,
        override_reason: row.try_get::<Option<String>, _>("override_reason")?.unwrap_or_default(),
    };
    let schedule = Schedule { information_starts_at: info, starts_at: starts, ends_at: ends };
    let kinds: Vec<_> = events.iter().map(|e| e.kind).collect();
    let statutory_problems = super::editor::parse(&input, std::slice::from_ref(&input.unit))
        .map(|d| super::editor::statutory_problems(&d, &kinds).into_iter().map(str::to_owned).collect())
        .unwrap_or_default();
    Ok(Some(Editable { id, input, published_at, phase: schedule.phase(report, now), events, statutory_problems }))
}

/// Creates a draft (unpublished). `Ok(None)` when the slug is taken.
pub async fn create(db: &Db, d: &Draft, now: i64) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let id: Option<(i64,)> = bind_draft(
        sqlx::query_as(
            "insert into consultations (slug, title, summary, body_md, kind, city_wide, topic, organising_unit, \
             information_starts_at, starts_at, ends_at, premoderation, online_remarks, written_remarks, \
             override_reason, created_at, updated_at, easy_read_md) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17) \
         on conflict (slug) do nothing returning id",
        ),
        d,
        now,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id,)) = id else {
        return Ok(None);
    };
    write_districts(&mut tx, id, &d.area).await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Binds a draft's fields as `$1`..`$17` (the insert's and the update's order).
fn bind_draft<'q>(
    query: sqlx::query::QueryAs<'q, sqlx::Any, (i64,), sqlx::any::AnyArguments<'q>>,
    d: &'q Draft,
    now: i64,
) -> sqlx::query::QueryAs<'q, sqlx::Any, (i64,), sqlx::any::AnyArguments<'q>> {
    query
        .bind(&d.slug)
        .bind(&d.title)
        .bind(&d.summary)
        .bind(&d.body_md)
        .bind(d.kind.slug())
        .bind(i64::from(d.area == Area::CityWide))
        .bind(d.topic.slug())
        .bind(&d.organising_unit)
        .bind(d.information_starts_at)
        .bind(d.starts_at)
        .bind(d.ends_at)
        .bind(i64::from(d.premoderation))
        .bind(i64::from(d.online_remarks))
        .bind(i64::from(d.written_remarks))
        .bind(d.override_reason.as_deref())
        .bind(now)
        .bind(&d.easy_read_md)
}

/// Saves the form over consultation `id`. `Ok(false)` when the slug belongs to another.
pub async fn update(db: &Db, id: i64, d: &Draft, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let taken: Option<(i64,)> = sqlx::query_as("select id from consultations where slug = $1 and id <> $2")
        .bind(&d.slug)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() {
        return Ok(false);
    }
    bind_draft(
        sqlx::query_as::<_, (i64,)>(
            "update consultations set slug = $1, title = $2, summary = $3, body_md = $4, kind = $5, city_wide = $6, \
             topic = $7, organising_unit = $8, information_starts_at = $9, starts_at = $10, ends_at = $11, \
             premoderation = $12, online_remarks = $13, written_remarks = $14, override_reason = $15, updated_at = $16, \
             easy_read_md = $17 \
         where id = $18 returning id",
        ),
        d,
        now,
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    sqlx::query("delete from consultation_districts where consultation_id = $1").bind(id).execute(&mut *tx).await?;
    write_districts(&mut tx, id, &d.area).await?;
    tx.commit().await?;
    Ok(true)
}

async fn write_districts(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64, area: &Area) -> Result<(), sqlx::Error> {
    if let Area::Districts(districts) = area {
        for d in districts {
            sqlx::query("insert into consultation_districts (consultation_id, district) values ($1, $2)")
                .bind(id)
                .bind(i64::from(d.number()))
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// Publishes (`Some(at)`) or takes back to draft (`None`); `false` if nothing changed.
pub async fn set_published(db: &Db, id: i64, at: Option<i64>, now: i64) -> Result<bool, sqlx::Error> {
    let sql = if at.is_some() {
        "update consultations set published_at = $1, updated_at = $2 where id = $3 and published_at is null"
    } else {
        "update consultations set published_at = $1, updated_at = $2 where id = $3 and published_at is not null"
    };
    let done = sqlx::query(sql).bind(at).bind(now).bind(id).execute(db).await?;
    Ok(done.rows_affected() == 1)
}

pub async fn add_event(db: &Db, consultation_id: i64, e: &NewEvent, now: i64) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "insert into consultation_events (consultation_id, kind, starts_at, ends_at, place, accessibility, online_url, \
             step_free, induction_loop, sign_language, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id",
    )
    .bind(consultation_id)
    .bind(e.kind.code())
    .bind(e.occasion.starts_at)
    .bind(e.occasion.ends_at)
    .bind(&e.occasion.place)
    .bind(&e.occasion.accessibility)
    .bind(e.occasion.online_url.as_deref())
    .bind(i64::from(e.occasion.access.step_free))
    .bind(i64::from(e.occasion.access.induction_loop))
    .bind(i64::from(e.occasion.access.sign_language))
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

pub async fn delete_event(db: &Db, consultation_id: i64, event_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("delete from consultation_events where id = $1 and consultation_id = $2")
        .bind(event_id)
        .bind(consultation_id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The organising units staff choose from, by name.
pub async fn city_units(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> =
        sqlx::query_as("select name from city_units where active = 1 order by name").fetch_all(db).await?;
    Ok(rows.into_iter().map(|(n,)| n).collect())
}

/// The kinds of a consultation's events (for the statutory check).
pub async fn event_kinds(
    db: &Db,
    consultation_id: i64,
) -> Result<Vec<crate::domain::consultation_forms::EventKind>, sqlx::Error> {
    Ok(super::storage::events(db, consultation_id).await?.into_iter().map(|e| e.kind).collect())
}

/// Whether a consultation is published (`None` if there is no such consultation).
pub async fn published_at(db: &Db, id: i64) -> Result<Option<Option<i64>>, sqlx::Error> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("select published_at from consultations where id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.map(|(at,)| at))
}

/// A consultation's slug and draft act (for the paper-remark form's list of units).
pub async fn slug_and_act(db: &Db, id: i64) -> Result<Option<(String, Kind, String)>, sqlx::Error> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("select slug, kind, body_md from consultations where id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(slug, kind, body)| (slug, Kind::parse(&kind).unwrap_or(Kind::General), body)))
}
