//! Statistics for reporting (`/moderation/stats`): participation in consultations,
//! the civic budget and local initiatives over a span of months, by month, by channel,
//! by district and (for the civic budget, the one process that knows birth years) by
//! age group. Aggregates only: a count from 1 to [`SUPPRESS_BELOW`]` - 1` is shown as
//! "fewer than 5", so no cell points at a person. The same tables as CSV.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod storage;

use crate::domain::calendar::Month;
use crate::domain::district::District;
use serde::{Deserialize, Serialize};

/// Counts below this (and above zero) are not shown.
pub const SUPPRESS_BELOW: i64 = 5;
/// The longest span one query covers.
pub const MAX_MONTHS: usize = 36;

/// The three processes residents take part in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Process {
    /// Remarks and replies on consultations.
    Consultations,
    /// Votes cast in the civic budget (annulled ones not counted).
    Budget,
    /// Local-initiative applications submitted.
    Initiatives,
}

impl Process {
    pub const ALL: [Process; 3] = [Process::Consultations, Process::Budget, Process::Initiatives];

    pub fn code(self) -> &'static str {
        match self {
            Process::Consultations => "consultations",
            Process::Budget => "budget",
            Process::Initiatives => "initiatives",
        }
    }

    pub fn index(self) -> usize {
        Process::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// Age at the edition's year, in the groups public statistics use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AgeGroup {
    Under18,
    From18To24,
    From25To34,
    From35To44,
    From45To54,
    From55To64,
    From65,
    Unknown,
}

impl AgeGroup {
    pub const ALL: [AgeGroup; 8] = [
        AgeGroup::Under18,
        AgeGroup::From18To24,
        AgeGroup::From25To34,
        AgeGroup::From35To44,
        AgeGroup::From45To54,
        AgeGroup::From55To64,
        AgeGroup::From65,
        AgeGroup::Unknown,
    ];

    /// The group of someone `age` years old (none given: unknown).
    pub fn of(age: Option<i64>) -> Self {
        match age {
            None => AgeGroup::Unknown,
            Some(a) if !(0..=130).contains(&a) => AgeGroup::Unknown,
            Some(a) if a < 18 => AgeGroup::Under18,
            Some(a) if a < 25 => AgeGroup::From18To24,
            Some(a) if a < 35 => AgeGroup::From25To34,
            Some(a) if a < 45 => AgeGroup::From35To44,
            Some(a) if a < 55 => AgeGroup::From45To54,
            Some(a) if a < 65 => AgeGroup::From55To64,
            Some(_) => AgeGroup::From65,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            AgeGroup::Under18 => "0-17",
            AgeGroup::From18To24 => "18-24",
            AgeGroup::From25To34 => "25-34",
            AgeGroup::From35To44 => "35-44",
            AgeGroup::From45To54 => "45-54",
            AgeGroup::From55To64 => "55-64",
            AgeGroup::From65 => "65+",
            AgeGroup::Unknown => "unknown",
        }
    }
}

/// A count as it may be shown: zero, "fewer than 5", or the number.
pub fn shown(count: i64) -> Option<i64> {
    (count == 0 || count >= SUPPRESS_BELOW).then_some(count)
}

/// The months asked for (`?from=2026-01&to=2026-12`), by default the last twelve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsQuery {
    pub from: Month,
    pub to: Month,
}

impl StatsQuery {
    pub fn from_query(get: impl Fn(&str) -> Option<String>, now: i64) -> Self {
        let month = |name: &str| get(name).and_then(|v| Month::parse(v.trim()));
        let to = month("to").unwrap_or_else(|| Month::of(now));
        let from = month("from").unwrap_or_else(|| back(to, 11));
        let (from, to) = if from.starts_at() > to.starts_at() { (to, from) } else { (from, to) };
        // At most MAX_MONTHS: the end stays, the start moves up.
        let earliest = back(to, MAX_MONTHS - 1);
        let from = if from.starts_at() < earliest.starts_at() { earliest } else { from };
        StatsQuery { from, to }
    }

    /// Every month of the span, oldest first.
    pub fn months(self) -> Vec<Month> {
        let mut out = vec![self.from];
        while out.len() < MAX_MONTHS && out[out.len() - 1] != self.to {
            let next = out[out.len() - 1].next();
            out.push(next);
        }
        out
    }

    pub fn starts_at(self) -> i64 {
        self.from.starts_at()
    }

    pub fn ends_at(self) -> i64 {
        self.to.ends_at()
    }

    pub fn query_string(self) -> String {
        format!("?from={}&to={}", self.from.param(), self.to.param())
    }
}

/// The month `n` months before `month`.
fn back(month: Month, n: usize) -> Month {
    (0..n).fold(month, |m, _| m.previous())
}

