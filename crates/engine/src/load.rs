//! Loading rule files into a [`Policy`]: the only place where anything can
//! fail.
//!
//! The loader is given every file of the rules directory as (path, text)
//! pairs; it does no I/O of its own, so the CLI reads them from disk and the
//! Worker's build embeds them. `*.toml` files are rule files, read in path
//! order; any other file must be referred to by an `[ip_lists.NAME] file`,
//! or it is reported (as a warning: nothing is skipped silently).
//!
//! Every problem is collected, not only the first: all syntax errors of a
//! file, every bad entry of every section, every dangling reference. A file
//! with a syntax error is not checked further, to avoid follow-on noise.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::acl::{AclAction, AclRule, IpAcl};
use crate::client_ip::ClientIpPolicy;
use crate::diagnostics::{
    closest, file_diag, one_of_hint, Diagnostic, LoadError, Severity, SourceFile,
};
use crate::ip::{parse_entry, Entry, IpSet};
use crate::path::PathPattern;
use crate::policy::{OnMissingIp, Policy};
use crate::rules_file::{
    ClientIpSection, CorsPolicy as RawCorsPolicy, GeoRule as RawGeoRule, IpAclRule, IpList,
    SpannedStr, CLIENT_IP_KEYS, IP_ACL_KEYS, IP_ACL_RULE_KEYS, IP_LIST_KEYS, TOP_LEVEL_KEYS,
};

/// A binary file of the rules directory: a geo database (`*.mmdb`), which
/// `[geo] database` refers to. The Worker embeds it (`Cow::Borrowed` from
/// `include_bytes!`, so it is never copied); the CLI reads it.
#[derive(Debug, Clone)]
pub struct DataFile {
    pub path: String,
    pub bytes: Cow<'static, [u8]>,
}

/// Is this file of the rules directory binary data rather than text?
pub fn is_data_file(path: &str) -> bool {
    path.ends_with(".mmdb")
}

/// How much to check binary data files at load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataCheck {
    /// Read every record of every database (tens of ms for a large one):
    /// the build and `edgewall check` do this.
    Full,
    /// Check headers only: the Worker, loading what its build already
    /// checked in full, at every cold start.
    HeadersOnly,
}

/// A policy that loaded, and the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub policy: Policy,
    pub warnings: Vec<Diagnostic>,
}

/// Load the rule files. `files` holds every file of the rules directory as
/// (path, contents); paths use `/` and are what diagnostics show.
pub fn load(files: &[(String, String)]) -> Result<Loaded, LoadError> {
    load_with_data(files, &[], DataCheck::Full)
}

/// [`load`], with the binary data files of the rules directory.
pub fn load_with_data(
    files: &[(String, String)],
    data: &[DataFile],
    check: DataCheck,
) -> Result<Loaded, LoadError> {
    let mut loader = Loader::new(files);
    loader.data = data;
    loader.data_check = check;
    loader.read_rule_files();
    let policy = loader.compile();
    loader.report_unreferenced();
    let (errors, warnings): (Vec<_>, Vec<_>) =
        loader.diags.into_iter().partition(Diagnostic::is_error);
    if errors.is_empty() {
        Ok(Loaded { policy, warnings })
    } else {
        let mut diagnostics = errors;
        diagnostics.extend(warnings);
        diagnostics.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        Err(LoadError { diagnostics })
    }
}

/// Which file (index into `Loader::sources`) a value came from.
type FileIdx = usize;

struct Loader<'a> {
    files: &'a [(String, String)],
    data: &'a [DataFile],
    data_check: DataCheck,
    sources: Vec<SourceFile<'a>>,
    diags: Vec<Diagnostic>,
    referenced: HashSet<&'a str>,
    client_ip: Option<(FileIdx, Range<usize>, ClientIpSection)>,
    acl_default: Option<(FileIdx, SpannedStr)>,
    acl_rules: Vec<(FileIdx, IpAclRule)>,
    /// Names of the lists some rule refers to.
    used_lists: HashSet<String>,
    lists: BTreeMap<String, (FileIdx, Range<usize>, IpList)>,
    cors_policies: Vec<(FileIdx, RawCorsPolicy)>,
    geo_default: Option<(FileIdx, SpannedStr)>,
    geo_database: Option<(FileIdx, SpannedStr)>,
    geo_rules: Vec<(FileIdx, RawGeoRule)>,
    waf: waf::RawWaf,
    rate_limit_rules: Vec<(FileIdx, crate::rules_file::RateLimitRule)>,
    auth: auth::RawAuth,
    /// Every rule id seen so far, with where: ids are unique across stages,
    /// so a log line's `rule` names one rule.
    ids: HashMap<String, String>,
}

