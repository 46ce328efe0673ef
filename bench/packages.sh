#!/usr/bin/env bash
# bench/packages.sh: GET /api/v1/packages/packages/?limit=20 (module billing,
# API.md §6: each row carries its pricings, from one SELECT) as an
# authenticated user over keep-alive connections, through bench/run.
# Start the server first (script/server). Options go to bench/run:
#   bench/packages.sh                 # 32 connections, 10 s
#   bench/packages.sh -c 64 -d 30
# The token comes from BENCH_TOKEN, or else from logging in as the
# superuser script/server created: BENCH_EMAIL (admin@localhost) with
# BENCH_PASSWORD or the password in $CLIENTELE_VAR/admin-password (var/).
# The run must show 0 errors: every answer a 200.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
base=${BENCH_URL:-http://127.0.0.1:8080/api/v1}
for arg in "$@"; do
	# bench/run's -u sets the base; log in where it points.
	[ "${prev:-}" = -u ] && base=$arg
	prev=$arg
done

if [ -z "${BENCH_TOKEN:-}" ]; then
	email=${BENCH_EMAIL:-admin@localhost}
	password=${BENCH_PASSWORD:-}
	if [ -z "$password" ]; then
		file=${CLIENTELE_VAR:-$ROOT/var}/admin-password
		[ -r "$file" ] || { echo "bench/packages.sh: set BENCH_TOKEN or BENCH_PASSWORD (no $file)" >&2; exit 1; }
		password=$(cat "$file")
	fi
	BENCH_TOKEN=$(BENCH_EMAIL=$email BENCH_PASSWORD=$password python3 - "$base" <<'PY'
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
    sys.exit("bench/packages.sh: login failed: %s" % e)
PY
	)
fi
export BENCH_TOKEN
exec "$HERE/run" "$@" packages
