//! The civic-budget vote in the database (server only): who may vote and how they are
//! recognised (only a keyed hash of their identifier is kept), the ballot rules of an
//! edition, casting a vote (one per person, enforced by a unique constraint, the
//! participation and the ballot written in one transaction and joined by nothing a
//! database reader holds), the receipt code, sealing the ballot set with its digest, the
//! count, and the anonymised ballots in the Pabulib format.

pub use super::model::{
    BallotProject, ConflictRule, PoolResult, ProjectResult, Receipt, Results, Turnout, VoteSettings,
};
use crate::accounts::tokens::hex;
use crate::db::Db;
use crate::domain::ballot::{Ballot, BallotRules, Scheme};
use crate::domain::budget::{Calendar, Phase};
use crate::domain::district::District;
use crate::domain::initiative::Grosze;
use crate::domain::pabulib;
use crate::domain::tally::{self, Funding};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// The server's secret for identity hashes and ballot seals. Its `Debug` shows nothing.
#[derive(Clone, Default)]
pub struct IdentityKey(std::sync::Arc<[u8; 32]>);

impl std::fmt::Debug for IdentityKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdentityKey(…)")
    }
}

impl IdentityKey {
    pub fn new(bytes: [u8; 32]) -> Self {
        IdentityKey(std::sync::Arc::new(bytes))
    }

    /// HMAC-SHA256 of `value` for one `purpose` (so hashes of one kind never match
    /// another's), hex-encoded.
    pub fn hash(&self, purpose: &str, value: &str) -> String {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(self.0.as_slice()) else {
            unreachable!("HMAC takes keys of any length")
        };
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

/// A recognised voter: the keyed hash of their identifier and, when known, their date
/// of birth (for the age rule and the integrity report's age signal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub hash: String,
    pub birth_date: Option<time::Date>,
}

/// How a voter is recognised. The clear identifier lives only in the request.
pub trait IdentitySource {
    /// The identity, or the code of what is wrong with what was given.
    fn identify(&self, key: &IdentityKey) -> Result<Identity, &'static str>;
}

/// The Kraków way today: a PESEL, or for a foreigner without one, the date of birth
/// and an identity document's number.
#[derive(Clone, Debug, Default)]
pub struct Declared {
    pub pesel: String,
    pub birth_date: String,
    pub document: String,
}

fn pesel_identity(key: &IdentityKey, text: &str) -> Result<Identity, &'static str> {
    let pesel = crate::domain::identifiers::Pesel::parse(text).ok_or("vote_pesel_invalid")?;
    Ok(Identity { hash: key.hash("pesel", text.trim()), birth_date: pesel.birth_date() })
}

impl IdentitySource for Declared {
    fn identify(&self, key: &IdentityKey) -> Result<Identity, &'static str> {
        if !self.pesel.trim().is_empty() {
            return pesel_identity(key, &self.pesel);
        }
        if self.birth_date.trim().is_empty() && self.document.trim().is_empty() {
            return Err("vote_identity_missing");
        }
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let birth = time::Date::parse(self.birth_date.trim(), format).map_err(|_| "vote_birth_date_invalid")?;
        let document: String =
            self.document.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_uppercase).collect();
        if !(5..=20).contains(&document.len()) || !document.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err("vote_document_invalid");
        }
        Ok(Identity { hash: key.hash("document", &format!("{birth}|{document}")), birth_date: Some(birth) })
    }
}

/// Identity asserted by the OpenID Connect provider (the city's SSO or the national
/// login). When the provider vouches for a PESEL, the hash is the PESEL's, so one person
/// cannot vote once through each route.
#[derive(Clone, Debug)]
pub struct Provider {
    pub issuer: String,
    pub subject: String,
    pub pesel: Option<String>,
}

impl IdentitySource for Provider {
    fn identify(&self, key: &IdentityKey) -> Result<Identity, &'static str> {
        match &self.pesel {
            Some(pesel) => pesel_identity(key, pesel),
            None => {
                Ok(Identity { hash: key.hash("oidc", &format!("{}|{}", self.issuer, self.subject)), birth_date: None })
            }
        }
    }
}

/// Keeps (with `None`: forgets) the voting identity a sign-in provider vouches for, on
/// the account's link to the provider: the keyed hash and the date of birth, never the
/// identifier.
pub async fn vouch(db: &Db, issuer: &str, subject: &str, identity: Option<&Identity>) -> Result<(), sqlx::Error> {
    sqlx::query("update identities set voter_hash = $1, voter_birth_date = $2 where issuer = $3 and subject = $4")
        .bind(identity.map(|i| i.hash.clone()))
        .bind(identity.and_then(|i| i.birth_date).map(|d| d.to_string()))
        .bind(issuer)
        .bind(subject)
        .execute(db)
        .await?;
    Ok(())
}

/// The voting identity a sign-in provider vouched for on an account, if one did.
pub async fn vouched(db: &Db, user_id: i64) -> Result<Option<Identity>, sqlx::Error> {
    let row: Option<(String, Option<String>)> = sqlx::query_as(
        "select voter_hash, voter_birth_date from identities \
         where user_id = $1 and voter_hash is not null order by created_at desc limit 1",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await?;
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Ok(row.map(|(hash, birth)| Identity { hash, birth_date: birth.and_then(|b| time::Date::parse(&b, format).ok()) }))
}

fn scheme_code(scheme: &Scheme) -> &'static str {
    match scheme {
        Scheme::Ranked { .. } => "ranked",
        Scheme::Approval => "approval",
        Scheme::Knapsack => "knapsack",
    }
}

