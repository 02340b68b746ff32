//! The WAF: pattern rules over the parts of a request, after decoding
//! transformations, scored per request.

pub mod body;
pub mod detect;
pub mod fields;
