/* Purchases: handlers for /purchase-plan, /cancel-plan/{id} and /my-plans
 * (API.md §4), a user's subscriptions to plans, hand-written for their
 * rules. The column table and the date rule are here too; the SQL is in
 * db.c. */
#include "config.h"

#include "modules/subscriptions/internal.h"

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/request.h"
#include "core/resource.h"
#include "core/response.h"
#include "core/timeutil.h"
#include "core/banned.h"

/* Seed 001's purchase data in its order: the ten keys of API.md §4, in
 * every answer that carries a subscription. cancelled_at is kept in the
 * table (when a cancellation happened) but not answered (CL_HIDDEN). Never
 * a body table (a purchase reads purchase_fields), so every entry is
 * read-only; CL_INSERT marks what a purchase binds, and is_active and
 * cancelled_at start as the schema's defaults. */
/* clang-format off */
#define S struct subs_subscription
const struct cl_field subs_subscription_cols[] = {
	CL_COL_PK("id",                    S, id),
	CL_COL_ID("user_id",               S, user_id,              CL_READONLY | CL_HIDDEN | CL_INSERT),
	CL_COL_ID("plan_id",               S, plan_id,              CL_READONLY | CL_INSERT),
	CL_COL_DATE("start_date",          S, start_date,           CL_READONLY | CL_INSERT),
	CL_COL_DATE("end_date",            S, end_date,             CL_READONLY | CL_INSERT),
	CL_COL_BOOL("is_active",           S, is_active,            CL_READONLY),
	CL_COL_STR("plan_name",            S, plan_name,            CL_READONLY | CL_INSERT, 0, 0),
	CL_COL_TOTAL("plan_amount",        S, plan_amount,          CL_INSERT),
	CL_COL_INT("plan_months_validity", S, plan_months_validity, CL_READONLY | CL_INSERT, 0, 0),
	CL_COL_INT("plan_payment_cycle",   S, plan_payment_cycle,   CL_READONLY | CL_INSERT, 0, 0),
	CL_COL_BOOL("plan_cancellable",    S, plan_cancellable,     CL_READONLY | CL_INSERT),
	CL_COL_DATETIME("cancelled_at",    S, cancelled_at,         CL_NULLABLE | CL_HIDDEN),
	{ 0 }
};
#undef S

struct purchase_in {
	int64_t		plan;
};

static const struct cl_field purchase_fields[] = {
	CL_INT("plan", struct purchase_in, plan, CL_REQUIRED, 1, INT64_MAX),
	{ 0 }
};
/* clang-format on */

/* For the record functions and the mapping of data errors; its keys are
 * answered by hand below, in seed 001's words. */
const struct cl_resource subs_subscription_resource = {
	.noun = "subscription",
	.cols = subs_subscription_cols,
	.size = sizeof(struct subs_subscription),
	.sql = &subs_subscription_sql,
};

int64_t
subs_end_date(int64_t start, int64_t cycle, int64_t months)
{
	return start + cycle * months;
}

/* A subscription of user_id to p from day number start: the plan's values
 * are copied, so later edits of the plan change nothing that was bought.
 * The dates are formatted into a. */
static void
subscription_of_plan(struct cl_arena *a, struct subs_subscription *s,
    const struct subs_plan *p, int64_t user_id, int64_t start)
{
	int64_t end =
	    subs_end_date(start, p->payment_cycle, p->total_valid_months);
	char *from = cl_arena_alloc(a, CL_DATE_BUF);
	char *to = cl_arena_alloc(a, CL_DATE_BUF);

	*s = (struct subs_subscription){
		.user_id = user_id,
		.plan_id = p->id,
		.start_date = cl_date_format(start, from),
		.end_date = cl_date_format(end, to),
		.is_active = true,
		.plan_name = p->name,
		.plan_amount = p->amount,
		.plan_months_validity = p->total_valid_months,
		.plan_payment_cycle = p->payment_cycle,
		.plan_cancellable = p->is_cancellable,
	};
}

