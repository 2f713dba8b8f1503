//! Civic-budget projects in the database (server only): drafts saved between visits,
//! submitting with a gap-free number per edition, every later move applied only from
//! the status it is allowed from, the verifying units and their verifiers, the public
//! timeline, and the catalogue with its filters and full-text search on both databases.

use super::model::{Catalogue, Filter, ProjectDetail, ProjectSummary, TimelineEntry, Unit};
use crate::db::{Backend, Db, Params};
use crate::domain::budget::{protest_in_time, ProjectMove, ProjectStatus};
use crate::domain::budget_project::ProjectInput;
use crate::domain::initiative::{parse_zloty, ApplicantKind, Grosze};
use crate::domain::paging::PageNumber;
use crate::domain::topic::Topic;

use super::model::{is_public, CATALOGUE_PAGE};

const SUMMARY_COLUMNS: &str = "p.id, p.year, p.seq, p.title, p.summary, p.status, p.applicant_kind, o.name, \
     p.district, p.topic, p.cost_grosze, p.verified_cost_grosze, u.name, p.submitted_at, p.updated_at";

const SUMMARY_FROM: &str = "from budget_projects p left join organisations o on o.id = p.organisation_id \
     left join budget_units u on u.id = p.unit_id";

type SummaryRow = (
    i64,
    i64,
    Option<i64>,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<i64>,
    i64,
);

fn summary(row: SummaryRow) -> ProjectSummary {
    let (id, year, seq, title, summary, status, kind, organisation, district, topic, cost, verified, unit, at, updated) =
        row;
    ProjectSummary {
        id,
        year,
        seq,
        title,
        summary,
        status: ProjectStatus::parse(&status).unwrap_or(ProjectStatus::Draft),
        kind: ApplicantKind::parse(&kind).unwrap_or(ApplicantKind::Residents),
        organisation,
        district: district.and_then(|d| u8::try_from(d).ok()),
        topic,
        cost,
        verified_cost: verified,
        unit,
        submitted_at: at,
        updated_at: updated,
    }
}

/// The backend behind a pool, read from its address.
pub fn backend(db: &Db) -> Backend {
    Backend::of_url(db.connect_options().database_url.as_str()).unwrap_or(Backend::Sqlite)
}

/// The facts of an input the catalogue lists, filters and searches.
struct Facts {
    title: String,
    summary: String,
    description: String,
    district: Option<i64>,
    topic: Option<String>,
    cost: Option<Grosze>,
}

fn facts(input: &ProjectInput) -> Facts {
    Facts {
        title: input.title.trim().chars().take(300).collect(),
        summary: input.summary.trim().to_owned(),
        description: input.description.trim().to_owned(),
        district: input.district_number().map(i64::from),
        topic: Topic::parse(&input.topic).map(|t| t.slug().to_owned()),
        cost: parse_zloty(&input.cost),
    }
}

