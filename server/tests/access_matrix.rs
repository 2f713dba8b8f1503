//! The access matrix: every state-changing endpoint (the write routes of
//! `routes::WRITE_ROUTES` and every server function) called by every kind of person,
//! anonymous included, against what the matrix below says they may do. Object-level
//! checks are in it too: an organisation's admin cannot manage another organisation.
//! An endpoint missing from the matrix fails the test.

mod common;

use app::accounts::model::Role;
use common::{backends, spawn_app, TestApp};
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    Resident,
    NgoMember,
    NgoAdmin,
    OtherNgoAdmin,
    Moderator,
    Editor,
    Admin,
    /// A member of district council XIII.
    CouncilMember,
}

const EVERYONE: [Who; 9] = [
    Who::Anonymous,
    Who::Resident,
    Who::NgoMember,
    Who::NgoAdmin,
    Who::OtherNgoAdmin,
    Who::Moderator,
    Who::Editor,
    Who::Admin,
    Who::CouncilMember,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    /// The rule book let the request through (whatever the handler then said).
    Passes,
    /// Sent to sign in (303 to /signin for a form, 401 for a server function).
    SignIn,
    Forbidden,
}

/// Who may do what, written out by hand from the issue, not derived from the code.
#[derive(Clone, Copy)]
enum Rule {
    Anyone,
    SignedIn,
    Admin,
    /// The organisation's members (and admins of the site).
    OrganisationMembers,
    /// The organisation's admins (and admins of the site).
    OrganisationAdmins,
    /// DK-04's moderators and admins.
    Moderators,
    /// DK-06's editors and admins.
    Editors,
    /// DK-04's moderators, DK-06's editors and admins (the shared markdown preview, the
    /// participation statistics).
    ModeratorsOrEditors,
    /// The author of the remark only (the resident here): not even an admin.
    Author,
    /// The application's owner (the resident here) and DK-04.
    OwnerOrModerators,
    /// The members of the district council asked for an opinion: not even an admin.
    CouncilMembers,
    /// The verifiers of a civic-budget unit: nobody of the people here, not even an
    /// admin (the budget's own tests cover the verifiers).
    UnitVerifiers,
    /// The poll officers of a civic-budget edition: nobody of the people here, not even
    /// an admin (the vote's own tests cover the officers).
    PollOfficers,
}

fn expected(rule: Rule, who: Who) -> Outcome {
    use Outcome::*;
    match (rule, who) {
        (Rule::Anyone, _) => Passes,
        (_, Who::Anonymous) => SignIn,
        (Rule::SignedIn, _) => Passes,
        (Rule::CouncilMembers, Who::CouncilMember) => Passes,
        (Rule::CouncilMembers, _) => Forbidden,
        (Rule::UnitVerifiers | Rule::PollOfficers, _) => Forbidden,
        (Rule::Author | Rule::OwnerOrModerators, Who::Resident) => Passes,
        (Rule::OwnerOrModerators, Who::Moderator) => Passes,
        (Rule::Author, _) => Forbidden,
        (_, Who::Admin) => Passes,
        (Rule::Moderators, Who::Moderator) => Passes,
        (Rule::Editors, Who::Editor) => Passes,
        (Rule::ModeratorsOrEditors, Who::Moderator | Who::Editor) => Passes,
        (Rule::OrganisationMembers, Who::NgoMember | Who::NgoAdmin) => Passes,
        (Rule::OrganisationAdmins, Who::NgoAdmin) => Passes,
        _ => Forbidden,
    }
}

struct Entry {
    /// The route pattern (or server function path) this entry covers.
    pattern: &'static str,
    rule: Rule,
}

