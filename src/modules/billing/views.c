/* Module billing: the read views over invoices and payments (API.md §6):
 * /bills/invoices/history/, /payments/payments/history/ and by_customer/,
 * and the customer's /invoices/, /payments/, /payment_history/,
 * /bill_history/, /last_bill/ and /previous_bill/. A history is its list
 * spec's rows plus one aggregate statement over the same conditions, so
 * count and totals agree with the rows whatever the window. */
#include "config.h"

#include "modules/billing/internal.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/listing.h"
#include "core/money.h"
#include "core/query.h"
#include "core/request.h"
#include "core/resource.h"
#include "core/response.h"
#include "core/timeutil.h"
#include "core/banned.h"

/* ?period=: the calendar month or the ISO week (Monday to Sunday)
 * holding today (UTC), as fixed conditions. */
static const struct {
	const char *name;
	const char *sql;
} periods[] = {
	{ "monthly",
	    "i.issue_date BETWEEN DATE_SUB(UTC_DATE(), INTERVAL "
	    "DAYOFMONTH(UTC_DATE()) - 1 DAY) AND LAST_DAY(UTC_DATE())" },
	{ "weekly",
	    "i.issue_date BETWEEN DATE_SUB(UTC_DATE(), INTERVAL "
	    "WEEKDAY(UTC_DATE()) DAY) AND DATE_ADD(DATE_SUB(UTC_DATE(), "
	    "INTERVAL WEEKDAY(UTC_DATE()) DAY), INTERVAL 6 DAY)" },
};

/* The list of spec with the customer fixed (when > 0) and start_date <=
 * end_date checked. Returns 0 or the status recorded. */
static int
history_query(struct cl_req *r, const struct cl_list_spec *spec,
    const char *customer_cond, int64_t customer_id, struct cl_list_query *q)
{
	const char *s = cl_req_query(r, "start_date");
	const char *e = cl_req_query(r, "end_date");
	int rc;

	if ((rc = cl_list_or_reply(r, spec, q)) != 0)
		return rc;
	if (s && e && strcmp(e, s) < 0) {
		cl_fail_field(
		    r, "end_date", "end_date must not be before start_date.");
		return cl_fail_validation(r);
	}
	if (customer_id > 0)
		cl_list_scope(
		    r->arena, q, customer_cond, CL_BIND_INT(customer_id));
	return 0;
}

static int
fetch_or_reply(struct cl_req *r, struct cl_list_query *q,
    const struct cl_resource *res, void **rows, size_t *n)
{
	int rc =
	    cl_list_fetch(r->db, r->arena, q, res->cols, res->size, rows, n);

	if (rc == CL_EFOREIGN) {
		cl_fail_field(r, q->bad_param,
		    "Select a valid choice. That choice is not one of the "
		    "available choices.");
		return cl_fail_validation(r);
	}
	return rc == CL_OK ? 0 : cl_resource_fail(r, res, rc, NULL);
}

static void
add_money(cJSON *obj, const char *name, const char *text)
{
	int64_t cents = 0;

	if (text != NULL && cl_money_parse(text, &cents) != CL_OK)
		abort(); /* MariaDB's SUM of DECIMAL(14,2) */
	if (!cJSON_AddItemToObject(obj, name, cl_money_json_number(cents)))
		abort();
}

