//! UI pieces shared by every domain: the page frame, cards, pagination, HTTP status.

pub mod consultation_card;
pub mod layout;
pub mod pagination;
pub mod status;
