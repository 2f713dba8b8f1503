//! The texts of the account, sign-in and admin pages, in a struct of their own so that
//! the site's main [`Texts`](super::Texts) stays readable. As there, a language that
//! misses a string does not compile.

mod en;
mod pl;
mod uk;

use super::Locale;

pub struct AccountTexts {
    pub nav_sign_in: &'static str,
    pub nav_account: &'static str,
    pub nav_admin: &'static str,
    pub sign_out: &'static str,
    pub signed_in_as: &'static str,
    pub footer_privacy: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_with_password: &'static str,
    pub sign_in_with_provider: &'static str,
    pub provider_explainer: &'static str,
    pub sign_in_with: &'static str,
    pub sign_in_button: &'static str,
    pub sign_in_required: &'static str,
    pub session_ended: &'static str,
    pub forgot_password: &'static str,
    pub no_account: &'static str,
    pub sign_up_link: &'static str,
    pub have_account: &'static str,
    pub sign_in_link: &'static str,
    pub sign_up_title: &'static str,
    pub sign_up_lead: &'static str,
    pub sign_up_button: &'static str,
    pub consent_before: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub display_name: &'static str,
    pub display_name_hint: &'static str,
    pub password_hint: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub form_has_problems: &'static str,
    pub reset_title: &'static str,
    pub reset_lead: &'static str,
    pub reset_button: &'static str,
    pub new_password_title: &'static str,
    pub save_password: &'static str,
    pub reset_link_unknown: &'static str,
    pub reset_again: &'static str,
    pub account_title: &'static str,
    pub profile: &'static str,
    pub no_email: &'static str,
    pub roles: &'static str,
    pub role: &'static str,
    pub member_since: &'static str,
    pub home_district: &'static str,
    pub no_district: &'static str,
    pub save_profile: &'static str,
    pub change_password: &'static str,
    pub provider_only: &'static str,
    pub my_organisations: &'static str,
    pub no_organisations: &'static str,
    pub organisation_admin: &'static str,
    pub organisation_member: &'static str,
    pub my_data: &'static str,
    pub my_data_lead: &'static str,
    pub download_my_data: &'static str,
    pub delete_account: &'static str,
    pub delete_account_lead: &'static str,
    pub delete_confirm_label: &'static str,
    pub delete_confirm_hint: &'static str,
    pub delete_account_button: &'static str,
    pub role_resident: &'static str,
    pub role_moderator: &'static str,
    pub role_editor: &'static str,
    pub role_admin: &'static str,
    pub demo_resident: &'static str,
    pub demo_ngo_member: &'static str,
    pub demo_council_member: &'static str,
    pub demo_accounts: &'static str,
    pub demo_accounts_lead: &'static str,
    pub demo_outbox: &'static str,
    pub organisation: &'static str,
    pub organisation_kind: &'static str,
    pub kind_ngo: &'static str,
    pub kind_council: &'static str,
    pub members: &'static str,
    pub no_members: &'static str,
    pub actions: &'static str,
    pub remove: &'static str,
    pub remove_member: &'static str,
    pub add_member: &'static str,
    pub member_email: &'static str,
    pub member_email_hint: &'static str,
    pub make_organisation_admin: &'static str,
    pub add_member_button: &'static str,
    pub deleted_user: &'static str,
    pub forbidden_title: &'static str,
    pub forbidden_text: &'static str,
    pub admin_title: &'static str,
    pub admin_users: &'static str,
    pub admin_organisations: &'static str,
    pub audit_log: &'static str,
    pub find_user: &'static str,
    pub search: &'static str,
    pub users_found: &'static str,
    pub no_users_found: &'static str,
    pub status: &'static str,
    pub status_active: &'static str,
    pub status_disabled: &'static str,
    pub status_deleted: &'static str,
    pub roles_hint: &'static str,
    pub save_roles: &'static str,
    pub disable_account: &'static str,
    pub enable_account: &'static str,
    pub audit_of_user: &'static str,
    pub new_ngo: &'static str,
    pub organisation_name: &'static str,
    pub krs: &'static str,
    pub krs_hint: &'static str,
    pub regon: &'static str,
    pub nip: &'static str,
    pub organisation_admin_email: &'static str,
    pub organisation_admin_email_hint: &'static str,
    pub create_ngo: &'static str,
    pub chain_intact: &'static str,
    pub chain_broken: &'static str,
    pub audit_action: &'static str,
    pub audit_any_action: &'static str,
    pub audit_actor_id: &'static str,
    pub audit_when: &'static str,
    pub audit_who: &'static str,
    pub audit_object: &'static str,
    pub audit_change: &'static str,
    pub audit_more: &'static str,
    pub outbox_title: &'static str,
    pub outbox_lead: &'static str,
    pub outbox_empty: &'static str,
    pub outbox_to: &'static str,
    pub problem_email_required: &'static str,
    pub problem_email_invalid: &'static str,
    pub problem_name_required: &'static str,
    pub problem_name_invalid: &'static str,
    pub problem_password_required: &'static str,
    pub problem_password_too_short: &'static str,
    pub problem_password_too_long: &'static str,
    pub problem_password_common: &'static str,
    pub problem_password_like_email: &'static str,
    pub problem_krs_required: &'static str,
    pub problem_krs_invalid: &'static str,
    pub problem_krs_taken: &'static str,
    pub problem_regon_invalid: &'static str,
    pub problem_nip_invalid: &'static str,
    pub problem_consent_required: &'static str,
    pub problem_signin_failed: &'static str,
    pub problem_too_many_attempts: &'static str,
    pub problem_account_disabled: &'static str,
    pub problem_email_taken: &'static str,
    pub problem_current_password_wrong: &'static str,
    pub problem_confirm_mismatch: &'static str,
    pub problem_reset_link_expired: &'static str,
    pub problem_reset_link_used: &'static str,
    pub problem_user_not_found: &'static str,
    pub problem_own_admin_role: &'static str,
    pub problem_signin_state_invalid: &'static str,
    pub problem_signin_provider_failed: &'static str,
    pub problem_cross_site: &'static str,
    pub problem_generic: &'static str,
    pub done_signed_out: &'static str,
    pub done_signed_up: &'static str,
    pub done_signed_in: &'static str,
    pub done_profile_saved: &'static str,
    pub done_password_changed: &'static str,
    pub done_reset_sent: &'static str,
    pub done_password_reset: &'static str,
    pub done_account_deleted: &'static str,
    pub done_roles_saved: &'static str,
    pub done_status_saved: &'static str,
    pub done_ngo_created: &'static str,
    pub done_member_added: &'static str,
    pub done_member_removed: &'static str,
    pub status_pending: &'static str,
    pub confirm_title: &'static str,
    pub confirm_lead: &'static str,
    pub confirm_button: &'static str,
    pub new_resident_name: &'static str,
    pub mail_confirm_subject: &'static str,
    pub mail_confirm_body: &'static str,
    pub mail_exists_subject: &'static str,
    pub mail_exists_body: &'static str,
    pub mail_reset_subject: &'static str,
    pub mail_reset_body: &'static str,
    pub problem_account_pending: &'static str,
    pub problem_forbidden: &'static str,
    pub done_check_inbox: &'static str,
    pub privacy_title: &'static str,
    pub privacy_lead: &'static str,
    pub privacy_sections: &'static [(&'static str, &'static str)],
}

