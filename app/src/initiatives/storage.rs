//! Local initiative applications in the database (server only): drafts saved between
//! visits, submitting with a gap-free yearly number, DK-04's checklist and decisions,
//! the timeline, the pool and the register.

use super::model::{InitiativeDetail, InitiativeSummary, PoolState, TimelineEntry};
use crate::db::{Db, Params};
use crate::domain::initiative::{ApplicantKind, ApplicationInput, Context, Grosze};
use crate::domain::initiative_flow::{CheckItem, CheckResult, Move, Sheet, Status};
use crate::domain::warsaw_time;

/// The Warsaw calendar date of an instant, as the rules take it.
pub fn warsaw_date(unix_seconds: i64) -> (i32, u8, u8) {
    let t = warsaw_time::to_warsaw(unix_seconds);
    (t.year(), u8::from(t.month()), t.day())
}

const SUMMARY_COLUMNS: &str = "i.id, i.year, i.seq, i.title, i.status, i.applicant_kind, o.name, i.district, i.scope, \
     i.cost_grosze, i.city_cost_grosze, i.submitted_at, i.updated_at, i.remedy_deadline";

type SummaryRow = (
    i64,
    Option<i64>,
    Option<i64>,
    String,
    String,
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    i64,
    Option<i64>,
);

fn summary(row: SummaryRow) -> InitiativeSummary {
    let (
        id,
        year,
        seq,
        title,
        status,
        kind,
        organisation,
        district,
        scope,
        cost,
        city_cost,
        submitted_at,
        updated,
        due,
    ) = row;
    InitiativeSummary {
        id,
        number: year.zip(seq).map(|(y, s)| crate::domain::initiative::registry_number(y as i32, s)),
        year,
        seq,
        title,
        status: Status::parse(&status).unwrap_or(Status::Draft),
        kind: ApplicantKind::parse(&kind).unwrap_or(ApplicantKind::Residents),
        organisation,
        district: district.and_then(|d| u8::try_from(d).ok()),
        scope,
        cost,
        city_cost,
        submitted_at,
        updated_at: updated,
        remedy_deadline: due,
    }
}

/// The facts of the input the register lists (kept in columns to filter and sum).
struct Facts {
    title: String,
    district: Option<i64>,
    scope: Option<String>,
    cost: Option<Grosze>,
    city_cost: Option<Grosze>,
    task_year: Option<i64>,
}

fn facts(input: &ApplicationInput) -> Facts {
    use crate::domain::district::District;
    use crate::domain::initiative::{parse_date, parse_zloty, Scope};
    let cost = parse_zloty(&input.cost);
    let money = parse_zloty(&input.money).unwrap_or(0);
    let goods: Grosze = input.goods.iter().filter_map(|g| parse_zloty(&g.value)).sum();
    Facts {
        title: input.title.trim().chars().take(300).collect(),
        district: District::parse(&input.district).map(|d| i64::from(d.number())),
        scope: Scope::parse(&input.scope).map(|s| s.code().to_owned()),
        cost,
        city_cost: cost.map(|c| (c - money - goods).max(0)),
        task_year: parse_date(&input.starts_on).map(|(y, _, _)| i64::from(y)),
    }
}

