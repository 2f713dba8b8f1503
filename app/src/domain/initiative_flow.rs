//! What happens to a local initiative application after it is written: its statuses and
//! the moves between them (who may make each), DK-04's formal checklist, and the merit
//! sheet of the year. Pure; the storage applies a move only when [`Status::after`]
//! allows it.

use serde::{Deserialize, Serialize};

/// Where an application stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being written; only the applicant sees it.
    Draft,
    /// Registered with its number, waiting for the formal check.
    Submitted,
    /// Summoned to remedy defects by a deadline (wezwanie do uzupełnienia braków).
    Remedy,
    /// The deadline of a summons passed without a remedy: left unprocessed.
    Unprocessed,
    /// Passed the formal check.
    FormallyCorrect,
    /// Refused at the formal check, with reasons.
    Rejected,
    /// Opinions asked of the district council and the Civic Dialogue Committee.
    Opinions,
    /// Scored on the merit sheet.
    Evaluated,
    /// The Mayor decided to carry the task out with the applicants.
    Accepted,
    /// The Mayor decided not to.
    Declined,
    /// The contract is signed; the work is under way.
    Contract,
    /// Done and settled.
    Completed,
    /// Withdrawn by the applicants.
    Withdrawn,
}

/// A move from one status to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Move {
    Submit,
    FindCorrect,
    Summon,
    Resubmit,
    LeaveUnprocessed,
    Reject,
    RequestOpinions,
    Evaluate,
    Accept,
    Decline,
    SignContract,
    Complete,
    Withdraw,
}

/// Who makes a move: the applicant, or DK-04.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Applicant,
    Staff,
}

impl Move {
    pub const ALL: [Move; 13] = [
        Move::Submit,
        Move::FindCorrect,
        Move::Summon,
        Move::Resubmit,
        Move::LeaveUnprocessed,
        Move::Reject,
        Move::RequestOpinions,
        Move::Evaluate,
        Move::Accept,
        Move::Decline,
        Move::SignContract,
        Move::Complete,
        Move::Withdraw,
    ];

