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

    /// Does this target select `field`?
    pub fn selects(&self, field: &Field<'_>) -> bool {
        let p = field.part;
        match self {
            Target::Method => p == Part::Method,
            Target::Path => p == Part::Path,
            Target::PathRaw => p == Part::PathRaw,
            Target::PathSegments => p == Part::PathSegment,
            Target::QueryRaw => p == Part::QueryRaw,
            Target::Args => matches!(p, Part::QueryArgValue | Part::BodyArgValue),
            Target::ArgsNames => matches!(p, Part::QueryArgName | Part::BodyArgName),
            Target::QueryArgs => p == Part::QueryArgValue,
            Target::BodyArgs => p == Part::BodyArgValue,
            Target::Arg(n) => {
                matches!(p, Part::QueryArgValue | Part::BodyArgValue) && field.name == n.as_str()
            }
            Target::Headers => p == Part::HeaderValue,
            Target::ClientHeaders => {
                p == Part::HeaderValue
                    && FIXED_GRAMMAR_HEADERS
                        .binary_search(&field.name.as_ref())
                        .is_err()
            }
            Target::HeaderNames => p == Part::HeaderName,
            Target::Header(n) => p == Part::HeaderValue && field.name == n.as_str(),
            Target::Cookies => p == Part::CookieValue,
            Target::CookieNames => p == Part::CookieName,
            Target::Cookie(n) => p == Part::CookieValue && field.name == n.as_str(),
            Target::Files => p == Part::FileName,
            Target::FilesContent => p == Part::FileContent,
            Target::Body => p == Part::BodyRaw,
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
    use super::*;

    #[test]
    fn fixed_grammar_headers_are_sorted_lower_case() {
        assert!(FIXED_GRAMMAR_HEADERS.windows(2).all(|w| w[0] < w[1]));
        assert!(FIXED_GRAMMAR_HEADERS
            .iter()
            .all(|h| h.bytes().all(|b| !b.is_ascii_uppercase())));
    }

    #[test]
    fn every_name_parses() {
        for name in NAMES {
            let concrete = name.replace("NAME", "x");
            assert!(Target::parse(&concrete).is_some(), "{name}");
        }
    }
}
