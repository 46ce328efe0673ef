/* Agents: GET and POST /agents (API.md §3). An agent is a user (made by
 * identity, auth.h) holding an agent role, plus its agents row. Column
 * table here, SQL in db.c, the nested JSON in render.c. */
#include "config.h"

#include "modules/collections/internal.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "auth/auth.h"
#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/listing.h"
#include "core/request.h"
#include "core/resource.h"
#include "core/response.h"
#include "core/banned.h"

/* clang-format off */
#define A struct coll_agent
const struct cl_field coll_agent_cols[] = {
	CL_COL_PK("id",                        A, id),
	CL_COL_ID("user_id",                   A, user_id,               CL_READONLY),
	CL_COL_STR("username",                 A, username,              CL_READONLY | CL_NULLABLE, 0, 150),
	CL_COL_EMAIL("email",                  A, email,                 CL_READONLY | CL_NULLABLE, 0, 254),
	CL_COL_STR("first_name",               A, first_name,            CL_READONLY, 0, 150),
	CL_COL_ID("created_by",                A, created_by,            CL_READONLY | CL_NULLABLE),
	CL_COL_STR("created_by_username",      A, created_by_username,   CL_READONLY | CL_NULLABLE, 0, 150),
	CL_COL_EMAIL("created_by_email",       A, created_by_email,      CL_READONLY | CL_NULLABLE, 0, 254),
	CL_COL_STR("created_by_first_name",    A, created_by_first_name, CL_READONLY | CL_NULLABLE, 0, 150),
	CL_COL_STR("roles",                    A, roles,                 CL_READONLY, 0, 0),
	CL_COL_STR("user_extension",           A, user_extension,        CL_READONLY | CL_NULLABLE, 0, 20),
	CL_COL_DATETIME("cdate",               A, cdate,                 0),
	{ 0 }
};
#undef A

#define I struct coll_agent_in
const struct cl_field coll_agent_in_fields[] = {
	CL_STR("user",     I, user,     CL_REQUIRED, 1, 254),
	CL_STR("password", I, password, CL_REQUIRED, 0, 1024),
	CL_STR("name",     I, name,     CL_REQUIRED, 0, 150),
	CL_INT("role",     I, role,     CL_REQUIRED, 1, INT64_MAX),
	{ 0 }
};
#undef I
/* clang-format on */

/* query=: a substring of the username, email or first name. */
static int
agent_where(struct cl_req *r, struct cl_list_query *q)
{
	const char *query = cl_req_query(r, "query");
	struct cl_bind b[3];
	char *like;

	if (query == NULL || *query == '\0')
		return 0;
	if (strlen(query) > CL_SEARCH_MAX) {
		cl_fail_field(r, "query",
		    "Ensure this field has at most 200 characters.");
		return cl_fail_validation(r);
	}
	like = cl_like_pattern(r->arena, query);
	b[0] = b[1] = b[2] = cl_bind_str(like);
	cl_list_where(r->arena, q,
	    "(u.username LIKE ? ESCAPE '!' OR u.email LIKE ? ESCAPE '!' OR "
	    "u.first_name LIKE ? ESCAPE '!')",
	    b, 3);
	return 0;
}

const struct cl_resource coll_agent_resource = {
	.noun = "agent",
	.cols = coll_agent_cols,
	.size = sizeof(struct coll_agent),
	.sql = &coll_agent_sql,
	.list_where = agent_where,
	.render = coll_render_agent,
};

/* GET /agents (API.md §3, agents:read): paginated agents; date-from,
 * date-to (cdate, inclusive days, UTC), role (id), query. */
int
coll_agents_list(struct cl_req *r)
{
	return cl_resource_list(r, &coll_agent_resource);
}

/* POST /agents (API.md §3, agents:create): {user, password, name, role}
 * makes the user (identity's rules and hasher) and its agents row in this
 * request's transaction → 201 {"status":"success","data":{"message":
 * "created"}}; every problem is a 400 naming its field. */
int
coll_agents_create(struct cl_req *r)
{
	struct coll_agent_in in = { 0 };
	struct auth_account_in acc;
	int64_t user_id = 0, id;
	int rc;

	rc = cl_fields_or_reply(
	    r, coll_agent_in_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	rc = coll_agent_role_find(r->db, r->arena, in.role);
	if (rc == CL_ENOTFOUND)
		cl_fail_field(r, "role",
		    cl_arena_printf(r->arena,
		        "Invalid pk \"%lld\" - object does not exist.",
		        (long long)in.role));
	else if (rc != CL_OK)
		return cl_fail_db(r, rc);
	acc = (struct auth_account_in){ .email = in.user,
		.first_name = in.name,
		.password = in.password,
		.role_id = in.role,
		.email_field = "user",
		.password_field = "password" };
	/* An unknown role: identity still reports the email and password,
	 * and makes nothing. */
	acc.check_only = cl_has_field_errors(r);
	rc = auth_account_create(r, &acc, &user_id);
	if (rc != CL_OK && rc != CL_EINVAL)
		return cl_fail_db(r, rc);
	if (cl_has_field_errors(r))
		return cl_fail_validation(r);
	rc = coll_agent_insert(r->db, user_id, r->caller.user_id, &id);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_success(r, 201,
	    cl_json_add_str(cJSON_CreateObject(), "message", "created"));
}
