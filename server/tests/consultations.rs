//! The consultation story, told once per backend: demo content, the public list and
//! its filters, the detail page, open data, and what garbage input gets back.

mod common;

use app::consultations::{demo, model::Kind, storage};
use app::domain::{
    consultation_phase::{Schedule, DAY},
    district::{Area, District},
    topic::Topic,
};
use common::{backends, spawn_app, TestApp};

/// Counts the consultation cards on a page (each links its title once in an <h3>).
fn cards(html: &str) -> usize {
    html.matches("class=\"card-title\"").count()
}

async fn add_hostile(app: &TestApp) {
    let now = app::state::now();
    let c = storage::NewConsultation {
        slug: "hostile".to_owned(),
        title: "Tytuł <img src=x onerror=alert(1)>".to_owned(),
        summary: "Podsumowanie".to_owned(),
        body_md: "Tekst <script>window.pwned=1</script>\n\n<img src=x onerror=\"window.pwned=2\">\n\n[klik](javascript:alert(1))".to_owned(),
        kind: Kind::General,
        area: Area::Districts(vec![District::new(5).unwrap()]),
        topic: Topic::Safety,
        organising_unit: "Test".to_owned(),
        schedule: Schedule::parse(now - 10 * DAY, now - 2 * DAY, now + 20 * DAY).unwrap(),
        report_published_at: None,
        published_at: Some(now),
    };
    storage::insert(&app.state.db, &c, now).await.unwrap().unwrap();
}

