//! `/consultations/{slug}/report` (the latest version) and
//! `/consultations/{slug}/report/{version}` (any published version): the summary, how
//! the consultation ran, participation as charts with the same figures in tables, every
//! remark with the city's answer, a draft act's provisions with their remarks, and the
//! adopted act against the draft. Server HTML without islands; printable on A4.

use super::api::report_page;
use super::document::{ReportModel, ReportPageData, ReportRow};
use super::pages::decision_label;
use crate::components::consultation_card::{area_label, CONTENT_LANG};
use crate::components::layout::use_locale;
use crate::components::status::set_status;
use crate::consultations::model::Kind;
use crate::consultations::pages::event_kind_label;
use crate::consultations::remarks::views::{anchor_label, channel_label};
use crate::domain::act_diff::{Change, UnitDiff, Words};
use crate::domain::answer::Decision;
use crate::domain::district::District;
use crate::domain::report_stats::bar_chart;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::site::{ErrorNotice, NotFound};
use leptos::prelude::*;
use leptos_meta::Link;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ReportPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map().get_untracked();
    let slug = params.get("slug").unwrap_or_default();
    let version = params.get("version");
    // `/report/abc` is no version at all: a 404, not the latest.
    let asked = version.as_deref().map(|v| v.parse::<i64>().ok().filter(|n| *n > 0));
    let data = async move {
        match asked {
            Some(None) => Err(AppError::NotFound),
            Some(n) => report_page(slug, n).await,
            None => report_page(slug, None).await,
        }
    };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(ReportPageData::Published(model)) => view! { <Report model=*model locale=locale/> }.into_any(),
                    Ok(ReportPageData::NotYet { slug, title, reported_elsewhere }) => {
                        if !reported_elsewhere {
                            set_status(404);
                        }
                        let t = locale.reports();
                        view! {
                            <crate::components::PageTitle text=format!("{} · {title}", t.report_title)/>
                            <h1>{t.report_title}</h1>
                            <p class="lead" lang=CONTENT_LANG>{title}</p>
                            <p>{if reported_elsewhere { t.reported_elsewhere } else { t.not_yet }}</p>
                            <p><a href=format!("/consultations/{slug}")>{t.back_to_consultation}</a></p>
                        }
                            .into_any()
                    }
                    Err(AppError::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(_) => {
                        set_status(500);
                        view! { <ErrorNotice/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(mut model: ReportModel, locale: Locale) -> impl IntoView {
    let t = locale.reports();
    // Sections built by reference first; the table then takes the rows (a report can
    // hold thousands: they are not copied).
    let how = how_run(&model, locale);
    let participation = participation(&model, locale);
    let act = (model.frozen.kind == Kind::DraftAct).then(|| act_side_by_side(&model, locale));
    let adopted = adopted(&model, locale);
    let table = remarks_table(std::mem::take(&mut model.rows), locale);
    let title = model.frozen.title.clone();
    let base = format!("/consultations/{}/report", model.slug);
    let is_act = model.frozen.kind == Kind::DraftAct;
    let has_adopted = model.adopted.is_some();
    let older = model.version < model.latest;
    let version_query = if older { format!("?version={}", model.version) } else { String::new() };
    let contents = [
        Some(("summary", t.section_summary)),
        Some(("how", t.section_how)),
        Some(("participation", t.section_stats)),
        Some(("remarks", t.section_remarks)),
        is_act.then_some(("act", t.section_act)),
        has_adopted.then_some(("adopted", t.section_adopted)),
        Some(("versions", t.section_versions)),
        Some(("open-data", t.section_downloads)),
    ];
    view! {
        <crate::components::PageTitle text=format!("{} · {title}", t.report_title)/>
        <Link rel="alternate" type_="application/atom+xml" href="/reports.atom" title=t.reports_feed/>
        <article class="report" aria-labelledby="report-title">
            <header class="report-header">
                <p class="eyebrow">{t.report_title}</p>
                <h1 id="report-title" lang=CONTENT_LANG>{title}</h1>
                <p class="report-version">
                    {format!(
                        "{} {} · {} {}",
                        t.version,
                        model.version,
                        t.published_on,
                        locale.date(model.published_at),
                    )}
                </p>
                {older
                    .then(|| {
                        view! {
                            <p class="notice">
                                {t.older_version} " " <a href=base.clone()>{t.read_latest}</a>
                            </p>
                        }
                    })}
                {(!model.change_note.is_empty())
                    .then(|| {
                        view! {
                            <p class="change-note">
                                <strong>{t.change_note} ": "</strong>
                                <span lang=CONTENT_LANG>{model.change_note.clone()}</span>
                            </p>
                        }
                    })}
                {model
                    .override_reason
                    .clone()
                    .map(|reason| {
                        view! {
                            <p class="notice">
                                {t.override_notice} " " <span lang=CONTENT_LANG>{reason}</span>
                            </p>
                        }
                    })}
                <p class="no-print">
                    <a href=format!("/consultations/{}", model.slug)>{t.back_to_consultation}</a>
                </p>
            </header>
            <nav aria-labelledby="contents-heading" class="report-contents">
                <h2 id="contents-heading">{t.contents}</h2>
                <ol>
                    {contents
                        .into_iter()
                        .flatten()
                        .map(|(id, label)| view! { <li><a href=format!("#{id}")>{label}</a></li> })
                        .collect_view()}
                </ol>
            </nav>
            <section id="summary" aria-labelledby="summary-heading">
                <h2 id="summary-heading">{t.section_summary}</h2>
                <div class="prose" lang=CONTENT_LANG inner_html=model.narrative_html.clone()></div>
            </section>
            {how}
            {participation}
            {table}
            {act}
            {adopted}
            <section id="versions" aria-labelledby="versions-heading">
                <h2 id="versions-heading">{t.section_versions}</h2>
                <ol class="versions" reversed>
                    {model
                        .versions
                        .iter()
                        .map(|v| {
                            let href = if v.version == model.latest {
                                base.clone()
                            } else {
                                format!("{base}/{}", v.version)
                            };
                            let current = (v.version == model.version).then_some("page");
                            view! {
                                <li>
                                    <a href=href aria-current=current>
                                        {format!("{} {} · {}", t.version, v.version, locale.date(v.published_at))}
                                    </a>
                                    {(!v.change_note.is_empty())
                                        .then(|| view! { " – " <span lang=CONTENT_LANG>{v.change_note.clone()}</span> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </section>
            <section id="open-data" aria-labelledby="open-data-heading" class="no-print">
                <h2 id="open-data-heading">{t.section_downloads}</h2>
                <ul>
                    <li><a href=format!("{base}.csv{version_query}")>{t.download_csv}</a></li>
                    <li><a href=format!("{base}.json{version_query}")>{t.download_json}</a></li>
                    <li><a href="/reports.atom">{t.reports_feed}</a></li>
                </ul>
            </section>
        </article>
    }
    .into_any()
}

fn how_run(model: &ReportModel, locale: Locale) -> AnyView {
    let t = locale.reports();
    let f = model.frozen.clone();
    let forms: Vec<&str> = [f.online_remarks.then_some(t.form_online), f.written_remarks.then_some(t.form_written)]
        .into_iter()
        .flatten()
        .chain(f.events.iter().map(|e| event_kind_label(locale, e.kind)))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let events = if f.events.is_empty() {
        view! { <p>{t.no_events}</p> }.into_any()
    } else {
        view! {
            <ul class="events-held">
                {f.events
                    .into_iter()
                    .map(|e| {
                        let attendance = e.attendance.map_or_else(|| t.attendance_unknown.to_owned(), |n| n.to_string());
                        view! {
                            <li>
                                <strong>{event_kind_label(locale, e.kind)}</strong>
                                {format!(", {}", locale.date_time(e.starts_at))}
                                ", "
                                <span lang=CONTENT_LANG>{e.place}</span>
                                {format!(" · {}: {attendance}", t.attendance)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
            .into_any()
    };
    view! {
        <section id="how" aria-labelledby="how-heading">
            <h2 id="how-heading">{t.section_how}</h2>
            <dl class="facts">
                <dt>{t.organiser}</dt>
                <dd lang=CONTENT_LANG>{f.organising_unit}</dd>
                <dt>{t.area}</dt>
                <dd>{area_label(&f.area, locale)}</dd>
                <dt>{t.information_from}</dt>
                <dd>{locale.date(f.schedule.information_starts_at)}</dd>
                <dt>{t.consultation_period}</dt>
                <dd>
                    {format!(
                        "{} {} {}",
                        locale.date_time(f.schedule.starts_at),
                        t.to,
                        locale.date_time(f.schedule.ends_at),
                    )}
                </dd>
                <dt>{t.forms}</dt>
                <dd>{forms.join(", ")}</dd>
            </dl>
            <h3>{t.events_held}</h3>
            {events}
        </section>
    }
    .into_any()
}

/// One statistic as a chart (a picture of the table) and the table itself.
fn chart(id: &str, title: &str, column: &str, bars: Vec<(String, u64)>, locale: Locale) -> AnyView {
    let t = locale.reports();
    let svg = bar_chart(id, title, &bars);
    view! {
        <figure class="stat" aria-labelledby=format!("{id}-caption")>
            <figcaption id=format!("{id}-caption")>{title.to_owned()}</figcaption>
            <div class="chart-box" inner_html=svg></div>
            <details class="chart-table" open>
                <summary>{t.chart_table_caption}</summary>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{column.to_owned()}</th>
                            <th scope="col" class="number">{t.col_count}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {bars
                            .into_iter()
                            .map(|(label, n)| view! { <tr><th scope="row">{label}</th><td class="number">{n}</td></tr> })
                            .collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
    .into_any()
}

fn participation(model: &ReportModel, locale: Locale) -> AnyView {
    let t = locale.reports();
    let s = &model.frozen.stats;
    let by_channel = s.by_channel.iter().map(|(c, n)| (channel_label(locale, *c).to_owned(), *n)).collect();
    let by_district = s
        .by_district
        .iter()
        .map(|(d, n)| (d.and_then(District::new).map_or_else(|| t.district_unknown.to_owned(), District::label), *n))
        .collect();
    let by_unit: Vec<(String, u64)> = s
        .by_unit
        .iter()
        .map(|(a, n)| (a.as_deref().map_or_else(|| t.whole_consultation.to_owned(), anchor_label), *n))
        .collect();
    let per_day = s.per_day.clone();
    let is_act = model.frozen.kind == Kind::DraftAct;
    view! {
        <section id="participation" aria-labelledby="participation-heading">
            <h2 id="participation-heading">{t.section_stats}</h2>
            <dl class="figures">
                <div><dt>{t.stat_remarks}</dt><dd>{s.remarks}</dd></div>
                <div><dt>{t.stat_people}</dt><dd>{s.people}</dd></div>
                <div><dt>{t.stat_organisations}</dt><dd>{s.organisations}</dd></div>
            </dl>
            {chart("chart-channel", t.chart_by_channel, t.col_channel, by_channel, locale)}
            {chart("chart-district", t.chart_by_district, t.col_district, by_district, locale)}
            {is_act.then(|| chart("chart-unit", t.chart_by_unit, t.col_unit, by_unit, locale))}
            {chart("chart-day", t.chart_per_day, t.col_day, per_day, locale)}
        </section>
    }
    .into_any()
}

fn decision_text(locale: Locale, row: &ReportRow) -> &'static str {
    row.decision.map_or(locale.reports().no_answer, |d| decision_label(locale, d))
}

/// Every remark with its answer: the table the resolution asks for. Its header repeats
/// on every printed page.
fn remarks_table(rows: Vec<ReportRow>, locale: Locale) -> AnyView {
    let t = locale.reports();
    let body = if rows.is_empty() {
        view! { <p>{t.no_remarks_report}</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll">
                <table class="remarks-table">
                    <caption class="visually-hidden">{t.section_remarks}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.col_number}</th>
                            <th scope="col">{t.col_received}</th>
                            <th scope="col">{t.col_author}</th>
                            <th scope="col">{t.col_unit}</th>
                            <th scope="col">{t.col_remark}</th>
                            <th scope="col">{t.col_decision}</th>
                            <th scope="col">{t.col_justification}</th>
                        </tr>
                    </thead>
                    <tbody>{rows.into_iter().map(|row| remark_row(row, locale)).collect_view()}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section id="remarks" aria-labelledby="remarks-heading">
            <h2 id="remarks-heading">{t.section_remarks}</h2>
            {body}
        </section>
    }
    .into_any()
}

fn remark_row(row: ReportRow, locale: Locale) -> AnyView {
    let t = locale.reports();
    let author = if row.author.is_empty() { t.author_unknown.to_owned() } else { row.author.clone() };
    let decision = decision_text(locale, &row);
    let text = match (&row.body_html, &row.hidden_reason) {
        (_, Some(reason)) => {
            view! { <p class="placeholder">{t.hidden_placeholder} " " {reason.clone()}</p> }.into_any()
        }
        (Some(html), None) => view! { <div class="prose" inner_html=html.clone()></div> }.into_any(),
        (None, None) => ().into_any(),
    };
    view! {
        <tr id=format!("r-{}", row.remark_id)>
            <th scope="row">
                {format!("#{}", row.remark_id)}
                {row.parent_id.map(|p| view! { <br/><span class="hint">{format!("{} #{p}", t.reply_to)}</span> })}
            </th>
            <td>{format!("{} · {}", locale.date(row.received_at), channel_label(locale, row.channel))}</td>
            <td lang=CONTENT_LANG>{author}</td>
            <td>{row.unit_anchor.as_deref().map_or_else(|| t.whole_consultation.to_owned(), anchor_label)}</td>
            <td lang=CONTENT_LANG>{text}</td>
            <td class=format!("decision decision-{}", row.decision.map_or("none", |d| d.code()))>{decision}</td>
            <td lang=CONTENT_LANG>{row.justification}</td>
        </tr>
    }
    .into_any()
}

/// Each provision of the draft act next to the remarks on it and their answers.
fn act_side_by_side(model: &ReportModel, locale: Locale) -> AnyView {
    let t = locale.reports();
    view! {
        <section id="act" aria-labelledby="act-heading">
            <h2 id="act-heading">{t.section_act}</h2>
            {model
                .act
                .iter()
                .map(|unit| {
                    // Remarks answered alike are listed once, with all their numbers.
                    let mut answers: Vec<(Option<Decision>, &str, Vec<i64>)> = Vec::new();
                    for row in unit.rows.iter().filter_map(|i| model.rows.get(*i)) {
                        match answers.iter_mut().find(|(d, j, _)| *d == row.decision && *j == row.justification) {
                            Some((_, _, ids)) => ids.push(row.remark_id),
                            None => answers.push((row.decision, &row.justification, vec![row.remark_id])),
                        }
                    }
                    let remarks = if answers.is_empty() {
                        view! { <p class="hint">{t.no_remarks_on_unit}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="unit-answers">
                                {answers
                                    .into_iter()
                                    .map(|(decision, justification, ids)| {
                                        let decision = decision.map_or(t.no_answer, |d| decision_label(locale, d));
                                        view! {
                                            <li>
                                                {ids
                                                    .into_iter()
                                                    .map(|id| view! { <a href=format!("#r-{id}")>{format!("#{id}")}</a> " " })
                                                    .collect_view()}
                                                "· "
                                                <strong>{decision}</strong>
                                                {(!justification.is_empty())
                                                    .then(|| view! { ": " <span lang=CONTENT_LANG>{justification.to_owned()}</span> })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    };
                    view! {
                        <div class="side-by-side" id=format!("act-{}", unit.anchor)>
                            <div class="unit-text">
                                <h3>{unit.label.clone()}</h3>
                                <div class="prose" lang=CONTENT_LANG inner_html=unit.text_html.clone()></div>
                            </div>
                            <div class="unit-remarks">
                                <h4 class="visually-hidden">{format!("{} – {}", t.remarks_on_unit, unit.label)}</h4>
                                {remarks}
                            </div>
                        </div>
                    }
                })
                .collect_view()}
        </section>
    }
    .into_any()
}

fn change_label(locale: Locale, change: &Change) -> &'static str {
    let t = locale.reports();
    match change {
        Change::Unchanged => t.change_unchanged,
        Change::Changed(_) => t.change_changed,
        Change::Added => t.change_added,
        Change::Removed => t.change_removed,
    }
}

/// The words of a changed provision: removed words struck through, added ones marked,
/// each run announced to screen readers.
fn words_view(words: &[Words], locale: Locale) -> AnyView {
    let t = locale.reports();
    words
        .iter()
        .map(|w| match w {
            Words::Same(text) => view! { <span>{format!("{text} ")}</span> }.into_any(),
            Words::Removed(text) => view! {
                <del><span class="visually-hidden">{format!("[{} ", t.word_removed)}</span>{text.clone()}<span class="visually-hidden">"]"</span></del>
                " "
            }
            .into_any(),
            Words::Added(text) => view! {
                <ins><span class="visually-hidden">{format!("[{} ", t.word_added)}</span>{text.clone()}<span class="visually-hidden">"]"</span></ins>
                " "
            }
            .into_any(),
        })
        .collect_view()
        .into_any()
}

fn diff_unit(unit: &UnitDiff, model: &ReportModel, locale: Locale) -> AnyView {
    let t = locale.reports();
    let accepted = model.accepted_on(&unit.anchor);
    let text = match &unit.change {
        Change::Changed(words) => {
            view! { <p class="diff-words" lang=CONTENT_LANG>{words_view(words, locale)}</p> }.into_any()
        }
        Change::Removed => view! { <p lang=CONTENT_LANG><del>{unit.draft.clone()}</del></p> }.into_any(),
        Change::Added => view! { <p lang=CONTENT_LANG><ins>{unit.final_text.clone()}</ins></p> }.into_any(),
        Change::Unchanged => view! { <p lang=CONTENT_LANG>{unit.final_text.clone()}</p> }.into_any(),
    };
    let class = match unit.change {
        Change::Unchanged => "diff-unit unchanged",
        _ => "diff-unit changed",
    };
    view! {
        <li class=class id=format!("diff-{}", unit.anchor)>
            <h3>{format!("{} – {}", unit.label, change_label(locale, &unit.change))}</h3>
            {text}
            {(!accepted.is_empty())
                .then(|| {
                    view! {
                        <p class="linked-remarks">
                            {t.linked_remarks} ": "
                            {accepted
                                .iter()
                                .map(|r| {
                                    view! {
                                        <a href=format!("#r-{}", r.remark_id)>{format!("#{}", r.remark_id)}</a>
                                        {format!(" ({}) ", decision_text(locale, r))}
                                    }
                                })
                                .collect_view()}
                        </p>
                    }
                })}
        </li>
    }
    .into_any()
}

fn adopted(model: &ReportModel, locale: Locale) -> AnyView {
    let t = locale.reports();
    let Some(adopted) = &model.adopted else {
        return ().into_any();
    };
    view! {
        <section id="adopted" aria-labelledby="adopted-heading">
            <h2 id="adopted-heading">{t.section_adopted}</h2>
            <p>
                <strong>{t.adopted_as} ": "</strong>
                <span lang=CONTENT_LANG>{adopted.title.clone()}</span>
                {format!(" ({} {})", t.adopted_uploaded, locale.date(adopted.uploaded_at))}
            </p>
            <ol class="diff">{adopted.units.iter().map(|u| diff_unit(u, model, locale)).collect_view()}</ol>
        </section>
    }
    .into_any()
}
