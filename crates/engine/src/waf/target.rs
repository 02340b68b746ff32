//! Rule targets: which [fields](super::fields) of a request a WAF rule
//! looks at, as written in `targets = [...]` and in exclusions.

use super::fields::{Field, Part};

/// One entry of a rule's `targets`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Method,
    Path,
    PathRaw,
    /// Each segment of the path, decoded once.
    PathSegments,
    QueryRaw,
    /// Query and body argument values.
    Args,
    /// Query and body argument names.
    ArgsNames,
    QueryArgs,
    BodyArgs,
    /// One argument, query or body, by name (`arg:content`).
    Arg(String),
    /// Every header value.
    Headers,
    /// The values of the headers a client writes freely: every header but
    /// those in [`FIXED_GRAMMAR_HEADERS`].
    ClientHeaders,
    HeaderNames,
    /// One header, by name, any case (`header:user-agent`).
    Header(String),
    Cookies,
    CookieNames,
    /// One cookie, by name (`cookie:session`).
    Cookie(String),
    /// Multipart file names.
    Files,
    /// Uploaded file contents.
    FilesContent,
    /// The raw body of a request that is not a form, JSON or multipart.
    Body,
}

/// Headers left out of `client_headers`: their values are written by the
/// HTTP stack, the browser or Cloudflare in a fixed grammar, or are read
/// as something else (`Cookie` as `cookies`), or are credentials. Rules
/// that need one name it (`header:accept-language`); protocol anomalies
/// look at all of them. Sorted, for binary search.
pub const FIXED_GRAMMAR_HEADERS: &[&str] = &[
    "accept",
    "accept-charset",
    "accept-encoding",
    "accept-language",
    "authorization",
    "cache-control",
    "cdn-loop",
    "cf-connecting-ip",
    "cf-ipcountry",
    "cf-ray",
    "cf-visitor",
    "connection",
    "content-length",
    "content-type",
    "cookie",
    "dnt",
    "host",
    "if-match",
    "if-modified-since",
    "if-none-match",
    "if-range",
    "if-unmodified-since",
    "keep-alive",
    "pragma",
    "priority",
    "proxy-authorization",
    "range",
    "sec-ch-ua",
    "sec-ch-ua-mobile",
    "sec-ch-ua-platform",
    "sec-fetch-dest",
    "sec-fetch-mode",
    "sec-fetch-site",
    "sec-fetch-user",
    "sec-websocket-extensions",
    "sec-websocket-key",
    "sec-websocket-protocol",
    "sec-websocket-version",
    "te",
    "transfer-encoding",
    "upgrade",
    "upgrade-insecure-requests",
];

/// Target names, for "expected one of" hints and the schema.
pub const NAMES: &[&str] = &[
    "method",
    "path",
    "path_raw",
    "path_segments",
    "query_raw",
    "args",
    "args_names",
    "query_args",
    "body_args",
    "arg:NAME",
    "headers",
    "client_headers",
    "header_names",
    "header:NAME",
    "cookies",
    "cookie_names",
    "cookie:NAME",
    "files",
    "files_content",
    "body",
];

impl Target {
    pub fn parse(s: &str) -> Option<Target> {
        if let Some((kind, name)) = s.split_once(':') {
            if name.is_empty() {
                return None;
            }
            return match kind {
                "arg" => Some(Target::Arg(name.to_string())),
                "header" => Some(Target::Header(name.to_ascii_lowercase())),
                "cookie" => Some(Target::Cookie(name.to_string())),
                _ => None,
            };
        }
        Some(match s {
            "method" => Target::Method,
            "path" => Target::Path,
            "path_raw" => Target::PathRaw,
            "path_segments" => Target::PathSegments,
            "query_raw" => Target::QueryRaw,
            "args" => Target::Args,
            "args_names" => Target::ArgsNames,
            "query_args" => Target::QueryArgs,
            "body_args" => Target::BodyArgs,
            "headers" => Target::Headers,
            "client_headers" => Target::ClientHeaders,
            "header_names" => Target::HeaderNames,
            "cookies" => Target::Cookies,
            "cookie_names" => Target::CookieNames,
            "files" => Target::Files,
            "files_content" => Target::FilesContent,
            "body" => Target::Body,
            _ => return None,
        })
    }

    /// Does this target select `field`? Its part first ([`Target::may_select`]),
    /// then, for the targets that name one, its name.
    pub fn selects(&self, field: &Field<'_>) -> bool {
        self.may_select(field.part)
            && match self {
                Target::Arg(n) | Target::Header(n) | Target::Cookie(n) => field.name == n.as_str(),
                Target::ClientHeaders => FIXED_GRAMMAR_HEADERS
                    .binary_search(&field.name.as_ref())
                    .is_err(),
                _ => true,
            }
    }

