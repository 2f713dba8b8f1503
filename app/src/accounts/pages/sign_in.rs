//! `/signin`, `/signup`, `/password-reset` and `/password-reset/{token}`.

use super::PageHeading;
use crate::accounts::api::check_mail_link;
use crate::accounts::demo::{DemoRole, DEMO_ACCOUNTS, DEMO_PASSWORD};
use crate::accounts::forms::{DoneNotice, ErrorSummary, Field};
use crate::accounts::validation::{MAX_EMAIL_CHARS, MAX_NAME_CHARS, MAX_PASSWORD_CHARS};
use crate::components::{layout::use_locale, status::set_status};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::site::ErrorSection;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Where to go after signing in: a local path from `?next=`, or the account page.
fn next_path() -> String {
    let next = use_query_map().get_untracked().get("next").unwrap_or_default();
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/account".to_owned()
    }
}

fn settings() -> (bool, Option<String>) {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::state::AppState>()
            .map(|s| (s.settings.demo, s.settings.oidc_provider.clone()))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        (false, None)
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let locale = use_locale();
    let a = locale.accounts();
    let (demo, provider) = settings();
    let reason = use_query_map().get_untracked().get("reason");
    let next = next_path();
    view! {
        <PageHeading title=a.sign_in_title/>
        <DoneNotice/>
        {(reason.as_deref() == Some("required"))
            .then(|| view! { <p class="notice" role="status">{a.sign_in_required}</p> })}
        {(reason.as_deref() == Some("ended"))
            .then(|| view! { <p class="notice" role="status">{a.session_ended}</p> })}
        <div class="form-columns">
            <section aria-labelledby="signin-local">
                <h2 id="signin-local">{a.sign_in_with_password}</h2>
                <ErrorSummary form="signin"/>
                <form method="post" action="/signin" class="stack" novalidate>
                    <input type="hidden" name="next" value=next.clone()/>
                    <Field
                        form="signin"
                        name="email"
                        label=a.email
                        kind="email"
                        autocomplete="username"
                        maxlength=MAX_EMAIL_CHARS
                    />
                    <Field
                        form="signin"
                        name="password"
                        label=a.password
                        kind="password"
                        autocomplete="current-password"
                        maxlength=MAX_PASSWORD_CHARS
                    />
                    <button type="submit" class="button">{a.sign_in_button}</button>
                </form>
                <p>
                    <a href="/password-reset">{a.forgot_password}</a>
                </p>
                <p>
                    {a.no_account} " " <a href="/signup">{a.sign_up_link}</a>
                </p>
            </section>
            {provider
                .map(|name| {
                    view! {
                        <section aria-labelledby="signin-provider">
                            <h2 id="signin-provider">{a.sign_in_with_provider}</h2>
                            <p>{a.provider_explainer}</p>
                            <form method="post" action="/signin/oidc">
                                <input type="hidden" name="next" value=next.clone()/>
                                <button type="submit" class="button">
                                    {a.sign_in_with.replace("{provider}", &name)}
                                </button>
                            </form>
                        </section>
                    }
                })}
        </div>
        {demo.then(|| view! { <DemoAccounts locale=locale/> })}
    }
}

