// CORS on real workerd (Miniflare), over real HTTP, with the recording
// origin behind the Worker: preflights are answered at the edge, allowed
// origins get the headers on the origin's response and on edgewall's 403,
// other origins are refused, and the origin's own CORS headers are replaced
// only where a policy covers the path. Fixture: tests/e2e/rules/20-cors.toml.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { FORBIDDEN_MESSAGE, ORIGIN_OWN_ACAO, decisions, eventually, startOrigin, startWorker } from "./harness.mjs";

const BUILD = process.env.EDGEWALL_E2E_BUILD ?? "build-e2e";
const APP = "https://app.example.com";

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

let n = 0;
async function send(path, { method = "GET", headers = {}, body } = {}) {
  const marker = `cors-${process.pid}-${++n}`;
  const res = await fetch(worker.url + path, {
    method,
    body,
    headers: { "cf-connecting-ip": "198.51.100.30", "x-test-marker": marker, ...headers },
    redirect: "manual",
  });
  const text = await res.text();
  return { res, text, marker, reached: origin.seen.some((r) => r.headers["x-test-marker"] === marker) };
}

/** The CORS-related response headers, as one object. */
function corsHeaders(res) {
  const out = {};
  for (const [k, v] of res.headers) if (k.startsWith("access-control-") || k === "vary") out[k] = v;
  return out;
}

function assertForbiddenBody(text) {
  const json = JSON.parse(text);
  assert.deepEqual(Object.keys(json), ["error", "message", "request_id"]);
  assert.equal(json.message, FORBIDDEN_MESSAGE);
  return json;
}

describe("preflights are answered at the edge", () => {
  it("an allowed preflight gets 204 and every CORS header, and never reaches the origin", async () => {
    const r = await send("/api/items", {
      method: "OPTIONS",
      headers: {
        origin: APP,
        "access-control-request-method": "PUT",
        "access-control-request-headers": "X-Custom, Content-Type",
      },
    });
    assert.equal(r.res.status, 204);
    assert.equal(r.text, "");
    assert.deepEqual(corsHeaders(r.res), {
      "access-control-allow-origin": APP,
      "access-control-allow-credentials": "true",
      "access-control-allow-methods": "GET, POST, PUT, DELETE",
      "access-control-allow-headers": "x-custom, content-type",
      "access-control-max-age": "600",
      vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
    });
    assert.equal(r.reached, false);
  });

  it("a preflight for a method the policy does not allow gets the 403 body, readable by the page", async () => {
    const r = await send("/api/items", {
      method: "OPTIONS",
      headers: { origin: APP, "access-control-request-method": "patch" },
    });
    assert.equal(r.res.status, 403);
    assertForbiddenBody(r.text);
    assert.equal(r.res.headers.get("access-control-allow-origin"), APP);
    assert.equal(r.res.headers.get("access-control-allow-methods"), null);
    assert.equal(r.reached, false);
  });

  it("a preflight from another origin gets the 403 without CORS headers", async () => {
    const r = await send("/api/items", {
      method: "OPTIONS",
      headers: { origin: "https://app.example.com.evil.test", "access-control-request-method": "GET" },
    });
    assert.equal(r.res.status, 403);
    assertForbiddenBody(r.text);
    assert.equal(r.res.headers.get("access-control-allow-origin"), null);
    assert.equal(r.reached, false);
    const logged = await eventually(() =>
      decisions(worker.logs).find((d) => d.stage === "cors" && d.rule === "api-cors" && d.method === "OPTIONS"),
    );
    assert.ok(logged, "the refusal is logged with its policy");
  });

  it("OPTIONS without Access-Control-Request-Method is an ordinary request for the origin", async () => {
    const r = await send("/api/items", { method: "OPTIONS", headers: { origin: APP } });
    assert.equal(r.res.status, 201);
    assert.equal(r.reached, true);
    assert.equal(r.res.headers.get("access-control-allow-origin"), APP);
  });
});

describe("actual requests", () => {
  it("an allowed origin gets edgewall's CORS headers in place of the origin's, Vary merged, cookies kept", async () => {
    const r = await send("/api/items?x=1", { method: "POST", body: "{}", headers: { origin: APP, "content-type": "application/json" } });
    assert.equal(r.res.status, 201);
    assert.equal(r.reached, true);
    assert.deepEqual(corsHeaders(r.res), {
      "access-control-allow-origin": APP,
      "access-control-allow-credentials": "true",
      "access-control-expose-headers": "x-origin",
      vary: "Accept-Encoding, Origin",
    });
    assert.deepEqual(r.res.headers.getSetCookie(), ["a=1; Path=/", "b=2; Path=/"]);
    assert.equal(r.res.headers.get("x-origin"), "yes");
  });

  it("a subdomain of an allowed pattern is allowed; a lookalike is refused before the origin", async () => {
    const ok = await send("/api/items", { headers: { origin: "https://shop.example.org" } });
    assert.equal(ok.res.status, 201);
    assert.equal(ok.res.headers.get("access-control-allow-origin"), "https://shop.example.org");
    for (const evil of ["https://evilexample.org", "https://example.org.evil.test", "null"]) {
      const r = await send("/api/items", { headers: { origin: evil } });
      assert.equal(r.res.status, 403, evil);
      assertForbiddenBody(r.text);
      assert.equal(r.res.headers.get("access-control-allow-origin"), null, evil);
      assert.equal(r.reached, false, evil);
    }
  });

  it("a 403 from the IP ACL to an allowed origin carries the CORS headers", async () => {
    const r = await send("/api/forbidden", { headers: { origin: APP } });
    assert.equal(r.res.status, 403);
    assertForbiddenBody(r.text);
    assert.equal(r.res.headers.get("access-control-allow-origin"), APP);
    assert.equal(r.res.headers.get("access-control-allow-credentials"), "true");
    assert.equal(r.res.headers.get("content-type"), "application/json");
    assert.equal(r.reached, false);
  });

  it("a wildcard policy sends * but reflects the origin to a request that carries credentials", async () => {
    const plain = await send("/public/feed", { headers: { origin: "https://anyone.test" } });
    assert.equal(plain.res.headers.get("access-control-allow-origin"), "*");
    const withCookie = await send("/public/feed", { headers: { origin: "https://anyone.test", cookie: "s=1" } });
    assert.equal(withCookie.res.headers.get("access-control-allow-origin"), "https://anyone.test");
    assert.equal(withCookie.res.headers.get("access-control-allow-credentials"), null);
    assert.match(withCookie.res.headers.get("vary"), /Origin/);
  });

  it("serve_without_cors forwards another origin's request without CORS headers, and logs it", async () => {
    const r = await send("/widgets/w1", { headers: { origin: "https://other.test" } });
    assert.equal(r.res.status, 201);
    assert.equal(r.reached, true);
    assert.deepEqual(corsHeaders(r.res), { vary: "Accept-Encoding, Origin" });
    const logged = await eventually(() =>
      decisions(worker.logs).find((d) => d.rule === "widgets-cors" && d.action === "allow"),
    );
    assert.ok(logged, "the bare serve is logged");
    assert.match(logged.reason, /served without CORS headers/);
  });

  it("where no policy covers the path, the origin's own CORS headers pass untouched", async () => {
    const r = await send("/elsewhere", { headers: { origin: "https://any.test" } });
    assert.equal(r.res.status, 201);
    assert.equal(r.res.headers.get("access-control-allow-origin"), ORIGIN_OWN_ACAO);
    assert.equal(r.res.headers.get("access-control-max-age"), "1");
    assert.equal(r.res.headers.get("vary"), "Accept-Encoding");
  });
});
