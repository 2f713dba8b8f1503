//! Open data of the local initiative register: `GET /api/v1/initiatives` (JSON, with the
//! current year's pool) and `.csv`. Registered applications only, without the names of
//! the people who applied; `?status=` filters (a status we don't know is a 400).

use super::open_data::{cell, rfc3339, ApiError};
use app::domain::initiative_flow::Status;
use app::initiatives::model::InitiativeSummary;
use app::initiatives::storage;
use app::state::{now, AppState};
use axum::{
    extract::{Query, State},
    http::header,
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
    status: &'static str,
    applicant_kind: &'static str,
    organisation: Option<String>,
    district: Option<u8>,
    scope: Option<String>,
    cost_grosze: Option<i64>,
    city_cost_grosze: Option<i64>,
    submitted_at: Option<String>,
    remedy_deadline: Option<String>,
}

fn item(s: InitiativeSummary, site: &str) -> Item {
    Item {
        url: format!("{}{}", site.trim_end_matches('/'), s.public_path().unwrap_or_default()),
        number: s.number.unwrap_or_default(),
        title: s.title,
        status: s.status.code(),
        applicant_kind: s.kind.code(),
        organisation: s.organisation,
        district: s.district,
        scope: s.scope,
        cost_grosze: s.cost,
        city_cost_grosze: s.city_cost,
        submitted_at: s.submitted_at.map(rfc3339),
        remedy_deadline: s.remedy_deadline.map(rfc3339),
    }
}

async fn items(state: &AppState, query: &HashMap<String, String>) -> Result<Vec<Item>, ApiError> {
    let status = match query.get("status").map(String::as_str) {
        None | Some("") => None,
        Some(code) => Some(Status::parse(code).filter(|s| s.is_public()).ok_or_else(|| ApiError::BadParameter {
            parameter: "status",
            message: "status must be one of the register's statuses, e.g. submitted or accepted".to_owned(),
        })?),
    };
    let list = storage::register(&state.db, status, None).await?;
    Ok(list.into_iter().map(|s| item(s, &state.settings.public_url)).collect())
}

/// `GET /api/v1/initiatives`
pub async fn list_json(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let items = items(&state, &query).await?;
    let year = storage::warsaw_date(now()).0;
    let pool = storage::pool(&state.db, i64::from(year)).await?;
    let pool = json!({
        "year": pool.year,
        "pool_grosze": pool.pool,
        "used_grosze": pool.used,
        "remaining_grosze": pool.remaining(),
    });
    Ok(Json(json!({ "total": items.len(), "pool": pool, "items": items })).into_response())
}

/// `GET /api/v1/initiatives.csv`
pub async fn list_csv(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let items = items(&state, &query).await?;
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let header = [
        "number",
        "title",
        "status",
        "applicant_kind",
        "organisation",
        "district",
        "scope",
        "cost_grosze",
        "city_cost_grosze",
        "submitted_at",
        "remedy_deadline",
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
            i.status,
            i.applicant_kind,
            &cell(i.organisation.as_deref().unwrap_or("")),
            &i.district.map(|d| d.to_string()).unwrap_or_default(),
            i.scope.as_deref().unwrap_or(""),
            &number(i.cost_grosze),
            &number(i.city_cost_grosze),
            i.submitted_at.as_deref().unwrap_or(""),
            i.remedy_deadline.as_deref().unwrap_or(""),
            &i.url,
        ]);
    }
    let bytes = result.map_err(|e| e.to_string()).and_then(|()| writer.into_inner().map_err(|e| e.to_string()));
    let bytes = bytes.map_err(|error| {
        tracing::error!(%error, "initiatives CSV failed");
        ApiError::Internal
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"initiatives.csv\""),
        ],
        bytes,
    )
        .into_response())
}