int
bill_invoice_history_reply(struct cl_req *r, int64_t customer_id)
{
	const char *period = cl_req_query(r, "period");
	struct cl_list_query q;
	struct cl_rows agg;
	cJSON *out, *totals;
	void *rows;
	size_t n, i;
	int rc;

	rc = history_query(r, &bill_invoice_history_list,
	    "i.customer_master_id = ?", customer_id, &q);
	if (rc != 0)
		return rc;
	if (period != NULL) {
		for (i = 0; i < CL_NELEMS(periods); i++)
			if (strcmp(period, periods[i].name) == 0)
				break;
		if (i == CL_NELEMS(periods)) {
			cl_fail_field(r, "period",
			    "Select a valid choice. Use monthly or weekly.");
			return cl_fail_validation(r);
		}
		cl_list_where(r->arena, &q, periods[i].sql, NULL, 0);
	}
	if ((rc = fetch_or_reply(r, &q, &bill_invoice_resource, &rows, &n)) !=
	    0)
		return rc;
	/* The totals over every matching row (the text is the spec's FROM
	 * and the conditions listing.c assembled from fixed fragments). */
	rc = cl_db_query_text(r->db, r->arena,
	    cl_arena_printf(r->arena,
	        "SELECT COUNT(*), COALESCE(SUM(i.total_bill_amount), 0), "
	        "COALESCE(SUM(i.total_paid_amount), 0), "
	        "COALESCE(SUM(i.total_balance_due), 0) FROM billing_invoices i "
	        "JOIN billing_entitlements e "
	        "ON e.id = i.customer_entitlement_master_id%s",
	        q.where),
	    q.binds, q.nbinds, &agg);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if ((out = cJSON_CreateObject()) == NULL ||
	    !cJSON_AddItemToObject(out, "invoices",
	        cl_cols_render_all(
	            bill_invoice_cols, rows, n, sizeof(struct bill_invoice))) ||
	    !cJSON_AddNumberToObject(
	        out, "count", (double)cl_rows_int(&agg, 0, 0)) ||
	    (totals = cJSON_AddObjectToObject(out, "totals")) == NULL)
		abort();
	add_money(totals, "total_billed", cl_rows_str(&agg, 0, 1));
	add_money(totals, "total_paid", cl_rows_str(&agg, 0, 2));
	add_money(totals, "total_due", cl_rows_str(&agg, 0, 3));
	return cl_reply_json(r, 200, out);
}

int
bill_payment_history_reply(struct cl_req *r, int64_t customer_id)
{
	struct cl_list_query q;
	struct cl_rows agg;
	cJSON *out, *totals;
	void *rows;
	size_t n;
	int rc;

	rc = history_query(r, &bill_payment_history_list,
	    "p.customer_master_id = ?", customer_id, &q);
	if (rc == 0)
		rc = fetch_or_reply(r, &q, &bill_payment_resource, &rows, &n);
	if (rc != 0)
		return rc;
	rc = cl_db_query_text(r->db, r->arena,
	    cl_arena_printf(r->arena,
	        "SELECT COUNT(*), COALESCE(SUM((SELECT SUM(pd.pay_amount) "
	        "FROM billing_payment_details pd WHERE pd.payment_master_id = "
	        "p.id AND pd.status = 'completed')), 0) "
	        "FROM billing_payments p%s",
	        q.where),
	    q.binds, q.nbinds, &agg);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if ((out = cJSON_CreateObject()) == NULL ||
	    !cJSON_AddItemToObject(out, "payments",
	        cl_cols_render_all(
	            bill_payment_cols, rows, n, sizeof(struct bill_payment))) ||
	    !cJSON_AddNumberToObject(
	        out, "count", (double)cl_rows_int(&agg, 0, 0)) ||
	    (totals = cJSON_AddObjectToObject(out, "totals")) == NULL)
		abort();
	add_money(totals, "total_received", cl_rows_str(&agg, 0, 1));
	return cl_reply_json(r, 200, out);
}

/* GET /bills/invoices/history/?customer_id&start_date&end_date&period
 * (API.md §6, bills:read): {"invoices", "count", "totals"}. */
int
bill_invoices_history(struct cl_req *r)
{
	return bill_invoice_history_reply(r, 0);
}

/* GET /payments/payments/history/?customer_id&start_date&end_date
 * (bills:read): {"payments", "count", "totals": {"total_received"}}. */
int
bill_payments_history(struct cl_req *r)
{
	return bill_payment_history_reply(r, 0);
}

/* An optional date parameter: NULL when absent, else a real date or a
 * 400 on it. */
static int
date_param(struct cl_req *r, const char *name, const char **out)
{
	int64_t days;

	*out = cl_req_query(r, name);
	if (*out != NULL && cl_date_parse(*out, &days) != CL_OK)
		cl_fail_field(r, name, "Enter a valid date (YYYY-MM-DD).");
	return 0;
}

/* GET /payments/payments/by_customer/?customer_id&start_date&end_date
 * (bills:read): [{customer_id, customer_name, total_received,
 * payment_count}] by customer name; payment_count counts payments,
 * total_received sums their completed details. */
