#!/usr/bin/env bash
# bench/crm.sh: GET /api/v1/crm/customers?bucket=t3&status=311 and GET
# /api/v1/crm/performance (module collections, API.md §3) over
# BENCH_CRM_CUSTOMERS (100000) customers with six installments each, beside
# GET /health in the same bench/run. Start the server first. Options go to
# bench/run:
#   bench/crm.sh                          # 32 connections, 10 s per target
#   BENCH_CRM_CUSTOMERS=1000 bench/crm.sh # the small data set
# On first use it makes an account holding crm:read, agents:read and
# agents:create (kept in $CLIENTELE_VAR/bench-crm), ten agents, and loads
# customers (bench/gen_crm.py, then clientelectl load) up to the count
# asked for: a database with 1,000 bench customers grows to 100,000 by
# loading customers 1,001.. only. The run must show 0 errors.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init crm.sh "$@"
count=${BENCH_CRM_CUSTOMERS:-100000}

account=$VAR/bench-crm
bench_account "$account" crm:read agents:read agents:create
export BENCH_EMAIL=$(sed -n 1p "$account") BENCH_PASSWORD=$(sed -n 2p "$account")

# Logs in, makes the ten bench agents when missing, and prints the token,
# the agents' ids (comma list) and how many customers there are.
read -r BENCH_TOKEN agents have < <(python3 - "$base" <<'PY'
import json, os, ssl, sys, urllib.request
base, ctx = sys.argv[1], ssl._create_unverified_context()
def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json",
                 **({"Authorization": "Bearer " + token} if token else {})})
    with urllib.request.urlopen(req, timeout=300, context=ctx) as r:
        return json.load(r)
try:
    tok = call("POST", "/auth/login", {"username": os.environ["BENCH_EMAIL"],
               "password": os.environ["BENCH_PASSWORD"]})["data"]["access_token"]
    def agents():
        return call("GET", "/agents?query=bench-agent-&page_size=100",
                    token=tok)["data"]["results"]
    if len(agents()) < 10:
        role = call("GET", "/agents/roles", token=tok)["data"]["results"][0]["id"]
        for i in range(10):
            try:
                call("POST", "/agents", {"user": "bench-agent-%d@bench.local" % i,
                     "password": os.environ["BENCH_PASSWORD"], "name": "Bench %d" % i,
                     "role": role}, token=tok)
            except Exception:
                pass  # made by an earlier run
    ids = ",".join(str(a["id"]) for a in agents())
    n = call("GET", "/crm/customers?page_size=1", token=tok)["data"]["count"]
    print(tok, ids, n)
except Exception as e:
    sys.exit("bench/crm.sh: %s" % e)
PY
)
export BENCH_TOKEN

if [ "$have" -lt "$count" ]; then
	mkdir -p "$VAR/bench"
	sql=$VAR/bench/crm-$((have + 1))-$count.sql
	python3 "$HERE/gen_crm.py" -n $((count - have)) --first $((have + 1)) \
		--agents "$agents" -o "$sql"
	echo "bench/crm.sh: loading $sql"
	ctl load "$sql" >/dev/null
	have=$count
fi
echo "bench/crm.sh: $have CRM customers"

exec "$HERE/run" -T 30 "$@" health crm_customers crm_performance
