/* Installment status codes and buckets (API.md §3): the one definition of
 * their boundaries. GET /crm/customers turns them into ranges bound to its
 * SELECT (coll_filter_build), the performance query takes coll_late30 and
 * the paid rules the same way, and tests/unit/collections/test_status.c
 * pins every edge; no boundary is written in SQL. */
#include "config.h"

#include "modules/collections/internal.h"

#include <string.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/query.h"
#include "core/request.h"
#include "core/response.h"
#include "core/timeutil.h"
#include "core/banned.h"

/* clang-format off */
const struct coll_status_rule coll_status_rules[] = {
	{ 310, false, 4,             COLL_DAYS_MAX },  /* not due: in more than 3 days */
	{ 311, false, 1,             3 },              /* due in 1-3 days */
	{ 312, false, 0,             0 },              /* due today */
	{ 320, false, -4,            -1 },             /* 1-4 days past due */
	{ 321, false, -29,           -5 },             /* 5-29 dpd */
	{ 322, false, -59,           -30 },            /* 30-59 dpd */
	{ 323, false, -89,           -60 },            /* 60-89 dpd */
	{ 324, false, COLL_DAYS_MIN, -90 },            /* 90+ dpd */
	{ 330, true,  COLL_DAYS_MIN, 0 },              /* paid on or before the due date */
	{ 331, true,  1,             4 },              /* paid in the grace period */
	{ 332, true,  5,             COLL_DAYS_MAX },  /* paid late */
	{ 0 }
};
/* clang-format on */

const struct coll_status_rule coll_late30 = { 0, true, 5, 30 };

int
coll_status_of(bool paid, int64_t days)
{
	const struct coll_status_rule *s;

	for (s = coll_status_rules; s->code; s++)
		if (s->paid == paid && days >= s->lo && days <= s->hi)
			return s->code;
	return 0; /* beyond COLL_DAYS_MIN..MAX: no date is */
}

const struct coll_status_rule *
coll_status_rule(int64_t code)
{
	const struct coll_status_rule *s;

	for (s = coll_status_rules; s->code; s++)
		if (s->code == code)
			return s;
	return NULL;
}

/* Digits only, no sign, no leading zero but "0" itself, at most 3. */
static int
small_number(const char *s, int64_t *v)
{
	size_t n = strlen(s);

	if (n == 0 || n > 3 || strspn(s, "0123456789") != n ||
	    (n > 1 && s[0] == '0'))
		return CL_EINVAL;
	return cl_parse_int(s, v);
}

int
coll_bucket_parse(const char *s, int64_t *days)
{
	int64_t n;

	if (s[0] == 't' && small_number(s + 1, &n) == CL_OK &&
	    n <= COLL_BUCKET_T_MAX) {
		*days = n;
		return CL_OK;
	}
	if (strncmp(s, "dpd", 3) == 0 && small_number(s + 3, &n) == CL_OK &&
	    n >= 1 && n <= COLL_BUCKET_DPD_MAX) {
		*days = -n;
		return CL_OK;
	}
	return CL_EINVAL;
}

/* At most this many values in one list: bounds the statement's binds. */
#define LIST_MAX 40

/* Splits a comma list into items (from a); *n 0 and CL_EINVAL on an
 * empty item or too many. */
static int
split(struct cl_arena *a, const char *s, const char **items, size_t *n)
{
	char *copy = cl_arena_strdup(a, s), *p = copy, *comma;

	*n = 0;
	for (;;) {
		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (*p == '\0' || *n == LIST_MAX)
			return CL_EINVAL;
		items[(*n)++] = p;
		if (!comma)
			return CL_OK;
		p = comma + 1;
	}
}

/* A day number as a DATE bind, clamped to MariaDB's DATE range. */
static struct cl_bind
date_bind(struct cl_arena *a, int64_t today, int64_t days)
{
	char buf[CL_DATE_BUF];

	if (days <= COLL_DAYS_MIN)
		return cl_bind_str("1000-01-01");
	if (days >= COLL_DAYS_MAX)
		return cl_bind_str("9999-12-31");
	return cl_bind_str(
	    cl_arena_strdup(a, cl_date_format(today + days, buf)));
}

