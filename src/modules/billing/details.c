/* Entitlement details: /customers/entitlement-details/ CRUD,
 * bandwidth_types/?customer_id= and history/?customer_id&start_date&
 * end_date (API.md §6). A detail's type is its customer's (set by the
 * server); bandwidth_type belongs to bw details only. */
#include "config.h"

#include "modules/billing/internal.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/listing.h"
#include "core/query.h"
#include "core/request.h"
#include "core/resource.h"
#include "core/response.h"
#include "core/banned.h"

const char *const bill_bandwidth_types[] = { "ipt", "gcc", "cdn", "nix",
	"baishan", "other", NULL };
const char *const bill_detail_statuses[] = { "active", "inactive", "expired",
	NULL };

/* clang-format off */
#define D struct bill_entitlement_detail
const struct cl_field bill_detail_cols[] = {
	CL_COL_PK("id",                       D, id),
	CL_COL_ID("cust_entitlement_id",      D, cust_entitlement_id, CL_REQUIRED | CL_WRITE),
	CL_COL_ENUM("type",                   D, type,               CL_READONLY | CL_WRITE, bill_customer_types),
	CL_COL_ENUM("bandwidth_type",         D, bandwidth_type,     CL_NULLABLE | CL_WRITE, bill_bandwidth_types),
	CL_COL_INT("mbps",                    D, mbps,               CL_REQUIRED | CL_WRITE, 0, 100000000),
	CL_COL_MONEY("unit_price",            D, unit_price,         CL_REQUIRED | CL_WRITE, 0, 99999999999999),
	CL_COL_RATE("custom_mac_percentage_share", D, custom_mac_percentage_share, CL_WRITE, 0, 10000),
	CL_COL_DATE("start_date",             D, start_date,         CL_REQUIRED | CL_WRITE),
	CL_COL_DATE("end_date",               D, end_date,           CL_REQUIRED | CL_WRITE),
	CL_COL_BOOL("is_active",              D, is_active,          CL_WRITE),
	CL_COL_ENUM("status",                 D, status,             CL_WRITE, bill_detail_statuses),
	CL_COL_STR("remarks",                 D, remarks,            CL_NULLABLE | CL_WRITE, 0, 1000),
	CL_COL_ID("created_by",               D, created_by,         CL_READONLY | CL_INSERT),
	CL_COL_ID("updated_by",               D, updated_by,         CL_READONLY | CL_WRITE),
	CL_COL_DATETIME("created_at",         D, created_at,         0),
	CL_COL_DATETIME("updated_at",         D, updated_at,         0),
	{ 0 }
};
#undef D
/* clang-format on */

static const struct bill_entitlement_detail detail_defaults = {
	.is_active = true,
	.status = "active",
};

/* type from the entitlement's customer; the dates in order; a
 * bandwidth_type exactly for bw details, a share only for channel
 * partners. */
static int
detail_check(struct cl_req *r, void *row, const void *before)
{
	struct bill_entitlement_detail *d = row;
	struct cl_rows rows;
	int rc;

	(void)before;
	rc = cl_db_query_row(r->db, r->arena, &bill_customer_type_sql,
	    (struct cl_bind[]){ CL_BIND_INT(d->cust_entitlement_id) }, 1,
	    &rows);
	if (rc == CL_ENOTFOUND) {
		cl_fail_field(r, "cust_entitlement_id",
		    cl_arena_printf(r->arena,
		        "Invalid pk \"%lld\" - object does not exist.",
		        (long long)d->cust_entitlement_id));
		return cl_fail_validation(r);
	}
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	d->type = cl_rows_str(&rows, 0, 0);
	if (strcmp(d->end_date, d->start_date) < 0)
		cl_fail_field(
		    r, "end_date", "end_date must not be before start_date.");
	if (strcmp(d->type, "bw") == 0 && d->bandwidth_type == NULL)
		cl_fail_field(r, "bandwidth_type",
		    "This field is required for a bw customer's details.");
	if (strcmp(d->type, "bw") != 0 && d->bandwidth_type != NULL)
		cl_fail_field(r, "bandwidth_type",
		    "Only a bw customer's details have a bandwidth_type.");
	if (strcmp(d->type, "channel_partner") != 0 &&
	    d->custom_mac_percentage_share != 0)
		cl_fail_field(r, "custom_mac_percentage_share",
		    "Only a channel partner's details have a share.");
	return cl_has_field_errors(r) ? cl_fail_validation(r) : 0;
}

static const struct cl_key_error detail_keys[] = {
	{ "billing_entitlement_details_entitlement", "cust_entitlement_id",
	    NULL },
	{ 0 }
};

const struct cl_resource bill_detail_resource = {
	.noun = "entitlement detail",
	.table = "billing_entitlement_details",
	.cols = bill_detail_cols,
	.size = sizeof(struct bill_entitlement_detail),
	.defaults = &detail_defaults,
	.sql = &bill_detail_sql,
	.keys = detail_keys,
	.check = detail_check,
};

