//! Loading `[geo]`: the default, the database (checked here, so a lookup
//! can never fail), and every `[[geo.rule]]` with its codes checked against
//! the ISO 3166-1 table.

use std::sync::Arc;

use toml::de::DeValue;
use toml::Spanned;

use super::{resolve_relative, DataCheck, FileIdx, Loader};
use crate::diagnostics::{closest, one_of_hint};
use crate::geo::{Continent, Country, GeoAction, GeoDb, GeoRule, GeoRules};
use crate::rules_file::{SpannedStr, GEO_KEYS, GEO_RULE_KEYS};

impl Loader<'_> {
    pub(super) fn read_geo(&mut self, file: FileIdx, value: Spanned<DeValue<'_>>) {
        let Some(table) = self.table(
            file,
            value,
            "geo",
            "write `[geo]` with `default = \"allow\"` and `[[geo.rule]]` entries",
        ) else {
            return;
        };
        for (key, value) in table {
            let key_span = key.span();
            match key.get_ref().as_ref() {
                k @ ("default" | "database") => {
                    let k = k.to_string();
                    let Some(v) = self.de::<SpannedStr>(file, value, &[]) else {
                        continue;
                    };
                    let slot = if k == "default" {
                        &self.geo_default
                    } else {
                        &self.geo_database
                    };
                    if let Some((prev_file, prev)) = slot {
                        let at = self.location(*prev_file, &prev.span());
                        self.error(
                            file,
                            key_span,
                            format!("`geo.{k}` is set twice"),
                            Some(format!("it is already set at {at}; keep one")),
                        );
                    } else if k == "default" {
                        self.geo_default = Some((file, v));
                    } else {
                        self.geo_database = Some((file, v));
                    }
                }
                "rule" => {
                    let rules = self.de_tables(file, value, "geo.rule", GEO_RULE_KEYS);
                    self.geo_rules.extend(rules);
                }
                other => {
                    let other = other.to_string();
                    self.error(
                        file,
                        key_span,
                        format!("unknown key `{other}` in `[geo]`"),
                        Some(one_of_hint(&other, GEO_KEYS)),
                    );
                }
            }
        }
    }

    pub(super) fn compile_geo(&mut self) -> GeoRules {
        let mut geo = GeoRules::default();
        let raw = std::mem::take(&mut self.geo_rules);
        for (file, r) in &raw {
            let file = *file;
            let id = self.register_id(file, &r.id);
            let action = GeoAction::parse(r.action.get_ref()).unwrap_or_else(|| {
                self.error(
                    file,
                    r.action.span(),
                    format!("unknown action `{}`", r.action.get_ref()),
                    Some(one_of_hint(r.action.get_ref(), GeoAction::NAMES)),
                );
                GeoAction::Deny
            });
            let paths = self.path_patterns(file, r.paths.as_ref());
            let mut countries = Vec::new();
            let everywhere = r.countries.iter().any(|c| c.get_ref() == "*");
            if everywhere && r.countries.len() > 1 {
                self.error(
                    file,
                    r.id.span(),
                    format!("rule `{id}` lists `*` and other countries"),
                    Some("`*` already matches every location; keep `*` alone".into()),
                );
            }
            for c in r.countries.iter().filter(|c| c.get_ref() != "*") {
                match c.get_ref().parse::<Country>() {
                    Ok(country) if countries.contains(&country) => self.warn(
                        file,
                        c.span(),
                        format!("country `{country}` is listed twice"),
                        Some("remove one".into()),
                    ),
                    Ok(country) => countries.push(country),
                    Err(e) => {
                        let help = if c.get_ref().eq_ignore_ascii_case("EU") {
                            Some("the European Union is not a country: write `eu = true` for its 27 member states, or `continents = [\"EU\"]` for Europe".into())
                        } else {
                            e.help
                        };
                        self.error(file, c.span(), e.message, help)
                    }
                }
            }
            let mut continents = Vec::new();
            for c in &r.continents {
                match Continent::parse(c.get_ref()) {
                    Some(k) if !continents.contains(&k) => continents.push(k),
                    Some(_) => self.warn(
                        file,
                        c.span(),
                        format!("continent `{}` is listed twice", c.get_ref()),
                        Some("remove one".into()),
                    ),
                    None => {
                        let codes: Vec<&str> = Continent::ALL.iter().map(|k| k.code()).collect();
                        let upper = c.get_ref().to_ascii_uppercase();
                        let help = if codes.contains(&upper.as_str()) {
                            format!("continent codes are upper case: write `{upper}`")
                        } else {
                            format!(
                                "{}{}",
                                one_of_hint(c.get_ref(), &codes),
                                " (AF Africa, AN Antarctica, AS Asia, EU Europe, NA North America, OC Oceania, SA South America)"
                            )
                        };
                        self.error(
                            file,
                            c.span(),
                            format!("unknown continent `{}`", c.get_ref()),
                            Some(help),
                        );
                    }
                }
            }
            let mut asns = Vec::new();
            for a in &r.asns {
                match u32::try_from(*a.get_ref()) {
                    Ok(n) if n > 0 => asns.push(n),
                    _ => self.error(
                        file,
                        a.span(),
                        format!("`{}` is not an AS number", a.get_ref()),
                        Some("AS numbers are integers from 1 to 4294967295, written without `AS`: `asns = [64496]`".into()),
                    ),
                }
            }
            let eu = r.eu.as_ref().is_some_and(|e| *e.get_ref());
            // On the lists as written: a rule whose only entries were typos
            // already has its errors.
            if r.countries.is_empty() && r.continents.is_empty() && r.asns.is_empty() && !eu {
                self.error(
                    file,
                    r.id.span(),
                    format!("rule `{id}` names no location"),
                    Some("add `countries = [\"DE\"]`, `continents = [\"EU\"]`, `asns = [64496]`, `eu = true`, or `countries = [\"*\"]` for every location".into()),
                );
            }
            geo.rules.push(GeoRule {
                location: self.location(file, &r.id.span()),
                id,
                action,
                paths,
                countries,
                continents,
                asns,
                eu,
                everywhere,
            });
        }
        match self.geo_default.take() {
            Some((file, d)) => match GeoAction::parse(d.get_ref()) {
                Some(a) => geo.default = a,
                None => self.error(
                    file,
                    d.span(),
                    format!("unknown `default` value `{}`", d.get_ref()),
                    Some(one_of_hint(d.get_ref(), GeoAction::NAMES)),
                ),
            },
            None => {
                if let Some((file, r)) = raw.first() {
                    self.error(*file, r.id.span(), "`[geo]` has rules but no `default`", Some("add `default = \"allow\"` (deny-list) or `default = \"deny\"` (allow-list) under `[geo]`: the answer for every other location must be explicit".into()));
                }
            }
        }
        if let Some((file, path)) = self.geo_database.take() {
            if let Some((name, db)) = self.geo_database_file(file, &path) {
                geo.database = Some(Arc::new(db));
                geo.database_path = Some(name);
            }
        }
        geo
    }

    /// The database `path` names, loaded and checked.
    fn geo_database_file(&mut self, file: FileIdx, path: &SpannedStr) -> Option<(String, GeoDb)> {
        let rel = path.get_ref();
        let Some(full) = resolve_relative(self.sources[file].name, rel) else {
            self.error(
                file,
                path.span(),
                format!("database `{rel}` is outside the rules directory"),
                Some("use a path relative to this rule file, without `..`, e.g. `geo/countries.mmdb`".into()),
            );
            return None;
        };
        if !super::is_data_file(&full) {
            self.error(
                file,
                path.span(),
                format!("database `{rel}` is not a `.mmdb` file"),
                Some("geo databases are MaxMind DB files, named `*.mmdb`".into()),
            );
            return None;
        }
        let data = self.data;
        let Some(found) = data.iter().find(|d| d.path == full) else {
            let near: Vec<&str> = data.iter().map(|d| d.path.as_str()).collect();
            let help = match closest(&full, &near) {
                Some(c) => format!("no such file `{full}`; did you mean `{c}`?"),
                None => format!("put a MaxMind DB file at `{full}`, or fix the path"),
            };
            self.error(
                file,
                path.span(),
                format!("database `{rel}` not found"),
                Some(help),
            );
            return None;
        };
        self.referenced.insert(found.path.as_str());
        let db = match &found.bytes {
            std::borrow::Cow::Borrowed(b) => GeoDb::from_static(b),
            std::borrow::Cow::Owned(v) => GeoDb::from_bytes(v.clone()),
        };
        let checked = db.and_then(|db| match self.data_check {
            DataCheck::Full => db.verify().map(|_| db),
            DataCheck::HeadersOnly => Ok(db),
        });
        match checked {
            Ok(db) => Some((found.path.clone(), db)),
            Err(e) => {
                self.error(
                    file,
                    path.span(),
                    format!("database `{rel}` cannot be used: {e}"),
                    Some("use a MaxMind DB (`.mmdb`) with country or ASN records, such as GeoLite2-Country or an ip-location-db country file".into()),
                );
                None
            }
        }
    }
}
