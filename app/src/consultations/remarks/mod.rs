//! Remarks on consultations and on units of draft acts: what they are (`model`), where
//! they are kept (`storage`, server only), how pages ask for them (`api`), and how
//! they are shown and written (`views`).

pub mod api;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod model;
#[cfg(feature = "ssr")]
pub mod storage;
pub mod views;
