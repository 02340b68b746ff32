//! Loading `[rate_limit]`: every `[[rate_limit.rule]]` checked against what
//! its counter can do (the Rate Limiting binding counts over 10 or 60 s
//! only, one limit per binding), each mistake refused with a way to fix it.

use std::collections::HashMap;

use toml::de::DeValue;
use toml::Spanned;

use super::{is_token_byte, FileIdx, Loader};
use crate::auth::claims::ClaimPath;
use crate::diagnostics::{closest, one_of_hint};
use crate::rate_limit::{
    Counter, KeySource, LimitAction, RateLimitRule, RateLimits, DEFAULT_GLOBAL_BINDING,
    LOCATION_PERIODS, MAX_GLOBAL_PERIOD,
};
use crate::rules_file::{SpannedStr, RATE_LIMIT_KEYS, RATE_LIMIT_RULE_KEYS};

/// A limit above this is almost certainly a typo (and no counter needs it).
const MAX_LIMIT: i64 = 1_000_000;

/// A Worker binding name: what `env.NAME` can reach.
pub(super) fn valid_binding(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && (b[0].is_ascii_alphabetic() || b[0] == b'_')
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

impl Loader<'_> {
    pub(super) fn read_rate_limit(&mut self, file: FileIdx, value: Spanned<DeValue<'_>>) {
        let Some(table) = self.table(
            file,
            value,
            "rate_limit",
            "write each limit as a `[[rate_limit.rule]]` table",
        ) else {
            return;
        };
        for (key, value) in table {
            let key_span = key.span();
            match key.get_ref().as_ref() {
                "rule" => {
                    let rules =
                        self.de_tables(file, value, "rate_limit.rule", RATE_LIMIT_RULE_KEYS);
                    self.rate_limit_rules.extend(rules);
                }
                other => {
                    let other = other.to_string();
                    self.error(
                        file,
                        key_span,
                        format!("unknown key `{other}` in `[rate_limit]`"),
                        Some(one_of_hint(&other, RATE_LIMIT_KEYS)),
                    );
                }
            }
        }
    }

    pub(super) fn compile_rate_limit(&mut self) -> RateLimits {
        let raw = std::mem::take(&mut self.rate_limit_rules);
        let mut out = RateLimits::default();
        // Binding → (limit, period, where): a Rate Limiting binding has one
        // limit and period, set in wrangler.toml.
        let mut bindings: HashMap<String, (i64, i64, String)> = HashMap::new();
        for (file, r) in &raw {
            let file = *file;
            let id = self.register_id(file, &r.id);
            let paths = self.path_patterns(file, r.paths.as_ref());
            let methods = self.limit_methods(file, r.methods.as_ref());
            let key = self.limit_key(file, &r.key);

            let counter = match &r.counter {
                None => Counter::Location,
                Some(c) => Counter::parse(c.get_ref()).unwrap_or_else(|| {
                    self.error(
                        file,
                        c.span(),
                        format!("unknown `counter` value `{}`", c.get_ref()),
                        Some(one_of_hint(c.get_ref(), Counter::NAMES)),
                    );
                    // The most lenient counter: no follow-on errors.
                    Counter::Global
                }),
            };

            let limit = *r.limit.get_ref();
            if !(1..=MAX_LIMIT).contains(&limit) {
                self.error(
                    file,
                    r.limit.span(),
                    format!("`limit = {limit}` is out of range"),
                    Some(format!("write how many requests a key may make per period, from 1 to {MAX_LIMIT}; to stop every request use an `[[ip_acl.rule]]`")),
                );
            }
            let period = *r.period.get_ref();
            match counter {
                Counter::Location => {
                    if !LOCATION_PERIODS.iter().any(|p| i64::from(*p) == period) {
                        self.error(
                            file,
                            r.period.span(),
                            format!("`period = {period}` is not a period the Rate Limiting binding supports"),
                            Some("the binding (`counter = \"location\"`) counts over 10 or 60 seconds only; write `period = 10` or `period = 60`, or use `counter = \"global\"` (a Durable Object) for other periods".into()),
                        );
                    }
                }
                Counter::Global => {
                    if !(1..=i64::from(MAX_GLOBAL_PERIOD)).contains(&period) {
                        self.error(
                            file,
                            r.period.span(),
                            format!("`period = {period}` is out of range"),
                            Some(format!("write seconds from 1 to {MAX_GLOBAL_PERIOD}")),
                        );
                    }
                }
            }

            let binding = match (&r.binding, counter) {
                (Some(b), _) => {
                    if !valid_binding(b.get_ref()) {
                        self.error(
                            file,
                            b.span(),
                            format!("`{}` is not a binding name", b.get_ref()),
                            Some("write the `name` of the binding in wrangler.toml, e.g. `RATE_LIMIT_LOGIN` (letters, digits and `_`)".into()),
                        );
                    }
                    b.get_ref().clone()
                }
                (None, Counter::Global) => DEFAULT_GLOBAL_BINDING.to_string(),
                (None, Counter::Location) => {
                    self.error(
                        file,
                        r.id.span(),
                        format!("rule `{id}` names no Rate Limiting binding"),
                        Some(format!("add `binding = \"NAME\"` and declare it in wrangler.toml as `[[ratelimits]]` with `name = \"NAME\"` and `simple = {{ limit = {limit}, period = {period} }}`")),
                    );
                    String::new()
                }
            };
            if counter == Counter::Location && !binding.is_empty() {
                let here = self.location(file, &r.id.span());
                let span = r
                    .binding
                    .as_ref()
                    .map(|b| b.span())
                    .unwrap_or_else(|| r.id.span());
                match bindings.get(&binding) {
                    Some((l, p, at)) if (*l, *p) != (limit, period) => {
                        let (l, p, at) = (*l, *p, at.clone());
                        self.error(
                            file,
                            span,
                            format!("binding `{binding}` is used with two different limits"),
                            Some(format!("a Rate Limiting binding has one limit and period (set in wrangler.toml); {at} uses it for {l} per {p} s; declare another `[[ratelimits]]` binding for {limit} per {period} s")),
                        );
                    }
                    Some(_) => {}
                    None => {
                        bindings.insert(binding.clone(), (limit, period, here));
                    }
                }
            }

            let action = match &r.action {
                None => LimitAction::Block,
                Some(a) => LimitAction::parse(a.get_ref()).unwrap_or_else(|| {
                    self.error(
                        file,
                        a.span(),
                        format!("unknown action `{}`", a.get_ref()),
                        Some(one_of_hint(a.get_ref(), LimitAction::NAMES)),
                    );
                    LimitAction::Block
                }),
            };
            let status = match &r.status {
                None => 403,
                Some(s) => {
                    let v = *s.get_ref();
                    if action == LimitAction::LogOnly {
                        self.error(
                            file,
                            s.span(),
                            "`status` has no effect with `action = \"log_only\"`",
                            Some("a log-only limit never answers; remove `status`, or use `action = \"block\"`".into()),
                        );
                    }
                    if v == 403 || v == 429 {
                        v as u16
                    } else {
                        self.error(
                            file,
                            s.span(),
                            format!("`status = {v}` is not an answer a limit can give"),
                            Some("write `status = 403` (the default, the same 403 as every block) or `status = 429` (Too Many Requests, with Retry-After)".into()),
                        );
                        403
                    }
                }
            };
            let ipv6_prefix = match &r.ipv6_prefix {
                None => 64,
                Some(p) => {
                    let v = *p.get_ref();
                    if (32..=128).contains(&v) {
                        v as u8
                    } else {
                        self.error(
                            file,
                            p.span(),
                            format!("`ipv6_prefix = {v}` is out of range"),
                            Some("write a prefix length from 32 to 128; 64 (the default) counts one subscriber's network once".into()),
                        );
                        64
                    }
                }
            };
            out.rules.push(RateLimitRule {
                location: self.location(file, &r.id.span()),
                id,
                paths,
                methods,
                key,
                limit: u32::try_from(limit).unwrap_or(1),
                period: u32::try_from(period).unwrap_or(60),
                counter,
                binding,
                action,
                status,
                ipv6_prefix,
            });
        }
        out
    }

    fn limit_key(&mut self, file: FileIdx, key: &SpannedStr) -> KeySource {
        let text = key.get_ref().as_str();
        match text {
            "ip" => return KeySource::Ip,
            "path" => return KeySource::Path,
            "scope" => return KeySource::Scope,
            _ => {}
        }
        if let Some(name) = text.strip_prefix("header:") {
            if name.is_empty() || !name.bytes().all(is_token_byte) {
                self.error(
                    file,
                    key.span(),
                    format!("`{name}` in `key` is not a header name"),
                    Some("write `header:NAME` with a header name such as `X-Api-Key`".into()),
                );
            }
            return KeySource::Header(name.to_ascii_lowercase());
        }
        if let Some(path) = text.strip_prefix("claim:") {
            return match ClaimPath::parse(path) {
                Ok(p) => KeySource::Claim(p),
                Err((msg, help)) => {
                    self.error(file, key.span(), msg, help);
                    KeySource::Ip
                }
            };
        }
        let head = text.split(':').next().unwrap_or(text);
        let help = match closest(head, &["ip", "path", "scope", "header", "claim"]) {
            Some(c @ ("header" | "claim")) => format!("did you mean `{c}:NAME`? expected one of: `ip`, `header:NAME`, `claim:PATH`, `path`, `scope`"),
            Some(c) => format!("did you mean `{c}`? expected one of: `ip`, `header:NAME`, `claim:PATH`, `path`, `scope`"),
            None => "expected one of: `ip`, `header:NAME`, `claim:PATH`, `path`, `scope`".into(),
        };
        self.error(
            file,
            key.span(),
            format!("unknown `key` `{text}`"),
            Some(help),
        );
        KeySource::Ip
    }

    /// `methods` of a rule: method tokens, as sent (case-sensitive).
    pub(super) fn limit_methods(
        &mut self,
        file: FileIdx,
        list: Option<&Spanned<Vec<SpannedStr>>>,
    ) -> Vec<String> {
        let Some(list) = list else {
            return Vec::new();
        };
        if list.get_ref().is_empty() {
            self.error(
                file,
                list.span(),
                "`methods` is empty, so the rule can never match",
                Some(
                    "remove `methods` to cover every method, or list methods like `[\"POST\"]`"
                        .into(),
                ),
            );
        }
        let mut out = Vec::new();
        for m in list.get_ref() {
            let name = m.get_ref();
            if name.is_empty() || !name.bytes().all(is_token_byte) {
                self.error(
                    file,
                    m.span(),
                    format!("`{name}` is not a method name"),
                    Some("methods are tokens such as `GET` or `POST`, without spaces".into()),
                );
            } else if *name != name.to_ascii_uppercase() {
                self.error(
                    file,
                    m.span(),
                    format!("method `{name}` is not upper case"),
                    Some(format!(
                        "methods compare case-sensitively and clients send `{}`; write that",
                        name.to_ascii_uppercase()
                    )),
                );
            } else {
                out.push(name.clone());
            }
        }
        out
    }
}