/// The three processes' counts in one row.
pub type Counts = [i64; 3];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub query: StatsQuery,
    pub by_month: Vec<(Month, Counts)>,
    /// Per process, its channels (for initiatives: who applied) and their counts.
    pub by_channel: Vec<(Process, String, i64)>,
    /// `None`: the district is not known (or the remark came by another channel).
    pub by_district: Vec<(Option<District>, Counts)>,
    pub by_age: Vec<(AgeGroup, i64)>,
    pub totals: Counts,
}

impl Stats {
    /// Every table as CSV rows: `section,dimension,process,count` (a suppressed count is
    /// written `<5`), with a header, in Polish codes a spreadsheet reads as they are.
    pub fn csv(&self) -> String {
        let mut out = String::from("sekcja,wymiar,proces,liczba\r\n");
        let cell = |n: i64| shown(n).map_or_else(|| format!("<{SUPPRESS_BELOW}"), |n| n.to_string());
        let mut row = |section: &str, dimension: &str, process: Process, n: i64| {
            out.push_str(&format!("{section},{dimension},{},{}\r\n", process.code(), cell(n)));
        };
        for process in Process::ALL {
            row("razem", "", process, self.totals[process.index()]);
        }
        for (month, counts) in &self.by_month {
            for process in Process::ALL {
                row("miesiac", &month.param(), process, counts[process.index()]);
            }
        }
        for (process, channel, n) in &self.by_channel {
            row("kanal", channel, *process, *n);
        }
        for (district, counts) in &self.by_district {
            let name = district.map_or_else(|| "brak".to_owned(), |d| d.number().to_string());
            for process in Process::ALL {
                row("dzielnica", &name, process, counts[process.index()]);
            }
        }
        for (group, n) in &self.by_age {
            row("wiek", group.code(), Process::Budget, *n);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(from: &str, to: &str) -> StatsQuery {
        let (from, to) = (from.to_owned(), to.to_owned());
        StatsQuery::from_query(
            move |k| match k {
                "from" => Some(from.clone()),
                "to" => Some(to.clone()),
                _ => None,
            },
            0,
        )
    }

    #[test]
    fn small_counts_are_suppressed_and_zero_is_not() {
        assert_eq!(shown(0), Some(0));
        for n in 1..SUPPRESS_BELOW {
            assert_eq!(shown(n), None, "{n}");
        }
        assert_eq!(shown(5), Some(5));
    }

    #[test]
    fn age_groups_follow_the_usual_bands() {
        assert_eq!(AgeGroup::of(Some(17)), AgeGroup::Under18);
        assert_eq!(AgeGroup::of(Some(18)), AgeGroup::From18To24);
        assert_eq!(AgeGroup::of(Some(64)), AgeGroup::From55To64);
        assert_eq!(AgeGroup::of(Some(65)), AgeGroup::From65);
        assert_eq!(AgeGroup::of(None), AgeGroup::Unknown);
        assert_eq!(AgeGroup::of(Some(-3)), AgeGroup::Unknown);
    }

    #[test]
    fn the_span_is_ordered_and_bounded() {
        let q = query("2026-03", "2026-01");
        assert_eq!((q.from.param(), q.to.param()), ("2026-01".to_owned(), "2026-03".to_owned()));
        assert_eq!(q.months().len(), 3);
        let long = query("2010-01", "2026-12");
        assert_eq!(long.months().len(), MAX_MONTHS);
        assert_eq!(long.to.param(), "2026-12");
        let default = StatsQuery::from_query(|_| None, Month::parse("2026-12").unwrap().starts_at() + 86_400);
        assert_eq!((default.from.param(), default.months().len()), ("2026-01".to_owned(), 12));
    }

    #[test]
    fn the_csv_suppresses_small_cells() {
        let q = query("2026-01", "2026-01");
        let stats = Stats {
            query: q,
            by_month: vec![(q.from, [12, 3, 0])],
            by_channel: vec![(Process::Consultations, "online".into(), 12)],
            by_district: vec![(District::new(13), [2, 0, 7])],
            by_age: vec![(AgeGroup::From65, 4)],
            totals: [12, 3, 0],
        };
        let csv = stats.csv();
        assert!(csv.starts_with("sekcja,wymiar,proces,liczba\r\n"));
        assert!(csv.contains("miesiac,2026-01,consultations,12\r\n"));
        assert!(csv.contains("miesiac,2026-01,budget,<5\r\n"));
        assert!(csv.contains("miesiac,2026-01,initiatives,0\r\n"));
        assert!(csv.contains("dzielnica,13,consultations,<5\r\n"));
        assert!(csv.contains("wiek,65+,budget,<5\r\n"));
        assert!(!csv.contains(",3\r\n") && !csv.contains(",4\r\n") && !csv.contains(",2\r\n"));
    }
}
