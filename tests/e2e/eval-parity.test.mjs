// `edgewall eval` must make exactly the decision the Worker makes. The same
// requests go to the built Worker on workerd (the rule that decided is read
// from its log line: responses never say) and through the real CLI binary.
import { after, before, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { ROOT, decisions, eventually, startOrigin, startWorker } from "./harness.mjs";

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
];

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

async function viaWorker(c) {
  const res = await fetch(worker.url + c.url, { headers: { "cf-connecting-ip": c.ip, ...(c.headers ?? {}) } });
  const body = await res.text();
  if (res.status !== 403) return { action: "allow", rule: null };
  const id = JSON.parse(body).request_id;
  const line = await eventually(() => decisions(worker.logs).find((d) => d.request_id === id));
  assert.ok(line, `no log line for ${id}`);
  return { action: line.action, rule: line.rule };
}

function viaEval(cases) {
  const input = cases
    .map((c) => JSON.stringify({ method: "GET", url: c.url, headers: c.headers ?? {}, client_ip: c.ip }))
    .join("\n");
  const cli = spawnSync("cargo", ["run", "-q", "--release", "--bin", "edgewall", "--", "eval", "--rules", RULES], {
    cwd: ROOT,
    input,
    encoding: "utf8",
  });
  assert.equal(cli.status, 0, cli.stderr);
  return cli.stdout.trim().split("\n").map((l) => JSON.parse(l));
}

it("eval and the Worker agree on every case, action and rule", { timeout: 300_000 }, async () => {
  const fromEval = viaEval(CASES);
  assert.equal(fromEval.length, CASES.length);
  const mismatches = [];
  let blocks = 0;
  for (const [i, c] of CASES.entries()) {
    const w = await viaWorker(c);
    // An allow's rule (the allow rule that matched, if any) is not logged
    // by the Worker, so allows compare on action only.
    const e = { action: fromEval[i].action, rule: fromEval[i].action === "block" ? fromEval[i].rule : null };
    if (w.action === "block") blocks++;
    if (JSON.stringify(w) !== JSON.stringify(e)) mismatches.push({ case: c, worker: w, eval: e });
  }
  assert.deepEqual(mismatches, []);
  assert.ok(blocks >= 8, `the cases must exercise blocks too (got ${blocks})`);
});