/// Creates a draft in `year`'s edition for `owner`, applying as `kind`.
pub async fn create_draft(
    db: &Db,
    year: i64,
    owner: i64,
    kind: ApplicantKind,
    organisation: Option<i64>,
    input: &ProjectInput,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let f = facts(input);
    let json = serde_json::to_string(input).unwrap_or_default();
    let (id,): (i64,) = sqlx::query_as(
        "insert into budget_projects (year, owner_id, organisation_id, applicant_kind, status, draft, title, \
         district, topic, cost_grosze, created_at, updated_at) \
         values ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $9, $10, $10) returning id",
    )
    .bind(year)
    .bind(owner)
    .bind(organisation)
    .bind(kind.code())
    .bind(json)
    .bind(&f.title)
    .bind(f.district)
    .bind(f.topic)
    .bind(f.cost)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// Saves what was typed into a draft; `false` when it is no longer a draft.
pub async fn save_draft(
    db: &Db,
    id: i64,
    kind: ApplicantKind,
    organisation: Option<i64>,
    input: &ProjectInput,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let f = facts(input);
    let done = sqlx::query(
        "update budget_projects set draft = $1, title = $2, district = $3, topic = $4, cost_grosze = $5, \
         applicant_kind = $6, organisation_id = $7, updated_at = $8 where id = $9 and status = 'draft'",
    )
    .bind(serde_json::to_string(input).unwrap_or_default())
    .bind(&f.title)
    .bind(f.district)
    .bind(f.topic)
    .bind(f.cost)
    .bind(kind.code())
    .bind(organisation)
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The owner, status and edition of a project.
pub async fn owner_and_status(db: &Db, id: i64) -> Result<Option<(i64, ProjectStatus, i64)>, sqlx::Error> {
    let row: Option<(i64, String, i64)> =
        sqlx::query_as("select owner_id, status, year from budget_projects where id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(owner, status, year)| (owner, ProjectStatus::parse(&status).unwrap_or(ProjectStatus::Draft), year)))
}

/// Why a project was not submitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubmitRefusal {
    AlreadySubmitted,
    NotSubmittable,
}

/// Submits a draft: the edition's next number (counted as the transaction's first
/// statement, so concurrent submissions queue and no number is skipped or repeated),
/// the facts and the search index from the draft as it stands, and the timeline.
pub async fn submit(db: &Db, id: i64, by: i64, now: i64) -> Result<Result<(i64, i64), SubmitRefusal>, sqlx::Error> {
    let Some((_, status, year)) = owner_and_status(db, id).await? else {
        return Ok(Err(SubmitRefusal::NotSubmittable));
    };
    match status {
        ProjectStatus::Draft => {}
        ProjectStatus::Withdrawn => return Ok(Err(SubmitRefusal::NotSubmittable)),
        _ => return Ok(Err(SubmitRefusal::AlreadySubmitted)),
    }
    let mut tx = db.begin().await?;
    let (seq,): (i64,) = sqlx::query_as(
        "insert into budget_counters (year, last_seq) values ($1, 1) \
         on conflict (year) do update set last_seq = budget_counters.last_seq + 1 returning last_seq",
    )
    .bind(year)
    .fetch_one(&mut *tx)
    .await?;
    let Some((draft,)): Option<(String,)> =
        sqlx::query_as("select draft from budget_projects where id = $1 and status = 'draft'")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
    else {
        // Submitted meanwhile (a second click, another tab): the number is not used.
        tx.rollback().await?;
        return Ok(Err(SubmitRefusal::AlreadySubmitted));
    };
    let f = facts(&serde_json::from_str(&draft).unwrap_or_default());
    sqlx::query(
        "update budget_projects set status = 'submitted', seq = $1, submitted_at = $2, updated_at = $2, \
         title = $3, summary = $4, description = $5, district = $6, topic = $7, cost_grosze = $8 where id = $9",
    )
    .bind(seq)
    .bind(now)
    .bind(&f.title)
    .bind(&f.summary)
    .bind(&f.description)
    .bind(f.district)
    .bind(f.topic)
    .bind(f.cost)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if backend(db) == Backend::Sqlite {
        // Folded as the search words are (FTS5 keeps "ł", which has no decomposition).
        sqlx::query("insert into budget_projects_fts (rowid, title, summary, description) values ($1, $2, $3, $4)")
            .bind(id)
            .bind(fold_text(&f.title))
            .bind(fold_text(&f.summary))
            .bind(fold_text(&f.description))
            .execute(&mut *tx)
            .await?;
    }
    event(&mut *tx, id, now, Some(by), ProjectMove::Submit.code(), ProjectStatus::Submitted, "", None).await?;
    tx.commit().await?;
    Ok(Ok((year, seq)))
}

#[allow(clippy::too_many_arguments)]
async fn event<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    id: i64,
    at: i64,
    actor: Option<i64>,
    kind: &str,
    status: ProjectStatus,
    note: &str,
    deadline: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into budget_project_events (project_id, at, actor_id, kind, status, note, deadline) \
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

/// What a move carries besides itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// The published reason, the protest's text, or a note on the timeline.
    pub note: String,
    pub unit: Option<i64>,
    pub verified_cost: Option<Grosze>,
    pub signatures: Option<i64>,
    /// A summons' deadline, or a hearing's date.
    pub deadline: Option<i64>,
}

/// Applies a move: only from a status it is allowed from (`where status = from`, so of
/// two simultaneous moves one wins and the other finds nothing to change), with its
/// columns and the timeline entry, in one transaction (a merger, which concerns two
/// projects, has its own functions). `None` when the project was not where the move starts.
pub async fn apply(
    db: &Db,
    id: i64,
    mv: ProjectMove,
    change: &Change,
    by: i64,
    now: i64,
) -> Result<Option<ProjectStatus>, sqlx::Error> {
    if matches!(mv, ProjectMove::ProposeMerger | ProjectMove::AgreeMerger | ProjectMove::RefuseMerger) {
        // A merger concerns two projects: `propose_merger` and `answer_merger`.
        return Ok(None);
    }
    let Some((_, from, _)) = owner_and_status(db, id).await? else {
        return Ok(None);
    };
    let Some(to) = from.after(mv) else {
        return Ok(None);
    };
    let mut tx = db.begin().await?;
    let mut params = Params::default();
    let mut set = format!("status = {}, updated_at = {}", params.push(to.code()), params.push(now));
    match mv {
        ProjectMove::SummonSupport => {
            set.push_str(&format!(", support_deadline = {}", params.push(change.deadline.unwrap_or(now))));
        }
        ProjectMove::Assign => {
            set.push_str(&format!(", unit_id = {}", params.push(change.unit.unwrap_or(0))));
            if let Some(signatures) = change.signatures {
                set.push_str(&format!(", signatures = {}", params.push(signatures)));
            }
        }
        ProjectMove::Accept => {
            if let Some(cost) = change.verified_cost {
                set.push_str(&format!(", verified_cost_grosze = {}", params.push(cost)));
            }
        }
        ProjectMove::Reject => {
            set.push_str(&format!(
                ", decision_note = {}, rejected_at = {}",
                params.push(change.note.as_str()),
                params.push(now)
            ));
        }
        ProjectMove::Protest => set.push_str(&format!(", protest = {}", params.push(change.note.as_str()))),
        ProjectMove::UpholdProtest => {
            set.push_str(", decision_note = ''");
            if let Some(at) = change.deadline {
                set.push_str(&format!(", hearing_at = {}", params.push(at)));
            }
        }
        ProjectMove::DismissProtest => {
            set.push_str(&format!(", decision_note = {}", params.push(change.note.as_str())));
            if let Some(at) = change.deadline {
                set.push_str(&format!(", hearing_at = {}", params.push(at)));
            }
        }
        _ => {}
    }
    let sql = format!(
        "update budget_projects set {set} where id = {} and status = {}",
        params.push(id),
        params.push(from.code())
    );
    let done =
        params.bind_as(sqlx::query_as::<_, (i64,)>(&format!("{sql} returning id"))).fetch_optional(&mut *tx).await?;
    if done.is_none() {
        tx.rollback().await?;
        return Ok(None);
    }
    event(&mut *tx, id, now, Some(by), mv.code(), to, &change.note, change.deadline).await?;
    tx.commit().await?;
    Ok(Some(to))
}

/// Proposes merging project `id` into `other` (both in verification): both wait for
/// their applicants, each project naming the other. Returns whether both were in
/// verification (else nothing changes).
pub async fn propose_merger(db: &Db, id: i64, other: i64, note: &str, by: i64, now: i64) -> Result<bool, sqlx::Error> {
    if id == other {
        return Ok(false);
    }
    let mut tx = db.begin().await?;
    for (project, partner, absorbed) in [(id, other, 1), (other, id, 0)] {
        let done = sqlx::query(
            "update budget_projects set status = 'merger_proposed', merger_with = $1, merger_agreed = 0, \
             merger_absorbed = $2, updated_at = $3 where id = $4 and status = 'in_verification'",
        )
        .bind(partner)
        .bind(absorbed)
        .bind(now)
        .bind(project)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        let kind = ProjectMove::ProposeMerger.code();
        event(&mut *tx, project, now, Some(by), kind, ProjectStatus::MergerProposed, note, None).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// An applicant's answer to a proposed merger. A refusal sends both projects back to
/// verification. An agreement is recorded; once the applicants of both agreed, the
/// project proposed for merging is merged into the other, whose verification goes on.
/// `None` when the project is not waiting for an answer.
pub async fn answer_merger(
    db: &Db,
    id: i64,
    agree: bool,
    by: i64,
    now: i64,
) -> Result<Option<ProjectStatus>, sqlx::Error> {
    let mut tx = db.begin().await?;
    // Written first, so two answers at once queue here and the second sees the first.
    sqlx::query("update budget_projects set updated_at = $1 where id = $2 and status = 'merger_proposed'")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let row: Option<(Option<i64>, i64)> = sqlx::query_as(
        "select merger_with, merger_absorbed from budget_projects where id = $1 and status = 'merger_proposed'",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((Some(partner), absorbed)) = row else {
        tx.rollback().await?;
        return Ok(None);
    };
    if !agree {
        sqlx::query(
            "update budget_projects set status = 'in_verification', merger_with = null, merger_agreed = 0, \
             merger_absorbed = 0, updated_at = $1 where id in ($2, $3) and status = 'merger_proposed'",
        )
        .bind(now)
        .bind(id)
        .bind(partner)
        .execute(&mut *tx)
        .await?;
        for project in [id, partner] {
            let kind = ProjectMove::RefuseMerger.code();
            event(&mut *tx, project, now, Some(by), kind, ProjectStatus::InVerification, "", None).await?;
        }
        tx.commit().await?;
        return Ok(Some(ProjectStatus::InVerification));
    }
    sqlx::query("update budget_projects set merger_agreed = 1 where id = $1").bind(id).execute(&mut *tx).await?;
    event(&mut *tx, id, now, Some(by), "merger_agreed", ProjectStatus::MergerProposed, "", None).await?;
    let (other_agreed,): (i64,) = sqlx::query_as("select merger_agreed from budget_projects where id = $1")
        .bind(partner)
        .fetch_one(&mut *tx)
        .await?;
    if other_agreed != 1 {
        tx.commit().await?;
        return Ok(Some(ProjectStatus::MergerProposed));
    }
    let (merged, goes_on) = if absorbed == 1 { (id, partner) } else { (partner, id) };
    for (project, status, kind) in [
        (merged, ProjectStatus::Merged, ProjectMove::AgreeMerger.code()),
        (goes_on, ProjectStatus::InVerification, "merger_done"),
    ] {
        sqlx::query("update budget_projects set status = $1, updated_at = $2 where id = $3")
            .bind(status.code())
            .bind(now)
            .bind(project)
            .execute(&mut *tx)
            .await?;
        event(&mut *tx, project, now, Some(by), kind, status, "", None).await?;
    }
    tx.commit().await?;
    Ok(Some(if id == merged { ProjectStatus::Merged } else { ProjectStatus::InVerification }))
}

/// Schedules (or moves) the hearing of a protest, on the timeline.
pub async fn schedule_hearing(db: &Db, id: i64, at: i64, by: i64, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "update budget_projects set hearing_at = $1, updated_at = $2 where id = $3 and status = 'protested'",
    )
    .bind(at)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    event(&mut *tx, id, now, Some(by), "hearing", ProjectStatus::Protested, "", Some(at)).await?;
    tx.commit().await?;
    Ok(true)
}

/// Records the valid signatures delivered on a project's support list.
pub async fn record_signatures(db: &Db, id: i64, count: i64, by: i64, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "update budget_projects set signatures = $1, updated_at = $2 where id = $3 \
         and status in ('submitted', 'support_missing')",
    )
    .bind(count)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    let (status,): (String,) =
        sqlx::query_as("select status from budget_projects where id = $1").bind(id).fetch_one(&mut *tx).await?;
    let status = ProjectStatus::parse(&status).unwrap_or(ProjectStatus::Submitted);
    event(&mut *tx, id, now, Some(by), "signatures", status, &count.to_string(), None).await?;
    tx.commit().await?;
    Ok(true)
}

/// Closes the edition's list: every accepted project goes on the ballot, every
/// rejection whose protest window has passed becomes final. Returns how many projects
/// are on the ballot.
pub async fn close_list(db: &Db, year: i64, protest_days: u32, by: i64, now: i64) -> Result<i64, sqlx::Error> {
    let rows: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
        "select id, status, rejected_at from budget_projects where year = $1 and status in ('accepted', 'rejected') \
         order by seq",
    )
    .bind(year)
    .fetch_all(db)
    .await?;
    for (id, status, rejected_at) in rows {
        let mv = match status.as_str() {
            "accepted" => ProjectMove::PlaceOnBallot,
            _ if !protest_in_time(rejected_at.unwrap_or(0), protest_days, now) => ProjectMove::CloseProtests,
            _ => continue,
        };
        apply(db, id, mv, &Change::default(), by, now).await?;
    }
    let (n,): (i64,) = sqlx::query_as("select count(*) from budget_projects where year = $1 and status = 'on_ballot'")
        .bind(year)
        .fetch_one(db)
        .await?;
    Ok(n)
}

/// The edition's projects on the ballot, in number order: exactly the list DK-04 closed.
pub async fn ballot(db: &Db, year: i64) -> Result<Vec<ProjectSummary>, sqlx::Error> {
    let sql =
        format!("select {SUMMARY_COLUMNS} {SUMMARY_FROM} where p.year = $1 and p.status = 'on_ballot' order by p.seq");
    let rows: Vec<SummaryRow> = sqlx::query_as(&sql).bind(year).fetch_all(db).await?;
    Ok(rows.into_iter().map(summary).collect())
}

/// One project by id, with its timeline.
pub async fn detail(db: &Db, id: i64) -> Result<Option<ProjectDetail>, sqlx::Error> {
    type Extra = (
        String,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        String,
        Option<i64>,
        String,
        Option<i64>,
        Option<i64>,
        i64,
        i64,
    );
    let sql = format!("select {SUMMARY_COLUMNS} {SUMMARY_FROM} where p.id = $1");
    let Some(row): Option<SummaryRow> = sqlx::query_as(&sql).bind(id).fetch_optional(db).await? else {
        return Ok(None);
    };
    let s = summary(row);
    let (draft, unit_id, signatures, deadline, note, rejected_at, protest, hearing_at, merger_with, owner, agreed): Extra =
        sqlx::query_as(
            "select draft, unit_id, signatures, support_deadline, decision_note, rejected_at, protest, hearing_at, \
             merger_with, owner_id, merger_agreed from budget_projects where id = $1",
        )
        .bind(id)
        .fetch_one(db)
        .await?;
    let input: ProjectInput = serde_json::from_str(&draft).unwrap_or_default();
    let merger = match merger_with {
        Some(other) => sqlx::query_as::<_, (i64, i64, Option<i64>, String)>(
            "select id, year, seq, title from budget_projects where id = $1",
        )
        .bind(other)
        .fetch_optional(db)
        .await?
        .map(|(id, year, seq, title)| {
            (id, crate::domain::budget_project::project_number(year, seq.unwrap_or(0)), title)
        }),
        None => None,
    };
    type EventRow = (i64, String, String, String, Option<i64>, Option<i64>);
    let events: Vec<EventRow> = sqlx::query_as(
        "select at, kind, status, note, deadline, actor_id from budget_project_events where project_id = $1 \
         order by at, id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let timeline = events
        .into_iter()
        .map(|(at, kind, status, note, deadline, actor)| TimelineEntry {
            at,
            kind,
            status: ProjectStatus::parse(&status).unwrap_or(ProjectStatus::Draft),
            note,
            deadline,
            by_staff: actor != Some(owner),
        })
        .collect();
    let edition = super::storage::edition(db, s.year).await?;
    let now = crate::state::now();
    let (phase, rules) = match &edition {
        Some(e) => (e.calendar.phase_at(now), e.rules.clone()),
        None => (crate::domain::budget::Phase::Preparation, crate::domain::budget::Rules::default()),
    };
    let protest_until = rejected_at
        .filter(|_| s.status == ProjectStatus::Rejected)
        .map(|at| at + i64::from(rules.protest_days) * 86_400);
    Ok(Some(ProjectDetail {
        media: crate::media::storage::list(db, crate::media::Parent::BudgetProject(id)).await?,
        description_html: crate::markdown::render(&input.description),
        input,
        summary: s,
        unit_id,
        signatures,
        support_deadline: deadline,
        decision_note: note,
        rejected_at,
        protest_until,
        protest,
        hearing_at,
        merger_with: merger,
        merger_agreed: agreed == 1,
        timeline,
        is_owner: false,
        phase,
        required_signatures: i64::from(rules.support_signatures),
        rules,
        now,
    }))
}

/// The id of the project numbered `seq` in `year`'s edition (drafts have no number).
pub async fn id_by_number(db: &Db, year: i64, seq: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("select id from budget_projects where year = $1 and seq = $2")
        .bind(year)
        .bind(seq)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(id,)| id))
}

