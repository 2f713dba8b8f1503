//! The one markdown renderer: pulldown-cmark to HTML, then ammonia's allow-list, so a
//! `<script>`, an `onerror=` or a `javascript:` link written into a text never runs.
//! Headings are renumbered to sit under the page's own `<h1>` without skipping a level
//! (screen-reader users navigate by headings).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::sync::LazyLock;

pub fn render(markdown: &str) -> String {
    render_from(markdown, 2)
}

/// Like [`render`], with the text's top level at `<h{first}>` (e.g. 3 for a text that
/// sits under a section's own `<h2>`).
pub fn render_from(markdown: &str, first: usize) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // The text's own top level (often `##`) becomes `<h2>`; deeper ones follow it.
    let top = Parser::new_ext(markdown, options)
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut open_levels: Vec<HeadingLevel> = Vec::new();
    let mut last_level = first - 1;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            let wanted = (level as usize + first - top).clamp(first, last_level + 1).min(6);
            last_level = wanted;
            let level = heading_level(wanted);
            open_levels.push(level);
            Event::Start(Tag::Heading { level, id, classes, attrs })
        }
        Event::End(TagEnd::Heading(_)) => Event::End(TagEnd::Heading(open_levels.pop().unwrap_or(HeadingLevel::H2))),
        // Raw HTML is shown as text, not interpreted: authors write markdown.
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    SANITISER.clean(&html).to_string()
}

// The sanitisers are built once: a builder is a dozen hash sets, and a draft act's page
// cleans one piece of text per provision and per remark.
static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder.link_rel(Some("noopener noreferrer nofollow")).url_schemes(["http", "https", "mailto", "tel"].into());
    builder
});

static REMARK_SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(["p", "br", "em", "strong", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre"].into())
        .tag_attributes([("a", ["href"].into()), ("ol", ["start"].into())].into())
        .link_rel(Some("nofollow ugc"))
        .url_schemes(["http", "https", "mailto"].into());
    builder
});

/// A remark's markdown: a small subset (paragraphs, emphasis, lists, quotes, code,
/// links). No images, no headings, no tables, no raw HTML; links carry
/// `rel="nofollow ugc"` so the site lends no weight to what residents link to.
pub fn render_remark(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        // An image becomes its description; a heading becomes a plain paragraph.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Heading { .. }) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::Heading(_)) => Some(Event::End(TagEnd::Paragraph)),
        other => Some(other),
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    REMARK_SANITISER.clean(&html).to_string()
}

fn heading_level(n: usize) -> HeadingLevel {
    match n {
        0..=2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// The words of a markdown text as a reader sees them: headings, list items and
/// paragraphs each end a sentence (a heading has no full stop of its own), code and
/// link addresses are left out.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                if !text.trim_end().ends_with(['.', '!', '?', '…', ':']) && !text.trim().is_empty() {
                    text.push('.');
                }
                text.push(' ');
            }
            _ => {}
        }
    }
    text
}

