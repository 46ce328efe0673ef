/* Module subscriptions: all of its SQL, one data function per purpose with
 * its prepared statement directly above it. Money crosses as DECIMAL text
 * (cl_money_parse, cl_money_format), dates as "YYYY-MM-DD" text. */
#include "config.h"

#include "modules/subscriptions/internal.h"

#include <stdlib.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/money.h"
#include "core/page.h"
#include "core/timeutil.h"
#include "core/banned.h"


/* A locking read outside a transaction would lock nothing: a bug in the
 * route table (the route lacks CL_TX), never bad input. */
static void
need_tx(struct cl_db *db, const char *fn)
{
	if (!cl_db_in_tx(db))
		CL_BUG("%s outside a transaction", fn);
}

/* Columns of plan_from_row, in order. */
#define PLAN_COLUMNS                                                           \
	"id, name, amount, payment_cycle, total_valid_months, is_cancellable"

static int
plan_from_row(const struct cl_rows *rows, size_t i, struct subs_plan *p)
{
	p->id = cl_rows_int(rows, i, 0);
	p->name = cl_rows_str(rows, i, 1);
	p->payment_cycle = cl_rows_int(rows, i, 3);
	p->total_valid_months = cl_rows_int(rows, i, 4);
	p->is_cancellable = cl_rows_bool(rows, i, 5);
	if (cl_money_parse(cl_rows_str(rows, i, 2), &p->amount) != CL_OK)
		return CL_EDB;
	return CL_OK;
}

/* Columns of subscription_from_row, in order. */
#define SUBSCRIPTION_COLUMNS                                                   \
	"id, user_id, plan_id, start_date, end_date, is_active, "              \
	"cancelled_at, plan_name, plan_amount, plan_months_validity, "         \
	"plan_payment_cycle, plan_cancellable"

static int
subscription_from_row(
    const struct cl_rows *rows, size_t i, struct subs_subscription *s)
{
	s->id = cl_rows_int(rows, i, 0);
	s->user_id = cl_rows_int(rows, i, 1);
	s->plan_id = CL_ROW(rows, i, 2) ? cl_rows_int(rows, i, 2) : 0;
	s->is_active = cl_rows_bool(rows, i, 5);
	s->cancelled_at = cl_rows_str(rows, i, 6);
	s->plan_name = cl_rows_str(rows, i, 7);
	s->plan_months_validity = cl_rows_int(rows, i, 9);
	s->plan_payment_cycle = cl_rows_int(rows, i, 10);
	s->plan_cancellable = cl_rows_bool(rows, i, 11);
	if (cl_date_parse(cl_rows_str(rows, i, 3), &s->start_date) != CL_OK ||
	    cl_date_parse(cl_rows_str(rows, i, 4), &s->end_date) != CL_OK ||
	    cl_money_parse(cl_rows_str(rows, i, 8), &s->plan_amount) != CL_OK)
		return CL_EDB;
	return CL_OK;
}

static struct cl_stmt plan_get_sql =
    CL_STMT("SELECT " PLAN_COLUMNS " FROM plans WHERE id = ?");

int
subs_plan_get(
    struct cl_db *db, struct cl_arena *a, int64_t id, struct subs_plan *out)
{
	struct cl_bind params[] = { CL_BIND_INT(id) };
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(
	    db, a, &plan_get_sql, params, CL_NELEMS(params), &rows);
	if (rc != CL_OK)
		return rc;
	return plan_from_row(&rows, 0, out);
}

static struct cl_stmt plan_get_for_update_sql =
    CL_STMT("SELECT " PLAN_COLUMNS " FROM plans WHERE id = ? FOR UPDATE");

int
subs_plan_get_for_update(
    struct cl_db *db, struct cl_arena *a, int64_t id, struct subs_plan *out)
{
	struct cl_bind params[] = { CL_BIND_INT(id) };
	struct cl_rows rows;
	int rc;

	need_tx(db, __func__);
	rc = cl_db_query_row(
	    db, a, &plan_get_for_update_sql, params, CL_NELEMS(params), &rows);
	if (rc != CL_OK)
		return rc;
	return plan_from_row(&rows, 0, out);
}

static struct cl_stmt plan_count_sql = CL_STMT("SELECT COUNT(*) FROM plans");

int
subs_plan_count(struct cl_db *db, struct cl_arena *a, int64_t *count)
{
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &plan_count_sql, NULL, 0, &rows);
	if (rc != CL_OK)
		return rc;
	*count = cl_rows_int(&rows, 0, 0);
	return CL_OK;
}

static struct cl_stmt plan_list_sql =
    CL_STMT("SELECT " PLAN_COLUMNS " FROM plans ORDER BY id LIMIT ? OFFSET ?");

int
subs_plan_list(struct cl_db *db, struct cl_arena *a, const struct cl_page *page,
    struct subs_plan **out, size_t *n)
{
	struct cl_bind params[] = {
		CL_BIND_INT(page->size),
		CL_BIND_INT(page->offset),
	};
	struct cl_rows rows;
	size_t i;
	int rc;

	rc = cl_db_query(db, a, &plan_list_sql, params, CL_NELEMS(params), &rows);
	if (rc != CL_OK)
		return rc;
	*out = CL_NEW_ARRAY(a, struct subs_plan, rows.nrows ? rows.nrows : 1);
	*n = rows.nrows;
	for (i = 0; i < rows.nrows && rc == CL_OK; i++)
		rc = plan_from_row(&rows, i, &(*out)[i]);
	return rc;
}

static struct cl_stmt plan_insert_sql = CL_STMT(
    "INSERT INTO plans (name, amount, payment_cycle, total_valid_months, "
    "is_cancellable) VALUES (?, ?, ?, ?, ?)");

