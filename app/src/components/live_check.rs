//! The platform's one island that checks a form as it changes, and what its checks
//! share in the browser: the form's values, the "touched" mark of the field that
//! changed, and each touched field's message in its slot (`{form}-{field}-error`) with
//! `aria-invalid` on its control. The rules are the domain's, the same the server
//! applies; submitting is never blocked, the server has the last word.

use leptos::prelude::*;
#[cfg(feature = "hydrate")]
use wasm_bindgen::JsCast;

/// One island for every live-checked form, so the browser's bundle carries its glue
/// (and the decoder of its props) once. Its props are plain lines, never a decoded
/// structure or a text table: `setup` names the form and what its rules need besides
/// the fields (`il|…`: a local-initiative step, see `initiatives::form`; `bo|…`: a
/// civic-budget project, see `budget::form`), and `messages` are the rules' messages
/// in the page's language, one `code=message` per line (see [`messages_prop`]).
/// `vb|…` is the civic-budget ballot (see `budget::vote_pages`), which also answers
/// clicks: its arrows reorder a group's ranking.
#[island]
pub fn LiveCheck(setup: String, messages: String, children: Children) -> impl IntoView {
    let wrapper = NodeRef::<leptos::html::Div>::new();
    let live = move |ev: &leptos::ev::Event, click: bool| {
        #[cfg(feature = "hydrate")]
        match setup.split_once('|') {
            Some(("il", rest)) if !click => crate::initiatives::form::check_live(&wrapper, ev, rest, &messages),
            Some(("bo", rest)) if !click => crate::budget::form::check_live(&wrapper, ev, rest, &messages),
            Some(("vb", rest)) => crate::budget::vote_pages::check_live(&wrapper, ev, rest, &messages),
            _ => {}
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, click, &setup, &messages, wrapper);
    };
    let on_change = live.clone();
    view! {
        <div node_ref=wrapper on:change=move |ev| on_change(&ev, false) on:click=move |ev| live(&ev, true)>
            {children()}
        </div>
    }
}

/// The values of the form inside `wrapper`, and marks the changed field as touched
/// (`field_of` maps a control's name to the field its message belongs to).
#[cfg(feature = "hydrate")]
pub fn read(
    wrapper: &NodeRef<leptos::html::Div>,
    ev: &leptos::ev::Event,
    form: &str,
    field_of: fn(&str) -> &str,
) -> Option<web_sys::FormData> {
    let element = wrapper.get_untracked()?.query_selector("form").ok()??;
    let data = web_sys::FormData::new_with_form(&element.dyn_into::<web_sys::HtmlFormElement>().ok()?).ok()?;
    if let Some(name) =
        ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.get_attribute("name"))
    {
        if let Some(slot) = document().get_element_by_id(&format!("{form}-{}-error", field_of(&name))) {
            let _ = slot.set_attribute("data-touched", "");
        }
    }
    Some(data)
}

/// The message of `code` among the page's `messages` (one `code=message` per line).
#[cfg(feature = "hydrate")]
pub fn message_of<'m>(messages: &'m str, code: &str) -> Option<&'m str> {
    messages.lines().find_map(|line| line.strip_prefix(code)?.strip_prefix('='))
}

/// The page's messages as the live check takes them: `code=message` lines.
pub fn messages_prop<'a>(
    codes: impl IntoIterator<Item = &'a str>,
    messages: impl IntoIterator<Item = &'a str>,
) -> String {
    codes.into_iter().zip(messages).map(|(c, m)| format!("{c}={m}\n")).collect()
}

/// Every value of a field, as the server's form reader takes them.
#[cfg(feature = "hydrate")]
pub fn values(data: &web_sys::FormData, name: &str) -> Vec<String> {
    data.get_all(name).iter().filter_map(|v| v.as_string()).collect()
}

/// Shows the message of each touched field of `fields` (none: the slot is hidden).
#[cfg(feature = "hydrate")]
pub fn show(form: &str, fields: &[&str], message: &dyn Fn(&str) -> Option<String>) {
    let document = document();
    for field in fields {
        let Some(slot) = document.get_element_by_id(&format!("{form}-{field}-error")) else {
            continue;
        };
        if !slot.has_attribute("data-touched") {
            continue;
        }
        let message = message(field);
        slot.set_text_content(message.as_deref());
        let control = document.get_element_by_id(&format!("{form}-{field}"));
        let _ = match message {
            Some(_) => {
                slot.remove_attribute("hidden").and(control.map_or(Ok(()), |c| c.set_attribute("aria-invalid", "true")))
            }
            None => {
                slot.set_attribute("hidden", "").and(control.map_or(Ok(()), |c| c.remove_attribute("aria-invalid")))
            }
        };
    }
}
