//! The newsletter's tables (server only): subscriptions and their confirmation,
//! the candidates a digest chooses from, and the week's claims that keep a digest
//! from going twice.

use super::digest::{Area, Candidate, Kind};
use super::{DigestCounts, Interest, LinkState, Subscription};
use crate::accounts::tokens::{digest as sha256, random_token};
use crate::db::Db;
use crate::domain::topic::Topic;
use crate::i18n::Locale;
use std::collections::HashMap;

/// What a subscription form led to; the handler answers the same either way and only
/// the mail differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subscribed {
    /// A new subscription waiting for the link in this token's mail.
    New { confirm_token: String },
    /// Still unconfirmed: the choices were replaced and a fresh link made.
    Pending { confirm_token: String },
    /// Confirmed before; nothing changed (a stranger must not change someone's choices).
    Confirmed { unsubscribe_token: String },
}

/// Writes come first in each transaction: SQLite cannot turn a transaction that has
/// read into one that writes while another connection writes (it fails at once).
pub async fn subscribe(db: &Db, s: &Subscription, now: i64) -> Result<Subscribed, sqlx::Error> {
    let existing: Option<(i64, Option<i64>, String)> =
        sqlx::query_as("select id, confirmed_at, unsubscribe_token from newsletter_subscriptions where email = $1")
            .bind(&s.email)
            .fetch_optional(db)
            .await?;
    if let Some((_, Some(_), unsubscribe_token)) = existing {
        return Ok(Subscribed::Confirmed { unsubscribe_token });
    }
    let mut tx = db.begin().await?;
    let confirm_token = random_token();
    let outcome = match existing {
        Some((id, _, _)) => {
            sqlx::query(
                "update newsletter_subscriptions set locale = $1, city_wide = $2, confirm_token_hash = $3, \
                 confirm_sent_at = $4 where id = $5 and confirmed_at is null",
            )
            .bind(s.locale.tag())
            .bind(i64::from(s.interest.city_wide))
            .bind(sha256(&confirm_token))
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("delete from newsletter_districts where subscription_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("delete from newsletter_topics where subscription_id = $1").bind(id).execute(&mut *tx).await?;
            (id, Subscribed::Pending { confirm_token })
        }
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "insert into newsletter_subscriptions (email, locale, city_wide, confirm_token_hash, confirm_sent_at, \
                 unsubscribe_token, created_at) values ($1, $2, $3, $4, $5, $6, $5) returning id",
            )
            .bind(&s.email)
            .bind(s.locale.tag())
            .bind(i64::from(s.interest.city_wide))
            .bind(sha256(&confirm_token))
            .bind(now)
            .bind(random_token())
            .fetch_one(&mut *tx)
            .await?;
            (id, Subscribed::New { confirm_token })
        }
    };
    let (id, outcome) = outcome;
    for district in &s.interest.districts {
        sqlx::query("insert into newsletter_districts (subscription_id, district) values ($1, $2)")
            .bind(id)
            .bind(i64::from(*district))
            .execute(&mut *tx)
            .await?;
    }
    for topic in &s.interest.topics {
        sqlx::query("insert into newsletter_topics (subscription_id, topic) values ($1, $2)")
            .bind(id)
            .bind(topic.slug())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(outcome)
}

/// Where a confirmation link stands.
pub async fn link_state(db: &Db, token: &str) -> Result<LinkState, sqlx::Error> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("select confirmed_at from newsletter_subscriptions where confirm_token_hash = $1")
            .bind(sha256(token))
            .fetch_optional(db)
            .await?;
    Ok(match row {
        None => LinkState::Unknown,
        Some((None,)) => LinkState::Pending,
        Some((Some(_),)) => LinkState::Confirmed,
    })
}

/// Confirms the subscription the link names; what it was before tells the page what to
/// say (a second click changes nothing).
pub async fn confirm(db: &Db, token: &str, now: i64) -> Result<LinkState, sqlx::Error> {
    let done = sqlx::query(
        "update newsletter_subscriptions set confirmed_at = $1 where confirm_token_hash = $2 and confirmed_at is null",
    )
    .bind(now)
    .bind(sha256(token))
    .execute(db)
    .await?;
    if done.rows_affected() == 1 {
        Ok(LinkState::Pending)
    } else {
        link_state(db, token).await
    }
}

pub async fn unsubscribe_is_live(db: &Db, token: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("select id from newsletter_subscriptions where unsubscribe_token = $1")
        .bind(token)
        .fetch_optional(db)
        .await?;
    Ok(row.is_some())
}

/// Deletes the subscription (its choices and its digests' claims go with it).
pub async fn unsubscribe(db: &Db, token: &str) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    for table in ["newsletter_digests", "newsletter_districts", "newsletter_topics"] {
        sqlx::query(&format!(
            "delete from {table} where subscription_id in \
             (select id from newsletter_subscriptions where unsubscribe_token = $1)"
        ))
        .bind(token)
        .execute(&mut *tx)
        .await?;
    }
    let done = sqlx::query("delete from newsletter_subscriptions where unsubscribe_token = $1")
        .bind(token)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// A confirmed subscriber still without this week's digest.
