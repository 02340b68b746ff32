// End to end: the built Worker (with tests/e2e/rules) on real workerd via
// Miniflare, over real HTTP on 127.0.0.1, with a real origin behind it.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import {
  FORBIDDEN_MESSAGE,
  decisions,
  eventually,
  sha256,
  startOrigin,
  startWorker,
} from "./harness.mjs";

const BUILD = process.env.EDGEWALL_E2E_BUILD ?? "build-e2e";
const ERROR_HEADERS = {
  "content-type": "application/json",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

let origin;
let worker;

before(async () => {
  origin = await startOrigin();
  worker = await startWorker({ buildDir: BUILD, bindings: { ORIGIN: origin.url } });
});

after(async () => {
  await worker?.close();
  await origin?.close();
});

/** A marker header per request, so we can tell whether the origin saw it. */
let n = 0;
function send(path, { ip = "198.51.100.20", headers = {}, ...init } = {}) {
  const marker = `m-${process.pid}-${++n}`;
  const h = { "x-test-marker": marker, ...headers };
  if (ip !== null) h["cf-connecting-ip"] = ip;
  return fetch(worker.url + path, { ...init, headers: h, redirect: "manual" }).then(async (res) => ({
    res,
    body: Buffer.from(await res.arrayBuffer()),
    marker,
  }));
}

const reachedOrigin = (marker) => origin.seen.some((r) => r.headers["x-test-marker"] === marker);

/** Assert the one 403: status, exact headers, exact body but the request id. */
function assertForbidden({ res, body, marker }) {
  assert.equal(res.status, 403);
  const json = JSON.parse(body.toString("utf8"));
  assert.deepEqual(Object.keys(json), ["error", "message", "request_id"]);
  assert.equal(json.error, "Forbidden");
  assert.equal(json.message, FORBIDDEN_MESSAGE);
  assert.match(json.request_id, /^[0-9a-f]{32}$|^[0-9a-f]{16,32}(-[A-Z]{1,4})?$/);
  assert.equal(
    body.toString("utf8"),
    `{"error":"Forbidden","message":"${FORBIDDEN_MESSAGE}","request_id":"${json.request_id}"}`,
  );
  for (const [k, v] of Object.entries(ERROR_HEADERS)) assert.equal(res.headers.get(k), v, k);
  // Transport headers (length, compression the runtime applies for clients
  // that accept it) aside, these are all the headers there are.
  const transport = new Set(["content-length", "content-encoding", "transfer-encoding", "date", "connection", "keep-alive"]);
  const names = [...res.headers.keys()].filter((k) => !transport.has(k)).sort();
  assert.deepEqual(names, ["cache-control", "content-type", "x-content-type-options"]);
  assert.equal(reachedOrigin(marker), false, "a blocked request must never reach the origin");
  return json.request_id;
}

describe("allowed requests reach the origin untouched", () => {
  it("GET keeps method, path, raw query and headers; the origin's response comes back", async () => {
    const { res, body, marker } = await send("/hello/w%C3%B6rld?a=1&b=%20x&a=2", {
      headers: { "x-custom": "Value With Spaces", accept: "application/json" },
    });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get("x-origin"), "yes");
    const seen = JSON.parse(body);
    assert.equal(seen.method, "GET");
    assert.equal(seen.url, "/hello/w%C3%B6rld?a=1&b=%20x&a=2");
    assert.equal(seen.headers["x-custom"], "Value With Spaces");
    assert.equal(seen.headers["x-test-marker"], marker);
  });

  it("a 1 MB binary POST arrives byte for byte", async () => {
    const payload = randomBytes(1024 * 1024);
    const { res, body } = await send("/upload", {
      method: "POST",
      body: payload,
      headers: { "content-type": "application/octet-stream" },
    });
    assert.equal(res.status, 201);
    const seen = JSON.parse(body);
    assert.equal(seen.bodyBytes, payload.length);
    assert.equal(seen.bodySha256, sha256(payload));
    assert.equal(seen.headers["content-type"], "application/octet-stream");
  });

  for (const method of ["PUT", "PATCH", "DELETE", "OPTIONS"]) {
    it(`${method} keeps its method and body`, async () => {
      const payload = method === "DELETE" || method === "OPTIONS" ? undefined : `{"m":"${method}"}`;
      const { res, body } = await send("/m", { method, body: payload });
      assert.equal(res.status, 201);
      const seen = JSON.parse(body);
      assert.equal(seen.method, method);
      if (payload) assert.equal(seen.bodySha256, sha256(Buffer.from(payload)));
    });
  }

  it("the office may reach /admin, from IPv4, IPv4-mapped IPv6 and IPv6", async () => {
    for (const ip of ["203.0.113.7", "::ffff:203.0.113.7", "2001:db8:1::42"]) {
      const { res } = await send("/admin/settings", { ip });
      assert.equal(res.status, 201, ip);
    }
  });

  it("a prefix scope does not swallow its neighbours: /administrator is not /admin", async () => {
    const { res } = await send("/administrator");
    assert.equal(res.status, 201);
  });

  it("X-Forwarded-For from an untrusted peer is ignored", async () => {
    const { res } = await send("/x", { ip: "198.51.100.9", headers: { "x-forwarded-for": "192.0.2.1" } });
    assert.equal(res.status, 201);
  });
});