/// Creates a draft for `owner`, applying as `kind` (for `organisation`).
pub async fn create_draft(
    db: &Db,
    owner: i64,
    kind: ApplicantKind,
    organisation: Option<i64>,
    input: &ApplicationInput,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let f = facts(input);
    let json = serde_json::to_string(input).unwrap_or_default();
    let (id,): (i64,) = sqlx::query_as(
        "insert into initiatives (owner_id, organisation_id, applicant_kind, status, draft, title, district, scope, \
         cost_grosze, city_cost_grosze, task_year, created_at, updated_at) \
         values ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10, $11, $11) returning id",
    )
    .bind(owner)
    .bind(organisation)
    .bind(kind.code())
    .bind(json)
    .bind(&f.title)
    .bind(f.district)
    .bind(f.scope)
    .bind(f.cost)
    .bind(f.city_cost)
    .bind(f.task_year)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// Keeps what was typed, while the application may be edited (a draft, or under a
/// summons). `false` when it may not be edited now.
pub async fn save_draft(
    db: &Db,
    id: i64,
    kind: ApplicantKind,
    organisation: Option<i64>,
    input: &ApplicationInput,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let json = serde_json::to_string(input).unwrap_or_default();
    let done = sqlx::query(
        "update initiatives set draft = $1, applicant_kind = $2, organisation_id = $3, updated_at = $4, \
         title = case when status = 'draft' then $5 else title end \
         where id = $6 and status in ('draft', 'remedy')",
    )
    .bind(json)
    .bind(kind.code())
    .bind(organisation)
    .bind(now)
    .bind(facts(input).title)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Who owns an application and where it stands.
pub async fn owner_and_status(db: &Db, id: i64) -> Result<Option<(i64, Status)>, sqlx::Error> {
    let row: Option<(i64, String)> =
        sqlx::query_as("select owner_id, status from initiatives where id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.map(|(owner, status)| (owner, Status::parse(&status).unwrap_or(Status::Draft))))
}

/// Why a submission was not registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubmitRefusal {
    /// Already submitted (a second click): nothing changes.
    AlreadySubmitted,
    /// The summons' deadline has passed.
    DeadlinePassed,
    /// Not the applicant's to submit now (withdrawn, decided…).
    NotSubmittable,
}

/// Submits (a draft: registers it under the next number of `year`) or resubmits (an
/// application under a summons, before its deadline: keeps its number), freezing the
/// typed application as the next version; all in one transaction. The number comes
/// from the year's counter, raised by the transaction's first statement so concurrent
/// submissions queue on it; a refused or failed submission rolls it back, so no number
/// is lost. Returns the registry number's (year, seq).
pub async fn submit(
    db: &Db,
    id: i64,
    by: i64,
    year: i32,
    now: i64,
) -> Result<Result<(i64, i64), SubmitRefusal>, sqlx::Error> {
    let Some((_, status)) = owner_and_status(db, id).await? else {
        return Ok(Err(SubmitRefusal::NotSubmittable));
    };
    match status {
        Status::Draft => {}
        Status::Remedy => return resubmit(db, id, by, now).await,
        Status::Submitted => return Ok(Err(SubmitRefusal::AlreadySubmitted)),
        _ => return Ok(Err(SubmitRefusal::NotSubmittable)),
    }
    let mut tx = db.begin().await?;
    let (seq,): (i64,) = sqlx::query_as(
        "insert into initiative_counters (year, last_seq) values ($1, 1) \
         on conflict (year) do update set last_seq = initiative_counters.last_seq + 1 returning last_seq",
    )
    .bind(i64::from(year))
    .fetch_one(&mut *tx)
    .await?;
    let Some((draft,)): Option<(String,)> =
        sqlx::query_as("select draft from initiatives where id = $1 and status = 'draft'")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
    else {
        // Someone (the same person, in another tab) submitted it meanwhile.
        tx.rollback().await?;
        return Ok(Err(SubmitRefusal::AlreadySubmitted));
    };
    sqlx::query(
        "update initiatives set status = 'submitted', year = $1, seq = $2, version = 1, submitted_at = $3, \
         updated_at = $3 where id = $4",
    )
    .bind(i64::from(year))
    .bind(seq)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    store_facts(&mut tx, id, &draft).await?;
    freeze(&mut tx, id, 1, &draft, by, now).await?;
    event(&mut *tx, id, now, Some(by), Move::Submit.code(), Status::Submitted, "", None).await?;
    tx.commit().await?;
    Ok(Ok((i64::from(year), seq)))
}

async fn resubmit(db: &Db, id: i64, by: i64, now: i64) -> Result<Result<(i64, i64), SubmitRefusal>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "update initiatives set status = 'submitted', version = version + 1, updated_at = $1 \
         where id = $2 and status = 'remedy' and remedy_deadline >= $1",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(Err(SubmitRefusal::DeadlinePassed));
    }
    let (draft, version, year, seq): (String, i64, i64, i64) =
        sqlx::query_as("select draft, version, year, seq from initiatives where id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    store_facts(&mut tx, id, &draft).await?;
    freeze(&mut tx, id, version, &draft, by, now).await?;
    event(&mut *tx, id, now, Some(by), Move::Resubmit.code(), Status::Submitted, "", None).await?;
    tx.commit().await?;
    Ok(Ok((year, seq)))
}

/// Keeps the columns the register lists and sums in step with the version submitted.
async fn store_facts(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64, draft: &str) -> Result<(), sqlx::Error> {
    let f = facts(&serde_json::from_str(draft).unwrap_or_default());
    sqlx::query(
        "update initiatives set title = $1, district = $2, scope = $3, cost_grosze = $4, city_cost_grosze = $5, \
         task_year = $6 where id = $7",
    )
    .bind(&f.title)
    .bind(f.district)
    .bind(f.scope)
    .bind(f.cost)
    .bind(f.city_cost)
    .bind(f.task_year)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn freeze(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    version: i64,
    application: &str,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into initiative_versions (initiative_id, version, application, submitted_by, submitted_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(version)
    .bind(application)
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn event<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    id: i64,
    at: i64,
    actor: Option<i64>,
    kind: &str,
    status: Status,
    note: &str,
    deadline: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into initiative_events (initiative_id, at, actor_id, kind, status, note, deadline) \
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(at)
    .bind(actor)
    .bind(kind)
    .bind(status.code())
    .bind(note)
    .bind(deadline)
    .execute(executor)
    .await?;
    Ok(())
}

/// The merit sheet's points of an evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Points {
    pub purpose: i64,
    pub contribution: i64,
    pub bonus: i64,
}

/// A timeline entry that records something without changing the status.
async fn timeline_entry(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    at: i64,
    by: i64,
    kind: &str,
    note: &str,
) -> Result<(), sqlx::Error> {
    let (status,): (String,) =
        sqlx::query_as("select status from initiatives where id = $1").bind(id).fetch_one(&mut **tx).await?;
    let status = Status::parse(&status).unwrap_or(Status::Submitted);
    event(&mut **tx, id, at, Some(by), kind, status, note, None).await
}

/// Applies a move (DK-04's outcome, or the applicant's withdrawal) when the
/// application's status allows it, with its public note and, for a summons, the
/// deadline; recorded on the timeline, in one transaction with what the move brings:
/// requesting opinions asks the district council of the application's district and the
/// Civic Dialogue Committee; an evaluation keeps its points. `None` when the status did
/// not allow it.
#[allow(clippy::too_many_arguments)]
pub async fn apply_move(
    db: &Db,
    id: i64,
    mv: Move,
    note: &str,
    deadline: Option<i64>,
    points: Option<Points>,
    by: i64,
    now: i64,
) -> Result<Option<Status>, sqlx::Error> {
    let Some((_, from)) = owner_and_status(db, id).await? else {
        return Ok(None);
    };
    let Some(to) = from.after(mv) else {
        return Ok(None);
    };
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "update initiatives set status = $1, updated_at = $2, \
         remedy_deadline = case when $3 = 'summon' then $4 else remedy_deadline end \
         where id = $5 and status = $6",
    )
    .bind(to.code())
    .bind(now)
    .bind(mv.code())
    .bind(deadline)
    .bind(id)
    .bind(from.code())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(None);
    }
    if mv == Move::RequestOpinions {
        sqlx::query(
            "insert into initiative_opinions (initiative_id, body, organisation_id, requested_at, requested_by) \
             select i.id, 'district_council', o.id, $2, $3 from initiatives i \
             left join organisations o on o.kind = 'district_council' and o.district = i.district where i.id = $1",
        )
        .bind(id)
        .bind(now)
        .bind(by)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "insert into initiative_opinions (initiative_id, body, requested_at, requested_by) \
             values ($1, 'dialogue_committee', $2, $3)",
        )
        .bind(id)
        .bind(now)
        .bind(by)
        .execute(&mut *tx)
        .await?;
    }
    if let Some(p) = points {
        sqlx::query(
            "update initiatives set score_purpose = $1, score_contribution = $2, score_bonus = $3, score_total = $4 \
             where id = $5",
        )
        .bind(p.purpose)
        .bind(p.contribution)
        .bind(p.bonus)
        .bind(p.purpose + p.contribution + p.bonus)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    event(&mut *tx, id, now, Some(by), mv.code(), to, note, deadline).await?;
    tx.commit().await?;
    Ok(Some(to))
}

