/* Agent roles: GET /agents/roles (API.md §3), the roles agent_roles
 * names. The column table is the resource; the SQL is in db.c. */
#include "config.h"

#include "modules/collections/internal.h"

#include "core/resource.h"
#include "core/banned.h"

/* clang-format off */
#define R struct coll_role
const struct cl_field coll_role_cols[] = {
	CL_COL_STR("name", R, name, CL_READONLY, 1, 100),
	CL_COL_PK("id",    R, id),
	{ 0 }
};
#undef R
/* clang-format on */

const struct cl_resource coll_role_resource = {
	.noun = "role",
	.cols = coll_role_cols,
	.size = sizeof(struct coll_role),
	.sql = &coll_role_sql,
};

/* GET /agents/roles (API.md §3, agents:read): paginated {name, id}. */
int
coll_roles_list(struct cl_req *r)
{
	return cl_resource_list(r, &coll_role_resource);
}
