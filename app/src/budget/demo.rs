//! Demo content of the civic budget: the verifying units (the demo verifier acts for
//! the city's greenery board), three editions by their calendar — one open for
//! submissions, one in its protest phase with projects at every status in several
//! districts, one in its voting phase with its ballot closed — each project taken
//! through the real moves with dates in the past. Loaded once, after the demo accounts.

use super::paper;
use super::projects::{self, Change};
use super::storage::{save_edition, Edition};
use super::voting::{self, IdentityKey};
use crate::db::Db;
use crate::domain::ballot::Ballot;
use crate::domain::budget::{Calendar, Pools, ProjectMove as M, Rules};
use crate::domain::budget_project::{CostLine, ProjectInput};
use crate::domain::initiative::ApplicantKind;

const DAY: i64 = 86_400;

const UNITS: [&str; 6] = [
    "Zarząd Zieleni Miejskiej",
    "Zarząd Dróg Miasta Krakowa",
    "Wydział Edukacji",
    "Wydział Kultury i Dziedzictwa Narodowego",
    "Wydział Sportu",
    "Miejski Ośrodek Pomocy Społecznej",
];

/// The demo verifier and the unit they verify for.
const VERIFIER: (&str, usize) = ("zielen@demo.krakow.pl", 0);

struct Demo {
    owner: &'static str,
    /// An organisation the owner submits for: `ngo` or `council`.
    on_behalf: Option<&'static str>,
    title: &'static str,
    summary: &'static str,
    description: &'static str,
    district: Option<u8>,
    topic: &'static str,
    address: &'static str,
    lines: &'static [(&'static str, &'static str)],
    beneficiaries: &'static str,
    /// Index into `UNITS` of the unit that verifies it.
    unit: usize,
    /// The moves after submitting, each with its note and the days after submitting.
    moves: &'static [(M, &'static str, i64)],
}

