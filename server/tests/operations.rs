//! Operations: health, metrics, security headers, the language switch and its CSRF
//! check, and start-up failures that must be one clear line and a non-zero exit.

mod common;

use common::{backends, spawn_app};
use std::process::Command;

#[tokio::test]
async fn health_metrics_and_security_headers() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let health: serde_json::Value = app.get("/healthz").await.json().await.unwrap();
        assert_eq!(health["database"], "ok", "{backend:?}");

        let page = app.get("/consultations").await;
        let headers = page.headers().clone();
        let csp = headers["content-security-policy"].to_str().unwrap().to_owned();
        assert!(csp.contains("script-src 'self' 'nonce-"), "{csp}");
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["referrer-policy"], "strict-origin-when-cross-origin");
        assert!(headers.contains_key("x-request-id"));
        let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_owned();
        let html = page.text().await.unwrap();
        assert!(html.contains(&format!("nonce=\"{nonce}\"")), "inline scripts carry this response's nonce");

        let metrics = app.get("/metrics").await.text().await.unwrap();
        assert!(metrics.contains("http_requests_total"), "{metrics}");
        assert!(metrics.contains("route=\"/consultations\""));
        assert!(metrics.contains("http_request_duration_seconds"));
        assert!(metrics.contains("db_pool_connections"));
        app.cleanup().await;
    }
}

/// Files served while pages render (a browser asks for both at once) keep their own
/// headers: each page its policy with its nonce, each file the strict one.
#[tokio::test]
async fn pages_and_files_served_at_once_keep_their_own_policies() {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    let site_root = root.path().display().to_string();
    let app = common::spawn_app_with(common::Backend::Sqlite, |c| c.site_root = site_root).await;
    let mut requests = tokio::task::JoinSet::new();
    for i in 0..400 {
        let (client, address) = (app.client.clone(), app.address.clone());
        let path = if i % 2 == 0 { "/consultations" } else { "/favicon.svg" };
        requests.spawn(async move {
            let response = client.get(format!("{address}{path}")).send().await.unwrap();
            let csp = response.headers()["content-security-policy"].to_str().unwrap().to_owned();
            (path, response.status().as_u16(), csp)
        });
    }
    for (path, status, csp) in requests.join_all().await {
        assert_eq!(status, 200, "{path}");
        if path == "/favicon.svg" {
            assert!(csp.starts_with("default-src 'none'"), "a file has the strict policy: {csp}");
        } else {
            assert!(csp.contains("'nonce-"), "a page has its own policy: {csp}");
        }
    }
    app.cleanup().await;
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_refuses_cross_site_posts() {
    let app = spawn_app(common::Backend::Sqlite).await;
    let host = app.address.trim_start_matches("http://").to_owned();
    let response = app
        .client
        .post(format!("{}/lang", app.address))
        .header("origin", &app.address)
        .form(&[("lang", "uk"), ("next", "/consultations?district=3")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/consultations?district=3");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("lang=uk;") && cookie.contains("SameSite=Lax"), "{cookie}");

    let page = app
        .client
        .get(format!("{}/consultations", app.address))
        .header("cookie", "lang=uk")
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"<html lang="uk""#));
    assert!(page.contains("Громадські консультації"));

    let evil = app
        .client
        .post(format!("{}/lang", app.address))
        .header("origin", "https://evil.example")
        .header("host", host)
        .form(&[("lang", "en"), ("next", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(evil.status(), 403);

    let open_redirect = app
        .client
        .post(format!("{}/lang", app.address))
        .header("origin", &app.address)
        .form(&[("lang", "en"), ("next", "https://evil.example/")])
        .send()
        .await
        .unwrap();
    assert_eq!(open_redirect.headers()["location"], "/");
    app.cleanup().await;
}

fn server(args: &[&str], envs: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command.args(args).env_remove("DATABASE_URL").env_remove("DEMO").env("RUST_LOG", "off");
    for (k, v) in envs {
        command.env(k, v);
    }
    command.output().unwrap()
}

fn one_error_line(output: &std::process::Output) -> String {
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    stderr
}

#[test]
fn a_bad_database_url_is_one_clear_line_and_a_failure() {
    let out = server(&["migrate"], &[("DATABASE_URL", "mysql://root:secret@localhost/x")]);
    let line = one_error_line(&out);
    assert!(line.contains("DATABASE_URL") && !line.contains("secret"), "{line}");
}

#[test]
fn an_unusable_data_folder_is_one_clear_line_and_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"").unwrap();
    let out = server(&["migrate"], &[("DATA_DIR", file.to_str().unwrap())]);
    let line = one_error_line(&out);
    assert!(line.contains("data folder"), "{line}");
}

#[test]
fn a_port_in_use_is_one_clear_line_and_a_failure() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let out = server(&[], &[("LEPTOS_SITE_ADDR", &addr), ("DATA_DIR", dir.path().to_str().unwrap())]);
    let line = one_error_line(&out);
    assert!(line.contains("cannot listen on"), "{line}");
}

#[test]
fn help_lists_every_setting() {
    let out = server(&["--help"], &[]);
    let help = String::from_utf8_lossy(&out.stdout);
    for setting in ["LEPTOS_SITE_ADDR", "DATABASE_URL", "DATA_DIR", "DEMO", "LEPTOS_SITE_ROOT", "LOG_FORMAT"] {
        assert!(help.contains(setting), "{setting} missing from --help");
    }
}

#[tokio::test]
async fn a_failing_migration_stops_start_up() {
    // A database whose schema history claims a migration we don't know.
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("x.db").display());
    let pool = app::db::connect(&url, 1).await.unwrap();
    app::db::migrate(&pool, app::db::Backend::Sqlite).await.unwrap();
    sqlx::query("update _sqlx_migrations set checksum = x'00'").execute(&pool).await.unwrap();
    pool.close().await;
    let out = server(&["migrate"], &[("DATABASE_URL", &url)]);
    let line = one_error_line(&out);
    assert!(line.contains("migration"), "{line}");
}

#[tokio::test]
async fn a_database_failure_is_a_localised_500_page_and_a_failing_health_check() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        app.state.db.close().await;
        let (status, page) = app.get_text("/consultations").await;
        assert_eq!(status, 500, "{backend:?}");
        assert!(page.contains("Coś poszło nie tak"), "{page}");
        assert!(!page.contains("pool"), "no internals are shown");
        assert_eq!(app.get("/healthz").await.status(), 503);
        assert_eq!(app.get("/api/v1/consultations").await.status(), 500);
        app.cleanup().await;
    }
}

