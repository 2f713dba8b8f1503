//! Final reports, once per backend: publishing refused (no summary, unanswered remarks
//! without an override, an open consultation) with nothing written; publishing; the
//! public page, CSV, JSON and Atom feed; a correction as a new version while the first
//! stays readable and unchanged; the override; the adopted act compared with the draft;
//! followers' mail.

mod common;

use app::accounts::model::Role;
use app::domain::answer::Answer;
use app::domain::consultation_phase::DAY;
use app::reports::storage::answer;
use common::{backends, closed_with_remarks, spawn_app};

const PASSWORD: &str = "ciepły wiatr znad wisły";

#[tokio::test]
async fn dk04_publishes_a_report_that_residents_read_download_and_follow() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let db = &app.state.db;
        let author = app.create_user("anna@example.pl", "Anna Nowak", PASSWORD, &[]).await;
        let dk04_id = app.create_user("dk04@example.pl", "DK-04", PASSWORD, &[Role::Moderator]).await;
        let dk04 = app.sign_in("dk04@example.pl", PASSWORD).await;
        let anna = app.sign_in("anna@example.pl", PASSWORD).await;
        let (park, remarks) = closed_with_remarks(&app, "park", author, 3).await;
        let follow = app.post_form("/consultations/park/follow", &[("follow", "yes")], Some(&anna)).await;
        assert_eq!(follow.status(), 303);
        let editor = format!("/moderation/consultations/{park}/report");
        let (status, html) = app.get_with(&editor, &dk04).await;
        assert_eq!(status, 200, "{backend:?}");
        assert!(html.contains("0 z 3") && html.contains("name=\"override_reason\""), "{backend:?}");
        assert_eq!(app.get("/consultations/park/report").await.status(), 404, "nothing published yet");

        // Nothing answered, no summary, no override: every problem at once, nothing written.
        let refused = app
            .post_form(&editor, &[("intent", "publish"), ("base_version", "0"), ("narrative", "")], Some(&dk04))
            .await;
        assert_eq!(refused.status(), 422, "{backend:?}");
        let html = refused.text().await.unwrap();
        assert!(html.contains("Napisz podsumowanie") && html.contains("Część uwag nie ma odpowiedzi"), "{backend:?}");
        let summary = "Konsultacje pokazały, że **mieszkańcy** chcą więcej drzew.";
        let refused = app
            .post_form(&editor, &[("intent", "publish"), ("base_version", "0"), ("narrative", summary)], Some(&dk04))
            .await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains("mieszkańcy"), "the summary typed is kept");
        assert_eq!(app.count("select count(*) from report_versions").await, 0);
        assert_eq!(app.count("select count(*) from consultations where report_published_at is not null").await, 0);

        // A draft is kept; a bad attendance is refused next to its field.
        let saved = app.post_form(&editor, &[("intent", "save"), ("narrative", summary)], Some(&dk04)).await;
        assert_eq!(saved.status(), 303);
        let (_, html) = app.get_with(&editor, &dk04).await;
        assert!(html.contains("**mieszkańcy** chcą"), "{backend:?}");

        // Every remark answered (two at once): published.
        let now = app::state::now();
        let partly = Answer::parse("partly_accepted", "Dosadzimy drzewa wzdłuż alejki, bez nowej fontanny.").unwrap();
        answer(db, park, &remarks[..2], &partly, dk04_id, now).await.unwrap().unwrap();
        let out = Answer::parse("out_of_scope", "Parkingi nie są przedmiotem tej uchwały.").unwrap();
        answer(db, park, &remarks[2..], &out, dk04_id, now).await.unwrap().unwrap();
        let published = app
            .post_form(&editor, &[("intent", "publish"), ("base_version", "0"), ("narrative", summary)], Some(&dk04))
            .await;
        assert_eq!(published.status(), 303, "{backend:?}");
        assert!(app.audit_actions(dk04_id).await.contains(&"report.publish".to_owned()));

        let (status, page) = app.get_text("/consultations/park/report").await;
        assert_eq!(status, 200, "{backend:?}");
        assert!(page.contains("<strong>mieszkańcy</strong>"), "the summary is rendered markdown");
        assert!(page.contains("Uwaga 0 w park") && page.contains("Dosadzimy drzewa wzdłuż alejki"));
        assert!(page.contains("<thead>") && page.contains("role=\"img\""), "the table and the charts");
        assert!(page.contains("Wersja 1"));
        let (_, consultation) = app.get_text("/consultations/park").await;
        assert!(consultation.contains("/consultations/park/report"), "the consultation links its report");

        // Open data: CSV with a row per remark, JSON, and the feed.
        let csv = app.get("/consultations/park/report.csv").await;
        assert_eq!(csv.status(), 200);
        assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let csv = csv.text().await.unwrap();
        let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), 3, "{csv}");
        assert_eq!(&records[2][9], "out_of_scope");
        assert_eq!(&records[0][4], "Anna Nowak");
        let json: serde_json::Value = app.get("/consultations/park/report.json").await.json().await.unwrap();
        assert_eq!(json["version"], 1);
        assert_eq!(json["statistics"]["remarks"], 3);
        assert_eq!(json["statistics"]["people"], 1);
        assert_eq!(json["remarks"][0]["decision"], "partly_accepted");
        let (status, feed) = app.get_text("/reports.atom").await;
        assert_eq!(status, 200);
        assert!(feed.contains("<feed") && feed.contains("/consultations/park/report/1"), "{feed}");
        assert_eq!(app.get("/consultations/park/report.csv?version=x").await.status(), 400);
        assert_eq!(app.get("/consultations/park/report.csv?version=9").await.status(), 404);

        // Followers hear of it once.
        let smtp = std::env::var("TEST_SMTP_URL").ok();
        let mailer = server::accounts::mail::Mailer::from_config(smtp.as_deref(), "dialog@krakow.pl").unwrap();
        let sent = server::notices::send_due(&app.state, &mailer, app::state::now()).await.unwrap();
        assert_eq!(sent, 1, "{backend:?}");
        let mail = app.wait_for_mail("anna@example.pl", 1).await;
        assert!(mail.body.contains("/consultations/park/report"), "{}", mail.body);

        // A correction needs a change note and the version it corrects.
        let refused = app
            .post_form(&editor, &[("intent", "publish"), ("base_version", "1"), ("narrative", "Nowe.")], Some(&dk04))
            .await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains("opublikowanej wersji nie można edytować"));
        let stale = app
            .post_form(
                &editor,
                &[("intent", "publish"), ("base_version", "0"), ("narrative", "Nowe."), ("change_note", "Poprawka")],
                Some(&dk04),
            )
            .await;
        assert_eq!(stale.status(), 409, "publishing over a version one has not seen is refused");
        assert_eq!(app.count("select count(*) from report_versions").await, 1);
        let corrected = app
            .post_form(
                &editor,
                &[
                    ("intent", "publish"),
                    ("base_version", "1"),
                    ("narrative", "Podsumowanie poprawione."),
                    ("change_note", "Poprawiono podsumowanie."),
                ],
                Some(&dk04),
            )
            .await;
        assert_eq!(corrected.status(), 303);
        let (_, latest) = app.get_text("/consultations/park/report").await;
        assert!(latest.contains("Podsumowanie poprawione.") && latest.contains("Poprawiono podsumowanie."));
        let (status, first) = app.get_text("/consultations/park/report/1").await;
        assert_eq!(status, 200);
        assert!(first.contains("mieszkańcy") && !first.contains("Podsumowanie poprawione."), "version 1 is unchanged");
        assert!(first.contains("wcześniejszą wersję"), "it says a newer version exists");
        assert_eq!(app.get("/consultations/park/report/3").await.status(), 404);
        assert_eq!(app.get("/consultations/park/report/abc").await.status(), 404);
        let sent = server::notices::send_due(&app.state, &mailer, app::state::now()).await.unwrap();
        assert_eq!(sent, 0, "a correction does not mail followers again");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn unanswered_remarks_need_an_audited_override_and_an_open_consultation_has_no_report() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let author = app.create_user("anna@example.pl", "Anna", PASSWORD, &[]).await;
        let dk04_id = app.create_user("dk04@example.pl", "DK-04", PASSWORD, &[Role::Moderator]).await;
        let dk04 = app.sign_in("dk04@example.pl", PASSWORD).await;
        let (park, _) = closed_with_remarks(&app, "park", author, 2).await;
        let editor = format!("/moderation/consultations/{park}/report");
        let fields = |reason: &'static str| {
            [("intent", "publish"), ("base_version", "0"), ("narrative", "Podsumowanie."), ("override_reason", reason)]
        };
        let short = app.post_form(&editor, &fields("Bo tak."), Some(&dk04)).await;
        assert_eq!(short.status(), 422, "{backend:?}");
        assert!(short.text().await.unwrap().contains("Powód jest za krótki"));
        let reason = "Uwagi wpłynęły po terminie; odpowiedź wysłano pismem.";
        let published = app.post_form(&editor, &fields(reason), Some(&dk04)).await;
        assert_eq!(published.status(), 303, "{backend:?}");
        let json: serde_json::Value = app.get("/consultations/park/report.json").await.json().await.unwrap();
        assert_eq!(json["override_reason"], reason);
        assert!(json["remarks"][0]["decision"].is_null());
        let (_, page) = app.get_text("/consultations/park/report").await;
        assert!(page.contains(reason) && page.contains("Bez odpowiedzi"), "{backend:?}");
        let (after,): (String,) =
            sqlx::query_as("select after_json from audit_log where action = 'report.publish' and actor_id = $1")
                .bind(dk04_id)
                .fetch_one(&app.state.db)
                .await
                .unwrap();
        assert!(after.contains(reason), "{after}");

        // A consultation still open: saving a draft is fine, publishing is refused.
        sqlx::query("update consultations set ends_at = $1, report_published_at = null where id = $2")
            .bind(app::state::now() + 10 * DAY)
            .bind(park)
            .execute(&app.state.db)
            .await
            .unwrap();
        let early = app.post_form(&editor, &fields(reason), Some(&dk04)).await;
        assert_eq!(early.status(), 409, "{backend:?}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn the_adopted_act_is_compared_with_the_draft_next_to_the_accepted_remarks() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let author = app.create_user("anna@example.pl", "Anna", PASSWORD, &[]).await;
        let dk04_id = app.create_user("dk04@example.pl", "DK-04", PASSWORD, &[Role::Moderator]).await;
        let dk04 = app.sign_in("dk04@example.pl", PASSWORD).await;
        let (park, remarks) = closed_with_remarks(&app, "park", author, 1).await;
        let accepted = Answer::parse("accepted", "").unwrap();
        answer(&app.state.db, park, &remarks, &accepted, dk04_id, app::state::now()).await.unwrap().unwrap();
        let adopted_url = format!("/moderation/consultations/{park}/adopted-act");
        let empty = app.post_form(&adopted_url, &[("title", ""), ("body", " ")], Some(&dk04)).await;
        assert_eq!(empty.status(), 422, "{backend:?}");
        let html = empty.text().await.unwrap();
        assert!(html.contains("Podaj tytuł i numer uchwały") && html.contains("Wklej tekst"), "{backend:?}");
        let saved = app
            .post_form(
                &adopted_url,
                &[("title", "Uchwała nr I/1/26"), ("body", "### § 1\n\nTekst zmieniony.\n\n### § 2\n\nNowy przepis.")],
                Some(&dk04),
            )
            .await;
        assert_eq!(saved.status(), 303);
        let editor = format!("/moderation/consultations/{park}/report");
        let published = app
            .post_form(&editor, &[("intent", "publish"), ("base_version", "0"), ("narrative", "Raport.")], Some(&dk04))
            .await;
        assert_eq!(published.status(), 303);
        let (_, page) = app.get_text("/consultations/park/report").await;
        let diff = &page[page.find("id=\"adopted\"").expect("the comparison")..];
        assert!(diff.contains("§ 1 – zmieniony") && diff.contains("§ 2 – dodany"), "{backend:?}");
        assert!(diff.contains("<ins>") && diff.contains(&format!("#r-{}", remarks[0])), "linked to the remark");
        assert!(app.audit_actions(dk04_id).await.contains(&"report.adopted_act".to_owned()));

        // A general consultation has no adopted act.
        sqlx::query("update consultations set kind = 'general' where id = $1")
            .bind(park)
            .execute(&app.state.db)
            .await
            .unwrap();
        let refused = app.post_form(&adopted_url, &[("title", "U"), ("body", "Tekst")], Some(&dk04)).await;
        assert_eq!(refused.status(), 422);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn the_csv_streams_every_row_of_a_large_report() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let author = app.create_user("anna@example.pl", "Anna", PASSWORD, &[]).await;
        let dk04_id = app.create_user("dk04@example.pl", "DK-04", PASSWORD, &[Role::Moderator]).await;
        // More rows than one batch of the stream.
        let (park, remarks) = closed_with_remarks(&app, "park", author, 1_234).await;
        let no = Answer::parse("not_accepted", "Nie mieści się w budżecie.").unwrap();
        answer(&app.state.db, park, &remarks, &no, dk04_id, app::state::now()).await.unwrap().unwrap();
        let input = app::reports::publish::PublishInput { narrative: "Duży raport.".to_owned(), ..Default::default() };
        let version =
            app::reports::publish::publish(&app.state.db, park, &input, dk04_id, app::state::now()).await.unwrap();
        assert_eq!(version, Ok(1), "{backend:?}");
        let csv = app.get("/consultations/park/report.csv").await;
        assert!(csv.headers().get("content-length").is_none(), "streamed, not buffered");
        let text = csv.text().await.unwrap();
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let ids: Vec<i64> = reader.records().map(|r| r.unwrap()[0].parse().unwrap()).collect();
        assert_eq!(ids, remarks, "{backend:?}");
        // Through the compression layer too, as browsers ask for it: the whole body arrives.
        let gzip = app
            .client
            .get(format!("{}/consultations/park/report.csv", app.address))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(gzip.headers()["content-encoding"], "gzip");
        let body = gzip.bytes().await.expect("the compressed stream ends cleanly");
        assert!(body.len() > 1_000 && body.starts_with(&[0x1f, 0x8b]), "{backend:?}");
        app.cleanup().await;
    }
}
