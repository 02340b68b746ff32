//! The requests the WAF benchmarks time, shared by the native criterion
//! bench (`benches/waf.rs`) and the wasm build timed in Node
//! (`crates/wasm-bench`, `scripts/bench-wasm.sh`): a plain browser GET, a
//! 4 KB JSON POST, the same with no value repeated, a 64 KB form, and a
//! JSON POST whose one long string is a 60 KB article; all legitimate, all
//! with a browser's headers.
//!
//! `json_4k` repeats values as order APIs do (the same note on every item,
//! quantities 1 to 5), which the WAF evaluates once per request;
//! `json_4k_distinct` has a different note on every item, the worst case
//! for the same size. `form_64k` is many short values; `json_60k_text` one
//! long one, where what each regex costs per byte of a value shows.

use edgewall_engine::Request;

fn browser_headers() -> Vec<(String, String)> {
    [
        ("host", "shop.example.com"),
        ("user-agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"),
        ("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
        ("accept-language", "en-GB,en;q=0.9,de;q=0.8"),
        ("accept-encoding", "gzip, deflate, br"),
        ("referer", "https://shop.example.com/catalog?page=2"),
        ("cookie", "session=4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d; theme=dark; consent=analytics%3Dfalse"),
    ]
    .iter()
    .map(|(n, v)| (n.to_string(), v.to_string()))
    .collect()
}

pub fn requests() -> Vec<(&'static str, Request)> {
    let get = Request {
        method: "GET".into(),
        url: "/catalog/shoes?color=blue&size=42&sort=price_asc&utm_source=newsletter".into(),
        headers: browser_headers(),
        connecting_ip: Some("198.51.100.7".into()),
        ..Default::default()
    };
    let mut json = String::from("{\"order\":{\"items\":[");
    let mut i = 0;
    while json.len() < 4000 {
        json.push_str(&format!("{{\"sku\":\"SKU-{i:05}\",\"qty\":{},\"note\":\"gift wrap, please - it's for O'Brien\"}},", i % 5 + 1));
        i += 1;
    }
    json.push_str("{\"sku\":\"last\",\"qty\":1}],\"coupon\":null,\"express\":true}}");
    let mut h = browser_headers();
    h.push(("content-type".into(), "application/json".into()));
    let post_json = Request {
        method: "POST".into(),
        url: "/api/v1/orders".into(),
        headers: h,
        connecting_ip: Some("198.51.100.7".into()),
        body: Some(json.into_bytes()),
        ..Default::default()
    };
    let notes = [
        "gift wrap, please - it's for O'Brien",
        "leave at the back door (not the garage)",
        "call 555-0100 before delivery; dog in yard",
        "size runs small? order one up",
        "same as last time & no plastic bags",
        "deliver after 5pm, thanks!",
        "C:\\Users\\jane\\invoice.pdf attached",
        "50% off coupon applied at checkout",
        "the <b>blue</b> one, not the green",
        "select the express option if it's free",
        "update: changed my mind, keep the red",
        "ref #A-1234/56 from the catalogue",
    ];
    let mut json = String::from("{\"order\":{\"items\":[");
    let mut i = 0;
    while json.len() < 4000 {
        let note = notes[i % notes.len()];
        json.push_str(&format!(
            "{{\"sku\":\"SKU-{i:05}\",\"qty\":{},\"note\":\"{note} (item {i})\"}},",
            i % 5 + 1
        ));
        i += 1;
    }
    json.push_str("{\"sku\":\"last\",\"qty\":1}],\"coupon\":null,\"express\":true}}");
    let post_json_distinct = Request {
        body: Some(json.into_bytes()),
        ..post_json.clone()
    };
    let mut form = String::new();
    let mut k = 0;
    while form.len() < 64 * 1024 {
        form.push_str(&format!("field{k}=Some+ordinary+text+with+words+like+select+and+update%2C+numbers+{k}+and+O%27Reilly&"));
        k += 1;
    }
    let mut h = browser_headers();
    h.push((
        "content-type".into(),
        "application/x-www-form-urlencoded".into(),
    ));
    let post_form = Request {
        method: "POST".into(),
        url: "/account/profile".into(),
        headers: h,
        connecting_ip: Some("198.51.100.7".into()),
        body: Some(form.into_bytes()),
        ..Default::default()
    };
    // A blog post as a CMS saves it: one long string value.
    let paragraphs = [
        "Winter running is mostly about layers. Start with a thin base layer that moves sweat away from the skin, add a light fleece when it's below freezing, and keep the wind out with a shell you can unzip on the climbs.",
        "We tested 14 pairs of trail shoes over three months (roughly 600 km in all), on mud, packed snow and the frozen gravel of the canal path. Grip mattered more than cushioning; weight mattered less than we expected.",
        "If you select a shoe by the numbers alone, you will miss how it feels after an hour. Our advice: order one half size up, try it on in the evening, and return it if your toes touch the front on a downhill.",
        "A reader asked whether wool socks are worth the price. Short answer: yes, for anything over 45 minutes. Long answer: see the table at the end, where we compare merino, synthetic and cotton blends (spoiler: skip the cotton).",
        "Update, 12 March: two readers pointed out that the \\\"Trail 5\\\" now ships with a wider toe box. We've re-tested it and moved it from 6th to 3rd place; the old review is below for reference.",
        "Prices change from week to week, so we link to the shop rather than quote them here. At the time of writing, the cheapest pair was 79.99 and the dearest 189.00, with most between 110 and 140.",
        "Thanks to everyone in the Sunday club who lent us their feet, and to Jo, who ran the last 20 km of the test loop in a blizzard & still came back smiling.",
    ];
    let mut article = String::new();
    let mut k = 0;
    while article.len() < 60 * 1024 {
        article.push_str(paragraphs[k % paragraphs.len()]);
        article.push_str(if k % 3 == 2 { "\\n\\n" } else { " " });
        k += 1;
    }
    let post_article = Request {
        url: "/api/v1/posts".into(),
        body: Some(
            format!("{{\"title\":\"Winter trail shoes, tested\",\"draft\":false,\"body\":\"{article}\"}}")
                .into_bytes(),
        ),
        ..post_json.clone()
    };
    vec![
        ("get", get),
        ("json_4k", post_json),
        ("json_4k_distinct", post_json_distinct),
        ("form_64k", post_form),
        ("json_60k_text", post_article),
    ]
}
