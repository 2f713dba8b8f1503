//! Atom feeds (RFC 4287) of what the site publishes: consultations as they are
//! announced (`/consultations.atom`), final reports (`/reports.atom`) and DK-06's news
//! (`/news.atom`). Feed readers and the city's other sites follow them; each entry
//! links to its stable page.

use super::open_data::{rfc3339, ApiError};
use app::domain::warsaw_time;
use app::state::{now, AppState};
use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};

/// The most entries a feed carries.
const FEED_ENTRIES: i64 = 50;

/// One entry: its page (also its id), when it last changed, a plain-text summary.
struct Entry {
    title: String,
    link: String,
    updated: i64,
    published: Option<i64>,
    summary: String,
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The feed document; `self_path` is the feed's own address, `page` the page it mirrors.
fn atom(state: &AppState, title: &str, self_path: &str, page: &str, entries: &[Entry]) -> Response {
    let base = state.settings.public_url.trim_end_matches('/');
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or_else(now);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"pl\">\n\
         <title>{}</title>\n<id>{base}{self_path}</id>\n\
         <link rel=\"self\" href=\"{base}{self_path}\"/>\n<link href=\"{base}{}\"/>\n\
         <updated>{}</updated>\n<author><name>Urząd Miasta Krakowa</name></author>\n",
        xml_escape(title),
        xml_escape(page),
        rfc3339(updated)
    );
    for e in entries {
        let link = xml_escape(&format!("{base}{}", e.link));
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{link}</id>\n<link href=\"{link}\"/>\n<updated>{}</updated>\n",
            xml_escape(&e.title),
            rfc3339(e.updated)
        ));
        if let Some(published) = e.published {
            xml.push_str(&format!("<published>{}</published>\n", rfc3339(published)));
        }
        xml.push_str(&format!("<summary>{}</summary>\n</entry>\n", xml_escape(&e.summary)));
    }
    xml.push_str("</feed>\n");
    ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], xml).into_response()
}

/// `GET /reports.atom`: final reports and their new versions, newest first.
pub async fn reports_atom(State(state): State<AppState>) -> Result<Response, ApiError> {
    let rows = app::reports::publish::feed(&state.db, now(), FEED_ENTRIES).await?;
    let entries: Vec<Entry> = rows
        .into_iter()
        .map(|(slug, title, version, published_at, change_note)| Entry {
            title: format!("{title} (wersja {version})"),
            link: format!("/consultations/{slug}/report/{version}"),
            updated: published_at,
            published: Some(published_at),
            summary: if change_note.is_empty() {
                format!("Raport końcowy, opublikowany {}.", warsaw_time::iso_date(published_at))
            } else {
                format!("Wersja {version}: {change_note}")
            },
        })
        .collect();
    Ok(atom(
        &state,
        "Raporty z konsultacji – Kraków",
        "/reports.atom",
        "/consultations?phase=report_published",
        &entries,
    ))
}

/// `GET /consultations.atom`: consultations as they are announced, newest first.
pub async fn consultations_atom(State(state): State<AppState>) -> Result<Response, ApiError> {
    let rows = app::consultations::storage::feed(&state.db, now(), FEED_ENTRIES).await?;
    let entries: Vec<Entry> = rows
        .into_iter()
        .map(|c| Entry {
            link: format!("/consultations/{}", c.slug),
            updated: c.updated_at.max(c.information_starts_at),
            published: Some(c.information_starts_at),
            summary: format!(
                "Uwagi od {} do {}. {}",
                warsaw_time::iso_date(c.starts_at),
                warsaw_time::iso_date(c.ends_at),
                c.summary
            ),
            title: c.title,
        })
        .collect();
    Ok(atom(&state, "Konsultacje społeczne – Kraków", "/consultations.atom", "/consultations", &entries))
}

/// `GET /news.atom`: published posts, newest first (scheduled ones appear when due).
pub async fn news_atom(State(state): State<AppState>) -> Result<Response, ApiError> {
    let rows = app::news::storage::feed(&state.db, now(), FEED_ENTRIES).await?;
    let entries: Vec<Entry> = rows
        .into_iter()
        .map(|(post, updated)| Entry {
            link: format!("/news/{}", post.slug),
            updated,
            published: Some(post.published_at),
            summary: post.lead,
            title: post.title,
        })
        .collect();
    Ok(atom(&state, "Aktualności – Kraków w Dialogu", "/news.atom", "/news", &entries))
}