fn funding_code(funding: Funding) -> &'static str {
    match funding {
        Funding::Skip => "skip",
        Funding::Stop => "stop",
    }
}

impl VoteSettings {
    /// Kraków's settings with a fresh random seed.
    pub fn krakow() -> Self {
        let mut seed = [0u8; 8];
        rand::rngs::OsRng.fill_bytes(&mut seed);
        VoteSettings {
            ballot: BallotRules::default(),
            funding: Funding::Skip,
            conflict_rule: ConflictRule::Earlier,
            draw_seed: hex(&seed),
        }
    }
}

type RulesRow = (String, String, i64, i64, String, String, String);

/// The settings of an edition (Kraków's until DK-04 saves others).
pub async fn settings(db: &Db, year: i64) -> Result<VoteSettings, sqlx::Error> {
    let row: Option<RulesRow> = sqlx::query_as(
        "select scheme, points, district_choices, city_choices, funding, conflict_rule, draw_seed \
         from budget_ballot_rules where year = $1",
    )
    .bind(year)
    .fetch_optional(db)
    .await?;
    let Some((scheme, points, district, city, funding, conflict, seed)) = row else {
        return Ok(VoteSettings { draw_seed: format!("{year}"), ..VoteSettings::krakow() });
    };
    let scheme = match scheme.as_str() {
        "approval" => Scheme::Approval,
        "knapsack" => Scheme::Knapsack,
        _ => Scheme::Ranked { points: points.split(',').filter_map(|p| p.trim().parse().ok()).collect() },
    };
    Ok(VoteSettings {
        ballot: BallotRules {
            scheme,
            district_choices: u8::try_from(district).unwrap_or(0),
            city_choices: u8::try_from(city).unwrap_or(0),
        },
        funding: if funding == "stop" { Funding::Stop } else { Funding::Skip },
        conflict_rule: ConflictRule::parse(&conflict).unwrap_or(ConflictRule::Earlier),
        draw_seed: seed,
    })
}

/// Saves an edition's settings; refused (`rule_locked`) once voting has opened, and
/// unsound rules are refused with their code.
pub async fn save_settings(
    db: &Db,
    year: i64,
    s: &VoteSettings,
    by: Option<i64>,
    now: i64,
) -> Result<Result<(), &'static str>, sqlx::Error> {
    if let Err(code) = s.ballot.sound() {
        return Ok(Err(code));
    }
    let mut tx = db.begin().await?;
    let voting: Option<(i64,)> = sqlx::query_as("select voting_starts from budget_editions where year = $1")
        .bind(year)
        .fetch_optional(&mut *tx)
        .await?;
    match voting {
        None => return Ok(Err("edition_missing")),
        Some((starts,)) if now >= starts => return Ok(Err("rule_locked")),
        Some(_) => {}
    }
    let points = match &s.ballot.scheme {
        Scheme::Ranked { points } => points.iter().map(u32::to_string).collect::<Vec<_>>().join(","),
        _ => String::new(),
    };
    sqlx::query(
        "insert into budget_ballot_rules (year, scheme, points, district_choices, city_choices, funding, \
         conflict_rule, draw_seed, updated_at, updated_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         on conflict (year) do update set scheme = $2, points = $3, district_choices = $4, city_choices = $5, \
         funding = $6, conflict_rule = $7, draw_seed = $8, updated_at = $9, updated_by = $10",
    )
    .bind(year)
    .bind(scheme_code(&s.ballot.scheme))
    .bind(points)
    .bind(i64::from(s.ballot.district_choices))
    .bind(i64::from(s.ballot.city_choices))
    .bind(funding_code(s.funding))
    .bind(s.conflict_rule.code())
    .bind(&s.draw_seed)
    .bind(now)
    .bind(by)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// The projects on the ballot of `year`, in number order.
pub async fn ballot_projects(db: &Db, year: i64) -> Result<Vec<BallotProject>, sqlx::Error> {
    type Row = (i64, i64, Option<i64>, Option<String>, String, Option<i64>, Option<i64>, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "select id, year, seq, external_id, title, district, verified_cost_grosze, cost_grosze from budget_projects \
         where year = $1 and status = 'on_ballot' order by seq",
    )
    .bind(year)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, year, seq, external, title, district, verified, cost)| BallotProject {
            id,
            number: external
                .unwrap_or_else(|| crate::domain::budget_project::project_number(year, seq.unwrap_or_default())),
            title,
            district: district.and_then(|d| u8::try_from(d).ok()),
            cost: verified.or(cost).unwrap_or_default(),
        })
        .collect())
}

/// An edition's calendar, pools and minimum age, as casting needs them.
async fn calendar(db: &Db, year: i64) -> Result<Option<(Calendar, Option<i64>)>, sqlx::Error> {
    type Row = (i64, i64, i64, i64, i64, i64, Option<i64>);
    let row: Option<Row> = sqlx::query_as(
        "select submission_starts, verification_starts, protests_start, final_list_starts, voting_starts, \
         results_start, min_voter_age from budget_editions where year = $1",
    )
    .bind(year)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(s, v, p, f, vo, r, age)| {
        (
            Calendar {
                submission_starts: s,
                verification_starts: v,
                protests_start: p,
                final_list_starts: f,
                voting_starts: vo,
                results_start: r,
            },
            age,
        )
    }))
}

