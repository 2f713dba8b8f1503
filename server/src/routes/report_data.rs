//! Published reports as open data: `GET /consultations/{slug}/report.csv` (every remark
//! with its answer, streamed in batches from the database: the file is never held whole
//! in memory), `GET /consultations/{slug}/report.json` (the whole report), both for the
//! latest version or `?version=N`, and `GET /reports.atom` (the latest published
//! versions of all reports).

use super::open_data::{rfc3339, ApiError};
use app::reports::document::ReportRow;
use app::reports::publish::{self, StoredVersion};
use app::state::{now, AppState};
use axum::{
    body::{Body, Bytes},
    extract::{Path, Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;
use std::collections::HashMap;

/// Rows read from the database for one chunk of the CSV.
const CSV_BATCH: i64 = 500;
/// Entries of the Atom feed.
/// `?version=N` (a positive whole number) or none; anything else is a 400.
fn version_of(query: &HashMap<String, String>) -> Result<Option<i64>, ApiError> {
    match query.get("version").map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse::<i64>().ok().filter(|n| *n > 0).map(Some).ok_or_else(|| ApiError::BadParameter {
            parameter: "version",
            message: "version must be a whole number from 1".to_owned(),
        }),
    }
}

async fn stored(
    state: &AppState,
    slug: &str,
    query: &HashMap<String, String>,
) -> Result<Option<StoredVersion>, ApiError> {
    let version = version_of(query)?;
    Ok(publish::find_version(&state.db, slug, version, now()).await?)
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, Json(json!({ "error": "no published report" }))).into_response()
}

const CSV_HEADER: [&str; 12] = [
    "remark_id",
    "reply_to",
    "received_at",
    "channel",
    "author",
    "unit",
    "unit_label",
    "remark",
    "hidden_reason",
    "decision",
    "justification",
    "url",
];

fn csv_record(writer: &mut csv::Writer<Vec<u8>>, row: &ReportRow, url: &str) -> csv::Result<()> {
    let unit_label = row.unit_anchor.as_deref().map(app::consultations::remarks::views::anchor_label);
    writer.write_record([
        row.remark_id.to_string().as_str(),
        &row.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        &rfc3339(row.received_at),
        row.channel.code(),
        &row.author,
        row.unit_anchor.as_deref().unwrap_or(""),
        unit_label.as_deref().unwrap_or(""),
        row.body_md.as_deref().unwrap_or(""),
        row.hidden_reason.as_deref().unwrap_or(""),
        row.decision.map_or("", |d| d.code()),
        &row.justification,
        &format!("{url}#r-{}", row.remark_id),
    ])
}

fn finish(writer: csv::Writer<Vec<u8>>) -> std::io::Result<Bytes> {
    writer.into_inner().map(Bytes::from).map_err(|e| std::io::Error::other(e.to_string()))
}

/// Where the CSV stream is: before the header, after a position, or finished.
enum Cursor {
    Start,
    After(i64),
    Done,
}

pub async fn report_csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let Some(version) = stored(&state, &slug, &query).await? else {
        return Ok(not_found());
    };
    let url = format!("{}/consultations/{slug}/report", state.settings.public_url.trim_end_matches('/'));
    let (db, report_id) = (state.db.clone(), version.report_id);
    // Fused: the compression layer may poll once more after the end.
    let chunks = futures_util::StreamExt::fuse(futures_util::stream::unfold(Cursor::Start, move |cursor| {
        let (db, url) = (db.clone(), url.clone());
        async move {
            let after = match cursor {
                Cursor::Done => return None,
                // A BOM so spreadsheet programs read Polish letters right.
                Cursor::Start => {
                    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
                    let chunk =
                        writer.write_record(CSV_HEADER).map_err(std::io::Error::other).and_then(|()| finish(writer));
                    return Some((chunk, Cursor::After(-1)));
                }
                Cursor::After(after) => after,
            };
            let rows = match publish::rows_after(&db, report_id, after, CSV_BATCH).await {
                Ok(rows) if rows.is_empty() => return None,
                Ok(rows) => rows,
                Err(e) => {
                    tracing::error!(error = %e, "report CSV failed");
                    return Some((Err(std::io::Error::other(e)), Cursor::Done));
                }
            };
            let last = rows.last().map_or(after, |(position, _)| *position);
            let next = if rows.len() < CSV_BATCH as usize { Cursor::Done } else { Cursor::After(last) };
            let mut writer = csv::Writer::from_writer(Vec::with_capacity(rows.len() * 512));
            let chunk = rows
                .iter()
                .try_for_each(|(_, row)| csv_record(&mut writer, row, &url))
                .map_err(std::io::Error::other)
                .and_then(|()| finish(writer));
            Some((chunk, next))
        }
    }));
    let file = format!("attachment; filename=\"report-{slug}-v{}.csv\"", version.version);
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, file)],
        Body::from_stream(chunks),
    )
        .into_response())
}

