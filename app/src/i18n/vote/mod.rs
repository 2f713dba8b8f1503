//! The texts of the civic-budget vote: the ballot, the review, the receipt, the
//! results and DK-04's vote settings. A language that misses a string does not compile.

mod en;
mod pl;
mod uk;

use super::Locale;

/// Problem codes of the vote, in the order of `VoteTexts::problems`. `{n}` in a message
/// is the number of projects the group takes.
pub const CODES: [&str; 32] = [
    "vote_district_missing",
    "vote_duplicate",
    "vote_not_on_ballot",
    "vote_group_closed",
    "vote_other_district",
    "vote_count",
    "vote_not_ranking",
    "vote_over_budget",
    "vote_pesel_invalid",
    "vote_identity_missing",
    "vote_birth_date_invalid",
    "vote_document_invalid",
    "vote_already",
    "vote_closed",
    "vote_too_young",
    "vote_not_resident",
    "ballot_no_groups",
    "ballot_too_many",
    "ballot_points_invalid",
    "edition_missing",
    "tally_voting_open",
    "tally_paper_pending",
    "tally_sealed",
    "tally_not_sealed",
    "tally_published",
    "paper_day_outside",
    "paper_point_required",
    "paper_batch_missing",
    "paper_batch_approved",
    "paper_two_persons",
    "paper_conflict_missing",
    "vote_annulled",
];

/// `?done=` codes of the vote, in the order of `VoteTexts::done`.
pub const DONE_CODES: [&str; 9] = [
    "vote_rules_saved",
    "vote_sealed",
    "vote_published",
    "vote_batch_opened",
    "vote_card_entered",
    "vote_batch_approved",
    "vote_conflict_resolved",
    "vote_annulled_done",
    "vote_officer_added",
];

