/* Module identity: one-time codes for phones (seed 001). auth_otp_send
 * makes one (registration, add-phone-no, resend); POST /auth/verify-otp
 * spends one and marks the phone verified; POST /auth/resend-otp makes a
 * new one at most once a minute. Codes are stored as HMACs; the plain code
 * exists only in the outbox row that carries it to the phone. */
#include "config.h"

#include "auth/internal.h"

#include <openssl/crypto.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

struct otp_in {
	const char	*phone;
	const char	*otp;
};

int
auth_otp_send(struct cl_db *db, struct cl_arena *a, int64_t user_id,
    const char *phone)
{
	char code[7], hash[AUTH_HEX_SHA256];
	const char *text;
	int rc;

	rc = auth_otp_digits(code);
	if (rc != CL_OK)
		return rc;
	auth_otp_hash(auth_conf.jwt_secret, phone, code, hash);
	text = cl_arena_printf(a, "Your Clientele verification code is %s. "
	    "It expires in %d minutes.", code, AUTH_OTP_LIFE / 60);
	OPENSSL_cleanse(code, sizeof(code));
	rc = auth_otp_insert(db, user_id, phone, hash);
	if (rc == CL_OK)
		rc = auth_outbox_insert(db, "sms", phone, "Verification code",
		    text, AUTH_OTP_LIFE);
	return rc;
}

static const struct cl_field verify_fields[] = {
	CL_STR("phone", struct otp_in, phone, CL_REQUIRED, 1, 20),
	CL_STR("otp", struct otp_in, otp, CL_REQUIRED, 1, 16),
	{ 0 }
};

static int
wrong_otp_or_reply(struct cl_req *r)
{
	return cl_fail(r, 400, "invalid_otp",
	    "The OTP is wrong or has expired; ask for a new one.");
}

/* POST /auth/verify-otp (API.md §2, seed 001): {phone, otp} → 200
 * {"message":"Verification Successful"}. Not CL_TX: a wrong try must stay
 * counted when the answer is 400. The try is spent (atomically, in SQL)
 * before the code is compared, so parallel guesses share the 5 tries.
 * Wrong codes also count per phone across its codes: at
 * otp_failures_per_hour within the hour, 429 with Retry-After. */
int
auth_otp_update(struct cl_req *r)
{
	struct otp_in in = { 0 };
	struct auth_otp otp;
	struct auth_phone ph;
	char hash[AUTH_HEX_SHA256];
	int rc;

	rc = cl_fields_or_reply(r, verify_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	if ((rc = auth_otp_failures_or_reply(r, in.phone)) != 0)
		return rc;
	rc = auth_otp_latest(r->db, r->arena, in.phone, &otp);
	if (rc == CL_ENOTFOUND)
		return wrong_otp_or_reply(r);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if (otp.is_used || !auth_otp_is_usable(otp.created, otp.now, otp.tries))
		return wrong_otp_or_reply(r);
	rc = auth_otp_spend_try(r->db, otp.id);
	if (rc == CL_ENOTFOUND)
		return wrong_otp_or_reply(r);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	auth_otp_hash(auth_conf.jwt_secret, in.phone, in.otp, hash);
	if (!auth_secret_equal(hash, otp.code_hash)) {
		rc = auth_otp_failure_insert(r->db, in.phone);
		if (rc != CL_OK)
			return cl_fail_db(r, rc);
		return wrong_otp_or_reply(r);
	}
	rc = auth_otp_use(r->db, otp.id);
	if (rc == CL_ENOTFOUND)
		return wrong_otp_or_reply(r);
	if (rc == CL_OK)
		rc = auth_phone_get(r->db, r->arena, in.phone, &ph);
	if (rc == CL_OK)
		rc = auth_phone_set_verified(r->db, ph.id);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 200,
	    auth_render_message("Verification Successful"));
}

static const struct cl_field resend_fields[] = {
	CL_STR("phone", struct otp_in, phone, CL_REQUIRED, 1, 20),
	{ 0 }
};

/* POST /auth/resend-otp (API.md §2, seed 001): {phone} → 200. The phone
 * must be registered and not verified yet (else 400); a second code within
 * AUTH_OTP_RESEND seconds is 429 with Retry-After. CL_TX: the phone's row
 * is locked, so two parallel resends cannot both pass the minute. The
 * send counts against the abuse limits (429 too_many_otps); a lapsed
 * claim (unverified for phone_claim_hours) is gone: 400. */
int
auth_otp_create(struct cl_req *r)
{
	struct otp_in in = { 0 };
	struct auth_phone ph;
	struct auth_otp otp;
	int64_t wait;
	int rc;

	rc = cl_fields_or_reply(r, resend_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	rc = auth_phone_lapse(r->db, in.phone, auth_conf.phone_claim_hours);
	if (rc == CL_OK)
		rc = auth_phone_get_for_update(r->db, r->arena, in.phone, &ph);
	if (rc == CL_ENOTFOUND)
		return cl_fail(r, 400, "unknown_phone",
		    "No account has this phone.");
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if (ph.is_verified)
		return cl_fail(r, 400, "already_verified",
		    "This phone is already verified.");
	rc = auth_otp_latest(r->db, r->arena, in.phone, &otp);
	if (rc != CL_OK && rc != CL_ENOTFOUND)
		return cl_fail_db(r, rc);
	wait = rc == CL_OK ? auth_otp_resend_wait(otp.created, otp.now) : 0;
	if (wait > 0) {
		cl_reply_header(r, "Retry-After",
		    cl_arena_printf(r->arena, "%lld", (long long)wait));
		return cl_fail(r, 429, "otp_too_soon",
		    "An OTP was sent less than a minute ago; wait for it.");
	}
	if ((rc = auth_send_allowed_or_reply(r, ph.phone)) != 0)
		return rc;
	rc = auth_otp_send(r->db, r->arena, ph.user_id, ph.phone);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 200, auth_render_message("OTP sent"));
}