/* The plan of a purchase does not exist (or was deleted meanwhile). */
static int
unknown_plan(struct cl_req *r, int64_t id)
{
	const char *problem = cl_arena_printf(r->arena,
	    "Invalid pk \"%lld\" - object does not exist.", (long long)id);

	cl_fail_field(r, "plan", problem);
	return cl_fail_validation(r);
}

/* A second active subscription to one plan; the field error lets a form
 * show it next to the plan. */
static int
already_subscribed(struct cl_req *r)
{
	const char *problem =
	    "You already have an active subscription to this plan.";

	cl_fail_field(r, "plan", problem);
	return cl_fail(r, 400, "already_subscribed", problem);
}

/* Data errors the handlers do not answer in seed 001's words: the one
 * mapping of resource.h (a database that is down: 503). */
static int
fail(struct cl_req *r, int rc)
{
	return cl_resource_fail(r, &subs_subscription_resource, rc, NULL);
}

/* Seed 001's answer to a purchase or a cancellation: 201 with a message
 * and the subscription. */
static int
reply_message(
    struct cl_req *r, const char *message, const struct subs_subscription *s)
{
	return cl_reply_json(r, 201,
	    subs_render_message(
	        message, cl_cols_render(subs_subscription_cols, s)));
}

/* POST /purchase-plan (API.md §4): 201 with the new subscription, from
 * today for payment_cycle x total_valid_months days. A second active
 * subscription to one plan is refused by the schema's unique key, so two
 * racing purchases leave exactly one. */
int
subs_purchases_create(struct cl_req *r)
{
	struct purchase_in in;
	struct subs_plan p;
	struct subs_subscription s;
	int rc;

	rc = cl_fields_or_reply(r, purchase_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	rc = cl_record_get(
	    r->db, r->arena, &subs_plan_resource, in.plan, false, &p);
	if (rc == CL_ENOTFOUND)
		return unknown_plan(r, in.plan);
	if (rc != CL_OK)
		return fail(r, rc);
	subscription_of_plan(r->arena, &s, &p, r->caller.user_id, cl_today());
	rc = cl_record_insert(r->db, r->arena, &subs_subscription_resource, &s);
	if (rc == CL_EFOREIGN)
		return unknown_plan(r, in.plan);
	if (rc == CL_EDUP)
		return already_subscribed(r);
	if (rc != CL_OK)
		return fail(r, rc);
	return reply_message(r, "Purchase Plan Successful", &s);
}

/* POST /cancel-plan/{id} (API.md §4): id is one of the caller's
 * subscriptions (anyone else's is 404). 201 either way, as seed 001 shows:
 * a plan that is not cancellable stays active; else it ends now. Already
 * cancelled: 409. Cancellability is the value bought, not the plan's now. */
int
subs_purchases_cancel(struct cl_req *r)
{
	struct subs_subscription s;
	int64_t id;
	int rc;

	rc = cl_param_id_or_reply(r, "id", &id);
	if (rc != 0)
		return rc;
	rc = subs_subscription_get_for_update(
	    r->db, r->arena, id, r->caller.user_id, &s);
	if (rc == CL_ENOTFOUND)
		return cl_fail(r, 404, "not_found",
		    "You have no subscription with this id.");
	if (rc != CL_OK)
		return fail(r, rc);
	if (!s.is_active)
		return cl_fail(r, 409, "already_cancelled",
		    "This subscription is already cancelled.");
	if (!s.plan_cancellable)
		return reply_message(r, "Plan is not cancellable", &s);
	/* The row is ours, locked and active: any error is the server's. */
	rc = subs_subscription_cancel(r->db, id);
	if (rc == CL_OK)
		rc = subs_subscription_get_for_update(
		    r->db, r->arena, id, r->caller.user_id, &s);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return reply_message(r, "Plan cancelled successfully", &s);
}

/* GET /my-plans (API.md §4): one page of the caller's subscriptions by id,
 * active and cancelled, in the page envelope; the list spec's scope keeps
 * it to the caller's own. */
int
subs_purchases_list(struct cl_req *r)
{
	return cl_resource_list(r, &subs_subscription_resource);
}
