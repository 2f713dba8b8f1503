//! The Kraków dialogue platform's application: pages, islands, server functions and
//! domain rules, grouped by domain (see DESIGN.md §1). Pages are rendered on the server;
//! only islands ship to the browser (docs/adr/0002-islands.md).

pub mod accounts;
pub mod budget;
pub mod campaigns;
pub mod components;
pub mod consultations;
pub mod domain;
pub mod error;
pub mod events;
pub mod i18n;
pub mod initiatives;
pub mod media;
pub mod moderation;
pub mod news;
pub mod newsletter;
pub mod reports;
pub mod site;
pub mod stats;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod state;

use accounts::pages::{
    AccountPage, AdminHome, AdminOrganisations, AdminUser, AdminUsers, AuditLogPage, ConfirmPage, OrganisationPage,
    OutboxPage, PasswordResetPage, PasswordResetRequestPage, PrivacyPage, SignInPage, SignUpPage,
};
use components::layout::{use_locale, Footer, Header};
use consultations::pages::{ConsultationList, ConsultationPage, UnsubscribePage};
#[cfg(feature = "ssr")]
use leptos::nonce::use_nonce;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};
use moderation::pages::{ConsultationEditor, ConsultationsAdmin, ModerationHome, ModerationQueue, PaperRemarkPage};
use site::{AccessibilityPage, HomePage, NotFound};

/// The Content-Security-Policy of every page. Scripts run only from our origin and with
/// this response's nonce; WASM needs `wasm-unsafe-eval` (not `unsafe-eval`). Forms may
/// post only to us, and redirect only to us or to the sign-in provider (`form-action`
/// also governs where a form's redirects may go).
pub fn content_security_policy(nonce: &str, sign_in_provider: Option<&str>) -> String {
    let provider = sign_in_provider.map(|origin| format!(" {origin}")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'{provider}; frame-ancestors 'none'"
    )
}

