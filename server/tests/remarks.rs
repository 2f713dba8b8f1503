//! Remarks end to end, once per backend: writing on a consultation and on a unit of a
//! draft act, the refusals (empty, too long, closed, hidden parent, not a member,
//! blocked, late edit, flagging twice, too many at once), double submits, supports, withdrawal,
//! moderation, pre-moderation, open data, following and its mail, and the fixed number
//! of queries a thread page costs.

mod common;

use app::consultations::{model::Kind, storage};
use app::domain::{
    consultation_phase::{Schedule, DAY},
    district::{Area, District},
    topic::Topic,
};
use common::{backends, spawn_app, TestApp};

const PASSWORD: &str = "ciepły wiatr znad wisły";

const ACT: &str = "## Uzasadnienie\n\nKrótko.\n\n## Projekt\n\n### § 1\n\nTworzy się park.\n\n### § 2\n\n\
                   1. zakazuje się reklam,\n2. szyldy według załącznika.";

/// A published consultation with a draft act; `open` decides its phase.
async fn consultation(app: &TestApp, slug: &str, open: bool) -> i64 {
    let now = app::state::now();
    let schedule = if open {
        Schedule::parse(now - 10 * DAY, now - 2 * DAY, now + 20 * DAY).unwrap()
    } else {
        Schedule::parse(now - 60 * DAY, now - 50 * DAY, now - 20 * DAY).unwrap()
    };
    let c = storage::NewConsultation {
        slug: slug.to_owned(),
        title: format!("Konsultacje {slug}"),
        summary: "Podsumowanie".to_owned(),
        body_md: ACT.to_owned(),
        kind: Kind::DraftAct,
        area: Area::Districts(vec![District::new(13).unwrap()]),
        topic: Topic::Greenery,
        organising_unit: "Zarząd Zieleni Miejskiej".to_owned(),
        schedule,
        report_published_at: None,
        published_at: Some(now - 10 * DAY),
    };
    storage::insert(&app.state.db, &c, now).await.unwrap().unwrap()
}

async fn resident(app: &TestApp, email: &str, name: &str) -> (i64, String) {
    let id = app.create_user(email, name, PASSWORD, &[]).await;
    (id, app.sign_in(email, PASSWORD).await)
}

