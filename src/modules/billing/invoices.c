/* Invoices and their lines: /bills/invoices/ CRUD, auto_generate/,
 * history/, /bills/invoice-details/ CRUD, and the customer's invoice
 * views (API.md §6). The generic handlers do the CRUD; the hooks below
 * hold the rules: the number from the year's sequence row, the customer
 * from the entitlement, the lines of auto_calculate, and the invoice's
 * totals recomputed under its row lock after every change (money.c has
 * the arithmetic). SQL in db.c. */
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
#include "core/money.h"
#include "core/query.h"
#include "core/request.h"
#include "core/resource.h"
#include "core/response.h"
#include "core/timeutil.h"
#include "core/banned.h"

const char *const bill_invoice_statuses[] = { "draft", "unpaid", "partial",
	"paid", NULL };

/* clang-format off */
#define I struct bill_invoice
const struct cl_field bill_invoice_cols[] = {
	CL_COL_PK("id",                              I, id),
	CL_COL_STR("invoice_number",                 I, invoice_number,    CL_READONLY | CL_INSERT, 0, 0),
	CL_COL_ID("customer_entitlement_master_id",  I, customer_entitlement_master_id, CL_REQUIRED | CL_INSERT),
	CL_COL_ID("customer_master_id",              I, customer_master_id, CL_READONLY | CL_INSERT),
	CL_COL_ID("information_master_id",           I, information_master_id, CL_NULLABLE | CL_WRITE),
	CL_COL_DATE("issue_date",                    I, issue_date,        CL_REQUIRED | CL_WRITE),
	CL_COL_ENUM("status",                        I, status,            CL_WRITE, bill_invoice_statuses),
	CL_COL_MONEY("sub_total",                    I, sub_total,         CL_READONLY, 0, 0),
	CL_COL_MONEY("vat_amount",                   I, vat_amount,        CL_READONLY, 0, 0),
	CL_COL_MONEY("discount_amount",              I, discount_amount,   CL_READONLY, 0, 0),
	CL_COL_MONEY("total_bill_amount",            I, total_bill_amount, CL_READONLY, 0, 0),
	CL_COL_MONEY("total_paid_amount",            I, total_paid_amount, CL_READONLY, 0, 0),
	CL_COL_MONEY("total_balance_due",            I, total_balance_due, CL_READONLY, 0, 0),
	CL_COL_STR("remarks",                        I, remarks,           CL_NULLABLE | CL_WRITE, 0, 1000),
	CL_BOOL("auto_calculate",                    I, auto_calculate,    CL_HIDDEN),
	CL_COL_ID("created_by",                      I, created_by,        CL_READONLY | CL_INSERT),
	CL_COL_ID("updated_by",                      I, updated_by,        CL_READONLY | CL_WRITE),
	CL_COL_DATETIME("created_at",                I, created_at,        0),
	CL_COL_DATETIME("updated_at",                I, updated_at,        0),
	{ 0 }
};
#undef I

#define L struct bill_invoice_line
const struct cl_field bill_line_cols[] = {
	CL_COL_PK("id",                        L, id),
	CL_COL_ID("invoice_master_id",         L, invoice_master_id,      CL_REQUIRED | CL_INSERT),
	CL_COL_ID("entitlement_details_id",    L, entitlement_details_id, CL_NULLABLE | CL_WRITE),
	CL_COL_MONEY("sub_total",              L, sub_total,              CL_REQUIRED | CL_WRITE, 0, CL_MONEY_MAX),
	CL_COL_RATE("vat_rate",                L, vat_rate,               CL_WRITE, 0, 10000),
	CL_COL_MONEY("vat_amount",             L, vat_amount,             CL_READONLY | CL_WRITE, 0, 0),
	CL_COL_RATE("sub_discount_rate",       L, sub_discount_rate,      CL_WRITE, 0, 10000),
	CL_COL_MONEY("discount_amount",        L, discount_amount,        CL_READONLY | CL_WRITE, 0, 0),
	CL_COL_MONEY("line_total",             L, line_total,             CL_READONLY | CL_WRITE, 0, 0),
	CL_COL_STR("remarks",                  L, remarks,                CL_NULLABLE | CL_WRITE, 0, 1000),
	CL_COL_ID("created_by",                L, created_by,             CL_READONLY | CL_INSERT),
	CL_COL_ID("updated_by",                L, updated_by,             CL_READONLY | CL_WRITE),
	CL_COL_DATETIME("created_at",          L, created_at,             0),
	CL_COL_DATETIME("updated_at",          L, updated_at,             0),
	{ 0 }
};
#undef L
/* clang-format on */

