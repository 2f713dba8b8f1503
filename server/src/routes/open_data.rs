//! Open data: `GET /api/v1/consultations` (JSON, paginated), its `.csv` twin (every
//! matching row, UTF-8 with a BOM so spreadsheet programs read Polish letters right),
//! and `GET /api/v1/consultations/{slug}`. The filters are those of the public list; a
//! value we don't understand is a 400 that names the parameter.

use app::consultations::{
    model::{ConsultationSummary, ListFilter},
    storage,
};
use app::domain::{district::Area, paging::PageNumber};
use app::state::{now, AppState};
use axum::{
    extract::{Path, Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;
use time::{format_description::well_known::Rfc3339, OffsetDateTime};

const DEFAULT_PER_PAGE: u32 = 50;
const MAX_PER_PAGE: u32 = 100;
/// CSV rows are read from the database this many at a time.
const CSV_BATCH: u32 = 500;

#[derive(Serialize)]
struct Item {
    slug: String,
    url: String,
    title: String,
    summary: String,
    kind: &'static str,
    phase: &'static str,
    city_wide: bool,
    districts: Vec<DistrictItem>,
    topic: &'static str,
    organising_unit: String,
    information_starts_at: String,
    starts_at: String,
    ends_at: String,
    report_published_at: Option<String>,
}

#[derive(Serialize)]
struct DistrictItem {
    number: u8,
    name: &'static str,
}

pub(super) fn rfc3339(unix_seconds: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix_seconds).ok().and_then(|t| t.format(&Rfc3339).ok()).unwrap_or_default()
}

impl From<ConsultationSummary> for Item {
    fn from(c: ConsultationSummary) -> Self {
        let districts = match &c.area {
            Area::CityWide => Vec::new(),
            Area::Districts(ds) => ds.iter().map(|d| DistrictItem { number: d.number(), name: d.name() }).collect(),
        };
        Item {
            url: format!("/consultations/{}", c.slug),
            slug: c.slug,
            title: c.title,
            summary: c.summary,
            kind: c.kind.slug(),
            phase: c.phase.slug(),
            city_wide: c.area == Area::CityWide,
            districts,
            topic: c.topic.slug(),
            organising_unit: c.organising_unit,
            information_starts_at: rfc3339(c.schedule.information_starts_at),
            starts_at: rfc3339(c.schedule.starts_at),
            ends_at: rfc3339(c.schedule.ends_at),
            report_published_at: c.report_published_at.map(rfc3339),
        }
    }
}

/// What an open-data request can fail with; both are JSON bodies.
pub enum ApiError {
    /// A query parameter we don't understand: named, with what it should be.
    BadParameter { parameter: &'static str, message: String },
    /// The cause went to the log.
    Internal,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::BadParameter { parameter, message } => {
                (StatusCode::BAD_REQUEST, Json(json!({ "error": message, "parameter": parameter }))).into_response()
            }
            ApiError::Internal => {
                (StatusCode::INTERNAL_SERVER_ERROR, Json(json!({ "error": "internal error" }))).into_response()
            }
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "open data query failed");
        ApiError::Internal
    }
}

fn filter_of(query: &HashMap<String, String>) -> Result<ListFilter, ApiError> {
    ListFilter::from_query_strict(|k| query.get(k).cloned()).map_err(|parameter| {
        let message = match parameter {
            "district" => "district must be 1 to 18 or \"city\"",
            "phase" => "phase must be one of announced, open, closed, report_published",
            _ => "topic is not a known topic",
        };
        ApiError::BadParameter { parameter, message: message.to_owned() }
    })
}

/// A positive whole number no larger than `max`, or the default when absent.
fn number(query: &HashMap<String, String>, name: &'static str, default: u32, max: u32) -> Result<u32, ApiError> {
    match query.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(default),
        Some(v) => v.parse::<u32>().ok().filter(|n| (1..=max).contains(n)).ok_or_else(|| ApiError::BadParameter {
            parameter: name,
            message: format!("{name} must be a whole number from 1 to {max}"),
        }),
    }
}

