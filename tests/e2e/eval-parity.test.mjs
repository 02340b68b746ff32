// `edgewall eval` must make exactly the decision the Worker makes. The same
// requests go to the built Worker on workerd (the rule that decided is read
// from its log line: responses never say) and through the real CLI binary.
import { after, before, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { ORIGIN_OWN_ACAO, ROOT, decisions, eventually, startOrigin, startWorker } from "./harness.mjs";

const BUILD = process.env.EDGEWALL_E2E_BUILD ?? "build-e2e";
const RULES = "tests/e2e/rules";

const CASES = [
  { url: "/", ip: "198.51.100.1" },
  { url: "/", ip: "192.0.2.77" },
  { url: "/deep/path?q=1", ip: "::ffff:192.0.2.9" },
  { url: "/", ip: "2001:db8:dead:1::5" },
  { url: "/admin", ip: "203.0.113.1" },
  { url: "/admin/x", ip: "203.0.113.1" },
  { url: "/admin/x", ip: "198.51.100.1" },
  { url: "/%61dmin/x", ip: "198.51.100.1" },
  { url: "//admin", ip: "2001:db8:1::1" },
  { url: "//admin", ip: "2001:db8:2::1" },
  { url: "/administrator", ip: "198.51.100.1" },
  { url: "/x/../admin/", ip: "198.51.100.1" },
  { url: "/a/b/c.php", ip: "2001:db8::1" },
  { url: "/a/b/c.php", ip: "2001:db9::1" },
  { url: "/c.phps", ip: "2001:db8::1" },
  { url: "/", ip: "10.10.0.5", headers: { "x-forwarded-for": "192.0.2.1" } },
  { url: "/", ip: "10.10.0.5", headers: { "x-forwarded-for": "198.51.100.3, 10.10.0.9" } },
  { url: "/", ip: "198.51.100.5", headers: { "x-forwarded-for": "192.0.2.1" } },
  { url: "/", ip: "not-an-ip" },
  { url: "/", ip: "1.2.3.4:80" },
  // Geo (tests/e2e/rules/30-geo.toml): `request.cf` has no country here,
  // so both place the client with the fixture database.
  { url: "/", ip: "198.18.2.7" },
  { url: "/", ip: "::ffff:198.18.2.7" },
  { url: "/eu-only/a", ip: "198.18.1.7" },
  { url: "/eu-only/a", ip: "198.18.5.7" },
  { url: "/eu-only/a", ip: "2001:db8:7001::1" },
  { url: "/geo/asn", ip: "198.18.6.7" },
  { url: "/geo/known-only", ip: "198.51.100.7" },
  // CORS (tests/e2e/rules/20-cors.toml): verdicts and the headers set.
  ...[
    { method: "OPTIONS", url: "/api/x", headers: { origin: "https://app.example.com", "access-control-request-method": "PUT", "access-control-request-headers": "X-Custom" } },
    { method: "OPTIONS", url: "/api/x", headers: { origin: "https://app.example.com", "access-control-request-method": "patch" } },
    { method: "OPTIONS", url: "/api/x", headers: { origin: "https://evil.test", "access-control-request-method": "GET" } },
    { method: "OPTIONS", url: "/api/x", headers: { origin: "https://app.example.com" } },
    { url: "/api/x", headers: { origin: "https://shop.example.org" } },
    { url: "/api/x", headers: { origin: "https://example.org.evil.test" } },
    { url: "/api/forbidden", headers: { origin: "https://app.example.com" } },
    { url: "/public/x", headers: { origin: "https://a.test" } },
    { url: "/public/x", headers: { origin: "https://a.test", cookie: "a=1" } },
    { url: "/widgets/x", headers: { origin: "https://a.test" } },
  ].map((c) => ({ ip: "198.51.100.1", ...c })),
];

/** The `access-control-*` headers, sorted, as one object. */
function cors(entries) {
  return Object.fromEntries(entries.filter(([k]) => k.startsWith("access-control-")).sort());
}

let origin;
let worker;
before(async () => {
  origin = await startOrigin();
  // No location in `request.cf`, as `edgewall eval` without `country`.
  worker = await startWorker({ buildDir: BUILD, bindings: { ORIGIN: origin.url }, cf: {} });
});
after(async () => {
  await worker?.close();
  await origin?.close();
});

async function viaWorker(c) {
  const res = await fetch(worker.url + c.url, {
    method: c.method ?? "GET",
    headers: { "cf-connecting-ip": c.ip, ...(c.headers ?? {}) },
  });
  const body = await res.text();
  // The origin's own CORS headers reaching the client mean edgewall left
  // them alone (no policy covers the path): eval then sets none.
  const headers = res.headers.get("access-control-allow-origin") === ORIGIN_OWN_ACAO ? {} : cors([...res.headers]);
  if (res.status === 204) return { action: "preflight", rule: null, headers };
  if (res.status !== 403) return { action: "allow", rule: null, headers };
  const id = JSON.parse(body).request_id;
  const line = await eventually(() => decisions(worker.logs).find((d) => d.request_id === id));
  assert.ok(line, `no log line for ${id}`);
  return { action: line.action, rule: line.rule, headers };
}

function viaEval(cases) {
  const input = cases
    .map((c) => JSON.stringify({ method: c.method ?? "GET", url: c.url, headers: c.headers ?? {}, client_ip: c.ip }))
    .join("\n");
  const cli = spawnSync("cargo", ["run", "-q", "--release", "--bin", "edgewall", "--", "eval", "--rules", RULES], {
    cwd: ROOT,
    input,
    encoding: "utf8",
  });
  assert.equal(cli.status, 0, cli.stderr);
  return cli.stdout.trim().split("\n").map((l) => JSON.parse(l));
}

it("eval and the Worker agree on every case: action, rule and CORS headers", { timeout: 300_000 }, async () => {
  const fromEval = viaEval(CASES);
  assert.equal(fromEval.length, CASES.length);
  const mismatches = [];
  let blocks = 0;
  for (const [i, c] of CASES.entries()) {
    const w = await viaWorker(c);
    // An allow's rule (the allow rule that matched, if any) and an allowed
    // preflight's policy are not logged by the Worker, so those compare on
    // action and headers only.
    const e = {
      action: fromEval[i].action,
      rule: fromEval[i].action === "block" ? fromEval[i].rule : null,
      headers: cors(Object.entries(fromEval[i].headers)),
    };
    if (w.action === "block") blocks++;
    if (JSON.stringify(w) !== JSON.stringify(e)) mismatches.push({ case: c, worker: w, eval: e });
  }
  assert.deepEqual(mismatches, []);
  assert.ok(blocks >= 8, `the cases must exercise blocks too (got ${blocks})`);
  const withCors = CASES.filter((_, i) => Object.keys(fromEval[i].headers).some((k) => k.startsWith("access-control-")));
  assert.ok(withCors.length >= 5, `the cases must exercise CORS headers too (got ${withCors.length})`);
});
