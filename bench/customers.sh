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

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
base=${BENCH_URL:-http://127.0.0.1:8080/api/v1}
for arg in "$@"; do
	# bench/run's -u sets the base; log in and load where it points.
	[ "${prev:-}" = -u ] && base=$arg
	prev=$arg
done
VAR=${CLIENTELE_VAR:-$ROOT/var}
count=${BENCH_CUSTOMERS:-100000}
seed=${BENCH_SEED:-1}
build=${CLIENTELE_BUILD:-}
if [ -z "$build" ] && [ -f "$VAR/stack.env" ]; then
	build=$(sed -n 's/^CLIENTELE_BUILD=//p' "$VAR/stack.env" | tail -n 1)
fi
CTL=${CLIENTELECTL:-${build:-$ROOT}/clientelectl}

die() { echo "bench/customers.sh: $*" >&2; exit 1; }
ctl() {
	[ -x "$CTL" ] || die "no clientelectl at $CTL (set CLIENTELECTL, or start script/server)"
	"$CTL" -c "$VAR/clientele.conf" "$@"
}
hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# The reader: made once, kept (email, password) in VAR/bench-reader.
if [ -z "${BENCH_TOKEN:-}" ]; then
	reader=$VAR/bench-reader
	if [ ! -s "$reader" ]; then
		tag=$(hex 6)
		password=$(hex 16)
		ctl role create "bench-customers-read-$tag" --perm customers:read >/dev/null
		printf '%s\n' "$password" | ctl user create --email "bench-reader-$tag@localhost" \
			--username "bench-reader-$tag" --role "bench-customers-read-$tag" \
			--password-stdin >/dev/null
		(umask 077 && printf '%s\n%s\n' "bench-reader-$tag@localhost" "$password" >"$reader")
		echo "bench/customers.sh: made bench-reader-$tag@localhost (customers:read), kept in $reader"
	fi
	BENCH_TOKEN=$(BENCH_EMAIL=$(sed -n 1p "$reader") BENCH_PASSWORD=$(sed -n 2p "$reader") \
		python3 - "$base" <<'PY'
import json, os, ssl, sys, urllib.request
req = urllib.request.Request(
    sys.argv[1] + "/auth/login",
    data=json.dumps({"username": os.environ["BENCH_EMAIL"],
                     "password": os.environ["BENCH_PASSWORD"]}).encode(),
    headers={"Content-Type": "application/json"})
try:
    with urllib.request.urlopen(req, timeout=30,
                                context=ssl._create_unverified_context()) as r:
        print(json.load(r)["data"]["access_token"])
except Exception as e:
    sys.exit("bench/customers.sh: login failed: %s" % e)
PY
	)
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
