/* Inside module billing only (no other folder includes this): the
 * records, their column tables and resources, and the prototypes shared
 * between routes.c, the resource files (kams.c, customers.c), db.c and
 * cli.c. */
#ifndef CL_MODULES_BILLING_INTERNAL_H
#define CL_MODULES_BILLING_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/fields.h"
#include "core/resource.h"

struct cJSON;
struct cl_db;
struct cl_list_spec;
struct cl_req;
struct cl_rows;
struct cl_stmt;

/* A KAM master: a key account manager customers are assigned to. Made by
 * the admin CLI only; the API reads them. */
struct bill_kam {
	int64_t		id;
	const char	*kam_name;
	const char	*phone;                    /* NULL: none */
	const char	*email;
	const char	*address;
	bool		is_active;
	int64_t		assigned_customers_count;  /* computed by the SELECT */
	int64_t		created_by;                /* user id; 0: the CLI */
	int64_t		updated_by;
	const char	*created_at;
	const char	*updated_at;
};

/* A customer master. The totals come from its invoices and entitlements
 * (0 until those exist); last_bill_invoice_date is kept by invoices. */
struct bill_customer {
	int64_t		id;
	const char	*customer_name;
	const char	*company_name;
	const char	*email;
	const char	*phone;
	const char	*address;
	const char	*customer_type;           /* bw, channel_partner, soho */
	int64_t		kam_id;                   /* 0: none */
	const char	*customer_number;         /* unique when present */
	const char	*contact_person;
	const char	*status;                  /* active, inactive, suspended */
	bool		is_active;
	const char	*last_bill_invoice_date;  /* YYYY-MM-DD or NULL */
	int64_t		total_billed;             /* cents */
	int64_t		total_paid;
	int64_t		total_due;
	int64_t		active_entitlements_count;
	int64_t		created_by;
	int64_t		updated_by;
	const char	*created_at;
	const char	*updated_at;
};

/* The values of customer_type and status (customers.c), for the column
 * table and the list filters alike. */
extern const char *const bill_customer_types[];
extern const char *const bill_customer_statuses[];

/* Column tables (kams.c, customers.c) and their statements (db.c). */
extern const struct cl_field bill_kam_cols[];
extern const struct cl_field bill_customer_cols[];
extern const struct cl_resource_sql bill_kam_sql;
extern const struct cl_resource_sql bill_customer_sql;
extern const struct cl_resource bill_kam_resource;
extern const struct cl_resource bill_customer_resource;

/* An entitlement: what a customer is billed for; its lines are details. */
struct bill_entitlement {
	int64_t		id;
	int64_t		customer_master_id;
	const char	*customer_name;            /* computed by the SELECT */
	const char	*bill_number;
	const char	*activation_date;          /* YYYY-MM-DD or NULL */
	const char	*nttn_company;
	const char	*nttn_capacity;
	int64_t		total_bill;                /* cents */
	const char	*type_of_bw;
	const char	*type_of_connection;
	const char	*connected_pop;
	const char	*remarks;
	int64_t		created_by;
	int64_t		updated_by;
	const char	*created_at;
	const char	*updated_at;
};

/* An entitlement detail: mbps at unit_price for start_date..end_date.
 * type is the customer's type, set by the server. */
struct bill_entitlement_detail {
	int64_t		id;
	int64_t		cust_entitlement_id;
	const char	*type;                     /* bw, channel_partner, soho */
	const char	*bandwidth_type;           /* bw only; NULL otherwise */
	int64_t		mbps;
	int64_t		unit_price;                /* cents */
	int64_t		custom_mac_percentage_share; /* hundredths; channel partners */
	const char	*start_date;
	const char	*end_date;
	bool		is_active;
	const char	*status;                   /* active, inactive, expired */
	const char	*remarks;
	int64_t		created_by;
	int64_t		updated_by;
	const char	*created_at;
	const char	*updated_at;
};

/* A package and its pricings (pricings_json, active_pricing_json: JSON
 * text made by the SELECT, rendered as JSON by packages.c). */
struct bill_package {
	int64_t		id;
	const char	*package_name;
	const char	*package_type;             /* bw, channel_partner, soho */
	const char	*description;
	bool		is_active;
	const char	*active_pricing_json;
	const char	*pricings_json;
	int64_t		pricings_count;
	int64_t		created_by;
	int64_t		updated_by;
	const char	*created_at;
	const char	*updated_at;
};

