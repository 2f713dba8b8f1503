//! Consultations: what they are (`model`), where they are kept (`storage`, server
//! only), how pages ask for them (`api`), the pages themselves, their remarks, who
//! follows them, and the demo set.

pub mod api;
#[cfg(feature = "ssr")]
pub mod backoffice;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod editor;
#[cfg(feature = "ssr")]
pub mod follows;
pub mod model;
pub mod pages;
pub mod remarks;
#[cfg(feature = "ssr")]
pub mod storage;