/// Where a vote comes from, for the integrity report (kept only as keyed hashes).
#[derive(Clone, Debug, Default)]
pub struct Origin {
    pub user_id: Option<i64>,
    pub ip: Option<String>,
    pub device: Option<String>,
}

/// The outcome of casting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cast {
    /// Stored; the voter's receipt code.
    Stored { receipt: String },
    /// This person has already voted in this edition (nothing stored).
    AlreadyVoted,
    /// Voting is not open.
    Closed,
    /// Younger than the edition's minimum age.
    TooYoung,
    /// A resident register is loaded and the identity is not in it.
    NotResident,
}

/// A receipt code: 12 characters from an alphabet without look-alikes, in three groups.
pub fn new_receipt() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut bytes = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let chars: Vec<char> = bytes.iter().map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()])).collect();
    chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// What the published ballot set shows of a receipt code: its SHA-256, 20 hex digits.
/// Case, spaces and dashes do not matter.
pub fn receipt_id(code: &str) -> String {
    let clean: String = code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect();
    let digest = hex(&Sha256::digest(format!("receipt:{clean}").as_bytes()));
    digest[..20].to_owned()
}

pub(crate) fn random_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

fn join_ids(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

fn split_ids(text: &str) -> Vec<i64> {
    text.split(',').filter_map(|id| id.trim().parse().ok()).collect()
}

/// The whole years between a date of birth and an instant.
pub fn age_at(birth: time::Date, now: i64) -> i32 {
    let today = time::OffsetDateTime::from_unix_timestamp(now).map(|t| t.date()).unwrap_or(birth);
    let mut age = today.year() - birth.year();
    if (today.month() as u8, today.day()) < (birth.month() as u8, birth.day()) {
        age -= 1;
    }
    age
}

/// Whether a resident register is loaded for checking residency.
async fn register_loaded(db: &Db) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_as::<_, (i64,)>("select 1 from budget_resident_register limit 1")
        .fetch_optional(db)
        .await?
        .is_some())
}

/// Whether `identity` may vote in `year` now: the voting phase, the minimum age, the
/// resident register when one is loaded. `None` when it may.
async fn admit(db: &Db, year: i64, identity: &Identity, now: i64) -> Result<Option<Cast>, sqlx::Error> {
    let Some((calendar, min_age)) = calendar(db, year).await? else {
        return Ok(Some(Cast::Closed));
    };
    if calendar.phase_at(now) != Phase::Voting {
        return Ok(Some(Cast::Closed));
    }
    if let (Some(min), Some(birth)) = (min_age, identity.birth_date) {
        if i64::from(age_at(birth, now)) < min {
            return Ok(Some(Cast::TooYoung));
        }
    }
    if register_loaded(db).await? {
        let listed: Option<(i64,)> = sqlx::query_as("select 1 from budget_resident_register where identity_hash = $1")
            .bind(&identity.hash)
            .fetch_optional(db)
            .await?;
        if listed.is_none() {
            return Ok(Some(Cast::NotResident));
        }
    }
    Ok(None)
}

/// One vote ready to be written: only hashes of the identity, address and device.
struct Pending {
    year: i64,
    identity_hash: String,
    birth_year: Option<i64>,
    user_id: Option<i64>,
    ip_hash: Option<String>,
    device_hash: Option<String>,
    now: i64,
    ballot_id: String,
    ballot: Ballot,
    receipt: String,
}

impl Pending {
    fn new(key: &IdentityKey, year: i64, identity: &Identity, ballot: &Ballot, origin: &Origin, now: i64) -> Self {
        Pending {
            year,
            identity_hash: identity.hash.clone(),
            birth_year: identity.birth_date.map(|d| i64::from(d.year())),
            user_id: origin.user_id,
            ip_hash: origin.ip.as_deref().map(|ip| key.hash("ip", ip)[..16].to_owned()),
            device_hash: origin.device.as_deref().map(|d| key.hash("device", d)[..16].to_owned()),
            now,
            ballot_id: random_id(),
            ballot: ballot.clone(),
            receipt: new_receipt(),
        }
    }
}

