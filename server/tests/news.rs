//! News and announcements, once per backend: DK-06 writes a post (residents may not;
//! refused forms keep what was typed and store nothing; a slug is never taken twice);
//! a published post is on `/news`, on its own page (its markdown sanitised), in the
//! Atom feed and, while its banner runs, above every page; scheduled posts and drafts
//! stay out of sight until due; edits and deletions are audited.

mod common;

use app::accounts::model::Role;
use app::consultations::editor::format_local;
use common::{backends, parse_atom, spawn_app, TestApp};

const PASSWORD: &str = "aktualnosci z magistratu";
const DAY: i64 = 86_400;

type Fields = Vec<(&'static str, String)>;

async fn post(app: &TestApp, path: &str, fields: &[(&str, String)], cookie: &str) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(path, &fields, Some(cookie)).await
}

fn set(fields: &Fields, name: &str, value: &str) -> Fields {
    fields.iter().map(|(k, v)| (*k, if *k == name { value.to_owned() } else { v.clone() })).collect()
}

#[tokio::test]
async fn dk06_publishes_a_post_with_a_banner_and_residents_see_it() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let editor = app.create_user("redakcja@example.pl", "Redakcja DK-06", PASSWORD, &[Role::Editor]).await;
        app.create_user("jan@example.pl", "Jan", PASSWORD, &[]).await;
        let cookie = app.sign_in("redakcja@example.pl", PASSWORD).await;
        let resident = app.sign_in("jan@example.pl", PASSWORD).await;
        let now = app::state::now();
        let typed: Fields = vec![
            ("title", "Głosowanie kończy się w piątek".to_owned()),
            ("slug", String::new()),
            ("lead", "Zostały trzy dni na oddanie głosu.".to_owned()),
            ("body", "## Jak głosować\n\nPrzez internet.<script>alert(1)</script>".to_owned()),
            ("publish_at", format_local(now - DAY)),
            ("banner_text", "Głosowanie w budżecie kończy się w piątek".to_owned()),
            ("banner_until", format_local(now + 3 * DAY)),
            ("consultation", String::new()),
            ("budget_year", String::new()),
            ("district", "13".to_owned()),
            ("intent", "save".to_owned()),
        ];

        // A resident may not write one; an anonymous visitor is sent to sign in.
        assert_eq!(post(&app, "/editorial/news", &typed, &resident).await.status(), 403, "{backend:?}");
        let (status, _) = app.get_with("/editorial/news", &resident).await;
        assert_eq!(status, 403);

        // No title, a banner without an end, an edition that does not exist: each next to
        // its field, the rest kept, nothing stored.
        let bad = set(&set(&typed, "title", " "), "banner_until", "");
        let refused = post(&app, "/editorial/news", &bad, &cookie).await;
        assert_eq!(refused.status(), 422, "{backend:?}");
        let page = refused.text().await.unwrap();
        for field in ["title", "banner_until"] {
            assert!(page.contains(&format!("href=\"#news-{field}\"")), "{field} in the summary");
        }
        assert!(page.contains("id=\"news-banner_until-error\""), "the banner's message next to its field");
        assert!(page.contains("Zostały trzy dni na oddanie głosu."), "the lead is kept");
        assert!(page.contains("Głosowanie w budżecie kończy się w piątek"), "the banner's text is kept");
        let unknown = post(&app, "/editorial/news", &set(&typed, "budget_year", "2099"), &cookie).await;
        assert_eq!(unknown.status(), 422);
        assert!(unknown.text().await.unwrap().contains("href=\"#news-budget_year\""));
        assert_eq!(app.count("select count(*) from news_posts").await, 0, "{backend:?}");

        // Previewing stores nothing and shows the sanitised text.
        let preview = post(&app, "/editorial/news", &set(&typed, "intent", "preview"), &cookie).await;
        assert_eq!(preview.status(), 200);
        let preview = preview.text().await.unwrap();
        assert!(preview.contains("Jak głosować</h") && !preview.contains("<script>alert"), "sanitised preview");
        assert_eq!(app.count("select count(*) from news_posts").await, 0);

        let created = post(&app, "/editorial/news", &typed, &cookie).await;
        assert_eq!(created.status(), 303, "{backend:?}");
        assert!(app.audit_actions(editor).await.contains(&"news.create".to_owned()));
        let (id,): (i64,) = sqlx::query_as("select id from news_posts").fetch_one(&app.state.db).await.unwrap();
        let slug = "glosowanie-konczy-sie-w-piatek";

        // The same address again is refused with its own message.
        let twice = post(&app, "/editorial/news", &typed, &cookie).await;
        assert_eq!(twice.status(), 422);
        assert!(twice.text().await.unwrap().contains("Inny wpis ma już ten adres."));
        assert_eq!(app.count("select count(*) from news_posts").await, 1);

        // A scheduled post and a draft stay out of sight.
        let scheduled = vec![
            ("title", "Wyniki głosowania".to_owned()),
            ("lead", "Ogłosimy je w poniedziałek.".to_owned()),
            ("body", "Wkrótce.".to_owned()),
            ("publish_at", format_local(now + 2 * DAY)),
        ];
        assert_eq!(post(&app, "/editorial/news", &scheduled, &cookie).await.status(), 303);
        let draft = set(&set(&scheduled, "title", "Szkic zaproszenia"), "publish_at", "");
        assert_eq!(post(&app, "/editorial/news", &draft, &cookie).await.status(), 303);

        let (status, list) = app.get_text("/news").await;
        assert_eq!(status, 200);
        assert!(list.contains(&format!("href=\"/news/{slug}\"")) && list.contains("Zostały trzy dni"));
        assert!(!list.contains("Wyniki głosowania") && !list.contains("Szkic zaproszenia"), "{backend:?}");
        assert_eq!(app.get("/news/wyniki-glosowania").await.status(), 404);
        assert_eq!(app.get("/news/szkic-zaproszenia").await.status(), 404);
        let (_, editorial) = app.get_with("/editorial/news", &cookie).await;
        assert!(editorial.contains("Wyniki głosowania") && editorial.contains("Szkic zaproszenia"));
        assert!(editorial.contains("Zaplanowany na") && editorial.contains("Szkic"));

        let (status, page) = app.get_text(&format!("/news/{slug}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Jak głosować</h2>") && !page.contains("<script>alert"), "sanitised body");
        assert!(page.contains("href=\"/consultations?district=13\""), "the district it concerns");

        // The banner runs above every page until its end.
        for path in ["/", "/consultations", "/events"] {
            let (_, page) = app.get_text(path).await;
            assert!(page.contains("class=\"site-banner\""), "{path}");
            assert!(page.contains("Głosowanie w budżecie kończy się w piątek"), "{path}");
        }

        // The feed parses and holds the published post only.
        let feed = app.get("/news.atom").await;
        assert_eq!(feed.headers()["content-type"], "application/atom+xml; charset=utf-8");
        let entries = parse_atom(&feed.text().await.unwrap());
        assert_eq!(entries.len(), 1, "{backend:?}: {entries:?}");
        assert!(entries[0].1.ends_with(&format!("/news/{slug}")));

        // An edit that ends the banner: audited, and the banner is gone.
        let ended = set(&typed, "banner_until", &format_local(now - DAY + 3600));
        let saved = post(&app, &format!("/editorial/news/{id}"), &ended, &cookie).await;
        assert_eq!(saved.status(), 303, "{backend:?}");
        assert!(app.audit_actions(editor).await.contains(&"news.update".to_owned()));
        let (_, home) = app.get_text("/").await;
        assert!(!home.contains("class=\"site-banner\""), "an ended banner is not shown");

        // Deleting: audited; a second time finds nothing; the page is gone.
        let deleted = app.post_form(&format!("/editorial/news/{id}/delete"), &[], Some(&cookie)).await;
        assert_eq!(deleted.status(), 303);
        assert!(app.audit_actions(editor).await.contains(&"news.delete".to_owned()));
        let again = app.post_form(&format!("/editorial/news/{id}/delete"), &[], Some(&cookie)).await;
        assert_eq!(again.status(), 404);
        assert_eq!(app.get(&format!("/news/{slug}")).await.status(), 404);
        let again = post(&app, &format!("/editorial/news/{id}"), &typed, &cookie).await;
        assert_eq!(again.status(), 404, "editing a deleted post");
        app.cleanup().await;
    }
}
