//! Consultations in the database (server only). Queries are written once for SQLite and
//! PostgreSQL (`$n` placeholders, integers and text only; see docs/adr/0003).

use super::model::{
    ConsultationDetail, ConsultationEvent, ConsultationSummary, DistrictFilter, Kind, ListFilter, ListPage, Overview,
};
use crate::db::{Db, Params};
use crate::domain::act::{self, Block, Unit};
use crate::domain::calendar::Access;
use crate::domain::consultation_forms::EventKind;
use crate::domain::{
    consultation_phase::{Phase, Schedule},
    district::{Area, District},
    paging::{page_count, PageNumber},
    topic::Topic,
};

/// A consultation to store. The schedule has passed the statutory checks already.
#[derive(Clone, Debug)]
pub struct NewConsultation {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body_md: String,
    pub kind: Kind,
    pub area: Area,
    pub topic: Topic,
    pub organising_unit: String,
    pub schedule: Schedule,
    pub report_published_at: Option<i64>,
    /// When it was published; `None` keeps it a draft only staff see.
    pub published_at: Option<i64>,
}

/// The columns of a summary. The districts come along as text, `"12,13"`, from a
/// correlated subquery: one query for a whole list, no query per row. `string_agg` with
/// an ordered argument is standard in PostgreSQL and in SQLite since 3.44.
const COLUMNS: &str = "c.slug, c.title, c.summary, c.kind, c.city_wide, c.topic, c.organising_unit, \
     c.information_starts_at, c.starts_at, c.ends_at, c.report_published_at, \
     (select string_agg(cast(cd.district as text), ',' order by cd.district) \
        from consultation_districts cd where cd.consultation_id = c.id) as districts";

#[derive(sqlx::FromRow)]
struct Row {
    slug: String,
    title: String,
    summary: String,
    kind: String,
    city_wide: i64,
    topic: String,
    organising_unit: String,
    information_starts_at: i64,
    starts_at: i64,
    ends_at: i64,
    report_published_at: Option<i64>,
    districts: Option<String>,
}

impl Row {
    fn into_summary(self, now: i64) -> ConsultationSummary {
        let districts = self.districts.as_deref().unwrap_or_default().split(',').filter_map(District::parse).collect();
        let schedule = Schedule {
            information_starts_at: self.information_starts_at,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
        };
        ConsultationSummary {
            phase: schedule.phase(self.report_published_at, now),
            slug: self.slug,
            title: self.title,
            summary: self.summary,
            // The table's check constraint admits only known kinds; topics are ours too.
            kind: Kind::parse(&self.kind).unwrap_or(Kind::General),
            area: if self.city_wide == 1 { Area::CityWide } else { Area::Districts(districts) },
            topic: Topic::parse(&self.topic).unwrap_or(Topic::Governance),
            organising_unit: self.organising_unit,
            schedule,
            report_published_at: self.report_published_at,
        }
    }
}

/// A consultation in the Atom feed.
#[derive(sqlx::FromRow)]
pub struct FeedRow {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub information_starts_at: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub updated_at: i64,
}

