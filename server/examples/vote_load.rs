//! The civic-budget vote's load test: casts every ballot of a file made by
//! `server bench-vote` through HTTP, with a number of concurrent clients, against a
//! server on this machine, and reports what happened. Loopback only; it stops when the
//! file is done (each ballot is cast once, no retries).
//!
//! `cargo run --release -p server --example vote_load -- http://127.0.0.1:PORT/budget/YEAR/vote FILE [CLIENTS]`
//! FILE: one ballot a line, `session token<TAB>form body`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Default)]
struct Tally {
    stored: usize,
    refused: usize,
    errors: usize,
    latencies: Vec<Duration>,
}

#[allow(clippy::print_stdout)] // The report is the example's output.
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(url), Some(file)) = (args.get(1), args.get(2)) else {
        return Err("usage: vote_load http://127.0.0.1:PORT/budget/YEAR/vote FILE [CLIENTS]".into());
    };
    if !url.starts_with("http://127.0.0.1:") {
        return Err("the load test targets this machine only (http://127.0.0.1:PORT/...)".into());
    }
    let origin: String = url.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
    let clients: usize = args.get(3).and_then(|c| c.parse().ok()).unwrap_or(200);
    let lines: Arc<Vec<(String, String)>> = Arc::new(
        std::fs::read_to_string(file)?
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(cookie, body)| (cookie.to_owned(), body.to_owned()))
            .collect(),
    );
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(clients)
        .timeout(Duration::from_secs(60))
        .build()?;
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..clients {
        let (client, lines, next, url, origin) =
            (client.clone(), lines.clone(), next.clone(), url.clone(), origin.clone());
        tasks.spawn(async move {
            let mut tally = Tally::default();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((token, body)) = lines.get(i) else {
                    return tally;
                };
                let at = Instant::now();
                let response = client
                    .post(&url)
                    .header("cookie", format!("sid={token}"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("origin", origin.as_str())
                    .body(body.clone())
                    .send()
                    .await;
                match response {
                    Ok(r) if r.status() == 200 => {
                        let text = r.text().await.unwrap_or_default();
                        tally.latencies.push(at.elapsed());
                        if text.contains("receipt-code") {
                            tally.stored += 1;
                        } else {
                            tally.errors += 1;
                        }
                    }
                    Ok(r) if r.status() == 409 => {
                        tally.latencies.push(at.elapsed());
                        tally.refused += 1;
                    }
                    Ok(r) => {
                        eprintln!("ballot {i}: status {}", r.status());
                        tally.errors += 1;
                    }
                    Err(e) => {
                        eprintln!("ballot {i}: {e}");
                        tally.errors += 1;
                    }
                }
            }
        });
    }
    let mut total = Tally::default();
    while let Some(done) = tasks.join_next().await {
        let t = done?;
        total.stored += t.stored;
        total.refused += t.refused;
        total.errors += t.errors;
        total.latencies.extend(t.latencies);
    }
    let elapsed = started.elapsed();
    total.latencies.sort_unstable();
    let at = |q: f64| {
        let i = ((total.latencies.len() as f64 - 1.0) * q).round() as usize;
        total.latencies.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{} ballots, {clients} clients: {} stored, {} refused as second votes, {} errors in {:.1} s = {:.0} ballots/s; latency p50 {:.1} ms, p99 {:.1} ms",
        lines.len(),
        total.stored,
        total.refused,
        total.errors,
        elapsed.as_secs_f64(),
        total.stored as f64 / elapsed.as_secs_f64(),
        at(0.5),
        at(0.99),
    );
    if total.errors > 0 || total.stored + total.refused != lines.len() {
        return Err("some ballots were not stored".into());
    }
    Ok(())
}
