// CORS in a real browser: Debian's Chromium, driven by playwright-core,
// loads a page from one 127.0.0.1 port and calls the Worker running under
// `wrangler dev` (real workerd) on another, with the recording origin
// behind it. The browser, not this test, enforces CORS: what page script
// can read is exactly what edgewall's headers allow.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { chromium } from "playwright-core";
import { FORBIDDEN_MESSAGE, ROOT, startOrigin } from "./harness.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// A second, disallowed page origin: Chromium resolves this name to
// 127.0.0.1 itself (no DNS), so both pages come from the same test server.
const EVIL_HOST = "evil.test";

let origin;
let page;
let wrangler;
let browser;
let workerUrl;
let pageServer;
let pagePort;
let wranglerOut = "";

async function freePort() {
  const srv = createNetServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

before(async () => {
  origin = await startOrigin();

  // The page: an empty document; the tests run script in it.
  pageServer = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<!doctype html><title>edgewall cors test page</title>");
  });
  await new Promise((r) => pageServer.listen(0, "127.0.0.1", r));
  pagePort = pageServer.address().port;

  const port = await freePort();
  workerUrl = `http://127.0.0.1:${port}`;
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
  wrangler = spawn(
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
  wrangler.stdout.on("data", (d) => (wranglerOut += d));
  wrangler.stderr.on("data", (d) => (wranglerOut += d));
  const deadline = Date.now() + 120_000;
  while (!/Ready on/.test(wranglerOut)) {
    if (wrangler.exitCode !== null) throw new Error(`wrangler dev exited:\n${wranglerOut}`);
    if (Date.now() > deadline) throw new Error(`wrangler dev did not start:\n${wranglerOut}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--host-resolver-rules=MAP ${EVIL_HOST} 127.0.0.1`,
    ],
  });
});

after(async () => {
  await browser?.close();
  if (wrangler) {
    try {
      process.kill(-wrangler.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  await new Promise((r) => pageServer?.close(r));
  await origin?.close();
});

/** A fresh page at `pageOrigin`, with the CORS preflights Chromium sends recorded. */
async function openPage(pageOrigin) {
  const context = await browser.newContext();
  const p = await context.newPage();
  const preflights = [];
  const cdp = await context.newCDPSession(p);
  await cdp.send("Network.enable");
  cdp.on("Network.requestWillBeSent", (e) => {
    if (e.type === "Preflight" || e.request.method === "OPTIONS") preflights.push(e.request);
  });
  await p.goto(`${pageOrigin}/`);
  return { page: p, preflights, close: () => context.close() };
}

/** Run fetch(url, init) in the page; report what page script can see. */
function pageFetch(p, url, init) {
  return p.evaluate(
    async ([url, init]) => {
      try {
        const res = await fetch(url, init);
        return { ok: true, status: res.status, body: await res.text(), exposed: res.headers.get("x-origin") };
      } catch (e) {
        return { ok: false, error: String(e) };
      }
    },
    [url, init],
  );
}

const seenBy = (marker) => origin.seen.filter((r) => r.url.includes(marker));

describe("CORS in Chromium against the Worker under wrangler dev", { timeout: 180_000 }, () => {
  it("an allowed origin's credentialed fetch with a custom header passes its preflight and reads the answer", async () => {
    const { page: p, preflights, close } = await openPage(`http://127.0.0.1:${pagePort}`);
    try {
      // A cookie for 127.0.0.1 (cookies ignore ports): sent only because
      // the fetch asks for credentials and edgewall allows them.
      await p.evaluate(() => {
        document.cookie = "session=abc123; path=/";
      });
      const marker = "allowed-credentialed";
      const r = await pageFetch(p, `${workerUrl}/api/items?m=${marker}`, {
        method: "PUT",
        credentials: "include",
        headers: { "X-Custom": "from-page", "Content-Type": "application/json" },
        body: JSON.stringify({ hello: "world" }),
      });
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(r.status, 201);
      const record = JSON.parse(r.body);
      assert.equal(record.method, "PUT");
      assert.equal(record.headers["x-custom"], "from-page");
      assert.match(record.headers.cookie ?? "", /session=abc123/);
      assert.equal(r.exposed, "yes", "X-Origin is exposed to script by expose_headers");
      assert.ok(
        preflights.some((q) => q.url.includes(marker)),
        `Chromium sent a preflight: ${JSON.stringify(preflights)}`,
      );
      assert.equal(
        seenBy(marker).filter((s) => s.method === "OPTIONS").length,
        0,
        "the preflight was answered at the edge",
      );
      assert.equal(seenBy(marker).filter((s) => s.method === "PUT").length, 1);
    } finally {
      await close();
    }
  });

  it("a disallowed origin's fetch fails in the browser and never reaches the origin", async () => {
    const { page: p, close } = await openPage(`http://${EVIL_HOST}:${pagePort}`);
    try {
      const preflighted = await pageFetch(p, `${workerUrl}/api/items?m=evil-preflighted`, {
        method: "PUT",
        credentials: "include",
        headers: { "X-Custom": "x" },
        body: "{}",
      });
      assert.equal(preflighted.ok, false, JSON.stringify(preflighted));
      assert.match(preflighted.error, /TypeError/);
      // A simple GET needs no preflight: edgewall refuses it with a 403 the
      // page cannot read.
      const simple = await pageFetch(p, `${workerUrl}/api/items?m=evil-simple`, {});
      assert.equal(simple.ok, false, JSON.stringify(simple));
      assert.equal(seenBy("evil-").length, 0);
    } finally {
      await close();
    }
  });

  it("a request the firewall blocks shows the JSON message to an allowed origin's script", async () => {
    const { page: p, close } = await openPage(`http://127.0.0.1:${pagePort}`);
    try {
      const r = await pageFetch(p, `${workerUrl}/api/forbidden?m=blocked`, { credentials: "include" });
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(r.status, 403);
      const json = JSON.parse(r.body);
      assert.equal(json.error, "Forbidden");
      assert.equal(json.message, FORBIDDEN_MESSAGE);
      assert.match(json.request_id, /^[0-9a-f]{32}$/);
      assert.equal(seenBy("blocked").length, 0);
    } finally {
      await close();
    }
  });
});