/// Projects of the edition in its protest phase, at every status.
const PROTEST_EDITION: &[Demo] = &[
    Demo {
        owner: "anna@demo.krakow.pl",
        on_behalf: None,
        title: "Zielone podwórko przy Rydlówce",
        summary: "Nasadzenia drzew i krzewów, ławki i stojaki rowerowe na zaniedbanym podwórku osiedlowym.",
        description: "Podwórko między blokami przy ul. Tetmajera jest dziś **klepiskiem**. Projekt obejmuje:\n\n\
                      - nasadzenie 20 drzew i 300 krzewów,\n- 6 ławek z oparciem,\n- 10 stojaków rowerowych.\n\n\
                      Prace prowadzi Zarząd Zieleni Miejskiej w jednym sezonie.",
        district: Some(7),
        topic: "greenery",
        address: "ul. Tetmajera 28, podwórko",
        lines: &[("Nasadzenia drzew i krzewów", "90 000"), ("Ławki i stojaki rowerowe", "60 000")],
        beneficiaries: "Mieszkańcy osiedla (ok. 1200 osób) i dzieci z pobliskiego przedszkola.",
        unit: 0,
        // Accepted after a merger with a twin project (below).
        moves: &[(M::Assign, "", 12)],
    },
    Demo {
        owner: "piotr@demo.krakow.pl",
        on_behalf: None,
        title: "Stojaki rowerowe przy szkołach Nowej Huty",
        summary: "Zadaszone stojaki rowerowe przy ośmiu szkołach podstawowych w Nowej Hucie.",
        description: "Uczniowie chcą dojeżdżać rowerem, ale przy szkołach nie ma gdzie bezpiecznie zostawić roweru. \
                      Projekt przewiduje zadaszone wiaty na 20 rowerów przy każdej z ośmiu szkół.",
        district: Some(18),
        topic: "transport",
        address: "Szkoły podstawowe nr 80, 85, 87, 88, 89, 91, 98 i 105",
        lines: &[("Wiaty rowerowe (8 szt.)", "320 000"), ("Montaż i fundamenty", "80 000")],
        beneficiaries: "Około 3500 uczniów i nauczycieli.",
        unit: 1,
        moves: &[(M::Assign, "", 14)],
    },
    Demo {
        owner: "olena@demo.krakow.pl",
        on_behalf: None,
        title: "Warsztaty językowe dla dzieci z Ukrainy",
        summary: "Cotygodniowe warsztaty języka polskiego i zajęcia integracyjne dla dzieci w wieku 7–12 lat.",
        description: "Zajęcia prowadzone w bibliotekach w czterech dzielnicach, przez cały rok szkolny, \
                      z materiałami i opieką psychologa.",
        district: None,
        topic: "education",
        address: "Filie Biblioteki Kraków w dzielnicach I, II, XIII i XVIII",
        lines: &[("Prowadzący zajęcia", "180 000"), ("Materiały i wyprawki", "40 000")],
        beneficiaries: "Około 200 dzieci i ich rodziny.",
        unit: 2,
        moves: &[
            (M::Assign, "", 10),
            (
                M::Reject,
                "Zadanie ma charakter zajęć edukacyjnych realizowanych w ramach zadań własnych szkół; \
                 budżet obywatelski nie finansuje zadań już objętych programem szkolnym.",
                95,
            ),
        ],
    },
    Demo {
        owner: "ngo@demo.krakow.pl",
        on_behalf: Some("ngo"),
        title: "Skwer sąsiedzki na Woli Duchackiej",
        summary: "Skwer z łąką kwietną, pergolą i stołami do gry w szachy na nieużytku przy ul. Malborskiej.",
        description: "Nieużytek przy ul. Malborskiej stanie się skwerem: łąka kwietna, pergola z pnączami, \
                      dwa stoły do gry w szachy i ławki.",
        district: Some(11),
        topic: "greenery",
        address: "ul. Malborska, działka przy przystanku Wola Duchacka",
        lines: &[("Łąka kwietna i pnącza", "45 000"), ("Pergola, stoły i ławki", "85 000")],
        beneficiaries: "Mieszkańcy Woli Duchackiej, seniorzy z pobliskiego klubu.",
        unit: 0,
        moves: &[
            (M::Assign, "", 10),
            (M::Reject, "Działka nie należy do Gminy Miejskiej Kraków (własność Skarbu Państwa).", 55),
            (
                M::Protest,
                "Działka 123/4 jest w użytkowaniu wieczystym Gminy od 2019 r.; załączamy wypis z księgi wieczystej.",
                58,
            ),
        ],
    },
    Demo {
        owner: "rada@demo.krakow.pl",
        on_behalf: Some("council"),
        title: "Siłownia plenerowa w Parku Lotników Polskich",
        summary: "Dziesięć urządzeń do ćwiczeń na świeżym powietrzu z nawierzchnią bezpieczną.",
        description: "Siłownia plenerowa przy alei głównej parku, z tablicą instruktażową i oświetleniem.",
        district: Some(13),
        topic: "sport",
        address: "Park Lotników Polskich, przy alei głównej",
        lines: &[("Urządzenia (10 szt.)", "110 000"), ("Nawierzchnia i montaż", "40 000")],
        beneficiaries: "Mieszkańcy Podgórza w każdym wieku.",
        unit: 4,
        moves: &[(M::Assign, "", 9)],
    },
    Demo {
        owner: "anna@demo.krakow.pl",
        on_behalf: None,
        title: "Strefa street workout nad Bagrami",
        summary: "Drążki, poręcze i drabinki do ćwiczeń z masą własnego ciała nad zalewem Bagry.",
        description: "Strefa do ćwiczeń kalisteniki na plaży miejskiej nad Bagrami.",
        district: Some(13),
        topic: "sport",
        address: "Zalew Bagry, plaża miejska",
        lines: &[("Konstrukcje do ćwiczeń", "70 000"), ("Nawierzchnia", "25 000")],
        beneficiaries: "Młodzież i dorośli z Podgórza.",
        unit: 4,
        moves: &[(M::Assign, "", 9)],
    },
    Demo {
        owner: "piotr@demo.krakow.pl",
        on_behalf: None,
        title: "Oświetlenie alejek w Parku Krowoderskim",
        summary: "Energooszczędne latarnie wzdłuż dwóch nieoświetlonych alejek parku.",
        description: "Po zmroku alejki od ul. Wrocławskiej są ciemne; projekt przewiduje 24 latarnie LED.",
        district: Some(5),
        topic: "safety",
        address: "Park Krowoderski, alejki od ul. Wrocławskiej",
        lines: &[("Latarnie LED (24 szt.)", "170 000"), ("Okablowanie i przyłącze", "60 000")],
        beneficiaries: "Spacerowicze i biegacze, mieszkańcy Krowodrzy.",
        unit: 1,
        moves: &[(M::SummonSupport, "", 7)],
    },
    Demo {
        owner: "olena@demo.krakow.pl",
        on_behalf: None,
        title: "Ławki z oparciem na Plantach",
        summary: "Wymiana czterdziestu ławek bez oparcia na ławki z oparciem i podłokietnikami.",
        description: "Seniorzy i osoby z niepełnosprawnościami potrzebują oparcia i podłokietników, by wygodnie usiąść i wstać.",
        district: None,
        topic: "social",
        address: "Planty, cały pierścień",
        lines: &[("Ławki (40 szt.)", "200 000")],
        beneficiaries: "Seniorzy, osoby z niepełnosprawnościami, turyści.",
        unit: 0,
        moves: &[],
    },
    Demo {
        owner: "anna@demo.krakow.pl",
        on_behalf: None,
        title: "Kino plenerowe na Zabłociu",
        summary: "Dziesięć bezpłatnych seansów filmowych w wakacyjne wieczory.",
        description: "Seanse na skwerze przy ul. Lipowej, z audiodeskrypcją raz w miesiącu.",
        district: Some(13),
        topic: "culture",
        address: "Skwer przy ul. Lipowej",
        lines: &[("Licencje i sprzęt", "60 000")],
        beneficiaries: "Mieszkańcy Zabłocia i Podgórza.",
        unit: 3,
        moves: &[(M::Withdraw, "", 5)],
    },
    Demo {
        owner: "piotr@demo.krakow.pl",
        on_behalf: None,
        title: "Budki lęgowe dla jerzyków",
        summary: "Pięćset budek lęgowych dla jerzyków na budynkach miejskich.",
        description: "Jerzyki tracą miejsca lęgowe przy termomodernizacjach; budki je przywracają.",
        district: None,
        topic: "greenery",
        address: "Budynki szkół i urzędów w całym mieście",
        lines: &[("Budki (500 szt.)", "75 000"), ("Montaż z podnośnika", "45 000")],
        beneficiaries: "Mieszkańcy całego miasta; jerzyki zjadają komary.",
        unit: 0,
        moves: &[
            (M::Assign, "", 10),
            (M::Reject, "Budynki wskazane we wniosku nie są w zarządzie Gminy; zgody zarządców nie uzyskano.", 45),
            (M::Protest, "Zarządcy wyrażą zgodę po przyjęciu projektu.", 47),
            (M::DismissProtest, "Rada Budżetu Obywatelskiego: zgoda zarządcy jest warunkiem realizacji, brak jej na etapie weryfikacji.", 52),
        ],
    },
];

