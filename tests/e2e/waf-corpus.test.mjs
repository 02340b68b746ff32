// The shipped rules (rules/), built into the Worker and run on workerd,
// against the labelled corpus (tests/waf-corpus): every request goes over
// real HTTP on 127.0.0.1 with the corpus's own method, path, headers and
// body, and the Worker must decide as `edgewall eval` does. Blocked
// requests get the standard 403 body and never reach the origin; allowed
// ones reach it with their bodies intact.
//
// Requests HTTP itself cannot carry as written (a CR, LF or NUL in a header,
// a header name with a space, duplicate Host or Content-Length headers,
// conflicting Transfer-Encoding: workerd answers those itself, before any
// Worker runs), and GETs with a body (whose body workerd drops), are left
// to the native tests and counted, not silently dropped.
import { after, before, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import zlib from "node:zlib";
import path from "node:path";
import { FORBIDDEN_MESSAGE, ROOT, sha256, startOrigin, startWorker } from "./harness.mjs";

const BUILD = process.env.EDGEWALL_SHIPPED_BUILD ?? "build-shipped";

function load(file) {
  return readFileSync(path.join(ROOT, "tests/waf-corpus", file), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** Can HTTP/1.1 carry this request as the corpus writes it? */
function sendable(r) {
  const names = new Set();
  for (const [name, value] of Object.entries(r.headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    const lower = name.toLowerCase();
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return false;
    if (values.some((v) => /[\r\n\0]/.test(v) || /[^\x00-\xff]/.test(v))) return false;
    if (["host", "content-length", "transfer-encoding"].includes(lower) && (values.length > 1 || names.has(lower))) return false;
    if (lower === "transfer-encoding") return false; // workerd reframes the body
    if (lower === "content-length") return false; // node sets the true length
    names.add(lower);
  }
  if (/[\s\x00-\x1f\x7f-\uffff]/.test(r.url)) return false;
  // workerd drops a GET's or HEAD's body, and its Content-Length, before
  // the Worker sees the request (as Cloudflare does).
  if (["GET", "HEAD"].includes(r.method) && r.body) return false;
  return true;
}

/** Send one corpus request exactly as written; resolve with status and body. */
function send(base, r) {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: r.method,
      path: r.url,
      setHost: false,
      agent: false,
    });
    for (const [name, value] of Object.entries(r.headers ?? {})) req.setHeader(name, value);
    if (!Object.keys(r.headers ?? {}).some((h) => h.toLowerCase() === "host")) req.setHeader("host", "example.com");
    req.setHeader("cf-connecting-ip", r.client_ip ?? "198.51.100.1");
    req.on("response", (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        // The corpus's browsers accept compressed answers; workerd obliges.
        let body = Buffer.concat(chunks);
        let encoding = res.headers["content-encoding"];
        if (body.length === 0) encoding = undefined;
        if (encoding === "gzip") body = zlib.gunzipSync(body);
        else if (encoding === "br") body = zlib.brotliDecompressSync(body);
        else if (encoding === "deflate") body = zlib.inflateSync(body);
        resolve({ status: res.statusCode, headers: res.headers, body: body.toString("utf8") });
      });
    });
    req.on("error", reject);
    req.end(r.body ?? undefined);
  });
}

function viaEval(requests) {
  const input = requests
    .map((r) => {
      const headers = { ...(r.headers ?? {}) };
      if (!Object.keys(headers).some((h) => h.toLowerCase() === "host")) headers.host = "example.com";
      if (r.body) headers["content-length"] = String(Buffer.byteLength(r.body));
      return JSON.stringify({ ...r, headers });
    })
    .join("\n");
  const cli = spawnSync("cargo", ["run", "-q", "--release", "--bin", "edgewall", "--", "eval", "--rules", "rules"], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  assert.equal(cli.status, 0, cli.stderr);
  return cli.stdout.trim().split("\n").map((l) => JSON.parse(l));
}

let origin;
let worker;
before(async () => {
  origin = await startOrigin();
  worker = await startWorker({ buildDir: BUILD, bindings: { ORIGIN: origin.url }, cf: {} });
});
after(async () => {
  await worker?.close();
  await origin?.close();
});

it("the Worker with the shipped rules decides every corpus request as eval does", { timeout: 600_000 }, async (t) => {
  const all = [...load("attacks.jsonl"), ...load("legit.jsonl")];
  const requests = all.filter(sendable);
  const skipped = all.length - requests.length;
  // The few that HTTP cannot carry are protocol-anomaly cases.
  assert.ok(skipped <= 40, `${skipped} corpus requests could not be sent`);
  const expected = viaEval(requests);
  assert.equal(expected.length, requests.length);

  const mismatches = [];
  const byRuntime = [];
  let blocked = 0;
  let allowed = 0;
  for (const [i, r] of requests.entries()) {
    const before = origin.seen.length;
    const res = await send(worker.url, r);
    const reached = origin.seen.slice(before);
    const want = expected[i].action;
    if (res.status >= 400 && res.status !== 403 && reached.length === 0 && !res.headers["content-type"]?.includes("json")) {
      // workerd's own answer (an unknown method, a malformed request):
      // no Worker ran, and nothing reached the origin.
      byRuntime.push(`${r.id} ${res.status}`);
      continue;
    }
    if (res.status === 403) {
      blocked++;
      const body = r.method === "HEAD" ? { error: "Forbidden", message: FORBIDDEN_MESSAGE, request_id: "-" } : JSON.parse(res.body);
      assert.deepEqual(Object.keys(body).sort(), ["error", "message", "request_id"], r.id);
      assert.equal(body.message, FORBIDDEN_MESSAGE, r.id);
      assert.equal(reached.length, 0, `${r.id}: a blocked request reached the origin`);
    } else {
      allowed++;
      assert.equal(res.status, 201, `${r.id}: ${res.status} ${res.body.slice(0, 200)}`);
      assert.equal(reached.length, 1, r.id);
      if (r.body) assert.equal(reached[0].bodySha256, sha256(Buffer.from(r.body)), `${r.id}: body altered`);
    }
    const got = res.status === 403 ? "block" : "allow";
    if (got !== want) mismatches.push({ id: r.id, worker: got, eval: want, rule: expected[i].rule });
  }
  t.diagnostic(
    `${requests.length} of ${all.length} corpus requests sent: ${blocked} blocked, ${allowed} allowed, ` +
      `${byRuntime.length} answered by workerd itself; ${mismatches.length} differ from eval`,
  );
  assert.deepEqual(mismatches, []);
  assert.ok(
    byRuntime.length <= 10 && byRuntime.every((x) => x.startsWith("protocol/")),
    `answered by workerd itself: ${byRuntime.join(", ")}`,
  );
  assert.ok(blocked > 500 && allowed > 700, `blocked ${blocked}, allowed ${allowed}`);
});
