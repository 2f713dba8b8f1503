//! News posts in the database: the editors' writes, the public pages, the banner and
//! the feed. A post is public once its `publish_at` has passed; until then only
//! editors see it.

use super::{Banner, EditorialLine, NewsDetail, NewsDraft, NewsInput, NewsPage, NewsSummary, PAGE_SIZE};
use crate::consultations::editor::format_local;
use crate::db::Db;
use crate::domain::district::District;

/// Why a post could not be stored as asked (a problem code under its field).
pub type Refusal = (&'static str, &'static str);

/// The consultation and the edition the draft names, as ids, or which one is unknown.
async fn links(db: &Db, draft: &NewsDraft) -> Result<Result<Option<i64>, Refusal>, sqlx::Error> {
    if let Some(year) = draft.budget_year {
        let edition: Option<(i64,)> =
            sqlx::query_as("select year from budget_editions where year = $1").bind(year).fetch_optional(db).await?;
        if edition.is_none() {
            return Ok(Err(("budget_year", "choose_one")));
        }
    }
    let Some(slug) = &draft.consultation else { return Ok(Ok(None)) };
    let found: Option<(i64,)> =
        sqlx::query_as("select id from consultations where slug = $1").bind(slug).fetch_optional(db).await?;
    Ok(found.map(|(id,)| Some(id)).ok_or(("consultation", "choose_one")))
}

fn taken(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

const TAKEN: Refusal = ("slug", "news_slug_taken");

/// Stores a new post; its id, or why not.
pub async fn create(db: &Db, draft: &NewsDraft, by: i64, now: i64) -> Result<Result<i64, Refusal>, sqlx::Error> {
    let consultation_id = match links(db, draft).await? {
        Ok(id) => id,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let (banner_text, banner_until) = banner_columns(draft);
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "insert into news_posts (slug, title, lead, body_md, publish_at, banner_text, banner_until, consultation_id, \
             budget_year, district, created_by, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) returning id",
    )
    .bind(&draft.slug)
    .bind(&draft.title)
    .bind(&draft.lead)
    .bind(&draft.body_md)
    .bind(draft.publish_at)
    .bind(banner_text)
    .bind(banner_until)
    .bind(consultation_id)
    .bind(draft.budget_year)
    .bind(draft.district.map(|d| i64::from(d.number())))
    .bind(by)
    .bind(now)
    .fetch_one(db)
    .await;
    match inserted {
        Ok((id,)) => Ok(Ok(id)),
        Err(error) if taken(&error) => Ok(Err(TAKEN)),
        Err(error) => Err(error),
    }
}

fn banner_columns(draft: &NewsDraft) -> (String, Option<i64>) {
    match &draft.banner {
        Some((text, until)) => (text.clone(), Some(*until)),
        None => (String::new(), None),
    }
}

/// Replaces a post's content; `Ok(Ok(false))` when there is no such post.
pub async fn update(db: &Db, id: i64, draft: &NewsDraft, now: i64) -> Result<Result<bool, Refusal>, sqlx::Error> {
    let consultation_id = match links(db, draft).await? {
        Ok(id) => id,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let (banner_text, banner_until) = banner_columns(draft);
    let updated = sqlx::query(
        "update news_posts set slug = $1, title = $2, lead = $3, body_md = $4, publish_at = $5, banner_text = $6, \
             banner_until = $7, consultation_id = $8, budget_year = $9, district = $10, updated_at = $11 \
         where id = $12",
    )
    .bind(&draft.slug)
    .bind(&draft.title)
    .bind(&draft.lead)
    .bind(&draft.body_md)
    .bind(draft.publish_at)
    .bind(banner_text)
    .bind(banner_until)
    .bind(consultation_id)
    .bind(draft.budget_year)
    .bind(draft.district.map(|d| i64::from(d.number())))
    .bind(now)
    .bind(id)
    .execute(db)
    .await;
    match updated {
        Ok(done) => Ok(Ok(done.rows_affected() == 1)),
        Err(error) if taken(&error) => Ok(Err(TAKEN)),
        Err(error) => Err(error),
    }
}

/// Deletes a post; whether there was one.
pub async fn delete(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("delete from news_posts where id = $1").bind(id).execute(db).await?.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct PostRow {
    slug: String,
    title: String,
    lead: String,
    body_md: String,
    publish_at: Option<i64>,
    banner_text: String,
    banner_until: Option<i64>,
    consultation: Option<String>,
    budget_year: Option<i64>,
    district: Option<i64>,
}

const POST_COLUMNS: &str = "p.slug, p.title, p.lead, p.body_md, p.publish_at, p.banner_text, p.banner_until, \
     c.slug as consultation, p.budget_year, p.district";

/// A post as its editor's form shows it.
pub async fn load(db: &Db, id: i64) -> Result<Option<NewsInput>, sqlx::Error> {
    let row: Option<PostRow> = sqlx::query_as(&format!(
        "select {POST_COLUMNS} from news_posts p left join consultations c on c.id = p.consultation_id where p.id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|p| NewsInput {
        title: p.title,
        slug: p.slug,
        lead: p.lead,
        body: p.body_md,
        publish_at: p.publish_at.map(format_local).unwrap_or_default(),
        banner_text: p.banner_text,
        banner_until: p.banner_until.map(format_local).unwrap_or_default(),
        consultation: p.consultation.unwrap_or_default(),
        budget_year: p.budget_year.map(|y| y.to_string()).unwrap_or_default(),
        district: p.district.map(|d| d.to_string()).unwrap_or_default(),
    }))
}

/// Every post, drafts and scheduled ones first, then the newest published.
pub async fn editorial_list(db: &Db, now: i64) -> Result<Vec<EditorialLine>, sqlx::Error> {
    type Row = (i64, String, String, Option<i64>, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "select id, title, slug, publish_at, banner_until from news_posts \
         order by case when publish_at is null then 0 else 1 end, publish_at desc, id desc limit 500",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, slug, publish_at, banner_until)| EditorialLine {
            id,
            title,
            slug,
            publish_at,
            live: publish_at.is_some_and(|at| at <= now),
            banner_until: banner_until.filter(|until| *until > now),
        })
        .collect())
}

