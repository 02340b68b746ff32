//! Access rules at the edge: `[[auth.rule]]` scopes that require a valid
//! token and name the roles, permissions or ownership it needs.
//!
//! - [`claims`]: claim paths and the claims of a verified token.

pub mod claims;