    pub fn actor(self) -> Actor {
        match self {
            Move::Submit | Move::Resubmit | Move::Withdraw => Actor::Applicant,
            _ => Actor::Staff,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Move::Submit => "submit",
            Move::FindCorrect => "find_correct",
            Move::Summon => "summon",
            Move::Resubmit => "resubmit",
            Move::LeaveUnprocessed => "leave_unprocessed",
            Move::Reject => "reject",
            Move::RequestOpinions => "request_opinions",
            Move::Evaluate => "evaluate",
            Move::Accept => "accept",
            Move::Decline => "decline",
            Move::SignContract => "sign_contract",
            Move::Complete => "complete",
            Move::Withdraw => "withdraw",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The audit log's name of the move.
    pub fn audit_action(self) -> &'static str {
        match self {
            Move::Submit => "initiative.submit",
            Move::FindCorrect => "initiative.find_correct",
            Move::Summon => "initiative.summon",
            Move::Resubmit => "initiative.resubmit",
            Move::LeaveUnprocessed => "initiative.leave_unprocessed",
            Move::Reject => "initiative.reject",
            Move::RequestOpinions => "initiative.request_opinions",
            Move::Evaluate => "initiative.evaluate",
            Move::Accept => "initiative.accept",
            Move::Decline => "initiative.decline",
            Move::SignContract => "initiative.sign_contract",
            Move::Complete => "initiative.complete",
            Move::Withdraw => "initiative.withdraw",
        }
    }
}

impl Status {
    pub const ALL: [Status; 13] = [
        Status::Draft,
        Status::Submitted,
        Status::Remedy,
        Status::Unprocessed,
        Status::FormallyCorrect,
        Status::Rejected,
        Status::Opinions,
        Status::Evaluated,
        Status::Accepted,
        Status::Declined,
        Status::Contract,
        Status::Completed,
        Status::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Remedy => "remedy",
            Status::Unprocessed => "unprocessed",
            Status::FormallyCorrect => "formally_correct",
            Status::Rejected => "rejected",
            Status::Opinions => "opinions",
            Status::Evaluated => "evaluated",
            Status::Accepted => "accepted",
            Status::Declined => "declined",
            Status::Contract => "contract",
            Status::Completed => "completed",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The status `mv` leads to from this one, or `None` when the move is not allowed.
    pub fn after(self, mv: Move) -> Option<Status> {
        use Move as M;
        use Status as S;
        Some(match (self, mv) {
            (S::Draft, M::Submit) => S::Submitted,
            (S::Submitted, M::FindCorrect) => S::FormallyCorrect,
            (S::Submitted, M::Summon) => S::Remedy,
            (S::Submitted, M::Reject) => S::Rejected,
            (S::Remedy, M::Resubmit) => S::Submitted,
            (S::Remedy, M::LeaveUnprocessed) => S::Unprocessed,
            (S::FormallyCorrect, M::RequestOpinions) => S::Opinions,
            (S::Opinions, M::Evaluate) => S::Evaluated,
            (S::Evaluated, M::Accept) => S::Accepted,
            (S::Evaluated, M::Decline) => S::Declined,
            (S::Accepted, M::SignContract) => S::Contract,
            (S::Contract, M::Complete) => S::Completed,
            (S::Draft | S::Submitted | S::Remedy | S::FormallyCorrect | S::Opinions | S::Evaluated, M::Withdraw) => {
                S::Withdrawn
            }
            _ => return None,
        })
    }

    /// Whether the public register shows it (everything registered, drafts never).
    pub fn is_public(self) -> bool {
        self != Status::Draft
    }

    /// Whether the applicant may change the application's text now.
    pub fn is_editable(self) -> bool {
        matches!(self, Status::Draft | Status::Remedy)
    }

    /// Whether its cost counts against the year's pool.
    pub fn uses_pool(self) -> bool {
        matches!(self, Status::Accepted | Status::Contract | Status::Completed)
    }
}

/// One item of DK-04's formal checklist, derived from the rules of art. 19b–19c and
/// Kraków's resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckItem {
    /// Residents, an NGO acting for them, or a district council for its own area.
    ApplicantEligible,
    /// Every part of the application is filled in, all applicants named.
    PartsComplete,
    /// The task is within art. 19b(1).
    ScopeStatutory,
    /// The place is in Kraków; infrastructure only on the city's property.
    PlaceEligible,
    /// Social work, goods or money declared.
    ContributionDeclared,
    /// The support list is delivered with its signatures.
    SupportList,
    /// An NGO has the residents' authorisation (only for NGOs).
    NgoAuthorisation,
}

impl CheckItem {
    pub const ALL: [CheckItem; 7] = [
        CheckItem::ApplicantEligible,
        CheckItem::PartsComplete,
        CheckItem::ScopeStatutory,
        CheckItem::PlaceEligible,
        CheckItem::ContributionDeclared,
        CheckItem::SupportList,
        CheckItem::NgoAuthorisation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CheckItem::ApplicantEligible => "applicant_eligible",
            CheckItem::PartsComplete => "parts_complete",
            CheckItem::ScopeStatutory => "scope_statutory",
            CheckItem::PlaceEligible => "place_eligible",
            CheckItem::ContributionDeclared => "contribution_declared",
            CheckItem::SupportList => "support_list",
            CheckItem::NgoAuthorisation => "ngo_authorisation",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.code() == code)
    }

    /// The items that apply to an application by this kind of applicant.
    pub fn applicable(kind: super::initiative::ApplicantKind) -> Vec<CheckItem> {
        Self::ALL
            .into_iter()
            .filter(|i| *i != CheckItem::NgoAuthorisation || kind == super::initiative::ApplicantKind::Ngo)
            .collect()
    }
}

/// What DK-04 recorded for one item: passed or failed, and a note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    pub item: CheckItem,
    /// `None` while not yet assessed.
    pub passed: Option<bool>,
    pub note: String,
}

