//! The newsletter's posts (subscribe, confirm, unsubscribe) and the weekly digest job.
//! A subscription answers the same whether the address is new, waiting or confirmed
//! (only its owner reads the mail that differs). The job claims each subscriber's week
//! in the database before the mail goes, so neither a second instance nor a restart
//! sends a digest twice.

use crate::accounts::forms::too_many;
use crate::accounts::mail::Mailer;
use crate::accounts::{client_ip, internal, mail_later, render, see_other, FormData, SharedServices};
use app::accounts::forms::FormFeedback;
use app::accounts::tokens::is_well_formed;
use app::newsletter::digest::{compose, period_of, select};
use app::newsletter::pages::FORM;
use app::newsletter::storage::{self, Subscribed};
use app::newsletter::{parse, LinkState, SubscribeInput};
use app::state::{now, AppState};
use axum::{
    extract::{Path, State},
    http::{request::Parts, StatusCode},
    response::Response,
    Extension,
};
use std::time::Duration;

const PAGE: &str = "/newsletter";

/// `POST /newsletter`: a subscription waiting for its confirmation link.
pub async fn subscribe(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    parts: Parts,
    form: FormData,
) -> Response {
    let input = SubscribeInput {
        email: form.get("email"),
        districts: form.all("districts"),
        topics: form.all("topics"),
        language: form.get("language"),
    };
    let mut feedback = FormFeedback::new(FORM).value("email", &input.email).value("language", &input.language);
    for (name, values) in [("districts", &input.districts), ("topics", &input.topics)] {
        for value in values {
            feedback = feedback.value(name, value);
        }
    }
    let at = now();
    if !services.limits.newsletter_per_ip.allow(&client_ip(&parts, &state), at) {
        return too_many(&state, &parts, PAGE, feedback).await;
    }
    let subscription = match parse(&input) {
        Ok(subscription) => subscription,
        Err(problems) => {
            for (field, code) in problems {
                feedback = feedback.error(field, code);
            }
            return render(&state, &parts, PAGE, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let outcome = match storage::subscribe(&state.db, &subscription, at).await {
        Ok(outcome) => outcome,
        Err(e) => {
            tracing::error!(error = %e, "cannot keep a newsletter subscription");
            return internal(&state, &parts, PAGE, feedback).await;
        }
    };
    // A few mails an hour per address at most, whoever asks.
    if services.limits.reset_per_email.allow(&format!("newsletter:{}", subscription.email), at) {
        let t = subscription.locale.newsletter();
        let base = state.settings.public_url.trim_end_matches('/').to_owned();
        let (subject, body) = match outcome {
            Subscribed::New { confirm_token } | Subscribed::Pending { confirm_token } => (
                t.mail_confirm_subject,
                t.mail_confirm_body.replace("{link}", &format!("{base}/newsletter/confirm/{confirm_token}")),
            ),
            Subscribed::Confirmed { unsubscribe_token } => (
                t.mail_already_subject,
                t.mail_already_body.replace("{link}", &format!("{base}/newsletter/unsubscribe/{unsubscribe_token}")),
            ),
        };
        mail_later(&state, &services, subscription.email, subject.to_owned(), body);
    }
    see_other(&crate::consultations::with_done(PAGE, "newsletter_check_inbox", "content"))
}

/// `POST /newsletter/confirm/{token}`: the mailed link's button. A second click
/// changes nothing and says so.
pub async fn confirm(State(state): State<AppState>, Path(token): Path<String>, parts: Parts) -> Response {
    let page = format!("/newsletter/confirm/{token}");
    if !is_well_formed(&token) {
        return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await;
    }
    match storage::confirm(&state.db, &token, now()).await {
        Ok(LinkState::Pending) => see_other(&crate::consultations::with_done(PAGE, "newsletter_confirmed", "content")),
        Ok(LinkState::Confirmed) => {
            see_other(&crate::consultations::with_done(PAGE, "newsletter_already_confirmed", "content"))
        }
        Ok(LinkState::Unknown) => render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(e) => {
            tracing::error!(error = %e, "cannot confirm a newsletter subscription");
            internal(&state, &parts, &page, FormFeedback::default()).await
        }
    }
}

/// `POST /newsletter/unsubscribe/{token}`: the page's button, and the one-click POST
/// mail programs send (RFC 8058) from the `List-Unsubscribe` header, which comes
/// without a session or an `Origin` (the token alone is the permission).
pub async fn unsubscribe(State(state): State<AppState>, Path(token): Path<String>, parts: Parts) -> Response {
    let page = format!("/newsletter/unsubscribe/{token}");
    if !is_well_formed(&token) {
        return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await;
    }
    match storage::unsubscribe(&state.db, &token).await {
        Ok(true) => see_other(&crate::consultations::with_done(PAGE, "newsletter_unsubscribed", "content")),
        Ok(false) => render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(e) => {
            tracing::error!(error = %e, "cannot end a newsletter subscription");
            internal(&state, &parts, &page, FormFeedback::default()).await
        }
    }
}

/// What one run of the job did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Run {
    pub sent: usize,
    /// Subscribers with nothing new this week (no mail).
    pub empty: usize,
    /// Refused by the mail server; tried again on a later run.
    pub failed: usize,
}

/// Runs for the life of the server, looking `every` so often.
pub async fn run(state: AppState, mailer: Mailer, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = send_due(&state, &mailer, now()).await {
            tracing::error!(error = %e, "cannot send the weekly digests");
        }
    }
}

/// Sends this week's digests that are due at `now` and not claimed yet.
pub async fn send_due(state: &AppState, mailer: &Mailer, now: i64) -> Result<Run, sqlx::Error> {
    let (period, sends_at) = period_of(now);
    let mut run = Run::default();
    if now < sends_at {
        return Ok(run);
    }
    let due = storage::due(&state.db, &period).await?;
    if due.is_empty() {
        return Ok(run);
    }
    let candidates = storage::candidates(&state.db, now).await?;
    let base = state.settings.public_url.trim_end_matches('/');
    for subscriber in due {
        let chosen = select(&candidates, &subscriber.interest, subscriber.since, now);
        if chosen.is_empty() {
            if storage::claim(&state.db, subscriber.id, &period, "empty", 0, now).await? {
                run.empty += 1;
            }
            continue;
        }
        if !storage::claim(&state.db, subscriber.id, &period, "sending", chosen.len(), now).await? {
            continue;
        }
        let unsubscribe = format!("{base}/newsletter/unsubscribe/{}", subscriber.unsubscribe_token);
        let (subject, body) = compose(subscriber.locale, &chosen, &period, base, &unsubscribe);
        match mailer.send_list(&state.db, &subscriber.email, &subject, &body, Some(&unsubscribe)).await {
            Ok(()) => {
                storage::mark_sent(&state.db, subscriber.id, &period).await?;
                run.sent += 1;
            }
            Err(()) => {
                storage::release(&state.db, subscriber.id, &period).await?;
                run.failed += 1;
            }
        }
    }
    tracing::info!(period, sent = run.sent, empty = run.empty, failed = run.failed, "weekly digests");
    Ok(run)
}
