//! The civic-budget vote, once per backend: a resident votes through HTTP (refused
//! ballots name the broken rule and store nothing, a review, the cast and its receipt, a
//! second vote refused, voting outside its window refused); DK-04 seals the set and
//! publishes the results, whose open data and Pabulib files recount to the same figures;
//! a thousand identical casts at once (through the writer and alone) store exactly one
//! vote; and Kraków's real 2023 and 2024 elections, imported from Pabulib, give every
//! pool's published funded set, points and voters.

mod common;

use app::accounts::model::Role;
use app::budget::storage::{save_edition, Edition};
use app::budget::voting::{self, Cast, Declared, IdentitySource, Origin};
use app::domain::ballot::Ballot;
use app::domain::budget::{Calendar, Pools, Rules};
use app::domain::pabulib::File;
use common::{backends, spawn_app, TestApp};

const DAY: i64 = 86_400;
const PASSWORD: &str = "ciepły wiatr znad wisły";

/// A valid PESEL of someone born on 1 January 1990, numbered `serial`.
fn pesel(serial: u32) -> String {
    let base = format!("900101{:04}", serial % 10_000);
    let weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    let sum: u32 = base.bytes().zip(weights).map(|(b, w)| u32::from(b - b'0') * w).sum();
    format!("{base}{}", (10 - sum % 10) % 10)
}

/// Edition 2026 with voting open (or opening in `opens_in` seconds), and on its ballot
/// four projects in district 5, one in district 6 and four city-wide; their ids in that
/// order.
async fn voting_edition(app: &TestApp, opens_in: i64) -> Vec<i64> {
    let db = &app.state.db;
    let now = app::state::now();
    let voting = now + opens_in;
    let edition = Edition {
        year: 2026,
        calendar: Calendar {
            submission_starts: voting - 200 * DAY,
            verification_starts: voting - 150 * DAY,
            protests_start: voting - 60 * DAY,
            final_list_starts: voting - 20 * DAY,
            voting_starts: voting,
            results_start: voting + 14 * DAY,
        },
        pools: Pools { city_wide: 100_000_000, districts: [30_000_000; 18] },
        rules: Rules::default(),
    };
    let owner = app.create_user("wnioskodawca@example.pl", "Wnioskodawca", PASSWORD, &[]).await;
    save_edition(db, &edition, owner, now - 300 * DAY).await.unwrap().unwrap();
    let projects: [(Option<i64>, i64); 9] = [
        (Some(5), 10_000_000),
        (Some(5), 12_000_000),
        (Some(5), 15_000_000),
        (Some(5), 9_000_000),
        (Some(6), 5_000_000),
        (None, 60_000_000),
        (None, 50_000_000),
        (None, 30_000_000),
        (None, 20_000_000),
    ];
    let mut ids = Vec::new();
    for (seq, (district, cost)) in projects.into_iter().enumerate() {
        let (id,): (i64,) = sqlx::query_as(
            "insert into budget_projects (year, seq, owner_id, applicant_kind, status, draft, title, district, \
             cost_grosze, verified_cost_grosze, created_at, updated_at, submitted_at) \
             values (2026, $1, $2, 'residents', 'on_ballot', '{}', $3, $4, $5, $5, $6, $6, $6) returning id",
        )
        .bind(seq as i64 + 1)
        .bind(owner)
        .bind(format!("Projekt {}", seq + 1))
        .bind(district)
        .bind(cost)
        .bind(now)
        .fetch_one(db)
        .await
        .unwrap();
        ids.push(id);
    }
    ids
}

fn ballot_fields<'a>(pesel: &'a str, marks: &'a [(String, &'a str)], intent: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![("district", "5"), ("pesel", pesel), ("intent", intent)];
    fields.extend(marks.iter().map(|(n, v)| (n.as_str(), *v)));
    fields
}

