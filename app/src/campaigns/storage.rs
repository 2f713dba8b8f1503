//! Campaigns in the database (server only): the editors' writes, the public page, and
//! the reach of a campaign's pages from the counted views.

use super::{stage, CampaignDetail, CampaignDraft, CampaignInput, CampaignLine, Item, ItemKind, Milestone};
use crate::db::Db;

/// Why a campaign could not be stored as asked (a problem code under its field).
pub type Refusal = (&'static str, &'static str);

const TAKEN: Refusal = ("slug", "campaign_slug_taken");

/// The first item the draft names that does not exist.
async fn missing_item(db: &Db, draft: &CampaignDraft) -> Result<Option<Refusal>, sqlx::Error> {
    for (kind, item) in &draft.items {
        let found: Option<(i64,)> = match kind {
            ItemKind::Consultation => {
                sqlx::query_as("select id from consultations where slug = $1").bind(item).fetch_optional(db).await?
            }
            ItemKind::News => {
                sqlx::query_as("select id from news_posts where slug = $1").bind(item).fetch_optional(db).await?
            }
            ItemKind::Event => {
                let id = item.parse::<i64>().unwrap_or(0);
                sqlx::query_as("select id from city_events where id = $1").bind(id).fetch_optional(db).await?
            }
        };
        if found.is_none() {
            return Ok(Some((kind.field(), "choose_one")));
        }
    }
    Ok(None)
}

