//! The applicant's pages (my applications, one application with its receipt, summons
//! and timeline, the printable support list) and the public register.

use super::api::{initiative_register, my_application, my_applications, public_initiative, support_list};
use super::model::{InitiativeDetail, InitiativeSummary, PoolState, TimelineEntry};
use crate::accounts::forms::DoneNotice;
use crate::accounts::pages::{refusal, PageHeading};
use crate::components::layout::use_locale;
use crate::domain::district::District;
use crate::domain::initiative::{format_zloty, parse_zloty, ApplicantKind, ApplicationInput, Scope};
use crate::domain::initiative_flow::Status;
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Whether the signed-in person belongs to a district council.
fn council_member() -> bool {
    use crate::accounts::model::OrganisationKind;
    crate::accounts::api::current_user()
        .is_some_and(|me| me.memberships.iter().any(|m| m.kind == OrganisationKind::DistrictCouncil))
}

fn id_param(name: &str) -> i64 {
    use_params_map().get_untracked().get(name).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// The status as a badge.
#[component]
pub fn StatusBadge(status: Status, locale: Locale) -> impl IntoView {
    view! { <span class=format!("badge badge-il-{}", status.code())>{locale.initiative_status(status)}</span> }
}

fn amount(text: &str) -> String {
    parse_zloty(text).map(format_zloty).unwrap_or_else(|| text.to_owned())
}

/// The application's parts, read-only (the review page, the owner's page, DK-04 and,
/// without applicants' names, the public).
#[component]
pub fn ApplicationText(
    input: ApplicationInput,
    kind: ApplicantKind,
    organisation: Option<String>,
    show_applicants: bool,
    locale: Locale,
) -> impl IntoView {
    let t = locale.initiatives();
    let scope = Scope::parse(&input.scope).map(|s| locale.scope(s)).unwrap_or("–");
    let district = District::parse(&input.district).map(District::label).unwrap_or_else(|| "–".to_owned());
    let applicant = match (kind, organisation) {
        (ApplicantKind::Residents, _) => t.as_residents.to_owned(),
        (ApplicantKind::Ngo, Some(name)) => format!("{} {name}", t.as_ngo),
        (ApplicantKind::DistrictCouncil, Some(name)) => format!("{} {name}", t.as_council),
        (_, None) => "–".to_owned(),
    };
    let work = match (input.work_people.trim(), input.work_hours.trim()) {
        ("", "") => "–".to_owned(),
        (people, hours) => format!("{people} × {hours} {}", t.hours_unit),
    };
    let goods = input.goods.clone();
    view! {
        <dl class="facts application">
            <dt>{t.applicant}</dt>
            <dd>{applicant}</dd>
            {show_applicants
                .then(|| {
                    view! {
                        <dt>{t.applicants}</dt>
                        <dd>
                            <ul class="plain">{input.applicants.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
                        </dd>
                    }
                })}
            {(kind == ApplicantKind::Ngo)
                .then(|| {
                    view! {
                        <dt>{t.ngo_authorisation}</dt>
                        <dd>{if input.ngo_authorisation { t.yes } else { t.no }}</dd>
                        <dt>{t.ngo_krs}</dt>
                        <dd>{input.ngo_krs.clone()}</dd>
                    }
                })}
            <dt>{t.title}</dt>
            <dd lang="pl">{input.title.clone()}</dd>
            <dt>{t.scope}</dt>
            <dd>{scope}</dd>
            <dt>{t.description}</dt>
            <dd lang="pl" class="pre-line">{input.description.clone()}</dd>
            <dt>{t.need}</dt>
            <dd lang="pl" class="pre-line">{input.need.clone()}</dd>
            <dt>{t.place}</dt>
            <dd lang="pl">{input.place.clone()}</dd>
            <dt>{t.district}</dt>
            <dd>{district}</dd>
            <dt>{t.city_property}</dt>
            <dd>{if input.city_property { t.yes } else { t.no }}</dd>
            <dt>{t.schedule}</dt>
            <dd>{format!("{} – {}", input.starts_on, input.ends_on)}</dd>
            <dt>{t.cost}</dt>
            <dd>{amount(&input.cost)}</dd>
            <dt>{t.work_label}</dt>
            <dd>{work}</dd>
            <dt>{t.goods}</dt>
            <dd>
                {if goods.is_empty() {
                    view! { "–" }.into_any()
                } else {
                    view! {
                        <ul class="plain">
                            {goods
                                .into_iter()
                                .map(|g| view! { <li lang="pl">{format!("{}: {}", g.description, amount(&g.value))}</li> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </dd>
            <dt>{t.money}</dt>
            <dd>{if input.money.trim().is_empty() { "–".to_owned() } else { amount(&input.money) }}</dd>
            <dt>{t.city_share}</dt>
            <dd lang="pl" class="pre-line">{input.city_share.clone()}</dd>
            <dt>{t.attachments}</dt>
            <dd lang="pl" class="pre-line">{if input.attachments.trim().is_empty() { "–".to_owned() } else { input.attachments.clone() }}</dd>
        </dl>
    }
}

/// What happened to the application, oldest first.
#[component]
pub fn Timeline(entries: Vec<TimelineEntry>, locale: Locale) -> impl IntoView {
    let t = locale.initiatives();
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
                                    <strong>{locale.initiative_event(&e.kind)}</strong>
                                    {format!(" ({who})")}
                                </p>
                                {(!e.note.is_empty()).then(|| view! { <p class="pre-line" lang="pl">{e.note.clone()}</p> })}
                                {e.deadline.map(|d| view! { <p>{format!("{}: {}", t.deadline, locale.date(d))}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match my_applications().await {
                    Ok(list) => {
                        let t = locale.initiatives();
                        view! {
                            <PageHeading title=t.mine_title/>
                            <DoneNotice/>
                            <p>
                                <a class="button" href="/initiatives/new">{t.new_title}</a>
                            </p>
                            {council_member()
                                .then(|| {
                                    view! {
                                        <p>
                                            <a href="/initiatives/opinions">{t.council_opinions_link}</a>
                                        </p>
                                    }
                                })}
                            {if list.is_empty() {
                                view! { <p>{t.mine_empty}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="cards">
                                        {list
                                            .into_iter()
                                            .map(|s| {
                                                let href = format!("/initiatives/applications/{}", s.id);
                                                let title = if s.title.is_empty() { t.untitled.to_owned() } else { s.title.clone() };
                                                view! {
                                                    <li class="card">
                                                        <h2>
                                                            <a href=href lang="pl">{title}</a>
                                                        </h2>
                                                        <p>
                                                            <StatusBadge status=s.status locale=locale/>
                                                            {s.number.clone().map(|n| format!(" {n}"))}
                                                            {format!(" · {} {}", t.updated, locale.date(s.updated_at))}
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

/// The applicant's page of one application: where it stands, the receipt, a summons
/// to remedy with its deadline, the support list, the timeline and the text.
#[component]
pub fn ApplicationPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param("id");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match my_application(id).await {
                    Ok((detail, _)) => view! { <OwnerView detail=detail locale=locale/> }.into_any(),
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

/// An application's attachments: to add and remove while it is a draft, else to read
/// (its owner and DK-04 only; never on the public register).
#[component]
pub fn Attachments(detail: InitiativeDetail) -> impl IntoView {
    let parent = crate::media::Parent::Initiative(detail.summary.id);
    if detail.summary.status == Status::Draft && detail.is_owner {
        view! { <crate::media::MediaEditor parent=parent items=detail.media/> }.into_any()
    } else {
        view! {
            <crate::accounts::forms::ErrorSummary form="media"/>
            <div class="gallery">
                {detail
                    .media
                    .iter()
                    .filter(|item| item.is_image())
                    .map(|item| {
                        view! { <crate::media::Picture item=item.clone() sizes="(min-width: 50rem) 23rem, 100vw"/> }
                    })
                    .collect_view()}
            </div>
            <crate::media::DocumentList items=detail.media/>
        }
        .into_any()
    }
}

#[component]
fn OwnerView(detail: InitiativeDetail, locale: Locale) -> impl IntoView {
    let t = locale.initiatives();
    let s = detail.summary.clone();
    let id = s.id;
    let now = detail.now;
    let summons = (s.status == Status::Remedy)
        .then(|| detail.timeline.iter().rev().find(|e| e.kind == "summon").cloned())
        .flatten();
    let deadline_passed = s.remedy_deadline.is_some_and(|d| d < now);
    let title = if s.title.is_empty() { t.untitled.to_owned() } else { s.title.clone() };
    let submitted_at = s.submitted_at;
    view! {
        <crate::components::PageTitle text=format!("{title} · {}", locale.texts().site_name)/>
        <h1 lang="pl">{title}</h1>
        <DoneNotice/>
        <p>
            <StatusBadge status=s.status locale=locale/>
            {s.number.clone().map(|n| view! { <strong>{format!(" {n}")}</strong> })}
        </p>
        {match (s.status, s.number.clone()) {
            (Status::Draft, _) => {
                view! {
                    <p>{t.draft_notice}</p>
                    <p>
                        <a class="button" href=format!("/initiatives/applications/{id}/steps/applicants")>{t.continue_draft}</a>
                    </p>
                }
                    .into_any()
            }
            (_, Some(number)) => {
                view! {
                    <section class="receipt" aria-labelledby="receipt-heading">
                        <h2 id="receipt-heading">{t.receipt_title}</h2>
                        <dl class="facts">
                            <dt>{t.number}</dt>
                            <dd>{number}</dd>
                            <dt>{t.submitted_at}</dt>
                            <dd>{submitted_at.map(|at| locale.date_time(at))}</dd>
                            <dt>{t.version}</dt>
                            <dd>{detail.version}</dd>
                        </dl>
                        <p>{t.receipt_mail}</p>
                    </section>
                    <p>
                        <a href=format!("/initiatives/applications/{id}/support-list")>{t.print_support_list}</a>
                        {s.public_path().map(|href| view! { " · " <a href=href>{t.public_page}</a> })}
                    </p>
                }
                    .into_any()
            }
            _ => ().into_any(),
        }}
        {summons
            .map(|e| {
                view! {
                    <section class="notice notice-problem" aria-labelledby="summons-heading">
                        <h2 id="summons-heading">{t.summons_title}</h2>
                        <p class="pre-line" lang="pl">{e.note.clone()}</p>
                        <p>
                            <strong>{format!("{}: {}", t.deadline, e.deadline.map(|d| locale.date(d)).unwrap_or_default())}</strong>
                        </p>
                        {if deadline_passed {
                            view! { <p>{t.deadline_passed}</p> }.into_any()
                        } else {
                            view! {
                                <p>
                                    <a class="button" href=format!("/initiatives/applications/{id}/steps/applicants")>{t.amend}</a>
                                </p>
                            }
                                .into_any()
                        }}
                    </section>
                }
            })}
        <Attachments detail=detail.clone()/>
        <Timeline entries=detail.timeline.clone() locale=locale/>
        {s.status
            .after(crate::domain::initiative_flow::Move::Withdraw)
            .is_some()
            .then(|| {
                view! {
                    <section aria-labelledby="withdraw-heading" class="stack danger-zone">
                        <h2 id="withdraw-heading">{t.withdraw}</h2>
                        <crate::accounts::forms::ErrorSummary form="withdraw"/>
                        <form method="post" action=format!("/initiatives/applications/{id}/withdraw") class="stack narrow">
                            <div class="field checkbox" id="withdraw-confirm">
                                <input id="withdraw-confirm-box" name="confirm" type="checkbox" value="yes"/>
                                <label for="withdraw-confirm-box">{t.withdraw_confirm}</label>
                            </div>
                            <button type="submit" class="button button-danger">{t.withdraw}</button>
                        </form>
                    </section>
                }
            })}
        {detail
            .submitted
            .map(|input| {
                view! {
                    <h2>{t.submitted_version}</h2>
                    <ApplicationText input=input kind=s.kind organisation=s.organisation.clone() show_applicants=true locale=locale/>
                }
            })}
    }
}

/// The printable support list (A4): the application's number and title, and rows for
/// residents' names, addresses and signatures.
#[component]
pub fn SupportListPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param("id");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match support_list(id).await {
                    Ok(s) => {
                        let t = locale.initiatives();
                        let number = s.number.clone().unwrap_or_default();
                        view! {
                            <crate::components::PageTitle text=format!("{} {number}", t.support_list_title)/>
                            <div class="support-list">
                                <p class="no-print">
                                    <a href=format!("/initiatives/applications/{id}")>{t.back_to_application}</a>
                                    " · "
                                    {t.print_hint}
                                </p>
                                <h1>{format!("{} {number}", t.support_list_title)}</h1>
                                <p lang="pl">
                                    <strong>{s.title}</strong>
                                </p>
                                <p>{t.support_list_statement}</p>
                                <table class="support">
                                    <caption class="visually-hidden">{t.support_list_title}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t.col_no}</th>
                                            <th scope="col">{t.col_name}</th>
                                            <th scope="col">{t.col_address}</th>
                                            <th scope="col">{t.col_signature}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {(1..=30)
                                            .map(|n| {
                                                view! {
                                                    <tr>
                                                        <td>{n}</td>
                                                        <td></td>
                                                        <td></td>
                                                        <td></td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <p class="small">{t.support_list_privacy}</p>
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

/// The pool of the year: set, used by accepted applications, remaining.
#[component]
pub fn PoolBox(pool: PoolState, locale: Locale) -> impl IntoView {
    let t = locale.initiatives();
    view! {
        <section class="pool" aria-labelledby="pool-heading">
            <h2 id="pool-heading">{format!("{} {}", t.pool_title, pool.year)}</h2>
            {match pool.pool {
                Some(total) => {
                    let remaining = pool.remaining().unwrap_or(0);
                    view! {
                        <dl class="facts">
                            <dt>{t.pool_total}</dt>
                            <dd>{format_zloty(total)}</dd>
                            <dt>{t.pool_used}</dt>
                            <dd>{format_zloty(pool.used)}</dd>
                            <dt>{t.pool_remaining}</dt>
                            <dd>
                                <strong>{format_zloty(remaining)}</strong>
                            </dd>
                        </dl>
                        <meter min="0" max=total.to_string() value=remaining.to_string() aria-label=t.pool_remaining></meter>
                    }
                        .into_any()
                }
                None => view! { <p>{t.pool_not_set}</p> }.into_any(),
            }}
        </section>
    }
}

/// A table of registered applications.
#[component]
pub fn RegisterTable(
    list: Vec<InitiativeSummary>,
    locale: Locale,
    #[prop(default = false)] staff: bool,
) -> impl IntoView {
    let t = locale.initiatives();
    view! {
        <table class="register">
            <thead>
                <tr>
                    <th scope="col">{t.number}</th>
                    <th scope="col">{t.title}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col">{t.district}</th>
                    <th scope="col">{t.cost}</th>
                    <th scope="col">{t.submitted_at}</th>
                </tr>
            </thead>
            <tbody>
                {list
                    .into_iter()
                    .map(|s| {
                        let href = if staff { format!("/moderation/initiatives/{}", s.id) } else { s.public_path().unwrap_or_default() };
                        view! {
                            <tr>
                                <td>
                                    <a href=href>{s.number.clone()}</a>
                                </td>
                                <td lang="pl">{s.title.clone()}</td>
                                <td>
                                    <StatusBadge status=s.status locale=locale/>
                                </td>
                                <td>{s.district.and_then(District::new).map(District::label)}</td>
                                <td class="number">{s.cost.map(format_zloty)}</td>
                                <td>{s.submitted_at.map(|at| locale.date(at))}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// A GET form choosing the status to list.
#[component]
pub fn StatusFilter(action: &'static str, chosen: Option<Status>, locale: Locale) -> impl IntoView {
    let t = locale.initiatives();
    view! {
        <form method="get" action=action class="filter-form inline">
            <div class="field inline">
                <label for="filter-status">{t.status}</label>
                <select id="filter-status" name="status">
                    <option value="" selected=chosen.is_none()>{t.all_statuses}</option>
                    {Status::ALL
                        .into_iter()
                        .filter(|s| s.is_public())
                        .map(|s| view! { <option value=s.code() selected=chosen == Some(s)>{locale.initiative_status(s)}</option> })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button secondary">{t.filter}</button>
        </form>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let locale = use_locale();
    let status = use_query_map().get_untracked().get("status").filter(|s| !s.is_empty());
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match initiative_register(status.clone()).await {
                    Ok((list, pool)) => {
                        let t = locale.initiatives();
                        let chosen = status.as_deref().and_then(Status::parse);
                        view! {
                            <PageHeading title=t.register_title/>
                            <p class="lead">{t.register_lead}</p>
                            <p>
                                <a class="button" href="/initiatives/new">{t.new_title}</a>
                                " "
                                <a href="/initiatives/mine">{t.mine_title}</a>
                            </p>
                            <PoolBox pool=pool locale=locale/>
                            <StatusFilter action="/initiatives" chosen=chosen locale=locale/>
                            {if list.is_empty() {
                                view! { <p>{t.register_empty}</p> }.into_any()
                            } else {
                                view! { <RegisterTable list=list locale=locale/> }.into_any()
                            }}
                            <p>
                                <a href="/api/v1/initiatives">{locale.texts().download_json}</a>
                                " · "
                                <a href="/api/v1/initiatives.csv">{locale.texts().download_csv}</a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn PublicInitiativePage() -> impl IntoView {
    let locale = use_locale();
    let (year, seq) = (id_param("year"), id_param("seq"));
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match public_initiative(year, seq).await {
                    Ok(detail) => {
                        let t = locale.initiatives();
                        let s = detail.summary.clone();
                        let number = s.number.clone().unwrap_or_default();
                        view! {
                            <crate::components::PageTitle text=format!("{number} · {}", locale.texts().site_name)/>
                            <p>
                                <a href="/initiatives">{t.register_title}</a>
                            </p>
                            <h1>
                                <span class="number">{number}</span>
                                " "
                                <span lang="pl">{s.title.clone()}</span>
                            </h1>
                            <p>
                                <StatusBadge status=s.status locale=locale/>
                                {s.submitted_at.map(|at| format!(" · {} {}", t.submitted_at, locale.date(at)))}
                            </p>
                            {(!detail.opinions.is_empty())
                                .then(|| {
                                    view! {
                                        <h2>{t.opinions_title}</h2>
                                        <OpinionList opinions=detail.opinions.clone() locale=locale/>
                                    }
                                })}
                            <Timeline entries=detail.timeline.clone() locale=locale/>
                            {detail
                                .submitted
                                .map(|input| {
                                    view! {
                                        <h2>{t.application}</h2>
                                        <ApplicationText input=input kind=s.kind organisation=s.organisation.clone() show_applicants=false locale=locale/>
                                    }
                                })}
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

/// The opinions asked for an application: whose, and what they said.
#[component]
pub fn OpinionList(opinions: Vec<super::model::Opinion>, locale: Locale) -> impl IntoView {
    let t = locale.initiatives();
    view! {
        <ul class="plain opinions">
            {opinions
                .into_iter()
                .map(|o| {
                    let who = if o.body == "district_council" { t.opinion_council } else { t.opinion_committee };
                    let who = match o.organisation.as_ref() {
                        Some(name) => format!("{who} ({name})"),
                        None => who.to_owned(),
                    };
                    let verdict = match o.positive {
                        Some(true) => t.opinion_positive,
                        Some(false) => t.opinion_negative,
                        None => t.opinion_pending,
                    };
                    view! {
                        <li>
                            <strong>{format!("{who}: ")}</strong>
                            {verdict}
                            {o.answered_at.map(|at| format!(" · {}", locale.date(at)))}
                            {(!o.text.is_empty()).then(|| view! { <p class="pre-line" lang="pl">{o.text.clone()}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Positive or negative, and the opinion's text, for `form`; `key` tells apart several
/// such forms on a page (their ids, and which one a refusal belongs to).
#[component]
pub fn OpinionFields(form: &'static str, key: String, locale: Locale) -> impl IntoView {
    let t = locale.initiatives();
    let feedback = crate::accounts::forms::feedback_for(form)
        .filter(|f| f.values.iter().any(|(n, v)| n == "initiative" && *v == key) || key.is_empty());
    let typed =
        |name: &str| feedback.as_ref().and_then(|f| f.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()));
    let error = feedback
        .as_ref()
        .and_then(|f| f.errors.iter().find(|e| e.field == "opinion").map(|e| locale.problem(&e.message)));
    let verdict = typed("positive").unwrap_or_default();
    let id = |part: &str| if key.is_empty() { format!("{form}-{part}") } else { format!("{form}-{part}-{key}") };
    let (yes, no, text_id, error_id) = (id("positive-yes"), id("positive-no"), id("opinion"), id("opinion-error"));
    view! {
        <fieldset class="field">
            <legend>{t.opinion_verdict}</legend>
            <div class="radios inline">
                <div class="radio">
                    <input type="radio" id=yes.clone() name="positive" value="yes" checked=verdict == "yes"/>
                    <label for=yes>{t.opinion_positive}</label>
                </div>
                <div class="radio">
                    <input type="radio" id=no.clone() name="positive" value="no" checked=verdict == "no"/>
                    <label for=no>{t.opinion_negative}</label>
                </div>
            </div>
        </fieldset>
        <div class="field" class:field-error=error.is_some()>
            <label for=text_id.clone()>{t.opinion_label}</label>
            {error.map(|e| view! { <p class="error-message" id=error_id.clone()>{e}</p> })}
            <textarea id=text_id name="opinion" rows="4" maxlength="5000" lang="pl">
                {crate::components::textarea_text(&typed("opinion").unwrap_or_default())}
            </textarea>
        </div>
    }
}

/// The summary of a refused opinion, linking to the form it came from.
fn council_problems(locale: Locale) -> Option<impl IntoView> {
    let feedback = crate::accounts::forms::feedback_for("council").filter(|f| f.has_errors())?;
    let key = feedback.values.iter().find(|(n, _)| n == "initiative").map(|(_, v)| v.clone()).unwrap_or_default();
    Some(view! {
        <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="council-errors">
            <h2 id="council-errors">{locale.accounts().form_has_problems}</h2>
            <ul>
                {feedback
                    .errors
                    .into_iter()
                    .map(|e| {
                        view! {
                            <li>
                                <a href=format!("#council-opinion-{key}")>{locale.problem(&e.message)}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    })
}

/// `/initiatives/opinions`: the applications whose opinion is asked of the district
/// councils the person belongs to, each with the form to give it.
#[component]
pub fn CouncilOpinionsPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match super::api::council_opinions().await {
                    Ok(list) => {
                        let t = locale.initiatives();
                        view! {
                            <PageHeading title=t.council_opinions_title/>
                            <DoneNotice/>
                            <p class="lead">{t.council_opinions_lead}</p>
                            {council_problems(locale)}
                            {if list.is_empty() {
                                view! { <p>{t.council_opinions_empty}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="cards">
                                        {list
                                            .into_iter()
                                            .map(|(s, opinion)| {
                                                let id = s.id;
                                                let href = s.public_path().unwrap_or_default();
                                                let answered = opinion.answered_at.is_some();
                                                view! {
                                                    <li class="card stack">
                                                        <h2>
                                                            <a href=href>{s.number.clone()}</a>
                                                            " "
                                                            <span lang="pl">{s.title}</span>
                                                        </h2>
                                                        <OpinionList opinions=vec![opinion] locale=locale/>
                                                        {(!answered)
                                                            .then(|| {
                                                                view! {
                                                                    <form method="post" action="/initiatives/opinions" class="stack narrow" novalidate>
                                                                        <input type="hidden" name="initiative" value=id.to_string()/>
                                                                        <OpinionFields form="council" key=id.to_string() locale=locale/>
                                                                        <button type="submit" class="button">{t.give_opinion}</button>
                                                                    </form>
                                                                }
                                                            })}
                                                    </li>
                                                }
                                                    .into_any()
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
