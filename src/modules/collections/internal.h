/* Inside module collections only (no other folder includes this): the
 * status and bucket rules (status.c), the records and their column tables,
 * and the prototypes shared between routes.c, the resource files, db.c
 * and render.c. */
#ifndef CL_MODULES_COLLECTIONS_INTERNAL_H
#define CL_MODULES_COLLECTIONS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/fields.h"
#include "core/resource.h"
#include "core/timeutil.h"

struct cJSON;
struct cl_arena;
struct cl_bind;
struct cl_db;
struct cl_list_query;
struct cl_req;
struct cl_rows;

/* Status codes and buckets (status.c): the one definition of their
 * boundaries. An unpaid installment is classed by days = due_date - today
 * (negative: past due), a paid one by late = paid_date - due_date. */
#define COLL_DAYS_MIN (-1000000)   /* beyond any date MariaDB holds */
#define COLL_DAYS_MAX 1000000
#define COLL_BUCKET_T_MAX 30       /* t0..t30 */
#define COLL_BUCKET_DPD_MAX 365    /* dpd1..dpd365 */

struct coll_status_rule {
	int	code;      /* 310 ... 332 */
	bool	paid;      /* the range is of late days, else of days to due */
	int64_t	lo;        /* inclusive */
	int64_t	hi;        /* inclusive */
};

/* The eleven rules, in code order, ending with a zeroed entry. */
extern const struct coll_status_rule coll_status_rules[];

/* Performance's "paid 5-30 days late" (np_late30_percent), as late days. */
extern const struct coll_status_rule coll_late30;

/* The status code of an installment: paid ones by late days, unpaid ones
 * by days to due. Pure. */
int coll_status_of(bool paid, int64_t days);

/* The rule of code, or NULL when it is not one of the eleven. */
const struct coll_status_rule *coll_status_rule(int64_t code);

/* Parses a bucket name: "tN" (0..30) gives days N, "dpdN" (1..365) days
 * -N (days to due of an unpaid installment). CL_OK or CL_EINVAL. Pure. */
int coll_bucket_parse(const char *s, int64_t *days);

/* GET /crm/customers' bucket and status parameters (comma lists, each
 * optional, combined with AND) as one condition over crm_customers c
 * with its binds, relative to today (a day number): *sql is "" when
 * neither is given. Problems go to r's field errors: CL_EINVAL. */
int coll_filter_build(struct cl_req *r, const char *bucket, const char *status,
    int64_t today, const char **sql, struct cl_bind **binds, size_t *n);

/* Records. */

struct coll_role {
	const char	*name;
	int64_t		id;
};

struct coll_customer {
	int64_t		id;
	const char	*fullname;
	const char	*email;
	const char	*phone;
	const char	*country;
	const char	*cdate;
};

/* A row of GET /agents, flat as the SELECT gives it; render.c nests it. */
struct coll_agent {
	int64_t		id;
	int64_t		user_id;
	const char	*username;
	const char	*email;
	const char	*first_name;
	int64_t		created_by;            /* 0: none */
	const char	*created_by_username;
	const char	*created_by_email;
	const char	*created_by_first_name;
	const char	*roles;                /* a JSON array of names */
	const char	*user_extension;
	const char	*cdate;
};

/* The body of POST /agents. */
struct coll_agent_in {
	const char	*user;
	const char	*password;
	const char	*name;
	int64_t		role;
};

/* The import (import.c): at most this many customers per call. */
#define COLL_IMPORT_MAX 10000

struct coll_installment {
	const char	*due_date;
	int64_t		due_amount;   /* cents */
	const char	*paid_date;   /* NULL: unpaid */
	int64_t		paid_amount;  /* cents; -1: none */
	int64_t		late_days;    /* paid_date - due_date when paid */
};

struct coll_loan {
	struct coll_installment	*inst;
	size_t			n;
};