/* The sums of invoice id's lines and completed payment details into t,
 * by locking reads (db.c says why). */
static int
read_sums(struct cl_req *r, int64_t id, struct bill_totals *t)
{
	struct cl_bind key = CL_BIND_INT(id);
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(
	    r->db, r->arena, &bill_invoice_line_sums_sql, &key, 1, &rows);
	if (rc == CL_OK &&
	    (cl_money_parse(cl_rows_str(&rows, 0, 0), &t->sub_total) ||
	        cl_money_parse(cl_rows_str(&rows, 0, 1), &t->vat_amount) ||
	        cl_money_parse(cl_rows_str(&rows, 0, 2), &t->discount_amount)))
		rc = CL_EDB;
	if (rc == CL_OK)
		rc = cl_db_query_row(r->db, r->arena,
		    &bill_invoice_paid_sum_sql, &key, 1, &rows);
	if (rc == CL_OK &&
	    cl_money_parse(cl_rows_str(&rows, 0, 0), &t->total_paid_amount))
		rc = CL_EDB;
	return rc;
}

/* Cents as a bind of DECIMAL text, from the arena. */
static struct cl_bind
money_bind(struct cl_req *r, int64_t cents)
{
	return cl_bind_str(
	    cl_money_format(cents, cl_arena_alloc(r->arena, CL_MONEY_BUF)));
}

static int
write_totals(struct cl_req *r, int64_t id, const struct bill_totals *t)
{
	return cl_db_exec_one(r->db, &bill_invoice_totals_sql,
	    (struct cl_bind[]){ money_bind(r, t->sub_total),
	        money_bind(r, t->vat_amount), money_bind(r, t->discount_amount),
	        money_bind(r, t->total_bill_amount),
	        money_bind(r, t->total_paid_amount),
	        money_bind(r, t->total_balance_due), CL_BIND_STR(t->status),
	        CL_BIND_INT(id) },
	    8);
}

int
bill_invoice_recompute_or_reply(struct cl_req *r, int64_t id, const char *field)
{
	struct bill_invoice before, after;
	struct bill_totals t;
	char buf[CL_MONEY_BUF];
	cJSON *b, *a;
	int rc;

	rc = cl_record_get(
	    r->db, r->arena, &bill_invoice_resource, id, true, &before);
	if (rc == CL_OK)
		rc = read_sums(r, id, &t);
	if (rc != CL_OK)
		return cl_resource_fail(r, &bill_invoice_resource, rc, NULL);
	rc = bill_totals_compute(&t, strcmp(before.status, "draft") == 0);
	if (rc == CL_EINVAL) {
		cl_fail_field(r, field,
		    cl_arena_printf(r->arena,
		        "The invoice's balance due would be negative: %s is "
		        "billed and more than that would be paid.",
		        cl_money_format(t.total_bill_amount, buf)));
		return cl_fail_validation(r);
	}
	if (rc == CL_ECONFLICT)
		return cl_fail(r, 409, "invoice_draft",
		    "A draft invoice takes no payments; issue it first "
		    "(status unpaid).");
	rc = write_totals(r, id, &t);
	if (rc == CL_OK)
		rc = cl_record_get(
		    r->db, r->arena, &bill_invoice_resource, id, false, &after);
	if (rc != CL_OK)
		return cl_resource_fail(r, &bill_invoice_resource, rc, NULL);
	/* Every change of an invoice's money is audited with its before. */
	b = cl_cols_render(bill_invoice_cols, &before);
	a = cl_cols_render(bill_invoice_cols, &after);
	cl_arena_defer(r->arena, cl_json_free, b);
	cl_arena_defer(r->arena, cl_json_free, a);
	rc = cl_audit_record(r->db, r->caller.user_id, "billing_invoices", id,
	    CL_AUDIT_UPDATE, b, a);
	return rc == CL_OK ? 0 : cl_fail_db(r, rc);
}

int
bill_lock_invoice_of_or_reply(
    struct cl_req *r, struct cl_stmt *sql, const struct cl_resource *res)
{
	struct cl_rows rows;
	int64_t id;
	int rc;

