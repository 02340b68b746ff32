//! Access rules at the edge: `[[auth.rule]]` scopes that require a valid
//! token and name the roles, permissions or ownership it needs, checked
//! against `[[auth.provider]]` issuers.
//!
//! - [`jwt`]: verifying a token's signature and claims;
//! - [`keys`]: key sets and the [`Credentials`] an evaluation gets;
//! - [`claims`]: claim paths and the claims of a verified token;
//! - [`owner`]: `/users/{id}` path templates for ownership rules.

pub mod claims;
pub mod jwt;
pub mod keys;
pub mod owner;
#[cfg(test)]
mod tests;

use crate::path::PathPattern;
use crate::request::Request;
use crate::trace::Trace;

use claims::{ClaimPath, Claims};
use jwt::{TokenFailure, Verifier};
pub use keys::Credentials;
use owner::OwnerTemplate;

/// Where a provider's public keys come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JwksSource {
    /// `https://…` (or `http://` to a loopback address, for tests).
    pub url: String,
    /// Seconds a fetched key set is used before it is fetched again.
    pub cache_ttl: u32,
}

/// One `[[auth.provider]]`: an issuer whose tokens rules accept.
#[derive(Debug, Clone)]
pub struct Provider {
    pub id: String,
    pub verifier: Verifier,
    /// RS256/ES256 keys, fetched by the Worker.
    pub jwks: Option<JwksSource>,
    pub roles_claim: ClaimPath,
    pub permissions_claim: ClaimPath,
}

/// What a covered request must show.
#[derive(Debug, Clone)]
pub enum Requirement {
    /// No token needed: a public exception inside a protected scope.
    Public,
    /// A valid token of `provider` (index into [`Auth::providers`]).
    Token {
        provider: usize,
        /// At least one of these roles (empty: no role needed).
        any_role: Vec<String>,
        /// Every one of these permissions.
        all_permissions: Vec<String>,
        owner: Option<Owner>,
    },
}

/// An ownership check: the template's parameter must equal the claim,
/// unless the token has one of `admin_roles`.
#[derive(Debug, Clone)]
pub struct Owner {
    pub template: OwnerTemplate,
    pub claim: ClaimPath,
    pub admin_roles: Vec<String>,
}

/// One `[[auth.rule]]`.
#[derive(Debug, Clone)]
pub struct AuthRule {
    pub id: String,
    pub paths: Vec<PathPattern>,
    pub methods: Vec<String>,
    pub requirement: Requirement,
    /// `file:line`, for `explain`.
    pub location: String,
}

/// `[auth]`: the providers and the rules, first match wins.
#[derive(Debug, Clone)]
pub struct Auth {
    /// The realm of `WWW-Authenticate: Bearer realm="…"`.
    pub realm: String,
    pub providers: Vec<Provider>,
    pub rules: Vec<AuthRule>,
}

impl Default for Auth {
    fn default() -> Self {
        Auth {
            realm: DEFAULT_REALM.to_string(),
            providers: Vec::new(),
            rules: Vec::new(),
        }
    }
}

pub const DEFAULT_REALM: &str = "edgewall";

