//! The rule-file format as written by people: the serde model of one TOML
//! file, with the source span of every value that is checked after parsing.
//!
//! Every table rejects unknown keys (`deny_unknown_fields`): a misspelt key is
//! an error, never a silently ignored setting. Values with a closed set of
//! choices are kept as spanned strings here and checked in [`crate::load`],
//! which can then say "did you mean" and point at the value.
//!
//! The reference for every key is `docs/rules.md`; the JSON Schema for
//! editors is `schema/rules.schema.json`. A test keeps the key lists here and
//! in the schema the same.

use serde::Deserialize;
use toml::Spanned;

pub type SpannedStr = Spanned<String>;

/// Top-level tables a rule file may contain.
pub const TOP_LEVEL_KEYS: &[&str] = &[
    "client_ip",
    "ip_acl",
    "ip_lists",
    "geo",
    "cors",
    "auth",
    "rate_limit",
    "waf",
];

/// `[client_ip]`: where the client address comes from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientIpSection {
    /// `"block"` (default) or `"allow"`: what to do with a request that has
    /// no usable `CF-Connecting-IP`.
    pub on_missing: Option<SpannedStr>,
    /// Networks whose forwarded header is believed.
    #[serde(default)]
    pub trusted_proxies: Vec<SpannedStr>,
    /// Header read when the peer is a trusted proxy (default `X-Forwarded-For`).
    pub forwarded_header: Option<SpannedStr>,
}
pub const CLIENT_IP_KEYS: &[&str] = &["on_missing", "trusted_proxies", "forwarded_header"];

/// `[ip_acl]`: `default = "allow" | "deny"` and ordered `[[ip_acl.rule]]`
/// entries, first match wins. Walked by hand in `load` so that every rule
/// keeps its span and every bad rule is reported.
pub const IP_ACL_KEYS: &[&str] = &["default", "rule"];

/// `[[ip_acl.rule]]`: one allow or deny rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IpAclRule {
    pub id: SpannedStr,
    pub action: SpannedStr,
    #[serde(default)]
    pub description: Option<String>,
    /// Path patterns; absent means every path.
    pub paths: Option<Spanned<Vec<SpannedStr>>>,
    #[serde(default)]
    pub cidrs: Vec<SpannedStr>,
    #[serde(default)]
    pub lists: Vec<SpannedStr>,
}
pub const IP_ACL_RULE_KEYS: &[&str] = &["id", "action", "description", "paths", "cidrs", "lists"];

/// `[ip_lists.NAME]`: a named list of networks, inline or in a text file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IpList {
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub cidrs: Vec<SpannedStr>,
    /// A text file, relative to the rule file: one entry per line, `#` comments.
    pub file: Option<SpannedStr>,
}
pub const IP_LIST_KEYS: &[&str] = &["description", "cidrs", "file"];

/// `[cors]`: ordered `[[cors.policy]]` entries, the first whose paths match
/// covers a request.
pub const CORS_KEYS: &[&str] = &["policy"];

/// `[[cors.policy]]`: who may call a path scope from another origin.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorsPolicy {
    pub id: SpannedStr,
    #[serde(default)]
    pub description: Option<String>,
    /// Path patterns; absent means every path.
    pub paths: Option<Spanned<Vec<SpannedStr>>>,
    /// `https://app.example.com`, `https://*.example.com`, `null`, or `*`.
    #[serde(default)]
    pub allow_origins: Vec<SpannedStr>,
    /// Anchored regular expressions over the origin.
    #[serde(default)]
    pub allow_origin_regexes: Vec<SpannedStr>,
    /// Absent: `GET`, `HEAD`, `POST`.
    pub allow_methods: Option<Spanned<Vec<SpannedStr>>>,
    #[serde(default)]
    pub allow_headers: Vec<SpannedStr>,
    #[serde(default)]
    pub expose_headers: Vec<SpannedStr>,
    pub allow_credentials: Option<Spanned<bool>>,
    /// Seconds, 0..=86400.
    pub max_age: Option<Spanned<i64>>,
    #[serde(default)]
    pub allow_private_network: bool,
    /// `"block"` (default) or `"serve_without_cors"`.
    pub on_disallowed_origin: Option<SpannedStr>,
}
pub const CORS_POLICY_KEYS: &[&str] = &[
    "id",
    "description",
    "paths",
    "allow_origins",
    "allow_origin_regexes",
    "allow_methods",
    "allow_headers",
    "expose_headers",
    "allow_credentials",
    "max_age",
    "allow_private_network",
    "on_disallowed_origin",
];

