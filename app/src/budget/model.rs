//! What the civic-budget pages show, as server functions send it, and how a form's
//! fields become a project's input.

use crate::domain::ballot::{BallotRules, Candidate};
use crate::domain::budget::{Calendar, Phase, Pools, ProjectStatus, Rules};
use crate::domain::budget_project::{project_number, CostLine, ProjectInput, MAX_COST_LINES};
use crate::domain::initiative::{ApplicantKind, Grosze};
use crate::domain::tally::Funding;
use serde::{Deserialize, Serialize};

/// An edition as the public page and the editor show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditionView {
    pub year: i64,
    pub calendar: Calendar,
    pub pools: Pools,
    pub rules: Rules,
    pub phase: Phase,
    /// Submitted projects (drafts excluded), and those on the ballot.
    pub projects: i64,
    pub on_ballot: i64,
}

/// A project in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectSummary {
    pub id: i64,
    pub year: i64,
    pub seq: Option<i64>,
    pub title: String,
    pub summary: String,
    pub status: ProjectStatus,
    pub kind: ApplicantKind,
    /// The NGO or district council that applies, named publicly.
    pub organisation: Option<String>,
    /// `None` for a city-wide project.
    pub district: Option<u8>,
    pub topic: Option<String>,
    pub cost: Option<i64>,
    pub verified_cost: Option<i64>,
    pub unit: Option<String>,
    pub submitted_at: Option<i64>,
    pub updated_at: i64,
}

impl ProjectSummary {
    pub fn number(&self) -> Option<String> {
        self.seq.map(|seq| project_number(self.year, seq))
    }

    /// The project's public address.
    pub fn href(&self) -> String {
        match self.seq {
            Some(seq) => format!("/budget/{}/projects/{seq}", self.year),
            None => format!("/budget/projects/{}/edit", self.id),
        }
    }

    /// The cost that counts: the verified one once a unit set it.
    pub fn cost_that_counts(&self) -> Option<i64> {
        self.verified_cost.or(self.cost)
    }
}

/// One step of a project's public timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: i64,
    pub kind: String,
    pub status: ProjectStatus,
    pub note: String,
    pub deadline: Option<i64>,
    pub by_staff: bool,
}

/// A project with everything its pages show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectDetail {
    pub summary: ProjectSummary,
    /// Its photos and documents.
    pub media: Vec<crate::media::MediaItem>,
    pub input: ProjectInput,
    /// The full description, rendered and sanitised.
    pub description_html: String,
    pub unit_id: Option<i64>,
    pub signatures: Option<i64>,
    pub support_deadline: Option<i64>,
    /// The published reason of the latest rejection or dismissal.
    pub decision_note: String,
    pub rejected_at: Option<i64>,
    /// Until when the applicant may protest a rejection.
    pub protest_until: Option<i64>,
    pub protest: String,
    pub hearing_at: Option<i64>,
    /// The project a merger is proposed with (or was agreed with): id, number, title.
    pub merger_with: Option<(i64, String, String)>,
    /// This project's applicant agreed to the proposed merger (the other's may not yet).
    pub merger_agreed: bool,
    pub timeline: Vec<TimelineEntry>,
    /// The signed-in person owns it (set by the server function that checked so).
    pub is_owner: bool,
    /// The edition's phase and rules, which decide what may be done next.
    pub phase: Phase,
    pub rules: Rules,
    pub required_signatures: i64,
    /// When the server read it (what may be done depends on the time).
    pub now: i64,
}

/// Projects per catalogue page.
pub const CATALOGUE_PAGE: u32 = 30;

/// Statuses the public sees: every submitted project, whatever became of it.
pub fn is_public(status: ProjectStatus) -> bool {
    status != ProjectStatus::Draft
}

/// A verifying city unit and the people who verify for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: i64,
    pub name: String,
    pub active: bool,
    pub verifiers: Vec<String>,
}

/// The catalogue's filters, as in the address bar.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// `city`, or a district number.
    pub pool: Option<String>,
    pub status: Option<String>,
    pub topic: Option<String>,
    /// In whole złoty.
    pub cost_min: Option<i64>,
    pub cost_max: Option<i64>,
    pub q: Option<String>,
    pub page: u32,
}