impl<'a> Loader<'a> {
    fn new(files: &'a [(String, String)]) -> Self {
        let mut toml_files: Vec<&(String, String)> =
            files.iter().filter(|(p, _)| p.ends_with(".toml")).collect();
        toml_files.sort_by(|a, b| a.0.cmp(&b.0));
        Loader {
            files,
            data: &[],
            data_check: DataCheck::Full,
            sources: toml_files
                .into_iter()
                .map(|(p, t)| SourceFile::new(p, t))
                .collect(),
            diags: Vec::new(),
            referenced: HashSet::new(),
            client_ip: None,
            acl_default: None,
            acl_rules: Vec::new(),
            used_lists: HashSet::new(),
            lists: BTreeMap::new(),
            cors_policies: Vec::new(),
            geo_default: None,
            geo_database: None,
            geo_rules: Vec::new(),
            waf: waf::RawWaf::default(),
            rate_limit_rules: Vec::new(),
            auth: auth::RawAuth::default(),
            ids: HashMap::new(),
        }
    }

    fn error(
        &mut self,
        file: FileIdx,
        span: Range<usize>,
        msg: impl Into<String>,
        help: Option<String>,
    ) {
        let d = self.sources[file].error(span, msg, help);
        self.diags.push(d);
    }

    fn warn(
        &mut self,
        file: FileIdx,
        span: Range<usize>,
        msg: impl Into<String>,
        help: Option<String>,
    ) {
        let d = self.sources[file].diag(Severity::Warning, span, msg, help);
        self.diags.push(d);
    }

    fn location(&self, file: FileIdx, span: &Range<usize>) -> String {
        let (line, _) = self.sources[file].position(span.start);
        format!("{}:{line}", self.sources[file].name)
    }

    // ---- pass 1: parse every file into the raw model -------------------

    fn read_rule_files(&mut self) {
        if self.sources.is_empty() {
            self.diags.push(file_diag(
                Severity::Error,
                "rules",
                "no rule files (*.toml) found",
                Some(
                    "the rules directory needs at least one `.toml` file; see docs/rules.md".into(),
                ),
            ));
            return;
        }
        for idx in 0..self.sources.len() {
            let text = self.sources[idx].text;
            let (root, errors) = DeTable::parse_recoverable(text);
            if !errors.is_empty() {
                for e in errors {
                    let span = e.span().unwrap_or(0..0);
                    let msg = first_line(e.message());
                    self.error(idx, span, msg, Some(syntax_help(e.message())));
                }
                continue;
            }
            for (key, value) in root.into_inner() {
                let key_span = key.span();
                match key.get_ref().as_ref() {
                    "client_ip" => self.read_client_ip(idx, key_span, value),
                    "ip_acl" => self.read_ip_acl(idx, value),
                    "ip_lists" => self.read_ip_lists(idx, value),
                    "cors" => self.read_cors(idx, value),
                    "geo" => self.read_geo(idx, value),
                    "waf" => self.read_waf(idx, value),
                    "rate_limit" => self.read_rate_limit(idx, value),
                    "auth" => self.read_auth(idx, value),
                    other => {
                        let other = other.to_string();
                        self.error(
                            idx,
                            key_span,
                            format!("unknown top-level table `{other}`"),
                            Some(one_of_hint(&other, TOP_LEVEL_KEYS)),
                        );
                    }
                }
            }
        }
    }

    /// Deserialize one value into `T`, reporting a failure at its span.
    /// The tables of an array of tables `[[name]]`, each read as `T` with
    /// [`Loader::de`]; an error, and none, where `value` is not an array.
    fn de_tables<T: DeserializeOwned>(
        &mut self,
        file: FileIdx,
        value: Spanned<DeValue<'_>>,
        name: &str,
        keys: &[&str],
    ) -> Vec<(FileIdx, T)> {
        let span = value.span();
        let DeValue::Array(items) = value.into_inner() else {
            self.error(
                file,
                span,
                format!("`{name}` must be an array of tables"),
                Some(format!("write each as a `[[{name}]]` table")),
            );
            return Vec::new();
        };
        items
            .into_iter()
            .filter_map(|item| self.de(file, item, keys).map(|t| (file, t)))
            .collect()
    }

