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
