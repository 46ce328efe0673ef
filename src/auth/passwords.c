/* Module identity: POST /auth/changepassword (seed 002). The old password
 * is checked like a login (counted by the brute-force limit); the change
 * voids every token the user held (users.tokens_valid_after), ends the
 * user's sessions and revokes the user's API tokens. */
#include "config.h"

#include "auth/internal.h"

#include "core/db.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/log.h"
#include "core/request.h"
#include "core/response.h"
#include "core/timeutil.h"
#include "core/banned.h"

struct password_in {
	const char	*username;
	const char	*password;
	const char	*newpassword;
};

static const struct cl_field password_fields[] = {
	CL_STR("username", struct password_in, username, CL_REQUIRED, 1, 254),
	CL_STR("password", struct password_in, password, CL_REQUIRED, 1,
	    AUTH_PASSWORD_MAX),
	CL_STR("newpassword", struct password_in, newpassword, CL_REQUIRED,
	    AUTH_PASSWORD_MIN, AUTH_PASSWORD_MAX),
	{ 0 }
};

/* POST /auth/changepassword (API.md §2): {username (or email), password,
 * newpassword} → 200; a wrong password is 400. Tokens, sessions and API
 * tokens issued before the change stop working on every server at once. */
int
auth_passwords_update(struct cl_req *r)
{
	struct password_in in = { 0 };
	struct auth_login login = { .by = AUTH_BY_LOGIN, .fail_status = 400 };
	struct auth_user u;
	const char *hash;
	int rc;

	rc = cl_fields_or_reply(r, password_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	login.name = in.username;
	login.password = in.password;
	rc = auth_credentials_or_reply(r, &login, &u);
	if (rc != 0)
		return rc;
	hash = auth_pwhash_make(r->arena, in.newpassword);
	if (hash == NULL) {
		cl_log_err(r, "[auth] password hashing failed");
		return cl_fail_db(r, CL_EDB);
	}
	rc = auth_user_set_password(r->db, u.id, hash,
	    auth_tokens_void_before(cl_now()));
	if (rc == CL_OK)
		rc = auth_session_revoke_user(r->db, u.id);
	if (rc == CL_OK)
		rc = auth_api_token_revoke_user(r->db, u.id);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 200,
	    auth_render_message("Password changed Successfully"));
}
