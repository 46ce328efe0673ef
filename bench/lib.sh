# bench/lib.sh: what the bench scripts share, sourced by each of them:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#   bench_init NAME "$@"      sets HERE ROOT VAR CTL and base (bench/run's
#                             -u, else BENCH_URL, else 127.0.0.1:8080)
#   ctl ARGS...               clientelectl on the running stack's config
#   bench_account FILE PERM...  a user holding PERMs, made once and kept
#                             (email, password) in FILE
#   bench_login EMAIL PASSWORD  prints an access token (POST /auth/login)
#   bench_admin_token         BENCH_TOKEN, else the superuser's token
# shellcheck shell=bash

bench_init() {
	BENCH_NAME=$1
	shift
	HERE=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
	ROOT=$(cd "$HERE/.." && pwd)
	base=${BENCH_URL:-http://127.0.0.1:8080/api/v1}
	local arg prev=""
	for arg in "$@"; do
		# bench/run's -u sets the base; log in and load where it points.
		[ "$prev" = -u ] && base=$arg
		prev=$arg
	done
	VAR=${CLIENTELE_VAR:-$ROOT/var}
	local build=${CLIENTELE_BUILD:-}
	if [ -z "$build" ] && [ -f "$VAR/stack.env" ]; then
		build=$(sed -n 's/^CLIENTELE_BUILD=//p' "$VAR/stack.env" | tail -n 1)
	fi
	CTL=${CLIENTELECTL:-${build:-$ROOT}/clientelectl}
}

die() { echo "bench/$BENCH_NAME: $*" >&2; exit 1; }

ctl() {
	[ -x "$CTL" ] || die "no clientelectl at $CTL (set CLIENTELECTL, or start script/server)"
	"$CTL" -c "$VAR/clientele.conf" "$@"
}

hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

bench_account() {
	local file=$1 tag password perms=() p
	shift
	[ -s "$file" ] && return 0
	tag=$(hex 6)
	password=$(hex 16)
	for p in "$@"; do perms+=(--perm "$p"); done
	ctl role create "bench-$tag" "${perms[@]}" >/dev/null
	printf '%s\n' "$password" | ctl user create --email "bench-$tag@localhost" \
		--username "bench-$tag" --role "bench-$tag" --password-stdin >/dev/null
	(umask 077 && printf '%s\n%s\n' "bench-$tag@localhost" "$password" >"$file")
	echo "bench/$BENCH_NAME: made bench-$tag@localhost ($*), kept in $file"
}

bench_login() {
	BENCH_EMAIL=$1 BENCH_PASSWORD=$2 BENCH_NAME=$BENCH_NAME python3 - "$base" <<'PY'
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
    sys.exit("bench/%s: login failed: %s" % (os.environ["BENCH_NAME"], e))
PY
}

bench_admin_token() {
	[ -n "${BENCH_TOKEN:-}" ] && { printf '%s\n' "$BENCH_TOKEN"; return 0; }
	local email=${BENCH_EMAIL:-admin@localhost} password=${BENCH_PASSWORD:-}
	local file=$VAR/admin-password
	if [ -z "$password" ]; then
		[ -r "$file" ] || die "set BENCH_TOKEN or BENCH_PASSWORD (no $file)"
		password=$(cat "$file")
	fi
	bench_login "$email" "$password"
}