pub const NOTE_CHARS: usize = 2_000;
pub const REASON_CHARS: (usize, usize) = (10, 5_000);
/// The default time to remedy defects (days), per the Code of Administrative Procedure.
pub const REMEDY_DAYS: i64 = 7;

/// Why an outcome of the formal check cannot be recorded (a code for the message,
/// and the field it belongs to).
pub fn outcome_problems(mv: Move, results: &[CheckResult], reason: &str) -> Vec<(&'static str, &'static str)> {
    let mut problems = Vec::new();
    if results.iter().any(|r| r.passed.is_none()) {
        problems.push(("checklist", "check_incomplete"));
    }
    if results.iter().any(|r| r.passed == Some(false) && r.note.trim().is_empty()) {
        problems.push(("checklist", "check_note_required"));
    }
    if results.iter().any(|r| r.note.chars().count() > NOTE_CHARS) {
        problems.push(("checklist", "check_note_too_long"));
    }
    let failed = results.iter().any(|r| r.passed == Some(false));
    match mv {
        Move::FindCorrect if failed => problems.push(("checklist", "check_failed_items")),
        Move::Summon | Move::Reject if !failed && !problems.contains(&("checklist", "check_incomplete")) => {
            problems.push(("checklist", "check_nothing_failed"));
        }
        _ => {}
    }
    if mv == Move::Reject {
        let n = reason.trim().chars().count();
        if n < REASON_CHARS.0 {
            problems.push(("reason", "reason_required"));
        } else if n > REASON_CHARS.1 {
            problems.push(("reason", "reason_too_long"));
        }
    }
    problems
}

/// The year's merit sheet: the most points for purposefulness and for the own
/// contribution, the bonus for a positive district-council opinion, and the pass mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    pub purpose_max: u32,
    pub contribution_max: u32,
    pub council_bonus: u32,
    pub pass_mark: u32,
}

impl Default for Sheet {
    /// Kraków's sheet: 45 + 45, 10 for a positive opinion, 60 to pass.
    fn default() -> Self {
        Sheet { purpose_max: 45, contribution_max: 45, council_bonus: 10, pass_mark: 60 }
    }
}