/// Projects on the ballot of the edition in its voting phase.
const VOTING_EDITION: &[(&str, &str, Option<u8>, &str, &str)] = &[
    (
        "Nowe drzewa wzdłuż alei Pokoju",
        "Sto drzew wzdłuż alei Pokoju w miejscu wyciętych.",
        None,
        "greenery",
        "1 200 000",
    ),
    ("Rowerowa Pętla Krakowa – etap II", "Droga rowerowa łącząca Bulwary z Błoniami.", None, "transport", "2 400 000"),
    ("Pracownie robotyki w 10 szkołach", "Zestawy do nauki robotyki i programowania.", None, "education", "900 000"),
    ("Festiwal Podwórek Kraków", "Dwadzieścia podwórkowych festynów sąsiedzkich.", None, "culture", "450 000"),
    (
        "Plac zabaw na Plantach Dietlowskich",
        "Plac zabaw z urządzeniami dla dzieci z niepełnosprawnościami.",
        Some(1),
        "social",
        "380 000",
    ),
    (
        "Zielony przystanek przy Rondzie Mogilskim",
        "Zielony dach i ławki na przystanku.",
        Some(2),
        "greenery",
        "150 000",
    ),
    ("Skatepark na Azorach", "Modernizacja skateparku przy ul. Glogera.", Some(5), "sport", "600 000"),
    ("Ogród deszczowy przy Bronowickiej", "Ogród zatrzymujący deszczówkę.", Some(6), "greenery", "220 000"),
    ("Tablice historyczne na Woli Justowskiej", "Dziesięć tablic o historii dzielnicy.", Some(7), "culture", "90 000"),
    (
        "Bezpieczne przejścia przy szkołach Podgórza",
        "Doświetlenie sześciu przejść dla pieszych.",
        Some(13),
        "safety",
        "330 000",
    ),
    ("Boisko przy Szkole Podstawowej nr 34", "Nawierzchnia i ogrodzenie boiska.", Some(13), "sport", "420 000"),
    ("Łąki kwietne w Nowej Hucie", "Dwa hektary łąk kwietnych zamiast trawników.", Some(18), "greenery", "160 000"),
    // So that residents of I, XIII, XIV and XVIII can fill a whole 3 + 3 ballot.
    (
        "Ławki z oparciami na Plantach",
        "Czterdzieści ławek z oparciami i podłokietnikami.",
        Some(1),
        "social",
        "240 000",
    ),
    ("Poidełka na Starym Mieście", "Sześć poidełek z wodą pitną.", Some(1), "social", "180 000"),
    ("Ścieżka sensoryczna w Parku Bednarskiego", "Ścieżka do chodzenia boso.", Some(13), "greenery", "120 000"),
    (
        "Zielone podwórko na Czyżynach",
        "Nasadzenia i ławki na podwórku przy ul. Dywizjonu 303.",
        Some(14),
        "greenery",
        "210 000",
    ),
    ("Siłownia plenerowa w Parku Lotników", "Dziesięć urządzeń do ćwiczeń.", Some(14), "sport", "260 000"),
    ("Kino letnie na Czyżynach", "Dziesięć wieczorów kina pod chmurką.", Some(14), "culture", "90 000"),
    ("Budki lęgowe w Lasku Mogilskim", "Sto budek dla ptaków i nietoperzy.", Some(18), "greenery", "40 000"),
    ("Oświetlenie alejek na os. Szklane Domy", "Dwadzieścia nowych latarni.", Some(18), "safety", "350 000"),
];

