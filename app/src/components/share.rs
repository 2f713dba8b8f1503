//! A page's title and how it looks when shared: Open Graph and Twitter-card tags with a
//! title, a description and a picture (the page's own, or the site's card), and the
//! page's description for search engines. Every page sets its title through
//! [`PageTitle`], so every page carries them.

use super::layout::use_locale;
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The site's own card, drawn by the server (`server::routes::share_card`).
pub const SITE_CARD: ShareImage = ShareImage { path: String::new(), width: 1200, height: 630, alt: String::new() };

/// A picture for the shared card: a path on this site, its size and text alternative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareImage {
    pub path: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

impl ShareImage {
    /// The widest JPEG rendition of a picture (every sharing service reads JPEG).
    pub fn of(item: &crate::media::MediaItem, locale: Locale) -> Option<Self> {
        let file = item.renditions("jpeg").into_iter().last()?;
        Some(ShareImage {
            path: format!("/media/{}", file.key),
            width: file.width,
            height: file.height,
            alt: item.alt(locale).0.to_owned(),
        })
    }
}

/// The site's address (`PUBLIC_URL`) without its trailing slash: sharing tags need
/// absolute addresses.
fn base() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::state::AppState>()
            .map(|s| s.settings.public_url.trim_end_matches('/').to_owned())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

fn og_locale(locale: Locale) -> &'static str {
    match locale {
        Locale::Pl => "pl_PL",
        Locale::En => "en_GB",
        Locale::Uk => "uk_UA",
    }
}

/// The `<title>` ("What · Kraków in Dialogue") and the sharing tags of the page.
/// `text` is plain text (escaped here); `description` defaults to the site's tagline.
#[component]
pub fn PageTitle(
    #[prop(into)] text: String,
    #[prop(optional, into)] description: Option<String>,
    #[prop(default = None)] image: Option<ShareImage>,
) -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    let base = base();
    let suffix = format!(" · {}", t.site_name);
    let title = if text == t.site_name || text.ends_with(&suffix) { text.clone() } else { format!("{text}{suffix}") };
    let shared_title = text.strip_suffix(&suffix).unwrap_or(&text).to_owned();
    let description = description
        .map(|d| shorten(d.trim(), 300))
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| t.site_tagline.to_owned());
    let image = image.unwrap_or(ShareImage { path: "/share.png".to_owned(), alt: t.site_name.to_owned(), ..SITE_CARD });
    let path = leptos_router::hooks::use_location().pathname.get_untracked();
    view! {
        <Title text=super::title_text(&title)/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:type" content="website"/>
        <Meta property="og:site_name" content=t.site_name/>
        <Meta property="og:locale" content=og_locale(locale)/>
        <Meta property="og:url" content=format!("{base}{path}")/>
        <Meta property="og:title" content=shared_title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta property="og:image" content=format!("{base}{}", image.path)/>
        <Meta property="og:image:width" content=image.width.to_string()/>
        <Meta property="og:image:height" content=image.height.to_string()/>
        <Meta property="og:image:alt" content=image.alt.clone()/>
        <Meta name="twitter:card" content="summary_large_image"/>
        <Meta name="twitter:title" content=shared_title/>
        <Meta name="twitter:description" content=description/>
        <Meta name="twitter:image" content=format!("{base}{}", image.path)/>
        <Meta name="twitter:image:alt" content=image.alt/>
    }
    // One type for the tags, so the pages that hold them stay within the compiler's
    // limits in the optimised browser build.
    .into_any()
}

/// At most `max` characters, cut at a word with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let at_word = cut.rfind(char::is_whitespace).map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn a_long_description_is_cut_at_a_word() {
        assert_eq!(shorten("Krótki opis.", 300), "Krótki opis.");
        let long = "słowo ".repeat(100);
        let short = shorten(long.trim(), 40);
        assert!(short.chars().count() <= 40 && short.ends_with("słowo…"), "{short}");
    }
}
