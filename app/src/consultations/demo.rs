//! Demo content: realistic Kraków consultations across districts, topics and phases,
//! loaded only when the server runs in demo mode. Dates are relative to the moment of
//! loading, so a fresh demo always shows open, announced, closed and reported ones.

use super::model::Kind;
use super::storage::{insert, NewConsultation};
use crate::db::Db;
use crate::domain::{
    consultation_phase::{Schedule, DAY},
    district::{Area, District},
    topic::Topic,
};

/// Days relative to now: information starts, consultation starts, ends, report published.
type Days = (i64, i64, i64, Option<i64>);

const ANNOUNCED: Days = (-3, 5, 33, None);
const OPEN: Days = (-20, -12, 14, None);
const OPEN_ENDING: Days = (-30, -22, 3, None);
const CLOSED: Days = (-70, -60, -25, None);
const REPORTED: Days = (-150, -140, -110, Some(-40));

struct Demo {
    slug: &'static str,
    title: &'static str,
    summary: &'static str,
    body: &'static str,
    kind: Kind,
    districts: &'static [u8],
    topic: Topic,
    unit: &'static str,
    days: Days,
}

const DEMO: &[Demo] = &[
    Demo {
        slug: "zielony-rynek-podgorski",
        title: "Zielony Rynek Podgórski – przebudowa placu",
        summary: "Jak zazielenić Rynek Podgórski i zachować miejsce na targi i wydarzenia? Zaproponuj, co powinno się tu znaleźć.",
        body: "## Co planujemy\n\nZarząd Zieleni Miejskiej przygotowuje koncepcję przebudowy Rynku Podgórskiego. Chcemy posadzić **nowe drzewa**, rozszczelnić nawierzchnię i zatrzymać wodę deszczową na miejscu.\n\n## Czego dotyczą konsultacje\n\n- rozmieszczenia zieleni i ławek,\n- miejsca na targi, koncerty i ogródki kawiarniane,\n- dostępności placu dla osób z niepełnosprawnościami.\n\n## Spotkania\n\nSpotkanie otwarte odbędzie się w Domu Kultury Podgórze przy ul. Sokolskiej 13. Dyżur ekspertów – w każdy czwartek w godz. 16:00–18:00.",
        kind: Kind::General,
        districts: &[13],
        topic: Topic::Greenery,
        unit: "Zarząd Zieleni Miejskiej",
        days: OPEN,
    },
    Demo {
        slug: "park-kulturowy-nowa-huta",
        title: "Projekt uchwały w sprawie Parku Kulturowego Nowa Huta",
        summary: "Projekt uchwały określa zasady umieszczania reklam, szyldów i ogródków gastronomicznych w historycznym centrum Nowej Huty.",
        body: "## Uzasadnienie\n\nUkład urbanistyczny Nowej Huty jest wpisany do rejestru zabytków. Park kulturowy pozwoli uporządkować reklamy i chronić charakter alei Róż i placu Centralnego.\n\n## Projekt uchwały\n\n### § 1\n\nTworzy się park kulturowy pod nazwą „Park Kulturowy Nowa Huta”.\n\n### § 2\n\n1. Na obszarze parku zakazuje się umieszczania reklam wielkoformatowych.\n2. Szyldy umieszcza się w sposób określony w załączniku nr 2.\n\n### § 3\n\nWykonanie uchwały powierza się Prezydentowi Miasta Krakowa.",
        kind: Kind::DraftAct,
        districts: &[18],
        topic: Topic::Culture,
        unit: "Wydział Kultury i Dziedzictwa Narodowego",
        days: OPEN_ENDING,
    },
    Demo {
        slug: "strefa-czystego-transportu",
        title: "Strefa Czystego Transportu – zasady wjazdu",
        summary: "Konsultacje zasad wjazdu do Strefy Czystego Transportu: okresy przejściowe, wyjątki dla mieszkańców i seniorów.",
        body: "## Cel\n\nStrefa ma ograniczyć emisję spalin tam, gdzie mieszkańcy oddychają najgorszym powietrzem.\n\n## Wyniki\n\nWpłynęło ponad 4 tysiące uwag. Raport z konsultacji zawiera odpowiedź na każdą z nich wraz z uzasadnieniem.",
        kind: Kind::DraftAct,
        districts: &[],
        topic: Topic::Transport,
        unit: "Zarząd Transportu Publicznego",
        days: REPORTED,
    },
    Demo {
        slug: "plan-bronowice-stawowa",
        title: "Miejscowy plan zagospodarowania „Bronowice – rejon ul. Stawowej”",
        summary: "Zapowiadamy konsultacje projektu planu miejscowego dla terenów wzdłuż ul. Stawowej: zabudowa, zieleń i dojazd.",
        body: "## O planie\n\nPlan obejmie około 60 ha między ul. Stawową a linią kolejową. Projekt przewiduje park osiedlowy i ograniczenie wysokości nowej zabudowy.\n\n## Jak wziąć udział\n\nUwagi będzie można zgłaszać przez formularz na tej stronie, pocztą, przez ePUAP oraz podczas dyskusji publicznej.",
        kind: Kind::General,
        districts: &[6],
        topic: Topic::Planning,
        unit: "Wydział Planowania Przestrzennego",
        days: ANNOUNCED,
    },
    Demo {
        slug: "regulamin-targowisk-miejskich",
        title: "Projekt uchwały – regulamin targowisk miejskich",
        summary: "Nowe zasady handlu na targowiskach miejskich: godziny, opłaty targowe i miejsca dla rolników.",
        body: "## Najważniejsze zmiany\n\n- stałe miejsca dla rolników sprzedających własne płody,\n- jednolite godziny otwarcia,\n- zakaz handlu w przejściach dla pieszych.\n\nKonsultacje zakończyły się. Trwa przygotowanie raportu z odpowiedziami na uwagi.",
        kind: Kind::DraftAct,
        districts: &[],
        topic: Topic::Governance,
        unit: "Wydział Rozwoju Gospodarczego",
        days: CLOSED,
    },
    Demo {
        slug: "bulwary-wisly-miejsca-odpoczynku",
        title: "Bulwary Wisły – nowe miejsca odpoczynku",
        summary: "Gdzie na bulwarach brakuje ławek, cienia, toalet i poidełek? Pokaż na mapie i opisz swoje pomysły.",
        body: "## Obszar\n\nBulwary od mostu Dębnickiego do kładki Ojca Bernatka, po obu stronach rzeki.\n\n## Pytamy o\n\n1. miejsca odpoczynku i cień,\n2. bezpieczeństwo pieszych i rowerzystów,\n3. dostęp do wody pitnej.",
        kind: Kind::General,
        districts: &[1, 7, 8],
        topic: Topic::Greenery,
        unit: "Zarząd Zieleni Miejskiej",
        days: OPEN,
    },
    Demo {
        slug: "siec-szkol-pradnik-bialy",
        title: "Sieć szkół podstawowych w Prądniku Białym",
        summary: "Propozycja nowych obwodów szkolnych po otwarciu szkoły przy ul. Pachońskiego.",
        body: "## Dlaczego zmiany\n\nLiczba dzieci w Prądniku Białym rośnie najszybciej w mieście. Nowa szkoła odciąży sąsiednie placówki.\n\n## Co dalej\n\nKonsultacje zakończyły się. Uwagi rodziców zostaną przedstawione Radzie Miasta razem z projektem uchwały.",
        kind: Kind::General,
        districts: &[4],
        topic: Topic::Education,
        unit: "Wydział Edukacji",
        days: CLOSED,
    },
    Demo {
        slug: "program-senior-w-krakowie",
        title: "Program „Senior w Krakowie” na lata 2027–2030",
        summary: "Jakie usługi i wydarzenia dla osób starszych powinno wspierać miasto w kolejnych latach?",
        body: "## O programie\n\nProgram obejmie kluby seniora, teleopiekę, transport dla osób z trudnościami w poruszaniu się i Krakowską Kartę Seniora.\n\n## Formy konsultacji\n\n- formularz na stronie i w wersji papierowej w klubach seniora,\n- spotkania w każdej dzielnicy,\n- dyżur telefoniczny.",
        kind: Kind::General,
        districts: &[],
        topic: Topic::Social,
        unit: "Miejski Ośrodek Pomocy Społecznej",
        days: ANNOUNCED,
    },
    Demo {
        slug: "skatepark-czyzyny",
        title: "Tor rowerowy i skatepark w Czyżynach",
        summary: "Wybór lokalizacji i wyposażenia toru rowerowego typu pumptrack oraz skateparku przy parku Lotników.",
        body: "## Wyniki\n\nMieszkańcy wybrali lokalizację przy al. Jana Pawła II. Raport z konsultacji zawiera wszystkie uwagi i odpowiedzi miasta.",
        kind: Kind::General,
        districts: &[14],
        topic: Topic::Sport,
        unit: "Wydział Sportu",
        days: REPORTED,
    },
    Demo {
        slug: "oswietlenie-przejsc-biezanow",
        title: "Bezpieczne przejścia dla pieszych w Bieżanowie-Prokocimiu",
        summary: "Które przejścia dla pieszych trzeba doświetlić lub przebudować w pierwszej kolejności?",
        body: "## Zakres\n\nZarząd Dróg przeanalizował 48 przejść. Pytamy mieszkańców, które są dla nich najbardziej niebezpieczne, zwłaszcza w drodze do szkoły.",
        kind: Kind::General,
        districts: &[12],
        topic: Topic::Safety,
        unit: "Zarząd Dróg Miasta Krakowa",
        days: OPEN,
    },
    Demo {
        slug: "statut-dzielnicy-xi",
        title: "Projekt zmian w statucie Dzielnicy XI Podgórze Duchackie",
        summary: "Zmiany w zasadach pracy rady dzielnicy: transmisje obrad, konsultacje z mieszkańcami i budżet dzielnicy.",
        body: "## Projekt uchwały\n\n### § 1\n\nW statucie Dzielnicy XI wprowadza się następujące zmiany:\n\n1. sesje rady dzielnicy są transmitowane w internecie,\n2. rada dzielnicy przeprowadza co najmniej raz w roku konsultacje z mieszkańcami.\n\n### § 2\n\nUchwała wchodzi w życie po upływie 14 dni od dnia ogłoszenia.",
        kind: Kind::DraftAct,
        districts: &[11],
        topic: Topic::Governance,
        unit: "Wydział Dialogu, Konsultacji i Kontaktu Obywatelskiego",
        days: CLOSED,
    },
    Demo {
        slug: "park-rzeczny-drwinka",
        title: "Park rzeczny Drwinka",
        summary: "Koncepcja parku wzdłuż potoku Drwinka: ścieżki, łąki kwietne i ochrona przed podtopieniami.",
        body: "## Koncepcja\n\nPark połączy osiedla Bieżanowa i Podgórza zieloną trasą pieszo-rowerową. Zachowamy naturalny charakter potoku.",
        kind: Kind::General,
        districts: &[12, 13],
        topic: Topic::Greenery,
        unit: "Zarząd Zieleni Miejskiej",
        days: ANNOUNCED,
    },
    Demo {
        slug: "uchwala-krajobrazowa-szyldy",
        title: "Uchwała krajobrazowa – zasady dla szyldów i reklam",
        summary: "Zmiana uchwały krajobrazowej: wielkość szyldów, reklamy na rusztowaniach i okres dostosowania.",
        body: "## Uzasadnienie\n\nZmiana porządkuje zasady dla szyldów w śródmieściu i reklam na rusztowaniach.\n\n## Projekt uchwały\n\n### § 1\n\nSzyld umieszczony na budynku nie może mieć więcej niż 1,5 m² powierzchni.\n\n### § 2\n\n1. Reklamę na rusztowaniu dopuszcza się na czas robót budowlanych, nie dłużej niż 12 miesięcy.\n2. Reklama na rusztowaniu nie może zasłaniać okien lokali mieszkalnych.\n\n### § 3\n\nIstniejące szyldy dostosowuje się do uchwały w ciągu 12 miesięcy.\n\n### § 4\n\nWykonanie uchwały powierza się Prezydentowi Miasta Krakowa.",
        kind: Kind::DraftAct,
        districts: &[],
        topic: Topic::Planning,
        unit: "Biuro Planowania Przestrzennego",
        days: REPORTED,
    },
    Demo {
        slug: "tramwaj-do-mistrzejowic",
        title: "Tramwaj do Mistrzejowic – wybór wariantu trasy",
        summary: "Trzy warianty przebiegu linii tramwajowej do Mistrzejowic. Który najlepiej obsłuży osiedla?",
        body: "## Warianty\n\n| wariant | długość | przystanki |\n|---|---|---|\n| A – ul. Bohomolca | 4,2 km | 7 |\n| B – os. Tysiąclecia | 4,8 km | 8 |\n| C – ul. Kocmyrzowska | 5,1 km | 9 |\n\nOpisy wariantów i mapy są w załącznikach.",
        kind: Kind::General,
        districts: &[15, 16],
        topic: Topic::Transport,
        unit: "Zarząd Transportu Publicznego",
        days: OPEN,
    },
    Demo {
        slug: "centrum-kultury-swoszowice",
        title: "Nowe centrum kultury w Swoszowicach",
        summary: "Jakie sale, zajęcia i usługi powinno mieć nowe centrum kultury w Swoszowicach?",
        body: "## Program funkcjonalny\n\nPytamy o potrzeby: sala widowiskowa, pracownie, biblioteka, kawiarnia. Wyniki trafią do projektantów.",
        kind: Kind::General,
        districts: &[10],
        topic: Topic::Culture,
        unit: "Wydział Kultury i Dziedzictwa Narodowego",
        days: ANNOUNCED,
    },
    Demo {
        slug: "zielone-podworka-grzegorzki",
        title: "Zielone podwórka w Grzegórzkach",
        summary: "Program zazieleniania podwórek kamienic: zasady udziału wspólnot i pomoc miasta.",
        body: "## Podsumowanie\n\nKonsultacje zakończyły się. Zgłosiło się 27 wspólnot mieszkaniowych.",
        kind: Kind::General,
        districts: &[2],
        topic: Topic::Greenery,
        unit: "Zarząd Zieleni Miejskiej",
        days: CLOSED,
    },
];