#[tokio::test]
async fn a_resident_votes_once_and_the_published_results_recount() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let ids = voting_edition(&app, -DAY).await;
        let p = |i: usize| format!("p{}", ids[i]);
        app.create_user("anna@example.pl", "Anna", PASSWORD, &[]).await;
        app.create_user("piotr@example.pl", "Piotr", PASSWORD, &[]).await;
        let dk04 = app.create_user("dk04@example.pl", "DK-04", PASSWORD, &[Role::Moderator]).await;
        let anna = app.sign_in("anna@example.pl", PASSWORD).await;

        // Anonymous: asked to sign in. Signed in: first the district, then the ballot.
        let (status, page) = app.get_text("/budget/2026/vote").await;
        assert_eq!(status, 200);
        assert!(page.contains("Zaloguj się, aby głosować"), "{backend:?}");
        let (_, page) = app.get_with("/budget/2026/vote", &anna).await;
        assert!(page.contains("id=\"vote-district\""), "{backend:?}: the district step");
        let (_, page) = app.get_with("/budget/2026/vote?district=5", &anna).await;
        assert!(page.contains(&format!("name=\"{}\"", p(0))) && !page.contains(&format!("name=\"{}\"", p(4))));

        let city = [(p(5), "3"), (p(6), "2"), (p(7), "1")];
        let with_city = |district: &[(String, &'static str)]| {
            let mut all = district.to_vec();
            all.extend(city.iter().cloned());
            all
        };
        let valid = with_city(&[(p(0), "1"), (p(1), "3"), (p(2), "2")]);
        let voter = pesel(1);

        // Refused ballots name the rule, keep the choices and store nothing.
        let two = with_city(&[(p(0), "3"), (p(1), "2")]);
        let refused = app.post_form("/budget/2026/vote", &ballot_fields(&voter, &two, "review"), Some(&anna)).await;
        assert_eq!(refused.status(), 422, "{backend:?}");
        let body = refused.text().await.unwrap();
        assert!(body.contains("Wybierz dokładnie 3 projekty w tej grupie."), "{backend:?}");
        assert!(body.contains("<option value=\"3\" selected"), "the choices are kept");
        let other = with_city(&[(p(0), "3"), (p(1), "2"), (p(4), "1")]);
        let body = app.post_form("/budget/2026/vote", &ballot_fields(&voter, &other, "cast"), Some(&anna)).await;
        assert_eq!(body.status(), 422);
        assert!(body.text().await.unwrap().contains("należy do innej dzielnicy"));
        let not_ranking = with_city(&[(p(0), "3"), (p(1), "3"), (p(2), "1")]);
        let body = app.post_form("/budget/2026/vote", &ballot_fields(&voter, &not_ranking, "cast"), Some(&anna)).await;
        assert!(body.text().await.unwrap().contains("punkty nie tworzą rankingu"));
        let body = app.post_form("/budget/2026/vote", &ballot_fields("90010112345", &valid, "cast"), Some(&anna)).await;
        assert_eq!(body.status(), 422);
        assert!(body.text().await.unwrap().contains("To nie jest poprawny numer PESEL"));
        assert_eq!(app.count("select count(*) from budget_ballots").await, 0, "{backend:?}: nothing stored");
        assert_eq!(app.count("select count(*) from budget_participations").await, 0);

        // The review shows the choices back and stores nothing.
        let review = app.post_form("/budget/2026/vote", &ballot_fields(&voter, &valid, "review"), Some(&anna)).await;
        assert_eq!(review.status(), 200);
        let body = review.text().await.unwrap();
        assert!(body.contains("Sprawdź swój głos, zanim go oddasz") && body.contains("value=\"cast\""), "{backend:?}");
        assert_eq!(app.count("select count(*) from budget_ballots").await, 0);

        // Cast: a receipt; the participation and the ballot share nothing.
        let cast = app.post_form("/budget/2026/vote", &ballot_fields(&voter, &valid, "cast"), Some(&anna)).await;
        assert_eq!(cast.status(), 200, "{backend:?}");
        let body = cast.text().await.unwrap();
        let code = body.split("class=\"receipt-code\">").nth(1).and_then(|r| r.split('<').next()).unwrap().to_owned();
        assert_eq!(code.len(), 14, "{backend:?}: {code}");
        let (district_choices, city_choices): (String, String) =
            sqlx::query_as("select district_choices, city_choices from budget_ballots")
                .fetch_one(&app.state.db)
                .await
                .unwrap();
        assert_eq!(district_choices, format!("{},{},{}", ids[1], ids[2], ids[0]), "favourite first");
        assert_eq!(city_choices, format!("{},{},{}", ids[5], ids[6], ids[7]));
        let stored_identity: (String,) =
            sqlx::query_as("select identity_hash from budget_participations").fetch_one(&app.state.db).await.unwrap();
        assert!(!stored_identity.0.contains(&voter), "only a keyed hash is stored");
        let ballot_text: (String, String) =
            sqlx::query_as("select id, receipt from budget_ballots").fetch_one(&app.state.db).await.unwrap();
        assert_eq!(ballot_text.1, voting::receipt_id(&code));

        // A second vote of the same person, from another account: refused, nothing stored.
        let piotr = app.sign_in("piotr@example.pl", PASSWORD).await;
        let again = app.post_form("/budget/2026/vote", &ballot_fields(&voter, &valid, "cast"), Some(&piotr)).await;
        assert_eq!(again.status(), 409, "{backend:?}");
        assert!(again.text().await.unwrap().contains("Ta osoba już głosowała"));
        // Nor may one account cast a second person's vote.
        let second = pesel(2);
        let again = app.post_form("/budget/2026/vote", &ballot_fields(&second, &valid, "cast"), Some(&anna)).await;
        assert_eq!(again.status(), 409);
        assert_eq!(app.count("select count(*) from budget_ballots").await, 1);
        // Piotr votes for himself.
        let own = with_city(&[(p(3), "3"), (p(1), "2"), (p(2), "1")]);
        let cast = app.post_form("/budget/2026/vote", &ballot_fields(&second, &own, "cast"), Some(&piotr)).await;
        assert_eq!(cast.status(), 200);

        // The ballot can no longer be changed; the set cannot be sealed while voting runs.
        let dk = app.sign_in("dk04@example.pl", PASSWORD).await;
        let locked = app
            .post_form(
                "/moderation/budget/2026/vote",
                &[
                    ("intent", "rules"),
                    ("scheme", "ranked"),
                    ("points", "3,2,1"),
                    ("district_choices", "3"),
                    ("city_choices", "3"),
                    ("funding", "skip"),
                    ("conflict_rule", "earlier"),
                    ("draw_seed", "x"),
                ],
                Some(&dk),
            )
            .await;
        assert_eq!(locked.status(), 409, "{backend:?}");
        let early = app.post_form("/moderation/budget/2026/vote", &[("intent", "seal")], Some(&dk)).await;
        assert_eq!(early.status(), 409);
        let resident = app.post_form("/moderation/budget/2026/vote", &[("intent", "seal")], Some(&anna)).await;
        assert_eq!(resident.status(), 403);

        // Voting ends: a late vote is refused; DK-04 seals and publishes.
        sqlx::query("update budget_editions set results_start = $1 where year = 2026")
            .bind(app::state::now() - 60)
            .execute(&app.state.db)
            .await
            .unwrap();
        let late = app.post_form("/budget/2026/vote", &ballot_fields(&pesel(3), &valid, "cast"), Some(&dk)).await;
        assert_eq!(late.status(), 409, "{backend:?}");
        assert!(late.text().await.unwrap().contains("Głosowanie nie trwa."));
        let (status, _) = app.get_text("/api/v1/budget/2026/results").await;
        assert_eq!(status, 404, "not published yet");
        let sealed = app.post_form("/moderation/budget/2026/vote", &[("intent", "seal")], Some(&dk)).await;
        assert_eq!(sealed.status(), 303, "{backend:?}");
        let published = app.post_form("/moderation/budget/2026/vote", &[("intent", "publish")], Some(&dk)).await;
        assert_eq!(published.status(), 303);
        let actions = app.audit_actions(dk04).await;
        assert!(
            actions.contains(&"budget.ballots_sealed".to_owned())
                && actions.contains(&"budget.results_published".to_owned())
        );

        let (status, json) = app.get_text("/api/v1/budget/2026/results").await;
        assert_eq!(status, 200);
        let results: voting::Results = serde_json::from_str(&json).unwrap();
        assert_eq!(results.turnout.total, 2);
        let district5 = results.pools.iter().find(|pool| pool.district == Some(5)).unwrap();
        let points: Vec<(i64, u64, u64)> = district5.projects.iter().map(|r| (r.id, r.points, r.voters)).collect();
        // Project 2: 3 + 2 = 5; project 3: 2 + 1 = 3; project 4: 3; project 1: 1.
        assert_eq!(points[0], (ids[1], 5, 2), "{backend:?}");
        assert_eq!(points[3], (ids[0], 1, 1));
        // Pool 300 000 zł: 120 000 + (150 000 or 90 000 by voters/draw) ... all that fit.
        assert!(district5.projects.iter().filter(|r| r.funded).map(|r| r.cost).sum::<i64>() <= 30_000_000);
        let (status, csv) = app.get_text("/api/v1/budget/2026/results.csv").await;
        assert_eq!(status, 200);
        assert!(csv.lines().count() >= 9);

        // The published ballots recount to the published results and the sealed digest.
        // Every pool with projects has its file (district 6's has no ballot); the others
        // are 404.
        let mut files = Vec::new();
        for pool in std::iter::once("city".to_owned()).chain((1..=18).map(|d| d.to_string())) {
            let (status, text) = app.get_text(&format!("/api/v1/budget/2026/ballots/{pool}.pb")).await;
            let expected = if ["city", "5", "6"].contains(&pool.as_str()) { 200 } else { 404 };
            assert_eq!(status, expected, "{backend:?} {pool}");
            if status == 200 {
                files.push(File::parse(&text).unwrap());
            }
        }
        assert_eq!(files.len(), 3);
        for file in &files {
            assert!(server::pabulib::check(file, "pool").differences.is_empty(), "{backend:?}");
        }
        assert_eq!(voting::digest(&files), results.digest, "{backend:?}: the digest covers exactly these ballots");

        // The receipt finds the ballot.
        let (_, page) = app.get_text(&format!("/budget/2026/results?code={}", code.to_lowercase())).await;
        assert!(page.contains("Ta karta jest w zbiorze i jest liczona."), "{backend:?}");
        let (_, page) = app.get_text("/budget/2026/results?code=AAAA-BBBB-CCCC").await;
        assert!(page.contains("Żadna karta tej edycji nie ma takiego kodu."));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_thousand_identical_casts_at_once_store_one_vote() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let ids = voting_edition(&app, -DAY).await;
        let key = app.state.settings.identity_key.clone();
        let identity = Declared { pesel: pesel(7), ..Default::default() }.identify(&key).unwrap();
        let ballot = Ballot {
            district: Some(5),
            district_projects: vec![ids[0], ids[1], ids[2]],
            city_projects: vec![ids[5], ids[6], ids[7]],
        };
        let now = app::state::now();
        // Half through the site's writer (group commits, as the form casts), half each
        // in its own transaction.
        let mut casts = tokio::task::JoinSet::new();
        for i in 0..1000 {
            let (db, key, identity, ballot) = (app.state.db.clone(), key.clone(), identity.clone(), ballot.clone());
            let writer = app.state.votes.clone();
            casts.spawn(async move {
                let origin = Origin::default();
                if i % 2 == 0 {
                    writer.cast(2026, &identity, &ballot, &origin, now).await.unwrap()
                } else {
                    voting::cast(&db, &key, 2026, &identity, &ballot, &origin, now).await.unwrap()
                }
            });
        }
        let outcomes: Vec<Cast> = casts.join_all().await;
        let stored = outcomes.iter().filter(|c| matches!(c, Cast::Stored { .. })).count();
        assert_eq!(stored, 1, "{backend:?}");
        assert!(outcomes.iter().all(|c| matches!(c, Cast::Stored { .. } | Cast::AlreadyVoted)));
        assert_eq!(app.count("select count(*) from budget_participations").await, 1, "{backend:?}");
        assert_eq!(app.count("select count(*) from budget_ballots").await, 1, "{backend:?}");
        // The vote's audit record is written with it, once.
        assert_eq!(app.count("select count(*) from audit_log where action = 'budget.vote_cast'").await, 1);

        // Other voters at once through the writer, while staff actions are audited: every
        // vote has its record, and the log's chain holds.
        let mut casts = tokio::task::JoinSet::new();
        for i in 0..60u32 {
            let (writer, db, key, ballot) =
                (app.state.votes.clone(), app.state.db.clone(), key.clone(), ballot.clone());
            casts.spawn(async move {
                if i % 6 == 0 {
                    let event = app::accounts::audit::Event {
                        action: "test.staff_action",
                        object_type: "test",
                        object_id: i.to_string(),
                        ..Default::default()
                    };
                    app::accounts::audit::append(&db, event, now).await.unwrap();
                    return false;
                }
                let identity = Declared { pesel: pesel(100 + i), ..Default::default() }.identify(&key).unwrap();
                matches!(
                    writer.cast(2026, &identity, &ballot, &Origin::default(), now).await.unwrap(),
                    Cast::Stored { .. }
                )
            });
        }
        let stored = casts.join_all().await.into_iter().filter(|s| *s).count() as i64;
        assert_eq!(stored, 50, "{backend:?}");
        assert_eq!(app.count("select count(*) from audit_log where action = 'budget.vote_cast'").await, 51);
        assert_eq!(app.count("select count(*) from audit_log where action = 'test.staff_action'").await, 10);
        assert_eq!(
            app::accounts::audit::verify(&app.state.db).await.unwrap(),
            Ok(app.count("select count(*) from audit_log").await as u64)
        );
        app.cleanup().await;
    }
}

