//! The newsletter end to end, once per backend: subscribing (refusals keep what was
//! typed and store nothing), the double opt-in with a second click and a tampered
//! link, the weekly digest through the SMTP sink (one mail per subscriber and week,
//! none when nothing is new, none twice after a crash, a refused mail tried again),
//! unsubscribing by the page and by the one-click POST of mail programs, and the
//! editors' preview.

mod common;

use app::accounts::model::Role;
use app::consultations::{model::Kind, storage as consultations};
use app::domain::{
    consultation_phase::{Schedule, DAY},
    district::{Area, District},
    topic::Topic,
};
use app::i18n::Locale;
use app::newsletter::digest::period_of;
use app::newsletter::storage::{self, Subscribed};
use app::newsletter::{Interest, Subscription};
use common::{backends, spawn_app, TestApp};
use server::accounts::mail::Mailer;

const PASSWORD: &str = "ciepły wiatr znad wisły";

fn location(response: &reqwest::Response) -> String {
    response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

fn mailer() -> Mailer {
    let smtp = std::env::var("TEST_SMTP_URL").ok();
    Mailer::from_config(smtp.as_deref(), "dialog@krakow.pl").unwrap()
}

/// A confirmed subscription made directly, confirmed at `at`.
async fn subscriber(app: &TestApp, email: &str, districts: &[u8], topics: &[Topic], at: i64) -> String {
    let s = Subscription {
        email: email.to_owned(),
        interest: Interest { city_wide: false, districts: districts.to_vec(), topics: topics.to_vec() },
        locale: Locale::Pl,
    };
    let Subscribed::New { confirm_token } = storage::subscribe(&app.state.db, &s, at).await.unwrap() else {
        panic!("a new address")
    };
    storage::confirm(&app.state.db, &confirm_token, at).await.unwrap();
    let (token,): (String,) = sqlx::query_as("select unsubscribe_token from newsletter_subscriptions where email = $1")
        .bind(email)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    token
}

/// A published consultation in `district` about `topic`, announced ten days before
/// `starts` and open for 21 days.
async fn consultation(app: &TestApp, slug: &str, district: u8, topic: Topic, starts: i64) {
    let c = consultations::NewConsultation {
        slug: slug.to_owned(),
        title: format!("Konsultacje {slug}"),
        summary: "Podsumowanie".to_owned(),
        body_md: "Treść.".to_owned(),
        kind: Kind::General,
        area: Area::Districts(vec![District::new(district).unwrap()]),
        topic,
        organising_unit: "Zarząd Zieleni Miejskiej".to_owned(),
        schedule: Schedule::parse(starts - 10 * DAY, starts, starts + 21 * DAY).unwrap(),
        report_published_at: None,
        published_at: Some(starts - 10 * DAY),
    };
    consultations::insert(&app.state.db, &c, starts - 10 * DAY).await.unwrap().unwrap();
}

fn subscribe_form<'a>(
    email: &'a str,
    districts: &[&'a str],
    topics: &[&'a str],
    language: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![("email", email), ("language", language)];
    form.extend(districts.iter().map(|d| ("districts", *d)));
    form.extend(topics.iter().map(|t| ("topics", *t)));
    form
}

#[tokio::test]
async fn a_resident_subscribes_and_confirms_once_and_bad_input_keeps_what_was_typed() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let pl = Locale::Pl;

        let refused = app
            .post_form("/newsletter", &subscribe_form("ewa(at)example.pl", &["13"], &["greenery"], "pl"), None)
            .await;
        assert_eq!(refused.status(), 422, "{backend:?}");
        let page = refused.text().await.unwrap();
        assert!(page.contains(pl.problem("email_invalid")), "the message next to the field");
        assert!(page.contains("value=\"ewa(at)example.pl\""), "the address as typed");
        assert!(
            page.contains("id=\"newsletter-district-13\" name=\"districts\" value=\"13\" checked"),
            "the district kept"
        );
        assert!(page.contains("value=\"greenery\" checked"), "the topic kept");
        let no_area = app.post_form("/newsletter", &subscribe_form("ewa@example.pl", &[], &[], "pl"), None).await;
        assert_eq!(no_area.status(), 422);
        assert!(no_area.text().await.unwrap().contains(pl.problem("newsletter_area_required")));
        let forged =
            app.post_form("/newsletter", &subscribe_form("ewa@example.pl", &["19"], &["weather"], "pl"), None).await;
        assert_eq!(forged.status(), 422);
        assert_eq!(app.count("select count(*) from newsletter_subscriptions").await, 0, "nothing half-saved");

        let done =
            app.post_form("/newsletter", &subscribe_form(" Ewa@Example.pl", &["13"], &["greenery"], "en"), None).await;
        assert_eq!(done.status(), 303);
        assert_eq!(location(&done), "/newsletter?done=newsletter_check_inbox#content");
        let mail = app.wait_for_mail("ewa@example.pl", 1).await;
        assert_eq!(mail.subject, Locale::En.newsletter().mail_confirm_subject, "in the language chosen");
        let token = mail.body.split("/newsletter/confirm/").nth(1).unwrap()[..64].to_owned();
        assert_eq!(app.count("select count(*) from newsletter_subscriptions where confirmed_at is null").await, 1);

        // A tampered link confirms nothing.
        let mut tampered = token.clone();
        tampered.replace_range(63.., if token.ends_with('0') { "1" } else { "0" });
        assert_eq!(app.get(&format!("/newsletter/confirm/{tampered}")).await.status(), 404);
        assert_eq!(app.post_form(&format!("/newsletter/confirm/{tampered}"), &[], None).await.status(), 404);
        assert_eq!(app.post_form("/newsletter/confirm/not-a-token", &[], None).await.status(), 404);
        assert_eq!(app.count("select count(*) from newsletter_subscriptions where confirmed_at is null").await, 1);

        // Opening the link changes nothing; the button confirms; a second click says so.
        let (status, page) = app.get_text(&format!("/newsletter/confirm/{token}")).await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("action=\"/newsletter/confirm/{token}\"")), "a button, not a GET");
        assert_eq!(app.count("select count(*) from newsletter_subscriptions where confirmed_at is null").await, 1);
        let confirmed = app.post_form(&format!("/newsletter/confirm/{token}"), &[], None).await;
        assert_eq!(location(&confirmed), "/newsletter?done=newsletter_confirmed#content", "{backend:?}");
        let again = app.post_form(&format!("/newsletter/confirm/{token}"), &[], None).await;
        assert_eq!(location(&again), "/newsletter?done=newsletter_already_confirmed#content");
        let (status, page) = app.get_text(&format!("/newsletter/confirm/{token}")).await;
        assert_eq!(status, 200);
        assert!(page.contains(pl.newsletter().confirmed_already));
        let (status, page) = app.get_text("/newsletter?done=newsletter_already_confirmed").await;
        assert_eq!(status, 200);
        assert!(page.contains(pl.newsletter().done[2]));

        // The same address again: nobody can change a confirmed subscription's choices
        // from the form; its owner gets a note with the way out.
        let stranger = app.post_form("/newsletter", &subscribe_form("ewa@example.pl", &["1"], &[], "pl"), None).await;
        assert_eq!(location(&stranger), "/newsletter?done=newsletter_check_inbox#content", "the same answer");
        let note = app.wait_for_mail("ewa@example.pl", 2).await;
        assert_eq!(note.subject, pl.newsletter().mail_already_subject);
        assert!(note.body.contains("/newsletter/unsubscribe/"));
        assert_eq!(
            app.count("select count(*) from newsletter_districts where cast(district as bigint) = 13").await,
            1,
            "the choices stay"
        );
        assert_eq!(app.count("select count(*) from newsletter_districts").await, 1);
        assert_eq!(app.mails_to("ewa@example.pl").await.len(), 2);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn the_weekly_digest_goes_once_per_subscriber_and_only_when_something_is_new() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let (_, monday) = period_of(app::state::now());
        let now = monday + 3600;
        let ewa = subscriber(&app, "ewa@example.pl", &[13], &[Topic::Greenery], now - 7 * DAY).await;
        subscriber(&app, "jan@example.pl", &[1], &[], now - 7 * DAY).await;
        // Opened two days ago in Podgórze (13); a transport one there is not Ewa's topic.
        consultation(&app, "park-zakrzowek", 13, Topic::Greenery, now - 2 * DAY).await;
        consultation(&app, "tramwaj", 13, Topic::Transport, now - 2 * DAY).await;
        let mailer = mailer();

        // Before Monday morning nothing goes.
        let early = server::newsletter::send_due(&app.state, &mailer, monday - 60).await.unwrap();
        assert_eq!(early, server::newsletter::Run::default());

        let first = server::newsletter::send_due(&app.state, &mailer, now).await.unwrap();
        assert_eq!((first.sent, first.empty, first.failed), (1, 1, 0), "{backend:?}");
        let again = server::newsletter::send_due(&app.state, &mailer, now + 600).await.unwrap();
        assert_eq!(again, server::newsletter::Run::default(), "once a week");
        let mail = app.wait_for_mail("ewa@example.pl", 1).await;
        assert!(mail.body.contains("Konsultacje park-zakrzowek"), "{}", mail.body);
        assert!(!mail.body.contains("tramwaj"), "not her topic");
        assert!(mail.body.contains(&format!("{}/consultations/park-zakrzowek", app.address)));
        let unsubscribe = format!("{}/newsletter/unsubscribe/{ewa}", app.address);
        assert!(mail.body.contains(&unsubscribe));
        if std::env::var("TEST_SMTP_URL").is_ok() {
            assert_eq!(mail.list_unsubscribe, format!("<{unsubscribe}>"));
            assert_eq!(mail.list_unsubscribe_post, "List-Unsubscribe=One-Click");
        }
        assert!(app.mails_to("jan@example.pl").await.is_empty(), "nothing new in Bronowice");

        // The next week has nothing new: no mail at all.
        let quiet = server::newsletter::send_due(&app.state, &mailer, now + 7 * DAY).await.unwrap();
        assert_eq!((quiet.sent, quiet.empty), (0, 2), "{backend:?}");

        // Week three: something new for both; two senders at once (two instances, or
        // the job and a restarted one) still send one mail each.
        let week3 = now + 14 * DAY;
        consultation(&app, "zielen-13", 13, Topic::Greenery, week3 - DAY).await;
        consultation(&app, "bronowice", 1, Topic::Sport, week3 - DAY).await;
        let (a, b) = tokio::join!(
            server::newsletter::send_due(&app.state, &mailer, week3),
            server::newsletter::send_due(&app.state, &mailer, week3)
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.sent + b.sent, 2, "{backend:?}: {a:?} {b:?}");
        app.wait_for_mail("jan@example.pl", 1).await;
        app.wait_for_mail("ewa@example.pl", 2).await;

        // Week four: a crash left Ewa's digest claimed but unsent: it is not sent again.
        let week4 = now + 21 * DAY;
        consultation(&app, "zielen-13-bis", 13, Topic::Greenery, week4 - DAY).await;
        let (period4, _) = period_of(week4);
        let (ewa_id,): (i64,) =
            sqlx::query_as("select id from newsletter_subscriptions where email = 'ewa@example.pl'")
                .fetch_one(&app.state.db)
                .await
                .unwrap();
        assert!(storage::claim(&app.state.db, ewa_id, &period4, "sending", 1, week4).await.unwrap());
        let after_crash = server::newsletter::send_due(&app.state, &mailer, week4).await.unwrap();
        assert_eq!((after_crash.sent, after_crash.empty), (0, 1), "{backend:?}");

        // Week five: the mail server refuses; nothing is marked sent, and the next run
        // delivers each once (Ewa: a new consultation; Jan: his closes within a week).
        let week5 = now + 28 * DAY;
        consultation(&app, "zielen-13-ter", 13, Topic::Greenery, week5 - DAY).await;
        let down = Mailer::from_config(Some("smtp://127.0.0.1:9"), "dialog@krakow.pl").unwrap();
        if std::env::var("TEST_SMTP_URL").is_ok() {
            let refused = server::newsletter::send_due(&app.state, &down, week5).await.unwrap();
            assert_eq!((refused.sent, refused.failed), (0, 2), "{backend:?}");
        }
        let retried = server::newsletter::send_due(&app.state, &mailer, week5 + 300).await.unwrap();
        assert_eq!(retried.sent, 2, "{backend:?}");
        let last = app.wait_for_mail("ewa@example.pl", 3).await;
        assert!(last.body.contains("zielen-13-ter"));
        assert!(!last.body.contains("zielen-13-bis"), "week four's news counted as told");
        assert_eq!(app.mails_to("ewa@example.pl").await.len(), 3);
        let jan = app.wait_for_mail("jan@example.pl", 2).await;
        assert!(jan.body.contains(Locale::Pl.newsletter().digest_sections[1]), "closing soon: {}", jan.body);
        assert_eq!(app.mails_to("jan@example.pl").await.len(), 2);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn unsubscribing_by_the_page_or_one_click_and_a_tampered_link_changes_nothing() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let now = app::state::now();
        let token = subscriber(&app, "ewa@example.pl", &[13], &[], now).await;
        let other = subscriber(&app, "jan@example.pl", &[1], &[], now).await;

        let mut tampered = token.clone();
        tampered.replace_range(..1, if token.starts_with('a') { "b" } else { "a" });
        let wrong = app.post_form(&format!("/newsletter/unsubscribe/{tampered}"), &[], None).await;
        assert_eq!(wrong.status(), 404, "{backend:?}");
        assert!(wrong.text().await.unwrap().contains(Locale::Pl.newsletter().unsubscribe_gone));
        assert_eq!(app.post_form("/newsletter/unsubscribe/abc", &[], None).await.status(), 404);
        assert_eq!(app.count("select count(*) from newsletter_subscriptions").await, 2);

        let (status, page) = app.get_text(&format!("/newsletter/unsubscribe/{token}")).await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("action=\"/newsletter/unsubscribe/{token}\"")));
        assert_eq!(app.count("select count(*) from newsletter_subscriptions").await, 2, "opening changes nothing");

        // RFC 8058: the mail program posts from its own servers, without Origin.
        let one_click = app
            .client
            .post(format!("{}/newsletter/unsubscribe/{token}", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
            .await
            .unwrap();
        assert_eq!(one_click.status(), 303, "{backend:?}");
        assert_eq!(location(&one_click), "/newsletter?done=newsletter_unsubscribed#content");
        assert_eq!(app.count("select count(*) from newsletter_subscriptions where email = 'ewa@example.pl'").await, 0);
        assert_eq!(app.count("select count(*) from newsletter_districts where cast(district as bigint) = 13").await, 0);
        let (status, _) = app.get_text(&format!("/newsletter/unsubscribe/{token}")).await;
        assert_eq!(status, 404, "gone with the address");

        // The exemption is that route's alone: other writes without Origin stay refused.
        let forged = app
            .client
            .post(format!("{}/newsletter", app.address))
            .form(&subscribe_form("x@example.pl", &["1"], &[], "pl"))
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status(), 403);

        // The page's button (a browser sends Origin).
        let button = app.post_form(&format!("/newsletter/unsubscribe/{other}"), &[], None).await;
        assert_eq!(button.status(), 303);
        assert_eq!(app.count("select count(*) from newsletter_subscriptions").await, 0);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn editors_preview_this_weeks_digest_and_no_one_else_can() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let now = app::state::now();
        consultation(&app, "park-zakrzowek", 13, Topic::Greenery, now - DAY).await;
        subscriber(&app, "ewa@example.pl", &[13], &[], now).await;
        app.create_user("redakcja@example.pl", "Redakcja DK-06", PASSWORD, &[Role::Editor]).await;
        app.create_user("jan@example.pl", "Jan", PASSWORD, &[]).await;
        let editor = app.sign_in("redakcja@example.pl", PASSWORD).await;
        let resident = app.sign_in("jan@example.pl", PASSWORD).await;
        let t = Locale::Pl.newsletter();

        let (status, page) = app.get_with("/editorial/digest?district=13", &editor).await;
        assert_eq!(status, 200, "{backend:?}");
        assert!(page.contains("Konsultacje park-zakrzowek"));
        assert!(page.contains(t.digest_sections[0]));
        assert!(page.contains(&period_of(now).0));
        let (_, other) = app.get_with("/editorial/digest?district=1&topic=transport", &editor).await;
        assert!(other.contains(t.preview_nothing), "nothing new there");
        assert!(!other.contains("park-zakrzowek"));
        assert_eq!(app.count("select count(*) from newsletter_digests").await, 0, "a preview sends nothing");

        let (status, _) = app.get_with("/editorial/digest", &resident).await;
        assert_eq!(status, 403);
        let anonymous = app.get("/editorial/digest").await;
        assert_eq!(anonymous.status(), 302, "sent to sign in");
        assert!(location(&anonymous).starts_with("/signin"), "{}", location(&anonymous));
        app.cleanup().await;
    }
}