/// The person's projects, drafts included, newest first.
pub async fn mine(db: &Db, owner: i64) -> Result<Vec<ProjectSummary>, sqlx::Error> {
    let sql =
        format!("select {SUMMARY_COLUMNS} {SUMMARY_FROM} where p.owner_id = $1 order by p.updated_at desc, p.id desc");
    let rows: Vec<SummaryRow> = sqlx::query_as(&sql).bind(owner).fetch_all(db).await?;
    Ok(rows.into_iter().map(summary).collect())
}

/// The projects a unit verifies (or, with `None`, every submitted project of the
/// edition), for the back office, in number order.
pub async fn staff_list(db: &Db, year: i64, unit: Option<i64>) -> Result<Vec<ProjectSummary>, sqlx::Error> {
    let mut params = Params::default();
    let mut sql =
        format!("select {SUMMARY_COLUMNS} {SUMMARY_FROM} where p.seq is not null and p.year = {}", params.push(year));
    if let Some(unit) = unit {
        sql.push_str(&format!(" and p.unit_id = {}", params.push(unit)));
    }
    sql.push_str(" order by p.seq");
    let rows: Vec<SummaryRow> = params.bind_as(sqlx::query_as(&sql)).fetch_all(db).await?;
    Ok(rows.into_iter().map(summary).collect())
}

