//! Consultations: what they are (`model`), where they are kept (`storage`, server
//! only), how pages ask for them (`api`), the pages themselves, and the demo set.

pub mod api;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod storage;
