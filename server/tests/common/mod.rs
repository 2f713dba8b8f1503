//! Test helpers: start the real app on port 0 against a fresh database, SQLite (a temp
//! file) or PostgreSQL (a new database on the local server, dropped afterwards).

#![allow(dead_code)]

use server::{config::Config, Application};
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

/// The PostgreSQL server tests create their databases on.
fn admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The backends to run each story on. PostgreSQL is required under CI; elsewhere a
/// missing server is reported loudly and the SQLite half still runs.
pub async fn backends() -> Vec<Backend> {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    match postgres_reachable().await {
        Ok(()) => vec![Backend::Sqlite, Backend::Postgres],
        Err(e) if ci => panic!("CI=true requires PostgreSQL at {}: {e}", admin_url()),
        Err(e) => {
            eprintln!("\n!!! PostgreSQL is not reachable ({e}): running the SQLite half only. !!!\n");
            vec![Backend::Sqlite]
        }
    }
}

async fn postgres_reachable() -> Result<(), sqlx::Error> {
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(std::time::Duration::from_secs(3))
        .connect(&admin_url())
        .await?;
    pool.close().await;
    Ok(())
}

pub struct TestApp {
    pub address: String,
    pub backend: Backend,
    pub client: reqwest::Client,
    pub state: app::state::AppState,
    data_dir: tempfile::TempDir,
    postgres_db: Option<String>,
}

/// A fresh, empty database of `backend` and its URL (None means the SQLite default).
async fn fresh_database(backend: Backend) -> Option<(String, String)> {
    if backend == Backend::Sqlite {
        return None;
    }
    let stamp = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let name = format!("dialog_test_{stamp}_{}", uuid::Uuid::new_v4().simple());
    let admin = sqlx::any::AnyPoolOptions::new().max_connections(1).connect(&admin_url()).await.unwrap();
    sweep_old_databases(&admin, stamp).await;
    sqlx::query(&format!("create database {name}")).execute(&admin).await.unwrap();
    admin.close().await;
    let base = admin_url();
    let url = format!("{}/{name}", base.rsplit_once('/').unwrap().0);
    Some((name, url))
}

/// Drops databases that tests which crashed more than an hour ago left behind.
async fn sweep_old_databases(admin: &sqlx::AnyPool, now: u64) {
    let names: Vec<(String,)> = sqlx::query_as("select datname from pg_database where datname like 'dialog_test_%'")
        .fetch_all(admin)
        .await
        .unwrap_or_default();
    for (name,) in names {
        let stamp = name.split('_').nth(2).and_then(|s| s.parse::<u64>().ok()).unwrap_or(now);
        if now.saturating_sub(stamp) > 3600 {
            let _ = sqlx::query(&format!("drop database if exists {name} with (force)")).execute(admin).await;
        }
    }
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

pub async fn spawn_app_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> TestApp {
    let data_dir = tempfile::tempdir().unwrap();
    let database = fresh_database(backend).await;
    let mut config = Config::for_tests(PathBuf::from(data_dir.path()), database.as_ref().map(|(_, url)| url.clone()));
    config.smtp_url = smtp_sink().map(|(url, _)| url);
    adjust(&mut config);
    let app = Application::build(&config).await.expect("the app starts");
    let address = format!("http://{}", app.local_addr());
    let state = app.state().clone();
    tokio::spawn(app.run_until(std::future::pending()));
    TestApp {
        address,
        backend,
        client: reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap(),
        state,
        data_dir,
        postgres_db: database.map(|(name, _)| name),
    }
}

/// The SMTP sink the test command starts (`TEST_SMTP_URL`, `TEST_MAIL_DIR`). Under CI
/// it is required; elsewhere mail goes to the outbox table and tests read it there.
fn smtp_sink() -> Option<(String, PathBuf)> {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    match (std::env::var("TEST_SMTP_URL"), std::env::var("TEST_MAIL_DIR")) {
        (Ok(url), Ok(dir)) => Some((url, PathBuf::from(dir))),
        _ if ci => panic!("CI=true requires the SMTP sink (TEST_SMTP_URL and TEST_MAIL_DIR)"),
        _ => None,
    }
}

/// A message the site sent.
#[derive(Debug, serde::Deserialize)]
pub struct Mail {
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
    /// The `List-Unsubscribe` and `List-Unsubscribe-Post` headers (the SMTP sink only).
    #[serde(default)]
    pub list_unsubscribe: String,
    #[serde(default)]
    pub list_unsubscribe_post: String,
}

/// The `Set-Cookie` value of the session cookie in a response, as `name=value`.
pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("sid="))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
        .filter(|v| v != "sid=")
}

