/* Entitlements: /customers/entitlements/ CRUD, {id}/details/ (GET lists,
 * POST bulk-creates), and /customers/customers/{id}/entitlements/ (API.md
 * §6). The column table is the resource; the SQL is in db.c. The bulk
 * create is the one hand-written handler: it has real rules (the kind of
 * detail follows the customer's type, all rows or none). */
#include "config.h"

#include "modules/billing/internal.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/audit.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/listing.h"
#include "core/request.h"
#include "core/resource.h"
#include "core/response.h"
#include "core/banned.h"

/* clang-format off */
#define E struct bill_entitlement
const struct cl_field bill_entitlement_cols[] = {
	CL_COL_PK("id",                       E, id),
	CL_COL_ID("customer_master_id",       E, customer_master_id, CL_REQUIRED | CL_WRITE),
	CL_COL_STR("customer_name",           E, customer_name,      CL_READONLY, 0, 0),
	CL_COL_STR("bill_number",             E, bill_number,        CL_NULLABLE | CL_WRITE, 0, 50),
	CL_COL_DATE("activation_date",        E, activation_date,    CL_NULLABLE | CL_WRITE),
	CL_COL_STR("nttn_company",            E, nttn_company,       CL_NULLABLE | CL_WRITE, 0, 200),
	CL_COL_STR("nttn_capacity",           E, nttn_capacity,      CL_NULLABLE | CL_WRITE, 0, 100),
	CL_COL_MONEY("total_bill",            E, total_bill,         CL_WRITE, 0, 99999999999999),
	CL_COL_STR("type_of_bw",              E, type_of_bw,         CL_NULLABLE | CL_WRITE, 0, 100),
	CL_COL_STR("type_of_connection",      E, type_of_connection, CL_NULLABLE | CL_WRITE, 0, 100),
	CL_COL_STR("connected_pop",           E, connected_pop,      CL_NULLABLE | CL_WRITE, 0, 200),
	CL_COL_STR("remarks",                 E, remarks,            CL_NULLABLE | CL_WRITE, 0, 1000),
	CL_COL_ID("created_by",               E, created_by,         CL_READONLY | CL_INSERT),
	CL_COL_ID("updated_by",               E, updated_by,         CL_READONLY | CL_WRITE),
	CL_COL_DATETIME("created_at",         E, created_at,         0),
	CL_COL_DATETIME("updated_at",         E, updated_at,         0),
	{ 0 }
};
#undef E
/* clang-format on */

static const struct cl_key_error entitlement_keys[] = {
	{ "billing_entitlements_customer_fk", "customer_master_id", NULL },
	{ 0 }
};

const struct cl_resource bill_entitlement_resource = {
	.noun = "entitlement",
	.table = "billing_entitlements",
	.cols = bill_entitlement_cols,
	.size = sizeof(struct bill_entitlement),
	.sql = &bill_entitlement_sql,
	.keys = entitlement_keys,
};

/* GET /customers/entitlements/ (API.md §6, customers:read). */
int
bill_entitlements_list(struct cl_req *r)
{
	return cl_resource_list(r, &bill_entitlement_resource);
}

/* GET /customers/entitlements/{id}/ (customers:read). */
int
bill_entitlements_show(struct cl_req *r)
{
	return cl_resource_show(r, &bill_entitlement_resource);
}

/* POST /customers/entitlements/ (customers:update). */
int
bill_entitlements_create(struct cl_req *r)
{
	return cl_resource_create(r, &bill_entitlement_resource);
}

/* PUT, PATCH /customers/entitlements/{id}/ (customers:update). */
int
bill_entitlements_update(struct cl_req *r)
{
	return cl_resource_update(r, &bill_entitlement_resource);
}

/* DELETE /customers/entitlements/{id}/ (customers:update): its details
 * go with it; 409 once invoices refer to it (their foreign key, part 3). */
int
bill_entitlements_delete(struct cl_req *r)
{
	return cl_resource_delete(r, &bill_entitlement_resource);
}

/* GET /customers/customers/{id}/entitlements/ (customers:read). */
int
bill_customers_entitlements(struct cl_req *r)
{
	return bill_sublist(r, &bill_customer_resource,
	    &bill_entitlement_resource, "e.customer_master_id = ?");
}