/* A price of a package for val_start_at..val_end_at. */
struct bill_pricing {
	int64_t		id;
	int64_t		package_master_id;
	int64_t		rate;                      /* cents */
	const char	*description;
	bool		is_active;
	const char	*val_start_at;
	const char	*val_end_at;
	int64_t		created_by;
	int64_t		updated_by;
	const char	*created_at;
	const char	*updated_at;
};

/* The ISP's utility information: its VAT rate and payment accounts
 * (details_json, active_details_json: JSON text made by the SELECT). */
struct bill_utility {
	int64_t		id;
	const char	*utility_name;
	int64_t		vat_rate;                  /* hundredths: 15.00 is 1500 */
	const char	*details_json;
	const char	*active_details_json;
	int64_t		created_by;
	int64_t		updated_by;
	const char	*created_at;
	const char	*updated_at;
};

/* One payment account of a utility information master. */
struct bill_utility_detail {
	int64_t		id;
	int64_t		utility_master_id;
	const char	*type;                     /* bank, bkash, nagad */
	const char	*name;
	const char	*number;
	bool		is_active;
	int64_t		created_by;
	int64_t		updated_by;
	const char	*created_at;
	const char	*updated_at;
};

/* The most rows one bulk details POST takes (more: 400). */
#define BILL_BULK_MAX 1000

extern const char *const bill_bandwidth_types[];
extern const char *const bill_detail_statuses[];
extern const char *const bill_utility_types[];

extern const struct cl_field bill_entitlement_cols[];
extern const struct cl_field bill_detail_cols[];
extern const struct cl_field bill_package_cols[];
extern const struct cl_field bill_pricing_cols[];
extern const struct cl_field bill_utility_cols[];
extern const struct cl_field bill_utility_detail_cols[];
extern const struct cl_resource_sql bill_entitlement_sql;
extern const struct cl_resource_sql bill_detail_sql;
extern const struct cl_resource_sql bill_package_sql;
extern const struct cl_resource_sql bill_pricing_sql;
extern const struct cl_resource_sql bill_utility_sql;
extern const struct cl_resource_sql bill_utility_detail_sql;
extern const struct cl_resource bill_entitlement_resource;
extern const struct cl_resource bill_detail_resource;
extern const struct cl_resource bill_package_resource;
extern const struct cl_resource bill_pricing_resource;
extern const struct cl_resource bill_utility_resource;
extern const struct cl_resource bill_utility_detail_resource;

/* Statements the hand-written handlers run (db.c). */
extern struct cl_stmt
    bill_customer_type_sql; /* ? entitlement id -> customer_type */
extern struct cl_stmt bill_detail_insert_sql;
extern struct cl_stmt bill_detail_active_by_customer_sql; /* ? customer id */
extern struct cl_stmt bill_package_lock_sql; /* ? package id, FOR UPDATE */
extern struct cl_stmt
    bill_pricing_overlap_sql; /* package, start, end, own id */
extern struct cl_stmt bill_utility_insert_sql;
extern struct cl_stmt bill_utility_detail_insert_sql;
extern const struct cl_list_spec bill_detail_history_list;

/* Every statement of db.c with the column table it must agree with, for
 * tests/unit/billing/test_sql.c; ends with a zeroed entry. */
struct bill_sql_check {
	const struct cl_field	*cols;
	const char *const	*sql;   /* the statement's text */
};
extern const struct bill_sql_check bill_sql_checks[];

/* Handlers: two-line wrappers of the generic ones (resource.h). */
int bill_kams_list(struct cl_req *r);
int bill_kams_show(struct cl_req *r);
int bill_customers_list(struct cl_req *r);
int bill_customers_show(struct cl_req *r);
int bill_customers_create(struct cl_req *r);
int bill_customers_update(struct cl_req *r);
int bill_customers_delete(struct cl_req *r);

