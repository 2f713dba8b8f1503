//! DK-04's back office: consultations (create, edit, preview, publish, events),
//! remarks received by email, post, ePUAP, at meetings or by phone, and the moderation
//! queue (flags, pre-moderation, hiding and restoring, blocking). Every page and server
//! function asks the rule book for [`Action::Moderate`](crate::accounts::authz::Action).

pub mod api;
pub mod pages;
