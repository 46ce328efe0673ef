/* Module identity: logging in and out. POST /auth/login (seed 000) and
 * POST /auth (seed 002) check a password (credentials.c) and answer with
 * their seed's token and account shapes, each opening a session
 * (sessions.c); POST /auth/logout ends the session of the token it was
 * called with. Fields here, SQL in db.c, JSON in render.c. */
#include "config.h"

#include "auth/internal.h"

#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/log.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

struct login_in {
	const char	*username;
	const char	*email;
	const char	*password;
};

static const struct cl_field login_fields[] = {
	CL_STR("username", struct login_in, username, CL_REQUIRED, 1, 254),
	CL_STR("password", struct login_in, password, CL_REQUIRED, 1,
	    AUTH_PASSWORD_MAX),
	{ 0 }
};

static int64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The seed 000 token of session sid: an access JWT with the seed's extra
 * claims, valid login_ttl seconds; *expiry gets its expiry_datetime. */
static char *
login_token(struct cl_req *r, const struct auth_user *u, int64_t sid,
    const char **expiry)
{
	struct auth_claims c = {
		.token_type = "access", .user_id = u->id, .sid = sid,
	};
	char issued[AUTH_SEED_DATETIME_BUF], expires[AUTH_SEED_DATETIME_BUF];
	int64_t us = now_us();
	int rc;

	rc = auth_user_roles_json(r->db, r->arena, u->id, &c.roles_json);
	if (rc != CL_OK)
		return NULL;
	c.jti = auth_random_hex(r->arena, 16);
	if (c.jti == NULL)
		return NULL;
	c.iat = auth_token_iat(us / 1000000, u->tokens_valid_after);
	if (c.iat * 1000000 > us)
		us = c.iat * 1000000;
	c.exp = c.iat + auth_conf.login_ttl;
	c.user_xid = u->xid;
	c.mvp_user_id = cl_arena_printf(r->arena, "%lld", (long long)u->id);
	c.username = auth_login_name(u);
	c.issue_datetime = auth_seed_datetime(us, issued);
	c.expiry_datetime = auth_seed_datetime(
	    us + auth_conf.login_ttl * 1000000, expires);
	*expiry = cl_arena_strdup(r->arena, expires);
	return auth_jwt_encode(r->arena, auth_conf.jwt_secret, &c);
}

/* POST /auth/login (API.md §2, seed 000): {username (an email), password}
 * → 200 {"status":"success","data":{access_token, expiry_datetime, user}};
 * a wrong combination is 400. */
int
auth_login_create(struct cl_req *r)
{
	struct login_in in = { 0 };
	struct auth_login login = { .by = AUTH_BY_LOGIN, .fail_status = 400 };
	struct auth_user u;
	const char *token, *expiry = NULL;
	int64_t sid;
	int rc;

	rc = cl_fields_or_reply(r, login_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	login.name = in.username;
	login.password = in.password;
	rc = auth_credentials_or_reply(r, &login, &u);
	if (rc != 0)
		return rc;
	rc = auth_session_start_or_reply(r, u.id, NULL, NULL, auth_conf.login_ttl,
	    &sid);
	if (rc != 0)
		return rc;
	token = login_token(r, &u, sid, &expiry);
	if (token == NULL)
		return auth_sign_failed_or_reply(r);
	rc = auth_user_set_login(r->db, u.id, NULL);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 200, auth_render_login(token, expiry, &u));
}

static const struct cl_field session_fields[] = {
	CL_STR("email", struct login_in, email, 0, 0, 254),
	CL_STR("username", struct login_in, username, 0, 0, 150),
	CL_STR("password", struct login_in, password, CL_REQUIRED, 1,
	    AUTH_PASSWORD_MAX),
	{ 0 }
};

/* The Platform header of seed 002 (also read under the seed's spelling
 * "Plaform"): NULL when absent, "ios" or "android", or "" when it holds
 * anything else. */
static const char *
platform(const struct cl_req *r)
{
	const char *p = cl_req_header(r, "platform");

	if (p == NULL)
		p = cl_req_header(r, "plaform");
	if (p == NULL)
		return NULL;
	if (strcasecmp(p, "ios") == 0)
		return "ios";
	if (strcasecmp(p, "android") == 0)
		return "android";
	return "";
}

/* POST /auth (API.md §2, seed 002; apikey required): {email or username,
 * password} → 200 {"token","account"}. Platform, when sent, must be ios or
 * android (else 400) and is stored. Wrong credentials: 401. */
int
auth_sessions_create(struct cl_req *r)
{
	struct login_in in = { 0 };
	struct auth_login login = { .fail_status = 401 };
	struct auth_user u;
	const char *plat = platform(r), *token;
	int64_t exp, sid;
	int rc;

	if (plat != NULL && plat[0] == '\0')
		return cl_fail(r, 400, "invalid_platform",
		    "The Platform header must be ios or android.");
	rc = cl_fields_or_reply(r, session_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	login.by = in.email && in.email[0] ? AUTH_BY_EMAIL : AUTH_BY_USERNAME;
	login.name = login.by == AUTH_BY_EMAIL ? in.email : in.username;
	if (login.name == NULL || login.name[0] == '\0') {
		cl_fail_field(r, "email", "Either email or username is required.");
		return cl_fail_validation(r);
	}
	login.password = in.password;
	rc = auth_credentials_or_reply(r, &login, &u);
	if (rc != 0)
		return rc;
	rc = auth_session_start_or_reply(r, u.id, plat, NULL, auth_conf.login_ttl,
	    &sid);
	if (rc != 0)
		return rc;
	token = auth_jwt_issue(r->arena, &u, "access", auth_conf.login_ttl, sid,
	    NULL, &exp);
	if (token == NULL)
		return auth_sign_failed_or_reply(r);
	rc = auth_user_set_login(r->db, u.id, plat);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 200, auth_render_session(token, &u));
}

/* POST /auth/logout (API.md §2, user) → 200: ends the session of this
 * request's token, so its access and refresh tokens get 401 everywhere
 * (auth_sessions); a token of no session goes to revoked_tokens, an API
 * token's row is revoked. */
int
auth_logout_create(struct cl_req *r)
{
	const char *header = cl_req_header(r, "authorization"), *cred;
	enum auth_scheme scheme;
	char hash[AUTH_HEX_SHA256];
	int rc;

	if (header == NULL || auth_scheme_parse(header, &scheme, &cred) != CL_OK)
		return cl_fail(r, 401, "not_authenticated",
		    "Authentication credentials were not provided.");
	if (scheme == AUTH_SCHEME_TOKEN) {
		auth_sha256_hex(cred, hash);
		rc = auth_api_token_revoke(r->db, hash);
	} else if (r->caller.session_id != 0) {
		rc = auth_session_revoke(r->db, r->caller.session_id,
		    r->caller.user_id);
		if (rc == CL_ENOTFOUND) /* ended since the check: still gone */
			rc = CL_OK;
	} else {
		rc = auth_revoked_insert(r->db, r->caller.token_jti,
		    r->caller.user_id, r->caller.token_exp);
	}
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 200, auth_render_message("Logout Successful"));
}
