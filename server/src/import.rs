//! `server import-consultations FILE`: loads consultations prepared outside the platform
//! (e.g. a unit's own list) from JSON. Every item is checked first, statutory minimums
//! included; one bad item stops the import before anything is written.

use app::consultations::{model::Kind, storage};
use app::db::Db;
use app::domain::{
    consultation_phase::Schedule,
    district::{Area, District},
    topic::Topic,
};
use serde::Deserialize;
use std::path::Path;
use time::{format_description::well_known::Rfc3339, OffsetDateTime};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    slug: String,
    title: String,
    summary: String,
    body_markdown: String,
    kind: String,
    #[serde(default)]
    districts: Vec<u8>,
    topic: String,
    organising_unit: String,
    information_starts_at: String,
    starts_at: String,
    ends_at: String,
    #[serde(default)]
    report_published_at: Option<String>,
}

fn instant(field: &str, text: &str) -> Result<i64, String> {
    OffsetDateTime::parse(text, &Rfc3339)
        .map(OffsetDateTime::unix_timestamp)
        .map_err(|_| format!("{field}: {text:?} is not an RFC 3339 date-time"))
}

fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.len() <= 120 && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn parse(item: Item) -> Result<storage::NewConsultation, String> {
    if !is_slug(&item.slug) {
        return Err(format!("slug {:?}: use lower-case letters, digits and hyphens", item.slug));
    }
    if item.title.trim().is_empty() {
        return Err("title is empty".to_owned());
    }
    let kind = Kind::parse(&item.kind).ok_or_else(|| format!("kind {:?} is not general or draft_act", item.kind))?;
    let topic = Topic::parse(&item.topic).ok_or_else(|| format!("topic {:?} is not known", item.topic))?;
    let area = if item.districts.is_empty() {
        Area::CityWide
    } else {
        let mut districts = item
            .districts
            .iter()
            .map(|&n| District::new(n).ok_or_else(|| format!("district {n} is not 1 to 18")))
            .collect::<Result<Vec<_>, _>>()?;
        districts.sort();
        districts.dedup();
        Area::Districts(districts)
    };
    let schedule = Schedule::parse(
        instant("information_starts_at", &item.information_starts_at)?,
        instant("starts_at", &item.starts_at)?,
        instant("ends_at", &item.ends_at)?,
    )
    .map_err(|problems| format!("schedule breaks the statutory minimums: {problems:?}"))?;
    let report_published_at =
        item.report_published_at.as_deref().map(|t| instant("report_published_at", t)).transpose()?;
    Ok(storage::NewConsultation {
        slug: item.slug,
        title: item.title,
        summary: item.summary,
        body_md: item.body_markdown,
        kind,
        area,
        topic,
        organising_unit: item.organising_unit,
        schedule,
        report_published_at,
        // An imported consultation was announced by the city already.
        published_at: Some(app::state::now()),
    })
}

/// Imports the file; returns how many consultations were new (known slugs are skipped).
pub async fn import_file(db: &Db, path: &Path) -> Result<usize, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let items: Vec<Item> = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let parsed = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| parse(item).map_err(|e| format!("item {}: {e}", i + 1)))
        .collect::<Result<Vec<_>, _>>()?;
    let now = app::state::now();
    let mut added = 0;
    for consultation in &parsed {
        if storage::insert(db, consultation, now).await.map_err(|e| e.to_string())?.is_some() {
            added += 1;
        }
    }
    Ok(added)
}