/// Writes votes in one transaction: for each, the participation first, so that a second
/// vote of the same person (or account) stops at the unique constraint, also against
/// another vote of the same batch or of a concurrent transaction, which it waits for;
/// the ballot only when the participation was written.
async fn write(db: &Db, key: &IdentityKey, votes: &[Pending]) -> Result<Vec<Cast>, sqlx::Error> {
    // Taken before the transaction: an append waiting for the database's write lock
    // while holding this one would otherwise wait for us, and we for it.
    let audit_lock = crate::accounts::audit::lock().await;
    let mut tx = db.begin().await?;
    let mut outcomes = Vec::with_capacity(votes.len());
    let mut events = Vec::new();
    for v in votes {
        let inserted = sqlx::query(
            "insert into budget_participations (year, identity_hash, channel, district, birth_year, user_id, ip_hash, \
             device_hash, cast_minute, ballot_seal) values ($1, $2, 'online', $3, $4, $5, $6, $7, $8, $9) \
             on conflict do nothing",
        )
        .bind(v.year)
        .bind(&v.identity_hash)
        .bind(v.ballot.district.map(i64::from))
        .bind(v.birth_year)
        .bind(v.user_id)
        .bind(&v.ip_hash)
        .bind(&v.device_hash)
        .bind(v.now - v.now.rem_euclid(60))
        .bind(key.hash("seal", &v.ballot_id))
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 0 {
            outcomes.push(Cast::AlreadyVoted);
            continue;
        }
        insert_ballot(&mut tx, v.year, "online", &v.ballot_id, &v.ballot, &receipt_id(&v.receipt), v.now).await?;
        outcomes.push(Cast::Stored { receipt: v.receipt.clone() });
        // The audit log says that this account cast a vote, never what it chose.
        events.push(crate::accounts::audit::Event {
            actor_id: v.user_id,
            action: "budget.vote_cast",
            object_type: "budget_edition",
            object_id: v.year.to_string(),
            before: None,
            after: None,
        });
    }
    crate::accounts::audit::append_in(&mut tx, &events, crate::state::now()).await?;
    tx.commit().await?;
    drop(audit_lock);
    Ok(outcomes)
}

/// Casts a valid ballot online, in a transaction of its own.
pub async fn cast(
    db: &Db,
    key: &IdentityKey,
    year: i64,
    identity: &Identity,
    ballot: &Ballot,
    origin: &Origin,
    now: i64,
) -> Result<Cast, sqlx::Error> {
    if let Some(refused) = admit(db, year, identity, now).await? {
        return Ok(refused);
    }
    let vote = Pending::new(key, year, identity, ballot, origin, now);
    Ok(write(db, key, std::slice::from_ref(&vote)).await?.pop().unwrap_or(Cast::AlreadyVoted))
}

type Reply = tokio::sync::oneshot::Sender<Result<Cast, String>>;

/// Casting under load: one task writes the votes waiting in its queue together, in one
/// transaction (a group commit), so that a durable commit, which SQLite's single writer
/// makes one at a time, carries many votes. Each caller waits for its own outcome; a
/// failed transaction fails the votes in it, and nothing of them is written.
#[derive(Clone)]
pub struct VoteWriter {
    queue: tokio::sync::mpsc::Sender<(Pending, Reply)>,
    db: Db,
    key: IdentityKey,
    ballots: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<i64, CachedBallot>>>,
}

/// An edition's ballot as last read, and when.
type CachedBallot = (std::time::Instant, std::sync::Arc<Vec<BallotProject>>);

/// How long a ballot read for a post is used again. The list is closed before voting
/// opens and no project leaves it while voting runs, so this only bounds how late
/// another instance (or a change outside the platform) is seen.
const BALLOT_FRESH: std::time::Duration = std::time::Duration::from_secs(2);

impl std::fmt::Debug for VoteWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VoteWriter")
    }
}

/// The most votes one transaction carries.
const GROUP: usize = 256;

impl VoteWriter {
    /// Starts the writer on the current Tokio runtime.
    pub fn start(db: Db, key: IdentityKey) -> Self {
        let (queue, mut waiting) = tokio::sync::mpsc::channel::<(Pending, Reply)>(4 * GROUP);
        let (writer_db, writer_key) = (db.clone(), key.clone());
        tokio::spawn(async move {
            while let Some(first) = waiting.recv().await {
                let mut group = vec![first];
                while group.len() < GROUP {
                    match waiting.try_recv() {
                        Ok(next) => group.push(next),
                        Err(_) => break,
                    }
                }
                let (votes, replies): (Vec<Pending>, Vec<Reply>) = group.into_iter().unzip();
                match write(&writer_db, &writer_key, &votes).await {
                    Ok(outcomes) => {
                        for (reply, outcome) in replies.into_iter().zip(outcomes) {
                            let _ = reply.send(Ok(outcome));
                        }
                    }
                    Err(error) => {
                        tracing::error!(%error, votes = votes.len(), "writing a group of votes failed");
                        for reply in replies {
                            let _ = reply.send(Err(error.to_string()));
                        }
                    }
                }
            }
        });
        VoteWriter { queue, db, key, ballots: Default::default() }
    }

    /// The projects on `year`'s ballot. While voting runs (`voting`) the list is closed,
    /// and it is read again at most every [`BALLOT_FRESH`]: every post of a ballot checks
    /// it against them, and under load reading 700 projects for each would cost more than
    /// the rest of the post.
    pub async fn ballot_projects(
        &self,
        year: i64,
        voting: bool,
    ) -> Result<std::sync::Arc<Vec<BallotProject>>, sqlx::Error> {
        if !voting {
            return Ok(std::sync::Arc::new(ballot_projects(&self.db, year).await?));
        }
        let cached = self.ballots.lock().ok().and_then(|b| b.get(&year).cloned());
        if let Some((read, projects)) = cached {
            if read.elapsed() < BALLOT_FRESH {
                return Ok(projects);
            }
        }
        let projects = std::sync::Arc::new(ballot_projects(&self.db, year).await?);
        if let Ok(mut ballots) = self.ballots.lock() {
            ballots.insert(year, (std::time::Instant::now(), projects.clone()));
        }
        Ok(projects)
    }