/// The consultations announced to the public, the latest announced first.
pub async fn feed(db: &Db, now: i64, limit: i64) -> Result<Vec<FeedRow>, sqlx::Error> {
    sqlx::query_as(
        "select c.slug, c.title, c.summary, c.information_starts_at, c.starts_at, c.ends_at, c.updated_at \
         from consultations c where c.published_at is not null and c.information_starts_at <= $1 \
         order by c.information_starts_at desc, c.id desc limit $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The `where` clause for the public: announced already, plus the filters.
fn public_where(filter: &ListFilter, now: i64, params: &mut Params) -> String {
    let now = params.push(now);
    let mut sql = format!(" where c.published_at is not null and c.information_starts_at <= {now}");
    let not_reported = format!("(c.report_published_at is null or c.report_published_at > {now})");
    let phase = match filter.phase {
        None | Some(Phase::Scheduled) => String::new(),
        Some(Phase::Announced) => format!(" and c.starts_at > {now} and {not_reported}"),
        Some(Phase::Open) => format!(" and c.starts_at <= {now} and c.ends_at > {now} and {not_reported}"),
        Some(Phase::Closed) => format!(" and c.ends_at <= {now} and {not_reported}"),
        Some(Phase::ReportPublished) => format!(" and c.report_published_at <= {now}"),
    };
    sql.push_str(&phase);
    match filter.district {
        None => {}
        Some(DistrictFilter::CityWide) => sql.push_str(" and c.city_wide = 1"),
        Some(DistrictFilter::District(d)) => {
            let d = params.push(i64::from(d.number()));
            sql.push_str(&format!(
                " and exists (select 1 from consultation_districts cd where cd.consultation_id = c.id and cd.district = {d})"
            ));
        }
    }
    if let Some(topic) = filter.topic {
        let t = params.push(topic.slug());
        sql.push_str(&format!(" and c.topic = {t}"));
    }
    sql
}

/// The orders lists come in. Each ends with the id so that pages never overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// The public list: newest start first.
    NewestStart,
    /// Open ones: the one closing soonest first.
    EndingSoonest,
    /// Announced ones: the one starting soonest first.
    StartingSoonest,
    /// Reports: the latest published first.
    LatestReport,
}

impl Order {
    fn sql(self) -> &'static str {
        match self {
            Order::NewestStart => "c.starts_at desc, c.id desc",
            Order::EndingSoonest => "c.ends_at asc, c.id asc",
            Order::StartingSoonest => "c.starts_at asc, c.id asc",
            Order::LatestReport => "c.report_published_at desc, c.id desc",
        }
    }
}

/// Up to `limit` public consultations matching `filter`, in `order`, after `offset`.
pub async fn list(
    db: &Db,
    filter: &ListFilter,
    order: Order,
    now: i64,
    limit: u32,
    offset: u64,
) -> Result<Vec<ConsultationSummary>, sqlx::Error> {
    let mut params = Params::default();
    let clause = public_where(filter, now, &mut params);
    let limit = params.push(i64::from(limit));
    let offset = params.push(i64::try_from(offset).unwrap_or(i64::MAX));
    let sql =
        format!("select {COLUMNS} from consultations c{clause} order by {} limit {limit} offset {offset}", order.sql());
    let rows: Vec<Row> = params.bind_as(sqlx::query_as(&sql)).fetch_all(db).await?;
    Ok(rows.into_iter().map(|r| r.into_summary(now)).collect())
}

/// How many public consultations match `filter`.
pub async fn count(db: &Db, filter: &ListFilter, now: i64) -> Result<u64, sqlx::Error> {
    let mut params = Params::default();
    let clause = public_where(filter, now, &mut params);
    let sql = format!("select count(*) from consultations c{clause}");
    let (n,): (i64,) = params.bind_as(sqlx::query_as(&sql)).fetch_one(db).await?;
    Ok(u64::try_from(n).unwrap_or_default())
}

/// One page of the public list, with the totals pagination needs.
pub async fn page(
    db: &Db,
    filter: &ListFilter,
    page: PageNumber,
    page_size: u32,
    now: i64,
) -> Result<ListPage, sqlx::Error> {
    let total = count(db, filter, now).await?;
    let items = if page.offset(page_size) < total {
        list(db, filter, Order::NewestStart, now, page_size, page.offset(page_size)).await?
    } else {
        Vec::new()
    };
    Ok(ListPage { items, total, page, pages: page_count(total, page_size) })
}

/// The home page: open now (ending soonest first), announced, and the latest reports.
pub async fn overview(db: &Db, now: i64, limit: u32) -> Result<Overview, sqlx::Error> {
    let of_phase = |phase| ListFilter { phase: Some(phase), ..ListFilter::default() };
    let open = list(db, &of_phase(Phase::Open), Order::EndingSoonest, now, limit, 0).await?;
    let announced = list(db, &of_phase(Phase::Announced), Order::StartingSoonest, now, limit, 0).await?;
    let reports = list(db, &of_phase(Phase::ReportPublished), Order::LatestReport, now, 3, 0).await?;
    Ok(Overview { open, announced, reports })
}

