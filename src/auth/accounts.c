/* Module identity: accounts made on behalf of another module (auth.h),
 * with the same rules and the same password hasher as registration. */
#include "config.h"

#include "auth/auth.h"

#include "auth/internal.h"

#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/json.h"
#include "core/log.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

/* Records the problems of in; CL_OK when there are none. */
static int
check(struct cl_req *r, const struct auth_account_in *in)
{
	struct auth_user other;
	size_t len = in->password ? cl_utf8_len(in->password) : 0;
	bool bad = false;
	int rc;

	if (len < AUTH_PASSWORD_MIN ||
	    strlen(in->password) > AUTH_PASSWORD_MAX) {
		cl_fail_field(r, in->password_field,
		    cl_arena_printf(r->arena,
		        "Ensure this field has at least %d characters.",
		        AUTH_PASSWORD_MIN));
		bad = true;
	}
	if (in->email == NULL || !cl_is_email(in->email) ||
	    strlen(in->email) > 254) {
		cl_fail_field(
		    r, in->email_field, "Enter a valid email address.");
		return CL_EINVAL;
	}
	rc = auth_user_find_by_email(r->db, r->arena, in->email, &other);
	if (rc == CL_ENOTFOUND)
		rc = auth_user_find_by_username(
		    r->db, r->arena, in->email, &other);
	if (rc == CL_OK) {
		cl_fail_field(r, in->email_field,
		    "A user with this email already exists.");
		return CL_EINVAL;
	}
	if (rc != CL_ENOTFOUND)
		return rc;
	return bad ? CL_EINVAL : CL_OK;
}

int
auth_account_create(
    struct cl_req *r, const struct auth_account_in *in, int64_t *id)
{
	struct auth_user u = { 0 };
	int rc;

	rc = check(r, in);
	if (rc != CL_OK || in->check_only)
		return rc;
	u.email = in->email;
	u.username = in->email;
	u.first_name = in->first_name ? in->first_name : "";
	u.last_name = "";
	u.password_hash = auth_pwhash_make(r->arena, in->password);
	if (u.password_hash == NULL) {
		cl_log_err(r, "[auth] password hashing failed");
		return CL_EDB;
	}
	rc = auth_user_insert(r->db, &u);
	if (rc == CL_EDUP) {
		/* A parallel request took the email first. */
		cl_fail_field(r, in->email_field,
		    "A user with this email already exists.");
		return CL_EINVAL;
	}
	if (rc == CL_OK)
		rc = auth_user_role_insert(r->db, u.id, in->role_id);
	if (rc == CL_OK)
		*id = u.id;
	return rc;
}

int
auth_outbox_queue(struct cl_db *db, const char *channel,
    const char *recipient, const char *subject, const char *body)
{
	return auth_outbox_insert(db, channel, recipient, subject, body, 0);
}

/* Why in cannot be an account, or NULL. */
static const char *
user_new_invalid(const struct auth_user_new *in)
{
	if (in->email == NULL || !auth_email_is_plausible(in->email))
		return "--email is not a valid address";
	if (in->username && !auth_username_is_valid(in->username))
		return "--username must be 1-150 characters without '@' or spaces";
	if (in->phone && !auth_phone_is_valid(in->phone))
		return "--phone must be an optional + and 6 to 15 digits";
	if ((in->first_name && strlen(in->first_name) > 150) ||
	    (in->last_name && strlen(in->last_name) > 150))
		return "names are at most 150 characters";
	if (in->password == NULL ||
	    cl_utf8_len(in->password) < AUTH_PASSWORD_MIN ||
	    strlen(in->password) > AUTH_PASSWORD_MAX)
		return "the password must have at least 8 characters";
	return NULL;
}

int
auth_user_create(struct cl_db *db, struct cl_arena *a,
    const struct auth_user_new *in, int64_t *id, const char **why)
{
	struct auth_user u = { 0 };
	int64_t role_id = 0;
	int rc;

	if ((*why = user_new_invalid(in)) != NULL)
		return CL_EINVAL;
	if (in->role != NULL) {
		rc = auth_role_find(db, a, in->role, &role_id);
		if (rc == CL_ENOTFOUND)
			*why = "the built-in role is missing: run clientelectl migrate";
		if (rc != CL_OK)
			return rc == CL_ENOTFOUND ? CL_EINVAL : rc;
	}
	u.email = in->email;
	u.username = in->username;
	u.first_name = in->first_name ? in->first_name : "";
	u.last_name = in->last_name ? in->last_name : "";
	u.password_hash = auth_pwhash_make(a, in->password);
	if (u.password_hash == NULL) {
		*why = "password hashing failed";
		return CL_EINVAL;
	}
	rc = auth_user_insert(db, &u);
	if (rc == CL_EDUP)
		*why = "that email or username is taken";
	if (rc == CL_OK && in->phone) {
		rc = auth_phone_insert(db, u.id, in->phone, true, true);
		if (rc == CL_EDUP)
			*why = "that phone is taken";
	}
	if (rc == CL_OK && role_id != 0)
		rc = auth_user_role_insert(db, u.id, role_id);
	if (rc == CL_OK)
		*id = u.id;
	return rc;
}
