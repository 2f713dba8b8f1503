//! The civic budget, once per backend. Editions: saved whole and read back; dates out
//! of order or a negative pool refused with nothing written; once voting has opened, a
//! change to the rules that decide the vote (or to when voting starts) is refused, while
//! the pools may still be corrected. Projects, through HTTP as residents, DK-04 and a
//! unit's verifier use them: refused submissions keep the draft, submission with a
//! number and a receipt, verification scoped to the unit, rejection with a published
//! reason, protest in and out of the window, the hearing's outcome, the final list; the
//! catalogue's filters and full-text search, and its open data.

mod common;

use app::budget::storage::{edition, save_edition, Edition};
use app::domain::budget::{Calendar, Pools, Rules};
use app::domain::warsaw_time::iso_date;
use common::{backends, spawn_app, TestApp};

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

const PASSWORD: &str = "ciepły wiatr znad wisły";

/// The edition editor's fields: the phases start `days` from today, the pools are
/// Kraków's scale (1 million zł per district, 20 million city-wide).
fn edition_form(year: &str, days: [i64; 6]) -> Vec<(String, String)> {
    let now = app::state::now();
    let names = [
        "submission_starts",
        "verification_starts",
        "protests_start",
        "final_list_starts",
        "voting_starts",
        "results_start",
    ];
    let mut fields: Vec<(String, String)> =
        names.iter().zip(days).map(|(n, d)| (n.to_string(), iso_date(now + d * DAY))).collect();
    fields.push(("year".into(), year.into()));
    fields.push(("city_pool".into(), "20 000 000".into()));
    for d in 1..=18 {
        fields.push((format!("pool_{d}"), "1 000 000".into()));
    }
    for (n, v) in [("support_signatures", "15"), ("support_remedy_days", "14"), ("protest_days", "10")] {
        fields.push((n.into(), v.into()));
    }
    fields
}

async fn post(app: &TestApp, path: &str, fields: &[(String, String)], cookie: &str) -> (u16, String, String) {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let response = app.post_form(path, &pairs, Some(cookie)).await;
    let status = response.status().as_u16();
    let location = response.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().to_owned();
    (status, location, response.text().await.unwrap())
}

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
}

/// A complete district project (district XIII), submitted with `intent`.
fn project(title: &str, intent: &str) -> Vec<(String, String)> {
    fields(&[
        ("applicant", "residents"),
        ("title", title),
        ("summary", "Łąka kwietna, ławki i poidełko na skwerze przy Rynku Podgórskim."),
        ("description", "Projekt obejmuje **łąkę kwietną** na 400 m², cztery ławki z oparciem i poidełko. <script>alert(1)</script>"),
        ("area", "district"),
        ("district", "13"),
        ("topic", "greenery"),
        ("address", "Rynek Podgórski, skwer przy kościele"),
        ("map_point", "50.0440, 19.9490"),
        ("cost", "120 000"),
        ("cost_item", "Łąka kwietna"),
        ("cost_amount", "40 000"),
        ("cost_item", "Ławki i poidełko"),
        ("cost_amount", "80 000"),
        ("beneficiaries", "Mieszkańcy Podgórza i turyści."),
        ("intent", intent),
    ])
}

async fn status_of(app: &TestApp, id: i64) -> String {
    let (status,): (String,) = sqlx::query_as("select status from budget_projects where id = $1")
        .bind(id)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    status
}