    fn de<T: DeserializeOwned>(
        &mut self,
        file: FileIdx,
        value: Spanned<DeValue<'_>>,
        keys: &[&str],
    ) -> Option<T> {
        let whole = value.span();
        match T::deserialize(value.into_deserializer()) {
            Ok(v) => Some(v),
            Err(e) => {
                let full = first_line(e.message());
                let help = unknown_field_help(&full, keys).or_else(|| type_help(&full));
                // The help lists the valid keys; keep serde's own list out of
                // the headline.
                let msg = match full.split_once(", expected one of") {
                    Some((head, _)) if full.starts_with("unknown field") => head.to_string(),
                    _ => full,
                };
                self.error(file, e.span().unwrap_or(whole), msg, help);
                None
            }
        }
    }

    fn read_client_ip(
        &mut self,
        file: FileIdx,
        key_span: Range<usize>,
        value: Spanned<DeValue<'_>>,
    ) {
        if let Some((prev_file, prev_span, _)) = &self.client_ip {
            let at = self.location(*prev_file, prev_span);
            self.error(
                file,
                key_span,
                "`[client_ip]` is set twice",
                Some(format!("it is already set at {at}; keep one")),
            );
            return;
        }
        if let Some(section) = self.de::<ClientIpSection>(file, value, CLIENT_IP_KEYS) {
            self.client_ip = Some((file, key_span, section));
        }
    }

