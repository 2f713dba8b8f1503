//! Published reports in the database (server only): the moderators' draft (narrative,
//! attendance at meetings, the adopted act), publishing a version in one transaction,
//! and reading a version back for its page, its CSV (rows in batches) and the feed.

use super::document::{
    ActUnitView, AdoptedView, EventHeld, Frozen, ReportDraftModel, ReportModel, ReportPageData, ReportRow, VersionLine,
};
use crate::consultations::model::Kind;
use crate::db::Db;
use crate::domain::act;
use crate::domain::answer::{may_publish, Decision};
use crate::domain::consultation_phase::{Phase, Schedule};
use crate::domain::district::{Area, District};
use crate::domain::remark::{Channel, RemarkState};
use crate::domain::report_stats::{compute, RemarkFact};

pub use super::document::{MAX_ADOPTED_CHARS, MAX_ATTENDANCE, MAX_CHANGE_NOTE_CHARS, MAX_NARRATIVE_CHARS};

/// What the publish form sends.
#[derive(Clone, Debug, Default)]
pub struct PublishInput {
    pub narrative: String,
    pub change_note: String,
    pub override_reason: String,
    /// The latest version the moderator saw (0 for none): a report published by someone
    /// else meanwhile is not overwritten by a first version, nor silently followed.
    pub base_version: i64,
}

/// Why publishing was refused: `(field, code)` for the message next to the field.
pub type Refusal = (&'static str, &'static str);

/// Checks what can be checked without the database: every problem at once.
pub fn check_input(input: &PublishInput, latest: i64) -> Vec<Refusal> {
    let mut problems = Vec::new();
    let narrative = input.narrative.trim().chars().count();
    if narrative == 0 {
        problems.push(("narrative", "narrative_required"));
    } else if narrative > MAX_NARRATIVE_CHARS {
        problems.push(("narrative", "narrative_too_long"));
    }
    let note = input.change_note.trim().chars().count();
    if latest > 0 && note == 0 {
        problems.push(("change_note", "change_note_required"));
    } else if note > MAX_CHANGE_NOTE_CHARS {
        problems.push(("change_note", "change_note_too_long"));
    }
    problems
}

/// The latest published version of a consultation's report (0 for none).
pub async fn latest_version(db: &Db, consultation_id: i64) -> Result<i64, sqlx::Error> {
    let (latest,): (Option<i64>,) =
        sqlx::query_as("select max(version) from report_versions where consultation_id = $1")
            .bind(consultation_id)
            .fetch_one(db)
            .await?;
    Ok(latest.unwrap_or(0))
}

