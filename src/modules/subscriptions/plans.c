/* Plans: /plans and /plans/{id} (API.md §4), served by the generic
 * handlers of resource.h. The column table is the resource: the allowlist
 * of what a client may write, the row, the JSON. The SQL is in db.c. */
#include "config.h"

#include "modules/subscriptions/internal.h"

#include <stddef.h>

#include "core/errors.h"
#include "core/money.h"
#include "core/request.h"
#include "core/resource.h"
#include "core/response.h"
#include "core/banned.h"

/* clang-format off */
#define P struct subs_plan
const struct cl_field subs_plan_cols[] = {
	CL_COL_PK("id",                   P, id),
	CL_COL_STR("name",                P, name,               CL_REQUIRED | CL_WRITE, 1, 100),
	CL_COL_MONEY("amount",            P, amount,             CL_REQUIRED | CL_WRITE, 1, CL_MONEY_MAX),
	CL_COL_INT("payment_cycle",       P, payment_cycle,      CL_WRITE, 1, 365),
	CL_COL_INT("total_valid_months",  P, total_valid_months, CL_WRITE, 1, 120),
	CL_COL_BOOL("is_cancellable",     P, is_cancellable,     CL_WRITE),
	{ 0 }
};
#undef P
/* clang-format on */

/* Seed 001's defaults for the optional fields of POST /plans. */
static const struct subs_plan plan_defaults = {
	.payment_cycle = 30,
	.total_valid_months = 12,
	.is_cancellable = false,
};

/* The unique key on plans.name (sql/0010_subscriptions.sql) refuses a
 * taken name, as DRF's UniqueValidator words it; racing writes cannot
 * both pass it. */
static const struct cl_key_error plan_keys[] = {
	{ "plans_name", "name", "plan with this name already exists." },
	{ 0 }
};

/* A plan with active subscriptions stays. cl_resource_delete has locked
 * the plan, so no purchase of it can start (its foreign key check waits
 * on the lock) until the delete commits, and then it finds no plan. */
static int
plan_check_delete(struct cl_req *r, const void *row)
{
	const struct subs_plan *p = row;
	int64_t active;
	int rc;

	rc = subs_subscription_count_active_for_update(
	    r->db, r->arena, p->id, &active);
	if (rc != CL_OK)
		return cl_resource_fail(r, &subs_plan_resource, rc, row);
	if (active > 0)
		return cl_fail(r, 409, "plan_in_use",
		    "This plan has active subscriptions.");
	return 0;
}

/* Not audited (.table NULL): seed 001 keeps no history of plans. */
const struct cl_resource subs_plan_resource = {
	.noun = "plan",
	.cols = subs_plan_cols,
	.size = sizeof(struct subs_plan),
	.defaults = &plan_defaults,
	.sql = &subs_plan_sql,
	.keys = plan_keys,
	.check_delete = plan_check_delete,
};

/* GET /plans (API.md §4): one page of plans by id, in the page envelope. */
int
subs_plans_list(struct cl_req *r)
{
	return cl_resource_list(r, &subs_plan_resource);
}

/* GET /plans/{id} (API.md §4): one plan; 404 when there is none. */
int
subs_plans_show(struct cl_req *r)
{
	return cl_resource_show(r, &subs_plan_resource);
}

/* POST /plans (API.md §4, superuser): 201 with the new plan. */
int
subs_plans_create(struct cl_req *r)
{
	return cl_resource_create(r, &subs_plan_resource);
}

/* PUT, PATCH /plans/{id} (API.md §4, superuser): 200 with the plan; a
 * field left out keeps its value (PUT must give the required ones).
 * Existing subscriptions keep the values they were bought at. */
int
subs_plans_update(struct cl_req *r)
{
	return cl_resource_update(r, &subs_plan_resource);
}

/* DELETE /plans/{id} (API.md §4, superuser): 204; 409 while someone holds
 * an active subscription to it (plan_check_delete). */
int
subs_plans_delete(struct cl_req *r)
{
	return cl_resource_delete(r, &subs_plan_resource);
}
