//! Demo content: a draft act whose consultation ended with a published report (every
//! remark answered, a meeting with its attendance, the adopted act, and a correction as
//! a second version). The closed consultation still being answered is set up with the
//! demo remarks. Loaded once, after the demo remarks.

use super::publish::{publish, save_adopted, save_draft, PublishInput};
use super::storage::answer;
use crate::consultations::backoffice::add_event;
use crate::consultations::editor::{NewEvent, Occasion};
use crate::db::Db;
use crate::domain::answer::{Answer, Decision};
use crate::domain::calendar::Access;
use crate::domain::consultation_forms::EventKind;
use crate::domain::consultation_phase::DAY;

pub const REPORTED_SLUG: &str = "uchwala-krajobrazowa-szyldy";

const NARRATIVE: &str = "Konsultacje projektu zmiany uchwały krajobrazowej trwały 30 dni. \
Najwięcej uwag dotyczyło **okresu dostosowania** istniejących szyldów: przedsiębiorcy i cech rzemiosł \
wskazali, że 12 miesięcy to za mało. Okres wydłużono do 24 miesięcy.\n\n\
Dopuszczono też większe szyldy na budynkach z szerokimi witrynami. Pozostałe wnioski omówiono w tabeli uwag.";

const ADOPTED: &str = "### § 1\n\nSzyld umieszczony na budynku nie może mieć więcej niż 1,5 m² powierzchni, \
a na budynku z witryną szerszą niż 4 m – 2 m².\n\n### § 2\n\n1. Reklamę na rusztowaniu dopuszcza się na czas \
robót budowlanych, nie dłużej niż 12 miesięcy.\n2. Reklama na rusztowaniu nie może zasłaniać okien lokali \
mieszkalnych.\n\n### § 3\n\nIstniejące szyldy dostosowuje się do uchwały w ciągu 24 miesięcy.\n\n### § 4\n\n\
Wykonanie uchwały powierza się Prezydentowi Miasta Krakowa.";

