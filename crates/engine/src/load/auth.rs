//! Loading `[auth]`: providers (issuer, audiences, algorithms, where the
//! keys come from) and rules (scope, provider, roles, permissions,
//! ownership), every conflict refused with a way to fix it. Unsigned
//! tokens and HS256 next to a key set are refused here, so no rule file
//! can open the door to `alg: none` or algorithm confusion.

use toml::de::DeValue;
use toml::Spanned;

use super::rate_limit::valid_binding;
use super::{FileIdx, Loader};
use crate::auth::claims::ClaimPath;
use crate::auth::jwt::{Alg, Verifier};
use crate::auth::owner::OwnerTemplate;
use crate::auth::{Auth, AuthRule, JwksSource, Owner, Provider, Requirement};
use crate::diagnostics::{closest, one_of_hint};
use crate::rules_file::{
    AuthProvider as RawProvider, AuthRule as RawRule, SpannedStr, AUTH_KEYS, AUTH_PROVIDER_KEYS,
    AUTH_RULE_KEYS,
};

const DEFAULT_LEEWAY: i64 = 60;
const MAX_LEEWAY: i64 = 300;
const DEFAULT_JWKS_TTL: i64 = 600;
const JWKS_TTL_RANGE: (i64, i64) = (60, 86_400);

#[derive(Debug, Default)]
pub(super) struct RawAuth {
    realm: Option<(FileIdx, SpannedStr)>,
    providers: Vec<(FileIdx, RawProvider)>,
    rules: Vec<(FileIdx, RawRule)>,
}

