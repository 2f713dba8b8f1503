//! Setting the HTTP status of a server-rendered page (404 for an unknown slug, 500 when
//! the database fails). Routes render with `SsrMode::Async`, so the status is decided
//! before the first byte is sent.

pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(code) {
            response.set_status(status);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
