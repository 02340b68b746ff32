//! The body readers (JSON, multipart, urlencoded, and field extraction by
//! content type): any bytes, any boundary; never a panic, and no field
//! more than three times its input (U+FFFD for invalid UTF-8 in JSON).
#![no_main]

use edgewall_engine::path::target_path;
use edgewall_engine::waf::body;
use edgewall_engine::waf::fields::Fields;
use edgewall_engine::Request;
use libfuzzer_sys::fuzz_target;

const TYPES: &[&str] = &[
    "application/json",
    "multipart/form-data; boundary=XyZ",
    "multipart/form-data; boundary=\"a; b\"",
    "application/x-www-form-urlencoded",
    "text/xml; charset=utf-7",
    "multipart/form-data",
    "application/vnd.api+json",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let _ = body::json(bytes);
    let _ = body::multipart(bytes, "XyZ");
    let content_type = TYPES[usize::from(selector) % TYPES.len()];
    let req = Request {
        method: "POST".into(),
        url: "/form?a=%zz&b=%u0041&%00=1".into(),
        headers: vec![("content-type".into(), content_type.into())],
        body: Some(bytes.to_vec()),
        ..Default::default()
    };
    let limit = 64 + usize::from(selector) * 16;
    // The normalised path, as the policy hands it to the WAF.
    let path = target_path(&req.url);
    let fields = Fields::extract(&req, &path, limit);
    // Invalid UTF-8 in JSON text becomes U+FFFD (3 bytes per byte): a
    // bounded growth, never more.
    for f in &fields.fields {
        assert!(
            f.value.len() <= 3 * bytes.len() + 256,
            "a field far longer than its input"
        );
    }
});
