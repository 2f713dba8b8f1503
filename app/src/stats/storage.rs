//! The statistics' queries: each counts in the database and brings back groups, never
//! rows about people. Times are grouped by the hour in SQL and into Warsaw months here
//! (Warsaw's offset is a whole number of hours, so no moment lands in the wrong month).

use super::{AgeGroup, Counts, Process, Stats, StatsQuery};
use crate::db::Db;
use crate::domain::calendar::Month;
use crate::domain::district::District;
use std::collections::BTreeMap;

/// One process's tables: what it counts and how its time, channel and district are
/// named in its table.
struct Source {
    process: Process,
    /// `from <table> where <condition>`; `$1`/`$2` bound to the span's ends on `time`.
    from: &'static str,
    time: &'static str,
    channel: &'static str,
    district: &'static str,
}

const SOURCES: [Source; 3] = [
    Source {
        process: Process::Consultations,
        from: "remarks r left join users u on u.id = r.author_id where r.state <> 'withdrawn'",
        time: "r.received_at",
        channel: "r.channel",
        district: "cast(u.district as bigint)",
    },
    Source {
        process: Process::Budget,
        from: "budget_participations p where p.annulled_at is null",
        time: "p.cast_minute",
        channel: "p.channel",
        district: "cast(p.district as bigint)",
    },
    Source {
        process: Process::Initiatives,
        from: "initiatives i where i.submitted_at is not null",
        time: "i.submitted_at",
        channel: "i.applicant_kind",
        district: "cast(i.district as bigint)",
    },
];

/// Counts of `group` (an SQL expression) within the span, for one source.
async fn grouped<T>(db: &Db, source: &Source, group: &str, query: StatsQuery) -> Result<Vec<(T, i64)>, sqlx::Error>
where
    T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + Unpin,
{
    let sql = format!(
        "select {group} as g, count(*) as n from {} and {time} >= $1 and {time} < $2 group by {group}",
        source.from,
        time = source.time
    );
    sqlx::query_as::<_, (T, i64)>(&sql).bind(query.starts_at()).bind(query.ends_at()).fetch_all(db).await
}

pub async fn stats(db: &Db, query: StatsQuery) -> Result<Stats, sqlx::Error> {
    let months = query.months();
    let mut by_month: BTreeMap<String, Counts> = months.iter().map(|m| (m.param(), [0; 3])).collect();
    let mut by_channel = Vec::new();
    let mut by_district: BTreeMap<Option<u8>, Counts> = BTreeMap::new();
    let mut totals = [0; 3];
    for source in &SOURCES {
        let i = source.process.index();
        let hours: Vec<(i64, i64)> = grouped(db, source, &format!("{} / 3600", source.time), query).await?;
        for (hour, n) in hours {
            if let Some(counts) = by_month.get_mut(&Month::of(hour * 3600).param()) {
                counts[i] += n;
                totals[i] += n;
            }
        }
        let mut channels: Vec<(String, i64)> = grouped(db, source, source.channel, query).await?;
        channels.sort();
        by_channel.extend(channels.into_iter().map(|(channel, n)| (source.process, channel, n)));
        let districts: Vec<(Option<i64>, i64)> = grouped(db, source, source.district, query).await?;
        for (district, n) in districts {
            let district = district.and_then(|d| u8::try_from(d).ok()).filter(|d| District::new(*d).is_some());
            by_district.entry(district).or_insert([0; 3])[i] += n;
        }
    }
    // Age at the edition's year, from the birth year the vote recorded.
    let budget = &SOURCES[Process::Budget.index()];
    let ages: Vec<(Option<i64>, i64)> = grouped(db, budget, "p.year - p.birth_year", query).await?;
    let mut by_age: BTreeMap<AgeGroup, i64> = AgeGroup::ALL.into_iter().map(|g| (g, 0)).collect();
    for (age, n) in ages {
        *by_age.entry(AgeGroup::of(age)).or_default() += n;
    }
    // Every district in order, then those not known.
    let mut districts: Vec<(Option<District>, Counts)> =
        District::all().map(|d| (Some(d), by_district.get(&Some(d.number())).copied().unwrap_or([0; 3]))).collect();
    districts.push((None, by_district.get(&None).copied().unwrap_or([0; 3])));
    Ok(Stats {
        query,
        by_month: months.into_iter().map(|m| (m, by_month.get(&m.param()).copied().unwrap_or([0; 3]))).collect(),
        by_channel,
        by_district: districts,
        by_age: by_age.into_iter().collect(),
        totals,
    })
}
