//! Paper cards and the vote's integrity (server only). Poll officers, named by DK-04 per
//! edition, enter the cards of a voting point as a batch; a card that breaks the ballot's
//! rules is recorded as invalid with its reason. A batch counts only when a second
//! person approves it: then each card's voter is recorded like an online voter, and a
//! card whose voter already voted (online or on another card) goes to the conflict queue
//! instead of the count. DK-04 settles each conflict by the edition's rule, and may annul
//! a participation found in the integrity report, with a reason; both are possible only
//! until the ballot set is sealed.

pub use super::model::{Conflict, PaperBatch, PaperCard, ParticipationRow, Signal, Thresholds};
use super::voting::{self, IdentityKey};
use crate::db::Db;
use crate::domain::ballot::{check, Ballot, Marks};
use crate::domain::budget::Phase;
use serde::{Deserialize, Serialize};

/// A card as entered: what the officer typed (project numbers as on the card).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardInput {
    pub pesel: String,
    pub birth_date: String,
    pub document: String,
    pub district: Option<u8>,
    /// Project numbers, favourite first.
    pub district_numbers: Vec<String>,
    pub city_numbers: Vec<String>,
}

fn short(text: &str, max: usize) -> String {
    text.trim().chars().take(max).collect()
}

/// The years a person is a poll officer of.
pub async fn officer_years(db: &Db, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> = sqlx::query_as("select year from budget_poll_officers where user_id = $1 order by year")
        .bind(user_id)
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(|(y,)| y).collect())
}

/// The poll officers of an edition: `(id, name, email)`.
pub async fn officers(db: &Db, year: i64) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "select u.id, coalesce(u.display_name, ''), coalesce(u.email, '') from budget_poll_officers o \
         join users u on u.id = o.user_id where o.year = $1 order by u.display_name",
    )
    .bind(year)
    .fetch_all(db)
    .await
}

/// Names the person with `email` a poll officer of `year`; `verifier_unknown` when there
/// is no such account.
pub async fn add_officer(db: &Db, year: i64, email: &str) -> Result<Result<i64, &'static str>, sqlx::Error> {
    let user: Option<(i64,)> = sqlx::query_as("select id from users where email = $1 and status = 'active'")
        .bind(email.trim().to_lowercase())
        .fetch_optional(db)
        .await?;
    let Some((id,)) = user else {
        return Ok(Err("verifier_unknown"));
    };
    sqlx::query("insert into budget_poll_officers (year, user_id) values ($1, $2) on conflict do nothing")
        .bind(year)
        .bind(id)
        .execute(db)
        .await?;
    Ok(Ok(id))
}

async fn sealed(db: &Db, year: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_as::<_, (i64,)>("select 1 from budget_tallies where year = $1")
        .bind(year)
        .fetch_optional(db)
        .await?
        .is_some())
}

/// Opens a batch for a voting point and the day its cards were cast (the day must be
/// in the voting phase; nothing may be added once the set is sealed).
pub async fn create_batch(
    db: &Db,
    year: i64,
    voting_point: &str,
    cast_day: i64,
    by: i64,
    now: i64,
) -> Result<Result<i64, &'static str>, sqlx::Error> {
    let Some(edition) = super::storage::edition(db, year).await? else {
        return Ok(Err("edition_missing"));
    };
    if edition.calendar.phase_at(cast_day) != Phase::Voting {
        return Ok(Err("paper_day_outside"));
    }
    if sealed(db, year).await? {
        return Ok(Err("tally_sealed"));
    }
    let point = short(voting_point, 200);
    if point.chars().count() < 3 {
        return Ok(Err("paper_point_required"));
    }
    let (id,): (i64,) = sqlx::query_as(
        "insert into budget_paper_batches (year, voting_point, cast_day, entered_by, created_at) \
         values ($1, $2, $3, $4, $5) returning id",
    )
    .bind(year)
    .bind(point)
    .bind(cast_day)
    .bind(by)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(Ok(id))
}

