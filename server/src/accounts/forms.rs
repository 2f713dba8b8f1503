//! Sign-in, sign-up, confirmation, sign-out, password reset and "My account" posts.

use super::{
    client_ip, internal, locale_of, record, render, require, see_other, session, session_of, with_cookie, FormData,
    SharedServices,
};
use app::accounts::audit::Event;
use app::accounts::authz::Action;
use app::accounts::forms::FormFeedback;
use app::accounts::model::{CurrentUser, UserStatus};
use app::accounts::storage::{self, LinkPurpose, ResetProblem};
use app::accounts::{password, validation};
use app::budget::voting::{self, IdentitySource, Provider};
use app::state::{now, AppState};
use axum::{
    extract::{Path, State},
    http::{header, request::Parts, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};

/// `next` if it is a path on this site, otherwise the account page.
fn local_next(next: &str) -> String {
    let local =
        next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') && !next.chars().any(char::is_control);
    if local {
        next.to_owned()
    } else {
        "/account".to_owned()
    }
}

/// The signed-in person, acting on their own account (the rule book is asked; anonymous
/// people are sent to sign in).
async fn owner(state: &AppState, parts: &Parts) -> Result<CurrentUser, Response> {
    let user_id = session_of(parts).user.map_or(0, |u| u.id);
    require(state, parts, Action::ManageAccount { user_id }, "/account").await
}

/// An audit event of a person about their own account.
fn own_event(user_id: i64, action: &'static str) -> Event {
    Event { actor_id: Some(user_id), action, object_type: "user", object_id: user_id.to_string(), ..Event::default() }
}

/// Starts a fresh session (a new id at every sign-in) and sends the person on.
async fn start_session(state: &AppState, parts: &Parts, user_id: i64, next: &str, method: &str) -> Response {
    // Whatever session the browser had before is ended: no fixation.
    if let Some(old) = session_of(parts).token {
        let _ = storage::end_session(&state.db, &old).await;
    }
    let token = match storage::create_session(&state.db, user_id, now()).await {
        Ok(token) => token,
        Err(e) => {
            tracing::error!(error = %e, "cannot create a session");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let event = Event {
        actor_id: Some(user_id),
        action: "signin",
        object_type: "user",
        object_id: user_id.to_string(),
        after: Some(serde_json::json!({ "method": method })),
        ..Event::default()
    };
    if let Err(response) = record(state, event).await {
        return response;
    }
    with_cookie(see_other(next), session::set_cookie(&token, state))
}

pub async fn sign_in(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    parts: Parts,
    form: FormData,
) -> Response {
    let (email_input, password_input, next) = (form.get("email"), form.get("password"), form.get("next"));
    let page = format!("/signin?next={}", app::accounts::pages::url_encode(&local_next(&next)));
    let feedback = FormFeedback::new("signin").value("email", &email_input);
    let at = now();
    if !services.limits.sign_in_per_ip.allow(&client_ip(&parts, &state), at) {
        return too_many(&state, &parts, &page, feedback).await;
    }
    let email = match validation::normalise_email(&email_input) {
        Ok(email) => email,
        Err(code) => {
            let mut feedback = feedback.error("email", code);
            if password_input.is_empty() {
                feedback = feedback.error("password", "password_required");
            }
            return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    if password_input.is_empty() {
        let feedback = feedback.error("password", "password_required");
        return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    if services.limits.sign_in_lockout.locked_for(&email, at).is_some() {
        return too_many(&state, &parts, &page, feedback).await;
    }
    let credentials = match storage::credentials_by_email(&state.db, &email).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "cannot read credentials");
            return internal(&state, &parts, &page, feedback).await;
        }
    };
    let stored = credentials.as_ref().and_then(|c| c.password_hash.clone());
    let verified = password::verify(password_input, stored).await;
    let Some(credentials) = credentials.filter(|_| verified) else {
        services.limits.sign_in_lockout.fail(&email, at);
        tracing::warn!("failed sign-in");
        let feedback = feedback.error("", "signin_failed");
        return render(&state, &parts, &page, feedback, StatusCode::UNAUTHORIZED).await;
    };
    services.limits.sign_in_lockout.succeed(&email);
    match credentials.status {
        UserStatus::Active => start_session(&state, &parts, credentials.user_id, &local_next(&next), "password").await,
        UserStatus::Pending => {
            let feedback = feedback.error("", "account_pending");
            render(&state, &parts, &page, feedback, StatusCode::FORBIDDEN).await
        }
        UserStatus::Disabled | UserStatus::Deleted => {
            let feedback = feedback.error("", "account_disabled");
            render(&state, &parts, &page, feedback, StatusCode::FORBIDDEN).await
        }
    }
}

pub(crate) async fn too_many(state: &AppState, parts: &Parts, page: &str, feedback: FormFeedback) -> Response {
    let mut response =
        render(state, parts, page, feedback.error("", "too_many_attempts"), StatusCode::TOO_MANY_REQUESTS).await;
    response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from_static("60"));
    response
}

pub async fn sign_up(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    parts: Parts,
    form: FormData,
) -> Response {
    let (name_input, email_input, password_input) = (form.get("display_name"), form.get("email"), form.get("password"));
    let consent = form.get("consent") == "yes";
    let page = "/signup";
    let mut feedback = FormFeedback::new("signup")
        .value("display_name", &name_input)
        .value("email", &email_input)
        .value("consent", if consent { "yes" } else { "" });
    let at = now();
    if !services.limits.sign_up_per_ip.allow(&client_ip(&parts, &state), at) {
        return too_many(&state, &parts, page, feedback).await;
    }
    let name =
        validation::display_name(&name_input).map_err(|code| feedback = feedback.clone().error("display_name", code));
    let email =
        validation::normalise_email(&email_input).map_err(|code| feedback = feedback.clone().error("email", code));
    if let Err(code) = validation::new_password(&password_input, email.as_deref().ok()) {
        feedback = feedback.error("password", code);
    }
    if !consent {
        feedback = feedback.error("consent", "consent_required");
    }
    let (Ok(name), Ok(email), false) = (name, email, feedback.has_errors()) else {
        return render(&state, &parts, page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let locale = locale_of(&parts);
    let a = locale.accounts();
    let hash = match password::hash(password_input).await {
        Ok(hash) => hash,
        Err(_) => return internal(&state, &parts, page, feedback).await,
    };
    let created = match storage::create_local_user(&state.db, &email, &name, &hash, UserStatus::Pending, at).await {
        Ok(created) => created,
        Err(e) => {
            tracing::error!(error = %e, "cannot create an account");
            return internal(&state, &parts, page, feedback).await;
        }
    };
    // The same answer either way; only the mail differs, and only its owner reads it.
    if services.limits.reset_per_email.allow(&format!("mail:{email}"), at) {
        match created {
            Some(user_id) => match storage::create_link(&state.db, user_id, LinkPurpose::Confirm, at).await {
                Ok(token) => {
                    let link = format!("{}/signup/confirm/{token}", state.settings.public_url);
                    let body = a.mail_confirm_body.replace("{name}", &name).replace("{link}", &link);
                    super::mail_later(&state, &services, email, a.mail_confirm_subject.to_owned(), body);
                }
                Err(e) => tracing::error!(error = %e, "cannot create a confirmation link"),
            },
            None => {
                let body =
                    a.mail_exists_body.replace("{link}", &format!("{}/password-reset", state.settings.public_url));
                super::mail_later(&state, &services, email, a.mail_exists_subject.to_owned(), body);
            }
        }
    }
    see_other("/signup?done=check_inbox")
}

pub async fn confirm(State(state): State<AppState>, Path(token): Path<String>, parts: Parts) -> Response {
    let page = format!("/signup/confirm/{token}");
    match storage::confirm_account(&state.db, &token, now()).await {
        Ok(Ok(user_id)) => start_session(&state, &parts, user_id, "/account?done=signed_up", "confirmation").await,
        Ok(Err(problem)) => {
            let status = if problem == ResetProblem::Unknown { StatusCode::NOT_FOUND } else { StatusCode::GONE };
            render(&state, &parts, &page, FormFeedback::default(), status).await
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot confirm an account");
            internal(&state, &parts, &page, FormFeedback::default()).await
        }
    }
}

pub async fn sign_out(State(state): State<AppState>, parts: Parts) -> Response {
    let session = session_of(&parts);
    if let (Some(token), Some(user)) = (session.token, session.user) {
        if let Err(e) = storage::end_session(&state.db, &token).await {
            tracing::error!(error = %e, "cannot end a session");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
        let event = own_event(user.id, "signout");
        if let Err(response) = record(&state, event).await {
            return response;
        }
    }
    with_cookie(see_other("/signin?done=signed_out"), session::clear_cookie(&state))
}

pub async fn request_reset(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    parts: Parts,
    form: FormData,
) -> Response {
    let email_input = form.get("email");
    let page = "/password-reset";
    let feedback = FormFeedback::new("reset").value("email", &email_input);
    let at = now();
    if !services.limits.reset_per_ip.allow(&client_ip(&parts, &state), at) {
        return too_many(&state, &parts, page, feedback).await;
    }
    let email = match validation::normalise_email(&email_input) {
        Ok(email) => email,
        Err(code) => {
            return render(&state, &parts, page, feedback.error("email", code), StatusCode::UNPROCESSABLE_ENTITY).await
        }
    };
    // Whatever happens next, the answer is the same: nothing tells whether the address
    // has an account.
    if services.limits.reset_per_email.allow(&format!("mail:{email}"), at) {
        match storage::credentials_by_email(&state.db, &email).await {
            Ok(Some(c)) if c.status == UserStatus::Active => {
                match storage::create_link(&state.db, c.user_id, LinkPurpose::Reset, at).await {
                    Ok(token) => {
                        let a = locale_of(&parts).accounts();
                        let link = format!("{}/password-reset/{token}", state.settings.public_url);
                        let body = a.mail_reset_body.replace("{link}", &link);
                        super::mail_later(&state, &services, email, a.mail_reset_subject.to_owned(), body);
                    }
                    Err(e) => tracing::error!(error = %e, "cannot create a reset link"),
                }
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "cannot look an address up"),
        }
    }
    see_other("/password-reset?done=reset_sent")
}

pub async fn reset_password(
    State(state): State<AppState>,
    Path(token): Path<String>,
    parts: Parts,
    form: FormData,
) -> Response {
    let page = format!("/password-reset/{token}");
    let feedback = FormFeedback::new("newpassword");
    let at = now();
    let user_id = match storage::check_link(&state.db, &token, LinkPurpose::Reset, at).await {
        Ok(Ok(id)) => id,
        Ok(Err(problem)) => {
            let status = if problem == ResetProblem::Unknown { StatusCode::NOT_FOUND } else { StatusCode::GONE };
            return render(&state, &parts, &page, feedback, status).await;
        }
        Err(_) => return internal(&state, &parts, &page, feedback).await,
    };
    let email = storage::credentials_by_id(&state.db, user_id).await.ok().flatten().and_then(|(email, _)| email);
    let new = form.get("password");
    if let Err(code) = validation::new_password(&new, email.as_deref()) {
        return render(&state, &parts, &page, feedback.error("password", code), StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let Ok(hash) = password::hash(new).await else {
        return internal(&state, &parts, &page, feedback).await;
    };
    match storage::complete_reset(&state.db, &token, &hash, at).await {
        Ok(Ok(user_id)) => {
            let event = own_event(user_id, "password.reset");
            if let Err(response) = record(&state, event).await {
                return response;
            }
            see_other("/signin?done=password_reset")
        }
        Ok(Err(_)) => render(&state, &parts, &page, feedback, StatusCode::GONE).await,
        Err(_) => internal(&state, &parts, &page, feedback).await,
    }
}

pub async fn update_profile(State(state): State<AppState>, parts: Parts, form: FormData) -> Response {
    let page = "/account";
    let me = match owner(&state, &parts).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let (name_input, district_input) = (form.get("display_name"), form.get("district"));
    let feedback = FormFeedback::new("profile").value("display_name", &name_input).value("district", &district_input);
    let name = match validation::display_name(&name_input) {
        Ok(name) => name,
        Err(code) => {
            return render(&state, &parts, page, feedback.error("display_name", code), StatusCode::UNPROCESSABLE_ENTITY)
                .await
        }
    };
    let district = app::domain::district::District::parse(&district_input);
    match storage::update_profile(&state.db, me.id, &name, district, now()).await {
        Ok(()) => see_other("/account?done=profile_saved"),
        Err(_) => internal(&state, &parts, page, feedback).await,
    }
}

pub async fn change_password(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    parts: Parts,
    form: FormData,
) -> Response {
    let page = "/account";
    let me = match owner(&state, &parts).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let feedback = FormFeedback::new("password");
    let lock_key = format!("user:{}", me.id);
    let at = now();
    if services.limits.sign_in_lockout.locked_for(&lock_key, at).is_some() {
        return too_many(&state, &parts, page, feedback).await;
    }
    let Ok(Some((email, stored))) = storage::credentials_by_id(&state.db, me.id).await else {
        return internal(&state, &parts, page, feedback).await;
    };
    let (current, new) = (form.get("current_password"), form.get("new_password"));
    if !password::verify(current, stored).await {
        services.limits.sign_in_lockout.fail(&lock_key, at);
        return render(
            &state,
            &parts,
            page,
            feedback.error("current_password", "current_password_wrong"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    services.limits.sign_in_lockout.succeed(&lock_key);
    if let Err(code) = validation::new_password(&new, email.as_deref()) {
        return render(&state, &parts, page, feedback.error("new_password", code), StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    }
    let Ok(hash) = password::hash(new).await else {
        return internal(&state, &parts, page, feedback).await;
    };
    // Every session ends, this one included; this browser gets a new one.
    if storage::set_password(&state.db, me.id, &hash, at).await.is_err() {
        return internal(&state, &parts, page, feedback).await;
    }
    let event = own_event(me.id, "password.change");
    if let Err(response) = record(&state, event).await {
        return response;
    }
    start_session(&state, &parts, me.id, "/account?done=password_changed", "password-change").await
}

/// The words that confirm deletion, in each language.
const DELETE_WORDS: [&str; 3] = ["DELETE", "USUŃ", "ВИДАЛИТИ"];

pub async fn delete_account(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    parts: Parts,
    form: FormData,
) -> Response {
    let page = "/account";
    let me = match owner(&state, &parts).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let confirm = form.get("confirm");
    let mut feedback = FormFeedback::new("delete").value("confirm", &confirm);
    let Ok(Some((_, stored))) = storage::credentials_by_id(&state.db, me.id).await else {
        return internal(&state, &parts, page, feedback).await;
    };
    let lock_key = format!("user:{}", me.id);
    let at = now();
    if services.limits.sign_in_lockout.locked_for(&lock_key, at).is_some() {
        return too_many(&state, &parts, page, feedback).await;
    }
    if stored.is_some() && !password::verify(form.get("password"), stored).await {
        services.limits.sign_in_lockout.fail(&lock_key, at);
        feedback = feedback.error("password", "current_password_wrong");
    }
    if !DELETE_WORDS.contains(&confirm.trim()) {
        feedback = feedback.error("confirm", "confirm_mismatch");
    }
    if feedback.has_errors() {
        return render(&state, &parts, page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    if storage::delete_account(&state.db, me.id, at).await.is_err() {
        return internal(&state, &parts, page, feedback).await;
    }
    let event = own_event(me.id, "account.delete");
    if let Err(response) = record(&state, event).await {
        return response;
    }
    with_cookie(see_other("/signin?done=account_deleted"), session::clear_cookie(&state))
}

/// `GET /account/data.json`: everything held about the signed-in person.
pub async fn my_data(State(state): State<AppState>, parts: Parts) -> Response {
    let me = match owner(&state, &parts).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    match storage::export(&state.db, me.id).await {
        Ok(Some(data)) => (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"moje-dane.json\""),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            serde_json::to_string_pretty(&data).unwrap_or_default(),
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "cannot export account data");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `POST /signin/oidc`: off to the provider, with state, nonce and PKCE kept here.
pub async fn oidc_start(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    parts: Parts,
    form: FormData,
) -> Response {
    let Some(provider) = services.provider.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let next = local_next(&form.get("next"));
    let page = "/signin";
    let started = match provider.start().await {
        Ok(started) => started,
        Err(e) => {
            tracing::error!(error = %e, "OpenID Connect provider unavailable");
            let feedback = FormFeedback::new("signin").error("", "signin_provider_failed");
            return render(&state, &parts, page, feedback, StatusCode::BAD_GATEWAY).await;
        }
    };
    let flow = storage::SignInFlow {
        nonce: started.nonce,
        pkce_verifier: started.pkce_verifier,
        next_path: next,
        created_at: now(),
    };
    if storage::start_flow(&state.db, &started.state, &flow).await.is_err() {
        return internal(&state, &parts, page, FormFeedback::new("signin")).await;
    }
    let secure = if state.settings.secure_cookies { "; Secure" } else { "" };
    let cookie = format!(
        "{}={}; HttpOnly; SameSite=Lax; Path=/signin/oidc; Max-Age=600{secure}",
        super::oidc::STATE_COOKIE,
        started.state
    );
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, started.url)]).into_response();
    if let Ok(value) = header::HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

#[derive(serde::Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
}

/// `GET /signin/oidc/callback`: the provider sends the browser back here.
pub async fn oidc_callback(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    axum::extract::Query(callback): axum::extract::Query<Callback>,
    parts: Parts,
) -> Response {
    let Some(provider) = services.provider.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let page = "/signin";
    let refuse = |code: &'static str, status: StatusCode| {
        let (state, parts) = (state.clone(), parts.clone());
        async move { render(&state, &parts, page, FormFeedback::new("signin").error("", code), status).await }
    };
    let cookie_state = session::cookie(&parts.headers, super::oidc::STATE_COOKIE).map(str::to_owned);
    let (Some(code), Some(returned)) = (callback.code, callback.state) else {
        return refuse("signin_provider_failed", StatusCode::BAD_REQUEST).await;
    };
    // The state must be the one this browser was given, and one we issued.
    if cookie_state.as_deref() != Some(returned.as_str()) {
        tracing::warn!("OpenID Connect callback with a state this browser was not given");
        return refuse("signin_state_invalid", StatusCode::BAD_REQUEST).await;
    }
    let flow = match storage::take_flow(&state.db, &returned).await {
        Ok(Some(flow)) if now() - flow.created_at <= 600 => flow,
        Ok(_) => return refuse("signin_state_invalid", StatusCode::BAD_REQUEST).await,
        Err(_) => return internal(&state, &parts, page, FormFeedback::new("signin")).await,
    };
    let claims = match provider.finish(&code, &flow.nonce, &flow.pkce_verifier).await {
        Ok(claims) => claims,
        Err(e) => {
            tracing::warn!(error = %e, "OpenID Connect sign-in refused");
            return refuse("signin_provider_failed", StatusCode::BAD_GATEWAY).await;
        }
    };
    let user_id = match storage::user_by_identity(&state.db, &claims.issuer, &claims.subject).await {
        Ok(Some((id, status))) if status == "active" => id,
        Ok(Some(_)) => return refuse("account_disabled", StatusCode::FORBIDDEN).await,
        Ok(None) => {
            let fallback = locale_of(&parts).accounts().new_resident_name;
            let name = claims
                .name
                .as_deref()
                .and_then(|n| validation::display_name(n).ok())
                .unwrap_or_else(|| fallback.to_owned());
            match storage::create_provider_user(
                &state.db,
                &claims.issuer,
                &claims.subject,
                &name,
                claims.email.as_deref(),
                now(),
            )
            .await
            {
                Ok(id) => id,
                Err(e) => {
                    tracing::error!(error = %e, "cannot create an account for a provider identity");
                    return internal(&state, &parts, page, FormFeedback::new("signin")).await;
                }
            }
        }
        Err(_) => return internal(&state, &parts, page, FormFeedback::new("signin")).await,
    };
    // The voting identity the provider vouches for (a PESEL claim), or none.
    let vouched = claims.pesel.clone().and_then(|pesel| {
        let provider = Provider { issuer: claims.issuer.clone(), subject: claims.subject.clone(), pesel: Some(pesel) };
        provider
            .identify(&state.settings.identity_key)
            .inspect_err(|_| tracing::warn!("the provider's PESEL claim is not a valid PESEL"))
            .ok()
    });
    if let Err(e) = voting::vouch(&state.db, &claims.issuer, &claims.subject, vouched.as_ref()).await {
        tracing::error!(error = %e, "cannot keep the provider's voting identity");
        return internal(&state, &parts, page, FormFeedback::new("signin")).await;
    }
    let response = start_session(&state, &parts, user_id, &flow.next_path, "oidc").await;
    let secure = if state.settings.secure_cookies { "; Secure" } else { "" };
    let clear = format!("{}=; HttpOnly; SameSite=Lax; Path=/signin/oidc; Max-Age=0{secure}", super::oidc::STATE_COOKIE);
    match header::HeaderValue::from_str(&clear) {
        Ok(value) => with_cookie(response, value),
        Err(_) => response,
    }
}

#[cfg(test)]
mod tests {
    use super::local_next;

    #[test]
    fn next_is_a_local_path_or_the_account_page() {
        assert_eq!(local_next("/consultations?x=1"), "/consultations?x=1");
        assert_eq!(local_next("https://evil.example"), "/account");
        assert_eq!(local_next("//evil.example"), "/account");
        assert_eq!(local_next(""), "/account");
    }
}