/// Kraków's real pools, read from the shared data folder (never copied here).
fn pabulib_files() -> Option<Vec<(String, File)>> {
    let dir = std::env::var("PABULIB_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/pabulib"));
    let mut paths: Vec<_> = std::fs::read_dir(&dir).ok()?.flatten().map(|e| e.path()).collect();
    paths.retain(|p| p.extension().is_some_and(|e| e == "pb"));
    paths.sort();
    Some(paths.iter().map(|p| (p.display().to_string(), server::pabulib::read(p).unwrap())).collect())
}

#[tokio::test]
async fn krakows_real_elections_give_their_published_results() {
    let Some(files) = pabulib_files() else {
        eprintln!("\n!!! The Pabulib folder (shared/data/pabulib or PABULIB_DIR) is absent: Kraków's real elections are not checked. !!!\n");
        return;
    };
    assert_eq!(files.len(), 37, "Kraków's 2023 and 2024 pools");
    // The platform's own count reproduces every file's published figures.
    for (name, file) in &files {
        let check = server::pabulib::check(file, name);
        assert!(check.differences.is_empty(), "{name}: {:#?}", check.differences);
    }
    for backend in backends().await {
        let started = std::time::Instant::now();
        let app = spawn_app(backend).await;
        for year in ["2023", "2024"] {
            let edition: Vec<File> =
                files.iter().filter(|(_, f)| f.meta("instance") == Some(year)).map(|(_, f)| f.clone()).collect();
            let results = app::budget::import::import(&app.state.db, &edition, app::state::now())
                .await
                .unwrap()
                .unwrap_or_else(|e| panic!("{backend:?} {year}: {e}"));
            assert_eq!(results.pools.len(), edition.len(), "{backend:?} {year}");
            for file in &edition {
                let district =
                    file.meta("district").and_then(app::domain::district::District::by_name).map(|d| d.number());
                let pool = results.pools.iter().find(|p| p.district == district).unwrap();
                assert_eq!(pool.ballots, file.votes.len() as u64, "{backend:?} {year} {district:?}");
                for project in &file.projects {
                    let r = pool.projects.iter().find(|r| r.number == project.id).unwrap();
                    assert_eq!(
                        (r.points, r.voters, r.funded),
                        (project.score, project.votes, project.selected),
                        "{backend:?} {year} {}",
                        project.id
                    );
                }
            }
            // The edition's own published ballots recount the same.
            let year: i64 = year.parse().unwrap();
            let exported = voting::pabulib_files(&app.state.db, year, Some(&results)).await.unwrap();
            assert_eq!(voting::digest(&exported), results.digest);
            for file in &exported {
                assert!(server::pabulib::check(file, "export").differences.is_empty(), "{backend:?} {year}");
            }
        }
        // A second import of an edition is refused.
        let again = app::budget::import::import(&app.state.db, &[files[0].1.clone()], app::state::now()).await.unwrap();
        assert!(again.is_err(), "{backend:?}");
        eprintln!("{backend:?}: 37 pools imported, counted and recounted in {:.1?}", started.elapsed());
        app.cleanup().await;
    }
}

