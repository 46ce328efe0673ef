/* Module identity: who is calling. dispatch.c calls auth_ops before a
 * route's handler: caller_or_reply reads the Authorization header (Bearer
 * or JWT: an access JWT; Token: an opaque API token) into r->caller, with
 * the user's permissions, a JWT's caller from the worker's cache when it
 * is there (caller_cache.c), for confirm_or_reply to confirm before the
 * answer goes out; apikey_or_reply checks the apikey header. Every
 * refusal is a 401 (cl_fail adds WWW-Authenticate) and names no reason a
 * forger could learn from beyond "invalid". */
#include "config.h"

#include "auth/internal.h"

#include <string.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/dispatch.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/request.h"
#include "core/response.h"
#include "core/timeutil.h"
#include "core/banned.h"

int
auth_sign_failed_or_reply(struct cl_req *r)
{
	cl_log_err(r, "[auth] could not sign a token (is jwt_secret set?)");
	return cl_fail_db(r, CL_EDB);
}

static int
invalid_or_reply(struct cl_req *r)
{
	return cl_fail(r, 401, "token_not_valid",
	    "Given token not valid for any token type.");
}

/* "a:read,b:write" into a NULL-terminated array from a. */
static const char **
split_perms(struct cl_arena *a, const char *csv)
{
	const char **out;
	const char *s, *comma;
	size_t n = 1, i = 0;

	for (s = csv; s && *s; s++)
		n += *s == ',';
	out = CL_NEW_ARRAY(a, const char *, n + 1);
	for (s = csv; s && *s; s = comma ? comma + 1 : s + strlen(s)) {
		comma = strchr(s, ',');
		out[i++] = comma ? cl_arena_strndup(a, s, (size_t)(comma - s)) :
		    cl_arena_strdup(a, s);
	}
	out[i] = NULL;
	return out;
}

static int
jwt_decode_or_reply(struct cl_req *r, const char *token, const char *want_type,
    struct auth_claims *c)
{
	if (auth_conf.jwt_secret[0] == '\0') {
		cl_log_err(r, "[auth] jwt_secret is not set: no JWT can verify");
		return cl_fail(r, 500, "internal_error",
		    cl_arena_printf(r->arena, "internal error (request id %s)",
		    r->request_id));
	}
	if (auth_jwt_decode(r->arena, auth_conf.jwt_secret, token, cl_now(),
	    want_type, c) != AUTH_JWT_OK)
		return invalid_or_reply(r);
	return 0;
}

/* The full check of a decoded JWT's caller: one statement (db.c). */
static int
jwt_check_or_reply(struct cl_req *r, const struct auth_claims *c,
    struct auth_caller_row *row)
{
	int rc;

	rc = auth_caller_get(r->db, r->arena, c->user_id, c->jti, c->sid, row);
	if (rc == CL_ENOTFOUND)
		return invalid_or_reply(r);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if (!row->is_active || row->is_revoked || !row->session_live ||
	    c->iat < row->tokens_valid_after)
		return invalid_or_reply(r);
	/* last_used_at: one write per session a minute at most, and before
	 * the route's transaction begins. */
	if (row->session_stale &&
	    (rc = auth_session_touch(r->db, c->sid)) != CL_OK)
		return cl_fail_db(r, rc);
	return 0;
}

int
auth_jwt_or_reply(struct cl_req *r, const char *token, const char *want_type,
    struct auth_claims *c, struct auth_caller_row *row)
{
	int rc;

	if ((rc = jwt_decode_or_reply(r, token, want_type, c)) != 0)
		return rc;
	return jwt_check_or_reply(r, c, row);
}

static void
set_caller(struct cl_req *r, const struct auth_caller_row *row,
    const char *scheme)
{
	r->caller.user_id = row->user_id;
	r->caller.is_superuser = row->is_superuser;
	r->caller.perms = split_perms(r->arena, row->perms);
	r->caller.scheme = scheme;
}

