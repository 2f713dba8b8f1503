//! A civic-budget project as its applicant types it, and the rules it must meet to be
//! submitted: the same function checks it in the browser and, as the authority, on the
//! server. Pure.

use super::budget::Pools;
use super::district::District;
use super::initiative::{add, length, parse_zloty, Grosze, Problem};
use super::topic::Topic;
use serde::{Deserialize, Serialize};

/// One line of the cost breakdown: what, and how much.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostLine {
    pub item: String,
    pub amount: String,
}

/// The project form as typed (every value a string, as a form sends it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectInput {
    pub title: String,
    /// The short description shown in the catalogue and on the ballot.
    pub summary: String,
    /// The full description, markdown (sanitised when shown).
    pub description: String,
    /// `city` or `district`.
    pub area: String,
    pub district: String,
    pub topic: String,
    pub address: String,
    /// An optional map point, `latitude, longitude`.
    pub map_point: String,
    pub cost: String,
    pub cost_lines: Vec<CostLine>,
    pub beneficiaries: String,
    pub accessibility: String,
    /// References to photos and attachments, one per line, until files can be uploaded.
    pub attachments: String,
}

pub const TITLE_CHARS: (usize, usize) = (5, 150);
pub const SUMMARY_CHARS: (usize, usize) = (20, 600);
pub const DESCRIPTION_CHARS: (usize, usize) = (50, 20_000);
pub const ADDRESS_CHARS: (usize, usize) = (3, 300);
pub const BENEFICIARIES_CHARS: (usize, usize) = (10, 2_000);
pub const NOTES_CHARS: usize = 2_000;
pub const MAX_COST_LINES: usize = 30;
pub const COST_ITEM_CHARS: usize = 200;

/// Kraków's bounding box in millionths of a degree: a map point outside it is a typo.
const LATITUDE: (i64, i64) = (49_960_000, 50_130_000);
const LONGITUDE: (i64, i64) = (19_790_000, 20_220_000);

/// Whether the project is for the whole city or one district.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    CityWide,
    District(District),
}

impl ProjectInput {
    /// The project's scope, when the form names it completely.
    pub fn scope(&self) -> Option<Scope> {
        match self.area.as_str() {
            "city" => Some(Scope::CityWide),
            "district" => District::parse(&self.district).map(Scope::District),
            _ => None,
        }
    }

    pub fn district_number(&self) -> Option<u8> {
        match self.scope() {
            Some(Scope::District(d)) => Some(d.number()),
            _ => None,
        }
    }

    /// The lines of the breakdown somebody filled in.
    pub fn filled_lines(&self) -> impl Iterator<Item = &CostLine> {
        self.cost_lines.iter().filter(|l| !l.item.trim().is_empty() || !l.amount.trim().is_empty())
    }
}

/// A map point as `(latitude, longitude)` in millionths of a degree, when it is one
/// inside Kraków. Parsed without floating point (whose parser would weigh on the
/// browser's bundle, which runs this check too).
pub fn parse_point(text: &str) -> Option<(i64, i64)> {
    let (lat, lon) = text.split_once(',')?;
    let (lat, lon) = (micro_degrees(lat)?, micro_degrees(lon)?);
    let inside = (LATITUDE.0..=LATITUDE.1).contains(&lat) && (LONGITUDE.0..=LONGITUDE.1).contains(&lon);
    inside.then_some((lat, lon))
}

/// `50.0614` as 50_061_400: at most three digits, an optional point and decimals (past
/// the sixth they are cut: a millionth of a degree is about 11 cm).
fn micro_degrees(text: &str) -> Option<i64> {
    let (mut micro, mut whole_digits, mut unit) = (0i64, 0, None::<i64>);
    for b in text.trim().bytes() {
        match (b, unit) {
            (b'0'..=b'9', None) if whole_digits < 3 => {
                micro = micro * 10 + i64::from(b - b'0');
                whole_digits += 1;
            }
            (b'0'..=b'9', Some(u)) => {
                micro += i64::from(b - b'0') * u;
                unit = Some(u / 10);
            }
            (b'.', None) if whole_digits > 0 => {
                micro *= 1_000_000;
                unit = Some(100_000);
            }
            _ => return None,
        }
    }
    match unit {
        Some(_) => Some(micro),
        None if whole_digits > 0 => Some(micro * 1_000_000),
        None => None,
    }
}

