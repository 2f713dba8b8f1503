//! The texts of local initiatives: the application form, the applicant's pages, the
//! public register and DK-04's formal check. As elsewhere, a language that misses a
//! string does not compile. Lists follow the order of the domain's `ALL` constants.

mod en;
mod pl;
mod uk;

use super::Locale;
use crate::domain::initiative::{
    Scope, CITY_SHARE_CHARS, DESCRIPTION_CHARS, MAX_APPLICANTS, MAX_GOODS, NEED_CHARS, PLACE_CHARS, TITLE_CHARS,
};
use crate::domain::initiative_flow::{CheckItem, Move, Status};

pub struct InitiativeTexts {
    pub all_statuses: &'static str,
    pub amend: &'static str,
    pub amend_title: &'static str,
    pub applicant: &'static str,
    pub applicant_hint: &'static str,
    pub applicant_n: &'static str,
    pub applicants: &'static str,
    pub applicants_hint: &'static str,
    pub application: &'static str,
    pub as_council: &'static str,
    pub as_ngo: &'static str,
    pub as_residents: &'static str,
    pub back: &'static str,
    pub back_to_application: &'static str,
    pub by_applicant: &'static str,
    pub by_staff: &'static str,
    pub check_lead: &'static str,
    pub check_title: &'static str,
    pub choose: &'static str,
    pub city_property: &'static str,
    pub city_property_hint: &'static str,
    pub city_share: &'static str,
    pub city_share_hint: &'static str,
    pub col_address: &'static str,
    pub col_name: &'static str,
    pub col_no: &'static str,
    pub col_signature: &'static str,
    pub continue_draft: &'static str,
    pub contribution_hint: &'static str,
    pub contribution_legend: &'static str,
    pub cost: &'static str,
    pub cost_hint: &'static str,
    pub council_positive: &'static str,
    pub date_hint: &'static str,
    pub deadline: &'static str,
    pub deadline_passed: &'static str,
    pub deadline_passed_staff: &'static str,
    pub description: &'static str,
    pub description_hint: &'static str,
    pub district: &'static str,
    pub draft_notice: &'static str,
    pub draft_title: &'static str,
    pub ends_hint: &'static str,
    pub ends_on: &'static str,
    pub failed: &'static str,
    pub filter: &'static str,
    pub find_correct: &'static str,
    pub goods: &'static str,
    pub goods_description: &'static str,
    pub goods_hint: &'static str,
    pub goods_value: &'static str,
    pub hours_unit: &'static str,
    pub leave_unprocessed: &'static str,
    pub mine_empty: &'static str,
    pub mine_title: &'static str,
    pub money: &'static str,
    pub money_hint: &'static str,
    pub need: &'static str,
    pub need_hint: &'static str,
    pub new_title: &'static str,
    pub new_lead: &'static str,
    pub next_step: &'static str,
    pub ngo_authorisation: &'static str,
    pub ngo_authorisation_hint: &'static str,
    pub no: &'static str,
    pub not_assessed: &'static str,
    pub note: &'static str,
    pub number: &'static str,
    pub of: &'static str,
    pub outcome: &'static str,
    pub passed: &'static str,
    pub place: &'static str,
    pub place_hint: &'static str,
    pub pool_not_set: &'static str,
    pub pool_remaining: &'static str,
    pub pool_set: &'static str,
    pub pool_set_hint: &'static str,
    pub pool_title: &'static str,
    pub pool_total: &'static str,
    pub pool_used: &'static str,
    pub print_hint: &'static str,
    pub print_support_list: &'static str,
    pub public_page: &'static str,
    pub receipt_mail: &'static str,
    pub receipt_title: &'static str,
    pub record: &'static str,
    pub register_empty: &'static str,
    pub register_lead: &'static str,
    pub register_title: &'static str,
    pub reject: &'static str,
    pub reject_reason: &'static str,
    pub reject_reason_hint: &'static str,
    pub remedy_deadline: &'static str,
    pub remedy_deadline_hint: &'static str,
    pub resubmit: &'static str,
    pub review_problems: &'static str,
    pub review_ready: &'static str,
    pub review_title: &'static str,
    pub save: &'static str,
    pub save_and_continue: &'static str,
    pub save_and_review: &'static str,
    pub save_checklist: &'static str,
    pub save_draft: &'static str,
    pub schedule: &'static str,
    pub scope: &'static str,
    pub scope_hint: &'static str,
    pub score_contribution: &'static str,
    pub score_purpose: &'static str,
    pub signatures_hint: &'static str,
    pub signatures_title: &'static str,
    pub signatures_valid: &'static str,
    pub staff_title: &'static str,
    pub stage_note: &'static str,
    pub stage_note_hint: &'static str,
    pub stages_title: &'static str,
    pub starts_on: &'static str,
    pub status: &'static str,
    pub step: &'static str,
    pub step_applicants: &'static str,
    pub step_contribution: &'static str,
    pub step_place: &'static str,
    pub step_review: &'static str,
    pub step_task: &'static str,
    pub steps_label: &'static str,
    pub submit: &'static str,
    pub submit_declaration: &'static str,
    pub submitted_at: &'static str,
    pub submitted_version: &'static str,
    pub summon: &'static str,
    pub summons_title: &'static str,
    pub support_list_privacy: &'static str,
    pub support_list_statement: &'static str,
    pub support_list_title: &'static str,
    pub timeline: &'static str,
    pub title: &'static str,
    pub untitled: &'static str,
    pub updated: &'static str,
    pub version: &'static str,
    pub work_hours: &'static str,
    pub work_hours_hint: &'static str,
    pub work_label: &'static str,
    pub work_people: &'static str,
    pub yes: &'static str,
    pub nav_initiatives: &'static str,
    pub moderation_link: &'static str,
    pub opinions_title: &'static str,
    pub opinion_council: &'static str,
    pub opinion_committee: &'static str,
    pub opinion_positive: &'static str,
    pub opinion_negative: &'static str,
    pub opinion_pending: &'static str,
    pub opinion_label: &'static str,
    pub opinion_body: &'static str,
    pub opinion_verdict: &'static str,
    pub record_opinion: &'static str,
    pub council_opinions_title: &'static str,
    pub council_opinions_lead: &'static str,
    pub council_opinions_empty: &'static str,
    pub give_opinion: &'static str,
    pub score_total: &'static str,
    pub sheet_purpose_max: &'static str,
    pub sheet_contribution_max: &'static str,
    pub sheet_council_bonus: &'static str,
    pub sheet_pass_mark: &'static str,
    pub council_opinions_link: &'static str,
    pub ngo_krs: &'static str,
    pub ngo_krs_hint: &'static str,
    pub ngo_regon: &'static str,
    pub ngo_regon_hint: &'static str,
    pub attachments: &'static str,
    pub attachments_hint: &'static str,
    pub withdraw: &'static str,
    pub withdraw_confirm: &'static str,
    /// In the order of `Status::ALL`.
    pub statuses: [&'static str; 13],
    /// In the order of `Move::ALL`, then the recorded signatures and an opinion given.
    pub events: [&'static str; 15],
    /// In the order of `Scope::ALL`.
    pub scopes: [&'static str; 10],
    /// In the order of `CheckItem::ALL`: the item and what it asks.
    pub check_items: [(&'static str, &'static str); 7],
    pub problem_check_incomplete: &'static str,
    pub problem_check_note_required: &'static str,
    pub problem_check_note_too_long: &'static str,
    pub problem_check_failed_items: &'static str,
    pub problem_check_nothing_failed: &'static str,
    pub problem_reason_required: &'static str,
    pub problem_reason_too_long: &'static str,
    pub problem_deadline_invalid: &'static str,
    pub problem_signatures_invalid: &'static str,
    pub problem_pool_invalid: &'static str,
    pub problem_move_not_allowed: &'static str,
    pub problem_score_invalid: &'static str,
    pub problem_already_submitted: &'static str,
    pub problem_remedy_deadline_passed: &'static str,
    pub problem_not_submittable: &'static str,
    pub problem_not_editable: &'static str,
    pub problem_application_incomplete: &'static str,
    pub problem_opinion_invalid: &'static str,
    pub problem_opinion_not_asked: &'static str,
    pub problem_pool_exhausted: &'static str,
    pub problem_sheet_invalid: &'static str,
    pub problem_score_below_pass: &'static str,
    pub problem_withdraw_confirm_required: &'static str,
    pub done_withdrawn: &'static str,
    pub done_draft_saved: &'static str,
    pub done_opinion_saved: &'static str,
    pub done_submitted: &'static str,
    pub done_resubmitted: &'static str,
    pub done_checks_saved: &'static str,
    pub done_outcome_recorded: &'static str,
    pub done_signatures_saved: &'static str,
    pub done_pool_saved: &'static str,
    pub done_stage_recorded: &'static str,
}

/// The messages of the application form's rules, apart from the other texts: the
/// browser's live check needs only these, and the WASM carries nothing else of this
/// page. `{n}` is replaced by the limit.
pub struct FormProblems {
    pub required: &'static str,
    pub too_short: &'static str,
    pub too_long: &'static str,
    pub too_many: &'static str,
    pub authorisation_required: &'static str,
    pub scope_required: &'static str,
    pub district_required: &'static str,
    pub council_own_district: &'static str,
    pub city_property_required: &'static str,
    pub date_invalid: &'static str,
    pub date_in_past: &'static str,
    pub ends_before_start: &'static str,
    pub within_one_year: &'static str,
    pub amount_invalid: &'static str,
    pub amount_zero: &'static str,
    pub cost_over_pool: &'static str,
    pub number_invalid: &'static str,
    pub work_incomplete: &'static str,
    pub goods_description: &'static str,
    pub contribution_required: &'static str,
    pub krs_invalid: &'static str,
    pub regon_invalid: &'static str,
}

/// The codes of the form's rules, in the order of [`Locale::form_templates`].
pub const FORM_CODES: [&str; 22] = [
    "required",
    "too_short",
    "too_long",
    "too_many",
    "authorisation_required",
    "scope_required",
    "district_required",
    "council_own_district",
    "city_property_required",
    "date_invalid",
    "date_in_past",
    "ends_before_start",
    "within_one_year",
    "amount_invalid",
    "amount_zero",
    "cost_over_pool",
    "number_invalid",
    "work_incomplete",
    "goods_description",
    "contribution_required",
    "krs_invalid",
    "regon_invalid",
];

/// A form rule's message with its limit in place of `{n}`: the fewest or most
/// characters of `field`, or the most entries of a list. The browser's live check fills
/// the templates the page gives it the same way.
pub fn fill_limit(template: &str, field: &str, code: &str) -> String {
    let (min, max) = match field {
        "title" => TITLE_CHARS,
        "description" => DESCRIPTION_CHARS,
        "need" => NEED_CHARS,
        "place" => PLACE_CHARS,
        "city_share" => CITY_SHARE_CHARS,
        "attachments" => (0, crate::domain::initiative::ATTACHMENTS_CHARS),
        "applicants" => (1, 200),
        _ => (0, 0),
    };
    let most = if field == "applicants" { MAX_APPLICANTS } else { MAX_GOODS };
    super::fill_rule(template, (min, max), most, code)
}

impl Locale {
    pub fn initiatives(self) -> &'static InitiativeTexts {
        match self {
            Locale::Pl => &pl::TEXTS,
            Locale::En => &en::TEXTS,
            Locale::Uk => &uk::TEXTS,
        }
    }

    pub fn initiative_status(self, status: Status) -> &'static str {
        let i = Status::ALL.iter().position(|s| *s == status).unwrap_or(0);
        self.initiatives().statuses[i]
    }

    /// The name of a timeline entry: a move's code, or `signatures`.
    pub fn initiative_event(self, kind: &str) -> &'static str {
        let t = self.initiatives();
        match Move::parse(kind) {
            Some(m) => t.events[Move::ALL.iter().position(|x| *x == m).unwrap_or(0)],
            None if kind == "opinion" => t.events[14],
            None => t.events[13],
        }
    }

