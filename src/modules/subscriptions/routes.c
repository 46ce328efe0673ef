/* Module subscriptions: the route table (API.md §4). Open this file first:
 * each line names a route's handler (plans.c, purchases.c), who may call
 * it, and the generic checks dispatch.c runs before it. Plans are not
 * audited, so POST /plans is one write and needs no CL_TX. */
#include "config.h"

#include "modules/subscriptions/subscriptions.h"

#include "modules/subscriptions/internal.h"
#include "core/banned.h"

/* clang-format off */
static const struct cl_route routes[] = {
	{ .method = CL_GET,    .pattern = "/plans",            .handler = subs_plans_list,
	  .flags = CL_LATE_CONFIRM, .resource = &subs_plan_resource },
	{ .method = CL_GET,    .pattern = "/plans/{id}",       .handler = subs_plans_show,
	  .resource = &subs_plan_resource },
	{ .method = CL_POST,   .pattern = "/plans",            .handler = subs_plans_create,
	  .perm = CL_PERM_SUPERUSER, .flags = CL_JSON_BODY | CL_TX, .resource = &subs_plan_resource },
	{ .method = CL_PUT,    .pattern = "/plans/{id}",       .handler = subs_plans_update,
	  .perm = CL_PERM_SUPERUSER, .flags = CL_JSON_BODY | CL_TX, .resource = &subs_plan_resource },
	{ .method = CL_PATCH,  .pattern = "/plans/{id}",       .handler = subs_plans_update,
	  .perm = CL_PERM_SUPERUSER, .flags = CL_JSON_BODY | CL_TX, .resource = &subs_plan_resource },
	{ .method = CL_DELETE, .pattern = "/plans/{id}",       .handler = subs_plans_delete,
	  .perm = CL_PERM_SUPERUSER, .flags = CL_TX, .resource = &subs_plan_resource },
	{ .method = CL_POST,   .pattern = "/purchase-plan",    .handler = subs_purchases_create,
	  .flags = CL_JSON_BODY | CL_TX },
	{ .method = CL_POST,   .pattern = "/cancel-plan/{id}", .handler = subs_purchases_cancel,
	  .flags = CL_TX },
	{ .method = CL_GET,    .pattern = "/my-plans",         .handler = subs_purchases_list,
	  .flags = CL_LATE_CONFIRM, .resource = &subs_subscription_resource },
	{ 0 }
};
/* clang-format on */

const struct cl_module subscriptions_module = {
	.name = "subscriptions",
	.routes = routes,
};