impl Filter {
    /// The query string that reproduces these filters (without the page).
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        let mut add = |name: &str, value: Option<String>| {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                parts.push(format!("{name}={}", urlencoding(&v)));
            }
        };
        add("pool", self.pool.clone());
        add("status", self.status.clone());
        add("topic", self.topic.clone());
        add("cost_min", self.cost_min.map(|v| v.to_string()));
        add("cost_max", self.cost_max.map(|v| v.to_string()));
        add("q", self.q.clone());
        parts.join("&")
    }
}

fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One page of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    pub items: Vec<ProjectSummary>,
    pub total: u64,
    pub page: u32,
}

/// Reads a project form's fields into an input; `get` gives every value of a field.
/// (The server stores it `bounded`; the browser's live check reads it as it is.)
pub fn read_form(get: impl Fn(&str) -> Vec<String>) -> ProjectInput {
    let one = |name: &str| get(name).into_iter().next().unwrap_or_default();
    let amounts = get("cost_amount");
    let mut cost_lines = Vec::new();
    for (i, item) in get("cost_item").into_iter().enumerate() {
        let amount = amounts.get(i).cloned().unwrap_or_default();
        if (!item.trim().is_empty() || !amount.trim().is_empty()) && cost_lines.len() <= MAX_COST_LINES {
            cost_lines.push(CostLine { item, amount });
        }
    }
    ProjectInput {
        title: one("title"),
        summary: one("summary"),
        description: one("description"),
        area: one("area"),
        district: one("district"),
        topic: one("topic"),
        address: one("address"),
        map_point: one("map_point"),
        cost: one("cost"),
        cost_lines,
        beneficiaries: one("beneficiaries"),
        accessibility: one("accessibility"),
        attachments: one("attachments"),
    }
}

/// Cuts every field to a length far above its rule's limit, so what is stored as a
/// draft stays bounded while the checks still see that a field is too long.
pub fn bounded(mut input: ProjectInput) -> ProjectInput {
    fn cut(text: &mut String, max: usize) {
        if let Some((i, _)) = text.char_indices().nth(max) {
            text.truncate(i);
        }
    }
    for (text, max) in [
        (&mut input.title, 1_000),
        (&mut input.summary, 2_000),
        (&mut input.description, 40_000),
        (&mut input.area, 20),
        (&mut input.district, 20),
        (&mut input.topic, 40),
        (&mut input.address, 1_000),
        (&mut input.map_point, 100),
        (&mut input.cost, 100),
        (&mut input.beneficiaries, 5_000),
        (&mut input.accessibility, 5_000),
        (&mut input.attachments, 5_000),
    ] {
        cut(text, max);
    }
    for line in &mut input.cost_lines {
        cut(&mut line.item, 1_000);
        cut(&mut line.amount, 100);
    }
    input
}

/// An edition's ballot and count settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteSettings {
    pub ballot: BallotRules,
    pub funding: Funding,
    /// Which vote stands when a paper card's voter also voted elsewhere.
    pub conflict_rule: ConflictRule,
    /// The published seed of the tie-breaking draw.
    pub draw_seed: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictRule {
    /// The earlier vote stands (Kraków's default).
    Earlier,
    /// The online vote stands.
    Online,
    /// The paper card stands.
    Paper,
}

impl ConflictRule {
    pub fn code(self) -> &'static str {
        match self {
            ConflictRule::Earlier => "earlier",
            ConflictRule::Online => "online",
            ConflictRule::Paper => "paper",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [ConflictRule::Earlier, ConflictRule::Online, ConflictRule::Paper].into_iter().find(|r| r.code() == text)
    }
}

/// A project on an edition's ballot, as the voting page and the count see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotProject {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub district: Option<u8>,
    /// The cost that counts: the verified one when there is one.
    pub cost: Grosze,
}

impl BallotProject {
    pub fn candidate(&self) -> Candidate {
        Candidate { id: self.id, district: self.district, cost: self.cost }
    }
}