	if ((rc = cl_param_id_or_reply(r, "id", &id)) != 0)
		return rc;
	rc = cl_db_query_row(r->db, r->arena, sql,
	    (struct cl_bind[]){ CL_BIND_INT(id) }, 1, &rows);
	if (rc == CL_OK)
		rc = cl_db_query_row(r->db, r->arena, &bill_invoice_lock_sql,
		    (struct cl_bind[]){ CL_BIND_INT(cl_rows_int(&rows, 0, 0)) },
		    1, &rows);
	return rc == CL_OK ? 0 : cl_resource_fail(r, res, rc, NULL);
}

/* The next INV<YYYY><nnnn> of the issue date's year, under the year's
 * row lock (held to the commit). */
static int
next_number(struct cl_req *r, struct bill_invoice *inv)
{
	struct cl_bind year = CL_BIND_INT(strtol(inv->issue_date, NULL, 10));
	struct cl_rows rows;
	int rc;

	rc = cl_db_exec(r->db, &bill_sequence_next_sql, &year, 1, NULL, NULL);
	if (rc == CL_OK)
		rc = cl_db_query_row(
		    r->db, r->arena, &bill_sequence_get_sql, &year, 1, &rows);
	if (rc != CL_OK)
		return rc;
	inv->invoice_number = cl_arena_printf(r->arena, "INV%04lld%04lld",
	    (long long)year.i, (long long)cl_rows_int(&rows, 0, 0));
	return CL_OK;
}

/* Create: the entitlement's customer (its row locked first, see
 * bill_customer_lock_sql), the oldest utility info when none is named,
 * the number. Update: the entitlement stays; back to draft only while
 * nothing is paid. */
static int
invoice_check(struct cl_req *r, void *row, const void *before)
{
	struct bill_invoice *inv = row;
	const struct bill_invoice *old = before;
	struct cl_rows rows;
	int rc;

	if (old != NULL) {
		if (inv->customer_entitlement_master_id !=
		    old->customer_entitlement_master_id) {
			cl_fail_field(r, "customer_entitlement_master_id",
			    "An invoice cannot move to another entitlement.");
			return cl_fail_validation(r);
		}
		if (strcmp(inv->status, "draft") == 0 &&
		    old->total_paid_amount > 0)
			return cl_fail(r, 409, "invoice_paid",
			    "An invoice with payments cannot go back to "
			    "draft.");
		rc = cl_db_query_row(r->db, r->arena, &bill_customer_lock_sql,
		    (struct cl_bind[]){ CL_BIND_INT(inv->customer_master_id) },
		    1, &rows);
		return rc == CL_OK ? 0 : cl_fail_db(r, rc);
	}
	rc = cl_db_query_row(r->db, r->arena, &bill_entitlement_customer_sql,
	    (struct cl_bind[]){
	        CL_BIND_INT(inv->customer_entitlement_master_id) },
	    1, &rows);
	if (rc == CL_ENOTFOUND)
		return bill_invalid_pk(r, "customer_entitlement_master_id",
		    inv->customer_entitlement_master_id);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	inv->customer_master_id = cl_rows_int(&rows, 0, 0);
	rc = cl_db_query_row(r->db, r->arena, &bill_customer_lock_sql,
	    (struct cl_bind[]){ CL_BIND_INT(inv->customer_master_id) }, 1,
	    &rows);
	if (rc == CL_OK && inv->information_master_id == 0) {
		rc = cl_db_query_row(
		    r->db, r->arena, &bill_utility_oldest_sql, NULL, 0, &rows);
		if (rc == CL_OK)
			inv->information_master_id = cl_rows_int(&rows, 0, 0);
		if (rc == CL_ENOTFOUND)
			rc = CL_OK;
	}
	if (rc == CL_OK)
		rc = next_number(r, inv);
	return rc == CL_OK ? 0 : cl_fail_db(r, rc);
}

/* Inserts an auto line and its audit row. */
static int
insert_line(struct cl_req *r, struct bill_invoice_line *l)
{
	cJSON *after;
	int rc;

	l->created_by = l->updated_by = r->caller.user_id;
	rc = cl_record_insert(r->db, r->arena, &bill_line_resource, l);
	if (rc == CL_OK)
		rc = cl_record_get(
		    r->db, r->arena, &bill_line_resource, l->id, false, l);
	if (rc != CL_OK)
		return cl_resource_fail(r, &bill_line_resource, rc, l);
	after = cl_cols_render(bill_line_cols, l);
	cl_arena_defer(r->arena, cl_json_free, after);
	rc = cl_audit_record(r->db, r->caller.user_id, bill_line_resource.table,
	    l->id, CL_AUDIT_CREATE, NULL, after);
	return rc == CL_OK ? 0 : cl_fail_db(r, rc);
}

