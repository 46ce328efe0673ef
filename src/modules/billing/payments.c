/* Payments and their details: /payments/payments/ CRUD and
 * /payments/payment-details/ CRUD (API.md §6). A payment names one
 * invoice (never another later); a completed detail adds its pay_amount
 * to that invoice. Every write first locks the invoice, then the rows it
 * touches, so all writes of one invoice's money queue in one order (no
 * deadlock between them) and the recomputation after each sees every
 * committed detail (invoices.c, bill_invoice_recompute_or_reply). SQL in
 * db.c. */
#include "config.h"

#include "modules/billing/internal.h"

#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/money.h"
#include "core/request.h"
#include "core/resource.h"
#include "core/response.h"
#include "core/banned.h"

const char *const bill_payment_statuses[] = { "pending", "completed", "failed",
	"cancelled", NULL };

/* clang-format off */
#define P struct bill_payment
const struct cl_field bill_payment_cols[] = {
	CL_COL_PK("id",                              P, id),
	CL_COL_DATE("payment_date",                  P, payment_date,       CL_REQUIRED | CL_WRITE),
	CL_COL_STR("payment_method",                 P, payment_method,     CL_REQUIRED | CL_WRITE, 1, 50),
	CL_COL_ID("customer_entitlement_master_id",  P, customer_entitlement_master_id, CL_NULLABLE | CL_WRITE),
	CL_COL_ID("invoice_master_id",               P, invoice_master_id,  CL_REQUIRED | CL_INSERT),
	CL_COL_ID("customer_master_id",              P, customer_master_id, CL_READONLY | CL_INSERT),
	CL_COL_ENUM("status",                        P, status,             CL_WRITE, bill_payment_statuses),
	CL_COL_MONEY("total_amount",                 P, total_amount,       CL_READONLY, 0, 0),
	CL_COL_STR("remarks",                        P, remarks,            CL_NULLABLE | CL_WRITE, 0, 1000),
	CL_COL_ID("created_by",                      P, created_by,         CL_READONLY | CL_INSERT),
	CL_COL_ID("updated_by",                      P, updated_by,         CL_READONLY | CL_WRITE),
	CL_COL_DATETIME("created_at",                P, created_at,         0),
	CL_COL_DATETIME("updated_at",                P, updated_at,         0),
	{ 0 }
};
#undef P

#define D struct bill_payment_detail
const struct cl_field bill_payment_detail_cols[] = {
	CL_COL_PK("id",                   D, id),
	CL_COL_ID("payment_master_id",    D, payment_master_id, CL_REQUIRED | CL_INSERT),
	CL_COL_ID("invoice_master_id",    D, invoice_master_id, CL_READONLY),
	CL_COL_MONEY("pay_amount",        D, pay_amount,        CL_REQUIRED | CL_WRITE, 1, CL_MONEY_MAX),
	CL_COL_STR("transaction_id",      D, transaction_id,    CL_NULLABLE | CL_WRITE, 0, 100),
	CL_COL_ENUM("status",             D, status,            CL_WRITE, bill_payment_statuses),
	CL_COL_STR("remarks",             D, remarks,           CL_NULLABLE | CL_WRITE, 0, 1000),
	CL_COL_ID("created_by",           D, created_by,        CL_READONLY | CL_INSERT),
	CL_COL_ID("updated_by",           D, updated_by,        CL_READONLY | CL_WRITE),
	CL_COL_DATETIME("created_at",     D, created_at,        0),
	CL_COL_DATETIME("updated_at",     D, updated_at,        0),
	{ 0 }
};
#undef D
/* clang-format on */

/* The payment's invoice locked; it stays the payment's; a draft takes no
 * payment (409); a named entitlement must be the invoice's. */
static int
payment_check(struct cl_req *r, void *row, const void *before)
{
	struct bill_payment *p = row;
	const struct bill_payment *old = before;
	struct cl_rows rows;
	int rc;

	if ((rc = bill_parent_or_reply(r, &bill_invoice_lock_sql,
	    "invoice_master_id", p->invoice_master_id,
	    old ? &old->invoice_master_id : NULL,
	    "A payment cannot move to another invoice.", &rows)) != 0)
		return rc;
	if (p->customer_entitlement_master_id != 0 &&
	    p->customer_entitlement_master_id != cl_rows_int(&rows, 0, 1)) {
		cl_fail_field(r, "customer_entitlement_master_id",
		    "The invoice is not of this entitlement.");
		return cl_fail_validation(r);
	}
	p->customer_master_id = cl_rows_int(&rows, 0, 2);
	if (old == NULL && strcmp(cl_rows_str(&rows, 0, 0), "draft") == 0)
		return cl_fail(r, 409, "invoice_draft",
		    "A draft invoice takes no payments; issue it first "
		    "(status unpaid).");
	return 0;
}

/* Deleting a payment deletes its details (their foreign key cascades):
 * the invoice is recomputed without them. */
static int
payment_after(struct cl_req *r, const void *row, const void *before)
{
	const struct bill_payment *p = before;

	if (row != NULL)
		return 0;
	return bill_invoice_recompute_or_reply(
	    r, p->invoice_master_id, "non_field_errors");
}

/* Its details go with it (their foreign key cascades): audited here. */
static int
payment_check_delete(struct cl_req *r, const void *row)
{
	return bill_audit_cascade_or_reply(r, &bill_pdetails_of_payment_sql,
	    ((const struct bill_payment *)row)->id,
	    &bill_payment_detail_resource);
}

static const struct bill_payment payment_defaults = { .status = "completed" };

