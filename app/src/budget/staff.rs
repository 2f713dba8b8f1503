//! The civic budget's back office: `/moderation/budget` (DK-04 sets an edition's
//! calendar, pools and rules, and keeps the list of verifying units and their
//! verifiers), `/moderation/budget/{year}/projects` (every submitted project, closing the
//! list), `/moderation/budget/projects/{id}` (DK-04's moves and, for the verifiers of the
//! project's unit, the assessment) and `/verification` (a verifier's projects). Plain
//! forms posting to the server's routes.

use super::api::{staff_budget, staff_budget_project, staff_budget_projects, verifier_projects, StaffProject};
use super::model::{EditionView, ProjectSummary};
use super::pages::{param, pool_label, ProjectBadge, ProjectText, ProjectTimeline};
use crate::accounts::forms::{DoneNotice, ErrorSummary, Field};
use crate::accounts::pages::{refusal, PageHeading};
use crate::components::layout::use_locale;
use crate::domain::budget::{Phase, ProjectStatus, Rules};
use crate::domain::district::District;
use crate::domain::initiative::format_zloty;
use crate::domain::warsaw_time::iso_date;
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The names of the 18 district pools' fields, in district order.
pub const DISTRICT_POOL_FIELDS: [&str; 18] = [
    "pool_1", "pool_2", "pool_3", "pool_4", "pool_5", "pool_6", "pool_7", "pool_8", "pool_9", "pool_10", "pool_11",
    "pool_12", "pool_13", "pool_14", "pool_15", "pool_16", "pool_17", "pool_18",
];

/// An amount as the editor shows it: whole złoty without separators, or with grosze.
fn plain_zloty(grosze: i64) -> String {
    if grosze % 100 == 0 {
        (grosze / 100).to_string()
    } else {
        format!("{},{:02}", grosze / 100, grosze % 100)
    }
}