    /// Casts a valid ballot online through the writer's queue.
    pub async fn cast(
        &self,
        year: i64,
        identity: &Identity,
        ballot: &Ballot,
        origin: &Origin,
        now: i64,
    ) -> Result<Cast, sqlx::Error> {
        if let Some(refused) = admit(&self.db, year, identity, now).await? {
            return Ok(refused);
        }
        let vote = Pending::new(&self.key, year, identity, ballot, origin, now);
        let (reply, outcome) = tokio::sync::oneshot::channel();
        let stopped = || sqlx::Error::Protocol("the vote writer has stopped".into());
        self.queue.send((vote, reply)).await.map_err(|_| stopped())?;
        outcome.await.map_err(|_| stopped())?.map_err(sqlx::Error::Protocol)
    }
}

async fn insert_ballot(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    year: i64,
    channel: &str,
    id: &str,
    ballot: &Ballot,
    receipt: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into budget_ballots (id, year, channel, district, district_choices, city_choices, receipt, cast_day) \
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(year)
    .bind(channel)
    .bind(ballot.district.map(i64::from))
    .bind(join_ids(&ballot.district_projects))
    .bind(join_ids(&ballot.city_projects))
    .bind(receipt)
    .bind(crate::domain::warsaw_time::day_of(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn find_receipt(db: &Db, year: i64, code: &str) -> Result<Option<Receipt>, sqlx::Error> {
    let id = receipt_id(code);
    let row: Option<(i64, Option<i64>, String, String)> = sqlx::query_as(
        "select counted, district, district_choices, city_choices from budget_ballots where year = $1 and receipt = $2",
    )
    .bind(year)
    .bind(&id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(counted, district, d, c)| Receipt {
        receipt: id,
        counted: counted == 1,
        district: district.and_then(|d| u8::try_from(d).ok()),
        district_projects: split_ids(&d),
        city_projects: split_ids(&c),
    }))
}

/// Whether `identity` has voted in `year` (a participation not annulled).
pub async fn has_voted(db: &Db, year: i64, identity_hash: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("select 1 from budget_participations where year = $1 and identity_hash = $2")
            .bind(year)
            .bind(identity_hash)
            .fetch_optional(db)
            .await?;
    Ok(row.is_some())
}

/// The counted ballots of an edition: `(receipt, channel, district, district ids, city ids)`.
type BallotRow = (String, String, Option<i64>, String, String);

async fn counted_ballots(db: &Db, year: i64) -> Result<Vec<BallotRow>, sqlx::Error> {
    sqlx::query_as(
        "select receipt, channel, district, district_choices, city_choices from budget_ballots \
         where year = $1 and counted = 1 order by receipt",
    )
    .bind(year)
    .fetch_all(db)
    .await
}

/// Each pool's ballots, parsed once: for every pool (by district, `None` city-wide) the
/// indices of the ballots that chose in it with their choices there, favourite first.
fn ballots_by_pool(
    projects: &[BallotProject],
    ballots: &[BallotRow],
) -> std::collections::HashMap<Option<u8>, Vec<(usize, Vec<i64>)>> {
    let pool_of: std::collections::HashMap<i64, Option<u8>> = projects.iter().map(|p| (p.id, p.district)).collect();
    let mut pools: std::collections::HashMap<Option<u8>, Vec<(usize, Vec<i64>)>> = Default::default();
    for (i, (_, _, _, d, c)) in ballots.iter().enumerate() {
        for list in [d, c] {
            let ids: Vec<i64> = split_ids(list).into_iter().filter(|id| pool_of.contains_key(id)).collect();
            if let Some(pool) = ids.first().and_then(|id| pool_of.get(id)) {
                pools.entry(*pool).or_default().push((i, ids));
            }
        }
    }
    pools
}

/// The pools of an edition: the city-wide one first, then the districts in order.
async fn pool_budgets(db: &Db, year: i64) -> Result<Vec<(Option<u8>, Grosze)>, sqlx::Error> {
    let Some(edition) = super::storage::edition(db, year).await? else {
        return Ok(Vec::new());
    };
    let mut pools = vec![(None, edition.pools.city_wide)];
    pools.extend(District::all().map(|d| (Some(d.number()), edition.pools.districts[usize::from(d.number()) - 1])));
    Ok(pools)
}

/// The anonymised ballot set of an edition as Pabulib files, one per pool with projects
/// (the city-wide pool first), with the published results in the project rows when
/// `results` is given. Voter ids are the receipts' public ids.
pub async fn pabulib_files(db: &Db, year: i64, results: Option<&Results>) -> Result<Vec<pabulib::File>, sqlx::Error> {
    let projects = ballot_projects(db, year).await?;
    let settings = settings(db, year).await?;
    let ballots = counted_ballots(db, year).await?;
    let mut by_pool = ballots_by_pool(&projects, &ballots);
    let numbers: std::collections::HashMap<i64, &str> = projects.iter().map(|p| (p.id, p.number.as_str())).collect();
    let mut files = Vec::new();
    for (district, budget) in pool_budgets(db, year).await? {
        let in_pool: Vec<&BallotProject> = projects.iter().filter(|p| p.district == district).collect();
        if in_pool.is_empty() {
            continue;
        }
        let votes: Vec<pabulib::Vote> = by_pool
            .remove(&district)
            .unwrap_or_default()
            .into_iter()
            .map(|(i, ids)| pabulib::Vote {
                voter_id: ballots[i].0.clone(),
                vote: ids.iter().filter_map(|id| numbers.get(id)).map(|n| (*n).to_owned()).collect(),
                age: None,
                sex: None,
                neighborhood: None,
            })
            .collect();
        let result = results.and_then(|r| r.pools.iter().find(|p| p.district == district));
        let row = |p: &BallotProject| result.and_then(|r| r.projects.iter().find(|x| x.id == p.id));
        let name = district.and_then(District::new).map(District::name).unwrap_or("Kraków");
        let (vote_type, length) = match &settings.ballot.scheme {
            Scheme::Ranked { points } => ("ordinal", points.len().to_string()),
            Scheme::Approval => ("approval", settings.ballot.choices(group_of(district)).to_string()),
            Scheme::Knapsack => ("approval", String::new()),
        };
        let mut meta = vec![
            ("description".to_owned(), format!("Civic budget of Kraków {year}, {name}")),
            ("country".to_owned(), "Poland".to_owned()),
            ("unit".to_owned(), "Kraków".to_owned()),
        ];
        if let Some(d) = district.and_then(District::new) {
            meta.push(("district".to_owned(), d.name().to_owned()));
        }
        meta.extend([
            ("instance".to_owned(), year.to_string()),
            ("num_projects".to_owned(), in_pool.len().to_string()),
            ("num_votes".to_owned(), votes.len().to_string()),
            ("budget".to_owned(), pabulib::format_money(budget)),
            ("vote_type".to_owned(), vote_type.to_owned()),
            ("rule".to_owned(), "greedy".to_owned()),
            ("max_length".to_owned(), length),
            ("funding".to_owned(), funding_code(settings.funding).to_owned()),
            ("tie_break_seed".to_owned(), settings.draw_seed.clone()),
            ("currency".to_owned(), "PLN".to_owned()),
        ]);
        if let Scheme::Ranked { points } = &settings.ballot.scheme {
            meta.push(("points".to_owned(), points.iter().map(u32::to_string).collect::<Vec<_>>().join(",")));
        }
        files.push(pabulib::File {
            meta,
            projects: in_pool
                .iter()
                .map(|p| pabulib::Project {
                    id: p.number.clone(),
                    cost: p.cost,
                    votes: row(p).map_or(0, |r| r.voters),
                    score: row(p).map_or(0, |r| r.points),
                    name: p.title.clone(),
                    category: String::new(),
                    selected: row(p).is_some_and(|r| r.funded),
                })
                .collect(),
            votes,
        });
    }
    Ok(files)
}

fn group_of(district: Option<u8>) -> crate::domain::ballot::Group {
    match district {
        Some(_) => crate::domain::ballot::Group::District,
        None => crate::domain::ballot::Group::City,
    }
}

/// The SHA-256 digest of a ballot set given as Pabulib files: each file's canonical
/// ballot lines are hashed, and the set's digest is the hash of those hashes in sorted
/// order (so the files may be given in any order).
pub fn digest(files: &[pabulib::File]) -> String {
    let mut each: Vec<String> =
        files.iter().map(|f| hex(&Sha256::digest(f.ballot_lines().join("\n").as_bytes()))).collect();
    each.sort_unstable();
    hex(&Sha256::digest(each.join("\n").as_bytes()))
}

/// Counts one Pabulib pool with the rules its META states (Kraków's points 3, 2, 1 and
/// skipping when absent). Returns the outcomes in rank order.
pub fn count_file(file: &pabulib::File) -> Vec<tally::Outcome> {
    let points: Vec<u32> = match file.meta("points") {
        Some(p) => p.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
        None if file.meta("vote_type") == Some("ordinal") => {
            let n = file.meta("max_length").and_then(|m| m.parse::<u32>().ok()).unwrap_or(3);
            (1..=n).rev().collect()
        }
        None => Vec::new(),
    };
    let funding = if file.meta("funding") == Some("stop") { Funding::Stop } else { Funding::Skip };
    let index: std::collections::HashMap<&str, usize> =
        file.projects.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let ballots: Vec<Vec<usize>> =
        file.votes.iter().map(|v| v.vote.iter().filter_map(|id| index.get(id.as_str()).copied()).collect()).collect();
    let costs: Vec<Grosze> = file.projects.iter().map(|p| p.cost).collect();
    let numbers: Vec<&str> = file.projects.iter().map(|p| p.id.as_str()).collect();
    tally::count(
        file.budget().unwrap_or_default(),
        &costs,
        &numbers,
        ballots.iter().map(Vec::as_slice),
        |position| if points.is_empty() { 1 } else { points.get(position).copied().unwrap_or(0) },
        funding,
        file.meta("tie_break_seed").unwrap_or_default(),
    )
}

/// Counts an edition from its counted ballots.
pub async fn count(db: &Db, year: i64, digest_text: &str) -> Result<Results, sqlx::Error> {
    let settings = settings(db, year).await?;
    let projects = ballot_projects(db, year).await?;
    let ballots = counted_ballots(db, year).await?;
    let mut by_pool = ballots_by_pool(&projects, &ballots);
    let mut pools = Vec::new();
    for (district, budget) in pool_budgets(db, year).await? {
        let in_pool: Vec<&BallotProject> = projects.iter().filter(|p| p.district == district).collect();
        if in_pool.is_empty() {
            continue;
        }
        let index: std::collections::HashMap<i64, usize> = in_pool.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let chosen: Vec<Vec<usize>> = by_pool
            .remove(&district)
            .unwrap_or_default()
            .into_iter()
            .map(|(_, ids)| ids.iter().filter_map(|id| index.get(id).copied()).collect())
            .collect();
        let costs: Vec<Grosze> = in_pool.iter().map(|p| p.cost).collect();
        let numbers: Vec<&str> = in_pool.iter().map(|p| p.number.as_str()).collect();
        let outcomes = tally::count(
            budget,
            &costs,
            &numbers,
            chosen.iter().map(Vec::as_slice),
            |position| settings.ballot.points_at(position),
            settings.funding,
            &settings.draw_seed,
        );
        pools.push(PoolResult {
            district,
            budget,
            ballots: chosen.len() as u64,
            projects: outcomes
                .into_iter()
                .map(|o| {
                    let p = in_pool[o.index];
                    ProjectResult {
                        id: p.id,
                        number: p.number.clone(),
                        title: p.title.clone(),
                        cost: p.cost,
                        points: o.points,
                        voters: o.voters,
                        rank: o.rank,
                        funded: o.funded,
                        drawn: o.drawn,
                    }
                })
                .collect(),
        });
    }
    let mut turnout = Turnout::default();
    for (_, channel, district, _, _) in &ballots {
        let d = district.and_then(|d| u8::try_from(d).ok()).unwrap_or(0);
        let slot = match turnout.districts.iter().position(|t| t.0 == d) {
            Some(i) => i,
            None => {
                turnout.districts.push((d, 0, 0, 0));
                turnout.districts.len() - 1
            }
        };
        let row = &mut turnout.districts[slot];
        match channel.as_str() {
            "online" => row.1 += 1,
            "paper" => row.2 += 1,
            _ => row.3 += 1,
        }
        turnout.total += 1;
    }
    turnout.districts.sort_unstable_by_key(|t| t.0);
    Ok(Results {
        year,
        digest: digest_text.to_owned(),
        draw_seed: settings.draw_seed,
        funding: settings.funding,
        turnout,
        pools,
    })
}

/// Why sealing or publishing was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TallyRefusal {
    /// Voting has not ended.
    VotingOpen,
    /// Paper batches wait for approval or conflicts for a decision.
    PaperPending,
    AlreadySealed,
    NotSealed,
    AlreadyPublished,
}

impl TallyRefusal {
    pub fn code(self) -> &'static str {
        match self {
            TallyRefusal::VotingOpen => "tally_voting_open",
            TallyRefusal::PaperPending => "tally_paper_pending",
            TallyRefusal::AlreadySealed => "tally_sealed",
            TallyRefusal::NotSealed => "tally_not_sealed",
            TallyRefusal::AlreadyPublished => "tally_published",
        }
    }
}