/* GET /customers/entitlements/{id}/details/ (customers:read). */
int
bill_entitlements_details(struct cl_req *r)
{
	return bill_sublist(r, &bill_entitlement_resource,
	    &bill_detail_resource, "d.cust_entitlement_id = ?");
}

/* The rows of a bulk create: a bandwidth row names its bandwidth_type, a
 * channel partner row its share; the rest as a single detail. */
/* clang-format off */
#define D struct bill_entitlement_detail
static const struct cl_field bandwidth_row[] = {
	CL_COL_ENUM("bandwidth_type",   D, bandwidth_type, CL_REQUIRED, bill_bandwidth_types),
	CL_COL_INT("mbps",              D, mbps,           CL_REQUIRED, 0, 100000000),
	CL_COL_MONEY("unit_price",      D, unit_price,     CL_REQUIRED, 0, 99999999999999),
	CL_COL_DATE("start_date",       D, start_date,     CL_REQUIRED),
	CL_COL_DATE("end_date",         D, end_date,       CL_REQUIRED),
	CL_COL_BOOL("is_active",        D, is_active,      0),
	CL_COL_ENUM("status",           D, status,         0, bill_detail_statuses),
	CL_COL_STR("remarks",           D, remarks,        CL_NULLABLE, 0, 1000),
	{ 0 }
};
static const struct cl_field channel_partner_row[] = {
	CL_COL_INT("mbps",              D, mbps,           CL_REQUIRED, 0, 100000000),
	CL_COL_MONEY("unit_price",      D, unit_price,     CL_REQUIRED, 0, 99999999999999),
	CL_COL_RATE("custom_mac_percentage_share", D, custom_mac_percentage_share, CL_REQUIRED, 0, 10000),
	CL_COL_DATE("start_date",       D, start_date,     CL_REQUIRED),
	CL_COL_DATE("end_date",         D, end_date,       CL_REQUIRED),
	CL_COL_BOOL("is_active",        D, is_active,      0),
	CL_COL_ENUM("status",           D, status,         0, bill_detail_statuses),
	CL_COL_STR("remarks",           D, remarks,        CL_NULLABLE, 0, 1000),
	{ 0 }
};
#undef D
/* clang-format on */

/* Problems of one row (field -> [problem]) as "<list>[i].<field>". */
static void
row_problems(struct cl_req *r, const char *list, size_t i, const cJSON *errs)
{
	const cJSON *field, *p;

	cJSON_ArrayForEach(field, errs)
	{
		const char *name = cl_arena_printf(
		    r->arena, "%s[%zu].%s", list, i, field->string);

		cJSON_ArrayForEach(p, field)
		    cl_fail_field(r, name, p->valuestring);
	}
}

/* POST /customers/entitlements/{id}/details/ (customers:update, CL_TX):
 * {"bandwidth_details": [...]} for a bw customer or
 * {"channel_partner_details": [...]} for a channel partner, 1 to
 * BILL_BULK_MAX rows, each checked like a single detail. Any problem: 400
 * naming each bad row's field ("bandwidth_details[3].mbps"), nothing
 * written (the route's transaction rolls back). Else 201 with the rows. */
