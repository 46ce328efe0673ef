/* Module identity: POST /auth/register, in the two forms of API.md §2: the
 * phone form of seed 001 (an account with an unverified primary phone that
 * gets an OTP) and the email form of seed 002. The body picks the form. */
#include "config.h"

#include "auth/internal.h"

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/log.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

struct register_in {
	const char	*phone;
	const char	*name;
	const char	*email;
	const char	*username;
	const char	*first_name;
	const char	*last_name;
	const char	*password;
};

static const struct cl_field phone_form[] = {
	CL_STR("phone", struct register_in, phone, CL_REQUIRED, 1, 20),
	CL_STR("name", struct register_in, name, CL_REQUIRED, 1, 150),
	CL_STR("password", struct register_in, password, CL_REQUIRED,
	    AUTH_PASSWORD_MIN, AUTH_PASSWORD_MAX),
	{ 0 }
};

static const struct cl_field email_form[] = {
	CL_EMAIL("email", struct register_in, email, CL_REQUIRED, 3, 254),
	CL_STR("username", struct register_in, username, 0, 1, 150),
	CL_STR("firstName", struct register_in, first_name, 0, 0, 150),
	CL_STR("lastName", struct register_in, last_name, 0, 0, 150),
	CL_STR("password", struct register_in, password, CL_REQUIRED,
	    AUTH_PASSWORD_MIN, AUTH_PASSWORD_MAX),
	{ 0 }
};

static int
taken_or_reply(struct cl_req *r, const char *field)
{
	cl_fail_field(r, field, cl_arena_printf(r->arena,
	    "A user with this %s already exists.", field));
	return cl_fail_validation(r);
}

static int
hash_or_reply(struct cl_req *r, const char *password, const char **hash)
{
	*hash = auth_pwhash_make(r->arena, password);
	if (*hash != NULL)
		return 0;
	cl_log_err(r, "[auth] password hashing failed");
	return cl_fail_db(r, CL_EDB);
}

/* The phone form: {phone, name, password} → 201 {"message"}. An
 * unverified claim of the phone older than phone_claim_hours lapses
 * first; the OTP send counts against the abuse limits (429). */
static int
register_phone(struct cl_req *r)
{
	struct register_in in = { 0 };
	struct auth_user u = { 0 };
	struct auth_phone ph;
	int rc;

	rc = cl_fields_or_reply(r, phone_form, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	if (!auth_phone_is_valid(in.phone)) {
		cl_fail_field(r, "phone", "Enter a valid phone number.");
		return cl_fail_validation(r);
	}
	rc = auth_phone_lapse(r->db, in.phone, auth_conf.phone_claim_hours);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if ((rc = auth_send_allowed_or_reply(r, in.phone)) != 0)
		return rc;
	rc = auth_phone_get(r->db, r->arena, in.phone, &ph);
	if (rc == CL_OK)
		return taken_or_reply(r, "phone");
	if (rc != CL_ENOTFOUND)
		return cl_fail_db(r, rc);
	auth_split_name(r->arena, in.name, &u.first_name, &u.last_name);
	if ((rc = hash_or_reply(r, in.password, &u.password_hash)) != 0)
		return rc;
	rc = auth_user_insert(r->db, &u);
	if (rc == CL_OK)
		rc = auth_phone_insert(r->db, u.id, in.phone, false, true);
	/* A parallel registration of the phone won the unique key. */
	if (rc == CL_EDUP)
		return taken_or_reply(r, "phone");
	if (rc == CL_OK)
		rc = auth_otp_send(r->db, r->arena, u.id, in.phone);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 201,
	    auth_render_message("Registration Successful"));
}

/* Records a field error for an email or username someone holds. */
static int
check_free(struct cl_req *r, const struct register_in *in)
{
	struct auth_user other;
	int rc;

	rc = auth_user_find_by_email(r->db, r->arena, in->email, &other);
	if (rc == CL_OK)
		cl_fail_field(r, "email", "A user with this email already exists.");
	else if (rc != CL_ENOTFOUND)
		return rc;
	if (in->username == NULL)
		return CL_OK;
	rc = auth_user_find_by_username(r->db, r->arena, in->username, &other);
	if (rc == CL_OK)
		cl_fail_field(r, "username",
		    "A user with this username already exists.");
	return rc == CL_ENOTFOUND ? CL_OK : rc;
}

/* The email form: {email, password, firstName, lastName, username} → 201
 * {id, email, username, firstName, lastName}. */
static int
register_email(struct cl_req *r)
{
	struct register_in in = { 0 };
	struct auth_user u = { 0 };
	int rc;

	rc = cl_fields_or_reply(r, email_form, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	if (in.username != NULL && !auth_username_is_valid(in.username))
		cl_fail_field(r, "username",
		    "A username may not contain '@', spaces or control characters.");
	rc = check_free(r, &in);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if (cl_has_field_errors(r))
		return cl_fail_validation(r);
	u.email = in.email;
	u.username = in.username;
	u.first_name = in.first_name ? in.first_name : "";
	u.last_name = in.last_name ? in.last_name : "";
	if ((rc = hash_or_reply(r, in.password, &u.password_hash)) != 0)
		return rc;
	rc = auth_user_insert(r->db, &u);
	if (rc == CL_EDUP)
		return cl_fail(r, 400, "duplicate",
		    "A user with this email or username already exists.");
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 201, auth_render_registered(&u));
}

/* POST /auth/register (API.md §2): a body with "phone" is the phone form,
 * one with "email" the email form; duplicates are 400. */
int
auth_register_create(struct cl_req *r)
{
	if (cJSON_GetObjectItemCaseSensitive(r->json, "phone") != NULL)
		return register_phone(r);
	if (cJSON_GetObjectItemCaseSensitive(r->json, "email") != NULL)
		return register_email(r);
	cl_fail_field(r, "phone", "Either phone or email is required.");
	cl_fail_field(r, "email", "Either phone or email is required.");
	return cl_fail_validation(r);
}
