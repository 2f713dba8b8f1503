//! The texts of remarks, draft acts, events and following, in a struct of their own.
//! As elsewhere, a language that misses a string does not compile.

mod en;
mod pl;
mod uk;

use super::Locale;

pub struct RemarkTexts {
    pub act_heading: &'static str,
    pub act_hint: &'static str,
    pub comment_on: &'static str,
    pub remarks_count: [&'static str; 3],
    pub remarks_heading: &'static str,
    pub remarks_on: &'static str,
    pub all_remarks: &'static str,
    pub sort_label: &'static str,
    pub sort_newest: &'static str,
    pub sort_oldest: &'static str,
    pub sort_supported: &'static str,
    pub first_page: &'static str,
    pub load_more: &'static str,
    pub sign_in_to_comment: &'static str,
    pub open_until: &'static str,
    pub premoderated: &'static str,
    pub blocked_until: &'static str,
    pub not_open_yet: &'static str,
    pub closed: &'static str,
    pub your_remark: &'static str,
    pub your_remark_on: &'static str,
    pub your_reply: &'static str,
    pub body_hint: &'static str,
    pub sign_as: &'static str,
    pub sign_as_myself: &'static str,
    pub submit_remark: &'static str,
    pub submit_reply: &'static str,
    pub badge_ngo: &'static str,
    pub badge_district_council: &'static str,
    pub signed_by: &'static str,
    pub deleted_author: &'static str,
    pub channel_online: &'static str,
    pub channel_email: &'static str,
    pub channel_post: &'static str,
    pub channel_epuap: &'static str,
    pub channel_meeting: &'static str,
    pub channel_phone: &'static str,
    pub edited: &'static str,
    pub on_unit: &'static str,
    pub withdrawn: &'static str,
    pub hidden_by_moderator: &'static str,
    pub awaiting_moderation: &'static str,
    pub replies: &'static str,
    pub support: &'static str,
    pub unsupport: &'static str,
    pub supports: &'static str,
    pub reply: &'static str,
    pub flag: &'static str,
    pub edit: &'static str,
    pub withdraw: &'static str,
    pub edit_remark: &'static str,
    pub save_edit: &'static str,
    pub cancel: &'static str,
    pub flag_reason: &'static str,
    pub flag_spam: &'static str,
    pub flag_offensive: &'static str,
    pub flag_off_topic: &'static str,
    pub flag_personal_data: &'static str,
    pub flag_other: &'static str,
    pub flag_note: &'static str,
    pub flag_note_hint: &'static str,
    pub send_flag: &'static str,
    pub events_heading: &'static str,
    pub event_meeting: &'static str,
    pub event_workshop: &'static str,
    pub event_duty_hours: &'static str,
    pub event_place: &'static str,
    pub event_accessibility: &'static str,
    pub event_online: &'static str,
    pub event_ics: &'static str,
    pub all_events_ics: &'static str,
    pub follow: &'static str,
    pub follow_lead: &'static str,
    pub unfollow: &'static str,
    pub following: &'static str,
    pub follow_district: &'static str,
    pub unfollow_district: &'static str,
    pub following_district: &'static str,
    pub unsubscribe_title: &'static str,
    pub unsubscribe_lead: &'static str,
    pub unsubscribe_button: &'static str,
    pub unsubscribe_gone: &'static str,
    pub problem_remark_empty: &'static str,
    pub problem_remark_too_long: &'static str,
    pub problem_reason_required: &'static str,
    pub problem_reason_too_long: &'static str,
    pub problem_not_open: &'static str,
    pub problem_reply_to_hidden: &'static str,
    pub problem_already_flagged: &'static str,
    pub problem_edit_window_over: &'static str,
    pub problem_not_a_member: &'static str,
    pub problem_blocked: &'static str,
    pub problem_unknown_unit: &'static str,
    pub problem_reply_to_reply: &'static str,
    pub problem_flag_reason_required: &'static str,
    pub problem_too_many_remarks: &'static str,
    pub done_remark_posted: &'static str,
    pub done_remark_pending: &'static str,
    pub done_remark_edited: &'static str,
    pub done_remark_withdrawn: &'static str,
    pub done_supported: &'static str,
    pub done_unsupported: &'static str,
    pub done_flagged: &'static str,
    pub done_following: &'static str,
    pub done_unfollowed: &'static str,
    pub done_unsubscribed: &'static str,
    pub mail_open_subject: &'static str,
    pub mail_close_subject: &'static str,
    pub mail_report_subject: &'static str,
    pub mail_open_body: &'static str,
    pub mail_close_body: &'static str,
    pub mail_report_body: &'static str,
    pub mail_unsubscribe: &'static str,
}

impl Locale {
    pub fn remarks(self) -> &'static RemarkTexts {
        match self {
            Locale::Pl => &pl::TEXTS,
            Locale::En => &en::TEXTS,
            Locale::Uk => &uk::TEXTS,
        }
    }

    /// The sentence for a problem code of the remark forms, if it is one of theirs.
    pub(super) fn remark_problem(self, code: &str) -> Option<&'static str> {
        let t = self.remarks();
        Some(match code {
            "remark_empty" => t.problem_remark_empty,
            "remark_too_long" => t.problem_remark_too_long,
            "reason_required" => t.problem_reason_required,
            "reason_too_long" => t.problem_reason_too_long,
            "not_open" => t.problem_not_open,
            "reply_to_hidden" => t.problem_reply_to_hidden,
            "already_flagged" => t.problem_already_flagged,
            "edit_window_over" => t.problem_edit_window_over,
            "not_a_member" => t.problem_not_a_member,
            "blocked" => t.problem_blocked,
            "unknown_unit" => t.problem_unknown_unit,
            "reply_to_reply" => t.problem_reply_to_reply,
            "flag_reason_required" => t.problem_flag_reason_required,
            "too_many_remarks" => t.problem_too_many_remarks,
            _ => return None,
        })
    }

    /// The notice for a `?done=` code of the remark routes, if it is one of theirs.
    pub(super) fn remark_done(self, code: &str) -> Option<&'static str> {
        let t = self.remarks();
        Some(match code {
            "remark_posted" => t.done_remark_posted,
            "remark_pending" => t.done_remark_pending,
            "remark_edited" => t.done_remark_edited,
            "remark_withdrawn" => t.done_remark_withdrawn,
            "supported" => t.done_supported,
            "unsupported" => t.done_unsupported,
            "flagged" => t.done_flagged,
            "following" => t.done_following,
            "unfollowed" => t.done_unfollowed,
            "unsubscribed" => t.done_unsubscribed,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_of_the_remark_rules_has_a_sentence_in_every_language() {
        for locale in Locale::ALL {
            for code in ["remark_empty", "remark_too_long", "reason_required", "reason_too_long"] {
                assert_ne!(locale.problem(code), locale.accounts().problem_generic, "{code}");
            }
            assert!(locale.done("remark_posted").is_some());
        }
    }
}