/// Every problem that stops the project from being submitted. `pools` are the
/// edition's, when set: no project may cost more than the pool it draws on.
pub fn check(input: &ProjectInput, pools: Option<&Pools>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let p = &mut problems;
    length(p, "title", &input.title, TITLE_CHARS);
    length(p, "summary", &input.summary, SUMMARY_CHARS);
    length(p, "description", &input.description, DESCRIPTION_CHARS);
    match input.area.as_str() {
        "city" => {}
        "district" if District::parse(&input.district).is_none() => {
            add(p, "district", "district_required");
        }
        "district" => {}
        _ => add(p, "area", "area_required"),
    }
    if Topic::parse(&input.topic).is_none() {
        add(p, "topic", "topic_required");
    }
    length(p, "address", &input.address, ADDRESS_CHARS);
    if !input.map_point.trim().is_empty() && parse_point(&input.map_point).is_none() {
        add(p, "map_point", "point_invalid");
    }
    let cost = parse_zloty(&input.cost);
    match cost {
        None if input.cost.trim().is_empty() => add(p, "cost", "required"),
        None => add(p, "cost", "amount_invalid"),
        Some(0) => add(p, "cost", "amount_zero"),
        Some(c) => {
            let pool = pools.and_then(|pools| pools.for_project(input.district_number()));
            if input.scope().is_some() && pool.is_some_and(|pool| c > pool) {
                add(p, "cost", "over_pool");
            }
        }
    }
    let lines: Vec<&CostLine> = input.filled_lines().collect();
    if lines.is_empty() {
        add(p, "cost_lines", "breakdown_required");
    } else if lines.len() > MAX_COST_LINES {
        add(p, "cost_lines", "too_many");
    } else if lines.iter().any(|l| l.item.trim().is_empty() || l.item.trim().chars().count() > COST_ITEM_CHARS) {
        add(p, "cost_lines", "breakdown_item");
    } else {
        let mut sum: Option<Grosze> = Some(0);
        for line in &lines {
            sum = sum.zip(parse_zloty(&line.amount)).map(|(s, a)| s + a);
        }
        match (sum, cost) {
            (None, _) => add(p, "cost_lines", "amount_invalid"),
            (Some(sum), Some(c)) if c > 0 && sum != c => {
                add(p, "cost_lines", "breakdown_sum");
            }
            _ => {}
        }
    }
    length(p, "beneficiaries", &input.beneficiaries, BENEFICIARIES_CHARS);
    length(p, "accessibility", &input.accessibility, (0, NOTES_CHARS));
    length(p, "attachments", &input.attachments, (0, NOTES_CHARS));
    problems
}

