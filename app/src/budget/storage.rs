//! Civic budget editions in the database (server only): the calendar, the pools and the
//! rules, saved whole in one transaction; a change to the rules that decide the vote is
//! refused once voting has opened, and nothing is written.

use crate::db::Db;
use crate::domain::budget::{Calendar, Pools, Rules};

/// One edition as DK-04 sets it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edition {
    pub year: i64,
    pub calendar: Calendar,
    pub pools: Pools,
    pub rules: Rules,
}

/// Why an edition was not saved: the field each problem belongs to, and its code.
pub type Refusal = Vec<(&'static str, &'static str)>;

type EditionRow = (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, Option<i64>, Option<i64>);

/// The edition of `year`, if set.
pub async fn edition(db: &Db, year: i64) -> Result<Option<Edition>, sqlx::Error> {
    let row: Option<EditionRow> = sqlx::query_as(
        "select submission_starts, verification_starts, protests_start, final_list_starts, voting_starts, \
         results_start, city_pool_grosze, support_signatures, support_remedy_days, protest_days, \
         withdrawal_deadline, min_voter_age from budget_editions where year = $1",
    )
    .bind(year)
    .fetch_optional(db)
    .await?;
    let Some((s, v, p, f, vo, r, city, signatures, remedy, protest, withdrawal, age)) = row else {
        return Ok(None);
    };
    let pools: Vec<(i64, i64)> =
        sqlx::query_as("select district, pool_grosze from budget_district_pools where year = $1 order by district")
            .bind(year)
            .fetch_all(db)
            .await?;
    let mut districts = [0; 18];
    for (district, pool) in pools {
        if let Some(slot) = usize::try_from(district - 1).ok().and_then(|i| districts.get_mut(i)) {
            *slot = pool;
        }
    }
    let n = |v: i64| u32::try_from(v).unwrap_or(0);
    Ok(Some(Edition {
        year,
        calendar: Calendar {
            submission_starts: s,
            verification_starts: v,
            protests_start: p,
            final_list_starts: f,
            voting_starts: vo,
            results_start: r,
        },
        pools: Pools { city_wide: city, districts },
        rules: Rules {
            support_signatures: n(signatures),
            support_remedy_days: n(remedy),
            protest_days: n(protest),
            withdrawal_deadline: withdrawal,
            min_voter_age: age.and_then(|a| u8::try_from(a).ok()),
        },
    }))
}

/// Saves an edition whole (calendar, pools, rules). Refused, with nothing written, when
/// the dates are out of order, a pool is negative, or a rule that decides the vote
/// changes after voting has opened (by the calendar as stored).
pub async fn save_edition(db: &Db, e: &Edition, by: i64, now: i64) -> Result<Result<(), Refusal>, sqlx::Error> {
    let mut refusal: Refusal = Vec::new();
    if let Err(field) = e.calendar.check() {
        refusal.push((field, "date_order"));
    }
    if e.pools.city_wide < 0 || e.pools.districts.iter().any(|p| *p < 0) {
        refusal.push(("pools", "amount_invalid"));
    }
    let mut tx = db.begin().await?;
    // Written first, so that two saves of one edition queue here (SQLite's writer,
    // PostgreSQL's row lock) and the lock check reads what the other one wrote.
    sqlx::query("update budget_editions set updated_at = updated_at where year = $1")
        .bind(e.year)
        .execute(&mut *tx)
        .await?;
    type Stored = (i64, i64, i64, i64, Option<i64>, Option<i64>);
    let before: Option<Stored> = sqlx::query_as(
        "select support_signatures, support_remedy_days, protest_days, voting_starts, withdrawal_deadline, \
         min_voter_age from budget_editions where year = $1",
    )
    .bind(e.year)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((signatures, remedy, protest, voting_starts, withdrawal, age)) = before {
        let n = |v: i64| u32::try_from(v).unwrap_or(0);
        let old = Rules {
            support_signatures: n(signatures),
            support_remedy_days: n(remedy),
            protest_days: n(protest),
            withdrawal_deadline: withdrawal,
            min_voter_age: age.and_then(|a| u8::try_from(a).ok()),
        };
        if now >= voting_starts {
            let phase = crate::domain::budget::Phase::Voting;
            refusal.extend(e.rules.locked_changes(&old, phase).into_iter().map(|field| (field, "rule_locked")));
            if e.calendar.voting_starts != voting_starts {
                refusal.push(("voting_starts", "rule_locked"));
            }
        }
    }
    if !refusal.is_empty() {
        tx.rollback().await?;
        return Ok(Err(refusal));
    }
    let c = &e.calendar;
    sqlx::query(
        "insert into budget_editions (year, submission_starts, verification_starts, protests_start, \
         final_list_starts, voting_starts, results_start, city_pool_grosze, support_signatures, \
         support_remedy_days, protest_days, withdrawal_deadline, min_voter_age, updated_at, updated_by) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
         on conflict (year) do update set submission_starts = $2, verification_starts = $3, protests_start = $4, \
         final_list_starts = $5, voting_starts = $6, results_start = $7, city_pool_grosze = $8, \
         support_signatures = $9, support_remedy_days = $10, protest_days = $11, withdrawal_deadline = $12, \
         min_voter_age = $13, updated_at = $14, updated_by = $15",
    )
    .bind(e.year)
    .bind(c.submission_starts)
    .bind(c.verification_starts)
    .bind(c.protests_start)
    .bind(c.final_list_starts)
    .bind(c.voting_starts)
    .bind(c.results_start)
    .bind(e.pools.city_wide)
    .bind(i64::from(e.rules.support_signatures))
    .bind(i64::from(e.rules.support_remedy_days))
    .bind(i64::from(e.rules.protest_days))
    .bind(e.rules.withdrawal_deadline)
    .bind(e.rules.min_voter_age.map(i64::from))
    .bind(now)
    .bind(by)
    .execute(&mut *tx)
    .await?;
    sqlx::query("delete from budget_district_pools where year = $1").bind(e.year).execute(&mut *tx).await?;
    for (i, pool) in e.pools.districts.iter().enumerate() {
        sqlx::query("insert into budget_district_pools (year, district, pool_grosze) values ($1, $2, $3)")
            .bind(e.year)
            .bind(i as i64 + 1)
            .bind(*pool)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// An edition as its pages show it, with its phase now and its project counts.
pub async fn edition_view(db: &Db, year: i64, now: i64) -> Result<Option<super::model::EditionView>, sqlx::Error> {
    let Some(e) = edition(db, year).await? else {
        return Ok(None);
    };
    let (projects, on_ballot): (i64, i64) = sqlx::query_as(
        "select count(*), cast(coalesce(sum(case when status = 'on_ballot' then 1 else 0 end), 0) as bigint) \
         from budget_projects where year = $1 and seq is not null",
    )
    .bind(year)
    .fetch_one(db)
    .await?;
    Ok(Some(super::model::EditionView {
        year,
        phase: e.calendar.phase_at(now),
        calendar: e.calendar,
        pools: e.pools,
        rules: e.rules,
        projects,
        on_ballot,
    }))
}

/// Every edition, newest first.
pub async fn editions(db: &Db, now: i64) -> Result<Vec<super::model::EditionView>, sqlx::Error> {
    let years: Vec<(i64,)> =
        sqlx::query_as("select year from budget_editions order by year desc").fetch_all(db).await?;
    let mut list = Vec::with_capacity(years.len());
    for (year,) in years {
        if let Some(view) = edition_view(db, year, now).await? {
            list.push(view);
        }
    }
    Ok(list)
}