int
subs_plan_insert(struct cl_db *db, struct subs_plan *p)
{
	char amount[CL_MONEY_BUF];
	struct cl_bind params[] = {
		CL_BIND_STR(p->name),
		CL_BIND_STR(cl_money_format(p->amount, amount)),
		CL_BIND_INT(p->payment_cycle),
		CL_BIND_INT(p->total_valid_months),
		CL_BIND_BOOL(p->is_cancellable),
	};
	uint64_t id;
	int rc;

	rc =
	    cl_db_exec(db, &plan_insert_sql, params, CL_NELEMS(params), NULL, &id);
	if (rc != CL_OK)
		return rc;
	p->id = (int64_t)id;
	return CL_OK;
}

/* updated_at always changes, so one matched row is one affected row. */
static struct cl_stmt plan_update_sql =
    CL_STMT("UPDATE plans SET name = ?, amount = ?, payment_cycle = ?, "
            "total_valid_months = ?, is_cancellable = ?, "
            "updated_at = UTC_TIMESTAMP(6) WHERE id = ?");

int
subs_plan_update(struct cl_db *db, const struct subs_plan *p)
{
	char amount[CL_MONEY_BUF];
	struct cl_bind params[] = {
		CL_BIND_STR(p->name),
		CL_BIND_STR(cl_money_format(p->amount, amount)),
		CL_BIND_INT(p->payment_cycle),
		CL_BIND_INT(p->total_valid_months),
		CL_BIND_BOOL(p->is_cancellable),
		CL_BIND_INT(p->id),
	};

	return cl_db_exec_one(db, &plan_update_sql, params, CL_NELEMS(params));
}

/* The foreign key sets plan_id NULL in the plan's (inactive) subscriptions. */
static struct cl_stmt plan_delete_sql =
    CL_STMT("DELETE FROM plans WHERE id = ?");

int
subs_plan_delete(struct cl_db *db, int64_t id)
{
	struct cl_bind params[] = { CL_BIND_INT(id) };

	return cl_db_exec_one(db, &plan_delete_sql, params, CL_NELEMS(params));
}

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
	return subscription_from_row(&rows, 0, out);
}

static struct cl_stmt subscription_count_sql =
    CL_STMT("SELECT COUNT(*) FROM subscriptions WHERE user_id = ?");

int
subs_subscription_count(
    struct cl_db *db, struct cl_arena *a, int64_t user_id, int64_t *count)
{
	struct cl_bind params[] = { CL_BIND_INT(user_id) };
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(
	    db, a, &subscription_count_sql, params, CL_NELEMS(params), &rows);
	if (rc != CL_OK)
		return rc;
	*count = cl_rows_int(&rows, 0, 0);
	return CL_OK;
}

static struct cl_stmt subscription_list_sql = CL_STMT(
    "SELECT " SUBSCRIPTION_COLUMNS " FROM subscriptions WHERE user_id = ? "
    "ORDER BY id LIMIT ? OFFSET ?");

int
subs_subscription_list(struct cl_db *db, struct cl_arena *a, int64_t user_id,
    const struct cl_page *page, struct subs_subscription **out, size_t *n)
{
	struct cl_bind params[] = {
		CL_BIND_INT(user_id),
		CL_BIND_INT(page->size),
		CL_BIND_INT(page->offset),
	};
	struct cl_rows rows;
	size_t i;
	int rc;

	rc = cl_db_query(
	    db, a, &subscription_list_sql, params, CL_NELEMS(params), &rows);
	if (rc != CL_OK)
		return rc;
	*out = CL_NEW_ARRAY(
	    a, struct subs_subscription, rows.nrows ? rows.nrows : 1);
	*n = rows.nrows;
	for (i = 0; i < rows.nrows && rc == CL_OK; i++)
		rc = subscription_from_row(&rows, i, &(*out)[i]);
	return rc;
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

/* UNIQUE (user_id, active_key) refuses a second active row per user and
 * plan (see sql/0010_subscriptions.sql). */
static struct cl_stmt subscription_insert_sql = CL_STMT(
    "INSERT INTO subscriptions (user_id, plan_id, plan_name, plan_amount, "
    "plan_payment_cycle, plan_months_validity, plan_cancellable, "
    "start_date, end_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");

int
subs_subscription_insert(struct cl_db *db, struct subs_subscription *s)
{
	char amount[CL_MONEY_BUF], start[CL_DATE_BUF], end[CL_DATE_BUF];
	struct cl_bind params[] = {
		CL_BIND_INT(s->user_id),
		CL_BIND_INT(s->plan_id),
		CL_BIND_STR(s->plan_name),
		CL_BIND_STR(cl_money_format(s->plan_amount, amount)),
		CL_BIND_INT(s->plan_payment_cycle),
		CL_BIND_INT(s->plan_months_validity),
		CL_BIND_BOOL(s->plan_cancellable),
		CL_BIND_STR(cl_date_format(s->start_date, start)),
		CL_BIND_STR(cl_date_format(s->end_date, end)),
	};
	uint64_t id;
	int rc;

	rc = cl_db_exec(
	    db, &subscription_insert_sql, params, CL_NELEMS(params), NULL, &id);
	if (rc != CL_OK)
		return rc;
	s->id = (int64_t)id;
	return CL_OK;
}

static struct cl_stmt subscription_cancel_sql =
    CL_STMT("UPDATE subscriptions SET is_active = FALSE, "
            "cancelled_at = UTC_TIMESTAMP(6) WHERE id = ? AND is_active");

int
subs_subscription_cancel(struct cl_db *db, int64_t id)
{
	struct cl_bind params[] = { CL_BIND_INT(id) };

	return cl_db_exec_one(db, &subscription_cancel_sql, params,
	    CL_NELEMS(params));
}
