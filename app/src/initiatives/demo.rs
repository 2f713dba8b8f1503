//! Demo content: the year's pool and applications at every status (a draft, submitted,
//! summoned to remedy, formally correct, rejected, accepted, completed) from residents,
//! an NGO and a district council, each taken through the real moves with dates in the
//! past. Loaded once, after the demo accounts.

use super::storage::{apply_move, create_draft, record_opinion, save_checks, set_year, submit, warsaw_date, Points};
use crate::db::Db;
use crate::domain::initiative::{ApplicantKind, ApplicationInput, GoodsInput};
use crate::domain::initiative_flow::{CheckItem, CheckResult, Move, Sheet};

const DAY: i64 = 86_400;

struct Demo {
    owner: &'static str,
    kind: ApplicantKind,
    title: &'static str,
    description: &'static str,
    need: &'static str,
    scope: &'static str,
    place: &'static str,
    district: u8,
    cost: &'static str,
    people: &'static str,
    hours: &'static str,
    goods: &'static [(&'static str, &'static str)],
    money: &'static str,
    city_share: &'static str,
    /// Days before now it was submitted (`None`: still a draft).
    submitted: Option<i64>,
    /// The moves after submitting, each with its public note and days after submitting.
    moves: &'static [(Move, &'static str, i64)],
}

