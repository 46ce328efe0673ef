/* Module identity: the password check every login route shares (/auth/login,
 * POST /auth, /auth/token, /auth/changepassword): find the account, count
 * the attempt (limits.c), verify the password in constant time, and
 * raise the hash's parameters when they are below the current ones. */
#include "config.h"

#include "auth/internal.h"

#include <string.h>

#include "core/db.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

static int
find(struct cl_req *r, const struct auth_login *in, struct auth_user *u,
    bool *verified)
{
	struct auth_phone ph;
	int rc;

	*verified = true;
	switch (in->by) {
	case AUTH_BY_PHONE:
		rc = auth_user_find_by_phone(r->db, r->arena, in->name, u, &ph);
		if (rc == CL_OK)
			*verified = ph.is_verified;
		return rc;
	case AUTH_BY_EMAIL:
		return auth_user_find_by_email(r->db, r->arena, in->name, u);
	case AUTH_BY_USERNAME:
		return auth_user_find_by_username(r->db, r->arena, in->name, u);
	case AUTH_BY_LOGIN:
	default:
		if (strchr(in->name, '@') != NULL)
			return auth_user_find_by_email(r->db, r->arena, in->name,
			    u);
		return auth_user_find_by_username(r->db, r->arena, in->name, u);
	}
}

static int
wrong_or_reply(struct cl_req *r, const struct auth_login *in)
{
	if (in->fail_status == 401)
		return cl_fail(r, 401, "invalid_credentials",
		    "No active account found with the given credentials.");
	return cl_fail(r, in->fail_status, "invalid_credentials",
	    "Unable to log in with provided credentials.");
}

/* A hash made with older, weaker parameters is replaced while the
 * password is at hand. Failing here costs nothing but the upgrade. */
static void
rehash(struct cl_req *r, const struct auth_user *u, const char *password)
{
	const char *hash;

	if (!auth_pwhash_needs_rehash(u->password_hash))
		return;
	hash = auth_pwhash_make(r->arena, password);
	if (hash == NULL || auth_user_set_hash(r->db, u->id, hash) != CL_OK)
		cl_log_err(r, "could not upgrade the password hash of user %lld",
		    (long long)u->id);
}

int
auth_credentials_or_reply(struct cl_req *r, const struct auth_login *in,
    struct auth_user *u)
{
	int64_t attempt;
	bool found, verified, ok;
	int rc;

	rc = find(r, in, u, &verified);
	if (rc != CL_OK && rc != CL_ENOTFOUND)
		return cl_fail_db(r, rc);
	found = rc == CL_OK;
	rc = auth_attempt_begin_or_reply(r, found ? u->id : 0, &attempt);
	if (rc != 0)
		return rc;
	/* An unknown name costs the same scrypt run as a known one, so the
	 * answer's timing does not tell which names exist. */
	ok = auth_pwhash_verify(found ? u->password_hash : auth_pwhash_dummy(),
	    in->password);
	if (!found || !ok || !u->is_active)
		return wrong_or_reply(r, in);
	rc = auth_attempt_succeeded(r, attempt, u->id);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	rehash(r, u, in->password);
	if (in->need_verified_phone && !verified)
		return cl_fail(r, 401, "phone_not_verified",
		    "This phone is not verified yet; verify it with its OTP.");
	return 0;
}