/// The HTML document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = use_locale();
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>()) {
        let provider = use_context::<state::AppState>().and_then(|s| s.settings.oidc_origin.clone());
        if let Ok(value) = http::HeaderValue::from_str(&content_security_policy(&nonce, provider.as_deref())) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    let css = format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" href=css/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Header/>
            <news::pages::SiteBanner/>
            <main id="content" class="wrap" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/consultations") view=ConsultationList ssr=SsrMode::Async/>
                    <Route path=path!("/consultations/:slug") view=ConsultationPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/consultations/:slug/report")
                        view=reports::report_page::ReportPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/consultations/:slug/report/:version")
                        view=reports::report_page::ReportPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/initiatives") view=initiatives::pages::RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("/initiatives/new") view=initiatives::form::NewInitiativePage ssr=SsrMode::Async/>
                    <Route path=path!("/initiatives/mine") view=initiatives::pages::MyApplicationsPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/initiatives/opinions")
                        view=initiatives::pages::CouncilOpinionsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/initiatives/applications/:id")
                        view=initiatives::pages::ApplicationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/initiatives/applications/:id/steps/:step")
                        view=initiatives::form::StepPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/initiatives/applications/:id/support-list")
                        view=initiatives::pages::SupportListPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/initiatives/:year/:seq")
                        view=initiatives::pages::PublicInitiativePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/events") view=events::pages::EventsPage ssr=SsrMode::Async/>
                    <Route path=path!("/news") view=news::pages::NewsListPage ssr=SsrMode::Async/>
                    <Route path=path!("/news/:slug") view=news::pages::NewsPostPage ssr=SsrMode::Async/>
                    <Route path=path!("/editorial/news") view=news::pages::EditorialNewsPage ssr=SsrMode::Async/>
                    <Route path=path!("/editorial/news/new") view=news::pages::NewsEditorPage ssr=SsrMode::Async/>
                    <Route path=path!("/editorial/news/:id") view=news::pages::NewsEditorPage ssr=SsrMode::Async/>
                    <Route path=path!("/editorial/events") view=events::pages::EditorialEventsPage ssr=SsrMode::Async/>
                    <Route path=path!("/budget") view=budget::pages::BudgetHome ssr=SsrMode::Async/>
                    <Route path=path!("/budget/mine") view=budget::pages::MyProjectsPage ssr=SsrMode::Async/>
                    <Route path=path!("/budget/:year") view=budget::pages::EditionPage ssr=SsrMode::Async/>
                    <Route path=path!("/budget/:year/projects") view=budget::pages::CataloguePage ssr=SsrMode::Async/>
                    <Route path=path!("/budget/:year/vote") view=budget::vote_pages::VotePage ssr=SsrMode::Async/>
                    <Route path=path!("/budget/:year/results") view=budget::vote_pages::ResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/budget/:year/cards") view=budget::paper_pages::CardsPage ssr=SsrMode::Async/>
                    <Route path=path!("/budget/:year/cards/:id") view=budget::paper_pages::BatchPage ssr=SsrMode::Async/>
                    <Route path=path!("/budget/:year/projects/new") view=budget::form::NewProjectPage ssr=SsrMode::Async/>
                    <Route path=path!("/budget/:year/projects/:seq") view=budget::pages::ProjectPage ssr=SsrMode::Async/>
                    <Route path=path!("/budget/projects/:id/edit") view=budget::form::EditProjectPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/budget/projects/:id/support-list")
                        view=budget::pages::SupportListPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/verification") view=budget::staff::VerificationPage ssr=SsrMode::Async/>
                    <Route path=path!("/moderation/budget") view=budget::staff::BudgetAdmin ssr=SsrMode::Async/>
                    <Route
                        path=path!("/moderation/budget/:year/vote")
                        view=budget::vote_pages::VoteAdminPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/moderation/budget/:year/integrity")
                        view=budget::paper_pages::IntegrityPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/moderation/budget/:year/projects")
                        view=budget::staff::StaffProjectsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/moderation/budget/projects/:id")
                        view=budget::staff::StaffProjectPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/accessibility") view=AccessibilityPage ssr=SsrMode::Async/>
                    <Route path=path!("/privacy") view=PrivacyPage ssr=SsrMode::Async/>
                    <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/signup") view=SignUpPage ssr=SsrMode::Async/>
                    <Route path=path!("/signup/confirm/:token") view=ConfirmPage ssr=SsrMode::Async/>
                    <Route path=path!("/password-reset") view=PasswordResetRequestPage ssr=SsrMode::Async/>
                    <Route path=path!("/password-reset/:token") view=PasswordResetPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/organisations/:id") view=OrganisationPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=AdminHome ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=AdminUsers ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users/:id") view=AdminUser ssr=SsrMode::Async/>
                    <Route path=path!("/admin/organisations") view=AdminOrganisations ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=AuditLogPage ssr=SsrMode::Async/>
                    <Route path=path!("/dev/outbox") view=OutboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/unsubscribe/:token") view=UnsubscribePage ssr=SsrMode::Async/>
                    <Route path=path!("/newsletter") view=newsletter::pages::NewsletterPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/newsletter/confirm/:token")
                        view=newsletter::pages::ConfirmPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/newsletter/unsubscribe/:token")
                        view=newsletter::pages::UnsubscribePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/editorial/digest") view=newsletter::pages::DigestPreviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/campaigns/:slug") view=campaigns::pages::CampaignPublicPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/editorial/campaigns")
                        view=campaigns::pages::EditorialCampaignsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/editorial/campaigns/new")
                        view=campaigns::pages::CampaignEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/editorial/campaigns/:id")
                        view=campaigns::pages::CampaignEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/moderation") view=ModerationHome ssr=SsrMode::Async/>
                    <Route path=path!("/moderation/stats") view=stats::pages::StatsPage ssr=SsrMode::Async/>
                    <Route path=path!("/moderation/consultations") view=ConsultationsAdmin ssr=SsrMode::Async/>
                    <Route path=path!("/moderation/consultations/new") view=ConsultationEditor ssr=SsrMode::Async/>
                    <Route path=path!("/moderation/consultations/:id") view=ConsultationEditor ssr=SsrMode::Async/>
                    <Route
                        path=path!("/moderation/consultations/:id/remarks/new")
                        view=PaperRemarkPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/moderation/consultations/:id/answers")
                        view=reports::pages::AnswersPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/moderation/consultations/:id/report")
                        view=reports::editor::ReportEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/moderation/remarks") view=ModerationQueue ssr=SsrMode::Async/>
                    <Route
                        path=path!("/moderation/initiatives")
                        view=initiatives::staff::InitiativesAdmin
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/moderation/initiatives/:id")
                        view=initiatives::staff::InitiativeReview
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
    // One concrete type for the whole page tree: without it, the router's type (every
    // route, nested) is spelled out in each generic function the server instantiates
    // for it, and the debug build's symbol names outgrow what the linker can address.
    .into_any()
}

/// The scripts that load the islands' WASM. Only pages with an island include them, so a
/// resident who only reads downloads no WASM at all (docs/adr/0002-islands.md).
#[component]
pub fn IslandScripts() -> impl IntoView {
    use_context::<LeptosOptions>().map(|options| view! { <HydrationScripts options islands=true/> })
}

/// The browser entry: wakes the islands up; the rest of the page stays server HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    hydrate_islands();
}