type BatchRow = (i64, i64, String, i64, i64, String, Option<String>, Option<i64>, i64, i64, i64);

const BATCH_SELECT: &str = "select b.id, b.year, b.voting_point, b.cast_day, b.entered_by, \
     coalesce(e.display_name, ''), a.display_name, b.approved_at, \
     (select count(*) from budget_paper_cards c where c.batch_id = b.id), \
     (select count(*) from budget_paper_cards c where c.batch_id = b.id and c.status = 'invalid'), \
     (select count(*) from budget_paper_cards c where c.batch_id = b.id and c.status = 'conflict') \
     from budget_paper_batches b join users e on e.id = b.entered_by left join users a on a.id = b.approved_by";

fn batch_view(r: BatchRow) -> PaperBatch {
    PaperBatch {
        id: r.0,
        year: r.1,
        voting_point: r.2,
        cast_day: r.3,
        entered_by: r.4,
        entered_by_name: r.5,
        approved_by_name: r.6,
        approved_at: r.7,
        cards: r.8,
        invalid: r.9,
        conflicts: r.10,
    }
}

/// The batches of an edition, newest first.
pub async fn batches(db: &Db, year: i64) -> Result<Vec<PaperBatch>, sqlx::Error> {
    let rows: Vec<BatchRow> = sqlx::query_as(&format!("{BATCH_SELECT} where b.year = $1 order by b.id desc"))
        .bind(year)
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(batch_view).collect())
}

/// One batch with its cards.
pub async fn batch(db: &Db, id: i64) -> Result<Option<(PaperBatch, Vec<PaperCard>)>, sqlx::Error> {
    let Some(row): Option<BatchRow> =
        sqlx::query_as(&format!("{BATCH_SELECT} where b.id = $1")).bind(id).fetch_optional(db).await?
    else {
        return Ok(None);
    };
    let cards: Vec<(i64, String, String, Option<i64>)> =
        sqlx::query_as("select id, status, reason, district from budget_paper_cards where batch_id = $1 order by id")
            .bind(id)
            .fetch_all(db)
            .await?;
    Ok(Some((
        batch_view(row),
        cards
            .into_iter()
            .map(|(id, status, reason, district)| PaperCard {
                id,
                status,
                reason,
                district: district.and_then(|d| u8::try_from(d).ok()),
            })
            .collect(),
    )))
}

/// How a card was recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entered {
    /// Valid; it counts once the batch is approved.
    Valid(i64),
    /// Recorded as invalid, with the reasons' codes.
    Invalid(i64, Vec<&'static str>),
}