/// One opinion asked for an application.
pub use super::model::Opinion;

/// The opinions asked for an application, the district council's first.
pub async fn opinions(db: &Db, id: i64) -> Result<Vec<Opinion>, sqlx::Error> {
    type OpinionRow = (String, Option<i64>, Option<String>, i64, Option<i64>, String, Option<i64>);
    let rows: Vec<OpinionRow> = sqlx::query_as(
        "select p.body, p.organisation_id, o.name, p.requested_at, p.positive, p.opinion, p.answered_at \
         from initiative_opinions p left join organisations o on o.id = p.organisation_id \
         where p.initiative_id = $1 order by p.body desc",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(body, organisation_id, organisation, requested_at, positive, text, answered_at)| Opinion {
            initiative_id: id,
            body,
            organisation_id,
            organisation,
            requested_at,
            positive: positive.map(|p| p == 1),
            text,
            answered_at,
        })
        .collect())
}

/// Records an opinion once (the council's by one of its members, the committee's by
/// DK-04), with an entry on the timeline. `false` when it was not asked or is given.
#[allow(clippy::too_many_arguments)]
pub async fn record_opinion(
    db: &Db,
    id: i64,
    body: &str,
    positive: bool,
    text: &str,
    timeline_note: &str,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "update initiative_opinions set positive = $1, opinion = $2, answered_at = $3, answered_by = $4 \
         where initiative_id = $5 and body = $6 and answered_at is null",
    )
    .bind(i64::from(positive))
    .bind(text)
    .bind(now)
    .bind(by)
    .bind(id)
    .bind(body)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    timeline_entry(&mut tx, id, now, by, "opinion", timeline_note).await?;
    tx.commit().await?;
    Ok(true)
}

