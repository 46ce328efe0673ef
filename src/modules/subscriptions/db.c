/* Module subscriptions: all of its SQL. Each resource's statements sit
 * above the struct cl_resource_sql that names them (plans with their list
 * spec); the data functions beyond them follow, each below its statement.
 * The column lists must match the column tables in plans.c and
 * purchases.c, in order (tests/unit/subscriptions/test_sql.c holds every
 * statement to its table). */
#include "config.h"

#include "modules/subscriptions/internal.h"

#include "core/columns.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/listing.h"
#include "core/banned.h"

/* A locking read outside a transaction would lock nothing: a bug in the
 * route table (the route lacks CL_TX), never bad input. */
static void
need_tx(struct cl_db *db, const char *fn)
{
	if (!cl_db_in_tx(db))
		CL_BUG("%s outside a transaction", fn);
}

/* Plans. */

#define PLAN_COLUMNS                                                           \
	"id, name, amount, payment_cycle, total_valid_months, is_cancellable"

static struct cl_stmt plan_get_sql =
    CL_STMT("SELECT " PLAN_COLUMNS " FROM plans WHERE id = ?");

static struct cl_stmt plan_get_for_update_sql =
    CL_STMT("SELECT " PLAN_COLUMNS " FROM plans WHERE id = ? FOR UPDATE");

static struct cl_stmt plan_insert_sql = CL_STMT(
    "INSERT INTO plans (name, amount, payment_cycle, total_valid_months, "
    "is_cancellable) VALUES (?, ?, ?, ?, ?)");

static struct cl_stmt plan_update_sql =
    CL_STMT("UPDATE plans SET name = ?, amount = ?, payment_cycle = ?, "
            "total_valid_months = ?, is_cancellable = ?, "
            "updated_at = UTC_TIMESTAMP(6) WHERE id = ?");

/* The foreign key sets plan_id NULL in the plan's (inactive) subscriptions. */
static struct cl_stmt plan_delete_sql =
    CL_STMT("DELETE FROM plans WHERE id = ?");

static const struct cl_list_spec plan_list = {
	.select = "SELECT " PLAN_COLUMNS " FROM plans",
	.count = "SELECT COUNT(*) FROM plans",
	/* sql/0061: maintained by triggers; unfiltered pages need no scan. */
	.count_all = "SELECT n FROM list_counts WHERE name = 'plans'",
	.order = "id",
	.pagination = CL_PAGE_NUMBER,
};

const struct cl_resource_sql subs_plan_sql = {
	.get = &plan_get_sql,
	.get_for_update = &plan_get_for_update_sql,
	.insert = &plan_insert_sql,
	.update = &plan_update_sql,
	.remove = &plan_delete_sql,
	.list = &plan_list,
};

/* Subscriptions. */

#define SUBSCRIPTION_COLUMNS                                                   \
	"id, user_id, plan_id, start_date, end_date, is_active, plan_name, "   \
	"plan_amount, plan_months_validity, plan_payment_cycle, "              \
	"plan_cancellable, cancelled_at"

/* UNIQUE (user_id, active_key) refuses a second active row per user and
 * plan (see sql/0010_subscriptions.sql). */
static struct cl_stmt subscription_insert_sql = CL_STMT(
    "INSERT INTO subscriptions (user_id, plan_id, start_date, end_date, "
    "plan_name, plan_amount, plan_months_validity, plan_payment_cycle, "
    "plan_cancellable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");

/* GET /my-plans: the caller's own, whatever the query says. */
static const struct cl_list_spec subscription_list = {
	.select = "SELECT " SUBSCRIPTION_COLUMNS " FROM subscriptions",
	.count = "SELECT COUNT(*) FROM subscriptions",
	.order = "id",
	.scope = "user_id = ?",
	.pagination = CL_PAGE_NUMBER,
};

const struct cl_resource_sql subs_subscription_sql = {
	.insert = &subscription_insert_sql,
	.list = &subscription_list,
};

static struct cl_stmt subscription_get_for_update_sql =
    CL_STMT("SELECT " SUBSCRIPTION_COLUMNS " FROM subscriptions "
            "WHERE id = ? AND user_id = ? FOR UPDATE");

int
subs_subscription_get_for_update(struct cl_db *db, struct cl_arena *a,
    int64_t id, int64_t user_id, struct subs_subscription *out)
{
	struct cl_bind params[] = { CL_BIND_INT(id), CL_BIND_INT(user_id) };
	struct cl_rows rows;
	int rc;

	need_tx(db, __func__);
	rc = cl_db_query_row(db, a, &subscription_get_for_update_sql, params,
	    CL_NELEMS(params), &rows);
	if (rc != CL_OK)
		return rc;
	return cl_cols_read(subs_subscription_cols, &rows, 0, out);
}

/* A shared lock on every active subscription of the plan, so none of them
 * changes before the caller's transaction ends. */
static struct cl_stmt subscription_count_active_sql = CL_STMT(
    "SELECT COUNT(*) FROM subscriptions WHERE plan_id = ? AND is_active "
    "LOCK IN SHARE MODE");

int
subs_subscription_count_active_for_update(
    struct cl_db *db, struct cl_arena *a, int64_t plan_id, int64_t *count)
{
	struct cl_bind params[] = { CL_BIND_INT(plan_id) };
	struct cl_rows rows;
	int rc;

	need_tx(db, __func__);
	rc = cl_db_query_row(db, a, &subscription_count_active_sql, params,
	    CL_NELEMS(params), &rows);
	if (rc != CL_OK)
		return rc;
	*count = cl_rows_int(&rows, 0, 0);
	return CL_OK;
}

static struct cl_stmt subscription_cancel_sql =
    CL_STMT("UPDATE subscriptions SET is_active = FALSE, "
            "cancelled_at = UTC_TIMESTAMP(6) WHERE id = ? AND is_active");

int
subs_subscription_cancel(struct cl_db *db, int64_t id)
{
	struct cl_bind params[] = { CL_BIND_INT(id) };

	return cl_db_exec_one(
	    db, &subscription_cancel_sql, params, CL_NELEMS(params));
}

const struct subs_sql_check subs_sql_checks[] = {
	{ subs_plan_cols, &plan_get_sql.sql },
	{ subs_plan_cols, &plan_get_for_update_sql.sql },
	{ subs_plan_cols, &plan_insert_sql.sql },
	{ subs_plan_cols, &plan_update_sql.sql },
	{ subs_plan_cols, &plan_list.select },
	{ subs_subscription_cols, &subscription_insert_sql.sql },
	{ subs_subscription_cols, &subscription_get_for_update_sql.sql },
	{ subs_subscription_cols, &subscription_list.select },
	{ subs_subscription_cols, &subscription_cancel_sql.sql },
	{ 0 }
};
