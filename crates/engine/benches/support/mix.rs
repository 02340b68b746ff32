//! The request mix of the load benchmark, defined once: the engine-alone
//! benchmarks time it natively (`benches/waf.rs`) and in wasm
//! (`crates/wasm-bench`), and `examples/load_mix.rs` prints it as JSON for
//! `scripts/bench/runtime.mjs`, which sends it to the Workers with wrk.
//!
//! 2,000 requests from 100 clients: 60% GETs of pages, assets and
//! searches, 20% JSON POSTs (0.3 to 4 KB), 15% form POSTs, 5% attacks
//! that the default rules block. Each client keeps its browser headers and
//! cookie; paths, query values and bodies are new in every request.

use edgewall_engine::Request;

const UAS: [&str; 5] = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
];
const LANGS: [&str; 4] = [
    "en-GB,en;q=0.9,de;q=0.8",
    "en-US,en;q=0.9",
    "de-DE,de;q=0.9,en;q=0.8",
    "fr-FR,fr;q=0.9",
];
const WORDS: [&str; 12] = [
    "running", "shoes", "trail", "winter", "jacket", "blue", "wool", "socks", "kids", "sale",
    "leather", "boots",
];
const NOTES: [&str; 8] = [
    "gift wrap, please - it's for O'Brien",
    "leave at the back door (not the garage)",
    "call before delivery; dog in yard",
    "size runs small? order one up",
    "same as last time & no plastic bags",
    "deliver after 5pm, thanks!",
    "the blue one, not the green",
    "ref #A-1234/56 from the catalogue",
];
const ATTACKS: [&str; 4] = [
    "/search?q=1%27%20UNION%20SELECT%20username,password%20FROM%20users--",
    "/search?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E",
    "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/product/4711?ref=x;cat%20/etc/passwd",
];

/// JavaScript's `(n * 2654435761) >>> 0`: a 32-bit multiplicative hash.
fn knuth(n: u32) -> u32 {
    n.wrapping_mul(2_654_435_761)
}

/// Client `c`'s headers: the same on each of its requests.
fn browser(c: u32, referer: &str) -> Vec<(String, String)> {
    let hex = |n: u32| format!("{:08x}", knuth(n));
    fn pick(list: &[&'static str], i: u32) -> &'static str {
        list.get(i as usize % list.len()).copied().unwrap_or("")
    }
    vec![
        ("host".into(), "shop.example.com".into()),
        ("user-agent".into(), pick(&UAS, c).into()),
        (
            "accept".into(),
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8".into(),
        ),
        ("accept-language".into(), pick(&LANGS, c).into()),
        ("accept-encoding".into(), "gzip, deflate, br".into()),
        (
            "referer".into(),
            format!("https://shop.example.com{referer}"),
        ),
        (
            "cookie".into(),
            format!(
                "session={}{}{}{}; theme={}; consent=analytics%3Dfalse",
                hex(c),
                hex(c + 7),
                hex(c + 13),
                hex(c + 29),
                if !c.is_multiple_of(3) {
                    "dark"
                } else {
                    "light"
                }
            ),
        ),
    ]
}

/// Page `k` of the site's eight kinds, for request `i`.
fn page(k: u32, i: u32) -> String {
    let word = |n: u32| WORDS.get(n as usize % WORDS.len()).copied().unwrap_or("");
    match k % 8 {
        0 => "/".into(),
        1 => format!("/catalog/shoes?page={}&sort=price_asc", i % 9 + 1),
        2 => format!("/product/{}", 4000 + i),
        3 => format!(
            "/search?q={}+{}+{i}&size={}",
            word(i),
            word(i * 7),
            36 + i % 12
        ),
        4 => format!("/static/app.{:x}.js", knuth(i)),
        5 => format!("/img/hero-{i}.webp"),
        6 => format!(
            "/blog/2024/05/post-{i}?utm_source=newsletter&utm_campaign=c{}",
            i % 40
        ),
        _ => format!("/cart?ref={i}"),
    }
}

/// `application/x-www-form-urlencoded`, as `URLSearchParams` writes it.
fn form_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                char::from(b).to_string()
            }
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// What kind of request of the mix a request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Get,
    Json,
    Form,
    Attack,
}

/// The mix, in order, each request with its kind.
pub fn mix() -> Vec<(Kind, Request)> {
    let mut out = Vec::with_capacity(2000);
    for i in 0u32..2000 {
        let c = (i * 37) % 100;
        let mut headers = browser(c, &page(i + 3, i + 1000));
        let base = Request {
            method: "GET".into(),
            connecting_ip: Some(format!("198.51.100.{}", c % 200 + 10)),
            ..Default::default()
        };
        let kind = i % 20;
        out.push(if kind == 19 {
            let url = match ATTACKS.get(((i / 20) % 5) as usize) {
                Some(path) => path.to_string(),
                None => {
                    if let Some(ua) = headers.get_mut(1) {
                        ua.1 = "sqlmap/1.7.2#stable (https://sqlmap.org)".into();
                    }
                    "/".into()
                }
            };
            (
                Kind::Attack,
                Request {
                    url,
                    headers,
                    ..base
                },
            )
        } else if kind < 12 {
            (
                Kind::Get,
                Request {
                    url: page(i, i),
                    headers,
                    ..base
                },
            )
        } else if kind < 16 {
            let items: Vec<String> = (0..2 + (i * 7) % 40)
                .map(|k| {
                    let note = NOTES.get(((i + k) % 8) as usize).copied().unwrap_or("");
                    format!(
                        "{{\"sku\":\"SKU-{i}-{k}\",\"qty\":{},\"note\":\"{note} ({i}/{k})\"}}",
                        k % 5 + 1
                    )
                })
                .collect();
            let coupon = if !i.is_multiple_of(5) {
                "null".to_string()
            } else {
                format!("\"SPRING{i}\"")
            };
            let body = format!(
                "{{\"order\":{{\"items\":[{}],\"coupon\":{coupon},\"express\":{}}}}}",
                items.join(","),
                i.is_multiple_of(3)
            );
            headers.push(("content-type".into(), "application/json".into()));
            let url = if i % 2 == 1 {
                "/api/v1/orders"
            } else {
                "/api/v1/cart/items"
            };
            (
                Kind::Json,
                Request {
                    method: "POST".into(),
                    url: url.into(),
                    headers,
                    body: Some(body.into_bytes()),
                    ..base
                },
            )
        } else {
            let body = format!(
                "name={}&email={}&street={}&city=Union+City&comment={}",
                form_encode(&format!("Jane O'Reilly {i}")),
                form_encode(&format!("jane{i}@example.com")),
                form_encode(&format!("{i} Select Street")),
                form_encode(&format!(
                    "Please update my address and deliver after 5pm, thanks! ({i})"
                )),
            );
            headers.push((
                "content-type".into(),
                "application/x-www-form-urlencoded".into(),
            ));
            (
                Kind::Form,
                Request {
                    method: "POST".into(),
                    url: "/account/profile".into(),
                    headers,
                    body: Some(body.into_bytes()),
                    ..base
                },
            )
        });
    }
    out
}