    /// The table inside `value`, or an error saying how to write it.
    fn table<'v>(
        &mut self,
        file: FileIdx,
        value: Spanned<DeValue<'v>>,
        what: &str,
        help: &str,
    ) -> Option<DeTable<'v>> {
        let span = value.span();
        match value.into_inner() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.error(
                    file,
                    span,
                    format!("`{what}` must be a table"),
                    Some(help.into()),
                );
                None
            }
        }
    }

    fn read_ip_acl(&mut self, file: FileIdx, value: Spanned<DeValue<'_>>) {
        let Some(table) = self.table(
            file,
            value,
            "ip_acl",
            "write `[ip_acl]` with `default = \"allow\"` and `[[ip_acl.rule]]` entries",
        ) else {
            return;
        };
        for (key, value) in table {
            let key_span = key.span();
            match key.get_ref().as_ref() {
                "default" => {
                    let Some(v) = self.de::<SpannedStr>(file, value, &[]) else {
                        continue;
                    };
                    if let Some((prev_file, prev)) = &self.acl_default {
                        let at = self.location(*prev_file, &prev.span());
                        self.error(
                            file,
                            key_span,
                            "`ip_acl.default` is set twice",
                            Some(format!("it is already set at {at}; keep one")),
                        );
                    } else {
                        self.acl_default = Some((file, v));
                    }
                }
                "rule" => {
                    let rules =
                        self.de_tables::<IpAclRule>(file, value, "ip_acl.rule", IP_ACL_RULE_KEYS);
                    self.acl_rules.extend(rules);
                }
                other => {
                    let other = other.to_string();
                    self.error(
                        file,
                        key_span,
                        format!("unknown key `{other}` in `[ip_acl]`"),
                        Some(one_of_hint(&other, IP_ACL_KEYS)),
                    );
                }
            }
        }
    }

    fn read_ip_lists(&mut self, file: FileIdx, value: Spanned<DeValue<'_>>) {
        let Some(table) = self.table(
            file,
            value,
            "ip_lists",
            "write one `[ip_lists.NAME]` table per list, with `cidrs = [...]` or `file = \"...\"`",
        ) else {
            return;
        };
        for (key, value) in table {
            let key_span = key.span();
            let name = key.get_ref().to_string();
            if !valid_id(&name) {
                self.error(
                    file,
                    key_span.clone(),
                    format!("list name `{name}` is not a valid name"),
                    Some(ID_HELP.into()),
                );
            }
            if let Some((prev_file, prev_span, _)) = self.lists.get(&name) {
                let at = self.location(*prev_file, prev_span);
                self.error(
                    file,
                    key_span,
                    format!("list `{name}` is defined twice"),
                    Some(format!("it is already defined at {at}; rename one")),
                );
                continue;
            }
            if let Some(list) = self.de::<IpList>(file, value, IP_LIST_KEYS) {
                self.lists.insert(name, (file, key_span, list));
            }
        }
    }

    // ---- pass 2: check and compile ---------------------------------------

    fn compile(&mut self) -> Policy {
        let mut policy = Policy::default();
        if let Some((file, _, section)) = self.client_ip.take() {
            self.compile_client_ip(file, &section, &mut policy);
        }
        let lists = self.compile_lists();
        policy.ip_acl = self.compile_acl(&lists);
        self.report_unused_lists();
        policy.geo = self.compile_geo();
        policy.cors = self.compile_cors();
        policy.auth = self.compile_auth();
        policy.rate_limit = self.compile_rate_limit();
        policy.waf = self.compile_waf();
        policy
    }

    fn compile_client_ip(&mut self, file: FileIdx, s: &ClientIpSection, policy: &mut Policy) {
        if let Some(v) = &s.on_missing {
            match OnMissingIp::parse(v.get_ref()) {
                Some(a) => policy.on_missing_ip = a,
                None => self.error(
                    file,
                    v.span(),
                    format!("unknown `on_missing` value `{}`", v.get_ref()),
                    Some(one_of_hint(v.get_ref(), OnMissingIp::NAMES)),
                ),
            }
        }
        let entries = self.entries(file, &s.trusted_proxies);
        let mut cip = ClientIpPolicy {
            trusted_proxies: IpSet::from_entries(entries),
            ..ClientIpPolicy::default()
        };
        if let Some(h) = &s.forwarded_header {
            let name = h.get_ref();
            if name.is_empty() || !name.bytes().all(is_token_byte) {
                self.error(
                    file,
                    h.span(),
                    format!("`{name}` is not a valid header name"),
                    Some("write a header name such as `X-Forwarded-For` (no spaces, colons or quotes)".into()),
                );
            } else {
                cip.forwarded_header = name.to_ascii_lowercase();
            }
            if s.trusted_proxies.is_empty() {
                self.warn(file, h.span(), "`forwarded_header` has no effect without `trusted_proxies`", Some("list the networks of the proxies in front of edgewall in `trusted_proxies`".into()));
            }
        }
        policy.client_ip = cip;
    }

    fn compile_lists(&mut self) -> HashMap<String, IpSet> {
        let lists = std::mem::take(&mut self.lists);
        let mut out = HashMap::new();
        for (name, (file, key_span, list)) in &lists {
            let mut entries = self.entries(*file, &list.cidrs);
            if let Some(path) = &list.file {
                entries.extend(self.list_file(*file, path));
            } else if list.cidrs.is_empty() {
                self.error(
                    *file,
                    key_span.clone(),
                    format!("list `{name}` has no entries"),
                    Some("add `cidrs = [\"192.0.2.0/24\"]` or `file = \"lists/NAME.txt\"`".into()),
                );
            }
            out.insert(name.clone(), IpSet::from_entries(entries));
        }
        self.lists = lists;
        out
    }

    /// Entries of a list file: one per line, `#` starts a comment.
    fn list_file(&mut self, file: FileIdx, path: &SpannedStr) -> Vec<Entry> {
        let rel = path.get_ref();
        let Some(full) = resolve_relative(self.sources[file].name, rel) else {
            self.error(
                file,
                path.span(),
                format!("list file `{rel}` is outside the rules directory"),
                Some(
                    "use a path relative to this rule file, without `..`, e.g. `lists/office.txt`"
                        .into(),
                ),
            );
            return Vec::new();
        };
        let files = self.files;
        let Some((name, text)) = files.iter().find(|(p, _)| *p == full) else {
            let near: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
            let help = match closest(&full, &near) {
                Some(c) => format!("no such file `{full}`; did you mean `{c}`?"),
                None => format!("create `{full}` (one network per line), or fix the path"),
            };
            self.error(
                file,
                path.span(),
                format!("list file `{rel}` not found"),
                Some(help),
            );
            return Vec::new();
        };
        self.referenced.insert(name.as_str());
        let src = SourceFile::new(name, text);
        let mut out = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let content = line.split('#').next().unwrap_or("");
            let trimmed = content.trim();
            if !trimmed.is_empty() {
                let start = offset + (content.len() - content.trim_start().len());
                match parse_entry(trimmed) {
                    Ok(e) => out.push(e),
                    Err(e) => {
                        self.diags
                            .push(src.error(start..start + trimmed.len(), e.message, e.help))
                    }
                }
            }
            offset += line.len();
        }
        if out.is_empty() && !self.diags.iter().any(|d| d.file == *name) {
            self.error(
                file,
                path.span(),
                format!("list file `{rel}` has no entries"),
                Some("an empty list matches nothing; add networks or remove the list".into()),
            );
        }
        out
    }

    fn entries(&mut self, file: FileIdx, raw: &[SpannedStr]) -> Vec<Entry> {
        let mut out = Vec::with_capacity(raw.len());
        for r in raw {
            match parse_entry(r.get_ref()) {
                Ok(e) => out.push(e),
                Err(e) => self.error(file, r.span(), e.message, e.help),
            }
        }
        out
    }

    fn report_unused_lists(&mut self) {
        let lists = std::mem::take(&mut self.lists);
        for (name, (file, key_span, _)) in &lists {
            if !self.used_lists.contains(name) {
                self.warn(
                    *file,
                    key_span.clone(),
                    format!("list `{name}` is not used by any rule"),
                    Some(format!(
                        "refer to it with `lists = [\"{name}\"]` in a rule, or remove it"
                    )),
                );
            }
        }
        self.lists = lists;
    }

    fn compile_acl(&mut self, lists: &HashMap<String, IpSet>) -> IpAcl {
        let mut acl = IpAcl::default();
        let raw_rules = std::mem::take(&mut self.acl_rules);
        for (file, r) in &raw_rules {
            let file = *file;
            let id = self.register_id(file, &r.id);
            let action = match AclAction::parse(r.action.get_ref()) {
                Some(a) => a,
                None => {
                    self.error(
                        file,
                        r.action.span(),
                        format!("unknown action `{}`", r.action.get_ref()),
                        Some(one_of_hint(r.action.get_ref(), AclAction::NAMES)),
                    );
                    AclAction::Deny
                }
            };
            let paths = self.path_patterns(file, r.paths.as_ref());
            let entries = self.entries(file, &r.cidrs);
            let mut set = IpSet::from_entries(entries);
            for l in &r.lists {
                self.used_lists.insert(l.get_ref().clone());
                match lists.get(l.get_ref()) {
                    Some(s) => set = set.union(s),
                    None => {
                        let names: Vec<&str> = lists.keys().map(String::as_str).collect();
                        let help = match closest(l.get_ref(), &names) {
                            Some(c) => format!("did you mean `{c}`?"),
                            None => format!("define it as `[ip_lists.{}]`", l.get_ref()),
                        };
                        self.error(
                            file,
                            l.span(),
                            format!("unknown list `{}`", l.get_ref()),
                            Some(help),
                        );
                    }
                }
            }
            if r.lists.is_empty() && r.cidrs.is_empty() {
                self.error(file, r.id.span(), format!("rule `{id}` names no networks"), Some("add `cidrs = [\"192.0.2.0/24\"]`, `lists = [\"NAME\"]`, or `cidrs = [\"all\"]`".into()));
            }
            if set.covers_all_v4_only() && action == AclAction::Deny {
                self.warn(
                    file,
                    r.id.span(),
                    format!("rule `{id}` denies every IPv4 address but no IPv6 address"),
                    Some(
                        "IPv6 clients are not matched; add `::/0`, or write `all` for both".into(),
                    ),
                );
            }
            acl.rules.push(AclRule {
                id,
                action,
                paths,
                networks: set,
                location: self.location(file, &r.id.span()),
            });
        }
        match self.acl_default.take() {
            Some((file, d)) => match AclAction::parse(d.get_ref()) {
                Some(a) => acl.default = a,
                None => self.error(
                    file,
                    d.span(),
                    format!("unknown `default` value `{}`", d.get_ref()),
                    Some(one_of_hint(d.get_ref(), AclAction::NAMES)),
                ),
            },
            None => {
                if let Some((file, r)) = raw_rules.first() {
                    self.error(*file, r.id.span(), "`[ip_acl]` has rules but no `default`", Some("add `default = \"allow\"` or `default = \"deny\"` under `[ip_acl]`: the answer when no rule matches must be explicit".into()));
                }
            }
        }
        acl
    }

    /// Check a rule id (valid, not reserved, not used before) and remember it.
    fn register_id(&mut self, file: FileIdx, id: &SpannedStr) -> String {
        let name = id.get_ref().clone();
        if !valid_id(&name) {
            self.error(
                file,
                id.span(),
                format!("rule id `{name}` is not a valid id"),
                Some(ID_HELP.into()),
            );
        } else if RESERVED_IDS.contains(&name.as_str()) {
            self.error(
                file,
                id.span(),
                format!("rule id `{name}` is reserved"),
                Some("logs use it for a decision made by a default; choose another id".into()),
            );
        }
        let here = self.location(file, &id.span());
        if let Some(prev) = self.ids.insert(name.clone(), here) {
            self.error(
                file,
                id.span(),
                format!("duplicate rule id `{name}`"),
                Some(format!(
                    "`{name}` is already used at {prev}; ids must be unique"
                )),
            );
        }
        name
    }

    /// A rule's `paths`: every pattern checked; an empty list is an error.
    fn path_patterns(
        &mut self,
        file: FileIdx,
        paths: Option<&Spanned<Vec<SpannedStr>>>,
    ) -> Vec<PathPattern> {
        let mut out = Vec::new();
        let Some(p) = paths else {
            return out;
        };
        if p.get_ref().is_empty() {
            self.error(
                file,
                p.span(),
                "`paths` is empty, so the rule can never match",
                Some("remove `paths` to match every path, or list patterns like `/admin`".into()),
            );
        }
        for pat in p.get_ref() {
            match PathPattern::parse(pat.get_ref()) {
                Ok(pp) => out.push(pp),
                Err((msg, help)) => self.error(file, pat.span(), msg, help),
            }
        }
        out
    }

    fn report_unreferenced(&mut self) {
        for d in self.data {
            if !self.referenced.contains(d.path.as_str()) {
                self.diags.push(file_diag(
                    Severity::Warning,
                    &d.path,
                    "geo database is not used",
                    Some("refer to it with `[geo] database = \"...\"`, or move it out of the rules directory (it is embedded in the Worker and counts against its size)".into()),
                ));
            }
        }
        for (path, _) in self.files {
            if !path.ends_with(".toml") && !self.referenced.contains(path.as_str()) {
                self.diags.push(file_diag(
                    Severity::Warning,
                    path,
                    "file is not a rule file (`*.toml`) and no list refers to it",
                    Some("it is ignored; rename it to `.toml`, refer to it with `[ip_lists.NAME] file = ...`, or move it out of the rules directory".into()),
                ));
            }
        }
    }
}