/* The VAT rate (hundredths) of the invoice's utility info; 0 without. */
static int
vat_rate_or_reply(
    struct cl_req *r, const struct bill_invoice *inv, int64_t *vat)
{
	struct cl_rows rows;
	int rc;

	*vat = 0;
	if (inv->information_master_id == 0)
		return 0;
	rc = cl_db_query_row(r->db, r->arena, &bill_utility_vat_sql,
	    (struct cl_bind[]){ CL_BIND_INT(inv->information_master_id) }, 1,
	    &rows);
	if (rc == CL_ENOTFOUND)
		return bill_invalid_pk(
		    r, "information_master_id", inv->information_master_id);
	if (rc == CL_OK && cl_money_parse(cl_rows_str(&rows, 0, 0), vat))
		rc = CL_EDB;
	return rc == CL_OK ? 0 : cl_fail_db(r, rc);
}

/* One line per active detail of the entitlement meeting the billing
 * month of issue_date, prorated by the days they share, at the utility
 * info's VAT rate (0 without one), no discount. */
static int
auto_lines(struct cl_req *r, const struct bill_invoice *inv)
{
	struct bill_entitlement_detail *d;
	struct cl_rows rows;
	char first[CL_DATE_BUF], last[CL_DATE_BUF];
	int64_t issue, from, to, vat, s, e;
	unsigned m, dd, dim;
	size_t i;
	int y, rc;

	if (cl_date_parse(inv->issue_date, &issue) != CL_OK)
		return cl_fail_db(r, CL_EDB);
	cl_civil_from_days(issue, &y, &m, &dd);
	dim = cl_days_in_month(y, m);
	from = cl_days_from_civil(y, m, 1);
	to = from + dim - 1;
	if ((rc = vat_rate_or_reply(r, inv, &vat)) != 0)
		return rc;
	rc = cl_db_query(r->db, r->arena, &bill_auto_details_sql,
	    (struct cl_bind[]){
	        CL_BIND_INT(inv->customer_entitlement_master_id),
	        CL_BIND_STR(cl_date_format(to, last)),
	        CL_BIND_STR(cl_date_format(from, first)) },
	    3, &rows);
	if (rc == CL_OK)
		rc = cl_cols_read_all(
		    r->arena, bill_detail_cols, &rows, sizeof *d, (void **)&d);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	for (i = 0; i < rows.nrows; i++) {
		struct bill_invoice_line l = { .invoice_master_id = inv->id,
			.entitlement_details_id = d[i].id,
			.vat_rate = vat };

		if (cl_date_parse(d[i].start_date, &s) != CL_OK ||
		    cl_date_parse(d[i].end_date, &e) != CL_OK)
			return cl_fail_db(r, CL_EDB);
		l.sub_total = bill_prorate(d[i].mbps, d[i].unit_price,
		    bill_overlap_days(s, e, from, to), dim,
		    strcmp(d[i].type, "channel_partner") == 0
		        ? d[i].custom_mac_percentage_share
		        : -1);
		bill_line_compute(&l);
		l.remarks = cl_arena_printf(r->arena,
		    "Auto: %s %lld Mbps, %s..%s",
		    d[i].bandwidth_type ? d[i].bandwidth_type : d[i].type,
		    (long long)d[i].mbps, s > from ? d[i].start_date : first,
		    e < to ? d[i].end_date : last);
		if ((rc = insert_line(r, &l)) != 0)
			return rc;
	}
	return 0;
}

/* After the invoice's own write: its lines (auto_calculate), its totals
 * and status, and its customer's last_bill_invoice_date. */
static int
invoice_after(struct cl_req *r, const void *row, const void *before)
{
	const struct bill_invoice *inv = row ? row : before;
	int rc;

	if (row != NULL && before == NULL && inv->auto_calculate &&
	    (rc = auto_lines(r, inv)) != 0)
		return rc;
	if (row != NULL &&
	    (rc = bill_invoice_recompute_or_reply(r, inv->id, "status")) != 0)
		return rc;
	rc = cl_db_exec(r->db, &bill_customer_last_bill_sql,
	    (struct cl_bind[]){ CL_BIND_INT(inv->customer_master_id) }, 1, NULL,
	    NULL);
	return rc == CL_OK ? 0 : cl_fail_db(r, rc);
}

