//! Past editions from Pabulib files (server only): each file is one pool of an edition;
//! the edition, its pools, its projects (on the ballot, under their Pabulib ids) and
//! every ballot are written in one transaction, then the set is sealed and counted with
//! the platform's own rules, so the published results can be compared with the file's.

use super::voting::{self, Results};
use crate::db::Db;
use crate::domain::budget::Calendar;
use crate::domain::district::District;
use crate::domain::initiative::Grosze;
use crate::domain::pabulib::File;
use crate::domain::warsaw_time::day_start;

const DAY: i64 = 86_400;

/// Rows per insert statement (8 values each, well under both engines' limits).
const BATCH: usize = 200;

/// The pool a file is: `None` for the city-wide pool, else the district.
fn pool_of(file: &File) -> Result<Option<u8>, String> {
    match file.meta("district") {
        None | Some("") => Ok(None),
        Some(name) => {
            District::by_name(name).map(|d| Some(d.number())).ok_or_else(|| format!("unknown district {name:?}"))
        }
    }
}

/// `13.09.2024` as the instant that Warsaw day begins.
fn pabulib_date(text: Option<&str>) -> Option<i64> {
    let mut parts = text?.trim().split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    day_start(&format!("{y}-{m:0>2}-{d:0>2}"))
}

/// Imports the files (one edition: they must share their `instance` year) and returns
/// the published results. Refused, with nothing written, when the edition exists or a
/// file is inconsistent.
pub async fn import(db: &Db, files: &[File], now: i64) -> Result<Result<Results, String>, sqlx::Error> {
    let years: Vec<i64> = files.iter().filter_map(|f| f.meta("instance").and_then(|y| y.trim().parse().ok())).collect();
    let Some(&year) = years.first() else {
        return Ok(Err("no file names its year (META instance)".into()));
    };
    if years.len() != files.len() || years.iter().any(|y| *y != year) {
        return Ok(Err("the files must all be of one edition (the same META instance)".into()));
    }
    let pools = match pools_of(files, year) {
        Ok(pools) => pools,
        Err(e) => return Ok(Err(e)),
    };
    if super::storage::edition(db, year).await?.is_some() {
        return Ok(Err(format!("the edition {year} already exists")));
    }
    let voting_starts = files
        .iter()
        .find_map(|f| pabulib_date(f.meta("date_begin")))
        .or_else(|| day_start(&format!("{year}-09-01")))
        .unwrap_or_default();
    let results_start = files
        .iter()
        .find_map(|f| pabulib_date(f.meta("date_end")))
        .map(|end| end + DAY)
        .filter(|end| *end > voting_starts)
        .unwrap_or(voting_starts + 14 * DAY);

    let calendar = calendar_around(voting_starts, results_start);
    let mut tx = db.begin().await?;
    // No seed: ties keep the files' published order (the city's own draw), which the
    // projects' numbers follow.
    let ids = edition_with_projects(&mut tx, year, &calendar, files, &pools, "", now).await?;
    for (file, pool) in files.iter().zip(&pools) {
        let tag = pool.map_or_else(|| "OM".to_owned(), |d| format!("D{d}"));
        for chunk in file.votes.chunks(BATCH) {
            let mut sql = String::from(
                "insert into budget_ballots (id, year, channel, district, district_choices, city_choices, receipt, \
                 cast_day) values ",
            );
            for i in 0..chunk.len() {
                let b = i * 7;
                if i > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!(
                    "(${}, ${}, 'imported', ${}, ${}, ${}, ${}, ${})",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5,
                    b + 6,
                    b + 7
                ));
            }
            let mut query = sqlx::query(&sql);
            for vote in chunk {
                let choices: Vec<String> = vote.vote.iter().filter_map(|id| ids.get(id)).map(i64::to_string).collect();
                let district =
                    pool.or_else(|| vote.neighborhood.as_deref().and_then(District::by_name).map(District::number));
                let (d, c) = match pool {
                    Some(_) => (choices.join(","), String::new()),
                    None => (String::new(), choices.join(",")),
                };
                query = query
                    .bind(voting::random_id())
                    .bind(year)
                    .bind(district.map(i64::from))
                    .bind(d)
                    .bind(c)
                    .bind(format!("{tag}-{}", vote.voter_id))
                    .bind(results_start - DAY);
            }
            query.execute(&mut *tx).await?;
        }
    }
    tx.commit().await?;
    match voting::seal(db, year, None, now.max(results_start)).await? {
        Ok(_) => {}
        Err(refusal) => return Ok(Err(refusal.code().to_owned())),
    }
    Ok(voting::publish(db, year, None, now).await?.map_err(|r| r.code().to_owned()))
}

