/* Utility information: /utility/utility-info/ and /utility/utility-
 * details/ (API.md §6, GET only; the admin CLI makes them, cli.c). An
 * info row carries details, active_details (its accounts as JSON, from
 * its SELECT in db.c) and vat_rate, which invoices apply. */
#include "config.h"

#include "modules/billing/internal.h"

#include <cjson/cJSON.h>
#include <stddef.h>

#include "core/resource.h"
#include "core/banned.h"

const char *const bill_utility_types[] = { "bank", "bkash", "nagad", NULL };

/* clang-format off */
#define U struct bill_utility
const struct cl_field bill_utility_cols[] = {
	CL_COL_PK("id",                   U, id),
	CL_COL_STR("utility_name",        U, utility_name,        CL_REQUIRED | CL_INSERT, 1, 200),
	CL_COL_RATE("vat_rate",           U, vat_rate,            CL_INSERT, 0, 10000),
	CL_COL_STR("details",             U, details_json,        CL_READONLY | CL_HIDDEN, 0, 0),
	CL_COL_STR("active_details",      U, active_details_json, CL_READONLY | CL_HIDDEN, 0, 0),
	CL_COL_ID("created_by",           U, created_by,          CL_READONLY | CL_INSERT),
	CL_COL_ID("updated_by",           U, updated_by,          CL_READONLY | CL_INSERT),
	CL_COL_DATETIME("created_at",     U, created_at,          0),
	CL_COL_DATETIME("updated_at",     U, updated_at,          0),
	{ 0 }
};
#undef U

#define V struct bill_utility_detail
const struct cl_field bill_utility_detail_cols[] = {
	CL_COL_PK("id",                   V, id),
	CL_COL_ID("utility_master_id",    V, utility_master_id, CL_REQUIRED | CL_INSERT),
	CL_COL_ENUM("type",               V, type,              CL_REQUIRED | CL_INSERT, bill_utility_types),
	CL_COL_STR("name",                V, name,              CL_REQUIRED | CL_INSERT, 1, 200),
	CL_COL_STR("number",              V, number,            CL_REQUIRED | CL_INSERT, 1, 100),
	CL_COL_BOOL("is_active",          V, is_active,         CL_INSERT),
	CL_COL_ID("created_by",           V, created_by,        CL_READONLY | CL_HIDDEN | CL_INSERT),
	CL_COL_ID("updated_by",           V, updated_by,        CL_READONLY | CL_HIDDEN | CL_INSERT),
	CL_COL_DATETIME("created_at",     V, created_at,        0),
	CL_COL_DATETIME("updated_at",     V, updated_at,        0),
	{ 0 }
};
#undef V
/* clang-format on */

static const char *const utility_json_cols[] = { "details", "active_details",
	NULL };

static cJSON *
utility_render(const void *row)
{
	return bill_render_json_cols(bill_utility_cols, row, utility_json_cols);
}

static const struct cl_key_error utility_keys[] = {
	{ "billing_utility_info_name", "utility_name", NULL }, { 0 }
};

const struct cl_resource bill_utility_resource = {
	.noun = "utility information",
	.table = "billing_utility_info",
	.cols = bill_utility_cols,
	.size = sizeof(struct bill_utility),
	.sql = &bill_utility_sql,
	.keys = utility_keys,
	.render = utility_render,
};

static const struct cl_key_error utility_detail_keys[] = {
	{ "billing_utility_details_account", "number",
	    "This utility already has an account of this type and number." },
	{ "billing_utility_details_master", "utility_master_id", NULL }, { 0 }
};

const struct cl_resource bill_utility_detail_resource = {
	.noun = "utility detail",
	.table = "billing_utility_details",
	.cols = bill_utility_detail_cols,
	.size = sizeof(struct bill_utility_detail),
	.sql = &bill_utility_detail_sql,
	.keys = utility_detail_keys,
};

/* GET /utility/utility-info/ (API.md §6, customers:read). */
int
bill_utility_list(struct cl_req *r)
{
	return cl_resource_list(r, &bill_utility_resource);
}

/* GET /utility/utility-info/{id}/ (customers:read). */
int
bill_utility_show(struct cl_req *r)
{
	return cl_resource_show(r, &bill_utility_resource);
}

/* GET /utility/utility-details/ (customers:read). */
int
bill_utility_details_list(struct cl_req *r)
{
	return cl_resource_list(r, &bill_utility_detail_resource);
}

/* GET /utility/utility-details/{id}/ (customers:read). */
int
bill_utility_details_show(struct cl_req *r)
{
	return cl_resource_show(r, &bill_utility_detail_resource);
}
