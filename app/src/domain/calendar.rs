//! The city's one calendar of events (`/events`): what kinds of event it holds, the
//! facts of access each event states, and the month the page shows (Warsaw time,
//! weeks from Monday as Polish calendars print them).

use super::consultation_forms::EventKind;
use super::warsaw_time;
use serde::{Deserialize, Serialize};
use time::{Date, Month as CalendarMonth, PrimitiveDateTime, Time};

/// Every kind of event the calendar shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarKind {
    Meeting,
    Workshop,
    DutyHours,
    Debate,
    /// A citizens' panel ("panel obywatelski").
    CitizensPanel,
    /// A place to vote on paper in the civic budget ("punkt do głosowania").
    VotingPoint,
    /// The civic budget's voting days, from the edition's calendar.
    Voting,
}

impl CalendarKind {
    pub const ALL: [CalendarKind; 7] = [
        CalendarKind::Meeting,
        CalendarKind::Workshop,
        CalendarKind::Debate,
        CalendarKind::CitizensPanel,
        CalendarKind::DutyHours,
        CalendarKind::VotingPoint,
        CalendarKind::Voting,
    ];

    /// The kinds an editor adds on their own (voting days come from the edition).
    pub const EDITABLE: [CalendarKind; 6] = [
        CalendarKind::Meeting,
        CalendarKind::Workshop,
        CalendarKind::Debate,
        CalendarKind::CitizensPanel,
        CalendarKind::DutyHours,
        CalendarKind::VotingPoint,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CalendarKind::Meeting => "meeting",
            CalendarKind::Workshop => "workshop",
            CalendarKind::DutyHours => "duty_hours",
            CalendarKind::Debate => "debate",
            CalendarKind::CitizensPanel => "citizens_panel",
            CalendarKind::VotingPoint => "voting_point",
            CalendarKind::Voting => "voting",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn parse_editable(code: &str) -> Option<Self> {
        Self::EDITABLE.into_iter().find(|k| k.code() == code)
    }
}

impl From<EventKind> for CalendarKind {
    fn from(kind: EventKind) -> Self {
        match kind {
            EventKind::Meeting => CalendarKind::Meeting,
            EventKind::Workshop => CalendarKind::Workshop,
            EventKind::DutyHours => CalendarKind::DutyHours,
        }
    }
}

/// What a person with a disability needs to know before coming.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Access {
    /// Step-free entrance and rooms (a wheelchair gets in).
    pub step_free: bool,
    /// An induction loop for hearing aids.
    pub induction_loop: bool,
    /// A Polish Sign Language (PJM) interpreter.
    pub sign_language: bool,
}

impl Access {
    /// The flags' form field names, in the order pages list them.
    pub const FIELDS: [&'static str; 3] = ["step_free", "induction_loop", "sign_language"];

    /// From a form: a ticked checkbox sends its field (any value).
    pub fn from_fields(ticked: impl Fn(&str) -> bool) -> Self {
        Access {
            step_free: ticked("step_free"),
            induction_loop: ticked("induction_loop"),
            sign_language: ticked("sign_language"),
        }
    }

    pub fn get(self, field: &str) -> bool {
        match field {
            "step_free" => self.step_free,
            "induction_loop" => self.induction_loop,
            "sign_language" => self.sign_language,
            _ => false,
        }
    }

    pub fn any(self) -> bool {
        self.step_free || self.induction_loop || self.sign_language
    }
}

/// A calendar month, e.g. December 2026.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    /// 1–12.
    pub month: u8,
}

impl Month {
    /// The Warsaw month holding the instant.
    pub fn of(unix_seconds: i64) -> Self {
        let t = warsaw_time::to_warsaw(unix_seconds);
        Month { year: t.year(), month: u8::from(t.month()) }
    }

