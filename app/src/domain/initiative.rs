//! A local initiative application (art. 19b–19h of the public-benefit act): who applies,
//! the task within the statutory scope, place, schedule, cost and the applicants' own
//! contribution. The form checks each step with these rules in the browser and the
//! server checks them again; the registry number is `IL/{year}/{seq}`. Pure.

use super::district::District;
use serde::{Deserialize, Serialize};

/// The areas art. 19b(1) allows a local initiative in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Building or repairing roads, sewers, water mains, buildings and small
    /// architecture owned by the city.
    Infrastructure,
    Charity,
    Tradition,
    Minorities,
    Culture,
    Education,
    SportAndTourism,
    /// Nature protection, urban greenery included.
    Nature,
    PublicOrder,
    Revitalisation,
}

impl Scope {
    pub const ALL: [Scope; 10] = [
        Scope::Infrastructure,
        Scope::Charity,
        Scope::Tradition,
        Scope::Minorities,
        Scope::Culture,
        Scope::Education,
        Scope::SportAndTourism,
        Scope::Nature,
        Scope::PublicOrder,
        Scope::Revitalisation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Scope::Infrastructure => "infrastructure",
            Scope::Charity => "charity",
            Scope::Tradition => "tradition",
            Scope::Minorities => "minorities",
            Scope::Culture => "culture",
            Scope::Education => "education",
            Scope::SportAndTourism => "sport_and_tourism",
            Scope::Nature => "nature",
            Scope::PublicOrder => "public_order",
            Scope::Revitalisation => "revitalisation",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Who applies: residents directly, an NGO (for residents, with their authorisation),
/// or a district council for its area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantKind {
    Residents,
    Ngo,
    DistrictCouncil,
}

impl ApplicantKind {
    pub const ALL: [ApplicantKind; 3] = [ApplicantKind::Residents, ApplicantKind::Ngo, ApplicantKind::DistrictCouncil];

    pub fn code(self) -> &'static str {
        match self {
            ApplicantKind::Residents => "residents",
            ApplicantKind::Ngo => "ngo",
            ApplicantKind::DistrictCouncil => "district_council",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// An amount in grosze (1 zł = 100 gr).
pub type Grosze = i64;

/// The largest amount the form accepts anywhere (10 million zł).
pub const MAX_GROSZE: Grosze = 10_000_000 * 100;

/// Parses an amount as people type it: `1234`, `1 234,50`, `1234.5`, `1 234 zł`.
/// At most two decimals; never negative; `None` for anything else.
pub fn parse_zloty(text: &str) -> Option<Grosze> {
    parse_amount(text, MAX_GROSZE)
}

/// As [`parse_zloty`], up to `max` grosze (a civic-budget pool is far larger).
pub fn parse_amount(text: &str, max: Grosze) -> Option<Grosze> {
    let text = text.trim();
    let cleaned: String = text
        .strip_suffix("zł")
        .or_else(|| text.strip_suffix("PLN"))
        .unwrap_or(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !(fraction.is_empty() || (digits(fraction) && fraction.len() <= 2)) {
        return None;
    }
    let zloty: i64 = whole.parse().ok()?;
    let grosze: i64 = format!("{fraction:0<2}").parse().ok()?;
    zloty.checked_mul(100)?.checked_add(grosze).filter(|g| *g <= max)
}

/// Formats grosze the Polish way: `1 234,50 zł` (a no-break space between thousands).
pub fn format_zloty(amount: Grosze) -> String {
    let (zloty, grosze) = (amount / 100, (amount % 100).abs());
    let digits = zloty.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}{grouped},{grosze:02}\u{a0}zł")
}

/// The registry number of the `seq`-th application of `year`.
pub fn registry_number(year: i32, seq: i64) -> String {
    format!("IL/{year}/{seq}")
}

/// A problem with one field, as a code for the localised message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub code: &'static str,
}

/// The steps of the form, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Applicants,
    Task,
    PlaceAndSchedule,
    CostAndContribution,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Applicants, Step::Task, Step::PlaceAndSchedule, Step::CostAndContribution];
}

