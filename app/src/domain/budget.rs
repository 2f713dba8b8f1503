//! The civic budget's edition before the vote: its calendar and phases, the pools, the
//! rules later phases read (and which of them lock when voting opens), and a project's
//! statuses with the moves between them. Pure.

use super::initiative::Grosze;
use serde::{Deserialize, Serialize};

/// Where an edition stands, by its calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Announced; projects cannot be submitted yet.
    Preparation,
    Submission,
    Verification,
    Protests,
    /// The list of projects on the ballot is being closed.
    FinalList,
    Voting,
    /// Voting ended; results are counted and published.
    Results,
}

/// An edition's dates (unix seconds): each phase starts when the previous one ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    pub submission_starts: i64,
    pub verification_starts: i64,
    pub protests_start: i64,
    pub final_list_starts: i64,
    pub voting_starts: i64,
    pub results_start: i64,
}

impl Calendar {
    /// The dates in order, or the first one that is not after the one before it.
    pub fn check(&self) -> Result<(), &'static str> {
        let order = [
            ("submission_starts", self.submission_starts),
            ("verification_starts", self.verification_starts),
            ("protests_start", self.protests_start),
            ("final_list_starts", self.final_list_starts),
            ("voting_starts", self.voting_starts),
            ("results_start", self.results_start),
        ];
        match order.windows(2).find(|w| w[1].1 <= w[0].1) {
            Some(w) => Err(w[1].0),
            None => Ok(()),
        }
    }

    pub fn phase_at(&self, now: i64) -> Phase {
        match now {
            t if t < self.submission_starts => Phase::Preparation,
            t if t < self.verification_starts => Phase::Submission,
            t if t < self.protests_start => Phase::Verification,
            t if t < self.final_list_starts => Phase::Protests,
            t if t < self.voting_starts => Phase::FinalList,
            t if t < self.results_start => Phase::Voting,
            _ => Phase::Results,
        }
    }
}

/// The money of an edition: the city-wide pool and one pool per district (1–18).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pools {
    pub city_wide: Grosze,
    pub districts: [Grosze; 18],
}

impl Pools {
    pub fn total(&self) -> Grosze {
        self.city_wide + self.districts.iter().sum::<Grosze>()
    }

    /// The pool a project draws on: the city-wide one, or its district's.
    pub fn for_project(&self, district: Option<u8>) -> Option<Grosze> {
        match district {
            None => Some(self.city_wide),
            Some(d @ 1..=18) => Some(self.districts[usize::from(d) - 1]),
            Some(_) => None,
        }
    }
}

/// The rules of an edition that later phases read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// Valid signatures a project's support list needs.
    pub support_signatures: u32,
    /// Days to remedy a missing support list after a summons.
    pub support_remedy_days: u32,
    /// Days after a rejection is published within which the applicant may protest.
    pub protest_days: u32,
    /// Until when applicants may withdraw a project (unix seconds), if ever.
    pub withdrawal_deadline: Option<i64>,
    /// The youngest voter's age, if any (Kraków: none).
    pub min_voter_age: Option<u8>,
}

impl Default for Rules {
    /// Kraków's: 15 signatures, 14 days to remedy, 10 days to protest, no age limit.
    fn default() -> Self {
        Rules {
            support_signatures: 15,
            support_remedy_days: 14,
            protest_days: 10,
            withdrawal_deadline: None,
            min_voter_age: None,
        }
    }
}

impl Rules {
    /// The fields that differ from `before` and may not change in `phase`: once voting
    /// opens, nothing that decides who votes or how is changed any more.
    pub fn locked_changes(&self, before: &Rules, phase: Phase) -> Vec<&'static str> {
        if phase < Phase::Voting {
            return Vec::new();
        }
        let mut locked = Vec::new();
        if self.min_voter_age != before.min_voter_age {
            locked.push("min_voter_age");
        }
        if self.withdrawal_deadline != before.withdrawal_deadline {
            locked.push("withdrawal_deadline");
        }
        if self.support_signatures != before.support_signatures {
            locked.push("support_signatures");
        }
        if self.protest_days != before.protest_days {
            locked.push("protest_days");
        }
        if self.support_remedy_days != before.support_remedy_days {
            locked.push("support_remedy_days");
        }
        locked
    }
}

