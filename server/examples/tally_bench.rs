//! How long the count takes. Without arguments: Kraków's 2025 shape in memory, 740
//! projects (142 city-wide, 598 in the 18 districts) and 100,000 valid 3 + 3 ballots,
//! counted pool by pool with the platform's tally (median of 5 runs). With a database
//! URL and a year: the edition's stored ballots read and counted as publishing does.
//!
//! `cargo run --release -p server --features ssr --example tally_bench [DATABASE_URL YEAR]`

use app::domain::tally::{count, Funding};
use std::time::Instant;

fn median(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs[runs.len() / 2]
}

#[allow(clippy::print_stdout)] // The figures are the example's output.
fn in_memory() {
    // Pool 0 is city-wide with 142 projects; pools 1–18 share 598.
    let sizes: Vec<usize> = std::iter::once(142).chain((0..18).map(|d| 33 + usize::from(d < 4))).collect();
    let mut state: u64 = 42;
    let mut next = |n: usize| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(state >> 33).unwrap_or(0) % n
    };
    let mut ballots: Vec<Vec<Vec<usize>>> = sizes.iter().map(|_| Vec::new()).collect();
    for _ in 0..100_000 {
        let district = 1 + next(18);
        for pool in [0, district] {
            let mut chosen = Vec::with_capacity(3);
            while chosen.len() < 3 {
                let p = next(sizes[pool]);
                if !chosen.contains(&p) {
                    chosen.push(p);
                }
            }
            ballots[pool].push(chosen);
        }
    }
    let projects: usize = sizes.iter().sum();
    let numbers: Vec<Vec<String>> =
        sizes.iter().map(|n| (0..*n).map(|i| format!("BO/2025/{i:04}")).collect()).collect();
    let runs: Vec<f64> = (0..5)
        .map(|_| {
            let at = Instant::now();
            for (pool, size) in sizes.iter().enumerate() {
                let costs = vec![10_000_000; *size];
                let refs: Vec<&str> = numbers[pool].iter().map(String::as_str).collect();
                let out = count(
                    100_000_000,
                    &costs,
                    &refs,
                    ballots[pool].iter().map(Vec::as_slice),
                    |p| [3, 2, 1].get(p).copied().unwrap_or(0),
                    Funding::Skip,
                    "seed",
                );
                assert_eq!(out.len(), *size);
            }
            at.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    println!("in memory: {projects} projects, 100000 ballots: {:.1} ms (median of 5)", median(runs));
}

#[allow(clippy::print_stdout)] // The figures are the example's output.
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(url), Some(year)) = (args.get(1), args.get(2).and_then(|y| y.parse::<i64>().ok())) else {
        in_memory();
        return Ok(());
    };
    let db = app::db::connect(url, 2).await?;
    let runs: Vec<f64> = {
        let mut runs = Vec::new();
        for _ in 0..5 {
            let at = Instant::now();
            let results = app::budget::voting::count(&db, year, "").await?;
            runs.push(at.elapsed().as_secs_f64() * 1000.0);
            if runs.len() == 1 {
                let projects: usize = results.pools.iter().map(|p| p.projects.len()).sum();
                print!("stored: {projects} projects, {} ballots: ", results.turnout.total);
            }
        }
        runs
    };
    println!("read and counted in {:.1} ms (median of 5)", median(runs));
    Ok(())
}
