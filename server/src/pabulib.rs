//! The vote's commands: `import-pabulib` loads past editions from Pabulib files (one per
//! `instance` year found in the files), `recount` recomputes every pool of a published
//! ballot set and compares it with the results the files state, `import-register` loads
//! the register of residents (as keyed hashes), `bench-vote` prepares the load test.

use app::budget::voting::{count_file, digest};
use app::domain::pabulib::File;
use std::path::{Path, PathBuf};

/// Reads and parses one file, naming it in any error.
pub fn read(path: &Path) -> Result<File, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    File::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// One pool's recount against what its file states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolCheck {
    pub name: String,
    pub projects: usize,
    pub ballots: usize,
    pub funded: usize,
    /// Projects whose recounted points, voters or funding differ from the file's.
    pub differences: Vec<String>,
}

/// Recounts each file with the platform's rules.
pub fn check(file: &File, name: &str) -> PoolCheck {
    let outcomes = count_file(file);
    let mut differences = Vec::new();
    for o in &outcomes {
        let p = &file.projects[o.index];
        if o.points != p.score || o.voters != p.votes || o.funded != p.selected {
            differences.push(format!(
                "{}: points {} (file {}), voters {} (file {}), funded {} (file {})",
                p.id, o.points, p.score, o.voters, p.votes, o.funded, p.selected
            ));
        }
    }
    PoolCheck {
        name: name.to_owned(),
        projects: file.projects.len(),
        ballots: file.votes.len(),
        funded: outcomes.iter().filter(|o| o.funded).count(),
        differences,
    }
}

/// `server recount FILE…`: the digest of the set, then one line per pool; an error
/// (exit 1) when any pool differs from its file.
#[allow(clippy::print_stdout)] // The report is the command's output.
pub fn recount(paths: &[PathBuf]) -> Result<(), String> {
    if paths.is_empty() {
        return Err("recount: name at least one .pb file".into());
    }
    let mut files = Vec::new();
    for path in paths {
        files.push((path.display().to_string(), read(path)?));
    }
    let set: Vec<File> = files.iter().map(|(_, f)| f.clone()).collect();
    println!("ballot set digest (SHA-256): {}", digest(&set));
    let mut failed = 0;
    for (name, file) in &files {
        let c = check(file, name);
        let verdict = if c.differences.is_empty() { "matches" } else { "DIFFERS" };
        println!("{verdict}: {} ({} projects, {} ballots, {} funded)", c.name, c.projects, c.ballots, c.funded);
        for d in &c.differences {
            println!("  {d}");
        }
        failed += usize::from(!c.differences.is_empty());
    }
    match failed {
        0 => Ok(()),
        n => Err(format!("{n} of {} pools differ from their published results", files.len())),
    }
}

/// `server import-pabulib FILE…`: one past edition per year found in the files.
#[allow(clippy::print_stdout)] // The report is the command's output.
pub async fn import(db: &app::db::Db, paths: &[PathBuf]) -> Result<(), String> {
    let mut by_year: std::collections::BTreeMap<String, Vec<File>> = Default::default();
    for path in paths {
        let file = read(path)?;
        let year = file.meta("instance").unwrap_or_default().to_owned();
        by_year.entry(year).or_default().push(file);
    }
    for (year, files) in by_year {
        let results = app::budget::import::import(db, &files, app::state::now())
            .await
            .map_err(|e| format!("import of {year}: {e}"))?
            .map_err(|e| format!("import of {year}: {e}"))?;
        let ballots: u64 = results.turnout.total;
        println!("edition {year}: {} pools, {ballots} ballots, digest {}", results.pools.len(), results.digest);
        for pool in &results.pools {
            let name = pool.district.and_then(app::domain::district::District::new).map_or("city-wide", |d| d.name());
            let funded = pool.projects.iter().filter(|p| p.funded).count();
            println!("  {name}: {} projects, {} ballots, {funded} funded", pool.projects.len(), pool.ballots);
        }
    }
    Ok(())
}

/// A valid PESEL for load-test voter `i`, born in `year` (1900–1999); unique per `i`
/// below 3,360,000 (the serial, month and day all come from it).
fn synthetic_pesel(year: u32, i: usize) -> String {
    let month = 1 + (i / 10_000) % 12;
    let day = 1 + (i / 120_000) % 28;
    let base = format!("{:02}{month:02}{day:02}{:04}", year % 100, i % 10_000);
    let weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    let sum: u32 = base.bytes().zip(weights).map(|(b, w)| u32::from(b - b'0') * w).sum();
    format!("{base}{}", (10 - sum % 10) % 10)
}

