#!/usr/bin/env bash
# bench/plans-growth.sh: GET /plans/ (page-number pagination, API.md §4) at
# the first and the last page as the table grows, through bench/run.
#   BENCH_PLANS=1000 bench/plans-growth.sh        # first grow plans to 1,000
#   bench/plans-growth.sh -c 4                    # 1,000,000 (the default)
# Plans are added (never removed) as "BENCH plan N" rows in one transaction
# with clientelectl load, from MariaDB's sequence engine; the run then
# measures ?page=1 and ?page=LAST (page_size 20) after health, the
# reference. Options go to bench/run. The superuser's token is used, as in
# bench/plans.sh.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init plans-growth.sh "$@"
want=${BENCH_PLANS:-1000000}
BENCH_TOKEN=$(bench_admin_token)
export BENCH_TOKEN

count() {
	curl -fsS -H "Authorization: Bearer $BENCH_TOKEN" "$base/plans/?page_size=1" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'
}
have=$(count)
if [ "$have" -lt "$want" ]; then
	mkdir -p "$VAR/bench"
	file=$VAR/bench/plans-$have-$want.sql
	first=$((have + 1))
	cat >"$file" <<SQL
-- bench/plans-growth.sh: plans $first..$want
INSERT INTO plans (name, amount, payment_cycle, total_valid_months, is_cancellable)
SELECT CONCAT('BENCH plan ', LPAD(seq, 7, '0')), 100 + seq % 900, 30, 12, seq % 2
FROM seq_${first}_to_${want};
SQL
	echo "bench/plans-growth.sh: adding plans $first..$want"
	ctl load "$file" >/dev/null
	have=$(count)
fi
last=$(((have + 19) / 20))
echo "bench/plans-growth.sh: $have plans, last page $last"
exec "$HERE/run" "$@" health "/plans/?page=1" "/plans/?page=$last"