fn pools() -> Pools {
    // Kraków's scale: about 18 million zł city-wide and 0.9–2.5 million per district.
    let districts = [
        1_400_000, 1_300_000, 1_100_000, 2_300_000, 1_500_000, 1_200_000, 900_000, 1_700_000, 900_000, 1_000_000,
        1_300_000, 1_000_000, 2_500_000, 1_700_000, 1_400_000, 1_000_000, 1_000_000, 2_100_000,
    ];
    Pools { city_wide: 18_000_000 * 100, districts: districts.map(|zl: i64| zl * 100) }
}

fn calendar(now: i64, days: [i64; 6]) -> Calendar {
    let at = |d: i64| (now + d * DAY) / DAY * DAY;
    Calendar {
        submission_starts: at(days[0]),
        verification_starts: at(days[1]),
        protests_start: at(days[2]),
        final_list_starts: at(days[3]),
        voting_starts: at(days[4]),
        results_start: at(days[5]),
    }
}

async fn user(db: &Db, email: &str) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("select id from users where email = $1").bind(email).fetch_optional(db).await?;
    Ok(row.map(|(id,)| id))
}

fn input(
    title: &str,
    summary: &str,
    description: &str,
    district: Option<u8>,
    topic: &str,
    address: &str,
) -> ProjectInput {
    ProjectInput {
        title: title.to_owned(),
        summary: summary.to_owned(),
        description: description.to_owned(),
        area: if district.is_some() { "district" } else { "city" }.to_owned(),
        district: district.map(|d| d.to_string()).unwrap_or_default(),
        topic: topic.to_owned(),
        address: address.to_owned(),
        ..ProjectInput::default()
    }
}