/// Goods the applicants contribute: what, and its value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoodsInput {
    pub description: String,
    pub value: String,
}

/// The form as typed (every value a string, as a form sends it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationInput {
    pub applicant_kind: String,
    /// Every applicant by name (the person filling in the form first).
    pub applicants: Vec<String>,
    /// The NGO states it is authorised by the residents it applies for.
    pub ngo_authorisation: bool,
    /// The NGO's KRS number (required for an NGO) and REGON (optional), as on the
    /// application; checked by their checksums.
    pub ngo_krs: String,
    pub ngo_regon: String,
    pub title: String,
    pub description: String,
    pub need: String,
    pub scope: String,
    pub place: String,
    pub district: String,
    /// For infrastructure: the applicants state the place is city property.
    pub city_property: bool,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    pub ends_on: String,
    pub cost: String,
    pub work_people: String,
    pub work_hours: String,
    pub goods: Vec<GoodsInput>,
    pub money: String,
    /// What the city is asked to provide.
    pub city_share: String,
    /// References to attachments (maps, photos, cost estimates) sent by other means,
    /// one per line, until files can be uploaded.
    pub attachments: String,
}

pub const MAX_APPLICANTS: usize = 50;
pub const MAX_GOODS: usize = 30;
pub const TITLE_CHARS: (usize, usize) = (5, 200);
pub const DESCRIPTION_CHARS: (usize, usize) = (50, 10_000);
pub const NEED_CHARS: (usize, usize) = (20, 5_000);
pub const PLACE_CHARS: (usize, usize) = (3, 300);
pub const CITY_SHARE_CHARS: (usize, usize) = (10, 5_000);
pub const ATTACHMENTS_CHARS: usize = 2_000;

/// Adds a problem: one call site for every rule of the forms (the browser's bundle
/// runs them too, and a push inlined per rule weighs on it).
#[inline(never)]
pub(crate) fn add(problems: &mut Vec<Problem>, field: &'static str, code: &'static str) {
    problems.push(Problem { field, code });
}

/// A length rule: required, then at least `min` and at most `max` characters; with
/// `min` 0 an empty field is fine.
pub(crate) fn length(problems: &mut Vec<Problem>, field: &'static str, text: &str, (min, max): (usize, usize)) {
    let n = text.trim().chars().count();
    let code = match n {
        0 if min > 0 => "required",
        n if n < min => "too_short",
        n if n > max => "too_long",
        _ => return,
    };
    add(problems, field, code);
}

/// A `YYYY-MM-DD` date as (year, month, day), checked against the calendar.
pub fn parse_date(text: &str) -> Option<(i32, u8, u8)> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((2000..=2100).contains(&year) && (1..=days).contains(&day)).then_some((year, month, day))
}

/// What the rules need besides the form: the Warsaw date it is filled in on (a task
/// cannot start in the past), the year's pool (no task may cost more), and, for a
/// district council, its district (a council applies for its own area).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    pub today: (i32, u8, u8),
    pub pool: Option<Grosze>,
    pub council_district: Option<u8>,
}