/// Loads the demo consultations that are not there yet; returns how many were added.
pub async fn load(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let mut added = 0;
    for demo in DEMO {
        let (info, start, end, report) = demo.days;
        let schedule = Schedule::parse(now + info * DAY, now + start * DAY, now + end * DAY)
            .expect("demo schedules meet the statutory minimums");
        let area = if demo.districts.is_empty() {
            Area::CityWide
        } else {
            Area::Districts(demo.districts.iter().filter_map(|&n| District::new(n)).collect())
        };
        let consultation = NewConsultation {
            slug: demo.slug.to_owned(),
            title: demo.title.to_owned(),
            summary: demo.summary.to_owned(),
            body_md: demo.body.to_owned(),
            kind: demo.kind,
            area,
            topic: demo.topic,
            organising_unit: demo.unit.to_owned(),
            schedule,
            report_published_at: report.map(|d| now + d * DAY),
            published_at: Some(now + info * DAY),
        };
        if insert(db, &consultation, now).await?.is_some() {
            added += 1;
        }
    }
    Ok(added)
}

/// `count` synthetic consultations for load tests and benchmarks (`bench-NNNNN` slugs),
/// spread over districts, topics and phases.
pub async fn generate(db: &Db, count: usize, now: i64) -> Result<usize, sqlx::Error> {
    let phases = [ANNOUNCED, OPEN, OPEN_ENDING, CLOSED, REPORTED];
    let mut added = 0;
    for i in 0..count {
        let (info, start, end, report) = phases[i % phases.len()];
        let shift = i64::try_from(i / phases.len()).unwrap_or_default();
        let schedule =
            Schedule::parse(now + (info - shift) * DAY, now + (start - shift) * DAY, now + (end - shift) * DAY)
                .expect("generated schedules meet the statutory minimums");
        let district = District::new(u8::try_from(i % 19).unwrap_or(0));
        let consultation = NewConsultation {
            slug: format!("bench-{i:05}"),
            title: format!("Konsultacje testowe nr {i} – zieleń i ulice osiedla"),
            summary: "Przykładowe konsultacje do testów obciążeniowych: opis o typowej długości, jaki zobaczy mieszkaniec na liście.".to_owned(),
            body_md: "## Opis\n\nTreść przykładowych konsultacji.".to_owned(),
            kind: if i % 4 == 0 { Kind::DraftAct } else { Kind::General },
            area: district.map_or(Area::CityWide, |d| Area::Districts(vec![d])),
            topic: Topic::ALL[i % Topic::ALL.len()],
            organising_unit: "Wydział Dialogu, Konsultacji i Kontaktu Obywatelskiego".to_owned(),
            schedule,
            report_published_at: report.map(|d| now + (d - shift) * DAY),
            published_at: Some(now + (info - shift) * DAY),
        };
        if insert(db, &consultation, now).await?.is_some() {
            added += 1;
        }
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::consultation_phase::Phase;
    use std::collections::HashSet;

    #[test]
    fn the_demo_covers_every_public_phase_many_districts_and_the_whole_city() {
        let now = 1_800_000_000;
        let phases: HashSet<Phase> = DEMO
            .iter()
            .map(|d| {
                let (i, s, e, r) = d.days;
                Schedule::parse(now + i * DAY, now + s * DAY, now + e * DAY)
                    .unwrap()
                    .phase(r.map(|r| now + r * DAY), now)
            })
            .collect();
        assert_eq!(phases.len(), Phase::PUBLIC.len());
        assert!(DEMO.len() >= 12);
        let districts: HashSet<u8> = DEMO.iter().flat_map(|d| d.districts.iter().copied()).collect();
        assert!(districts.len() >= 12, "{districts:?}");
        assert!(DEMO.iter().any(|d| d.districts.is_empty()));
        let slugs: HashSet<&str> = DEMO.iter().map(|d| d.slug).collect();
        assert_eq!(slugs.len(), DEMO.len(), "slugs are unique");
    }
}
