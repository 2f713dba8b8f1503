//! Pure rules of the platform: no IO, compiled for the server and the browser alike,
//! so the same validation runs on both sides. Each file is unit-tested in place.

pub mod act;
pub mod act_diff;
pub mod answer;
pub mod ballot;
pub mod budget;
pub mod budget_project;
pub mod calendar;
pub mod consultation_forms;
pub mod consultation_phase;
pub mod district;
pub mod ical;
pub mod identifiers;
pub mod initiative;
pub mod initiative_flow;
pub mod pabulib;
pub mod paging;
pub mod readability;
pub mod remark;
pub mod report_stats;
pub mod tally;
pub mod topic;
pub mod warsaw_time;
