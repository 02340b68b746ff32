//! The WAF: pattern rules over the parts of a request, after decoding
//! transformations, scored per request.
//!
//! - [`fields`]: the request taken apart (path, query, headers, cookies,
//!   bodies) into the values rules inspect;
//! - [`anomaly`]: protocol anomalies of the request as a whole;
//! - [`body`]: JSON and multipart readers;
//! - [`byteset`]: sets of byte values, for skipping work;
//! - [`clean`]: values known to pass, kept across requests;
//! - [`target`]: which fields a rule looks at;
//! - [`transform`]: decoding and normalising transformations;
//! - [`detect`]: the SQL injection and XSS detectors;
//! - [`rules`]: compiled rules, scoring, exclusions, the verdict;
//! - [`meter`]: a hook around each rule's run, for timing rules;
//! - [`pattern`]: rule regexes, parsed once and compiled from the tree;
//! - [`prefilter`]: the bytes any match of a rule needs, to skip rules;
//! - [`plan`]: which rules look at which fields, and shared transformation
//!   prefixes, for evaluating them fast.

pub mod anomaly;
pub mod body;
pub mod byteset;
pub mod clean;
pub mod detect;
pub mod fields;
pub mod meter;
pub mod pattern;
pub mod plan;
pub mod prefilter;
pub mod rules;
pub mod target;
pub mod transform;
