// Times the engine built for wasm32 in Node (see crates/wasm-bench): each
// benchmark request through the shipped WAF rules and through the same
// policy without them (the baseline, measured in the same run), plus the
// rule load a fresh isolate pays once, and where that load's time goes.
// Prints a table; run it with scripts/bench-wasm.sh, which builds the
// module first. `--json FILE` also writes the figures (scripts/bench.sh);
// `--cold-load` only prints the first load's milliseconds (used for the
// median over fresh processes).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import path from "node:path";

const require = createRequire(import.meta.url);
const dir = path.resolve(process.argv[2]);
const jsonOut = process.argv.indexOf("--json") > 0 ? process.argv[process.argv.indexOf("--json") + 1] : null;
const t00 = performance.now();
const wasm = require(`${dir}/edgewall_wasm_bench.js`);
const compileMs = performance.now() - t00;
const { Bench } = wasm;

const t0 = performance.now();
const bench = new Bench();
const loadMs = performance.now() - t0;
if (process.argv.includes("--cold-load")) {
  console.log(JSON.stringify({ compile_ms: compileMs, load_ms: loadMs }));
  process.exit(0);
}

// Median of `rounds` timings of `iterations` evaluations, in µs per request.
function time(index, mode, iterations, rounds = 7) {
  bench.run(index, mode, Math.max(1, iterations / 10)); // warm up
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    const allowed = bench.run(index, mode, iterations);
    const ms = performance.now() - start;
    if (allowed !== iterations) throw new Error(`request ${index} was not allowed`);
    samples.push((ms * 1000) / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

// Median milliseconds of `rounds` calls of `f`, after one to warm up.
function timeMs(f, rounds = 7) {
  f();
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    f();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const fmt = (us) => (us < 10 ? us.toFixed(2) : us.toFixed(1));
console.log(`wasm (Node ${process.version}): module compiled in ${compileMs.toFixed(1)} ms; rules load in ${loadMs.toFixed(1)} ms (first instance: cold code, as in a fresh isolate)`);
// The load again, warm, and its parts: where a fresh isolate's time goes.
const warm = { load: timeMs(() => wasm.load_shipped()) };
for (const part of ["toml", "regex", "regex_tree", "phrases"]) warm[part] = timeMs(() => wasm.load_part(part));
const share = (ms) => `${((100 * ms) / warm.load).toFixed(0)}%`;
console.log(`rule load, warm: ${warm.load.toFixed(1)} ms; of which TOML parse ${warm.toml.toFixed(1)} ms (${share(warm.toml)}), regex parse and compile ${(warm.regex - warm.toml).toFixed(1)} ms (${share(warm.regex - warm.toml)}; the parse alone ${(warm.regex_tree - warm.toml).toFixed(1)} ms), phrase DFAs ${(warm.phrases - warm.toml).toFixed(1)} ms (${share(warm.phrases - warm.toml)})`);
console.log("request            baseline µs   shipped WAF µs   ratio   values seen before µs");
const perRequest = [];
bench.names().forEach((name, i) => {
  const iterations = name === "get" ? 2000 : name.startsWith("json_4k") ? 200 : 20;
  const base = time(i, 0, iterations * 10);
  const waf = time(i, 1, iterations);
  const repeat = time(i, 2, iterations);
  perRequest.push({ request: name, baseline_us: base, shipped_waf_us: waf, repeat_us: repeat });
  console.log(`${name.padEnd(18)} ${fmt(base).padStart(11)} ${fmt(waf).padStart(16)} ${(waf / base).toFixed(0).padStart(7)}× ${fmt(repeat).padStart(23)}`);
});

// The load benchmark's mix in order, cache on: the engine's share of a
// request under load. Median of 5 passes after one to warm up.
const mixLen = bench.mix_len();
const mixAttacks = bench.mix_attacks();
// How many of the mix a pass must allow: all without the WAF, all but the attacks with it.
const mixAllowed = (mode) => (mode === 0 ? mixLen : mixLen - mixAttacks);
const mixUs = (mode) => {
  bench.run_mix(mode, 1);
  const samples = [];
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    const allowed = bench.run_mix(mode, 1);
    samples.push(((performance.now() - start) * 1000) / mixLen);
    if (allowed !== mixAllowed(mode)) throw new Error(`mix: ${allowed} of ${mixLen} allowed`);
  }
  return samples.sort((a, b) => a - b)[2];
};
// The same, each request timed alone after a sweep through 16 MB that
// evicts the engine's tables and automata from the CPU caches. In a loop
// the mix finds them warm; a Worker finds them cold, as workerd runs the
// HTTP stack, the fetch to the origin and other isolates between two
// requests. Median of 3 passes after one to warm up.
const sweep = new Float64Array((16 << 20) / 8);
const coldUs = (mode) => {
  const pass = () => {
    let ns = 0n;
    let allowed = 0;
    for (let i = 0; i < mixLen; i++) {
      for (let j = 0; j < sweep.length; j += 8) sweep[j] += 1;
      const start = process.hrtime.bigint();
      allowed += bench.run_mix_one(mode, i);
      ns += process.hrtime.bigint() - start;
    }
    if (allowed !== mixAllowed(mode)) throw new Error(`mix, cold: ${allowed} of ${mixLen} allowed`);
    return Number(ns) / 1000 / mixLen;
  };
  pass();
  return [pass(), pass(), pass()].sort((a, b) => a - b)[1];
};
const mix = {
  requests: mixLen,
  baseline_us: mixUs(0),
  shipped_waf_us: mixUs(1),
  baseline_cold_us: coldUs(0),
  shipped_waf_cold_us: coldUs(1),
};
console.log(`load mix (${mixLen} requests in order, cache on): ${fmt(mix.baseline_us)} µs baseline, ${fmt(mix.shipped_waf_us)} µs with the shipped WAF, per request`);
console.log(`load mix, CPU caches flushed before each request: ${fmt(mix.baseline_cold_us)} µs baseline, ${fmt(mix.shipped_waf_cold_us)} µs with the shipped WAF, per request`);

if (jsonOut) {
  // The first load in fresh processes: median of 5.
  const colds = [];
  for (let k = 0; k < 5; k++) {
    const out = execFileSync(process.execPath, [process.argv[1], dir, "--cold-load"], { encoding: "utf8" });
    colds.push(JSON.parse(out));
  }
  const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const parts = {};
  for (const [k, v] of Object.entries(warm)) parts[k] = k === "load" || k === "toml" ? v : v - warm.toml;
  writeFileSync(
    jsonOut,
    JSON.stringify(
      {
        node: process.version,
        cold: { module_compile_ms: med(colds.map((c) => c.compile_ms)), rule_load_ms: med(colds.map((c) => c.load_ms)), runs: colds },
        warm_load_ms: parts,
        per_request: perRequest,
        mix,
      },
      null,
      2,
    ) + "\n",
  );
}
