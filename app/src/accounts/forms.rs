//! Plain HTML forms that work without JavaScript. A form posts to an axum route; when
//! the input is refused, that route renders the same page again with a [`FormFeedback`]
//! in the context: the messages next to their fields, a summary at the top, and what
//! was typed (never a password) back in the fields.

use crate::components::layout::use_locale;
use crate::error::FieldError;
use leptos::prelude::*;

/// What a refused form post hands back to the page it re-renders.
#[derive(Clone, Debug, Default)]
pub struct FormFeedback {
    /// Which form on the page was posted (a page may hold several).
    pub form: &'static str,
    /// The typed values, by field name (passwords are never put here).
    pub values: Vec<(String, String)>,
    /// One entry per problem; the field `""` is a problem of the whole form.
    pub errors: Vec<FieldError>,
}

impl FormFeedback {
    pub fn new(form: &'static str) -> Self {
        FormFeedback { form, ..Default::default() }
    }

    pub fn value(mut self, name: &str, value: &str) -> Self {
        self.values.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn error(mut self, field: &str, code: &str) -> Self {
        self.errors.push(FieldError { field: field.to_owned(), message: code.to_owned() });
        self
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// The feedback for `form`, if that form is the one that was just posted.
pub fn feedback_for(form: &'static str) -> Option<FormFeedback> {
    use_context::<FormFeedback>().filter(|f| f.form == form)
}

fn typed(feedback: &Option<FormFeedback>, name: &str) -> Option<String> {
    feedback.as_ref()?.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
}

fn problem(feedback: &Option<FormFeedback>, name: &str) -> Option<String> {
    feedback.as_ref()?.errors.iter().find(|e| e.field == name).map(|e| e.message.clone())
}

/// The list of problems at the top of a refused form, focusable and announced, each
/// linking to its field (GOV.UK's error summary pattern).
#[component]
pub fn ErrorSummary(form: &'static str) -> impl IntoView {
    let locale = use_locale();
    let feedback = feedback_for(form);
    feedback.filter(FormFeedback::has_errors).map(|f| {
        let items = f
            .errors
            .into_iter()
            .map(|e| {
                let target = (!e.field.is_empty()).then(|| format!("{form}-{}", e.field));
                (target, locale.problem(&e.message).to_owned())
            })
            .collect();
        problem_list(&format!("{form}-errors"), locale.accounts().form_has_problems, items)
    })
}

/// An error summary: its heading, then each problem, linking to the element with the id
/// given (a problem of the whole form links nowhere).
pub fn problem_list(id: &str, heading: &'static str, items: Vec<(Option<String>, String)>) -> impl IntoView {
    view! {
        <div class="error-summary" role="alert" tabindex="-1" aria-labelledby=id.to_owned()>
            <h2 id=id.to_owned()>{heading}</h2>
            <ul>
                {items
                    .into_iter()
                    .map(|(target, text)| match target {
                        None => view! { <li>{text}</li> }.into_any(),
                        Some(target) => {
                            view! {
                                <li>
                                    <a href=format!("#{target}")>{text}</a>
                                </li>
                            }
                                .into_any()
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// A labelled input with its hint and its problem, tied together for screen readers.
#[component]
pub fn Field(
    form: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(default = true)] required: bool,
    #[prop(optional)] maxlength: Option<usize>,
) -> impl IntoView {
    let locale = use_locale();
    let feedback = feedback_for(form);
    let id = format!("{form}-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error = problem(&feedback, name).map(|code| locale.problem(&code));
    // A password field never gets its value back.
    let value = if kind == "password" { None } else { typed(&feedback, name).or(value) };
    let described = described_by([hint.map(|_| hint_id.as_str()), error.as_ref().map(|_| error_id.as_str())]);
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {error.map(|e| view! { <p class="error-message" id=error_id.clone()>{e}</p> })}
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                maxlength=maxlength
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described
            />
        </div>
    }
}

/// A `<select>` of the 18 districts (or none).
#[component]
pub fn DistrictSelect(
    form: &'static str,
    label: &'static str,
    none_label: &'static str,
    #[prop(default = None)] selected: Option<u8>,
) -> impl IntoView {
    let feedback = feedback_for(form);
    let selected = typed(&feedback, "district").and_then(|v| v.parse::<u8>().ok()).or(selected);
    let id = format!("{form}-district");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name="district">
                <option value="" selected=selected.is_none()>{none_label}</option>
                {crate::domain::district::District::all()
                    .map(|d| {
                        let n = d.number();
                        view! { <option value=n.to_string() selected=selected == Some(n)>{d.label()}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The whole city and the 18 districts as checkboxes named `districts` (values `city`
/// and the numbers), for a fieldset of its form; the whole city's box has the id
/// `{form}-districts`, which an error summary links to.
#[component]
pub fn DistrictChecks(form: &'static str, city_label: &'static str, chosen: Vec<String>) -> impl IntoView {
    let city = format!("{form}-districts");
    view! {
        <div class="field checkbox">
            <input type="checkbox" id=city.clone() name="districts" value="city" checked=chosen.iter().any(|d| d == "city")/>
            <label for=city>{city_label}</label>
        </div>
        <div class="columns">
            {crate::domain::district::District::all()
                .map(|d| {
                    let n = d.number().to_string();
                    let id = format!("{form}-district-{n}");
                    let checked = chosen.contains(&n);
                    view! {
                        <div class="field checkbox">
                            <input type="checkbox" id=id.clone() name="districts" value=n checked=checked/>
                            <label for=id>{d.label()}</label>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// `aria-describedby` for a field: its hint and its problem, those it has.
pub fn described_by(ids: [Option<&str>; 2]) -> Option<String> {
    let joined = ids.into_iter().flatten().collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then_some(joined)
}

/// A notice after a successful action, chosen by the `done` query value (so a page
/// reached by a redirect after a post can say what happened).
#[component]
pub fn DoneNotice() -> impl IntoView {
    let locale = use_locale();
    let done = leptos_router::hooks::use_query_map().get_untracked().get("done");
    done.and_then(|code| locale.done(&code)).map(|text| {
        view! {
            <p class="notice" role="status">
                {text}
            </p>
        }
    })
}