/// The opinions asked of these district councils, those not yet given first.
pub async fn council_requests(db: &Db, councils: &[i64]) -> Result<Vec<(InitiativeSummary, Opinion)>, sqlx::Error> {
    if councils.is_empty() {
        return Ok(Vec::new());
    }
    let mut params = Params::default();
    let list = params.push_list(councils);
    let sql = format!(
        "select initiative_id from initiative_opinions where body = 'district_council' and organisation_id in ({list}) \
         order by answered_at is not null, requested_at desc"
    );
    let ids: Vec<(i64,)> = params.bind_as(sqlx::query_as(&sql)).fetch_all(db).await?;
    let mut out = Vec::new();
    for (id,) in ids {
        let sql = format!(
            "select {SUMMARY_COLUMNS} from initiatives i left join organisations o on o.id = i.organisation_id \
             where i.id = $1"
        );
        let row: SummaryRow = sqlx::query_as(&sql).bind(id).fetch_one(db).await?;
        if let Some(opinion) = opinions(db, id).await?.into_iter().find(|o| o.body == "district_council") {
            out.push((summary(row), opinion));
        }
    }
    Ok(out)
}

/// The year's merit sheet (Kraków's defaults when the year has none).
pub async fn sheet(db: &Db, year: i64) -> Result<Sheet, sqlx::Error> {
    let row: Option<(i64, i64, i64, i64)> = sqlx::query_as(
        "select purpose_max, contribution_max, council_bonus, pass_mark from initiative_years where year = $1",
    )
    .bind(year)
    .fetch_optional(db)
    .await?;
    let n = |v: i64| u32::try_from(v).unwrap_or(0);
    Ok(row.map_or_else(Sheet::default, |(p, c, b, m)| Sheet {
        purpose_max: n(p),
        contribution_max: n(c),
        council_bonus: n(b),
        pass_mark: n(m),
    }))
}

