//! Final consultation reports: the city's answer to every remark, and the published
//! report built from them. The pure rules are in `domain::answer`, `domain::act_diff`
//! and `domain::report_stats`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod document;
pub mod editor;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod publish;
pub mod report_page;
#[cfg(feature = "ssr")]
pub mod storage;