/// Records a card in an open batch: valid, or invalid with its reasons (an invalid
/// card is part of the record too). Refused when the batch is approved or sealed.
pub async fn enter_card(
    db: &Db,
    key: &IdentityKey,
    batch_id: i64,
    card: &CardInput,
) -> Result<Result<Entered, &'static str>, sqlx::Error> {
    let Some((b, _)) = batch(db, batch_id).await? else {
        return Ok(Err("paper_batch_missing"));
    };
    if b.approved_at.is_some() {
        return Ok(Err("paper_batch_approved"));
    }
    if sealed(db, b.year).await? {
        return Ok(Err("tally_sealed"));
    }
    let settings = voting::settings(db, b.year).await?;
    let projects = voting::ballot_projects(db, b.year).await?;
    let edition = super::storage::edition(db, b.year).await?.ok_or(sqlx::Error::RowNotFound)?;
    let mut reasons: Vec<&'static str> = Vec::new();
    let declared = voting::Declared {
        pesel: card.pesel.clone(),
        birth_date: card.birth_date.clone(),
        document: card.document.clone(),
    };
    let identity = match voting::IdentitySource::identify(&declared, key) {
        Ok(identity) => Some(identity),
        Err(code) => {
            reasons.push(code);
            None
        }
    };
    let mut marks = Vec::new();
    let mut resolve = |numbers: &[String]| {
        for (position, number) in numbers.iter().filter(|n| !n.trim().is_empty()).enumerate() {
            let wanted = number.trim().to_uppercase();
            let found = projects.iter().find(|p| {
                p.number.eq_ignore_ascii_case(&wanted)
                    || p.number.rsplit('/').next().and_then(|s| s.parse::<i64>().ok()) == wanted.parse::<i64>().ok()
            });
            match found {
                Some(p) => marks.push((p.id, settings.ballot.points_at(position).max(1))),
                None => reasons.push("vote_not_on_ballot"),
            }
        }
    };
    resolve(&card.district_numbers);
    resolve(&card.city_numbers);
    let district_pool = card.district.and_then(|d| edition.pools.for_project(Some(d))).unwrap_or(0);
    let ballot = check(
        &settings.ballot,
        &projects.iter().map(|p| p.candidate()).collect::<Vec<_>>(),
        (district_pool, edition.pools.city_wide),
        &Marks { district: card.district, marks },
    );
    if let Err(problems) = &ballot {
        for p in problems {
            if !reasons.contains(&p.code) {
                reasons.push(p.code);
            }
        }
    }
    let (status, ballot) = match (&identity, ballot) {
        (Some(_), Ok(ballot)) if reasons.is_empty() => ("entered", ballot),
        _ => ("invalid", Ballot::default()),
    };
    let join = |ids: &[i64]| ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let (id,): (i64,) = sqlx::query_as(
        "insert into budget_paper_cards (batch_id, identity_hash, district, birth_year, district_choices, \
         city_choices, status, reason) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
    )
    .bind(batch_id)
    .bind(identity.as_ref().map(|i| i.hash.clone()).unwrap_or_default())
    .bind(card.district.map(i64::from))
    .bind(identity.as_ref().and_then(|i| i.birth_date).map(|d| i64::from(d.year())))
    .bind(join(&ballot.district_projects))
    .bind(join(&ballot.city_projects))
    .bind(status)
    .bind(reasons.join(" "))
    .fetch_one(db)
    .await?;
    Ok(Ok(if status == "entered" { Entered::Valid(id) } else { Entered::Invalid(id, reasons) }))
}

/// What approving a batch did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approved {
    pub counted: i64,
    pub conflicts: i64,
}

/// A second person approves a batch: each valid card's voter is recorded (the unique
/// constraint again) and its ballot counted, or the card goes to the conflict queue.
/// One transaction; refused for the person who entered the batch.
pub async fn approve(
    db: &Db,
    key: &IdentityKey,
    batch_id: i64,
    by: i64,
    now: i64,
) -> Result<Result<Approved, &'static str>, sqlx::Error> {
    let Some((b, _)) = batch(db, batch_id).await? else {
        return Ok(Err("paper_batch_missing"));
    };
    if b.entered_by == by {
        return Ok(Err("paper_two_persons"));
    }
    if sealed(db, b.year).await? {
        return Ok(Err("tally_sealed"));
    }
    let mut tx = db.begin().await?;
    let claimed = sqlx::query(
        "update budget_paper_batches set approved_by = $2, approved_at = $3 where id = $1 and approved_at is null",
    )
    .bind(batch_id)
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(Err("paper_batch_approved"));
    }
    type Card = (i64, String, Option<i64>, Option<i64>, String, String);
    let cards: Vec<Card> = sqlx::query_as(
        "select id, identity_hash, district, birth_year, district_choices, city_choices from budget_paper_cards \
         where batch_id = $1 and status = 'entered' order by id",
    )
    .bind(batch_id)
    .fetch_all(&mut *tx)
    .await?;
    let mut done = Approved::default();
    for (card_id, identity, district, birth_year, d, c) in cards {
        let ballot_id = voting::random_id();
        let inserted = sqlx::query(
            "insert into budget_participations (year, identity_hash, channel, district, birth_year, cast_minute, \
             ballot_seal) values ($1, $2, 'paper', $3, $4, $5, $6) on conflict do nothing",
        )
        .bind(b.year)
        .bind(&identity)
        .bind(district)
        .bind(birth_year)
        .bind(b.cast_day)
        .bind(key.hash("seal", &ballot_id))
        .execute(&mut *tx)
        .await?;
        let status = if inserted.rows_affected() == 1 {
            insert_paper_ballot(&mut tx, b.year, &ballot_id, district, &d, &c, card_id, b.cast_day).await?;
            done.counted += 1;
            "counted"
        } else {
            done.conflicts += 1;
            "conflict"
        };
        sqlx::query("update budget_paper_cards set status = $2 where id = $1")
            .bind(card_id)
            .bind(status)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Ok(done))
}

