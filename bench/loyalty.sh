#!/usr/bin/env bash
# bench/loyalty.sh: GET /api/v1/data?limit=50&offset=0&ordering=-id (module
# loyalty, API.md §5: the home page's first page of clients, with its
# COUNT) as an authenticated user over keep-alive connections, through
# bench/run. Start the server first (script/server). Options go to
# bench/run:
#   bench/loyalty.sh                  # 32 connections, 10 s
#   bench/loyalty.sh -c 64 -d 30
# The token comes from BENCH_TOKEN, or else from logging in as the
# superuser script/server created: BENCH_EMAIL (admin@localhost) with
# BENCH_PASSWORD or the password in $CLIENTELE_VAR/admin-password (var/).
# The run must show 0 errors: every answer a 200.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init loyalty.sh "$@"
BENCH_TOKEN=$(bench_admin_token)
export BENCH_TOKEN
exec "$HERE/run" "$@" loyalty_data
