/* Inside module subscriptions only (no other folder includes this): the
 * structs data functions fill, and the prototypes shared between routes.c,
 * the handler files (plans.c, purchases.c), db.c and render.c. */
#ifndef CL_MODULES_SUBSCRIPTIONS_INTERNAL_H
#define CL_MODULES_SUBSCRIPTIONS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
	int64_t		start_date;           /* day number (timeutil.h) */
	int64_t		end_date;             /* day number */
	bool		is_active;
	const char	*cancelled_at;        /* MariaDB DATETIME text, or NULL */
	const char	*plan_name;
	int64_t		plan_amount;          /* cents */
	int64_t		plan_months_validity;
	int64_t		plan_payment_cycle;
	bool		plan_cancellable;
};

/* Handlers (plans.c, purchases.c). Each returns the HTTP status it
 * recorded. */
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

/* Data functions (db.c). Each returns CL_OK or a negative CL_E*; strings
 * in out are allocated from a. Functions ending in _for_update lock the
 * rows they read until the transaction ends and must run inside one
 * (a CL_TX route). */

/* The plan with id into *out; CL_ENOTFOUND when there is none. */
int subs_plan_get(struct cl_db *db, struct cl_arena *a, int64_t id,
    struct subs_plan *out);
int subs_plan_get_for_update(struct cl_db *db, struct cl_arena *a,
    int64_t id, struct subs_plan *out);

/* The number of plans. */
int subs_plan_count(struct cl_db *db, struct cl_arena *a, int64_t *count);

/* One page of plans by id; *out is an array of *n plans allocated from a. */
int subs_plan_list(struct cl_db *db, struct cl_arena *a,
    const struct cl_page *page, struct subs_plan **out, size_t *n);

/* Inserts p (borrowed) and sets p->id. CL_EDUP when the name is taken. */
int subs_plan_insert(struct cl_db *db, struct subs_plan *p);

/* Writes every field of p (borrowed) to the row p->id. CL_EDUP when the
 * name is taken by another plan. */
int subs_plan_update(struct cl_db *db, const struct subs_plan *p);

/* Deletes the plan; its inactive subscriptions keep their copies of its
 * values and lose their plan_id. CL_ENOTFOUND when there is none. */
int subs_plan_delete(struct cl_db *db, int64_t id);

/* The subscription id when user_id owns it, locked; CL_ENOTFOUND when there
 * is none or it is someone else's. */
int subs_subscription_get_for_update(struct cl_db *db, struct cl_arena *a,
    int64_t id, int64_t user_id, struct subs_subscription *out);

/* The number of the user's subscriptions, and one page of them by id. */
int subs_subscription_count(struct cl_db *db, struct cl_arena *a,
    int64_t user_id, int64_t *count);
int subs_subscription_list(struct cl_db *db, struct cl_arena *a,
    int64_t user_id, const struct cl_page *page,
    struct subs_subscription **out, size_t *n);

/* The number of active subscriptions of plan_id, with a shared lock on them
 * so none is cancelled under the caller; run it after locking the plan, so
 * that no purchase of it can start either. */
int subs_subscription_count_active_for_update(struct cl_db *db,
    struct cl_arena *a, int64_t plan_id, int64_t *count);

/* Inserts s (borrowed; active) and sets s->id. CL_EDUP when the user
 * already has an active subscription to the plan; CL_EFOREIGN when the
 * plan was deleted meanwhile. */
int subs_subscription_insert(struct cl_db *db, struct subs_subscription *s);

/* Marks the subscription inactive, cancelled now. */
int subs_subscription_cancel(struct cl_db *db, int64_t id);

/* Renderers (render.c): pure, struct in, new cJSON tree out (the caller
 * owns it). Plans show amount as "500.00"; subscriptions show plan_amount
 * as the number 500.00, as seed 001 does. */
struct cJSON *subs_render_plan(const struct subs_plan *p);
struct cJSON *subs_render_plans(const struct subs_plan *p, size_t n);
struct cJSON *subs_render_subscription(const struct subs_subscription *s);
struct cJSON *subs_render_subscriptions(const struct subs_subscription *s,
    size_t n);

/* {"message": message, "data": data}, the shape of seed 001's purchase
 * and cancel answers. Borrows message, takes data. */
struct cJSON *subs_render_message(const char *message, struct cJSON *data);

#endif
