//! DK-04's back office, once per backend: a consultation created from the form (with
//! its refusals), previewed with the public renderer, held back by the statutory
//! minimums until they are met or set aside with a recorded reason, given events that
//! export to iCalendar, published, sent a remark from a letter, and taken back; an
//! easy-to-read version measured for readability and shown first to those who ask.

mod common;

use app::accounts::model::Role;
use app::consultations::editor::format_local;
use app::domain::consultation_phase::DAY;
use common::{backends, spawn_app, TestApp};

const PASSWORD: &str = "biuro dialogu przy placu";

fn location(response: &reqwest::Response) -> String {
    response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

fn form(now: i64, ends_in_days: i64) -> Vec<(&'static str, String)> {
    vec![
        ("title", "Plac przy Hali Targowej".to_owned()),
        ("slug", "plac-hala-targowa".to_owned()),
        ("summary", "Jak urządzić plac?".to_owned()),
        ("body", "## Opis\n\nTekst z <script>alert(1)</script> i **pogrubieniem**.".to_owned()),
        ("kind", "general".to_owned()),
        ("districts", "1".to_owned()),
        ("districts", "2".to_owned()),
        ("topic", "planning".to_owned()),
        ("unit", "Zarząd Zieleni Miejskiej".to_owned()),
        ("information_starts", format_local(now)),
        ("starts", format_local(now + 7 * DAY)),
        ("ends", format_local(now + 7 * DAY + ends_in_days * DAY)),
        ("online_remarks", "on".to_owned()),
        ("written_remarks", "on".to_owned()),
        ("intent", "save".to_owned()),
    ]
}

async fn post(app: &TestApp, path: &str, fields: &[(&'static str, String)], cookie: &str) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(path, &fields, Some(cookie)).await
}

#[tokio::test]
async fn dk04_prepares_publishes_and_takes_back_a_consultation() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let moderator = app.create_user("ewa@example.pl", "Ewa Mazur", PASSWORD, &[Role::Moderator]).await;
        let cookie = app.sign_in("ewa@example.pl", PASSWORD).await;
        let now = app::state::now();

        // The editor page lists the city's units.
        let (status, page) = app.get_with("/moderation/consultations/new", &cookie).await;
        assert_eq!(status, 200, "{backend:?}");
        assert!(page.contains("Wydział Dialogu, Konsultacji i Kontaktu Obywatelskiego"));

        // Refusals come back with every problem and what was typed.
        let mut bad = form(now, 21);
        bad[1].1 = "Zły Adres".to_owned();
        bad[8].1 = "Jednostka spoza listy".to_owned();
        let refused = post(&app, "/moderation/consultations", &bad, &cookie).await;
        assert_eq!(refused.status(), 422);
        let body = refused.text().await.unwrap();
        assert!(body.contains("consultation-slug-error") && body.contains("consultation-unit-error"));
        assert!(body.contains("Plac przy Hali Targowej"), "typed values are kept");

        // Preview: the public renderer, nothing saved.
        let mut preview = form(now, 21);
        preview.last_mut().unwrap().1 = "preview".to_owned();
        let shown = post(&app, "/moderation/consultations", &preview, &cookie).await;
        assert_eq!(shown.status(), 200);
        let body = shown.text().await.unwrap();
        let preview_html = body.split("id=\"preview-heading\"").nth(1).unwrap_or_default();
        assert!(preview_html.contains("<strong>pogrubieniem</strong>"), "{preview_html}");
        let at = body.find("<script>alert(1)").unwrap_or(0);
        assert!(!body.contains("<script>alert(1)"), "{}", &body[at.saturating_sub(300)..(at + 100).min(body.len())]);

        // A 20-day consultation is saved as a draft, but cannot be published as it is.
        let created = post(&app, "/moderation/consultations", &form(now, 20), &cookie).await;
        assert_eq!(created.status(), 303, "{backend:?}");
        let id: i64 = location(&created).split('/').nth(3).unwrap().split('?').next().unwrap().parse().unwrap();
        assert_eq!(app.get("/consultations/plac-hala-targowa").await.status(), 404, "a draft is not public");
        let refused = app.post_form(&format!("/moderation/consultations/{id}/publish"), &[], Some(&cookie)).await;
        assert_eq!(refused.status(), 422);
        let body = refused.text().await.unwrap();
        assert!(body.contains("21"), "the page names the rule that is broken");

        // An open meeting (exported to iCalendar) and a reason for the short period.
        let meeting = [
            ("kind", "meeting".to_owned()),
            ("starts", format_local(now + 10 * DAY)),
            ("ends", format_local(now + 10 * DAY + 7200)),
            ("place", "Dom Kultury, ul. Sokolska 13; sala 2".to_owned()),
            ("accessibility", "Pętla indukcyjna".to_owned()),
            ("online_url", "javascript:alert(1)".to_owned()),
        ];
        let bad_url = post(&app, &format!("/moderation/consultations/{id}/events"), &meeting, &cookie).await;
        assert_eq!(bad_url.status(), 422);
        let mut meeting = meeting.to_vec();
        meeting[5].1 = "https://spotkania.krakow.pl/1".to_owned();
        let added = post(&app, &format!("/moderation/consultations/{id}/events"), &meeting, &cookie).await;
        assert_eq!(added.status(), 303);
        let mut with_reason = form(now, 20);
        with_reason.push(("override_reason", "Termin wynika z ustawy o planowaniu.".to_owned()));
        let saved = post(&app, &format!("/moderation/consultations/{id}"), &with_reason, &cookie).await;
        assert_eq!(saved.status(), 303);
        let published = app.post_form(&format!("/moderation/consultations/{id}/publish"), &[], Some(&cookie)).await;
        assert_eq!(published.status(), 303, "{backend:?}");

        let (status, page) = app.get_text("/consultations/plac-hala-targowa").await;
        assert_eq!(status, 200);
        assert!(page.contains("Dom Kultury, ul. Sokolska 13; sala 2"));
        let ics = app.get("/consultations/plac-hala-targowa/events.ics").await;
        assert_eq!(ics.headers()["content-type"], "text/calendar; charset=utf-8");
        let ics = ics.text().await.unwrap();
        assert!(
            ics.contains("BEGIN:VEVENT") && ics.contains("LOCATION:Dom Kultury\\, ul. Sokolska 13\\; sala 2"),
            "{ics}"
        );

        // A letter's remark, with the author as given.
        let (status, page) = app.get_with(&format!("/moderation/consultations/{id}/remarks/new"), &cookie).await;
        assert_eq!(status, 200);
        let key = page.split("name=\"key\" value=\"").nth(1).unwrap()[..64].to_owned();
        let letter = [
            ("channel", "post".to_owned()),
            ("received", app::domain::warsaw_time::iso_date(now)),
            ("author", "Jan Kowalczyk, ul. Długa 1".to_owned()),
            ("body", "Proszę o ławki.".to_owned()),
            ("attachment", "DK-04.152.1".to_owned()),
            ("key", key),
        ];
        let missing = post(&app, &format!("/moderation/consultations/{id}/remarks"), &letter[1..], &cookie).await;
        assert_eq!(missing.status(), 422);
        for _ in 0..2 {
            let entered = post(&app, &format!("/moderation/consultations/{id}/remarks"), &letter, &cookie).await;
            assert_eq!(entered.status(), 303);
        }
        let (remarks,): (i64,) =
            sqlx::query_as("select count(*) from remarks where channel = 'post' and entered_by = $1")
                .bind(moderator)
                .fetch_one(&app.state.db)
                .await
                .unwrap();
        assert_eq!(remarks, 1, "a double click enters one remark");

        // Taken back: gone from the public site.
        let back = app.post_form(&format!("/moderation/consultations/{id}/unpublish"), &[], Some(&cookie)).await;
        assert_eq!(back.status(), 303);
        assert_eq!(app.get("/consultations/plac-hala-targowa").await.status(), 404);

        let actions = app.audit_actions(moderator).await;
        assert_eq!(
            actions,
            [
                "signin",
                "consultation.create",
                "consultation.event.add",
                "consultation.update",
                "consultation.publish",
                "remark.enter",
                "consultation.unpublish"
            ],
            "{backend:?}"
        );
        let (after,): (String,) =
            sqlx::query_as("select after_json from audit_log where action = 'consultation.publish'")
                .fetch_one(&app.state.db)
                .await
                .unwrap();
        assert!(after.contains("consultation_too_short") && after.contains("Termin wynika"), "{after}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn an_easy_to_read_version_is_checked_measured_and_shown_first_to_those_who_ask() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        app.create_user("ewa@example.pl", "Ewa Mazur", PASSWORD, &[Role::Moderator]).await;
        let cookie = app.sign_in("ewa@example.pl", PASSWORD).await;
        let now = app::state::now();

        // Too long: refused next to its field, the rest kept.
        let mut too_long = form(now, 21);
        too_long.push(("easy_read", "Krótko. ".repeat(2_000)));
        let refused = post(&app, "/moderation/consultations", &too_long, &cookie).await;
        assert_eq!(refused.status(), 422, "{backend:?}");
        let body = refused.text().await.unwrap();
        assert!(body.contains("consultation-easy_read-error") && body.contains("Plac przy Hali Targowej"));

        let mut with_easy = form(now, 21);
        with_easy.push(("easy_read", "## Co robimy\n\nMiasto zmieni plac. Napisz, co myślisz.".to_owned()));
        let created = post(&app, "/moderation/consultations", &with_easy, &cookie).await;
        assert_eq!(created.status(), 303, "{backend:?}");
        let id: i64 = location(&created).split('/').nth(3).unwrap().split('?').next().unwrap().parse().unwrap();

        // The editor measures both texts on the server; the live preview does the same.
        let (status, editor) = app.get_with(&format!("/moderation/consultations/{id}"), &cookie).await;
        assert_eq!(status, 200);
        assert_eq!(editor.matches("<p><strong>Czytelność tekstu").count(), 2, "one hint per text");
        assert!(editor.contains("łatwy (szkoła podstawowa)"), "the easy-to-read text scores easy");
        let officialese = "W związku z koniecznością przeprowadzenia konsultacji społecznych dotyczących \
             zagospodarowania przestrzennego obszaru położonego w granicach administracyjnych dzielnicy \
             uprzejmie informujemy o możliwości zgłaszania uwag i wniosków za pośrednictwem formularza.";
        let preview = app.post_form("/_sf/moderation/preview", &[("text", officialese)], Some(&cookie)).await;
        assert_eq!(preview.status(), 200);
        let (html, hint): (String, String) = preview.json().await.unwrap();
        assert!(html.contains("<p>W związku"));
        assert!(hint.contains("FOG-PL") && hint.contains("Zdania dłuższe niż 25 słów: 1"), "{hint}");

        let meeting = [
            ("kind", "meeting"),
            ("starts", &format_local(now + 10 * DAY)),
            ("ends", &format_local(now + 10 * DAY + 7200)),
            ("place", "Dom Kultury, ul. Sokolska 13"),
        ];
        let added = app.post_form(&format!("/moderation/consultations/{id}/events"), &meeting, Some(&cookie)).await;
        assert_eq!(added.status(), 303);
        let published = app.post_form(&format!("/moderation/consultations/{id}/publish"), &[], Some(&cookie)).await;
        assert_eq!(published.status(), 303, "{backend:?}");

        // Residents: a link at the top, the text after the full one; first when asked.
        let (_, page) = app.get_text("/consultations/plac-hala-targowa").await;
        assert!(page.contains("href=\"/consultations/plac-hala-targowa?easy=1#easy-read\""));
        let (facts, easy) =
            (page.find("id=\"facts-heading\"").unwrap(), page.find("id=\"easy-read-heading\"").unwrap());
        assert!(facts < easy, "after the full text by default");
        assert!(page.contains("<h3>Co robimy</h3>"), "its headings sit under its own <h2>");
        let (_, asked) = app.get_text("/consultations/plac-hala-targowa?easy=1").await;
        let (facts, easy) =
            (asked.find("id=\"facts-heading\"").unwrap(), asked.find("id=\"easy-read-heading\"").unwrap());
        assert!(easy < facts, "first for those who ask");
        assert!(!asked.contains("?easy=1#easy-read"));
        app.cleanup().await;
    }
}
