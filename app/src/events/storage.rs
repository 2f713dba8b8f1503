//! Reading the calendar from its three sources, and DK-06's own events.

use super::{CalendarEntry, NewCityEvent, Source, MAX_ENTRIES};
use crate::db::Db;
use crate::domain::calendar::{Access, CalendarKind};
use crate::domain::consultation_forms::EventKind;
use crate::domain::district::{Area, District};
use std::collections::BTreeMap;

fn access(step_free: i64, induction_loop: i64, sign_language: i64) -> Access {
    Access { step_free: step_free == 1, induction_loop: induction_loop == 1, sign_language: sign_language == 1 }
}

#[derive(sqlx::FromRow)]
struct ConsultationEventRow {
    id: i64,
    kind: String,
    starts_at: i64,
    ends_at: i64,
    place: String,
    accessibility: String,
    online_url: Option<String>,
    step_free: i64,
    induction_loop: i64,
    sign_language: i64,
    consultation_id: i64,
    slug: String,
    title: String,
    city_wide: i64,
}

#[derive(sqlx::FromRow)]
struct CityEventRow {
    id: i64,
    kind: String,
    title: String,
    description: String,
    starts_at: i64,
    ends_at: i64,
    place: String,
    accessibility: String,
    online_url: Option<String>,
    step_free: i64,
    induction_loop: i64,
    sign_language: i64,
    district: Option<i64>,
}

impl CityEventRow {
    fn entry(self) -> Option<CalendarEntry> {
        let area = match self.district.and_then(|d| u8::try_from(d).ok()).and_then(District::new) {
            Some(d) => Area::Districts(vec![d]),
            None => Area::CityWide,
        };
        Some(CalendarEntry {
            source: Source::City(self.id),
            kind: CalendarKind::parse_editable(&self.kind)?,
            title: self.title,
            description: self.description,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            place: self.place,
            accessibility: self.accessibility,
            access: access(self.step_free, self.induction_loop, self.sign_language),
            online_url: self.online_url,
            area,
            link: None,
        })
    }
}

const CITY_COLUMNS: &str = "id, kind, title, description, starts_at, ends_at, place, accessibility, online_url, \
     step_free, induction_loop, sign_language, district";

/// Every public event that overlaps `[from, to)`, soonest first, at most
/// [`MAX_ENTRIES`]: meetings of consultations announced to the public, DK-06's events,
/// and the civic budget's voting days.
pub async fn entries(db: &Db, from: i64, to: i64, now: i64) -> Result<Vec<CalendarEntry>, sqlx::Error> {
    let limit = i64::try_from(MAX_ENTRIES).unwrap_or(500);
    let mut entries = meetings(db, now, Some((from, to)), None).await?;
    let own: Vec<CityEventRow> = sqlx::query_as(&format!(
        "select {CITY_COLUMNS} from city_events where starts_at < $1 and ends_at > $2 order by starts_at, id limit $3"
    ))
    .bind(to)
    .bind(from)
    .bind(limit)
    .fetch_all(db)
    .await?;
    entries.extend(own.into_iter().filter_map(CityEventRow::entry));
    let votes: Vec<(i64, i64, i64)> = sqlx::query_as(
        "select year, voting_starts, results_start from budget_editions \
         where voting_starts < $1 and results_start > $2 order by year",
    )
    .bind(to)
    .bind(from)
    .fetch_all(db)
    .await?;
    entries.extend(votes.into_iter().map(|(year, starts_at, ends_at)| CalendarEntry {
        source: Source::BudgetVoting(year),
        kind: CalendarKind::Voting,
        title: String::new(),
        description: String::new(),
        starts_at,
        ends_at,
        place: String::new(),
        accessibility: String::new(),
        access: Access::default(),
        online_url: None,
        area: Area::CityWide,
        link: Some(format!("/budget/{year}/vote")),
    }));
    entries.sort_by_key(|e| (e.starts_at, e.ends_at, e.source.key()));
    entries.truncate(MAX_ENTRIES);
    Ok(entries)
}