const DEMOS: &[Demo] = &[
    Demo {
        owner: "anna@demo.krakow.pl",
        kind: ApplicantKind::Residents,
        title: "Ogród społeczny na podwórku przy ul. Sokolskiej",
        description: "Zakładamy ogród społeczny na miejskim podwórku: sześć skrzyń z grządkami, ławki, \
                      kompostownik i beczka na deszczówkę. Sąsiedzi sadzą i pielęgnują rośliny przez cały sezon.",
        need: "W kwartale nie ma zieleni ani miejsca spotkań; podwórko jest zaniedbane.",
        scope: "nature",
        place: "ul. Sokolska 13, podwórko (działka gminna)",
        district: 13,
        cost: "14 500",
        people: "14",
        hours: "30",
        goods: &[("Sadzonki i nasiona", "900"), ("Narzędzia ogrodnicze", "600")],
        money: "",
        city_share: "Skrzynie z drewna, ziemia, ławki i transport kompostownika.",
        submitted: Some(230),
        moves: &[
            (Move::FindCorrect, "", 6),
            (Move::RequestOpinions, "Opinie: Rada Dzielnicy XIII, Komisja Dialogu Obywatelskiego.", 8),
            (Move::Evaluate, "40 + 35 + 10 = 85 ≥ 60", 30),
            (Move::Accept, "Zarządzenie Prezydenta Miasta Krakowa o realizacji zadania.", 35),
            (Move::SignContract, "Umowa na realizację inicjatywy lokalnej, termin: 31 października.", 45),
            (Move::Complete, "Zadanie wykonane i rozliczone.", 170),
        ],
    },
    Demo {
        owner: "ngo@demo.krakow.pl",
        kind: ApplicantKind::Ngo,
        title: "Warsztaty ceramiczne dla seniorów w Klubie Krowodrza",
        description: "Cykl dwudziestu warsztatów ceramicznych dla seniorów z dzielnicy, prowadzonych przez \
                      wolontariuszy stowarzyszenia, zakończony wystawą prac w klubie.",
        need: "Seniorzy z osiedla zgłaszają brak bezpłatnych zajęć integracyjnych blisko domu.",
        scope: "culture",
        place: "Klub Krowodrza, ul. Mazowiecka 21",
        district: 5,
        cost: "18 000",
        people: "6",
        hours: "40",
        goods: &[("Koło garncarskie", "2 400")],
        money: "2 000",
        city_share: "Glina, szkliwa i wypał w piecu ceramicznym; wynajem sali na wystawę.",
        submitted: Some(120),
        moves: &[
            (Move::FindCorrect, "", 5),
            (Move::RequestOpinions, "Opinie: Rada Dzielnicy V, Komisja Dialogu Obywatelskiego.", 7),
            (Move::Evaluate, "38 + 30 + 0 = 68 ≥ 60", 28),
            (Move::Accept, "Zarządzenie Prezydenta Miasta Krakowa o realizacji zadania.", 33),
        ],
    },
    Demo {
        owner: "olena@demo.krakow.pl",
        kind: ApplicantKind::Residents,
        title: "Remont podwórka wspólnoty przy ul. Długiej",
        description: "Wyrównanie i wybrukowanie podwórka wspólnoty mieszkaniowej, nowe oświetlenie i miejsca \
                      na rowery dla mieszkańców kamienicy.",
        need: "Podwórko jest zniszczone, a mieszkańcy nie mają gdzie zostawić rowerów.",
        scope: "infrastructure",
        place: "ul. Długa 40, podwórko wspólnoty mieszkaniowej",
        district: 1,
        cost: "48 000",
        people: "8",
        hours: "16",
        goods: &[],
        money: "5 000",
        city_share: "Kostka brukowa, oświetlenie i roboty ziemne.",
        submitted: Some(60),
        moves: &[(
            Move::Reject,
            "Podwórko należy do wspólnoty mieszkaniowej, nie do Gminy Miejskiej Kraków: inicjatywa lokalna \
             w zakresie infrastruktury dotyczy wyłącznie nieruchomości gminnych (art. 19b ust. 1 pkt 1).",
            10,
        )],
    },
    Demo {
        owner: "rada@demo.krakow.pl",
        kind: ApplicantKind::DistrictCouncil,
        title: "Ławki i stojaki rowerowe na skwerze przy ul. Kalwaryjskiej",
        description: "Ustawienie sześciu ławek i dziesięciu stojaków rowerowych na skwerze; mieszkańcy \
                      przygotowują teren i sadzą krzewy wokół ławek.",
        need: "Skwer jest przystankiem w drodze na targ, ale nie ma na nim gdzie usiąść ani przypiąć roweru.",
        scope: "infrastructure",
        place: "Skwer przy ul. Kalwaryjskiej 50 (działka gminna)",
        district: 13,
        cost: "26 000",
        people: "20",
        hours: "8",
        goods: &[],
        money: "",
        city_share: "Ławki, stojaki, fundamenty i montaż.",
        submitted: Some(20),
        moves: &[(Move::FindCorrect, "", 4)],
    },
    Demo {
        owner: "anna@demo.krakow.pl",
        kind: ApplicantKind::Residents,
        title: "Sobotnie zajęcia sportowe dla dzieci na boisku przy ul. Dworcowej",
        description: "Dwanaście sobotnich treningów piłki nożnej i lekkoatletyki dla dzieci z osiedla, \
                      prowadzonych przez rodziców z uprawnieniami trenerskimi, zakończonych turniejem.",
        need: "Boisko stoi w soboty puste, a dzieci z osiedla nie mają bezpłatnych zajęć sportowych.",
        scope: "sport_and_tourism",
        place: "Boisko przy ul. Dworcowej (teren gminny)",
        district: 13,
        cost: "6 500",
        people: "4",
        hours: "36",
        goods: &[("Piłki i pachołki", "700")],
        money: "",
        city_share: "Udostępnienie boiska, medale i napoje na turniej.",
        submitted: Some(12),
        moves: &[
            (Move::FindCorrect, "", 3),
            (Move::RequestOpinions, "Opinie: Rada Dzielnicy XIII, Komisja Dialogu Obywatelskiego.", 4),
        ],
    },
    Demo {
        owner: "piotr@demo.krakow.pl",
        kind: ApplicantKind::Residents,
        title: "Sprzątanie brzegów Wisły na Zabłociu",
        description: "Trzy soboty sprzątania brzegów Wisły z mieszkańcami i szkołami, z workami, rękawicami \
                      i wywozem śmieci przez miasto. Na koniec tablica o ochronie nadbrzeża.",
        need: "Brzegi rzeki po sezonie są zaśmiecone; mieszkańcy chcą działać regularnie.",
        scope: "nature",
        place: "Bulwar Podgórski na wysokości Zabłocia",
        district: 13,
        cost: "4 200",
        people: "40",
        hours: "4",
        goods: &[],
        money: "",
        city_share: "Worki, rękawice, wywóz odpadów i tablica informacyjna.",
        submitted: Some(3),
        moves: &[(Move::Summon, "– Lista poparcia dostarczona: brak listy poparcia z podpisami mieszkańców.", 1)],
    },
    Demo {
        owner: "piotr@demo.krakow.pl",
        kind: ApplicantKind::Residents,
        title: "Biblioteczka sąsiedzka przy przystanku Rondo Grunwaldzkie",
        description: "Drewniana biblioteczka wymiany książek przy przystanku, prowadzona przez sąsiadów: \
                      dyżury, porządkowanie półek, spotkania czytelnicze raz w miesiącu.",
        need: "W okolicy nie ma filii biblioteki; mieszkańcy chcą wymieniać się książkami.",
        scope: "education",
        place: "Skwer przy Rondzie Grunwaldzkim",
        district: 8,
        cost: "3 800",
        people: "5",
        hours: "24",
        goods: &[("Książki na start", "1 200")],
        money: "",
        city_share: "Budowa i montaż biblioteczki.",
        submitted: Some(1),
        moves: &[],
    },
    Demo {
        owner: "anna@demo.krakow.pl",
        kind: ApplicantKind::Residents,
        title: "Mural na ścianie szkoły przy ul. Żywieckiej",
        description: "",
        need: "",
        scope: "culture",
        place: "",
        district: 10,
        cost: "",
        people: "",
        hours: "",
        goods: &[],
        money: "",
        city_share: "",
        submitted: None,
        moves: &[],
    },
];

