/* Module collections: the route table (API.md §3, seed 000). Open this
 * file first: each line names a route's handler (roles.c, agents.c,
 * customers.c, import.c, performance.c), who may call it, and the generic
 * checks dispatch.c runs before it. Every success is seed 000's
 * {"status":"success","data":...}. */
#include "config.h"

#include "modules/collections/collections.h"

#include "modules/collections/internal.h"
#include "core/banned.h"

/* clang-format off */
static const struct cl_route routes[] = {
	{ .method = CL_GET,  .pattern = "/agents/roles",    .handler = coll_roles_list,
	  .perm = "agents:read", .resource = &coll_role_resource },
	{ .method = CL_GET,  .pattern = "/agents",          .handler = coll_agents_list,
	  .perm = "agents:read", .resource = &coll_agent_resource },
	{ .method = CL_POST, .pattern = "/agents",          .handler = coll_agents_create,
	  .perm = "agents:create", .flags = CL_JSON_BODY | CL_TX,
	  .body = coll_agent_in_fields },
	{ .method = CL_GET,  .pattern = "/crm/customers",   .handler = coll_customers_list,
	  .perm = "crm:read", .resource = &coll_customer_resource },
	/* crm:read here, agents:create checked by the handler (API.md: both). */
	{ .method = CL_POST, .pattern = "/crm/import",      .handler = coll_import_create,
	  .perm = "crm:read", .flags = CL_JSON_BODY | CL_TX },
	/* A report: seconds of lag are harmless, so the replica may answer. */
	{ .method = CL_GET,  .pattern = "/crm/performance", .handler = coll_performance_show,
	  .perm = "crm:read", .flags = CL_REPLICA },
	{ 0 }
};
/* clang-format on */

const struct cl_module collections_module = {
	.name = "collections",
	.routes = routes,
};