/// The demo accounts and their password: shown only when the site runs in demo mode.
#[component]
fn DemoAccounts(locale: Locale) -> impl IntoView {
    let a = locale.accounts();
    let b = use_locale().budget();
    let v = use_locale().vote();
    let role = move |r: DemoRole| match r {
        DemoRole::Resident => a.demo_resident,
        DemoRole::NgoMember => a.demo_ngo_member,
        DemoRole::CouncilMember => a.demo_council_member,
        DemoRole::Verifier => b.demo_verifier,
        DemoRole::PollOfficer => v.demo_officer,
        DemoRole::Moderator => a.role_moderator,
        DemoRole::Editor => a.role_editor,
        DemoRole::Admin => a.role_admin,
    };
    view! {
        <section class="demo-accounts" aria-labelledby="demo-accounts">
            <h2 id="demo-accounts">{a.demo_accounts}</h2>
            <p>{a.demo_accounts_lead} " " <code>{DEMO_PASSWORD}</code></p>
            <p>
                <a href="/dev/outbox">{a.demo_outbox}</a>
            </p>
            <table>
                <caption class="visually-hidden">{a.demo_accounts}</caption>
                <thead>
                    <tr>
                        <th scope="col">{a.email}</th>
                        <th scope="col">{a.display_name}</th>
                        <th scope="col">{a.role}</th>
                    </tr>
                </thead>
                <tbody>
                    {DEMO_ACCOUNTS
                        .iter()
                        .map(|d| {
                            view! {
                                <tr>
                                    <td>
                                        <code>{d.email}</code>
                                    </td>
                                    <td>{d.name}</td>
                                    <td>{role(d.role)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let a = use_locale().accounts();
    view! {
        <PageHeading title=a.sign_up_title/>
        <DoneNotice/>
        <p class="lead">{a.sign_up_lead}</p>
        <ErrorSummary form="signup"/>
        <form method="post" action="/signup" class="stack narrow" novalidate>
            <Field
                form="signup"
                name="display_name"
                label=a.display_name
                hint=a.display_name_hint
                autocomplete="name"
                maxlength=MAX_NAME_CHARS
            />
            <Field form="signup" name="email" label=a.email kind="email" autocomplete="email" maxlength=MAX_EMAIL_CHARS/>
            <Field
                form="signup"
                name="password"
                label=a.password
                kind="password"
                hint=a.password_hint
                autocomplete="new-password"
                maxlength=MAX_PASSWORD_CHARS
            />
            <ConsentField/>
            <button type="submit" class="button">{a.sign_up_button}</button>
        </form>
        <p>
            {a.have_account} " " <a href="/signin">{a.sign_in_link}</a>
        </p>
    }
}

/// "I have read the privacy notice", required to sign up.
#[component]
fn ConsentField() -> impl IntoView {
    let locale = use_locale();
    let a = locale.accounts();
    let feedback = crate::accounts::forms::feedback_for("signup");
    let error =
        feedback.as_ref().and_then(|f| f.errors.iter().find(|e| e.field == "consent").map(|e| e.message.clone()));
    let checked = feedback.as_ref().is_some_and(|f| f.values.iter().any(|(n, v)| n == "consent" && v == "yes"));
    view! {
        <div class="field checkbox" class:field-error=error.is_some()>
            {error
                .as_ref()
                .map(|code| view! { <p class="error-message" id="signup-consent-error">{locale.problem(code)}</p> })}
            <input
                type="checkbox"
                id="signup-consent"
                name="consent"
                value="yes"
                checked=checked
                required=true
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=error.is_some().then_some("signup-consent-error")
            />
            <label for="signup-consent">
                {a.consent_before} " " <a href="/privacy">{a.privacy_title}</a>
            </label>
        </div>
    }
}

#[component]
pub fn PasswordResetRequestPage() -> impl IntoView {
    let a = use_locale().accounts();
    view! {
        <PageHeading title=a.reset_title/>
        <DoneNotice/>
        <p class="lead">{a.reset_lead}</p>
        <ErrorSummary form="reset"/>
        <form method="post" action="/password-reset" class="stack narrow" novalidate>
            <Field form="reset" name="email" label=a.email kind="email" autocomplete="email" maxlength=MAX_EMAIL_CHARS/>
            <button type="submit" class="button">{a.reset_button}</button>
        </form>
    }
}

#[component]
pub fn PasswordResetPage() -> impl IntoView {
    let locale = use_locale();
    let a = locale.accounts();
    let token = use_params_map().get_untracked().get("token").unwrap_or_default();
    let check = {
        let token = token.clone();
        async move { check_mail_link(token, false).await }
    };
    view! {
        <PageHeading title=a.new_password_title/>
        <Suspense fallback=|| ()>
            {
                let token = token.clone();
                Suspend::new(async move {
                    match check.await {
                        Ok(()) => {
                            view! {
                                <ErrorSummary form="newpassword"/>
                                <form
                                    method="post"
                                    action=format!("/password-reset/{token}")
                                    class="stack narrow"
                                    novalidate
                                >
                                    <Field
                                        form="newpassword"
                                        name="password"
                                        label=a.new_password
                                        kind="password"
                                        hint=a.password_hint
                                        autocomplete="new-password"
                                        maxlength=MAX_PASSWORD_CHARS
                                    />
                                    <button type="submit" class="button">{a.save_password}</button>
                                </form>
                            }
                                .into_any()
                        }
                        Err(e) => link_refused(locale, e),
                    }
                })
            }
        </Suspense>
    }
}

/// What a mailed link's page says when the link cannot be used: unknown (404), used or
/// expired (410), or our failure (500).
fn link_refused(locale: Locale, error: AppError) -> AnyView {
    let a = locale.accounts();
    match error {
        AppError::NotFound => {
            set_status(404);
            view! { <LinkProblem text=a.reset_link_unknown/> }.into_any()
        }
        AppError::Conflict(code) => {
            set_status(410);
            view! { <LinkProblem text=locale.problem(&code)/> }.into_any()
        }
        _ => {
            set_status(500);
            view! { <ErrorSection/> }.into_any()
        }
    }
}

#[component]
fn LinkProblem(text: &'static str) -> impl IntoView {
    let a = use_locale().accounts();
    view! {
        <p class="notice notice-problem" role="alert">
            {text}
        </p>
        <p>
            <a href="/password-reset">{a.reset_again}</a>
        </p>
    }
}

/// `/signup/confirm/{token}`: the link from the sign-up mail. Opening it changes
/// nothing (mail scanners open links); the button posts the confirmation.
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let locale = use_locale();
    let a = locale.accounts();
    let token = use_params_map().get_untracked().get("token").unwrap_or_default();
    let check = {
        let token = token.clone();
        async move { check_mail_link(token, true).await }
    };
    view! {
        <PageHeading title=a.confirm_title/>
        <Suspense fallback=|| ()>
            {
                let token = token.clone();
                Suspend::new(async move {
                    match check.await {
                        Ok(()) => {
                            view! {
                                <p>{a.confirm_lead}</p>
                                <form method="post" action=format!("/signup/confirm/{token}")>
                                    <button type="submit" class="button">{a.confirm_button}</button>
                                </form>
                            }
                                .into_any()
                        }
                        Err(e) => link_refused(locale, e),
                    }
                })
            }
        </Suspense>
    }
}
