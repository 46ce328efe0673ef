/* Inside module subscriptions only (no other folder includes this): the
 * records, their column tables and resources, and the prototypes shared
 * between routes.c, the handler files (plans.c, purchases.c), db.c and
 * render.c. */
#ifndef CL_MODULES_SUBSCRIPTIONS_INTERNAL_H
#define CL_MODULES_SUBSCRIPTIONS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/fields.h"
#include "core/resource.h"

struct cJSON;
struct cl_arena;
struct cl_db;
struct cl_page;
struct cl_req;

/* A row of plans. */
struct subs_plan {
	int64_t		id;
	const char	*name;                /* from the caller's arena */
	int64_t		amount;               /* cents, > 0 */
	int64_t		payment_cycle;        /* days, 1..365 */
	int64_t		total_valid_months;   /* 1..120 */
	bool		is_cancellable;
};

/* A row of subscriptions: one purchase, with the plan's values copied at
 * purchase time (the plan_* fields), so later plan edits change nothing. */
struct subs_subscription {
	int64_t		id;
	int64_t		user_id;
	int64_t		plan_id;              /* 0: the plan was deleted since */
	const char	*start_date;          /* "YYYY-MM-DD" */
	const char	*end_date;            /* "YYYY-MM-DD" */
	bool		is_active;
	const char	*plan_name;
	int64_t		plan_amount;          /* cents */
	int64_t		plan_months_validity;
	int64_t		plan_payment_cycle;
	bool		plan_cancellable;
	const char	*cancelled_at;        /* MariaDB DATETIME text, or NULL */
};

/* Column tables (plans.c, purchases.c): the JSON of seed 001 in table
 * order, and the SELECT lists of db.c. Plans show amount as "500.00";
 * subscriptions show plan_amount as the number 500.00, as the seed does. */
extern const struct cl_field subs_plan_cols[];
extern const struct cl_field subs_subscription_cols[];

/* The statements of each resource (db.c) and the resources (plans.c,
 * purchases.c). Plans are served by the generic handlers; subscriptions
 * use their insert and the one mapping of data errors. */
extern const struct cl_resource_sql subs_plan_sql;
extern const struct cl_resource_sql subs_subscription_sql;
extern const struct cl_resource subs_plan_resource;
extern const struct cl_resource subs_subscription_resource;

/* Every statement of db.c with the column table it must agree with, for
 * tests/unit/subscriptions/test_sql.c; ends with a zeroed entry. */
struct subs_sql_check {
	const struct cl_field	*cols;
	const char *const	*sql;   /* the statement's text */
};
extern const struct subs_sql_check subs_sql_checks[];

/* Handlers (plans.c, purchases.c). Each returns the HTTP status it
 * recorded. The plan handlers wrap the generic ones (resource.h). */
int subs_plans_list(struct cl_req *r);
int subs_plans_show(struct cl_req *r);
int subs_plans_create(struct cl_req *r);
int subs_plans_update(struct cl_req *r);
int subs_plans_delete(struct cl_req *r);
int subs_purchases_create(struct cl_req *r);
int subs_purchases_cancel(struct cl_req *r);
int subs_purchases_list(struct cl_req *r);

/* The rule of API.md §4: the last day of a subscription that starts on day
 * number start is start + cycle x months days (2021-10-14 with a 30-day
 * cycle over 12 months ends 2022-10-09). Pure. */
int64_t subs_end_date(int64_t start, int64_t cycle, int64_t months);

/* Data functions (db.c) beyond the resources' record functions. Each
 * returns CL_OK or a negative CL_E*; strings in out are allocated from a.
 * Functions ending in _for_update lock the rows they read until the
 * transaction ends and must run inside one (a CL_TX route). */

/* The subscription id when user_id owns it, locked; CL_ENOTFOUND when there
 * is none or it is someone else's. */
int subs_subscription_get_for_update(struct cl_db *db, struct cl_arena *a,
    int64_t id, int64_t user_id, struct subs_subscription *out);

/* The number of active subscriptions of plan_id, with a shared lock on them
 * so none is cancelled under the caller; run it after locking the plan, so
 * that no purchase of it can start either. */
int subs_subscription_count_active_for_update(struct cl_db *db,
    struct cl_arena *a, int64_t plan_id, int64_t *count);

/* Marks the active subscription id inactive, cancelled now; CL_ENOTFOUND
 * when it is not active. */
int subs_subscription_cancel(struct cl_db *db, int64_t id);

/* {"message": message, "data": data}, the shape of seed 001's purchase
 * and cancel answers (render.c). Borrows message, takes data. Pure. */
struct cJSON *subs_render_message(const char *message, struct cJSON *data);

#endif
