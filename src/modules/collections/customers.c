/* CRM customers: GET /crm/customers (API.md §3) by bucket and status. The
 * column table is the resource; the SQL is in db.c, the rules in
 * status.c. */
#include "config.h"

#include "modules/collections/internal.h"

#include "core/listing.h"
#include "core/request.h"
#include "core/resource.h"
#include "core/response.h"
#include "core/timeutil.h"
#include "core/banned.h"

/* clang-format off */
#define C struct coll_customer
const struct cl_field coll_customer_cols[] = {
	CL_COL_PK("id",          C, id),
	CL_COL_STR("fullname",   C, fullname, CL_REQUIRED | CL_INSERT, 1, 200),
	CL_COL_EMAIL("email",    C, email,    CL_REQUIRED | CL_INSERT, 3, 254),
	CL_COL_STR("phone",      C, phone,    CL_REQUIRED | CL_INSERT, 1, 32),
	CL_COL_STR("country",    C, country,  CL_REQUIRED | CL_INSERT, 1, 100),
	CL_COL_DATETIME("cdate", C, cdate,    0),
	{ 0 }
};
#undef C
/* clang-format on */

/* bucket= and status=: ranges of the current installment's dates,
 * relative to today in the server's zone (status.c), filtered in SQL so a
 * page is always full. */
static int
customer_where(struct cl_req *r, struct cl_list_query *q)
{
	const char *sql;
	struct cl_bind *binds;
	size_t n;

	if (coll_filter_build(r, cl_req_query(r, "bucket"),
	        cl_req_query(r, "status"), cl_today(), &sql, &binds, &n) != 0)
		return cl_fail_validation(r);
	if (*sql)
		cl_list_where(r->arena, q, sql, binds, n);
	return 0;
}

const struct cl_resource coll_customer_resource = {
	.noun = "CRM customer",
	.cols = coll_customer_cols,
	.size = sizeof(struct coll_customer),
	.sql = &coll_customer_sql,
	.list_where = customer_where,
};

/* GET /crm/customers (API.md §3, crm:read): paginated customers;
 * bucket=t0,dpd5 and status=311,330, each optional, combined with AND. */
int
coll_customers_list(struct cl_req *r)
{
	return cl_resource_list(r, &coll_customer_resource);
}