describe("blocked requests get the one 403 and never reach the origin", () => {
  it("blocklisted IPv4, IPv4-mapped and IPv6 clients", async () => {
    for (const ip of ["192.0.2.1", "::ffff:192.0.2.200", "2001:db8:dead::1"]) {
      assertForbidden(await send("/", { ip }));
    }
  });

  it("/admin from elsewhere, whatever the spelling of the path", async () => {
    for (const p of ["/admin", "/admin/", "/%61dmin/x", "//admin", "/x/..%2Fadmin", "/admin%2fsecret"]) {
      assertForbidden(await send(p, { ip: "198.51.100.1" }));
    }
  });

  it("a client behind a trusted proxy is judged by its forwarded address", async () => {
    assertForbidden(await send("/", { ip: "10.10.0.5", headers: { "x-forwarded-for": "192.0.2.9" } }));
  });

  it("a glob scope catches nested paths", async () => {
    assertForbidden(await send("/a/b/index.php", { ip: "2001:db8::5" }));
  });

  it("bodies are byte-identical whatever rule fired, except the request id", async () => {
    const a = await send("/", { ip: "192.0.2.1" }); // blocklist
    const b = await send("/admin", { ip: "198.51.100.1" }); // admin-others
    const c = await send("/x.php", { ip: "2001:db8::1" }); // no-php-from-v6-doc
    const ids = [a, b, c].map(assertForbidden);
    const headerLists = [a, b, c].map((r) => JSON.stringify([...r.res.headers.entries()]));
    assert.equal(new Set(headerLists).size, 1, "identical headers whatever the rule");
    const strip = (r, id) => r.body.toString("utf8").replace(id, "ID");
    assert.equal(strip(a, ids[0]), strip(b, ids[1]));
    assert.equal(strip(b, ids[1]), strip(c, ids[2]));
    assert.equal(new Set(ids).size, 3, "request ids are unique");
  });

  // On its own connection: the Worker answers before reading the body, and
  // workerd then drops the connection, which a pooled client would reuse.
  it("a blocked POST with a large body is refused without reaching the origin", async () => {
    const marker = `big-post-${process.pid}`;
    const body = randomBytes(512 * 1024);
    const head = Buffer.from(
      `POST /upload HTTP/1.1\r\nHost: x\r\nCF-Connecting-IP: 192.0.2.3\r\nX-Test-Marker: ${marker}\r\n` +
        `Content-Type: application/octet-stream\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
      "latin1",
    );
    const raw = await rawRequest(Buffer.concat([head, body]));
    assert.equal(raw.status, 403);
    assert.match(raw.text, new RegExp(`\\{"error":"Forbidden","message":"${FORBIDDEN_MESSAGE}","request_id":"[0-9a-f]{32}"\\}`));
    assert.equal(reachedOrigin(marker), false);
  });

  it("a forged cf-ray never reaches the body", async () => {
    const r = await send("/", { ip: "192.0.2.1", headers: { "cf-ray": '"},"rule":"blocklist' } });
    const id = assertForbidden(r);
    assert.match(id, /^[0-9a-f]{32}$/);
  });
});

describe("operators see why, keyed by request id", () => {
  it("one JSON log line per block names the rule, the reason, the ip and the path", async () => {
    const r = await send("/admin/x", { ip: "198.51.100.77" });
    const id = assertForbidden(r);
    const line = await eventually(() => decisions(worker.logs).find((d) => d.request_id === id));
    assert.ok(line, `no log line for ${id}; logs:\n${worker.logs.join("\n")}`);
    assert.equal(line.action, "block");
    assert.equal(line.rule, "admin-others");
    assert.equal(line.stage, "ip_acl");
    assert.equal(line.ip, "198.51.100.77");
    assert.equal(line.method, "GET");
    assert.equal(line.path, "/admin/x");
    assert.match(line.reason, /admin-others/);
  });

  it("plain allows are not logged", async () => {
    const before = decisions(worker.logs).length;
    await send("/quiet");
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(decisions(worker.logs).length, before);
  });
});

describe("failures answer with the same JSON shape, never an internal message", () => {
  it("an unreachable origin gives 502 with the error shape", async () => {
    const dead = await startOrigin();
    await dead.close(); // the port is now closed
    const w = await startWorker({ buildDir: BUILD, bindings: { ORIGIN: dead.url } });
    try {
      const res = await fetch(w.url + "/x", { headers: { "cf-connecting-ip": "198.51.100.1" } });
      assert.equal(res.status, 502);
      const json = await res.json();
      assert.deepEqual(Object.keys(json), ["error", "message", "request_id"]);
      assert.equal(json.error, "Bad Gateway");
      assert.doesNotMatch(JSON.stringify(json), /127\.0\.0\.1|ECONNREFUSED|fetch|origin/i);
      for (const [k, v] of Object.entries(ERROR_HEADERS)) assert.equal(res.headers.get(k), v, k);
    } finally {
      await w.close();
    }
  });

  it("an unusable ORIGIN variable fails closed with 503", async () => {
    const w = await startWorker({ buildDir: BUILD, bindings: { ORIGIN: "ftp://files.example" } });
    try {
      const res = await fetch(w.url + "/x", { headers: { "cf-connecting-ip": "198.51.100.1" } });
      assert.equal(res.status, 503);
      const json = await res.json();
      assert.equal(json.error, "Service Unavailable");
      assert.doesNotMatch(JSON.stringify(json), /ftp|ORIGIN/);
    } finally {
      await w.close();
    }
  });
});

describe("without ORIGIN, local development gets the built-in echo origin", () => {
  it("echoes method, url and a hash of the body", async () => {
    const w = await startWorker({ buildDir: BUILD });
    try {
      const payload = randomBytes(64 * 1024);
      const res = await fetch(w.url + "/echo?x=1", {
        method: "POST",
        body: payload,
        headers: { "cf-connecting-ip": "198.51.100.1" },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("x-edgewall-echo"), "1");
      const echo = await res.json();
      assert.equal(echo.method, "POST");
      assert.match(echo.url, /\/echo\?x=1$/);
      assert.equal(echo.body_bytes, payload.length);
      assert.equal(echo.body_sha256, sha256(payload));
    } finally {
      await w.close();
    }
  });
});

/** Send raw bytes as an HTTP/1.1 request; resolve with the status code (0 if the server closed without answering). */
function rawRequest(bytes) {
  const { hostname, port } = new URL(worker.url);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(port), hostname, () => sock.end(bytes));
    let data = Buffer.alloc(0);
    sock.on("data", (d) => (data = Buffer.concat([data, d])));
    // A server may answer early and reset the connection while the rest of
    // a large body is still being written: an answer received counts.
    sock.on("error", (e) => (data.length ? sock.destroy() : reject(e)));
    sock.on("close", () => {
      const m = /^HTTP\/1\.1 (\d{3})/.exec(data.toString("latin1"));
      resolve({ status: m ? Number(m[1]) : 0, text: data.toString("latin1") });
    });
    sock.setTimeout(10_000, () => sock.destroy(new Error("no answer within 10 s")));
  });
}

describe("hostile input gets a documented answer, never a crash", () => {
  const head = (line, extra = "") =>
    Buffer.concat([Buffer.from(line, "latin1"), Buffer.from(`\r\nHost: x\r\nCF-Connecting-IP: 198.51.100.1\r\n${extra}Connection: close\r\n\r\n`, "latin1")]);

  it("invalid UTF-8 and malformed percent-encoding in path and query pass through", async () => {
    for (const path of ["/%ff%fe%zz?q=%c3%28&x=%", "/a%00b", "/%2e%2e%2f%2e%2e%2fetc/passwd"]) {
      const { res } = await send(path);
      assert.equal(res.status, 201, path);
    }
    const raw = await rawRequest(head("GET /caf\xe9/\xff\xfe?q=\x80 HTTP/1.1"));
    assert.ok([201, 400].includes(raw.status), `got ${raw.status}`);
    assert.doesNotMatch(raw.text, /panic|RuntimeError|wasm|stack/i);
  });

  it("a blocked client stays blocked whatever the bytes in its path", async () => {
    const raw = await rawRequest(head("GET /\xff%ZZ/../admin HTTP/1.1").toString("latin1").replace("198.51.100.1", "192.0.2.1"));
    assert.equal(raw.status, 403);
    assert.match(raw.text, /"error":"Forbidden"/);
  });

  it("non-ASCII header values, 100 headers and a 16 KiB path are answered", async () => {
    const many = Array.from({ length: 100 }, (_, i) => `X-H${i}: v${i}\r\n`).join("");
    const raw = await rawRequest(head("GET /h HTTP/1.1", `X-Latin: caf\xe9\r\n${many}`));
    assert.equal(raw.status, 201);
    const long = await send("/" + "a".repeat(16 * 1024));
    assert.ok([201, 414, 431].includes(long.res.status), `got ${long.res.status}`);
  });

  it("a request with an unparseable client address is refused with the one 403", async () => {
    for (const ip of ["not-an-ip", "1.2.3.4:80", "192.0.2.1, 10.0.0.1", "::ffff:999.1.1.1"]) {
      assertForbidden(await send("/", { ip }));
    }
  });

  // Locally the runtime, not the client, decides the empty case: Miniflare
  // substitutes 127.0.0.1 for a missing or empty CF-Connecting-IP, so the
  // Worker never sees "no address" here. The missing-address policy itself
  // is covered by the engine's and `edgewall eval`'s tests.
  it("locally, an empty CF-Connecting-IP reaches the Worker as 127.0.0.1", async () => {
    const w = await startWorker({ buildDir: BUILD });
    try {
      const res = await fetch(w.url + "/", { headers: { "cf-connecting-ip": "" } });
      assert.equal(res.status, 200);
      assert.equal((await res.json()).headers["cf-connecting-ip"], "127.0.0.1");
    } finally {
      await w.close();
    }
  });
});