/// The project's number in its edition's register.
pub fn project_number(year: i64, seq: i64) -> String {
    format!("BO/{year}/{seq:04}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> ProjectInput {
        ProjectInput {
            title: "Zielone podwórko przy Rydlówce".into(),
            summary: "Nasadzenia, ławki i stojaki rowerowe na podwórku osiedlowym.".into(),
            description: "Projekt zakłada nasadzenie 20 drzew i 300 krzewów, ustawienie 6 ławek \
                          i 10 stojaków rowerowych."
                .into(),
            area: "district".into(),
            district: "7".into(),
            topic: "greenery".into(),
            address: "ul. Tetmajera 28".into(),
            map_point: "50.0792, 19.8934".into(),
            cost: "150 000".into(),
            cost_lines: vec![
                CostLine { item: "Nasadzenia".into(), amount: "90 000".into() },
                CostLine { item: "Ławki i stojaki".into(), amount: "60 000,00".into() },
            ],
            beneficiaries: "Mieszkańcy osiedla i przedszkolaki z sąsiedztwa.".into(),
            accessibility: String::new(),
            attachments: String::new(),
        }
    }

    fn pools() -> Pools {
        // 20 million zł city-wide, 1 million per district (in grosze).
        Pools { city_wide: 2_000_000_000, districts: [100_000_000; 18] }
    }

    fn codes(input: &ProjectInput) -> Vec<(&'static str, &'static str)> {
        check(input, Some(&pools())).into_iter().map(|p| (p.field, p.code)).collect()
    }

    #[test]
    fn a_complete_project_passes() {
        assert_eq!(codes(&complete()), vec![]);
        let city = ProjectInput { area: "city".into(), district: String::new(), ..complete() };
        assert_eq!(codes(&city), vec![]);
        assert_eq!(city.scope(), Some(Scope::CityWide));
    }

    #[test]
    fn an_empty_form_names_every_required_field() {
        let fields: Vec<&str> = codes(&ProjectInput::default()).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            ["title", "summary", "description", "area", "topic", "address", "cost", "cost_lines", "beneficiaries"]
        );
    }

    #[test]
    fn a_district_project_needs_its_district() {
        let input = ProjectInput { district: String::new(), ..complete() };
        assert_eq!(codes(&input), vec![("district", "district_required")]);
        let input = ProjectInput { district: "19".into(), ..complete() };
        assert_eq!(codes(&input), vec![("district", "district_required")]);
    }

    #[test]
    fn the_cost_is_positive_within_the_pool_and_equals_its_breakdown() {
        let negative = ProjectInput { cost: "-5 000".into(), ..complete() };
        assert_eq!(codes(&negative), vec![("cost", "amount_invalid")]);
        let zero = ProjectInput { cost: "0".into(), ..complete() };
        assert_eq!(codes(&zero), vec![("cost", "amount_zero")]);
        let over = ProjectInput {
            cost: "1 000 000,01".into(),
            cost_lines: vec![CostLine { item: "Wszystko".into(), amount: "1 000 000,01".into() }],
            ..complete()
        };
        assert_eq!(codes(&over), vec![("cost", "over_pool")]);
        // The same cost fits the city-wide pool.
        let city = ProjectInput { area: "city".into(), ..over };
        assert_eq!(codes(&city), vec![]);
        let sum = ProjectInput { cost: "150 000,01".into(), ..complete() };
        assert_eq!(codes(&sum), vec![("cost_lines", "breakdown_sum")]);
        let bad_line =
            ProjectInput { cost_lines: vec![CostLine { item: "Ławki".into(), amount: "sto".into() }], ..complete() };
        assert_eq!(codes(&bad_line), vec![("cost_lines", "amount_invalid")]);
        let unnamed =
            ProjectInput { cost_lines: vec![CostLine { item: " ".into(), amount: "150 000".into() }], ..complete() };
        assert_eq!(codes(&unnamed), vec![("cost_lines", "breakdown_item")]);
        // Without an edition's pools only the amounts themselves are checked.
        assert!(check(&ProjectInput { area: "city".into(), ..complete() }, None).is_empty());
    }

    #[test]
    fn a_map_point_must_be_in_krakow() {
        assert_eq!(parse_point("50.0614, 19.9366"), Some((50_061_400, 19_936_600)));
        assert_eq!(parse_point("50.06140099,20"), Some((50_061_400, 20_000_000)));
        assert_eq!(parse_point("-50.06, 19.93"), None);
        assert_eq!(parse_point("50.0x, 19.93"), None);
        assert_eq!(parse_point("52.2297, 21.0122"), None, "Warsaw");
        assert_eq!(parse_point("50,06"), None);
        let far = ProjectInput { map_point: "52.2297, 21.0122".into(), ..complete() };
        assert_eq!(codes(&far), vec![("map_point", "point_invalid")]);
    }

    #[test]
    fn lengths_are_counted_in_characters() {
        let long = ProjectInput { title: "ż".repeat(151), ..complete() };
        assert_eq!(codes(&long), vec![("title", "too_long")]);
        let short = ProjectInput { summary: "Krótko".into(), ..complete() };
        assert_eq!(codes(&short), vec![("summary", "too_short")]);
        let notes = ProjectInput { accessibility: "a".repeat(2_001), ..complete() };
        assert_eq!(codes(&notes), vec![("accessibility", "too_long")]);
        assert_eq!(project_number(2027, 42), "BO/2027/0042");
    }
}
