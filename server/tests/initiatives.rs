//! Local initiatives, once per backend: 200 submissions at once get distinct numbers
//! with no gap; a resident's application through its steps (refusals keep what was
//! typed), submission with a receipt by mail, a second click, DK-04's checklist and
//! summons, the amendment and resubmission, "formally correct", the public register
//! without residents' names and its open data; a resubmission after the deadline; a
//! district council's application for its own district only; who may see what.

mod common;

use app::accounts::model::Role;
use app::domain::initiative::{ApplicantKind, ApplicationInput};
use app::initiatives::storage;
use common::{backends, spawn_app, TestApp};

const PASSWORD: &str = "ciepły wiatr znad wisły";

/// Tomorrow in Warsaw, as the form takes dates (a task cannot start in the past).
fn tomorrow() -> String {
    let (y, m, d) = storage::warsaw_date(app::state::now() + 86_400);
    format!("{y:04}-{m:02}-{d:02}")
}

async fn post(app: &TestApp, path: &str, fields: &[(&str, &str)], cookie: &str) -> (u16, String, String) {
    let response = app.post_form(path, fields, Some(cookie)).await;
    let status = response.status().as_u16();
    let location = response.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().to_owned();
    (status, location, response.text().await.unwrap())
}

#[tokio::test]
async fn two_hundred_submissions_at_once_get_distinct_numbers_without_gaps() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let db = app.state.db.clone();
        let owner = app.create_user("anna@example.pl", "Anna Nowak", PASSWORD, &[]).await;
        let now = app::state::now();
        let input = ApplicationInput { title: "Ogród".to_owned(), ..Default::default() };
        let mut drafts = Vec::new();
        for _ in 0..200 {
            drafts.push(storage::create_draft(&db, owner, ApplicantKind::Residents, None, &input, now).await.unwrap());
        }
        // Every draft submitted at once, and the first ten clicked twice.
        let mut tasks = Vec::new();
        for id in drafts.iter().copied().chain(drafts.iter().copied().take(10)) {
            let db = db.clone();
            tasks.push(tokio::spawn(async move { storage::submit(&db, id, owner, 2026, now).await }));
        }
        let mut numbers = Vec::new();
        let mut second_clicks = 0;
        for task in tasks {
            match task.await.unwrap().expect("no database error under contention") {
                Ok((year, seq)) => {
                    assert_eq!(year, 2026);
                    numbers.push(seq);
                }
                Err(storage::SubmitRefusal::AlreadySubmitted) => second_clicks += 1,
                Err(other) => panic!("{backend:?}: {other:?}"),
            }
        }
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=200).collect::<Vec<i64>>(), "{backend:?}: distinct, from 1, no gap");
        assert_eq!(second_clicks, 10, "{backend:?}");
        assert_eq!(app.count("select count(*) from initiative_versions").await, 200);
        assert_eq!(app.count("select last_seq from initiative_counters where year = 2026").await, 200);
        // Another year starts again at 1.
        let next = storage::create_draft(&db, owner, ApplicantKind::Residents, None, &input, now).await.unwrap();
        assert_eq!(storage::submit(&db, next, owner, 2027, now).await.unwrap(), Ok((2027, 1)));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_resident_applies_is_summoned_resubmits_and_is_found_formally_correct() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let anna_id = app.create_user("anna@example.pl", "Anna Nowak", PASSWORD, &[]).await;
        let dk04_id = app.create_user("dk04@example.pl", "DK-04", PASSWORD, &[Role::Moderator]).await;
        app.create_user("piotr@example.pl", "Piotr Zieliński", PASSWORD, &[]).await;
        let anna = app.sign_in("anna@example.pl", PASSWORD).await;
        let dk04 = app.sign_in("dk04@example.pl", PASSWORD).await;
        let piotr = app.sign_in("piotr@example.pl", PASSWORD).await;
        let (status, _, _) =
            post(&app, "/moderation/initiatives/pool", &[("year", "2026"), ("pool", "nic")], &dk04).await;
        assert_eq!(status, 422, "{backend:?}: a pool that is not an amount");
        let year = storage::warsaw_date(app::state::now()).0.to_string();
        let (status, _, _) =
            post(&app, "/moderation/initiatives/pool", &[("year", &year), ("pool", "195 000")], &dk04).await;
        assert_eq!(status, 303, "{backend:?}");

        // Step 1 with nobody named: the draft is created anyway, and the step refused.
        let (status, _, html) =
            post(&app, "/initiatives/new", &[("applicant", "residents"), ("intent", "next")], &anna).await;
        assert_eq!(status, 422, "{backend:?}");
        assert!(html.contains("To pole jest wymagane"), "{backend:?}");
        let id = app.count("select max(id) from initiatives").await;
        let steps = format!("/initiatives/applications/{id}/steps");
        assert!(html.contains(&format!("action=\"{steps}/applicants\"")), "the next post saves the same draft");
        // An NGO the person does not belong to is refused.
        let (status, _, _) =
            post(&app, &format!("{steps}/applicants"), &[("applicant", "ngo:1"), ("intent", "next")], &anna).await;
        assert_eq!(status, 422, "{backend:?}");
        let (status, location, _) = post(
            &app,
            &format!("{steps}/applicants"),
            &[
                ("applicant", "residents"),
                ("applicants", "Anna Nowak"),
                ("applicants", "Maria Kowalczyk"),
                ("intent", "next"),
            ],
            &anna,
        )
        .await;
        assert_eq!((status, location.as_str()), (303, format!("{steps}/task").as_str()), "{backend:?}");

        // Step 2: too short a description is refused, and what was typed comes back.
        let task = [
            ("title", "Ogród społeczny przy Sokolskiej"),
            ("description", "Za krótko."),
            ("need", "Na osiedlu brakuje zieleni i miejsca spotkań."),
            ("scope", "nature"),
            ("intent", "next"),
        ];
        let (status, _, html) = post(&app, &format!("{steps}/task"), &task, &anna).await;
        assert_eq!(status, 422);
        assert!(html.contains("Za krótko.") && html.contains("Ogród społeczny przy Sokolskiej"), "{backend:?}");
        let mut task = task.to_vec();
        task[1].1 = "Zakładamy ogród społeczny na podwórku: grządki, ławki i kompostownik dla sąsiadów.";
        let (status, _, _) = post(&app, &format!("{steps}/task"), &task, &anna).await;
        assert_eq!(status, 303);

        // Step 3: a district outside the 18 is refused.
        let start = tomorrow();
        let mut place = vec![
            ("place", "ul. Sokolska 13"),
            ("district", "19"),
            ("starts_on", start.as_str()),
            ("ends_on", start.as_str()),
            ("intent", "next"),
        ];
        let (status, _, html) = post(&app, &format!("{steps}/place"), &place, &anna).await;
        assert_eq!(status, 422);
        assert!(html.contains("Wybierz jedną z 18 dzielnic"), "{backend:?}");
        place[1].1 = "13";
        assert_eq!(post(&app, &format!("{steps}/place"), &place, &anna).await.0, 303);

        // Step 4: a cost over the pool and no own contribution are refused; then right.
        let mut money = vec![
            ("cost", "200 000"),
            ("work_people", ""),
            ("work_hours", ""),
            ("goods_description", ""),
            ("goods_value", ""),
            ("money", "0"),
            ("city_share", "Ziemia, obrzeża i transport kompostownika."),
            ("intent", "next"),
        ];
        let (status, _, html) = post(&app, &format!("{steps}/contribution"), &money, &anna).await;
        assert_eq!(status, 422);
        assert!(html.contains("przekracza całą pulę"), "{backend:?}");
        money[0].1 = "12 500,50";
        let (status, _, html) = post(&app, &format!("{steps}/contribution"), &money, &anna).await;
        assert_eq!(status, 422);
        assert!(html.contains("Zadeklaruj wkład własny"), "{backend:?}");
        money[1].1 = "12";
        money[2].1 = "30";
        money[3].1 = "Sadzonki";
        money[4].1 = "800";
        let (status, location, _) = post(&app, &format!("{steps}/contribution"), &money, &anna).await;
        assert_eq!((status, location.as_str()), (303, format!("{steps}/review").as_str()));
        assert_eq!(app.count("select count(*) from initiative_counters").await, 0, "no number consumed yet");

        // Nobody else sees or edits the draft; DK-04 does not see drafts.
        assert_eq!(app.get_with(&format!("{steps}/review"), &piotr).await.0, 403, "{backend:?}");
        assert_eq!(post(&app, &format!("{steps}/task"), &task, &piotr).await.0, 403);
        assert_eq!(app.get_with(&format!("/moderation/initiatives/{id}"), &dk04).await.0, 404);

        // Submit: a number, the receipt on screen and by mail; a second click is harmless.
        let submit = format!("/initiatives/applications/{id}/submit");
        let (status, location, _) = post(&app, &submit, &[], &anna).await;
        assert_eq!(status, 303, "{backend:?}");
        assert!(location.contains("done=il_submitted"));
        let number = format!("IL/{year}/1");
        let (_, page) = app.get_with(&format!("/initiatives/applications/{id}"), &anna).await;
        assert!(page.contains(&number) && page.contains("Potwierdzenie złożenia"), "{backend:?}");
        let mail = app.wait_for_mail("anna@example.pl", 1).await;
        assert!(mail.subject.contains(&number) && mail.body.contains("Ogród społeczny"), "{backend:?}");
        assert_eq!(post(&app, &submit, &[], &anna).await.0, 303, "the second click");
        assert_eq!(app.count("select last_seq from initiative_counters").await, 1, "one number only");
        assert_eq!(post(&app, &format!("{steps}/task"), &task, &anna).await.0, 409, "frozen once submitted");

        // DK-04: the summons needs a failed item with a note; then it is recorded.
        let review = format!("/moderation/initiatives/{id}");
        let check = format!("{review}/check");
        let passed = |items: &[&'static str]| -> Vec<(String, String)> {
            let mut fields: Vec<(String, String)> = [
                "applicant_eligible",
                "parts_complete",
                "scope_statutory",
                "place_eligible",
                "contribution_declared",
                "support_list",
            ]
            .iter()
            .map(|item| (format!("item-{item}"), if items.contains(item) { "no" } else { "yes" }.to_owned()))
            .collect();
            fields.push(("deadline".to_owned(), tomorrow()));
            fields
        };
        let as_refs = |fields: &[(String, String)], intent: &'static str| -> Vec<(String, String)> {
            let mut out = fields.to_vec();
            out.push(("intent".to_owned(), intent.to_owned()));
            out
        };
        let send = |fields: Vec<(String, String)>| {
            let app = &app;
            let check = check.clone();
            let dk04 = dk04.clone();
            async move {
                let refs: Vec<(&str, &str)> = fields.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                post(app, &check, &refs, &dk04).await
            }
        };
        let (status, _, html) = send(as_refs(&passed(&[]), "summon")).await;
        assert_eq!(status, 422, "{backend:?}");
        assert!(html.contains("Najpierw oznacz niespełnione punkty"));
        let (status, _, _) = send(as_refs(&passed(&["support_list"]), "summon")).await;
        assert_eq!(status, 422, "a failed item needs a note");
        let mut summons = passed(&["support_list"]);
        summons.push(("note-support_list".to_owned(), "Brak listy poparcia z podpisami.".to_owned()));
        let (status, _, _) = send(as_refs(&summons, "summon")).await;
        assert_eq!(status, 303, "{backend:?}");
        assert_eq!(
            app.count(&format!("select count(*) from initiatives where id = {id} and status = 'remedy'")).await,
            1
        );
        let summons = app.wait_for_mail("anna@example.pl", 2).await;
        assert!(summons.subject.contains(&number) && summons.body.contains("Brak listy poparcia z podpisami."));
        assert_eq!(post(&app, &check, &[("intent", "find_correct")], &dk04).await.0, 422, "not from a summons");

        // The applicant sees the summons, amends the text and resubmits under the same number.
        let (_, page) = app.get_with(&format!("/initiatives/applications/{id}"), &anna).await;
        assert!(page.contains("Brak listy poparcia z podpisami.") && page.contains("Wezwanie do uzupełnienia braków"));
        task[0].1 = "Ogród społeczny przy ul. Sokolskiej 13";
        assert_eq!(post(&app, &format!("{steps}/task"), &task, &anna).await.0, 303);
        let (status, location, _) = post(&app, &submit, &[], &anna).await;
        assert_eq!(status, 303, "{backend:?}");
        assert!(location.contains("done=il_resubmitted"));
        assert_eq!(app.count(&format!("select version from initiatives where id = {id}")).await, 2);
        assert_eq!(app.count("select last_seq from initiative_counters").await, 1, "the same number");
        let (status, _, _) = post(&app, &format!("{review}/signatures"), &[("count", "-3")], &dk04).await;
        assert_eq!(status, 422);
        assert_eq!(post(&app, &format!("{review}/signatures"), &[("count", "23")], &dk04).await.0, 303);
        let (status, _, _) = send(as_refs(&passed(&[]), "find_correct")).await;
        assert_eq!(status, 303, "{backend:?}");
        let actions = app.audit_actions(dk04_id).await;
        for action in ["initiative.summon", "initiative.signatures", "initiative.find_correct"] {
            assert!(actions.contains(&action.to_owned()), "{backend:?}: {action}");
        }
        let actions = app.audit_actions(anna_id).await;
        assert!(
            actions.contains(&"initiative.submit".to_owned()) && actions.contains(&"initiative.resubmit".to_owned())
        );

        // The public register: status and timeline, the NGO-free resident's name withheld.
        let public = format!("/initiatives/{year}/1");
        let (status, html) = app.get_text(&public).await;
        assert_eq!(status, 200, "{backend:?}");
        assert!(html.contains("Ogród społeczny przy ul. Sokolskiej 13") && html.contains("Poprawny formalnie"));
        assert!(html.contains("Brak listy poparcia z podpisami."), "the summons is on the timeline");
        assert!(!html.contains("Maria Kowalczyk") && !html.contains("Anna Nowak"), "{backend:?}: no names");
        let (_, register) = app.get_text("/initiatives").await;
        assert!(register.contains(&number) && register.contains("195"), "{backend:?}");
        let json: serde_json::Value = app.get("/api/v1/initiatives").await.json().await.unwrap();
        assert_eq!(json["items"][0]["number"], number.as_str());
        assert_eq!(json["items"][0]["status"], "formally_correct");
        assert_eq!(json["items"][0]["cost_grosze"], 1_250_050);
        assert_eq!(json["pool"]["remaining_grosze"], 19_500_000);
        assert!(!json.to_string().contains("Kowalczyk"));
        let csv = app.get("/api/v1/initiatives.csv?status=formally_correct").await.text().await.unwrap();
        assert!(csv.lines().nth(1).unwrap().starts_with(&number), "{backend:?}");
        assert_eq!(app.get("/api/v1/initiatives?status=nonsense").await.status(), 400);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn resubmitting_after_the_deadline_is_refused_and_a_council_applies_for_its_own_district() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let db = app.state.db.clone();
        let anna_id = app.create_user("anna@example.pl", "Anna Nowak", PASSWORD, &[]).await;
        let dk04_id = app.create_user("dk04@example.pl", "DK-04", PASSWORD, &[Role::Moderator]).await;
        let anna = app.sign_in("anna@example.pl", PASSWORD).await;
        let dk04 = app.sign_in("dk04@example.pl", PASSWORD).await;
        let now = app::state::now();
        let input = ApplicationInput { title: "Biblioteczka".to_owned(), ..Default::default() };
        let id = storage::create_draft(&db, anna_id, ApplicantKind::Residents, None, &input, now).await.unwrap();
        // An incomplete application is refused at submission, with nothing registered.
        let (status, _, html) = post(&app, &format!("/initiatives/applications/{id}/submit"), &[], &anna).await;
        assert_eq!(status, 422, "{backend:?}");
        assert!(html.contains("Zanim złożysz wniosek"), "{backend:?}: the problems are listed");
        assert_eq!(app.count("select count(*) from initiative_counters").await, 0);
        storage::submit(&db, id, anna_id, 2026, now).await.unwrap().unwrap();
        let deadline = Some(now - 60);
        storage::apply_move(
            &db,
            id,
            app::domain::initiative_flow::Move::Summon,
            "– brak",
            deadline,
            None,
            dk04_id,
            now - 3600,
        )
        .await
        .unwrap()
        .unwrap();
        let (status, _, _) = post(&app, &format!("/initiatives/applications/{id}/submit"), &[], &anna).await;
        assert!(status == 409 || status == 422, "{backend:?}: refused after the deadline ({status})");
        assert_eq!(
            app.count(&format!("select count(*) from initiatives where id = {id} and status = 'remedy'")).await,
            1
        );
        let (_, page) = app.get_with(&format!("/moderation/initiatives/{id}"), &dk04).await;
        assert!(page.contains("/unprocessed"), "{backend:?}: DK-04 may leave it unprocessed");
        assert_eq!(post(&app, &format!("/moderation/initiatives/{id}/unprocessed"), &[], &dk04).await.0, 303);
        assert_eq!(
            app.count(&format!("select count(*) from initiatives where id = {id} and status = 'unprocessed'")).await,
            1
        );

        // A member of district council XIII applies for district XII: refused.
        let (council,): (i64,) =
            sqlx::query_as("select id from organisations where district = 13").fetch_one(&db).await.unwrap();
        let rada_id = app.create_user("rada@example.pl", "Rada XIII", PASSWORD, &[]).await;
        app::accounts::storage::upsert_member(&db, council, rada_id, false, now).await.unwrap();
        let rada = app.sign_in("rada@example.pl", PASSWORD).await;
        let choice = format!("district_council:{council}");
        let fields = [("applicant", choice.as_str()), ("applicants", "Rada Dzielnicy XIII"), ("intent", "next")];
        let (status, location, _) = post(&app, "/initiatives/new", &fields, &rada).await;
        assert_eq!(status, 303, "{backend:?}");
        let steps = location.trim_end_matches("/task").to_owned();
        let start = tomorrow();
        let place = [
            ("place", "Skwer przy ul. Kalwaryjskiej"),
            ("district", "12"),
            ("starts_on", start.as_str()),
            ("ends_on", start.as_str()),
            ("intent", "next"),
        ];
        let (status, _, html) = post(&app, &format!("{steps}/place"), &place, &rada).await;
        assert_eq!(status, 422, "{backend:?}");
        assert!(html.contains("własnej dzielnicy"), "{backend:?}");
        let mut place = place;
        place[1].1 = "13";
        assert_eq!(post(&app, &format!("{steps}/place"), &place, &rada).await.0, 303);
        // An NGO's KRS comes from its registration when left empty; a wrong one is refused.
        let ngo = app::accounts::storage::create_ngo(
            &db,
            &app::accounts::storage::NewNgo {
                name: "Stowarzyszenie Sąsiedzi",
                krs: "0000123456",
                regon: None,
                nip: None,
            },
            now,
        )
        .await
        .unwrap()
        .unwrap();
        app::accounts::storage::upsert_member(&db, ngo, anna_id, false, now).await.unwrap();
        let choice = format!("ngo:{ngo}");
        let mut fields = vec![
            ("applicant", choice.as_str()),
            ("applicants", "Stowarzyszenie Sąsiedzi"),
            ("ngo_authorisation", "yes"),
            ("ngo_krs", "12345"),
            ("ngo_regon", "123456786"),
            ("intent", "next"),
        ];
        let (status, _, html) = post(&app, "/initiatives/new", &fields, &anna).await;
        assert_eq!(status, 422, "{backend:?}");
        assert!(html.contains("KRS") && html.contains("value=\"12345\""), "{backend:?}: refused and kept");
        let ngo_draft = app.count("select max(id) from initiatives").await;
        fields[3].1 = "";
        fields[4].1 = "";
        let path = format!("/initiatives/applications/{ngo_draft}/steps/applicants");
        assert_eq!(post(&app, &path, &fields, &anna).await.0, 303, "{backend:?}");
        let (draft,): (String,) =
            sqlx::query_as("select draft from initiatives where id = $1").bind(ngo_draft).fetch_one(&db).await.unwrap();
        assert!(draft.contains("\"ngo_krs\":\"0000123456\""), "{backend:?}: {draft}");
        // Withdrawing needs the tick; then the draft is withdrawn and can no longer change.
        let withdraw = format!("/initiatives/applications/{ngo_draft}/withdraw");
        assert_eq!(post(&app, &withdraw, &[], &anna).await.0, 422, "{backend:?}");
        assert_eq!(post(&app, &withdraw, &[("confirm", "yes")], &rada).await.0, 403, "not the owner");
        assert_eq!(post(&app, &withdraw, &[("confirm", "yes")], &anna).await.0, 303, "{backend:?}");
        let status = format!("select count(*) from initiatives where id = {ngo_draft} and status = 'withdrawn'");
        assert_eq!(app.count(&status).await, 1);
        assert_eq!(post(&app, &path, &fields, &anna).await.0, 409, "{backend:?}");
        assert!(app.audit_actions(anna_id).await.contains(&"initiative.withdraw".to_owned()));

        let (_, mine) = app.get_with("/initiatives/mine", &rada).await;
        assert!(mine.contains(&steps.replace("/steps", "")), "{backend:?}: listed among my applications");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn opinions_the_merit_sheet_and_the_pool_lead_to_a_decision_contract_and_completion() {
    use app::domain::initiative_flow::Move;
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let db = app.state.db.clone();
        let anna_id = app.create_user("anna@example.pl", "Anna Nowak", PASSWORD, &[]).await;
        let dk04_id = app.create_user("dk04@example.pl", "DK-04", PASSWORD, &[Role::Moderator]).await;
        let rada_id = app.create_user("rada@example.pl", "Rada XIII", PASSWORD, &[]).await;
        app.create_user("rada12@example.pl", "Rada XII", PASSWORD, &[]).await;
        let council = |n: i64| {
            let db = db.clone();
            async move {
                let (id,): (i64,) = sqlx::query_as("select id from organisations where district = $1")
                    .bind(n)
                    .fetch_one(&db)
                    .await
                    .unwrap();
                id
            }
        };
        let now = app::state::now();
        app::accounts::storage::upsert_member(&db, council(13).await, rada_id, false, now).await.unwrap();
        let rada12_id = app::accounts::storage::user_id_by_email(&db, "rada12@example.pl").await.unwrap().unwrap();
        app::accounts::storage::upsert_member(&db, council(12).await, rada12_id, false, now).await.unwrap();
        let dk04 = app.sign_in("dk04@example.pl", PASSWORD).await;
        let rada = app.sign_in("rada@example.pl", PASSWORD).await;
        let rada12 = app.sign_in("rada12@example.pl", PASSWORD).await;
        let year = storage::warsaw_date(now).0;
        let pool = [
            ("year", year.to_string()),
            ("pool", "10 000".to_owned()),
            ("purpose_max", "45".to_owned()),
            ("contribution_max", "45".to_owned()),
            ("council_bonus", "10".to_owned()),
            ("pass_mark", "60".to_owned()),
        ];
        let fields: Vec<(&str, &str)> = pool.iter().map(|(a, b)| (*a, b.as_str())).collect();
        assert_eq!(post(&app, "/moderation/initiatives/pool", &fields, &dk04).await.0, 303, "{backend:?}");

        let input = ApplicationInput {
            title: "Ogród".to_owned(),
            district: "13".to_owned(),
            cost: "12 000".to_owned(),
            money: "1 000".to_owned(),
            starts_on: tomorrow(),
            ..Default::default()
        };
        let id = storage::create_draft(&db, anna_id, ApplicantKind::Residents, None, &input, now).await.unwrap();
        storage::submit(&db, id, anna_id, year, now).await.unwrap().unwrap();
        storage::apply_move(&db, id, Move::FindCorrect, "", None, None, dk04_id, now).await.unwrap().unwrap();
        let review = format!("/moderation/initiatives/{id}");
        let stage = format!("{review}/stage");
        assert_eq!(post(&app, &stage, &[("move", "request_opinions")], &dk04).await.0, 303, "{backend:?}");

        // The council of district XIII gives its opinion on the platform; XII's cannot.
        let (status, page) = app.get_with("/initiatives/opinions", &rada).await;
        assert_eq!(status, 200);
        assert!(page.contains("Ogród") && page.contains(&format!("value=\"{id}\"")), "{backend:?}");
        let initiative = id.to_string();
        let opinion =
            [("initiative", initiative.as_str()), ("positive", "yes"), ("opinion", "Rada popiera zadanie w całości.")];
        let answer = "/initiatives/opinions";
        assert_eq!(post(&app, answer, &opinion, &rada12).await.0, 403, "{backend:?}: another council");
        let short = [("initiative", initiative.as_str()), ("positive", "yes"), ("opinion", "Tak")];
        assert_eq!(post(&app, answer, &short, &rada).await.0, 422);
        assert_eq!(post(&app, answer, &opinion, &rada).await.0, 303, "{backend:?}");
        assert_eq!(post(&app, answer, &opinion, &rada).await.0, 409, "given once");
        let committee = [("body", "dialogue_committee"), ("positive", "no"), ("opinion", "Komisja ma zastrzeżenia.")];
        assert_eq!(post(&app, &format!("{review}/opinion"), &committee, &dk04).await.0, 303);

        // The merit sheet: points over the sheet's maximum refused; the bonus follows the
        // council's opinion; below the pass mark the application cannot be accepted.
        let evaluate = |p: &'static str, c: &'static str| [("move", "evaluate"), ("purpose", p), ("contribution", c)];
        assert_eq!(post(&app, &stage, &evaluate("46", "10"), &dk04).await.0, 422, "{backend:?}");
        assert_eq!(post(&app, &stage, &evaluate("30", "25"), &dk04).await.0, 303, "{backend:?}");
        assert_eq!(app.count(&format!("select score_total from initiatives where id = {id}")).await, 65);
        assert_eq!(post(&app, &stage, &[("move", "accept")], &dk04).await.0, 422, "{backend:?}: 11 000 zł > 10 000 zł");
        let raised = [("year", year.to_string()), ("pool", "195 000".to_owned())];
        let mut fields: Vec<(&str, &str)> = raised.iter().map(|(a, b)| (*a, b.as_str())).collect();
        fields.extend([
            ("purpose_max", "45"),
            ("contribution_max", "45"),
            ("council_bonus", "10"),
            ("pass_mark", "60"),
        ]);
        assert_eq!(post(&app, "/moderation/initiatives/pool", &fields, &dk04).await.0, 303);
        assert_eq!(post(&app, &stage, &[("move", "accept")], &dk04).await.0, 303, "{backend:?}");
        assert_eq!(post(&app, &stage, &[("move", "complete")], &dk04).await.0, 409, "not before the contract");
        assert_eq!(post(&app, &stage, &[("move", "sign_contract"), ("note", "Umowa nr 1/IL")], &dk04).await.0, 303);
        assert_eq!(post(&app, &stage, &[("move", "complete")], &dk04).await.0, 303, "{backend:?}");

        // The register: completed, the pool used by what the city pays (12 000 − 1 000).
        let json: serde_json::Value = app.get("/api/v1/initiatives").await.json().await.unwrap();
        assert_eq!(json["items"][0]["status"], "completed");
        assert_eq!(json["pool"]["used_grosze"], 1_100_000, "{backend:?}");
        let (_, public) = app.get_text(&format!("/initiatives/{year}/1")).await;
        assert!(public.contains("Rada popiera zadanie w całości.") && public.contains("30 + 25 + 10 = 65"));
        let actions = app.audit_actions(dk04_id).await;
        for action in ["initiative.request_opinions", "initiative.evaluate", "initiative.accept", "initiative.complete"]
        {
            assert!(actions.contains(&action.to_owned()), "{backend:?}: {action}");
        }
        assert!(app.audit_actions(rada_id).await.contains(&"initiative.opinion".to_owned()));
        app.cleanup().await;
    }
}
