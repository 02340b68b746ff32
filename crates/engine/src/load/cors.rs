//! Loading `[cors]`: every `[[cors.policy]]` checked for the known CORS
//! misconfigurations, each refused with a way to fix it.

use toml::de::DeValue;
use toml::Spanned;

use super::{FileIdx, Loader};
use crate::cors::headers::is_token;
use crate::cors::{
    AllowHeaders, AllowMethods, Cors, CorsPolicy, OnDisallowedOrigin, OriginPattern,
};
use crate::diagnostics::one_of_hint;
use crate::rules_file::{SpannedStr, CORS_KEYS, CORS_POLICY_KEYS};

/// Browsers cap `Access-Control-Max-Age` (Firefox at 86400 s, Chromium at
/// 7200 s); a larger value would only pretend.
const MAX_AGE_LIMIT: i64 = 86_400;

/// Methods the Fetch standard upper-cases itself; a lower-case one in a
/// rule file can never be requested.
const NORMALISED_METHODS: &[&str] = &["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];

impl Loader<'_> {
    pub(super) fn read_cors(&mut self, file: FileIdx, value: Spanned<DeValue<'_>>) {
        let Some(table) = self.table(
            file,
            value,
            "cors",
            "write each policy as a `[[cors.policy]]` table",
        ) else {
            return;
        };
        for (key, value) in table {
            let key_span = key.span();
            match key.get_ref().as_ref() {
                "policy" => {
                    let policies = self.de_tables(file, value, "cors.policy", CORS_POLICY_KEYS);
                    self.cors_policies.extend(policies);
                }
                other => {
                    let other = other.to_string();
                    self.error(
                        file,
                        key_span,
                        format!("unknown key `{other}` in `[cors]`"),
                        Some(one_of_hint(&other, CORS_KEYS)),
                    );
                }
            }
        }
    }

    pub(super) fn compile_cors(&mut self) -> Cors {
        let raw = std::mem::take(&mut self.cors_policies);
        let mut cors = Cors::default();
        for (file, r) in &raw {
            let file = *file;
            let id = self.register_id(file, &r.id);
            let paths = self.path_patterns(file, r.paths.as_ref());
            let credentials = r.allow_credentials.as_ref().is_some_and(|c| *c.get_ref());

            // Origins.
            let mut any_origin = false;
            let mut origins = Vec::new();
            let mut seen: Vec<&str> = Vec::new();
            for o in &r.allow_origins {
                let text = o.get_ref().as_str();
                if seen.contains(&text) {
                    self.warn(
                        file,
                        o.span(),
                        format!("origin `{text}` is listed twice"),
                        Some("remove one".into()),
                    );
                    continue;
                }
                seen.push(text);
                if text == "*" {
                    any_origin = true;
                    if let Some(c) = r.allow_credentials.as_ref().filter(|c| *c.get_ref()) {
                        let _ = c;
                        self.error(
                            file,
                            o.span(),
                            "`*` allows every origin, and cannot go with `allow_credentials = true`",
                            Some("browsers refuse `*` with credentials, and answering every origin with itself would let any site act as the user; list the origins".into()),
                        );
                    }
                    continue;
                }
                match OriginPattern::parse(text) {
                    Ok(p) => {
                        if matches!(p, OriginPattern::Null) && credentials {
                            self.warn(file, o.span(), "`null` with credentials lets any sandboxed iframe or local file act as the user", Some("every site can make a page whose origin is `null`; allow it only if you must".into()));
                        }
                        origins.push(p);
                    }
                    Err((msg, help)) => self.error(file, o.span(), msg, help),
                }
            }
            for o in &r.allow_origin_regexes {
                match OriginPattern::parse_regex(o.get_ref()) {
                    Ok(p) => origins.push(p),
                    Err((msg, help)) => self.error(file, o.span(), msg, help),
                }
            }
            if any_origin && (r.allow_origins.len() > 1 || !r.allow_origin_regexes.is_empty()) {
                self.error(
                    file,
                    r.id.span(),
                    format!("policy `{id}` lists `*` and other origins"),
                    Some(
                        "`*` already allows every origin; keep `*` alone or list the origins"
                            .into(),
                    ),
                );
            }
            if r.allow_origins.is_empty() && r.allow_origin_regexes.is_empty() {
                self.error(
                    file,
                    r.id.span(),
                    format!("policy `{id}` allows no origin"),
                    Some("add `allow_origins = [\"https://app.example.com\"]`".into()),
                );
            }

            let methods = match &r.allow_methods {
                None => AllowMethods::default(),
                Some(list) => self.methods(file, list),
            };
            let (any_header, header_names) = self.names(file, &r.allow_headers, "allow_headers");
            let (any_expose, mut expose) = self.names(file, &r.expose_headers, "expose_headers");
            if any_expose {
                if credentials {
                    let at = r
                        .expose_headers
                        .iter()
                        .find(|h| h.get_ref() == "*")
                        .map(|h| h.span())
                        .unwrap_or_else(|| r.id.span());
                    self.error(
                        file,
                        at,
                        "`*` in `expose_headers` does not work with credentials",
                        Some("with credentials, browsers read `*` as a header named `*`; list the header names".into()),
                    );
                }
                expose = vec!["*".into()];
            }
            let max_age = r.max_age.as_ref().and_then(|m| {
                let v = *m.get_ref();
                if (0..=MAX_AGE_LIMIT).contains(&v) {
                    u32::try_from(v).ok()
                } else {
                    self.error(
                        file,
                        m.span(),
                        format!("`max_age = {v}` is out of range"),
                        Some(format!("write seconds from 0 to {MAX_AGE_LIMIT}; browsers cap it (Firefox at 86400, Chromium at 7200)")),
                    );
                    None
                }
            });
            let on_disallowed_origin = match &r.on_disallowed_origin {
                None => OnDisallowedOrigin::Block,
                Some(v) => OnDisallowedOrigin::parse(v.get_ref()).unwrap_or_else(|| {
                    self.error(
                        file,
                        v.span(),
                        format!("unknown `on_disallowed_origin` value `{}`", v.get_ref()),
                        Some(one_of_hint(v.get_ref(), OnDisallowedOrigin::NAMES)),
                    );
                    OnDisallowedOrigin::Block
                }),
            };
            cors.policies.push(CorsPolicy {
                location: self.location(file, &r.id.span()),
                id,
                paths,
                any_origin,
                origins,
                methods,
                headers: AllowHeaders {
                    any: any_header,
                    names: header_names,
                },
                expose_headers: expose,
                credentials,
                max_age,
                private_network: r.allow_private_network,
                on_disallowed_origin,
            });
        }
        cors
    }

    fn methods(&mut self, file: FileIdx, list: &Spanned<Vec<SpannedStr>>) -> AllowMethods {
        let mut m = AllowMethods {
            any: false,
            names: Vec::new(),
        };
        if list.get_ref().is_empty() {
            self.error(
                file,
                list.span(),
                "`allow_methods` is empty, so no preflight can pass",
                Some("remove it for the default `GET`, `HEAD`, `POST`, or list methods like `[\"GET\", \"PUT\"]`".into()),
            );
        }
        for v in list.get_ref() {
            let name = v.get_ref();
            if name == "*" {
                m.any = true;
            } else if !is_token(name) {
                self.error(
                    file,
                    v.span(),
                    format!("`{name}` is not a method name"),
                    Some("methods are tokens such as `GET` or `PATCH`, without spaces".into()),
                );
            } else {
                let upper = name.to_ascii_uppercase();
                if *name != upper
                    && (NORMALISED_METHODS.contains(&upper.as_str()) || upper == "PATCH")
                {
                    self.warn(
                        file,
                        v.span(),
                        format!("method `{name}` is not `{upper}`"),
                        Some(format!("methods compare case-sensitively, and browsers send `{upper}`; write `{upper}`")),
                    );
                }
                if m.names.contains(name) {
                    self.warn(
                        file,
                        v.span(),
                        format!("method `{name}` is listed twice"),
                        Some("remove one".into()),
                    );
                } else {
                    m.names.push(name.clone());
                }
            }
        }
        if m.any && list.get_ref().len() > 1 {
            self.error(
                file,
                list.span(),
                "`allow_methods` lists `*` and other methods",
                Some("`*` already allows every method; keep `*` alone or list the methods".into()),
            );
        }
        m
    }

    /// Header names of `allow_headers` / `expose_headers`, lower-cased, and
    /// whether `*` is among them.
    fn names(&mut self, file: FileIdx, list: &[SpannedStr], key: &str) -> (bool, Vec<String>) {
        let mut any = false;
        let mut out: Vec<String> = Vec::new();
        for v in list {
            let name = v.get_ref();
            if name == "*" {
                any = true;
            } else if !is_token(name) {
                self.error(
                    file,
                    v.span(),
                    format!("`{name}` in `{key}` is not a header name"),
                    Some(
                        "write a header name such as `X-Request-Id` (no spaces, colons or commas)"
                            .into(),
                    ),
                );
            } else {
                let lower = name.to_ascii_lowercase();
                if out.contains(&lower) {
                    self.warn(
                        file,
                        v.span(),
                        format!("header `{name}` is listed twice in `{key}`"),
                        Some("header names compare without case; remove one".into()),
                    );
                } else {
                    out.push(lower);
                }
            }
        }
        (any, out)
    }
}
