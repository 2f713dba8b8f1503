//! Open data of a civic-budget edition: `GET /api/v1/budget/{year}/projects` (JSON, with
//! the edition's phase and pools) and `.csv`. Submitted projects only, without the
//! names of resident applicants (an NGO or council is named). The catalogue's filters
//! apply: `pool` (`city` or 1–18), `status`, `topic`, `cost_min`, `cost_max` (złoty)
//! and `q`; a value we don't understand is a 400 naming the parameter.

use super::open_data::{cell, rfc3339, ApiError};
use app::budget::model::{is_public, Filter, ProjectSummary};
use app::budget::{projects, storage};
use app::domain::budget::ProjectStatus;
use app::domain::district::District;
use app::domain::topic::Topic;
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

#[derive(Serialize)]
struct Item {
    number: String,
    url: String,
    title: String,
    summary: String,
    status: &'static str,
    applicant_kind: &'static str,
    organisation: Option<String>,
    /// `None` for a city-wide project.
    district: Option<u8>,
    topic: Option<String>,
    cost_grosze: Option<i64>,
    verified_cost_grosze: Option<i64>,
    unit: Option<String>,
    submitted_at: Option<String>,
}

fn item(s: ProjectSummary, site: &str) -> Item {
    Item {
        url: format!("{}{}", site.trim_end_matches('/'), s.href()),
        number: s.number().unwrap_or_default(),
        status: s.status.code(),
        applicant_kind: s.kind.code(),
        submitted_at: s.submitted_at.map(rfc3339),
        title: s.title,
        summary: s.summary,
        organisation: s.organisation,
        district: s.district,
        topic: s.topic,
        cost_grosze: s.cost,
        verified_cost_grosze: s.verified_cost,
        unit: s.unit,
    }
}

fn bad(parameter: &'static str, message: &str) -> ApiError {
    ApiError::BadParameter { parameter, message: message.to_owned() }
}

/// The filters of the query string; a value we don't understand is refused.
fn filter(query: &HashMap<String, String>) -> Result<Filter, ApiError> {
    let given = |name: &str| query.get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let whole = |name: &'static str| -> Result<Option<i64>, ApiError> {
        given(name)
            .map(|v| {
                v.parse::<i64>()
                    .ok()
                    .filter(|n| *n >= 0)
                    .ok_or_else(|| bad(name, "a whole number of złoty, e.g. 50000"))
            })
            .transpose()
    };
    let pool = given("pool");
    if pool.as_deref().is_some_and(|p| p != "city" && District::parse(p).is_none()) {
        return Err(bad("pool", "pool must be city or a district number from 1 to 18"));
    }
    let status = given("status");
    if status.as_deref().is_some_and(|s| !ProjectStatus::parse(s).is_some_and(is_public)) {
        return Err(bad("status", "status must be one of the projects' statuses, e.g. submitted or on_ballot"));
    }
    let topic = given("topic");
    if topic.as_deref().is_some_and(|t| Topic::parse(t).is_none()) {
        return Err(bad("topic", "topic must be one of the topics, e.g. greenery or transport"));
    }
    Ok(Filter {
        pool,
        status,
        topic,
        cost_min: whole("cost_min")?,
        cost_max: whole("cost_max")?,
        q: given("q").map(|q| q.chars().take(200).collect()),
        page: 1,
    })
}

async fn items(state: &AppState, year: i64, query: &HashMap<String, String>) -> Result<Option<Vec<Item>>, ApiError> {
    let filter = filter(query)?;
    if storage::edition(&state.db, year).await?.is_none() {
        return Ok(None);
    }
    let list = projects::matching(&state.db, year, &filter).await?;
    Ok(Some(list.into_iter().map(|s| item(s, &state.settings.public_url)).collect()))
}

fn not_found(year: i64) -> Response {
    (StatusCode::NOT_FOUND, Json(json!({ "error": format!("no civic-budget edition {year}") }))).into_response()
}

/// `GET /api/v1/budget/{year}/projects`
pub async fn list_json(
    State(state): State<AppState>,
    Path(year): Path<i64>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let Some(items) = items(&state, year, &query).await? else {
        return Ok(not_found(year));
    };
    let edition = storage::edition_view(&state.db, year, now()).await?;
    let edition = edition.map(|e| {
        json!({
            "year": e.year,
            "phase": e.phase,
            "calendar": e.calendar,
            "city_pool_grosze": e.pools.city_wide,
            "district_pools_grosze": e.pools.districts,
        })
    });
    Ok(Json(json!({ "edition": edition, "total": items.len(), "items": items })).into_response())
}

/// `GET /api/v1/budget/{year}/projects.csv`
pub async fn list_csv(
    State(state): State<AppState>,
    Path(year): Path<i64>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let Some(items) = items(&state, year, &query).await? else {
        return Ok(not_found(year));
    };
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let header = [
        "number",
        "title",
        "summary",
        "status",
        "applicant_kind",
        "organisation",
        "district",
        "topic",
        "cost_grosze",
        "verified_cost_grosze",
        "unit",
        "submitted_at",
        "url",
    ];
    let mut result = writer.write_record(header);
    for i in items {
        if result.is_err() {
            break;
        }
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        result = writer.write_record([
            i.number.as_str(),
            &cell(&i.title),
            &cell(&i.summary),
            i.status,
            i.applicant_kind,
            &cell(i.organisation.as_deref().unwrap_or("")),
            &i.district.map(|d| d.to_string()).unwrap_or_default(),
            i.topic.as_deref().unwrap_or(""),
            &number(i.cost_grosze),
            &number(i.verified_cost_grosze),
            &cell(i.unit.as_deref().unwrap_or("")),
            i.submitted_at.as_deref().unwrap_or(""),
            &i.url,
        ]);
    }
    let bytes = result.map_err(|e| e.to_string()).and_then(|()| writer.into_inner().map_err(|e| e.to_string()));
    let bytes = bytes.map_err(|error| {
        tracing::error!(%error, "budget projects CSV failed");
        ApiError::Internal
    })?;
    let name = format!("attachment; filename=\"budget-{year}-projects.csv\"");
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, name)], bytes)
        .into_response())
}