#[tokio::test]
async fn a_project_goes_from_its_draft_through_rejection_and_protest_to_the_ballot() {
    use app::accounts::model::Role;
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let dk04_id = app.create_user("dk04@example.pl", "DK-04", PASSWORD, &[Role::Moderator]).await;
        let dk04 = app.sign_in("dk04@example.pl", PASSWORD).await;
        let anna_id = app.create_user("anna@example.pl", "Anna", PASSWORD, &[]).await;
        let anna = app.sign_in("anna@example.pl", PASSWORD).await;
        app.create_user("piotr@example.pl", "Piotr", PASSWORD, &[]).await;
        let piotr = app.sign_in("piotr@example.pl", PASSWORD).await;
        let zzm_id = app.create_user("zzm@example.pl", "Weryfikatorka ZZM", PASSWORD, &[]).await;
        app.create_user("zdmk@example.pl", "Weryfikator ZDMK", PASSWORD, &[]).await;

        // DK-04 sets the edition: dates out of order are refused, nothing written.
        let mut wrong = edition_form("2031", [-10, 10, 5, 30, 40, 50]);
        wrong.push(("min_voter_age".into(), "dwanaście".into()));
        let (status, _, body) = post(&app, "/moderation/budget", &wrong, &dk04).await;
        assert_eq!(status, 422, "{backend:?}");
        assert!(
            body.contains("Daty muszą następować po sobie") || body.contains("Podaj liczbę całkowitą"),
            "{backend:?}"
        );
        assert_eq!(app.count("select count(*) from budget_editions").await, 0);
        let (status, location, _) =
            post(&app, "/moderation/budget", &edition_form("2031", [-10, 10, 20, 30, 40, 50]), &dk04).await;
        assert_eq!((status, location.as_str()), (303, "/moderation/budget?year=2031&done=bo_edition_saved#content"));
        let (status, _, _) =
            post(&app, "/moderation/budget", &edition_form("2031", [-10, 10, 20, 30, 40, 50]), &anna).await;
        assert_eq!(status, 403, "a resident cannot set an edition");

        // Two verifying units, each with its verifier.
        for name in ["Zarząd Zieleni Miejskiej", "Zarząd Dróg Miasta Krakowa"] {
            assert_eq!(
                post(&app, "/moderation/budget", &fields(&[("intent", "unit"), ("name", name)]), &dk04).await.0,
                303
            );
        }
        let (zzm_unit,): (i64,) = sqlx::query_as("select id from budget_units where name = 'Zarząd Zieleni Miejskiej'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        let (zdmk_unit,): (i64,) =
            sqlx::query_as("select id from budget_units where name = 'Zarząd Dróg Miasta Krakowa'")
                .fetch_one(&app.state.db)
                .await
                .unwrap();
        let unknown = fields(&[("intent", "verifier"), ("unit", &zzm_unit.to_string()), ("email", "nikt@example.pl")]);
        assert_eq!(post(&app, "/moderation/budget", &unknown, &dk04).await.0, 422);
        for (unit, email) in [(zzm_unit, "zzm@example.pl"), (zdmk_unit, "zdmk@example.pl")] {
            let f = fields(&[("intent", "verifier"), ("unit", &unit.to_string()), ("email", email)]);
            assert_eq!(post(&app, "/moderation/budget", &f, &dk04).await.0, 303);
        }
        // A unit taken off the list gets no more projects (its verifiers stay).
        let off = fields(&[("intent", "unit_active"), ("unit", &zdmk_unit.to_string()), ("active", "0")]);
        assert_eq!(post(&app, "/moderation/budget", &off, &dk04).await.0, 303);
        assert_eq!(post(&app, "/moderation/budget", &off, &anna).await.0, 403);
        assert_eq!(app.count(&format!("select active from budget_units where id = {zdmk_unit}")).await, 0);
        // Signed in after being named: the session reads the unit.
        let zzm = app.sign_in("zzm@example.pl", PASSWORD).await;
        let zdmk = app.sign_in("zdmk@example.pl", PASSWORD).await;

        // A refused submission: the draft keeps what was typed, no number is used.
        let mut bad = project("Zielony skwer przy Rynku Podgórskim", "submit");
        bad.retain(|(n, _)| n != "district");
        for (n, v) in bad.iter_mut() {
            if n == "cost" {
                *v = "-5 000".into();
            }
        }
        let (status, _, body) = post(&app, "/budget/2031/projects/new", &bad, &anna).await;
        assert_eq!(status, 422, "{backend:?}");
        assert!(body.contains("Wybierz dzielnicę projektu dzielnicowego."), "{backend:?}");
        assert!(body.contains("Podaj kwotę w złotych"), "{backend:?}");
        assert!(body.contains("value=\"Zielony skwer przy Rynku Podgórskim\""), "the title is kept");
        assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "typed markup is kept as text");
        let (id,): (i64,) = sqlx::query_as("select id from budget_projects where owner_id = $1")
            .bind(anna_id)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        assert_eq!(status_of(&app, id).await, "draft");
        assert_eq!(app.count("select count(*) from budget_counters").await, 0, "no number used");
        // Over the district's pool.
        let mut over = project("Zielony skwer przy Rynku Podgórskim", "submit");
        for (n, v) in over.iter_mut() {
            if n == "cost" {
                *v = "1 000 000,01".into();
            }
        }
        let (status, _, body) = post(&app, &format!("/budget/projects/{id}/edit"), &over, &anna).await;
        assert_eq!(status, 422);
        assert!(body.contains("Koszt przekracza pulę"), "{backend:?}");
        // Somebody else's draft.
        assert_eq!(post(&app, &format!("/budget/projects/{id}/edit"), &project("Cudzy", "save"), &piotr).await.0, 403);

        // Submitted: the number, the receipt, and a second click changes nothing.
        let (status, location, _) = post(
            &app,
            &format!("/budget/projects/{id}/edit"),
            &project("Zielony skwer przy Rynku Podgórskim", "submit"),
            &anna,
        )
        .await;
        assert_eq!(
            (status, location.as_str()),
            (303, "/budget/2031/projects/1?done=bo_submitted#content"),
            "{backend:?}"
        );
        let receipt = app.wait_for_mail("anna@example.pl", 1).await;
        assert!(receipt.subject.contains("BO/2031/0001"), "{}", receipt.subject);
        let (status, location, _) = post(
            &app,
            &format!("/budget/projects/{id}/edit"),
            &project("Zielony skwer przy Rynku Podgórskim", "submit"),
            &anna,
        )
        .await;
        assert_eq!((status, location.as_str()), (303, "/budget/2031/projects/1"));
        assert_eq!(app.count("select last_seq from budget_counters where year = 2031").await, 1);
        let (status, page) = app.get_text("/budget/2031/projects/1").await;
        assert_eq!(status, 200);
        assert!(page.contains("BO/2031/0001") && page.contains("<strong>łąkę kwietną</strong>"), "{backend:?}");
        assert!(!page.contains("<script>alert(1)"), "markdown is sanitised");
        assert!(!page.contains("Anna"), "a resident applicant is not named publicly");

        // A second project, to be rejected and protested too late.
        let (status, _, _) =
            post(&app, "/budget/2031/projects/new", &project("Poidełko na Zabłociu dla mieszkańców", "submit"), &piotr)
                .await;
        assert_eq!(status, 303);
        let late = app::budget::projects::id_by_number(&app.state.db, 2031, 2).await.unwrap().unwrap();

        // DK-04 records the signatures and assigns both to the greenery board.
        for project in [id, late] {
            let page = format!("/moderation/budget/projects/{project}");
            assert_eq!(
                post(&app, &page, &fields(&[("intent", "signatures"), ("signatures", "17")]), &dk04).await.0,
                303
            );
            let inactive = fields(&[("intent", "assign"), ("unit", &zdmk_unit.to_string())]);
            assert_eq!(post(&app, &page, &inactive, &dk04).await.0, 422, "{backend:?}: a unit off the list");
            let assign = fields(&[("intent", "assign"), ("unit", &zzm_unit.to_string())]);
            assert_eq!(post(&app, &page, &assign, &piotr).await.0, 403, "a resident cannot assign");
            assert_eq!(post(&app, &page, &assign, &dk04).await.0, 303);
        }
        let page = format!("/moderation/budget/projects/{id}");
        let reject = |note: &str| fields(&[("intent", "reject"), ("note", note)]);
        // Only the assigned unit's verifiers assess: not DK-04, not another unit.
        assert_eq!(post(&app, &page, &reject("Działka nie należy do Gminy."), &dk04).await.0, 403, "{backend:?}");
        assert_eq!(post(&app, &page, &reject("Działka nie należy do Gminy."), &zdmk).await.0, 403, "{backend:?}");
        let (status, _, body) = post(&app, &page, &reject("Nie."), &zzm).await;
        assert_eq!(status, 422, "a reason of at least 10 characters");
        assert!(body.contains("Podaj uzasadnienie"), "{backend:?}");
        assert_eq!(post(&app, &page, &reject("Działka nie należy do Gminy Miejskiej Kraków."), &zzm).await.0, 303);
        assert_eq!(status_of(&app, id).await, "rejected");
        let (_, public) = app.get_text("/budget/2031/projects/1").await;
        assert!(public.contains("Działka nie należy do Gminy Miejskiej Kraków."), "the reason is published");
        let late_page = format!("/moderation/budget/projects/{late}");
        assert_eq!(
            post(&app, &late_page, &reject("Koszt utrzymania przekracza możliwości jednostki."), &zzm).await.0,
            303
        );

        // A third project, accepted by the unit with its verified cost and a published
        // assessment.
        let (status, _, _) =
            post(&app, "/budget/2031/projects/new", &project("Ławki nad Wisłą dla seniorów", "submit"), &piotr).await;
        assert_eq!(status, 303);
        let third = app::budget::projects::id_by_number(&app.state.db, 2031, 3).await.unwrap().unwrap();
        let third_page = format!("/moderation/budget/projects/{third}");
        let assign = fields(&[("intent", "assign"), ("unit", &zzm_unit.to_string())]);
        assert_eq!(post(&app, &third_page, &assign, &dk04).await.0, 303);
        let over = fields(&[("intent", "accept"), ("verified_cost", "1 000 001")]);
        assert_eq!(post(&app, &third_page, &over, &zzm).await.0, 422, "over the district's pool");
        let accept = fields(&[
            ("intent", "accept"),
            ("verified_cost", "95 000"),
            ("assessment", "Teren gminny, zgodny z planem miejscowym; koszt obniżony o projekt wykonawczy."),
        ]);
        assert_eq!(post(&app, &third_page, &accept, &zzm).await.0, 303, "{backend:?}");
        assert_eq!(
            app.count(&format!("select verified_cost_grosze from budget_projects where id = {third}")).await,
            9_500_000
        );
        let (_, public) = app.get_text("/budget/2031/projects/3").await;
        assert!(
            public.contains("Teren gminny, zgodny z planem miejscowym"),
            "{backend:?}: the assessment is published"
        );

        // The protest: only the applicant, within the window.
        let protest =
            fields(&[("intent", "protest"), ("protest", "Działka 123/4 jest w użytkowaniu wieczystym Gminy.")]);
        assert_eq!(post(&app, "/budget/2031/projects/1", &protest, &piotr).await.0, 403);
        let short = fields(&[("intent", "protest"), ("protest", "Bo tak")]);
        assert_eq!(post(&app, "/budget/2031/projects/1", &short, &anna).await.0, 422);
        assert_eq!(post(&app, "/budget/2031/projects/1", &protest, &anna).await.0, 303, "{backend:?}");
        assert_eq!(status_of(&app, id).await, "protested");
        sqlx::query("update budget_projects set rejected_at = rejected_at - 11 * 86400 where id = $1")
            .bind(late)
            .execute(&app.state.db)
            .await
            .unwrap();
        let (status, _, body) = post(&app, "/budget/2031/projects/2", &protest, &piotr).await;
        assert_eq!(status, 409, "{backend:?}");
        assert!(body.contains("Termin na protest minął."));
        assert_eq!(status_of(&app, late).await, "rejected");

        // DK-04 schedules the hearing and upholds the protest: the project is accepted.
        let hearing = fields(&[("intent", "hearing"), ("hearing", &iso_date(app::state::now() + 3 * DAY))]);
        assert_eq!(post(&app, &page, &hearing, &dk04).await.0, 303);
        assert_eq!(post(&app, &page, &fields(&[("intent", "uphold_protest")]), &dk04).await.0, 303);
        assert_eq!(status_of(&app, id).await, "accepted");
        assert_eq!(post(&app, &page, &fields(&[("intent", "uphold_protest")]), &dk04).await.0, 409, "once");

        // The list closes only in its phase; then the accepted project is on the ballot
        // and the rejection not protested in time is final.
        assert_eq!(post(&app, "/moderation/budget/2031/projects", &[], &dk04).await.0, 409);
        let (status, _, _) =
            post(&app, "/moderation/budget", &edition_form("2031", [-40, -30, -20, -1, 10, 20]), &dk04).await;
        assert_eq!(status, 303);
        assert_eq!(post(&app, "/moderation/budget/2031/projects", &[], &anna).await.0, 403);
        assert_eq!(post(&app, "/moderation/budget/2031/projects", &[], &dk04).await.0, 303);
        assert_eq!(status_of(&app, id).await, "on_ballot", "{backend:?}");
        assert_eq!(status_of(&app, late).await, "rejected_final");
        let ballot = app::budget::projects::ballot(&app.state.db, 2031).await.unwrap();
        assert_eq!(ballot.iter().map(|p| p.id).collect::<Vec<_>>(), vec![id, third]);
        // Withdrawing from the ballot is not possible any more.
        let confirm = fields(&[("intent", "withdraw"), ("confirm", "yes")]);
        assert_eq!(post(&app, "/budget/2031/projects/1", &confirm, &anna).await.0, 409);

        // Every step is audited and on the public timeline.
        let mut actions = app.audit_actions(zzm_id).await;
        actions.retain(|a| a.starts_with("budget."));
        assert_eq!(actions, ["budget.reject", "budget.reject", "budget.accept"], "{backend:?}");
        assert!(app.audit_actions(anna_id).await.contains(&"budget.protest".to_owned()));
        assert!(app.audit_actions(dk04_id).await.contains(&"budget.uphold_protest".to_owned()));
        assert_eq!(app.count(&format!("select count(*) from budget_project_events where project_id = {id}")).await, 8);

        // The catalogue and its open data.
        let (_, list) = app.get_text("/budget/2031/projects?q=zielony+skwer").await;
        assert!(list.contains("Zielony skwer") && !list.contains("Poidełko"), "{backend:?}");
        let (_, list) = app.get_text("/budget/2031/projects?q=poidelko").await;
        assert!(list.contains("Poidełko"), "{backend:?}: diacritics folded");
        let (_, json) = app.get_text("/api/v1/budget/2031/projects?status=on_ballot").await;
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(json["total"], 2);
        assert_eq!(json["items"][0]["number"], "BO/2031/0001");
        assert_eq!(json["items"][0]["district"], 13);
        let (status, csv) = app.get_text("/api/v1/budget/2031/projects.csv").await;
        assert_eq!(status, 200);
        assert!(csv.starts_with("\u{feff}number,title,summary,status"), "{csv}");
        assert_eq!(csv.lines().count(), 4);
        assert_eq!(app.get_text("/api/v1/budget/2031/projects?status=draft").await.0, 400, "drafts are not public");
        assert_eq!(app.get_text("/api/v1/budget/2031/projects?pool=19").await.0, 400);
        assert_eq!(app.get_text("/api/v1/budget/1999/projects").await.0, 404);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn the_catalogue_filters_and_searches_the_same_on_both_databases() {
    use app::budget::model::Filter;
    use app::budget::projects::{catalogue, create_draft, submit};
    use app::domain::budget_project::{CostLine, ProjectInput};
    use app::domain::initiative::ApplicantKind;
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let db = &app.state.db;
        let owner = app.create_user("owner@example.pl", "Owner", PASSWORD, &[]).await;
        let now = app::state::now();
        save_edition(db, &edition_2026(now, false), owner, now).await.unwrap().unwrap();
        let titles = [
            ("Zieleń na Plantach", None, "greenery", "300 000"),
            ("Ławki w Parku Jordana", Some(7), "social", "80 000"),
            ("Rowerowa pętla Nowej Huty", Some(18), "transport", "900 000"),
            ("Łąka kwietna w Nowej Hucie", Some(18), "greenery", "50 000"),
        ];
        for (title, district, topic, cost) in titles {
            let input = ProjectInput {
                title: title.into(),
                summary: format!("{title}: krótki opis projektu."),
                description: format!("Pełny opis: {title}, zieleń i mieszkańcy."),
                area: if district.is_some() { "district" } else { "city" }.into(),
                district: district.map(|d: u8| d.to_string()).unwrap_or_default(),
                topic: topic.into(),
                cost: cost.into(),
                cost_lines: vec![CostLine { item: "Całość".into(), amount: cost.into() }],
                ..ProjectInput::default()
            };
            let id = create_draft(db, 2026, owner, ApplicantKind::Residents, None, &input, now).await.unwrap();
            submit(db, id, owner, now).await.unwrap().unwrap();
        }
        let titles_of = |f: Filter| async move {
            let mut t: Vec<String> =
                catalogue(db, 2026, &f).await.unwrap().items.into_iter().map(|p| p.title).collect();
            t.sort();
            t
        };
        let q = |text: &str| Filter { q: Some(text.into()), ..Filter::default() };
        assert_eq!(titles_of(q("zielen")).await.len(), 4, "{backend:?}: every description says zieleń");
        assert_eq!(titles_of(q("nowej huty")).await, ["Rowerowa pętla Nowej Huty"], "{backend:?}");
        assert_eq!(titles_of(q("nowej hu")).await.len(), 2, "{backend:?}: words as prefixes");
        assert_eq!(titles_of(q("łąka")).await, ["Łąka kwietna w Nowej Hucie"]);
        assert_eq!(titles_of(q("\"; drop table budget_projects; --")).await.len(), 0, "{backend:?}");
        let pool = |p: &str| Filter { pool: Some(p.into()), ..Filter::default() };
        assert_eq!(titles_of(pool("city")).await, ["Zieleń na Plantach"]);
        assert_eq!(titles_of(pool("18")).await.len(), 2);
        let costly = Filter { cost_min: Some(100_000), topic: Some("greenery".into()), ..Filter::default() };
        assert_eq!(titles_of(costly).await, ["Zieleń na Plantach"], "{backend:?}");
        let cheap = Filter { cost_max: Some(80_000), ..Filter::default() };
        assert_eq!(titles_of(cheap).await, ["Ławki w Parku Jordana", "Łąka kwietna w Nowej Hucie"]);
        assert_eq!(catalogue(db, 2026, &Filter::default()).await.unwrap().total, 4);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_merger_needs_both_applicants_and_a_refusal_sends_both_back() {
    use app::budget::projects::{answer_merger, apply, create_draft, propose_merger, submit, Change};
    use app::domain::budget::{ProjectMove, ProjectStatus};
    use app::domain::budget_project::ProjectInput;
    use app::domain::initiative::ApplicantKind;
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let db = &app.state.db;
        let a_owner = app.create_user("a@example.pl", "A", PASSWORD, &[]).await;
        let b_owner = app.create_user("b@example.pl", "B", PASSWORD, &[]).await;
        let now = app::state::now();
        save_edition(db, &edition_2026(now, false), a_owner, now).await.unwrap().unwrap();
        let unit = app::budget::projects::add_unit(db, "Wydział Sportu").await.unwrap();
        let mut ids = Vec::new();
        for (i, owner) in [a_owner, b_owner, a_owner, b_owner].into_iter().enumerate() {
            let input = ProjectInput { title: format!("Siłownia {i}"), ..ProjectInput::default() };
            let id = create_draft(db, 2026, owner, ApplicantKind::Residents, None, &input, now).await.unwrap();
            submit(db, id, owner, now).await.unwrap().unwrap();
            let assign = Change { unit: Some(unit), ..Change::default() };
            assert_eq!(
                apply(db, id, ProjectMove::Assign, &assign, owner, now).await.unwrap(),
                Some(ProjectStatus::InVerification)
            );
            ids.push(id);
        }
        let status = |id: i64| async move { app::budget::projects::owner_and_status(db, id).await.unwrap().unwrap().1 };
        assert!(!propose_merger(db, ids[0], ids[0], "", a_owner, now).await.unwrap(), "not with itself");
        assert!(propose_merger(db, ids[0], ids[1], "Podobne.", a_owner, now).await.unwrap());
        assert!(!propose_merger(db, ids[2], ids[1], "", a_owner, now).await.unwrap(), "{backend:?}: B is taken");
        assert_eq!(status(ids[2]).await, ProjectStatus::InVerification, "nothing changed");
        // One applicant agrees: nothing is merged yet; the second agreement merges A into B.
        assert_eq!(answer_merger(db, ids[0], true, a_owner, now).await.unwrap(), Some(ProjectStatus::MergerProposed));
        assert_eq!(status(ids[0]).await, ProjectStatus::MergerProposed);
        assert_eq!(answer_merger(db, ids[1], true, b_owner, now).await.unwrap(), Some(ProjectStatus::InVerification));
        assert_eq!(status(ids[0]).await, ProjectStatus::Merged, "{backend:?}");
        assert_eq!(status(ids[1]).await, ProjectStatus::InVerification, "B goes on");
        assert_eq!(answer_merger(db, ids[1], true, b_owner, now).await.unwrap(), None, "answered once");
        // A refusal by either sends both back to verification.
        assert!(propose_merger(db, ids[2], ids[3], "", a_owner, now).await.unwrap());
        assert_eq!(answer_merger(db, ids[3], false, b_owner, now).await.unwrap(), Some(ProjectStatus::InVerification));
        assert_eq!(status(ids[2]).await, ProjectStatus::InVerification, "{backend:?}");
        assert_eq!(status(ids[3]).await, ProjectStatus::InVerification);
        let detail = app::budget::projects::detail(db, ids[2]).await.unwrap().unwrap();
        assert_eq!(detail.merger_with, None);
        let kinds: Vec<String> = detail.timeline.iter().map(|e| e.kind.clone()).collect();
        assert_eq!(kinds, ["submit", "assign", "propose_merger", "refuse_merger"], "{backend:?}");
        app.cleanup().await;
    }
}
