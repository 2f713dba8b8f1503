//! Demo remarks and events, so a newcomer sees a living debate: remarks on units of a
//! draft act, remarks signed by an NGO and by a district council, replies, supports, a
//! remark hidden by a moderator with a reason, a withdrawn one, and remarks entered by
//! staff from a letter, an email and ePUAP. Loaded once, after the demo accounts.

use super::storage::{insert, moderate, set_support, withdraw, NewRemark};
use crate::consultations::backoffice::add_event;
use crate::consultations::editor::{NewEvent, Occasion};
use crate::db::Db;
use crate::domain::calendar::Access;
use crate::domain::consultation_forms::EventKind;
use crate::domain::consultation_phase::DAY;
use crate::domain::remark::{Channel, RemarkState};

const HOUR: i64 = 60 * 60;

/// Who wrote a demo remark.
enum By {
    Person(&'static str),
    /// A member signing for their organisation (found by the member's address).
    For(&'static str),
    /// Entered by the moderator from another channel, with the author as given.
    Given(&'static str, Channel),
}

struct DemoRemark {
    slug: &'static str,
    unit: Option<&'static str>,
    /// Index of the remark this one replies to, in this list.
    reply_to: Option<usize>,
    by: By,
    /// Days before now.
    days_ago: i64,
    body: &'static str,
    supporters: &'static [&'static str],
    /// Hidden by the moderator with this reason.
    hidden: Option<&'static str>,
    withdrawn: bool,
}

const REMARKS: &[DemoRemark] = &[
    DemoRemark {
        slug: "park-kulturowy-nowa-huta",
        unit: Some("par-2-pkt-1"),
        reply_to: None,
        by: By::Person("anna@demo.krakow.pl"),
        days_ago: 20,
        body: "Zakaz reklam wielkoformatowych popieram, ale właściciele budynków mają umowy reklamowe do końca przyszłego roku. Proszę o **12-miesięczny okres przejściowy**.",
        supporters: &["piotr@demo.krakow.pl", "olena@demo.krakow.pl", "ngo@demo.krakow.pl"],
        hidden: None,
        withdrawn: false,
    },
    DemoRemark {
        slug: "park-kulturowy-nowa-huta",
        unit: None,
        reply_to: Some(0),
        by: By::Person("olena@demo.krakow.pl"),
        days_ago: 19,
        body: "Zgadzam się. Rok to rozsądny czas, a potem plac Centralny w końcu odzyska swój wygląd.",
        supporters: &[],
        hidden: None,
        withdrawn: false,
    },
    DemoRemark {
        slug: "park-kulturowy-nowa-huta",
        unit: Some("par-2-pkt-2"),
        reply_to: None,
        by: By::For("ngo@demo.krakow.pl"),
        days_ago: 15,
        body: "Stowarzyszenie proponuje, by załącznik nr 2 dopuszczał szyldy z naturalnych materiałów (drewno, metal) i podświetlenie tylko ciepłym światłem. Wzory z lat 50. można pokazać w [katalogu szyldów](https://www.nowahuta.pl/szyldy).",
        supporters: &["anna@demo.krakow.pl"],
        hidden: None,
        withdrawn: false,
    },
    DemoRemark {
        slug: "park-kulturowy-nowa-huta",
        unit: Some("par-3"),
        reply_to: None,
        by: By::Given("Jan Kowalczyk, os. Centrum A", Channel::Post),
        days_ago: 12,
        body: "Wnoszę o dodanie przepisu o kontroli przestrzegania uchwały przez straż miejską raz na kwartał.",
        supporters: &[],
        hidden: None,
        withdrawn: false,
    },
    DemoRemark {
        slug: "park-kulturowy-nowa-huta",
        unit: None,
        reply_to: None,
        by: By::Person("piotr@demo.krakow.pl"),
        days_ago: 9,
        body: "Tanie pożyczki bez BIK!!! Zadzwoń teraz.",
        supporters: &[],
        hidden: Some("Reklama niezwiązana z konsultacjami."),
        withdrawn: false,
    },
    DemoRemark {
        slug: "park-kulturowy-nowa-huta",
        unit: Some("par-1"),
        reply_to: None,
        by: By::Given("Towarzystwo Przyjaciół Nowej Huty", Channel::Epuap),
        days_ago: 7,
        body: "Popieramy utworzenie parku kulturowego. Prosimy o objęcie nim także alei Solidarności.",
        supporters: &[],
        hidden: None,
        withdrawn: false,
    },
    DemoRemark {
        slug: "zielony-rynek-podgorski",
        unit: None,
        reply_to: None,
        by: By::For("rada@demo.krakow.pl"),
        days_ago: 10,
        body: "Rada Dzielnicy XIII Podgórze popiera zazielenienie Rynku pod warunkiem zachowania miejsca na **targ w soboty** i na jarmark bożonarodzeniowy. Prosimy o poidełko dla psów przy kościele św. Józefa.",
        supporters: &["anna@demo.krakow.pl", "piotr@demo.krakow.pl"],
        hidden: None,
        withdrawn: false,
    },
    DemoRemark {
        slug: "zielony-rynek-podgorski",
        unit: None,
        reply_to: Some(6),
        by: By::Person("piotr@demo.krakow.pl"),
        days_ago: 9,
        body: "Targ w soboty tak, ale bez samochodów dostawczych na środku placu przez cały dzień.",
        supporters: &[],
        hidden: None,
        withdrawn: false,
    },
    DemoRemark {
        slug: "zielony-rynek-podgorski",
        unit: None,
        reply_to: None,
        by: By::Person("olena@demo.krakow.pl"),
        days_ago: 6,
        body: "Dużo cienia, proszę! Latem na Rynku nie da się usiąść z dzieckiem. Przydałyby się też ławki z oparciami dla starszych osób.",
        supporters: &["rada@demo.krakow.pl"],
        hidden: None,
        withdrawn: false,
    },
    DemoRemark {
        slug: "zielony-rynek-podgorski",
        unit: None,
        reply_to: None,
        by: By::Given("Wspólnota Mieszkaniowa ul. Limanowskiego 12", Channel::Email),
        days_ago: 4,
        body: "Prosimy o zachowanie dojazdu do posesji od strony ul. Limanowskiego dla służb i przeprowadzek.",
        supporters: &[],
        hidden: None,
        withdrawn: false,
    },
    DemoRemark {
        slug: "zielony-rynek-podgorski",
        unit: None,
        reply_to: None,
        by: By::Person("anna@demo.krakow.pl"),
        days_ago: 2,
        body: "Wycofuję – napisałam to w złych konsultacjach.",
        supporters: &[],
        hidden: None,
        withdrawn: true,
    },
    // A closed consultation whose remarks DK-04 is answering (one of three so far).
    DemoRemark {
        slug: "statut-dzielnicy-xi",
        unit: Some("par-1-pkt-1"),
        reply_to: None,
        by: By::Person("piotr@demo.krakow.pl"),
        days_ago: 50,
        body: "Transmisje tak, ale z archiwum nagrań dostępnym przez co najmniej rok.",
        supporters: &["anna@demo.krakow.pl", "olena@demo.krakow.pl"],
        hidden: None,
        withdrawn: false,
    },
    DemoRemark {
        slug: "statut-dzielnicy-xi",
        unit: Some("par-1-pkt-2"),
        reply_to: None,
        by: By::Given("Klub Seniora „Kurdwanów”", Channel::Post),
        days_ago: 40,
        body: "Konsultacje raz w roku to za rzadko. Proponujemy dwa razy w roku, wiosną i jesienią.",
        supporters: &[],
        hidden: None,
        withdrawn: false,
    },
    DemoRemark {
        slug: "statut-dzielnicy-xi",
        unit: None,
        reply_to: None,
        by: By::Person("olena@demo.krakow.pl"),
        days_ago: 30,
        body: "Prośba o tłumaczenie najważniejszych uchwał rady na język ukraiński.",
        supporters: &["piotr@demo.krakow.pl"],
        hidden: None,
        withdrawn: false,
    },
    // A consultation with a published report (its answers are in `reports::demo`).
    DemoRemark {
        slug: "uchwala-krajobrazowa-szyldy",
        unit: Some("par-1"),
        reply_to: None,
        by: By::Person("anna@demo.krakow.pl"),
        days_ago: 135,
        body: "1,5 m² to za mało dla zabytkowych kamienic z szerokimi witrynami. Proponuję 2 m².",
        supporters: &["piotr@demo.krakow.pl"],
        hidden: None,
        withdrawn: false,
    },
    DemoRemark {
        slug: "uchwala-krajobrazowa-szyldy",
        unit: Some("par-2-pkt-2"),
        reply_to: None,
        by: By::For("ngo@demo.krakow.pl"),
        days_ago: 130,
        body: "Popieramy zakaz zasłaniania okien. Prosimy dodać także zakaz podświetlania reklam nocą.",
        supporters: &["anna@demo.krakow.pl", "olena@demo.krakow.pl"],
        hidden: None,
        withdrawn: false,
    },
    DemoRemark {
        slug: "uchwala-krajobrazowa-szyldy",
        unit: Some("par-3"),
        reply_to: None,
        by: By::Given("Cech Rzemiosł i Przedsiębiorczości w Krakowie", Channel::Email),
        days_ago: 125,
        body: "12 miesięcy na wymianę szyldów to za krótko dla małych firm. Wnosimy o 24 miesiące.",
        supporters: &[],
        hidden: None,
        withdrawn: false,
    },
    DemoRemark {
        slug: "uchwala-krajobrazowa-szyldy",
        unit: Some("par-3"),
        reply_to: None,
        by: By::Given("Jan Nowicki", Channel::Post),
        days_ago: 120,
        body: "Okres dostosowania powinien być dłuższy – koszt nowego szyldu to kilka tysięcy złotych.",
        supporters: &[],
        hidden: None,
        withdrawn: false,
    },
    DemoRemark {
        slug: "uchwala-krajobrazowa-szyldy",
        unit: None,
        reply_to: None,
        by: By::Person("olena@demo.krakow.pl"),
        days_ago: 115,
        body: "Proszę o wersję uchwały w języku ukraińskim dla przedsiębiorców z Ukrainy.",
        supporters: &[],
        hidden: None,
        withdrawn: false,
    },
];

/// The index in [`REMARKS`] of the remark answered in the demo.
const ANSWERED: usize = 11;

async fn user_id(db: &Db, email: &str) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("select id from users where email = $1").bind(email).fetch_optional(db).await?;
    Ok(row.map(|(id,)| id))
}

async fn consultation_id(db: &Db, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("select id from consultations where slug = $1").bind(slug).fetch_optional(db).await?;
    Ok(row.map(|(id,)| id))
}

/// Loads the demo remarks and events unless the demo consultations have remarks already.
pub async fn load(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let Some(first) = consultation_id(db, REMARKS[0].slug).await? else {
        return Ok(0);
    };
    let (existing,): (i64,) =
        sqlx::query_as("select count(*) from remarks where consultation_id = $1").bind(first).fetch_one(db).await?;
    if existing > 0 {
        return Ok(0);
    }
    let Some(moderator) = user_id(db, "moderator@demo.krakow.pl").await? else {
        return Ok(0);
    };
    let mut ids: Vec<i64> = Vec::new();
    for demo in REMARKS {
        let Some(consultation) = consultation_id(db, demo.slug).await? else {
            ids.push(0);
            continue;
        };
        let at = now - demo.days_ago * DAY - 3 * HOUR;
        let (author_id, organisation_id, given, channel) = match demo.by {
            By::Person(email) => (user_id(db, email).await?, None, None, Channel::Online),
            By::For(email) => {
                let author = user_id(db, email).await?;
                let org: Option<(i64,)> = sqlx::query_as("select organisation_id from memberships where user_id = $1")
                    .bind(author.unwrap_or(0))
                    .fetch_optional(db)
                    .await?;
                (author, org.map(|(id,)| id), None, Channel::Online)
            }
            By::Given(name, channel) => (None, None, Some(name), channel),
        };
        if given.is_none() && author_id.is_none() {
            ids.push(0);
            continue;
        }
        let parent = demo.reply_to.map(|i| ids[i]).filter(|&id| id > 0);
        let (id, _) = insert(
            db,
            &NewRemark {
                consultation_id: consultation,
                unit_anchor: demo.unit,
                parent_id: parent,
                author_id,
                organisation_id,
                author_as_given: given,
                channel,
                received_at: at,
                attachment_ref: given.map(|_| "KD-04.152.3.2026"),
                entered_by: given.map(|_| moderator),
                body: demo.body,
                state: RemarkState::Visible,
                submission_key: None,
            },
            at,
        )
        .await?;
        ids.push(id);
        for email in demo.supporters {
            if let Some(user) = user_id(db, email).await? {
                set_support(db, id, user, true, at + HOUR).await?;
            }
        }
        if let Some(reason) = demo.hidden {
            moderate(db, id, RemarkState::Hidden, Some(reason), at + DAY).await?;
        }
        if demo.withdrawn {
            if let Some(author) = author_id {
                withdraw(db, id, author).await?;
            }
        }
    }
    if let (Some(&remark), Some(consultation)) = (ids.get(ANSWERED), consultation_id(db, REMARKS[ANSWERED].slug).await?)
    {
        let answer = crate::domain::answer::Answer {
            decision: crate::domain::answer::Decision::Accepted,
            justification: "Archiwum nagrań będzie dostępne przez dwa lata.".to_owned(),
        };
        crate::reports::storage::answer(db, consultation, &[remark], &answer, moderator, now).await?.ok();
    }
    load_events(db, now).await?;
    Ok(ids.iter().filter(|&&id| id > 0).count())
}

/// Meetings, a workshop and duty hours for the open demo consultations.
async fn load_events(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    let events: [(&str, EventKind, i64, &str, &str); 3] = [
        (
            "zielony-rynek-podgorski",
            EventKind::Meeting,
            3,
            "Dom Kultury Podgórze, ul. Sokolska 13, sala widowiskowa",
            "Wejście bez schodów od ul. Sokolskiej, pętla indukcyjna, tłumacz PJM na zgłoszenie do 3 dni przed spotkaniem.",
        ),
        (
            "zielony-rynek-podgorski",
            EventKind::DutyHours,
            5,
            "Rynek Podgórski, namiot informacyjny przy kościele",
            "Namiot na poziomie chodnika.",
        ),
        (
            "park-kulturowy-nowa-huta",
            EventKind::Workshop,
            1,
            "Ośrodek Kultury im. C. K. Norwida, os. Górali 5",
            "Sala na parterze, toaleta dostępna.",
        ),
    ];
    for (slug, kind, days_ahead, place, accessibility) in events {
        if let Some(id) = consultation_id(db, slug).await? {
            // 17:00–19:00 Warsaw time is near enough for a demo: start at 16:00 UTC.
            let day_start = (now + days_ahead * DAY) / DAY * DAY;
            let event = NewEvent {
                kind,
                occasion: Occasion {
                    starts_at: day_start + 16 * HOUR,
                    ends_at: day_start + 18 * HOUR,
                    place: place.to_owned(),
                    accessibility: accessibility.to_owned(),
                    access: Access {
                        step_free: true,
                        induction_loop: kind == EventKind::Meeting,
                        sign_language: false,
                    },
                    online_url: (kind == EventKind::Meeting)
                        .then(|| "https://spotkania.krakow.pl/rynek-podgorski".to_owned()),
                },
            };
            add_event(db, id, &event, now).await?;
        }
    }
    Ok(())
}

/// The benchmark's consultation: a draft act of `UNITS` paragraphs, open for remarks.
pub const BENCH_SLUG: &str = "bench-act";
const UNITS: usize = 40;

/// A draft act of 40 paragraphs with `count` remarks from 300 synthetic residents:
/// nine in ten on a paragraph, one in five a reply, some supported. For load tests and
/// benchmarks; does nothing when `bench-act` exists already. Returns the remarks added.
pub async fn generate(db: &Db, count: usize, now: i64) -> Result<usize, sqlx::Error> {
    generate_act(db, BENCH_SLUG, false, count, now).await
}

/// The same draft act and remarks under `slug`, open or closed (for the report's
/// benchmark). Does nothing when `slug` exists already.
pub async fn generate_act(db: &Db, slug: &str, closed: bool, count: usize, now: i64) -> Result<usize, sqlx::Error> {
    use crate::consultations::model::Kind;
    use crate::consultations::storage::{insert as insert_consultation, NewConsultation};
    use crate::domain::{consultation_phase::Schedule, district::Area, topic::Topic};

    let act: String = (1..=UNITS)
        .map(|n| {
            format!("### § {n}\n\nPrzepis numer {n}: treść przepisu o typowej długości, z jednym zdaniem więcej.\n\n")
        })
        .collect();
    let consultation = NewConsultation {
        slug: slug.to_owned(),
        title: "Projekt uchwały do testów obciążeniowych".to_owned(),
        summary: "Projekt aktu z 40 paragrafami i tysiącami uwag.".to_owned(),
        body_md: format!("## Projekt uchwały\n\n{act}"),
        kind: Kind::DraftAct,
        area: Area::CityWide,
        topic: Topic::ALL[0],
        organising_unit: "Wydział Dialogu, Konsultacji i Kontaktu Obywatelskiego".to_owned(),
        schedule: Schedule::parse(now - 40 * DAY, now - 30 * DAY, if closed { now - DAY } else { now + 30 * DAY })
            .expect("the benchmark schedule meets the statutory minimums"),
        report_published_at: None,
        published_at: Some(now - 40 * DAY),
    };
    let Some(consultation) = insert_consultation(db, &consultation, now).await? else {
        return Ok(0);
    };
    let mut people = Vec::with_capacity(300);
    for n in 0..300 {
        let (id,): (i64,) = sqlx::query_as(
            "insert into users (email, display_name, status, created_at, updated_at) \
             values ($1, $2, 'active', $3, $3) returning id",
        )
        .bind(format!("{slug}-{n}@example.invalid"))
        .bind(format!("Mieszkanka {n}"))
        .bind(now)
        .fetch_one(db)
        .await?;
        people.push(id);
    }
    let anchors: Vec<String> = (1..=UNITS).map(|n| format!("par-{n}")).collect();
    let mut top_level: Vec<i64> = Vec::new();
    for i in 0..count {
        let at = now - 30 * DAY + i64::try_from(i).unwrap_or_default() * 60;
        let parent = (i % 5 == 4).then(|| top_level.get(i * 7 % top_level.len().max(1)).copied()).flatten();
        let unit = (parent.is_none() && i % 10 != 9).then(|| anchors[i % UNITS].as_str());
        let body = format!(
            "Uwaga numer {i}. Proponuję doprecyzować ten przepis, bo w obecnym brzmieniu **nie wiadomo**, \
             kto odpowiada za jego wykonanie. Więcej w [opinii](https://example.org/opinia-{i})."
        );
        let (id, _) = insert(
            db,
            &NewRemark {
                consultation_id: consultation,
                unit_anchor: unit,
                parent_id: parent,
                author_id: Some(people[i % people.len()]),
                organisation_id: None,
                author_as_given: None,
                channel: Channel::Online,
                received_at: at,
                attachment_ref: None,
                entered_by: None,
                body: &body,
                state: RemarkState::Visible,
                submission_key: None,
            },
            at,
        )
        .await?;
        if parent.is_none() {
            top_level.push(id);
        }
        if i % 5 == 0 {
            for supporter in people.iter().skip(i % 50).take(i % 7) {
                set_support(db, id, *supporter, true, at + HOUR).await?;
            }
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answered_demo_remark_is_on_the_closed_consultation_and_replies_point_back() {
        assert_eq!(REMARKS[ANSWERED].slug, "statut-dzielnicy-xi");
        for (i, remark) in REMARKS.iter().enumerate() {
            if let Some(parent) = remark.reply_to {
                assert!(parent < i && REMARKS[parent].slug == remark.slug, "remark {i}");
            }
        }
    }
}