    /// Does this target select every field of `part`, whatever its name?
    pub fn selects_every(&self, part: Part) -> bool {
        !matches!(
            self,
            Target::Arg(_) | Target::Header(_) | Target::Cookie(_) | Target::ClientHeaders
        ) && self.may_select(part)
    }

    /// Can this target select some field of `part` (whatever its name)?
    pub fn may_select(&self, part: Part) -> bool {
        use Part as P;
        match self {
            Target::Method => part == P::Method,
            Target::Path => part == P::Path,
            Target::PathRaw => part == P::PathRaw,
            Target::PathSegments => part == P::PathSegment,
            Target::QueryRaw => part == P::QueryRaw,
            Target::Args | Target::Arg(_) => matches!(part, P::QueryArgValue | P::BodyArgValue),
            Target::ArgsNames => matches!(part, P::QueryArgName | P::BodyArgName),
            Target::QueryArgs => part == P::QueryArgValue,
            Target::BodyArgs => part == P::BodyArgValue,
            Target::Headers | Target::ClientHeaders | Target::Header(_) => part == P::HeaderValue,
            Target::HeaderNames => part == P::HeaderName,
            Target::Cookies | Target::Cookie(_) => part == P::CookieValue,
            Target::CookieNames => part == P::CookieName,
            Target::Files => part == P::FileName,
            Target::FilesContent => part == P::FileContent,
            Target::Body => part == P::BodyRaw,
        }
    }
}

/// Where a match was, for the log: `args:q`, `header:user-agent`, `path`.
pub fn describe(field: &Field<'_>) -> String {
    let kind = match field.part {
        Part::Method => "method",
        Part::Path => "path",
        Part::PathRaw => "path_raw",
        Part::PathSegment => "path_segment",
        Part::QueryRaw => "query_raw",
        Part::QueryArgName => "query_arg_name",
        Part::QueryArgValue => "query_arg",
        Part::HeaderName => "header_name",
        Part::HeaderValue => "header",
        Part::CookieName => "cookie_name",
        Part::CookieValue => "cookie",
        Part::BodyArgName => "body_arg_name",
        Part::BodyArgValue => "body_arg",
        Part::FileName => "file",
        Part::FileContent => "file_content",
        Part::BodyRaw => "body",
    };
    if field.name.is_empty() {
        kind.to_string()
    } else {
        let name: String = field.name.chars().take(64).collect();
        format!("{kind}:{name}")
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    #[test]
    fn fixed_grammar_headers_are_sorted_lower_case() {
        assert!(FIXED_GRAMMAR_HEADERS.windows(2).all(|w| w[0] < w[1]));
        assert!(FIXED_GRAMMAR_HEADERS
            .iter()
            .all(|h| h.bytes().all(|b| !b.is_ascii_uppercase())));
    }

    #[test]
    fn may_select_covers_every_field_a_target_selects() {
        let targets = [
            "method",
            "path",
            "path_raw",
            "path_segments",
            "query_raw",
            "args",
            "args_names",
            "query_args",
            "body_args",
            "arg:q",
            "headers",
            "client_headers",
            "header_names",
            "header:referer",
            "cookies",
            "cookie_names",
            "cookie:sid",
            "files",
            "files_content",
            "body",
        ];
        for t in targets {
            let target = Target::parse(t);
            assert!(target.is_some(), "{t}");
            let Some(target) = target else { continue };
            for part in Part::ALL {
                for name in ["", "q", "referer", "sid", "accept", "x-custom"] {
                    let field = Field {
                        part,
                        name: Cow::Borrowed(name),
                        value: Cow::Borrowed(b"v"),
                    };
                    assert!(
                        !target.selects(&field) || target.may_select(part),
                        "{t} selects a {part:?} field that may_select rules out"
                    );
                    assert!(
                        !target.selects_every(part) || target.selects(&field),
                        "{t} is said to select every {part:?} field but not {name:?}"
                    );
                }
            }
        }
        for (i, part) in Part::ALL.iter().enumerate() {
            assert_eq!(*part as usize, i);
        }
    }

    #[test]
    fn every_name_parses() {
        for name in NAMES {
            let concrete = name.replace("NAME", "x");
            assert!(Target::parse(&concrete).is_some(), "{name}");
        }
    }
}
