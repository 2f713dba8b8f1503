//! Instants are stored in UTC (unix seconds) and shown in Europe/Warsaw time.
//!
//! Poland follows the EU summer-time rule (Directive 2000/84/EC): CEST (UTC+2) from
//! 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October,
//! CET (UTC+1) otherwise. That one rule is all we need, so we apply it here instead of
//! shipping a time-zone database to every phone that loads an island.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

const CET: i8 = 1;
const CEST: i8 = 2;

/// The last Sunday of `month` in `year`, at 01:00 UTC, as unix seconds.
fn last_sunday_01_utc(year: i32, month: Month) -> i64 {
    let days = time::util::days_in_month(month, year);
    let mut date = Date::from_calendar_date(year, month, days).expect("valid last day");
    while date.weekday() != Weekday::Sunday {
        date = date.previous_day().expect("in range");
    }
    PrimitiveDateTime::new(date, Time::from_hms(1, 0, 0).expect("valid time")).assume_utc().unix_timestamp()
}

/// Warsaw's offset from UTC at the instant `unix_seconds`.
pub fn offset_at(unix_seconds: i64) -> UtcOffset {
    let year = OffsetDateTime::from_unix_timestamp(unix_seconds).map(|t| t.year()).unwrap_or(1970);
    let summer =
        (last_sunday_01_utc(year, Month::March)..last_sunday_01_utc(year, Month::October)).contains(&unix_seconds);
    UtcOffset::from_hms(if summer { CEST } else { CET }, 0, 0).expect("valid offset")
}

/// The instant as a Warsaw wall-clock time.
pub fn to_warsaw(unix_seconds: i64) -> OffsetDateTime {
    let utc = OffsetDateTime::from_unix_timestamp(unix_seconds).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    utc.to_offset(offset_at(unix_seconds))
}

/// The instant when Warsaw's clocks show `local`. In the autumn hour that happens twice
/// the earlier instant is taken; a time in the skipped spring hour is read as summer time.
pub fn from_warsaw(local: PrimitiveDateTime) -> i64 {
    let as_winter = local.assume_offset(UtcOffset::from_hms(CET, 0, 0).expect("valid")).unix_timestamp();
    let as_summer = local.assume_offset(UtcOffset::from_hms(CEST, 0, 0).expect("valid")).unix_timestamp();
    if offset_at(as_summer).whole_hours() == CEST {
        as_summer
    } else {
        as_winter
    }
}

/// `2026-11-23`, the Warsaw calendar date of the instant (for `<time datetime>`).
pub fn iso_date(unix_seconds: i64) -> String {
    let t = to_warsaw(unix_seconds);
    format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
}

/// The instant a Warsaw calendar day `YYYY-MM-DD` begins (00:00 local time).
pub fn day_start(text: &str) -> Option<i64> {
    let (year, month, day) = super::initiative::parse_date(text)?;
    let date = Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()?;
    Some(from_warsaw(PrimitiveDateTime::new(date, Time::MIDNIGHT)))
}

/// The instant the Warsaw calendar day holding `unix_seconds` began.
pub fn day_of(unix_seconds: i64) -> i64 {
    from_warsaw(PrimitiveDateTime::new(to_warsaw(unix_seconds).date(), Time::MIDNIGHT))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_day_starts_at_warsaw_midnight_in_winter_and_summer() {
        assert_eq!(day_start("2026-01-15"), Some(datetime!(2026-01-14 23:00 UTC).unix_timestamp()));
        assert_eq!(day_start("2026-07-01"), Some(datetime!(2026-06-30 22:00 UTC).unix_timestamp()));
        let evening = datetime!(2026-07-01 21:59 UTC).unix_timestamp();
        assert_eq!(Some(day_of(evening)), day_start("2026-07-01"));
        assert_eq!(Some(day_of(evening + 60)), day_start("2026-07-02"));
        assert_eq!(day_start("2026-02-30"), None);
        assert_eq!(day_start("jutro"), None);
        assert_eq!(iso_date(day_start("2026-07-01").unwrap_or_default()), "2026-07-01");
    }

    #[test]
    fn winter_is_utc_plus_one_and_summer_utc_plus_two() {
        assert_eq!(offset_at(datetime!(2026-01-15 12:00 UTC).unix_timestamp()).whole_hours(), 1);
        assert_eq!(offset_at(datetime!(2026-07-15 12:00 UTC).unix_timestamp()).whole_hours(), 2);
    }

    #[test]
    fn clocks_change_at_one_in_the_morning_utc_on_the_last_sundays() {
        // 2026: 29 March and 25 October.
        let spring = datetime!(2026-03-29 01:00 UTC).unix_timestamp();
        assert_eq!(offset_at(spring - 1).whole_hours(), 1);
        assert_eq!(offset_at(spring).whole_hours(), 2);
        let autumn = datetime!(2026-10-25 01:00 UTC).unix_timestamp();
        assert_eq!(offset_at(autumn - 1).whole_hours(), 2);
        assert_eq!(offset_at(autumn).whole_hours(), 1);
    }

    #[test]
    fn a_warsaw_wall_clock_time_maps_to_the_right_instant() {
        assert_eq!(from_warsaw(datetime!(2026-07-01 12:00)), datetime!(2026-07-01 10:00 UTC).unix_timestamp());
        assert_eq!(from_warsaw(datetime!(2026-12-01 23:59)), datetime!(2026-12-01 22:59 UTC).unix_timestamp());
        let instant = from_warsaw(datetime!(2026-12-01 23:59));
        assert_eq!(to_warsaw(instant).hour(), 23);
    }

    #[test]
    fn the_calendar_date_is_the_warsaw_one() {
        // 23:30 UTC on 31 December is already New Year in Kraków.
        assert_eq!(iso_date(datetime!(2026-12-31 23:30 UTC).unix_timestamp()), "2027-01-01");
    }
}
