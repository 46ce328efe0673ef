/* Module identity: the caller's phone numbers (seed 001). POST
 * /auth/add-phone-no adds an unverified phone and sends it an OTP; POST
 * /auth/make-primary-phone makes a verified phone of the caller primary. */
#include "config.h"

#include "auth/internal.h"

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

struct phone_in {
	const char	*phone;
};

static const struct cl_field phone_fields[] = {
	CL_STR("phone", struct phone_in, phone, CL_REQUIRED, 1, 20),
	{ 0 }
};

static int
phone_taken_or_reply(struct cl_req *r)
{
	cl_fail_field(r, "phone", "A user with this phone already exists.");
	return cl_fail_validation(r);
}

/* POST /auth/add-phone-no (API.md §2, user): {phone} → 201 {"message"};
 * the phone gets an OTP; a phone taken by anyone (the caller too): 400,
 * unless that claim is unverified and older than phone_claim_hours (it
 * lapses). The send counts against the abuse limits (429). */
int
auth_phones_create(struct cl_req *r)
{
	struct phone_in in = { 0 };
	int rc;

	rc = cl_fields_or_reply(r, phone_fields, &in, CL_FIELDS_FULL, NULL);
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
	rc = auth_phone_insert(r->db, r->caller.user_id, in.phone, false,
	    false);
	if (rc == CL_EDUP)
		return phone_taken_or_reply(r);
	if (rc == CL_OK)
		rc = auth_otp_send(r->db, r->arena, r->caller.user_id, in.phone);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 201, auth_render_message(
	    "Phone No added Successfully, Please verify it via otp"));
}

/* POST /auth/make-primary-phone (API.md §2, user): {phone} → 201
 * {"message":"Now <phone> is your primary phone no"}; the phone must be
 * the caller's and verified, else 400. */
int
auth_phones_update(struct cl_req *r)
{
	struct phone_in in = { 0 };
	struct auth_phone ph;
	int rc;

	rc = cl_fields_or_reply(r, phone_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	rc = auth_phone_get_for_update(r->db, r->arena, in.phone, &ph);
	if (rc != CL_OK && rc != CL_ENOTFOUND)
		return cl_fail_db(r, rc);
	if (rc == CL_ENOTFOUND || ph.user_id != r->caller.user_id)
		return cl_fail(r, 400, "unknown_phone",
		    "This phone is not one of yours.");
	if (!ph.is_verified)
		return cl_fail(r, 400, "phone_not_verified",
		    "Verify this phone with its OTP first.");
	rc = auth_phone_set_primary(r->db, r->caller.user_id, ph.id);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 201, auth_render_message(cl_arena_printf(
	    r->arena, "Now %s is your primary phone no", ph.phone)));
}
