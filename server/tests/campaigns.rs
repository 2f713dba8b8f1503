//! Campaigns end to end, once per backend: DK-06 groups a consultation, a post and a
//! calendar event under a campaign with milestones (a refused form keeps what was
//! typed and stores nothing), the public page shows it, and the reach counts views of
//! those pages on the server (no cookie set; crawlers and prefetches not counted).

mod common;

use app::accounts::model::Role;
use app::consultations::{model::Kind, storage as consultations};
use app::domain::{
    consultation_phase::{Schedule, DAY},
    district::{Area, District},
    topic::Topic,
    warsaw_time::iso_date,
};
use common::{backends, spawn_app, TestApp};

const PASSWORD: &str = "ciepły wiatr znad wisły";

async fn post(app: &TestApp, path: &str, fields: &[(&str, String)], cookie: &str) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(path, &fields, Some(cookie)).await
}

fn set(fields: &[(&'static str, String)], name: &str, value: &str) -> Vec<(&'static str, String)> {
    fields.iter().map(|(k, v)| (*k, if *k == name { value.to_owned() } else { v.clone() })).collect()
}

/// A published consultation, a published post and a calendar event to group; the
/// event's id.
async fn content(app: &TestApp, now: i64) -> i64 {
    let c = consultations::NewConsultation {
        slug: "park-zakrzowek".to_owned(),
        title: "Park Zakrzówek".to_owned(),
        summary: "Podsumowanie".to_owned(),
        body_md: "Treść.".to_owned(),
        kind: Kind::General,
        area: Area::Districts(vec![District::new(8).unwrap()]),
        topic: Topic::Greenery,
        organising_unit: "Zarząd Zieleni Miejskiej".to_owned(),
        schedule: Schedule::parse(now - 12 * DAY, now - 2 * DAY, now + 20 * DAY).unwrap(),
        report_published_at: None,
        published_at: Some(now - 12 * DAY),
    };
    consultations::insert(&app.state.db, &c, now - 12 * DAY).await.unwrap().unwrap();
    sqlx::query(
        "insert into news_posts (slug, title, lead, body_md, publish_at, created_at, updated_at) \
         values ('spacer-po-zakrzowku', 'Spacer po Zakrzówku', 'Zapraszamy.', 'Treść.', $1, $1, $1)",
    )
    .bind(now - DAY)
    .execute(&app.state.db)
    .await
    .unwrap();
    let (id,): (i64,) = sqlx::query_as(
        "insert into city_events (kind, title, starts_at, ends_at, place, created_at) \
         values ('debate', 'Debata o parku', $1, $2, 'Dom Kultury', $3) returning id",
    )
    .bind(now + 5 * DAY)
    .bind(now + 5 * DAY + 7200)
    .bind(now)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    id
}

#[tokio::test]
async fn dk06_groups_pages_under_a_campaign_and_sees_their_reach_counted_privately() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let now = app::state::now();
        let event = content(&app, now).await;
        let editor = app.create_user("redakcja@example.pl", "Redakcja DK-06", PASSWORD, &[Role::Editor]).await;
        app.create_user("jan@example.pl", "Jan", PASSWORD, &[]).await;
        let cookie = app.sign_in("redakcja@example.pl", PASSWORD).await;
        let resident = app.sign_in("jan@example.pl", PASSWORD).await;
        let (today, first, last) = (iso_date(now), iso_date(now - DAY), iso_date(now + 30 * DAY));
        let typed: Vec<(&str, String)> = vec![
            ("title", "Zakrzówek dla wszystkich".to_owned()),
            ("slug", String::new()),
            ("summary", "Konsultacje, spacer i debata o parku.".to_owned()),
            ("starts_on", first.clone()),
            ("ends_on", last.clone()),
            ("milestones", format!("{last} Koniec kampanii\n{today} Debata")),
            ("consultations", "park-zakrzowek".to_owned()),
            ("news", "spacer-po-zakrzowku".to_owned()),
            ("events", event.to_string()),
        ];

        assert_eq!(post(&app, "/editorial/campaigns", &typed, &resident).await.status(), 403, "{backend:?}");
        let (status, _) = app.get_with("/editorial/campaigns", &resident).await;
        assert_eq!(status, 403);

        // Refused: no title, the end before the start, a milestone outside; all kept.
        let bad = set(&set(&typed, "title", " "), "ends_on", &iso_date(now - 5 * DAY));
        let refused = post(&app, "/editorial/campaigns", &bad, &cookie).await;
        assert_eq!(refused.status(), 422, "{backend:?}");
        let page = refused.text().await.unwrap();
        for field in ["title", "ends_on"] {
            assert!(page.contains(&format!("href=\"#campaign-{field}\"")), "{field} in the summary");
        }
        assert!(page.contains("Konsultacje, spacer i debata o parku."), "the summary is kept");
        assert!(page.contains("name=\"news\" value=\"spacer-po-zakrzowku\" checked"), "the ticks are kept");
        let unknown = set(&typed, "news", "nie-ma-takiego");
        let refused = post(&app, "/editorial/campaigns", &unknown, &cookie).await;
        assert_eq!(refused.status(), 422);
        assert_eq!(app.count("select count(*) from campaigns").await, 0, "nothing half-saved");

        let created = post(&app, "/editorial/campaigns", &typed, &cookie).await;
        assert_eq!(created.status(), 303, "{backend:?}");
        let (id,): (i64,) = sqlx::query_as("select id from campaigns").fetch_one(&app.state.db).await.unwrap();
        assert_eq!(app.count("select count(*) from campaign_items").await, 3);
        let again = post(&app, "/editorial/campaigns", &typed, &cookie).await;
        assert_eq!(again.status(), 422, "the same address twice");
        assert!(again.text().await.unwrap().contains(app::i18n::Locale::Pl.campaigns().problems[0]));

        // The public page: schedule and what it covers.
        let (status, page) = app.get_text("/campaigns/zakrzowek-dla-wszystkich").await;
        assert_eq!(status, 200);
        assert!(page.contains("Koniec kampanii") && page.contains("Debata o parku") && page.contains("Park Zakrzówek"));
        assert!(!page.contains("Wyświetlenia"), "counts stay with the editors");

        // Views: residents' visits count; crawlers and prefetches do not; no cookie is set.
        for path in ["/consultations/park-zakrzowek", "/consultations/park-zakrzowek", "/news/spacer-po-zakrzowku"] {
            let response = app.get(path).await;
            assert_eq!(response.status(), 200, "{path}");
            assert!(response.headers().get("set-cookie").is_none(), "{path} sets no cookie");
        }
        assert_eq!(app.get(&format!("/events/e{event}.ics")).await.status(), 200);
        let crawler = app
            .client
            .get(format!("{}/consultations/park-zakrzowek", app.address))
            .header("user-agent", "Mozilla/5.0 (compatible; Googlebot/2.1)")
            .send()
            .await
            .unwrap();
        assert_eq!(crawler.status(), 200);
        let prefetch = app
            .client
            .get(format!("{}/news/spacer-po-zakrzowku", app.address))
            .header("sec-purpose", "prefetch")
            .send()
            .await
            .unwrap();
        assert_eq!(prefetch.status(), 200);
        assert_eq!(app.get("/news/nie-ma-takiego").await.status(), 404);
        app.state.views.flush(&app.state.db).await.unwrap();
        assert_eq!(app.count("select cast(coalesce(sum(views), 0) as bigint) from page_views").await, 5, "{backend:?}");
        assert_eq!(app.count("select count(*) from page_views where path like '%nie-ma%'").await, 0);

        let (status, page) = app.get_with(&format!("/editorial/campaigns/{id}"), &cookie).await;
        assert_eq!(status, 200);
        let heading = page.split("id=\"reach-heading\">").nth(1).unwrap_or_default();
        assert!(
            heading.starts_with("Zasięg: 5"),
            "one campaign page view, two, one and one item views: {}",
            &heading[..heading.len().min(200)]
        );
        let (_, list) = app.get_with("/editorial/campaigns", &cookie).await;
        assert!(list.contains(">5</td>"), "the list shows the reach");

        // Edit (the event dropped), then delete; both audited.
        let edited = set(&typed, "events", "");
        assert_eq!(post(&app, &format!("/editorial/campaigns/{id}"), &edited, &cookie).await.status(), 303);
        assert_eq!(app.count("select count(*) from campaign_items").await, 2);
        assert_eq!(post(&app, &format!("/editorial/campaigns/{id}/delete"), &[], &cookie).await.status(), 303);
        assert_eq!(post(&app, &format!("/editorial/campaigns/{id}/delete"), &[], &cookie).await.status(), 404);
        assert_eq!(app.count("select count(*) from campaign_milestones").await, 0);
        assert_eq!(
            app.audit_actions(editor).await,
            ["signin", "campaign.create", "campaign.update", "campaign.delete"]
        );
        assert_eq!(app.get("/campaigns/zakrzowek-dla-wszystkich").await.status(), 404);
        app.cleanup().await;
    }
}