/* Its lines go with it (their foreign key cascades): audited here. */
static int
invoice_check_delete(struct cl_req *r, const void *row)
{
	return bill_audit_cascade_or_reply(r, &bill_lines_of_invoice_sql,
	    ((const struct bill_invoice *)row)->id, &bill_line_resource);
}

static const struct bill_invoice invoice_defaults = { .status = "draft" };

static const struct cl_key_error invoice_keys[] = {
	{ "billing_invoices_entitlement_fk", "customer_entitlement_master_id",
	    NULL },
	{ "billing_invoices_utility_fk", "information_master_id", NULL },
	{ "billing_invoices_number", "invoice_number", NULL }, { 0 }
};

const struct cl_resource bill_invoice_resource = {
	.noun = "invoice",
	.table = "billing_invoices",
	.cols = bill_invoice_cols,
	.size = sizeof(struct bill_invoice),
	.defaults = &invoice_defaults,
	.sql = &bill_invoice_sql,
	.keys = invoice_keys,
	.check = invoice_check,
	.check_delete = invoice_check_delete,
	.after = invoice_after,
};

/* A line: its invoice locked (the first lock of every write of its
 * lines), not moved, its entitlement detail one of the invoice's
 * entitlement; then its VAT, discount and total. */
static int
line_check(struct cl_req *r, void *row, const void *before)
{
	struct bill_invoice_line *l = row;
	const struct bill_invoice_line *old = before;
	struct cl_rows rows;
	int64_t ent;
	int rc;

	if ((rc = bill_parent_or_reply(r, &bill_invoice_lock_sql,
	    "invoice_master_id", l->invoice_master_id,
	    old ? &old->invoice_master_id : NULL,
	    "A line cannot move to another invoice.", &rows)) != 0)
		return rc;
	ent = cl_rows_int(&rows, 0, 1);
	if (l->entitlement_details_id != 0) {
		rc =
		    cl_db_query_row(r->db, r->arena, &bill_ent_detail_owner_sql,
		        (struct cl_bind[]){
		            CL_BIND_INT(l->entitlement_details_id) },
		        1, &rows);
		if (rc == CL_ENOTFOUND)
			return bill_invalid_pk(r, "entitlement_details_id",
			    l->entitlement_details_id);
		if (rc != CL_OK)
			return cl_fail_db(r, rc);
		if (cl_rows_int(&rows, 0, 0) != ent) {
			cl_fail_field(r, "entitlement_details_id",
			    "Not a detail of this invoice's entitlement.");
			return cl_fail_validation(r);
		}
	}
	bill_line_compute(l);
	return 0;
}

static int
line_after(struct cl_req *r, const void *row, const void *before)
{
	const struct bill_invoice_line *l = row ? row : before;

	return bill_invoice_recompute_or_reply(
	    r, l->invoice_master_id, row ? "sub_total" : "non_field_errors");
}

static const struct cl_key_error line_keys[] = {
	{ "billing_invoice_details_invoice_fk", "invoice_master_id", NULL },
	{ "billing_invoice_details_detail_fk", "entitlement_details_id", NULL },
	{ 0 }
};

const struct cl_resource bill_line_resource = {
	.noun = "invoice detail",
	.table = "billing_invoice_details",
	.cols = bill_line_cols,
	.size = sizeof(struct bill_invoice_line),
	.sql = &bill_line_sql,
	.keys = line_keys,
	.check = line_check,
	.after = line_after,
};

/* GET /bills/invoices/ (API.md §6, bills:read). */
int
bill_invoices_list(struct cl_req *r)
{
	return cl_resource_list(r, &bill_invoice_resource);
}

/* GET /bills/invoices/{id}/ (bills:read). */
int
bill_invoices_show(struct cl_req *r)
{
	return cl_resource_show(r, &bill_invoice_resource);
}

/* POST /bills/invoices/ (bills:create, Idempotency-Key). */
int
bill_invoices_create(struct cl_req *r)
{
	return cl_resource_create(r, &bill_invoice_resource);
}

/* PUT, PATCH /bills/invoices/{id}/ (bills:update): totals recomputed. */
int
bill_invoices_update(struct cl_req *r)
{
	return cl_resource_update(r, &bill_invoice_resource);
}

/* DELETE /bills/invoices/{id}/ (bills:update): its lines go with it;
 * 409 while payments refer to it (their foreign key). */
int
bill_invoices_delete(struct cl_req *r)
{
	return cl_resource_delete(r, &bill_invoice_resource);
}

/* GET /bills/invoice-details/ (bills:read). */
int
bill_lines_list(struct cl_req *r)
{
	return cl_resource_list(r, &bill_line_resource);
}

