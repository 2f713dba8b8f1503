//! The shapes of people, roles and organisations as pages and rules see them.

use serde::{Deserialize, Serialize};

/// A staff role granted by an admin. Every account is also a resident; membership of
/// an organisation is not a role but a [`Membership`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    /// DK-04: runs consultations, checks applications for formal correctness.
    Moderator,
    /// DK-06: news, events and campaigns.
    Editor,
    /// Users, roles, organisations, the audit log.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Moderator, Role::Editor, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Moderator => "moderator",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrganisationKind {
    /// A non-governmental organisation, registered in the KRS.
    Ngo,
    /// One of the 18 district councils (rady dzielnic).
    DistrictCouncil,
}

impl OrganisationKind {
    pub fn code(self) -> &'static str {
        match self {
            OrganisationKind::Ngo => "ngo",
            OrganisationKind::DistrictCouncil => "district_council",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "ngo" => Some(OrganisationKind::Ngo),
            "district_council" => Some(OrganisationKind::DistrictCouncil),
            _ => None,
        }
    }
}

/// One organisation a person belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub organisation_id: i64,
    pub organisation_name: String,
    pub kind: OrganisationKind,
    /// May add and remove members.
    pub is_admin: bool,
}

/// The signed-in person, as every rule and page sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub memberships: Vec<Membership>,
    /// The civic-budget units the person verifies projects for (a role scoped to a unit).
    #[serde(default)]
    pub verifier_units: Vec<i64>,
    /// The civic-budget editions (years) the person enters paper cards for as a poll
    /// officer (a role scoped to an edition).
    #[serde(default)]
    pub poll_officer_years: Vec<i64>,
}

impl CurrentUser {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn administers(&self, organisation_id: i64) -> bool {
        self.memberships.iter().any(|m| m.organisation_id == organisation_id && m.is_admin)
    }

    pub fn is_member_of(&self, organisation_id: i64) -> bool {
        self.memberships.iter().any(|m| m.organisation_id == organisation_id)
    }

    pub fn is_staff(&self) -> bool {
        !self.roles.is_empty()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UserStatus {
    /// Signed up, address not confirmed yet.
    Pending,
    Active,
    Disabled,
    Deleted,
}

impl UserStatus {
    pub fn code(self) -> &'static str {
        match self {
            UserStatus::Pending => "pending",
            UserStatus::Active => "active",
            UserStatus::Disabled => "disabled",
            UserStatus::Deleted => "deleted",
        }
    }

    pub fn from_code(code: &str) -> Self {
        match code {
            "pending" => UserStatus::Pending,
            "disabled" => UserStatus::Disabled,
            "deleted" => UserStatus::Deleted,
            _ => UserStatus::Active,
        }
    }
}

/// A person as an admin sees them in the list and on their page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i64,
    /// `None` once the account is deleted.
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub status: UserStatus,
    pub roles: Vec<Role>,
    pub created_at: i64,
}

/// The person's own view of their account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: i64,
    pub display_name: String,
    pub email: Option<String>,
    pub district: Option<u8>,
    pub has_password: bool,
    pub linked_providers: Vec<String>,
    pub roles: Vec<Role>,
    pub memberships: Vec<Membership>,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: i64,
    pub kind: OrganisationKind,
    pub name: String,
    pub krs: Option<String>,
    pub regon: Option<String>,
    pub nip: Option<String>,
    pub district: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub user_id: i64,
    pub display_name: Option<String>,
    pub is_admin: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationDetail {
    pub organisation: Organisation,
    pub members: Vec<Member>,
}

/// One row of the audit log as the admin page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
}

/// What the session middleware learned about the request, put into the request's
/// extensions for every route and page.
#[derive(Clone, Debug, Default)]
pub struct RequestSession {
    pub user: Option<CurrentUser>,
    /// The cookie's token, when it named a live session (sign-out ends it).
    pub token: Option<String>,
    /// A session cookie came but named no live session (expired, ended or forged).
    pub ended: bool,
}