/// Seals the ballot set once voting has ended and every paper card is settled: its
/// digest is stored and published, and no ballot is added or annulled afterwards.
pub async fn seal(db: &Db, year: i64, by: Option<i64>, now: i64) -> Result<Result<String, TallyRefusal>, sqlx::Error> {
    let Some((calendar, _)) = calendar(db, year).await? else {
        return Ok(Err(TallyRefusal::VotingOpen));
    };
    if calendar.phase_at(now) != Phase::Results {
        return Ok(Err(TallyRefusal::VotingOpen));
    }
    let pending: (i64,) = sqlx::query_as(
        "select (select count(*) from budget_paper_batches where year = $1 and approved_at is null) + \
         (select count(*) from budget_paper_cards c join budget_paper_batches b on b.id = c.batch_id \
          where b.year = $1 and c.status = 'conflict')",
    )
    .bind(year)
    .fetch_one(db)
    .await?;
    if pending.0 > 0 {
        return Ok(Err(TallyRefusal::PaperPending));
    }
    let files = pabulib_files(db, year, None).await?;
    let digest = digest(&files);
    let ballots: (i64,) = sqlx::query_as("select count(*) from budget_ballots where year = $1 and counted = 1")
        .bind(year)
        .fetch_one(db)
        .await?;
    let inserted = sqlx::query(
        "insert into budget_tallies (year, sealed_at, sealed_by, digest, ballots) values ($1, $2, $3, $4, $5) \
         on conflict (year) do nothing",
    )
    .bind(year)
    .bind(now)
    .bind(by)
    .bind(&digest)
    .bind(ballots.0)
    .execute(db)
    .await?;
    if inserted.rows_affected() == 0 {
        return Ok(Err(TallyRefusal::AlreadySealed));
    }
    if super::projects::backend(db) == crate::db::Backend::Postgres {
        // The heap keeps the order rows were inserted in; rewriting it in id order
        // leaves nothing of the order of casting (SQLite's table has no rowid).
        sqlx::query("cluster budget_ballots using budget_ballots_pkey").execute(db).await?;
    }
    Ok(Ok(digest))
}

