/* Module identity: the brute-force limit of API.md §2, and below it the
 * abuse limits of the OTP routes (issue #9 item 4): OTP sends per phone
 * and per client address, and wrong OTPs per phone, each within an hour
 * (AUTH_ABUSE_WINDOW), counted in MariaDB. The brute-force limit: Each login attempt
 * is a row in login_attempts, written before the password is checked and
 * deleted when it was right; after AUTH_ATTEMPT_LIMIT rows for one account
 * or one client address within AUTH_ATTEMPT_WINDOW, every login route
 * answers 429 until enough of them leave the window. The rows live in
 * MariaDB, so the limit holds across workers and hosts, and counting
 * before checking means parallel guesses cannot slip past it. */
#include "config.h"

#include "auth/internal.h"

#include <string.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

/* The client address as nginx saw it ($remote_addr). X-Forwarded-For is
 * never read: a client could write anything there. Behind a load balancer,
 * nginx's realip module must set $remote_addr (README-identity.md). */
static const char *
client_ip(const struct cl_req *r)
{
	if (r->remote_addr == NULL || r->remote_addr[0] == '\0')
		return "-";
	return r->remote_addr;
}

static int
too_many_or_reply(struct cl_req *r, int64_t user_id, bool by_user,
    bool by_ip)
{
	int64_t wait = 0, w;
	int rc;

	if (by_user) {
		rc = auth_attempt_wait(r->db, r->arena, user_id, client_ip(r), &w);
		if (rc != CL_OK)
			return cl_fail_db(r, rc);
		wait = w;
	}
	if (by_ip) {
		rc = auth_attempt_wait(r->db, r->arena, 0, client_ip(r), &w);
		if (rc != CL_OK)
			return cl_fail_db(r, rc);
		if (w > wait)
			wait = w;
	}
	cl_reply_header(r, "Retry-After",
	    cl_arena_printf(r->arena, "%lld", (long long)(wait > 0 ? wait : 1)));
	return cl_fail(r, 429, "too_many_attempts",
	    "Too many failed logins; try again later.");
}

int
auth_attempt_begin_or_reply(struct cl_req *r, int64_t user_id,
    int64_t *attempt)
{
	int64_t by_user, by_ip;
	int rc;

	rc = auth_attempt_insert(r->db, user_id, client_ip(r), attempt);
	if (rc == CL_OK)
		rc = auth_attempt_count(r->db, r->arena, user_id, client_ip(r),
		    &by_user, &by_ip);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if (by_user <= AUTH_ATTEMPT_LIMIT && by_ip <= AUTH_ATTEMPT_LIMIT)
		return 0;
	/* Refused unheard: this attempt is not a failure, and not counting
	 * it keeps a hammering client from extending its own window. */
	rc = auth_attempt_delete(r->db, *attempt);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return too_many_or_reply(r, user_id, by_user > AUTH_ATTEMPT_LIMIT,
	    by_ip > AUTH_ATTEMPT_LIMIT);
}

int
auth_attempt_succeeded(struct cl_req *r, int64_t attempt, int64_t user_id)
{
	int rc;

	rc = auth_attempt_delete(r->db, attempt);
	if (rc == CL_OK)
		rc = auth_attempt_clear_user(r->db, user_id);
	return rc;
}

/* Records 429 too_many_otps with a Retry-After of wait seconds. */
static int
too_many_sends_or_reply(struct cl_req *r, int64_t wait, const char *detail)
{
	cl_reply_header(r, "Retry-After", cl_arena_printf(r->arena, "%lld",
	    (long long)auth_retry_after(wait, AUTH_ABUSE_WINDOW)));
	return cl_fail(r, 429, "too_many_otps", detail);
}

int
auth_send_allowed_or_reply(struct cl_req *r, const char *phone)
{
	const char *ip = client_ip(r);
	int64_t by_phone, by_ip, wait;
	int rc;

	/* Phone key first, then the address's: one order, no deadlock. */
	rc = auth_limit_lock(r->db, cl_arena_printf(r->arena, "phone:%s",
	    phone));
	if (rc == CL_OK)
		rc = auth_limit_lock(r->db, cl_arena_printf(r->arena, "ip:%s",
		    ip));
	if (rc == CL_OK)
		rc = auth_send_count(r->db, r->arena, phone, ip,
		    AUTH_ABUSE_WINDOW, &by_phone, &by_ip);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if (by_phone >= auth_conf.phone_sends_per_hour) {
		rc = auth_send_wait(r->db, r->arena, true, phone,
		    AUTH_ABUSE_WINDOW, auth_conf.phone_sends_per_hour, &wait);
		if (rc != CL_OK)
			return cl_fail_db(r, rc);
		return too_many_sends_or_reply(r, wait,
		    "Too many codes were sent to this phone; try again later.");
	}
	if (by_ip >= auth_conf.address_sends_per_hour) {
		rc = auth_send_wait(r->db, r->arena, false, ip,
		    AUTH_ABUSE_WINDOW, auth_conf.address_sends_per_hour, &wait);
		if (rc != CL_OK)
			return cl_fail_db(r, rc);
		return too_many_sends_or_reply(r, wait,
		    "Too many codes were asked from this address; try again later.");
	}
	rc = auth_send_insert(r->db, phone, ip);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return 0;
}

int
auth_otp_failures_or_reply(struct cl_req *r, const char *phone)
{
	int64_t n, wait;
	int rc;

	rc = auth_otp_failure_count(r->db, r->arena, phone, AUTH_ABUSE_WINDOW,
	    &n);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if (n < auth_conf.otp_failures_per_hour)
		return 0;
	rc = auth_otp_failure_wait(r->db, r->arena, phone, AUTH_ABUSE_WINDOW,
	    auth_conf.otp_failures_per_hour, &wait);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	cl_reply_header(r, "Retry-After", cl_arena_printf(r->arena, "%lld",
	    (long long)auth_retry_after(wait, AUTH_ABUSE_WINDOW)));
	return cl_fail(r, 429, "too_many_otp_failures",
	    "Too many wrong codes for this phone; try again later.");
}