    /// `2026-12`; years 2000–2100 only (a calendar of civic dialogue, not of history).
    pub fn parse(text: &str) -> Option<Self> {
        let (year, month) = text.trim().split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let month: u8 = month.parse().ok()?;
        ((2000..=2100).contains(&year) && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    pub fn param(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    fn calendar_month(self) -> CalendarMonth {
        CalendarMonth::try_from(self.month).unwrap_or(CalendarMonth::January)
    }

    fn first_day(self) -> Date {
        Date::from_calendar_date(self.year, self.calendar_month(), 1).unwrap_or(Date::MIN)
    }

    /// The instant the month begins in Warsaw.
    pub fn starts_at(self) -> i64 {
        warsaw_time::from_warsaw(PrimitiveDateTime::new(self.first_day(), Time::MIDNIGHT))
    }

    /// The instant the next month begins in Warsaw.
    pub fn ends_at(self) -> i64 {
        self.next().starts_at()
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            Month { year: self.year + 1, month: 1 }
        } else {
            Month { year: self.year, month: self.month + 1 }
        }
    }

    pub fn previous(self) -> Self {
        if self.month == 1 {
            Month { year: self.year - 1, month: 12 }
        } else {
            Month { year: self.year, month: self.month - 1 }
        }
    }

    pub fn days(self) -> u8 {
        time::util::days_in_month(self.calendar_month(), self.year)
    }

    /// The month's weeks, Monday first: each day's number, `None` for the days of the
    /// neighbouring months that fill the first and last week.
    pub fn weeks(self) -> Vec<[Option<u8>; 7]> {
        let lead = usize::from(self.first_day().weekday().number_days_from_monday());
        let mut cells: Vec<Option<u8>> = vec![None; lead];
        cells.extend((1..=self.days()).map(Some));
        while cells.len() % 7 != 0 {
            cells.push(None);
        }
        cells.chunks(7).map(|week| std::array::from_fn(|i| week[i])).collect()
    }

    /// The day of this month (1–31) on which the instant falls in Warsaw, if it does.
    pub fn day_of(self, unix_seconds: i64) -> Option<u8> {
        let t = warsaw_time::to_warsaw(unix_seconds);
        (t.year() == self.year && u8::from(t.month()) == self.month).then_some(t.day())
    }

    /// `2026-12-05` for day 5.
    pub fn iso_day(self, day: u8) -> String {
        format!("{}-{day:02}", self.param())
    }
}

/// Which days of `month` an event from `starts_at` to `ends_at` covers (an event that
/// ends at midnight does not cover the next day).
pub fn days_covered(month: Month, starts_at: i64, ends_at: i64) -> Vec<u8> {
    let (from, to) = (starts_at.max(month.starts_at()), (ends_at - 1).min(month.ends_at() - 1));
    if from > to {
        return Vec::new();
    }
    match (month.day_of(from), month.day_of(to)) {
        (Some(first), Some(last)) => (first..=last).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_month_is_parsed_strictly_and_steps_over_new_year() {
        assert_eq!(Month::parse("2026-12"), Some(Month { year: 2026, month: 12 }));
        for bad in ["2026-13", "2026-1", "26-12", "1999-05", "grudzień", "", "2026-00"] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        let december = Month { year: 2026, month: 12 };
        assert_eq!(december.next().param(), "2027-01");
        assert_eq!(december.next().previous(), december);
        assert_eq!(Month { year: 2027, month: 1 }.previous(), december);
    }

    #[test]
    fn a_month_begins_at_warsaw_midnight() {
        let december = Month { year: 2026, month: 12 };
        assert_eq!(december.starts_at(), datetime!(2026-11-30 23:00 UTC).unix_timestamp());
        assert_eq!(december.ends_at(), datetime!(2026-12-31 23:00 UTC).unix_timestamp());
        let july = Month { year: 2026, month: 7 };
        assert_eq!(july.starts_at(), datetime!(2026-06-30 22:00 UTC).unix_timestamp());
        assert_eq!(Month::of(datetime!(2026-11-30 23:30 UTC).unix_timestamp()), december);
    }

    #[test]
    fn weeks_start_on_monday_and_hold_every_day_once() {
        // 1 December 2026 is a Tuesday; 31 December a Thursday.
        let weeks = Month { year: 2026, month: 12 }.weeks();
        assert_eq!(weeks.len(), 5);
        assert_eq!(weeks[0][0], None);
        assert_eq!(weeks[0][1], Some(1));
        assert_eq!(weeks[4][3], Some(31));
        assert_eq!(weeks[4][4], None);
        let days: Vec<u8> = weeks.iter().flatten().flatten().copied().collect();
        assert_eq!(days, (1..=31).collect::<Vec<u8>>());
        // February 2027 begins on a Monday and fills exactly four weeks.
        assert_eq!(Month { year: 2027, month: 2 }.weeks().len(), 4);
    }

    #[test]
    fn an_event_covers_the_days_it_spans_within_the_month() {
        let december = Month { year: 2026, month: 12 };
        let evening = datetime!(2026-12-10 17:00 UTC).unix_timestamp();
        assert_eq!(days_covered(december, evening, evening + 7_200), vec![10]);
        // Voting from 28 November to 3 December, ending at Warsaw midnight.
        let voting =
            (datetime!(2026-11-27 23:00 UTC).unix_timestamp(), datetime!(2026-12-03 23:00 UTC).unix_timestamp());
        assert_eq!(days_covered(december, voting.0, voting.1), vec![1, 2, 3]);
        assert_eq!(days_covered(Month { year: 2027, month: 1 }, voting.0, voting.1), Vec::<u8>::new());
    }

    #[test]
    fn access_flags_come_from_ticked_boxes() {
        let access = Access::from_fields(|f| f == "induction_loop");
        assert!(access.induction_loop && !access.step_free && !access.sign_language);
        assert!(access.any() && !Access::default().any());
        assert!(Access::FIELDS
            .iter()
            .all(|f| Access { step_free: true, induction_loop: true, sign_language: true }.get(f)));
    }

    #[test]
    fn kinds_round_trip_and_voting_days_are_not_typed_in() {
        for kind in CalendarKind::ALL {
            assert_eq!(CalendarKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(CalendarKind::parse_editable("voting"), None);
        assert_eq!(CalendarKind::from(EventKind::DutyHours), CalendarKind::DutyHours);
    }
}