/// `server bench-vote`: the edition, the voters and their ballots for the load test.
#[allow(clippy::print_stdout)] // The summary is the command's output.
pub async fn bench_vote(db: &app::db::Db, folder: &Path, count: usize, out: &Path) -> Result<(), String> {
    use app::domain::district::District;
    let mut files = Vec::new();
    let entries = std::fs::read_dir(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths.iter().filter(|p| p.to_string_lossy().contains("_2024")) {
        files.push(read(path)?);
    }
    let city = files.iter().find(|f| f.meta("district").is_none()).ok_or("no 2024 city-wide file")?.clone();
    let now = app::state::now();
    let year = i64::from(app::initiatives::storage::warsaw_date(now).0) + 20;
    let ids = app::budget::import::voting_edition(db, &files, year, now)
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("bench-vote: {e}"))?;
    let districts: Vec<(u8, &File)> =
        files.iter().filter_map(|f| f.meta("district").and_then(District::by_name).map(|d| (d.number(), f))).collect();
    let mut next_in_district = [0usize; 19];
    let mut lines = String::new();
    let mut tokens = Vec::with_capacity(count);
    for chunk in (0..count).collect::<Vec<_>>().chunks(500) {
        let mut tx = db.begin().await.map_err(|e| e.to_string())?;
        for _ in chunk {
            let (user,): (i64,) = sqlx::query_as(
                "insert into users (display_name, status, created_at, updated_at) values ('Głosujący', 'active', $1, $1) \
                 returning id",
            )
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| e.to_string())?;
            let token = app::accounts::tokens::random_token();
            sqlx::query("insert into sessions (id_hash, user_id, created_at, last_seen_at) values ($1, $2, $3, $3)")
                .bind(app::accounts::tokens::digest(&token))
                .bind(user)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(|e| e.to_string())?;
            tokens.push(token);
        }
        tx.commit().await.map_err(|e| e.to_string())?;
    }
    for (i, token) in tokens.iter().enumerate() {
        // The real 2024 ballots, in turn: a city-wide one and, from the voter's own
        // district, the next district ballot.
        let vote = &city.votes[i % city.votes.len()];
        let district = vote.neighborhood.as_deref().and_then(District::by_name).map_or(1, |d| d.number());
        let Some((_, file)) = districts.iter().find(|(d, _)| *d == district) else {
            continue;
        };
        let slot = &mut next_in_district[usize::from(district)];
        let own = &file.votes[*slot % file.votes.len()];
        *slot += 1;
        let born = 2024 - vote.age.unwrap_or(40).clamp(16, 99);
        let mut form = format!("district={district}&pesel={}&intent=cast", synthetic_pesel(born, i));
        for ranking in [&own.vote, &vote.vote] {
            for (position, project) in ranking.iter().enumerate() {
                if let Some(id) = ids.get(project) {
                    form.push_str(&format!("&p{id}={}", 3 - position.min(2)));
                }
            }
        }
        lines.push_str(token);
        lines.push('\t');
        lines.push_str(&form);
        lines.push('\n');
    }
    std::fs::write(out, lines).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("edition {year}: {} projects, {count} voters with their ballots in {}", ids.len(), out.display());
    Ok(())
}

/// `server import-register FILE`: every line's identifier as a keyed hash; a line that
/// is no valid identifier stops the import with its number, and nothing is written.
#[allow(clippy::print_stdout)] // The summary is the command's output.
pub async fn import_register(
    db: &app::db::Db,
    key: &app::budget::voting::IdentityKey,
    file: &Path,
) -> Result<(), String> {
    use app::budget::voting::{Declared, IdentitySource};
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut hashes = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let declared = match line.split_once(';') {
            Some((birth, document)) => {
                Declared { birth_date: birth.into(), document: document.into(), ..Default::default() }
            }
            None => Declared { pesel: line.trim().into(), ..Default::default() },
        };
        let identity = declared.identify(key).map_err(|code| format!("{}: line {}: {code}", file.display(), n + 1))?;
        hashes.push(identity.hash);
    }
    let mut tx = db.begin().await.map_err(|e| e.to_string())?;
    for hash in &hashes {
        sqlx::query("insert into budget_resident_register (identity_hash) values ($1) on conflict do nothing")
            .bind(hash)
            .execute(&mut *tx)
            .await
            .map_err(|e| e.to_string())?;
    }
    tx.commit().await.map_err(|e| e.to_string())?;
    println!("{} residents in the register", hashes.len());
    Ok(())
}