/// Records DK-04's checklist (each item passed, failed or not yet assessed, with a
/// note), replacing what was recorded before.
pub async fn save_checks(db: &Db, id: i64, results: &[CheckResult], by: i64, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("delete from initiative_checks where initiative_id = $1").bind(id).execute(&mut *tx).await?;
    for r in results {
        sqlx::query(
            "insert into initiative_checks (initiative_id, item, passed, note, checked_by, checked_at) \
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(r.item.code())
        .bind(r.passed.map(i64::from))
        .bind(r.note.trim())
        .bind(by)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// Records how many valid signatures the delivered support list holds.
pub async fn record_signatures(db: &Db, id: i64, count: i64, by: i64, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let done =
        sqlx::query("update initiatives set signatures = $1, updated_at = $2 where id = $3 and status <> 'draft'")
            .bind(count)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    timeline_entry(&mut tx, id, now, by, "signatures", &count.to_string()).await?;
    tx.commit().await?;
    Ok(true)
}

/// The context of the rules for an application of `kind` filled in at `now`.
pub async fn context(db: &Db, organisation: Option<i64>, now: i64) -> Result<Context, sqlx::Error> {
    let today = warsaw_date(now);
    let pool = pool(db, i64::from(today.0)).await?.pool;
    let council_district = match organisation {
        Some(org) => {
            let row: Option<(Option<i64>,)> =
                sqlx::query_as("select district from organisations where id = $1 and kind = 'district_council'")
                    .bind(org)
                    .fetch_optional(db)
                    .await?;
            row.and_then(|(d,)| d).and_then(|d| u8::try_from(d).ok())
        }
        None => None,
    };
    Ok(Context { today, pool, council_district })
}

/// One application in full (the caller decides who may see what).
pub async fn detail(db: &Db, id: i64, now: i64) -> Result<Option<InitiativeDetail>, sqlx::Error> {
    let sql = format!(
        "select {SUMMARY_COLUMNS} from initiatives i left join organisations o on o.id = i.organisation_id \
         where i.id = $1"
    );
    let Some(summary_row): Option<SummaryRow> = sqlx::query_as(&sql).bind(id).fetch_optional(db).await? else {
        return Ok(None);
    };
    type Extra = (String, i64, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>);
    let (draft, version, signatures, organisation, purpose, contribution, bonus, year): Extra = sqlx::query_as(
        "select draft, version, signatures, organisation_id, score_purpose, score_contribution, score_bonus, year \
         from initiatives where id = $1",
    )
    .bind(id)
    .fetch_one(db)
    .await?;
    let submitted: Option<(String,)> = sqlx::query_as(
        "select application from initiative_versions where initiative_id = $1 order by version desc limit 1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    let recorded: Vec<(String, Option<i64>, String)> =
        sqlx::query_as("select item, passed, note from initiative_checks where initiative_id = $1")
            .bind(id)
            .fetch_all(db)
            .await?;
    let summary = summary(summary_row);
    let checks = CheckItem::applicable(summary.kind)
        .into_iter()
        .map(|item| {
            let found = recorded.iter().find(|(code, _, _)| code == item.code());
            CheckResult {
                item,
                passed: found.and_then(|(_, p, _)| p.map(|p| p == 1)),
                note: found.map(|(_, _, n)| n.clone()).unwrap_or_default(),
            }
        })
        .collect();
    type EventRow = (i64, String, String, String, Option<i64>, Option<i64>, i64);
    let timeline: Vec<EventRow> = sqlx::query_as(
        "select e.at, e.kind, e.status, e.note, e.deadline, e.actor_id, i.owner_id from initiative_events e \
         join initiatives i on i.id = e.initiative_id where e.initiative_id = $1 order by e.at, e.id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    Ok(Some(InitiativeDetail {
        media: crate::media::storage::list(db, crate::media::Parent::Initiative(id)).await?,
        summary,
        draft: serde_json::from_str(&draft).unwrap_or_default(),
        submitted: submitted.and_then(|(s,)| serde_json::from_str(&s).ok()),
        version,
        signatures,
        checks,
        timeline: timeline
            .into_iter()
            .map(|(at, kind, status, note, deadline, actor, owner)| TimelineEntry {
                at,
                kind,
                status: Status::parse(&status).unwrap_or(Status::Submitted),
                note,
                deadline,
                by_staff: actor != Some(owner),
            })
            .collect(),
        context: context(db, organisation, now).await?,
        is_owner: false,
        now,
        opinions: opinions(db, id).await?,
        points: purpose.zip(contribution).zip(bonus).map(|((p, c), b)| (p, c, b)),
        sheet: sheet(db, year.unwrap_or_else(|| i64::from(warsaw_date(now).0))).await?,
    }))
}

/// The owner of an application.
pub async fn owner_of(db: &Db, id: i64) -> Result<Option<i64>, sqlx::Error> {
    Ok(owner_and_status(db, id).await?.map(|(owner, _)| owner))
}

/// The id of the application registered as IL/{year}/{seq}.
pub async fn id_by_number(db: &Db, year: i64, seq: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("select id from initiatives where year = $1 and seq = $2")
        .bind(year)
        .bind(seq)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(id,)| id))
}

