/* Module identity: seed 001's JWT pair. POST /auth/token trades a verified
 * phone and its password for an access and a refresh token; POST
 * /auth/refresh trades a refresh token for a new access token. Lifetimes
 * come from the config (access_ttl, refresh_ttl). */
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
	const char *refresh, *access;
	int64_t exp;
	int rc;

	rc = cl_fields_or_reply(r, token_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	login.name = in.phone;
	login.password = in.password;
	rc = auth_credentials_or_reply(r, &login, &u);
	if (rc != 0)
		return rc;
	refresh = auth_jwt_issue(r->arena, &u, "refresh", auth_conf.refresh_ttl,
	    &exp);
	access = auth_jwt_issue(r->arena, &u, "access", auth_conf.access_ttl,
	    &exp);
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

/* POST /auth/refresh (API.md §2, seed 001): {refresh} → 200 {"access"}.
 * A refresh token that is invalid, expired, revoked, older than the last
 * password change, or not a refresh token: 401. */
int
auth_tokens_refresh(struct cl_req *r)
{
	struct token_in in = { 0 };
	struct auth_caller_row row;
	struct auth_claims c;
	struct auth_user u;
	const char *access;
	int64_t exp;
	int rc;

	rc = cl_fields_or_reply(r, refresh_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	rc = auth_jwt_or_reply(r, in.refresh, "refresh", &c, &row);
	if (rc != 0)
		return rc;
	rc = auth_user_get(r->db, r->arena, c.user_id, &u);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	access = auth_jwt_issue(r->arena, &u, "access", auth_conf.access_ttl,
	    &exp);
	if (access == NULL)
		return auth_sign_failed_or_reply(r);
	return cl_reply_json(r, 200, auth_render_access(access));
}
