//! Demo accounts, one or more for every role, created only when the server runs in demo
//! mode (never by default in a production configuration). Their passwords are shown on
//! the sign-in page in demo mode, so that anyone trying the site can be anyone.

/// Who a demo account is, for the table on the sign-in page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoRole {
    Resident,
    NgoMember,
    CouncilMember,
    /// Verifies civic-budget projects for one city unit (set by the budget's demo).
    Verifier,
    /// Enters civic-budget paper cards (named by the budget's demo for its editions).
    PollOfficer,
    Moderator,
    Editor,
    Admin,
}

pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub role: DemoRole,
    pub district: Option<u8>,
}

/// The one password of every demo account (it passes the password rules).
pub const DEMO_PASSWORD: &str = "spacer po plantach";

/// The demo NGO; its KRS number has the right shape.
pub const DEMO_NGO_NAME: &str = "Stowarzyszenie Zielony Kraków";
pub const DEMO_NGO_KRS: &str = "0000123456";
/// The district council the demo councillor belongs to (XIII Podgórze).
pub const DEMO_COUNCIL_DISTRICT: u8 = 13;

pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount { email: "anna@demo.krakow.pl", name: "Anna Nowak", role: DemoRole::Resident, district: Some(1) },
    DemoAccount { email: "piotr@demo.krakow.pl", name: "Piotr Kowalski", role: DemoRole::Resident, district: Some(14) },
    DemoAccount {
        email: "olena@demo.krakow.pl",
        name: "Olena Szewczenko",
        role: DemoRole::Resident,
        district: Some(18),
    },
    DemoAccount {
        email: "ngo@demo.krakow.pl", name: "Maria Wiśniewska", role: DemoRole::NgoMember, district: Some(2)
    },
    DemoAccount {
        email: "rada@demo.krakow.pl",
        name: "Jan Zieliński",
        role: DemoRole::CouncilMember,
        district: Some(DEMO_COUNCIL_DISTRICT),
    },
    DemoAccount {
        email: "zielen@demo.krakow.pl",
        name: "Katarzyna Lis (ZZM)",
        role: DemoRole::Verifier,
        district: None,
    },
    DemoAccount {
        email: "komisja@demo.krakow.pl",
        name: "Marek Dudek (komisja)",
        role: DemoRole::PollOfficer,
        district: None,
    },
    DemoAccount {
        email: "moderator@demo.krakow.pl",
        name: "Ewa Mazur (DK-04)",
        role: DemoRole::Moderator,
        district: None,
    },
    DemoAccount {
        email: "redaktor@demo.krakow.pl",
        name: "Tomasz Wójcik (DK-06)",
        role: DemoRole::Editor,
        district: None,
    },
    DemoAccount { email: "admin@demo.krakow.pl", name: "Administrator", role: DemoRole::Admin, district: None },
];

/// Creates the demo accounts and their organisations if missing; returns how many
/// accounts were added. Idempotent: a restart in demo mode adds nothing twice.
#[cfg(feature = "ssr")]
pub async fn load(db: &crate::db::Db, now: i64) -> Result<usize, crate::error::AppError> {
    use super::model::Role;
    use super::storage;
    let hash = super::password::hash(DEMO_PASSWORD.to_owned()).await?;
    let ngo = match storage::create_ngo(
        db,
        &storage::NewNgo { name: DEMO_NGO_NAME, krs: DEMO_NGO_KRS, regon: None, nip: None },
        now,
    )
    .await?
    {
        Some(id) => id,
        None => {
            let (id,): (i64,) =
                sqlx::query_as("select id from organisations where krs = $1").bind(DEMO_NGO_KRS).fetch_one(db).await?;
            id
        }
    };
    let (council,): (i64,) = sqlx::query_as("select id from organisations where district = $1")
        .bind(i64::from(DEMO_COUNCIL_DISTRICT))
        .fetch_one(db)
        .await?;
    let mut added = 0;
    for account in DEMO_ACCOUNTS {
        let Some(id) =
            storage::create_local_user(db, account.email, account.name, &hash, super::model::UserStatus::Active, now)
                .await?
        else {
            continue;
        };
        added += 1;
        let district = account.district.and_then(crate::domain::district::District::new);
        storage::update_profile(db, id, account.name, district, now).await?;
        match account.role {
            DemoRole::Resident | DemoRole::Verifier | DemoRole::PollOfficer => {}
            DemoRole::NgoMember => {
                storage::upsert_member(db, ngo, id, true, now).await?;
            }
            DemoRole::CouncilMember => {
                storage::upsert_member(db, council, id, true, now).await?;
            }
            DemoRole::Moderator => {
                storage::set_role(db, id, Role::Moderator, true, id, now).await?;
            }
            DemoRole::Editor => {
                storage::set_role(db, id, Role::Editor, true, id, now).await?;
            }
            DemoRole::Admin => {
                storage::set_role(db, id, Role::Admin, true, id, now).await?;
            }
        }
    }
    Ok(added)
}