#[allow(clippy::too_many_arguments)]
async fn insert_paper_ballot(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    year: i64,
    ballot_id: &str,
    district: Option<i64>,
    district_choices: &str,
    city_choices: &str,
    card_id: i64,
    day: i64,
) -> Result<(), sqlx::Error> {
    // A paper voter has no receipt code; the public id is derived from the random ballot
    // id, so it cannot be guessed from the card.
    let receipt = voting::receipt_id(&format!("paper-{ballot_id}-{card_id}"));
    sqlx::query(
        "insert into budget_ballots (id, year, channel, district, district_choices, city_choices, receipt, cast_day) \
         values ($1, $2, 'paper', $3, $4, $5, $6, $7)",
    )
    .bind(ballot_id)
    .bind(year)
    .bind(district)
    .bind(district_choices)
    .bind(city_choices)
    .bind(receipt)
    .bind(day)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The conflict queue of an edition, with what its rule decides for each card.
pub async fn conflicts(db: &Db, year: i64) -> Result<Vec<Conflict>, sqlx::Error> {
    let rule = voting::settings(db, year).await?.conflict_rule;
    let rows: Vec<(i64, String, i64, String, i64)> = sqlx::query_as(
        "select c.id, b.voting_point, b.cast_day, p.channel, p.cast_minute from budget_paper_cards c \
         join budget_paper_batches b on b.id = c.batch_id \
         join budget_participations p on p.year = b.year and p.identity_hash = c.identity_hash \
         where b.year = $1 and c.status = 'conflict' order by c.id",
    )
    .bind(year)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(card_id, voting_point, card_day, counted_channel, counted_at)| Conflict {
            card_stands: match (rule, counted_channel == "online") {
                (voting::ConflictRule::Online, true) => false,
                (voting::ConflictRule::Paper, true) => true,
                // The earlier rule, and two paper cards under any rule. A card knows only
                // its day: on the same day the vote already counted stays.
                _ => card_day < crate::domain::warsaw_time::day_of(counted_at),
            },
            card_id,
            voting_point,
            card_day,
            counted_channel,
            counted_at,
        })
        .collect())
}

/// The ballot whose seal a participation holds (only the key holder can find it).
async fn sealed_ballot(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    key: &IdentityKey,
    year: i64,
    seal: &str,
) -> Result<Option<String>, sqlx::Error> {
    let ids: Vec<(String,)> = sqlx::query_as("select id from budget_ballots where year = $1 and counted = 1")
        .bind(year)
        .fetch_all(&mut **tx)
        .await?;
    Ok(ids.into_iter().map(|(id,)| id).find(|id| key.hash("seal", id) == seal))
}

