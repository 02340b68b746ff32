//! Rule loading: any bytes, as up to three rule files, load or fail with
//! diagnostics; never panic. What loads then evaluates a request.
#![no_main]

use edgewall_engine::{load, Request};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files: Vec<(String, String)> = data
        .split(|&b| b == 0xFF)
        .take(3)
        .enumerate()
        .map(|(i, part)| {
            (
                format!("rules/{i}0-fuzz.toml"),
                String::from_utf8_lossy(part).into_owned(),
            )
        })
        .collect();
    if let Ok(loaded) = load(&files) {
        let mut req = Request::get("/admin/x?q=1%27+or+1%3D1");
        req.connecting_ip = Some("192.0.2.1".into());
        req.headers
            .push(("origin".into(), "https://a.example".into()));
        let _ = loaded.policy.evaluate(&req);
    }
});
