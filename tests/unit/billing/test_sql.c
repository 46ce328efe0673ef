/* Unit tests of src/modules/billing/db.c against the column tables: every
 * written statement names the table's columns in the table's order, so a
 * column added to one and not the other fails here, not in a response. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/columns.h"
#include "core/db.h"
#include "modules/billing/internal.h"

static void
test_sql_every_statement_matches_its_table(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const struct bill_sql_check *c;
	size_t n = 0;

	(void)state;
	for (c = bill_sql_checks; c->cols; c++, n++) {
		const char *why = cl_cols_check_sql(a, c->cols, *c->sql);

		if (why != NULL)
			fail_msg("%s\n  in: %.120s", why, *c->sql);
	}
	assert_true(n >= 8);
	cl_arena_free(a);
}

/* The check itself must see drift: the customers' SELECT with two columns
 * swapped, and with one left out. */
static void
test_sql_check_sees_drift(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const char *select = bill_customer_sql.get->sql;
	char *swapped = cl_arena_strdup(a, select);
	char *p = strstr(swapped, "c.email, c.phone");

	(void)state;
	assert_non_null(p);
	memcpy(p, "c.phone, c.email", strlen("c.phone, c.email"));
	assert_non_null(cl_cols_check_sql(a, bill_customer_cols, swapped));
	assert_non_null(cl_cols_check_sql(a, bill_customer_cols,
	    "SELECT c.id, c.customer_name FROM billing_customers c"));
	assert_null(cl_cols_check_sql(a, bill_customer_cols, select));
	cl_arena_free(a);
}

/* Fields a client may not set are never read from a body. */
static void
test_sql_audit_and_totals_are_read_only(void **state)
{
	static const char *const server_set[] = {
		"id", "created_by", "updated_by", "created_at", "updated_at",
		"total_billed", "total_paid", "total_due",
		"active_entitlements_count", "last_bill_invoice_date", NULL,
	};
	const char *const *name;

	(void)state;
	for (name = server_set; *name; name++) {
		const struct cl_field *f = cl_fields_find(bill_customer_cols, *name);

		assert_non_null(f);
		assert_true(f->flags & CL_READONLY);
	}
	assert_true(cl_fields_find(bill_kam_cols, "created_by")->flags &
	    CL_HIDDEN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sql_every_statement_matches_its_table),
		cmocka_unit_test(test_sql_check_sees_drift),
		cmocka_unit_test(test_sql_audit_and_totals_are_read_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