pub async fn list_json(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let filter = filter_of(&query)?;
    let page = number(&query, "page", 1, PageNumber::MAX)?;
    let per_page = number(&query, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
    let page_number = PageNumber::parse(Some(&page.to_string()));
    let list = storage::page(&state.db, &filter, page_number, per_page, now()).await?;
    Ok(Json(json!({
        "items": list.items.into_iter().map(Item::from).collect::<Vec<_>>(),
        "total": list.total,
        "page": page,
        "pages": list.pages,
        "per_page": per_page,
    }))
    .into_response())
}

pub async fn list_csv(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let filter = filter_of(&query)?;
    let now = now();
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let header = [
        "slug",
        "title",
        "summary",
        "kind",
        "phase",
        "city_wide",
        "districts",
        "topic",
        "organising_unit",
        "information_starts_at",
        "starts_at",
        "ends_at",
        "report_published_at",
        "url",
    ];
    let mut result = writer.write_record(header).map_err(|e| e.to_string());
    let mut offset = 0u64;
    while result.is_ok() {
        let batch = storage::list(&state.db, &filter, storage::Order::NewestStart, now, CSV_BATCH, offset).await?;
        let done = batch.len() < CSV_BATCH as usize;
        offset += batch.len() as u64;
        for c in batch {
            let item = Item::from(c);
            let districts: Vec<&str> = item.districts.iter().map(|d| d.name).collect();
            result = writer
                .write_record([
                    item.slug.as_str(),
                    &item.title,
                    &item.summary,
                    item.kind,
                    item.phase,
                    if item.city_wide { "true" } else { "false" },
                    &districts.join("; "),
                    item.topic,
                    &item.organising_unit,
                    &item.information_starts_at,
                    &item.starts_at,
                    &item.ends_at,
                    item.report_published_at.as_deref().unwrap_or(""),
                    &item.url,
                ])
                .map_err(|e| e.to_string());
        }
        if done {
            break;
        }
    }
    let bytes = result.and_then(|()| writer.into_inner().map_err(|e| e.to_string())).map_err(|error| {
        tracing::error!(%error, "open data CSV failed");
        ApiError::Internal
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"consultations.csv\""),
        ],
        bytes,
    )
        .into_response())
}