/// Every write route and server function, with its rule. `{org}` is organisation A.
const MATRIX: &[Entry] = &[
    Entry { pattern: "/lang", rule: Rule::Anyone },
    Entry { pattern: "/signin", rule: Rule::Anyone },
    Entry { pattern: "/signin/oidc", rule: Rule::Anyone },
    Entry { pattern: "/signup", rule: Rule::Anyone },
    Entry { pattern: "/signup/confirm/{token}", rule: Rule::Anyone },
    Entry { pattern: "/password-reset", rule: Rule::Anyone },
    Entry { pattern: "/password-reset/{token}", rule: Rule::Anyone },
    Entry { pattern: "/account/profile", rule: Rule::SignedIn },
    Entry { pattern: "/account/password", rule: Rule::SignedIn },
    Entry { pattern: "/account/delete", rule: Rule::SignedIn },
    Entry { pattern: "/admin/users/{id}/roles", rule: Rule::Admin },
    Entry { pattern: "/admin/users/{id}/status", rule: Rule::Admin },
    Entry { pattern: "/admin/organisations", rule: Rule::Admin },
    Entry { pattern: "/account/organisations/{id}/members", rule: Rule::OrganisationAdmins },
    Entry { pattern: "/account/organisations/{id}/members/{user_id}/remove", rule: Rule::OrganisationAdmins },
    Entry { pattern: "/_sf/consultations/page", rule: Rule::Anyone },
    Entry { pattern: "/_sf/consultations/count", rule: Rule::Anyone },
    Entry { pattern: "/_sf/consultations/overview", rule: Rule::Anyone },
    Entry { pattern: "/_sf/consultations/detail", rule: Rule::Anyone },
    Entry { pattern: "/_sf/events/month", rule: Rule::Anyone },
    Entry { pattern: "/_sf/editorial/events", rule: Rule::Editors },
    Entry { pattern: "/editorial/events", rule: Rule::Editors },
    Entry { pattern: "/editorial/events/{id}/delete", rule: Rule::Editors },
    Entry { pattern: "/_sf/news/page", rule: Rule::Anyone },
    Entry { pattern: "/_sf/news/post", rule: Rule::Anyone },
    Entry { pattern: "/_sf/news/banner", rule: Rule::Anyone },
    Entry { pattern: "/_sf/editorial/news", rule: Rule::Editors },
    Entry { pattern: "/_sf/editorial/news/form", rule: Rule::Editors },
    Entry { pattern: "/editorial/news", rule: Rule::Editors },
    Entry { pattern: "/editorial/news/{id}", rule: Rule::Editors },
    Entry { pattern: "/editorial/news/{id}/delete", rule: Rule::Editors },
    Entry { pattern: "/editorial/news/{id}/media", rule: Rule::Editors },
    Entry { pattern: "/editorial/news/{id}/media/{media}/delete", rule: Rule::Editors },
    Entry { pattern: "/editorial/campaigns", rule: Rule::Editors },
    Entry { pattern: "/editorial/campaigns/{id}", rule: Rule::Editors },
    Entry { pattern: "/editorial/campaigns/{id}/delete", rule: Rule::Editors },
    Entry { pattern: "/_sf/editorial/campaigns", rule: Rule::Editors },
    Entry { pattern: "/_sf/editorial/campaigns/form", rule: Rule::Editors },
    Entry { pattern: "/_sf/campaigns/page", rule: Rule::Anyone },
    Entry { pattern: "/_sf/account/view", rule: Rule::SignedIn },
    Entry { pattern: "/_sf/account/mail-link", rule: Rule::Anyone },
    Entry { pattern: "/_sf/admin/users", rule: Rule::Admin },
    Entry { pattern: "/_sf/admin/user", rule: Rule::Admin },
    Entry { pattern: "/_sf/admin/organisations", rule: Rule::Admin },
    Entry { pattern: "/_sf/admin/audit", rule: Rule::Admin },
    Entry { pattern: "/_sf/organisations/detail", rule: Rule::OrganisationMembers },
    Entry { pattern: "/_sf/dev/outbox", rule: Rule::Anyone },
    Entry { pattern: "/consultations/{slug}/remarks", rule: Rule::SignedIn },
    Entry { pattern: "/consultations/{slug}/follow", rule: Rule::SignedIn },
    Entry { pattern: "/districts/{n}/follow", rule: Rule::SignedIn },
    Entry { pattern: "/remarks/{id}/edit", rule: Rule::Author },
    Entry { pattern: "/remarks/{id}/support", rule: Rule::SignedIn },
    Entry { pattern: "/remarks/{id}/flag", rule: Rule::SignedIn },
    Entry { pattern: "/remarks/{id}/withdraw", rule: Rule::Author },
    Entry { pattern: "/unsubscribe/{token}", rule: Rule::Anyone },
    Entry { pattern: "/newsletter", rule: Rule::Anyone },
    Entry { pattern: "/newsletter/confirm/{token}", rule: Rule::Anyone },
    Entry { pattern: "/newsletter/unsubscribe/{token}", rule: Rule::Anyone },
    Entry { pattern: "/_sf/newsletter/link", rule: Rule::Anyone },
    Entry { pattern: "/_sf/newsletter/unsubscribe-status", rule: Rule::Anyone },
    Entry { pattern: "/_sf/editorial/digest", rule: Rule::Editors },
    Entry { pattern: "/moderation/consultations", rule: Rule::Moderators },
    Entry { pattern: "/moderation/consultations/{id}", rule: Rule::Moderators },
    Entry { pattern: "/moderation/consultations/{id}/publish", rule: Rule::Moderators },
    Entry { pattern: "/moderation/consultations/{id}/unpublish", rule: Rule::Moderators },
    Entry { pattern: "/moderation/consultations/{id}/events", rule: Rule::Moderators },
    Entry { pattern: "/moderation/consultations/{id}/media", rule: Rule::Moderators },
    Entry { pattern: "/moderation/consultations/{id}/media/{media}/delete", rule: Rule::Moderators },
    Entry { pattern: "/budget/projects/{id}/media", rule: Rule::Author },
    Entry { pattern: "/budget/projects/{id}/media/{media}/delete", rule: Rule::Author },
    Entry { pattern: "/initiatives/applications/{id}/media", rule: Rule::Author },
    Entry { pattern: "/initiatives/applications/{id}/media/{media}/delete", rule: Rule::Author },
    Entry { pattern: "/moderation/consultations/{id}/events/{event}/delete", rule: Rule::Moderators },
    Entry { pattern: "/moderation/consultations/{id}/answers", rule: Rule::Moderators },
    Entry { pattern: "/moderation/consultations/{id}/report", rule: Rule::Moderators },
    Entry { pattern: "/moderation/consultations/{id}/adopted-act", rule: Rule::Moderators },
    Entry { pattern: "/moderation/consultations/{id}/remarks", rule: Rule::Moderators },
    Entry { pattern: "/moderation/remarks/{id}/hide", rule: Rule::Moderators },
    Entry { pattern: "/moderation/remarks/{id}/restore", rule: Rule::Moderators },
    Entry { pattern: "/moderation/users/{id}/block", rule: Rule::Moderators },
    Entry { pattern: "/_sf/remarks/thread", rule: Rule::Anyone },
    Entry { pattern: "/_sf/consultations/district-follow", rule: Rule::Anyone },
    Entry { pattern: "/_sf/consultations/unsubscribe-status", rule: Rule::Anyone },
    Entry { pattern: "/_sf/moderation/consultations", rule: Rule::Moderators },
    Entry { pattern: "/_sf/moderation/editor", rule: Rule::Moderators },
    Entry { pattern: "/_sf/moderation/preview", rule: Rule::ModeratorsOrEditors },
    Entry { pattern: "/_sf/moderation/stats", rule: Rule::ModeratorsOrEditors },
    Entry { pattern: "/_sf/moderation/paper-form", rule: Rule::Moderators },
    Entry { pattern: "/_sf/moderation/queue", rule: Rule::Moderators },
    Entry { pattern: "/_sf/moderation/answers", rule: Rule::Moderators },
    Entry { pattern: "/_sf/moderation/report", rule: Rule::Moderators },
    Entry { pattern: "/_sf/report", rule: Rule::Anyone },
    Entry { pattern: "/initiatives/new", rule: Rule::SignedIn },
    Entry { pattern: "/initiatives/applications/{id}/steps/{step}", rule: Rule::Author },
    Entry { pattern: "/initiatives/applications/{id}/submit", rule: Rule::Author },
    Entry { pattern: "/initiatives/applications/{id}/withdraw", rule: Rule::Author },
    Entry { pattern: "/moderation/initiatives/pool", rule: Rule::Moderators },
    Entry { pattern: "/moderation/initiatives/{id}/signatures", rule: Rule::Moderators },
    Entry { pattern: "/moderation/initiatives/{id}/check", rule: Rule::Moderators },
    Entry { pattern: "/moderation/initiatives/{id}/unprocessed", rule: Rule::Moderators },
    Entry { pattern: "/moderation/initiatives/{id}/stage", rule: Rule::Moderators },
    Entry { pattern: "/moderation/initiatives/{id}/opinion", rule: Rule::Moderators },
    Entry { pattern: "/initiatives/opinions", rule: Rule::CouncilMembers },
    Entry { pattern: "/_sf/initiatives/council-opinions", rule: Rule::SignedIn },
    Entry { pattern: "/_sf/initiatives/apply-as", rule: Rule::SignedIn },
    Entry { pattern: "/_sf/initiatives/mine", rule: Rule::SignedIn },
    Entry { pattern: "/_sf/initiatives/application", rule: Rule::Author },
    Entry { pattern: "/_sf/initiatives/support-list", rule: Rule::OwnerOrModerators },
    Entry { pattern: "/_sf/initiatives/public", rule: Rule::Anyone },
    Entry { pattern: "/_sf/initiatives/register", rule: Rule::Anyone },
    Entry { pattern: "/_sf/moderation/initiatives", rule: Rule::Moderators },
    Entry { pattern: "/_sf/moderation/initiative", rule: Rule::Moderators },
    Entry { pattern: "/moderation/budget", rule: Rule::Moderators },
    Entry { pattern: "/moderation/budget/{year}/projects", rule: Rule::Moderators },
    Entry { pattern: "/moderation/budget/projects/{id}", rule: Rule::Moderators },
    Entry { pattern: "/budget/{year}/projects/new", rule: Rule::SignedIn },
    Entry { pattern: "/budget/projects/{id}/edit", rule: Rule::Author },
    Entry { pattern: "/budget/{year}/projects/{seq}", rule: Rule::Author },
    Entry { pattern: "/_sf/budget/editions", rule: Rule::Anyone },
    Entry { pattern: "/_sf/budget/edition", rule: Rule::Anyone },
    Entry { pattern: "/_sf/budget/catalogue", rule: Rule::Anyone },
    Entry { pattern: "/_sf/budget/project", rule: Rule::Anyone },
    Entry { pattern: "/_sf/budget/mine", rule: Rule::SignedIn },
    Entry { pattern: "/_sf/budget/new-project", rule: Rule::SignedIn },
    Entry { pattern: "/_sf/budget/my-project", rule: Rule::Author },
    Entry { pattern: "/_sf/budget/support-list", rule: Rule::OwnerOrModerators },
    Entry { pattern: "/_sf/budget/verification", rule: Rule::UnitVerifiers },
    Entry { pattern: "/_sf/moderation/budget", rule: Rule::Moderators },
    Entry { pattern: "/_sf/moderation/budget/projects", rule: Rule::Moderators },
    Entry { pattern: "/_sf/moderation/budget/project", rule: Rule::Moderators },
    Entry { pattern: "/budget/{year}/vote", rule: Rule::SignedIn },
    Entry { pattern: "/moderation/budget/{year}/vote", rule: Rule::Moderators },
    Entry { pattern: "/_sf/budget/vote", rule: Rule::Anyone },
    Entry { pattern: "/_sf/budget/receipt", rule: Rule::Anyone },
    Entry { pattern: "/_sf/budget/results", rule: Rule::Anyone },
    Entry { pattern: "/_sf/moderation/budget/vote", rule: Rule::Moderators },
    Entry { pattern: "/budget/{year}/cards", rule: Rule::PollOfficers },
    Entry { pattern: "/budget/{year}/cards/{id}", rule: Rule::PollOfficers },
    Entry { pattern: "/moderation/budget/{year}/integrity", rule: Rule::Moderators },
    Entry { pattern: "/_sf/budget/cards", rule: Rule::Moderators },
    Entry { pattern: "/_sf/budget/cards/batch", rule: Rule::Moderators },
    Entry { pattern: "/_sf/moderation/budget/integrity", rule: Rule::Moderators },
    // Last: it ends the sessions the entries above use.
    Entry { pattern: "/signout", rule: Rule::Anyone },
];