#[tokio::test]
async fn paper_cards_count_after_a_second_approval_and_conflicts_follow_the_rule() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let ids = voting_edition(&app, -2 * DAY).await;
        let number = |i: usize| format!("BO/2026/{:04}", i + 1);
        app.create_user("dk04@example.pl", "DK-04", PASSWORD, &[Role::Moderator]).await;
        let officer = app.create_user("komisja@example.pl", "Komisja", PASSWORD, &[]).await;
        let second = app.create_user("komisja2@example.pl", "Komisja 2", PASSWORD, &[]).await;
        let dk = app.sign_in("dk04@example.pl", PASSWORD).await;

        // Only named poll officers enter cards; DK-04 names them.
        let named = app
            .post_form(
                "/moderation/budget/2026/vote",
                &[("intent", "officer"), ("email", "nikt@example.pl")],
                Some(&dk),
            )
            .await;
        assert_eq!(named.status(), 422, "{backend:?}: an unknown account");
        for email in ["komisja@example.pl", "komisja2@example.pl"] {
            let named = app
                .post_form("/moderation/budget/2026/vote", &[("intent", "officer"), ("email", email)], Some(&dk))
                .await;
            assert_eq!(named.status(), 303);
        }
        let k1 = app.sign_in("komisja@example.pl", PASSWORD).await;
        let k2 = app.sign_in("komisja2@example.pl", PASSWORD).await;
        let refused = app
            .post_form(
                "/budget/2026/cards",
                &[("intent", "batch"), ("voting_point", "Biblioteka"), ("cast_day", "2026-01-01")],
                Some(&dk),
            )
            .await;
        assert_eq!(refused.status(), 403, "{backend:?}: DK-04 does not enter cards");

        // An online voter first.
        let key = app.state.settings.identity_key.clone();
        let online = Declared { pesel: pesel(1), ..Default::default() }.identify(&key).unwrap();
        let ballot = Ballot {
            district: Some(5),
            district_projects: vec![ids[0], ids[1], ids[2]],
            city_projects: vec![ids[5], ids[6], ids[7]],
        };
        let voted_at = app::state::now();
        assert!(matches!(
            voting::cast(&app.state.db, &key, 2026, &online, &ballot, &Origin::default(), voted_at).await.unwrap(),
            Cast::Stored { .. }
        ));

        // A batch for yesterday: a day outside the vote is refused.
        let outside = app
            .post_form(
                "/budget/2026/cards",
                &[("intent", "batch"), ("voting_point", "Biblioteka"), ("cast_day", "2020-01-01")],
                Some(&k1),
            )
            .await;
        assert_eq!(outside.status(), 422);
        let yesterday = app::domain::warsaw_time::iso_date(app::state::now() - DAY);
        let opened = app
            .post_form(
                "/budget/2026/cards",
                &[("intent", "batch"), ("voting_point", "Biblioteka Podgórze"), ("cast_day", &yesterday)],
                Some(&k1),
            )
            .await;
        assert_eq!(opened.status(), 303, "{backend:?}");
        let page = opened.headers()["location"].to_str().unwrap().split('?').next().unwrap().to_owned();
        let card = |who: &str, district: &str, d: [String; 3]| {
            let mut fields = vec![
                ("intent".to_owned(), "card".to_owned()),
                ("pesel".to_owned(), who.to_owned()),
                ("district".to_owned(), district.to_owned()),
            ];
            for (i, n) in d.into_iter().enumerate() {
                fields.push((format!("d{}", i + 1), n));
            }
            for i in 0..3 {
                fields.push((format!("c{}", i + 1), number(5 + i)));
            }
            fields
        };
        let post = |fields: Vec<(String, String)>, cookie: String| {
            let (app, page) = (&app, page.clone());
            async move {
                let borrowed: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
                app.post_form(&page, &borrowed, Some(&cookie)).await.status().as_u16()
            }
        };
        // The online voter (a conflict: the card, of yesterday, is the earlier vote), a
        // new voter, and an invalid card (a project of another district).
        assert_eq!(post(card(&pesel(1), "5", [number(0), number(1), number(2)]), k1.clone()).await, 303);
        assert_eq!(post(card(&pesel(2), "5", [number(2), number(1), number(0)]), k1.clone()).await, 303);
        assert_eq!(post(card(&pesel(3), "5", [number(0), number(1), number(4)]), k1.clone()).await, 303);
        assert_eq!(post(card(&pesel(4), "5", [number(0), number(1), number(2)]), dk.clone()).await, 403, "{backend:?}");
        let reasons: Vec<(String, String)> =
            sqlx::query_as("select status, reason from budget_paper_cards order by id")
                .fetch_all(&app.state.db)
                .await
                .unwrap();
        assert_eq!(reasons[2], ("invalid".to_owned(), "vote_other_district vote_count".to_owned()), "{backend:?}");
        assert_eq!(app.count("select count(*) from budget_ballots").await, 1, "nothing counts before approval");

        // The officer who entered the batch cannot approve it; another one does.
        let own = app.post_form(&page, &[("intent", "approve")], Some(&k1)).await;
        assert_eq!(own.status(), 409, "{backend:?}");
        let approved = app.post_form(&page, &[("intent", "approve")], Some(&k2)).await;
        assert_eq!(approved.status(), 303);
        let again = app.post_form(&page, &[("intent", "approve")], Some(&dk)).await;
        assert_eq!(again.status(), 409, "approved once");
        let statuses: Vec<(String,)> =
            sqlx::query_as("select status from budget_paper_cards order by id").fetch_all(&app.state.db).await.unwrap();
        assert_eq!(
            statuses.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
            ["conflict", "counted", "invalid"],
            "{backend:?}"
        );
        assert_eq!(app.count("select count(*) from budget_ballots where counted = 1").await, 2);

        // The rule (the earlier vote stands): yesterday's card replaces today's online vote.
        let conflict = app::budget::paper::conflicts(&app.state.db, 2026).await.unwrap();
        assert_eq!(conflict.len(), 1);
        assert!(conflict[0].card_stands, "{backend:?}: the card came first");
        let card_id = conflict[0].card_id.to_string();
        let settled = app
            .post_form("/moderation/budget/2026/integrity", &[("intent", "resolve"), ("card", &card_id)], Some(&dk))
            .await;
        assert_eq!(settled.status(), 303, "{backend:?}");
        let twice = app
            .post_form("/moderation/budget/2026/integrity", &[("intent", "resolve"), ("card", &card_id)], Some(&dk))
            .await;
        assert_eq!(twice.status(), 409);
        assert_eq!(app.count("select count(*) from budget_ballots where channel = 'online' and counted = 1").await, 0);
        assert_eq!(
            app.count("select count(*) from budget_ballots where channel = 'paper' and counted = 1").await,
            2,
            "{backend:?}"
        );
        assert_eq!(app.count("select count(*) from budget_participations").await, 2, "still one per person");

        // Annulment: a reason is required; the annulled vote's ballot stops counting.
        let (participation,): (i64,) =
            sqlx::query_as("select max(id) from budget_participations").fetch_one(&app.state.db).await.unwrap();
        let id = participation.to_string();
        let short = app
            .post_form(
                "/moderation/budget/2026/integrity",
                &[("intent", "annul"), ("participation", &id), ("reason", "krótko")],
                Some(&dk),
            )
            .await;
        assert_eq!(short.status(), 422);
        let reason = "Numer PESEL zgłoszony jako skradziony";
        let annulled = app
            .post_form(
                "/moderation/budget/2026/integrity",
                &[("intent", "annul"), ("participation", &id), ("reason", reason)],
                Some(&dk),
            )
            .await;
        assert_eq!(annulled.status(), 303, "{backend:?}");
        assert_eq!(app.count("select count(*) from budget_ballots where counted = 1").await, 1, "{backend:?}");
        assert!(app.audit_actions(second).await.contains(&"budget.paper_batch_approved".to_owned()));
        assert!(app.audit_actions(officer).await.contains(&"budget.paper_card_entered".to_owned()));

        // The integrity report lists the signals (a low threshold shows the voters).
        let t = app::budget::model::Thresholds { per_minute: 1, per_address: 1, age: 30, identical: 2 };
        let signals = app::budget::paper::integrity(&app.state.db, 2026, t).await.unwrap();
        assert!(signals.iter().any(|s| s.kind == "burst"), "{backend:?}");
        assert!(signals.iter().any(|s| s.kind == "age" && s.count == 2), "{backend:?}: both voters born in 1990");
        let (status, page) = app.get_with("/moderation/budget/2026/integrity?age=30", &dk).await;
        assert_eq!(status, 200);
        assert!(page.contains("Unieważniony"), "{backend:?}: the annulled vote is marked");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_register_of_residents_limits_who_votes() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let ids = voting_edition(&app, -DAY).await;
        let key = app.state.settings.identity_key.clone();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("register.txt");
        std::fs::write(&file, format!("{}\n1990-02-28;FX123456\n", pesel(20))).unwrap();
        server::pabulib::import_register(&app.state.db, &key, &file).await.unwrap();
        let stored: (String,) = sqlx::query_as("select identity_hash from budget_resident_register limit 1")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        assert!(!stored.0.contains(&pesel(20)), "{backend:?}: hashes only");
        // A line that is no identifier stops the import, and nothing more is written.
        std::fs::write(&file, "12345\n").unwrap();
        assert!(server::pabulib::import_register(&app.state.db, &key, &file).await.unwrap_err().contains("line 1"));
        assert_eq!(app.count("select count(*) from budget_resident_register").await, 2);

        let ballot = Ballot {
            district: Some(5),
            district_projects: vec![ids[0], ids[1], ids[2]],
            city_projects: vec![ids[5], ids[6], ids[7]],
        };
        let now = app::state::now();
        let cast = |p: String| {
            let (db, key, ballot) = (app.state.db.clone(), key.clone(), ballot.clone());
            async move {
                let identity = Declared { pesel: p, ..Default::default() }.identify(&key).unwrap();
                voting::cast(&db, &key, 2026, &identity, &ballot, &Origin::default(), now).await.unwrap()
            }
        };
        assert_eq!(cast(pesel(21)).await, Cast::NotResident, "{backend:?}");
        assert!(matches!(cast(pesel(20)).await, Cast::Stored { .. }), "{backend:?}");
        assert_eq!(app.count("select count(*) from budget_ballots").await, 1);
        app.cleanup().await;
    }
}
