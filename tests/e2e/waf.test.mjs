// The WAF on real workerd (Miniflare), over real HTTP: attacks in the
// query, a JSON body and a form body get the standard 403 and never reach
// the origin; allowed bodies, large and small, reach it byte for byte,
// including ones over the inspection limit (only their start is read).
// Fixture: tests/e2e/rules/40-waf.toml.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { FORBIDDEN_MESSAGE, decisions, eventually, sha256, startOrigin, startWorker } from "./harness.mjs";

const BUILD = process.env.EDGEWALL_E2E_BUILD ?? "build-e2e";

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
  const marker = `waf-${process.pid}-${++n}`;
  const res = await fetch(worker.url + path, {
    method,
    body,
    duplex: body instanceof ReadableStream ? "half" : undefined,
    headers: { "cf-connecting-ip": "198.51.100.40", "x-test-marker": marker, ...headers },
  });
  const text = await res.text();
  const seen = origin.seen.find((r) => r.headers["x-test-marker"] === marker);
  return { res, text, seen };
}

async function expectBlocked(r, rule) {
  assert.equal(r.res.status, 403, r.text);
  const body = JSON.parse(r.text);
  assert.equal(body.message, FORBIDDEN_MESSAGE);
  assert.doesNotMatch(r.text, /sql|xss|script|waf|rule/i, "the body names no rule");
  assert.equal(r.seen, undefined, "a blocked request never reaches the origin");
  const line = await eventually(() => decisions(worker.logs).find((d) => d.request_id === body.request_id));
  assert.ok(line, "logged");
  assert.equal(line.stage, "waf");
  assert.equal(line.rule, rule);
}

describe("attacks get the 403", () => {
  it("in the query", async () => {
    await expectBlocked(await send("/items?id=1%27%20OR%20%271%27%3D%271"), "e2e-sqli");
  });
  it("in a JSON body", async () => {
    const body = JSON.stringify({ user: { name: "x", note: "<SCRIPT>alert(1)</SCRIPT>" } });
    await expectBlocked(await send("/api", { method: "POST", body, headers: { "content-type": "application/json" } }), "e2e-xss");
  });
  it("in a form body", async () => {
    await expectBlocked(
      await send("/login", {
        method: "POST",
        body: "user=admin%27--&pass=x",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      "e2e-sqli",
    );
  });
  it("within the first 64 KiB of a large body", async () => {
    const body = `a=${"1".repeat(1000)}&q=<script>x&pad=${"y".repeat(200_000)}`;
    await expectBlocked(
      await send("/big", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } }),
      "e2e-xss",
    );
  });
});

describe("allowed requests reach the origin whole", () => {
  it("a form with O'Reilly and prose with SQL words", async () => {
    const body = "name=O%27Reilly&comment=please+select+the+best+option+from+the+list";
    const r = await send("/comment", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
    assert.equal(r.res.status, 201);
    assert.equal(r.seen.bodySha256, sha256(Buffer.from(body)));
  });

  it("a 1 MiB binary body, read in part by the WAF, arrives byte for byte", async () => {
    const payload = randomBytes(1024 * 1024);
    const r = await send("/upload", { method: "PUT", body: payload, headers: { "content-type": "application/octet-stream" } });
    assert.equal(r.res.status, 201);
    assert.equal(r.seen.bodyBytes, payload.length);
    assert.equal(r.seen.bodySha256, sha256(payload));
  });

  it("an attack past the 64 KiB inspection limit is not seen (inspect_prefix), and the body is intact", async () => {
    const body = Buffer.from(`pad=${"z".repeat(70_000)}&q=<script>x`);
    const r = await send("/big", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
    assert.equal(r.res.status, 201);
    assert.equal(r.seen.bodySha256, sha256(body));
  });

  it("a streamed (chunked) body without Content-Length", async () => {
    const chunks = ["hello ", "streamed ", "world"];
    const stream = new ReadableStream({
      start(c) {
        for (const s of chunks) c.enqueue(new TextEncoder().encode(s));
        c.close();
      },
    });
    const r = await send("/stream", { method: "POST", body: stream, headers: { "content-type": "text/plain" } });
    assert.equal(r.res.status, 201);
    assert.equal(r.seen.bodySha256, sha256(Buffer.from(chunks.join(""))));
  });
});