int bill_customers_entitlements(struct cl_req *r);
int bill_entitlements_list(struct cl_req *r);
int bill_entitlements_show(struct cl_req *r);
int bill_entitlements_create(struct cl_req *r);
int bill_entitlements_update(struct cl_req *r);
int bill_entitlements_delete(struct cl_req *r);
int bill_entitlements_details(struct cl_req *r);
int bill_entitlements_details_create(struct cl_req *r);
int bill_details_list(struct cl_req *r);
int bill_details_show(struct cl_req *r);
int bill_details_create(struct cl_req *r);
int bill_details_update(struct cl_req *r);
int bill_details_delete(struct cl_req *r);
int bill_details_bandwidth_types(struct cl_req *r);
int bill_details_history(struct cl_req *r);
int bill_packages_list(struct cl_req *r);
int bill_packages_show(struct cl_req *r);
int bill_packages_create(struct cl_req *r);
int bill_packages_update(struct cl_req *r);
int bill_packages_pricings(struct cl_req *r);
int bill_pricings_list(struct cl_req *r);
int bill_pricings_show(struct cl_req *r);
int bill_pricings_create(struct cl_req *r);
int bill_pricings_update(struct cl_req *r);
int bill_pricings_delete(struct cl_req *r);
int bill_utility_list(struct cl_req *r);
int bill_utility_show(struct cl_req *r);
int bill_utility_details_list(struct cl_req *r);
int bill_utility_details_show(struct cl_req *r);

/* A 400 naming field: no row has primary key id (DRF's words). */
int bill_invalid_pk(struct cl_req *r, const char *field, int64_t id);

/* The parent a child row names in field, id: read and locked by lock_sql
 * (bound to id) into rows. On an update (old_id not NULL) the row may not
 * move to another parent (moved is the 400's message); an unknown parent
 * is bill_invalid_pk. 0, or the status recorded. */
int bill_parent_or_reply(struct cl_req *r, struct cl_stmt *lock_sql,
    const char *field, int64_t id, const int64_t *old_id, const char *moved,
    struct cl_rows *rows);

/* A sub-route list (GET /parents/{id}/children/): parent's {id} must exist
 * (404), then child's list spec with cond ("d.parent_id = ?") bound to it. */
int bill_sublist(struct cl_req *r, const struct cl_resource *parent,
    const struct cl_resource *child, const char *cond);

/* Renders a row whose JSON-text columns become JSON (packages, utility). */
struct cJSON *bill_render_json_cols(
    const struct cl_field *cols, const void *row, const char *const *names);

/* An invoice (part 3). The money columns are the server's: recomputed
 * from its lines and completed payment details under the invoice's row
 * lock (money.c); customer_master_id is the entitlement's customer. */
struct bill_invoice {
	int64_t		id;
	const char	*invoice_number;           /* INV<YYYY><4 digits> */
	int64_t		customer_entitlement_master_id;
	int64_t		customer_master_id;
	const char	*customer_name;            /* computed by the SELECT */
	const char	*bill_number;              /* the entitlement's */
	int64_t		information_master_id;     /* 0: none */
	const char	*issue_date;
	const char	*status;                   /* draft, unpaid, partial, paid */
	int64_t		sub_total;                 /* cents, all six */
	int64_t		vat_amount;
	int64_t		discount_amount;
	int64_t		total_bill_amount;
	int64_t		total_paid_amount;
	int64_t		total_balance_due;
	const char	*remarks;
	bool		auto_calculate;            /* body only: build the lines */
	int64_t		created_by;
	int64_t		updated_by;
	const char	*created_at;
	const char	*updated_at;
};

/* One line of an invoice; vat_amount, discount_amount and line_total are
 * computed by the server (bill_line_compute). */
struct bill_invoice_line {
	int64_t		id;
	int64_t		invoice_master_id;
	int64_t		entitlement_details_id;    /* 0: none */
	int64_t		sub_total;                 /* cents */
	int64_t		vat_rate;                  /* hundredths */
	int64_t		vat_amount;
	int64_t		sub_discount_rate;         /* hundredths */
	int64_t		discount_amount;
	int64_t		line_total;
	const char	*remarks;
	int64_t		created_by;
	int64_t		updated_by;
	const char	*created_at;
	const char	*updated_at;
};

/* A payment against one invoice; total_amount sums its completed
 * details (computed by the SELECT). */