/* GET /bills/invoice-details/{id}/ (bills:read). */
int
bill_lines_show(struct cl_req *r)
{
	return cl_resource_show(r, &bill_line_resource);
}

/* POST /bills/invoice-details/ (bills:create, Idempotency-Key). */
int
bill_lines_create(struct cl_req *r)
{
	return cl_resource_create(r, &bill_line_resource);
}

/* PUT, PATCH /bills/invoice-details/{id}/ (bills:update). */
int
bill_lines_update(struct cl_req *r)
{
	int rc = bill_lock_invoice_of_or_reply(
	    r, &bill_line_invoice_sql, &bill_line_resource);

	return rc ? rc : cl_resource_update(r, &bill_line_resource);
}

/* DELETE /bills/invoice-details/{id}/ (bills:update). */
int
bill_lines_delete(struct cl_req *r)
{
	int rc = bill_lock_invoice_of_or_reply(
	    r, &bill_line_invoice_sql, &bill_line_resource);

	return rc ? rc : cl_resource_delete(r, &bill_line_resource);
}

/* The body of auto_generate/. */
struct auto_in {
	int64_t entitlement_id;
	int64_t information_master_id;
	const char *issue_date;
	const char *status;
};

/* clang-format off */
const struct cl_field bill_auto_generate_fields[] = {
	{ "entitlement_id", CL_F_ID, offsetof(struct auto_in, entitlement_id), CL_REQUIRED, 1, INT64_MAX, NULL, NULL },
	{ "information_master_id", CL_F_ID, offsetof(struct auto_in, information_master_id), CL_NULLABLE, 1, INT64_MAX, NULL, NULL },
	CL_DATE("issue_date", struct auto_in, issue_date, 0),
	{ "status", CL_F_ENUM, offsetof(struct auto_in, status), 0, 0, 0, NULL, bill_invoice_statuses },
	{ 0 }
};
/* clang-format on */

/* POST /bills/invoices/auto_generate/ (bills:create, Idempotency-Key):
 * {entitlement_id[, information_master_id][, issue_date][, status]}: an
 * invoice of the entitlement dated issue_date (today), status unpaid
 * unless given, with one line per active detail of its billing month,
 * as auto_calculate=true on create does. 201 with the invoice. */
int
bill_invoices_auto_generate(struct cl_req *r)
{
	struct auto_in in = { .status = "unpaid" };
	struct bill_invoice inv = { 0 }, stored;
	char today[CL_DATE_BUF];
	cJSON *after;
	int rc;

	rc = cl_fields_or_reply(
	    r, bill_auto_generate_fields, &in, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	inv.customer_entitlement_master_id = in.entitlement_id;
	inv.information_master_id = in.information_master_id;
	/* Today as the database's UTC_DATE(), the day ?period= and the
	 * active counts use (the server's local zone may differ). */
	inv.issue_date = in.issue_date
	    ? in.issue_date
	    : cl_date_format(cl_now() / 86400, today);
	inv.status = in.status;
	inv.auto_calculate = true;
	inv.created_by = inv.updated_by = r->caller.user_id;
	rc = cl_db_query_row(r->db, r->arena, &bill_entitlement_customer_sql,
	    (struct cl_bind[]){ CL_BIND_INT(in.entitlement_id) }, 1,
	    &(struct cl_rows){ 0 });
	if (rc == CL_ENOTFOUND)
		return bill_invalid_pk(r, "entitlement_id", in.entitlement_id);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if ((rc = invoice_check(r, &inv, NULL)) != 0)
		return rc;
	rc = cl_record_insert(r->db, r->arena, &bill_invoice_resource, &inv);
	if (rc != CL_OK)
		return cl_resource_fail(r, &bill_invoice_resource, rc, &inv);
	if ((rc = invoice_after(r, &inv, NULL)) != 0)
		return rc;
	rc = cl_record_get(
	    r->db, r->arena, &bill_invoice_resource, inv.id, false, &stored);
	if (rc != CL_OK)
		return cl_fail_db(r, rc == CL_ENOTFOUND ? CL_EDB : rc);
	after = cl_cols_render(bill_invoice_cols, &stored);
	cl_arena_defer(r->arena, cl_json_free, after);
	rc = cl_audit_record(r->db, r->caller.user_id, "billing_invoices",
	    inv.id, CL_AUDIT_CREATE, NULL, after);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(
	    r, 201, cl_cols_render(bill_invoice_cols, &stored));
}
