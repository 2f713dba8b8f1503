//! Page views counted on the server (server only): a count per path and Warsaw day,
//! kept in memory and added to `page_views` in one transaction a minute. Nothing about
//! the reader is kept: no cookie, no address, no agent. Counts of the last minute are
//! lost if the process is killed; that is the price of not writing on every request.

use crate::db::Db;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Distinct (path, day) pairs held between writes; beyond it new paths wait for the
/// next minute (a crawler walking a million addresses cannot grow memory).
const MAX_KEYS: usize = 20_000;

#[derive(Clone, Default)]
pub struct PageViews {
    counts: Arc<Mutex<HashMap<(String, String), i64>>>,
}

impl std::fmt::Debug for PageViews {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PageViews")
    }
}

impl PageViews {
    /// A counter written to `db` every `every`, for the life of the runtime.
    pub fn start(db: Db, every: std::time::Duration) -> Self {
        let views = PageViews::default();
        let writer = views.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(error) = writer.flush(&db).await {
                    tracing::warn!(%error, "cannot write page views");
                }
            }
        });
        views
    }

    /// Counts one view of `path` at the instant `now`.
    pub fn record(&self, path: &str, now: i64) {
        let day = crate::domain::warsaw_time::iso_date(now);
        let mut counts = self.counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let key = (path.to_owned(), day);
        if counts.len() >= MAX_KEYS && !counts.contains_key(&key) {
            return;
        }
        *counts.entry(key).or_insert(0) += 1;
    }

    /// Adds what was counted since the last write to the table; on failure the counts
    /// are put back for the next try.
    pub async fn flush(&self, db: &Db) -> Result<(), sqlx::Error> {
        let taken = std::mem::take(&mut *self.counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        if taken.is_empty() {
            return Ok(());
        }
        match write(db, &taken).await {
            Ok(()) => Ok(()),
            Err(error) => {
                let mut counts = self.counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                for (key, n) in taken {
                    *counts.entry(key).or_insert(0) += n;
                }
                Err(error)
            }
        }
    }
}

async fn write(db: &Db, counts: &HashMap<(String, String), i64>) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    for ((path, day), n) in counts {
        sqlx::query(
            "insert into page_views (path, day, views) values ($1, $2, $3) \
             on conflict (path, day) do update set views = page_views.views + excluded.views",
        )
        .bind(path)
        .bind(day)
        .bind(*n)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// Whether a page's view is one to count: a public page of a campaign, a consultation,
/// a post, or an event's calendar file. Everything else (staff pages, assets, feeds,
/// server functions) is not counted.
pub fn counted(path: &str) -> bool {
    let mut parts = path.trim_start_matches('/').split('/');
    let (first, second, rest) = (parts.next(), parts.next(), parts.next());
    match (first, second, rest) {
        (Some("campaigns" | "consultations" | "news"), Some(slug), None) => crate::consultations::editor::is_slug(slug),
        (Some("events"), Some(file), None) => {
            file.strip_suffix(".ics").and_then(|k| k.strip_prefix('e')).is_some_and(|n| n.parse::<u64>().is_ok())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_pages_a_campaign_can_group_are_counted() {
        for path in ["/campaigns/glosuj", "/consultations/park-zakrzowek", "/news/glosowanie", "/events/e12.ics"] {
            assert!(counted(path), "{path}");
        }
        for path in [
            "/",
            "/news",
            "/news.atom",
            "/consultations/park/report",
            "/events/c3.ics",
            "/editorial/news/3",
            "/pkg/dialog.js",
            "/news/Wielkie",
        ] {
            assert!(!counted(path), "{path}");
        }
    }

    #[test]
    fn views_are_kept_per_path_and_warsaw_day() {
        let views = PageViews::default();
        // 2026-12-06 23:30 and 2026-12-07 00:30 Warsaw time (UTC+1).
        views.record("/news/a", 1_796_596_200);
        views.record("/news/a", 1_796_596_200);
        views.record("/news/a", 1_796_599_800);
        let counts = views.counts.lock().unwrap();
        assert_eq!(counts.get(&("/news/a".to_owned(), "2026-12-06".to_owned())), Some(&2));
        assert_eq!(counts.get(&("/news/a".to_owned(), "2026-12-07".to_owned())), Some(&1));
    }
}
