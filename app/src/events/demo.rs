//! Demo events of DK-06: a debate, a citizens' panel, the department's duty hours and
//! voting points of the civic budget, spread over the coming weeks so the calendar's
//! current and next month both show something.

use super::storage::add;
use super::NewCityEvent;
use crate::consultations::editor::Occasion;
use crate::db::Db;
use crate::domain::calendar::{Access, CalendarKind};
use crate::domain::district::District;

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;

struct Demo {
    kind: CalendarKind,
    title: &'static str,
    description: &'static str,
    district: Option<u8>,
    days_ahead: i64,
    /// Warsaw-ish start hour (UTC + 1 is near enough for a demo) and length in hours.
    hours: (i64, i64),
    place: &'static str,
    access: Access,
    online_url: Option<&'static str>,
}

const ALL_ACCESS: Access = Access { step_free: true, induction_loop: true, sign_language: true };

const DEMOS: [Demo; 5] = [
    Demo {
        kind: CalendarKind::Debate,
        title: "Jak mieszkać w centrum? Debata o najmie krótkoterminowym",
        description: "Mieszkańcy, przedsiębiorcy i urzędnicy rozmawiają o tym, jak pogodzić turystów z sąsiadami. Każdy może zabrać głos.",
        district: Some(1),
        days_ahead: 5,
        hours: (17, 2),
        place: "Pałac Krzysztofory, Rynek Główny 35, sala gotycka",
        access: ALL_ACCESS,
        online_url: Some("https://spotkania.krakow.pl/debata-najem"),
    },
    Demo {
        kind: CalendarKind::CitizensPanel,
        title: "Panel obywatelski o adaptacji do zmian klimatu: trzecie posiedzenie",
        description: "Losowo wybrani mieszkańcy wysłuchują ekspertów i przygotowują rekomendacje dla miasta. Obserwatorzy mile widziani.",
        district: None,
        days_ahead: 12,
        hours: (10, 6),
        place: "Centrum Kongresowe ICE Kraków, ul. Marii Konopnickiej 17",
        access: ALL_ACCESS,
        online_url: None,
    },
    Demo {
        kind: CalendarKind::DutyHours,
        title: "Dyżur Wydziału Dialogu Obywatelskiego: pomoc w złożeniu uwag",
        description: "Pomożemy napisać uwagę do konsultacji albo wniosek o inicjatywę lokalną.",
        district: Some(13),
        days_ahead: 19,
        hours: (15, 3),
        place: "Rada Dzielnicy XIII Podgórze, ul. Józefińska 19",
        access: Access { step_free: true, induction_loop: false, sign_language: false },
        online_url: None,
    },
    Demo {
        kind: CalendarKind::VotingPoint,
        title: "Punkt do głosowania w budżecie obywatelskim: Biblioteka Kraków, filia Nowa Huta",
        description: "Karta do głosowania na papierze i pomoc w głosowaniu przez internet.",
        district: Some(18),
        days_ahead: 33,
        hours: (9, 8),
        place: "Biblioteka Kraków, os. Centrum E 1",
        access: Access { step_free: true, induction_loop: true, sign_language: false },
        online_url: None,
    },
    Demo {
        kind: CalendarKind::Workshop,
        title: "Warsztaty: jak napisać projekt do budżetu obywatelskiego",
        description: "Krok po kroku od pomysłu do kosztorysu. Zabierz swój pomysł.",
        district: Some(14),
        days_ahead: 40,
        hours: (17, 2),
        place: "Klub Kultury Mistrzejowice, os. Tysiąclecia 86",
        access: Access { step_free: false, induction_loop: false, sign_language: false },
        online_url: None,
    },
];

/// Adds the demo events once (nothing when the editors already have events).
pub async fn load(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let (existing,): (i64,) = sqlx::query_as("select count(*) from city_events").fetch_one(db).await?;
    if existing > 0 {
        return Ok(0);
    }
    let editor: Option<(i64,)> =
        sqlx::query_as("select id from users where email = 'redaktor@demo.krakow.pl'").fetch_optional(db).await?;
    let Some((editor,)) = editor else { return Ok(0) };
    let today = now / DAY * DAY;
    for demo in &DEMOS {
        let starts_at = today + demo.days_ahead * DAY + (demo.hours.0 - 1) * HOUR;
        let event = NewCityEvent {
            kind: demo.kind,
            title: demo.title.to_owned(),
            description: demo.description.to_owned(),
            district: demo.district.and_then(District::new),
            occasion: Occasion {
                starts_at,
                ends_at: starts_at + demo.hours.1 * HOUR,
                place: demo.place.to_owned(),
                accessibility: String::new(),
                access: demo.access,
                online_url: demo.online_url.map(str::to_owned),
            },
        };
        add(db, &event, editor, now).await?;
    }
    Ok(DEMOS.len())
}
