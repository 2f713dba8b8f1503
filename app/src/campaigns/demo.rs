//! The demo campaign of DK-06: the civic budget's vote, grouping its news post, the
//! consultation open now and the calendar's next events, with milestones.

use super::storage::create;
use super::{CampaignDraft, ItemKind, Milestone};
use crate::db::Db;
use crate::domain::warsaw_time::iso_date;

const DAY: i64 = 86_400;

/// Adds the campaign once (nothing when any campaign exists, or without the demo
/// editor); how many were added.
pub async fn load(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let (existing,): (i64,) = sqlx::query_as("select count(*) from campaigns").fetch_one(db).await?;
    if existing > 0 {
        return Ok(0);
    }
    let editor: Option<(i64,)> =
        sqlx::query_as("select id from users where email = 'redaktor@demo.krakow.pl'").fetch_optional(db).await?;
    let Some((editor,)) = editor else { return Ok(0) };
    let mut items: Vec<(ItemKind, String)> = Vec::new();
    let news: Vec<(String,)> =
        sqlx::query_as("select slug from news_posts where budget_year is not null and publish_at <= $1 limit 1")
            .bind(now)
            .fetch_all(db)
            .await?;
    items.extend(news.into_iter().map(|(slug,)| (ItemKind::News, slug)));
    let open: Vec<(String,)> = sqlx::query_as(
        "select slug from consultations where published_at is not null and starts_at <= $1 and ends_at > $1 \
         order by starts_at desc limit 1",
    )
    .bind(now)
    .fetch_all(db)
    .await?;
    items.extend(open.into_iter().map(|(slug,)| (ItemKind::Consultation, slug)));
    let events: Vec<(i64,)> =
        sqlx::query_as("select id from city_events where starts_at > $1 order by starts_at limit 2")
            .bind(now)
            .fetch_all(db)
            .await?;
    items.extend(events.into_iter().map(|(id,)| (ItemKind::Event, id.to_string())));
    let draft = CampaignDraft {
        title: "Głosuj w budżecie obywatelskim".to_owned(),
        slug: "glosuj-w-budzecie-obywatelskim".to_owned(),
        summary: "Wszystko o głosowaniu w jednym miejscu: jak głosować, gdzie są punkty do głosowania i kiedy poznamy wyniki."
            .to_owned(),
        starts_on: iso_date(now - 3 * DAY),
        ends_on: iso_date(now + 10 * DAY),
        milestones: vec![
            Milestone { on: iso_date(now - 3 * DAY), label: "Start kampanii i głosowania".to_owned() },
            Milestone { on: iso_date(now + 2 * DAY), label: "Dzień otwarty punktów do głosowania".to_owned() },
            Milestone { on: iso_date(now + 10 * DAY), label: "Koniec kampanii".to_owned() },
        ],
        items,
    };
    Ok(usize::from(create(db, &draft, editor, now).await?.is_ok()))
}
