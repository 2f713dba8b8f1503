//! The civic budget (Budżet Obywatelski): editions with their calendar, pools and rules;
//! projects submitted by residents, NGOs and district councils; verification by city
//! units, protests, withdrawal and the final list; the public catalogue; the vote, the
//! count and the results. The pure rules
//! are in `domain::budget` and `domain::budget_project`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod form;
#[cfg(feature = "ssr")]
pub mod import;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod paper;
pub mod paper_pages;
#[cfg(feature = "ssr")]
pub mod projects;
pub mod staff;
#[cfg(feature = "ssr")]
pub mod storage;
pub mod vote_api;
pub mod vote_pages;
#[cfg(feature = "ssr")]
pub mod voting;