pub async fn report_json(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let Some(version) = stored(&state, &slug, &query).await? else {
        return Ok(not_found());
    };
    let model = publish::report(&state.db, version, &slug).await?;
    let url = format!("{}/consultations/{slug}/report", state.settings.public_url.trim_end_matches('/'));
    let f = &model.frozen;
    let remarks: Vec<_> = model
        .rows
        .iter()
        .map(|r| {
            json!({
                "remark_id": r.remark_id,
                "reply_to": r.parent_id,
                "received_at": rfc3339(r.received_at),
                "channel": r.channel.code(),
                "author": r.author,
                "unit": r.unit_anchor,
                "remark": r.body_md,
                "hidden_reason": r.hidden_reason,
                "decision": r.decision.map(|d| d.code()),
                "justification": r.justification,
            })
        })
        .collect();
    let counts = |pairs: Vec<(String, u64)>| -> Vec<serde_json::Value> {
        pairs.into_iter().map(|(key, remarks)| json!({ "key": key, "remarks": remarks })).collect()
    };
    let s = &f.stats;
    Ok(Json(json!({
        "consultation": {
            "slug": slug,
            "title": f.title,
            "kind": f.kind.slug(),
            "organising_unit": f.organising_unit,
            "information_starts_at": rfc3339(f.schedule.information_starts_at),
            "starts_at": rfc3339(f.schedule.starts_at),
            "ends_at": rfc3339(f.schedule.ends_at),
            "url": format!("{}/consultations/{slug}", state.settings.public_url.trim_end_matches('/')),
        },
        "version": model.version,
        "latest_version": model.latest,
        "published_at": rfc3339(model.published_at),
        "change_note": model.change_note,
        "override_reason": model.override_reason,
        "url": if model.version == model.latest { url } else { format!("{url}/{}", model.version) },
        "summary_html": model.narrative_html,
        "forms": { "online_remarks": f.online_remarks, "written_remarks": f.written_remarks },
        "events": f.events.iter().map(|e| json!({
            "kind": e.kind.code(),
            "starts_at": rfc3339(e.starts_at),
            "ends_at": rfc3339(e.ends_at),
            "place": e.place,
            "attendance": e.attendance,
        })).collect::<Vec<_>>(),
        "statistics": {
            "remarks": s.remarks,
            "people": s.people,
            "organisations": s.organisations,
            "by_channel": counts(s.by_channel.iter().map(|(c, n)| (c.code().to_owned(), *n)).collect()),
            "by_district": counts(s.by_district.iter().map(|(d, n)| (d.map_or_else(|| "unknown".to_owned(), |d| d.to_string()), *n)).collect()),
            "by_unit": counts(s.by_unit.iter().map(|(a, n)| (a.clone().unwrap_or_else(|| "whole".to_owned()), *n)).collect()),
            "per_day": counts(s.per_day.clone()),
        },
        "remarks": remarks,
        "adopted_act": model.adopted.as_ref().map(|a| json!({
            "title": a.title,
            "uploaded_at": rfc3339(a.uploaded_at),
            "units": a.units.iter().map(|u| json!({
                "unit": u.anchor,
                "label": u.label,
                "change": match u.change {
                    app::domain::act_diff::Change::Unchanged => "unchanged",
                    app::domain::act_diff::Change::Changed(_) => "changed",
                    app::domain::act_diff::Change::Added => "added",
                    app::domain::act_diff::Change::Removed => "removed",
                },
                "draft": u.draft,
                "final": u.final_text,
            })).collect::<Vec<_>>(),
        })),
        "versions": model.versions.iter().map(|v| json!({
            "version": v.version,
            "published_at": rfc3339(v.published_at),
            "change_note": v.change_note,
        })).collect::<Vec<_>>(),
    }))
    .into_response())
}
