//! When a consultation is announced, open, closed or reported, and the statutory
//! minimums of its schedule (Resolution CXI/2904/18 of the City Council: at least
//! 7 days of information before it starts and at least 21 days of consultation).
//! The phase is derived from the dates, never stored, so it can't go stale.

use serde::{Deserialize, Serialize};

pub const DAY: i64 = 24 * 60 * 60;
/// "co najmniej 7 dni" of information before the consultation starts.
pub const MIN_INFORMATION_DAYS: i64 = 7;
/// "co najmniej 21 dni" of consultation.
pub const MIN_CONSULTATION_DAYS: i64 = 21;

/// The three instants that make a consultation's schedule, in unix seconds (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub information_starts_at: i64,
    pub starts_at: i64,
    pub ends_at: i64,
}

/// Why a schedule breaks the statutory minimums. Each names the field it concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScheduleProblem {
    /// The consultation must start after the information period begins.
    InformationAfterStart,
    /// Fewer than 7 days between the announcement and the start.
    InformationTooShort,
    /// The end is not after the start.
    EndNotAfterStart,
    /// Fewer than 21 days of consultation.
    ConsultationTooShort,
}

impl Schedule {
    /// A schedule that meets the statutory minimums, or every problem it has.
    pub fn parse(information_starts_at: i64, starts_at: i64, ends_at: i64) -> Result<Self, Vec<ScheduleProblem>> {
        let mut problems = Vec::new();
        if information_starts_at > starts_at {
            problems.push(ScheduleProblem::InformationAfterStart);
        } else if starts_at - information_starts_at < MIN_INFORMATION_DAYS * DAY {
            problems.push(ScheduleProblem::InformationTooShort);
        }
        if ends_at <= starts_at {
            problems.push(ScheduleProblem::EndNotAfterStart);
        } else if ends_at - starts_at < MIN_CONSULTATION_DAYS * DAY {
            problems.push(ScheduleProblem::ConsultationTooShort);
        }
        if problems.is_empty() {
            Ok(Self { information_starts_at, starts_at, ends_at })
        } else {
            Err(problems)
        }
    }

    /// The phase at `now`, given when (if ever) the final report was published.
    pub fn phase(&self, report_published_at: Option<i64>, now: i64) -> Phase {
        if report_published_at.is_some_and(|at| at <= now) {
            Phase::ReportPublished
        } else if now >= self.ends_at {
            Phase::Closed
        } else if now >= self.starts_at {
            Phase::Open
        } else if now >= self.information_starts_at {
            Phase::Announced
        } else {
            Phase::Scheduled
        }
    }
}

/// Where a consultation stands. Only `Scheduled` ones are hidden from the public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Not yet announced: the information period has not begun.
    Scheduled,
    Announced,
    Open,
    Closed,
    ReportPublished,
}

impl Phase {
    /// The phases residents can filter by, in the order they happen.
    pub const PUBLIC: [Phase; 4] = [Phase::Announced, Phase::Open, Phase::Closed, Phase::ReportPublished];

    pub fn slug(self) -> &'static str {
        match self {
            Phase::Scheduled => "scheduled",
            Phase::Announced => "announced",
            Phase::Open => "open",
            Phase::Closed => "closed",
            Phase::ReportPublished => "report_published",
        }
    }

    /// A public phase from its slug; `scheduled` is not something the public can ask for.
    pub fn parse_public(slug: &str) -> Option<Self> {
        Self::PUBLIC.into_iter().find(|p| p.slug() == slug.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_800_000_000;

    #[test]
    fn seven_days_of_information_and_twenty_one_of_consultation_are_enough() {
        let s = Schedule::parse(T0, T0 + 7 * DAY, T0 + 28 * DAY).unwrap();
        assert_eq!(s.starts_at - s.information_starts_at, 7 * DAY);
    }

    #[test]
    fn a_consultation_announced_six_days_ahead_is_refused() {
        assert_eq!(Schedule::parse(T0, T0 + 6 * DAY, T0 + 30 * DAY), Err(vec![ScheduleProblem::InformationTooShort]));
    }

    #[test]
    fn a_twenty_day_consultation_is_refused() {
        assert_eq!(Schedule::parse(T0, T0 + 7 * DAY, T0 + 27 * DAY), Err(vec![ScheduleProblem::ConsultationTooShort]));
    }

    #[test]
    fn dates_in_the_wrong_order_report_every_problem() {
        assert_eq!(
            Schedule::parse(T0 + DAY, T0, T0 - DAY),
            Err(vec![ScheduleProblem::InformationAfterStart, ScheduleProblem::EndNotAfterStart])
        );
    }

    #[test]
    fn the_phase_follows_the_clock() {
        let s = Schedule::parse(T0, T0 + 7 * DAY, T0 + 28 * DAY).unwrap();
        assert_eq!(s.phase(None, T0 - 1), Phase::Scheduled);
        assert_eq!(s.phase(None, T0), Phase::Announced);
        assert_eq!(s.phase(None, T0 + 7 * DAY), Phase::Open);
        assert_eq!(s.phase(None, T0 + 28 * DAY - 1), Phase::Open);
        assert_eq!(s.phase(None, T0 + 28 * DAY), Phase::Closed);
        assert_eq!(s.phase(Some(T0 + 40 * DAY), T0 + 39 * DAY), Phase::Closed);
        assert_eq!(s.phase(Some(T0 + 40 * DAY), T0 + 40 * DAY), Phase::ReportPublished);
    }

    #[test]
    fn only_public_phases_can_be_filtered_by() {
        assert_eq!(Phase::parse_public("open"), Some(Phase::Open));
        assert_eq!(Phase::parse_public("report_published"), Some(Phase::ReportPublished));
        assert_eq!(Phase::parse_public("scheduled"), None);
        assert_eq!(Phase::parse_public("<script>"), None);
    }
}
