// Geo-blocking on real workerd (Miniflare), over real HTTP, with the
// recording origin behind the Worker. Fixture: tests/e2e/rules/30-geo.toml
// and the MaxMind DB tests/e2e/rules/geo/test-countries.mmdb that
// crates/engine/tests/geo_fixture.rs writes (198.18.1.0/24 DE, .2 KP, .3 BR,
// .4 FR, .5 US, .6 GB AS64506; 2001:db8:7000::/48 JP, 2001:db8:7001::/48 IT).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { FORBIDDEN_MESSAGE, decisions, eventually, startOrigin, startWorker } from "./harness.mjs";

const BUILD = process.env.EDGEWALL_E2E_BUILD ?? "build-e2e";

let origin;
// `request.cf` without a location: the database decides.
let noCf;
// `request.cf` as Cloudflare fills it for a Tor exit, and for Germany.
let torCf;
let germanyCf;

before(async () => {
  origin = await startOrigin();
  const bindings = { ORIGIN: origin.url };
  noCf = await startWorker({ buildDir: BUILD, bindings, cf: {} });
  torCf = await startWorker({ buildDir: BUILD, bindings, cf: { country: "T1" } });
  germanyCf = await startWorker({ buildDir: BUILD, bindings, cf: { country: "DE", continent: "EU", asn: 3320 } });
});

after(async () => {
  for (const w of [noCf, torCf, germanyCf]) await w?.close();
  await origin?.close();
});

let n = 0;
async function send(worker, path, ip, headers = {}) {
  const marker = `geo-${process.pid}-${++n}`;
  const res = await fetch(worker.url + path, {
    headers: { "cf-connecting-ip": ip, "x-test-marker": marker, ...headers },
  });
  const text = await res.text();
  return { res, text, reached: origin.seen.some((r) => r.headers["x-test-marker"] === marker) };
}

async function expectBlocked(worker, path, ip, rule, country, headers) {
  const r = await send(worker, path, ip, headers);
  assert.equal(r.res.status, 403, `${path} from ${ip}`);
  const body = JSON.parse(r.text);
  assert.equal(body.message, FORBIDDEN_MESSAGE);
  assert.equal(r.reached, false);
  const line = await eventually(() => decisions(worker.logs).find((d) => d.request_id === body.request_id));
  assert.ok(line, "logged");
  assert.equal(line.stage, "geo");
  assert.equal(line.rule, rule);
  assert.equal(line.country, country);
  assert.doesNotMatch(r.text, /geo|KP|T1|country/i, "the response says nothing of why");
}

async function expectAllowed(worker, path, ip, headers) {
  const r = await send(worker, path, ip, headers);
  assert.equal(r.res.status, 201, `${path} from ${ip}: ${r.text}`);
  assert.equal(r.reached, true);
}

describe("where request.cf has no country, the MaxMind database places the client", () => {
  const cases = [
    // [path, client address, blocked by (null: allowed), logged country]
    ["/", "198.18.2.7", "geo-sanctioned", "KP"],
    ["/", "::ffff:198.18.2.7", "geo-sanctioned", "KP"],
    ["/", "198.18.1.7", null],
    ["/eu-only/x", "198.18.1.7", null],
    ["/eu-only/x", "2001:db8:7001::9", null],
    ["/eu-only/x", "198.18.5.7", "geo-eu-only-rest", "US"],
    ["/eu-only/x", "198.18.6.7", "geo-eu-only-rest", "GB"],
    ["/eu-only/x", "2001:db8:7000::9", "geo-eu-only-rest", "JP"],
    ["/eu-only/x", "198.51.100.9", "geo-eu-only-rest", null],
    ["/geo/continent", "198.18.3.7", "geo-no-south-america", "BR"],
    ["/geo/continent", "198.18.4.7", null],
    ["/geo/asn", "198.18.6.7", "geo-asn", "GB"],
    ["/geo/asn", "198.18.5.7", null],
    ["/geo/known-only", "198.51.100.9", "geo-known-only", null],
    ["/geo/known-only", "2001:db8:7000::9", null],
  ];
  for (const [path, ip, rule, country] of cases) {
    it(`${path} from ${ip}: ${rule ?? "allowed"}`, async () => {
      if (rule) await expectBlocked(noCf, path, ip, rule, country);
      else await expectAllowed(noCf, path, ip);
    });
  }
});

describe("request.cf decides where it has a country", () => {
  it("a Tor exit (T1) is refused whatever its address", async () => {
    await expectBlocked(torCf, "/", "198.18.1.7", "geo-sanctioned", "T1");
  });

  it("Cloudflare's Germany wins over the database's United States", async () => {
    await expectAllowed(germanyCf, "/eu-only/x", "198.18.5.7");
  });
});

describe("a production build cannot be told where a request comes from", () => {
  it("X-Edgewall-Test-Country does nothing: the database's Germany still passes, KP is not believed", async () => {
    await expectAllowed(noCf, "/", "198.18.1.7", { "x-edgewall-test-country": "KP" });
    await expectAllowed(germanyCf, "/eu-only/x", "198.18.1.7", { "x-edgewall-test-country": "US" });
    // And a KP client cannot claim to be German.
    await expectBlocked(noCf, "/", "198.18.2.7", "geo-sanctioned", "KP", { "x-edgewall-test-country": "DE" });
  });
});