/// The narrative as the moderators' draft (one per consultation).
async fn keep_narrative(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    consultation_id: i64,
    narrative: &str,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into report_drafts (consultation_id, narrative_md, updated_by, updated_at) values ($1, $2, $3, $4) \
         on conflict (consultation_id) do update set narrative_md = excluded.narrative_md, \
         updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(consultation_id)
    .bind(narrative)
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Keeps the narrative as a draft and the attendance of the consultation's events
/// (`None` clears it); events of other consultations are left alone.
pub async fn save_draft(
    db: &Db,
    consultation_id: i64,
    narrative: &str,
    attendance: &[(i64, Option<i64>)],
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    keep_narrative(&mut tx, consultation_id, narrative, by, now).await?;
    for (event, count) in attendance {
        sqlx::query("update consultation_events set attendance = $1 where id = $2 and consultation_id = $3")
            .bind(*count)
            .bind(*event)
            .bind(consultation_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// Stores the adopted act's text (replacing an earlier upload).
pub async fn save_adopted(
    db: &Db,
    consultation_id: i64,
    title: &str,
    body: &str,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into adopted_acts (consultation_id, title, body_md, uploaded_by, uploaded_at) values ($1, $2, $3, $4, $5) \
         on conflict (consultation_id) do update set title = excluded.title, body_md = excluded.body_md, \
         uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at",
    )
    .bind(consultation_id)
    .bind(title)
    .bind(body)
    .bind(by)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

async fn adopted(db: &Db, consultation_id: i64) -> Result<Option<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as("select title, body_md, uploaded_at from adopted_acts where consultation_id = $1")
        .bind(consultation_id)
        .fetch_optional(db)
        .await
}

async fn versions(db: &Db, consultation_id: i64) -> Result<Vec<VersionLine>, sqlx::Error> {
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(
        "select version, published_at, change_note from report_versions where consultation_id = $1 \
         order by version desc",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(version, published_at, change_note)| VersionLine { version, published_at, change_note })
        .collect())
}

/// The moderators' report page.
pub async fn draft_model(db: &Db, id: i64, now: i64) -> Result<Option<ReportDraftModel>, sqlx::Error> {
    let Some(editable) = crate::consultations::backoffice::load(db, id, now).await? else {
        return Ok(None);
    };
    let narrative: Option<(String,)> =
        sqlx::query_as("select narrative_md from report_drafts where consultation_id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    let attendance: Vec<(i64, Option<i64>)> =
        sqlx::query_as("select id, attendance from consultation_events where consultation_id = $1")
            .bind(id)
            .fetch_all(db)
            .await?;
    let events = editable
        .events
        .iter()
        .map(|e| {
            let count = attendance.iter().find(|(id, _)| *id == e.id).and_then(|(_, n)| *n);
            (e.id, e.kind, e.starts_at, e.place.clone(), count)
        })
        .collect();
    Ok(Some(ReportDraftModel {
        id,
        slug: editable.input.slug.clone(),
        title: editable.input.title.clone(),
        kind: Kind::parse(&editable.input.kind).unwrap_or(Kind::General),
        phase: editable.phase,
        progress: super::storage::progress(db, id).await?,
        narrative: narrative.map(|(n,)| n).unwrap_or_default(),
        events,
        latest: versions(db, id).await?.into_iter().next(),
        adopted: adopted(db, id).await?,
    }))
}

/// The facts the statistics need, of every remark that needs an answer.
async fn facts(db: &Db, consultation_id: i64) -> Result<Vec<RemarkFact>, sqlx::Error> {
    type FactRow = (Option<i64>, Option<String>, Option<i64>, Option<i64>, String, Option<String>, i64);
    let rows: Vec<FactRow> = sqlx::query_as(
        "select r.author_id, r.author_as_given, r.organisation_id, u.district, r.channel, r.unit_anchor, r.received_at \
         from remarks r left join users u on u.id = r.author_id \
         where r.consultation_id = $1 and r.state in ('visible', 'hidden') order by r.id",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(author_id, given, organisation_id, district, channel, unit_anchor, received_at)| RemarkFact {
            channel: Channel::parse(&channel).unwrap_or(Channel::Online),
            author: author_id.map(|id| format!("account:{id}")).or(given.map(|g| g.trim().to_lowercase())),
            organisation_id,
            district: district.and_then(|d| u8::try_from(d).ok()),
            unit_anchor,
            received_at,
        })
        .collect())
}

/// What publishing freezes of the consultation itself.
async fn frozen(db: &Db, consultation_id: i64, now: i64) -> Result<Option<Frozen>, sqlx::Error> {
    use sqlx::Row as _;
    let Some(row) = sqlx::query(
        "select title, kind, city_wide, organising_unit, information_starts_at, starts_at, ends_at, \
                online_remarks, written_remarks, body_md from consultations where id = $1",
    )
    .bind(consultation_id)
    .fetch_optional(db)
    .await?
    else {
        return Ok(None);
    };
    let kind = Kind::parse(&row.try_get::<String, _>("kind")?).unwrap_or(Kind::General);
    let area = if row.try_get::<i64, _>("city_wide")? == 1 {
        Area::CityWide
    } else {
        let districts: Vec<(i64,)> =
            sqlx::query_as("select district from consultation_districts where consultation_id = $1 order by district")
                .bind(consultation_id)
                .fetch_all(db)
                .await?;
        Area::Districts(districts.into_iter().filter_map(|(d,)| District::new(u8::try_from(d).ok()?)).collect())
    };
    let attendance: Vec<(i64, Option<i64>)> =
        sqlx::query_as("select id, attendance from consultation_events where consultation_id = $1")
            .bind(consultation_id)
            .fetch_all(db)
            .await?;
    let events = crate::consultations::storage::events(db, consultation_id)
        .await?
        .into_iter()
        .filter(|e| e.starts_at <= now)
        .map(|e| EventHeld {
            kind: e.kind,
            starts_at: e.starts_at,
            ends_at: e.ends_at,
            attendance: attendance.iter().find(|(id, _)| *id == e.id).and_then(|(_, n)| *n),
            place: e.place,
        })
        .collect();
    Ok(Some(Frozen {
        title: row.try_get("title")?,
        kind,
        area,
        organising_unit: row.try_get("organising_unit")?,
        schedule: Schedule {
            information_starts_at: row.try_get("information_starts_at")?,
            starts_at: row.try_get("starts_at")?,
            ends_at: row.try_get("ends_at")?,
        },
        online_remarks: row.try_get::<i64, _>("online_remarks")? == 1,
        written_remarks: row.try_get::<i64, _>("written_remarks")? == 1,
        events,
        stats: compute(&facts(db, consultation_id).await?),
        act_md: (kind == Kind::DraftAct).then(|| row.try_get("body_md")).transpose()?,
    }))
}

/// Publishes the next version of the report: checks the input, the version the
/// moderator saw and the answers (or the override), then writes the version, its rows,
/// the draft narrative and the consultation's first publication date in one
/// transaction. Returns the version, or why nothing was written. The caller checks the
/// consultation's phase and audits.
pub async fn publish(
    db: &Db,
    consultation_id: i64,
    input: &PublishInput,
    by: i64,
    now: i64,
) -> Result<Result<i64, Vec<Refusal>>, sqlx::Error> {
    let latest = latest_version(db, consultation_id).await?;
    if input.base_version != latest {
        return Ok(Err(vec![("", "report_changed")]));
    }
    let mut problems = check_input(input, latest);
    let progress = super::storage::progress(db, consultation_id).await?;
    if let Err(code) = may_publish(progress, &input.override_reason) {
        problems.push(("override_reason", code));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let Some(frozen) = frozen(db, consultation_id, now).await? else {
        return Ok(Err(vec![("", "not_found")]));
    };
    let mut texts = crate::consultations::remarks::storage::export_texts(db, consultation_id).await?;
    let rows: Vec<ReportRow> = super::storage::answer_list(db, consultation_id, now)
        .await?
        .into_iter()
        .map(|(remark, answer)| {
            let hidden = remark.state == RemarkState::Hidden;
            ReportRow {
                remark_id: remark.id,
                parent_id: remark.parent_id,
                received_at: remark.received_at,
                channel: remark.channel,
                author: remark.author.display().unwrap_or_default().to_owned(),
                unit_anchor: remark.unit_anchor,
                body_md: if hidden { None } else { texts.remove(&remark.id) },
                body_html: if hidden { None } else { remark.body_html },
                hidden_reason: if hidden { remark.moderation_reason.or(Some(String::new())) } else { None },
                decision: answer.as_ref().map(|a| a.decision),
                justification: answer.map(|a| a.justification).unwrap_or_default(),
            }
        })
        .collect();
    let document = serde_json::to_string(&frozen).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let override_reason = (!progress.complete()).then(|| input.override_reason.trim().to_owned());
    let version = latest + 1;
    let mut tx = db.begin().await?;
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "insert into report_versions (consultation_id, version, narrative_md, change_note, override_reason, document, \
             published_by, published_at) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
    )
    .bind(consultation_id)
    .bind(version)
    .bind(input.narrative.trim())
    .bind(input.change_note.trim())
    .bind(override_reason)
    .bind(document)
    .bind(by)
    .bind(now)
    .fetch_one(&mut *tx)
    .await;
    let report_id = match inserted {
        Ok((id,)) => id,
        // Another moderator published this version a moment ago.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Ok(Err(vec![("", "report_changed")])),
        Err(e) => return Err(e),
    };
    for (position, row) in rows.iter().enumerate() {
        sqlx::query(
            "insert into report_rows (report_id, position, remark_id, parent_id, received_at, channel, author, \
                 unit_anchor, body_md, body_html, hidden_reason, decision, justification) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(report_id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(row.remark_id)
        .bind(row.parent_id)
        .bind(row.received_at)
        .bind(row.channel.code())
        .bind(&row.author)
        .bind(&row.unit_anchor)
        .bind(&row.body_md)
        .bind(&row.body_html)
        .bind(&row.hidden_reason)
        .bind(row.decision.map(Decision::code))
        .bind(&row.justification)
        .execute(&mut *tx)
        .await?;
    }
    keep_narrative(&mut tx, consultation_id, input.narrative.trim(), by, now).await?;
    sqlx::query(
        "update consultations set report_published_at = coalesce(report_published_at, $1), updated_at = $1 \
         where id = $2",
    )
    .bind(now)
    .bind(consultation_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(version))
}

/// A version of a report: its id and header, as stored.
pub struct StoredVersion {
    pub report_id: i64,
    pub consultation_id: i64,
    pub version: i64,
    pub latest: i64,
    pub narrative_md: String,
    pub change_note: String,
    pub override_reason: Option<String>,
    pub published_at: i64,
    pub frozen: Frozen,
}

/// The version `version` (the latest when `None`) of a public consultation's report.
pub async fn find_version(
    db: &Db,
    slug: &str,
    version: Option<i64>,
    now: i64,
) -> Result<Option<StoredVersion>, sqlx::Error> {
    type VersionRow = (i64, i64, i64, String, String, Option<String>, i64, String, i64);
    let row: Option<VersionRow> = sqlx::query_as(
        "select v.id, v.consultation_id, v.version, v.narrative_md, v.change_note, v.override_reason, v.published_at, \
                v.document, (select max(w.version) from report_versions w where w.consultation_id = c.id) \
         from report_versions v join consultations c on c.id = v.consultation_id \
         where c.slug = $1 and c.published_at is not null and v.published_at <= $2 \
           and v.version = coalesce($3, (select max(w.version) from report_versions w where w.consultation_id = c.id))",
    )
    .bind(slug)
    .bind(now)
    .bind(version)
    .fetch_optional(db)
    .await?;
    let Some((
        report_id,
        consultation_id,
        version,
        narrative_md,
        change_note,
        override_reason,
        published_at,
        doc,
        latest,
    )) = row
    else {
        return Ok(None);
    };
    let frozen: Frozen = serde_json::from_str(&doc).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok(Some(StoredVersion {
        report_id,
        consultation_id,
        version,
        latest,
        narrative_md,
        change_note,
        override_reason,
        published_at,
        frozen,
    }))
}

type RowTuple = (
    i64,
    i64,
    Option<i64>,
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

const ROW_COLUMNS: &str = "position, remark_id, parent_id, received_at, channel, author, unit_anchor, body_md, \
     body_html, hidden_reason, decision, justification";

fn into_row(t: RowTuple) -> (i64, ReportRow) {
    let (
        position,
        remark_id,
        parent_id,
        received_at,
        channel,
        author,
        unit_anchor,
        body_md,
        body_html,
        hidden,
        decision,
        just,
    ) = t;
    (
        position,
        ReportRow {
            remark_id,
            parent_id,
            received_at,
            channel: Channel::parse(&channel).unwrap_or(Channel::Online),
            author,
            unit_anchor,
            body_md,
            body_html,
            hidden_reason: hidden,
            decision: decision.as_deref().and_then(Decision::parse),
            justification: just,
        },
    )
}

/// Up to `limit` rows of a version after `after` (a position; -1 for the start), in
/// order, each with its position: the CSV reads a report in such batches.
pub async fn rows_after(db: &Db, report_id: i64, after: i64, limit: i64) -> Result<Vec<(i64, ReportRow)>, sqlx::Error> {
    let sql = format!(
        "select {ROW_COLUMNS} from report_rows where report_id = $1 and position > $2 order by position limit $3"
    );
    let rows: Vec<RowTuple> = sqlx::query_as(&sql).bind(report_id).bind(after).bind(limit).fetch_all(db).await?;
    Ok(rows.into_iter().map(into_row).collect())
}

/// A version with everything its page shows.
pub async fn report(db: &Db, stored: StoredVersion, slug: &str) -> Result<ReportModel, sqlx::Error> {
    let sql = format!("select {ROW_COLUMNS} from report_rows where report_id = $1 order by position");
    let rows: Vec<ReportRow> = sqlx::query_as::<_, RowTuple>(&sql)
        .bind(stored.report_id)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|t| into_row(t).1)
        .collect();
    let act = stored.frozen.act_md.as_deref().map(|md| act_units(md, &rows)).unwrap_or_default();
    let adopted = match (&stored.frozen.act_md, adopted(db, stored.consultation_id).await?) {
        (Some(draft), Some((title, body, uploaded_at))) => {
            Some(AdoptedView { title, uploaded_at, units: crate::domain::act_diff::diff(draft, &body) })
        }
        _ => None,
    };
    Ok(ReportModel {
        slug: slug.to_owned(),
        version: stored.version,
        latest: stored.latest,
        published_at: stored.published_at,
        change_note: stored.change_note,
        override_reason: stored.override_reason,
        narrative_html: crate::markdown::render_from(&stored.narrative_md, 3),
        frozen: stored.frozen,
        rows,
        act,
        adopted,
        versions: versions(db, stored.consultation_id).await?,
    })
}

/// The act's units in order, each with its rendered text and the rows on it.
fn act_units(act_md: &str, rows: &[ReportRow]) -> Vec<ActUnitView> {
    let blocks = act::split(act_md);
    act::units(&blocks)
        .into_iter()
        .map(|unit| ActUnitView {
            anchor: unit.anchor.clone(),
            label: unit.label.clone(),
            text_html: crate::markdown::render(&unit.text),
            rows: rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.unit_anchor.as_deref() == Some(unit.anchor.as_str()))
                .map(|(i, _)| i)
                .collect(),
        })
        .collect()
}

/// The report page's data: the version asked for, or why there is none.
pub async fn page(db: &Db, slug: &str, version: Option<i64>, now: i64) -> Result<Option<ReportPageData>, sqlx::Error> {
    if let Some(stored) = find_version(db, slug, version, now).await? {
        return Ok(Some(ReportPageData::Published(Box::new(report(db, stored, slug).await?))));
    }
    if version.is_some() {
        return Ok(None);
    }
    Ok(crate::consultations::storage::find(db, slug, now).await?.map(|c| ReportPageData::NotYet {
        slug: slug.to_owned(),
        title: c.summary.title,
        reported_elsewhere: c.summary.phase == Phase::ReportPublished,
    }))
}

/// The latest published versions of all reports, newest first, for the Atom feed:
/// `(slug, title, version, published_at, change_note)`.
pub async fn feed(db: &Db, now: i64, limit: i64) -> Result<Vec<(String, String, i64, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select c.slug, c.title, v.version, v.published_at, v.change_note from report_versions v \
         join consultations c on c.id = v.consultation_id \
         where c.published_at is not null and v.published_at <= $1 \
         order by v.published_at desc, v.id desc limit $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(db)
    .await
}
