//! The project form: `/budget/{year}/projects/new` and, for a saved draft,
//! `/budget/projects/{id}/edit`. One page with every part of the project; "Save draft"
//! keeps everything typed between visits, "Submit" checks it whole (the server is the
//! authority; the browser's constraints mirror the same limits). A refused post comes
//! back with every message next to its field and everything typed kept.

use super::api::{my_budget_project, new_budget_project, Choices};
use super::model::{read_form, EditionView};
use super::pages::{param, ProjectTimeline};
use crate::accounts::forms::{feedback_for, DoneNotice, FormFeedback};
use crate::accounts::pages::refusal;
use crate::components::layout::use_locale;
use crate::domain::budget::{Phase, ProjectStatus};
use crate::domain::budget_project::{
    ProjectInput, ADDRESS_CHARS, BENEFICIARIES_CHARS, DESCRIPTION_CHARS, NOTES_CHARS, SUMMARY_CHARS, TITLE_CHARS,
};
use crate::domain::district::District;
use crate::domain::topic::Topic;
use crate::i18n::Locale;
use leptos::prelude::*;

/// The form's name in feedback and its fields' ids (`project-title`, …).
pub const FORM: &str = "project";

/// Empty cost rows offered below the ones filled in (more come after "Save draft").
const SPARE_COST_LINES: usize = 3;

fn problem(feedback: &Option<FormFeedback>, field: &str, locale: Locale) -> Option<String> {
    let f = feedback.as_ref()?;
    f.errors.iter().find(|e| e.field == field).map(|e| locale.budget_problem(field, &e.message))
}

/// A field's message: always there (hidden when empty), so the live check can fill it.
fn error_slot(id: String, error: Option<String>) -> impl IntoView {
    let hidden = error.is_none();
    view! {
        <p class="error-message" id=id hidden=hidden>
            {error}
        </p>
    }
}

/// A labelled textarea tied to its hint and problem (for any form on these pages).
#[component]
pub fn TextArea(
    form: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(default = 4)] rows: u32,
    #[prop(optional)] maxlength: Option<usize>,
) -> impl IntoView {
    let locale = use_locale();
    let feedback = feedback_for(form);
    let typed = feedback.as_ref().and_then(|f| f.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()));
    let value = typed.or(value).unwrap_or_default();
    let error = problem(&feedback, name, locale);
    let id = format!("{form}-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = crate::accounts::forms::described_by([hint.map(|_| hint_id.as_str()), Some(error_id.as_str())]);
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {error_slot(error_id, error.clone())}
            <textarea
                id=id
                name=name
                rows=rows.to_string()
                maxlength=maxlength.map(|m| m.to_string())
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described
                lang="pl"
            >
                {crate::components::textarea_text(&value)}
            </textarea>
        </div>
    }
}

/// A labelled one-line input of the project form.
fn input_field(
    name: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    value: String,
    maxlength: usize,
    error: Option<String>,
    inputmode: Option<&'static str>,
) -> AnyView {
    let id = format!("{FORM}-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = crate::accounts::forms::described_by([hint.map(|_| hint_id.as_str()), Some(error_id.as_str())]);
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {error_slot(error_id, error.clone())}
            <input
                id=id
                name=name
                type="text"
                value=value
                maxlength=maxlength.to_string()
                inputmode=inputmode
                class:short=inputmode.is_some()
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described
            />
        </div>
    }
    .into_any()
}

/// The label of a project form's field, as the problem summary names it.
fn field_label(field: &str, t: &crate::i18n::budget::BudgetTexts) -> Option<&'static str> {
    Some(match field {
        "applicant" => t.applicant,
        "title" => t.title,
        "summary" => t.summary,
        "description" => t.description,
        "area" => t.area,
        "district" => t.district,
        "topic" => t.topic,
        "address" => t.address,
        "map_point" => t.map_point,
        "cost" => t.cost,
        "cost_lines" => t.cost_breakdown,
        "beneficiaries" => t.beneficiaries,
        "accessibility" => t.accessibility,
        "attachments" => t.attachments,
        _ => return None,
    })
}

