-- wrk script for bench/run: at the end, one machine-readable line with
-- requests/s, latency percentiles (ms) and error counts.
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