/// Loads the demo budget once; returns how many projects were added.
pub async fn load(db: &Db, key: &IdentityKey, now: i64) -> Result<usize, sqlx::Error> {
    let (existing,): (i64,) = sqlx::query_as("select count(*) from budget_editions").fetch_one(db).await?;
    if existing > 0 {
        return Ok(0);
    }
    let Some(moderator) = user(db, "moderator@demo.krakow.pl").await? else {
        return Ok(0);
    };
    let mut units = Vec::new();
    for name in UNITS {
        units.push(projects::add_unit(db, name).await?);
    }
    projects::add_verifier(db, units[VERIFIER.1], VERIFIER.0).await?;
    let year = i64::from(crate::initiatives::storage::warsaw_date(now).0);
    let rules = Rules::default();
    let editions = [
        (year, calendar(now, [-200, -150, -60, -30, -2, 12])),
        (year + 1, calendar(now, [-120, -80, -5, 10, 40, 60])),
        (year + 2, calendar(now, [-3, 60, 120, 140, 170, 190])),
    ];
    for (y, c) in editions {
        let edition = Edition { year: y, calendar: c, pools: pools(), rules: rules.clone() };
        let before = c.submission_starts - DAY;
        if let Err(refusal) = save_edition(db, &edition, moderator, before).await? {
            tracing::warn!(?refusal, "demo edition refused");
        }
    }
    let mut added = 0;
    let submitted = now - 100 * DAY;
    for demo in PROTEST_EDITION {
        let Some(owner) = user(db, demo.owner).await? else {
            continue;
        };
        let (kind, organisation) = match demo.on_behalf {
            Some("ngo") => (ApplicantKind::Ngo, organisation_of(db, owner, "ngo").await?),
            Some(_) => (ApplicantKind::DistrictCouncil, organisation_of(db, owner, "district_council").await?),
            None => (ApplicantKind::Residents, None),
        };
        let mut p = input(demo.title, demo.summary, demo.description, demo.district, demo.topic, demo.address);
        p.cost_lines =
            demo.lines.iter().map(|(i, a)| CostLine { item: (*i).to_owned(), amount: (*a).to_owned() }).collect();
        let total: i64 = p.cost_lines.iter().filter_map(|l| crate::domain::initiative::parse_zloty(&l.amount)).sum();
        p.cost = (total / 100).to_string();
        p.beneficiaries = demo.beneficiaries.to_owned();
        let id = projects::create_draft(db, year + 1, owner, kind, organisation, &p, submitted - DAY).await?;
        if projects::submit(db, id, owner, submitted).await?.is_err() {
            continue;
        }
        added += 1;
        projects::record_signatures(db, id, 17, moderator, submitted + 3 * DAY).await?;
        for (mv, note, days) in demo.moves {
            let at = submitted + days * DAY;
            let by = if matches!(mv, M::Protest | M::Withdraw) { owner } else { moderator };
            let change = Change {
                note: (*note).to_owned(),
                unit: Some(units[demo.unit]),
                verified_cost: (*mv == M::Accept).then_some(total - total / 20),
                deadline: (*mv == M::SummonSupport).then_some(at + 14 * DAY),
                ..Change::default()
            };
            projects::apply(db, id, *mv, &change, by, at).await?;
        }
        if demo.moves.last().map(|m| m.0) == Some(M::Protest) {
            projects::schedule_hearing(db, id, now + 7 * DAY, moderator, submitted + 60 * DAY).await?;
        }
    }
    // The two sport projects in Podgórze are alike: the unit proposes merging them.
    let sport: Vec<(i64,)> = sqlx::query_as(
        "select id from budget_projects where year = $1 and topic = 'sport' and district = 13 order by seq",
    )
    .bind(year + 1)
    .fetch_all(db)
    .await?;
    if let [(first,), (second,)] = sport[..] {
        let note = "Oba projekty dotyczą urządzeń do ćwiczeń w Podgórzu; wspólna realizacja obniży koszt.";
        projects::propose_merger(db, first, second, note, moderator, now - 2 * DAY).await?;
    }
    // Two projects for the same square, merged with both applicants' agreement.
    let squares: Vec<(i64, i64)> = sqlx::query_as(
        "select id, owner_id from budget_projects where year = $1 and title = 'Zielone podwórko przy Rydlówce'",
    )
    .bind(year + 1)
    .fetch_all(db)
    .await?;
    if let [(kept, kept_owner), ..] = squares[..] {
        if let Some(piotr) = user(db, "piotr@demo.krakow.pl").await? {
            let mut p = input(
                "Ławki i zieleń na podwórku przy Rydlówce",
                "Ławki i krzewy na podwórku przy ul. Tetmajera, obok placu zabaw.",
                "Sześć ławek i żywopłot wzdłuż placu zabaw na podwórku przy ul. Tetmajera.",
                Some(7),
                "greenery",
                "ul. Tetmajera 28",
            );
            p.cost = "40 000".into();
            p.cost_lines = vec![CostLine { item: "Ławki i krzewy".into(), amount: "40 000".into() }];
            p.beneficiaries = "Mieszkańcy osiedla.".into();
            let at = submitted + 2 * DAY;
            let merged = projects::create_draft(db, year + 1, piotr, ApplicantKind::Residents, None, &p, at).await?;
            projects::submit(db, merged, piotr, at).await?.ok();
            let assign = Change { unit: Some(units[0]), ..Change::default() };
            projects::apply(db, merged, M::Assign, &assign, moderator, at + 10 * DAY).await?;
            let note = "Ten sam podwórzec: jeden projekt obejmie nasadzenia, ławki i stojaki.";
            projects::propose_merger(db, merged, kept, note, moderator, at + 20 * DAY).await?;
            projects::answer_merger(db, merged, true, piotr, at + 22 * DAY).await?;
            projects::answer_merger(db, kept, true, kept_owner, at + 23 * DAY).await?;
            let verified = Change { verified_cost: Some(14_250_000), ..Change::default() };
            projects::apply(db, kept, M::Accept, &verified, moderator, at + 40 * DAY).await?;
            added += 1;
        }
    }
    // The draft of a project still being written.
    if let Some(anna) = user(db, "anna@demo.krakow.pl").await? {
        let draft = input("Pasieka na dachu biblioteki", "", "", Some(1), "greenery", "");
        projects::create_draft(db, year + 2, anna, ApplicantKind::Residents, None, &draft, now - DAY).await?;
    }
    added += load_ballot(db, year, moderator, units[0], now).await?;
    // A past edition: the same calendar 58 days earlier, voted, counted and published.
    let past =
        Edition { year: year - 1, calendar: calendar(now, [-258, -208, -118, -88, -60, -46]), pools: pools(), rules };
    if save_edition(db, &past, moderator, past.calendar.submission_starts - DAY).await?.is_ok() {
        added += load_ballot(db, year - 1, moderator, units[0], now - 58 * DAY).await?;
        load_past_vote(db, key, year - 1, &past, moderator).await?;
    }
    let officer = user(db, "komisja@demo.krakow.pl").await?;
    if let Some(email) = officer.and(Some("komisja@demo.krakow.pl")) {
        paper::add_officer(db, year, email).await?.ok();
    }
    Ok(added)
}

