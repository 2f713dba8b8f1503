//! Open data of a civic-budget vote once its results are published:
//! `GET /api/v1/budget/{year}/results` (JSON: the digest, the seed, turnout and every
//! pool ranked), `.csv` (one row per project), and the anonymised ballots of each pool
//! with its results as a Pabulib file, `GET /api/v1/budget/{year}/ballots/{pool}.pb`
//! (`city` or 1–18), which `server recount` reads.

use super::open_data::{cell, ApiError};
use app::budget::voting::{self, Results};
use app::domain::district::District;
use app::state::AppState;
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;

fn not_found(message: String) -> Response {
    (StatusCode::NOT_FOUND, Json(json!({ "error": message }))).into_response()
}

async fn published(state: &AppState, year: i64) -> Result<Result<Results, Response>, ApiError> {
    Ok(voting::results(&state.db, year)
        .await?
        .ok_or_else(|| not_found(format!("the results of the civic budget {year} are not published"))))
}

/// `GET /api/v1/budget/{year}/results`: the published results, with the digest.
pub async fn results_json(State(state): State<AppState>, Path(year): Path<i64>) -> Result<Response, ApiError> {
    Ok(match published(&state, year).await? {
        Ok(results) => Json(results).into_response(),
        Err(response) => response,
    })
}

/// `GET /api/v1/budget/{year}/results.csv`: one row per project, UTF-8 with BOM.
pub async fn results_csv(State(state): State<AppState>, Path(year): Path<i64>) -> Result<Response, ApiError> {
    let results = match published(&state, year).await? {
        Ok(results) => results,
        Err(response) => return Ok(response),
    };
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let header = ["pool", "rank", "number", "title", "cost_grosze", "points", "voters", "funded", "drawn"];
    let mut outcome = writer.write_record(header);
    for pool in &results.pools {
        let name = pool.district.map_or_else(|| "city".to_owned(), |d| d.to_string());
        for p in &pool.projects {
            outcome = outcome.and_then(|()| {
                writer.write_record([
                    name.clone(),
                    p.rank.to_string(),
                    cell(&p.number),
                    cell(&p.title),
                    p.cost.to_string(),
                    p.points.to_string(),
                    p.voters.to_string(),
                    u8::from(p.funded).to_string(),
                    u8::from(p.drawn).to_string(),
                ])
            });
        }
    }
    let bytes = outcome.and_then(|()| writer.into_inner().map_err(|e| e.into_error().into())).map_err(|e| {
        tracing::error!(error = %e, "results CSV failed");
        ApiError::Internal
    })?;
    let name = format!("attachment; filename=\"budget-{year}-results.csv\"");
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, name)], bytes)
        .into_response())
}

/// `GET /api/v1/budget/{year}/ballots/{pool}.pb` (`city` or 1–18): the anonymised
/// ballots of a pool with its published results, in the Pabulib format.
pub async fn ballots_pb(
    State(state): State<AppState>,
    Path((year, file)): Path<(i64, String)>,
) -> Result<Response, ApiError> {
    let results = match published(&state, year).await? {
        Ok(results) => results,
        Err(response) => return Ok(response),
    };
    let pool = match file.strip_suffix(".pb") {
        Some("city") => None,
        Some(n) => match n.parse::<u8>().ok().filter(|d| (1..=18).contains(d)) {
            Some(d) => Some(d),
            None => return Ok(not_found(format!("no pool {n}: city or 1–18"))),
        },
        None => return Ok(not_found("ballots are served as {pool}.pb".to_owned())),
    };
    let files = voting::pabulib_files(&state.db, year, Some(&results)).await?;
    let wanted = pool.and_then(District::new).map(District::name);
    let Some(found) = files.into_iter().find(|f| f.meta("district") == wanted) else {
        return Ok(not_found("this pool has no projects".to_owned()));
    };
    let name = format!("attachment; filename=\"krakow-{year}-{}\"", file.replace(['"', '/', '\\'], ""));
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, name)],
        found.write(),
    )
        .into_response())
}
