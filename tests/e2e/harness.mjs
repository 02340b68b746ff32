// Shared pieces of the end-to-end suite: a real origin server on
// 127.0.0.1 that records what reaches it, and the built Worker running on
// real workerd through Miniflare, reached over real HTTP.
import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const sha256 = (buf) => createHash("sha256").update(buf).digest("hex");

/** The Access-Control-Allow-Origin the test origin sets on every response. */
export const ORIGIN_OWN_ACAO = "https://origin-chose-this.example";

/** A keep-alive origin that records every request (method, url, headers, body hash). */
export async function startOrigin() {
  const seen = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const record = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        bodyBytes: body.length,
        bodySha256: sha256(body),
      };
      seen.push(record);
      // CORS headers of its own and two cookies: where a CORS policy covers
      // the path, edgewall replaces the former and must keep the latter.
      res.writeHead(201, {
        "content-type": "application/json",
        "x-origin": "yes",
        vary: "Accept-Encoding",
        "access-control-allow-origin": ORIGIN_OWN_ACAO,
        "access-control-max-age": "1",
        "set-cookie": ["a=1; Path=/", "b=2; Path=/"],
      });
      res.end(JSON.stringify(record));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((r) => server.close(r)),
  };
}

/**
 * The built Worker (worker-build output in `buildDir`) on workerd. `cf` is
 * what `request.cf` holds for every request (`{}`: no location, as where
 * Cloudflare has none); by default, Miniflare's placeholder (country US).
 * Other Miniflare options (`ratelimits`, `durableObjects`) pass through.
 */
export async function startWorker({ buildDir, bindings = {}, cf, ...options }) {
  const script = path.join(ROOT, buildDir, "index.js");
  if (!existsSync(script)) {
    throw new Error(`${script} is missing: build the Worker first (scripts/test.sh does)`);
  }
  const logs = [];
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    modules: true,
    scriptPath: script,
    modulesRoot: path.join(ROOT, buildDir),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"], fallthrough: true }],
    compatibilityDate: "2026-04-01",
    bindings,
    // Further Miniflare options: `ratelimits`, `durableObjects`, …
    ...options,
    ...(cf === undefined ? {} : { cf }),
    handleRuntimeStdio(stdout, stderr) {
      for (const stream of [stdout, stderr]) {
        let buf = "";
        stream.on("data", (chunk) => {
          buf += chunk;
          let i;
          while ((i = buf.indexOf("\n")) >= 0) {
            logs.push(buf.slice(0, i));
            buf = buf.slice(i + 1);
          }
        });
      }
    },
  });
  const url = await mf.ready;
  return { url: url.href.replace(/\/$/, ""), mf, logs, close: () => mf.dispose() };
}

/** Decision log lines (JSON objects with "edgewall":"decision"). */
export function decisions(logs) {
  const out = [];
  for (const line of logs) {
    const start = line.indexOf("{");
    if (start < 0) continue;
    try {
      const v = JSON.parse(line.slice(start));
      if (v.edgewall) out.push(v);
    } catch {
      /* not a JSON line */
    }
  }
  return out;
}

export const FORBIDDEN_MESSAGE = "You don't have permission to access this resource.";

/** Poll until `check()` is truthy or `ms` passes (log lines arrive asynchronously). */
export async function eventually(check, ms = 3000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}
