//! Outgoing mail: over SMTP with lettre when `SMTP_URL` is set; otherwise into the
//! `outbox` table (shown on /dev/outbox in demo mode) and the log.

use app::db::Db;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Clone)]
pub enum Mailer {
    Smtp { transport: AsyncSmtpTransport<Tokio1Executor>, from: Mailbox },
    Outbox,
}

impl Mailer {
    /// From the settings: `smtp://host:port` or nothing.
    pub fn from_config(smtp_url: Option<&str>, from: &str) -> Result<Self, String> {
        let Some(url) = smtp_url.map(str::trim).filter(|u| !u.is_empty()) else {
            return Ok(Mailer::Outbox);
        };
        let parsed = url::Url::parse(url).map_err(|e| format!("SMTP_URL is not a URL: {e}"))?;
        if parsed.scheme() != "smtp" {
            return Err("SMTP_URL must start with smtp:// (a local relay)".to_owned());
        }
        let host = parsed.host_str().ok_or("SMTP_URL has no host")?.to_owned();
        let port = parsed.port().unwrap_or(25);
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).port(port).build();
        let from = from.parse().map_err(|e| format!("MAIL_FROM is not an address: {e}"))?;
        Ok(Mailer::Smtp { transport, from })
    }

    /// Sends one plain-text message. Failures are logged (never with the body, which may
    /// hold a sign-in link) and returned.
    pub async fn send(&self, db: &Db, to: &str, subject: &str, body: &str) -> Result<(), ()> {
        self.send_list(db, to, subject, body, None).await
    }

    /// Sends one plain-text message; a mail of a list names its unsubscribe address in
    /// `List-Unsubscribe` (RFC 2369) and offers the one-click POST of RFC 8058.
    pub async fn send_list(
        &self,
        db: &Db,
        to: &str,
        subject: &str,
        body: &str,
        unsubscribe: Option<&str>,
    ) -> Result<(), ()> {
        use lettre::message::header::{HeaderName, HeaderValue};
        match self {
            Mailer::Smtp { transport, from } => {
                let to_box: Mailbox = to.parse().map_err(|e| tracing::warn!(error = %e, "bad recipient"))?;
                let mut builder = Message::builder()
                    .from(from.clone())
                    .to(to_box)
                    .subject(subject)
                    .header(lettre::message::header::ContentType::TEXT_PLAIN);
                if let Some(url) = unsubscribe {
                    builder = builder
                        .raw_header(HeaderValue::new(
                            HeaderName::new_from_ascii_str("List-Unsubscribe"),
                            format!("<{url}>"),
                        ))
                        .raw_header(HeaderValue::new(
                            HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                            "List-Unsubscribe=One-Click".to_owned(),
                        ));
                }
                let message =
                    builder.body(body.to_owned()).map_err(|e| tracing::error!(error = %e, "cannot build a mail"))?;
                transport.send(message).await.map_err(|e| tracing::error!(error = %e, "SMTP delivery failed"))?;
                tracing::info!(subject, "mail sent");
                Ok(())
            }
            Mailer::Outbox => {
                tracing::info!(to, subject, body, "mail (no SMTP configured)");
                app::accounts::storage::push_outbox(db, to, subject, body, app::state::now())
                    .await
                    .map_err(|e| tracing::error!(error = %e, "cannot keep a mail in the outbox"))
            }
        }
    }
}