/// The sealed set's digest and count, and the published results, if any.
pub async fn tally_of(db: &Db, year: i64) -> Result<Option<(String, i64, Option<Results>)>, sqlx::Error> {
    let row: Option<(String, i64, Option<String>)> =
        sqlx::query_as("select digest, ballots, results from budget_tallies where year = $1")
            .bind(year)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(digest, ballots, results)| (digest, ballots, results.and_then(|r| serde_json::from_str(&r).ok()))))
}

/// Counts the sealed set and publishes the results (once).
pub async fn publish(
    db: &Db,
    year: i64,
    by: Option<i64>,
    now: i64,
) -> Result<Result<Results, TallyRefusal>, sqlx::Error> {
    let Some((digest, _, published)) = tally_of(db, year).await? else {
        return Ok(Err(TallyRefusal::NotSealed));
    };
    if published.is_some() {
        return Ok(Err(TallyRefusal::AlreadyPublished));
    }
    let results = count(db, year, &digest).await?;
    let json = serde_json::to_string(&results).unwrap_or_default();
    let updated = sqlx::query(
        "update budget_tallies set results = $2, published_at = $3, published_by = $4 \
         where year = $1 and results is null",
    )
    .bind(year)
    .bind(json)
    .bind(now)
    .bind(by)
    .execute(db)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(Err(TallyRefusal::AlreadyPublished));
    }
    Ok(Ok(results))
}