/// The meetings of consultations announced to the public: those overlapping `window`,
/// or those of one consultation.
async fn meetings(
    db: &Db,
    now: i64,
    window: Option<(i64, i64)>,
    consultation: Option<&str>,
) -> Result<Vec<CalendarEntry>, sqlx::Error> {
    let (from, to) = window.unwrap_or((i64::MIN, i64::MAX));
    let rows: Vec<ConsultationEventRow> = sqlx::query_as(
        "select e.id, e.kind, e.starts_at, e.ends_at, e.place, e.accessibility, e.online_url, e.step_free, \
             e.induction_loop, e.sign_language, c.id as consultation_id, c.slug, c.title, c.city_wide \
         from consultation_events e join consultations c on c.id = e.consultation_id \
         where c.published_at is not null and c.information_starts_at <= $1 and e.starts_at < $2 and e.ends_at > $3 \
             and ($4 = '' or c.slug = $4) \
         order by e.starts_at, e.id limit $5",
    )
    .bind(now)
    .bind(to)
    .bind(from)
    .bind(consultation.unwrap_or_default())
    .bind(i64::try_from(MAX_ENTRIES).unwrap_or(500))
    .fetch_all(db)
    .await?;
    let districts = districts_of(db, rows.iter().map(|m| m.consultation_id).collect()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|m| {
            let area = match (m.city_wide, districts.get(&m.consultation_id)) {
                (0, Some(ds)) => Area::Districts(ds.clone()),
                _ => Area::CityWide,
            };
            Some(CalendarEntry {
                source: Source::Consultation(m.id),
                kind: EventKind::parse(&m.kind)?.into(),
                title: m.title,
                description: String::new(),
                starts_at: m.starts_at,
                ends_at: m.ends_at,
                place: m.place,
                accessibility: m.accessibility,
                access: access(m.step_free, m.induction_loop, m.sign_language),
                online_url: m.online_url,
                area,
                link: Some(format!("/consultations/{}", m.slug)),
            })
        })
        .collect())
}

/// The meetings of one consultation announced to the public (by its slug), soonest first.
pub async fn of_consultation(db: &Db, slug: &str, now: i64) -> Result<Vec<CalendarEntry>, sqlx::Error> {
    meetings(db, now, None, Some(slug)).await
}

/// The districts of each consultation named.
async fn districts_of(db: &Db, mut ids: Vec<i64>) -> Result<BTreeMap<i64, Vec<District>>, sqlx::Error> {
    let mut out: BTreeMap<i64, Vec<District>> = BTreeMap::new();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(out);
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "select consultation_id, district from consultation_districts where consultation_id in ({}) \
         order by consultation_id, district",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, (i64, i64)>(&sql);
    for id in ids {
        query = query.bind(id);
    }
    for (consultation, district) in query.fetch_all(db).await? {
        if let Some(d) = u8::try_from(district).ok().and_then(District::new) {
            out.entry(consultation).or_default().push(d);
        }
    }
    Ok(out)
}

/// One entry of the calendar by its source, if it is public.
pub async fn entry(db: &Db, source: Source, now: i64) -> Result<Option<CalendarEntry>, sqlx::Error> {
    match source {
        Source::City(id) => {
            let row: Option<CityEventRow> =
                sqlx::query_as(&format!("select {CITY_COLUMNS} from city_events where id = $1"))
                    .bind(id)
                    .fetch_optional(db)
                    .await?;
            Ok(row.and_then(CityEventRow::entry))
        }
        Source::Consultation(id) => {
            let of: Option<(String,)> = sqlx::query_as(
                "select c.slug from consultation_events e join consultations c on c.id = e.consultation_id where e.id = $1",
            )
            .bind(id)
            .fetch_optional(db)
            .await?;
            let Some((consultation,)) = of else { return Ok(None) };
            Ok(of_consultation(db, &consultation, now).await?.into_iter().find(|e| e.source == source))
        }
        Source::BudgetVoting(year) => {
            let at: Option<(i64, i64)> =
                sqlx::query_as("select voting_starts, results_start from budget_editions where year = $1")
                    .bind(year)
                    .fetch_optional(db)
                    .await?;
            let Some((starts_at, ends_at)) = at else { return Ok(None) };
            let found = entries(db, starts_at, ends_at, now).await?;
            Ok(found.into_iter().find(|e| e.source == source))
        }
    }
}

pub async fn add(db: &Db, e: &NewCityEvent, by: i64, now: i64) -> Result<i64, sqlx::Error> {
    let o = &e.occasion;
    let (id,): (i64,) = sqlx::query_as(
        "insert into city_events (kind, title, description, starts_at, ends_at, place, accessibility, online_url, \
             step_free, induction_loop, sign_language, district, created_by, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning id",
    )
    .bind(e.kind.code())
    .bind(&e.title)
    .bind(&e.description)
    .bind(o.starts_at)
    .bind(o.ends_at)
    .bind(&o.place)
    .bind(&o.accessibility)
    .bind(o.online_url.as_deref())
    .bind(i64::from(o.access.step_free))
    .bind(i64::from(o.access.induction_loop))
    .bind(i64::from(o.access.sign_language))
    .bind(e.district.map(|d| i64::from(d.number())))
    .bind(by)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// Deletes an editor's event; whether there was one.
pub async fn delete(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("delete from city_events where id = $1").bind(id).execute(db).await?.rows_affected() == 1)
}

/// The editors' events that have not ended yet, soonest first.
pub async fn upcoming(db: &Db, now: i64) -> Result<Vec<CalendarEntry>, sqlx::Error> {
    let rows: Vec<CityEventRow> = sqlx::query_as(&format!(
        "select {CITY_COLUMNS} from city_events where ends_at > $1 order by starts_at, id limit $2"
    ))
    .bind(now)
    .bind(i64::try_from(MAX_ENTRIES).unwrap_or(500))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().filter_map(CityEventRow::entry).collect())
}
