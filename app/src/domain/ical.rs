//! iCalendar (RFC 5545) for consultation meetings: one `VEVENT` per meeting, times in
//! UTC (no time-zone database needed), text escaped and lines folded at 75 octets, CRLF
//! line ends. Calendar programs on phones and desktops import it as it is.

/// One event of a calendar file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Globally unique and stable, e.g. `event-12@dialog.krakow.pl`.
    pub uid: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub summary: String,
    pub location: String,
    pub description: String,
    pub url: Option<String>,
}

/// A calendar file holding `events`, stamped at `now`.
pub fn calendar(name: &str, events: &[CalendarEvent], now: i64) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&fold(&text));
        out.push_str("\r\n");
    };
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Miasto Krakow//Dialog//PL".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(name)));
    for e in events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape(&e.uid)));
        line(format!("DTSTAMP:{}", utc(now)));
        line(format!("DTSTART:{}", utc(e.starts_at)));
        line(format!("DTEND:{}", utc(e.ends_at)));
        line(format!("SUMMARY:{}", escape(&e.summary)));
        line(format!("LOCATION:{}", escape(&e.location)));
        if !e.description.is_empty() {
            line(format!("DESCRIPTION:{}", escape(&e.description)));
        }
        if let Some(url) = &e.url {
            line(format!("URL:{}", escape(url)));
        }
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

/// `20261201T090000Z`.
fn utc(unix_seconds: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp(unix_seconds).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// TEXT escaping of RFC 5545 §3.3.11: backslash, semicolon, comma, newline.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (§3.1).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> CalendarEvent {
        CalendarEvent {
            uid: "event-1@dialog".into(),
            starts_at: 1_796_115_600, // 2026-12-01 09:00 UTC
            ends_at: 1_796_122_800,
            summary: "Spotkanie otwarte; Rynek, Podgórze".into(),
            location: "Dom Kultury Podgórze\nul. Sokolska 13".into(),
            description: String::new(),
            url: None,
        }
    }

    #[test]
    fn a_calendar_has_one_event_per_meeting_in_utc_with_crlf() {
        let ics = calendar("Konsultacje", &[event()], 1_796_000_000);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.contains("DTSTART:20261201T090000Z\r\n"), "{ics}");
        assert!(ics.contains("SUMMARY:Spotkanie otwarte\\; Rynek\\, Podgórze\r\n"), "{ics}");
        assert!(ics.contains("LOCATION:Dom Kultury Podgórze\\nul. Sokolska 13\r\n"), "{ics}");
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let long = CalendarEvent { summary: "ż".repeat(100), ..event() };
        let ics = calendar("K", &[long], 0);
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{}", "ż".repeat(100))));
    }
}
