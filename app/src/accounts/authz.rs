//! The one rule book: "may this person do this action on this resource". Every server
//! function and every route asks [`permits`] (through `authorize`); nothing else decides.
//! The access-matrix test (server/tests/access_matrix.rs) checks every state-changing
//! endpoint against it for every role, anonymous included.

use super::model::{CurrentUser, Role};

/// What someone wants to do, with the object it concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Read public pages and open data.
    ReadPublic,
    /// Sign in, sign up, ask for a password-reset link: open to anyone.
    Authenticate,
    /// See and change one account (profile, password, "My data", deletion).
    ManageAccount { user_id: i64 },
    /// Find users, grant and revoke roles, disable accounts.
    ManageUsers,
    /// Create and edit organisations, name their admins.
    ManageOrganisations,
    /// See an organisation's members.
    ViewMembers { organisation_id: i64 },
    /// Add and remove members of one organisation.
    ManageMembers { organisation_id: i64 },
    /// Read the audit log.
    ReadAuditLog,
    /// Take part: write remarks, support and flag them, follow consultations.
    Participate,
    /// Sign something on behalf of an organisation: its members only.
    ActFor { organisation_id: i64 },
    /// Edit or withdraw one's own remark.
    ManageOwnRemark { author_id: i64 },
    /// See, edit, submit or withdraw one's own application: a local initiative or a
    /// civic-budget project (and protest its rejection).
    ManageOwnApplication { owner_id: i64 },
    /// Record a civic-budget project's assessment for one verifying city unit: that
    /// unit's verifiers only.
    VerifyFor { unit_id: i64 },
    /// Enter and approve civic-budget paper cards of one edition: its poll officers
    /// only (DK-04 approves batches and settles conflicts through `Moderate`).
    EnterCards { year: i64 },
    /// DK-04's back office: consultations, remarks from other channels, moderation.
    Moderate,
    /// DK-06's editorial tools.
    Edit,
    /// Participation statistics (aggregates only): DK-04, DK-05 and DK-06, through the
    /// moderator's and the editor's roles.
    ReadStatistics,
    /// Fetch a file that is not public (`app::media::storage::access`): its owner's
    /// (uploader, applicant) and, when `staff`, DK-04's and administrators'.
    ReadFile { owner_id: Option<i64>, staff: bool },
}

/// Why an action was refused: the caller answers 401 (sign in first) or 403.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denial {
    SignInRequired,
    Forbidden,
}

pub fn permits(user: Option<&CurrentUser>, action: Action) -> bool {
    decide(user, action).is_ok()
}