/// A scored application: the total and whether it passes, or the field that is wrong.
pub fn score(
    sheet: Sheet,
    purpose: u32,
    contribution: u32,
    council_positive: bool,
) -> Result<(u32, bool), &'static str> {
    if purpose > sheet.purpose_max {
        return Err("purpose");
    }
    if contribution > sheet.contribution_max {
        return Err("contribution");
    }
    let total = purpose + contribution + if council_positive { sheet.council_bonus } else { 0 };
    Ok((total, total >= sheet.pass_mark))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::initiative::ApplicantKind;

    #[test]
    fn every_allowed_and_forbidden_move() {
        use Move as M;
        use Status as S;
        let allowed = [
            (S::Draft, M::Submit, S::Submitted),
            (S::Submitted, M::FindCorrect, S::FormallyCorrect),
            (S::Submitted, M::Summon, S::Remedy),
            (S::Submitted, M::Reject, S::Rejected),
            (S::Remedy, M::Resubmit, S::Submitted),
            (S::Remedy, M::LeaveUnprocessed, S::Unprocessed),
            (S::FormallyCorrect, M::RequestOpinions, S::Opinions),
            (S::Opinions, M::Evaluate, S::Evaluated),
            (S::Evaluated, M::Accept, S::Accepted),
            (S::Evaluated, M::Decline, S::Declined),
            (S::Accepted, M::SignContract, S::Contract),
            (S::Contract, M::Complete, S::Completed),
            (S::Draft, M::Withdraw, S::Withdrawn),
            (S::Submitted, M::Withdraw, S::Withdrawn),
            (S::Remedy, M::Withdraw, S::Withdrawn),
            (S::FormallyCorrect, M::Withdraw, S::Withdrawn),
            (S::Opinions, M::Withdraw, S::Withdrawn),
            (S::Evaluated, M::Withdraw, S::Withdrawn),
        ];
        let mut checked = 0;
        for from in Status::ALL {
            for mv in Move::ALL {
                let expected = allowed.iter().find(|(f, m, _)| *f == from && *m == mv).map(|(_, _, to)| *to);
                assert_eq!(from.after(mv), expected, "{from:?} + {mv:?}");
                checked += 1;
            }
        }
        assert_eq!(checked, 13 * 13);
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Some(s));
        }
        for m in Move::ALL {
            assert_eq!(Move::parse(m.code()), Some(m));
        }
        assert_eq!(M::Resubmit.actor(), Actor::Applicant);
        assert_eq!(M::Summon.actor(), Actor::Staff);
        assert!(!S::Draft.is_public() && S::Rejected.is_public());
        assert!(S::Remedy.is_editable() && !S::Submitted.is_editable());
        assert!(S::Completed.uses_pool() && !S::Evaluated.uses_pool());
    }

    fn results(passed: &[Option<bool>]) -> Vec<CheckResult> {
        CheckItem::ALL
            .iter()
            .zip(passed)
            .map(|(item, passed)| CheckResult { item: *item, passed: *passed, note: String::new() })
            .collect()
    }

    #[test]
    fn the_checklist_decides_which_outcome_may_be_recorded() {
        let all_passed = results(&[Some(true); 7]);
        assert!(outcome_problems(Move::FindCorrect, &all_passed, "").is_empty());
        assert_eq!(outcome_problems(Move::Summon, &all_passed, ""), vec![("checklist", "check_nothing_failed")]);

        let mut one_failed = all_passed;
        one_failed[5].passed = Some(false);
        assert_eq!(outcome_problems(Move::Summon, &one_failed, ""), vec![("checklist", "check_note_required")]);
        one_failed[5].note = "Brak listy poparcia.".into();
        assert!(outcome_problems(Move::Summon, &one_failed, "").is_empty());
        assert_eq!(outcome_problems(Move::FindCorrect, &one_failed, ""), vec![("checklist", "check_failed_items")]);
        assert_eq!(outcome_problems(Move::Reject, &one_failed, "krótko"), vec![("reason", "reason_required")]);
        assert!(outcome_problems(Move::Reject, &one_failed, "Zadanie poza zakresem art. 19b.").is_empty());

        let unassessed = results(&[Some(true), None, Some(true), Some(true), Some(true), Some(true), Some(true)]);
        assert_eq!(outcome_problems(Move::FindCorrect, &unassessed, ""), vec![("checklist", "check_incomplete")]);
        assert_eq!(outcome_problems(Move::Summon, &unassessed, ""), vec![("checklist", "check_incomplete")]);
    }

    #[test]
    fn the_ngo_authorisation_applies_to_ngos_only() {
        assert_eq!(CheckItem::applicable(ApplicantKind::Ngo).len(), 7);
        assert!(!CheckItem::applicable(ApplicantKind::Residents).contains(&CheckItem::NgoAuthorisation));
        assert!(!CheckItem::applicable(ApplicantKind::DistrictCouncil).contains(&CheckItem::NgoAuthorisation));
        for item in CheckItem::ALL {
            assert_eq!(CheckItem::parse(item.code()), Some(item));
        }
    }

    #[test]
    fn the_merit_sheet_adds_the_council_bonus_and_passes_at_the_mark() {
        let sheet = Sheet::default();
        assert_eq!(score(sheet, 30, 25, false), Ok((55, false)));
        assert_eq!(score(sheet, 30, 25, true), Ok((65, true)));
        assert_eq!(score(sheet, 30, 30, false), Ok((60, true)));
        assert_eq!(score(sheet, 46, 0, true), Err("purpose"));
        assert_eq!(score(sheet, 0, 46, true), Err("contribution"));
        let other_year = Sheet { purpose_max: 50, contribution_max: 40, council_bonus: 5, pass_mark: 70 };
        assert_eq!(score(other_year, 50, 15, true), Ok((70, true)));
    }
}
