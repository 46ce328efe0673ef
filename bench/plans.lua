-- wrk script: GET /api/v1/plans/ as an authenticated user over keep-alive
-- connections (module subscriptions, API.md §4). bench/plans.sh runs it;
-- by hand:
--   CLIENTELE_BENCH_TOKEN=<access jwt> wrk -t2 -c32 -d10s --latency \
--       -s bench/plans.lua http://127.0.0.1:8080
-- Every answer must be a 200: any other status counts as an error, and a
-- run with errors prints "FAILED" so a broken setup is not measured.
local token = os.getenv("CLIENTELE_BENCH_TOKEN")
if token == nil or token == "" then
	io.stderr:write("bench/plans.lua: set CLIENTELE_BENCH_TOKEN\n")
	os.exit(2)
end

wrk.method = "GET"
wrk.path = (os.getenv("CLIENTELE_BENCH_PREFIX") or "/api/v1") .. "/plans/"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Connection"] = "keep-alive"

function done(summary, latency, requests)
	local seconds = summary.duration / 1e6
	local errors = summary.errors.status + summary.errors.connect +
	    summary.errors.read + summary.errors.write + summary.errors.timeout
	io.write(string.format(
	    "plans: %.0f requests/s, p50 %.2f ms, p99 %.2f ms, %d requests, %d errors%s\n",
	    summary.requests / seconds, latency:percentile(50) / 1000,
	    latency:percentile(99) / 1000, summary.requests, errors,
	    errors > 0 and " FAILED" or ""))
end
