//! What the initiative pages show, as the server functions hand it over.

use crate::domain::initiative::{ApplicantKind, ApplicationInput, Context, Grosze, Step};
use crate::domain::initiative_flow::{CheckResult, Status};
use serde::{Deserialize, Serialize};

/// One line of a register or of "My applications".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeSummary {
    pub id: i64,
    /// `IL/2026/3`; `None` for a draft.
    pub number: Option<String>,
    pub year: Option<i64>,
    pub seq: Option<i64>,
    pub title: String,
    pub status: Status,
    pub kind: ApplicantKind,
    /// The NGO's or district council's name (never a resident's).
    pub organisation: Option<String>,
    pub district: Option<u8>,
    pub scope: Option<String>,
    pub cost: Option<Grosze>,
    /// What the city would pay: the cost less money and goods contributed.
    pub city_cost: Option<Grosze>,
    pub submitted_at: Option<i64>,
    pub updated_at: i64,
    pub remedy_deadline: Option<i64>,
}

impl InitiativeSummary {
    /// The public page's path: `/initiatives/2026/3`.
    pub fn public_path(&self) -> Option<String> {
        Some(format!("/initiatives/{}/{}", self.year?, self.seq?))
    }
}

/// One entry of an application's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: i64,
    pub kind: String,
    pub status: Status,
    /// Reasons, defects, notes: public text.
    pub note: String,
    pub deadline: Option<i64>,
    /// Who acted: "DK-04" for staff, the applicant otherwise (never a resident's name).
    pub by_staff: bool,
}

/// An opinion asked for an application: of its district council, or of the City
/// Council's Civic Dialogue Committee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opinion {
    pub initiative_id: i64,
    /// `district_council` or `dialogue_committee`.
    pub body: String,
    pub organisation_id: Option<i64>,
    pub organisation: Option<String>,
    pub requested_at: i64,
    /// `None` until given.
    pub positive: Option<bool>,
    pub text: String,
    pub answered_at: Option<i64>,
}

/// The year's pool and what accepted applications use of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolState {
    pub year: i64,
    pub pool: Option<Grosze>,
    pub used: Grosze,
}

impl PoolState {
    pub fn remaining(&self) -> Option<Grosze> {
        self.pool.map(|p| p - self.used)
    }
}

/// One application in full, for its owner, for DK-04, or (without personal data of
/// resident applicants) for everyone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InitiativeDetail {
    pub summary: InitiativeSummary,
    /// What the owner is typing (drafts and summons only; empty for the public).
    pub draft: ApplicationInput,
    /// The latest submitted version, as frozen.
    pub submitted: Option<ApplicationInput>,
    pub version: i64,
    pub signatures: Option<i64>,
    pub checks: Vec<CheckResult>,
    pub timeline: Vec<TimelineEntry>,
    /// Its attachments (scans, documents): the owner's and staff's, never public.
    pub media: Vec<crate::media::MediaItem>,
    /// The rules' context for checking the draft now (today, pool, council district).
    pub context: Context,
    pub is_owner: bool,
    /// When it was read (to tell whether a deadline has passed).
    pub now: i64,
    pub opinions: Vec<Opinion>,
    /// The merit sheet's points (purpose, contribution, bonus), once evaluated.
    pub points: Option<(i64, i64, i64)>,
    /// The merit sheet of the application's year.
    pub sheet: crate::domain::initiative_flow::Sheet,
}

/// What the first step of a new application offers: who one may apply as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyAs {
    /// `residents`, or `ngo:{id}` / `district_council:{id}`, with the label.
    pub choices: Vec<(String, String)>,
    pub context: Context,
    pub display_name: String,
}

/// The step a form page shows.
pub fn step_slug(step: Step) -> &'static str {
    match step {
        Step::Applicants => "applicants",
        Step::Task => "task",
        Step::PlaceAndSchedule => "place",
        Step::CostAndContribution => "contribution",
    }
}

pub fn step_of_slug(slug: &str) -> Option<Step> {
    Step::ALL.into_iter().find(|s| step_slug(*s) == slug)
}

