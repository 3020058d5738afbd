-- The wrk program of `make bench` (scripts/bench/load.py). The script wrk is given sets
-- BENCH first, then runs this file:
--   BENCH.paths        paths to ask for at random, one per request, or nil (wrk's URL)
--   BENCH.stop_after   per thread: stop after this many responses (0: never)
-- It counts non-2xx responses one by one (wrk's own count covers only 4xx and 5xx) and
-- prints one line, BENCH_JSON {...}, that load.py reads.

local paths = BENCH.paths
local stop_after = BENCH.stop_after or 0

-- A monotonic clock through LuaJIT's FFI, to time a run that stops after N responses.
local ffi_ok, ffi = pcall(require, "ffi")
local now_us = nil
if ffi_ok then
  pcall(ffi.cdef, [[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clk_id, bench_timespec *tp);
  ]])
  local ts = ffi.new("bench_timespec")
  now_us = function()
    ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  math.randomseed(id)
  responses = 0
  non2xx = 0
  if now_us then t_start = now_us() end
end

if paths then
  request = function()
    return wrk.format(nil, paths[math.random(#paths)])
  end
end

function response(status, headers, body)
  responses = responses + 1
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
  if stop_after > 0 and responses == stop_after then
    if now_us then t_end = now_us() end
    io.write("THREAD_DONE\n")
    io.flush()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local counted, t0, t1 = 0, nil, nil
  for _, t in ipairs(threads) do
    counted = counted + (t:get("non2xx") or 0)
    local a, b = t:get("t_start"), t:get("t_end")
    if a and (t0 == nil or a < t0) then t0 = a end
    if b and (t1 == nil or b > t1) then t1 = b end
  end
  local elapsed = -1
  if t0 and t1 then elapsed = t1 - t0 end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "elapsed_us": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d, "non_2xx": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, elapsed,
    e.connect, e.read, e.write, e.timeout, counted,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