fn taken(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

async fn write_parts(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    draft: &CampaignDraft,
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from campaign_milestones where campaign_id = $1").bind(id).execute(&mut **tx).await?;
    sqlx::query("delete from campaign_items where campaign_id = $1").bind(id).execute(&mut **tx).await?;
    for m in &draft.milestones {
        sqlx::query("insert into campaign_milestones (campaign_id, on_date, label) values ($1, $2, $3)")
            .bind(id)
            .bind(&m.on)
            .bind(&m.label)
            .execute(&mut **tx)
            .await?;
    }
    for (kind, item) in &draft.items {
        sqlx::query("insert into campaign_items (campaign_id, kind, item) values ($1, $2, $3)")
            .bind(id)
            .bind(kind.code())
            .bind(item)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Stores a new campaign with its milestones and items; its id, or why not.
pub async fn create(db: &Db, draft: &CampaignDraft, by: i64, now: i64) -> Result<Result<i64, Refusal>, sqlx::Error> {
    if let Some(refusal) = missing_item(db, draft).await? {
        return Ok(Err(refusal));
    }
    let mut tx = db.begin().await?;
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "insert into campaigns (slug, title, summary, starts_on, ends_on, created_by, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $7) returning id",
    )
    .bind(&draft.slug)
    .bind(&draft.title)
    .bind(&draft.summary)
    .bind(&draft.starts_on)
    .bind(&draft.ends_on)
    .bind(by)
    .bind(now)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok((id,)) => id,
        Err(error) if taken(&error) => return Ok(Err(TAKEN)),
        Err(error) => return Err(error),
    };
    write_parts(&mut tx, id, draft).await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// Replaces a campaign; `Ok(Ok(false))` when there is no such campaign.
pub async fn update(db: &Db, id: i64, draft: &CampaignDraft, now: i64) -> Result<Result<bool, Refusal>, sqlx::Error> {
    if let Some(refusal) = missing_item(db, draft).await? {
        return Ok(Err(refusal));
    }
    let mut tx = db.begin().await?;
    let updated = sqlx::query(
        "update campaigns set slug = $1, title = $2, summary = $3, starts_on = $4, ends_on = $5, updated_at = $6 \
         where id = $7",
    )
    .bind(&draft.slug)
    .bind(&draft.title)
    .bind(&draft.summary)
    .bind(&draft.starts_on)
    .bind(&draft.ends_on)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await;
    match updated {
        Ok(done) if done.rows_affected() == 0 => return Ok(Ok(false)),
        Ok(_) => {}
        Err(error) if taken(&error) => return Ok(Err(TAKEN)),
        Err(error) => return Err(error),
    }
    write_parts(&mut tx, id, draft).await?;
    tx.commit().await?;
    Ok(Ok(true))
}

pub async fn delete(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("delete from campaign_milestones where campaign_id = $1").bind(id).execute(&mut *tx).await?;
    sqlx::query("delete from campaign_items where campaign_id = $1").bind(id).execute(&mut *tx).await?;
    let done = sqlx::query("delete from campaigns where id = $1").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

type Row = (i64, String, String, String, String, String);

async fn row_where(db: &Db, column: &str, value: &str) -> Result<Option<Row>, sqlx::Error> {
    let sql = format!("select id, slug, title, summary, starts_on, ends_on from campaigns where {column} = $1");
    let query = sqlx::query_as(&sql);
    let query = if column == "id" { query.bind(value.parse::<i64>().unwrap_or(0)) } else { query.bind(value) };
    query.fetch_optional(db).await
}

async fn parts(db: &Db, id: i64) -> Result<(Vec<Milestone>, Vec<(ItemKind, String)>), sqlx::Error> {
    let milestones: Vec<(String, String)> =
        sqlx::query_as("select on_date, label from campaign_milestones where campaign_id = $1 order by on_date, label")
            .bind(id)
            .fetch_all(db)
            .await?;
    let items: Vec<(String, String)> =
        sqlx::query_as("select kind, item from campaign_items where campaign_id = $1 order by kind, item")
            .bind(id)
            .fetch_all(db)
            .await?;
    Ok((
        milestones.into_iter().map(|(on, label)| Milestone { on, label }).collect(),
        items.into_iter().filter_map(|(k, item)| ItemKind::parse(&k).map(|k| (k, item))).collect(),
    ))
}

/// The campaign as its form shows it.
pub async fn load(db: &Db, id: i64) -> Result<Option<CampaignInput>, sqlx::Error> {
    let Some((id, slug, title, summary, starts_on, ends_on)) = row_where(db, "id", &id.to_string()).await? else {
        return Ok(None);
    };
    let (milestones, items) = parts(db, id).await?;
    let of = |kind: ItemKind| items.iter().filter(|(k, _)| *k == kind).map(|(_, v)| v.clone()).collect();
    Ok(Some(CampaignInput {
        title,
        slug,
        summary,
        starts_on,
        ends_on,
        milestones: milestones.iter().map(|m| format!("{} {}", m.on, m.label)).collect::<Vec<_>>().join("\n"),
        consultations: of(ItemKind::Consultation),
        news: of(ItemKind::News),
        events: of(ItemKind::Event),
    }))
}

/// Views of `paths` by path and day, within the days given.
async fn views(db: &Db, paths: &[String], from: &str, to: &str) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (0..paths.len()).map(|i| format!("${}", i + 3)).collect();
    let sql = format!(
        "select path, day, views from page_views where day >= $1 and day <= $2 and path in ({}) order by day",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as(&sql).bind(from).bind(to);
    for path in paths {
        query = query.bind(path);
    }
    query.fetch_all(db).await
}

async fn title_of(db: &Db, kind: ItemKind, item: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = match kind {
        ItemKind::Consultation => {
            sqlx::query_as("select title from consultations where slug = $1 and published_at is not null")
                .bind(item)
                .fetch_optional(db)
                .await?
        }
        ItemKind::News => {
            sqlx::query_as("select title from news_posts where slug = $1 and publish_at is not null")
                .bind(item)
                .fetch_optional(db)
                .await?
        }
        ItemKind::Event => {
            sqlx::query_as("select title from city_events where id = $1")
                .bind(item.parse::<i64>().unwrap_or(0))
                .fetch_optional(db)
                .await?
        }
    };
    Ok(row.map(|(t,)| t))
}

async fn detail_of(db: &Db, row: Row, today: &str) -> Result<CampaignDetail, sqlx::Error> {
    let (id, slug, title, summary, starts_on, ends_on) = row;
    let (milestones, grouped) = parts(db, id).await?;
    let own = format!("/campaigns/{slug}");
    let mut paths: Vec<String> = grouped.iter().map(|(k, item)| k.path(item)).collect();
    paths.push(own.clone());
    let counted = views(db, &paths, &starts_on, &ends_on).await?;
    let total = |path: &str| counted.iter().filter(|(p, _, _)| p == path).map(|(_, _, n)| n).sum::<i64>();
    let mut items = Vec::new();
    for (kind, item) in grouped {
        let Some(item_title) = title_of(db, kind, &item).await? else { continue };
        let path = kind.path(&item);
        let href = match kind {
            ItemKind::Event => "/events".to_owned(),
            _ => path.clone(),
        };
        items.push(Item { kind, views: total(&path), item, title: item_title, href });
    }
    let mut by_day: Vec<(String, i64)> = Vec::new();
    for (_, day, n) in &counted {
        match by_day.last_mut() {
            Some((last, sum)) if last == day => *sum += n,
            _ => by_day.push((day.clone(), *n)),
        }
    }
    Ok(CampaignDetail {
        id,
        stage: stage(&starts_on, &ends_on, today),
        page_views: total(&own),
        slug,
        title,
        summary,
        starts_on,
        ends_on,
        milestones,
        items,
        by_day,
        today: today.to_owned(),
    })
}

pub async fn detail(db: &Db, id: i64, today: &str) -> Result<Option<CampaignDetail>, sqlx::Error> {
    match row_where(db, "id", &id.to_string()).await? {
        Some(row) => Ok(Some(detail_of(db, row, today).await?)),
        None => Ok(None),
    }
}

pub async fn by_slug(db: &Db, slug: &str, today: &str) -> Result<Option<CampaignDetail>, sqlx::Error> {
    match row_where(db, "slug", slug).await? {
        Some(row) => Ok(Some(detail_of(db, row, today).await?)),
        None => Ok(None),
    }
}

/// Every campaign, running and upcoming first, with its reach so far.
pub async fn list(db: &Db, today: &str) -> Result<Vec<CampaignLine>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "select id, slug, title, summary, starts_on, ends_on from campaigns order by starts_on desc, id desc",
    )
    .fetch_all(db)
    .await?;
    let mut lines = Vec::new();
    for row in rows {
        let d = detail_of(db, row, today).await?;
        let views = d.page_views + d.items.iter().map(|i| i.views).sum::<i64>();
        lines.push(CampaignLine {
            id: d.id,
            slug: d.slug,
            title: d.title,
            starts_on: d.starts_on,
            ends_on: d.ends_on,
            stage: d.stage,
            views,
        });
    }
    lines.sort_by_key(|l| l.stage == super::Stage::Ended);
    Ok(lines)
}

/// What a campaign may group: published consultations, posts, the calendar's own
/// events, the newest of each.
pub async fn choices(db: &Db) -> Result<Vec<(ItemKind, String, String)>, sqlx::Error> {
    let limit = i64::try_from(super::MAX_ITEMS).unwrap_or(50);
    let consultations: Vec<(String, String)> = sqlx::query_as(
        "select slug, title from consultations where published_at is not null order by starts_at desc, id desc limit $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    let news: Vec<(String, String)> = sqlx::query_as(
        "select slug, title from news_posts order by coalesce(publish_at, created_at) desc, id desc limit $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    let events: Vec<(i64, String, i64)> =
        sqlx::query_as("select id, title, starts_at from city_events order by starts_at desc, id desc limit $1")
            .bind(limit)
            .fetch_all(db)
            .await?;
    let mut out: Vec<(ItemKind, String, String)> =
        consultations.into_iter().map(|(slug, title)| (ItemKind::Consultation, slug, title)).collect();
    out.extend(news.into_iter().map(|(slug, title)| (ItemKind::News, slug, title)));
    out.extend(events.into_iter().map(|(id, title, at)| {
        (ItemKind::Event, id.to_string(), format!("{title} ({})", crate::domain::warsaw_time::iso_date(at)))
    }));
    Ok(out)
}