/// Where a project stands before the vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    Draft,
    Submitted,
    /// Summoned to deliver the missing signatures.
    SupportMissing,
    /// Assigned to a city unit that verifies it.
    InVerification,
    /// A merger with similar projects is proposed; the applicants must agree.
    MergerProposed,
    /// Merged into another project.
    Merged,
    /// Passed verification (with the verified cost).
    Accepted,
    /// Refused, with a published reason; the applicant may protest.
    Rejected,
    /// A protest waits for its hearing.
    Protested,
    /// Refused for good: no protest in time, or the protest dismissed.
    RejectedFinal,
    /// On the final list: the ballot.
    OnBallot,
    Withdrawn,
}

/// A move of a project, and who makes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectMove {
    Submit,
    SummonSupport,
    /// DK-04 assigns the project to a verifying unit (also after the signatures came).
    Assign,
    Accept,
    Reject,
    ProposeMerger,
    /// The applicants agree to the merger.
    AgreeMerger,
    /// The applicants refuse the merger: verification goes on.
    RefuseMerger,
    Protest,
    UpholdProtest,
    DismissProtest,
    /// The protest window closed without a protest.
    CloseProtests,
    PlaceOnBallot,
    Withdraw,
}

impl ProjectMove {
    pub const ALL: [ProjectMove; 14] = [
        ProjectMove::Submit,
        ProjectMove::SummonSupport,
        ProjectMove::Assign,
        ProjectMove::Accept,
        ProjectMove::Reject,
        ProjectMove::ProposeMerger,
        ProjectMove::AgreeMerger,
        ProjectMove::RefuseMerger,
        ProjectMove::Protest,
        ProjectMove::UpholdProtest,
        ProjectMove::DismissProtest,
        ProjectMove::CloseProtests,
        ProjectMove::PlaceOnBallot,
        ProjectMove::Withdraw,
    ];
}

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 12] = [
        ProjectStatus::Draft,
        ProjectStatus::Submitted,
        ProjectStatus::SupportMissing,
        ProjectStatus::InVerification,
        ProjectStatus::MergerProposed,
        ProjectStatus::Merged,
        ProjectStatus::Accepted,
        ProjectStatus::Rejected,
        ProjectStatus::Protested,
        ProjectStatus::RejectedFinal,
        ProjectStatus::OnBallot,
        ProjectStatus::Withdrawn,
    ];

    /// The status `mv` leads to, or `None` when the move is not allowed from here.
    pub fn after(self, mv: ProjectMove) -> Option<ProjectStatus> {
        use ProjectMove as M;
        use ProjectStatus as S;
        Some(match (self, mv) {
            (S::Draft, M::Submit) => S::Submitted,
            (S::Submitted, M::SummonSupport) => S::SupportMissing,
            (S::Submitted | S::SupportMissing, M::Assign) => S::InVerification,
            (S::InVerification, M::Accept) => S::Accepted,
            (S::InVerification | S::SupportMissing, M::Reject) => S::Rejected,
            (S::InVerification, M::ProposeMerger) => S::MergerProposed,
            (S::MergerProposed, M::AgreeMerger) => S::Merged,
            (S::MergerProposed, M::RefuseMerger) => S::InVerification,
            (S::Rejected, M::Protest) => S::Protested,
            (S::Protested, M::UpholdProtest) => S::Accepted,
            (S::Protested, M::DismissProtest) | (S::Rejected, M::CloseProtests) => S::RejectedFinal,
            (S::Accepted, M::PlaceOnBallot) => S::OnBallot,
            (
                S::Draft | S::Submitted | S::SupportMissing | S::InVerification | S::MergerProposed | S::Accepted,
                M::Withdraw,
            ) => S::Withdrawn,
            _ => return None,
        })
    }
}