/// One pool's published result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolResult {
    /// `None`: the city-wide pool.
    pub district: Option<u8>,
    pub budget: Grosze,
    /// Counted ballots that chose in this pool.
    pub ballots: u64,
    /// In rank order.
    pub projects: Vec<ProjectResult>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectResult {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub cost: Grosze,
    pub points: u64,
    pub voters: u64,
    pub rank: u32,
    pub funded: bool,
    /// Its place was settled by the seeded draw.
    pub drawn: bool,
}

/// Turnout by district and channel.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turnout {
    /// `(district, online, paper, imported)`; district 0 is "not declared".
    pub districts: Vec<(u8, u64, u64, u64)>,
    pub total: u64,
}

/// An edition's results: the sealed set's digest, the seed, every pool.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Results {
    pub year: i64,
    pub digest: String,
    pub draw_seed: String,
    pub funding: Funding,
    pub turnout: Turnout,
    pub pools: Vec<PoolResult>,
}

/// A ballot found by its receipt code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub receipt: String,
    pub counted: bool,
    pub district: Option<u8>,
    pub district_projects: Vec<i64>,
    pub city_projects: Vec<i64>,
}

/// One batch of cards from a voting point.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperBatch {
    pub id: i64,
    pub year: i64,
    pub voting_point: String,
    pub cast_day: i64,
    pub entered_by: i64,
    pub entered_by_name: String,
    pub approved_by_name: Option<String>,
    pub approved_at: Option<i64>,
    pub cards: i64,
    pub invalid: i64,
    pub conflicts: i64,
}

/// A card of a batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperCard {
    pub id: i64,
    pub status: String,
    pub reason: String,
    pub district: Option<u8>,
}

/// A card in the conflict queue, with what the edition's rule decides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub card_id: i64,
    pub voting_point: String,
    pub card_day: i64,
    /// The vote already counted: its channel and minute.
    pub counted_channel: String,
    pub counted_at: i64,
    /// The rule says the card stands (else the counted vote stays).
    pub card_stands: bool,
}

/// A participation as the integrity report lists it (never with its ballot).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipationRow {
    pub id: i64,
    pub channel: String,
    pub district: Option<u8>,
    pub birth_year: Option<i64>,
    pub cast_minute: i64,
    pub ip: Option<String>,
    pub device: Option<String>,
    pub annulled: bool,
}

/// One signal of the integrity report: what was seen, and the participations (or, for
/// identical ballots, the ballots' public ids) to review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signal {
    /// `burst`, `address`, `device`, `age`, `identical`.
    pub kind: String,
    /// The minute, the hashed address or device, the birth year, or the ballot's choices.
    pub key: String,
    pub count: i64,
    pub participations: Vec<ParticipationRow>,
    pub ballots: Vec<String>,
}

/// The thresholds of the report (query settings of its page).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Votes in one minute.
    pub per_minute: i64,
    /// Votes from one hashed address or device.
    pub per_address: i64,
    /// Voters at least this old.
    pub age: i64,
    /// The same ballot cast this many times on one day.
    pub identical: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { per_minute: 30, per_address: 10, age: 95, identical: 20 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_becomes_an_input_with_its_cost_lines_paired() {
        let fields = [
            ("title", "Ławki"),
            ("cost_item", "Ławki"),
            ("cost_amount", "1 000"),
            ("cost_item", ""),
            ("cost_amount", ""),
            ("cost_item", "Montaż"),
            ("cost_amount", "500"),
        ];
        let input =
            bounded(read_form(|n| fields.iter().filter(|(k, _)| *k == n).map(|(_, v)| (*v).to_owned()).collect()));
        assert_eq!(input.title, "Ławki");
        assert_eq!(input.cost_lines.len(), 2);
        assert_eq!(input.cost_lines[1], CostLine { item: "Montaż".into(), amount: "500".into() });
        let long = bounded(ProjectInput { title: "x".repeat(5_000), ..ProjectInput::default() });
        assert_eq!(long.title.chars().count(), 1_000);
    }

    #[test]
    fn filters_make_a_shareable_query() {
        let f = Filter {
            pool: Some("13".into()),
            q: Some("zieleń park".into()),
            cost_max: Some(500_000),
            ..Filter::default()
        };
        assert_eq!(f.query(), "pool=13&cost_max=500000&q=ziele%C5%84+park");
    }
}