impl TestApp {
    /// A form post as a browser on this site sends it (with `Origin`), with a cookie.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)], cookie: Option<&str>) -> reqwest::Response {
        let mut request =
            self.client.post(format!("{}{path}", self.address)).header("origin", &self.address).form(fields);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send().await.unwrap()
    }

    /// The one number a `select count(*) …` returns.
    pub async fn count(&self, sql: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&self.state.db).await.unwrap();
        n
    }

    pub async fn get_with(&self, path: &str, cookie: &str) -> (u16, String) {
        let response =
            self.client.get(format!("{}{path}", self.address)).header("cookie", cookie).send().await.unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// Every message this app sent to `to` so far, oldest first.
    pub async fn mails_to(&self, to: &str) -> Vec<Mail> {
        match smtp_sink() {
            Some((_, dir)) => {
                let mut names: Vec<_> = std::fs::read_dir(&dir)
                    .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
                    .unwrap_or_default();
                names.retain(|p| p.extension().is_some_and(|e| e == "json"));
                names.sort();
                names
                    .iter()
                    .filter_map(|p| serde_json::from_slice::<Mail>(&std::fs::read(p).ok()?).ok())
                    .filter(|m| m.to.iter().any(|t| t == to))
                    // The sink is shared by every test: keep what this app sent (its
                    // mails link to its own address).
                    .filter(|m| m.body.contains(&self.address))
                    .collect()
            }
            None => app::accounts::storage::outbox(&self.state.db, 1000)
                .await
                .unwrap()
                .into_iter()
                .rev()
                .filter(|m| m.to_address == to)
                .map(|m| Mail {
                    to: vec![m.to_address],
                    subject: m.subject,
                    body: m.body,
                    list_unsubscribe: String::new(),
                    list_unsubscribe_post: String::new(),
                })
                .collect(),
        }
    }

    /// Waits (polling, at most 10 s) until `to` has received `count` messages; returns
    /// the newest. Mail is sent in the background, so it may trail the response.
    pub async fn wait_for_mail(&self, to: &str, count: usize) -> Mail {
        for _ in 0..200 {
            let mut mails = self.mails_to(to).await;
            if mails.len() >= count {
                return mails.pop().unwrap();
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no mail number {count} to {to} within 10 s");
    }

    /// Creates an active account directly (with roles), for tests about what it may do.
    pub async fn create_user(
        &self,
        email: &str,
        name: &str,
        password: &str,
        roles: &[app::accounts::model::Role],
    ) -> i64 {
        use app::accounts::{model::UserStatus, password as pw, storage};
        let hash = pw::hash(password.to_owned()).await.unwrap();
        let now = app::state::now();
        let id = storage::create_local_user(&self.state.db, email, name, &hash, UserStatus::Active, now)
            .await
            .unwrap()
            .expect("a new address");
        for role in roles {
            storage::set_role(&self.state.db, id, *role, true, id, now).await.unwrap();
        }
        id
    }

    /// Signs in with a password; returns the session cookie (`sid=...`).
    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let response =
            self.post_form("/signin", &[("email", email), ("password", password), ("next", "/account")], None).await;
        assert_eq!(response.status(), 303, "sign-in of {email}");
        session_cookie(&response).expect("a session cookie")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.address)).send().await.unwrap()
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// The audit log's actions by `actor`, oldest first.
    pub async fn audit_actions(&self, actor: i64) -> Vec<String> {
        let rows: Vec<(String,)> = sqlx::query_as("select action from audit_log where actor_id = $1 order by seq")
            .bind(actor)
            .fetch_all(&self.state.db)
            .await
            .unwrap();
        rows.into_iter().map(|(a,)| a).collect()
    }

    /// Closes the pool and drops the PostgreSQL database.
    pub async fn cleanup(self) {
        self.state.db.close().await;
        if let Some(name) = self.postgres_db {
            let admin = sqlx::any::AnyPoolOptions::new().max_connections(1).connect(&admin_url()).await.unwrap();
            sqlx::query(&format!("drop database if exists {name} with (force)")).execute(&admin).await.unwrap();
            admin.close().await;
        }
        drop(self.data_dir);
    }
}

