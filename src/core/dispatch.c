/* The generic checks a route asks for, in a fixed order, then its handler:
 * apikey, credentials, permission, content type and JSON body, and the
 * transaction around the handler. The handler only sees requests that
 * passed them all. */
#include "config.h"

#include "core/dispatch.h"

#include <cjson/cJSON.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/idempotency.h"
#include "core/json.h"
#include "core/log.h"
#include "core/request.h"
#include "core/response.h"
#include "core/router.h"
#include "core/banned.h"

static const struct cl_auth_ops *auth;

static void
pause_ms(int ms)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = (long)ms * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		;
}

static uint64_t
jitter(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_nsec ^ (uint64_t)getpid();
}

void
cl_dispatch_init(const struct cl_module *const *modules)
{
	size_t mi;

	auth = NULL;
	for (mi = 0; modules[mi] != NULL && auth == NULL; mi++)
		auth = modules[mi]->auth;
}

bool
cl_caller_can(const struct cl_req *r, const char *perm)
{
	const char **p;

	if (r->caller.user_id == 0)
		return false;
	if (r->caller.is_superuser || perm == NULL)
		return true;
	for (p = r->caller.perms; p && *p; p++)
		if (strcmp(*p, perm) == 0)
			return true;
	return false;
}

static bool
is_json_type(const char *ct)
{
	size_t n = strlen("application/json");

	if (ct == NULL)
		return false;
	while (*ct == ' ')
		ct++;
	return strncasecmp(ct, "application/json", n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static int
json_body_or_reply(struct cl_req *r)
{
	if (r->body == NULL || r->body_len == 0)
		return cl_fail(r, 400, "invalid_json",
		    "A JSON object body is required.");
	if (!is_json_type(r->content_type))
		return cl_fail(r, 415, "unsupported_media_type",
		    "The body must be application/json.");
	if (!cl_utf8_valid(r->body, r->body_len))
		return cl_fail(r, 400, "invalid_json",
		    "The body is not valid UTF-8.");
	r->json = cJSON_ParseWithLength(r->body, r->body_len);
	if (r->json == NULL)
		return cl_fail(r, 400, "invalid_json",
		    "The body is not valid JSON.");
	cl_arena_defer(r->arena, cl_json_free, r->json);
	if (!cJSON_IsObject(r->json))
		return cl_fail(r, 400, "invalid_json",
		    "The body must be a JSON object.");
	return 0;
}

/* The route's flags for this request: public while its public_if holds. */
static unsigned
route_flags(const struct cl_route *rt)
{
	if (rt->public_if != NULL && *rt->public_if)
		return rt->flags | CL_PUBLIC;
	return rt->flags;
}

int
cl_caller_confirm_or_reply(struct cl_req *r, const char *stamp_now)
{
	const struct cl_route *rt = r->match.route;
	int rc;

	if (r->caller.stamp == NULL || auth == NULL)
		return 0;
	if ((rc = auth->confirm_or_reply(r, stamp_now)) != 0)
		return rc;
	/* Checked in full again, maybe with other permissions. */
	if (!(route_flags(rt) & CL_PUBLIC) && !cl_caller_can(r, rt->perm))
		return cl_fail(r, 403, "permission_denied",
		    "You do not have permission to perform this action.");
	return 0;
}

const char *
cl_caller_stamp_sql(const struct cl_req *r)
{
	if (r->caller.stamp == NULL || r->primary != NULL || auth == NULL)
		return NULL;
	return auth->stamp_sql;
}

/* Whether a cached caller may wait for the handler to be confirmed: a
 * read on the primary that answers only at its end (CL_LATE_CONFIRM). A
 * write, or a read of the replica, confirms it first. */
static bool
confirms_late(const struct cl_req *r, unsigned flags)
{
	return (flags & CL_LATE_CONFIRM) && !(flags & (CL_TX | CL_REPLICA)) &&
	    (r->method & (CL_GET | CL_HEAD));
}

static int
checks_or_reply(struct cl_req *r)
{
	const struct cl_route *rt = r->match.route;
	unsigned flags = route_flags(rt);
	int rc;

	if (flags & CL_APIKEY) {
		if (auth == NULL)
			return cl_fail(r, 401, "not_authenticated",
			    "A valid apikey header is required.");
		if ((rc = auth->apikey_or_reply(r)) != 0)
			return rc;
	}
	if (!(flags & CL_PUBLIC) || (flags & CL_OPTIONAL_AUTH)) {
		bool required = !(flags & CL_PUBLIC);

		if (auth == NULL) {
			if (required)
				return cl_fail(r, 401, "not_authenticated",
				    "Authentication credentials were not provided.");
		} else if ((rc = auth->caller_or_reply(r, required)) != 0) {
			return rc;
		}
		if (r->caller.stamp != NULL && !confirms_late(r, flags) &&
		    (rc = auth->confirm_or_reply(r, NULL)) != 0)
			return rc;
		if (required && !cl_caller_can(r, rt->perm)) {
			/* A kept caller's permissions may predate a grant:
			 * refused only once confirmed (which checks again). */
			if (r->caller.stamp == NULL)
				return cl_fail(r, 403, "permission_denied",
				    "You do not have permission to perform this "
				    "action.");
			if ((rc = cl_caller_confirm_or_reply(r, NULL)) != 0)
				return rc;
		}
	}
	if (flags & CL_JSON_BODY)
		return json_body_or_reply(r);
	return 0;
}

/* Forgets what a failed attempt recorded, so the next starts clean. */
static void
reset_reply(struct cl_req *r)
{
	r->resp.status = 0;
	r->resp.nheaders = 0;
	r->resp.content_type = NULL;
	r->resp.body = NULL;
	r->resp.body_len = 0;
	r->resp.field_errors = NULL;
	r->idem_key = NULL;
}

/* A CL_LATE_CONFIRM handler answered a cached caller its statement did
 * not confirm (no list, or an empty page): the answer goes out only once
 * the caller is confirmed now. */
static int
confirm_after(struct cl_req *r, int status)
{
	struct cl_resp answer = r->resp;
	int rc;

	reset_reply(r);
	if ((rc = cl_caller_confirm_or_reply(r, NULL)) != 0)
		return rc;
	r->resp = answer;
	return status;
}

/* One attempt of a CL_TX route: begin, the Idempotency-Key claim or
 * replay, the handler, the stored answer, commit on 2xx or roll back. */
static int
run_tx(struct cl_req *r, bool *committed)
{
	const struct cl_route *rt = r->match.route;
	bool replayed = false;
	int status, rc;

	*committed = false;
	rc = cl_db_begin(r->db);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	r->in_tx = true;
	status = 0;
	if (rt->flags & CL_IDEMPOTENT)
		status = cl_idem_begin_or_reply(r, &replayed);
	if (status == 0)
		status = rt->handler(r);
	if (status >= 200 && status < 300 && !replayed &&
	    (rc = cl_idem_finish(r)) != CL_OK) {
		reset_reply(r);
		status = cl_fail_db(r, rc);
	}
	r->in_tx = false;
	if (status >= 200 && status < 300) {
		rc = cl_db_commit(r->db);
		*committed = rc == CL_OK;
		if (rc != CL_OK) {
			/* The reply described work that did not happen. */
			reset_reply(r);
			status = cl_fail_db(r, rc == CL_ECONFLICT ||
			    rc == CL_EOUTCOME ? rc : CL_EDOWN);
		}
	} else {
		cl_db_rollback(r->db);
	}
	return status;
}

int
cl_dispatch(struct cl_req *r)
{
	const struct cl_route *rt = r->match.route;
	int status, attempt;

	if ((status = checks_or_reply(r)) != 0)
		return status;
	if ((rt->flags & (CL_REPLICA | CL_TX)) == CL_REPLICA) {
		struct cl_db *primary = r->db;
		struct cl_resp before = r->resp;

		/* Revocations and permissions were read on the primary
		 * above; only the report itself may lag. */
		r->db = cl_db_for_lagged_read(primary);
		r->primary = primary;
		status = rt->handler(r);
		if (status == 503 && r->db != primary && !cl_db_connected(r->db)) {
			/* The replica died between its check and the report:
			 * the handler only read, so the primary answers. */
			r->resp = before;
			r->db = primary;
			status = rt->handler(r);
		}
		r->db = primary;
		r->primary = NULL;
		return status;
	}
	if (!(rt->flags & CL_TX)) {
		status = rt->handler(r);
		return r->caller.stamp != NULL ? confirm_after(r, status) :
		    status;
	}
	/* A deadlock or lock wait timeout is InnoDB choosing a victim, not
	 * a fault of the request: the victim's work was rolled back whole
	 * (run_tx rolls back whatever the statement left), so it runs again
	 * from the start, a bounded number of times, after a short pause
	 * that grows and differs between workers (so two victims do not
	 * collide again in step). Only then is it answered 409. */
	for (attempt = 1;; attempt++) {
		bool committed;

		status = run_tx(r, &committed);
		/* A committed attempt is never run again, whatever it met on
		 * the way: its work is done. */
		if (committed || !cl_db_tx_conflicted(r->db) ||
		    attempt == CL_TX_ATTEMPTS)
			break;
		cl_log_msg("info", "transaction conflict (attempt %d of %d), "
		    "retrying", attempt, CL_TX_ATTEMPTS);
		pause_ms(attempt * 3 + (int)(jitter() % 5));
		reset_reply(r);
	}
	return status;
}