/// Ids that logs and `eval` use for decisions made by a default, so no
/// rule may take them.
const RESERVED_IDS: &[&str] = &[
    "ip_acl.default",
    "client_ip.on_missing",
    "geo.default",
    "waf.body_limit",
];

const ID_HELP: &str = "ids and names start with a letter or digit and use only letters, digits, `-`, `_`, `.` and `:` (at most 64)";

fn valid_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'))
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// `rel` relative to the directory of `from`, or `None` when it would leave
/// the rules directory.
fn resolve_relative(from: &str, rel: &str) -> Option<String> {
    if rel.starts_with('/')
        || rel.contains('\\')
        || rel.split('/').any(|s| s == "..")
        || rel.is_empty()
    {
        return None;
    }
    let dir = from.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let rel = rel.trim_start_matches("./");
    Some(if dir.is_empty() {
        rel.to_string()
    } else {
        format!("{dir}/{rel}")
    })
}

fn first_line(msg: &str) -> String {
    msg.lines().next().unwrap_or(msg).trim().to_string()
}

fn syntax_help(msg: &str) -> String {
    if msg.contains("duplicate key") {
        "a key may appear once per table; for several rules use `[[ip_acl.rule]]` array tables"
            .into()
    } else if msg.contains("string") || msg.contains("quote") {
        "TOML strings are quoted: `action = \"deny\"`".into()
    } else {
        "this is not valid TOML; see https://toml.io for the syntax".into()
    }
}

fn unknown_field_help(msg: &str, keys: &[&str]) -> Option<String> {
    let rest = msg.strip_prefix("unknown field `")?;
    let field = rest.split('`').next()?;
    Some(one_of_hint(field, keys))
}

fn type_help(msg: &str) -> Option<String> {
    if msg.contains("missing field") {
        Some("add the missing key; docs/rules.md lists every key".into())
    } else if msg.starts_with("invalid type") {
        Some("see docs/rules.md for the type each key takes".into())
    } else {
        None
    }
}

mod auth;
mod cors;
mod geo;
mod rate_limit;
#[cfg(test)]
mod tests;
mod waf;
