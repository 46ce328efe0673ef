-- wrk script for bench/speed --memory: each thread stops after
-- BENCH_THREAD_REQUESTS answers and says so ("STOPPED" on stdout); wrk
-- itself only knows durations, so bench/speed sends it SIGINT once every
-- thread has, and done() prints the same machine-readable line as
-- report.lua.
local limit = tonumber(os.getenv("BENCH_THREAD_REQUESTS") or "0")
local count = 0

response = function(status, headers, body)
   count = count + 1
   if limit > 0 and count == limit then
      io.write("STOPPED\n")
      io.flush()
      wrk.thread:stop()
   end
end

done = function(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      "BENCH rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f requests=%d "
         .. "non2xx=%d socket_errors=%d\n",
      summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, summary.requests,
      e.status, e.connect + e.read + e.write + e.timeout))
end