/// An edition's calendar around its vote: the phases before it at fixed distances.
fn calendar_around(voting_starts: i64, results_start: i64) -> Calendar {
    Calendar {
        submission_starts: voting_starts - 200 * DAY,
        verification_starts: voting_starts - 150 * DAY,
        protests_start: voting_starts - 60 * DAY,
        final_list_starts: voting_starts - 30 * DAY,
        voting_starts,
        results_start,
    }
}

/// Pools (`None` city-wide) of the files, checked: one file per pool, each with a budget.
fn pools_of(files: &[File], year: i64) -> Result<Vec<Option<u8>>, String> {
    let mut pools: Vec<Option<u8>> = Vec::new();
    for file in files {
        let pool = pool_of(file)?;
        if pools.contains(&pool) {
            return Err(format!("two files for the same pool of {year}"));
        }
        if file.budget().is_none() {
            return Err("a file has no budget".into());
        }
        pools.push(pool);
    }
    Ok(pools)
}

/// Writes an edition with the files' pools and their projects on the ballot (numbered
/// in the files' order), with Kraków's ballot and the given draw seed. Returns the
/// projects' ids by their Pabulib ids.
async fn edition_with_projects(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    year: i64,
    calendar: &Calendar,
    files: &[File],
    pools: &[Option<u8>],
    seed: &str,
    now: i64,
) -> Result<std::collections::HashMap<String, i64>, sqlx::Error> {
    let c = calendar;
    sqlx::query(
        "insert into budget_editions (year, submission_starts, verification_starts, protests_start, \
         final_list_starts, voting_starts, results_start, city_pool_grosze, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(year)
    .bind(c.submission_starts)
    .bind(c.verification_starts)
    .bind(c.protests_start)
    .bind(c.final_list_starts)
    .bind(c.voting_starts)
    .bind(c.results_start)
    .bind(files.iter().zip(pools).find(|(_, p)| p.is_none()).and_then(|(f, _)| f.budget()).unwrap_or(0))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    for district in District::all() {
        let budget: Grosze = files
            .iter()
            .zip(pools)
            .find(|(_, p)| **p == Some(district.number()))
            .and_then(|(f, _)| f.budget())
            .unwrap_or(0);
        sqlx::query("insert into budget_district_pools (year, district, pool_grosze) values ($1, $2, $3)")
            .bind(year)
            .bind(i64::from(district.number()))
            .bind(budget)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("insert into budget_ballot_rules (year, draw_seed, updated_at) values ($1, $2, $3)")
        .bind(year)
        .bind(seed)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    let (owner,): (i64,) = sqlx::query_as(
        "insert into users (display_name, status, created_at, updated_at) values ('Pabulib', 'disabled', $1, $1) \
         returning id",
    )
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    let mut ids = std::collections::HashMap::new();
    let mut seq = 0i64;
    for (file, pool) in files.iter().zip(pools) {
        for project in &file.projects {
            seq += 1;
            let (id,): (i64,) = sqlx::query_as(
                "insert into budget_projects (year, seq, owner_id, applicant_kind, status, draft, title, summary, \
                 district, cost_grosze, verified_cost_grosze, external_id, created_at, updated_at, submitted_at) \
                 values ($1, $2, $3, 'residents', 'on_ballot', '{}', $4, $5, $6, $7, $7, $8, $9, $9, $9) returning id",
            )
            .bind(year)
            .bind(seq)
            .bind(owner)
            .bind(&project.name)
            .bind(&project.category)
            .bind(pool.map(i64::from))
            .bind(project.cost)
            .bind(&project.id)
            .bind(now)
            .fetch_one(&mut **tx)
            .await?;
            ids.insert(project.id.clone(), id);
        }
    }
    sqlx::query("insert into budget_counters (year, last_seq) values ($1, $2)")
        .bind(year)
        .bind(seq)
        .execute(&mut **tx)
        .await?;
    Ok(ids)
}

/// An edition open for voting now, for the vote's load test: the files' pools and
/// projects under `year`, voting since yesterday for two weeks. Returns the projects'
/// ids by their Pabulib ids.
pub async fn voting_edition(
    db: &Db,
    files: &[File],
    year: i64,
    now: i64,
) -> Result<Result<std::collections::HashMap<String, i64>, String>, sqlx::Error> {
    let pools = match pools_of(files, year) {
        Ok(pools) => pools,
        Err(e) => return Ok(Err(e)),
    };
    if super::storage::edition(db, year).await?.is_some() {
        return Ok(Err(format!("the edition {year} already exists")));
    }
    let calendar = calendar_around(now - DAY, now + 13 * DAY);
    let mut tx = db.begin().await?;
    let ids = edition_with_projects(&mut tx, year, &calendar, files, &pools, &format!("{year}"), now).await?;
    tx.commit().await?;
    Ok(Ok(ids))
}