/// A valid PESEL of someone born in `year` (1900–1999) on a day chosen by `serial`,
/// with the serial in its last digits.
fn demo_pesel(year: i64, serial: u64) -> String {
    let month = 1 + serial % 12;
    let day = 1 + serial % 28;
    let base = format!("{:02}{:02}{:02}{:04}", year % 100, month, day, serial % 10_000);
    let weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    let sum: u32 = base.bytes().zip(weights).map(|(b, w)| u32::from(b - b'0') * w).sum();
    format!("{base}{}", (10 - sum % 10) % 10)
}

/// The past edition's vote: online ballots from generated residents (a burst of
/// identical ones from one address, a few voters over 95), a paper batch from a voting
/// point with an invalid card and two cards of people who also voted online (settled
/// by the edition's rule), then the set sealed and the results published.
async fn load_past_vote(
    db: &Db,
    key: &IdentityKey,
    year: i64,
    edition: &Edition,
    moderator: i64,
) -> Result<(), sqlx::Error> {
    let projects = voting::ballot_projects(db, year).await?;
    let city: Vec<i64> = projects.iter().filter(|p| p.district.is_none()).map(|p| p.id).collect();
    let districts: Vec<(u8, Vec<i64>)> = [1u8, 13, 14, 18]
        .into_iter()
        .map(|d| (d, projects.iter().filter(|p| p.district == Some(d)).map(|p| p.id).collect()))
        .filter(|(_, ids): &(u8, Vec<i64>)| ids.len() >= 3)
        .collect();
    if city.len() < 3 || districts.is_empty() {
        return Ok(());
    }
    let start = edition.calendar.voting_starts;
    // A small linear congruential generator: the demo is the same on every load.
    let mut state: u64 = 2025;
    let mut next = |n: usize| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(state >> 33).unwrap_or(0) % n.max(1)
    };
    let pick = |ids: &[i64], r: &mut dyn FnMut(usize) -> usize| {
        let mut pool = ids.to_vec();
        (0..3).map(|_| pool.remove(r(pool.len()))).collect::<Vec<_>>()
    };
    for i in 0..420u64 {
        let (district, ids) = &districts[next(districts.len())];
        let burst = (300..330).contains(&i);
        let ballot = if burst {
            Ballot {
                district: Some(districts[0].0),
                district_projects: districts[0].1[..3].to_vec(),
                city_projects: city[..3].to_vec(),
            }
        } else {
            Ballot {
                district: Some(*district),
                district_projects: pick(ids, &mut next),
                city_projects: pick(&city, &mut next),
            }
        };
        let born = if i % 97 == 5 { 1922 } else { 1950 + i64::try_from(i % 55).unwrap_or(0) };
        let Some(identity) = voting::IdentitySource::identify(
            &voting::Declared { pesel: demo_pesel(born, i), ..Default::default() },
            key,
        )
        .ok() else {
            continue;
        };
        let at = if burst { start + 3 * DAY + 600 } else { start + i64::try_from(i).unwrap_or(0) * 2_700 };
        let origin = voting::Origin {
            user_id: None,
            ip: Some(if burst { "203.0.113.7".into() } else { format!("198.51.100.{}", i % 200) }),
            device: Some(format!("demo-device-{}", if burst { 0 } else { i })),
        };
        voting::cast(db, key, year, &identity, &ballot, &origin, at).await?;
    }
    let Some(officer) = user(db, "komisja@demo.krakow.pl").await? else {
        return Ok(());
    };
    paper::add_officer(db, year, "komisja@demo.krakow.pl").await?.ok();
    let Ok(batch) = paper::create_batch(
        db,
        year,
        "Biblioteka Kraków, ul. Powstania Warszawskiego 6",
        start + 5 * DAY,
        officer,
        start + 14 * DAY,
    )
    .await?
    else {
        return Ok(());
    };
    let number = |id: i64| projects.iter().find(|p| p.id == id).map(|p| p.number.clone()).unwrap_or_default();
    let (district, ids) = &districts[0];
    for i in 0..24u64 {
        // Cards 0 and 1 are of people who voted online (voter 3 before the day of the
        // card, voter 200 after it); card 2 has two district projects only.
        let pesel = match i {
            0 => demo_pesel(1950 + 3, 3),
            1 => demo_pesel(1950 + 200 % 55, 200),
            _ => demo_pesel(1960, 5_000 + i),
        };
        let chosen = pick(ids, &mut next);
        let district_numbers = if i == 2 { chosen[..2].to_vec() } else { chosen };
        let card = paper::CardInput {
            pesel,
            district: Some(*district),
            district_numbers: district_numbers.into_iter().map(number).collect(),
            city_numbers: pick(&city, &mut next).into_iter().map(number).collect(),
            ..Default::default()
        };
        paper::enter_card(db, key, batch, &card).await?.ok();
    }
    paper::approve(db, key, batch, moderator, start + 15 * DAY).await?.ok();
    for conflict in paper::conflicts(db, year).await? {
        paper::resolve(db, key, conflict.card_id, moderator, start + 15 * DAY).await?.ok();
    }
    let results_at = edition.calendar.results_start + DAY;
    voting::seal(db, year, Some(moderator), results_at).await?.ok();
    voting::publish(db, year, Some(moderator), results_at).await?.ok();
    Ok(())
}

