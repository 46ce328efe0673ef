/* Packages and their pricings: /packages/packages/ (GET, POST, PATCH),
 * {id}/pricings/, and /packages/package-pricings/ CRUD (API.md §6). A
 * package row carries active_pricing, pricings and pricings_count from
 * its SELECT (db.c). Two is_active pricings of one package never overlap
 * in time: the check locks the package row first, so two such writes at
 * once queue and the second sees the first. */
#include "config.h"

#include "modules/billing/internal.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/request.h"
#include "core/resource.h"
#include "core/response.h"
#include "core/banned.h"

/* clang-format off */
#define P struct bill_package
const struct cl_field bill_package_cols[] = {
	CL_COL_PK("id",                   P, id),
	CL_COL_STR("package_name",        P, package_name,        CL_REQUIRED | CL_WRITE, 1, 200),
	CL_COL_ENUM("package_type",       P, package_type,        CL_REQUIRED | CL_WRITE, bill_customer_types),
	CL_COL_STR("description",         P, description,         CL_NULLABLE | CL_WRITE, 0, 1000),
	CL_COL_BOOL("is_active",          P, is_active,           CL_WRITE),
	CL_COL_STR("active_pricing",      P, active_pricing_json, CL_READONLY | CL_HIDDEN | CL_NULLABLE, 0, 0),
	CL_COL_STR("pricings",            P, pricings_json,       CL_READONLY | CL_HIDDEN, 0, 0),
	CL_COL_INT("pricings_count",      P, pricings_count,      CL_READONLY, 0, 0),
	CL_COL_ID("created_by",           P, created_by,          CL_READONLY | CL_INSERT),
	CL_COL_ID("updated_by",           P, updated_by,          CL_READONLY | CL_WRITE),
	CL_COL_DATETIME("created_at",     P, created_at,          0),
	CL_COL_DATETIME("updated_at",     P, updated_at,          0),
	{ 0 }
};
#undef P

#define R struct bill_pricing
const struct cl_field bill_pricing_cols[] = {
	CL_COL_PK("id",                   R, id),
	CL_COL_ID("package_master_id",    R, package_master_id, CL_REQUIRED | CL_WRITE),
	CL_COL_MONEY("rate",              R, rate,              CL_REQUIRED | CL_WRITE, 0, 99999999999999),
	CL_COL_STR("description",         R, description,       CL_NULLABLE | CL_WRITE, 0, 1000),
	CL_COL_BOOL("is_active",          R, is_active,         CL_WRITE),
	CL_COL_DATE("val_start_at",       R, val_start_at,      CL_REQUIRED | CL_WRITE),
	CL_COL_DATE("val_end_at",         R, val_end_at,        CL_REQUIRED | CL_WRITE),
	CL_COL_ID("created_by",           R, created_by,        CL_READONLY | CL_INSERT),
	CL_COL_ID("updated_by",           R, updated_by,        CL_READONLY | CL_WRITE),
	CL_COL_DATETIME("created_at",     R, created_at,        0),
	CL_COL_DATETIME("updated_at",     R, updated_at,        0),
	{ 0 }
};
#undef R
/* clang-format on */

static const char *const package_json_cols[] = { "active_pricing", "pricings",
	NULL };

static cJSON *
package_render(const void *row)
{
	return bill_render_json_cols(bill_package_cols, row, package_json_cols);
}

static const struct bill_package package_defaults = { .is_active = true };

const struct cl_resource bill_package_resource = {
	.noun = "package",
	.table = "billing_packages",
	.cols = bill_package_cols,
	.size = sizeof(struct bill_package),
	.defaults = &package_defaults,
	.sql = &bill_package_sql,
	.render = package_render,
};

/* The dates in order; for an is_active pricing, no other is_active
 * pricing of its package overlapping it, checked under the package's row
 * lock (taken before the check, held to the commit). */
