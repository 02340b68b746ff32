//! IP access control lists with nginx semantics: rules are looked at in
//! order, the first rule whose paths and networks both match decides, and
//! the explicit `default` decides when none does.
//!
//! A request without a usable client address matches no rule (neither allow
//! nor deny), so the default decides for it; whether such a request gets
//! this far at all is `[client_ip] on_missing`.

use std::net::IpAddr;

use crate::ip::IpSet;
use crate::path::PathPattern;
use crate::trace::Trace;

/// What an ACL rule (or the default) does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AclAction {
    Allow,
    Deny,
}

impl AclAction {
    pub const NAMES: &'static [&'static str] = &["allow", "deny"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "allow" => Some(AclAction::Allow),
            "deny" => Some(AclAction::Deny),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AclAction::Allow => "allow",
            AclAction::Deny => "deny",
        }
    }
}

/// One compiled `[[ip_acl.rule]]`.
#[derive(Debug, Clone)]
pub struct AclRule {
    pub id: String,
    pub action: AclAction,
    /// Empty: every path.
    pub paths: Vec<PathPattern>,
    pub networks: IpSet,
    /// `file:line` of the rule, for `explain`.
    pub location: String,
}

impl AclRule {
    fn path_matches(&self, path: &str) -> bool {
        self.paths.is_empty() || self.paths.iter().any(|p| p.matches(path))
    }
}

/// The compiled `[ip_acl]` table.
#[derive(Debug, Clone)]
pub struct IpAcl {
    pub rules: Vec<AclRule>,
    pub default: AclAction,
}

impl Default for IpAcl {
    fn default() -> Self {
        IpAcl {
            rules: Vec::new(),
            default: AclAction::Allow,
        }
    }
}

/// Which part of the ACL decided.
#[derive(Debug, Clone, Copy)]
pub enum AclOutcome<'a> {
    Rule(&'a AclRule),
    Default(AclAction),
}

impl AclOutcome<'_> {
    pub fn action(&self) -> AclAction {
        match self {
            AclOutcome::Rule(r) => r.action,
            AclOutcome::Default(a) => *a,
        }
    }
}

impl IpAcl {
    /// The first rule matching `path` and `ip`, else the default.
    pub fn evaluate(&self, path: &str, ip: Option<IpAddr>, trace: &mut Trace) -> AclOutcome<'_> {
        for rule in &self.rules {
            if !rule.path_matches(path) {
                trace.note(|| {
                    format!(
                        "ip_acl rule `{}` ({}): path {path} is outside {}",
                        rule.id,
                        rule.location,
                        patterns(&rule.paths)
                    )
                });
                continue;
            }
            let hit = ip.is_some_and(|ip| rule.networks.contains(ip));
            if hit {
                trace.note(|| {
                    format!(
                        "ip_acl rule `{}` ({}): path matches and {} is in its networks: {}",
                        rule.id,
                        rule.location,
                        ip.map(|i| i.to_string()).unwrap_or_default(),
                        rule.action.as_str()
                    )
                });
                return AclOutcome::Rule(rule);
            }
            trace.note(|| match ip {
                Some(ip) => format!(
                    "ip_acl rule `{}` ({}): path matches, {ip} is not in its networks",
                    rule.id, rule.location
                ),
                None => format!(
                    "ip_acl rule `{}` ({}): no client address, cannot match",
                    rule.id, rule.location
                ),
            });
        }
        trace.note(|| {
            format!(
                "ip_acl: no rule matched; default: {}",
                self.default.as_str()
            )
        });
        AclOutcome::Default(self.default)
    }
}

fn patterns(p: &[PathPattern]) -> String {
    p.iter()
        .map(PathPattern::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}