/// What the auth stage made of a request.
#[derive(Debug)]
pub enum AuthOutcome<'a> {
    /// No rule covers it.
    NotCovered,
    /// A `public` rule covers it.
    Public(&'a AuthRule),
    /// A valid token with everything the rule asks for.
    Granted(&'a AuthRule, Claims),
    /// No valid token: 401 (or 503 when the keys are unavailable).
    Unauthorized(&'a AuthRule, &'a Provider, TokenFailure),
    /// A valid token without what the rule asks for: 403.
    Forbidden(&'a AuthRule, String),
}

impl Auth {
    pub fn is_active(&self) -> bool {
        !self.rules.is_empty()
    }

    /// The first rule covering a request (normalised path).
    pub fn rule_for(&self, method: &str, path: &str) -> Option<&AuthRule> {
        self.rules.iter().find(|r| {
            (r.paths.is_empty() || r.paths.iter().any(|p| p.matches(path)))
                && (r.methods.is_empty() || r.methods.iter().any(|m| m == method))
        })
    }

    /// The provider whose keys a request needs, if any: the Worker fetches
    /// only those.
    pub fn provider_for(&self, method: &str, path: &str) -> Option<&Provider> {
        match self.rule_for(method, path)?.requirement {
            Requirement::Public => None,
            Requirement::Token { provider, .. } => self.providers.get(provider),
        }
    }

    /// The `WWW-Authenticate` value of a 401.
    pub fn challenge(&self) -> String {
        format!("Bearer realm=\"{}\"", self.realm)
    }

    pub fn evaluate(
        &self,
        req: &Request,
        path: &str,
        creds: &Credentials,
        trace: &mut Trace,
    ) -> AuthOutcome<'_> {
        let Some(rule) = self.rule_for(&req.method, path) else {
            trace.note(|| "auth: no rule covers the request".into());
            return AuthOutcome::NotCovered;
        };
        let (provider, any_role, all_permissions, owner) = match &rule.requirement {
            Requirement::Public => {
                trace.note(|| format!("auth rule `{}` ({}): public", rule.id, rule.location));
                return AuthOutcome::Public(rule);
            }
            Requirement::Token {
                provider,
                any_role,
                all_permissions,
                owner,
            } => (provider, any_role, all_permissions, owner),
        };
        let Some(provider) = self.providers.get(*provider) else {
            // The loader resolved every provider; this cannot happen.
            return AuthOutcome::NotCovered;
        };
        let token = match bearer(req) {
            Ok(t) => t,
            Err(f) => return AuthOutcome::Unauthorized(rule, provider, f),
        };
        let claims = match provider.verifier.verify(token, creds) {
            Ok(c) => c,
            Err(f) => {
                trace.note(|| format!("auth rule `{}`: {}", rule.id, f.describe()));
                return AuthOutcome::Unauthorized(rule, provider, f);
            }
        };
        let who = claims
            .get("sub")
            .and_then(|s| s.as_str())
            .map(|s| format!("sub {:?}", s.chars().take(100).collect::<String>()))
            .unwrap_or_else(|| "a token without sub".into());
        let roles = provider.roles_claim.names(&claims);
        if !any_role.is_empty() && !any_role.iter().any(|r| roles.contains(&r.as_str())) {
            return AuthOutcome::Forbidden(
                rule,
                format!("{who} has none of the roles {any_role:?}"),
            );
        }
        let permissions = provider.permissions_claim.names(&claims);
        if let Some(p) = all_permissions
            .iter()
            .find(|p| !permissions.contains(&p.as_str()))
        {
            return AuthOutcome::Forbidden(rule, format!("{who} lacks permission {p:?}"));
        }
        if let Some(o) = owner {
            let admin = o.admin_roles.iter().any(|r| roles.contains(&r.as_str()));
            if !admin {
                let param = o.template.capture(path);
                let claim = o.claim.scalar(&claims);
                if param.is_none() || param != claim.as_deref() {
                    return AuthOutcome::Forbidden(
                        rule,
                        format!(
                            "{who} does not own {} ({} is {:?}, path has {:?})",
                            o.template.text, o.claim.text, claim, param
                        ),
                    );
                }
            }
        }
        trace.note(|| {
            format!(
                "auth rule `{}` ({}): granted to {who}",
                rule.id, rule.location
            )
        });
        AuthOutcome::Granted(rule, claims)
    }
}

/// The token of the one `Authorization: Bearer …` header.
fn bearer(req: &Request) -> Result<&str, TokenFailure> {
    let mut values = req.header_values("authorization");
    let Some(v) = values.next() else {
        return Err(TokenFailure::Missing);
    };
    if values.next().is_some() {
        return Err(TokenFailure::BadHeader);
    }
    let (scheme, token) = v.trim().split_once(' ').ok_or(TokenFailure::BadHeader)?;
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() || token.contains(' ') {
        return Err(TokenFailure::BadHeader);
    }
    Ok(token)
}
