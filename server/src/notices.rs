//! Mail to the people who follow a consultation or a district: when it opens, when it
//! closes, when its report is published. Phases follow the clock, so a task looks once
//! a minute for what became due; each notice is claimed in the database first, so with
//! several instances it still goes out once. Every mail carries one unsubscribe link.

use crate::accounts::mail::Mailer;
use app::consultations::follows::{claim_due, Notice, NoticeEvent};
use app::i18n::Locale;
use app::state::AppState;
use std::time::Duration;

/// Events older than this are never announced (a server down for a week does not send
/// a burst of stale news when it comes back).
const WINDOW_SECONDS: i64 = 3 * 24 * 60 * 60;

/// Runs for the life of the server, looking `every` so often.
pub async fn run(state: AppState, mailer: Mailer, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = send_due(&state, &mailer, app::state::now()).await {
            tracing::error!(error = %e, "cannot send consultation notices");
        }
    }
}

/// Sends every notice due at `now`; returns how many mails went out.
pub async fn send_due(state: &AppState, mailer: &Mailer, now: i64) -> Result<usize, sqlx::Error> {
    let notices = claim_due(&state.db, now, WINDOW_SECONDS).await?;
    let mut sent = 0;
    for notice in &notices {
        let (subject, body) = compose(notice, &state.settings.public_url);
        if mailer.send(&state.db, &notice.email, &subject, &body).await.is_ok() {
            sent += 1;
        }
    }
    if !notices.is_empty() {
        tracing::info!(due = notices.len(), sent, "consultation notices");
    }
    Ok(sent)
}

/// The mail: Polish first, then English and Ukrainian (we do not know the reader's
/// language outside a request), the consultation's link and one unsubscribe link.
pub fn compose(notice: &Notice, public_url: &str) -> (String, String) {
    let base = public_url.trim_end_matches('/');
    let link = match notice.event {
        NoticeEvent::Report => format!("{base}/consultations/{}/report", notice.slug),
        _ => format!("{base}/consultations/{}", notice.slug),
    };
    let subject_of = |locale: Locale| {
        let r = locale.remarks();
        match notice.event {
            NoticeEvent::Open => r.mail_open_subject,
            NoticeEvent::Close => r.mail_close_subject,
            NoticeEvent::Report => r.mail_report_subject,
        }
    };
    let subject = format!("{}: {}", subject_of(Locale::Pl), notice.title);
    let mut body = format!("{}\n\n", notice.title);
    for locale in Locale::ALL {
        let r = locale.remarks();
        let line = match notice.event {
            NoticeEvent::Open => r.mail_open_body,
            NoticeEvent::Close => r.mail_close_body,
            NoticeEvent::Report => r.mail_report_body,
        };
        body.push_str(&format!("{line}\n{link}\n\n"));
    }
    let unsubscribe: Vec<&str> = Locale::ALL.iter().map(|l| l.remarks().mail_unsubscribe).collect();
    body.push_str(&format!("{}\n{base}/unsubscribe/{}\n", unsubscribe.join(" / "), notice.unsubscribe_token));
    (subject, body)
}
