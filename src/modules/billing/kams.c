/* KAM masters: GET /customers/kam/ and /customers/kam/{id}/ (API.md §6).
 * The column table is the whole resource; the SQL is in db.c. */
#include "config.h"

#include "modules/billing/internal.h"

#include <stddef.h>

#include "core/resource.h"
#include "core/banned.h"

/* clang-format off */
#define K struct bill_kam
const struct cl_field bill_kam_cols[] = {
	CL_COL_PK("id",                           K, id),
	CL_COL_STR("kam_name",                    K, kam_name,          CL_REQUIRED | CL_WRITE, 1, 200),
	CL_COL_STR("phone",                       K, phone,             CL_NULLABLE | CL_WRITE, 0, 32),
	CL_COL_EMAIL("email",                     K, email,             CL_NULLABLE | CL_WRITE, 0, 254),
	CL_COL_STR("address",                     K, address,           CL_NULLABLE | CL_WRITE, 0, 500),
	CL_COL_BOOL("is_active",                  K, is_active,         CL_WRITE),
	CL_COL_INT("assigned_customers_count",    K, assigned_customers_count, CL_READONLY, 0, 0),
	CL_COL_ID("created_by",                   K, created_by,        CL_READONLY | CL_HIDDEN | CL_INSERT),
	CL_COL_ID("updated_by",                   K, updated_by,        CL_READONLY | CL_HIDDEN | CL_WRITE),
	CL_COL_DATETIME("created_at",             K, created_at,        0),
	CL_COL_DATETIME("updated_at",             K, updated_at,        0),
	{ 0 }
};
#undef K
/* clang-format on */

/* The seed's KAM keys are the answer; who made a KAM is in audit_log. */
const struct cl_resource bill_kam_resource = {
	.noun = "KAM",
	.table = "billing_kams",
	.cols = bill_kam_cols,
	.size = sizeof(struct bill_kam),
	.sql = &bill_kam_sql,
};

/* GET /customers/kam/ (API.md §6, customers:read). */
int
bill_kams_list(struct cl_req *r)
{
	return cl_resource_list(r, &bill_kam_resource);
}

/* GET /customers/kam/{id}/ (API.md §6, customers:read). */
int
bill_kams_show(struct cl_req *r)
{
	return cl_resource_show(r, &bill_kam_resource);
}
