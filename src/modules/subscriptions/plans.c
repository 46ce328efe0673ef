/* Plans: handlers for /plans and /plans/{id} (API.md §4). The field table
 * below is the allowlist of what a client may write to a plan; the SQL is
 * in db.c and the JSON in render.c. */
#include "config.h"

#include "modules/subscriptions/internal.h"

#include <cjson/cJSON.h>

#include "core/db.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/money.h"
#include "core/page.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"


/* id is not listed, so no body can set it. */
/* clang-format off */
static const struct cl_field plan_fields[] = {
	CL_STR("name",                struct subs_plan, name,               CL_REQUIRED, 1, 100),
	CL_MONEY("amount",            struct subs_plan, amount,             CL_REQUIRED, 1, CL_MONEY_MAX),
	CL_INT("payment_cycle",       struct subs_plan, payment_cycle,      0, 1, 365),
	CL_INT("total_valid_months",  struct subs_plan, total_valid_months, 0, 1, 120),
	CL_BOOL("is_cancellable",     struct subs_plan, is_cancellable,     0),
	{ 0 }
};
/* clang-format on */

/* Seed 001's defaults for the optional fields of POST /plans. */
static const struct subs_plan plan_defaults = {
	.payment_cycle = 30,
	.total_valid_months = 12,
	.is_cancellable = false,
};

static int
plan_not_found(struct cl_req *r)
{
	return cl_fail(r, 404, "not_found", "No plan has this id.");
}

/* The unique key on plans.name refused the write: a field error, as DRF's
 * UniqueValidator words it. Racing creates cannot both pass this check. */
static int
name_taken(struct cl_req *r)
{
	cl_fail_field(r, "name", "plan with this name already exists.");
	return cl_fail_validation(r);
}

/* GET /plans (API.md §4): one page of plans by id, in the page envelope. */
int
subs_plans_list(struct cl_req *r)
{
	struct cl_page page;
	struct subs_plan *plans;
	size_t n;
	int64_t count;
	int rc;

	rc = cl_page_or_reply(r, &page);
	if (rc != 0)
		return rc;
	rc = subs_plan_count(r->db, r->arena, &count);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	rc = cl_page_check_or_reply(r, &page, count);
	if (rc != 0)
		return rc;
	rc = subs_plan_list(r->db, r->arena, &page, &plans, &n);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 200,
	    cl_page_render(r, &page, count, subs_render_plans(plans, n)));
}

/* GET /plans/{id} (API.md §4): one plan; 404 when there is none. */
int
subs_plans_show(struct cl_req *r)
{
	struct subs_plan p;
	int64_t id;
	int rc;

	rc = cl_param_id_or_reply(r, "id", &id);
	if (rc != 0)
		return rc;
	rc = subs_plan_get(r->db, r->arena, id, &p);
	if (rc == CL_ENOTFOUND)
		return plan_not_found(r);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 200, subs_render_plan(&p));
}

/* POST /plans (API.md §4, superuser): 201 with the new plan. */
int
subs_plans_create(struct cl_req *r)
{
	struct subs_plan p = plan_defaults;
	int rc;

	rc = cl_fields_or_reply(r, plan_fields, &p, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	rc = subs_plan_insert(r->db, &p);
	if (rc == CL_EDUP)
		return name_taken(r);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 201, subs_render_plan(&p));
}

/* PUT, PATCH /plans/{id} (API.md §4, superuser): 200 with the plan. The
 * body is read over the stored row, locked until the commit, so a field
 * left out keeps its value: PUT must give the required fields, PATCH may
 * give any. Existing subscriptions keep the values they were bought at. */
int
subs_plans_update(struct cl_req *r)
{
	enum cl_fields_mode mode =
	    r->method == CL_PATCH ? CL_FIELDS_PARTIAL : CL_FIELDS_FULL;
	struct subs_plan p;
	int64_t id;
	int rc;

	rc = cl_param_id_or_reply(r, "id", &id);
	if (rc != 0)
		return rc;
	rc = subs_plan_get_for_update(r->db, r->arena, id, &p);
	if (rc == CL_ENOTFOUND)
		return plan_not_found(r);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	rc = cl_fields_or_reply(r, plan_fields, &p, mode, NULL);
	if (rc != 0)
		return rc;
	rc = subs_plan_update(r->db, &p);
	if (rc == CL_EDUP)
		return name_taken(r);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 200, subs_render_plan(&p));
}

/* DELETE /plans/{id} (API.md §4, superuser): 204; 409 while someone holds
 * an active subscription to it. Locking the plan first keeps purchases
 * out (their foreign key check waits on the lock) until the delete
 * commits; then they find no plan. */
int
subs_plans_delete(struct cl_req *r)
{
	struct subs_plan p;
	int64_t id, active;
	int rc;

	rc = cl_param_id_or_reply(r, "id", &id);
	if (rc != 0)
		return rc;
	rc = subs_plan_get_for_update(r->db, r->arena, id, &p);
	if (rc == CL_ENOTFOUND)
		return plan_not_found(r);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	rc = subs_subscription_count_active_for_update(
	    r->db, r->arena, id, &active);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if (active > 0)
		return cl_fail(r, 409, "plan_in_use",
		    "This plan has active subscriptions.");
	rc = subs_plan_delete(r->db, id);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_empty(r, 204);
}