pub struct VoteTexts {
    pub vote: &'static str,
    pub title: &'static str,
    pub lead_ranked: &'static str,
    pub lead_other: &'static str,
    pub closed: &'static str,
    pub sign_in: &'static str,
    pub demo_pesel: &'static str,
    pub demo_officer: &'static str,
    pub district_heading: &'static str,
    pub district_hint: &'static str,
    pub district_label: &'static str,
    pub district_none: &'static str,
    pub district_show: &'static str,
    pub district_change: &'static str,
    pub identity_heading: &'static str,
    pub identity_hint: &'static str,
    pub identity_vouched: &'static str,
    pub pesel: &'static str,
    pub pesel_hint: &'static str,
    pub no_pesel: &'static str,
    pub birth_date: &'static str,
    pub birth_date_hint: &'static str,
    pub document: &'static str,
    pub document_hint: &'static str,
    pub district_group: &'static str,
    pub city_group: &'static str,
    pub hint_ranked: &'static str,
    pub hint_approval: &'static str,
    pub hint_knapsack: &'static str,
    pub no_points: &'static str,
    pub choose: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub move_hint: &'static str,
    pub review: &'static str,
    pub review_heading: &'static str,
    pub review_hint: &'static str,
    pub cast: &'static str,
    pub change: &'static str,
    pub project: &'static str,
    pub points: &'static str,
    pub cost: &'static str,
    pub receipt_heading: &'static str,
    pub receipt_text: &'static str,
    pub receipt_code: &'static str,
    pub check_heading: &'static str,
    pub check_hint: &'static str,
    pub check: &'static str,
    pub receipt_counted: &'static str,
    pub receipt_not_counted: &'static str,
    pub receipt_unknown: &'static str,
    pub results: &'static str,
    pub results_title: &'static str,
    pub results_not_yet: &'static str,
    pub digest: &'static str,
    pub digest_hint: &'static str,
    pub seed: &'static str,
    pub seed_hint: &'static str,
    pub turnout: &'static str,
    pub turnout_caption: &'static str,
    pub online: &'static str,
    pub paper: &'static str,
    pub imported: &'static str,
    pub total: &'static str,
    pub undeclared: &'static str,
    pub rank: &'static str,
    pub voters: &'static str,
    pub funded: &'static str,
    pub not_funded: &'static str,
    pub drawn: &'static str,
    pub chart: &'static str,
    pub pool: &'static str,
    pub ballots: &'static str,
    pub data: &'static str,
    pub data_hint: &'static str,
    pub staff_title: &'static str,
    pub rules_heading: &'static str,
    pub rules_locked: &'static str,
    pub scheme: &'static str,
    pub scheme_ranked: &'static str,
    pub scheme_approval: &'static str,
    pub scheme_knapsack: &'static str,
    pub points_setting: &'static str,
    pub points_setting_hint: &'static str,
    pub district_choices: &'static str,
    pub city_choices: &'static str,
    pub funding: &'static str,
    pub funding_skip: &'static str,
    pub funding_stop: &'static str,
    pub conflict: &'static str,
    pub conflict_earlier: &'static str,
    pub conflict_online: &'static str,
    pub conflict_paper: &'static str,
    pub save: &'static str,
    pub count_heading: &'static str,
    pub seal_hint: &'static str,
    pub seal: &'static str,
    pub publish_hint: &'static str,
    pub publish: &'static str,
    pub sealed: &'static str,
    pub cards_title: &'static str,
    pub cards_lead: &'static str,
    pub batch_new: &'static str,
    pub voting_point: &'static str,
    pub voting_point_hint: &'static str,
    pub cast_day: &'static str,
    pub cast_day_hint: &'static str,
    pub open_batch: &'static str,
    pub batches: &'static str,
    pub entered_by: &'static str,
    pub approved_by: &'static str,
    pub not_approved: &'static str,
    pub approve: &'static str,
    pub approve_hint: &'static str,
    pub cards: &'static str,
    pub invalid_cards: &'static str,
    pub conflicts: &'static str,
    pub enter_card: &'static str,
    pub enter_card_hint: &'static str,
    pub card_district: &'static str,
    pub district_numbers: &'static str,
    pub city_numbers: &'static str,
    pub number_hint: &'static str,
    pub card_saved_invalid: &'static str,
    pub status: &'static str,
    pub reason: &'static str,
    pub integrity_title: &'static str,
    pub conflicts_heading: &'static str,
    pub conflicts_hint: &'static str,
    pub card_stands: &'static str,
    pub counted_stands: &'static str,
    pub resolve: &'static str,
    pub no_conflicts: &'static str,
    pub signals_heading: &'static str,
    pub thresholds: &'static str,
    pub per_minute: &'static str,
    pub per_address: &'static str,
    pub age: &'static str,
    pub identical: &'static str,
    pub show: &'static str,
    pub annul: &'static str,
    pub annul_reason: &'static str,
    pub annulled: &'static str,
    pub no_signals: &'static str,
    pub officers_heading: &'static str,
    pub officer_email: &'static str,
    pub add_officer: &'static str,
    pub minute: &'static str,
    pub address: &'static str,
    pub device: &'static str,
    pub birth_year: &'static str,
    pub channel: &'static str,
    pub receipts: &'static str,
    pub integrity_link: &'static str,
    pub cards_link: &'static str,
    /// Card statuses: entered, invalid, counted, conflict, superseded.
    pub card_statuses: [&'static str; 5],
    /// Plural forms (one, few, many) of "{n} points".
    pub points_count: [&'static str; 3],
    /// Messages of problems, in the order of [`CODES`].
    pub problems: [&'static str; CODES.len()],
    /// Notices, in the order of [`DONE_CODES`].
    pub done: [&'static str; DONE_CODES.len()],
}

impl Locale {
    pub fn vote(self) -> &'static VoteTexts {
        match self {
            Locale::Pl => &pl::TEXTS,
            Locale::En => &en::TEXTS,
            Locale::Uk => &uk::TEXTS,
        }
    }

    /// The vote's message for a problem code, if it is one of the vote's.
    pub fn vote_code(self, code: &str) -> Option<&'static str> {
        CODES.iter().position(|c| *c == code).map(|i| self.vote().problems[i])
    }

    /// A vote problem's message with the group's number of projects filled in.
    pub fn vote_problem(self, code: &str, n: u8) -> String {
        self.vote_code(code).unwrap_or_else(|| self.problem(code)).replace("{n}", &n.to_string())
    }

    pub fn vote_done(self, code: &str) -> Option<&'static str> {
        DONE_CODES.iter().position(|c| *c == code).map(|i| self.vote().done[i])
    }

    /// "3 points", "1 point", in the locale's plural.
    /// A paper card's status.
    pub fn card_status(self, status: &str) -> &'static str {
        let i = ["entered", "invalid", "counted", "conflict", "superseded"].iter().position(|s| *s == status);
        self.vote().card_statuses[i.unwrap_or(0)]
    }

    pub fn points(self, n: u64) -> String {
        self.vote().points_count[self.plural_form(n)].replace("{n}", &n.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_says_every_vote_problem_and_fills_numbers() {
        for locale in [Locale::Pl, Locale::En, Locale::Uk] {
            let t = locale.vote();
            assert!(t.problems.iter().chain(t.done.iter()).all(|s| !s.is_empty()));
            assert!(locale.vote_problem("vote_count", 3).contains('3'));
            assert_eq!(locale.problem("vote_already"), t.problems[12]);
            assert!(locale.done("vote_sealed").is_some());
            assert!(locale.points(2).starts_with('2'));
        }
        assert_eq!(Locale::Pl.points(1), "1 punkt");
        assert_eq!(Locale::Pl.points(3), "3 punkty");
        assert_eq!(Locale::En.points(1), "1 point");
    }
}
