//! What goes into a subscriber's weekly digest, decided without the database: the
//! candidates (consultations, reports, events, civic-budget phases, news) come in with
//! their instants, areas and topics; `select` keeps what is new for one subscriber
//! since their last digest. Things with a horizon (closing soon, events, phases) are
//! announced once: a later digest leaves out what the previous one could already see.

use super::Interest;
use crate::domain::budget::Phase;
use crate::domain::topic::Topic;
use crate::domain::warsaw_time;
use crate::i18n::Locale;
use time::{Duration, PrimitiveDateTime, Time};

const DAY: i64 = 24 * 60 * 60;
/// A consultation is "closing soon" this many days before its end.
pub const CLOSING_HORIZON: i64 = 7 * DAY;
/// Events are announced this many days ahead.
pub const EVENT_HORIZON: i64 = 14 * DAY;
/// A civic-budget phase is announced this many days before it begins.
pub const PHASE_HORIZON: i64 = 7 * DAY;
/// However long since the last digest, it never reaches further back than this (a
/// server down for weeks does not send stale news when it comes back).
pub const MAX_LOOKBACK: i64 = 35 * DAY;
/// Items in one mail; the rest are counted and left to the site.
pub const MAX_ITEMS: usize = 30;
/// The hour (Warsaw time) on Monday from which the week's digests go.
pub const SEND_HOUR: u8 = 8;

/// The kinds of news a digest carries, in the order the mail lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Opened,
    ClosingSoon,
    Report,
    Event,
    BudgetPhase,
    News,
}

impl Kind {
    pub const ALL: [Kind; 6] =
        [Kind::Opened, Kind::ClosingSoon, Kind::Report, Kind::Event, Kind::BudgetPhase, Kind::News];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The instants a candidate of this kind is new in, for a digest composed at `now`
    /// whose reader had the previous one at `since`: (after, up to and including].
    pub fn window(self, since: i64, now: i64) -> (i64, i64) {
        match self {
            Kind::Opened | Kind::Report | Kind::News => (since, now),
            Kind::ClosingSoon => (now.max(since + CLOSING_HORIZON), now + CLOSING_HORIZON),
            Kind::Event => (now.max(since + EVENT_HORIZON), now + EVENT_HORIZON),
            Kind::BudgetPhase => (since + PHASE_HORIZON, now + PHASE_HORIZON),
        }
    }
}

/// Where a candidate happens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Area {
    City,
    Districts(Vec<u8>),
}

/// One thing that may be news.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub kind: Kind,
    /// The instant that makes it news: opened, ends, published, starts.
    pub at: i64,
    pub title: String,
    /// The site's path to read more.
    pub path: String,
    pub area: Area,
    /// Consultations (and their meetings) have a topic; the rest concern everyone.
    pub topic: Option<Topic>,
    /// A civic-budget phase (the title then holds the edition's year), named in the
    /// reader's language when the mail is written.
    pub phase: Option<Phase>,
}

impl Interest {
    pub fn wants(&self, candidate: &Candidate) -> bool {
        let area = match &candidate.area {
            Area::City => true,
            Area::Districts(ds) => self.city_wide || ds.iter().any(|d| self.districts.contains(d)),
        };
        let topic = match candidate.topic {
            None => true,
            Some(t) => self.topics.is_empty() || self.topics.contains(&t),
        };
        area && topic
    }
}

/// The candidates new for `interest` since `since`, in the mail's order (kind, then
/// instant). `since` is the previous digest (or the confirmation), clamped to
/// `MAX_LOOKBACK`.
pub fn select<'a>(candidates: &'a [Candidate], interest: &Interest, since: i64, now: i64) -> Vec<&'a Candidate> {
    let since = since.max(now - MAX_LOOKBACK);
    let mut chosen: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| {
            let (after, until) = c.kind.window(since, now);
            c.at > after && c.at <= until && interest.wants(c)
        })
        .collect();
    chosen.sort_by(|a, b| (a.kind, a.at, &a.title).cmp(&(b.kind, b.at, &b.title)));
    chosen
}