/* GET /customers/entitlement-details/ (API.md §6, customers:read). */
int
bill_details_list(struct cl_req *r)
{
	return cl_resource_list(r, &bill_detail_resource);
}

/* GET /customers/entitlement-details/{id}/ (customers:read). */
int
bill_details_show(struct cl_req *r)
{
	return cl_resource_show(r, &bill_detail_resource);
}

/* POST /customers/entitlement-details/ (customers:update). */
int
bill_details_create(struct cl_req *r)
{
	return cl_resource_create(r, &bill_detail_resource);
}

/* PUT, PATCH /customers/entitlement-details/{id}/ (customers:update). */
int
bill_details_update(struct cl_req *r)
{
	return cl_resource_update(r, &bill_detail_resource);
}

/* DELETE /customers/entitlement-details/{id}/ (customers:update). */
int
bill_details_delete(struct cl_req *r)
{
	return cl_resource_delete(r, &bill_detail_resource);
}

/* ?customer_id= as a positive id of an existing customer, else a 400
 * recorded on it. Returns 0 or the status. */
static int
customer_param(struct cl_req *r, int64_t *id)
{
	const char *v = cl_req_query(r, "customer_id");
	int rc;

	if (v == NULL) {
		cl_fail_field(r, "customer_id", "This field is required.");
		return cl_fail_validation(r);
	}
	if (cl_parse_int(v, id) != CL_OK || *id < 1) {
		cl_fail_field(r, "customer_id", "A valid integer is required.");
		return cl_fail_validation(r);
	}
	rc = cl_record_get(r->db, r->arena, &bill_customer_resource, *id, false,
	    cl_arena_alloc(r->arena, sizeof(struct bill_customer)));
	if (rc == CL_ENOTFOUND) {
		cl_fail_field(r, "customer_id",
		    "Select a valid choice. That choice is not one of the "
		    "available choices.");
		return cl_fail_validation(r);
	}
	return rc == CL_OK ? 0 : cl_fail_db(r, rc);
}

/* GET /customers/entitlement-details/bandwidth_types/?customer_id=
 * (customers:read): the customer's active details (is_active, today
 * within their dates) by bandwidth_type, all six keys always present. */
int
bill_details_bandwidth_types(struct cl_req *r)
{
	struct bill_entitlement_detail *rows;
	struct cl_rows res;
	cJSON *out, *groups[6];
	int64_t id;
	size_t i, k;
	int rc;

	if ((rc = customer_param(r, &id)) != 0)
		return rc;
	rc = cl_db_query(r->db, r->arena, &bill_detail_active_by_customer_sql,
	    (struct cl_bind[]){ CL_BIND_INT(id) }, 1, &res);
	if (rc == CL_OK)
		rc = cl_cols_read_all(r->arena, bill_detail_cols, &res,
		    sizeof *rows, (void **)&rows);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if ((out = cJSON_CreateObject()) == NULL)
		abort();
	for (k = 0; k < 6; k++)
		if ((groups[k] = cJSON_AddArrayToObject(
		         out, bill_bandwidth_types[k])) == NULL)
			abort();
	for (i = 0; i < res.nrows; i++) {
		if (rows[i].bandwidth_type == NULL)
			continue;
		for (k = 0; k < 6; k++)
			if (strcmp(rows[i].bandwidth_type,
			        bill_bandwidth_types[k]) == 0)
				break;
		if (k < 6 &&
		    !cJSON_AddItemToArray(
		        groups[k], cl_cols_render(bill_detail_cols, &rows[i])))
			abort();
	}
	return cl_reply_json(r, 200, out);
}

/* GET /customers/entitlement-details/history/?customer_id&start_date&
 * end_date (customers:read): the customer's details whose period
 * overlaps the range, by start_date; all three are required. */
int
bill_details_history(struct cl_req *r)
{
	static const char *const need[] = { "customer_id", "start_date",
		"end_date" };
	struct cl_list_query q;
	void *rows;
	size_t i, n;
	int rc;

	for (i = 0; i < 3; i++)
		if (cl_req_query(r, need[i]) == NULL)
			cl_fail_field(r, need[i], "This field is required.");
	if (cl_has_field_errors(r))
		return cl_fail_validation(r);
	if ((rc = cl_list_or_reply(r, &bill_detail_history_list, &q)) != 0)
		return rc;
	if (strcmp(cl_req_query(r, "end_date"), cl_req_query(r, "start_date")) <
	    0) {
		cl_fail_field(
		    r, "end_date", "end_date must not be before start_date.");
		return cl_fail_validation(r);
	}
	rc = cl_list_fetch(r->db, r->arena, &q, bill_detail_cols,
	    sizeof(struct bill_entitlement_detail), &rows, &n);
	if (rc == CL_EFOREIGN) {
		cl_fail_field(r, q.bad_param,
		    "Select a valid choice. That choice is not one of the "
		    "available choices.");
		return cl_fail_validation(r);
	}
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_list_reply(r, &q,
	    cl_cols_render_all(bill_detail_cols, rows, n,
	        sizeof(struct bill_entitlement_detail)));
}