/// The problems of a refused form, each linking to its field.
#[component]
fn ProblemSummary(feedback: Option<FormFeedback>, locale: Locale) -> impl IntoView {
    let t = locale.budget();
    feedback.filter(FormFeedback::has_errors).map(|f| {
        let items = f
            .errors
            .into_iter()
            .map(|e| {
                // Named with its field: "This field is required" alone, twice, says
                // nothing to someone hearing the list.
                let message = locale.budget_problem(&e.field, &e.message);
                let text = match field_label(&e.field, t) {
                    Some(label) => format!("{label}: {message}"),
                    None => message,
                };
                let target = match e.field.as_str() {
                    "" => None,
                    "cost_lines" => Some("project-cost_item-0".to_owned()),
                    field => Some(format!("{FORM}-{field}")),
                };
                (target, text)
            })
            .collect();
        crate::accounts::forms::problem_list("project-errors", t.form_problems, items)
    })
}

/// The whole project form, filled with what was typed (after a refusal) or saved.
#[component]
fn ProjectForm(
    action: String,
    edition: EditionView,
    choices: Choices,
    chosen: String,
    saved: ProjectInput,
    locale: Locale,
) -> impl IntoView {
    let t = locale.budget();
    let feedback = feedback_for(FORM);
    let input = match &feedback {
        Some(f) => read_form(|name| f.values.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect()),
        None => saved,
    };
    let chosen = feedback
        .as_ref()
        .and_then(|f| f.values.iter().find(|(n, _)| n == "applicant").map(|(_, v)| v.clone()))
        .unwrap_or(chosen);
    let summary_feedback = feedback.clone();
    let err = move |field: &str| problem(&feedback, field, locale);
    let area_error = err("area");
    let district_error = err("district");
    let topic_error = err("topic");
    let lines_error = err("cost_lines");
    let mut lines = input.cost_lines.clone();
    lines.extend(std::iter::repeat_with(Default::default).take(SPARE_COST_LINES));
    let open = edition.phase == Phase::Submission;
    let setup = std::iter::once("bo".to_owned())
        .chain(std::iter::once(edition.pools.city_wide).chain(edition.pools.districts).map(|p| p.to_string()))
        .collect::<Vec<_>>()
        .join("|");
    let messages = crate::components::live_check::messages_prop(
        crate::i18n::budget::FORM_CODES,
        locale.budget().problems.iter().copied(),
    );
    view! {
        <crate::IslandScripts/>
        <ProblemSummary feedback=summary_feedback locale=locale/>
        <crate::components::live_check::LiveCheck setup=setup messages=messages>
        <form method="post" action=action class="stack project-form" novalidate>
            {(choices.len() > 1)
                .then(|| {
                    view! {
                        <div class="field">
                            <label for="project-applicant">{t.applicant}</label>
                            <select id="project-applicant" name="applicant">
                                {choices
                                    .iter()
                                    .map(|(value, name)| {
                                        let label = match value.split_once(':') {
                                            Some(("ngo", _)) => format!("{} {name}", t.as_ngo),
                                            Some(_) => format!("{} {name}", t.as_council),
                                            None => t.as_resident.to_owned(),
                                        };
                                        view! { <option value=value.clone() selected=*value == chosen>{label}</option> }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                    }
                })}
            {input_field("title", t.title, Some(t.title_hint), input.title.clone(), TITLE_CHARS.1, err("title"), None)}
            <TextArea form=FORM name="summary" label=t.summary hint=t.summary_hint value=input.summary.clone() rows=3 maxlength=SUMMARY_CHARS.1/>
            <TextArea
                form=FORM
                name="description"
                label=t.description
                hint=t.description_hint
                value=input.description.clone()
                rows=10
                maxlength=DESCRIPTION_CHARS.1
            />
            <fieldset class="field" class:field-error=area_error.is_some() id="project-area" aria-describedby="project-area-error">
                <legend>{t.area}</legend>
                {error_slot("project-area-error".to_owned(), area_error.clone())}
                <div class="radio">
                    <input type="radio" id="project-area-city" name="area" value="city" checked=input.area == "city"/>
                    <label for="project-area-city">{t.area_city}</label>
                </div>
                <div class="radio">
                    <input type="radio" id="project-area-district" name="area" value="district" checked=input.area == "district"/>
                    <label for="project-area-district">{t.area_district}</label>
                </div>
            </fieldset>
            <div class="field" class:field-error=district_error.is_some()>
                <label for="project-district">{t.district}</label>
                <p class="hint" id="project-district-hint">{t.district_hint}</p>
                {error_slot("project-district-error".to_owned(), district_error.clone())}
                <select
                    id="project-district"
                    name="district"
                    aria-invalid=district_error.is_some().then_some("true")
                    aria-describedby="project-district-hint project-district-error"
                >
                    <option value="" selected=District::parse(&input.district).is_none()>{t.choose}</option>
                    {District::all()
                        .map(|d| {
                            let n = d.number();
                            let selected = District::parse(&input.district) == Some(d);
                            view! { <option value=n.to_string() selected=selected>{d.label()}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field" class:field-error=topic_error.is_some()>
                <label for="project-topic">{t.topic}</label>
                {error_slot("project-topic-error".to_owned(), topic_error.clone())}
                <select id="project-topic" name="topic" aria-invalid=topic_error.is_some().then_some("true") aria-describedby="project-topic-error">
                    <option value="" selected=Topic::parse(&input.topic).is_none()>{t.choose}</option>
                    {Topic::ALL
                        .into_iter()
                        .map(|tp| view! { <option value=tp.slug() selected=input.topic == tp.slug()>{locale.topic(tp)}</option> })
                        .collect_view()}
                </select>
            </div>
            {input_field("address", t.address, Some(t.address_hint), input.address.clone(), ADDRESS_CHARS.1, err("address"), None)}
            {input_field("map_point", t.map_point, Some(t.map_point_hint), input.map_point.clone(), 100, err("map_point"), None)}
            {input_field("cost", t.cost, Some(t.cost_hint), input.cost.clone(), 30, err("cost"), Some("decimal"))}
            <fieldset class="field cost-lines" class:field-error=lines_error.is_some()>
                <legend>{t.cost_breakdown}</legend>
                <p class="hint">{t.cost_breakdown_hint}</p>
                {error_slot("project-cost_lines-error".to_owned(), lines_error.clone())}
                <table class="register">
                    <thead>
                        <tr>
                            <th scope="col">{t.cost_item}</th>
                            <th scope="col">{t.amount}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {lines
                            .into_iter()
                            .enumerate()
                            .map(|(i, line)| {
                                let n = (i + 1).to_string();
                                view! {
                                    <tr>
                                        <td>
                                            <input
                                                id=format!("project-cost_item-{i}")
                                                name="cost_item"
                                                type="text"
                                                maxlength="200"
                                                value=line.item
                                                aria-label=format!("{} {n}", t.cost_item)
                                            />
                                        </td>
                                        <td>
                                            <input
                                                name="cost_amount"
                                                type="text"
                                                inputmode="decimal"
                                                class="short"
                                                maxlength="30"
                                                value=line.amount
                                                aria-label=format!("{} {n}", t.amount)
                                            />
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </fieldset>
            <TextArea
                form=FORM
                name="beneficiaries"
                label=t.beneficiaries
                hint=t.beneficiaries_hint
                value=input.beneficiaries.clone()
                rows=3
                maxlength=BENEFICIARIES_CHARS.1
            />
            <TextArea
                form=FORM
                name="accessibility"
                label=t.accessibility
                hint=t.accessibility_hint
                value=input.accessibility.clone()
                rows=3
                maxlength=NOTES_CHARS
            />
            <TextArea
                form=FORM
                name="attachments"
                label=t.attachments
                hint=t.attachments_hint
                value=input.attachments.clone()
                rows=3
                maxlength=NOTES_CHARS
            />
            <p class="hint">{t.draft_notice}</p>
            <div class="actions">
                <button type="submit" name="intent" value="save" class="button secondary">{t.save_draft}</button>
                " "
                {open.then(|| view! { <button type="submit" name="intent" value="submit" class="button">{t.submit}</button> })}
            </div>
            {(!open).then(|| view! { <p class="notice">{t.submission_closed}</p> })}
        </form>
        </crate::components::live_check::LiveCheck>
    }
}

#[component]
pub fn NewProjectPage() -> impl IntoView {
    let locale = use_locale();
    let year = param("year");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match new_budget_project(year).await {
                    Ok((edition, choices)) => {
                        let t = locale.budget();
                        let title = format!("{} {}", t.new_title, edition.year);
                        let action = format!("/budget/{}/projects/new", edition.year);
                        view! {
                            <crate::components::PageTitle text=title.clone()/>
                            <p>
                                <a href=format!("/budget/{}", edition.year)>{format!("{} {}", t.home_title, edition.year)}</a>
                            </p>
                            <h1>{title}</h1>
                            <p class="lead">{t.new_lead}</p>
                            <ProjectForm
                                action=action
                                edition=edition
                                choices=choices
                                chosen="residents".to_owned()
                                saved=ProjectInput::default()
                                locale=locale
                            />
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
pub fn EditProjectPage() -> impl IntoView {
    let locale = use_locale();
    let id = param("id");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match my_budget_project(id).await {
                    Ok((detail, edition, choices, chosen)) => {
                        let t = locale.budget();
                        let s = detail.summary.clone();
                        let title = if s.title.is_empty() { t.untitled.to_owned() } else { s.title.clone() };
                        let editable = s.status == ProjectStatus::Draft;
                        view! {
                            <crate::components::PageTitle text=format!("{} · {title}", t.draft_title)/>
                            <p>
                                <a href="/budget/mine">{t.mine_title}</a>
                            </p>
                            <h1>
                                {format!("{} {} ", t.draft_title, edition.year)}
                                <span lang="pl">{title}</span>
                            </h1>
                            <DoneNotice/>
                            {if editable {
                                view! {
                                    <ProjectForm
                                        action=format!("/budget/projects/{id}/edit")
                                        edition=edition
                                        choices=choices
                                        chosen=chosen
                                        saved=detail.input.clone()
                                        locale=locale
                                    />
                                    <crate::media::MediaEditor
                                        parent=crate::media::Parent::BudgetProject(id)
                                        items=detail.media.clone()
                                    />
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <crate::accounts::forms::ErrorSummary form="media"/>
                                    <p class="notice">{t.not_editable}</p>
                                    <p>
                                        <a href=s.href()>{t.view_project}</a>
                                    </p>
                                }
                                    .into_any()
                            }}
                            <ProjectTimeline entries=detail.timeline locale=locale/>
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

/// Every field of the project form with a message slot.
#[cfg(feature = "hydrate")]
const FIELDS: [&str; 13] = [
    "title",
    "summary",
    "description",
    "area",
    "district",
    "topic",
    "address",
    "map_point",
    "cost",
    "cost_lines",
    "beneficiaries",
    "accessibility",
    "attachments",
];

/// The live check of the project form (the island's `setup` after `bo|`: the
/// city-wide and the 18 district pools in grosze, `|`-separated): the rules of
/// `domain::budget_project::check`, which the server applies on submitting.
#[cfg(feature = "hydrate")]
pub(crate) fn check_live(wrapper: &NodeRef<leptos::html::Div>, ev: &leptos::ev::Event, pools: &str, messages: &str) {
    use crate::components::live_check::{read, show, values};
    use crate::domain::budget::Pools;
    use crate::domain::budget_project::check;
    fn field_of(name: &str) -> &str {
        match name {
            "cost_item" | "cost_amount" => "cost_lines",
            other => other,
        }
    }
    let amounts: Vec<i64> = pools.split('|').filter_map(|p| p.parse().ok()).collect();
    let pools = match amounts.as_slice() {
        [city, districts @ ..] => {
            districts.try_into().ok().map(|d: [i64; 18]| Pools { city_wide: *city, districts: d })
        }
        [] => None,
    };
    let Some(data) = read(wrapper, ev, FORM, field_of) else {
        return;
    };
    let problems = check(&read_form(|name| values(&data, name)), pools.as_ref());
    show(FORM, &FIELDS, &|field| {
        problems.iter().find(|p| p.field == field).map(|p| {
            let template = crate::components::live_check::message_of(messages, p.code).unwrap_or(p.code);
            crate::i18n::budget::fill(template, p.field, p.code)
        })
    });
}
