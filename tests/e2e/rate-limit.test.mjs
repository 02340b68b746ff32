// Rate limits on real workerd (Miniflare), over real HTTP, with the
// recording origin behind the Worker: the N+1st request in the window is
// refused for one client while another passes, with the Rate Limiting
// binding and with the exact Durable Object counter. Fixture:
// tests/e2e/rules/60-rate-limit.toml.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { FORBIDDEN_MESSAGE, ROOT, decisions, eventually, sha256, startOrigin, startWorker } from "./harness.mjs";

const BUILD = process.env.EDGEWALL_E2E_BUILD ?? "build-e2e";

/** The bindings the fixture's rules name, declared as wrangler.toml would. */
export const RATE_LIMIT_OPTIONS = {
  ratelimits: {
    RL_LOGIN: { simple: { limit: 3, period: 60 } },
    RL_API: { simple: { limit: 2, period: 60 } },
  },
  durableObjects: { EDGEWALL_COUNTER: "RateLimitCounter" },
};

let origin;
let worker;

before(async () => {
  origin = await startOrigin();
  worker = await startWorker({ buildDir: BUILD, bindings: { ORIGIN: origin.url }, ...RATE_LIMIT_OPTIONS });
  // The binding counts in windows aligned on its period (Miniflare's like
  // Cloudflare's): start well inside one, so no window ends mid-test.
  const into = Date.now() % 60_000;
  if (into > 45_000) await new Promise((r) => setTimeout(r, 60_000 - into + 200));
});

after(async () => {
  await worker?.close();
  await origin?.close();
});

let n = 0;
async function send(path, ip, { method = "GET", headers = {}, body } = {}) {
  const marker = `rl-${process.pid}-${++n}`;
  const res = await fetch(worker.url + path, {
    method,
    body,
    headers: { "cf-connecting-ip": ip, "x-test-marker": marker, ...headers },
  });
  const text = await res.text();
  const seen = origin.seen.find((r) => r.headers["x-test-marker"] === marker);
  return { res, text, seen };
}

function assertErrorBody(text, error, message) {
  const json = JSON.parse(text);
  assert.deepEqual(Object.keys(json), ["error", "message", "request_id"]);
  assert.equal(json.error, error);
  if (message) assert.equal(json.message, message);
  assert.doesNotMatch(text, /rate|limit|e2e-|198\.51/i, "the body says nothing of why");
  return json;
}

async function logged(requestId) {
  return eventually(() => decisions(worker.logs).find((d) => d.request_id === requestId));
}

describe("Rate Limiting binding (counter = location)", () => {
  it("the 4th POST in the window gets the 429 while another client still passes", async () => {
    const A = "198.51.100.41";
    const B = "198.51.100.42";
    const body = Buffer.alloc(4096, 7);
    for (let i = 1; i <= 3; i++) {
      const r = await send("/rl/login", A, { method: "POST", body });
      assert.equal(r.res.status, 201, `request ${i}: ${r.text}`);
      assert.equal(r.seen.bodySha256, sha256(body), "the body reaches the origin intact");
    }
    const over = await send("/rl/login", A, { method: "POST", body });
    assert.equal(over.res.status, 429);
    assert.equal(over.res.headers.get("retry-after"), "60");
    assert.equal(over.res.headers.get("content-type"), "application/json");
    assert.equal(over.seen, undefined, "refused at the edge");
    const json = assertErrorBody(over.text, "Too Many Requests");
    const line = await logged(json.request_id);
    assert.equal(line.stage, "rate_limit");
    assert.equal(line.rule, "e2e-login");
    assert.equal(line.status, 429);
    assert.match(line.reason, /e2e-login\|ip:198\.51\.100\.41/);

    const other = await send("/rl/login", B, { method: "POST", body });
    assert.equal(other.res.status, 201, "another client is not affected");
    const get = await send("/rl/login", A);
    assert.equal(get.res.status, 201, "a method the rule does not cover is not counted");
  });

  it("a header key counts per value, and a limit without status answers the standard 403", async () => {
    const ip = "198.51.100.43";
    for (let i = 0; i < 2; i++) {
      assert.equal((await send("/rl/api/x", ip, { headers: { "x-api-key": "k1" } })).res.status, 201);
    }
    const over = await send("/rl/api/x", ip, { headers: { "x-api-key": "k1" } });
    assert.equal(over.res.status, 403);
    assert.equal(over.res.headers.get("retry-after"), null);
    assertErrorBody(over.text, "Forbidden", FORBIDDEN_MESSAGE);
    assert.equal((await send("/rl/api/x", ip, { headers: { "x-api-key": "k2" } })).res.status, 201);
  });
});