struct bill_payment {
	int64_t		id;
	const char	*payment_date;
	const char	*payment_method;
	int64_t		customer_entitlement_master_id; /* 0: not given */
	int64_t		invoice_master_id;
	int64_t		customer_master_id;
	const char	*customer_name;
	const char	*invoice_number;
	const char	*status;
	int64_t		total_amount;
	const char	*remarks;
	int64_t		created_by;
	int64_t		updated_by;
	const char	*created_at;
	const char	*updated_at;
};

/* The money of a payment; completed ones count toward its invoice. */
struct bill_payment_detail {
	int64_t		id;
	int64_t		payment_master_id;
	int64_t		invoice_master_id;         /* the payment's (SELECT) */
	int64_t		pay_amount;                /* cents, > 0 */
	const char	*transaction_id;
	const char	*status;
	const char	*remarks;
	int64_t		created_by;
	int64_t		updated_by;
	const char	*created_at;
	const char	*updated_at;
};

/* Pure money rules (money.c; tests/unit/billing/test_money.c). */

/* A line's VAT, discount and total from its sub_total and rates, each
 * rounded half up to the cent on its own. */
void bill_line_compute(struct bill_invoice_line *l);

/* The days of [start, end] inside [from, to] (day numbers); 0 when they
 * do not meet. */
int64_t bill_overlap_days(int64_t start, int64_t end, int64_t from,
    int64_t to);

/* An auto line's sub_total: mbps x unit_price x overlap / month_days,
 * and x share / 100 when share_hundredths >= 0 (channel partners),
 * rounded half up once, at the end. */
int64_t bill_prorate(int64_t mbps, int64_t unit_price, int64_t overlap,
    int64_t month_days, int64_t share_hundredths);

/* An invoice's totals from the sums of its lines and completed payment
 * details, and its status: draft stays draft (and then takes no payment),
 * else paid at a zero balance, partial when something is paid, unpaid.
 * Returns CL_OK, CL_EINVAL when the balance would be negative, or
 * CL_ECONFLICT for a draft with payments. */
struct bill_totals {
	int64_t		sub_total, vat_amount, discount_amount;
	int64_t		total_bill_amount, total_paid_amount, total_balance_due;
	const char	*status;
};
int bill_totals_compute(struct bill_totals *t, bool draft);

extern const char *const bill_invoice_statuses[];
extern const char *const bill_payment_statuses[];

extern const struct cl_field bill_invoice_cols[];
extern const struct cl_field bill_line_cols[];
extern const struct cl_field bill_payment_cols[];
extern const struct cl_field bill_payment_detail_cols[];
extern const struct cl_resource_sql bill_invoice_sql;
extern const struct cl_resource_sql bill_line_sql;
extern const struct cl_resource_sql bill_payment_sql;
extern const struct cl_resource_sql bill_payment_detail_sql;
extern const struct cl_resource bill_invoice_resource;
extern const struct cl_resource bill_line_resource;
extern const struct cl_resource bill_payment_resource;
extern const struct cl_resource bill_payment_detail_resource;
extern const struct cl_list_spec bill_invoice_history_list;
extern const struct cl_field bill_auto_generate_fields[]; /* its body */
extern const struct cl_list_spec bill_payment_history_list;

/* Statements of the money rules (db.c). */
extern struct cl_stmt bill_entitlement_customer_sql; /* ? ent -> customer */
extern struct cl_stmt bill_customer_lock_sql;        /* ? customer, FOR UPDATE */
extern struct cl_stmt bill_sequence_next_sql;        /* ? year */
extern struct cl_stmt bill_sequence_get_sql;         /* ? year -> last */
extern struct cl_stmt bill_utility_oldest_sql;       /* -> id */
extern struct cl_stmt bill_utility_vat_sql;          /* ? id -> vat_rate */
extern struct cl_stmt bill_invoice_lock_sql;         /* ? invoice, FOR UPDATE */
extern struct cl_stmt bill_invoice_line_sums_sql;    /* ? invoice */
extern struct cl_stmt bill_invoice_paid_sum_sql;     /* ? invoice */
extern struct cl_stmt bill_invoice_totals_sql;       /* totals, id */
extern struct cl_stmt bill_customer_last_bill_sql;   /* ? customer */
extern struct cl_stmt bill_auto_details_sql;         /* ent, to, from */
extern struct cl_stmt bill_ent_detail_owner_sql;     /* ? detail -> ent */
extern struct cl_stmt bill_line_invoice_sql;         /* ? line -> invoice */
extern struct cl_stmt bill_payment_invoice_sql;      /* ? payment -> invoice */
extern struct cl_stmt bill_pdetail_invoice_sql;      /* ? detail -> invoice */
extern struct cl_stmt bill_invoice_nth_sql;          /* customer, offset */
extern struct cl_stmt bill_by_customer_sql;          /* 6 binds */
extern struct cl_stmt bill_lines_of_invoice_sql;     /* ? invoice */
extern struct cl_stmt bill_pdetails_of_payment_sql;  /* ? payment */

