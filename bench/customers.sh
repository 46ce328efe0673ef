#!/usr/bin/env bash
# bench/customers.sh: GET /api/v1/customers/customers/?search=zephyr&
# ordering=-created_at&limit=20 (module billing, API.md §6) over 100,000
# customers, as a user holding customers:read, beside GET /health in the
# same bench/run. Start the server first (script/server). Options go to
# bench/run:
#   bench/customers.sh             # 32 connections, 10 s per target, -T 30
#   bench/customers.sh -c 4 -d 30  # fewer connections: latency, not queueing
# On first use it loads the customers (bench/gen_customers.py, then
# clientelectl load) when the database holds none, and makes a reader
# account, kept in $CLIENTELE_VAR/bench-reader (var/). The search matches
# 333 of the 100,000 rows. BENCH_TOKEN (a Bearer token) skips the account;
# BENCH_CUSTOMERS (100000) and BENCH_SEED (1) choose the data; CLIENTELECTL
# names the admin CLI (default: the one script/server built).
# The run must show 0 errors: every answer a 200.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init customers.sh "$@"
count=${BENCH_CUSTOMERS:-100000}
seed=${BENCH_SEED:-1}

# The reader: made once, kept (email, password) in VAR/bench-reader.
if [ -z "${BENCH_TOKEN:-}" ]; then
	bench_account "$VAR/bench-reader" customers:read
	BENCH_TOKEN=$(bench_login "$(sed -n 1p "$VAR/bench-reader")" \
		"$(sed -n 2p "$VAR/bench-reader")")
fi
export BENCH_TOKEN

# How many customers ?search=TEXT matches (the envelope's count).
matches() {
	python3 - "$base" "$1" <<'PY'
import json, os, ssl, sys, urllib.parse, urllib.request
req = urllib.request.Request(
    sys.argv[1] + "/customers/customers/?limit=1&search="
    + urllib.parse.quote(sys.argv[2]),
    headers={"Authorization": "Bearer " + os.environ["BENCH_TOKEN"]})
try:
    with urllib.request.urlopen(req, timeout=300,
                                context=ssl._create_unverified_context()) as r:
        print(json.load(r)["count"])
except Exception as e:
    sys.exit("bench/customers.sh: GET /customers/customers/ failed: %s" % e)
PY
}

# The data: every bench customer_number starts with BENCH.
have=$(matches BENCH)
if [ "$have" -eq 0 ]; then
	mkdir -p "$VAR/bench"
	sql=$VAR/bench/customers-$count-$seed.sql
	[ -s "$sql" ] || python3 "$HERE/gen_customers.py" -n "$count" --seed "$seed" -o "$sql.tmp"
	[ -s "$sql" ] || mv "$sql.tmp" "$sql"
	echo "bench/customers.sh: loading $sql"
	ctl load "$sql" >/dev/null
	have=$(matches BENCH)
elif [ "$have" -ne "$count" ]; then
	echo "bench/customers.sh: the database holds $have bench customers, not $count; measuring those" >&2
fi
echo "bench/customers.sh: $have bench customers; search=zephyr matches $(matches zephyr)"

# A request here can take longer than wrk's 2 s default; -T 30 keeps
# those answers in the latencies (a -T of yours comes later and wins).
exec "$HERE/run" -T 30 "$@" health customers