fn iso(unix: i64) -> String {
    let (y, m, d) = warsaw_date(unix);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The year's pool and the demo applications, unless there are applications already.
/// Returns how many were added.
pub async fn load(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let (existing,): (i64,) = sqlx::query_as("select count(*) from initiatives").fetch_one(db).await?;
    if existing > 0 {
        return Ok(0);
    }
    let (moderator,): (i64,) =
        match sqlx::query_as("select id from users where email = 'moderator@demo.krakow.pl'").fetch_optional(db).await?
        {
            Some(found) => found,
            None => return Ok(0),
        };
    set_year(db, i64::from(warsaw_date(now).0), 19_500_000, Sheet::default()).await?;
    let mut added = 0;
    for demo in DEMOS {
        let Some((owner,)): Option<(i64,)> =
            sqlx::query_as("select id from users where email = $1").bind(demo.owner).fetch_optional(db).await?
        else {
            continue;
        };
        let organisation: Option<i64> = match demo.kind {
            ApplicantKind::Residents => None,
            _ => sqlx::query_as::<_, (i64,)>(
                "select organisation_id from memberships where user_id = $1 order by organisation_id limit 1",
            )
            .bind(owner)
            .fetch_optional(db)
            .await?
            .map(|(id,)| id),
        };
        let ngo_krs: String = match (demo.kind, organisation) {
            (ApplicantKind::Ngo, Some(org)) => {
                sqlx::query_as::<_, (Option<String>,)>("select krs from organisations where id = $1")
                    .bind(org)
                    .fetch_one(db)
                    .await?
                    .0
                    .unwrap_or_default()
            }
            _ => String::new(),
        };
        let submitted_at = now - demo.submitted.unwrap_or(0) * DAY;
        let (name,): (String,) =
            sqlx::query_as("select display_name from users where id = $1").bind(owner).fetch_one(db).await?;
        let input = ApplicationInput {
            applicant_kind: demo.kind.code().to_owned(),
            applicants: vec![name, "Maria Kowalczyk".to_owned(), "Jan Wójcik".to_owned()],
            ngo_authorisation: demo.kind == ApplicantKind::Ngo,
            ngo_krs: ngo_krs.clone(),
            ngo_regon: String::new(),
            title: demo.title.to_owned(),
            description: demo.description.to_owned(),
            need: demo.need.to_owned(),
            scope: demo.scope.to_owned(),
            place: demo.place.to_owned(),
            district: demo.district.to_string(),
            city_property: demo.scope == "infrastructure",
            starts_on: iso(submitted_at + 30 * DAY),
            ends_on: iso(submitted_at + 30 * DAY),
            cost: demo.cost.to_owned(),
            work_people: demo.people.to_owned(),
            work_hours: demo.hours.to_owned(),
            goods: demo
                .goods
                .iter()
                .map(|(d, v)| GoodsInput { description: (*d).to_owned(), value: (*v).to_owned() })
                .collect(),
            money: demo.money.to_owned(),
            city_share: demo.city_share.to_owned(),
            attachments: if demo.submitted.is_some() {
                "Mapa sytuacyjna (PDF) i kosztorys, złożone w Kancelarii UMK".to_owned()
            } else {
                String::new()
            },
        };
        let id = create_draft(db, owner, demo.kind, organisation, &input, submitted_at - DAY).await?;
        added += 1;
        if demo.submitted.is_none() {
            continue;
        }
        submit(db, id, owner, warsaw_date(submitted_at).0, submitted_at).await?.ok();
        for (mv, note, days) in demo.moves {
            let at = submitted_at + days * DAY;
            let deadline = (*mv == Move::Summon).then_some(at + 7 * DAY);
            if matches!(mv, Move::FindCorrect | Move::Summon | Move::Reject) {
                let results: Vec<CheckResult> = CheckItem::applicable(demo.kind)
                    .into_iter()
                    .map(|item| {
                        let failed = (*mv == Move::Summon && item == CheckItem::SupportList)
                            || (*mv == Move::Reject && item == CheckItem::PlaceEligible);
                        CheckResult {
                            item,
                            passed: Some(!failed),
                            note: if failed { "Brak.".to_owned() } else { String::new() },
                        }
                    })
                    .collect();
                save_checks(db, id, &results, moderator, at).await?;
            }
            let points = (*mv == Move::Evaluate).then(|| {
                let n: Vec<i64> = note.split(['+', '=']).filter_map(|p| p.trim().parse().ok()).collect();
                Points { purpose: n[0], contribution: n[1], bonus: n[2] }
            });
            if *mv == Move::Evaluate {
                let council = points.is_some_and(|p| p.bonus > 0);
                let verdict = if council { "pozytywna" } else { "negatywna" };
                let text = "Rada popiera zadanie: odpowiada na potrzeby mieszkańców.";
                let note = format!("Opinia rady dzielnicy: {verdict}\n{text}");
                record_opinion(db, id, "district_council", council, text, &note, moderator, at - DAY).await?;
                let text = "Komisja opiniuje wniosek pozytywnie.";
                let note = format!("Opinia Komisji Dialogu Obywatelskiego: pozytywna\n{text}");
                record_opinion(db, id, "dialogue_committee", true, text, &note, moderator, at - DAY).await?;
            }
            apply_move(db, id, *mv, note, deadline, points, moderator, at).await?;
        }
    }
    Ok(added)
}