#[component]
pub fn BudgetAdmin() -> impl IntoView {
    let locale = use_locale();
    let year = use_query_map().get_untracked().get("year").and_then(|y| y.parse::<i64>().ok());
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match staff_budget(year).await {
                    Ok((editions, chosen, units)) => {
                        let t = locale.budget();
                        let editing = year.unwrap_or_else(|| editions.first().map_or(2027, |e| e.year + 1));
                        view! {
                            <PageHeading title=t.staff_title/>
                            <DoneNotice/>
                            <section aria-labelledby="editions-heading">
                                <h2 id="editions-heading">{t.editions}</h2>
                                <ul>
                                    {editions
                                        .iter()
                                        .map(|e| {
                                            view! {
                                                <li>
                                                    {format!("{} {} · {} · ", t.edition, e.year, locale.budget_phase(e.phase))}
                                                    <a href=format!("/moderation/budget?year={}#edition-form", e.year)>{t.edit_edition}</a>
                                                    " · "
                                                    <a href=format!("/moderation/budget/{}/projects", e.year)>{locale.count(e.projects.max(0) as u64, t.projects_count)}</a>
                                                    " · "
                                                    <a href=format!("/budget/{}", e.year)>{t.public_page}</a>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                            <EditionForm year=editing edition=chosen locale=locale/>
                            <section aria-labelledby="units-heading">
                                <h2 id="units-heading">{t.units}</h2>
                                <p class="hint">{t.units_hint}</p>
                                <ul>
                                    {units
                                        .iter()
                                        .map(|u| {
                                            let people = if u.verifiers.is_empty() { t.no_verifiers.to_owned() } else { u.verifiers.join(", ") };
                                            let (label, next) = if u.active { (t.deactivate, "0") } else { (t.reactivate, "1") };
                                            view! {
                                                <li>
                                                    {format!("{} — {}: {people}", u.name, t.verifiers)}
                                                    {(!u.active).then(|| format!(" ({})", t.unit_inactive))}
                                                    <form method="post" action="/moderation/budget" class="inline">
                                                        <input type="hidden" name="intent" value="unit_active"/>
                                                        <input type="hidden" name="unit" value=u.id.to_string()/>
                                                        <input type="hidden" name="active" value=next/>
                                                        <button type="submit" class="button secondary small" aria-label=format!("{label}: {}", u.name)>
                                                            {label}
                                                        </button>
                                                    </form>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                                <ErrorSummary form="unit"/>
                                <form method="post" action="/moderation/budget" class="stack narrow" novalidate>
                                    <input type="hidden" name="intent" value="unit"/>
                                    <Field form="unit" name="name" label=t.unit_name/>
                                    <button type="submit" class="button secondary">{t.add_unit}</button>
                                </form>
                                <ErrorSummary form="verifier"/>
                                <form method="post" action="/moderation/budget" class="stack narrow" novalidate>
                                    <input type="hidden" name="intent" value="verifier"/>
                                    <div class="field">
                                        <label for="verifier-unit">{t.unit}</label>
                                        <select id="verifier-unit" name="unit">
                                            {units.iter().map(|u| view! { <option value=u.id.to_string()>{u.name.clone()}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <Field form="verifier" name="email" kind="email" label=t.verifier_email hint=t.verifier_email_hint/>
                                    <button type="submit" class="button secondary">{t.add_verifier}</button>
                                </form>
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

/// The edition editor: calendar, pools and rules, saved whole.
#[component]
fn EditionForm(year: i64, edition: Option<EditionView>, locale: Locale) -> impl IntoView {
    let t = locale.budget();
    let date = |f: fn(&EditionView) -> i64| edition.as_ref().map(|e| iso_date(f(e))).unwrap_or_default();
    let rules = edition.as_ref().map(|e| e.rules.clone()).unwrap_or_default();
    let locked = edition.as_ref().is_some_and(|e| e.phase >= Phase::Voting);
    let pools = edition.as_ref().map(|e| e.pools.clone());
    view! {
        <section aria-labelledby="edition-form-heading" id="edition-form">
            <h2 id="edition-form-heading">{format!("{} {year}", t.edition)}</h2>
            {locked.then(|| view! { <p class="notice">{t.rules_locked}</p> })}
            <ErrorSummary form="edition"/>
            <form method="post" action="/moderation/budget" class="stack" novalidate>
                <Field form="edition" name="year" label=t.year value=year.to_string() maxlength=4/>
                <fieldset>
                    <legend>{t.calendar}</legend>
                    <p class="hint">{t.calendar_hint}</p>
                    <Field form="edition" name="submission_starts" kind="date" label=locale.budget_phase(Phase::Submission) value=date(|e| e.calendar.submission_starts)/>
                    <Field form="edition" name="verification_starts" kind="date" label=locale.budget_phase(Phase::Verification) value=date(|e| e.calendar.verification_starts)/>
                    <Field form="edition" name="protests_start" kind="date" label=locale.budget_phase(Phase::Protests) value=date(|e| e.calendar.protests_start)/>
                    <Field form="edition" name="final_list_starts" kind="date" label=locale.budget_phase(Phase::FinalList) value=date(|e| e.calendar.final_list_starts)/>
                    <Field form="edition" name="voting_starts" kind="date" label=locale.budget_phase(Phase::Voting) value=date(|e| e.calendar.voting_starts)/>
                    <Field form="edition" name="results_start" kind="date" label=locale.budget_phase(Phase::Results) value=date(|e| e.calendar.results_start)/>
                </fieldset>
                <fieldset>
                    <legend>{t.pools}</legend>
                    <p class="hint">{t.pools_hint}</p>
                    <Field form="edition" name="city_pool" label=t.city_wide value=pools.as_ref().map(|p| plain_zloty(p.city_wide)).unwrap_or_default()/>
                    {District::all()
                        .map(|d| {
                            let i = usize::from(d.number()) - 1;
                            let value = pools.as_ref().map(|p| plain_zloty(p.districts[i])).unwrap_or_default();
                            view! { <Field form="edition" name=DISTRICT_POOL_FIELDS[i] label=District::name(d) value=value/> }
                        })
                        .collect_view()}
                </fieldset>
                <fieldset>
                    <legend>{t.rules}</legend>
                    <Field form="edition" name="support_signatures" label=t.rule_signatures value=rules.support_signatures.to_string() maxlength=4/>
                    <Field form="edition" name="support_remedy_days" label=t.rule_remedy_days value=rules.support_remedy_days.to_string() maxlength=3/>
                    <Field form="edition" name="protest_days" label=t.rule_protest_days value=rules.protest_days.to_string() maxlength=3/>
                    <Field
                        form="edition"
                        name="withdrawal_deadline"
                        kind="date"
                        label=t.rule_withdrawal
                        hint=t.optional_hint
                        required=false
                        value=rules.withdrawal_deadline.map(iso_date).unwrap_or_default()
                    />
                    <Field
                        form="edition"
                        name="min_voter_age"
                        label=t.rule_min_age
                        hint=t.optional_hint
                        required=false
                        value=rules.min_voter_age.map(|a| a.to_string()).unwrap_or_default()
                        maxlength=3
                    />
                </fieldset>
                <button type="submit" class="button">{t.save_edition}</button>
            </form>
        </section>
    }
}

/// A table of projects for the back office.
#[component]
fn StaffTable(list: Vec<ProjectSummary>, locale: Locale) -> impl IntoView {
    let t = locale.budget();
    view! {
        <table class="register">
            <thead>
                <tr>
                    <th scope="col">{t.number}</th>
                    <th scope="col">{t.title}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col">{t.pool}</th>
                    <th scope="col">{t.unit}</th>
                    <th scope="col" class="number">{t.cost}</th>
                </tr>
            </thead>
            <tbody>
                {list
                    .into_iter()
                    .map(|p| {
                        view! {
                            <tr>
                                <td>
                                    <a href=format!("/moderation/budget/projects/{}", p.id)>{p.number()}</a>
                                </td>
                                <td lang="pl">{p.title.clone()}</td>
                                <td>
                                    <ProjectBadge status=p.status locale=locale/>
                                </td>
                                <td>{pool_label(p.district, locale)}</td>
                                <td>{p.unit.clone().unwrap_or_default()}</td>
                                <td class="number">{p.cost_that_counts().map(format_zloty)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn StaffProjectsPage() -> impl IntoView {
    let locale = use_locale();
    let year = param("year");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match staff_budget_projects(year).await {
                    Ok((edition, list)) => {
                        let t = locale.budget();
                        let title = format!("{} {}", t.staff_projects, edition.year);
                        let can_close = edition.phase == Phase::FinalList;
                        view! {
                            <crate::components::PageTitle text=title.clone()/>
                            <p>
                                <a href="/moderation/budget">{t.staff_title}</a>
                            </p>
                            <h1>{title}</h1>
                            <DoneNotice/>
                            <p>{format!("{} · {}", locale.budget_phase(edition.phase), locale.count(edition.on_ballot.max(0) as u64, t.on_ballot_count))}</p>
                            <ErrorSummary form="close"/>
                            {can_close
                                .then(|| {
                                    view! {
                                        <form method="post" action=format!("/moderation/budget/{}/projects", edition.year) class="stack narrow">
                                            <p class="hint">{t.close_list_hint}</p>
                                            <button type="submit" class="button">{t.close_list}</button>
                                        </form>
                                    }
                                })}
                            {if list.is_empty() {
                                view! { <p>{t.catalogue_empty}</p> }.into_any()
                            } else {
                                view! { <StaffTable list=list locale=locale/> }.into_any()
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

#[component]
pub fn VerificationPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match verifier_projects().await {
                    Ok(units) => {
                        let t = locale.budget();
                        view! {
                            <PageHeading title=t.verification_title/>
                            <DoneNotice/>
                            {units
                                .into_iter()
                                .map(|(unit, list)| {
                                    view! {
                                        <section>
                                            <h2>{unit.name}</h2>
                                            {if list.is_empty() {
                                                view! { <p>{t.catalogue_empty}</p> }.into_any()
                                            } else {
                                                view! { <StaffTable list=list locale=locale/> }.into_any()
                                            }}
                                        </section>
                                    }
                                })
                                .collect_view()}
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
pub fn StaffProjectPage() -> impl IntoView {
    let locale = use_locale();
    let id = param("id");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match staff_budget_project(id).await {
                    Ok(staff) => view! { <StaffProjectView staff=staff locale=locale/> }.into_any(),
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

/// One move's form: a button, and the fields the move needs.
fn move_form(id: i64, intent: &'static str, label: &'static str, fields: AnyView, secondary: bool) -> AnyView {
    view! {
        <form method="post" action=format!("/moderation/budget/projects/{id}") class="stack narrow move" novalidate>
            <input type="hidden" name="intent" value=intent/>
            {fields}
            <button type="submit" class="button" class:secondary=secondary>{label}</button>
        </form>
    }
    .into_any()
}

#[component]
fn StaffProjectView(staff: StaffProject, locale: Locale) -> impl IntoView {
    let t = locale.budget();
    let d = staff.detail.clone();
    let s = d.summary.clone();
    let id = s.id;
    let number = s.number().unwrap_or_default();
    let open = d.phase < Phase::Voting;
    let status = s.status;
    let rules: Rules = d.rules.clone();
    let mut forms: Vec<AnyView> = Vec::new();
    if staff.moderator && open {
        if matches!(status, ProjectStatus::Submitted | ProjectStatus::SupportMissing) {
            forms.push(move_form(
                id,
                "signatures",
                t.record_signatures,
                view! {
                    <Field form="move" name="signatures" label=t.signatures value=d.signatures.map(|n| n.to_string()).unwrap_or_default() maxlength=5/>
                }
                .into_any(),
                true,
            ));
            let units = staff.units.iter().filter(|u| u.active).map(|u| (u.id, u.name.clone())).collect::<Vec<_>>();
            forms.push(move_form(
                id,
                "assign",
                t.assign,
                view! {
                    <div class="field">
                        <label for="move-unit">{t.unit}</label>
                        <select id="move-unit" name="unit">
                            <option value="">{t.choose}</option>
                            {units.into_iter().map(|(uid, name)| view! { <option value=uid.to_string() selected=d.unit_id == Some(uid)>{name}</option> }).collect_view()}
                        </select>
                    </div>
                }
                .into_any(),
                false,
            ));
        }
        if status == ProjectStatus::Submitted {
            let hint = t.summon_hint.replace("{days}", &rules.support_remedy_days.to_string());
            forms.push(move_form(
                id,
                "summon_support",
                t.summon,
                view! { <p class="hint">{hint}</p> }.into_any(),
                true,
            ));
        }
        if status == ProjectStatus::SupportMissing {
            forms.push(move_form(
                id,
                "reject",
                t.reject,
                view! { <crate::budget::form::TextArea form="move" name="note" label=t.reason hint=t.reason_hint/> }
                    .into_any(),
                true,
            ));
        }
        if status == ProjectStatus::Protested {
            forms.push(move_form(
                id,
                "hearing",
                t.schedule_hearing,
                view! {
                    <Field form="move" name="hearing" label=t.hearing hint=t.hearing_hint value=d.hearing_at.map(iso_date).unwrap_or_default()/>
                }
                .into_any(),
                true,
            ));
            forms.push(move_form(
                id,
                "uphold_protest",
                t.uphold,
                view! { <p class="hint">{t.uphold_hint}</p> }.into_any(),
                false,
            ));
            forms.push(move_form(
                id,
                "dismiss_protest",
                t.dismiss,
                view! { <crate::budget::form::TextArea form="move" name="note" label=t.reason hint=t.reason_hint/> }
                    .into_any(),
                true,
            ));
        }
    }
    if staff.verifier && open && status == ProjectStatus::InVerification {
        let cost = s.cost.map(plain_zloty).unwrap_or_default();
        forms.push(move_form(
            id,
            "accept",
            t.accept,
            view! {
                <Field form="move" name="verified_cost" label=t.verified_cost hint=t.verified_cost_hint value=cost/>
                <crate::budget::form::TextArea form="move" name="assessment" label=t.assessment hint=t.assessment_hint/>
            }
            .into_any(),
            false,
        ));
        forms.push(move_form(
            id,
            "reject",
            t.reject,
            view! { <crate::budget::form::TextArea form="move" name="note" label=t.reason hint=t.reason_hint/> }
                .into_any(),
            true,
        ));
        forms.push(move_form(
            id,
            "propose_merger",
            t.propose_merger,
            view! {
                <Field form="move" name="merger_with" label=t.merger_number hint=t.merger_number_hint/>
                <crate::budget::form::TextArea form="move" name="merger_note" label=t.merger_note/>
            }
            .into_any(),
            true,
        ));
    }
    let verifier_note = (status == ProjectStatus::InVerification && !staff.verifier).then_some(t.verifier_only);
    view! {
        <crate::components::PageTitle text=format!("{number} · {}", t.staff_title)/>
        <p>
            {staff.moderator.then(|| view! { <a href=format!("/moderation/budget/{}/projects", s.year)>{format!("{} {}", t.staff_projects, s.year)}</a> })}
            {(!staff.moderator).then(|| view! { <a href="/verification">{t.verification_title}</a> })}
        </p>
        <h1>
            {format!("{number} ")}
            <span lang="pl">{s.title.clone()}</span>
        </h1>
        <DoneNotice/>
        <p>
            <ProjectBadge status=status locale=locale/>
            {format!(" · {} · ", pool_label(s.district, locale))}
            <a href=s.href()>{t.public_page}</a>
            " · "
            <a href=format!("/budget/projects/{id}/support-list")>{t.print_support_list}</a>
        </p>
        <dl class="facts">
            <dt>{t.signatures}</dt>
            <dd>{format!("{} / {}", d.signatures.map(|n| n.to_string()).unwrap_or_else(|| "–".into()), d.required_signatures)}</dd>
            {d.support_deadline.map(|at| view! { <dt>{t.support_deadline}</dt><dd>{locale.date_time(at)}</dd> })}
        </dl>
        {(!d.decision_note.is_empty()).then(|| view! { <p class="notice pre-line" lang="pl">{format!("{}: {}", t.rejection_reason, d.decision_note)}</p> })}
        {(!d.protest.is_empty()).then(|| view! { <p class="notice pre-line" lang="pl">{format!("{}: {}", t.protest, d.protest)}</p> })}
        {d.merger_with.clone().map(|(_, n, title)| view! { <p class="notice">{format!("{} {n} ", t.merger_with)}<span lang="pl">{title}</span></p> })}
        {verifier_note.map(|n| view! { <p class="hint">{n}</p> })}
        <section aria-labelledby="moves-heading">
            <h2 id="moves-heading">{t.next_steps}</h2>
            <ErrorSummary form="move"/>
            {if forms.is_empty() { view! { <p>{t.no_moves}</p> }.into_any() } else { forms.into_iter().collect_view().into_any() }}
        </section>
        <ProjectText detail=d.clone() locale=locale/>
        <ProjectTimeline entries=d.timeline.clone() locale=locale/>
    }
}
