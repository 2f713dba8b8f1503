//! The civic budget (Budżet Obywatelski). The pure rules are in `domain::budget`.

#[cfg(feature = "ssr")]
pub mod storage;