pub async fn detail_json(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response, ApiError> {
    let Some(detail) = storage::find(&state.db, &slug, now()).await? else {
        return Ok((StatusCode::NOT_FOUND, Json(json!({ "error": "no such consultation" }))).into_response());
    };
    let mut value = serde_json::to_value(Item::from(detail.summary)).unwrap_or_default();
    value["body_html"] = json!(detail.body_html);
    Ok(Json(value).into_response())
}

/// A remark as open data: authors as shown publicly, hidden and withdrawn remarks as
/// placeholders without their text, pending ones left out.
#[derive(Serialize)]
struct RemarkItem {
    id: i64,
    parent_id: Option<i64>,
    unit: Option<String>,
    author: Option<String>,
    author_kind: &'static str,
    channel: &'static str,
    received_at: String,
    created_at: String,
    edited_at: Option<String>,
    state: &'static str,
    text: Option<String>,
    moderation_reason: Option<String>,
    supports: i64,
}

/// The public remarks of a consultation: every one, oldest first, with their source
/// text (markdown) when they are visible.
async fn remark_items(state: &AppState, slug: &str) -> Result<Option<Vec<RemarkItem>>, ApiError> {
    use app::consultations::remarks::{model::Author, storage as remarks};
    let now = now();
    let Some(target) = remarks::target(&state.db, slug, now).await? else {
        return Ok(None);
    };
    let sources = remarks::export_texts(&state.db, target.id).await?;
    let items = remarks::export(&state.db, target.id, now)
        .await?
        .into_iter()
        .map(|r| {
            let visible = r.state == app::domain::remark::RemarkState::Visible;
            RemarkItem {
                id: r.id,
                parent_id: r.parent_id,
                unit: r.unit_anchor.clone(),
                author: r.author.display().map(str::to_owned),
                author_kind: match &r.author {
                    Author::Person { .. } => "person",
                    Author::Organisation { kind, .. } => kind.code(),
                    Author::AsGiven { .. } => "as_given",
                },
                channel: r.channel.code(),
                received_at: rfc3339(r.received_at),
                created_at: rfc3339(r.created_at),
                edited_at: r.edited_at.map(rfc3339),
                state: r.state.code(),
                text: visible.then(|| sources.get(&r.id).cloned()).flatten(),
                moderation_reason: r.moderation_reason.clone(),
                supports: r.support_count,
            }
        })
        .collect();
    Ok(Some(items))
}

fn no_such_consultation() -> Response {
    (StatusCode::NOT_FOUND, Json(json!({ "error": "no such consultation" }))).into_response()
}

/// `GET /api/v1/consultations/{slug}/remarks`
pub async fn remarks_json(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response, ApiError> {
    let Some(items) = remark_items(&state, &slug).await? else {
        return Ok(no_such_consultation());
    };
    Ok(Json(json!({ "consultation": slug, "total": items.len(), "items": items })).into_response())
}

/// A CSV cell that a spreadsheet will not read as a formula.
pub(super) fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// `GET /api/v1/consultations/{slug}/remarks.csv`
pub async fn remarks_csv(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response, ApiError> {
    let Some(items) = remark_items(&state, &slug).await? else {
        return Ok(no_such_consultation());
    };
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let header = [
        "id",
        "parent_id",
        "unit",
        "author",
        "author_kind",
        "channel",
        "received_at",
        "created_at",
        "edited_at",
        "state",
        "text",
        "moderation_reason",
        "supports",
    ];
    let mut result = writer.write_record(header).map_err(|e| e.to_string());
    for r in &items {
        if result.is_err() {
            break;
        }
        result = writer
            .write_record([
                r.id.to_string(),
                r.parent_id.map(|p| p.to_string()).unwrap_or_default(),
                r.unit.clone().unwrap_or_default(),
                cell(r.author.as_deref().unwrap_or_default()),
                r.author_kind.to_owned(),
                r.channel.to_owned(),
                r.received_at.clone(),
                r.created_at.clone(),
                r.edited_at.clone().unwrap_or_default(),
                r.state.to_owned(),
                cell(r.text.as_deref().unwrap_or_default()),
                cell(r.moderation_reason.as_deref().unwrap_or_default()),
                r.supports.to_string(),
            ])
            .map_err(|e| e.to_string());
    }
    let bytes = result.and_then(|()| writer.into_inner().map_err(|e| e.to_string())).map_err(|error| {
        tracing::error!(%error, "remarks CSV failed");
        ApiError::Internal
    })?;
    let disposition = format!(
        "attachment; filename=\"remarks-{}.csv\"",
        slug.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "")
    );
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, disposition)],
        bytes,
    )
        .into_response())
}

/// `GET /consultations/{slug}/events.ics` (all events) and
/// `GET /consultations/{slug}/events/{id}.ics` (one).
pub async fn events_ics(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response, ApiError> {
    calendar_of(&state, &slug, None).await
}

pub async fn event_ics(
    State(state): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let Some(id) = file.strip_suffix(".ics").and_then(|id| id.parse::<i64>().ok()) else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    calendar_of(&state, &slug, Some(id)).await
}

async fn calendar_of(state: &AppState, slug: &str, only: Option<i64>) -> Result<Response, ApiError> {
    use app::events::{storage as calendar, Source};
    let Some(detail) = storage::find(&state.db, slug, now()).await? else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let entries: Vec<_> = calendar::of_consultation(&state.db, slug, now())
        .await?
        .into_iter()
        .filter(|e| only.is_none_or(|id| e.source == Source::Consultation(id)))
        .collect();
    if only.is_some() && entries.is_empty() {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let name = match only {
        Some(id) => format!("{slug}-{id}.ics"),
        None => format!("{slug}.ics"),
    };
    Ok(crate::events::ics(state, &detail.summary.title, &entries, &name, true))
}