int
bill_payments_by_customer(struct cl_req *r)
{
	const char *cid = cl_req_query(r, "customer_id"), *s, *e;
	struct cl_rows rows;
	int64_t id = 0;
	cJSON *out;
	size_t i;
	int rc;

	if (cid != NULL && (cl_parse_int(cid, &id) != CL_OK || id < 1))
		cl_fail_field(r, "customer_id", "A valid integer is required.");
	date_param(r, "start_date", &s);
	date_param(r, "end_date", &e);
	if (!cl_has_field_errors(r) && s && e && strcmp(e, s) < 0)
		cl_fail_field(
		    r, "end_date", "end_date must not be before start_date.");
	if (cl_has_field_errors(r))
		return cl_fail_validation(r);
	rc = cl_db_query(r->db, r->arena, &bill_by_customer_sql,
	    (struct cl_bind[]){ cid ? CL_BIND_INT(id) : CL_BIND_NULL,
	        CL_BIND_INT(id), CL_BIND_STR(s), CL_BIND_STR(s), CL_BIND_STR(e),
	        CL_BIND_STR(e) },
	    6, &rows);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if ((out = cJSON_CreateArray()) == NULL)
		abort();
	for (i = 0; i < rows.nrows; i++) {
		cJSON *o = cJSON_CreateObject();

		if (o == NULL || !cJSON_AddItemToArray(out, o) ||
		    !cJSON_AddNumberToObject(
		        o, "customer_id", (double)cl_rows_int(&rows, i, 0)) ||
		    !cJSON_AddStringToObject(
		        o, "customer_name", cl_rows_str(&rows, i, 1)))
			abort();
		add_money(o, "total_received", cl_rows_str(&rows, i, 2));
		if (!cJSON_AddNumberToObject(
		        o, "payment_count", (double)cl_rows_int(&rows, i, 3)))
			abort();
	}
	return cl_reply_json(r, 200, out);
}

/* The customer of path {id} (404 when none) into *id. */
static int
customer_or_reply(struct cl_req *r, int64_t *id)
{
	int rc;

	if ((rc = cl_param_id_or_reply(r, "id", id)) != 0)
		return rc;
	rc = cl_record_get(r->db, r->arena, &bill_customer_resource, *id, false,
	    cl_arena_alloc(r->arena, sizeof(struct bill_customer)));
	return rc == CL_OK
	    ? 0
	    : cl_resource_fail(r, &bill_customer_resource, rc, NULL);
}

/* GET /customers/customers/{id}/invoices/ (bills:read). */
int
bill_customers_invoices(struct cl_req *r)
{
	return bill_sublist(r, &bill_customer_resource, &bill_invoice_resource,
	    "i.customer_master_id = ?");
}

/* GET /customers/customers/{id}/payments/ (bills:read). */
int
bill_customers_payments(struct cl_req *r)
{
	return bill_sublist(r, &bill_customer_resource, &bill_payment_resource,
	    "p.customer_master_id = ?");
}

/* GET /customers/customers/{id}/payment_history/?start_date&end_date
 * (bills:read): as /payments/payments/history/ for this customer. */
int
bill_customers_payment_history(struct cl_req *r)
{
	int64_t id;
	int rc = customer_or_reply(r, &id);

	return rc ? rc : bill_payment_history_reply(r, id);
}

/* GET /customers/customers/{id}/bill_history/?start_date&end_date&period
 * (bills:read): as /bills/invoices/history/ for this customer. */
int
bill_customers_bill_history(struct cl_req *r)
{
	int64_t id;
	int rc = customer_or_reply(r, &id);

	return rc ? rc : bill_invoice_history_reply(r, id);
}

/* The customer's invoice at offset nth by issue_date, newest first. */
static int
nth_bill(struct cl_req *r, int64_t nth, const char *none)
{
	struct bill_invoice inv;
	struct cl_rows rows;
	int64_t id;
	int rc = customer_or_reply(r, &id);

	if (rc != 0)
		return rc;
	rc = cl_db_query_row(r->db, r->arena, &bill_invoice_nth_sql,
	    (struct cl_bind[]){ CL_BIND_INT(id), CL_BIND_INT(nth) }, 2, &rows);
	if (rc == CL_ENOTFOUND)
		return cl_fail(r, 404, "not_found", none);
	if (rc == CL_OK)
		rc = cl_cols_read(bill_invoice_cols, &rows, 0, &inv);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	return cl_reply_json(r, 200, cl_cols_render(bill_invoice_cols, &inv));
}

/* GET /customers/customers/{id}/last_bill/ (bills:read): the invoice
 * with the latest issue_date (then the highest id); 404 when none. */
int
bill_customers_last_bill(struct cl_req *r)
{
	return nth_bill(r, 0, "This customer has no invoice.");
}

/* GET /customers/customers/{id}/previous_bill/ (bills:read): the one
 * before the last; 404 when there is none. */
int
bill_customers_previous_bill(struct cl_req *r)
{
	return nth_bill(r, 1, "This customer has no invoice before the last.");
}
