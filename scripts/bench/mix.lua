-- wrk script for scripts/bench.sh: cycles through a request mix that
-- scripts/bench/runtime.mjs writes (EDGEWALL_MIX names the file: a Lua
-- chunk returning raw HTTP/1.1 requests), each thread from its own
-- offset, and counts answers by status. At the end it prints one line,
-- `EDGEWALL_WRK {json}`, with throughput, latency percentiles, socket
-- errors and the status counts, for runtime.mjs to read.

local requests = dofile(os.getenv("EDGEWALL_MIX"))
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  -- Spread the threads over the mix so they do not send in lockstep.
  i = (id * 7919) % #requests
  s2xx, s403, sother = 0, 0, 0
end

function request()
  i = i % #requests + 1
  return requests[i]
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    s2xx = s2xx + 1
  elseif status == 403 then
    s403 = s403 + 1
  else
    sother = sother + 1
  end
end

function done(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("s2xx")
    b = b + t:get("s403")
    c = c + t:get("sother")
  end
  local e = summary.errors
  io.write(string.format(
    'EDGEWALL_WRK {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
    '"status":{"2xx":%d,"403":%d,"other":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.timeout,
    a, b, c,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