impl Loader<'_> {
    pub(super) fn read_auth(&mut self, file: FileIdx, value: Spanned<DeValue<'_>>) {
        let Some(table) = self.table(
            file,
            value,
            "auth",
            "write `[[auth.provider]]` and `[[auth.rule]]` tables",
        ) else {
            return;
        };
        for (key, value) in table {
            let key_span = key.span();
            match key.get_ref().as_ref() {
                "realm" => {
                    let Some(v) = self.de::<SpannedStr>(file, value, &[]) else {
                        continue;
                    };
                    if let Some((prev_file, prev)) = &self.auth.realm {
                        let at = self.location(*prev_file, &prev.span());
                        self.error(
                            file,
                            key_span,
                            "`auth.realm` is set twice",
                            Some(format!("it is already set at {at}; keep one")),
                        );
                    } else {
                        self.auth.realm = Some((file, v));
                    }
                }
                "provider" => {
                    let providers =
                        self.de_tables(file, value, "auth.provider", AUTH_PROVIDER_KEYS);
                    self.auth.providers.extend(providers);
                }
                "rule" => {
                    let rules = self.de_tables(file, value, "auth.rule", AUTH_RULE_KEYS);
                    self.auth.rules.extend(rules);
                }
                other => {
                    let other = other.to_string();
                    self.error(
                        file,
                        key_span,
                        format!("unknown key `{other}` in `[auth]`"),
                        Some(one_of_hint(&other, AUTH_KEYS)),
                    );
                }
            }
        }
    }

    pub(super) fn compile_auth(&mut self) -> Auth {
        let raw = std::mem::take(&mut self.auth);
        let mut auth = Auth::default();
        if let Some((file, realm)) = &raw.realm {
            let r = realm.get_ref();
            if r.is_empty()
                || r.len() > 64
                || !r
                    .bytes()
                    .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
            {
                self.error(
                    *file,
                    realm.span(),
                    format!("realm `{r}` cannot go in a WWW-Authenticate header"),
                    Some("write 1 to 64 printable ASCII characters without `\"` or `\\`, e.g. `realm = \"api\"`".into()),
                );
            } else {
                auth.realm = r.clone();
            }
        }
        for (file, p) in &raw.providers {
            if let Some(provider) = self.provider(*file, p) {
                auth.providers.push(provider);
            }
        }
        let names: Vec<String> = raw
            .providers
            .iter()
            .map(|(_, p)| p.id.get_ref().clone())
            .collect();
        for (file, r) in &raw.rules {
            let file = *file;
            let id = self.register_id(file, &r.id);
            let paths = self.path_patterns(file, r.paths.as_ref());
            let methods = self.limit_methods(file, r.methods.as_ref());
            let requirement = self.requirement(file, r, &id, &names, &auth.providers);
            auth.rules.push(AuthRule {
                location: self.location(file, &r.id.span()),
                id,
                paths,
                methods,
                requirement,
            });
        }
        auth
    }

    fn provider(&mut self, file: FileIdx, p: &RawProvider) -> Option<Provider> {
        let id = self.register_id(file, &p.id);
        if p.issuer.get_ref().is_empty() {
            self.error(
                file,
                p.issuer.span(),
                "`issuer` is empty",
                Some("write the exact `iss` your identity provider puts in its tokens, e.g. `https://auth.example.com/`".into()),
            );
        }
        if p.audiences.get_ref().is_empty() {
            self.error(
                file,
                p.audiences.span(),
                "`audiences` is empty, so no token could be accepted",
                Some("list the `aud` values meant for this site, e.g. `audiences = [\"https://api.example.com\"]`".into()),
            );
        }
        for a in p.audiences.get_ref() {
            if a.get_ref().is_empty() {
                self.error(
                    file,
                    a.span(),
                    "an audience is empty",
                    Some("remove it, or write the `aud` value".into()),
                );
            }
        }
        let secret = p.hs256_secret.as_ref().map(|s| {
            if !valid_binding(s.get_ref()) {
                self.error(
                    file,
                    s.span(),
                    "`hs256_secret` must name a secret binding, not hold a secret",
                    Some("store the secret with `wrangler secret put JWT_SECRET` and write `hs256_secret = \"JWT_SECRET\"`; never put a secret in a rule file".into()),
                );
            }
            s.get_ref().clone()
        });
        let jwks = p.jwks_url.as_ref().map(|u| {
            if let Err(why) = check_jwks_url(u.get_ref()) {
                self.error(
                    file,
                    u.span(),
                    format!("`jwks_url` {why}"),
                    Some("write the https URL of the issuer's key set, e.g. `https://auth.example.com/.well-known/jwks.json` (http only to 127.0.0.1 or localhost, for tests)".into()),
                );
            }
            u.get_ref().clone()
        });
        match (&p.hs256_secret, &p.jwks_url) {
            (Some(s), Some(_)) => self.error(
                file,
                s.span(),
                "`hs256_secret` and `jwks_url` cannot both be set",
                Some("a provider has one kind of key: a shared HS256 secret, or public RS256/ES256 keys from a key set; declare two providers if you need both".into()),
            ),
            (None, None) => self.error(
                file,
                p.id.span(),
                format!("provider `{id}` has no keys"),
                Some("add `jwks_url = \"https://…/jwks.json\"` (RS256, ES256) or `hs256_secret = \"BINDING\"` (HS256)".into()),
            ),
            _ => {}
        }
        let symmetric = p.hs256_secret.is_some();
        let algorithms = match &p.algorithms {
            None if symmetric => vec![Alg::Hs256],
            None => vec![Alg::Rs256, Alg::Es256],
            Some(list) => {
                if list.get_ref().is_empty() {
                    self.error(
                        file,
                        list.span(),
                        "`algorithms` is empty, so no token could be accepted",
                        Some("remove it for the default, or list e.g. `[\"RS256\"]`".into()),
                    );
                }
                let mut out = Vec::new();
                for a in list.get_ref() {
                    let name = a.get_ref();
                    match Alg::parse(name) {
                        Some(alg) => {
                            if (alg == Alg::Hs256) != symmetric
                                && (p.hs256_secret.is_some() || p.jwks_url.is_some())
                            {
                                let help = if symmetric {
                                    "an `hs256_secret` provider verifies HS256 only; for RS256/ES256 declare a provider with `jwks_url`"
                                } else {
                                    "HS256 with a key set is how algorithm-confusion attacks forge tokens (the public key used as an HMAC secret); for HS256 declare a provider with `hs256_secret`"
                                };
                                self.error(
                                    file,
                                    a.span(),
                                    format!("`{name}` does not go with this provider's keys"),
                                    Some(help.into()),
                                );
                            }
                            out.push(alg);
                        }
                        None if name.eq_ignore_ascii_case("none") => self.error(
                            file,
                            a.span(),
                            "`none` would accept unsigned tokens",
                            Some("edgewall never accepts unsigned tokens; remove it".into()),
                        ),
                        None => self.error(
                            file,
                            a.span(),
                            format!("unknown algorithm `{name}`"),
                            Some(one_of_hint(name, Alg::NAMES)),
                        ),
                    }
                }
                out
            }
        };
        let leeway = self.range(
            file,
            p.leeway.as_ref(),
            "leeway",
            DEFAULT_LEEWAY,
            (0, MAX_LEEWAY),
            "seconds of clock skew allowed on `exp` and `nbf`",
        );
        let ttl = self.range(
            file,
            p.jwks_cache_ttl.as_ref(),
            "jwks_cache_ttl",
            DEFAULT_JWKS_TTL,
            JWKS_TTL_RANGE,
            "seconds a fetched key set is used before it is fetched again",
        );
        if p.jwks_cache_ttl.is_some() && p.jwks_url.is_none() {
            if let Some(t) = &p.jwks_cache_ttl {
                self.error(
                    file,
                    t.span(),
                    "`jwks_cache_ttl` without `jwks_url`",
                    Some("remove it: only a fetched key set is cached".into()),
                );
            }
        }
        let roles_claim = self.claim(file, p.roles_claim.as_ref(), "roles");
        let permissions_claim = self.claim(file, p.permissions_claim.as_ref(), "permissions");
        Some(Provider {
            verifier: Verifier {
                provider: id.clone(),
                issuer: p.issuer.get_ref().clone(),
                audiences: p
                    .audiences
                    .get_ref()
                    .iter()
                    .map(|a| a.get_ref().clone())
                    .collect(),
                algorithms,
                secret_binding: secret,
                leeway,
            },
            id,
            jwks: jwks.map(|url| JwksSource {
                url,
                cache_ttl: u32::try_from(ttl).unwrap_or(600),
            }),
            roles_claim,
            permissions_claim,
        })
    }

    fn requirement(
        &mut self,
        file: FileIdx,
        r: &RawRule,
        id: &str,
        names: &[String],
        providers: &[Provider],
    ) -> Requirement {
        let public = r.public.as_ref().is_some_and(|p| *p.get_ref());
        if public {
            let conflicting = [
                ("provider", r.provider.as_ref().map(|v| v.span())),
                ("require_roles", r.require_roles.as_ref().map(|v| v.span())),
                (
                    "require_permissions",
                    r.require_permissions.as_ref().map(|v| v.span()),
                ),
                ("owner_path", r.owner_path.as_ref().map(|v| v.span())),
                ("owner_claim", r.owner_claim.as_ref().map(|v| v.span())),
                ("admin_roles", r.admin_roles.as_ref().map(|v| v.span())),
            ];
            for (key, span) in conflicting {
                if let Some(span) = span {
                    self.error(file, span, format!("`{key}` cannot go with `public = true`"), Some("a public rule lets requests through without a token; remove one of them".into()));
                }
            }
            return Requirement::Public;
        }
        let Some(pname) = &r.provider else {
            self.error(file, r.id.span(), format!("rule `{id}` names no provider"), Some("add `provider = \"ID\"` naming an `[[auth.provider]]`, or `public = true` for a scope that needs no token".into()));
            return Requirement::Public;
        };
        let index = providers.iter().position(|p| p.id == *pname.get_ref());
        let Some(provider) = index else {
            if !names.contains(pname.get_ref()) {
                let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                let help = match closest(pname.get_ref(), &refs) {
                    Some(c) => format!("did you mean `{c}`?"),
                    None => format!(
                        "declare it as an `[[auth.provider]]` with `id = \"{}\"`",
                        pname.get_ref()
                    ),
                };
                self.error(
                    file,
                    pname.span(),
                    format!("unknown provider `{}`", pname.get_ref()),
                    Some(help),
                );
            }
            return Requirement::Public;
        };
        let list = |l: &Option<Spanned<Vec<SpannedStr>>>| -> Vec<String> {
            l.as_ref()
                .map(|v| v.get_ref().iter().map(|s| s.get_ref().clone()).collect())
                .unwrap_or_default()
        };
        for (key, l) in [
            ("require_roles", &r.require_roles),
            ("require_permissions", &r.require_permissions),
            ("admin_roles", &r.admin_roles),
        ] {
            if let Some(v) = l {
                if v.get_ref().is_empty() {
                    self.error(
                        file,
                        v.span(),
                        format!("`{key}` is empty"),
                        Some(format!("remove `{key}`, or list names")),
                    );
                }
                for s in v.get_ref() {
                    if s.get_ref().is_empty() || s.get_ref().contains(' ') {
                        self.error(
                            file,
                            s.span(),
                            format!("`{}` in `{key}` is not a name", s.get_ref()),
                            Some("role and permission names have no spaces".into()),
                        );
                    }
                }
            }
        }
        let owner = match &r.owner_path {
            Some(t) => match OwnerTemplate::parse(t.get_ref()) {
                Ok(template) => Some(Owner {
                    template,
                    claim: self.claim(file, r.owner_claim.as_ref(), "sub"),
                    admin_roles: list(&r.admin_roles),
                }),
                Err((msg, help)) => {
                    self.error(file, t.span(), msg, help);
                    None
                }
            },
            None => {
                for (key, span) in [
                    ("owner_claim", r.owner_claim.as_ref().map(|v| v.span())),
                    ("admin_roles", r.admin_roles.as_ref().map(|v| v.span())),
                ] {
                    if let Some(span) = span {
                        self.error(
                            file,
                            span,
                            format!("`{key}` without `owner_path`"),
                            Some("add `owner_path = \"/users/{id}\"`, or remove it".into()),
                        );
                    }
                }
                None
            }
        };
        Requirement::Token {
            provider,
            any_role: list(&r.require_roles),
            all_permissions: list(&r.require_permissions),
            owner,
        }
    }

    fn claim(&mut self, file: FileIdx, v: Option<&SpannedStr>, default: &str) -> ClaimPath {
        let fallback = || ClaimPath::top(default);
        match v {
            None => fallback(),
            Some(v) => ClaimPath::parse(v.get_ref()).unwrap_or_else(|(msg, help)| {
                self.error(file, v.span(), msg, help);
                fallback()
            }),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn range(
        &mut self,
        file: FileIdx,
        v: Option<&Spanned<i64>>,
        key: &str,
        default: i64,
        (lo, hi): (i64, i64),
        what: &str,
    ) -> i64 {
        match v {
            None => default,
            Some(v) if (lo..=hi).contains(v.get_ref()) => *v.get_ref(),
            Some(v) => {
                self.error(
                    file,
                    v.span(),
                    format!("`{key} = {}` is out of range", v.get_ref()),
                    Some(format!(
                        "write {what}, from {lo} to {hi} (default {default})"
                    )),
                );
                default
            }
        }
    }
}

/// `https://HOST/…`, or `http://` to a loopback host (local tests).
fn check_jwks_url(url: &str) -> Result<(), &'static str> {
    let (scheme, rest) = url.split_once("://").ok_or("is not a URL")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') || url.contains(char::is_whitespace) {
        return Err("has no host, or has credentials or spaces");
    }
    match scheme {
        "https" => Ok(()),
        "http" => {
            let host = match authority.rsplit_once(':') {
                Some((h, p)) if p.bytes().all(|b| b.is_ascii_digit()) => h,
                _ => authority,
            };
            let host = host.trim_start_matches('[').trim_end_matches(']');
            let loopback = host == "localhost"
                || host
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback());
            if loopback {
                Ok(())
            } else {
                Err("is not https")
            }
        }
        _ => Err("is not https"),
    }
}
