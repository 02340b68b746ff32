//! edgewall's firewall engine: load rule files into a [`Policy`], then
//! evaluate requests against it.
//!
//! The pipeline shows in the types: rule files → [`load()`] (every error,
//! with file, line and column) → [`Policy`] → [`Policy::evaluate`] →
//! [`Decision`]. Loading is the only fallible step; evaluation cannot fail.
//!
//! The crate is pure: no I/O, no clock, no async, no runtime types. It builds
//! natively (the `edgewall` CLI, benchmarks) and for wasm32 (the Worker), so
//! both make exactly the same decision.

pub mod acl;
pub mod auth;
pub mod client_ip;
pub mod cors;
pub mod decision;
pub mod diagnostics;
#[cfg(feature = "fs")]
pub mod fs;
pub mod geo;
pub mod ip;
pub mod load;
pub mod path;
pub mod policy;
pub mod rate_limit;
pub mod request;
pub mod rules_file;
pub mod trace;
pub mod waf;

#[cfg(test)]
mod testing;

pub use decision::{
    error_body, error_headers, log_line, request_id, Action, Decision, ErrorKind, Stage,
};
pub use diagnostics::{Diagnostic, LoadError, Severity};
pub use load::{load, Loaded};
pub use policy::Policy;
pub use request::Request;
