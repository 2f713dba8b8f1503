//! The routes of uploads: adding a picture or document to a consultation (DK-04), to a
//! civic-budget project or a local-initiative application (their owner, while a
//! draft), removing one, and fetching a stored file, each request asking the rule book.

use super::store::{is_key, Store};
use super::{keep, prepare, Limits, Refusal};
use crate::accounts::{internal, record, render, require, see_other, session_of, FormData, SharedServices};
use crate::consultations::with_done;
use app::accounts::audit::Event;
use app::accounts::authz::{decide, Action};
use app::accounts::forms::FormFeedback;
use app::accounts::model::CurrentUser;
use app::media::storage::{self, Access};
use app::media::{check_alts, MediaItem, Parent};
use app::state::{now, AppState};
use axum::{
    body::Body,
    extract::{FromRequest, Path, Request, State},
    http::{header, request::Parts, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};
use serde_json::json;

/// The largest request an upload route accepts: the largest file (25 MB) and the form
/// around it. A file over its own limit but within this one is read to its end and
/// refused with a message next to the field, the rest of the form kept.
pub const UPLOAD_BODY_LIMIT: usize = 32 << 20;

/// The routes whose forms carry files: they take bodies up to [`UPLOAD_BODY_LIMIT`].
pub const UPLOAD_ROUTES: [&str; 5] = [
    "/moderation/consultations/{id}/media",
    "/editorial/news/{id}/media",
    "/budget/projects/{id}/media",
    "/initiatives/applications/{id}/media",
    "/moderation/consultations/{id}/remarks",
];

/// The most a text field of an upload form may hold.
const TEXT_FIELD_LIMIT: usize = 16 << 10;

/// A file as a form sent it: the field, the name the browser gave, the bytes; `over`
/// when it was larger than `Limits::document_bytes` (its bytes were dropped as they came).
pub struct SentFile {
    pub field: String,
    pub name: String,
    pub bytes: Vec<u8>,
    pub over: bool,
}

/// A form that may carry files: its text fields and its files (the first of each field).
pub struct UploadForm {
    pub fields: FormData,
    pub files: Vec<SentFile>,
}

impl<S: Send + Sync> FromRequest<S> for UploadForm {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let Ok(boundary) = multer::parse_boundary(content_type) else {
            // A form without a file (or a client that sent none) is an ordinary form.
            let fields = FormData::from_request(request, state).await?;
            return Ok(UploadForm { fields, files: Vec::new() });
        };
        let cap = Limits::default().document_bytes;
        let too_large = || StatusCode::PAYLOAD_TOO_LARGE.into_response();
        let mut multipart = multer::Multipart::new(request.into_body().into_data_stream(), boundary);
        let mut form = UploadForm { fields: FormData(Vec::new()), files: Vec::new() };
        while let Some(mut field) = multipart.next_field().await.map_err(|_| too_large())? {
            let name = field.name().unwrap_or_default().to_owned();
            match field.file_name().map(str::to_owned) {
                Some(file_name) if !form.files.iter().any(|f| f.field == name) => {
                    let mut file = SentFile { field: name, name: file_name, bytes: Vec::new(), over: false };
                    while let Some(chunk) = field.chunk().await.map_err(|_| too_large())? {
                        if file.bytes.len() + chunk.len() > cap {
                            file.over = true;
                            file.bytes = Vec::new();
                        } else if !file.over {
                            file.bytes.extend_from_slice(&chunk);
                        }
                    }
                    // An empty input sends a part with no name and no bytes.
                    if !(file.name.is_empty() && file.bytes.is_empty() && !file.over) {
                        form.files.push(file);
                    }
                }
                Some(_) => while field.chunk().await.map_err(|_| too_large())?.is_some() {},
                None => {
                    let mut text = Vec::new();
                    while let Some(chunk) = field.chunk().await.map_err(|_| too_large())? {
                        text.extend_from_slice(&chunk);
                        if text.len() > TEXT_FIELD_LIMIT {
                            return Err(too_large());
                        }
                    }
                    form.fields.0.push((name, String::from_utf8_lossy(&text).into_owned()));
                }
            }
        }
        Ok(form)
    }
}

