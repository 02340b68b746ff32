// Times the engine built for wasm32 in Node (see crates/wasm-bench): each
// benchmark request through the shipped WAF rules and through the same
// policy without them (the baseline, measured in the same run), plus the
// rule load a fresh isolate pays once. Prints a table; run it with
// scripts/bench-wasm.sh, which builds the module first.
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import path from "node:path";

const require = createRequire(import.meta.url);
const dir = path.resolve(process.argv[2]);
const { Bench } = require(`${dir}/edgewall_wasm_bench.js`);

const t0 = performance.now();
const bench = new Bench();
const loadMs = performance.now() - t0;

// Median of `rounds` timings of `iterations` evaluations, in µs per request.
function time(index, withWaf, iterations, rounds = 7) {
  bench.run(index, withWaf, Math.max(1, iterations / 10)); // warm up
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    const allowed = bench.run(index, withWaf, iterations);
    const ms = performance.now() - start;
    if (allowed !== iterations) throw new Error(`request ${index} was not allowed`);
    samples.push((ms * 1000) / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const fmt = (us) => (us < 10 ? us.toFixed(2) : us.toFixed(1));
console.log(`wasm (Node ${process.version}): rules load in ${loadMs.toFixed(1)} ms (first instance, includes compiling the wasm module's start)`);
console.log("request      baseline µs   shipped WAF µs   ratio");
bench.names().forEach((name, i) => {
  const iterations = name === "get" ? 2000 : name === "json_4k" ? 200 : 20;
  const base = time(i, false, iterations * 10);
  const waf = time(i, true, iterations);
  console.log(`${name.padEnd(12)} ${fmt(base).padStart(11)} ${fmt(waf).padStart(16)} ${(waf / base).toFixed(0).padStart(7)}×`);
});
