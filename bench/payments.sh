#!/usr/bin/env bash
# bench/payments.sh: POST /api/v1/payments/payment-details/ (module billing,
# API.md §6), each a payment of 0.01 that locks its invoice's row,
# recomputes it and writes two audit rows in one transaction:
#   hot     all requests to one invoice (the hottest lock: they queue)
#   spread  to 32 invoices in turn
# with GET /health measured in the same run as the reference. For each,
# requests/s, p50/p99 and InnoDB's row lock waits, lock time and
# deadlocks during it (SHOW GLOBAL STATUS deltas), then a check that the
# invoices' total_paid_amount is 0.01 x the 2xx answers (no lost update).
# Start the server first (script/server). Options:
#   bench/payments.sh [-c CONNS] [-d SECONDS] [-u BASE_URL]
# The token: BENCH_TOKEN, else the superuser's (BENCH_PASSWORD or
# $CLIENTELE_VAR/admin-password). The database: its socket and password
# under $CLIENTELE_VAR (var/), as script/server made them.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init payments.sh "$@"
conns=32 duration=10
while getopts c:d:u: opt; do
	case $opt in
	c) conns=$OPTARG ;;
	d) duration=$OPTARG ;;
	u) ;;
	*) sed -n 's/^# \{0,1\}//; 2,14p' "$0" >&2; exit 2 ;;
	esac
done
command -v wrk >/dev/null || die "wrk is missing (script/bootstrap installs it)"
BENCH_TOKEN=$(bench_admin_token)
export BENCH_TOKEN BENCH_HERE=$HERE

sql() {
	mariadb --no-defaults --socket="$VAR/run/mysqld.sock" -uclientele \
		-p"$(cat "$VAR/db-password")" clientele -N -e "$1"
}
status() {
	sql "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_row_lock_waits',
	    'Innodb_row_lock_time', 'Innodb_deadlocks')" | awk '{printf "%s=%s ", $1, $2}'
}

# 33 invoices of 1,000,000,000.00 (never paid off by a run), each with a
# payment: the first for "hot", the other 32 for "spread".
ids=$(python3 - "$base" <<'PY'
import json, os, ssl, sys, urllib.request, uuid
base, tok = sys.argv[1], os.environ["BENCH_TOKEN"]
ctx = ssl._create_unverified_context()
def post(path, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json",
                 "Authorization": "Bearer " + tok})
    with urllib.request.urlopen(req, timeout=30, context=ctx) as r:
        return json.load(r)
c = post("/customers/customers/", {"customer_name": "Bench " + uuid.uuid4().hex[:8],
                                   "customer_type": "bw"})
e = post("/customers/entitlements/", {"customer_master_id": c["id"]})
out = []
for _ in range(33):
    inv = post("/bills/invoices/", {"customer_entitlement_master_id": e["id"],
                                    "issue_date": "2025-01-15", "status": "unpaid"})
    post("/bills/invoice-details/", {"invoice_master_id": inv["id"],
                                     "sub_total": "1000000000.00"})
    p = post("/payments/payments/", {"payment_date": "2025-01-20",
                                     "payment_method": "Bench", "invoice_master_id": inv["id"]})
    out.append("%d:%d" % (p["id"], inv["id"]))
print(" ".join(out))
PY
)
pays=() invs=()
for pair in $ids; do pays+=("${pair%%:*}"); invs+=("${pair##*:}"); done

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
delta() { # name before after
	local b a
	b=$(sed -n "s/.*$1=\([0-9]*\).*/\1/p" <<<"$2")
	a=$(sed -n "s/.*$1=\([0-9]*\).*/\1/p" <<<"$3")
	echo $((a - b))
}
paid_cents() { # invoice ids...
	local list
	list=$(IFS=,; echo "$*")
	sql "SELECT COALESCE(SUM(total_paid_amount * 100), 0) FROM billing_invoices
	    WHERE id IN ($list)" | sed 's/\..*//'
}

printf '%-8s %9s %8s %8s %8s %10s %12s %9s\n' target 'req/s' 'p50 ms' 'p99 ms' errors \
	'lock waits' 'lock ms' deadlocks
run() { # name url payments invoices...
	local name=$1 url=$2 payments=$3 before after ok
	shift 3
	before=$(status)
	line=$(BENCH_PAYMENTS=$payments wrk -t2 -c"$conns" -d"${duration}s" --timeout 10s \
		-s "$HERE/$([ "$name" = health ] && echo report.lua || echo payments.lua)" \
		"$url" | grep '^BENCH ') || die "wrk failed for $name"
	after=$(status)
	printf '%-8s %9s %8s %8s %8s %10s %12s %9s\n' "$name" "$(field rps)" "$(field p50_ms)" \
		"$(field p99_ms)" $(($(field non2xx) + $(field socket_errors))) \
		"$(delta Innodb_row_lock_waits "$before" "$after")" \
		"$(delta Innodb_row_lock_time "$before" "$after")" \
		"$(delta Innodb_deadlocks "$before" "$after")"
	if [ $# -gt 0 ]; then
		# wrk stops counting at the deadline with up to one request
		# per connection still in flight; those may commit unseen.
		ok=$(($(field requests) - $(field non2xx)))
		held=$(paid_cents "$@")
		[ "$held" -ge "$ok" ] && [ "$held" -le $((ok + conns)) ] ||
			die "$name: the invoices hold $held cents for $ok payments of 1 cent answered 2xx"
	fi
}
run health "$base/health" 0
run hot "$base/payments/payment-details/" "${pays[0]}" "${invs[0]}"
run spread "$base/payments/payment-details/" "$(IFS=,; echo "${pays[*]:1}")" "${invs[@]:1}"
echo "($conns connections, ${duration}s each, $base; checked: each run's invoices hold"
echo " 0.01 per 2xx answer, plus at most one per connection still in flight at the end)"
