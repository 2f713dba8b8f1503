//! Answers to remarks in the database (server only): answering one remark or a group of
//! remarks on the same point at once, and how many are answered. Every remark that
//! reached the consultation needs an answer, from every channel; a withdrawn remark and
//! one never approved in pre-moderation do not.

use super::model::AnswerSummary;
use crate::db::{Db, Params};
use crate::domain::answer::{Answer, Decision, Progress};

/// The states of a remark that need an answer.
const ANSWERABLE: &str = "('visible', 'hidden')";

/// Why an answer was refused (a code for the localised message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No remark was chosen.
    NothingChosen,
    /// A chosen remark belongs to another consultation, or does not exist.
    NotInConsultation,
    /// A chosen remark was withdrawn or is waiting for pre-moderation.
    NotAnswerable,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::NothingChosen => "answer_nothing_chosen",
            Refusal::NotInConsultation => "answer_other_consultation",
            Refusal::NotAnswerable => "answer_not_answerable",
        }
    }
}

/// Answers `remarks` of `consultation_id` with one answer, in one transaction: a remark
/// answered before leaves its old answer (which is deleted once it answers nothing).
/// Returns the answer's id, or why nothing was stored.
pub async fn answer(
    db: &Db,
    consultation_id: i64,
    remarks: &[i64],
    answer: &Answer,
    by: i64,
    now: i64,
) -> Result<Result<i64, Refusal>, sqlx::Error> {
    let mut ids = remarks.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Err(Refusal::NothingChosen));
    }
    let mut tx = db.begin().await?;
    let mut params = Params::default();
    let list = params.push_list(&ids);
    let sql = format!("select consultation_id, state from remarks where id in ({list})");
    let found: Vec<(i64, String)> = params.bind_as(sqlx::query_as(&sql)).fetch_all(&mut *tx).await?;
    if found.len() != ids.len() || found.iter().any(|(c, _)| *c != consultation_id) {
        return Ok(Err(Refusal::NotInConsultation));
    }
    if found.iter().any(|(_, state)| state != "visible" && state != "hidden") {
        return Ok(Err(Refusal::NotAnswerable));
    }
    let (answer_id,): (i64,) = sqlx::query_as(
        "insert into answers (consultation_id, decision, justification, answered_by, answered_at) \
         values ($1, $2, $3, $4, $5) returning id",
    )
    .bind(consultation_id)
    .bind(answer.decision.code())
    .bind(&answer.justification)
    .bind(by)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for id in &ids {
        sqlx::query("delete from remark_answers where remark_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("insert into remark_answers (remark_id, answer_id) values ($1, $2)")
            .bind(id)
            .bind(answer_id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "delete from answers where consultation_id = $1 \
         and not exists (select 1 from remark_answers ra where ra.answer_id = answers.id)",
    )
    .bind(consultation_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(answer_id))
}

/// The answer of one remark, with the other remarks it also answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredAnswer {
    pub id: i64,
    pub answer: Answer,
    pub remark_ids: Vec<i64>,
    pub answered_at: i64,
}

pub async fn answer_of(db: &Db, remark_id: i64) -> Result<Option<StoredAnswer>, sqlx::Error> {
    let row: Option<(i64, String, String, i64)> = sqlx::query_as(
        "select a.id, a.decision, a.justification, a.answered_at from answers a \
         join remark_answers ra on ra.answer_id = a.id where ra.remark_id = $1",
    )
    .bind(remark_id)
    .fetch_optional(db)
    .await?;
    let Some((id, decision, justification, answered_at)) = row else {
        return Ok(None);
    };
    let remark_ids: Vec<(i64,)> =
        sqlx::query_as("select remark_id from remark_answers where answer_id = $1 order by remark_id")
            .bind(id)
            .fetch_all(db)
            .await?;
    Ok(Decision::parse(&decision).map(|decision| StoredAnswer {
        id,
        answer: Answer { decision, justification },
        remark_ids: remark_ids.into_iter().map(|(r,)| r).collect(),
        answered_at,
    }))
}

/// How many of the consultation's remarks that need an answer have one.
pub async fn progress(db: &Db, consultation_id: i64) -> Result<Progress, sqlx::Error> {
    let sql = format!(
        "select count(*), count(ra.remark_id) from remarks r \
         left join remark_answers ra on ra.remark_id = r.id \
         where r.consultation_id = $1 and r.state in {ANSWERABLE}"
    );
    let (total, answered): (i64, i64) = sqlx::query_as(&sql).bind(consultation_id).fetch_one(db).await?;
    Ok(Progress { answered: u64::try_from(answered).unwrap_or(0), total: u64::try_from(total).unwrap_or(0) })
}

/// Every remark of the consultation that needs an answer (as staff see them, hidden
/// ones with their text), oldest first, each with its answer if it has one.
pub async fn answer_list(
    db: &Db,
    consultation_id: i64,
    now: i64,
) -> Result<Vec<(crate::consultations::remarks::model::Remark, Option<AnswerSummary>)>, sqlx::Error> {
    use crate::consultations::remarks::storage::{export_for, Viewer};
    let remarks = export_for(db, consultation_id, Viewer { user_id: None, staff: true }, now).await?;
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "select ra.remark_id, a.decision, a.justification, \
             (select count(*) from remark_answers g where g.answer_id = a.id) \
         from remark_answers ra join answers a on a.id = ra.answer_id where a.consultation_id = $1",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    let mut answers: std::collections::HashMap<i64, AnswerSummary> = rows
        .into_iter()
        .filter_map(|(remark, decision, justification, group)| {
            Some((remark, AnswerSummary { decision: Decision::parse(&decision)?, justification, group }))
        })
        .collect();
    Ok(remarks
        .into_iter()
        .filter(|r| {
            matches!(r.state, crate::domain::remark::RemarkState::Visible | crate::domain::remark::RemarkState::Hidden)
        })
        .map(|r| {
            let answer = answers.remove(&r.id);
            (r, answer)
        })
        .collect())
}