static int
pricing_check(struct cl_req *r, void *row, const void *before)
{
	struct bill_pricing *p = row;
	struct cl_rows rows;
	int rc;

	(void)before;
	if (strcmp(p->val_end_at, p->val_start_at) < 0) {
		cl_fail_field(r, "val_end_at",
		    "val_end_at must not be before val_start_at.");
		return cl_fail_validation(r);
	}
	rc = cl_db_query_row(r->db, r->arena, &bill_package_lock_sql,
	    (struct cl_bind[]){ CL_BIND_INT(p->package_master_id) }, 1, &rows);
	if (rc == CL_ENOTFOUND) {
		cl_fail_field(r, "package_master_id",
		    cl_arena_printf(r->arena,
		        "Invalid pk \"%lld\" - object does not exist.",
		        (long long)p->package_master_id));
		return cl_fail_validation(r);
	}
	if (rc != CL_OK)
		return cl_resource_fail(r, &bill_pricing_resource, rc, NULL);
	if (!p->is_active)
		return 0;
	rc = cl_db_query_row(r->db, r->arena, &bill_pricing_overlap_sql,
	    (struct cl_bind[]){ CL_BIND_INT(p->package_master_id),
	        CL_BIND_STR(p->val_end_at), CL_BIND_STR(p->val_start_at),
	        CL_BIND_INT(p->id) },
	    4, &rows);
	if (rc == CL_ENOTFOUND)
		return 0;
	if (rc != CL_OK)
		return cl_resource_fail(r, &bill_pricing_resource, rc, NULL);
	cl_fail_field(r, "non_field_errors",
	    cl_arena_printf(r->arena,
	        "This package already has an active pricing (id %s) "
	        "overlapping val_start_at..val_end_at.",
	        cl_rows_str(&rows, 0, 0)));
	return cl_fail_validation(r);
}

static const struct bill_pricing pricing_defaults = { .is_active = true };

static const struct cl_key_error pricing_keys[] = {
	{ "billing_package_pricings_package_fk", "package_master_id", NULL },
	{ 0 }
};

const struct cl_resource bill_pricing_resource = {
	.noun = "package pricing",
	.table = "billing_package_pricings",
	.cols = bill_pricing_cols,
	.size = sizeof(struct bill_pricing),
	.defaults = &pricing_defaults,
	.sql = &bill_pricing_sql,
	.keys = pricing_keys,
	.check = pricing_check,
};

/* GET /packages/packages/ (API.md §6, customers:read). */
int
bill_packages_list(struct cl_req *r)
{
	return cl_resource_list(r, &bill_package_resource);
}

/* GET /packages/packages/{id}/ (customers:read). */
int
bill_packages_show(struct cl_req *r)
{
	return cl_resource_show(r, &bill_package_resource);
}

/* POST /packages/packages/ (customers:update). */
int
bill_packages_create(struct cl_req *r)
{
	return cl_resource_create(r, &bill_package_resource);
}

/* PATCH /packages/packages/{id}/ (customers:update; PUT, DELETE: 405). */
int
bill_packages_update(struct cl_req *r)
{
	return cl_resource_update(r, &bill_package_resource);
}

/* GET /packages/packages/{id}/pricings/ (customers:read). */
int
bill_packages_pricings(struct cl_req *r)
{
	return bill_sublist(r, &bill_package_resource, &bill_pricing_resource,
	    "p.package_master_id = ?");
}

/* GET /packages/package-pricings/ (customers:read). */
int
bill_pricings_list(struct cl_req *r)
{
	return cl_resource_list(r, &bill_pricing_resource);
}

/* GET /packages/package-pricings/{id}/ (customers:read). */
int
bill_pricings_show(struct cl_req *r)
{
	return cl_resource_show(r, &bill_pricing_resource);
}

/* POST /packages/package-pricings/ (customers:update). */
int
bill_pricings_create(struct cl_req *r)
{
	return cl_resource_create(r, &bill_pricing_resource);
}

/* PUT, PATCH /packages/package-pricings/{id}/ (customers:update). */
int
bill_pricings_update(struct cl_req *r)
{
	return cl_resource_update(r, &bill_pricing_resource);
}

/* DELETE /packages/package-pricings/{id}/ (customers:update). */
int
bill_pricings_delete(struct cl_req *r)
{
	return cl_resource_delete(r, &bill_pricing_resource);
}