/// The concrete request for an entry: a path and a harmless body (nothing is deleted,
/// nobody's password changes; a refused or invalid input is fine, a refusal by the
/// rule book is what is measured).
fn request_for(
    pattern: &str,
    org: i64,
    resident: i64,
    remark: i64,
    application: i64,
    project: i64,
) -> (String, Vec<(&'static str, String)>) {
    let token = "0".repeat(64);
    // Remark and application routes act on the resident's own; the rest on the resident.
    let pattern_owned = pattern
        .replace("/remarks/{id}", &format!("/remarks/{remark}"))
        .replace("/applications/{id}", &format!("/applications/{application}"))
        .replace("/projects/{id}", &format!("/projects/{project}"))
        .replace("{year}", "2031")
        .replace("{seq}", "1")
        .replace("{step}", "task");
    let path = pattern_owned
        .replace("{slug}", "otwarte")
        .replace("{n}", "13")
        .replace("{event}", "999999")
        .replace("{media}", "none")
        .replace("{token}", &token)
        .replace("{id}/members", &format!("{org}/members"))
        .replace("{user_id}", "999999")
        .replace("{id}", &resident.to_string());
    let body = match pattern {
        "/lang" => vec![("lang", "pl".to_owned()), ("next", "/".to_owned())],
        "/_sf/consultations/detail" => vec![("slug", "none".to_owned())],
        "/_sf/admin/users" => vec![("query", "x".to_owned())],
        "/_sf/admin/user" => vec![("id", resident.to_string())],
        "/_sf/organisations/detail" => vec![("id", org.to_string())],
        "/_sf/account/mail-link" => vec![("token", token), ("confirm", "false".to_owned())],
        "/_sf/remarks/thread" => vec![("slug", "otwarte".to_owned())],
        "/_sf/consultations/district-follow" => vec![("district", "13".to_owned())],
        "/_sf/consultations/unsubscribe-status" | "/_sf/newsletter/link" | "/_sf/newsletter/unsubscribe-status" => {
            vec![("token", token)]
        }
        "/_sf/editorial/digest" => vec![("district", "13".to_owned()), ("topic", String::new())],
        "/_sf/moderation/preview" => vec![("text", "**x**".to_owned())],
        "/_sf/news/page" => vec![("page", "1".to_owned())],
        "/_sf/news/post" => vec![("slug", "none".to_owned())],
        "/_sf/editorial/news/form" | "/_sf/editorial/campaigns/form" => vec![("id", "0".to_owned())],
        "/_sf/campaigns/page" => vec![("slug", "none".to_owned())],
        "/_sf/moderation/paper-form" => vec![("id", resident.to_string())],
        "/_sf/moderation/answers" | "/_sf/moderation/report" => vec![("id", resident.to_string())],
        "/_sf/report" => vec![("slug", "otwarte".to_owned())],
        "/_sf/initiatives/application" | "/_sf/initiatives/support-list" | "/_sf/moderation/initiative" => {
            vec![("id", application.to_string())]
        }
        "/initiatives/opinions" => vec![("initiative", application.to_string())],
        "/_sf/initiatives/public" => vec![("year", "2026".to_owned()), ("seq", "1".to_owned())],
        "/_sf/budget/my-project" | "/_sf/budget/support-list" | "/_sf/moderation/budget/project" => {
            vec![("id", project.to_string())]
        }
        "/_sf/budget/edition" | "/_sf/budget/new-project" | "/_sf/moderation/budget/projects" => {
            vec![("year", "2031".to_owned())]
        }
        "/_sf/budget/project" => vec![("year", "2031".to_owned()), ("seq", "1".to_owned())],
        "/_sf/budget/vote" | "/_sf/budget/results" | "/_sf/moderation/budget/vote" => {
            vec![("year", "2031".to_owned())]
        }
        "/_sf/budget/receipt" => vec![("year", "2031".to_owned()), ("code", "AAAA".to_owned())],
        "/_sf/budget/cards" => vec![("year", "2031".to_owned())],
        "/_sf/budget/cards/batch" => vec![("id", resident.to_string())],
        "/_sf/moderation/budget/integrity" => vec![
            ("year", "2031".to_owned()),
            ("thresholds[per_minute]", "30".to_owned()),
            ("thresholds[per_address]", "10".to_owned()),
            ("thresholds[age]", "95".to_owned()),
            ("thresholds[identical]", "20".to_owned()),
        ],
        // Roles: the resident keeps having none; status: stays enabled.
        _ => vec![],
    };
    (path, body)
}

fn outcome(pattern: &str, response: &reqwest::Response) -> Outcome {
    let status = response.status().as_u16();
    let location = response.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default();
    match status {
        303 if location.starts_with("/signin?next=") && location.contains("reason=required") => Outcome::SignIn,
        401 if pattern.starts_with("/_sf/") => Outcome::SignIn,
        403 => Outcome::Forbidden,
        401 | 405 => panic!("{pattern}: unexpected {status}"),
        _ => Outcome::Passes,
    }
}

async fn cookies(app: &TestApp) -> (Vec<(Who, Option<String>)>, i64, i64) {
    use app::accounts::storage;
    let password = "zielony tramwaj nad wisłą";
    let now = app::state::now();
    let org_a = storage::create_ngo(
        &app.state.db,
        &storage::NewNgo { name: "A", krs: "0000000001", regon: None, nip: None },
        now,
    )
    .await
    .unwrap()
    .unwrap();
    let org_b = storage::create_ngo(
        &app.state.db,
        &storage::NewNgo { name: "B", krs: "0000000002", regon: None, nip: None },
        now,
    )
    .await
    .unwrap()
    .unwrap();
    let mut out = vec![(Who::Anonymous, None)];
    let mut resident = 0;
    for (who, email, roles) in [
        (Who::Resident, "resident@example.pl", &[][..]),
        (Who::NgoMember, "member@example.pl", &[][..]),
        (Who::NgoAdmin, "ngo-admin@example.pl", &[][..]),
        (Who::OtherNgoAdmin, "other-admin@example.pl", &[][..]),
        (Who::Moderator, "moderator@example.pl", &[Role::Moderator][..]),
        (Who::Editor, "editor@example.pl", &[Role::Editor][..]),
        (Who::Admin, "admin@example.pl", &[Role::Admin][..]),
        (Who::CouncilMember, "rada@example.pl", &[][..]),
    ] {
        let id = app.create_user(email, email, password, roles).await;
        match who {
            Who::Resident => resident = id,
            Who::NgoMember => assert!(storage::upsert_member(&app.state.db, org_a, id, false, now).await.unwrap()),
            Who::NgoAdmin => assert!(storage::upsert_member(&app.state.db, org_a, id, true, now).await.unwrap()),
            Who::OtherNgoAdmin => assert!(storage::upsert_member(&app.state.db, org_b, id, true, now).await.unwrap()),
            Who::CouncilMember => {
                let (council,): (i64,) = sqlx::query_as("select id from organisations where district = 13")
                    .fetch_one(&app.state.db)
                    .await
                    .unwrap();
                assert!(storage::upsert_member(&app.state.db, council, id, false, now).await.unwrap());
            }
            _ => {}
        }
        out.push((who, Some(app.sign_in(email, password).await)));
    }
    (out, org_a, resident)
}

/// An open consultation and a remark of the resident on it; returns the remark's id.
async fn open_consultation_with_remark(app: &TestApp, resident: i64) -> i64 {
    use app::consultations::{model::Kind, remarks::storage as remarks, storage};
    use app::domain::{consultation_phase::*, district::Area, remark::*, topic::Topic};
    let now = app::state::now();
    let c = storage::NewConsultation {
        slug: "otwarte".to_owned(),
        title: "Otwarte".to_owned(),
        summary: "-".to_owned(),
        body_md: "### § 1\n\nTekst.".to_owned(),
        kind: Kind::DraftAct,
        area: Area::CityWide,
        topic: Topic::Sport,
        organising_unit: "Test".to_owned(),
        schedule: Schedule::parse(now - 10 * DAY, now - 2 * DAY, now + 20 * DAY).unwrap(),
        report_published_at: None,
        published_at: Some(now),
    };
    let id = storage::insert(&app.state.db, &c, now).await.unwrap().unwrap();
    let remark = remarks::NewRemark {
        consultation_id: id,
        unit_anchor: None,
        parent_id: None,
        author_id: Some(resident),
        organisation_id: None,
        author_as_given: None,
        channel: Channel::Online,
        received_at: now,
        attachment_ref: None,
        entered_by: None,
        body: "Uwaga mieszkańca",
        state: RemarkState::Visible,
        submission_key: None,
    };
    remarks::insert(&app.state.db, &remark, now).await.unwrap().0
}

/// The resident's civic-budget project, submitted in the 2031 edition.
async fn submitted_budget_project(app: &TestApp, resident: i64) -> i64 {
    use app::budget::{projects, storage};
    use app::domain::budget::{Calendar, Pools, Rules};
    use app::domain::initiative::ApplicantKind;
    const DAY: i64 = 86_400;
    let (db, now) = (&app.state.db, app::state::now());
    let calendar = Calendar {
        submission_starts: now - DAY,
        verification_starts: now + DAY,
        protests_start: now + 2 * DAY,
        final_list_starts: now + 3 * DAY,
        voting_starts: now + 4 * DAY,
        results_start: now + 5 * DAY,
    };
    let pools = Pools { city_wide: 100, districts: [100; 18] };
    let edition = storage::Edition { year: 2031, calendar, pools, rules: Rules::default() };
    storage::save_edition(db, &edition, resident, now).await.unwrap().unwrap();
    let input = Default::default();
    let id = projects::create_draft(db, 2031, resident, ApplicantKind::Residents, None, &input, now).await.unwrap();
    projects::submit(db, id, resident, now).await.unwrap().unwrap();
    id
}

/// The resident's application in district XIII, its opinions asked.
async fn application_asking_council_xiii(app: &TestApp, resident: i64) -> i64 {
    use app::domain::initiative::{ApplicantKind, ApplicationInput};
    use app::domain::initiative_flow::Move;
    use app::initiatives::storage;
    let (db, now) = (&app.state.db, app::state::now());
    let input = ApplicationInput { district: "13".to_owned(), ..Default::default() };
    let id = storage::create_draft(db, resident, ApplicantKind::Residents, None, &input, now).await.unwrap();
    storage::submit(db, id, resident, 2026, now).await.unwrap().unwrap();
    for mv in [Move::FindCorrect, Move::RequestOpinions] {
        storage::apply_move(db, id, mv, "", None, None, resident, now).await.unwrap().unwrap();
    }
    id
}

#[tokio::test]
async fn every_state_changing_endpoint_is_in_the_matrix() {
    let app = spawn_app(common::Backend::Sqlite).await;
    let mut endpoints: BTreeSet<String> = server::routes::WRITE_ROUTES.iter().map(|r| r.path.to_owned()).collect();
    for (path, _method) in leptos::server_fn::axum::server_fn_paths() {
        endpoints.insert(path.to_owned());
    }
    let matrix: BTreeSet<String> = MATRIX.iter().map(|e| e.pattern.to_owned()).collect();
    let missing: Vec<_> = endpoints.difference(&matrix).collect();
    let stale: Vec<_> = matrix.difference(&endpoints).collect();
    assert!(missing.is_empty(), "endpoints without a matrix entry: {missing:?}");
    assert!(stale.is_empty(), "matrix entries for endpoints that do not exist: {stale:?}");
    app.cleanup().await;
}

#[tokio::test]
async fn every_role_gets_exactly_what_the_matrix_says() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let (people, org, resident) = cookies(&app).await;
        let remark = open_consultation_with_remark(&app, resident).await;
        let application = application_asking_council_xiii(&app, resident).await;
        let project = submitted_budget_project(&app, resident).await;
        let mut wrong = Vec::new();
        for entry in MATRIX {
            for (who, cookie) in &people {
                let (path, body) = request_for(entry.pattern, org, resident, remark, application, project);
                let response = app
                    .post_form(
                        &path,
                        &body.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>(),
                        cookie.as_deref(),
                    )
                    .await;
                let got = outcome(entry.pattern, &response);
                let want = expected(entry.rule, *who);
                if got != want {
                    wrong.push(format!(
                        "{} as {who:?}: got {got:?} ({}), want {want:?}",
                        entry.pattern,
                        response.status()
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{backend:?}:\n{}", wrong.join("\n"));
        assert_eq!(EVERYONE.len(), people.len());
        app.cleanup().await;
    }
}
