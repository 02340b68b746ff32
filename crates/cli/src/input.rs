//! The JSON Lines request and decision formats of `edgewall eval`.
//!
//! Input, one object per line (unknown keys are errors, so a misspelt
//! `client_ip` cannot silently test the wrong thing):
//! `{"method":"GET","url":"/p?q=1","headers":{"name":"value"},"body":"…"|null,
//!   "client_ip":"192.0.2.1","country":"DE","continent":"EU","asn":3320,
//!   "id":"optional, echoed back"}`.
//! A header value may also be an array, for a header sent several times.
//!
//! Output: `{"action":"allow"|"block"|"preflight","status":N,"rule":"id"|null,"headers":{…}}`,
//! and, when rate-limit rules cover the request, `"rate_limits":[{"rule",
//! "key","counter","binding","limit","period"}]`: the counts the Worker
//! would make (`eval` cannot count; the decision assumes every count is
//! within its limit).
//! `headers` are the headers edgewall sets: on its own answer (403, 204), or,
//! for an allow, the CORS headers it adds to the origin's response (`vary`
//! is then merged with the origin's).

use std::collections::BTreeMap;

use anyhow::bail;
use edgewall_engine::{Decision, Request};
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvalInput {
    #[serde(default = "get")]
    pub method: String,
    pub url: String,
    #[serde(default)]
    pub headers: BTreeMap<String, HeaderValue>,
    #[serde(default)]
    pub body: Option<String>,
    /// What `CF-Connecting-IP` carries; when absent, a `cf-connecting-ip`
    /// entry in `headers` is used, as the Worker would.
    #[serde(default)]
    pub client_ip: Option<String>,
    /// What `request.cf.country` carries. Without it, the `[geo] database`
    /// places the client address, as in the Worker.
    #[serde(default)]
    pub country: Option<String>,
    /// What `request.cf.continent` carries.
    #[serde(default)]
    pub continent: Option<String>,
    /// What `request.cf.asn` carries.
    #[serde(default)]
    pub asn: Option<u32>,
    #[serde(default)]
    pub id: Option<Value>,
}

fn get() -> String {
    "GET".into()
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum HeaderValue {
    One(String),
    Many(Vec<String>),
}

impl EvalInput {
    pub fn from_flags(
        method: String,
        url: String,
        headers: &[String],
        ip: Option<String>,
        country: Option<String>,
    ) -> anyhow::Result<Self> {
        let mut map: BTreeMap<String, HeaderValue> = BTreeMap::new();
        for h in headers {
            let Some((name, value)) = h.split_once(':') else {
                bail!("header `{h}` is not `Name: value`");
            };
            let value = value.trim().to_string();
            match map.remove(name.trim()) {
                None => map.insert(name.trim().to_string(), HeaderValue::One(value)),
                Some(HeaderValue::One(v)) => {
                    map.insert(name.trim().to_string(), HeaderValue::Many(vec![v, value]))
                }
                Some(HeaderValue::Many(mut v)) => {
                    v.push(value);
                    map.insert(name.trim().to_string(), HeaderValue::Many(v))
                }
            };
        }
        Ok(EvalInput {
            method,
            url,
            headers: map,
            body: None,
            client_ip: ip,
            country,
            continent: None,
            asn: None,
            id: None,
        })
    }

    /// The engine request the Worker would build for the same HTTP request.
    pub fn into_request(self) -> Request {
        let mut headers = Vec::new();
        for (name, v) in self.headers {
            match v {
                HeaderValue::One(s) => headers.push((name, s)),
                HeaderValue::Many(list) => {
                    headers.extend(list.into_iter().map(|s| (name.clone(), s)))
                }
            }
        }
        let mut req = Request {
            method: self.method,
            url: self.url,
            headers,
            connecting_ip: None,
            country: self.country,
            continent: self.continent,
            asn: self.asn,
            body: self.body.map(String::into_bytes),
        };
        req.connecting_ip = self
            .client_ip
            .or_else(|| req.header("cf-connecting-ip").map(str::to_string));
        req
    }
}

pub fn decision_json(d: &Decision, id: Option<Value>) -> Value {
    let headers: serde_json::Map<String, Value> = d
        .response_headers()
        .into_iter()
        .map(|(k, v)| (k.to_string(), Value::String(v)))
        .collect();
    let mut v = json!({
        "action": d.action.as_str(),
        "status": d.status,
        "rule": d.rule,
        "headers": headers,
    });
    if let Some(obj) = v.as_object_mut() {
        // What the Worker would count (it counts; `eval` cannot): one entry
        // per covering rate-limit rule, with the key.
        if !d.rate_limits.is_empty() {
            obj.insert(
                "rate_limits".into(),
                serde_json::to_value(&d.rate_limits).unwrap_or_default(),
            );
        }
        if let Some(id) = id {
            obj.insert("id".into(), id);
        }
    }
    v
}