#[derive(Clone, Debug)]
pub struct Due {
    pub id: i64,
    pub email: String,
    pub locale: Locale,
    pub interest: Interest,
    pub unsubscribe_token: String,
    /// The previous digest (sent or found empty), else the confirmation.
    pub since: i64,
}

/// id, email, locale, city-wide, unsubscribe token, confirmed at, last digest.
type DueRow = (i64, String, String, i64, String, i64, Option<i64>);

pub async fn due(db: &Db, period: &str) -> Result<Vec<Due>, sqlx::Error> {
    let rows: Vec<DueRow> = sqlx::query_as(
        "select s.id, s.email, s.locale, s.city_wide, s.unsubscribe_token, s.confirmed_at, \
         (select max(d.composed_at) from newsletter_digests d where d.subscription_id = s.id) \
         from newsletter_subscriptions s where s.confirmed_at is not null and not exists ( \
             select 1 from newsletter_digests d where d.subscription_id = s.id and d.period = $1) \
         order by s.id",
    )
    .bind(period)
    .fetch_all(db)
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let districts: Vec<(i64, i64)> = sqlx::query_as(
        "select d.subscription_id, d.district from newsletter_districts d \
         join newsletter_subscriptions s on s.id = d.subscription_id where s.confirmed_at is not null",
    )
    .fetch_all(db)
    .await?;
    let topics: Vec<(i64, String)> = sqlx::query_as(
        "select t.subscription_id, t.topic from newsletter_topics t \
         join newsletter_subscriptions s on s.id = t.subscription_id where s.confirmed_at is not null",
    )
    .fetch_all(db)
    .await?;
    let mut by_id: HashMap<i64, Interest> = HashMap::new();
    for (id, d) in districts {
        by_id.entry(id).or_default().districts.push(u8::try_from(d).unwrap_or(0));
    }
    for (id, t) in topics {
        if let Some(topic) = Topic::parse(&t) {
            by_id.entry(id).or_default().topics.push(topic);
        }
    }
    Ok(rows
        .into_iter()
        .map(|(id, email, locale, city_wide, unsubscribe_token, confirmed_at, last)| {
            let mut interest = by_id.remove(&id).unwrap_or_default();
            interest.city_wide = city_wide == 1;
            interest.districts.sort_unstable();
            Due {
                id,
                email,
                locale: Locale::from_tag(&locale).unwrap_or_default(),
                interest,
                unsubscribe_token,
                since: last.unwrap_or(confirmed_at).max(confirmed_at),
            }
        })
        .collect())
}

/// Claims this week's digest of one subscriber, as `sending` or `empty`; false when
/// another sender has it already.
pub async fn claim(db: &Db, id: i64, period: &str, status: &str, items: usize, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "insert into newsletter_digests (subscription_id, period, status, composed_at, items) \
         values ($1, $2, $3, $4, $5) on conflict do nothing",
    )
    .bind(id)
    .bind(period)
    .bind(status)
    .bind(now)
    .bind(i64::try_from(items).unwrap_or(i64::MAX))
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The mail went: the claim becomes `sent`.
pub async fn mark_sent(db: &Db, id: i64, period: &str) -> Result<(), sqlx::Error> {
    sqlx::query("update newsletter_digests set status = 'sent' where subscription_id = $1 and period = $2")
        .bind(id)
        .bind(period)
        .execute(db)
        .await?;
    Ok(())
}

