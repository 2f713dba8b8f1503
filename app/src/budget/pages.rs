//! The public civic-budget pages: the editions (`/budget`), an edition's phase, calendar
//! and pools (`/budget/{year}`), the catalogue with its filters and search
//! (`/budget/{year}/projects`), a project with its verification, protest and timeline
//! (`/budget/{year}/projects/{seq}`), and the applicant's own pages.

use super::api::{
    budget_catalogue, budget_edition, budget_editions, budget_project, budget_support_list, my_budget_projects,
};
use super::model::{EditionView, Filter, ProjectDetail, ProjectSummary, TimelineEntry};
use crate::accounts::forms::{DoneNotice, ErrorSummary};
use crate::accounts::pages::{refusal, PageHeading};
use crate::components::layout::use_locale;
use crate::domain::budget::{Phase, ProjectStatus};
use crate::domain::district::District;
use crate::domain::initiative::{format_zloty, parse_zloty};
use crate::domain::topic::Topic;
use crate::i18n::Locale;
use crate::media::{DocumentList, Picture};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

pub(crate) fn param(name: &str) -> i64 {
    use_params_map().get_untracked().get(name).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// The status as a badge.
#[component]
pub fn ProjectBadge(status: ProjectStatus, locale: Locale) -> impl IntoView {
    view! { <span class=format!("badge badge-bo-{}", status.code())>{locale.budget_status(status)}</span> }
}

/// "City-wide" or the district's name.
pub(crate) fn pool_label(district: Option<u8>, locale: Locale) -> String {
    match district.and_then(District::new) {
        Some(d) => d.label(),
        None => locale.budget().city_wide.to_owned(),
    }
}

#[component]
pub fn BudgetHome() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match budget_editions().await {
                    Ok(list) => {
                        let t = locale.budget();
                        view! {
                            <PageHeading title=t.home_title/>
                            <p class="lead">{t.home_lead}</p>
                            {if list.is_empty() {
                                view! { <p>{t.no_editions}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="cards">
                                        {list
                                            .into_iter()
                                            .map(|e| {
                                                view! {
                                                    <li class="card">
                                                        <h2>
                                                            <a href=format!("/budget/{}", e.year)>{format!("{} {}", t.edition, e.year)}</a>
                                                        </h2>
                                                        <p>
                                                            {format!(
                                                                "{} · {}: {} · {}",
                                                                locale.budget_phase(e.phase),
                                                                t.total_pool,
                                                                format_zloty(e.pools.total()),
                                                                locale.count(e.projects.max(0) as u64, t.projects_count),
                                                            )}
                                                        </p>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

/// The calendar as a list of phases with their dates, the current one marked.
#[component]
fn CalendarList(edition: EditionView, locale: Locale) -> impl IntoView {
    let c = edition.calendar;
    let rows = [
        (Phase::Submission, c.submission_starts, c.verification_starts),
        (Phase::Verification, c.verification_starts, c.protests_start),
        (Phase::Protests, c.protests_start, c.final_list_starts),
        (Phase::FinalList, c.final_list_starts, c.voting_starts),
        (Phase::Voting, c.voting_starts, c.results_start),
    ];
    let t = locale.budget();
    view! {
        <ol class="phases">
            {rows
                .into_iter()
                .map(|(phase, from, to)| {
                    let current = phase == edition.phase;
                    view! {
                        <li class:current=current aria-current=current.then_some("step")>
                            <strong>{locale.budget_phase(phase)}</strong>
                            {format!(": {} – {}", locale.date(from), locale.date(to - 1))}
                        </li>
                    }
                })
                .collect_view()}
            <li class:current=edition.phase == Phase::Results>
                <strong>{locale.budget_phase(Phase::Results)}</strong>
                {format!(": {} {}", t.from_date, locale.date(c.results_start))}
            </li>
        </ol>
    }
}

#[component]
pub fn EditionPage() -> impl IntoView {
    let locale = use_locale();
    let year = param("year");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match budget_edition(year).await {
                    Ok(e) => {
                        let t = locale.budget();
                        let title = format!("{} {}", t.home_title, e.year);
                        let rules = e.rules.clone();
                        view! {
                            <crate::components::PageTitle text=title.clone()/>
                            <h1>{title}</h1>
                            <DoneNotice/>
                            <p class="lead">
                                {t.phase_now} " " <strong>{locale.budget_phase(e.phase)}</strong>
                            </p>
                            <p class="actions">
                                <a class="button" href=format!("/budget/{}/projects", e.year)>{t.catalogue_title}</a>
                                {(e.phase == Phase::Submission)
                                    .then(|| {
                                        view! {
                                            " "
                                            <a class="button secondary" href=format!("/budget/{}/projects/new", e.year)>{t.new_title}</a>
                                        }
                                    })}
                                {(e.phase == Phase::Voting)
                                    .then(|| {
                                        view! {
                                            " "
                                            <a class="button" href=format!("/budget/{}/vote", e.year)>{locale.vote().vote}</a>
                                        }
                                    })}
                                {(e.phase == Phase::Results)
                                    .then(|| {
                                        view! {
                                            " "
                                            <a class="button secondary" href=format!("/budget/{}/results", e.year)>{locale.vote().results}</a>
                                        }
                                    })}
                            </p>
                            <section aria-labelledby="calendar-heading">
                                <h2 id="calendar-heading">{t.calendar}</h2>
                                <CalendarList edition=e.clone() locale=locale/>
                            </section>
                            <section aria-labelledby="pools-heading">
                                <h2 id="pools-heading">{t.pools}</h2>
                                <p>{format!("{}: {}", t.total_pool, format_zloty(e.pools.total()))}</p>
                                <table class="register">
                                    <caption>{t.pools_caption}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t.pool}</th>
                                            <th scope="col" class="number">{t.amount}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        <tr>
                                            <th scope="row">{t.city_wide}</th>
                                            <td class="number">{format_zloty(e.pools.city_wide)}</td>
                                        </tr>
                                        {District::all()
                                            .map(|d| {
                                                let amount = e.pools.districts[usize::from(d.number()) - 1];
                                                view! {
                                                    <tr>
                                                        <th scope="row">{d.label()}</th>
                                                        <td class="number">{format_zloty(amount)}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </section>
                            <section aria-labelledby="rules-heading">
                                <h2 id="rules-heading">{t.rules}</h2>
                                <dl class="facts">
                                    <dt>{t.rule_signatures}</dt>
                                    <dd>{rules.support_signatures.to_string()}</dd>
                                    <dt>{t.rule_remedy_days}</dt>
                                    <dd>{rules.support_remedy_days.to_string()}</dd>
                                    <dt>{t.rule_protest_days}</dt>
                                    <dd>{rules.protest_days.to_string()}</dd>
                                    <dt>{t.rule_withdrawal}</dt>
                                    <dd>{rules.withdrawal_deadline.map(|d| locale.date(d)).unwrap_or_else(|| t.rule_withdrawal_none.to_owned())}</dd>
                                    <dt>{t.rule_min_age}</dt>
                                    <dd>{rules.min_voter_age.map(|a| a.to_string()).unwrap_or_else(|| t.rule_min_age_none.to_owned())}</dd>
                                </dl>
                            </section>
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

/// The catalogue's filters from the address bar; nonsense is ignored.
fn filter_from_query() -> Filter {
    let q = use_query_map().get_untracked();
    let text = |name: &str| q.get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let amount = |name: &str| text(name).and_then(|v| parse_zloty(&v)).map(|g| g / 100);
    Filter {
        pool: text("pool").filter(|p| p == "city" || District::parse(p).is_some()),
        status: text("status").filter(|s| ProjectStatus::parse(s).is_some_and(super::model::is_public)),
        topic: text("topic").filter(|s| Topic::parse(s).is_some()),
        cost_min: amount("cost_min"),
        cost_max: amount("cost_max"),
        q: text("q").map(|v| v.chars().take(200).collect()),
        page: crate::domain::paging::PageNumber::parse(q.get("page").as_deref()).get(),
    }
}

#[component]
pub fn CataloguePage() -> impl IntoView {
    let locale = use_locale();
    let year = param("year");
    let filter = filter_from_query();
    view! {
        <Suspense fallback=|| ()>
            {
                let filter = filter.clone();
                Suspend::new(async move {
                    match budget_catalogue(year, filter.clone()).await {
                        Ok((edition, catalogue)) => {
                            let t = locale.budget();
                            let title = format!("{} {}", t.catalogue_title, edition.year);
                            let base = format!("/budget/{}/projects", edition.year);
                            let pages = crate::domain::paging::page_count(catalogue.total, super::model::CATALOGUE_PAGE);
                            let query = filter.query();
                            let page_href = {
                                let base = base.clone();
                                let query = query.clone();
                                move |p: u32| {
                                    let sep = if query.is_empty() { String::new() } else { format!("{query}&") };
                                    format!("{base}?{sep}page={p}")
                                }
                            };
                            let api = format!("/api/v1/budget/{}/projects", edition.year);
                            let suffix = if query.is_empty() { String::new() } else { format!("?{query}") };
                            view! {
                                <crate::components::PageTitle text=title.clone()/>
                                <p>
                                    <a href=format!("/budget/{}", edition.year)>{format!("{} {}", t.home_title, edition.year)}</a>
                                </p>
                                <h1>{title}</h1>
                                <CatalogueFilter base=base filter=filter.clone() locale=locale/>
                                <p role="status">{locale.count(catalogue.total, t.found_count)}</p>
                                {if catalogue.items.is_empty() {
                                    view! { <p>{t.catalogue_empty}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="cards">
                                            {catalogue.items.into_iter().map(|p| view! { <ProjectCard project=p locale=locale/> }).collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                                {(pages > 1)
                                    .then(|| {
                                        let page = catalogue.page;
                                        let label = locale.texts().page_n_of_m.replace("{n}", &page.to_string()).replace("{m}", &pages.to_string());
                                        view! {
                                            <nav class="pagination" aria-label=locale.texts().pagination>
                                                {(page > 1).then(|| view! { <a rel="prev" href=page_href((page - 1).min(pages))>{locale.texts().previous_page}</a> })}
                                                <span aria-current="page">{label}</span>
                                                {(page < pages).then(|| view! { <a rel="next" href=page_href(page + 1)>{locale.texts().next_page}</a> })}
                                            </nav>
                                        }
                                    })}
                                <p>
                                    {t.open_data} " " <a href=format!("{api}{suffix}")>"JSON"</a> " · "
                                    <a href=format!("{api}.csv{suffix}")>"CSV"</a>
                                </p>
                            }
                                .into_any()
                        }
                        Err(e) => refusal(e),
                    }
                })
            }
        </Suspense>
    }
}

/// The GET form of the catalogue's filters: the address it leads to is shareable.
#[component]
fn CatalogueFilter(base: String, filter: Filter, locale: Locale) -> impl IntoView {
    let t = locale.budget();
    let pool = filter.pool.clone().unwrap_or_default();
    let status = filter.status.clone().unwrap_or_default();
    let topic = filter.topic.clone().unwrap_or_default();
    view! {
        <form method="get" action=base class="filter-form" role="search" aria-label=t.filter_label>
            <div class="field">
                <label for="catalogue-q">{t.search}</label>
                <input id="catalogue-q" name="q" type="search" value=filter.q.clone().unwrap_or_default() maxlength="200"/>
            </div>
            <div class="field">
                <label for="catalogue-pool">{t.pool}</label>
                <select id="catalogue-pool" name="pool">
                    <option value="" selected=pool.is_empty()>{t.all_pools}</option>
                    <option value="city" selected=pool == "city">{t.city_wide}</option>
                    {District::all()
                        .map(|d| {
                            let v = d.number().to_string();
                            let selected = pool == v;
                            view! { <option value=v selected=selected>{d.label()}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="catalogue-status">{t.status}</label>
                <select id="catalogue-status" name="status">
                    <option value="" selected=status.is_empty()>{t.all_statuses}</option>
                    {ProjectStatus::ALL
                        .into_iter()
                        .filter(|s| super::model::is_public(*s))
                        .map(|s| view! { <option value=s.code() selected=status == s.code()>{locale.budget_status(s)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="catalogue-topic">{t.topic}</label>
                <select id="catalogue-topic" name="topic">
                    <option value="" selected=topic.is_empty()>{t.all_topics}</option>
                    {Topic::ALL
                        .into_iter()
                        .map(|tp| view! { <option value=tp.slug() selected=topic == tp.slug()>{locale.topic(tp)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="catalogue-cost-min">{t.cost_min}</label>
                <input id="catalogue-cost-min" name="cost_min" type="text" inputmode="numeric" class="short" value=filter.cost_min.map(|v| v.to_string())/>
            </div>
            <div class="field">
                <label for="catalogue-cost-max">{t.cost_max}</label>
                <input id="catalogue-cost-max" name="cost_max" type="text" inputmode="numeric" class="short" value=filter.cost_max.map(|v| v.to_string())/>
            </div>
            <button type="submit" class="button">{t.filter}</button>
        </form>
    }
}

#[component]
fn ProjectCard(project: ProjectSummary, locale: Locale) -> impl IntoView {
    let t = locale.budget();
    let topic = project.topic.as_deref().and_then(Topic::parse).map(|tp| locale.topic(tp));
    view! {
        <li class="card">
            <h2>
                <a href=project.href() lang="pl">{project.title.clone()}</a>
            </h2>
            <p>
                <ProjectBadge status=project.status locale=locale/>
                {format!(
                    " {} · {} · {}",
                    project.number().unwrap_or_default(),
                    pool_label(project.district, locale),
                    project.cost_that_counts().map(format_zloty).unwrap_or_default(),
                )}
                {topic.map(|tp| format!(" · {tp}"))}
            </p>
            <p lang="pl">{project.summary.clone()}</p>
            {project.organisation.map(|o| view! { <p>{format!("{}: {o}", t.submitted_by)}</p> })}
        </li>
    }
}

/// The project as submitted: facts, description, cost breakdown.
#[component]
pub fn ProjectText(detail: ProjectDetail, locale: Locale) -> impl IntoView {
    let t = locale.budget();
    let s = detail.summary.clone();
    let input = detail.input.clone();
    let topic = Topic::parse(&input.topic).map(|tp| locale.topic(tp)).unwrap_or("–");
    let money = |text: &str| parse_zloty(text).map(format_zloty).unwrap_or_else(|| text.to_owned());
    view! {
        <dl class="facts">
            <dt>{t.pool}</dt>
            <dd>{pool_label(s.district, locale)}</dd>
            <dt>{t.topic}</dt>
            <dd>{topic}</dd>
            <dt>{t.address}</dt>
            <dd lang="pl">{input.address.clone()}</dd>
            {(!input.map_point.trim().is_empty())
                .then(|| {
                    view! {
                        <dt>{t.map_point}</dt>
                        <dd>{input.map_point.clone()}</dd>
                    }
                })}
            <dt>{t.cost}</dt>
            <dd>{money(&input.cost)}</dd>
            {s.verified_cost
                .map(|c| {
                    view! {
                        <dt>{t.verified_cost}</dt>
                        <dd>{format_zloty(c)}</dd>
                    }
                })}
            {s.organisation.clone().map(|o| view! { <dt>{t.submitted_by}</dt><dd>{o}</dd> })}
            {s.unit.map(|u| view! { <dt>{t.unit}</dt><dd>{u}</dd> })}
        </dl>
        <h2>{t.summary}</h2>
        <p lang="pl">{input.summary.clone()}</p>
        <h2>{t.description}</h2>
        <div class="prose" lang="pl" inner_html=detail.description_html></div>
        <div class="gallery">
            {detail
                .media
                .iter()
                .filter(|item| item.is_image())
                .map(|item| view! { <Picture item=item.clone() sizes="(min-width: 50rem) 23rem, 100vw"/> })
                .collect_view()}
        </div>
        <DocumentList items=detail.media.clone()/>
        <h2>{t.cost_breakdown}</h2>
        <table class="register">
            <thead>
                <tr>
                    <th scope="col">{t.cost_item}</th>
                    <th scope="col" class="number">{t.amount}</th>
                </tr>
            </thead>
            <tbody>
                {input
                    .filled_lines()
                    .map(|l| {
                        view! {
                            <tr>
                                <td lang="pl">{l.item.clone()}</td>
                                <td class="number">{money(&l.amount)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        <h2>{t.beneficiaries}</h2>
        <p lang="pl" class="pre-line">{input.beneficiaries.clone()}</p>
        {(!input.accessibility.trim().is_empty())
            .then(|| {
                view! {
                    <h2>{t.accessibility}</h2>
                    <p lang="pl" class="pre-line">{input.accessibility.clone()}</p>
                }
            })}
        {(!input.attachments.trim().is_empty())
            .then(|| {
                view! {
                    <h2>{t.attachments}</h2>
                    <p lang="pl" class="pre-line">{input.attachments.clone()}</p>
                }
            })}
    }
}

/// What happened to the project, oldest first.
#[component]
pub fn ProjectTimeline(entries: Vec<TimelineEntry>, locale: Locale) -> impl IntoView {
    let t = locale.budget();
    view! {
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t.timeline}</h2>
            <ol class="timeline">
                {entries
                    .into_iter()
                    .map(|e| {
                        let who = if e.by_staff { t.by_staff } else { t.by_applicant };
                        view! {
                            <li>
                                <p>
                                    <time>{locale.date_time(e.at)}</time>
                                    " · "
                                    <strong>{locale.budget_event(&e.kind)}</strong>
                                    {format!(" ({who})")}
                                </p>
                                {(!e.note.is_empty()).then(|| view! { <p class="pre-line" lang="pl">{e.note.clone()}</p> })}
                                {e.deadline.map(|d| view! { <p>{format!("{}: {}", t.date, locale.date_time(d))}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// The outcome of verification and of a protest, as published.
#[component]
fn Outcome(detail: ProjectDetail, locale: Locale) -> impl IntoView {
    let t = locale.budget();
    let s = &detail.summary;
    let rejected =
        matches!(s.status, ProjectStatus::Rejected | ProjectStatus::Protested | ProjectStatus::RejectedFinal);
    view! {
        {(rejected && !detail.decision_note.is_empty())
            .then(|| {
                view! {
                    <section class="notice" aria-labelledby="reason-heading">
                        <h2 id="reason-heading">{t.rejection_reason}</h2>
                        <p class="pre-line" lang="pl">{detail.decision_note.clone()}</p>
                        {detail.protest_until.map(|d| view! { <p>{format!("{} {}", t.protest_until, locale.date_time(d))}</p> })}
                    </section>
                }
            })}
        {(!detail.protest.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="protest-heading">
                        <h2 id="protest-heading">{t.protest}</h2>
                        <p class="pre-line" lang="pl">{detail.protest.clone()}</p>
                        {detail.hearing_at.map(|d| view! { <p>{format!("{}: {}", t.hearing, locale.date(d))}</p> })}
                    </section>
                }
            })}
        {detail
            .merger_with
            .clone()
            .map(|(_, number, title)| {
                view! {
                    <p class="notice">
                        {format!("{} {number} ", t.merger_with)}
                        <span lang="pl">{title}</span>
                    </p>
                }
            })}
    }
}

#[component]
pub fn ProjectPage() -> impl IntoView {
    let locale = use_locale();
    let (year, seq) = (param("year"), param("seq"));
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match budget_project(year, seq).await {
                    Ok(detail) => {
                        let t = locale.budget();
                        let s = detail.summary.clone();
                        let number = s.number().unwrap_or_default();
                        view! {
                            <crate::components::PageTitle
                                text=format!("{number} {}", s.title)
                                description=detail.input.summary.clone()
                                image=detail.media.iter().find(|m| m.is_image()).and_then(|m| crate::components::ShareImage::of(m, locale))
                            />
                            <p>
                                <a href=format!("/budget/{}/projects", s.year)>{format!("{} {}", t.catalogue_title, s.year)}</a>
                            </p>
                            <h1>
                                {format!("{number} ")}
                                <span lang="pl">{s.title.clone()}</span>
                            </h1>
                            <DoneNotice/>
                            <p>
                                <ProjectBadge status=s.status locale=locale/>
                                {s.submitted_at.map(|at| format!(" · {} {}", t.submitted_at, locale.date(at)))}
                            </p>
                            <Outcome detail=detail.clone() locale=locale/>
                            {detail.is_owner.then(|| view! { <OwnerActions detail=detail.clone() locale=locale/> })}
                            <ProjectText detail=detail.clone() locale=locale/>
                            <ProjectTimeline entries=detail.timeline.clone() locale=locale/>
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

/// What the applicant may do now: print the support list, agree to a merger, protest a
/// rejection within the window, withdraw until the deadline.
#[component]
fn OwnerActions(detail: ProjectDetail, locale: Locale) -> impl IntoView {
    let t = locale.budget();
    let s = detail.summary.clone();
    let id = s.id;
    let page = s.href();
    let now = detail.now;
    let can_protest = s.status == ProjectStatus::Rejected && detail.protest_until.is_some_and(|d| now <= d);
    let can_withdraw = s.status.after(crate::domain::budget::ProjectMove::Withdraw).is_some()
        && detail.rules.withdrawal_deadline.is_none_or(|d| now <= d);
    view! {
        <section class="owner-actions" aria-labelledby="owner-heading">
            <h2 id="owner-heading">{t.your_project}</h2>
            <ErrorSummary form="protest"/>
            <ErrorSummary form="withdraw"/>
            <ErrorSummary form="merger"/>
            {matches!(s.status, ProjectStatus::Submitted | ProjectStatus::SupportMissing)
                .then(|| {
                    view! {
                        <p>
                            {format!("{} ", t.support_needed.replace("{n}", &detail.required_signatures.to_string()))}
                            <a href=format!("/budget/projects/{id}/support-list")>{t.print_support_list}</a>
                        </p>
                        {detail.support_deadline.filter(|_| s.status == ProjectStatus::SupportMissing).map(|d| view! { <p class="notice">{format!("{} {}", t.support_summons, locale.date_time(d))}</p> })}
                    }
                })}
            {(s.status == ProjectStatus::MergerProposed && detail.merger_agreed)
                .then(|| view! { <p class="notice">{t.merger_waiting}</p> })}
            {(s.status == ProjectStatus::MergerProposed && !detail.merger_agreed)
                .then(|| {
                    view! {
                        <form method="post" action=page.clone() class="stack">
                            <input type="hidden" name="intent" value="merger"/>
                            <p>{t.merger_question}</p>
                            <button type="submit" name="answer" value="agree" class="button">{t.merger_agree}</button>
                            " "
                            <button type="submit" name="answer" value="refuse" class="button secondary">{t.merger_refuse}</button>
                        </form>
                    }
                })}
            {can_protest
                .then(|| {
                    view! {
                        <form method="post" action=page.clone() class="stack" novalidate>
                            <input type="hidden" name="intent" value="protest"/>
                            <crate::budget::form::TextArea form="protest" name="protest" label=t.protest_label hint=t.protest_hint rows=6/>
                            <button type="submit" class="button">{t.protest_submit}</button>
                        </form>
                    }
                })}
            {can_withdraw
                .then(|| {
                    view! {
                        <form method="post" action=page.clone() class="stack">
                            <input type="hidden" name="intent" value="withdraw"/>
                            <div class="field checkbox">
                                <input type="checkbox" id="withdraw-confirm" name="confirm" value="yes"/>
                                <label for="withdraw-confirm">{t.withdraw_confirm}</label>
                            </div>
                            <button type="submit" class="button secondary">{t.withdraw}</button>
                        </form>
                    }
                })}
        </section>
    }
}

#[component]
pub fn MyProjectsPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match my_budget_projects().await {
                    Ok(list) => {
                        let t = locale.budget();
                        view! {
                            <PageHeading title=t.mine_title/>
                            <DoneNotice/>
                            {if list.is_empty() {
                                view! {
                                    <p>
                                        {t.mine_empty} " " <a href="/budget">{t.home_title}</a>
                                    </p>
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <ul class="cards">
                                        {list
                                            .into_iter()
                                            .map(|p| {
                                                let title = if p.title.is_empty() { t.untitled.to_owned() } else { p.title.clone() };
                                                view! {
                                                    <li class="card">
                                                        <h2>
                                                            <a href=p.href() lang="pl">{title}</a>
                                                        </h2>
                                                        <p>
                                                            <ProjectBadge status=p.status locale=locale/>
                                                            {format!(" {} · {} {}", p.number().unwrap_or_default(), t.updated, locale.date(p.updated_at))}
                                                        </p>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

/// The printable support list: the project, the statement, and numbered rows for the
/// signatures the edition asks (district residents for a district project).
#[component]
pub fn SupportListPage() -> impl IntoView {
    let locale = use_locale();
    let id = param("id");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match budget_support_list(id).await {
                    Ok(detail) => {
                        let t = locale.budget();
                        let s = detail.summary.clone();
                        let number = s.number().unwrap_or_default();
                        let who = match s.district.and_then(District::new) {
                            Some(d) => t.support_district.replace("{district}", &d.label()),
                            None => t.support_city.to_owned(),
                        };
                        let rows = detail.required_signatures.clamp(1, 100) + 5;
                        view! {
                            <crate::components::PageTitle text=format!("{} {number}", t.support_list)/>
                            <div class="support-list">
                                <h1>{format!("{} {number}", t.support_list)}</h1>
                                <p lang="pl">
                                    <strong>{s.title}</strong>
                                </p>
                                <p>{t.support_statement}</p>
                                <p>{format!("{} {}", who, t.support_required.replace("{n}", &detail.required_signatures.to_string()))}</p>
                                <table class="register support">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t.col_no}</th>
                                            <th scope="col">{t.col_name}</th>
                                            <th scope="col">{t.col_address}</th>
                                            <th scope="col">{t.col_signature}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {(1..=rows)
                                            .map(|n| {
                                                view! {
                                                    <tr>
                                                        <td>{n.to_string()}</td>
                                                        <td></td>
                                                        <td></td>
                                                        <td></td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <p class="hint">{t.support_privacy}</p>
                            </div>
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}
