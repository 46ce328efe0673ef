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

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init packages.sh "$@"
BENCH_TOKEN=$(bench_admin_token)
export BENCH_TOKEN
exec "$HERE/run" "$@" packages