/// The problems of one step of the form.
pub fn check_step(step: Step, input: &ApplicationInput, ctx: &Context) -> Vec<Problem> {
    let mut problems = Vec::new();
    let p = &mut problems;
    match step {
        Step::Applicants => {
            let kind = ApplicantKind::parse(&input.applicant_kind);
            if kind.is_none() {
                add(p, "applicant_kind", "required");
            }
            let named: Vec<&String> = input.applicants.iter().filter(|a| !a.trim().is_empty()).collect();
            if named.is_empty() {
                add(p, "applicants", "required");
            } else if named.len() > MAX_APPLICANTS {
                add(p, "applicants", "too_many");
            } else if named.iter().any(|a| a.trim().chars().count() > 200) {
                add(p, "applicants", "too_long");
            }
            if kind == Some(ApplicantKind::Ngo) {
                if !input.ngo_authorisation {
                    add(p, "ngo_authorisation", "authorisation_required");
                }
                if !super::identifiers::is_krs(&input.ngo_krs) {
                    add(p, "ngo_krs", "krs_invalid");
                }
                if !input.ngo_regon.trim().is_empty() && !super::identifiers::is_regon(&input.ngo_regon) {
                    add(p, "ngo_regon", "regon_invalid");
                }
            }
        }
        Step::Task => {
            length(p, "title", &input.title, TITLE_CHARS);
            length(p, "description", &input.description, DESCRIPTION_CHARS);
            length(p, "need", &input.need, NEED_CHARS);
            if Scope::parse(&input.scope).is_none() {
                add(p, "scope", "scope_required");
            }
        }
        Step::PlaceAndSchedule => {
            length(p, "place", &input.place, PLACE_CHARS);
            match (District::parse(&input.district), ctx.council_district) {
                (None, _) => add(p, "district", "district_required"),
                (Some(d), Some(own))
                    if ApplicantKind::parse(&input.applicant_kind) == Some(ApplicantKind::DistrictCouncil)
                        && d.number() != own =>
                {
                    add(p, "district", "council_own_district");
                }
                _ => {}
            }
            if Scope::parse(&input.scope) == Some(Scope::Infrastructure) && !input.city_property {
                add(p, "city_property", "city_property_required");
            }
            match (parse_date(&input.starts_on), parse_date(&input.ends_on)) {
                (None, _) => add(p, "starts_on", "date_invalid"),
                (_, None) => add(p, "ends_on", "date_invalid"),
                (Some(start), Some(end)) => {
                    if start < ctx.today {
                        add(p, "starts_on", "date_in_past");
                    }
                    if end < start {
                        add(p, "ends_on", "ends_before_start");
                    } else if end.0 != start.0 {
                        // The task is done and settled within the calendar year.
                        add(p, "ends_on", "within_one_year");
                    }
                }
            }
        }
        Step::CostAndContribution => {
            match parse_zloty(&input.cost) {
                None => add(p, "cost", "amount_invalid"),
                Some(0) => add(p, "cost", "amount_zero"),
                Some(cost) if ctx.pool.is_some_and(|pool| cost > pool) => {
                    add(p, "cost", "cost_over_pool");
                }
                Some(_) => {}
            }
            let number = |text: &str, max: u32| -> Result<u32, ()> {
                match text.trim() {
                    "" => Ok(0),
                    t => t.parse::<u32>().ok().filter(|n| *n <= max).ok_or(()),
                }
            };
            let people = number(&input.work_people, 10_000);
            let hours = number(&input.work_hours, 100_000);
            let work = match (people, hours) {
                (Err(()), _) => {
                    add(p, "work_people", "number_invalid");
                    0
                }
                (_, Err(())) => {
                    add(p, "work_hours", "number_invalid");
                    0
                }
                (Ok(0), Ok(h)) if h > 0 => {
                    add(p, "work_people", "work_incomplete");
                    0
                }
                (Ok(n), Ok(0)) if n > 0 => {
                    add(p, "work_hours", "work_incomplete");
                    0
                }
                (Ok(n), Ok(h)) => u64::from(n) * u64::from(h),
            };
            let goods: Vec<&GoodsInput> =
                input.goods.iter().filter(|g| !g.description.trim().is_empty() || !g.value.trim().is_empty()).collect();
            if goods.len() > MAX_GOODS {
                add(p, "goods", "too_many");
            } else if goods.iter().any(|g| g.description.trim().is_empty() || g.description.chars().count() > 300) {
                add(p, "goods", "goods_description");
            } else if goods.iter().any(|g| parse_zloty(&g.value).is_none_or(|v| v == 0)) {
                add(p, "goods", "amount_invalid");
            }
            let money = match input.money.trim() {
                "" => Some(0),
                m => parse_zloty(m),
            };
            if money.is_none() {
                add(p, "money", "amount_invalid");
            }
            // Art. 19b: the applicants contribute social work, goods or money.
            if p.is_empty() && work == 0 && goods.is_empty() && money == Some(0) {
                add(p, "work_people", "contribution_required");
            }
            length(p, "city_share", &input.city_share, CITY_SHARE_CHARS);
            if input.attachments.chars().count() > ATTACHMENTS_CHARS {
                add(p, "attachments", "too_long");
            }
        }
    }
    problems
}