static int
api_token_or_reply(struct cl_req *r, const char *token)
{
	struct auth_caller_row row;
	char hash[AUTH_HEX_SHA256];
	int rc;

	auth_sha256_hex(token, hash);
	rc = auth_caller_get_by_token(r->db, r->arena, hash, &row);
	if (rc == CL_ENOTFOUND)
		return invalid_or_reply(r);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if (!row.is_active)
		return invalid_or_reply(r);
	set_caller(r, &row, "Token");
	return 0;
}

static int
caller_or_reply(struct cl_req *r, bool required)
{
	const char *header = cl_req_header(r, "authorization"), *cred, *name;
	const struct auth_cached_caller *kept;
	enum auth_scheme scheme;
	struct auth_caller_row row;
	struct auth_claims c;
	int rc;

	if (header == NULL || header[0] == '\0') {
		if (!required)
			return 0;
		return cl_fail(r, 401, "not_authenticated",
		    "Authentication credentials were not provided.");
	}
	if (auth_scheme_parse(header, &scheme, &cred) != CL_OK)
		return cl_fail(r, 401, "not_authenticated",
		    "Use Authorization: Bearer, JWT or Token.");
	if (scheme == AUTH_SCHEME_TOKEN)
		return api_token_or_reply(r, cred);
	if ((rc = jwt_decode_or_reply(r, cred, "access", &c)) != 0)
		return rc;
	name = scheme == AUTH_SCHEME_BEARER ? "Bearer" : "JWT";
	kept = auth_cache_find(&c, cl_monotonic());
	if (kept != NULL) {
		/* Confirmed against the stamps before the answer goes out
		 * (dispatch.h): a revocation since is seen then. */
		r->caller.user_id = kept->user_id;
		r->caller.is_superuser = kept->is_superuser;
		r->caller.perms = split_perms(r->arena, kept->perms);
		r->caller.scheme = name;
		r->caller.stamp = cl_arena_strdup(r->arena, kept->stamp);
	} else {
		if ((rc = jwt_check_or_reply(r, &c, &row)) != 0)
			return rc;
		set_caller(r, &row, name);
		auth_cache_put(&c, &row, cl_monotonic());
	}
	r->caller.token_jti = c.jti;
	r->caller.token_exp = c.exp;
	r->caller.session_id = c.sid;
	return 0;
}

/* A cached caller against the stamps now: the same, it is confirmed;
 * moved, it is forgotten and checked in full, as with no cache. */
static int
confirm_or_reply(struct cl_req *r, const char *stamp_now)
{
	int64_t apikey_id;
	int rc;

	if (r->caller.stamp == NULL)
		return 0;
	if (stamp_now == NULL &&
	    (rc = auth_stamp_get(r->db, r->arena, &stamp_now)) != CL_OK)
		return cl_fail_db(r, rc);
	if (strcmp(stamp_now, r->caller.stamp) == 0) {
		r->caller.stamp = NULL;
		return 0;
	}
	auth_cache_forget(r->caller.token_jti);
	apikey_id = r->caller.apikey_id;
	memset(&r->caller, 0, sizeof(r->caller));
	r->caller.apikey_id = apikey_id;
	return caller_or_reply(r, true);
}

static int
apikey_or_reply(struct cl_req *r)
{
	const char *key = cl_req_header(r, "apikey");
	char hash[AUTH_HEX_SHA256];
	int64_t id;
	int rc;

	/* API.md §7: the challenge names the scheme this check wants. */
	if (key == NULL || key[0] == '\0') {
		cl_reply_header(r, "WWW-Authenticate", "apikey");
		return cl_fail(r, 401, "apikey_required",
		    "A valid apikey header is required.");
	}
	auth_sha256_hex(key, hash);
	rc = auth_apikey_find(r->db, r->arena, hash, &id);
	if (rc == CL_ENOTFOUND) {
		cl_reply_header(r, "WWW-Authenticate", "apikey");
		return cl_fail(r, 401, "apikey_invalid",
		    "A valid apikey header is required.");
	}
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	r->caller.apikey_id = id;
	return 0;
}

const struct cl_auth_ops auth_ops = {
	.caller_or_reply = caller_or_reply,
	.apikey_or_reply = apikey_or_reply,
	.confirm_or_reply = confirm_or_reply,
	.stamp_sql = AUTH_STAMP_SQL,
};