/// Settles a conflict by the edition's rule: the card is set aside, or it replaces the
/// counted vote (whose ballot stops counting). Returns whether the card stands.
pub async fn resolve(
    db: &Db,
    key: &IdentityKey,
    card_id: i64,
    by: i64,
    now: i64,
) -> Result<Result<bool, &'static str>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "select b.year from budget_paper_cards c join budget_paper_batches b on b.id = c.batch_id \
         where c.id = $1 and c.status = 'conflict'",
    )
    .bind(card_id)
    .fetch_optional(db)
    .await?;
    let Some((year,)) = row else {
        return Ok(Err("paper_conflict_missing"));
    };
    if sealed(db, year).await? {
        return Ok(Err("tally_sealed"));
    }
    let Some(conflict) = conflicts(db, year).await?.into_iter().find(|c| c.card_id == card_id) else {
        return Ok(Err("paper_conflict_missing"));
    };
    let mut tx = db.begin().await?;
    // Settled once: the card leaves the queue first, so a second click changes nothing.
    let status = if conflict.card_stands { "counted" } else { "superseded" };
    let claimed = sqlx::query(
        "update budget_paper_cards set status = $2, resolved_by = $3, resolved_at = $4 \
         where id = $1 and status = 'conflict'",
    )
    .bind(card_id)
    .bind(status)
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(Err("paper_conflict_missing"));
    }
    if !conflict.card_stands {
        tx.commit().await?;
        return Ok(Ok(false));
    }
    type Card = (String, Option<i64>, Option<i64>, String, String, i64);
    let (identity, district, birth_year, d, c, day): Card = sqlx::query_as(
        "select c.identity_hash, c.district, c.birth_year, c.district_choices, c.city_choices, b.cast_day \
         from budget_paper_cards c join budget_paper_batches b on b.id = c.batch_id where c.id = $1",
    )
    .bind(card_id)
    .fetch_one(&mut *tx)
    .await?;
    let (participation, seal): (i64, String) =
        sqlx::query_as("select id, ballot_seal from budget_participations where year = $1 and identity_hash = $2")
            .bind(year)
            .bind(&identity)
            .fetch_one(&mut *tx)
            .await?;
    if let Some(old) = sealed_ballot(&mut tx, key, year, &seal).await? {
        sqlx::query("update budget_ballots set counted = 0 where id = $1").bind(old).execute(&mut *tx).await?;
    }
    let ballot_id = voting::random_id();
    insert_paper_ballot(&mut tx, year, &ballot_id, district, &d, &c, card_id, day).await?;
    sqlx::query(
        "update budget_participations set channel = 'paper', district = $2, birth_year = $3, cast_minute = $4, \
         ballot_seal = $5, user_id = null where id = $1",
    )
    .bind(participation)
    .bind(district)
    .bind(birth_year)
    .bind(day)
    .bind(key.hash("seal", &ballot_id))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(true))
}

/// Annuls a participation (an audited decision with a reason): its ballot stops
/// counting. Refused once the set is sealed, or for a participation already annulled.
pub async fn annul(
    db: &Db,
    key: &IdentityKey,
    participation: i64,
    reason: &str,
    by: i64,
    now: i64,
) -> Result<Result<i64, &'static str>, sqlx::Error> {
    let reason = short(reason, 2_000);
    if reason.chars().count() < 10 {
        return Ok(Err("reason_too_short"));
    }
    let row: Option<(i64, String, Option<i64>)> =
        sqlx::query_as("select year, ballot_seal, annulled_at from budget_participations where id = $1")
            .bind(participation)
            .fetch_optional(db)
            .await?;
    let Some((year, seal, annulled)) = row else {
        return Ok(Err("paper_conflict_missing"));
    };
    if annulled.is_some() {
        return Ok(Err("vote_annulled"));
    }
    if sealed(db, year).await? {
        return Ok(Err("tally_sealed"));
    }
    let mut tx = db.begin().await?;
    if let Some(ballot) = sealed_ballot(&mut tx, key, year, &seal).await? {
        sqlx::query("update budget_ballots set counted = 0 where id = $1").bind(ballot).execute(&mut *tx).await?;
    }
    sqlx::query(
        "update budget_participations set annulled_at = $2, annulled_by = $3, annul_reason = $4 \
         where id = $1 and annulled_at is null",
    )
    .bind(participation)
    .bind(now)
    .bind(by)
    .bind(&reason)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(year))
}

