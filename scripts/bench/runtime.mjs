// The built Worker on real workerd (through Miniflare, as the end-to-end
// tests run it), against the pass-through Worker built the same way
// (EDGEWALL_PASSTHROUGH=1, see build.rs) as the in-run baseline, with a
// keep-alive Node origin behind both, all on 127.0.0.1:
//
//   cold  fresh workerd instances, alternately of each Worker: time to
//         ready, then to the first answer (the firewall loads its rules on
//         its first request), then a second answer
//   load  wrk, the same request mix, duration and connections against
//         each, alternating, several rounds: throughput, p50/p99 latency
//   paired two Workers at once on one core, each under its own wrk, for
//         --paired-rounds rounds of --paired-duration seconds: workerd's
//         CPU time per request of each over the same seconds, and their
//         ratio per round (median and quartiles). Three pairs: the
//         pass-through with the firewall (the figure the target is about),
//         then with the reader (EDGEWALL_READER=1: reads the request as the
//         firewall does, evaluates nothing), then the reader with the
//         firewall: what reading the request costs on the runtime, and
//         what the rules cost on top of it
//   soak  wrk against a fresh firewall instance for --soak-warmup seconds
//         (default 90), then --soak seconds, measured:
//         socket errors and unexpected statuses (must be 0), and workerd's
//         resident memory sampled from start to end; then the same for the
//         pass-through, whose memory curve is the baseline
//
// Every part is bounded in time. Run by scripts/bench.sh, which builds
// the two Workers first:
//   node scripts/bench/runtime.mjs --out FILE [--parts cold,load,paired,soak] [--mix FILE]
//     [--firewall DIR] [--passthrough DIR] [--reader DIR] [--cold-starts N]
//     [--duration S] [--rounds N] [--connections N] [--threads N] [--soak S]
//     [--soak-warmup S] [--paired-rounds N] [--paired-duration S]
//     [--soak-worker firewall,passthrough]
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:http";
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { parseArgs } from "node:util";
import { availableParallelism } from "node:os";
import { startWorker, ROOT } from "../../tests/e2e/harness.mjs";

const { values: opt } = parseArgs({
  options: {
    out: { type: "string" },
    mix: { type: "string" },
    parts: { type: "string", default: "cold,load,soak" },
    firewall: { type: "string", default: "target/bench/worker-firewall" },
    passthrough: { type: "string", default: "target/bench/worker-passthrough" },
    reader: { type: "string", default: "target/bench/worker-reader" },
    "cold-starts": { type: "string", default: "7" },
    duration: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "32" },
    threads: { type: "string", default: "1" },
    soak: { type: "string", default: "60" },
    "soak-warmup": { type: "string", default: "90" },
    "soak-worker": { type: "string", default: "firewall,passthrough" },
    "paired-rounds": { type: "string", default: "10" },
    "paired-duration": { type: "string", default: "4" },
    "no-pin": { type: "boolean", default: false },
  },
});
const parts = new Set(opt.parts.split(","));
const KINDS = { passthrough: opt.passthrough, firewall: opt.firewall, reader: opt.reader };
const WORK = path.join(ROOT, "target/bench/runtime");
mkdirSync(WORK, { recursive: true });
const log = (...a) => console.error("bench:", ...a);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round1 = (x) => Math.round(x * 10) / 10;

// ---- the origin ------------------------------------------------------------

