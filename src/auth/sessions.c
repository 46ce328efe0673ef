/* Module identity: login sessions (issue #9 item 3). Every login opens one
 * (auth_session_start_or_reply, from login.c and tokens.c); its id rides
 * in the sid claim of each token it issues. GET /auth/sessions lists the
 * caller's live sessions and DELETE /auth/sessions/{id} ends one; the
 * credential check (caller.c) refuses every token of an ended session. */
#include "config.h"

#include "auth/internal.h"

#include "core/db.h"
#include "core/errors.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

/* Sessions GET /auth/sessions shows at most (newest first). */
#define SESSIONS_MAX 100

int
auth_session_start_or_reply(struct cl_req *r, int64_t user_id,
    const char *platform, const char *refresh_jti, int64_t ttl, int64_t *sid)
{
	int rc;

	rc = auth_session_insert(r->db, user_id, platform, refresh_jti, ttl, sid);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return 0;
}

/* GET /auth/sessions (API.md §2, user) → 200 [{id, created_at,
 * last_used_at, platform, current}]: the caller's live sessions; current
 * marks the one of the presented token (none for an API token). */
int
auth_sessions_list(struct cl_req *r)
{
	struct auth_session *s;
	size_t n;
	int rc;

	rc = auth_session_list(r->db, r->arena, r->caller.user_id, SESSIONS_MAX,
	    &s, &n);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 200,
	    auth_render_sessions(s, n, r->caller.session_id));
}

/* DELETE /auth/sessions/{id} (API.md §2, user) → 204: ends that session of
 * the caller, so its tokens get 401; someone else's, ended or unknown:
 * 404. */
int
auth_sessions_delete(struct cl_req *r)
{
	int64_t id;
	int rc;

	rc = cl_param_id_or_reply(r, "id", &id);
	if (rc != 0)
		return rc;
	rc = auth_session_revoke(r->db, id, r->caller.user_id);
	if (rc == CL_ENOTFOUND)
		return cl_fail(r, 404, "not_found", "No session has this id.");
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_empty(r, 204);
}