/// The consultations a post may concern (published ones) and the budget's editions.
pub async fn link_choices(db: &Db) -> Result<(Vec<(String, String)>, Vec<i64>), sqlx::Error> {
    let consultations: Vec<(String, String)> = sqlx::query_as(
        "select slug, title from consultations where published_at is not null order by starts_at desc, id desc limit 300",
    )
    .fetch_all(db)
    .await?;
    let years: Vec<(i64,)> =
        sqlx::query_as("select year from budget_editions order by year desc").fetch_all(db).await?;
    Ok((consultations, years.into_iter().map(|(y,)| y).collect()))
}

/// One page (from 1) of published posts, newest first.
pub async fn published_page(db: &Db, page: i64, now: i64) -> Result<NewsPage, sqlx::Error> {
    let (total,): (i64,) =
        sqlx::query_as("select count(*) from news_posts where publish_at <= $1").bind(now).fetch_one(db).await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let items = summaries(db, now, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    Ok(NewsPage { items, page, pages })
}

async fn summaries(db: &Db, now: i64, limit: i64, offset: i64) -> Result<Vec<NewsSummary>, sqlx::Error> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "select slug, title, lead, publish_at from news_posts where publish_at <= $1 \
         order by publish_at desc, id desc limit $2 offset $3",
    )
    .bind(now)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, title, lead, published_at)| NewsSummary { slug, title, lead, published_at })
        .collect())
}

/// The newest published posts that concern a consultation (for its page).
pub async fn of_consultation(db: &Db, consultation: &str, now: i64) -> Result<Vec<NewsSummary>, sqlx::Error> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "select p.slug, p.title, p.lead, p.publish_at from news_posts p join consultations c on c.id = p.consultation_id \
         where c.slug = $1 and p.publish_at <= $2 order by p.publish_at desc, p.id desc limit 5",
    )
    .bind(consultation)
    .bind(now)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, title, lead, published_at)| NewsSummary { slug, title, lead, published_at })
        .collect())
}

/// A published post by its slug.
pub async fn find_published(db: &Db, slug: &str, now: i64) -> Result<Option<NewsDetail>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        slug: String,
        title: String,
        lead: String,
        body_md: String,
        publish_at: i64,
        updated_at: i64,
        consultation_slug: Option<String>,
        consultation_title: Option<String>,
        budget_year: Option<i64>,
        district: Option<i64>,
    }
    let row: Option<Row> = sqlx::query_as(
        "select p.id, p.slug, p.title, p.lead, p.body_md, p.publish_at, p.updated_at, c.slug as consultation_slug, \
             c.title as consultation_title, p.budget_year, p.district \
         from news_posts p left join consultations c on c.id = p.consultation_id and c.published_at is not null \
         where p.slug = $1 and p.publish_at <= $2",
    )
    .bind(slug)
    .bind(now)
    .fetch_optional(db)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let media = crate::media::storage::list(db, crate::media::Parent::News(r.id)).await?;
    Ok(Some(NewsDetail {
        media,
        body_html: crate::markdown::render_from(&r.body_md, 2),
        summary: NewsSummary { slug: r.slug, title: r.title, lead: r.lead, published_at: r.publish_at },
        consultation: r.consultation_slug.zip(r.consultation_title),
        budget_year: r.budget_year,
        district: r.district.and_then(|d| u8::try_from(d).ok()).and_then(District::new),
        updated_at: r.updated_at,
    }))
}

/// The banner running now: of the published posts whose banner has not ended, the
/// most recently published.
pub async fn active_banner(db: &Db, now: i64) -> Result<Option<Banner>, sqlx::Error> {
    let row: Option<(String, String)> = sqlx::query_as(
        "select banner_text, slug from news_posts \
         where banner_until > $1 and publish_at <= $1 and banner_text <> '' \
         order by publish_at desc, id desc limit 1",
    )
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(text, slug)| Banner { text, slug }))
}

/// The newest published posts for the Atom feed, with when each last changed.
pub async fn feed(db: &Db, now: i64, limit: i64) -> Result<Vec<(NewsSummary, i64)>, sqlx::Error> {
    let rows: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
        "select slug, title, lead, publish_at, updated_at from news_posts where publish_at <= $1 \
         order by publish_at desc, id desc limit $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, title, lead, published_at, updated_at)| {
            (NewsSummary { slug, title, lead, published_at }, updated_at.max(published_at))
        })
        .collect())
}