#[test]
fn sigterm_stops_the_server_gracefully() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env_remove("DATABASE_URL")
        .env("DATA_DIR", dir.path())
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "info")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until it says it is listening, then ask it to stop.
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    assert!(lines.by_ref().map_while(Result::ok).any(|l| l.contains("listening on")));
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l.contains("shutting down")), "{rest:?}");
    assert!(child.wait().unwrap().success());
}

#[tokio::test]
async fn verify_audit_passes_an_intact_log_and_fails_a_tampered_one() {
    use app::accounts::audit::{append, Event};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let url = format!("sqlite://{data}/dialog.db?mode=rwc");
    assert!(server(&["migrate"], &[("DATA_DIR", data)]).status.success());
    let db = app::db::connect(&url, 1).await.unwrap();
    for n in 0..3 {
        let event = Event { action: "test.event", object_type: "test", object_id: n.to_string(), ..Event::default() };
        append(&db, event, 1_700_000_000 + n).await.unwrap();
    }
    let intact = server(&["verify-audit"], &[("DATA_DIR", data)]);
    assert!(intact.status.success(), "{}", String::from_utf8_lossy(&intact.stderr));
    sqlx::query("update audit_log set at = at + 1 where seq = 2").execute(&db).await.unwrap();
    db.close().await;
    let tampered = server(&["verify-audit"], &[("DATA_DIR", data)]);
    assert_eq!(tampered.status.code(), Some(1));
    let line = one_error_line(&tampered);
    assert!(line.contains("tampered") && line.contains("seq: 2"), "{line}");
}