/// The edition in its voting phase: every project accepted and the list closed.
async fn load_ballot(db: &Db, year: i64, moderator: i64, unit: i64, now: i64) -> Result<usize, sqlx::Error> {
    let owners = ["anna@demo.krakow.pl", "piotr@demo.krakow.pl", "olena@demo.krakow.pl"];
    let submitted = now - 190 * DAY;
    let mut added = 0;
    for (i, (title, summary, district, topic, cost)) in VOTING_EDITION.iter().enumerate() {
        let Some(owner) = user(db, owners[i % owners.len()]).await? else {
            continue;
        };
        let mut p = input(
            title,
            summary,
            &format!("{summary}\n\nProjekt opisany szczegółowo we wniosku."),
            *district,
            topic,
            "Kraków",
        );
        p.cost = (*cost).to_owned();
        p.cost_lines = vec![CostLine { item: "Realizacja".into(), amount: (*cost).to_owned() }];
        p.beneficiaries = "Mieszkańcy Krakowa.".into();
        let id = projects::create_draft(db, year, owner, ApplicantKind::Residents, None, &p, submitted).await?;
        projects::submit(db, id, owner, submitted + i as i64).await?.ok();
        projects::record_signatures(db, id, 15 + i as i64, moderator, submitted + 2 * DAY).await?;
        let assign = Change { unit: Some(unit), ..Change::default() };
        projects::apply(db, id, M::Assign, &assign, moderator, submitted + 5 * DAY).await?;
        projects::apply(db, id, M::Accept, &Change::default(), moderator, submitted + 80 * DAY).await?;
        added += 1;
    }
    projects::close_list(db, year, Rules::default().protest_days, moderator, now - 20 * DAY).await?;
    Ok(added)
}

