//! The tokenizing detectors (SQL injection, XSS, command injection, both
//! modes): any bytes; never a panic, and the strict command-injection mode
//! never flags what the full one does not.
#![no_main]

use edgewall_engine::waf::detect::{is_cmdi, is_cmdi_at_injection_points, is_sqli, is_xss};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = is_sqli(data);
    let _ = is_xss(data);
    let full = is_cmdi(data);
    let strict = is_cmdi_at_injection_points(data);
    assert!(
        strict.is_none() || full.is_some(),
        "strict mode flagged what the full one did not"
    );
});
