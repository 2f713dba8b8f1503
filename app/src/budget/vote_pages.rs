//! The vote's pages: `/budget/{year}/vote` (the district, then the ballot with the
//! voter's identity, a review, the cast and its receipt: plain forms that work without
//! JavaScript), `/budget/{year}/results` (every pool ranked, with a server-drawn bar
//! chart and its table, turnout, the digest, the data and a receipt check), and DK-04's
//! `/moderation/budget/{year}/vote` (the ballot's settings, sealing and publishing).

use super::model::{BallotProject, PoolResult, Results, VoteSettings};
use super::pages::{param, pool_label};
use super::vote_api::{vote_admin, vote_ballot, vote_receipt, vote_results, ReceiptView, VoteView};
use crate::accounts::forms::{feedback_for, DoneNotice, FormFeedback};
use crate::accounts::pages::refusal;
use crate::components::layout::use_locale;
use crate::domain::ballot::{Group, Scheme};
use crate::domain::budget::Phase;
use crate::domain::district::District;
use crate::domain::initiative::format_zloty;
use crate::domain::warsaw_time::iso_date;
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const FORM: &str = "vote";

fn typed(feedback: &Option<FormFeedback>, name: &str) -> Option<String> {
    feedback.as_ref()?.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
}

fn problems(feedback: &Option<FormFeedback>, field: &str) -> Vec<String> {
    feedback
        .as_ref()
        .map(|f| f.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect())
        .unwrap_or_default()
}

fn group_field(group: Group) -> &'static str {
    match group {
        Group::District => "district_group",
        Group::City => "city_group",
    }
}

/// The problem list of a refused vote, each message linking to its place.
fn summary(feedback: &Option<FormFeedback>, settings: &VoteSettings, locale: Locale) -> Option<impl IntoView> {
    let f = feedback.as_ref().filter(|f| f.has_errors())?;
    let items = f
        .errors
        .iter()
        .map(|e| {
            let n = match e.field.as_str() {
                "city_group" => settings.ballot.city_choices,
                _ => settings.ballot.district_choices,
            };
            let target = (!e.field.is_empty()).then(|| format!("vote-{}", e.field));
            (target, locale.vote_problem(&e.message, n))
        })
        .collect();
    Some(crate::accounts::forms::problem_list("vote-errors", locale.accounts().form_has_problems, items))
}