/// Every problem of the whole application (all steps), for submitting.
pub fn check(input: &ApplicationInput, ctx: &Context) -> Vec<Problem> {
    Step::ALL.into_iter().flat_map(|step| check_step(step, input, ctx)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context {
        Context { today: (2026, 11, 30), pool: Some(19_500_000), council_district: None }
    }

    fn valid() -> ApplicationInput {
        ApplicationInput {
            applicant_kind: "residents".into(),
            applicants: vec!["Anna Nowak".into(), "Piotr Zieliński".into()],
            ngo_authorisation: false,
            ngo_krs: String::new(),
            ngo_regon: String::new(),
            title: "Ogród społeczny przy ul. Sokolskiej".into(),
            description: "Zakładamy ogród społeczny na podwórku: grządki, ławki i kompostownik dla sąsiadów.".into(),
            need: "Na osiedlu brakuje zieleni i miejsca spotkań.".into(),
            scope: "nature".into(),
            place: "ul. Sokolska 13, podwórko".into(),
            district: "13".into(),
            city_property: false,
            starts_on: "2026-12-01".into(),
            ends_on: "2026-12-20".into(),
            cost: "12 500,00".into(),
            work_people: "12".into(),
            work_hours: "40".into(),
            goods: vec![GoodsInput { description: "Sadzonki".into(), value: "800".into() }],
            money: String::new(),
            city_share: "Ziemia, obrzeża i transport kompostownika.".into(),
            attachments: "Mapa podwórka (PDF), wysłana przez ePUAP".into(),
        }
    }

    fn codes(problems: &[Problem]) -> Vec<(&str, &str)> {
        problems.iter().map(|p| (p.field, p.code)).collect()
    }

    #[test]
    fn a_complete_application_passes_every_step() {
        assert_eq!(check(&valid(), &ctx()), vec![]);
    }

    #[test]
    fn amounts_are_read_as_people_type_them() {
        assert_eq!(parse_zloty("1234"), Some(123_400));
        assert_eq!(parse_zloty("1 234,50"), Some(123_450));
        assert_eq!(parse_zloty("1\u{a0}234.5 zł"), Some(123_450));
        assert_eq!(parse_zloty("0,05"), Some(5));
        for bad in ["", "-5", "1,234", "12,345", "abc", "1.2.3", ",50", "10000001"] {
            assert_eq!(parse_zloty(bad), None, "{bad}");
        }
        assert_eq!(format_zloty(123_450), "1\u{a0}234,50\u{a0}zł");
        assert_eq!(format_zloty(5), "0,05\u{a0}zł");
        assert_eq!(format_zloty(100_000_000), "1\u{a0}000\u{a0}000,00\u{a0}zł");
        assert_eq!(registry_number(2026, 7), "IL/2026/7");
    }

    #[test]
    fn an_ngo_needs_the_residents_authorisation() {
        let mut input = valid();
        input.applicant_kind = "ngo".into();
        assert_eq!(
            codes(&check_step(Step::Applicants, &input, &ctx())),
            vec![("ngo_authorisation", "authorisation_required"), ("ngo_krs", "krs_invalid")]
        );
        input.ngo_authorisation = true;
        input.ngo_krs = "0000123456".into();
        input.ngo_regon = "123456786".into();
        assert_eq!(
            codes(&check_step(Step::Applicants, &input, &ctx())),
            vec![("ngo_regon", "regon_invalid")],
            "a REGON whose checksum fails"
        );
        input.ngo_regon = "123456785".into();
        assert!(check_step(Step::Applicants, &input, &ctx()).is_empty());
        input.ngo_krs = "12345".into();
        assert_eq!(codes(&check_step(Step::Applicants, &input, &ctx())), vec![("ngo_krs", "krs_invalid")]);
        input.ngo_krs = "0000123456".into();
        input.applicants = vec![" ".into()];
        input.applicant_kind = "city".into();
        assert_eq!(
            codes(&check_step(Step::Applicants, &input, &ctx())),
            vec![("applicant_kind", "required"), ("applicants", "required")]
        );
    }

    #[test]
    fn infrastructure_must_be_on_city_property_and_the_task_ends_within_the_year() {
        let mut input = valid();
        input.scope = "infrastructure".into();
        input.starts_on = "2026-11-29".into();
        input.ends_on = "2027-01-10".into();
        assert_eq!(
            codes(&check_step(Step::PlaceAndSchedule, &input, &ctx())),
            vec![
                ("city_property", "city_property_required"),
                ("starts_on", "date_in_past"),
                ("ends_on", "within_one_year")
            ]
        );
        input.city_property = true;
        input.starts_on = "2026-12-10".into();
        input.ends_on = "2026-12-01".into();
        assert_eq!(codes(&check_step(Step::PlaceAndSchedule, &input, &ctx())), vec![("ends_on", "ends_before_start")]);
        input.ends_on = "2026-02-30".into();
        assert_eq!(codes(&check_step(Step::PlaceAndSchedule, &input, &ctx())), vec![("ends_on", "date_invalid")]);
        assert_eq!(parse_date("2028-02-29"), Some((2028, 2, 29)));
        assert_eq!(parse_date("2100-02-29"), None);
    }

    #[test]
    fn some_own_contribution_is_required_and_social_work_needs_people_and_hours() {
        let mut input = valid();
        input.work_people = String::new();
        input.work_hours = String::new();
        input.goods.clear();
        input.money = "0".into();
        assert_eq!(
            codes(&check_step(Step::CostAndContribution, &input, &ctx())),
            vec![("work_people", "contribution_required")]
        );
        input.money = "150,00".into();
        assert!(check_step(Step::CostAndContribution, &input, &ctx()).is_empty());
        input.work_hours = "10".into();
        assert_eq!(
            codes(&check_step(Step::CostAndContribution, &input, &ctx())),
            vec![("work_people", "work_incomplete")]
        );
        input.work_people = "3".into();
        input.goods = vec![GoodsInput { description: String::new(), value: "20".into() }];
        assert_eq!(codes(&check_step(Step::CostAndContribution, &input, &ctx())), vec![("goods", "goods_description")]);
        input.goods = vec![GoodsInput { description: "Farby".into(), value: "dużo".into() }];
        input.cost = "0".into();
        input.city_share = "Nic".into();
        assert_eq!(
            codes(&check_step(Step::CostAndContribution, &input, &ctx())),
            vec![("cost", "amount_zero"), ("goods", "amount_invalid"), ("city_share", "too_short")]
        );
    }

    #[test]
    fn no_task_costs_more_than_the_pool_and_a_council_applies_for_its_own_district() {
        let mut input = valid();
        input.cost = "195 000,01".into();
        assert_eq!(codes(&check_step(Step::CostAndContribution, &input, &ctx())), vec![("cost", "cost_over_pool")]);
        input.cost = "195 000".into();
        assert!(check_step(Step::CostAndContribution, &input, &ctx()).is_empty());
        input.applicant_kind = "district_council".into();
        let council = Context { council_district: Some(12), ..ctx() };
        assert_eq!(
            codes(&check_step(Step::PlaceAndSchedule, &input, &council)),
            vec![("district", "council_own_district")]
        );
        input.district = "12".into();
        assert!(check_step(Step::PlaceAndSchedule, &input, &council).is_empty());
        input.district = "19".into();
        assert_eq!(
            codes(&check_step(Step::PlaceAndSchedule, &input, &council)),
            vec![("district", "district_required")]
        );
    }

    #[test]
    fn every_scope_code_round_trips_and_lengths_count_characters() {
        for s in Scope::ALL {
            assert_eq!(Scope::parse(s.code()), Some(s));
        }
        for k in ApplicantKind::ALL {
            assert_eq!(ApplicantKind::parse(k.code()), Some(k));
        }
        let mut input = valid();
        input.title = "ż".repeat(TITLE_CHARS.1);
        assert!(check_step(Step::Task, &input, &ctx()).is_empty());
        input.title.push('ż');
        input.scope = "sport".into();
        assert_eq!(
            codes(&check_step(Step::Task, &input, &ctx())),
            vec![("title", "too_long"), ("scope", "scope_required")]
        );
    }
}
