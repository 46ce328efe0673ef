/* Module identity: seed 001's JWT pair. POST /auth/token trades a verified
 * phone and its password for an access and a refresh token of a new
 * session; POST /auth/refresh trades the session's valid refresh token for
 * a new pair (rotation: the old one is spent, and presenting a spent one
 * ends the session). Lifetimes come from the config (access_ttl,
 * refresh_ttl). */
#include "config.h"

#include "auth/internal.h"

#include "core/db.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/log.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

struct token_in {
	const char	*phone;
	const char	*password;
	const char	*refresh;
};

static const struct cl_field token_fields[] = {
	CL_STR("phone", struct token_in, phone, CL_REQUIRED, 1, 20),
	CL_STR("password", struct token_in, password, CL_REQUIRED, 1,
	    AUTH_PASSWORD_MAX),
	{ 0 }
};

/* POST /auth/token (API.md §2, seed 001): {phone, password} → 200
 * {"token":{"refresh","access"}}. Wrong phone or password, or a phone not
 * verified yet: 401. */
int
auth_tokens_create(struct cl_req *r)
{
	struct token_in in = { 0 };
	struct auth_login login = {
		.by = AUTH_BY_PHONE, .fail_status = 401,
		.need_verified_phone = true,
	};
	struct auth_user u;
	const char *refresh, *access, *jti;
	int64_t exp, sid;
	int rc;

	rc = cl_fields_or_reply(r, token_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	login.name = in.phone;
	login.password = in.password;
	rc = auth_credentials_or_reply(r, &login, &u);
	if (rc != 0)
		return rc;
	jti = auth_random_hex(r->arena, 16);
	if (jti == NULL)
		return auth_sign_failed_or_reply(r);
	rc = auth_session_start_or_reply(r, u.id, NULL, jti,
	    auth_session_ttl(auth_conf.access_ttl, auth_conf.refresh_ttl), &sid);
	if (rc != 0)
		return rc;
	refresh = auth_jwt_issue(r->arena, &u, "refresh", auth_conf.refresh_ttl,
	    sid, jti, &exp);
	access = auth_jwt_issue(r->arena, &u, "access", auth_conf.access_ttl,
	    sid, NULL, &exp);
	if (refresh == NULL || access == NULL)
		return auth_sign_failed_or_reply(r);
	rc = auth_user_set_login(r->db, u.id, NULL);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 200, auth_render_token_pair(refresh, access));
}

static const struct cl_field refresh_fields[] = {
	CL_STR("refresh", struct token_in, refresh, CL_REQUIRED, 1, 4096),
	{ 0 }
};

/* A refresh token its session has spent came back: ends the session (a
 * thief or its victim holds the token that replaced it) and records 401. */
static int
spent_or_reply(struct cl_req *r, const struct auth_claims *c)
{
	int rc;

	rc = auth_session_revoke(r->db, c->sid, c->user_id);
	if (rc != CL_OK && rc != CL_ENOTFOUND)
		return cl_fail_db(r, rc);
	if (rc == CL_OK)
		cl_log_err(r, "[auth] a spent refresh token was presented: "
		    "session %lld of user %lld ended", (long long)c->sid,
		    (long long)c->user_id);
	return cl_fail(r, 401, "token_not_valid",
	    "Given token not valid for any token type.");
}

/* POST /auth/refresh (API.md §2, seed 001): {refresh} → 200 {"access",
 * "refresh"}, both of the token's session. A refresh token that is
 * invalid, expired, revoked, older than the last password change, of no
 * session, or not a refresh token: 401. One that its session has already
 * spent (a replay, or the loser of two concurrent refreshes, which the
 * server cannot tell apart) ends the session too, so every token of it
 * gets 401 (OAuth 2.0 Security BCP, refresh token rotation). Not CL_TX:
 * that ending must stay although the answer is an error; the rotation is
 * one atomic UPDATE. */
int
auth_tokens_refresh(struct cl_req *r)
{
	struct token_in in = { 0 };
	struct auth_caller_row row;
	struct auth_claims c;
	struct auth_user u;
	const char *access, *refresh, *jti;
	int64_t exp;
	int rc;

	rc = cl_fields_or_reply(r, refresh_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	rc = auth_jwt_or_reply(r, in.refresh, "refresh", &c, &row);
	if (rc != 0)
		return rc;
	if (c.sid == 0)
		return cl_fail(r, 401, "token_not_valid",
		    "Given token not valid for any token type.");
	rc = auth_user_get(r->db, r->arena, c.user_id, &u);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	jti = auth_random_hex(r->arena, 16);
	if (jti == NULL)
		return auth_sign_failed_or_reply(r);
	refresh = auth_jwt_issue(r->arena, &u, "refresh", auth_conf.refresh_ttl,
	    c.sid, jti, &exp);
	access = auth_jwt_issue(r->arena, &u, "access", auth_conf.access_ttl,
	    c.sid, NULL, &exp);
	if (refresh == NULL || access == NULL)
		return auth_sign_failed_or_reply(r);
	rc = auth_session_rotate(r->db, c.sid, c.user_id, c.jti, jti,
	    auth_session_ttl(auth_conf.access_ttl, auth_conf.refresh_ttl));
	if (rc == CL_ENOTFOUND)
		return spent_or_reply(r, &c);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 200, auth_render_rotated(access, refresh));
}
