//! `/moderation/stats`: the span of months as a GET form, then the tables (each with its
//! caption and header cells), and the same tables as CSV.

use super::api::participation_stats;
use super::{shown, Counts, Process, Stats, SUPPRESS_BELOW};
use crate::accounts::pages::{refusal, PageHeading};
use crate::components::layout::use_locale;
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StatsPage() -> impl IntoView {
    let locale = use_locale();
    let raw = use_query_map().get_untracked();
    let data = {
        let (from, to) = (raw.get("from"), raw.get("to"));
        async move { participation_stats(from, to).await }
    };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(stats) => view! { <StatsView stats=stats locale=locale/> }.into_any(),
                    Err(error) => refusal(error),
                }
            })}
        </Suspense>
    }
}

/// A count as shown: the number, or "<5".
fn cell(n: i64) -> String {
    shown(n).map_or_else(|| format!("<{SUPPRESS_BELOW}"), |n| n.to_string())
}

fn process_headers(locale: Locale) -> impl IntoView {
    Process::ALL.map(|p| view! { <th scope="col" class="numeric">{locale.process(p)}</th> })
}

fn counts(row: Counts) -> impl IntoView {
    row.map(|n| view! { <td class="numeric">{cell(n)}</td> })
}

#[component]
fn StatsView(stats: Stats, locale: Locale) -> impl IntoView {
    let s = locale.stats();
    let query = stats.query;
    view! {
        <PageHeading title=s.title/>
        <p class="lead">{s.lead}</p>
        <p class="notice">{s.suppressed}</p>
        <form method="get" action="/moderation/stats" class="filter-form">
            <fieldset class="filters">
                <legend>{s.span}</legend>
                <p class="hint" id="stats-month-hint">{s.month_hint}</p>
                <div class="field">
                    <label for="stats-from">{s.from}</label>
                    <input id="stats-from" name="from" type="text" inputmode="numeric" value=query.from.param() aria-describedby="stats-month-hint" class="short"/>
                </div>
                <div class="field">
                    <label for="stats-to">{s.to}</label>
                    <input id="stats-to" name="to" type="text" inputmode="numeric" value=query.to.param() aria-describedby="stats-month-hint" class="short"/>
                </div>
                <button type="submit" class="button">{s.show}</button>
            </fieldset>
        </form>
        <p class="exports">
            <a href=format!("/moderation/stats.csv{}", query.query_string()) download="">{s.csv}</a>
        </p>
        <div class="table-scroll">
            <table class="data-table">
                <caption>{s.totals}</caption>
                <thead>
                    <tr>{process_headers(locale)}</tr>
                </thead>
                <tbody>
                    <tr>{counts(stats.totals)}</tr>
                </tbody>
            </table>
        </div>
        <div class="table-scroll">
            <table class="data-table">
                <caption>{s.by_month}</caption>
                <thead>
                    <tr>
                        <th scope="col">{s.month}</th>
                        {process_headers(locale)}
                    </tr>
                </thead>
                <tbody>
                    {stats
                        .by_month
                        .iter()
                        .map(|(month, row)| {
                            view! {
                                <tr>
                                    <th scope="row">{locale.month_name(month.year, month.month)}</th>
                                    {counts(*row)}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <div class="table-scroll">
            <table class="data-table">
                <caption>{s.by_channel}</caption>
                <thead>
                    <tr>
                        <th scope="col">{s.process}</th>
                        <th scope="col">{s.channel}</th>
                        <th scope="col" class="numeric">{s.count}</th>
                    </tr>
                </thead>
                <tbody>
                    {stats
                        .by_channel
                        .iter()
                        .map(|(process, channel, n)| {
                            view! {
                                <tr>
                                    <td>{locale.process(*process)}</td>
                                    <td>{locale.stats_channel(*process, channel)}</td>
                                    <td class="numeric">{cell(*n)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <div class="table-scroll">
            <table class="data-table" aria-describedby="stats-district-hint">
                <caption>{s.by_district}</caption>
                <thead>
                    <tr>
                        <th scope="col">{s.district}</th>
                        {process_headers(locale)}
                    </tr>
                </thead>
                <tbody>
                    {stats
                        .by_district
                        .iter()
                        .map(|(district, row)| {
                            view! {
                                <tr>
                                    <th scope="row">{district.map_or_else(|| s.unknown.to_owned(), |d| d.label())}</th>
                                    {counts(*row)}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <p class="hint" id="stats-district-hint">{s.district_hint}</p>
        <div class="table-scroll">
            <table class="data-table" aria-describedby="stats-age-hint">
                <caption>{s.by_age}</caption>
                <thead>
                    <tr>
                        <th scope="col">{s.age}</th>
                        <th scope="col" class="numeric">{locale.process(Process::Budget)}</th>
                    </tr>
                </thead>
                <tbody>
                    {stats
                        .by_age
                        .iter()
                        .map(|(group, n)| {
                            view! {
                                <tr>
                                    <th scope="row">{locale.age_group(*group)}</th>
                                    <td class="numeric">{cell(*n)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <p class="hint" id="stats-age-hint">{s.by_age_hint}</p>
    }
}