    pub fn scope(self, scope: Scope) -> &'static str {
        self.initiatives().scopes[Scope::ALL.iter().position(|s| *s == scope).unwrap_or(0)]
    }

    pub fn check_item(self, item: CheckItem) -> &'static str {
        self.initiatives().check_items[CheckItem::ALL.iter().position(|i| *i == item).unwrap_or(0)].0
    }

    pub fn check_item_hint(self, item: CheckItem) -> &'static str {
        self.initiatives().check_items[CheckItem::ALL.iter().position(|i| *i == item).unwrap_or(0)].1
    }

    fn form_problems(self) -> &'static FormProblems {
        match self {
            Locale::Pl => &pl::PROBLEMS,
            Locale::En => &en::PROBLEMS,
            Locale::Uk => &uk::PROBLEMS,
        }
    }

    /// The message for a problem with `field`: one of the form's rules (with its limit),
    /// or any other code of the platform.
    pub fn initiative_problem(self, field: &str, code: &str) -> String {
        self.form_problem(field, code).unwrap_or_else(|| self.problem(code).to_owned())
    }

    /// The message for a problem the form's rules found with `field`, with its limit.
    pub fn form_problem(self, field: &str, code: &str) -> Option<String> {
        let template = FORM_CODES.iter().position(|c| *c == code).map(|i| self.form_templates()[i])?;
        Some(fill_limit(template, field, code))
    }

    /// The messages of the form's rules in the order of [`FORM_CODES`].
    pub fn form_templates(self) -> [&'static str; 22] {
        let t = self.form_problems();
        [
            t.required,
            t.too_short,
            t.too_long,
            t.too_many,
            t.authorisation_required,
            t.scope_required,
            t.district_required,
            t.council_own_district,
            t.city_property_required,
            t.date_invalid,
            t.date_in_past,
            t.ends_before_start,
            t.within_one_year,
            t.amount_invalid,
            t.amount_zero,
            t.cost_over_pool,
            t.number_invalid,
            t.work_incomplete,
            t.goods_description,
            t.contribution_required,
            t.krs_invalid,
            t.regon_invalid,
        ]
    }

    /// The sentence for a problem code of DK-04's forms and of submitting.
    pub(super) fn initiative_staff_problem(self, code: &str) -> Option<&'static str> {
        let t = self.initiatives();
        Some(match code {
            "check_incomplete" => t.problem_check_incomplete,
            "check_note_required" => t.problem_check_note_required,
            "check_note_too_long" => t.problem_check_note_too_long,
            "check_failed_items" => t.problem_check_failed_items,
            "check_nothing_failed" => t.problem_check_nothing_failed,
            "reason_required" => t.problem_reason_required,
            "reason_too_long" => t.problem_reason_too_long,
            "deadline_invalid" => t.problem_deadline_invalid,
            "signatures_invalid" => t.problem_signatures_invalid,
            "pool_invalid" => t.problem_pool_invalid,
            "move_not_allowed" => t.problem_move_not_allowed,
            "score_invalid" => t.problem_score_invalid,
            "already_submitted" => t.problem_already_submitted,
            "remedy_deadline_passed" => t.problem_remedy_deadline_passed,
            "not_submittable" => t.problem_not_submittable,
            "not_editable" => t.problem_not_editable,
            "application_incomplete" => t.problem_application_incomplete,
            "withdraw_confirm_required" => t.problem_withdraw_confirm_required,
            "score_below_pass" => t.problem_score_below_pass,
            "sheet_invalid" => t.problem_sheet_invalid,
            "pool_exhausted" => t.problem_pool_exhausted,
            "opinion_not_asked" => t.problem_opinion_not_asked,
            "opinion_invalid" => t.problem_opinion_invalid,
            _ => return None,
        })
    }

    /// The notice for a `?done=` code of the initiative pages.
    pub(super) fn initiative_done(self, code: &str) -> Option<&'static str> {
        let t = self.initiatives();
        Some(match code {
            "il_draft_saved" => t.done_draft_saved,
            "il_submitted" => t.done_submitted,
            "il_resubmitted" => t.done_resubmitted,
            "il_checks_saved" => t.done_checks_saved,
            "il_outcome_recorded" => t.done_outcome_recorded,
            "il_signatures_saved" => t.done_signatures_saved,
            "il_pool_saved" => t.done_pool_saved,
            "il_stage_recorded" => t.done_stage_recorded,
            "il_opinion_saved" => t.done_opinion_saved,
            "il_withdrawn" => t.done_withdrawn,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_of_the_form_has_a_message_with_its_limit() {
        for locale in Locale::ALL {
            let generic = locale.accounts().problem_generic;
            for code in ["required", "cost_over_pool", "contribution_required", "council_own_district"] {
                assert_ne!(locale.initiative_problem("cost", code), generic, "{code}");
            }
            assert!(locale.initiative_problem("title", "too_short").contains(&TITLE_CHARS.0.to_string()));
            assert!(locale.initiative_problem("goods", "too_many").contains(&MAX_GOODS.to_string()));
            assert_ne!(locale.problem("check_nothing_failed"), generic);
            assert!(locale.done("il_submitted").is_some());
        }
    }
}