struct coll_import_customer {
	const char		*fullname;
	const char		*email;
	const char		*phone;
	const char		*country;
	const char		*agent;        /* an agent's email, or NULL */
	int64_t			agent_id;      /* 0: none */
	struct coll_loan	*loans;
	size_t			nloans;
	const char		*cur_due_date; /* the current installment's */
	bool			cur_paid;
	int64_t			cur_late_days;
};

/* One row of crm_month_stats, summed by the import before it is added. */
struct coll_month_stat {
	char		month_start[CL_DATE_BUF];  /* "YYYY-MM-01" */
	int64_t		agent_id;                  /* 0: none */
	bool		is_first;
	bool		is_paid;
	int64_t		late_days;                 /* 0 when unpaid */
	int64_t		installments;
	int64_t		paid_amount;               /* cents */
};

/* The import's body tables (import.c), for the OpenAPI prose. */
extern const struct cl_field *const coll_import_customer_fields;
extern const struct cl_field *const coll_import_installment_fields;

extern const struct cl_field coll_role_cols[];
extern const struct cl_field coll_customer_cols[];
extern const struct cl_field coll_agent_cols[];
extern const struct cl_field coll_agent_in_fields[];
extern const struct cl_resource_sql coll_role_sql;
extern const struct cl_resource_sql coll_customer_sql;
extern const struct cl_resource_sql coll_agent_sql;
extern const struct cl_resource coll_role_resource;
extern const struct cl_resource coll_customer_resource;
extern const struct cl_resource coll_agent_resource;

/* Every statement of db.c with the column table it must agree with, for
 * tests/unit/collections/test_sql.c; ends with a zeroed entry. */
struct coll_sql_check {
	const struct cl_field	*cols;
	const char *const	*sql;
};
extern const struct coll_sql_check coll_sql_checks[];

/* Data functions (db.c): CL_OK or a negative CL_E*. */

/* CL_OK when role_id is an agent role, else CL_ENOTFOUND. */
int coll_agent_role_find(struct cl_db *db, struct cl_arena *a,
    int64_t role_id);
int coll_agent_insert(struct cl_db *db, int64_t user_id, int64_t created_by,
    int64_t *id);

/* The id of the agents row whose user has email; CL_ENOTFOUND. */
int coll_agent_find_by_email(struct cl_db *db, struct cl_arena *a,
    const char *email, int64_t *id);

/* Inserts c, its loans and installments (numbered from 1 in each loan);
 * CL_EDUP when its email is taken. Borrows c. */
int coll_import_customer_insert(struct cl_db *db,
    const struct coll_import_customer *c);

/* The three blocks of GET /crm/performance for due dates in [from, to)
 * ("YYYY-MM-DD"): collection (month, count, first, np on time, np grace,
 * np late30, fp on time, fp grace), per agent (agent id, username, month,
 * assigned, paid, amount) and all agents (month, assigned, paid, amount),
 * each ordered by month. */
int coll_performance_read(struct cl_db *db, struct cl_arena *a,
    const char *from, const char *to, struct cl_rows *collection,
    struct cl_rows *per_agent, struct cl_rows *all);

/* Performance's pure parts (performance.c): k/d as "0.165", rounded
 * half up, "0.000" when d is 0, into buf; and ?month=YYYY-MM (a real
 * month): CL_OK or CL_EINVAL. */
char *coll_share(int64_t k, int64_t d, char *buf, size_t size);
int coll_month_parse(const char *s, int *y, unsigned *m);

/* Adds st's counts to its crm_month_stats row (made when missing). */
int coll_month_stats_add(struct cl_db *db, const struct coll_month_stat *st);

/* Renderers (render.c): pure. */
struct cJSON *coll_render_agent(const void *row);

/* Handlers. */
int coll_roles_list(struct cl_req *r);
int coll_agents_list(struct cl_req *r);
int coll_agents_create(struct cl_req *r);
int coll_customers_list(struct cl_req *r);
int coll_import_create(struct cl_req *r);
int coll_performance_show(struct cl_req *r);

#endif