static const struct cl_key_error payment_keys[] = {
	{ "billing_payments_invoice_fk", "invoice_master_id", NULL },
	{ "billing_payments_entitlement_fk", "customer_entitlement_master_id",
	    NULL },
	{ 0 }
};

const struct cl_resource bill_payment_resource = {
	.noun = "payment",
	.table = "billing_payments",
	.cols = bill_payment_cols,
	.size = sizeof(struct bill_payment),
	.defaults = &payment_defaults,
	.sql = &bill_payment_sql,
	.keys = payment_keys,
	.check = payment_check,
	.check_delete = payment_check_delete,
	.after = payment_after,
};

/* The detail's payment and its invoice (locked); it stays the
 * payment's; a completed detail on a draft: 409. */
static int
pdetail_check(struct cl_req *r, void *row, const void *before)
{
	struct bill_payment_detail *d = row;
	const struct bill_payment_detail *old = before;
	struct cl_rows rows;
	int rc;

	if ((rc = bill_parent_or_reply(r, &bill_payment_invoice_sql,
	    "payment_master_id", d->payment_master_id,
	    old ? &old->payment_master_id : NULL,
	    "A payment detail cannot move to another payment.", &rows)) != 0)
		return rc;
	d->invoice_master_id = cl_rows_int(&rows, 0, 0);
	rc = cl_db_query_row(r->db, r->arena, &bill_invoice_lock_sql,
	    (struct cl_bind[]){ CL_BIND_INT(d->invoice_master_id) }, 1, &rows);
	if (rc != CL_OK)
		return cl_fail_db(r, rc == CL_ENOTFOUND ? CL_EDB : rc);
	if (strcmp(d->status, "completed") == 0 &&
	    strcmp(cl_rows_str(&rows, 0, 0), "draft") == 0)
		return cl_fail(r, 409, "invoice_draft",
		    "A draft invoice takes no payments; issue it first "
		    "(status unpaid).");
	return 0;
}

static int
pdetail_after(struct cl_req *r, const void *row, const void *before)
{
	const struct bill_payment_detail *d = row ? row : before;

	return bill_invoice_recompute_or_reply(
	    r, d->invoice_master_id, row ? "pay_amount" : "non_field_errors");
}

static const struct bill_payment_detail pdetail_defaults = {
	.status = "completed",
};

static const struct cl_key_error pdetail_keys[] = {
	{ "billing_payment_details_payment_fk", "payment_master_id", NULL },
	{ 0 }
};

const struct cl_resource bill_payment_detail_resource = {
	.noun = "payment detail",
	.table = "billing_payment_details",
	.cols = bill_payment_detail_cols,
	.size = sizeof(struct bill_payment_detail),
	.defaults = &pdetail_defaults,
	.sql = &bill_payment_detail_sql,
	.keys = pdetail_keys,
	.check = pdetail_check,
	.after = pdetail_after,
};

/* GET /payments/payments/ (API.md §6, bills:read). */
int
bill_payments_list(struct cl_req *r)
{
	return cl_resource_list(r, &bill_payment_resource);
}

/* GET /payments/payments/{id}/ (bills:read). */
int
bill_payments_show(struct cl_req *r)
{
	return cl_resource_show(r, &bill_payment_resource);
}

/* POST /payments/payments/ (bills:create, Idempotency-Key). */
int
bill_payments_create(struct cl_req *r)
{
	return cl_resource_create(r, &bill_payment_resource);
}

/* PUT, PATCH /payments/payments/{id}/ (bills:update): the invoice's
 * lock first (see the file's head). */
int
bill_payments_update(struct cl_req *r)
{
	int rc = bill_lock_invoice_of_or_reply(
	    r, &bill_payment_invoice_sql, &bill_payment_resource);

	return rc ? rc : cl_resource_update(r, &bill_payment_resource);
}

/* DELETE /payments/payments/{id}/ (bills:update): with its details. */
int
bill_payments_delete(struct cl_req *r)
{
	int rc = bill_lock_invoice_of_or_reply(
	    r, &bill_payment_invoice_sql, &bill_payment_resource);

	return rc ? rc : cl_resource_delete(r, &bill_payment_resource);
}

/* GET /payments/payment-details/ (bills:read). */
int
bill_pdetails_list(struct cl_req *r)
{
	return cl_resource_list(r, &bill_payment_detail_resource);
}

/* GET /payments/payment-details/{id}/ (bills:read). */
int
bill_pdetails_show(struct cl_req *r)
{
	return cl_resource_show(r, &bill_payment_detail_resource);
}

/* POST /payments/payment-details/ (bills:create, Idempotency-Key): 400
 * when it would overpay the invoice, 409 when the invoice is a draft. */
int
bill_pdetails_create(struct cl_req *r)
{
	return cl_resource_create(r, &bill_payment_detail_resource);
}

/* PUT, PATCH /payments/payment-details/{id}/ (bills:update). */
int
bill_pdetails_update(struct cl_req *r)
{
	int rc = bill_lock_invoice_of_or_reply(
	    r, &bill_pdetail_invoice_sql, &bill_payment_detail_resource);

	return rc ? rc : cl_resource_update(r, &bill_payment_detail_resource);
}

/* DELETE /payments/payment-details/{id}/ (bills:update). */
int
bill_pdetails_delete(struct cl_req *r)
{
	int rc = bill_lock_invoice_of_or_reply(
	    r, &bill_pdetail_invoice_sql, &bill_payment_detail_resource);

	return rc ? rc : cl_resource_delete(r, &bill_payment_detail_resource);
}