/// The words of a search as both databases' full-text engines take them: letters and
/// digits only, lowercased, diacritics folded, at most eight words, each a prefix.
pub fn search_terms(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| fold_text(w).chars().take(40).collect::<String>())
        .take(8)
        .collect()
}

fn fold_text(text: &str) -> String {
    text.to_lowercase().chars().map(fold).collect()
}

fn fold(c: char) -> char {
    match c {
        'ą' | 'ä' | 'á' => 'a',
        'ć' => 'c',
        'ę' | 'é' => 'e',
        'ł' => 'l',
        'ń' => 'n',
        'ó' | 'ö' => 'o',
        'ś' => 's',
        'ź' | 'ż' => 'z',
        'ü' | 'ú' => 'u',
        'í' => 'i',
        'ý' => 'y',
        other => other,
    }
}

/// The condition of a catalogue query (after `from`), with its parameters: the
/// filters as given, the text search through SQLite's FTS5 or PostgreSQL's full text.
fn catalogue_where(db: &Db, year: i64, filter: &Filter) -> (Params, String) {
    let mut params = Params::default();
    let mut sql = format!(" {SUMMARY_FROM} where p.seq is not null and p.year = {}", params.push(year));
    match filter.pool.as_deref() {
        Some("city") => sql.push_str(" and p.district is null"),
        Some(d) => {
            if let Some(d) = crate::domain::district::District::parse(d) {
                sql.push_str(&format!(" and p.district = {}", params.push(i64::from(d.number()))));
            }
        }
        None => {}
    }
    if let Some(status) = filter.status.as_deref().and_then(ProjectStatus::parse).filter(|s| is_public(*s)) {
        sql.push_str(&format!(" and p.status = {}", params.push(status.code())));
    }
    if let Some(topic) = filter.topic.as_deref().and_then(Topic::parse) {
        sql.push_str(&format!(" and p.topic = {}", params.push(topic.slug())));
    }
    let cost = "coalesce(p.verified_cost_grosze, p.cost_grosze)";
    if let Some(min) = filter.cost_min {
        sql.push_str(&format!(" and {cost} >= {}", params.push(min.saturating_mul(100))));
    }
    if let Some(max) = filter.cost_max {
        sql.push_str(&format!(" and {cost} <= {}", params.push(max.saturating_mul(100))));
    }
    let terms = search_terms(filter.q.as_deref().unwrap_or_default());
    if !terms.is_empty() {
        match backend(db) {
            Backend::Sqlite => {
                let query = terms.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" ");
                sql.push_str(&format!(
                    " and p.id in (select rowid from budget_projects_fts where budget_projects_fts match {})",
                    params.push(query.as_str())
                ));
            }
            Backend::Postgres => {
                let query = terms.iter().map(|t| format!("{t}:*")).collect::<Vec<_>>().join(" & ");
                sql.push_str(&format!(" and p.search @@ to_tsquery('simple', {})", params.push(query.as_str())));
            }
        }
    }
    (params, sql)
}