describe("Durable Object counter (counter = global)", () => {
  it("allows exactly the limit, even for concurrent requests, and other clients pass", async () => {
    const C = "198.51.100.44";
    const all = await Promise.all(Array.from({ length: 10 }, () => send("/rl/global", C)));
    const statuses = all.map((r) => r.res.status).sort();
    assert.deepEqual(statuses, [201, 201, 201, 201, 403, 403, 403, 403, 403, 403]);
    assert.equal(all.filter((r) => r.seen).length, 4, "only the allowed ones reach the origin");
    const refused = all.find((r) => r.res.status === 403);
    const line = await logged(JSON.parse(refused.text).request_id);
    assert.equal(line.rule, "e2e-global");
    assert.match(line.reason, /global counter/);
    assert.equal((await send("/rl/global", "2001:db8:44::1")).res.status, 201);
  });

  it("a log-only limit lets the request through and logs it", async () => {
    const first = await send("/rl/log-only", "198.51.100.45");
    const second = await send("/rl/log-only", "198.51.100.46");
    assert.equal(first.res.status, 201);
    assert.equal(second.res.status, 201);
    const line = await eventually(() =>
      decisions(worker.logs).find((d) => d.action === "allow" && /e2e-log-only.*log only/.test(d.reason)),
    );
    assert.ok(line, "the request over the limit is logged");
  });
});

describe("a counter that cannot be asked", () => {
  it("fails closed with the 503 body, and the cause goes to the log only", async () => {
    const bare = await startWorker({ buildDir: BUILD, bindings: { ORIGIN: origin.url } });
    try {
      const res = await fetch(bare.url + "/rl/login", { method: "POST", headers: { "cf-connecting-ip": "198.51.100.47" } });
      assert.equal(res.status, 503);
      const text = await res.text();
      assert.equal(JSON.parse(text).error, "Service Unavailable");
      assert.doesNotMatch(text, /RL_LOGIN|binding/);
      const line = await eventually(() => decisions(bare.logs).find((d) => d.event === "rate_limit_failed"));
      assert.match(line.detail, /RL_LOGIN/);
      // Paths no limit covers are unaffected.
      assert.equal((await fetch(bare.url + "/x", { headers: { "cf-connecting-ip": "198.51.100.47" } })).status, 201);
    } finally {
      await bare.close();
    }
  });
});

async function freePort() {
  const srv = createServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

describe("under wrangler dev, with the bindings declared in wrangler.toml", () => {
  it("both counters work: the binding's 429 and the Durable Object's 403", { timeout: 180_000 }, async () => {
    const port = await freePort();
    const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
    const child = spawn(
      "npx",
      [
        "wrangler", "dev",
        "--config", "tests/e2e/wrangler.e2e.toml",
        "--ip", "127.0.0.1",
        "--port", String(port),
        "--inspector-port", String(await freePort()),
        "--var", `ORIGIN:${origin.url}`,
        "--show-interactive-dev-session=false",
      ],
      { cwd: ROOT, env, detached: true },
    );
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    try {
      const deadline = Date.now() + 150_000;
      while (!/Ready on/.test(out)) {
        if (child.exitCode !== null) assert.fail(`wrangler dev exited:\n${out}`);
        if (Date.now() > deadline) assert.fail(`wrangler dev did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const base = `http://127.0.0.1:${port}`;
      const hit = (path, ip, method = "GET") =>
        fetch(base + path, { method, headers: { "cf-connecting-ip": ip } }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        });
      if (Date.now() % 60_000 > 50_000) await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 200));
      const login = [];
      for (let i = 0; i < 4; i++) login.push(await hit("/rl/login", "198.51.100.61", "POST"));
      assert.deepEqual(login, [201, 201, 201, 429]);
      assert.equal(await hit("/rl/login", "198.51.100.62", "POST"), 201);
      const global = [];
      for (let i = 0; i < 5; i++) global.push(await hit("/rl/global", "198.51.100.61"));
      assert.deepEqual(global, [201, 201, 201, 201, 403]);
    } finally {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
  });
});
