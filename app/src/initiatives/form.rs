//! The application form: `/initiatives/new`, then one page per step at
//! `/initiatives/applications/{id}/steps/{step}` and a review page that submits. Plain
//! forms: every "Next" saves the draft first (nothing typed is lost, even when refused),
//! then the server checks the step with the rules of `domain::initiative`. An island
//! runs the same rules in the browser as fields change.

use super::api::{applicant_choices, my_application};
use super::model::{step_slug, ApplyAs, InitiativeDetail};
use crate::accounts::forms::{feedback_for, DoneNotice};
use crate::accounts::pages::{refusal, PageHeading};
use crate::components::layout::use_locale;
use crate::domain::district::District;
use crate::domain::initiative::{
    check, ApplicantKind, ApplicationInput, Context, Scope, Step, CITY_SHARE_CHARS, DESCRIPTION_CHARS, NEED_CHARS,
    PLACE_CHARS, TITLE_CHARS,
};
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The form posted on the step pages.
pub const FORM: &str = "il";

#[component]
pub fn NewInitiativePage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match applicant_choices().await {
                    Ok(model) => {
                        let input = typed_input(Step::Applicants, &ApplicationInput::default());
                        let chosen = typed_value("applicant");
                        view! {
                            <PageHeading title=locale.initiatives().new_title/>
                            <p class="lead">{locale.initiatives().new_lead}</p>
                            <StepNav current=None id=None locale=locale/>
                            <StepForm
                                step=Step::Applicants
                                action="/initiatives/new".to_owned()
                                input=input
                                apply_as=model.clone()
                                chosen=chosen
                                context=model.context
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
pub fn StepPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map().get_untracked();
    let id = params.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let slug = params.get("step").unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match my_application(id).await {
                    Ok((detail, apply_as)) if detail.summary.status.is_editable() => {
                        match super::model::step_of_slug(&slug) {
                            Some(step) => step_page(step, detail, apply_as, locale),
                            None if slug == "review" => view! { <Review detail=detail locale=locale/> }.into_any(),
                            None => refusal(crate::error::AppError::NotFound),
                        }
                    }
                    Ok((detail, _)) => {
                        // Submitted: the application is frozen; its page says where it stands.
                        #[cfg(feature = "ssr")]
                        leptos_axum::redirect(&format!("/initiatives/applications/{}", detail.summary.id));
                        let _ = detail;
                        ().into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

fn step_page(step: Step, detail: InitiativeDetail, apply_as: ApplyAs, locale: Locale) -> AnyView {
    let t = locale.initiatives();
    let id = detail.summary.id;
    let input = typed_input(step, &detail.draft);
    let chosen = typed_value("applicant").or_else(|| {
        Some(match (detail.summary.kind, detail.summary.organisation.as_ref()) {
            (ApplicantKind::Residents, _) => "residents".to_owned(),
            (kind, Some(name)) => apply_as
                .choices
                .iter()
                .find(|(code, label)| code.starts_with(kind.code()) && label == name)
                .map(|(code, _)| code.clone())
                .unwrap_or_default(),
            _ => String::new(),
        })
    });
    let heading = match detail.summary.number.clone() {
        Some(number) => format!("{} {number}", t.amend_title),
        None => t.draft_title.to_owned(),
    };
    view! {
        <h1>{heading}</h1>
        <crate::components::PageTitle text=format!("{} · {}", t.draft_title, locale.texts().site_name)/>
        <DoneNotice/>
        <StepNav current=Some(step) id=Some(id) locale=locale/>
        <StepForm
            step=step
            action=format!("/initiatives/applications/{id}/steps/{}", step_slug(step))
            input=input
            apply_as=apply_as
            chosen=chosen
            context=detail.context
            locale=locale
        />
    }
    .into_any()
}

/// The value a refused post sent for `name`.
fn typed_value(name: &str) -> Option<String> {
    feedback_for(FORM).and_then(|f| f.values.into_iter().find(|(n, _)| n == name).map(|(_, v)| v))
}

/// The application as typed: the stored draft, or what a refused post sent.
fn typed_input(step: Step, draft: &ApplicationInput) -> ApplicationInput {
    match feedback_for(FORM) {
        Some(f) => super::model::read_step(step, draft.clone(), |name| {
            f.values.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect()
        }),
        None => draft.clone(),
    }
}

/// The problems to show: those of a refused post (by field).
fn shown_problems() -> Vec<(String, String)> {
    feedback_for(FORM).map(|f| f.errors.into_iter().map(|e| (e.field, e.message)).collect()).unwrap_or_default()
}

/// "Step 2 of 5: The task", and links to the steps already reachable.
#[component]
fn StepNav(current: Option<Step>, id: Option<i64>, locale: Locale) -> impl IntoView {
    let t = locale.initiatives();
    let position = current.map_or(0, |s| Step::ALL.iter().position(|x| *x == s).unwrap_or(0));
    let total = Step::ALL.len() + 1;
    view! {
        <nav aria-label=t.steps_label class="steps">
            <ol>
                {Step::ALL
                    .into_iter()
                    .map(|step| {
                        let label = step_label(locale, step);
                        let is_current = current == Some(step);
                        match id {
                            Some(id) if !is_current => {
                                view! {
                                    <li>
                                        <a href=format!("/initiatives/applications/{id}/steps/{}", step_slug(step))>{label}</a>
                                    </li>
                                }
                                    .into_any()
                            }
                            _ => {
                                view! {
                                    <li aria-current=is_current.then_some("step") class:current=is_current>
                                        {label}
                                    </li>
                                }
                                    .into_any()
                            }
                        }
                    })
                    .collect_view()}
                {match id {
                    Some(id) => {
                        view! {
                            <li>
                                <a href=format!("/initiatives/applications/{id}/steps/review")>{t.step_review}</a>
                            </li>
                        }
                            .into_any()
                    }
                    None => view! { <li>{t.step_review}</li> }.into_any(),
                }}
            </ol>
            <p class="step-count">{format!("{} {} {} {}", t.step, position + 1, t.of, total)}</p>
        </nav>
    }
}

pub fn step_label(locale: Locale, step: Step) -> &'static str {
    let t = locale.initiatives();
    match step {
        Step::Applicants => t.step_applicants,
        Step::Task => t.step_task,
        Step::PlaceAndSchedule => t.step_place,
        Step::CostAndContribution => t.step_contribution,
    }
}

/// One step's form inside the island that checks it live.
#[component]
fn StepForm(
    step: Step,
    action: String,
    input: ApplicationInput,
    apply_as: ApplyAs,
    chosen: Option<String>,
    context: Context,
    locale: Locale,
) -> impl IntoView {
    let t = locale.initiatives();
    let problems = shown_problems();
    let first = step == Step::Applicants;
    let last = step == Step::CostAndContribution;
    let summary = (!problems.is_empty()).then(|| view! { <ProblemSummary problems=problems.clone() locale=locale/> });
    let fields = match step {
        Step::Applicants => applicants_fields(&input, &apply_as, chosen, &problems, locale),
        Step::Task => task_fields(&input, &problems, locale),
        Step::PlaceAndSchedule => place_fields(&input, &problems, locale),
        Step::CostAndContribution => contribution_fields(&input, &problems, locale),
    };
    view! {
        <crate::IslandScripts/>
        {summary}
        <crate::components::live_check::LiveCheck setup=live_setup(step, &input, &context) messages=crate::components::live_check::messages_prop(crate::i18n::initiatives::FORM_CODES, locale.form_templates())>
            <form method="post" action=action class="stack initiative-form" novalidate>
                {fields}
                <div class="actions">
                    {(!first).then(|| view! { <button type="submit" name="intent" value="back" class="button secondary">{t.back}</button> })}
                    <button type="submit" name="intent" value="next" class="button">
                        {if last { t.save_and_review } else { t.save_and_continue }}
                    </button>
                    <button type="submit" name="intent" value="save" class="button secondary">{t.save_draft}</button>
                </div>
            </form>
        </crate::components::live_check::LiveCheck>
    }
}

/// The list of a refused step's problems, each linking to its field.
#[component]
fn ProblemSummary(problems: Vec<(String, String)>, locale: Locale) -> impl IntoView {
    let a = locale.accounts();
    view! {
        <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="il-errors">
            <h2 id="il-errors">{a.form_has_problems}</h2>
            <ul>
                {problems
                    .into_iter()
                    .map(|(field, code)| {
                        let text = format!("{}: {}", field_label(locale, &field), locale.initiative_problem(&field, &code));
                        view! {
                            <li>
                                <a href=format!("#{FORM}-{field}")>{text}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

pub fn field_label(locale: Locale, field: &str) -> &'static str {
    let t = locale.initiatives();
    match field {
        "applicant_kind" => t.applicant,
        "applicants" => t.applicants,
        "ngo_authorisation" => t.ngo_authorisation,
        "ngo_krs" => t.ngo_krs,
        "ngo_regon" => t.ngo_regon,
        "title" => t.title,
        "description" => t.description,
        "need" => t.need,
        "scope" => t.scope,
        "place" => t.place,
        "district" => t.district,
        "city_property" => t.city_property,
        "starts_on" => t.starts_on,
        "ends_on" => t.ends_on,
        "cost" => t.cost,
        "work_people" => t.work_people,
        "work_hours" => t.work_hours,
        "goods" => t.goods,
        "money" => t.money,
        "city_share" => t.city_share,
        "attachments" => t.attachments,
        _ => t.application,
    }
}

fn error_of(problems: &[(String, String)], field: &str, locale: Locale) -> Option<String> {
    problems.iter().find(|(f, _)| f == field).map(|(f, code)| locale.initiative_problem(f, code))
}

/// The message slot of a field: always there (hidden when empty) so the live check
/// can fill it.
fn error_slot(field: &str, error: Option<String>) -> impl IntoView {
    let hidden = error.is_none();
    view! {
        <p class="error-message" id=format!("{FORM}-{field}-error") hidden=hidden>
            {error}
        </p>
    }
}

fn described(field: &str, hint: bool) -> String {
    let error = format!("{FORM}-{field}-error");
    if hint {
        format!("{FORM}-{field}-hint {error}")
    } else {
        error
    }
}

/// A labelled text, date or textarea field of the form with its hint and message.
#[allow(clippy::too_many_arguments)]
fn text_field(
    field: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    value: String,
    kind: &'static str,
    maxlength: Option<usize>,
    problems: &[(String, String)],
    locale: Locale,
) -> AnyView {
    let error = error_of(problems, field, locale);
    let invalid = error.is_some().then_some("true");
    let id = format!("{FORM}-{field}");
    let control = if kind == "textarea" {
        view! {
            <textarea
                id=id.clone()
                name=field
                rows="6"
                maxlength=maxlength.map(|m| m.to_string())
                aria-invalid=invalid
                aria-describedby=described(field, hint.is_some())
                lang="pl"
            >
                {crate::components::textarea_text(&value)}
            </textarea>
        }
        .into_any()
    } else {
        let inputmode =
            (kind == "money" || kind == "number").then_some(if kind == "money" { "decimal" } else { "numeric" });
        let html_kind = if kind == "date" { "date" } else { "text" };
        view! {
            <input
                id=id.clone()
                name=field
                type=html_kind
                value=value
                inputmode=inputmode
                maxlength=maxlength.map(|m| m.to_string())
                class:short=kind != "text"
                aria-invalid=invalid
                aria-describedby=described(field, hint.is_some())
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{FORM}-{field}-hint")>{h}</p> })}
            {error_slot(field, error.clone())}
            {control}
        </div>
    }
    .into_any()
}

fn applicants_fields(
    input: &ApplicationInput,
    apply_as: &ApplyAs,
    chosen: Option<String>,
    problems: &[(String, String)],
    locale: Locale,
) -> AnyView {
    let t = locale.initiatives();
    let chosen = chosen.unwrap_or_else(|| "residents".to_owned());
    let kind_error = error_of(problems, "applicant_kind", locale);
    let names_error = error_of(problems, "applicants", locale);
    let mut names = input.applicants.clone();
    if names.is_empty() {
        names.push(apply_as.display_name.clone());
    }
    let rows = names.len() + 3;
    names.resize(rows, String::new());
    let authorisation_error = error_of(problems, "ngo_authorisation", locale);
    view! {
        <div class="field" class:field-error=kind_error.is_some()>
            <label for="il-applicant_kind">{t.applicant}</label>
            <p class="hint" id="il-applicant_kind-hint">{t.applicant_hint}</p>
            {error_slot("applicant_kind", kind_error.clone())}
            <select id="il-applicant_kind" name="applicant" aria-describedby=described("applicant_kind", true)>
                {apply_as
                    .choices
                    .iter()
                    .map(|(code, name)| {
                        let label = if code == "residents" {
                            t.as_residents.to_owned()
                        } else if code.starts_with("ngo:") {
                            format!("{} {name}", t.as_ngo)
                        } else {
                            format!("{} {name}", t.as_council)
                        };
                        view! { <option value=code.clone() selected=*code == chosen>{label}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
        <fieldset class="field" class:field-error=names_error.is_some() aria-describedby=described("applicants", true)>
            <legend id="il-applicants">{t.applicants}</legend>
            <p class="hint" id="il-applicants-hint">{t.applicants_hint}</p>
            {error_slot("applicants", names_error.clone())}
            {names
                .into_iter()
                .enumerate()
                .map(|(i, name)| {
                    let id = format!("il-applicant-{i}");
                    view! {
                        <div class="field inline">
                            <label for=id.clone()>{format!("{} {}", t.applicant_n, i + 1)}</label>
                            <input id=id name="applicants" type="text" value=name maxlength="200" autocomplete="off"/>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
        <div class="field checkbox" class:field-error=authorisation_error.is_some()>
            {error_slot("ngo_authorisation", authorisation_error.clone())}
            <input
                id="il-ngo_authorisation"
                name="ngo_authorisation"
                type="checkbox"
                value="yes"
                checked=input.ngo_authorisation
                aria-describedby=described("ngo_authorisation", true)
            />
            <label for="il-ngo_authorisation">{t.ngo_authorisation}</label>
            <p class="hint" id="il-ngo_authorisation-hint">{t.ngo_authorisation_hint}</p>
        </div>
        {text_field("ngo_krs", t.ngo_krs, Some(t.ngo_krs_hint), input.ngo_krs.clone(), "number", Some(10), problems, locale)}
        {text_field("ngo_regon", t.ngo_regon, Some(t.ngo_regon_hint), input.ngo_regon.clone(), "number", Some(14), problems, locale)}
    }
    .into_any()
}

fn task_fields(input: &ApplicationInput, problems: &[(String, String)], locale: Locale) -> AnyView {
    let t = locale.initiatives();
    let scope_error = error_of(problems, "scope", locale);
    let chosen = Scope::parse(&input.scope);
    view! {
        {text_field("title", t.title, None, input.title.clone(), "text", Some(TITLE_CHARS.1), problems, locale)}
        {text_field("description", t.description, Some(t.description_hint), input.description.clone(), "textarea", Some(DESCRIPTION_CHARS.1), problems, locale)}
        {text_field("need", t.need, Some(t.need_hint), input.need.clone(), "textarea", Some(NEED_CHARS.1), problems, locale)}
        <div class="field" class:field-error=scope_error.is_some()>
            <label for="il-scope">{t.scope}</label>
            <p class="hint" id="il-scope-hint">{t.scope_hint}</p>
            {error_slot("scope", scope_error.clone())}
            <select id="il-scope" name="scope" aria-describedby=described("scope", true)>
                <option value="" selected=chosen.is_none()>{t.choose}</option>
                {Scope::ALL
                    .into_iter()
                    .map(|s| view! { <option value=s.code() selected=chosen == Some(s)>{locale.scope(s)}</option> })
                    .collect_view()}
            </select>
        </div>
    }
    .into_any()
}

fn place_fields(input: &ApplicationInput, problems: &[(String, String)], locale: Locale) -> AnyView {
    let t = locale.initiatives();
    let district_error = error_of(problems, "district", locale);
    let property_error = error_of(problems, "city_property", locale);
    let chosen = District::parse(&input.district).map(District::number);
    view! {
        {text_field("place", t.place, Some(t.place_hint), input.place.clone(), "text", Some(PLACE_CHARS.1), problems, locale)}
        <div class="field" class:field-error=district_error.is_some()>
            <label for="il-district">{t.district}</label>
            {error_slot("district", district_error.clone())}
            <select id="il-district" name="district" aria-describedby=described("district", false)>
                <option value="" selected=chosen.is_none()>{t.choose}</option>
                {District::all()
                    .map(|d| {
                        let n = d.number();
                        view! { <option value=n.to_string() selected=chosen == Some(n)>{d.label()}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
        <div class="field checkbox" class:field-error=property_error.is_some()>
            {error_slot("city_property", property_error.clone())}
            <input
                id="il-city_property"
                name="city_property"
                type="checkbox"
                value="yes"
                checked=input.city_property
                aria-describedby=described("city_property", true)
            />
            <label for="il-city_property">{t.city_property}</label>
            <p class="hint" id="il-city_property-hint">{t.city_property_hint}</p>
        </div>
        {text_field("starts_on", t.starts_on, Some(t.date_hint), input.starts_on.clone(), "date", None, problems, locale)}
        {text_field("ends_on", t.ends_on, Some(t.ends_hint), input.ends_on.clone(), "date", None, problems, locale)}
    }
    .into_any()
}

fn contribution_fields(input: &ApplicationInput, problems: &[(String, String)], locale: Locale) -> AnyView {
    let t = locale.initiatives();
    let goods_error = error_of(problems, "goods", locale);
    let mut goods = input.goods.clone();
    goods.resize(goods.len() + 3, Default::default());
    view! {
        {text_field("cost", t.cost, Some(t.cost_hint), input.cost.clone(), "money", Some(20), problems, locale)}
        <fieldset class="stack">
            <legend>{t.contribution_legend}</legend>
            <p class="hint">{t.contribution_hint}</p>
            {text_field("work_people", t.work_people, None, input.work_people.clone(), "number", Some(6), problems, locale)}
            {text_field("work_hours", t.work_hours, Some(t.work_hours_hint), input.work_hours.clone(), "number", Some(7), problems, locale)}
            <fieldset class="field" class:field-error=goods_error.is_some() aria-describedby=described("goods", true)>
                <legend id="il-goods">{t.goods}</legend>
                <p class="hint" id="il-goods-hint">{t.goods_hint}</p>
                {error_slot("goods", goods_error.clone())}
                <table class="goods">
                    <thead>
                        <tr>
                            <th scope="col">{t.goods_description}</th>
                            <th scope="col">{t.goods_value}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {goods
                            .into_iter()
                            .enumerate()
                            .map(|(i, g)| {
                                view! {
                                    <tr>
                                        <td>
                                            <input
                                                name="goods_description"
                                                type="text"
                                                value=g.description
                                                maxlength="300"
                                                aria-label=format!("{} {}", t.goods_description, i + 1)
                                            />
                                        </td>
                                        <td>
                                            <input
                                                name="goods_value"
                                                type="text"
                                                inputmode="decimal"
                                                class="short"
                                                value=g.value
                                                aria-label=format!("{} {}", t.goods_value, i + 1)
                                            />
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </fieldset>
            {text_field("money", t.money, Some(t.money_hint), input.money.clone(), "money", Some(20), problems, locale)}
        </fieldset>
        {text_field("city_share", t.city_share, Some(t.city_share_hint), input.city_share.clone(), "textarea", Some(CITY_SHARE_CHARS.1), problems, locale)}
        {text_field("attachments", t.attachments, Some(t.attachments_hint), input.attachments.clone(), "textarea", Some(crate::domain::initiative::ATTACHMENTS_CHARS), problems, locale)}
    }
    .into_any()
}

/// The review page: everything typed, the problems left (each linking to its step),
/// and the submit button.
#[component]
fn Review(detail: InitiativeDetail, locale: Locale) -> impl IntoView {
    let t = locale.initiatives();
    let id = detail.summary.id;
    let problems = check(&detail.draft, &detail.context);
    let resubmit = detail.summary.status == crate::domain::initiative_flow::Status::Remedy;
    let refused = shown_problems();
    view! {
        <PageHeading title=t.review_title/>
        <DoneNotice/>
        <StepNav current=None id=Some(id) locale=locale/>
        {(!refused.is_empty()).then(|| view! { <ProblemSummary problems=refused.clone() locale=locale/> })}
        {if problems.is_empty() {
            view! { <p class="notice">{t.review_ready}</p> }.into_any()
        } else {
            view! {
                <section aria-labelledby="left-heading" class="notice notice-problem">
                    <h2 id="left-heading">{t.review_problems}</h2>
                    <ul>
                        {problems
                            .iter()
                            .map(|p| {
                                let step = super::model::step_of_field(p.field);
                                view! {
                                    <li>
                                        <a href=format!("/initiatives/applications/{id}/steps/{}#{FORM}-{}", step_slug(step), p.field)>
                                            {format!("{}: {}", field_label(locale, p.field), locale.initiative_problem(p.field, p.code))}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
                .into_any()
        }}
        <super::pages::ApplicationText input=detail.draft kind=detail.summary.kind organisation=detail.summary.organisation show_applicants=true locale=locale/>
        <form method="post" action=format!("/initiatives/applications/{id}/submit") class="stack">
            <p>{t.submit_declaration}</p>
            <button type="submit" class="button">{if resubmit { t.resubmit } else { t.submit }}</button>
        </form>
    }
}

/// What the live check needs besides the form, as one line: `il`, the step, the scope
/// and the kind of applicant chosen on other steps, today, the pool (`-` for none) and
/// a council's district (`-` for none), separated by `|`.
fn live_setup(step: Step, input: &ApplicationInput, context: &Context) -> String {
    let (y, m, d) = context.today;
    let or_dash = |v: Option<i64>| v.map_or_else(|| "-".to_owned(), |v| v.to_string());
    format!(
        "il|{}|{}|{}|{y:04}-{m:02}-{d:02}|{}|{}",
        step_slug(step),
        input.scope,
        input.applicant_kind,
        or_dash(context.pool),
        or_dash(context.council_district.map(i64::from)),
    )
}

/// The live check of a step (the island's `setup` after `il|`).
#[cfg(feature = "hydrate")]
pub(crate) fn check_live(wrapper: &NodeRef<leptos::html::Div>, ev: &leptos::ev::Event, setup: &str, messages: &str) {
    if let Some((step, saved, context)) = read_setup(setup) {
        live_check(wrapper, ev, step, saved, &context, messages);
    }
}

#[cfg(feature = "hydrate")]
fn read_setup(setup: &str) -> Option<(Step, ApplicationInput, Context)> {
    let mut parts = setup.split('|');
    let step = super::model::step_of_slug(parts.next()?)?;
    let scope = parts.next()?.to_owned();
    let applicant_kind = parts.next()?.to_owned();
    let today = crate::domain::initiative::parse_date(parts.next()?)?;
    let pool = parts.next()?.parse().ok();
    let council_district = parts.next()?.parse().ok();
    let saved = ApplicationInput { scope, applicant_kind, ..Default::default() };
    Some((step, saved, Context { today, pool, council_district }))
}

#[cfg(feature = "hydrate")]
fn live_check(
    wrapper: &NodeRef<leptos::html::Div>,
    ev: &leptos::ev::Event,
    step: Step,
    saved: ApplicationInput,
    context: &Context,
    messages: &str,
) {
    use crate::components::live_check::{read, show, values};
    use crate::domain::initiative::check_step;
    fn field_of(name: &str) -> &str {
        match name {
            "applicant" => "applicant_kind",
            "goods_description" | "goods_value" => "goods",
            other => other,
        }
    }
    let Some(data) = read(wrapper, ev, FORM, field_of) else {
        return;
    };
    let input = super::model::read_step(step, saved, |name| values(&data, name));
    let problems = check_step(step, &input, context);
    show(FORM, &FIELDS, &|field| {
        problems.iter().find(|p| p.field == field).map(|p| {
            let template = crate::components::live_check::message_of(messages, p.code).unwrap_or(p.code);
            crate::i18n::initiatives::fill_limit(template, p.field, p.code)
        })
    });
}

/// Every field of the form that has a message slot.
#[cfg(feature = "hydrate")]
const FIELDS: [&str; 21] = [
    "applicant_kind",
    "applicants",
    "ngo_authorisation",
    "ngo_krs",
    "ngo_regon",
    "title",
    "description",
    "need",
    "scope",
    "place",
    "district",
    "city_property",
    "starts_on",
    "ends_on",
    "cost",
    "work_people",
    "work_hours",
    "goods",
    "money",
    "city_share",
    "attachments",
];
