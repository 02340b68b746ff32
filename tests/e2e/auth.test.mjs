// Auth rules on real workerd (Miniflare), over real HTTP: tokens signed at
// run time with keys made here (RS256, ES256 from a key set that a local
// Node server serves over HTTP; HS256 with a secret binding), the origin
// recording what arrives. Fixture: tests/e2e/rules/50-auth.toml.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import crypto from "node:crypto";
import { FORBIDDEN_MESSAGE, decisions, eventually, sha256, startOrigin, startWorker } from "./harness.mjs";

const BUILD = process.env.EDGEWALL_E2E_BUILD ?? "build-e2e";
const JWKS_PORT = 48213; // fixed in the fixture's jwks_url
const SECRET = "e2e test-only hs256 secret";
const ISS = "https://idp.e2e.test/";
const now = () => Math.floor(Date.now() / 1000);

const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const rsaOther = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const rotated = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
const jwk = (k, kid, alg) => ({ ...k.publicKey.export({ format: "jwk" }), kid, alg, use: "sig" });
let published = [jwk(rsa, "k1", "RS256"), jwk(ec, "e1", "ES256")];

const b64 = (b) => Buffer.from(b).toString("base64url");
function sign(header, claims, key) {
  const data = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`;
  let sig;
  if (header.alg === "RS256") sig = crypto.sign("sha256", Buffer.from(data), key.privateKey);
  else if (header.alg === "ES256") sig = crypto.sign("sha256", Buffer.from(data), { key: key.privateKey, dsaEncoding: "ieee-p1363" });
  else if (header.alg === "HS256") sig = crypto.createHmac("sha256", key).update(data).digest();
  else sig = Buffer.alloc(0);
  return `${data}.${b64(sig)}`;
}
const claims = (extra = {}) => ({ iss: ISS, aud: "e2e-api", sub: "42", exp: now() + 600, ...extra });
const rs = (extra, key = rsa, kid = "k1") => sign({ alg: "RS256", kid }, claims(extra), key);

let jwksServer;
let jwksFetches = 0;
let origin;
let worker;

before(async () => {
  jwksServer = createServer((req, res) => {
    jwksFetches++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys: published }));
  });
  await new Promise((resolve, reject) => {
    jwksServer.once("error", reject);
    jwksServer.listen(JWKS_PORT, "127.0.0.1", resolve);
  });
  origin = await startOrigin();
  worker = await startWorker({ buildDir: BUILD, bindings: { ORIGIN: origin.url, E2E_JWT_SECRET: SECRET } });
});

after(async () => {
  await worker?.close();
  await origin?.close();
  await new Promise((r) => jwksServer?.close(r));
});

let n = 0;
async function send(path, token, { method = "GET", body, headers = {} } = {}) {
  const marker = `auth-${process.pid}-${++n}`;
  const res = await fetch(worker.url + path, {
    method,
    body,
    headers: {
      "cf-connecting-ip": "198.51.100.80",
      "x-test-marker": marker,
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
  });
  const text = await res.text();
  return { res, text, seen: origin.seen.find((r) => r.headers["x-test-marker"] === marker) };
}

async function reason(text) {
  const id = JSON.parse(text).request_id;
  const line = await eventually(() => decisions(worker.logs).find((d) => d.request_id === id));
  return line;
}

/** Status, the headers a client sees on an error, and the body with its id blanked. */
function shape(r) {
  const json = JSON.parse(r.text);
  return {
    status: r.res.status,
    headers: ["content-type", "cache-control", "x-content-type-options", "www-authenticate"].map((h) => r.res.headers.get(h)),
    keys: Object.keys(json),
    body: { ...json, request_id: "" },
  };
}

describe("no valid token: the one 401, whatever is wrong; the log says what", () => {
  const cases = [
    ["no token", undefined, "no bearer token"],
    ["expired", () => rs({ exp: now() - 3600 }), "token expired"],
    ["not yet valid", () => rs({ nbf: now() + 3600 }), "not valid yet"],
    ["wrong audience", () => rs({ aud: "someone-else" }), "wrong audience"],
    ["wrong issuer", () => rs({ iss: "https://evil.test/" }), "wrong issuer"],
    ["signed with another key", () => rs({}, rsaOther), "bad signature"],
    ["alg none", () => sign({ alg: "none" }, claims(), null), "alg none"],
    ["HS256 with the RSA public key as secret", () => sign({ alg: "HS256", kid: "k1" }, claims(), rsa.publicKey.export({ type: "spki", format: "pem" })), "not allowed"],
    ["malformed", () => "not-a-token", "malformed token"],
  ];
  let reference;
  for (const [name, make, why] of cases) {
    it(name, async () => {
      const r = await send("/auth/data", make?.());
      assert.equal(r.res.status, 401, r.text);
      assert.equal(r.seen, undefined, "never reaches the origin");
      assert.equal(r.res.headers.get("www-authenticate"), 'Bearer realm="edgewall"');
      const s = shape(r);
      assert.equal(s.body.error, "Unauthorized");
      reference ??= s;
      assert.deepEqual(s, reference, "every 401 is the same, byte for byte but the id");
      // The request id is random hex, which may well spell `e2e`.
      const withoutId = r.text.replace(/"request_id":"[^"]*"/, "");
      assert.doesNotMatch(withoutId, /expired|audience|issuer|signature|alg|kid|e2e/i);
      const line = await reason(r.text);
      assert.equal(line.stage, "auth");
      assert.equal(line.status, 401);
      assert.ok(line.reason.includes(why), `${line.reason} lacks ${why}`);
    });
  }

  it("the 401 and the 403 have the same body shape and headers but the challenge", async () => {
    const unauthorized = shape(await send("/auth/data", undefined));
    const forbidden = shape(await send("/auth/data", rs({}), { method: "DELETE" }));
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body.message, FORBIDDEN_MESSAGE);
    assert.deepEqual(forbidden.keys, unauthorized.keys);
    assert.deepEqual(forbidden.headers.slice(0, 3), unauthorized.headers.slice(0, 3));
    assert.equal(forbidden.headers[3], null, "a 403 carries no challenge");
  });
});

describe("valid tokens", () => {
  it("RS256 from the fetched key set: a POST reaches the origin with its body intact", async () => {
    const body = crypto.randomBytes(64 * 1024);
    const token = rs({});
    const r = await send("/auth/data", token, { method: "POST", body });
    assert.equal(r.res.status, 201, r.text);
    assert.equal(r.seen.bodySha256, sha256(body));
    assert.equal(r.seen.headers.authorization, `Bearer ${token}`, "the token is handed on untouched");
  });

  it("ES256, HS256 with the secret binding, and a public exception", async () => {
    const es = sign({ alg: "ES256", kid: "e1" }, claims(), ec);
    assert.equal((await send("/auth/data", es)).res.status, 201);
    const hs = sign({ alg: "HS256" }, { ...claims(), iss: "e2e-internal", aud: "e2e-edge" }, SECRET);
    assert.equal((await send("/internal/x", hs)).res.status, 201);
    const wrongSecret = sign({ alg: "HS256" }, { ...claims(), iss: "e2e-internal", aud: "e2e-edge" }, "guess");
    assert.equal((await send("/internal/x", wrongSecret)).res.status, 401);
    assert.equal((await send("/auth/public/x", undefined)).res.status, 201);
  });

  it("permissions and ownership: 403 without, through with, admins pass", async () => {
    const cases = [
      ["DELETE", "/auth/data", {}, 403],
      ["DELETE", "/auth/data", { permissions: ["read", "delete"] }, 201],
      ["GET", "/auth/users/42/orders", {}, 201],
      ["GET", "/auth/users/7", {}, 403],
      ["GET", "/auth/users/42/../7", {}, 403],
      ["GET", "/auth/users/7", { roles: ["admin"] }, 201],
    ];
    for (const [method, path, extra, status] of cases) {
      const r = await send(path, rs(extra), { method });
      assert.equal(r.res.status, status, `${method} ${path} ${JSON.stringify(extra)}: ${r.text}`);
      if (status === 403) {
        assert.equal(JSON.parse(r.text).message, FORBIDDEN_MESSAGE);
        const line = await reason(r.text);
        assert.match(line.reason, /lacks permission|does not own/);
      }
    }
  });

  it("a rotated key is found by fetching the set again, at most once per 30 s", async () => {
    const before = jwksFetches;
    published = [...published, jwk(rotated, "k2", "RS256")];
    const r = await send("/auth/data", rs({}, rotated, "k2"));
    assert.equal(r.res.status, 201, r.text);
    assert.equal(jwksFetches, before + 1);
    // Forged kids do not make the Worker hammer the issuer.
    for (let i = 0; i < 3; i++) assert.equal((await send("/auth/data", rs({}, rsa, `forged-${i}`))).res.status, 401);
    assert.equal(jwksFetches, before + 1);
  });
});
