//! UI pieces shared by every domain: the page frame, cards, pagination, HTTP status.

pub mod consultation_card;
pub mod layout;
pub mod pagination;
pub mod status;

/// Text for `<Title>`. leptos_meta writes the title into the page without escaping it,
/// so a consultation title or a person's name with `</title>` in it would become
/// markup: every title goes through here.
pub fn title_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_are_escaped() {
        assert_eq!(super::title_text("</title><img src=x> & co"), "&lt;/title&gt;&lt;img src=x&gt; &amp; co");
    }
}