async fn organisation_of(db: &Db, user: i64, kind: &str) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "select o.id from organisations o join memberships m on m.organisation_id = o.id \
         where m.user_id = $1 and o.kind = $2",
    )
    .bind(user)
    .bind(kind)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// A synthetic edition for benchmarks: `count` submitted projects (Kraków's 2025 scale
/// is about 1,200) in the edition of the current year + 10, spread over the 18
/// districts and the city-wide pool, the topics and the statuses; returns how many.
pub async fn generate(db: &Db, count: usize, now: i64) -> Result<usize, sqlx::Error> {
    const WHAT: [&str; 12] = [
        "Zielone podwórko",
        "Bezpieczne przejście",
        "Boisko wielofunkcyjne",
        "Skwer sąsiedzki",
        "Ławki z oparciem",
        "Łąka kwietna",
        "Plac zabaw",
        "Oświetlenie alejek",
        "Stojaki rowerowe",
        "Siłownia plenerowa",
        "Biblioteka rzeczy",
        "Ogród deszczowy",
    ];
    const WHERE: [&str; 10] = [
        "przy ul. Długiej",
        "na Kazimierzu",
        "przy szkole podstawowej",
        "nad Wisłą",
        "w parku osiedlowym",
        "przy przystanku",
        "na Plantach",
        "przy bibliotece",
        "na osiedlu",
        "przy domu kultury",
    ];
    const STATUSES: [&str; 9] = [
        "submitted",
        "in_verification",
        "accepted",
        "rejected",
        "on_ballot",
        "support_missing",
        "protested",
        "rejected_final",
        "withdrawn",
    ];
    let Some(owner) = user(db, "anna@demo.krakow.pl").await?.or(user(db, "moderator@demo.krakow.pl").await?) else {
        return Ok(0);
    };
    let year = i64::from(crate::initiatives::storage::warsaw_date(now).0) + 10;
    let edition =
        Edition { year, calendar: calendar(now, [-10, 30, 60, 90, 120, 150]), pools: pools(), rules: Rules::default() };
    if save_edition(db, &edition, owner, now - DAY).await?.is_err() {
        return Ok(0);
    }
    let topics = crate::domain::topic::Topic::ALL;
    for i in 0..count {
        let district = match i % 19 {
            18 => None,
            d => Some(d as u8 + 1),
        };
        let title = format!("{} {} {}", WHAT[i % WHAT.len()], WHERE[(i / 12) % WHERE.len()], i + 1);
        let summary = format!("{title}: projekt mieszkańców, opisany w skrócie dla katalogu i karty do głosowania.");
        let description = format!(
            "## Opis\n\n{summary}\n\nProjekt obejmuje prace przygotowawcze, zakup i montaż wyposażenia oraz \
             utrzymanie przez dwa lata. Realizacja w jednym sezonie, z udziałem rady dzielnicy i mieszkańców. \
             Zieleń, bezpieczeństwo i dostępność dla osób z niepełnosprawnościami są częścią każdego etapu."
        );
        let cost = 20_000 + (i as i64 * 7_919) % 880_000;
        let mut p = input(&title, &summary, &description, district, topics[i % topics.len()].slug(), "Kraków");
        p.cost = cost.to_string();
        p.cost_lines = vec![CostLine { item: "Realizacja".into(), amount: cost.to_string() }];
        p.beneficiaries = "Mieszkańcy dzielnicy.".into();
        let id = projects::create_draft(db, year, owner, ApplicantKind::Residents, None, &p, now - DAY).await?;
        projects::submit(db, id, owner, now - DAY + i as i64).await?.ok();
        sqlx::query("update budget_projects set status = $1 where id = $2")
            .bind(STATUSES[i % STATUSES.len()])
            .bind(id)
            .execute(db)
            .await?;
    }
    Ok(count)
}
