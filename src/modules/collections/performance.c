/* Performance: GET /crm/performance (API.md §3): the collection shares
 * per month, and the installments assigned to and paid for each agent per
 * month. One query per block (db.c), whatever the number of agents and
 * months; the shares' boundaries come from status.c. */
#include "config.h"

#include "modules/collections/internal.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/money.h"
#include "core/query.h"
#include "core/request.h"
#include "core/response.h"
#include "core/timeutil.h"
#include "core/banned.h"

#define MONTHS_DEFAULT 6

char *
coll_share(int64_t k, int64_t d, char *buf, size_t size)
{
	int64_t t = d > 0 ? (2000 * k + d) / (2 * d) : 0;

	snprintf(buf, size, "%lld.%03lld", (long long)(t / 1000),
	    (long long)(t % 1000));
	return buf;
}

int
coll_month_parse(const char *s, int *y, unsigned *m)
{
	int64_t days;
	char buf[CL_DATE_BUF];

	if (strlen(s) != 7 || s[4] != '-')
		return CL_EINVAL;
	snprintf(buf, sizeof(buf), "%s-01", s);
	if (cl_date_parse(buf, &days) != CL_OK)
		return CL_EINVAL;
	cl_civil_from_days(days, y, m, &(unsigned){ 0 });
	return CL_OK;
}

static void
month_add(int *y, unsigned *m, int n)
{
	int k = *y * 12 + (int)*m - 1 + n;

	*y = k / 12;
	*m = (unsigned)(k % 12) + 1;
}

static const char *
month_text(struct cl_arena *a, int y, unsigned m)
{
	return cl_arena_printf(a, "%04d-%02u-01", y, m);
}

static int64_t
cents(const char *s)
{
	int64_t c = 0;

	if (s == NULL || cl_money_parse(s, &c) != CL_OK)
		return 0;
	return c;
}

static int64_t
num(const struct cl_rows *rows, size_t i, unsigned col)
{
	int64_t v = 0;
	const char *s = CL_ROW(rows, i, col);

	if (s && cl_parse_int(s, &v) != CL_OK)
		v = 0;
	return v;
}

static cJSON *
collection_row(const char *month, const struct cl_rows *rows, size_t i)
{
	cJSON *o = cJSON_CreateObject();
	char b[32];
	int64_t all = 0, first = 0, v[5] = { 0 };
	unsigned k;

	if (o == NULL)
		abort();
	if (rows != NULL) {
		all = num(rows, i, 1);
		first = num(rows, i, 2);
		for (k = 0; k < 5; k++)
			v[k] = num(rows, i, 3 + k);
	}
	cl_json_add_str(o, "month_start_date", month);
	if (rows) {
		cl_json_add_int(o, "count_payment", all);
		cl_json_add_int(o, "count_first_payment", first);
	} else {
		cJSON_AddNullToObject(o, "count_payment");
		cJSON_AddNullToObject(o, "count_first_payment");
	}
	cl_json_add_str(o, "np_ontime_percent",
	    coll_share(v[0], all - first, b, sizeof(b)));
	cl_json_add_str(
	    o, "np_grace_percent", coll_share(v[1], all - first, b, sizeof(b)));
	cl_json_add_str(o, "np_late30_percent",
	    coll_share(v[2], all - first, b, sizeof(b)));
	cl_json_add_str(
	    o, "fp_np_ontime_percent", coll_share(v[3], first, b, sizeof(b)));
	cl_json_add_str(
	    o, "fp_np_grace_percent", coll_share(v[4], first, b, sizeof(b)));
	return o;
}

/* A performance row from col 0 on: [agent_id, username,] month, assigned,
 * count_paid, amount. */
static cJSON *
agent_row(const struct cl_rows *rows, size_t i, bool agent)
{
	cJSON *o = cJSON_CreateObject();
	unsigned c = agent ? 2 : 0;
	int64_t assigned = num(rows, i, c + 1), paid = num(rows, i, c + 2);
	char b[32];

	if (o == NULL)
		abort();
	if (agent) {
		cl_json_add_int(o, "agent_id", num(rows, i, 0));
		cl_json_add_str(o, "username", CL_ROW(rows, i, 1));
	}
	cl_json_add_str(o, "month_start_date", CL_ROW(rows, i, c));
	cl_json_add_int(o, "assigned", assigned);
	cl_json_add_int(o, "count_paid", paid);
	if (!cJSON_AddItemToObject(o, "amount_collected",
	        cl_money_json_number(cents(CL_ROW(rows, i, c + 3)))))
		abort();
	cl_json_add_str(
	    o, "collection_rate", coll_share(paid, assigned, b, sizeof(b)));
	return o;
}

static cJSON *
array(void)
{
	cJSON *a = cJSON_CreateArray();

	if (a == NULL)
		abort();
	return a;
}

/* GET /crm/performance (API.md §3, crm:read): ?month=YYYY-MM, default the
 * current month and the five before it, oldest first. */
int
coll_performance_show(struct cl_req *r)
{
	const char *month = cl_req_query(r, "month");
	struct cl_rows col, per, all;
	int y, n = MONTHS_DEFAULT, k;
	unsigned m, d;
	size_t i;
	const char *from, *to;
	cJSON *data, *rows;
	int rc;

	if (month != NULL) {
		if (coll_month_parse(month, &y, &m) != CL_OK) {
			cl_fail_field(r, "month", "Use the format YYYY-MM.");
			return cl_fail_validation(r);
		}
		n = 1;
	} else {
		cl_civil_from_days(cl_today(), &y, &m, &d);
		month_add(&y, &m, -(MONTHS_DEFAULT - 1));
	}
	from = month_text(r->arena, y, m);
	{
		int ty = y;
		unsigned tm = m;

		month_add(&ty, &tm, n);
		to = month_text(r->arena, ty, tm);
	}
	rc = coll_performance_read(r->db, r->arena, from, to, &col, &per, &all);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	data = cJSON_CreateObject();
	if (data == NULL)
		abort();
	rows = array();
	for (i = 0; i < per.nrows; i++)
		cJSON_AddItemToArray(rows, agent_row(&per, i, true));
	cJSON_AddItemToObject(data, "performance", rows);
	rows = array();
	for (i = 0; i < all.nrows; i++)
		cJSON_AddItemToArray(rows, agent_row(&all, i, false));
	cJSON_AddItemToObject(data, "performance_all", rows);
	rows = array();
	for (k = 0, i = 0; k < n; k++) {
		const char *mt = month_text(r->arena, y, m);

		if (i < col.nrows && strcmp(CL_ROW(&col, i, 0), mt) == 0)
			cJSON_AddItemToArray(
			    rows, collection_row(mt, &col, i++));
		else
			cJSON_AddItemToArray(rows, collection_row(mt, NULL, 0));
		month_add(&y, &m, 1);
	}
	cJSON_AddItemToObject(data, "collection", rows);
	return cl_reply_success(r, 200, data);
}
