//! Civic budget editions, once per backend: saved whole and read back; dates out of
//! order or a negative pool refused with nothing written; once voting has opened, a
//! change to the rules that decide the vote (or to when voting starts) is refused, while
//! the pools may still be corrected.

mod common;

use app::budget::storage::{edition, save_edition, Edition};
use app::domain::budget::{Calendar, Pools, Rules};
use common::{backends, spawn_app};

const DAY: i64 = 86_400;

fn edition_2026(now: i64, voting_open: bool) -> Edition {
    // Voting opened yesterday, or opens in ten days.
    let voting = if voting_open { now - DAY } else { now + 10 * DAY };
    Edition {
        year: 2026,
        calendar: Calendar {
            submission_starts: voting - 200 * DAY,
            verification_starts: voting - 150 * DAY,
            protests_start: voting - 60 * DAY,
            final_list_starts: voting - 20 * DAY,
            voting_starts: voting,
            results_start: voting + 14 * DAY,
        },
        pools: Pools { city_wide: 1_000_000_000, districts: [200_000_000; 18] },
        rules: Rules::default(),
    }
}

#[tokio::test]
async fn an_edition_is_saved_whole_and_its_voting_rules_lock_when_voting_opens() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let db = &app.state.db;
        let dk04 = app.create_user("dk04@example.pl", "DK-04", "ciepły wiatr znad wisły", &[]).await;
        let now = app::state::now();

        // Out of order, or a negative pool: refused, nothing written.
        let mut wrong = edition_2026(now, false);
        wrong.calendar.protests_start = wrong.calendar.verification_starts;
        wrong.pools.districts[4] = -1;
        let refused = save_edition(db, &wrong, dk04, now).await.unwrap().unwrap_err();
        assert_eq!(refused, vec![("protests_start", "date_order"), ("pools", "amount_invalid")], "{backend:?}");
        assert_eq!(app.count("select count(*) from budget_editions").await, 0);

        // Before voting everything may change.
        let mut e = edition_2026(now, false);
        save_edition(db, &e, dk04, now).await.unwrap().unwrap();
        e.rules.min_voter_age = Some(16);
        e.pools.districts[12] = 350_000_000;
        save_edition(db, &e, dk04, now).await.unwrap().unwrap();
        assert_eq!(edition(db, 2026).await.unwrap().as_ref(), Some(&e), "{backend:?}: read back as saved");
        assert_eq!(app.count("select count(*) from budget_district_pools where year = 2026").await, 18);

        // Voting opened: the age rule and the voting date are locked, the pools are not.
        let mut open = edition_2026(now, true);
        open.rules.min_voter_age = Some(16);
        sqlx::query("update budget_editions set voting_starts = $1, results_start = $2, final_list_starts = $3 where year = 2026")
            .bind(open.calendar.voting_starts)
            .bind(open.calendar.results_start)
            .bind(open.calendar.final_list_starts)
            .execute(db)
            .await
            .unwrap();
        let mut changed = open.clone();
        changed.rules.min_voter_age = None;
        changed.calendar.voting_starts += DAY;
        let refused = save_edition(db, &changed, dk04, now).await.unwrap().unwrap_err();
        assert_eq!(refused, vec![("min_voter_age", "rule_locked"), ("voting_starts", "rule_locked")], "{backend:?}");
        assert_eq!(edition(db, 2026).await.unwrap().unwrap().rules.min_voter_age, Some(16), "nothing written");
        let mut corrected = open.clone();
        corrected.pools.city_wide = 1_100_000_000;
        assert!(save_edition(db, &corrected, dk04, now).await.unwrap().is_ok(), "{backend:?}");
        assert_eq!(edition(db, 2026).await.unwrap().unwrap().pools.city_wide, 1_100_000_000);
        app.cleanup().await;
    }
}
