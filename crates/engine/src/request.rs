//! The engine's view of an HTTP request: what the Worker (or `edgewall
//! eval`) hands over, independent of any runtime's request type.
//!
//! Header names are compared case-insensitively; values are kept as sent.
//! The client address is the raw `CF-Connecting-IP` value: resolving it
//! (canonical form, trusted proxies) is policy, done in [`crate::client_ip`].

/// A request as the engine sees it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The method as sent (methods are case-sensitive).
    pub method: String,
    /// Request target: origin-form (`/p?q`) or absolute-form (`https://h/p?q`).
    pub url: String,
    /// Headers in arrival order; names as sent.
    pub headers: Vec<(String, String)>,
    /// The `CF-Connecting-IP` value, when there is one.
    pub connecting_ip: Option<String>,
    /// Two-letter country from the platform (`request.cf.country`), when known.
    pub country: Option<String>,
    /// Continent code from the platform (`request.cf.continent`).
    pub continent: Option<String>,
    /// Autonomous system number from the platform (`request.cf.asn`).
    pub asn: Option<u32>,
    /// The body, when the adapter read it; `None` for no body.
    pub body: Option<Vec<u8>>,
}

impl Request {
    /// A GET for `url` with no headers: for tests and benches.
    pub fn get(url: &str) -> Self {
        Request {
            method: "GET".into(),
            url: url.into(),
            ..Default::default()
        }
    }

    /// First value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a header, in order.
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}
