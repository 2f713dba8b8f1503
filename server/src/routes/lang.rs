//! `POST /lang`: the language switcher. Sets the `lang` cookie for a year and sends the
//! reader back to the page they were on (a local path only: no open redirect).

use app::i18n::{Locale, LANG_COOKIE};
use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Form,
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LangForm {
    lang: String,
    #[serde(default)]
    next: String,
}

pub async fn switch(Form(form): Form<LangForm>) -> Response {
    let Some(locale) = Locale::from_tag(&form.lang) else {
        return (StatusCode::BAD_REQUEST, "unknown language").into_response();
    };
    let next = safe_local_path(&form.next);
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", locale.tag());
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, next)]).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// `next` if it is a path on this site, otherwise `/`.
fn safe_local_path(next: &str) -> String {
    let local =
        next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') && !next.chars().any(char::is_control);
    if local {
        next.to_owned()
    } else {
        "/".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::safe_local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_local_path("/consultations?district=18"), "/consultations?district=18");
        assert_eq!(safe_local_path("https://evil.example/"), "/");
        assert_eq!(safe_local_path("//evil.example/"), "/");
        assert_eq!(safe_local_path("/\\evil.example"), "/");
        assert_eq!(safe_local_path("/a\r\nSet-Cookie: x=1"), "/");
        assert_eq!(safe_local_path(""), "/");
    }
}