#[tokio::test]
async fn residents_browse_filter_and_read_consultations() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let now = app::state::now();
        assert_eq!(demo::load(&app.state.db, now).await.unwrap(), 16, "{backend:?}");
        assert_eq!(demo::load(&app.state.db, now).await.unwrap(), 0, "demo loading is idempotent");

        // The home page lists open and announced consultations.
        let (status, home) = app.get_text("/").await;
        assert_eq!(status, 200);
        assert!(home.contains("Zielony Rynek Podgórski"), "{backend:?}");
        assert!(home.contains("Program „Senior w Krakowie”"));
        assert!(home.contains(r#"<html lang="pl""#));

        // All 16 fit on one page of 20.
        let (_, all) = app.get_text("/consultations").await;
        assert_eq!(cards(&all), 16, "{backend:?}");
        assert!(all.contains("16 konsultacji"));

        // District XIII Podgórze: the square and the river park.
        let (_, podgorze) = app.get_text("/consultations?district=13").await;
        assert_eq!(cards(&podgorze), 2, "{backend:?}");
        assert!(podgorze.contains("Park rzeczny Drwinka"));
        assert!(podgorze.contains(r#"<option value="13" selected"#), "the form keeps the choice");

        // City-wide only, then a phase, then a topic.
        let (_, city) = app.get_text("/consultations?district=city").await;
        assert_eq!(cards(&city), 4, "{backend:?}");
        let (_, reported) = app.get_text("/consultations?phase=report_published").await;
        assert_eq!(cards(&reported), 3, "{backend:?}");
        let (_, open_green) = app.get_text("/consultations?phase=open&topic=greenery").await;
        assert_eq!(cards(&open_green), 2, "{backend:?}");
        assert!(open_green.contains("Bulwary Wisły"));

        // Garbage filters are ignored, never a 500.
        let (status, garbage) = app.get_text("/consultations?district=99&phase=%3Cscript%3E&topic=&page=-4").await;
        assert_eq!(status, 200);
        assert_eq!(cards(&garbage), 16);

        // The detail page.
        let (status, page) = app.get_text("/consultations/park-kulturowy-nowa-huta").await;
        assert_eq!(status, 200);
        assert!(page.contains("Projekt aktu prawa miejscowego"));
        assert!(page.contains("XVIII Nowa Huta"));
        assert!(page.contains("<h3>Projekt uchwały</h3>"), "the act's headings sit under its own: {page}");
        assert!(page.contains(">§ 1</h4>"), "units keep their level below");

        app.cleanup().await;
    }
}

#[tokio::test]
async fn lists_are_paginated_and_a_page_past_the_end_says_so() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        demo::generate(&app.state.db, 45, app::state::now()).await.unwrap();
        let (_, first) = app.get_text("/consultations").await;
        assert_eq!(cards(&first), 20, "{backend:?}");
        assert!(first.contains(r#"href="/consultations?page=2""#));
        let (_, third) = app.get_text("/consultations?page=3").await;
        assert_eq!(cards(&third), 5, "{backend:?}");
        assert!(third.contains("Strona 3 z 3"));
        let (status, beyond) = app.get_text("/consultations?page=9").await;
        assert_eq!(status, 200);
        assert_eq!(cards(&beyond), 0);
        assert!(beyond.contains("Ta strona listy jest pusta"));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn markdown_is_sanitised_and_unknown_slugs_are_a_localised_404() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        add_hostile(&app).await;
        let (status, page) = app.get_text("/consultations/hostile").await;
        assert_eq!(status, 200);
        assert!(!page.contains("<script>window.pwned"), "{backend:?}");
        assert!(!page.contains("<img src=\"x\""), "{backend:?}");
        assert!(!page.contains("javascript:alert"), "{backend:?}");
        assert!(page.contains("Tytuł &lt;img"), "titles are text, not HTML");

        let response = app
            .client
            .get(format!("{}/consultations/no-such-thing", app.address))
            .header("accept-language", "en-GB,en;q=0.9")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404);
        let body = response.text().await.unwrap();
        assert!(body.contains("Page not found"), "{body}");
        assert!(body.contains(r#"<html lang="en""#));

        let (status, body) = app.get_text("/no/such/page").await;
        assert_eq!(status, 404);
        assert!(body.contains("Nie znaleziono strony"));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn open_data_comes_as_json_and_csv_with_the_same_filters() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        demo::load(&app.state.db, app::state::now()).await.unwrap();

        let json: serde_json::Value = app.get("/api/v1/consultations?district=13").await.json().await.unwrap();
        assert_eq!(json["total"], 2, "{backend:?}");
        let slugs: Vec<&str> = json["items"].as_array().unwrap().iter().map(|i| i["slug"].as_str().unwrap()).collect();
        assert!(slugs.contains(&"zielony-rynek-podgorski"));
        let item = &json["items"][0];
        assert!(item["starts_at"].as_str().unwrap().ends_with('Z'), "instants are RFC 3339 UTC");

        let paged: serde_json::Value = app.get("/api/v1/consultations?per_page=5&page=4").await.json().await.unwrap();
        assert_eq!(paged["items"].as_array().unwrap().len(), 1);
        assert_eq!(paged["pages"], 4);

        let response = app.get("/api/v1/consultations.csv?phase=open").await;
        assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
        let bytes = response.bytes().await.unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for spreadsheet programs");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let open: serde_json::Value = app.get("/api/v1/consultations?phase=open").await.json().await.unwrap();
        assert_eq!(rows.len() as u64, open["total"].as_u64().unwrap(), "{backend:?}");
        assert!(rows.iter().all(|r| &r[4] == "open"));

        for (query, parameter) in [
            ("district=99", "district"),
            ("phase=soon", "phase"),
            ("topic=x", "topic"),
            ("page=0", "page"),
            ("per_page=1000", "per_page"),
        ] {
            let response = app.get(&format!("/api/v1/consultations?{query}")).await;
            assert_eq!(response.status(), 400, "{query}");
            let body: serde_json::Value = response.json().await.unwrap();
            assert_eq!(body["parameter"], parameter);
        }
        assert_eq!(app.get("/api/v1/consultations.csv?district=0").await.status(), 400);

        let detail: serde_json::Value = app.get("/api/v1/consultations/skatepark-czyzyny").await.json().await.unwrap();
        assert_eq!(detail["phase"], "report_published");
        assert!(detail["body_html"].as_str().unwrap().contains("<h2>Wyniki</h2>"));
        assert_eq!(app.get("/api/v1/consultations/nope").await.status(), 404);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn consultations_not_yet_announced_stay_hidden() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let now = app::state::now();
        let c = storage::NewConsultation {
            slug: "future".to_owned(),
            title: "Jeszcze tajne".to_owned(),
            summary: "-".to_owned(),
            body_md: "-".to_owned(),
            kind: Kind::General,
            area: Area::CityWide,
            topic: Topic::Sport,
            organising_unit: "Test".to_owned(),
            schedule: Schedule::parse(now + DAY, now + 8 * DAY, now + 30 * DAY).unwrap(),
            report_published_at: None,
            published_at: Some(now),
        };
        storage::insert(&app.state.db, &c, now).await.unwrap();
        assert_eq!(app.get("/consultations/future").await.status(), 404, "{backend:?}");
        let (_, list) = app.get_text("/consultations").await;
        assert!(!list.contains("Jeszcze tajne"));
        app.cleanup().await;
    }
}