/// A closed consultation with `n` remarks by one resident; returns its id and theirs.
pub async fn closed_with_remarks(app: &TestApp, slug: &str, author: i64, n: usize) -> (i64, Vec<i64>) {
    use app::domain::consultation_phase::DAY;
    let now = app::state::now();
    let c = app::consultations::storage::NewConsultation {
        slug: slug.to_owned(),
        title: format!("Konsultacje {slug}"),
        summary: "Podsumowanie".to_owned(),
        body_md: "### § 1\n\nTekst.".to_owned(),
        kind: app::consultations::model::Kind::DraftAct,
        area: app::domain::district::Area::CityWide,
        topic: app::domain::topic::Topic::Greenery,
        organising_unit: "Zarząd Zieleni Miejskiej".to_owned(),
        schedule: app::domain::consultation_phase::Schedule::parse(now - 60 * DAY, now - 50 * DAY, now - 20 * DAY)
            .unwrap(),
        report_published_at: None,
        published_at: Some(now - 60 * DAY),
    };
    let id = app::consultations::storage::insert(&app.state.db, &c, now).await.unwrap().unwrap();
    let mut remarks = Vec::new();
    for i in 0..n {
        let body = format!("Uwaga {i} w {slug}");
        let remark = app::consultations::remarks::storage::NewRemark {
            consultation_id: id,
            unit_anchor: Some("par-1"),
            parent_id: None,
            author_id: Some(author),
            organisation_id: None,
            author_as_given: None,
            channel: app::domain::remark::Channel::Online,
            received_at: now - 30 * DAY,
            attachment_ref: None,
            entered_by: None,
            body: &body,
            state: app::domain::remark::RemarkState::Visible,
            submission_key: None,
        };
        remarks.push(
            app::consultations::remarks::storage::insert(&app.state.db, &remark, now - 30 * DAY).await.unwrap().0,
        );
    }
    (id, remarks)
}

/// Parses an Atom feed (RFC 4287) and checks what the RFC requires of it and of each
/// entry; returns the entries' titles and links.
pub fn parse_atom(xml: &str) -> Vec<(String, String)> {
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    fn child<'a, 'input>(node: roxmltree::Node<'a, 'input>, name: &str) -> Option<roxmltree::Node<'a, 'input>> {
        node.children().find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM))
    }
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let feed = doc.root_element();
    assert_eq!((feed.tag_name().namespace(), feed.tag_name().name()), (Some(ATOM), "feed"));
    for required in ["id", "title", "updated", "author"] {
        assert!(child(feed, required).is_some(), "the feed has no {required}");
    }
    let updated = |node: roxmltree::Node| child(node, "updated").and_then(|u| u.text()).unwrap_or_default().to_owned();
    assert!(time::OffsetDateTime::parse(&updated(feed), &time::format_description::well_known::Rfc3339).is_ok());
    feed.children()
        .filter(|c| c.tag_name().name() == "entry")
        .map(|entry| {
            for required in ["id", "title", "updated", "link"] {
                assert!(child(entry, required).is_some(), "an entry has no {required}");
            }
            assert!(
                time::OffsetDateTime::parse(&updated(entry), &time::format_description::well_known::Rfc3339).is_ok()
            );
            let title = child(entry, "title").and_then(|t| t.text()).unwrap_or_default().to_owned();
            let link = child(entry, "link").and_then(|l| l.attribute("href")).unwrap_or_default().to_owned();
            (title, link)
        })
        .collect()
}
