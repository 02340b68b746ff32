//! Ownership templates: `/users/{id}` names the path segment that must
//! equal a claim of the token (`sub` by default), so a user reaches
//! `/users/42/…` only with `sub == "42"`.
//!
//! A template is a path prefix on segment boundaries, like a path pattern
//! without `*`, in which exactly one whole segment is `{name}`. It is
//! parsed when the rules load; matching a normalised path cannot fail.

/// A parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerTemplate {
    pub text: String,
    /// Literal segments, and `None` for the parameter.
    segments: Vec<Option<String>>,
}

impl OwnerTemplate {
    /// `Err((message, help))` for anything but one `{name}` segment among
    /// literal ones.
    pub fn parse(text: &str) -> Result<OwnerTemplate, (String, Option<String>)> {
        let err = |why: &str| {
            Err((
                format!("owner path `{text}` {why}"),
                Some("write a path with one whole segment in braces, like `/users/{id}` or `/orgs/{org}/settings`".to_string()),
            ))
        };
        let Some(rest) = text.strip_prefix('/') else {
            return err("does not start with `/`");
        };
        if text.contains(['*', '?', '#', '%', '\\']) {
            return err("has `*`, `?`, `#`, `%` or `\\`");
        }
        let mut segments = Vec::new();
        let mut params = 0;
        for seg in rest.split('/') {
            if seg.is_empty() || seg == "." || seg == ".." {
                return err("is not normalised (an empty, `.` or `..` segment)");
            }
            if let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                {
                    return err("has a parameter whose name is not letters, digits and `_`");
                }
                params += 1;
                segments.push(None);
            } else if seg.contains(['{', '}']) {
                return err("has a parameter that is not a whole segment");
            } else {
                segments.push(Some(seg.to_string()));
            }
        }
        if params != 1 {
            return err(if params == 0 {
                "names no parameter"
            } else {
                "names more than one parameter"
            });
        }
        Ok(OwnerTemplate {
            text: text.to_string(),
            segments,
        })
    }

    /// The parameter's value in a normalised path, when the path is the
    /// template or below it.
    pub fn capture<'p>(&self, path: &'p str) -> Option<&'p str> {
        let mut parts = path.strip_prefix('/')?.split('/');
        let mut value = None;
        for seg in &self.segments {
            let part = parts.next()?;
            match seg {
                Some(lit) if lit == part => {}
                Some(_) => return None,
                None if part.is_empty() => return None,
                None => value = Some(part),
            }
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_the_segment_at_the_template_and_below() {
        let t = OwnerTemplate::parse("/users/{id}").unwrap();
        let cases = [
            ("/users/42", Some("42")),
            ("/users/42/", Some("42")),
            ("/users/42/orders/7", Some("42")),
            ("/users/", None),
            ("/users", None),
            ("/usersx/42", None),
            ("/admin/users/42", None),
        ];
        for (path, want) in cases {
            assert_eq!(t.capture(path), want, "{path}");
        }
        let t = OwnerTemplate::parse("/orgs/{org}/settings").unwrap();
        assert_eq!(t.capture("/orgs/acme/settings/x"), Some("acme"));
        assert_eq!(t.capture("/orgs/acme/billing"), None);
    }

    #[test]
    fn templates_without_exactly_one_whole_parameter_are_refused() {
        for bad in [
            "users/{id}",
            "/users",
            "/users/{id}/{x}",
            "/u{id}",
            "/users/{}",
            "/users/{i d}",
            "/users//{id}",
            "/users/*/{id}",
            "/a/../{id}",
        ] {
            assert!(OwnerTemplate::parse(bad).is_err(), "{bad}");
        }
    }
}
