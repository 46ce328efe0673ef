/* Customer masters: /customers/customers/ and /customers/customers/{id}/
 * (API.md §6), full CRUD, audited. The column table is the resource; the
 * SQL is in db.c. */
#include "config.h"

#include "modules/billing/internal.h"

#include <stddef.h>

#include "core/resource.h"
#include "core/banned.h"

const char *const bill_customer_types[] = { "bw", "channel_partner", "soho",
	NULL };
const char *const bill_customer_statuses[] = { "active", "inactive",
	"suspended", NULL };

/* clang-format off */
#define C struct bill_customer
const struct cl_field bill_customer_cols[] = {
	CL_COL_PK("id",                        C, id),
	CL_COL_STR("customer_name",            C, customer_name,          CL_REQUIRED | CL_WRITE, 1, 200),
	CL_COL_STR("company_name",             C, company_name,           CL_NULLABLE | CL_WRITE, 0, 200),
	CL_COL_EMAIL("email",                  C, email,                  CL_NULLABLE | CL_WRITE, 0, 254),
	CL_COL_STR("phone",                    C, phone,                  CL_NULLABLE | CL_WRITE, 0, 32),
	CL_COL_STR("address",                  C, address,                CL_NULLABLE | CL_WRITE, 0, 500),
	CL_COL_ENUM("customer_type",           C, customer_type,          CL_REQUIRED | CL_WRITE, bill_customer_types),
	CL_COL_ID("kam_id",                    C, kam_id,                 CL_NULLABLE | CL_WRITE),
	CL_COL_STR("customer_number",          C, customer_number,        CL_NULLABLE | CL_WRITE, 1, 50),
	CL_COL_STR("contact_person",           C, contact_person,         CL_NULLABLE | CL_WRITE, 0, 200),
	CL_COL_ENUM("status",                  C, status,                 CL_WRITE, bill_customer_statuses),
	CL_COL_BOOL("is_active",               C, is_active,              CL_WRITE),
	CL_COL_DATE("last_bill_invoice_date",  C, last_bill_invoice_date, CL_READONLY | CL_NULLABLE),
	CL_COL_TOTAL("total_billed",           C, total_billed, 0),
	CL_COL_TOTAL("total_paid",             C, total_paid, 0),
	CL_COL_TOTAL("total_due",              C, total_due, 0),
	CL_COL_INT("active_entitlements_count", C, active_entitlements_count, CL_READONLY, 0, 0),
	CL_COL_ID("created_by",                C, created_by,             CL_READONLY | CL_INSERT),
	CL_COL_ID("updated_by",                C, updated_by,             CL_READONLY | CL_WRITE),
	CL_COL_DATETIME("created_at",          C, created_at,             0),
	CL_COL_DATETIME("updated_at",          C, updated_at,             0),
	{ 0 }
};
#undef C
/* clang-format on */

static const struct bill_customer customer_defaults = {
	.status = "active",
	.is_active = true,
};

/* The schema's keys (sql/0020_billing_customers.sql) as field errors. */
static const struct cl_key_error customer_keys[] = {
	{ "billing_customers_number", "customer_number",
	    "customer with this customer number already exists." },
	{ "billing_customers_kam", "kam_id", NULL }, { 0 }
};

const struct cl_resource bill_customer_resource = {
	.noun = "customer",
	.table = "billing_customers",
	.cols = bill_customer_cols,
	.size = sizeof(struct bill_customer),
	.defaults = &customer_defaults,
	.sql = &bill_customer_sql,
	.keys = customer_keys,
};

/* GET /customers/customers/ (API.md §6, customers:read). */
int
bill_customers_list(struct cl_req *r)
{
	return cl_resource_list(r, &bill_customer_resource);
}

/* GET /customers/customers/{id}/ (API.md §6, customers:read). */
int
bill_customers_show(struct cl_req *r)
{
	return cl_resource_show(r, &bill_customer_resource);
}

/* POST /customers/customers/ (API.md §6, customers:update). */
int
bill_customers_create(struct cl_req *r)
{
	return cl_resource_create(r, &bill_customer_resource);
}

/* PUT, PATCH /customers/customers/{id}/ (API.md §6, customers:update). */
int
bill_customers_update(struct cl_req *r)
{
	return cl_resource_update(r, &bill_customer_resource);
}

/* DELETE /customers/customers/{id}/ (API.md §6, customers:update): 409
 * once invoices refer to the customer (their foreign key says so). */
int
bill_customers_delete(struct cl_req *r)
{
	return cl_resource_delete(r, &bill_customer_resource);
}
