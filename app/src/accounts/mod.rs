//! Accounts: who a person is (local password or the city's OpenID Connect provider),
//! their staff roles and organisations, sessions, the one authorisation rule book, the
//! audit log and "My data". Pure rules compile for the browser too; storage and
//! hashing only on the server.

pub mod api;
pub mod authz;
pub mod demo;
pub mod forms;
pub mod model;
pub mod pages;
pub mod validation;

#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod storage;
#[cfg(feature = "ssr")]
pub mod tokens;