/// Answers, a meeting, the adopted act and two published versions for the reported
/// demo consultation, unless it has a report already. Returns the versions published.
pub async fn load(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let found: Option<(i64,)> =
        sqlx::query_as("select id from consultations where slug = $1").bind(REPORTED_SLUG).fetch_optional(db).await?;
    let moderator: Option<(i64,)> =
        sqlx::query_as("select id from users where email = 'moderator@demo.krakow.pl'").fetch_optional(db).await?;
    let (Some((id,)), Some((moderator,))) = (found, moderator) else {
        return Ok(0);
    };
    if super::publish::latest_version(db, id).await? > 0 {
        return Ok(0);
    }
    let remarks: Vec<(i64,)> =
        sqlx::query_as("select id from remarks where consultation_id = $1 and parent_id is null order by id")
            .bind(id)
            .fetch_all(db)
            .await?;
    let remarks: Vec<i64> = remarks.into_iter().map(|(r,)| r).collect();
    let [wider, windows, longer_a, longer_b, translation] = remarks[..] else {
        return Ok(0);
    };
    let answers: [(&[i64], Decision, &str); 4] = [
        (
            &[wider],
            Decision::PartlyAccepted,
            "Dopuszczono 2 m² dla budynków z witryną szerszą niż 4 m; dla pozostałych zostaje 1,5 m².",
        ),
        (
            &[windows],
            Decision::PartlyAccepted,
            "Zakaz zasłaniania okien zostaje. Podświetlanie reklam reguluje obowiązująca uchwała, poza zakresem tej zmiany.",
        ),
        (&[longer_a, longer_b], Decision::Accepted, "Okres dostosowania wydłużono do 24 miesięcy."),
        (
            &[translation],
            Decision::OutOfScope,
            "Tłumaczenie aktów prawa miejscowego nie jest przedmiotem uchwały; streszczenie po ukraińsku przygotuje biuro prasowe.",
        ),
    ];
    for (ids, decision, justification) in answers {
        let a = Answer { decision, justification: justification.to_owned() };
        answer(db, id, ids, &a, moderator, now - 60 * DAY).await?.ok();
    }
    let meeting_day = (now - 128 * DAY) / DAY * DAY;
    let meeting = NewEvent {
        kind: EventKind::Meeting,
        occasion: Occasion {
            starts_at: meeting_day + 16 * 3600,
            ends_at: meeting_day + 18 * 3600,
            place: "Urząd Miasta Krakowa, pl. Wszystkich Świętych 3-4, sala Obrad".to_owned(),
            accessibility: "Wejście od ul. Franciszkańskiej.".to_owned(),
            access: Access { step_free: true, induction_loop: true, sign_language: true },
            online_url: None,
        },
    };
    let event = add_event(db, id, &meeting, now - 140 * DAY).await?;
    save_draft(db, id, NARRATIVE, &[(event, Some(43))], moderator, now - 41 * DAY).await?;
    let first = PublishInput { narrative: NARRATIVE.to_owned(), base_version: 0, ..PublishInput::default() };
    publish(db, id, &first, moderator, now - 40 * DAY).await?.ok();
    save_draft(db, id, NARRATIVE, &[(event, Some(34))], moderator, now - 38 * DAY).await?;
    let correction = PublishInput {
        narrative: NARRATIVE.to_owned(),
        change_note: "Poprawiono liczbę uczestników spotkania: 34 osoby, nie 43.".to_owned(),
        base_version: 1,
        ..PublishInput::default()
    };
    publish(db, id, &correction, moderator, now - 38 * DAY).await?.ok();
    save_adopted(db, id, "Uchwała nr CXII/3012/26 Rady Miasta Krakowa", ADOPTED, moderator, now - 20 * DAY).await?;
    super::publish::latest_version(db, id).await.map(|v| usize::try_from(v).unwrap_or(0))
}

/// The report benchmark's consultation: a closed draft act of 40 paragraphs.
pub const BENCH_REPORT_SLUG: &str = "bench-report";

/// A closed draft act with `count` remarks, every remark answered (one answer per unit
/// of the act, the decisions taking turns) and the report published. For benchmarks;
/// does nothing when `bench-report` exists. Returns the remarks in the report.
pub async fn generate_report(db: &Db, count: usize, now: i64) -> Result<usize, sqlx::Error> {
    use crate::consultations::remarks::demo::generate_act;
    if generate_act(db, BENCH_REPORT_SLUG, true, count, now).await? == 0 {
        return Ok(0);
    }
    let (id,): (i64,) =
        sqlx::query_as("select id from consultations where slug = $1").bind(BENCH_REPORT_SLUG).fetch_one(db).await?;
    let (by,): (i64,) = sqlx::query_as("select min(id) from users").fetch_one(db).await?;
    let rows: Vec<(i64, Option<String>)> = sqlx::query_as(
        "select id, unit_anchor from remarks where consultation_id = $1 and state in ('visible', 'hidden') order by id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let mut groups: std::collections::BTreeMap<Option<String>, Vec<i64>> = std::collections::BTreeMap::new();
    for (remark, unit) in rows {
        groups.entry(unit).or_default().push(remark);
    }
    for (i, ids) in groups.values().enumerate() {
        let decision = Decision::ALL[i % Decision::ALL.len()];
        let justification = format!(
            "Odpowiedź zbiorcza nr {i}: przepis doprecyzowano tam, gdzie uwagi wskazały niejasność; \
             pozostałe propozycje wykraczają poza zakres uchwały."
        );
        answer(db, id, ids, &Answer { decision, justification }, by, now).await?.ok();
    }
    let input = PublishInput { narrative: NARRATIVE.to_owned(), ..PublishInput::default() };
    publish(db, id, &input, by, now).await?.ok();
    Ok(count)
}