fn location(response: &reqwest::Response) -> String {
    response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_resident_comments_on_a_unit_replies_supports_edits_and_withdraws() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        consultation(&app, "park", true).await;
        let (_, anna) = resident(&app, "anna@example.pl", "Anna Nowak").await;
        let (_, piotr) = resident(&app, "piotr@example.pl", "Piotr Kowalski").await;

        // The act's units have anchors, counts and comment links.
        let (status, page) = app.get_with("/consultations/park", &anna).await;
        assert_eq!(status, 200);
        for anchor in ["id=\"par-1\"", "id=\"par-2\"", "id=\"par-2-pkt-1\"", "id=\"par-2-pkt-2\""] {
            assert!(page.contains(anchor), "{anchor}");
        }
        assert!(page.contains("/consultations/park?unit=par-2-pkt-1#remarks"));
        let key = page.split("name=\"key\" value=\"").nth(1).unwrap()[..64].to_owned();

        // Posted twice with the same key (a double click): one remark.
        let fields = [
            ("body", "Proszę o **okres przejściowy**."),
            ("unit", "par-2-pkt-1"),
            ("key", key.as_str()),
            ("on_behalf", ""),
        ];
        let first = app.post_form("/consultations/park/remarks", &fields, Some(&anna)).await;
        assert_eq!(first.status(), 303, "{backend:?}");
        let second = app.post_form("/consultations/park/remarks", &fields, Some(&anna)).await;
        assert_eq!(second.status(), 303);
        assert_eq!(location(&first), location(&second));
        assert_eq!(app.count("select count(*) from remarks").await, 1, "{backend:?}");
        let id: i64 = location(&first).rsplit("remark-").next().unwrap().parse().unwrap();

        let (_, unit_page) = app.get_text("/consultations/park?unit=par-2-pkt-1").await;
        assert!(unit_page.contains("<strong>okres przejściowy</strong>"));
        assert!(unit_page.contains("§ 2 pkt 1"));

        // A reply, a support (counted once), and the reply inherits the unit.
        let reply = app
            .post_form(
                "/consultations/park/remarks",
                &[("body", "Zgadzam się."), ("parent", &id.to_string())],
                Some(&piotr),
            )
            .await;
        assert_eq!(reply.status(), 303);
        for _ in 0..2 {
            let r = app.post_form(&format!("/remarks/{id}/support"), &[("support", "yes")], Some(&piotr)).await;
            assert_eq!(r.status(), 303);
        }
        let (supports, units): (i64, i64) = (
            app.count(&format!("select support_count from remarks where id = {id}")).await,
            app.count("select count(*) from remarks where unit_anchor = 'par-2-pkt-1'").await,
        );
        assert_eq!((supports, units), (1, 2), "{backend:?}");

        // A reply to a reply is refused, the text kept.
        let (reply_id,): (i64,) = sqlx::query_as("select id from remarks where parent_id is not null")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        let nested = app
            .post_form(
                "/consultations/park/remarks",
                &[("body", "Głębiej"), ("parent", &reply_id.to_string())],
                Some(&anna),
            )
            .await;
        assert_eq!(nested.status(), 422);
        assert!(nested.text().await.unwrap().contains("Głębiej"));

        // Editing: only the author, only within 15 minutes.
        let other = app.post_form(&format!("/remarks/{id}/edit"), &[("body", "Cudze")], Some(&piotr)).await;
        assert_eq!(other.status(), 403);
        let edit = app.post_form(&format!("/remarks/{id}/edit"), &[("body", "Poprawione.")], Some(&anna)).await;
        assert_eq!(edit.status(), 303);
        sqlx::query("update remarks set created_at = created_at - 901 where id = $1")
            .bind(id)
            .execute(&app.state.db)
            .await
            .unwrap();
        let late = app.post_form(&format!("/remarks/{id}/edit"), &[("body", "Za późno, ale ważne")], Some(&anna)).await;
        assert_eq!(late.status(), 409);
        let body = late.text().await.unwrap();
        assert!(body.contains("Za późno, ale ważne"), "the typed text comes back");
        assert!(body.contains("15"), "the message says why");

        // Withdrawal leaves a placeholder; the text is gone from the public page.
        let withdrawn = app.post_form(&format!("/remarks/{id}/withdraw"), &[], Some(&anna)).await;
        assert_eq!(withdrawn.status(), 303);
        let (_, page) = app.get_text("/consultations/park").await;
        assert!(!page.contains("Poprawione."));
        assert!(page.contains("remark-placeholder"));
        assert!(page.contains("Zgadzam się."), "replies stay");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn bad_remarks_are_refused_next_to_the_field_and_nothing_is_stored() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        consultation(&app, "open", true).await;
        consultation(&app, "closed", false).await;
        let (_, anna) = resident(&app, "anna@example.pl", "Anna").await;

        let empty = app.post_form("/consultations/open/remarks", &[("body", "   ")], Some(&anna)).await;
        assert_eq!(empty.status(), 422);
        assert!(empty.text().await.unwrap().contains("remark-body-error"));

        let long = "ż".repeat(5_001);
        let too_long = app.post_form("/consultations/open/remarks", &[("body", &long)], Some(&anna)).await;
        assert_eq!(too_long.status(), 422);
        assert!(too_long.text().await.unwrap().contains(&long), "the text is kept");

        let closed = app.post_form("/consultations/closed/remarks", &[("body", "Spóźniona uwaga")], Some(&anna)).await;
        assert_eq!(closed.status(), 409, "{backend:?}");
        assert!(closed.text().await.unwrap().contains("Spóźniona uwaga"));

        let unit =
            app.post_form("/consultations/open/remarks", &[("body", "X"), ("unit", "par-99")], Some(&anna)).await;
        assert_eq!(unit.status(), 422);

        let org = app
            .post_form("/consultations/open/remarks", &[("body", "W imieniu"), ("on_behalf", "1")], Some(&anna))
            .await;
        assert_eq!(org.status(), 403, "not a member of the council");

        let anonymous = app.post_form("/consultations/open/remarks", &[("body", "Anonim")], None).await;
        assert_eq!(anonymous.status(), 303);
        assert!(location(&anonymous).starts_with("/signin?next="));

        assert_eq!(app.count("select count(*) from remarks").await, 0, "{backend:?}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn an_account_sending_remarks_in_bulk_is_slowed_down_and_keeps_its_text() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        consultation(&app, "open", true).await;
        let (_, anna) = resident(&app, "anna@example.pl", "Anna").await;
        let (_, piotr) = resident(&app, "piotr@example.pl", "Piotr").await;
        for n in 0..60 {
            let body = format!("Uwaga {n}");
            let ok = app.post_form("/consultations/open/remarks", &[("body", &body)], Some(&anna)).await;
            assert_eq!(ok.status(), 303, "remark {n} on {backend:?}");
        }
        let refused = app.post_form("/consultations/open/remarks", &[("body", "Uwaga 61")], Some(&anna)).await;
        assert_eq!(refused.status(), 429);
        assert!(refused.headers().contains_key("retry-after"));
        assert!(refused.text().await.unwrap().contains("Uwaga 61"), "the text is kept");
        let other = app.post_form("/consultations/open/remarks", &[("body", "Inna osoba")], Some(&piotr)).await;
        assert_eq!(other.status(), 303, "the limit is per account");
        assert_eq!(app.count("select count(*) from remarks").await, 61, "{backend:?}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_member_signs_for_the_organisation_and_moderators_keep_the_debate_clean() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        consultation(&app, "rynek", true).await;
        let (jan, jan_cookie) = resident(&app, "jan@example.pl", "Jan Zieliński").await;
        let (council,): (i64,) =
            sqlx::query_as("select id from organisations where district = 13").fetch_one(&app.state.db).await.unwrap();
        app::accounts::storage::upsert_member(&app.state.db, council, jan, false, app::state::now()).await.unwrap();
        let signed = app
            .post_form(
                "/consultations/rynek/remarks",
                &[("body", "Rada popiera projekt."), ("on_behalf", &council.to_string())],
                Some(&jan_cookie),
            )
            .await;
        assert_eq!(signed.status(), 303, "{backend:?}");
        let (_, page) = app.get_text("/consultations/rynek").await;
        assert!(page.contains("badge-district_council"));
        assert!(page.contains("Rada Dzielnicy XIII"), "the council's name is shown");

        // A spam remark is flagged (once per person) and hidden with a reason.
        let (spammer, spam_cookie) = resident(&app, "spam@example.pl", "Spam").await;
        let spam = app
            .post_form(
                "/consultations/rynek/remarks",
                &[("body", "Kup teraz <script>alert(1)</script>")],
                Some(&spam_cookie),
            )
            .await;
        let spam_id: i64 = location(&spam).rsplit("remark-").next().unwrap().parse().unwrap();
        let (_, page) = app.get_text("/consultations/rynek").await;
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert(1)"));
        let flag = app.post_form(&format!("/remarks/{spam_id}/flag"), &[("reason", "spam")], Some(&jan_cookie)).await;
        assert_eq!(flag.status(), 303);
        let again = app
            .post_form(&format!("/remarks/{spam_id}/flag"), &[("reason", "spam"), ("note", "znowu")], Some(&jan_cookie))
            .await;
        assert_eq!(again.status(), 409);
        assert!(again.text().await.unwrap().contains("znowu"));

        let moderator =
            app.create_user("mod@example.pl", "Ewa", PASSWORD, &[app::accounts::model::Role::Moderator]).await;
        let mod_cookie = app.sign_in("mod@example.pl", PASSWORD).await;
        let (status, queue) = app.get_with("/moderation/remarks", &mod_cookie).await;
        assert_eq!(status, 200);
        assert!(queue.contains(&format!("queue-{spam_id}")));
        let (status, _) = app.get_with("/moderation/remarks", &jan_cookie).await;
        assert_eq!(status, 403, "residents do not see the queue");
        let refused =
            app.post_form(&format!("/moderation/remarks/{spam_id}/hide"), &[("reason", "x")], Some(&jan_cookie)).await;
        assert_eq!(refused.status(), 403);

        let no_reason =
            app.post_form(&format!("/moderation/remarks/{spam_id}/hide"), &[("reason", " ")], Some(&mod_cookie)).await;
        assert_eq!(no_reason.status(), 422);
        let hide = app
            .post_form(&format!("/moderation/remarks/{spam_id}/hide"), &[("reason", "Reklama.")], Some(&mod_cookie))
            .await;
        assert_eq!(hide.status(), 303);
        let (_, page) = app.get_text("/consultations/rynek").await;
        assert!(page.contains("Reklama.") && !page.contains("Kup teraz"), "{backend:?}");
        let reply = app
            .post_form(
                "/consultations/rynek/remarks",
                &[("body", "Odpowiedź"), ("parent", &spam_id.to_string())],
                Some(&jan_cookie),
            )
            .await;
        assert_eq!(reply.status(), 409, "no replies to a hidden remark");
        assert_eq!(app.count(&format!("select open_flags from remarks where id = {spam_id}")).await, 0);

        // Restored, then the author blocked for a week.
        let restore = app.post_form(&format!("/moderation/remarks/{spam_id}/restore"), &[], Some(&mod_cookie)).await;
        assert_eq!(restore.status(), 303);
        let (_, page) = app.get_text("/consultations/rynek").await;
        assert!(page.contains("Kup teraz"));
        let block =
            app.post_form(&format!("/moderation/users/{spammer}/block"), &[("days", "7")], Some(&mod_cookie)).await;
        assert_eq!(block.status(), 303);
        let blocked =
            app.post_form("/consultations/rynek/remarks", &[("body", "Jeszcze raz")], Some(&spam_cookie)).await;
        assert_eq!(blocked.status(), 403);

        let actions = app.audit_actions(moderator).await;
        assert_eq!(actions, ["signin", "remark.hide", "remark.restore", "user.block"], "{backend:?}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn with_pre_moderation_remarks_wait_for_approval() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let id = consultation(&app, "pre", true).await;
        sqlx::query("update consultations set premoderation = 1 where id = $1")
            .bind(id)
            .execute(&app.state.db)
            .await
            .unwrap();
        let (_, anna) = resident(&app, "anna@example.pl", "Anna").await;
        let posted =
            app.post_form("/consultations/pre/remarks", &[("body", "Czekam na moderatora")], Some(&anna)).await;
        assert!(location(&posted).contains("done=remark_pending"));
        let remark: i64 = location(&posted).rsplit("remark-").next().unwrap().parse().unwrap();
        let (_, public) = app.get_text("/consultations/pre").await;
        assert!(!public.contains("Czekam na moderatora"), "{backend:?}");
        let (_, own) = app.get_with("/consultations/pre", &anna).await;
        assert!(own.contains("Czekam na moderatora"), "the author sees it");
        app.create_user("mod@example.pl", "Ewa", PASSWORD, &[app::accounts::model::Role::Moderator]).await;
        let moderator = app.sign_in("mod@example.pl", PASSWORD).await;
        let approve = app.post_form(&format!("/moderation/remarks/{remark}/restore"), &[], Some(&moderator)).await;
        assert_eq!(approve.status(), 303);
        let (_, public) = app.get_text("/consultations/pre").await;
        assert!(public.contains("Czekam na moderatora"));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn open_data_lists_public_remarks_with_placeholders() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        consultation(&app, "dane", true).await;
        let (_, anna) = resident(&app, "anna@example.pl", "Anna Nowak").await;
        app.post_form("/consultations/dane/remarks", &[("body", "=HYPERLINK(\"x\")"), ("unit", "par-1")], Some(&anna))
            .await;
        let hidden = app.post_form("/consultations/dane/remarks", &[("body", "Ukryj mnie")], Some(&anna)).await;
        let hidden_id: i64 = location(&hidden).rsplit("remark-").next().unwrap().parse().unwrap();
        app::consultations::remarks::storage::moderate(
            &app.state.db,
            hidden_id,
            app::domain::remark::RemarkState::Hidden,
            Some("Dane osobowe"),
            app::state::now(),
        )
        .await
        .unwrap();
        let json: serde_json::Value = app.get("/api/v1/consultations/dane/remarks").await.json().await.unwrap();
        assert_eq!(json["total"], 2, "{backend:?}");
        let items = json["items"].as_array().unwrap();
        assert_eq!(items[0]["author"], "Anna Nowak");
        assert_eq!(items[0]["unit"], "par-1");
        assert_eq!(items[1]["state"], "hidden");
        assert!(items[1]["text"].is_null());
        assert_eq!(items[1]["moderation_reason"], "Dane osobowe");
        let (status, csv) = app.get_text("/api/v1/consultations/dane/remarks.csv").await;
        assert_eq!(status, 200);
        assert!(csv.contains("'=HYPERLINK"), "formulas are defused: {csv}");
        assert!(!csv.contains("Ukryj mnie"));
        assert_eq!(app.get("/api/v1/consultations/nie-ma/remarks").await.status(), 404);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn followers_get_one_mail_when_a_consultation_opens_with_a_working_unsubscribe_link() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let id = consultation(&app, "obserwowane", true).await;
        let (_, anna) = resident(&app, "anna@example.pl", "Anna").await;
        let follow = app.post_form("/consultations/obserwowane/follow", &[("follow", "yes")], Some(&anna)).await;
        assert_eq!(follow.status(), 303);
        let district = app.post_form("/districts/13/follow", &[("follow", "yes")], Some(&anna)).await;
        assert_eq!(district.status(), 303);
        // The consultation opens "now".
        let now = app::state::now();
        sqlx::query("update consultations set starts_at = $1 where id = $2")
            .bind(now - 60)
            .bind(id)
            .execute(&app.state.db)
            .await
            .unwrap();
        // The same mail route as the app's own (the test sink, or the outbox).
        let smtp = std::env::var("TEST_SMTP_URL").ok();
        let mailer = server::accounts::mail::Mailer::from_config(smtp.as_deref(), "dialog@krakow.pl").unwrap();
        let sent = server::notices::send_due(&app.state, &mailer, now).await.unwrap();
        let again = server::notices::send_due(&app.state, &mailer, now).await.unwrap();
        assert_eq!((sent, again), (1, 0), "{backend:?}");
        let mail = app.wait_for_mail("anna@example.pl", 1).await;
        assert!(mail.subject.contains("Konsultacje obserwowane"), "{}", mail.subject);
        assert_eq!(app.mails_to("anna@example.pl").await.len(), 1, "one mail, though two follows match");
        assert_eq!(mail.body.matches("/unsubscribe/").count(), 1);
        let token = mail.body.split("/unsubscribe/").nth(1).unwrap()[..64].to_owned();
        let (status, page) = app.get_text(&format!("/unsubscribe/{token}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("method=\"post\""), "opening the link changes nothing");
        let stop = app.post_form(&format!("/unsubscribe/{token}"), &[], None).await;
        assert_eq!(stop.status(), 303);
        assert_eq!(app.count("select count(*) from follows").await, 1, "{backend:?}");
        app.cleanup().await;
    }
}

/// Counts the statements sqlx runs (its `sqlx::query` log events).
mod counting {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tracing_subscriber::layer::{Context, SubscriberExt};
    use tracing_subscriber::Layer;

    pub static QUERIES: AtomicUsize = AtomicUsize::new(0);

    struct Counter;

    impl<S: tracing::Subscriber> Layer<S> for Counter {
        fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
            if event.metadata().target() == "sqlx::query" {
                QUERIES.fetch_add(1, Ordering::SeqCst);
            }
        }
    }

    pub fn install() {
        let subscriber =
            tracing_subscriber::registry().with(Counter.with_filter(
                tracing_subscriber::filter::Targets::new().with_target("sqlx::query", tracing::Level::TRACE),
            ));
        let _ = tracing::subscriber::set_global_default(subscriber);
    }

    pub fn now() -> usize {
        QUERIES.load(Ordering::SeqCst)
    }
}

#[tokio::test]
async fn a_thread_page_costs_the_same_queries_with_20_or_400_remarks() {
    counting::install();
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let id = consultation(&app, "duzo", true).await;
        let (author, anna) = resident(&app, "anna@example.pl", "Anna").await;
        let add = |n: usize, offset: usize| {
            let db = app.state.db.clone();
            async move {
                for i in offset..offset + n {
                    let body = format!("Uwaga numer {i}");
                    let (parent, _) = app::consultations::remarks::storage::insert(
                        &db,
                        &app::consultations::remarks::storage::NewRemark {
                            consultation_id: id,
                            unit_anchor: Some(if i % 2 == 0 { "par-1" } else { "par-2" }),
                            parent_id: None,
                            author_id: Some(author),
                            organisation_id: None,
                            author_as_given: None,
                            channel: app::domain::remark::Channel::Online,
                            received_at: 1_800_000_000 + i as i64,
                            attachment_ref: None,
                            entered_by: None,
                            body: &body,
                            state: app::domain::remark::RemarkState::Visible,
                            submission_key: None,
                        },
                        1_800_000_000 + i as i64,
                    )
                    .await
                    .unwrap();
                    if i % 3 == 0 {
                        let reply = app::consultations::remarks::storage::NewRemark {
                            parent_id: Some(parent),
                            body: "Odpowiedź",
                            ..app::consultations::remarks::storage::NewRemark {
                                consultation_id: id,
                                unit_anchor: None,
                                parent_id: None,
                                author_id: Some(author),
                                organisation_id: None,
                                author_as_given: None,
                                channel: app::domain::remark::Channel::Online,
                                received_at: 1_800_000_000,
                                attachment_ref: None,
                                entered_by: None,
                                body: "",
                                state: app::domain::remark::RemarkState::Visible,
                                submission_key: None,
                            }
                        };
                        app::consultations::remarks::storage::insert(&db, &reply, 1_800_000_001 + i as i64)
                            .await
                            .unwrap();
                    }
                }
            }
        };
        let measure = || async {
            let before = counting::now();
            let (status, page) = app.get_with("/consultations/duzo", &anna).await;
            assert_eq!(status, 200);
            (
                counting::now() - before,
                page.matches("class=\"remark\"").count() + page.matches("class=\"remark remark-placeholder\"").count(),
            )
        };
        // New pool connections run their set-up statements once: warm up, then take the
        // fewer of two runs for each size.
        add(20, 0).await;
        measure().await;
        let (a, shown_small) = measure().await;
        let small = a.min(measure().await.0);
        add(380, 20).await;
        let (b, shown_large) = measure().await;
        let large = b.min(measure().await.0);
        assert!(small > 0, "statements are counted");
        assert_eq!(small, large, "{backend:?}: queries per page must not grow with the remarks");
        assert!(shown_small >= 20 && shown_large >= 20);
        let (_, page) = app.get_with("/consultations/duzo", &anna).await;
        assert!(page.contains("after="), "a next page link is there");
        app.cleanup().await;
    }
}
