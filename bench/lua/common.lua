-- Shared by every workload script: settings from the environment, a random source per wrk thread,
-- and one machine-readable summary line that bench/run collects.
local common = {}

function common.env(name, default)
  local value = os.getenv(name)
  if value == nil or value == "" then
    if default == nil then
      error("bench: environment variable " .. name .. " is required")
    end
    return default
  end
  return value
end

function common.number(name, default)
  return tonumber(common.env(name, default and tostring(default)))
end

-- Headers for one request; wrk.format does not merge wrk.headers with a table it is given.
function common.headers(authorization, accept, content_type)
  local headers = { ["Host"] = wrk.host .. ":" .. tostring(wrk.port) }
  if authorization ~= nil and authorization ~= "" then
    headers["Authorization"] = authorization
  end
  headers["Accept"] = accept or "application/json"
  if content_type ~= nil then
    headers["Content-Type"] = content_type
  end
  return headers
end

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("bench_thread", threads)
end

function init(args)
  math.randomseed(os.time() * 100 + (bench_thread or 0))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,'
      .. '"max_us":%d,"mean_us":%.1f,"status_errors":%d,"connect_errors":%d,"read_errors":%d,'
      .. '"write_errors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean, e.status, e.connect, e.read, e.write, e.timeout))
end

return common