/// Why the file of a form's field cannot be used.
pub enum FileProblem {
    /// Refused: the problem's code, shown next to the field.
    Refused(&'static str),
    /// The store or the database failed (logged).
    Internal,
}

/// The file of the form's field `field`: just sent (checked, processed and stored,
/// unattached and `me`'s), or one received before and sent back by its id
/// (`<field>_pending`, still unattached and `me`'s); `None` if neither came.
pub async fn file_of(
    state: &AppState,
    store: &Store,
    me: &CurrentUser,
    form: &mut UploadForm,
    field: &str,
) -> Result<Option<MediaItem>, FileProblem> {
    if let Some(at) = form.files.iter().position(|f| f.field == field) {
        let file = form.files.swap_remove(at);
        if file.over {
            return Err(FileProblem::Refused(Refusal::TooLarge.code()));
        }
        let prepared = prepare(file.bytes, Limits::default()).await.map_err(|r| FileProblem::Refused(r.code()))?;
        return keep(&state.db, store, prepared, &file.name, me.id, now()).await.map(Some).map_err(|e| {
            tracing::error!(error = %e, "cannot keep an upload");
            FileProblem::Internal
        });
    }
    let pending = form.fields.get(&format!("{field}_pending"));
    if pending.is_empty() {
        return Ok(None);
    }
    match storage::pending(&state.db, &pending, me.id).await {
        Ok(Some(item)) => Ok(Some(item)),
        Ok(None) => Err(FileProblem::Refused("upload_missing")),
        Err(_) => Err(FileProblem::Internal),
    }
}

/// The form's feedback naming a file already received, so that it is sent back.
pub fn keep_pending(feedback: FormFeedback, field: &str, item: &MediaItem) -> FormFeedback {
    feedback
        .value(&format!("{field}_pending"), &item.id)
        .value(&format!("{field}_pending_name"), &item.display_name)
        .value(&format!("{field}_pending_bytes"), &item.bytes.to_string())
}

/// The status of a refused file: 413 when too large, else 422.
pub fn refused_status(code: &str) -> StatusCode {
    if code == "upload_too_large" {
        StatusCode::PAYLOAD_TOO_LARGE
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// The page an upload form is on, and who may use it: DK-04 for a consultation; the
/// owner, while it is a draft, for a civic-budget project or an initiative application.
async fn guard(state: &AppState, parts: &Parts, parent: Parent) -> Result<(CurrentUser, String), Response> {
    let not_found =
        |page: String| async move { render(state, parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await };
    let owned = |table: &'static str, page: String| async move {
        let me = require(state, parts, Action::Participate, &page).await?;
        let row: Option<(i64, String)> = sqlx::query_as(&format!("select owner_id, status from {table} where id = $1"))
            .bind(parent.id())
            .fetch_optional(&state.db)
            .await
            .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())?;
        let Some((owner_id, status)) = row else { return Err(not_found(page).await) };
        if decide(Some(&me), Action::ManageOwnApplication { owner_id }).is_err() {
            return Err(render(state, parts, &page, FormFeedback::new("forbidden"), StatusCode::FORBIDDEN).await);
        }
        if status != "draft" {
            let feedback = FormFeedback::new("media").error("", "media_not_editable");
            return Err(render(state, parts, &page, feedback, StatusCode::CONFLICT).await);
        }
        Ok((me, page))
    };
    match parent {
        Parent::Consultation(id) => {
            let page = format!("/moderation/consultations/{id}");
            let me = require(state, parts, Action::Moderate, &page).await?;
            match app::consultations::backoffice::published_at(&state.db, id).await {
                Ok(Some(_)) => Ok((me, page)),
                Ok(None) => Err(not_found(page).await),
                Err(_) => Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
            }
        }
        Parent::BudgetProject(id) => owned("budget_projects", format!("/budget/projects/{id}/edit")).await,
        Parent::Initiative(id) => owned("initiatives", format!("/initiatives/applications/{id}")).await,
        Parent::News(id) => {
            let page = format!("/editorial/news/{id}");
            let me = require(state, parts, Action::Edit, &page).await?;
            match app::news::storage::load(&state.db, id).await {
                Ok(Some(_)) => Ok((me, page)),
                Ok(None) => Err(not_found(page).await),
                Err(_) => Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
            }
        }
        // A letter's scan comes with its remark (`moderation::enter_remark`), never alone.
        Parent::Remark(_) => Err(StatusCode::NOT_FOUND.into_response()),
    }
}

/// Adds a picture or document to `parent`. A picture without its Polish text
/// alternative is refused with the file kept (the form names it and sends its id back),
/// so it is never chosen twice; one never attached is collected after a day.
async fn add(
    state: AppState,
    services: SharedServices,
    parts: Parts,
    mut form: UploadForm,
    parent: Parent,
) -> Response {
    let (me, page) = match guard(&state, &parts, parent).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let alts = [form.fields.get("alt_pl"), form.fields.get("alt_en"), form.fields.get("alt_uk")];
    let mut feedback = FormFeedback::new("media");
    for (name, value) in ["alt_pl", "alt_en", "alt_uk"].iter().zip(&alts) {
        feedback = feedback.value(name, value);
    }
    let back = |feedback: FormFeedback, status| {
        let (state, parts, page) = (state.clone(), parts.clone(), format!("{page}#media-editor"));
        async move { render(&state, &parts, &page, feedback, status).await }
    };
    let upload = match file_of(&state, &services.media, &me, &mut form, "file").await {
        Ok(Some(item)) => Ok(item),
        Ok(None) => Err("upload_missing"),
        Err(FileProblem::Refused(code)) => Err(code),
        Err(FileProblem::Internal) => return internal(&state, &parts, &page, feedback).await,
    };
    let is_image = upload.as_ref().map_or(true, MediaItem::is_image);
    let problems = check_alts(is_image, [&alts[0], &alts[1], &alts[2]]);
    let item = match upload {
        Ok(item) if problems.is_empty() => item,
        Ok(item) => {
            feedback = keep_pending(feedback, "file", &item);
            for (field, code) in problems {
                feedback = feedback.error(field, code);
            }
            return back(feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Err(code) => {
            feedback = feedback.error("file", code);
            for (field, code) in problems.into_iter().filter(|(_, code)| *code != "alt_required") {
                feedback = feedback.error(field, code);
            }
            return back(feedback, refused_status(code)).await;
        }
    };
    let alts = [alts[0].as_str(), alts[1].as_str(), alts[2].as_str()];
    match storage::attach(&state.db, &item.id, me.id, parent, alts, now()).await {
        Ok(true) => {}
        Ok(false) => return back(feedback.error("file", "upload_missing"), StatusCode::CONFLICT).await,
        Err(_) => return internal(&state, &parts, &page, feedback).await,
    }
    let after = json!({ "media": item.id, "kind": item.kind, "name": item.display_name, "bytes": item.bytes });
    let event = Event {
        actor_id: Some(me.id),
        action: "media.add",
        object_type: parent.kind(),
        object_id: parent.id().to_string(),
        before: None,
        after: Some(after),
    };
    if let Err(response) = record(&state, event).await {
        return response;
    }
    see_other(&with_done(&page, "media_added", "media-editor"))
}

/// Removes an upload from `parent` and deletes its files no other upload uses.
async fn remove(state: AppState, services: SharedServices, parts: Parts, parent: Parent, id: String) -> Response {
    let (me, page) = match guard(&state, &parts, parent).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match storage::remove(&state.db, parent, &id).await {
        Ok(Some(orphans)) => {
            services.media.delete_all(&orphans).await;
            let event = Event {
                actor_id: Some(me.id),
                action: "media.remove",
                object_type: parent.kind(),
                object_id: parent.id().to_string(),
                before: Some(json!({ "media": id })),
                after: None,
            };
            if let Err(response) = record(&state, event).await {
                return response;
            }
            see_other(&with_done(&page, "media_removed", "media-editor"))
        }
        Ok(None) => render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => internal(&state, &parts, &page, FormFeedback::new("media")).await,
    }
}

/// `POST /moderation/consultations/{id}/media`.
pub async fn add_to_consultation(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path(id): Path<i64>,
    parts: Parts,
    form: UploadForm,
) -> Response {
    add(state, services, parts, form, Parent::Consultation(id)).await
}

/// `POST /editorial/news/{id}/media`.
pub async fn add_to_news(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path(id): Path<i64>,
    parts: Parts,
    form: UploadForm,
) -> Response {
    add(state, services, parts, form, Parent::News(id)).await
}

/// `POST /editorial/news/{id}/media/{media}/delete`.
pub async fn remove_from_news(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path((id, media)): Path<(i64, String)>,
    parts: Parts,
) -> Response {
    remove(state, services, parts, Parent::News(id), media).await
}

/// `POST /budget/projects/{id}/media`.
pub async fn add_to_project(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path(id): Path<i64>,
    parts: Parts,
    form: UploadForm,
) -> Response {
    add(state, services, parts, form, Parent::BudgetProject(id)).await
}

/// `POST /initiatives/applications/{id}/media`.
pub async fn add_to_initiative(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path(id): Path<i64>,
    parts: Parts,
    form: UploadForm,
) -> Response {
    add(state, services, parts, form, Parent::Initiative(id)).await
}

/// `POST /moderation/consultations/{id}/media/{media}/delete`.
pub async fn remove_from_consultation(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path((id, media)): Path<(i64, String)>,
    parts: Parts,
) -> Response {
    remove(state, services, parts, Parent::Consultation(id), media).await
}

/// `POST /budget/projects/{id}/media/{media}/delete`.
pub async fn remove_from_project(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path((id, media)): Path<(i64, String)>,
    parts: Parts,
) -> Response {
    remove(state, services, parts, Parent::BudgetProject(id), media).await
}

/// `POST /initiatives/applications/{id}/media/{media}/delete`.
pub async fn remove_from_initiative(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path((id, media)): Path<(i64, String)>,
    parts: Parts,
) -> Response {
    remove(state, services, parts, Parent::Initiative(id), media).await
}

/// `GET /media/{key}`: a stored file, if the rule book lets this person see one of the
/// uploads that use it (asked on every request; there is no link that works for
/// anyone else). Public files are cached for a year (their names never change what
/// they hold); others are never stored by a cache. Documents are downloaded, never
/// shown in the site's origin, under their name as uploaded.
pub async fn serve(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path(key): Path<String>,
    parts: Parts,
) -> Response {
    if !is_key(&key) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let holders = match storage::holders(&state.db, &key).await {
        Ok(holders) => holders,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let session = session_of(&parts);
    let at = now();
    let mut allowed = None;
    for holder in &holders {
        match storage::access(&state.db, holder, at).await {
            Ok(Access::Public) => {
                allowed = Some((holder, true));
                break;
            }
            Ok(Access::Private { owner_id, staff }) => {
                if allowed.is_none() && decide(session.user.as_ref(), Action::ReadFile { owner_id, staff }).is_ok() {
                    allowed = Some((holder, false));
                }
            }
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
    let Some((holder, public)) = allowed else {
        // Whether the file exists is nobody else's business; one signed out may be its
        // owner and is asked to sign in.
        if session.user.is_none() && !holders.is_empty() {
            return see_other(&format!(
                "/signin?next={}&reason=required",
                app::accounts::pages::url_encode(parts.uri.path())
            ));
        }
        return StatusCode::NOT_FOUND.into_response();
    };
    if parts.headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(&format!("\"{key}\"")) {
        return cached(StatusCode::NOT_MODIFIED.into_response(), &key, public);
    }
    let bytes = match services.media.get(&key).await {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            tracing::error!(key, store = %services.media.label, "a recorded file is missing from the store");
            return StatusCode::NOT_FOUND.into_response();
        }
        Err(e) => {
            tracing::error!(error = %e, key, "cannot read a stored file");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    let mime = match holder.format.as_str() {
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        _ => "image/jpeg",
    };
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if holder.format == "pdf" {
        if let Ok(value) = HeaderValue::from_str(&content_disposition(&holder.display_name)) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
    }
    cached(response, &key, public)
}

fn cached(mut response: Response, key: &str, public: bool) -> Response {
    let headers = response.headers_mut();
    let policy = if public { "public, max-age=31536000, immutable" } else { "private, no-store" };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    if let Ok(tag) = HeaderValue::from_str(&format!("\"{key}\"")) {
        headers.insert(header::ETAG, tag);
    }
    headers.insert(header::VARY, HeaderValue::from_static("cookie"));
    response
}

/// `attachment` with the uploaded name: an ASCII fallback (anything else becomes `_`)
/// and the exact name percent-encoded (RFC 6266), ending in `.pdf`.
pub fn content_disposition(name: &str) -> String {
    let name = if name.to_ascii_lowercase().ends_with(".pdf") { name.to_owned() } else { format!("{name}.pdf") };
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || " .-_()".contains(c) { c } else { '_' }).collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// Removes uploads never attached within a day, every hour, until the server stops.
pub async fn collect_garbage(state: AppState, store: Store, every: std::time::Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        match storage::collect_garbage(&state.db, now() - 86_400).await {
            Ok((0, _)) => {}
            Ok((removed, orphans)) => {
                store.delete_all(&orphans).await;
                tracing::info!(removed, files = orphans.len(), "removed uploads never attached");
            }
            Err(e) => tracing::error!(error = %e, "cannot collect unattached uploads"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_documents_name_is_safe_in_the_header_and_kept_in_full() {
        assert_eq!(
            content_disposition("Uchwała nr 1.pdf"),
            "attachment; filename=\"Uchwa_a nr 1.pdf\"; filename*=UTF-8''Uchwa%C5%82a%20nr%201.pdf"
        );
        let evil = content_disposition("a\";b=<script>.pdf");
        assert!(evil.starts_with("attachment; filename=\"a__b__script_.pdf\"; filename*=UTF-8''a%22%3Bb"), "{evil}");
        assert!(content_disposition("mapa").contains("filename=\"mapa.pdf\""));
    }
}
