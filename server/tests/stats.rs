//! Participation statistics, once per backend: remarks online and by post, civic-budget
//! votes online and on paper with the voters' birth years, a local initiative; the page
//! and its CSV count them by month, channel, district and age group, hide counts from
//! 1 to 4, and are open to DK-04 and DK-06 only.

mod common;

use app::accounts::model::Role;
use app::budget::storage::{save_edition, Edition};
use app::domain::budget::{Calendar, Pools, Rules};
use app::domain::calendar::Month;
use common::{backends, closed_with_remarks, spawn_app};

const PASSWORD: &str = "liczby bez nazwisk";
const DAY: i64 = 86_400;

#[tokio::test]
async fn staff_count_participation_without_seeing_anyone() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let editor = app.create_user("redakcja@example.pl", "Redakcja", PASSWORD, &[Role::Editor]).await;
        let author = app.create_user("jan@example.pl", "Jan", PASSWORD, &[]).await;
        app.create_user("moderacja@example.pl", "DK-04", PASSWORD, &[Role::Moderator]).await;
        let db = &app.state.db;
        let now = app::state::now();
        sqlx::query("update users set district = 13 where id = $1").bind(author).execute(db).await.unwrap();

        // Six remarks online by a resident of Podgórze, two letters by post.
        let (consultation, _) = closed_with_remarks(&app, "zielen", author, 6).await;
        for i in 0..2 {
            sqlx::query(
                "insert into remarks (consultation_id, author_as_given, channel, received_at, entered_by, body, created_at) \
                 values ($1, 'Pan Nowak', 'post', $2, $3, $4, $2)",
            )
            .bind(consultation)
            .bind(now - 30 * DAY)
            .bind(editor)
            .bind(format!("List {i}"))
            .execute(db)
            .await
            .unwrap();
        }
        // Seven votes online by 30-year-olds of Krowodrza, two on paper, one annulled.
        let year = i64::from(Month::of(now).year);
        let voting = now - 20 * DAY;
        let edition = Edition {
            year,
            calendar: Calendar {
                submission_starts: voting - 200 * DAY,
                verification_starts: voting - 150 * DAY,
                protests_start: voting - 60 * DAY,
                final_list_starts: voting - 20 * DAY,
                voting_starts: voting,
                results_start: voting + 7 * DAY,
            },
            pools: Pools { city_wide: 1_000_000_000, districts: [200_000_000; 18] },
            rules: Rules::default(),
        };
        save_edition(db, &edition, editor, now - 300 * DAY).await.unwrap().unwrap();
        for (i, channel, annulled) in (0..10).map(|i| (i, if i < 8 { "online" } else { "paper" }, i == 7)) {
            sqlx::query(
                "insert into budget_participations (year, identity_hash, channel, district, birth_year, cast_minute, \
                     ballot_seal, annulled_at) values ($1, $2, $3, 5, $4, $5, 'seal', $6)",
            )
            .bind(year)
            .bind(format!("identity-{i}"))
            .bind(channel)
            .bind(year - 30)
            .bind(voting + 60 * i)
            .bind(annulled.then_some(now))
            .execute(db)
            .await
            .unwrap();
        }
        // One local initiative from an NGO in Nowa Huta.
        sqlx::query(
            "insert into initiatives (owner_id, applicant_kind, status, draft, district, created_at, updated_at, \
                 submitted_at) values ($1, 'ngo', 'submitted', '{}', 18, $2, $2, $2)",
        )
        .bind(author)
        .bind(now - 10 * DAY)
        .execute(db)
        .await
        .unwrap();

        let span = format!("?from={}&to={}", Month::of(now - 60 * DAY).param(), Month::of(now).param());
        let resident = app.sign_in("jan@example.pl", PASSWORD).await;
        let (status, _) = app.get_with(&format!("/moderation/stats{span}"), &resident).await;
        assert_eq!(status, 403, "{backend:?}");
        assert_eq!(app.get_with(&format!("/moderation/stats.csv{span}"), &resident).await.0, 403);
        let anonymous = app.get(&format!("/moderation/stats.csv{span}")).await;
        assert_eq!(anonymous.status(), 303, "sent to sign in");

        for who in ["redakcja@example.pl", "moderacja@example.pl"] {
            let cookie = app.sign_in(who, PASSWORD).await;
            let (status, page) = app.get_with(&format!("/moderation/stats{span}"), &cookie).await;
            assert_eq!(status, 200, "{backend:?} {who}");
            assert!(page.contains("<caption>Według dzielnicy</caption>"));
            assert!(!page.contains("Jan") && !page.contains("Pan Nowak"), "no names on the page");
        }
        let cookie = app.sign_in("redakcja@example.pl", PASSWORD).await;
        let csv = app.get_with(&format!("/moderation/stats.csv{span}"), &cookie).await.1;
        for row in [
            "razem,,consultations,8",
            "razem,,budget,9",
            "razem,,initiatives,<5",
            "kanal,online,consultations,6",
            "kanal,post,consultations,<5",
            "kanal,online,budget,7",
            "kanal,paper,budget,<5",
            "dzielnica,13,consultations,6",
            "dzielnica,brak,consultations,<5",
            "dzielnica,5,budget,9",
            "dzielnica,18,initiatives,<5",
            "wiek,25-34,budget,9",
            "wiek,65+,budget,0",
        ] {
            assert!(csv.contains(&format!("{row}\r\n")), "{backend:?}: {row} in\n{csv}");
        }
        let remark_month = Month::of(now - 30 * DAY).param();
        assert!(csv.contains(&format!("miesiac,{remark_month},consultations,")), "{csv}");
        // Nothing outside the span counts.
        let empty = app.get_with("/moderation/stats.csv?from=2001-01&to=2001-12", &cookie).await.1;
        assert!(empty.contains("razem,,consultations,0\r\n") && empty.contains("razem,,budget,0\r\n"));
        app.cleanup().await;
    }
}