/// One page of the public catalogue of `year`'s edition, newest number first.
pub async fn catalogue(db: &Db, year: i64, filter: &Filter) -> Result<Catalogue, sqlx::Error> {
    let (params, sql) = catalogue_where(db, year, filter);
    let (total,): (i64,) = params.bind_as(sqlx::query_as(&format!("select count(*){sql}"))).fetch_one(db).await?;
    let page = PageNumber::parse(Some(&filter.page.to_string()));
    let list = format!(
        "select {SUMMARY_COLUMNS}{sql} order by p.seq desc limit {} offset {}",
        CATALOGUE_PAGE,
        page.offset(CATALOGUE_PAGE)
    );
    let rows: Vec<SummaryRow> = params.bind_as(sqlx::query_as(&list)).fetch_all(db).await?;
    Ok(Catalogue { items: rows.into_iter().map(summary).collect(), total: total.max(0) as u64, page: page.get() })
}

/// Every project the catalogue's filters match, in number order (open data).
pub async fn matching(db: &Db, year: i64, filter: &Filter) -> Result<Vec<ProjectSummary>, sqlx::Error> {
    let (params, sql) = catalogue_where(db, year, filter);
    let rows: Vec<SummaryRow> =
        params.bind_as(sqlx::query_as(&format!("select {SUMMARY_COLUMNS}{sql} order by p.seq"))).fetch_all(db).await?;
    Ok(rows.into_iter().map(summary).collect())
}