static const char *
join(struct cl_arena *a, const char *left, const char *sep, const char *right)
{
	return *left ? cl_arena_printf(a, "%s%s%s", left, sep, right) : right;
}

/* bucket=: unpaid current installments due on one of the days. */
static int
bucket_sql(struct cl_req *r, const char *bucket, int64_t today,
    const char **sql, struct cl_bind *b, size_t *nb)
{
	const char *items[LIST_MAX], *in = "";
	size_t n, i;
	int64_t days;

	if (split(r->arena, bucket, items, &n) != CL_OK) {
		cl_fail_field(
		    r, "bucket", "Give 1 to 40 comma-separated buckets.");
		return CL_EINVAL;
	}
	for (i = 0; i < n; i++) {
		if (coll_bucket_parse(items[i], &days) != CL_OK) {
			cl_fail_field(r, "bucket",
			    cl_arena_printf(r->arena,
			        "\"%s\" is not a bucket (t0..t30, "
			        "dpd1..dpd365).",
			        items[i]));
			return CL_EINVAL;
		}
		in = join(r->arena, in, ", ", "?");
		b[(*nb)++] = date_bind(r->arena, today, days);
	}
	*sql = cl_arena_printf(r->arena,
	    "(c.cur_late_days IS NULL AND c.cur_due_date IN (%s))", in);
	return CL_OK;
}

/* status=: the OR of the rules' ranges. */
static int
status_sql(struct cl_req *r, const char *status, int64_t today,
    const char **sql, struct cl_bind *b, size_t *nb)
{
	const char *items[LIST_MAX], * or = "";
	const struct coll_status_rule *s;
	size_t n, i;
	int64_t code;

	if (split(r->arena, status, items, &n) != CL_OK) {
		cl_fail_field(
		    r, "status", "Give 1 to 40 comma-separated status codes.");
		return CL_EINVAL;
	}
	for (i = 0; i < n; i++) {
		s = NULL;
		if (small_number(items[i], &code) == CL_OK)
			s = coll_status_rule(code);
		if (s == NULL) {
			cl_fail_field(r, "status",
			    cl_arena_printf(r->arena,
			        "\"%s\" is not a status code (310-312, "
			        "320-324, 330-332).",
			        items[i]));
			return CL_EINVAL;
		}
		if (s->paid) {
			or = join(r->arena, or, " OR ",
			       "c.cur_late_days BETWEEN ? AND ?");
			b[(*nb)++] = cl_bind_int(s->lo);
			b[(*nb)++] = cl_bind_int(s->hi);
		} else {
			or = join(r->arena, or, " OR ",
			       "(c.cur_late_days IS NULL AND "
			       "c.cur_due_date BETWEEN ? AND ?)");
			b[(*nb)++] = date_bind(r->arena, today, s->lo);
			b[(*nb)++] = date_bind(r->arena, today, s->hi);
		}
	}
	*sql = cl_arena_printf(r->arena, "(%s)", or);
	return CL_OK;
}

int
coll_filter_build(struct cl_req *r, const char *bucket, const char *status,
    int64_t today, const char **sql, struct cl_bind **binds, size_t *n)
{
	const char *bs = "", *ss = "";
	int rc = CL_OK;

	*binds = CL_NEW_ARRAY(r->arena, struct cl_bind, 3 * LIST_MAX);
	*n = 0;
	if (bucket != NULL)
		rc = bucket_sql(r, bucket, today, &bs, *binds, n);
	if (rc == CL_OK && status != NULL)
		rc = status_sql(r, status, today, &ss, *binds, n);
	*sql = *bs && *ss ? cl_arena_printf(r->arena, "%s AND %s", bs, ss)
	    : *bs         ? bs
	                  : ss;
	return rc;
}