/// What the public register shows of an application: no draft, no checklist, and no
/// names of the people who applied (an NGO or district council is named instead).
pub fn public_view(mut detail: InitiativeDetail) -> InitiativeDetail {
    detail.draft = ApplicationInput::default();
    detail.checks.clear();
    detail.media.clear();
    detail.is_owner = false;
    if let Some(submitted) = detail.submitted.as_mut() {
        submitted.applicants.clear();
    }
    detail
}

/// The fields of one step as a form sends them, read into the application typed so
/// far (the server from the posted body, the browser from the live form: one reader).
/// `get` returns every value of a name, in order.
pub fn read_step(step: Step, mut input: ApplicationInput, get: impl Fn(&str) -> Vec<String>) -> ApplicationInput {
    use crate::domain::initiative::GoodsInput;
    let one = |name: &str| get(name).into_iter().next().unwrap_or_default();
    let ticked = |name: &str| one(name) == "yes";
    match step {
        Step::Applicants => {
            let applicant = one("applicant");
            input.applicant_kind = applicant.split(':').next().unwrap_or_default().to_owned();
            input.applicants = get("applicants").into_iter().filter(|a| !a.trim().is_empty()).collect();
            input.ngo_authorisation = ticked("ngo_authorisation");
            input.ngo_krs = one("ngo_krs").trim().to_owned();
            input.ngo_regon = one("ngo_regon").trim().to_owned();
        }
        Step::Task => {
            input.title = one("title");
            input.description = one("description");
            input.need = one("need");
            input.scope = one("scope");
        }
        Step::PlaceAndSchedule => {
            input.place = one("place");
            input.district = one("district");
            input.city_property = ticked("city_property");
            input.starts_on = one("starts_on");
            input.ends_on = one("ends_on");
        }
        Step::CostAndContribution => {
            input.cost = one("cost");
            input.work_people = one("work_people");
            input.work_hours = one("work_hours");
            input.goods = get("goods_description")
                .into_iter()
                .zip(get("goods_value"))
                .map(|(description, value)| GoodsInput { description, value })
                .filter(|g| !g.description.trim().is_empty() || !g.value.trim().is_empty())
                .collect();
            input.money = one("money");
            input.city_share = one("city_share");
            input.attachments = one("attachments");
        }
    }
    input
}

/// Which step a field is on (to link a problem to the page that fixes it).
pub fn step_of_field(field: &str) -> Step {
    match field {
        "applicant_kind" | "applicants" | "ngo_authorisation" | "ngo_krs" | "ngo_regon" => Step::Applicants,
        "title" | "description" | "need" | "scope" => Step::Task,
        "place" | "district" | "city_property" | "starts_on" | "ends_on" => Step::PlaceAndSchedule,
        _ => Step::CostAndContribution,
    }
}

/// The longest text kept for any one field of a draft (a limit on what is stored; the
/// rules' own limits are lower and are reported next to the field).
pub const MAX_STORED_CHARS: usize = 20_000;

/// Trims what a draft keeps to the stored limits: over-long text is cut at
/// [`MAX_STORED_CHARS`], lists at twice the rules' maximum.
pub fn bounded(mut input: ApplicationInput) -> ApplicationInput {
    use crate::domain::initiative::{MAX_APPLICANTS, MAX_GOODS};
    let cut = |s: &mut String| {
        if s.chars().count() > MAX_STORED_CHARS {
            *s = s.chars().take(MAX_STORED_CHARS).collect();
        }
    };
    for s in [
        &mut input.applicant_kind,
        &mut input.ngo_krs,
        &mut input.ngo_regon,
        &mut input.title,
        &mut input.description,
        &mut input.need,
        &mut input.scope,
        &mut input.place,
        &mut input.district,
        &mut input.starts_on,
        &mut input.ends_on,
        &mut input.cost,
        &mut input.work_people,
        &mut input.work_hours,
        &mut input.money,
        &mut input.city_share,
        &mut input.attachments,
    ] {
        cut(s);
    }
    input.applicants.truncate(MAX_APPLICANTS * 2);
    input.applicants.iter_mut().for_each(cut);
    input.goods.truncate(MAX_GOODS * 2);
    for g in &mut input.goods {
        cut(&mut g.description);
        cut(&mut g.value);
    }
    input
}