/// The verifying units with their verifiers' e-mail addresses.
pub async fn units(db: &Db) -> Result<Vec<Unit>, sqlx::Error> {
    let rows: Vec<(i64, String, i64)> =
        sqlx::query_as("select id, name, active from budget_units order by name").fetch_all(db).await?;
    let people: Vec<(i64, String)> = sqlx::query_as(
        "select v.unit_id, coalesce(u.email, '') from budget_unit_verifiers v join users u on u.id = v.user_id \
         order by u.email",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, active)| Unit {
            id,
            name,
            active: active == 1,
            verifiers: people.iter().filter(|(u, _)| *u == id).map(|(_, e)| e.clone()).collect(),
        })
        .collect())
}

/// Adds a unit, or re-activates one of that name; its id.
pub async fn add_unit(db: &Db, name: &str) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "insert into budget_units (name, active) values ($1, 1) on conflict (name) do update set active = 1 returning id",
    )
    .bind(name)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// Takes a unit off the list projects are assigned to, or back (its verifiers keep
/// acting on what it was assigned); `false` when there is no such unit.
pub async fn set_unit_active(db: &Db, unit: i64, active: bool) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("update budget_units set active = $1 where id = $2")
        .bind(i64::from(active))
        .bind(unit)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Names the person with `email` a verifier of `unit`; `false` when nobody has it.
pub async fn add_verifier(db: &Db, unit: i64, email: &str) -> Result<bool, sqlx::Error> {
    let user: Option<(i64,)> = sqlx::query_as("select id from users where lower(email) = lower($1)")
        .bind(email.trim())
        .fetch_optional(db)
        .await?;
    let Some((user,)) = user else {
        return Ok(false);
    };
    sqlx::query("insert into budget_unit_verifiers (unit_id, user_id) values ($1, $2) on conflict do nothing")
        .bind(unit)
        .bind(user)
        .execute(db)
        .await?;
    Ok(true)
}

/// The units the person verifies for.
pub async fn units_of(db: &Db, user: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("select unit_id from budget_unit_verifiers where user_id = $1 order by unit_id")
            .bind(user)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|(u,)| u).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_are_folded_and_bounded() {
        assert_eq!(search_terms("Zieleń  na Plantach!"), ["zielen", "na", "plantach"]);
        assert_eq!(search_terms("\"; drop table --"), ["drop", "table"]);
        assert_eq!(search_terms(&"słowo ".repeat(20)).len(), 8);
        assert!(search_terms("  ** ").is_empty());
    }
}