pub fn decide(user: Option<&CurrentUser>, action: Action) -> Result<(), Denial> {
    match action {
        Action::ReadPublic | Action::Authenticate => return Ok(()),
        _ => {}
    }
    let Some(user) = user else {
        return Err(Denial::SignInRequired);
    };
    let admin = user.has_role(Role::Admin);
    let allowed = match action {
        Action::ReadPublic | Action::Authenticate => true,
        // Object level: only the person themself, never another resident, and not an
        // admin either: admins act through the user pages, which are audited.
        Action::ManageAccount { user_id } => user.id == user_id,
        Action::ManageUsers | Action::ManageOrganisations | Action::ReadAuditLog => admin,
        Action::ViewMembers { organisation_id } => admin || user.is_member_of(organisation_id),
        Action::ManageMembers { organisation_id } => admin || user.administers(organisation_id),
        Action::Participate => true,
        // Not even an admin signs for an organisation they do not belong to.
        Action::ActFor { organisation_id } => user.is_member_of(organisation_id),
        Action::ManageOwnRemark { author_id } => user.id == author_id,
        // Staff read applications through the back office, never as their owner.
        Action::ManageOwnApplication { owner_id } => user.id == owner_id,
        // Scoped to the unit: neither DK-04 nor an admin assesses in a unit's name.
        Action::VerifyFor { unit_id } => user.verifier_units.contains(&unit_id),
        Action::EnterCards { year } => user.poll_officer_years.contains(&year),
        Action::Moderate => user.has_role(Role::Moderator) || admin,
        Action::Edit => user.has_role(Role::Editor) || admin,
        Action::ReadStatistics => user.has_role(Role::Moderator) || user.has_role(Role::Editor) || admin,
        Action::ReadFile { owner_id, staff } => {
            owner_id == Some(user.id) || (staff && (user.has_role(Role::Moderator) || admin))
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(Denial::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::model::{Membership, OrganisationKind};

    fn person(id: i64, roles: &[Role], memberships: &[(i64, bool)]) -> CurrentUser {
        CurrentUser {
            id,
            display_name: format!("user {id}"),
            roles: roles.to_vec(),
            memberships: memberships
                .iter()
                .map(|&(organisation_id, is_admin)| Membership {
                    organisation_id,
                    organisation_name: String::new(),
                    kind: OrganisationKind::Ngo,
                    is_admin,
                })
                .collect(),
            verifier_units: Vec::new(),
            poll_officer_years: Vec::new(),
        }
    }

    #[test]
    fn anonymous_people_may_read_and_sign_in_but_nothing_else() {
        assert!(permits(None, Action::ReadPublic));
        assert!(permits(None, Action::Authenticate));
        assert_eq!(decide(None, Action::ManageAccount { user_id: 1 }), Err(Denial::SignInRequired));
        assert_eq!(decide(None, Action::ManageUsers), Err(Denial::SignInRequired));
    }

    #[test]
    fn a_resident_manages_only_their_own_account() {
        let resident = person(7, &[], &[]);
        assert!(permits(Some(&resident), Action::ManageAccount { user_id: 7 }));
        assert_eq!(decide(Some(&resident), Action::ManageAccount { user_id: 8 }), Err(Denial::Forbidden));
        let admin = person(1, &[Role::Admin], &[]);
        assert!(!permits(Some(&admin), Action::ManageAccount { user_id: 7 }));
    }

    #[test]
    fn staff_roles_open_only_their_own_tools() {
        let moderator = person(2, &[Role::Moderator], &[]);
        let editor = person(3, &[Role::Editor], &[]);
        let admin = person(4, &[Role::Admin], &[]);
        assert!(permits(Some(&moderator), Action::Moderate));
        assert!(permits(Some(&moderator), Action::ReadFile { owner_id: None, staff: true }));
        assert!(
            !permits(Some(&moderator), Action::ReadFile { owner_id: Some(1), staff: false }),
            "an unattached upload"
        );
        assert!(!permits(Some(&editor), Action::ReadFile { owner_id: None, staff: true }));
        assert!(permits(Some(&editor), Action::ReadFile { owner_id: Some(3), staff: false }), "one's own file");
        assert_eq!(decide(None, Action::ReadFile { owner_id: None, staff: true }), Err(Denial::SignInRequired));
        assert!(!permits(Some(&moderator), Action::Edit));
        assert!(!permits(Some(&moderator), Action::ManageUsers));
        assert!(permits(Some(&editor), Action::Edit));
        assert!(!permits(Some(&editor), Action::Moderate));
        assert!(!permits(Some(&editor), Action::ReadAuditLog));
        for action in [Action::ManageUsers, Action::ManageOrganisations, Action::ReadAuditLog, Action::Moderate] {
            assert!(permits(Some(&admin), action), "{action:?}");
        }
    }

    #[test]
    fn residents_take_part_and_sign_only_for_their_own_organisations() {
        assert_eq!(decide(None, Action::Participate), Err(Denial::SignInRequired));
        let member = person(5, &[], &[(10, false)]);
        let admin = person(1, &[Role::Admin, Role::Moderator], &[]);
        assert!(permits(Some(&member), Action::Participate));
        assert!(permits(Some(&member), Action::ActFor { organisation_id: 10 }));
        assert!(!permits(Some(&member), Action::ActFor { organisation_id: 11 }));
        assert!(!permits(Some(&admin), Action::ActFor { organisation_id: 10 }));
        assert!(permits(Some(&member), Action::ManageOwnRemark { author_id: 5 }));
        assert!(!permits(Some(&admin), Action::ManageOwnRemark { author_id: 5 }), "moderators hide, never edit");
        assert!(permits(Some(&member), Action::ManageOwnApplication { owner_id: 5 }));
        assert!(!permits(Some(&admin), Action::ManageOwnApplication { owner_id: 5 }));
    }

    #[test]
    fn a_verifier_acts_for_their_own_unit_only() {
        let verifier = CurrentUser { verifier_units: vec![3], ..person(8, &[], &[]) };
        let moderator = person(2, &[Role::Moderator, Role::Admin], &[]);
        assert!(permits(Some(&verifier), Action::VerifyFor { unit_id: 3 }));
        assert_eq!(decide(Some(&verifier), Action::VerifyFor { unit_id: 4 }), Err(Denial::Forbidden));
        assert!(!permits(Some(&moderator), Action::VerifyFor { unit_id: 3 }));
        assert_eq!(decide(None, Action::VerifyFor { unit_id: 3 }), Err(Denial::SignInRequired));
    }

    #[test]
    fn a_poll_officer_enters_cards_of_their_edition_only() {
        let officer = CurrentUser { poll_officer_years: vec![2026], ..person(9, &[], &[]) };
        let moderator = person(2, &[Role::Moderator, Role::Admin], &[]);
        assert!(permits(Some(&officer), Action::EnterCards { year: 2026 }));
        assert!(!permits(Some(&officer), Action::EnterCards { year: 2027 }));
        assert!(!permits(Some(&moderator), Action::EnterCards { year: 2026 }), "DK-04 approves, never enters");
        assert_eq!(decide(None, Action::EnterCards { year: 2026 }), Err(Denial::SignInRequired));
    }

    #[test]
    fn organisation_admins_manage_their_own_organisation_only() {
        let member = person(5, &[], &[(10, false)]);
        let org_admin = person(6, &[], &[(10, true)]);
        assert!(permits(Some(&member), Action::ViewMembers { organisation_id: 10 }));
        assert!(!permits(Some(&member), Action::ManageMembers { organisation_id: 10 }));
        assert!(permits(Some(&org_admin), Action::ManageMembers { organisation_id: 10 }));
        assert!(!permits(Some(&org_admin), Action::ManageMembers { organisation_id: 11 }));
        assert!(!permits(Some(&org_admin), Action::ViewMembers { organisation_id: 11 }));
    }
}