/// The readability hint for a markdown text, as HTML (our own words and figures only),
/// or empty for an empty text.
pub fn readability_hint(markdown: &str, locale: crate::i18n::Locale) -> String {
    use crate::domain::readability::{measure, Level};
    let r = measure(&plain_text(markdown));
    if r.words == 0 {
        return String::new();
    }
    let t = locale.readability();
    let figures = t
        .figures
        .replace("{sentences}", &r.sentences.to_string())
        .replace("{words}", &locale.decimal(r.words_per_sentence()))
        .replace("{hard}", &locale.decimal(r.hard_percent()))
        .replace("{fog}", &locale.decimal(r.fog_pl()))
        .replace("{pisarek}", &locale.decimal(r.pisarek()));
    let mut advice = Vec::new();
    if r.long_sentences > 0 {
        advice.push(t.long_sentences.replace("{n}", &r.long_sentences.to_string()));
    }
    if r.hard_percent() > 15.0 {
        advice.push(t.many_hard_words.to_owned());
    }
    if advice.is_empty() && r.level() == Level::Easy {
        advice.push(t.fine.to_owned());
    }
    let mut html =
        format!("<p><strong>{}: {}</strong></p><p>{}</p>", t.heading, locale.readability_level(r.level()), figures);
    if !advice.is_empty() {
        html.push_str("<ul>");
        for line in advice {
            html.push_str(&format!("<li>{line}</li>"));
        }
        html.push_str("</ul>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::{render, render_remark};

    #[test]
    fn scripts_and_event_handlers_never_survive() {
        let html = render("Hi <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "raw HTML is shown as text: {html}");
    }

    #[test]
    fn markdown_becomes_html_with_safe_links() {
        let html = render("**Ważne**: [mapa](https://www.krakow.pl/mapa)\n\n- jeden\n- dwa");
        assert!(html.contains("<strong>Ważne</strong>"));
        assert!(
            html.contains(r#"<a href="https://www.krakow.pl/mapa" rel="noopener noreferrer nofollow">mapa</a>"#),
            "{html}"
        );
        assert!(html.contains("<li>dwa</li>"));
    }

    #[test]
    fn remarks_get_a_small_subset_with_nofollow_links() {
        let html = render_remark(
            "# Tytuł\n\n**ważne** ![mapa](https://x.pl/a.png) [link](https://krakow.pl)\n\n<b onclick=x>b</b>",
        );
        assert!(!html.contains("<h"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("<p>Tytuł</p>"), "{html}");
        assert!(html.contains("<strong>ważne</strong> mapa"), "{html}");
        assert!(html.contains(r#"<a href="https://krakow.pl" rel="nofollow ugc">link</a>"#), "{html}");
        assert!(html.contains("&lt;b onclick=x&gt;"), "{html}");
        for payload in ["[x](javascript:alert(1))", "<svg onload=alert(1)>", "[x](data:text/html,hi)"] {
            let html = render_remark(payload);
            assert!(!html.contains("javascript:") && !html.contains("<svg") && !html.contains("data:"), "{html}");
        }
    }

    #[test]
    fn headings_sit_under_the_page_title_without_skipping_levels() {
        let html = render("# Cel\n\n#### Szczegóły\n\n## Termin");
        assert!(html.contains("<h2>Cel</h2>"), "{html}");
        assert!(html.contains("<h3>Szczegóły</h3>"), "{html}");
        assert!(html.contains("<h3>Termin</h3>"), "{html}");
        assert!(!html.contains("<h1>"));
        let html = render("## Uzasadnienie\n\n## Projekt\n\n### § 1");
        assert!(html.contains("<h2>Uzasadnienie</h2>") && html.contains("<h2>Projekt</h2>"), "{html}");
        assert!(html.contains("<h3>§ 1</h3>"), "{html}");
    }

    #[test]
    fn the_hint_reads_what_a_reader_reads_and_says_how_hard_it_is() {
        use super::{plain_text, readability_hint};
        let text = plain_text(
            "## Co zmieniamy\n\nMiasto posadzi drzewa.\n\n- ławki\n- lampy\n\n[Mapa](https://example.pl/mapa)",
        );
        assert!(text.contains("Co zmieniamy.") && text.contains("ławki.") && !text.contains("example.pl"), "{text}");
        let hint = readability_hint("Miasto posadzi drzewa. Napisz, co myślisz.", crate::i18n::Locale::Pl);
        assert!(hint.contains("łatwy (szkoła podstawowa)") && hint.contains("Tak trzymaj"), "{hint}");
        let long = format!("{}.", "konsultacyjnego ".repeat(30));
        let hint = readability_hint(&long, crate::i18n::Locale::En);
        assert!(hint.contains("Sentences over 25 words: 1") && hint.contains("Many long words"), "{hint}");
        assert_eq!(readability_hint("  ", crate::i18n::Locale::Pl), "");
    }
}