impl ProjectStatus {
    pub fn code(self) -> &'static str {
        match self {
            ProjectStatus::Draft => "draft",
            ProjectStatus::Submitted => "submitted",
            ProjectStatus::SupportMissing => "support_missing",
            ProjectStatus::InVerification => "in_verification",
            ProjectStatus::MergerProposed => "merger_proposed",
            ProjectStatus::Merged => "merged",
            ProjectStatus::Accepted => "accepted",
            ProjectStatus::Rejected => "rejected",
            ProjectStatus::Protested => "protested",
            ProjectStatus::RejectedFinal => "rejected_final",
            ProjectStatus::OnBallot => "on_ballot",
            ProjectStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the project's verification is still open (DK-04 and the unit may act).
    pub fn in_verification(self) -> bool {
        matches!(self, ProjectStatus::InVerification | ProjectStatus::MergerProposed)
    }
}

impl ProjectMove {
    pub fn code(self) -> &'static str {
        match self {
            ProjectMove::Submit => "submit",
            ProjectMove::SummonSupport => "summon_support",
            ProjectMove::Assign => "assign",
            ProjectMove::Accept => "accept",
            ProjectMove::Reject => "reject",
            ProjectMove::ProposeMerger => "propose_merger",
            ProjectMove::AgreeMerger => "agree_merger",
            ProjectMove::RefuseMerger => "refuse_merger",
            ProjectMove::Protest => "protest",
            ProjectMove::UpholdProtest => "uphold_protest",
            ProjectMove::DismissProtest => "dismiss_protest",
            ProjectMove::CloseProtests => "close_protests",
            ProjectMove::PlaceOnBallot => "place_on_ballot",
            ProjectMove::Withdraw => "withdraw",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The audit log's name of the move.
    pub fn audit_action(self) -> &'static str {
        match self {
            ProjectMove::Submit => "budget.submit",
            ProjectMove::SummonSupport => "budget.summon_support",
            ProjectMove::Assign => "budget.assign",
            ProjectMove::Accept => "budget.accept",
            ProjectMove::Reject => "budget.reject",
            ProjectMove::ProposeMerger => "budget.propose_merger",
            ProjectMove::AgreeMerger => "budget.agree_merger",
            ProjectMove::RefuseMerger => "budget.refuse_merger",
            ProjectMove::Protest => "budget.protest",
            ProjectMove::UpholdProtest => "budget.uphold_protest",
            ProjectMove::DismissProtest => "budget.dismiss_protest",
            ProjectMove::CloseProtests => "budget.close_protests",
            ProjectMove::PlaceOnBallot => "budget.place_on_ballot",
            ProjectMove::Withdraw => "budget.withdraw",
        }
    }
}

/// Whether a protest filed at `now` is in time: within `days` of the rejection's
/// publication.
pub fn protest_in_time(rejected_at: i64, days: u32, now: i64) -> bool {
    now >= rejected_at && now <= rejected_at + i64::from(days) * 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    fn calendar() -> Calendar {
        Calendar {
            submission_starts: 10 * DAY,
            verification_starts: 40 * DAY,
            protests_start: 100 * DAY,
            final_list_starts: 120 * DAY,
            voting_starts: 130 * DAY,
            results_start: 150 * DAY,
        }
    }

    #[test]
    fn the_calendar_gives_the_phase_and_refuses_dates_out_of_order() {
        let c = calendar();
        assert_eq!(c.check(), Ok(()));
        let phases: Vec<Phase> = [0, 10, 39, 40, 100, 125, 130, 149, 150].iter().map(|d| c.phase_at(d * DAY)).collect();
        use Phase::*;
        assert_eq!(
            phases,
            [Preparation, Submission, Submission, Verification, Protests, FinalList, Voting, Voting, Results]
        );
        let wrong = Calendar { protests_start: 40 * DAY, ..c };
        assert_eq!(wrong.check(), Err("protests_start"));
    }

    #[test]
    fn a_project_draws_on_its_districts_pool_or_the_city_wide_one() {
        let mut districts = [1_000_000; 18];
        districts[12] = 2_500_000;
        let pools = Pools { city_wide: 30_000_000, districts };
        assert_eq!(pools.total(), 30_000_000 + 17 * 1_000_000 + 2_500_000);
        assert_eq!(pools.for_project(None), Some(30_000_000));
        assert_eq!(pools.for_project(Some(13)), Some(2_500_000));
        assert_eq!(pools.for_project(Some(19)), None);
        assert_eq!(pools.for_project(Some(0)), None);
    }

    #[test]
    fn rules_that_decide_the_vote_lock_when_voting_opens() {
        let before = Rules::default();
        let changed = Rules { min_voter_age: Some(16), protest_days: 7, ..Rules::default() };
        assert!(changed.locked_changes(&before, Phase::FinalList).is_empty());
        assert_eq!(changed.locked_changes(&before, Phase::Voting), vec!["min_voter_age", "protest_days"]);
        assert_eq!(changed.locked_changes(&before, Phase::Results).len(), 2);
        assert!(before.locked_changes(&before, Phase::Voting).is_empty());
        assert_eq!(Rules::default().support_signatures, 15);
    }

    #[test]
    fn every_allowed_and_forbidden_move_of_a_project() {
        use ProjectMove as M;
        use ProjectStatus as S;
        let allowed = [
            (S::Draft, M::Submit, S::Submitted),
            (S::Submitted, M::SummonSupport, S::SupportMissing),
            (S::Submitted, M::Assign, S::InVerification),
            (S::SupportMissing, M::Assign, S::InVerification),
            (S::SupportMissing, M::Reject, S::Rejected),
            (S::InVerification, M::Accept, S::Accepted),
            (S::InVerification, M::Reject, S::Rejected),
            (S::InVerification, M::ProposeMerger, S::MergerProposed),
            (S::MergerProposed, M::AgreeMerger, S::Merged),
            (S::MergerProposed, M::RefuseMerger, S::InVerification),
            (S::Rejected, M::Protest, S::Protested),
            (S::Rejected, M::CloseProtests, S::RejectedFinal),
            (S::Protested, M::UpholdProtest, S::Accepted),
            (S::Protested, M::DismissProtest, S::RejectedFinal),
            (S::Accepted, M::PlaceOnBallot, S::OnBallot),
            (S::Draft, M::Withdraw, S::Withdrawn),
            (S::Submitted, M::Withdraw, S::Withdrawn),
            (S::SupportMissing, M::Withdraw, S::Withdrawn),
            (S::InVerification, M::Withdraw, S::Withdrawn),
            (S::MergerProposed, M::Withdraw, S::Withdrawn),
            (S::Accepted, M::Withdraw, S::Withdrawn),
        ];
        let mut checked = 0;
        for from in ProjectStatus::ALL {
            for mv in ProjectMove::ALL {
                let expected = allowed.iter().find(|(f, m, _)| *f == from && *m == mv).map(|(_, _, to)| *to);
                assert_eq!(from.after(mv), expected, "{from:?} + {mv:?}");
                checked += 1;
            }
        }
        assert_eq!(checked, 12 * 14);
        assert_eq!(S::OnBallot.after(M::Withdraw), None, "the ballot is fixed once the list is closed");
        for s in ProjectStatus::ALL {
            assert_eq!(ProjectStatus::parse(s.code()), Some(s));
        }
        for m in ProjectMove::ALL {
            assert_eq!(ProjectMove::parse(m.code()), Some(m));
        }
    }

    #[test]
    fn a_protest_is_in_time_within_the_window_only() {
        let rejected = 100 * DAY;
        assert!(protest_in_time(rejected, 10, rejected + 10 * DAY));
        assert!(!protest_in_time(rejected, 10, rejected + 10 * DAY + 1));
        assert!(!protest_in_time(rejected, 10, rejected - 1));
    }
}