int
bill_entitlements_details_create(struct cl_req *r)
{
	const char *kinds[] = { "bandwidth_details",
		"channel_partner_details" };
	const char *ctype, *list;
	const cJSON *items, *item, *given_id;
	struct cl_rows rows;
	struct bill_entitlement_detail *made;
	cJSON *out;
	int64_t id;
	size_t i, n;
	int rc;
	bool bw;

	if ((rc = cl_param_id_or_reply(r, "id", &id)) != 0)
		return rc;
	rc = cl_db_query_row(r->db, r->arena, &bill_customer_type_sql,
	    (struct cl_bind[]){ CL_BIND_INT(id) }, 1, &rows);
	if (rc != CL_OK)
		return cl_resource_fail(
		    r, &bill_entitlement_resource, rc, NULL);
	ctype = cl_rows_str(&rows, 0, 0);
	given_id =
	    cJSON_GetObjectItemCaseSensitive(r->json, "entitlement_master_id");
	if (given_id &&
	    !(cJSON_IsNumber(given_id) &&
	        given_id->valuedouble == (double)id)) {
		cl_fail_field(r, "entitlement_master_id",
		    "Does not match the entitlement in the path.");
		return cl_fail_validation(r);
	}
	if (cJSON_GetObjectItemCaseSensitive(r->json, kinds[0]) &&
	    cJSON_GetObjectItemCaseSensitive(r->json, kinds[1])) {
		cl_fail_field(r, "non_field_errors",
		    "Give bandwidth_details or channel_partner_details, not "
		    "both.");
		return cl_fail_validation(r);
	}
	bw = cJSON_GetObjectItemCaseSensitive(r->json, kinds[1]) == NULL;
	list = kinds[bw ? 0 : 1];
	if (strcmp(ctype, bw ? "bw" : "channel_partner") != 0) {
		cl_fail_field(r, list,
		    cl_arena_printf(r->arena,
		        "Not for this entitlement: its customer is of type "
		        "\"%s\" (bandwidth_details are for bw customers, "
		        "channel_partner_details for channel_partner).",
		        ctype));
		return cl_fail_validation(r);
	}
	items = cJSON_GetObjectItemCaseSensitive(r->json, list);
	if (items == NULL) {
		cl_fail_field(r, list, "This field is required.");
		return cl_fail_validation(r);
	}
	if (!cJSON_IsArray(items)) {
		cl_fail_field(r, list, "Expected a list of items.");
		return cl_fail_validation(r);
	}
	n = (size_t)cJSON_GetArraySize(items);
	if (n == 0) {
		cl_fail_field(r, list, "This list may not be empty.");
		return cl_fail_validation(r);
	}
	if (n > BILL_BULK_MAX) {
		cl_fail_field(r, list,
		    cl_arena_printf(r->arena,
		        "Ensure this field has no more than %d elements.",
		        BILL_BULK_MAX));
		return cl_fail_validation(r);
	}
	made = cl_arena_alloc(r->arena, n * sizeof *made);
	memset(made, 0, n * sizeof *made);
	i = 0;
	cJSON_ArrayForEach(item, items)
	{
		struct bill_entitlement_detail *d = &made[i];
		cJSON *errs = cJSON_CreateObject();

		if (errs == NULL)
			abort();
		d->is_active = true;
		d->status = "active";
		if (!cJSON_IsObject(item)) {
			cl_fail_field(r,
			    cl_arena_printf(r->arena, "%s[%zu]", list, i),
			    "Expected a dictionary of items.");
		} else {
			if (cl_fields_read(r->arena,
			        bw ? bandwidth_row : channel_partner_row, item,
			        d, CL_FIELDS_FULL, NULL, errs) != CL_OK)
				row_problems(r, list, i, errs);
			if (d->start_date && d->end_date &&
			    strcmp(d->end_date, d->start_date) < 0)
				cl_fail_field(r,
				    cl_arena_printf(
				        r->arena, "%s[%zu].end_date", list, i),
				    "end_date must not be before start_date.");
		}
		cJSON_Delete(errs);
		d->cust_entitlement_id = id;
		d->type = ctype;
		d->created_by = d->updated_by = r->caller.user_id;
		i++;
	}
	if (cl_has_field_errors(r))
		return cl_fail_validation(r);
	out = cJSON_CreateArray();
	if (out == NULL)
		abort();
	for (i = 0; i < n; i++) {
		struct bill_entitlement_detail stored;
		cJSON *after;

		rc = cl_record_insert(
		    r->db, r->arena, &bill_detail_resource, &made[i]);
		if (rc == CL_OK)
			rc = cl_record_get(r->db, r->arena,
			    &bill_detail_resource, made[i].id, false, &stored);
		if (rc != CL_OK) {
			cJSON_Delete(out);
			return cl_resource_fail(
			    r, &bill_detail_resource, rc, &made[i]);
		}
		after = cl_cols_render(bill_detail_cols, &stored);
		rc = cl_audit_record(r->db, r->caller.user_id,
		    bill_detail_resource.table, stored.id, CL_AUDIT_CREATE,
		    NULL, after);
		if (!cJSON_AddItemToArray(out, after))
			abort();
		if (rc != CL_OK) {
			cJSON_Delete(out);
			return cl_fail_db(r, rc);
		}
	}
	return cl_reply_json(r, 201, out);
}
