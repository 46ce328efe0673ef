/* Module identity: POST /accounts/status/online and /offline (seed 002):
 * the caller's presence, which POST /auth's account shows. */
#include "config.h"

#include "auth/internal.h"

#include <string.h>

#include "core/db.h"
#include "core/errors.h"
#include "core/request.h"
#include "core/response.h"
#include "core/router.h"
#include "core/banned.h"

/* POST /accounts/status/online, /accounts/status/offline (API.md §2, user)
 * → 200 {"presence"}. The route's pattern names the new presence. */
int
auth_presence_update(struct cl_req *r)
{
	const char *pattern = r->match.route->pattern;
	const char *presence = strstr(pattern, "/offline") ? "offline" :
	    "online";
	int rc;

	rc = auth_user_set_presence(r->db, r->caller.user_id, presence);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 200, auth_render_presence(presence));
}
