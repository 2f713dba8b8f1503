//! Following a consultation or a district (server only): who follows what, the
//! unsubscribe tokens, and which notices (opened, closed, report published) are due.
//! A notice is claimed by inserting its row first, so with several app instances each
//! notice still goes out once.

use crate::accounts::tokens::random_token;
use crate::db::Db;

/// What someone follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Followed {
    Consultation(i64),
    District(u8),
}

/// Starts following; returns `false` when the person follows it already.
pub async fn follow(db: &Db, user_id: i64, what: Followed, now: i64) -> Result<bool, sqlx::Error> {
    let (consultation, district) = columns(what);
    let done = sqlx::query(
        "insert into follows (user_id, consultation_id, district, unsubscribe_token, created_at) \
         values ($1, $2, $3, $4, $5) on conflict do nothing",
    )
    .bind(user_id)
    .bind(consultation)
    .bind(district)
    .bind(random_token())
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn unfollow(db: &Db, user_id: i64, what: Followed) -> Result<bool, sqlx::Error> {
    let done = match what {
        Followed::Consultation(id) => {
            sqlx::query("delete from follows where user_id = $1 and consultation_id = $2").bind(user_id).bind(id)
        }
        Followed::District(d) => {
            sqlx::query("delete from follows where user_id = $1 and district = $2").bind(user_id).bind(i64::from(d))
        }
    }
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn is_following(db: &Db, user_id: i64, what: Followed) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = match what {
        Followed::Consultation(id) => {
            sqlx::query_as("select id from follows where user_id = $1 and consultation_id = $2").bind(user_id).bind(id)
        }
        Followed::District(d) => sqlx::query_as("select id from follows where user_id = $1 and district = $2")
            .bind(user_id)
            .bind(i64::from(d)),
    }
    .fetch_optional(db)
    .await?;
    Ok(row.is_some())
}

fn columns(what: Followed) -> (Option<i64>, Option<i64>) {
    match what {
        Followed::Consultation(id) => (Some(id), None),
        Followed::District(d) => (None, Some(i64::from(d))),
    }
}

/// Ends the follow that a mailed unsubscribe token names; `false` if it is gone already.
pub async fn unsubscribe(db: &Db, token: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("delete from follows where unsubscribe_token = $1").bind(token).execute(db).await?;
    Ok(done.rows_affected() == 1)
}

/// Whether a mailed unsubscribe token still names a follow.
pub async fn token_is_live(db: &Db, token: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("select id from follows where unsubscribe_token = $1").bind(token).fetch_optional(db).await?;
    Ok(row.is_some())
}

/// A notice that became due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeEvent {
    Open,
    Close,
    Report,
}

impl NoticeEvent {
    pub fn code(self) -> &'static str {
        match self {
            NoticeEvent::Open => "open",
            NoticeEvent::Close => "close",
            NoticeEvent::Report => "report",
        }
    }
}

/// One mail to send: to whom, about which consultation, and the link that ends the
/// follow that caused it.
#[derive(Clone, Debug)]
pub struct Notice {
    pub event: NoticeEvent,
    pub email: String,
    pub slug: String,
    pub title: String,
    pub unsubscribe_token: String,
}

/// Claims every notice that became due in the last `window` seconds and returns the
/// mails to send. Older events are never announced (a new follower is not told what
/// happened last year). Each follower gets one mail per notice, even when they follow
/// both the consultation and one of its districts.
pub async fn claim_due(db: &Db, now: i64, window: i64) -> Result<Vec<Notice>, sqlx::Error> {
    let mut notices = Vec::new();
    for (event, column) in [
        (NoticeEvent::Open, "starts_at"),
        (NoticeEvent::Close, "ends_at"),
        (NoticeEvent::Report, "report_published_at"),
    ] {
        let sql = format!(
            "select c.id, c.slug, c.title from consultations c \
             where c.published_at is not null and c.{column} <= $1 and c.{column} > $2 \
             and not exists (select 1 from consultation_notices n where n.consultation_id = c.id and n.event = $3)"
        );
        let due: Vec<(i64, String, String)> =
            sqlx::query_as(&sql).bind(now).bind(now - window).bind(event.code()).fetch_all(db).await?;
        for (id, slug, title) in due {
            let claimed = sqlx::query(
                "insert into consultation_notices (consultation_id, event, sent_at) values ($1, $2, $3) \
                 on conflict do nothing",
            )
            .bind(id)
            .bind(event.code())
            .bind(now)
            .execute(db)
            .await?
            .rows_affected()
                == 1;
            if !claimed {
                continue;
            }
            // Followers of the consultation, then of its districts (all districts for a
            // city-wide one), each person once, with the link that ends one of their follows.
            let followers: Vec<(String, String)> = sqlx::query_as(
                "select min(f.unsubscribe_token), u.email from follows f join users u on u.id = f.user_id \
                 join consultations c on c.id = $1 \
                 where u.status = 'active' and u.email is not null and ( \
                     f.consultation_id = c.id \
                     or (f.district is not null and (c.city_wide = 1 or exists ( \
                         select 1 from consultation_districts cd \
                         where cd.consultation_id = c.id and cd.district = f.district)))) \
                 group by u.email",
            )
            .bind(id)
            .fetch_all(db)
            .await?;
            for (token, email) in followers {
                notices.push(Notice {
                    event,
                    email,
                    slug: slug.clone(),
                    title: title.clone(),
                    unsubscribe_token: token,
                });
            }
        }
    }
    Ok(notices)
}