/// The applications of one owner, newest first.
pub async fn mine(db: &Db, owner: i64) -> Result<Vec<InitiativeSummary>, sqlx::Error> {
    let sql = format!(
        "select {SUMMARY_COLUMNS} from initiatives i left join organisations o on o.id = i.organisation_id \
         where i.owner_id = $1 order by i.updated_at desc, i.id desc"
    );
    let rows: Vec<SummaryRow> = sqlx::query_as(&sql).bind(owner).fetch_all(db).await?;
    Ok(rows.into_iter().map(summary).collect())
}

/// The registered applications (never drafts), by status when given, newest first.
pub async fn register(
    db: &Db,
    status: Option<Status>,
    year: Option<i64>,
) -> Result<Vec<InitiativeSummary>, sqlx::Error> {
    let mut params = Params::default();
    let mut sql = format!(
        "select {SUMMARY_COLUMNS} from initiatives i left join organisations o on o.id = i.organisation_id \
         where i.seq is not null"
    );
    if let Some(status) = status {
        sql.push_str(&format!(" and i.status = {}", params.push(status.code())));
    }
    if let Some(year) = year {
        sql.push_str(&format!(" and i.year = {}", params.push(year)));
    }
    sql.push_str(" order by i.year desc, i.seq desc");
    let rows: Vec<SummaryRow> = params.bind_as(sqlx::query_as(&sql)).fetch_all(db).await?;
    Ok(rows.into_iter().map(summary).collect())
}

/// The year's pool and what accepted applications for tasks in that year use of it.
pub async fn pool(db: &Db, year: i64) -> Result<PoolState, sqlx::Error> {
    let pool: Option<(i64,)> = sqlx::query_as("select pool_grosze from initiative_years where year = $1")
        .bind(year)
        .fetch_optional(db)
        .await?;
    let (used,): (i64,) = sqlx::query_as(
        "select cast(coalesce(sum(city_cost_grosze), 0) as bigint) from initiatives \
         where task_year = $1 and status in ('accepted', 'contract', 'completed')",
    )
    .bind(year)
    .fetch_one(db)
    .await?;
    Ok(PoolState { year, pool: pool.map(|(p,)| p), used })
}

/// Sets the year's pool and merit sheet.
pub async fn set_year(db: &Db, year: i64, pool: Grosze, sheet: Sheet) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into initiative_years (year, pool_grosze, purpose_max, contribution_max, council_bonus, pass_mark) \
         values ($1, $2, $3, $4, $5, $6) on conflict (year) do update set pool_grosze = $2, purpose_max = $3, \
         contribution_max = $4, council_bonus = $5, pass_mark = $6",
    )
    .bind(year)
    .bind(pool)
    .bind(i64::from(sheet.purpose_max))
    .bind(i64::from(sheet.contribution_max))
    .bind(i64::from(sheet.council_bonus))
    .bind(i64::from(sheet.pass_mark))
    .execute(db)
    .await?;
    Ok(())
}

/// The drafts and registered applications DK-04 works on, by status.
pub async fn staff_list(db: &Db, status: Option<Status>) -> Result<Vec<InitiativeSummary>, sqlx::Error> {
    register(db, status, None).await
}

/// The address the owner's receipts go to (none for a deleted account).
pub async fn owner_email(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(Option<String>,)> = sqlx::query_as(
        "select u.email from initiatives i join users u on u.id = i.owner_id \
         where i.id = $1 and u.status = 'active'",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(|(email,)| email))
}