/// The week a digest belongs to, as `2026-W49` (ISO week of the Warsaw date), and the
/// instant from which its digests go (Monday, `SEND_HOUR`, Warsaw time).
pub fn period_of(now: i64) -> (String, i64) {
    let local = warsaw_time::to_warsaw(now);
    let date = local.date();
    let (year, week, weekday) = date.to_iso_week_date();
    let monday = date - Duration::days(i64::from(weekday.number_days_from_monday()));
    let sends_at =
        warsaw_time::from_warsaw(PrimitiveDateTime::new(monday, Time::from_hms(SEND_HOUR, 0, 0).expect("valid hour")));
    (format!("{year}-W{week:02}"), sends_at)
}

/// The mail: subject and plain text in the subscriber's language, each item with its
/// link, then why it came and the link that ends the subscription.
pub fn compose(
    locale: Locale,
    chosen: &[&Candidate],
    period: &str,
    base_url: &str,
    unsubscribe_url: &str,
) -> (String, String) {
    let t = locale.newsletter();
    let base = base_url.trim_end_matches('/');
    let week = period.rsplit('W').next().unwrap_or(period).trim_start_matches('0');
    let subject = t.digest_subject.replace("{week}", week);
    let mut body = format!("{}\n\n", t.digest_intro);
    for kind in Kind::ALL {
        let items: Vec<&&Candidate> = chosen.iter().filter(|c| c.kind == kind).collect();
        if items.is_empty() {
            continue;
        }
        body.push_str(&format!("{}\n", t.digest_sections[kind.index()]));
        for item in items.iter().take(MAX_ITEMS) {
            let when = match kind {
                Kind::Event | Kind::ClosingSoon | Kind::BudgetPhase => format!(" ({})", locale.date_time(item.at)),
                _ => String::new(),
            };
            let title = match item.phase {
                Some(phase) => format!("{} {}: {}", locale.budget().home_title, item.title, locale.budget_phase(phase)),
                None => item.title.clone(),
            };
            body.push_str(&format!("- {title}{when}\n  {base}{}\n", item.path));
        }
        body.push('\n');
    }
    if chosen.len() > MAX_ITEMS {
        body.push_str(&format!(
            "{}\n{base}/events\n\n",
            t.digest_more.replace("{n}", &(chosen.len() - MAX_ITEMS).to_string())
        ));
    }
    body.push_str(&format!("--\n{}\n{}\n{unsubscribe_url}\n", t.digest_why, t.digest_unsubscribe));
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_796_630_400; // Monday 2026-12-07, 09:00 Warsaw time.

    fn candidate(kind: Kind, at: i64, area: Area, topic: Option<Topic>) -> Candidate {
        Candidate { kind, at, title: format!("{kind:?} {at}"), path: "/x".to_owned(), area, topic, phase: None }
    }

    fn district(n: u8) -> Interest {
        Interest { city_wide: false, districts: vec![n], topics: vec![] }
    }

    #[test]
    fn the_period_is_the_warsaw_iso_week_and_it_opens_on_monday_morning() {
        let (period, sends_at) = period_of(NOW);
        assert_eq!(period, "2026-W50");
        assert_eq!(sends_at, NOW - 3600);
        // Sunday 23:30 Warsaw time still belongs to the week before.
        assert_eq!(period_of(NOW - 9 * 3600 - 1800).0, "2026-W49");
        // Summer time: Monday 2026-06-01 08:00 CEST is 06:00 UTC.
        let (june, at) = period_of(1_780_272_000 + 7 * 3600);
        assert_eq!((june.as_str(), at), ("2026-W23", 1_780_272_000 + 6 * 3600));
    }

    #[test]
    fn only_what_happened_since_the_last_digest_is_new() {
        let since = NOW - 7 * DAY;
        let all = [
            candidate(Kind::Opened, since - 1, Area::City, None),
            candidate(Kind::Opened, since + 1, Area::City, None),
            candidate(Kind::Report, NOW, Area::City, None),
            candidate(Kind::News, NOW + 1, Area::City, None),
        ];
        let chosen = select(&all, &district(1), since, NOW);
        assert_eq!(chosen, vec![&all[1], &all[2]]);
        assert!(select(&all, &district(1), NOW, NOW).is_empty(), "nothing new since a digest just sent");
    }

    #[test]
    fn what_lies_ahead_is_announced_once() {
        let since = NOW - 7 * DAY;
        let closing_now = candidate(Kind::ClosingSoon, NOW + 2 * DAY, Area::City, None);
        let announced_before = candidate(Kind::ClosingSoon, since + 3 * DAY, Area::City, None);
        let closed = candidate(Kind::ClosingSoon, NOW - DAY, Area::City, None);
        let far = candidate(Kind::ClosingSoon, NOW + 8 * DAY, Area::City, None);
        let event = candidate(Kind::Event, NOW + 10 * DAY, Area::City, None);
        let event_seen = candidate(Kind::Event, since + 10 * DAY, Area::City, None);
        let phase = candidate(Kind::BudgetPhase, NOW + 3 * DAY, Area::City, None);
        let all = [closing_now, announced_before, closed, far, event, event_seen, phase];
        let chosen = select(&all, &district(5), since, NOW);
        assert_eq!(chosen, vec![&all[0], &all[4], &all[6]]);
        // The next week's digest does not repeat them.
        assert!(select(&all, &district(5), NOW, NOW + 7 * DAY).iter().all(|c| c.at > NOW + 7 * DAY));
    }

    #[test]
    fn districts_and_topics_filter_what_is_local_and_topical() {
        let since = NOW - 7 * DAY;
        let podgorze = candidate(Kind::Opened, NOW - DAY, Area::Districts(vec![13]), Some(Topic::Greenery));
        let nowa_huta = candidate(Kind::Opened, NOW - DAY, Area::Districts(vec![18]), Some(Topic::Transport));
        let city = candidate(Kind::Opened, NOW - DAY, Area::City, Some(Topic::Transport));
        let phase = candidate(Kind::BudgetPhase, NOW + DAY, Area::City, None);
        let all = [podgorze, nowa_huta, city, phase];
        let greenery_13 = Interest { city_wide: false, districts: vec![13], topics: vec![Topic::Greenery] };
        assert_eq!(select(&all, &greenery_13, since, NOW), vec![&all[0], &all[3]]);
        assert_eq!(select(&all, &district(18), since, NOW), vec![&all[1], &all[2], &all[3]]);
        let everywhere = Interest { city_wide: true, districts: vec![], topics: vec![Topic::Transport] };
        assert_eq!(select(&all, &everywhere, since, NOW), vec![&all[1], &all[2], &all[3]]);
        assert_eq!(select(&all, &district(1), since, NOW), vec![&all[2], &all[3]]);
    }

    #[test]
    fn a_long_silence_reaches_back_five_weeks_at_most() {
        let old = candidate(Kind::Opened, NOW - 40 * DAY, Area::City, None);
        let recent = candidate(Kind::Opened, NOW - 30 * DAY, Area::City, None);
        let all = [old, recent];
        assert_eq!(select(&all, &district(1), 0, NOW), vec![&all[1]]);
    }

    #[test]
    fn the_mail_lists_each_section_with_links_and_ends_with_the_unsubscribe_link() {
        let a = candidate(Kind::Report, NOW - DAY, Area::City, None);
        let b = candidate(Kind::Opened, NOW - DAY, Area::City, None);
        let (subject, body) =
            compose(Locale::En, &[&b, &a], "2026-W50", "https://x.pl/", "https://x.pl/newsletter/unsubscribe/t");
        assert!(subject.contains("50"), "{subject}");
        let opened = body.find(Locale::En.newsletter().digest_sections[0]).unwrap();
        let reports = body.find(Locale::En.newsletter().digest_sections[2]).unwrap();
        assert!(opened < reports);
        assert!(body.contains("https://x.pl/x"));
        assert!(body.trim_end().ends_with("https://x.pl/newsletter/unsubscribe/t"));
        assert!(!body.contains(Locale::En.newsletter().digest_sections[3]), "no empty sections");
    }
}