/// At most this many participations are listed under a signal.
const LISTED: i64 = 200;

type ParticipationDbRow = (i64, String, Option<i64>, Option<i64>, i64, Option<String>, Option<String>, Option<i64>);

const PARTICIPATION_SELECT: &str = "select id, channel, district, birth_year, cast_minute, ip_hash, device_hash, \
     annulled_at from budget_participations where year = $1";

fn participation(r: ParticipationDbRow) -> ParticipationRow {
    ParticipationRow {
        id: r.0,
        channel: r.1,
        district: r.2.and_then(|d| u8::try_from(d).ok()),
        birth_year: r.3,
        cast_minute: r.4,
        ip: r.5,
        device: r.6,
        annulled: r.7.is_some(),
    }
}

/// The integrity report of an edition.
pub async fn integrity(db: &Db, year: i64, t: Thresholds) -> Result<Vec<Signal>, sqlx::Error> {
    let mut signals = Vec::new();
    let grouped = [
        ("burst", "cast_minute", t.per_minute),
        ("address", "ip_hash", t.per_address),
        ("device", "device_hash", t.per_address),
    ];
    for (kind, column, threshold) in grouped {
        let groups: Vec<(String, i64)> = sqlx::query_as(&format!(
            "select cast({column} as text), count(*) from budget_participations where year = $1 and {column} is not null \
             group by {column} having count(*) >= $2 order by count(*) desc limit 50"
        ))
        .bind(year)
        .bind(threshold.max(1))
        .fetch_all(db)
        .await?;
        for (key, count) in groups {
            let rows: Vec<ParticipationDbRow> = sqlx::query_as(&format!(
                "{PARTICIPATION_SELECT} and cast({column} as text) = $2 order by id limit {LISTED}"
            ))
            .bind(year)
            .bind(&key)
            .fetch_all(db)
            .await?;
            signals.push(Signal {
                kind: kind.into(),
                key,
                count,
                participations: rows.into_iter().map(participation).collect(),
                ballots: Vec::new(),
            });
        }
    }
    let oldest = year - t.age;
    let old: Vec<ParticipationDbRow> =
        sqlx::query_as(&format!("{PARTICIPATION_SELECT} and birth_year <= $2 order by birth_year, id limit {LISTED}"))
            .bind(year)
            .bind(oldest)
            .fetch_all(db)
            .await?;
    let (old_count,): (i64,) =
        sqlx::query_as("select count(*) from budget_participations where year = $1 and birth_year <= $2")
            .bind(year)
            .bind(oldest)
            .fetch_one(db)
            .await?;
    if old_count > 0 {
        signals.push(Signal {
            kind: "age".into(),
            key: oldest.to_string(),
            count: old_count,
            participations: old.into_iter().map(participation).collect(),
            ballots: Vec::new(),
        });
    }
    let identical: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "select district_choices, city_choices, cast_day, count(*) from budget_ballots where year = $1 and channel <> 'imported' \
         group by district_choices, city_choices, cast_day having count(*) >= $2 order by count(*) desc limit 50",
    )
    .bind(year)
    .bind(t.identical.max(2))
    .fetch_all(db)
    .await?;
    for (d, c, day, count) in identical {
        let receipts: Vec<(String,)> = sqlx::query_as(&format!(
            "select receipt from budget_ballots where year = $1 and district_choices = $2 and city_choices = $3 \
             and cast_day = $4 order by receipt limit {LISTED}"
        ))
        .bind(year)
        .bind(&d)
        .bind(&c)
        .bind(day)
        .fetch_all(db)
        .await?;
        signals.push(Signal {
            kind: "identical".into(),
            key: format!("{} | {} | {}", d, c, crate::domain::warsaw_time::iso_date(day)),
            count,
            participations: Vec::new(),
            ballots: receipts.into_iter().map(|(r,)| r).collect(),
        });
    }
    Ok(signals)
}