/// A public consultation by its slug, with its body rendered and sanitised.
pub async fn find(db: &Db, slug: &str, now: i64) -> Result<Option<ConsultationDetail>, sqlx::Error> {
    let sql = format!(
        "select {COLUMNS}, c.id, c.body_md, c.easy_read_md from consultations c \
         where c.slug = $1 and c.published_at is not null and c.information_starts_at <= $2"
    );
    let row: Option<(Row, i64, String, String)> = sqlx::query(&sql)
        .bind(slug)
        .bind(now)
        .try_map(|row: sqlx::any::AnyRow| {
            use sqlx::{FromRow, Row as _};
            Ok((
                Row::from_row(&row)?,
                row.try_get::<i64, _>("id")?,
                row.try_get::<String, _>("body_md")?,
                row.try_get::<String, _>("easy_read_md")?,
            ))
        })
        .fetch_optional(db)
        .await?;
    let Some((row, id, body_md, easy_read_md)) = row else {
        return Ok(None);
    };
    let summary = row.into_summary(now);
    let act = (summary.kind == Kind::DraftAct).then(|| render_act(&body_md));
    Ok(Some(ConsultationDetail {
        summary,
        body_html: crate::markdown::render(&body_md),
        easy_read_html: (!easy_read_md.trim().is_empty()).then(|| crate::markdown::render_from(&easy_read_md, 3)),
        act,
        events: events(db, id).await?,
        media: crate::media::storage::list(db, crate::media::Parent::Consultation(id)).await?,
    }))
}

/// A draft act split into units, each piece rendered and sanitised by the one renderer.
pub fn render_act(markdown: &str) -> Vec<Block> {
    let render_unit = |unit: Unit| Unit {
        text: crate::markdown::render(&unit.text),
        points: unit.points.into_iter().map(|p| Unit { text: crate::markdown::render(&p.text), ..p }).collect(),
        ..unit
    };
    act::split(markdown)
        .into_iter()
        .map(|block| match block {
            // The act sits under its own <h2>: its text's headings start at <h3>.
            Block::Text(text) => Block::Text(crate::markdown::render_from(&text, 3)),
            Block::Unit(unit) => Block::Unit(render_unit(unit)),
        })
        .collect()
}

/// A consultation's events, soonest first.
pub async fn events(db: &Db, consultation_id: i64) -> Result<Vec<ConsultationEvent>, sqlx::Error> {
    type EventRow = (i64, String, i64, i64, String, String, Option<String>, i64, i64, i64);
    let rows: Vec<EventRow> = sqlx::query_as(
        "select id, kind, starts_at, ends_at, place, accessibility, online_url, step_free, induction_loop, \
             sign_language from consultation_events where consultation_id = $1 order by starts_at, id",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, kind, starts_at, ends_at, place, accessibility, online_url, step_free, loop_, pjm)| {
            Some(ConsultationEvent {
                id,
                kind: EventKind::parse(&kind)?,
                starts_at,
                ends_at,
                place,
                accessibility,
                access: Access { step_free: step_free == 1, induction_loop: loop_ == 1, sign_language: pjm == 1 },
                online_url,
            })
        })
        .collect())
}

/// Stores a consultation unless one with its slug exists; returns its id if stored.
/// The row and its districts are written in one transaction.
pub async fn insert(db: &Db, c: &NewConsultation, now: i64) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let id: Option<(i64,)> = sqlx::query_as(
        "insert into consultations (slug, title, summary, body_md, kind, city_wide, topic, organising_unit, \
             information_starts_at, starts_at, ends_at, report_published_at, published_at, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) \
         on conflict (slug) do nothing returning id",
    )
    .bind(&c.slug)
    .bind(&c.title)
    .bind(&c.summary)
    .bind(&c.body_md)
    .bind(c.kind.slug())
    .bind(i64::from(c.area == Area::CityWide))
    .bind(c.topic.slug())
    .bind(&c.organising_unit)
    .bind(c.schedule.information_starts_at)
    .bind(c.schedule.starts_at)
    .bind(c.schedule.ends_at)
    .bind(c.report_published_at)
    .bind(c.published_at)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id,)) = id else {
        return Ok(None);
    };
    if let Area::Districts(districts) = &c.area {
        for d in districts {
            sqlx::query("insert into consultation_districts (consultation_id, district) values ($1, $2)")
                .bind(id)
                .bind(i64::from(d.number()))
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(Some(id))
}