/** A keep-alive origin that reads the whole body and answers a small JSON. */
async function startOrigin() {
  let served = 0;
  const server = createServer((req, res) => {
    let bytes = 0;
    req.on("data", (c) => (bytes += c.length));
    req.on("end", () => {
      served++;
      const body = `{"ok":true,"bytes":${bytes}}`;
      res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    served: () => served,
    close: () => new Promise((r) => server.close(r)),
  };
}

// ---- the Workers -------------------------------------------------------------

/** PIDs of the workerd processes this process started. */
function workerdChildren() {
  const out = new Set();
  for (const p of readdirSync("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const m = readFileSync(`/proc/${p}/stat`, "utf8").match(/^\d+ \((.*)\) \S (\d+)/);
      if (m && m[1] === "workerd" && Number(m[2]) === process.pid) out.add(Number(p));
    } catch {
      /* gone */
    }
  }
  return out;
}

/**
 * With two cores or more, each workerd gets the last core to itself while
 * wrk, the origin and this script share the others, so that the load
 * generator does not compete with the Worker under test for CPU (both
 * Workers alike). `--no-pin` leaves it to the kernel.
 */
const CORES = availableParallelism();
const PIN = !opt["no-pin"] && CORES >= 2 && hasTaskset();
const WORKERD_CPUS = `${CORES - 1}`;
const OTHER_CPUS = CORES > 2 ? `0-${CORES - 2}` : "0";

function hasTaskset() {
  try {
    execFileSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Bind every thread of `pid` to `cpus` (a taskset list). */
function pin(pid, cpus) {
  execFileSync("taskset", ["-a", "-p", "-c", cpus, String(pid)], { stdio: "ignore" });
}

// Children (wrk, workerd until it is moved) inherit this.
if (PIN) pin(process.pid, OTHER_CPUS);

/** Clock ticks per second of the times in /proc/<pid>/stat. */
const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** The CPU time a process has used so far (user and system, all its threads), in µs. */
function cpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // After the command name: field 3 (state) first; utime is field 14, stime 15.
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1e6) / CLK_TCK;
}

function rssMiB(pid) {
  const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Start `kind` on a fresh workerd; returns the Miniflare handle and workerd's pid. */
async function start(kind, origin) {
  const before = workerdChildren();
  const w = await startWorker({ buildDir: KINDS[kind], bindings: { ORIGIN: origin.url } });
  const pid = [...workerdChildren()].find((p) => !before.has(p));
  if (PIN && pid) pin(pid, WORKERD_CPUS);
  return { ...w, pid };
}

// ---- the request mix -------------------------------------------------------

/** A browser's User-Agent, for the cold-start requests. */
const BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

/**
 * The request mix, as `cargo run --example load_mix` prints it from
 * crates/engine/benches/support/mix.rs (the engine-alone benchmarks time
 * the same requests): 2,000 requests from 100 clients, 60% GETs of pages,
 * assets and searches, 20% JSON POSTs (0.3 to 4 KB), 15% form POSTs, 5%
 * attacks (SQL injection, XSS, path traversal, command injection, a
 * scanner) that the default rules block. Each client keeps its headers
 * and cookie from request to request, as browsers do; paths, query
 * values and bodies differ from one request to the next, so a cache of
 * values seen before helps with what repeats in real traffic and not
 * with the rest.
 */
function mix() {
  if (!opt.mix) throw new Error("--mix FILE is needed for load and soak (scripts/bench.sh writes it)");
  return JSON.parse(readFileSync(opt.mix, "utf8")).map((r) => ({
    method: r.method,
    path: r.path,
    headers: Object.fromEntries(r.headers),
    body: r.body ?? undefined,
    attack: r.attack,
  }));
}

/** The mix as raw HTTP/1.1 requests in a Lua file for scripts/bench/mix.lua. */
function writeLuaMix(reqs) {
  const lua = (s) =>
    '"' + [...Buffer.from(s)].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\${b}`)).join("") + '"';
  const raw = reqs.map((r) => {
    const body = r.body ?? "";
    let head = `${r.method} ${r.path} HTTP/1.1\r\nHost: shop.example.com\r\n`;
    for (const [k, v] of Object.entries(r.headers)) head += `${k}: ${v}\r\n`;
    if (r.body !== undefined) head += `content-length: ${Buffer.byteLength(body)}\r\n`;
    return head + "\r\n" + body;
  });
  const file = path.join(WORK, "mix-requests.lua");
  writeFileSync(file, "return {\n" + raw.map((r) => "  " + lua(r) + ",\n").join("") + "}\n");
  return file;
}

/** Every request of the mix once: the firewall must block exactly the attacks, the pass-through nothing. */
async function checkMix(kind, url, reqs) {
  for (const r of reqs) {
    const res = await fetch(url + r.path, { method: r.method, headers: { ...r.headers, host: "shop.example.com" }, body: r.body });
    await res.arrayBuffer();
    const want = kind === "firewall" && r.attack ? 403 : 200;
    if (res.status !== want) throw new Error(`${kind}: ${r.method} ${r.path} got ${res.status}, expected ${want}`);
  }
}

// ---- wrk -------------------------------------------------------------------

function wrk(url, seconds, mixFile, connections = opt.connections) {
  const args = ["-t", opt.threads, "-c", connections, "-d", `${seconds}s`, "--timeout", "5s",
    "-s", path.join(ROOT, "scripts/bench/mix.lua"), url];
  return new Promise((resolve, reject) => {
    const p = spawn("wrk", args, { env: { ...process.env, EDGEWALL_MIX: mixFile } });
    let out = "";
    let err = "";
    p.stdout.on("data", (c) => (out += c));
    p.stderr.on("data", (c) => (err += c));
    // wrk stops by itself after `seconds`; this only guards a hang.
    const guard = setTimeout(() => p.kill("SIGKILL"), (seconds + 30) * 1000);
    p.on("close", (code) => {
      clearTimeout(guard);
      const line = out.split("\n").find((l) => l.startsWith("EDGEWALL_WRK "));
      if (code !== 0 || !line) return reject(new Error(`wrk failed (${code}): ${err}${out}`));
      const r = JSON.parse(line.slice("EDGEWALL_WRK ".length));
      r.rps = r.requests / (r.duration_us / 1e6);
      r.socket_errors = Object.values(r.errors).reduce((a, b) => a + b, 0);
      resolve(r);
    });
  });
}

// ---- the parts -------------------------------------------------------------

async function cold(origin) {
  const n = Number(opt["cold-starts"]);
  const runs = { passthrough: [], firewall: [] };
  for (let i = 0; i < n; i++) {
    for (const kind of i % 2 ? ["firewall", "passthrough"] : ["passthrough", "firewall"]) {
      const t0 = performance.now();
      const w = await start(kind, origin);
      const t1 = performance.now();
      const headers = { "cf-connecting-ip": "198.51.100.7", "user-agent": BROWSER_UA };
      let res = await fetch(w.url + "/catalog?page=1", { headers });
      await res.arrayBuffer();
      const t2 = performance.now();
      res = await fetch(w.url + "/catalog?page=2", { headers });
      await res.arrayBuffer();
      const t3 = performance.now();
      await w.close();
      if (res.status !== 200) throw new Error(`${kind}: cold-start request got ${res.status}`);
      runs[kind].push({ ready_ms: t1 - t0, first_answer_ms: t2 - t1, total_ms: t2 - t0, second_answer_ms: t3 - t2 });
    }
  }
  const summary = {};
  for (const [kind, rs] of Object.entries(runs)) {
    summary[kind] = {};
    for (const k of Object.keys(rs[0])) summary[kind][k] = round1(median(rs.map((r) => r[k])));
  }
  const f = summary.firewall;
  const p = summary.passthrough;
  log(`cold start: firewall ${f.total_ms} ms (ready ${f.ready_ms} + first answer ${f.first_answer_ms}); pass-through ${p.total_ms} ms (${p.ready_ms} + ${p.first_answer_ms})`);
  return { starts_per_worker: n, median: summary, runs };
}

/**
 * The Workers of `kinds` started, each checked against every request of
 * the mix; if one fails, those already started are closed before the error
 * goes on.
 */
async function startChecked(origin, reqs, kinds) {
  const workers = {};
  try {
    for (const kind of kinds) {
      workers[kind] = await start(kind, origin);
      await checkMix(kind, workers[kind].url, reqs);
    }
    return workers;
  } catch (e) {
    for (const w of Object.values(workers)) await w.close();
    throw e;
  }
}

async function load(origin, reqs, mixFile) {
  const rounds = Number(opt.rounds);
  const seconds = Number(opt.duration);
  const workers = await startChecked(origin, reqs, ["passthrough", "firewall"]);
  const runs = { passthrough: [], firewall: [] };
  try {
    for (const w of Object.values(workers)) await wrk(w.url, 2, mixFile); // warm up: JIT, connections
    for (let i = 0; i < rounds; i++) {
      for (const kind of i % 2 ? ["firewall", "passthrough"] : ["passthrough", "firewall"]) {
        const cpu0 = cpuMicros(workers[kind].pid);
        const r = await wrk(workers[kind].url, seconds, mixFile);
        // workerd's own time per request: what the Worker costs, whatever
        // share of the machine wrk and the origin took in this round.
        r.workerd_cpu_us_per_req = round1((cpuMicros(workers[kind].pid) - cpu0) / r.requests);
        log(`load ${kind} round ${i + 1}: ${Math.round(r.rps)} req/s, p50 ${r.latency_us.p50} µs, p99 ${r.latency_us.p99} µs, workerd CPU ${r.workerd_cpu_us_per_req} µs/request, 403 ${r.status["403"]}, other ${r.status.other}, socket errors ${r.socket_errors}`);
        runs[kind].push(r);
      }
    }
  } finally {
    for (const w of Object.values(workers)) await w.close();
  }
  const summary = {};
  for (const [kind, rs] of Object.entries(runs)) {
    const requests = rs.reduce((a, r) => a + r.requests, 0);
    const secs = rs.reduce((a, r) => a + r.duration_us, 0) / 1e6;
    summary[kind] = {
      rps: Math.round(requests / secs),
      p50_ms: round1(median(rs.map((r) => r.latency_us.p50)) / 100) / 10,
      p99_ms: round1(median(rs.map((r) => r.latency_us.p99)) / 100) / 10,
      requests,
      workerd_cpu_us_per_req: round1(median(rs.map((r) => r.workerd_cpu_us_per_req))),
      blocked_403: rs.reduce((a, r) => a + r.status["403"], 0),
      unexpected_status: rs.reduce((a, r) => a + r.status.other, 0),
      socket_errors: rs.reduce((a, r) => a + r.socket_errors, 0),
    };
  }
  const ratio = summary.firewall.rps / summary.passthrough.rps;
  const cpuRatio = summary.passthrough.workerd_cpu_us_per_req / summary.firewall.workerd_cpu_us_per_req;
  log(`load: firewall ${summary.firewall.rps} req/s vs pass-through ${summary.passthrough.rps} req/s = ${(ratio * 100).toFixed(1)}%`);
  log(`load: workerd CPU per request, firewall ${summary.firewall.workerd_cpu_us_per_req} µs vs pass-through ${summary.passthrough.workerd_cpu_us_per_req} µs: ratio ${(cpuRatio * 100).toFixed(1)}%`);
  return {
    seconds_per_run: seconds,
    rounds,
    connections: Number(opt.connections),
    threads: Number(opt.threads),
    pinned: PIN ? { workerd: WORKERD_CPUS, wrk_and_origin: OTHER_CPUS } : null,
    attack_share: reqs.filter((r) => r.attack).length / reqs.length,
    throughput_ratio: Math.round(ratio * 1000) / 1000,
    cpu_ratio: Math.round(cpuRatio * 1000) / 1000,
    summary,
    runs,
  };
}

/**
 * Two Workers at once, on the same core, each under its own wrk (half the
 * connections each), round after round: what each costs per request is
 * measured over the same seconds, so the machine's drift (its speed moved
 * by 20% within one alternating run) hits both alike and cancels in the
 * ratio. Sharing the core also shares its caches, as isolates on one
 * machine do. Needs pinning; the alternating `load` part gives throughput
 * and latency, this one the steadier cost ratio.
 *
 * `cpu_ratio` is `base`'s CPU per request over `other`'s: the share of
 * `base`'s throughput `other` keeps when workerd is the bottleneck.
 */
async function pairedOne(origin, reqs, mixFile, base, other) {
  const rounds = Number(opt["paired-rounds"]);
  const seconds = Number(opt["paired-duration"]);
  const workers = await startChecked(origin, reqs, [base, other]);
  const half = String(Math.max(1, Math.floor(Number(opt.connections) / 2)));
  const drive = (kind, s) => wrk(workers[kind].url, s, mixFile, half);
  const runs = [];
  try {
    await Promise.all([drive(base, 3), drive(other, 3)]); // warm up
    for (let i = 0; i < rounds; i++) {
      const cpu0 = { [base]: cpuMicros(workers[base].pid), [other]: cpuMicros(workers[other].pid) };
      const [rb, ro] = await Promise.all([drive(base, seconds), drive(other, seconds)]);
      const r = {
        [`${base}_cpu_us_per_req`]: round1((cpuMicros(workers[base].pid) - cpu0[base]) / rb.requests),
        [`${other}_cpu_us_per_req`]: round1((cpuMicros(workers[other].pid) - cpu0[other]) / ro.requests),
        errors: rb.socket_errors + ro.socket_errors + rb.status.other + ro.status.other,
      };
      r.cpu_ratio = Math.round((r[`${base}_cpu_us_per_req`] / r[`${other}_cpu_us_per_req`]) * 1000) / 1000;
      log(`paired ${base}/${other} round ${i + 1}: workerd CPU per request, ${other} ${r[`${other}_cpu_us_per_req`]} µs, ${base} ${r[`${base}_cpu_us_per_req`]} µs: ratio ${(r.cpu_ratio * 100).toFixed(1)}%`);
      runs.push(r);
    }
  } finally {
    for (const w of Object.values(workers)) await w.close();
  }
  const ratios = runs.map((r) => r.cpu_ratio).sort((a, b) => a - b);
  const q = (f) => ratios[Math.min(ratios.length - 1, Math.floor(f * ratios.length))];
  const out = {
    base,
    other,
    rounds,
    seconds_per_round: seconds,
    connections_per_worker: Number(half),
    cpu_ratio: median(ratios),
    cpu_ratio_quartiles: [q(0.25), q(0.75)],
    [`${other}_cpu_us_per_req`]: round1(median(runs.map((r) => r[`${other}_cpu_us_per_req`]))),
    [`${base}_cpu_us_per_req`]: round1(median(runs.map((r) => r[`${base}_cpu_us_per_req`]))),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    runs,
  };
  log(`paired: CPU ratio ${base} / ${other} ${(out.cpu_ratio * 100).toFixed(1)}% (quartiles ${(out.cpu_ratio_quartiles[0] * 100).toFixed(1)}-${(out.cpu_ratio_quartiles[1] * 100).toFixed(1)}%)`);
  return out;
}

/**
 * The pass-through against the firewall (the target's figure), then the
 * reader against each: the firewall's extra cost split into reading the
 * request and evaluating it.
 */
async function paired(origin, reqs, mixFile) {
  if (!PIN) {
    log("paired: skipped (needs taskset and two cores)");
    // Null, not absent: bench.sh keeps an earlier run's parts that a run
    // leaves out, and the report must not show them under this run's date.
    return { paired: null, paired_reader: null };
  }
  return {
    paired: await pairedOne(origin, reqs, mixFile, "passthrough", "firewall"),
    paired_reader: {
      passthrough_reader: await pairedOne(origin, reqs, mixFile, "passthrough", "reader"),
      reader_firewall: await pairedOne(origin, reqs, mixFile, "reader", "firewall"),
    },
  };
}

/**
 * One Worker under the mix: `warmup` seconds of load, then `seconds` more,
 * workerd's RSS sampled every 2 s from the start (t_s counts from the
 * start of the warm-up). workerd's memory rises under load for its first
 * 30 to 90 s whatever the Worker (V8's heap and the allocator settle; the
 * pass-through does it too), the longer the fewer requests it serves: at
 * 1,150 req/s the firewall was still climbing 90 s in, while at 1,400
 * req/s it settled by 55 s and then sawed between 535 and 626 MiB for
 * two minutes (raw/soak-firewall-180s.json; raw/soak-180s.json has both
 * Workers flat after their climb). Hence the 90 s warm-up; growth is
 * judged on the second half of the measured `seconds`: the mean of its
 * last quarter against the mean of the quarter before, more than 5% is
 * growth. A per-request leak of even 1 KB at these rates grows by tens of
 * MiB per quarter.
 */
async function soakOne(kind, origin, reqs, mixFile, seconds, warmup) {
  const w = await start(kind, origin);
  try {
    await checkMix(kind, w.url, reqs);
    const samples = [];
    const t0 = performance.now();
    const sample = () => samples.push({ t_s: round1((performance.now() - t0) / 1000), rss_mib: round1(rssMiB(w.pid)) });
    sample();
    const timer = setInterval(sample, 2000);
    let r;
    // The warm-up's answers count for errors as much as the measured ones.
    let warmupErrors = 0;
    try {
      if (warmup > 0) {
        const w0 = await wrk(w.url, warmup, mixFile);
        warmupErrors = w0.socket_errors + w0.status.other;
      }
      r = await wrk(w.url, seconds, mixFile);
    } finally {
      clearInterval(timer);
    }
    sample();
    const mean = (from, to) => {
      const xs = samples.filter((x) => x.t_s >= warmup + from * seconds && x.t_s <= warmup + to * seconds).map((x) => x.rss_mib);
      return round1(xs.reduce((a, b) => a + b, 0) / xs.length);
    };
    const third = mean(0.5, 0.75);
    const fourth = mean(0.75, 1.01);
    const grew = fourth - third > 0.05 * third;
    const errors = r.socket_errors + r.status.other + warmupErrors;
    const attackShare = reqs.filter((q) => q.attack).length / reqs.length;
    const expected403 = kind === "firewall" ? Math.round(r.requests * attackShare) : 0;
    const measured = samples.filter((x) => x.t_s >= warmup);
    const rss = {
      start: measured[0].rss_mib,
      end: samples[samples.length - 1].rss_mib,
      max: Math.max(...samples.map((x) => x.rss_mib)),
      third_quarter_mean: third,
      last_quarter_mean: fourth,
    };
    log(`soak ${kind} ${seconds} s: ${r.requests} requests, ${Math.round(r.rps)} req/s, errors ${errors}, 403 ${r.status["403"]} (mix share ${expected403}), RSS ${rss.start} -> ${rss.end} MiB (max ${rss.max}; 3rd quarter ${third}, 4th ${fourth})`);
    return {
      seconds,
      warmup_s: warmup,
      requests: r.requests,
      rps: Math.round(r.rps),
      errors,
      socket_errors: r.errors,
      unexpected_status: r.status.other,
      warmup_errors: warmupErrors,
      blocked_403: r.status["403"],
      expected_403: expected403,
      latency_ms: { p50: r.latency_us.p50 / 1000, p99: r.latency_us.p99 / 1000 },
      rss_mib: rss,
      memory_grew: grew,
      ok: errors === 0 && !grew,
      samples,
    };
  } finally {
    await w.close();
  }
}

/** The firewall soaked, then the pass-through the same way: its memory curve is the baseline. */
async function soak(origin, reqs, mixFile) {
  const seconds = Number(opt.soak);
  const warmup = Number(opt["soak-warmup"]);
  const out = {};
  for (const kind of opt["soak-worker"].split(",")) out[kind] = await soakOne(kind, origin, reqs, mixFile, seconds, warmup);
  return out;
}

// ---- main --------------------------------------------------------------------

const origin = await startOrigin();
const result = { date: new Date().toISOString(), node: process.version };
try {
  const needsMix = parts.has("load") || parts.has("soak") || parts.has("paired");
  const reqs = needsMix ? mix() : [];
  const mixFile = needsMix ? writeLuaMix(reqs) : null;
  if (parts.has("cold")) result.cold_start = await cold(origin);
  if (parts.has("load")) result.load = await load(origin, reqs, mixFile);
  if (parts.has("paired")) Object.assign(result, await paired(origin, reqs, mixFile));
  if (parts.has("soak")) result.soak = await soak(origin, reqs, mixFile);
} finally {
  await origin.close();
}
writeFileSync(opt.out, JSON.stringify(result, null, 2) + "\n");
if (result.soak?.firewall && !result.soak.firewall.ok) {
  log("soak FAILED: errors or memory growth");
  process.exitCode = 1;
}