/// `[geo]`: `default`, an optional `database`, and ordered `[[geo.rule]]`
/// entries, first match wins. Walked by hand in `load`, like `[ip_acl]`.
pub const GEO_KEYS: &[&str] = &["default", "database", "rule"];

/// `[[geo.rule]]`: allow or deny by where a request comes from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeoRule {
    pub id: SpannedStr,
    pub action: SpannedStr,
    #[serde(default)]
    pub description: Option<String>,
    /// Path patterns; absent means every path.
    pub paths: Option<Spanned<Vec<SpannedStr>>>,
    /// ISO 3166-1 alpha-2 codes, `T1` (Tor), `XX` (unknown).
    #[serde(default)]
    pub countries: Vec<SpannedStr>,
    /// `AF AN AS EU NA OC SA`.
    #[serde(default)]
    pub continents: Vec<SpannedStr>,
    #[serde(default)]
    pub asns: Vec<Spanned<i64>>,
    /// The 27 EU member states.
    pub eu: Option<Spanned<bool>>,
}
pub const GEO_RULE_KEYS: &[&str] = &[
    "id",
    "action",
    "description",
    "paths",
    "countries",
    "continents",
    "asns",
    "eu",
];

/// `[waf]`: settings, ordered `[[waf.rule]]` entries and
/// `[[waf.exclusion]]` entries. Walked by hand in `load`.
pub const WAF_KEYS: &[&str] = &[
    "mode",
    "paranoia_level",
    "anomaly_threshold",
    "block_on_critical",
    "body_limit",
    "on_body_over_limit",
    "rule",
    "exclusion",
];

/// `[[waf.rule]]`: one pattern rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WafRule {
    pub id: SpannedStr,
    #[serde(default)]
    pub description: Option<String>,
    /// `critical`, `error`, `warning`, `notice`.
    pub severity: SpannedStr,
    /// 1..=4; default 1.
    pub paranoia: Option<Spanned<i64>>,
    #[serde(default)]
    pub tags: Vec<SpannedStr>,
    #[serde(default)]
    pub targets: Vec<SpannedStr>,
    #[serde(default)]
    pub transforms: Vec<SpannedStr>,
    /// Operators: exactly one of these.
    pub regex: Option<SpannedStr>,
    pub phrases: Option<Spanned<Vec<SpannedStr>>>,
    pub detect: Option<SpannedStr>,
    pub anomaly: Option<SpannedStr>,
    /// `"log_only"`: report, never block.
    pub mode: Option<SpannedStr>,
}
pub const WAF_RULE_KEYS: &[&str] = &[
    "id",
    "description",
    "severity",
    "paranoia",
    "tags",
    "targets",
    "transforms",
    "regex",
    "phrases",
    "detect",
    "anomaly",
    "mode",
];

/// `[[waf.exclusion]]`: rules that do not apply to a scope, or to some
/// fields in it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WafExclusion {
    pub id: SpannedStr,
    #[serde(default)]
    pub description: Option<String>,
    pub paths: Option<Spanned<Vec<SpannedStr>>>,
    #[serde(default)]
    pub rules: Vec<SpannedStr>,
    #[serde(default)]
    pub tags: Vec<SpannedStr>,
    #[serde(default)]
    pub targets: Vec<SpannedStr>,
}
pub const WAF_EXCLUSION_KEYS: &[&str] = &["id", "description", "paths", "rules", "tags", "targets"];

/// `[rate_limit]`: `[[rate_limit.rule]]` entries; every rule that covers a
/// request counts it.
pub const RATE_LIMIT_KEYS: &[&str] = &["rule"];