/* Before a delete whose foreign keys cascade to child rows (sql selects
 * them, locked, by the parent's id): one audit_log delete row each, with
 * its JSON, so the money that goes with the parent is in the log too.
 * Returns 0 or the status recorded. */
int bill_audit_cascade_or_reply(struct cl_req *r, struct cl_stmt *sql,
    int64_t parent_id, const struct cl_resource *child);

/* Recomputes invoice id's totals and status (its row locked by the
 * caller's transaction) and audits the change. field names the body
 * field a negative balance is reported on. Returns 0 or the status it
 * recorded: 400 a negative balance, 409 a payment on a draft. */
int bill_invoice_recompute_or_reply(struct cl_req *r, int64_t id,
    const char *field);

/* Locks the invoice that the row named by path {id} belongs to (sql
 * maps the row's id to its invoice's): 404 when there is no such row
 * (res's noun), else 0. The first lock every write of an invoice's lines
 * or payments takes, so they all queue in one order. */
int bill_lock_invoice_of_or_reply(struct cl_req *r, struct cl_stmt *sql,
    const struct cl_resource *res);

int bill_invoices_list(struct cl_req *r);
int bill_invoices_show(struct cl_req *r);
int bill_invoices_create(struct cl_req *r);
int bill_invoices_update(struct cl_req *r);
int bill_invoices_delete(struct cl_req *r);
int bill_invoices_auto_generate(struct cl_req *r);
int bill_invoices_history(struct cl_req *r);
int bill_lines_list(struct cl_req *r);
int bill_lines_show(struct cl_req *r);
int bill_lines_create(struct cl_req *r);
int bill_lines_update(struct cl_req *r);
int bill_lines_delete(struct cl_req *r);
int bill_payments_list(struct cl_req *r);
int bill_payments_show(struct cl_req *r);
int bill_payments_create(struct cl_req *r);
int bill_payments_update(struct cl_req *r);
int bill_payments_delete(struct cl_req *r);
int bill_payments_history(struct cl_req *r);
int bill_payments_by_customer(struct cl_req *r);
int bill_pdetails_list(struct cl_req *r);
int bill_pdetails_show(struct cl_req *r);
int bill_pdetails_create(struct cl_req *r);
int bill_pdetails_update(struct cl_req *r);
int bill_pdetails_delete(struct cl_req *r);
int bill_customers_invoices(struct cl_req *r);
int bill_customers_payments(struct cl_req *r);
int bill_customers_payment_history(struct cl_req *r);
int bill_customers_bill_history(struct cl_req *r);
int bill_customers_last_bill(struct cl_req *r);
int bill_customers_previous_bill(struct cl_req *r);

/* The rows of an invoice or payment history (?customer_id, the dates,
 * ?period): {"<key>": [...], "count": N, "totals": {...}}; customer_id
 * > 0 fixes the customer (the customer's own views). */
int bill_invoice_history_reply(struct cl_req *r, int64_t customer_id);
int bill_payment_history_reply(struct cl_req *r, int64_t customer_id);

/* Admin CLI (cli.c): kam create, utility create and add-detail. */
int bill_cli_kam(struct cl_db *db, int argc, char **argv);
extern const char bill_cli_kam_usage[];
int bill_cli_utility(struct cl_db *db, int argc, char **argv);
extern const char bill_cli_utility_usage[];
int bill_cli_kam(struct cl_db *db, int argc, char **argv);
extern const char bill_cli_kam_usage[];


#endif