impl Locale {
    pub fn accounts(self) -> &'static AccountTexts {
        match self {
            Locale::Pl => &pl::TEXTS,
            Locale::En => &en::TEXTS,
            Locale::Uk => &uk::TEXTS,
        }
    }

    /// The sentence for a problem code (from validation or a form route). An unknown
    /// code gets the generic message rather than a raw code.
    pub fn problem(self, code: &str) -> &'static str {
        let t = self.accounts();
        match code {
            "email_required" => t.problem_email_required,
            "email_invalid" => t.problem_email_invalid,
            "name_required" => t.problem_name_required,
            "name_invalid" => t.problem_name_invalid,
            "password_required" => t.problem_password_required,
            "password_too_short" => t.problem_password_too_short,
            "password_too_long" => t.problem_password_too_long,
            "password_common" => t.problem_password_common,
            "password_like_email" => t.problem_password_like_email,
            "krs_required" => t.problem_krs_required,
            "krs_invalid" => t.problem_krs_invalid,
            "krs_taken" => t.problem_krs_taken,
            "regon_invalid" => t.problem_regon_invalid,
            "nip_invalid" => t.problem_nip_invalid,
            "consent_required" => t.problem_consent_required,
            "signin_failed" => t.problem_signin_failed,
            "too_many_attempts" => t.problem_too_many_attempts,
            "account_disabled" => t.problem_account_disabled,
            "email_taken" => t.problem_email_taken,
            "current_password_wrong" => t.problem_current_password_wrong,
            "confirm_mismatch" => t.problem_confirm_mismatch,
            "reset_link_expired" => t.problem_reset_link_expired,
            "reset_link_used" => t.problem_reset_link_used,
            "user_not_found" => t.problem_user_not_found,
            "own_admin_role" => t.problem_own_admin_role,
            "signin_state_invalid" => t.problem_signin_state_invalid,
            "signin_provider_failed" => t.problem_signin_provider_failed,
            "cross_site" => t.problem_cross_site,
            "generic" => t.problem_generic,
            "account_pending" => t.problem_account_pending,
            "forbidden" => t.problem_forbidden,
            _ => self
                .remark_problem(code)
                .or_else(|| self.moderation_problem(code))
                .or_else(|| self.report_problem(code))
                .or_else(|| self.initiative_staff_problem(code))
                .or_else(|| self.budget_code(code))
                .or_else(|| self.vote_code(code))
                .or_else(|| self.media_code(code))
                .or_else(|| self.news_code(code))
                .or_else(|| self.newsletter_code(code))
                .or_else(|| self.campaign_code(code))
                .unwrap_or(t.problem_generic),
        }
    }

    /// The notice for a `?done=` code; unknown codes show nothing.
    pub fn done(self, code: &str) -> Option<&'static str> {
        let t = self.accounts();
        Some(match code {
            "signed_out" => t.done_signed_out,
            "signed_up" => t.done_signed_up,
            "signed_in" => t.done_signed_in,
            "profile_saved" => t.done_profile_saved,
            "password_changed" => t.done_password_changed,
            "reset_sent" => t.done_reset_sent,
            "password_reset" => t.done_password_reset,
            "account_deleted" => t.done_account_deleted,
            "roles_saved" => t.done_roles_saved,
            "status_saved" => t.done_status_saved,
            "ngo_created" => t.done_ngo_created,
            "member_added" => t.done_member_added,
            "member_removed" => t.done_member_removed,
            "check_inbox" => t.done_check_inbox,
            _ => {
                return self
                    .remark_done(code)
                    .or_else(|| self.moderation_done(code))
                    .or_else(|| self.report_done(code))
                    .or_else(|| self.initiative_done(code))
                    .or_else(|| self.budget_done(code))
                    .or_else(|| self.vote_done(code))
                    .or_else(|| self.media_done(code))
                    .or_else(|| self.news_done(code))
                    .or_else(|| self.newsletter_done(code))
                    .or_else(|| self.campaign_done(code))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_code_of_the_validation_rules_has_a_sentence() {
        for locale in Locale::ALL {
            for code in ["email_invalid", "password_common", "krs_invalid", "nip_invalid", "regon_invalid"] {
                assert_ne!(locale.problem(code), locale.accounts().problem_generic, "{code}");
            }
            assert_eq!(locale.problem("no such code"), locale.accounts().problem_generic);
            assert_eq!(locale.done("no such code"), None);
        }
    }
}