/// `[[rate_limit.rule]]`: at most `limit` requests per `period` seconds,
/// per key.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitRule {
    pub id: SpannedStr,
    #[serde(default)]
    pub description: Option<String>,
    /// Path patterns; absent means every path.
    pub paths: Option<Spanned<Vec<SpannedStr>>>,
    /// Methods; absent means every method.
    pub methods: Option<Spanned<Vec<SpannedStr>>>,
    /// `ip`, `header:NAME`, `claim:PATH`, `path` or `scope`.
    pub key: SpannedStr,
    pub limit: Spanned<i64>,
    /// Seconds: 10 or 60 for `counter = "location"`, up to 86400 for `"global"`.
    pub period: Spanned<i64>,
    /// `"location"` (default: a Rate Limiting binding) or `"global"` (a
    /// Durable Object).
    pub counter: Option<SpannedStr>,
    /// The Worker binding that counts.
    pub binding: Option<SpannedStr>,
    /// `"block"` (default) or `"log_only"`.
    pub action: Option<SpannedStr>,
    /// 403 (default) or 429.
    pub status: Option<Spanned<i64>>,
    /// IPv6 clients are counted by their network of this many bits (default 64).
    pub ipv6_prefix: Option<Spanned<i64>>,
}
pub const RATE_LIMIT_RULE_KEYS: &[&str] = &[
    "id",
    "description",
    "paths",
    "methods",
    "key",
    "limit",
    "period",
    "counter",
    "binding",
    "action",
    "status",
    "ipv6_prefix",
];

/// `[auth]`: the realm, `[[auth.provider]]` issuers and ordered
/// `[[auth.rule]]` entries, first match wins. Walked by hand in `load`.
pub const AUTH_KEYS: &[&str] = &["realm", "provider", "rule"];

/// `[[auth.provider]]`: an issuer of tokens, and how to check them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthProvider {
    pub id: SpannedStr,
    #[serde(default)]
    pub description: Option<String>,
    /// The exact `iss`.
    pub issuer: SpannedStr,
    /// `aud` must hold one of these.
    pub audiences: Spanned<Vec<SpannedStr>>,
    /// `HS256`, `RS256`, `ES256`; default by key source.
    pub algorithms: Option<Spanned<Vec<SpannedStr>>>,
    /// The Worker binding (`wrangler secret put NAME`) of the HS256 secret.
    pub hs256_secret: Option<SpannedStr>,
    /// Where the RS256/ES256 public keys are.
    pub jwks_url: Option<SpannedStr>,
    /// Seconds a fetched key set is used (default 600).
    pub jwks_cache_ttl: Option<Spanned<i64>>,
    /// Seconds of clock skew on `exp`/`nbf` (default 60).
    pub leeway: Option<Spanned<i64>>,
    /// Default `roles`.
    pub roles_claim: Option<SpannedStr>,
    /// Default `permissions`.
    pub permissions_claim: Option<SpannedStr>,
}
pub const AUTH_PROVIDER_KEYS: &[&str] = &[
    "id",
    "description",
    "issuer",
    "audiences",
    "algorithms",
    "hs256_secret",
    "jwks_url",
    "jwks_cache_ttl",
    "leeway",
    "roles_claim",
    "permissions_claim",
];

/// `[[auth.rule]]`: what a path scope requires.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthRule {
    pub id: SpannedStr,
    #[serde(default)]
    pub description: Option<String>,
    pub paths: Option<Spanned<Vec<SpannedStr>>>,
    pub methods: Option<Spanned<Vec<SpannedStr>>>,
    /// The `[[auth.provider]]` id whose tokens are accepted.
    pub provider: Option<SpannedStr>,
    /// `true`: no token needed (an exception inside a protected scope).
    pub public: Option<Spanned<bool>>,
    /// At least one of these roles.
    pub require_roles: Option<Spanned<Vec<SpannedStr>>>,
    /// Every one of these permissions.
    pub require_permissions: Option<Spanned<Vec<SpannedStr>>>,
    /// `/users/{id}`: the segment must equal `owner_claim`.
    pub owner_path: Option<SpannedStr>,
    /// Default `sub`.
    pub owner_claim: Option<SpannedStr>,
    /// Roles that need not own.
    pub admin_roles: Option<Spanned<Vec<SpannedStr>>>,
}
pub const AUTH_RULE_KEYS: &[&str] = &[
    "id",
    "description",
    "paths",
    "methods",
    "provider",
    "public",
    "require_roles",
    "require_permissions",
    "owner_path",
    "owner_claim",
    "admin_roles",
];