#[component]
pub fn VotePage() -> impl IntoView {
    let locale = use_locale();
    let year = param("year");
    let feedback = feedback_for(FORM);
    let cast = feedback_for("vote_cast");
    let asked = use_query_map().get_untracked().get("district");
    let district = typed(&feedback, "district").or(asked).and_then(|d| d.parse::<u8>().ok());
    // Just cast: the receipt needs nothing of the ballot, so none of it is loaded.
    if let Some(receipt) = typed(&cast, "receipt") {
        return receipt_view(year, receipt, locale).into_any();
    }
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new({
                let feedback = feedback.clone();
                async move {
                    match vote_ballot(year, district).await {
                        Ok(v) => vote_view(v, feedback, locale).into_any(),
                        Err(e) => refusal(e),
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// The page after a vote was stored: its receipt code, shown this once.
fn receipt_view(year: i64, receipt: String, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    let title = format!("{} {}", t.title, year);
    view! {
        <crate::components::PageTitle text=title.clone()/>
        <h1>{title}</h1>
        <section class="receipt" aria-labelledby="receipt-heading">
            <div role="status">
                <h2 id="receipt-heading">{t.receipt_heading}</h2>
            </div>
            <p>{t.receipt_code} ": " <strong class="receipt-code">{receipt}</strong></p>
            <p>{t.receipt_text}</p>
            <p><a href=format!("/budget/{year}/results")>{t.check_heading}</a></p>
        </section>
    }
}

fn vote_view(v: VoteView, feedback: Option<FormFeedback>, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    let title = format!("{} {}", t.title, v.year);
    let lead = match &v.settings.ballot.scheme {
        Scheme::Ranked { .. } => t
            .lead_ranked
            .replace("{d}", &v.settings.ballot.district_choices.to_string())
            .replace("{c}", &v.settings.ballot.city_choices.to_string()),
        _ => t.lead_other.to_owned(),
    };
    let results = format!("/budget/{}/results", v.year);
    let body = if v.phase != Phase::Voting {
        view! {
            <p class="notice">{t.closed} " " {iso_date(v.voting_starts)} " – " {iso_date(v.results_start - 1)}</p>
            <p><a href=results>{t.results}</a></p>
        }
        .into_any()
    } else if !v.signed_in {
        let next = format!("/budget/{}/vote", v.year);
        view! {
            <p>{t.sign_in}</p>
            <p><a class="button" href=format!("/signin?next={}", next.replace('/', "%2F"))>{locale.accounts().sign_in_link}</a></p>
        }
        .into_any()
    } else if v.settings.ballot.district_choices > 0 && v.district.is_none() {
        district_step(&v, locale).into_any()
    } else if typed(&feedback, "stage").as_deref() == Some("review")
        && !feedback.as_ref().is_some_and(|f| f.has_errors())
    {
        review(&v, feedback, locale).into_any()
    } else {
        ballot_form(&v, feedback, locale).into_any()
    };
    view! {
        <crate::components::PageTitle text=title.clone()/>
        <h1>{title}</h1>
        <p class="lead">{lead}</p>
        {body}
    }
}

fn district_step(v: &VoteView, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    let selected = v.profile_district;
    view! {
        <form method="get" action=format!("/budget/{}/vote", v.year) class="stack">
            <h2>{t.district_heading}</h2>
            <p class="hint" id="vote-district-hint">{t.district_hint}</p>
            <div class="field">
                <label for="vote-district">{t.district_label}</label>
                <select id="vote-district" name="district" required=true aria-describedby="vote-district-hint">
                    <option value="" selected=selected.is_none()>{t.district_none}</option>
                    {District::all()
                        .map(|d| {
                            let n = d.number();
                            view! { <option value=n.to_string() selected=selected == Some(n)>{d.label()}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit">{t.district_show}</button>
        </form>
    }
}

/// One group's projects with a points choice (or a tick) each.
fn group_fieldset(
    v: &VoteView,
    group: Group,
    projects: &[BallotProject],
    feedback: &Option<FormFeedback>,
    locale: Locale,
) -> impl IntoView {
    let t = locale.vote();
    let n = v.settings.ballot.choices(group);
    let field = group_field(group);
    let legend = match group {
        Group::District => format!("{}: {}", t.district_group, pool_label(v.district, locale)),
        Group::City => t.city_group.to_owned(),
    };
    let pool = if group == Group::City { v.pools.1 } else { v.pools.0 };
    let hint = match &v.settings.ballot.scheme {
        Scheme::Ranked { points } => t
            .hint_ranked
            .replace("{n}", &n.to_string())
            .replace("{top}", &locale.points(u64::from(points.first().copied().unwrap_or(0)))),
        Scheme::Approval => t.hint_approval.replace("{n}", &n.to_string()),
        Scheme::Knapsack => t.hint_knapsack.replace("{amount}", &format_zloty(pool)),
    };
    let errors: Vec<String> = problems(feedback, field).iter().map(|c| locale.vote_problem(c, n)).collect();
    let hint_id = format!("vote-{field}-hint");
    let error_id = format!("vote-{field}-error");
    let described = format!("{hint_id} {error_id}");
    let points: Vec<u32> = match &v.settings.ballot.scheme {
        Scheme::Ranked { points } => points.clone(),
        _ => Vec::new(),
    };
    let rows = projects
        .iter()
        .map(|p| {
            let name = format!("p{}", p.id);
            let id = format!("vote-{name}");
            let value = typed(feedback, &name).unwrap_or_default();
            let own = problems(feedback, &name).iter().map(|c| locale.vote_problem(c, n)).collect::<Vec<_>>().join(" ");
            let label = format!("{} · {}", p.number, p.title);
            let cost = format_zloty(p.cost);
            let control = if points.is_empty() {
                view! {
                    <input type="checkbox" id=id.clone() name=name value="1" checked=value == "1"/>
                }
                .into_any()
            } else {
                view! {
                    <select id=id.clone() name=name aria-invalid=(!own.is_empty()).then_some("true")>
                        <option value="" selected=value.is_empty()>{t.no_points}</option>
                        {points
                            .iter()
                            .map(|pt| {
                                let pv = pt.to_string();
                                let sel = value == pv;
                                view! { <option value=pv selected=sel>{locale.points(u64::from(*pt))}</option> }
                            })
                            .collect_view()}
                    </select>
                }
                .into_any()
            };
            let moves = (!points.is_empty()).then(|| {
                let button = |dir: &str, arrow: &'static str, text: &str| {
                    view! {
                        <button type="submit" name="move" value=format!("{}:{dir}", p.id) class="secondary ballot-move">
                            <span aria-hidden="true">{arrow}</span>
                            <span class="visually-hidden">{format!("{text}: {}", p.title)}</span>
                        </button>
                    }
                };
                view! { {button("up", "↑", t.move_up)} {button("down", "↓", t.move_down)} }.into_any()
            });
            view! {
                <li class="ballot-row">
                    <label for=id>{label}</label>
                    <span class="ballot-cost">{cost}</span>
                    {(!own.is_empty()).then(|| view! { <p class="error-message">{own}</p> })}
                    {control}
                    {moves}
                </li>
            }
            .into_any()
        })
        .collect_view();
    view! {
        <fieldset class="ballot-group" id=format!("vote-{field}") aria-describedby=described>
            <legend>{legend}</legend>
            <p class="hint" id=hint_id>{hint}</p>
            <p class="error-message" id=error_id>{errors.join(" ")}</p>
            <ul class="ballot-list">{rows}</ul>
        </fieldset>
    }
    .into_any()
}

fn ballot_form(v: &VoteView, feedback: Option<FormFeedback>, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    let action = format!("/budget/{}/vote?district={}", v.year, v.district.map(|d| d.to_string()).unwrap_or_default());
    let field = |name: &'static str, label: &'static str, hint: &'static str, autocomplete: &'static str| {
        let id = format!("vote-{name}");
        let error = problems(&feedback, name).first().map(|c| locale.vote_problem(c, 0));
        let described = if error.is_some() { format!("{id}-hint {id}-error") } else { format!("{id}-hint") };
        view! {
            <div class="field" class:field-error=error.is_some()>
                <label for=id.clone()>{label}</label>
                <p class="hint" id=format!("{id}-hint")>{hint}</p>
                {error.clone().map(|e| view! { <p class="error-message" id=format!("{id}-error")>{e}</p> })}
                <input
                    id=id
                    name=name
                    type="text"
                    inputmode=if name == "pesel" { "numeric" } else { "text" }
                    autocomplete=autocomplete
                    value=typed(&feedback, name).unwrap_or_default()
                    aria-invalid=error.is_some().then_some("true")
                    aria-describedby=described
                />
            </div>
        }
    };
    let district_projects: Vec<BallotProject> = v.district_projects.clone();
    let city_projects: Vec<BallotProject> = v.city_projects.clone();
    let ranked = matches!(v.settings.ballot.scheme, Scheme::Ranked { .. });
    // Each group's messages with its number of projects filled in (`{group}:{code}=…`),
    // so the browser only looks them up.
    let messages: String = [Group::District, Group::City]
        .into_iter()
        .flat_map(|group| {
            crate::i18n::vote::CODES[..8].iter().map(move |code| {
                let n = v.settings.ballot.choices(group);
                format!("{}:{code}={}\n", group_field(group), locale.vote_problem(code, n))
            })
        })
        .collect();
    let summary = summary(&feedback, &v.settings, locale);
    let form = view! {
        <form method="post" action=action class="stack ballot">
            // The first submit button is the one Enter in a text field presses: the review,
            // not a project's arrow.
            <button type="submit" name="intent" value="review" class="visually-hidden" tabindex="-1" aria-hidden="true">
                {t.review}
            </button>
            <input type="hidden" name="district" value=v.district.map(|d| d.to_string()).unwrap_or_default()/>
            {if v.vouched {
                view! { <p class="notice" id="vote-identity">{t.identity_vouched}</p> }.into_any()
            } else {
                view! {
                    <fieldset id="vote-identity">
                        <legend>{t.identity_heading}</legend>
                        <p class="hint">{t.identity_hint}</p>
                        {v.demo.then(|| view! { <p class="notice">{t.demo_pesel}</p> })}
                        {field("pesel", t.pesel, t.pesel_hint, "off")}
                        <p>{t.no_pesel}</p>
                        {field("birth_date", t.birth_date, t.birth_date_hint, "bday")}
                        {field("document", t.document, t.document_hint, "off")}
                    </fieldset>
                }
                .into_any()
            }}
            {ranked.then(|| view! { <p class="hint">{t.move_hint}</p> })}
            {(v.settings.ballot.district_choices > 0)
                .then(|| group_fieldset(v, Group::District, &district_projects, &feedback, locale))}
            {(v.settings.ballot.city_choices > 0).then(|| group_fieldset(v, Group::City, &city_projects, &feedback, locale))}
            <p id="vote-status" role="status" class="visually-hidden"></p>
            <button type="submit" name="intent" value="review">{t.review}</button>
        </form>
    }
    .into_any();
    view! {
        {summary}
        <p>
            <a href=format!("/budget/{}/vote", v.year)>{t.district_change}</a>
        </p>
        <crate::IslandScripts/>
        <crate::components::live_check::LiveCheck setup=live_setup(v) messages=messages>
            {form}
        </crate::components::live_check::LiveCheck>
    }
}

/// What the ballot's live check needs besides the form (see [`check_live`]):
/// `points|district|district choices|city choices|scheme|district pool|city pool|`
/// then each project as `id:d|c:cost`.
fn live_setup(v: &VoteView) -> String {
    let rules = &v.settings.ballot;
    let (points, scheme) = match &rules.scheme {
        Scheme::Ranked { points } => (points.iter().map(u32::to_string).collect::<Vec<_>>().join(","), "r"),
        Scheme::Approval => (String::new(), "a"),
        Scheme::Knapsack => (String::new(), "k"),
    };
    let projects = v
        .district_projects
        .iter()
        .map(|p| (p, 'd'))
        .chain(v.city_projects.iter().map(|p| (p, 'c')))
        .map(|(p, g)| format!("{}:{g}:{}", p.id, p.cost))
        .collect::<Vec<_>>()
        .join(",");
    format!(
        "vb|{points}|{}|{}|{}|{scheme}|{}|{}|{projects}",
        v.district.unwrap_or(0),
        rules.district_choices,
        rules.city_choices,
        v.pools.0,
        v.pools.1
    )
}

fn review(v: &VoteView, feedback: Option<FormFeedback>, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    let values: Vec<(String, String)> = feedback
        .as_ref()
        .map(|f| f.values.iter().filter(|(n, _)| n != "intent" && n != "stage").cloned().collect())
        .unwrap_or_default();
    let ranked = matches!(v.settings.ballot.scheme, Scheme::Ranked { .. });
    let table = |caption: String, projects: &[BallotProject]| {
        let mut chosen: Vec<(u32, &BallotProject)> = projects
            .iter()
            .filter_map(|p| {
                let mark = values.iter().find(|(n, _)| *n == format!("p{}", p.id))?.1.parse::<u32>().ok()?;
                (mark > 0).then_some((mark, p))
            })
            .collect();
        chosen.sort_by_key(|(mark, _)| std::cmp::Reverse(*mark));
        view! {
            <table class="register">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.project}</th>
                        {ranked.then(|| view! { <th scope="col" class="number">{t.points}</th> })}
                        <th scope="col" class="number">{t.cost}</th>
                    </tr>
                </thead>
                <tbody>
                    {chosen
                        .into_iter()
                        .map(|(mark, p)| {
                            view! {
                                <tr>
                                    <th scope="row">{format!("{} · {}", p.number, p.title)}</th>
                                    {ranked.then(|| view! { <td class="number">{locale.points(u64::from(mark))}</td> })}
                                    <td class="number">{format_zloty(p.cost)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    };
    let district_caption = format!("{}: {}", t.district_group, pool_label(v.district, locale));
    view! {
        <section aria-labelledby="review-heading">
            <h2 id="review-heading">{t.review_heading}</h2>
            <p class="notice">{t.review_hint}</p>
            {(v.settings.ballot.district_choices > 0).then(|| table(district_caption, &v.district_projects))}
            {(v.settings.ballot.city_choices > 0).then(|| table(t.city_group.to_owned(), &v.city_projects))}
            <form method="post" action=format!("/budget/{}/vote?district={}", v.year, v.district.map(|d| d.to_string()).unwrap_or_default()) class="actions">
                {values.into_iter().map(|(n, val)| view! { <input type="hidden" name=n value=val/> }).collect_view()}
                <button type="submit" name="intent" value="cast">{t.cast}</button>
                " "
                <button type="submit" name="intent" value="change" class="secondary">{t.change}</button>
            </form>
        </section>
    }
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let locale = use_locale();
    let year = param("year");
    let code = use_query_map().get_untracked().get("code").filter(|c| !c.trim().is_empty());
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new({
                let code = code.clone();
                async move {
                    let checked = match &code {
                        Some(c) => vote_receipt(year, c.clone()).await.ok().map(|r| (c.clone(), r)),
                        None => None,
                    };
                    match vote_results(year).await {
                        Ok(r) => results_view(r.year, r.sealed, r.results, checked, locale).into_any(),
                        Err(e) => refusal(e),
                    }
                }
            })}
        </Suspense>
    }
}

fn results_view(
    year: i64,
    sealed: Option<(String, i64)>,
    results: Option<Results>,
    checked: Option<(String, Option<ReceiptView>)>,
    locale: Locale,
) -> impl IntoView {
    let t = locale.vote();
    let title = format!("{} {}", t.results_title, year);
    let published = results.is_some();
    view! {
        <crate::components::PageTitle text=title.clone()/>
        <h1>{title}</h1>
        <DoneNotice/>
        {sealed.map(|(digest, ballots)| {
            view! {
                <dl class="facts">
                    <dt>{t.digest}</dt>
                    <dd><code class="digest">{digest}</code></dd>
                    <dt>{t.ballots}</dt>
                    <dd>{ballots}</dd>
                </dl>
                <p class="hint">{t.digest_hint}</p>
            }
        })}
        {match results {
            None => view! { <p class="notice">{t.results_not_yet}</p> }.into_any(),
            Some(r) => published_results(r, locale).into_any(),
        }}
        <section aria-labelledby="check-heading">
            <h2 id="check-heading">{t.check_heading}</h2>
            {checked.map(|(_, found)| receipt_answer(found, locale))}
            <form method="get" action=format!("/budget/{year}/results") class="inline-form">
                <div class="field">
                    <label for="receipt-code">{t.receipt_code}</label>
                    <p class="hint" id="receipt-code-hint">{t.check_hint}</p>
                    <input id="receipt-code" name="code" type="text" autocomplete="off" maxlength=40 aria-describedby="receipt-code-hint"/>
                </div>
                <button type="submit">{t.check}</button>
            </form>
        </section>
        {published.then(|| {
            view! {
                <section aria-labelledby="data-heading">
                    <h2 id="data-heading">{t.data}</h2>
                    <p>{t.data_hint}</p>
                    <ul>
                        <li><a href=format!("/api/v1/budget/{year}/results")>"JSON"</a></li>
                        <li><a href=format!("/api/v1/budget/{year}/results.csv")>"CSV"</a></li>
                        <li><a href=format!("/api/v1/budget/{year}/ballots.pb")>"Pabulib (.pb)"</a></li>
                    </ul>
                </section>
            }
        })}
    }
}

fn receipt_answer(found: Option<ReceiptView>, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    match found {
        None => view! { <p class="notice" role="status">{t.receipt_unknown}</p> }.into_any(),
        Some(r) => {
            let status = if r.receipt.counted { t.receipt_counted } else { t.receipt_not_counted };
            let items = r.district_projects.into_iter().chain(r.city_projects).map(|(number, title)| {
                view! { <li>{format!("{number} · {title}")}</li> }
            });
            view! {
                <p class="notice" role="status">{status}</p>
                <ol>{items.collect_view()}</ol>
            }
            .into_any()
        }
    }
}

fn published_results(r: Results, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    let turnout_rows = r
        .turnout
        .districts
        .iter()
        .map(|(d, online, paper, imported)| {
            let name = District::new(*d).map_or_else(|| t.undeclared.to_owned(), District::label);
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td class="number">{*online}</td>
                    <td class="number">{*paper}</td>
                    <td class="number">{*imported}</td>
                    <td class="number">{online + paper + imported}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <dl class="facts">
            <dt>{t.seed}</dt>
            <dd><code>{r.draw_seed.clone()}</code></dd>
        </dl>
        <p class="hint">{t.seed_hint}</p>
        {r.pools.into_iter().map(|pool| pool_section(pool, locale)).collect_view()}
        <section aria-labelledby="turnout-heading">
            <h2 id="turnout-heading">{t.turnout}</h2>
            <table class="register">
                <caption>{t.turnout_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{locale.vote().district_label}</th>
                        <th scope="col" class="number">{t.online}</th>
                        <th scope="col" class="number">{t.paper}</th>
                        <th scope="col" class="number">{t.imported}</th>
                        <th scope="col" class="number">{t.total}</th>
                    </tr>
                </thead>
                <tbody>{turnout_rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t.total}</th>
                        <td colspan="4" class="number">{r.turnout.total}</td>
                    </tr>
                </tfoot>
            </table>
        </section>
    }
}

/// A pool: a bar chart of points drawn on the server (funded bars filled), then the
/// same figures as a table, which is what assistive technology reads.
fn pool_section(pool: PoolResult, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    let name = pool_label(pool.district, locale);
    let id = format!("pool-{}", pool.district.map_or(0, u8::from));
    let max = pool.projects.iter().map(|p| p.points).max().unwrap_or(0).max(1);
    const ROW: u64 = 22;
    let height = ROW * pool.projects.len() as u64 + 4;
    let bars = pool
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let width = p.points * 600 / max;
            let y = i as u64 * ROW + 2;
            view! {
                <rect x="0" y=y.to_string() width=width.max(1).to_string() height="16" class=if p.funded { "bar funded" } else { "bar" }/>
                <text x=(width + 6).to_string() y=(y + 13).to_string()>{format!("{} ({})", p.points, p.number)}</text>
            }
        })
        .collect_view();
    let rows = pool
        .projects
        .iter()
        .map(|p| {
            view! {
                <tr class:funded=p.funded>
                    <td class="number">{p.rank}</td>
                    <th scope="row">{format!("{} · {}", p.number, p.title)}</th>
                    <td class="number">{p.points}</td>
                    <td class="number">{p.voters}</td>
                    <td class="number">{format_zloty(p.cost)}</td>
                    <td>{if p.funded { t.funded } else { t.not_funded }} {p.drawn.then(|| format!(" ({})", t.drawn))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby=format!("{id}-heading") class="pool-result">
            <h2 id=format!("{id}-heading")>{name.clone()}</h2>
            <p>{format!("{}: {} · {}: {}", t.pool, format_zloty(pool.budget), t.ballots, pool.ballots)}</p>
            <figure>
                <svg
                    class="chart"
                    role="img"
                    aria-label=format!("{}: {}", t.chart, name)
                    viewBox=format!("0 0 800 {height}")
                    width="100%"
                    preserveAspectRatio="xMinYMin meet"
                >
                    {bars}
                </svg>
            </figure>
            <table class="register">
                <caption>{format!("{} · {}", t.results, name)}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="number">{t.rank}</th>
                        <th scope="col">{t.project}</th>
                        <th scope="col" class="number">{t.points}</th>
                        <th scope="col" class="number">{t.voters}</th>
                        <th scope="col" class="number">{t.cost}</th>
                        <th scope="col">{t.funded}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[component]
pub fn VoteAdminPage() -> impl IntoView {
    let locale = use_locale();
    let year = param("year");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match vote_admin(year).await {
                    Ok(v) => admin_view(v, locale).into_any(),
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

fn admin_view(v: super::vote_api::VoteAdminView, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    let title = format!("{} {}", t.staff_title, v.year);
    let feedback = feedback_for("vote_rules");
    let page = format!("/moderation/budget/{}/vote", v.year);
    let s = &v.settings;
    let value = |name: &str, default: String| typed(&feedback, name).unwrap_or(default);
    let error = |name: &str| problems(&feedback, name).first().map(|c| locale.problem(c).to_owned());
    let scheme = value(
        "scheme",
        match s.ballot.scheme {
            Scheme::Ranked { .. } => "ranked",
            Scheme::Approval => "approval",
            Scheme::Knapsack => "knapsack",
        }
        .to_owned(),
    );
    let points = value(
        "points",
        match &s.ballot.scheme {
            Scheme::Ranked { points } => points.iter().map(u32::to_string).collect::<Vec<_>>().join(","),
            _ => String::new(),
        },
    );
    let locked = v.phase >= Phase::Voting;
    let radio = |name: &'static str, options: Vec<(&'static str, &'static str)>, current: String| {
        options
            .into_iter()
            .map(|(code, label)| {
                let id = format!("vote-rules-{name}-{code}");
                view! {
                    <div class="choice">
                        <input type="radio" id=id.clone() name=name value=code checked=current == code disabled=locked/>
                        <label for=id>{label}</label>
                    </div>
                }
            })
            .collect_view()
    };
    let funding =
        value("funding", if s.funding == crate::domain::tally::Funding::Stop { "stop" } else { "skip" }.into());
    let conflict = value("conflict_rule", s.conflict_rule.code().to_owned());
    let number = |name: &'static str, label: &'static str, current: u8| {
        let id = format!("vote-rules-{name}");
        let err = error(name);
        let has_error = err.is_some();
        let described = err.as_ref().map(|_| format!("{id}-error"));
        view! {
            <div class="field" class:field-error=has_error>
                <label for=id.clone()>{label}</label>
                {err.map(|e| view! { <p class="error-message" id=format!("{id}-error")>{e}</p> })}
                <input id=id.clone() name=name type="number" min="0" max="20" value=value(name, current.to_string()) disabled=locked
                    aria-describedby=described/>
            </div>
        }
    };
    let general = error("");
    view! {
        <crate::components::PageTitle text=title.clone()/>
        <h1>{title}</h1>
        <DoneNotice/>
        <p>
            <a href=format!("/budget/{}/results", v.year)>{t.results}</a>
            " · "
            <a href=format!("/moderation/budget/{}/integrity", v.year)>{t.integrity_link}</a>
            " · "
            <a href=format!("/budget/{}/cards", v.year)>{t.cards_link}</a>
        </p>
        <section aria-labelledby="rules-heading">
            <h2 id="rules-heading">{t.rules_heading}</h2>
            {locked.then(|| view! { <p class="notice">{t.rules_locked}</p> })}
            {general.map(|e| view! { <p class="error-message" role="alert">{e}</p> })}
            <form method="post" action=page.clone() class="stack">
                <fieldset>
                    <legend>{t.scheme}</legend>
                    {radio("scheme", vec![("ranked", t.scheme_ranked), ("approval", t.scheme_approval), ("knapsack", t.scheme_knapsack)], scheme)}
                </fieldset>
                <div class="field" class:field-error=error("points").is_some()>
                    <label for="vote-rules-points">{t.points_setting}</label>
                    <p class="hint" id="vote-rules-points-hint">{t.points_setting_hint}</p>
                    {error("points").map(|e| view! { <p class="error-message">{e}</p> })}
                    <input id="vote-rules-points" name="points" type="text" value=points disabled=locked aria-describedby="vote-rules-points-hint"/>
                </div>
                {number("district_choices", t.district_choices, s.ballot.district_choices)}
                {number("city_choices", t.city_choices, s.ballot.city_choices)}
                <fieldset>
                    <legend>{t.funding}</legend>
                    {radio("funding", vec![("skip", t.funding_skip), ("stop", t.funding_stop)], funding)}
                </fieldset>
                <fieldset>
                    <legend>{t.conflict}</legend>
                    {radio("conflict_rule", vec![("earlier", t.conflict_earlier), ("online", t.conflict_online), ("paper", t.conflict_paper)], conflict)}
                </fieldset>
                <div class="field">
                    <label for="vote-rules-seed">{t.seed}</label>
                    <p class="hint" id="vote-rules-seed-hint">{t.seed_hint}</p>
                    <input id="vote-rules-seed" name="draw_seed" type="text" maxlength=64 value=value("draw_seed", s.draw_seed.clone()) disabled=locked aria-describedby="vote-rules-seed-hint"/>
                </div>
                <button type="submit" name="intent" value="rules" disabled=locked>{t.save}</button>
            </form>
        </section>
        {officers_section(&v, &page, locale)}
        <section aria-labelledby="count-heading">
            <h2 id="count-heading">{t.count_heading}</h2>
            {match &v.sealed {
                Some((digest, ballots)) => view! {
                    <p>{t.sealed} ": " {*ballots} " · " {t.digest} ": " <code class="digest">{digest.clone()}</code></p>
                }.into_any(),
                None => view! {
                    <p>{t.seal_hint}</p>
                    <form method="post" action=page.clone()>
                        <button type="submit" name="intent" value="seal">{t.seal}</button>
                    </form>
                }.into_any(),
            }}
            {(v.sealed.is_some() && !v.published).then(|| view! {
                <p>{t.publish_hint}</p>
                <form method="post" action=page.clone()>
                    <button type="submit" name="intent" value="publish">{t.publish}</button>
                </form>
            })}
        </section>
    }
}

fn officers_section(v: &super::vote_api::VoteAdminView, page: &str, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    let feedback = feedback_for("vote_officer");
    let error = problems(&feedback, "email").first().map(|c| locale.problem(c).to_owned());
    let has_error = error.is_some();
    let list =
        v.officers.iter().map(|(_, name, email)| view! { <li>{format!("{name} <{email}>")}</li> }).collect_view();
    view! {
        <section aria-labelledby="officers-heading">
            <h2 id="officers-heading">{t.officers_heading}</h2>
            <ul>{list}</ul>
            <form method="post" action=page.to_owned() class="inline-form">
                <div class="field" class:field-error=has_error>
                    <label for="vote-officer-email">{t.officer_email}</label>
                    {error.map(|e| view! { <p class="error-message" id="vote-officer-email-error">{e}</p> })}
                    <input
                        id="vote-officer-email"
                        name="email"
                        type="email"
                        autocomplete="off"
                        value=typed(&feedback, "email").unwrap_or_default()
                        aria-invalid=has_error.then_some("true")
                        aria-describedby=has_error.then_some("vote-officer-email-error")
                    />
                </div>
                <button type="submit" name="intent" value="officer">{t.add_officer}</button>
            </form>
        </section>
    }
}

/// The ballot's live check (the island's `setup` after `vb|`, see [`live_setup`]): on a
/// change, the server's own `domain::ballot::check` names each touched group's problem
/// next to it; an arrow moves its project in the group's ranking with
/// `domain::ballot::move_mark`, sets the group's choices and says where the project went.
/// Without JavaScript the arrows post the form and the server moves the same way.
#[cfg(feature = "hydrate")]
pub fn check_live(wrapper: &NodeRef<leptos::html::Div>, ev: &leptos::ev::Event, setup: &str, messages: &str) {
    use crate::components::live_check::{message_of, read, show, values};
    use crate::domain::ballot::{check, move_mark, BallotRules, Candidate, Marks};
    use wasm_bindgen::JsCast;
    let mut fields = setup.split('|');
    let mut next = || fields.next().unwrap_or_default();
    let points: Vec<u32> = next().split(',').filter_map(|p| p.parse().ok()).collect();
    let district = next().parse::<u8>().ok().filter(|d| *d > 0);
    let (district_choices, city_choices) = (next().parse().unwrap_or(0), next().parse().unwrap_or(0));
    let scheme = match next() {
        "a" => Scheme::Approval,
        "k" => Scheme::Knapsack,
        _ => Scheme::Ranked { points: points.clone() },
    };
    let rules = BallotRules { scheme, district_choices, city_choices };
    let pools = (next().parse().unwrap_or(0), next().parse().unwrap_or(0));
    let candidates: Vec<Candidate> = next()
        .split(',')
        .filter_map(|p| {
            let mut parts = p.split(':');
            let id = parts.next()?.parse().ok()?;
            let district = (parts.next()? == "d").then_some(district.unwrap_or(0));
            Some(Candidate { id, district, cost: parts.next()?.parse().ok()? })
        })
        .collect();
    let Some(data) = read(wrapper, ev, FORM, |_| "") else {
        return;
    };
    let mut marks: Vec<(i64, u32)> = candidates
        .iter()
        .map(|c| (c.id, values(&data, &format!("p{}", c.id)).first().and_then(|v| v.parse().ok()).unwrap_or(0)))
        .collect();
    let document = document();
    let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    if ev.type_() == "click" {
        // An arrow: the project moves within its group, whose choices are set again.
        let Some(button) = target.as_ref().and_then(|t| t.closest("button[name=move]").ok().flatten()) else {
            return;
        };
        ev.prevent_default();
        let value = button.get_attribute("value").unwrap_or_default();
        let (id, up) = value.split_once(':').unwrap_or_default();
        let (Ok(id), up) = (id.parse::<i64>(), up == "up") else {
            return;
        };
        let city = |id: i64| candidates.iter().any(|c| c.id == id && c.district.is_none());
        let mut group: Vec<(i64, u32)> = marks.iter().copied().filter(|m| city(m.0) == city(id)).collect();
        if !move_mark(&points, &mut group, id, up) {
            return;
        }
        for (id, mark) in group {
            if let Some(kept) = marks.iter_mut().find(|m| m.0 == id) {
                kept.1 = mark;
            }
            let select = document.get_element_by_id(&format!("vote-p{id}"));
            if let Some(select) = select.and_then(|s| s.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                select.set_value(&if mark == 0 { String::new() } else { mark.to_string() });
            }
        }
        // Says where the project went: its name and its points (or "not chosen").
        let said = button.parent_element().and_then(|row| {
            let label = row.query_selector("label").ok()??.text_content()?;
            let choice = row.query_selector("option:checked").ok()??.text_content()?;
            Some(format!("{label}: {choice}"))
        });
        if let Some(status) = document.get_element_by_id("vote-status") {
            status.set_text_content(said.as_deref());
        }
    }
    if let Some(slot) = target
        .and_then(|t| t.closest("fieldset").ok().flatten())
        .and_then(|f| document.get_element_by_id(&format!("{}-error", f.id())))
    {
        let _ = slot.set_attribute("data-touched", "");
    }
    let problems = check(&rules, &candidates, pools, &Marks { district, marks }).err().unwrap_or_default();
    show(FORM, &["district_group", "city_group"], &|field| {
        let group = if field == "city_group" { Group::City } else { Group::District };
        let problem = problems.iter().find(|p| p.group == Some(group))?;
        message_of(messages, &format!("{field}:{}", problem.code)).map(str::to_owned)
    });
}
