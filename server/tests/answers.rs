//! Answers to remarks for the final report, once per backend: one remark or a group at
//! once, moving a remark from one answer to another, the refusals (another
//! consultation's remark, a withdrawn one, nothing chosen) that store nothing, and the
//! "N of M answered" progress.

mod common;

use app::consultations::remarks::storage::withdraw;
use app::domain::answer::{Answer, Decision};
use app::domain::consultation_phase::DAY;
use app::reports::storage::{answer, answer_of, progress, Refusal};
use common::{backends, closed_with_remarks, spawn_app};

#[tokio::test]
async fn remarks_are_answered_alone_or_in_groups_and_progress_counts_them() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let db = &app.state.db;
        let author = app.create_user("anna@example.pl", "Anna", "ciepły wiatr znad wisły", &[]).await;
        let moderator = app
            .create_user(
                "dk04@example.pl",
                "DK-04",
                "ciepły wiatr znad wisły",
                &[app::accounts::model::Role::Moderator],
            )
            .await;
        let (park, remarks) = closed_with_remarks(&app, "park", author, 4).await;
        let (_, others) = closed_with_remarks(&app, "inne", author, 1).await;
        let now = app::state::now();

        // One of the four is withdrawn: it needs no answer.
        withdraw(db, remarks[3], author).await.unwrap();
        assert_eq!(progress(db, park).await.unwrap().total, 3, "{backend:?}");
        assert_eq!(progress(db, park).await.unwrap().answered, 0);

        // Two remarks on the same point get one answer.
        let not_accepted = Answer::parse("not_accepted", "Przepis dotyczy innej uchwały.").unwrap();
        let group = answer(db, park, &[remarks[0], remarks[1], remarks[0]], &not_accepted, moderator, now)
            .await
            .unwrap()
            .unwrap();
        let stored = answer_of(db, remarks[1]).await.unwrap().unwrap();
        assert_eq!(stored.id, group);
        assert_eq!(stored.answer.decision, Decision::NotAccepted);
        assert_eq!(stored.remark_ids, vec![remarks[0], remarks[1]]);
        let p = progress(db, park).await.unwrap();
        assert_eq!((p.answered, p.total, p.complete()), (2, 3, false));

        // Answering one of them again takes it out of the group; the rest keep theirs.
        let accepted = Answer::parse("accepted", "").unwrap();
        answer(db, park, &[remarks[1], remarks[2]], &accepted, moderator, now).await.unwrap().unwrap();
        assert_eq!(answer_of(db, remarks[0]).await.unwrap().unwrap().remark_ids, vec![remarks[0]]);
        assert_eq!(answer_of(db, remarks[1]).await.unwrap().unwrap().answer.decision, Decision::Accepted);
        assert!(progress(db, park).await.unwrap().complete());

        // An answer left with no remark is gone.
        answer(db, park, &[remarks[0]], &accepted, moderator, now).await.unwrap().unwrap();
        assert_eq!(app.count("select count(*) from answers").await, 2, "{backend:?}");

        // Refusals store nothing.
        let before = app.count("select count(*) from answers").await;
        let refused = |r: Result<Result<i64, Refusal>, sqlx::Error>| r.unwrap().unwrap_err();
        assert_eq!(
            refused(answer(db, park, &[remarks[0], others[0]], &accepted, moderator, now).await),
            Refusal::NotInConsultation
        );
        assert_eq!(
            refused(answer(db, park, &[9_999_999], &accepted, moderator, now).await),
            Refusal::NotInConsultation
        );
        assert_eq!(refused(answer(db, park, &[remarks[3]], &accepted, moderator, now).await), Refusal::NotAnswerable);
        assert_eq!(refused(answer(db, park, &[], &accepted, moderator, now).await), Refusal::NothingChosen);
        assert_eq!(app.count("select count(*) from answers").await, before);
        assert_eq!(answer_of(db, remarks[0]).await.unwrap().unwrap().answer.decision, Decision::Accepted);

        // The database itself refuses a justification-less rejection.
        let direct = sqlx::query(
            "insert into answers (consultation_id, decision, justification, answered_at) values ($1, 'not_accepted', '', 0)",
        )
        .bind(park)
        .execute(db)
        .await;
        assert!(direct.is_err(), "{backend:?}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn dk04_answers_on_the_page_and_refusals_keep_what_was_typed() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let password = "ciepły wiatr znad wisły";
        let author = app.create_user("anna@example.pl", "Anna", password, &[]).await;
        app.create_user("dk04@example.pl", "DK-04", password, &[app::accounts::model::Role::Moderator]).await;
        let dk04 = app.sign_in("dk04@example.pl", password).await;
        let (park, remarks) = closed_with_remarks(&app, "park", author, 2).await;
        let page = format!("/moderation/consultations/{park}/answers");

        let (status, html) = app.get_with(&page, &dk04).await;
        assert_eq!(status, 200, "{backend:?}");
        let progress = html.find("progress-line").map(|i| &html[i..i + 200]).unwrap_or_default();
        assert!(html.contains("Uwaga 0 w park") && progress.contains("0 z 2"), "{progress}");

        // No decision, a rejection without a reason, nothing chosen: all said at once.
        let refused = app.post_form(&page, &[("decision", ""), ("justification", "")], Some(&dk04)).await;
        assert_eq!(refused.status(), 422);
        let html = refused.text().await.unwrap();
        assert!(html.contains("answer-decision") && html.contains("Wybierz co najmniej jedną uwagę"), "{backend:?}");
        let first = remarks[0].to_string();
        let typed = "Za krótko";
        let refused = app
            .post_form(
                &page,
                &[("remark", &first), ("decision", "not_accepted"), ("justification", typed)],
                Some(&dk04),
            )
            .await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains(typed), "the justification is kept");
        assert_eq!(app.count("select count(*) from answers").await, 0);

        // Both remarks answered together; the list says so and counts them.
        let second = remarks[1].to_string();
        let saved = app
            .post_form(
                &page,
                &[
                    ("remark", &first),
                    ("remark", &second),
                    ("decision", "partly_accepted"),
                    ("justification", "Uwzględniono okres przejściowy, bez zmiany zakresu."),
                    ("unit", "par-1"),
                ],
                Some(&dk04),
            )
            .await;
        assert_eq!(saved.status(), 303);
        let location = saved.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.contains("unit=par-1") && location.contains("done=answer_saved"), "{location}");
        let (_, html) = app.get_with(&location, &dk04).await;
        let progress = html.find("progress-line").map(|i| &html[i..i + 200]).unwrap_or_default();
        assert!(progress.contains("2 z 2") && html.contains("Uwzględniona częściowo"), "{progress}");
        let (_, unanswered) = app.get_with(&format!("{page}?decision=unanswered"), &dk04).await;
        assert!(!unanswered.contains("Uwaga 0 w park"), "the filter leaves answered remarks out");
        assert_eq!(app.count("select count(*) from audit_log where action = 'answer.save'").await, 1);

        // An open consultation takes no answers yet.
        let open_id: (i64,) = sqlx::query_as("update consultations set ends_at = $1 where id = $2 returning id")
            .bind(app::state::now() + 10 * DAY)
            .bind(park)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        let early = app
            .post_form(&page, &[("remark", &first), ("decision", "accepted"), ("justification", "")], Some(&dk04))
            .await;
        assert_eq!((early.status().as_u16(), open_id.0), (409, park));
        app.cleanup().await;
    }
}
