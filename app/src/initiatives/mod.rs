//! Local initiatives (inicjatywa lokalna, art. 19b–19h of the public-benefit act):
//! residents, an NGO or a district council apply online; DK-04 registers, checks for
//! formal correctness and decides; the public register follows every application. The
//! pure rules are in `domain::initiative` and `domain::initiative_flow`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod form;
pub mod model;
pub mod pages;
pub mod staff;
#[cfg(feature = "ssr")]
pub mod storage;