/// The published results of `year`.
pub async fn results(db: &Db, year: i64) -> Result<Option<Results>, sqlx::Error> {
    Ok(tally_of(db, year).await?.and_then(|(_, _, r)| r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_are_keyed_hashes_and_the_clear_value_is_not_kept() {
        let key = IdentityKey::new([7; 32]);
        let other = IdentityKey::new([8; 32]);
        let declared = Declared { pesel: "44051401359".into(), ..Default::default() };
        let a = declared.identify(&key).unwrap();
        assert_eq!(a.hash.len(), 64);
        assert!(!a.hash.contains("44051401359"));
        assert_ne!(a.hash, declared.identify(&other).unwrap().hash, "another key, another hash");
        assert_eq!(a.birth_date.map(|d| d.year()), Some(1944));
        // The provider vouching for the same PESEL gives the same identity.
        let sso = Provider { issuer: "https://id".into(), subject: "x".into(), pesel: Some("44051401359".into()) };
        assert_eq!(sso.identify(&key).unwrap().hash, a.hash);
        let bare = Provider { issuer: "https://id".into(), subject: "x".into(), pesel: None };
        assert_ne!(bare.identify(&key).unwrap().hash, a.hash);
        assert_eq!(
            Declared { pesel: "44051401358".into(), ..Default::default() }.identify(&key),
            Err("vote_pesel_invalid")
        );
        assert_eq!(Declared::default().identify(&key), Err("vote_identity_missing"));
        let foreigner =
            Declared { birth_date: "1990-02-28".into(), document: "fx 123-456".into(), ..Default::default() };
        let f = foreigner.identify(&key).unwrap();
        let same = Declared { birth_date: "1990-02-28".into(), document: "FX123456".into(), ..Default::default() };
        assert_eq!(same.identify(&key).unwrap().hash, f.hash, "spaces, dashes and case do not matter");
        let bad_date = Declared { birth_date: "28.02.1990".into(), document: "FX123456".into(), ..Default::default() };
        assert_eq!(bad_date.identify(&key), Err("vote_birth_date_invalid"));
        let bad_doc = Declared { birth_date: "1990-02-28".into(), document: "<x>".into(), ..Default::default() };
        assert_eq!(bad_doc.identify(&key), Err("vote_document_invalid"));
        assert_eq!(format!("{key:?}"), "IdentityKey(…)");
    }

    #[test]
    fn receipts_are_random_and_their_public_id_ignores_typing() {
        let code = new_receipt();
        assert_eq!(code.len(), 14);
        assert_ne!(code, new_receipt());
        assert_eq!(receipt_id(&code), receipt_id(&code.to_lowercase().replace('-', " ")));
        assert_eq!(receipt_id(&code).len(), 20);
    }

    #[test]
    fn ages_count_whole_years() {
        let birth = time::macros::date!(2010 - 09 - 20);
        let at = |d: time::Date| d.midnight().assume_utc().unix_timestamp();
        assert_eq!(age_at(birth, at(time::macros::date!(2026 - 09 - 19))), 15);
        assert_eq!(age_at(birth, at(time::macros::date!(2026 - 09 - 20))), 16);
    }

    #[test]
    fn the_digest_does_not_depend_on_the_order_of_files_or_ballots() {
        let file = |lines: &[&str]| pabulib::File {
            meta: vec![("budget".into(), "10".into())],
            projects: vec![],
            votes: lines
                .iter()
                .map(|l| pabulib::Vote {
                    voter_id: l.to_string(),
                    vote: vec!["P".into()],
                    age: None,
                    sex: None,
                    neighborhood: None,
                })
                .collect(),
        };
        let a = file(&["1", "2"]);
        let b = file(&["3"]);
        assert_eq!(digest(&[a.clone(), b.clone()]), digest(&[b.clone(), file(&["2", "1"])]));
        assert_ne!(digest(&[a, b]), digest(&[file(&["1", "2", "3"])]));
    }
}