/// The mail server refused the message: the claim is dropped so a later run tries
/// again (it never reached the reader, so nothing goes twice).
pub async fn release(db: &Db, id: i64, period: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from newsletter_digests where subscription_id = $1 and period = $2 and status = 'sending'")
        .bind(id)
        .bind(period)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn counts(db: &Db, period: &str) -> Result<DigestCounts, sqlx::Error> {
    let (confirmed, pending): (i64, i64) =
        sqlx::query_as("select count(confirmed_at), count(*) - count(confirmed_at) from newsletter_subscriptions")
            .fetch_one(db)
            .await?;
    let (sent, empty): (i64, i64) = sqlx::query_as(
        "select coalesce(sum(case when status = 'sent' then 1 else 0 end), 0), \
         coalesce(sum(case when status = 'empty' then 1 else 0 end), 0) from newsletter_digests where period = $1",
    )
    .bind(period)
    .fetch_one(db)
    .await?;
    Ok(DigestCounts { confirmed, pending, sent, empty })
}

/// id, slug, title, topic, city-wide, starts, ends, report published.
type ConsultationRow = (i64, String, String, String, i64, i64, i64, Option<i64>);

/// Everything that may be news around `now`: a digest chooses from these. The span
/// covers the longest look back and the longest horizon.
pub async fn candidates(db: &Db, now: i64) -> Result<Vec<Candidate>, sqlx::Error> {
    use super::digest::{CLOSING_HORIZON, EVENT_HORIZON, MAX_LOOKBACK, PHASE_HORIZON};
    let (from, until) = (now - MAX_LOOKBACK, now + EVENT_HORIZON.max(CLOSING_HORIZON).max(PHASE_HORIZON));
    let mut out = Vec::new();

    let consultations: Vec<ConsultationRow> = sqlx::query_as(
        "select id, slug, title, topic, city_wide, starts_at, ends_at, report_published_at from consultations \
         where published_at is not null and ((starts_at > $1 and starts_at <= $2) or (ends_at > $1 and ends_at <= $2) \
             or (report_published_at > $1 and report_published_at <= $2) \
             or exists (select 1 from consultation_events e where e.consultation_id = consultations.id \
                 and e.starts_at > $1 and e.starts_at <= $2))",
    )
    .bind(from)
    .bind(until)
    .fetch_all(db)
    .await?;
    let areas: Vec<(i64, i64)> = sqlx::query_as(
        "select cd.consultation_id, cast(cd.district as bigint) from consultation_districts cd \
         join consultations c on c.id = cd.consultation_id where c.published_at is not null",
    )
    .fetch_all(db)
    .await?;
    let mut districts_of: HashMap<i64, Vec<u8>> = HashMap::new();
    for (id, d) in areas {
        districts_of.entry(id).or_default().push(u8::try_from(d).unwrap_or(0));
    }
    let mut by_id: HashMap<i64, (String, String, Area, Option<Topic>)> = HashMap::new();
    for (id, slug, title, topic, city_wide, starts, ends, report) in consultations {
        let area = if city_wide == 1 {
            Area::City
        } else {
            Area::Districts(districts_of.get(&id).cloned().unwrap_or_default())
        };
        let topic = Topic::parse(&topic);
        let path = format!("/consultations/{slug}");
        let mut push = |kind, at, path: String| {
            out.push(Candidate { kind, at, title: title.clone(), path, area: area.clone(), topic, phase: None });
        };
        push(Kind::Opened, starts, path.clone());
        push(Kind::ClosingSoon, ends, path.clone());
        if let Some(at) = report {
            push(Kind::Report, at, format!("{path}/report"));
        }
        by_id.insert(id, (slug, title, area, topic));
    }

    let meetings: Vec<(i64, i64, String)> = sqlx::query_as(
        "select consultation_id, starts_at, place from consultation_events where starts_at > $1 and starts_at <= $2",
    )
    .bind(from)
    .bind(until)
    .fetch_all(db)
    .await?;
    for (consultation, at, place) in meetings {
        if let Some((slug, title, area, topic)) = by_id.get(&consultation) {
            out.push(Candidate {
                kind: Kind::Event,
                at,
                title: format!("{title}: {place}"),
                path: format!("/consultations/{slug}#events"),
                area: area.clone(),
                topic: *topic,
                phase: None,
            });
        }
    }
    let city_events: Vec<(String, i64, String, Option<i64>)> = sqlx::query_as(
        "select title, starts_at, place, district from city_events where starts_at > $1 and starts_at <= $2",
    )
    .bind(from)
    .bind(until)
    .fetch_all(db)
    .await?;
    for (title, at, place, district) in city_events {
        let area = district.map_or(Area::City, |d| Area::Districts(vec![u8::try_from(d).unwrap_or(0)]));
        let path = district.map_or_else(|| "/events".to_owned(), |d| format!("/events?district={d}"));
        out.push(Candidate {
            kind: Kind::Event,
            at,
            title: format!("{title}: {place}"),
            path,
            area,
            topic: None,
            phase: None,
        });
    }

    let editions: Vec<(i64, i64, i64, i64, i64, i64)> = sqlx::query_as(
        "select year, submission_starts, protests_start, voting_starts, results_start, final_list_starts \
         from budget_editions",
    )
    .fetch_all(db)
    .await?;
    for (year, submission, protests, voting, results, final_list) in editions {
        use crate::domain::budget::Phase;
        for (phase, at) in [
            (Phase::Submission, submission),
            (Phase::Protests, protests),
            (Phase::FinalList, final_list),
            (Phase::Voting, voting),
            (Phase::Results, results),
        ] {
            if at > from && at <= until {
                out.push(Candidate {
                    kind: Kind::BudgetPhase,
                    at,
                    title: year.to_string(),
                    path: format!("/budget/{year}"),
                    area: Area::City,
                    topic: None,
                    phase: Some(phase),
                });
            }
        }
    }

    let news: Vec<(String, String, i64, Option<i64>)> = sqlx::query_as(
        "select slug, title, publish_at, district from news_posts where publish_at > $1 and publish_at <= $2",
    )
    .bind(from)
    .bind(now)
    .fetch_all(db)
    .await?;
    for (slug, title, at, district) in news {
        let area = district.map_or(Area::City, |d| Area::Districts(vec![u8::try_from(d).unwrap_or(0)]));
        out.push(Candidate {
            kind: Kind::News,
            at,
            title,
            path: format!("/news/{slug}"),
            area,
            topic: None,
            phase: None,
        });
    }
    Ok(out)
}
