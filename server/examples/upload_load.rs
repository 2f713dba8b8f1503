//! Whether the site stays responsive while it processes photos: a consultation page is
//! fetched by 4 clients, 2,000 times in all, first on a quiet server, then while DK-04
//! uploads 12-megapixel photos one after another through the real upload route; the
//! pages' p50 and p99 are printed side by side. The server runs in this process on its
//! own runtime (2 worker threads, as in production on this machine); the clients run
//! on another thread with their own runtime. SQLite in a temporary folder; loopback.
//!
//! `CARGO_TARGET_DIR=… cargo run --release -p server --features ssr --example upload_load`

use reqwest::multipart::{Form, Part};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PAGE_REQUESTS: usize = 2_000;
const CLIENTS: usize = 4;
const PASSWORD: &str = "ciepły wiatr znad wisły";

fn photo() -> Vec<u8> {
    let (width, height) = (4_000u32, 3_000u32);
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        let detail = ((x * 7 + y * 13) % 17) as u8;
        image::Rgb([(x / 16) as u8 ^ detail, (y / 12) as u8, ((x + y) / 28) as u8 + detail])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    picture.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)).unwrap();
    out.into_inner()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

/// Fetches the page `PAGE_REQUESTS` times from `CLIENTS` clients; the latencies, sorted.
async fn pages(client: &reqwest::Client, url: &str) -> Vec<f64> {
    let left = Arc::new(AtomicUsize::new(PAGE_REQUESTS));
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (client, url, left) = (client.clone(), url.to_owned(), left.clone());
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::new();
            while left.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok() {
                let started = Instant::now();
                let response = client.get(&url).send().await.expect("the page answers");
                assert_eq!(response.status(), 200);
                response.bytes().await.expect("the page's body");
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            times
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    all.sort_by(f64::total_cmp);
    all
}

#[allow(clippy::print_stdout)] // The figures are the example's output.
fn main() {
    let data = tempfile::tempdir().unwrap();
    let server = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let config = server::config::Config::for_tests(data.path().to_owned(), None);
    let (address, db) = server.block_on(async {
        let app = server::Application::build(&config).await.expect("the app starts");
        let address = format!("http://{}", app.local_addr());
        let db = app.state().db.clone();
        tokio::spawn(app.run_until(std::future::pending()));
        (address, db)
    });
    let id = server.block_on(async {
        use app::accounts::{model::UserStatus, password, storage};
        let now = app::state::now();
        let hash = password::hash(PASSWORD.to_owned()).await.unwrap();
        let user = storage::create_local_user(&db, "dk04@example.pl", "DK-04", &hash, UserStatus::Active, now)
            .await
            .unwrap()
            .unwrap();
        storage::set_role(&db, user, app::accounts::model::Role::Moderator, true, user, now).await.unwrap();
        let day = 86_400;
        let consultation = |slug: &str| app::consultations::storage::NewConsultation {
            slug: slug.to_owned(),
            title: "Konsultacje ze zdjęciami".to_owned(),
            summary: "Podsumowanie".to_owned(),
            body_md: "Tekst konsultacji.".to_owned(),
            kind: app::consultations::model::Kind::General,
            area: app::domain::district::Area::CityWide,
            topic: app::domain::topic::Topic::Greenery,
            organising_unit: "Zarząd Zieleni Miejskiej".to_owned(),
            schedule: app::domain::consultation_phase::Schedule::parse(now - 30 * day, now - 5 * day, now + 20 * day)
                .unwrap(),
            report_published_at: None,
            published_at: Some(now - 30 * day),
        };
        // The pages are read from one consultation; the photos go to another, so that the
        // page read stays the same size throughout.
        app::consultations::storage::insert(&db, &consultation("zdjecia"), now).await.unwrap().unwrap();
        app::consultations::storage::insert(&db, &consultation("galeria"), now).await.unwrap().unwrap()
    });
    let photo = photo();
    let clients = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    clients.block_on(async {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let signed_in = client
            .post(format!("{address}/signin"))
            .header("origin", &address)
            .form(&[("email", "dk04@example.pl"), ("password", PASSWORD), ("next", "/")])
            .send()
            .await
            .unwrap();
        let cookie = signed_in
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("sid="))
            .and_then(|v| v.split(';').next())
            .expect("a session")
            .to_owned();
        let page = format!("{address}/consultations/zdjecia");
        pages(&client, &page).await; // warm-up
        let quiet = pages(&client, &page).await;

        let stop = Arc::new(AtomicBool::new(false));
        let uploader = {
            let (client, stop, address, photo) = (client.clone(), stop.clone(), address.clone(), photo.clone());
            tokio::spawn(async move {
                let mut times = Vec::new();
                while !stop.load(Ordering::SeqCst) {
                    let form = Form::new()
                        .text("alt_pl", "Zdjęcie z konsultacji")
                        .part("file", Part::bytes(photo.clone()).file_name("photo.jpg"));
                    let started = Instant::now();
                    let response = client
                        .post(format!("{address}/moderation/consultations/{id}/media"))
                        .header("origin", &address)
                        .header("cookie", &cookie)
                        .multipart(form)
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(response.status(), 303, "the photo is accepted");
                    times.push(started.elapsed().as_secs_f64() * 1000.0);
                }
                times
            })
        };
        // Let the first photo reach processing before the pages are timed.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let busy = pages(&client, &page).await;
        stop.store(true, Ordering::SeqCst);
        let mut uploads = uploader.await.unwrap();
        uploads.sort_by(f64::total_cmp);
        println!(
            "{PAGE_REQUESTS} page requests, {CLIENTS} clients, a 4000 × 3000 JPEG of {} KB per upload",
            photo.len() / 1024
        );
        println!("  quiet server:       p50 {:.1} ms, p99 {:.1} ms", percentile(&quiet, 0.5), percentile(&quiet, 0.99));
        println!(
            "  while {} uploads:  p50 {:.1} ms, p99 {:.1} ms (p99 ratio {:.2})",
            uploads.len(),
            percentile(&busy, 0.5),
            percentile(&busy, 0.99),
            percentile(&busy, 0.99) / percentile(&quiet, 0.99)
        );
        println!("  each upload (received, processed, stored, attached): median {:.0} ms", percentile(&uploads, 0.5));
    });
}
