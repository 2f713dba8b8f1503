//! UI pieces shared by every domain: the page frame, cards, pagination, HTTP status.

pub mod consultation_card;
pub mod layout;
pub mod live_check;
pub mod pagination;
pub mod share;
pub mod status;

pub use share::{PageTitle, ShareImage};

/// Text for `<Title>`. leptos_meta writes the title into the page without escaping it,
/// so a consultation title or a person's name with `</title>` in it would become
/// markup: every title goes through here.
pub fn title_text(text: &str) -> String {
    escape(text)
}

/// Text for the inside of a `<textarea>`. Leptos writes a textarea's text child into
/// the page without escaping it, so typed `</textarea><script>` would become markup:
/// every textarea's content goes through here (the browser decodes the entities, so
/// the field shows exactly what was typed).
pub fn textarea_text(text: &str) -> String {
    escape(text)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_are_escaped() {
        assert_eq!(super::title_text("</title><img src=x> & co"), "&lt;/title&gt;&lt;img src=x&gt; &amp; co");
    }

    /// Fails if Leptos starts escaping textarea text itself (then this helper must go,
    /// or text would show escaped twice) and if the helper stops being used right.
    #[cfg(feature = "ssr")]
    #[test]
    fn textarea_text_is_escaped_exactly_once() {
        use leptos::prelude::*;
        let typed = "</textarea><img src=x onerror=alert(1)> & co";
        let html = view! { <textarea>{super::textarea_text(typed)}</textarea> }.to_html();
        assert_eq!(html, "<textarea>&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt; &amp; co</textarea>");
    }
}
