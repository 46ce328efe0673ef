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

struct cl_db;
struct cl_req;

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

/* Admin CLI (cli.c): kam create. */
int bill_cli_kam(struct cl_db *db, int argc, char **argv);
extern const char bill_cli_kam_usage[];

#endif
