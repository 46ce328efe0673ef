/* Unit tests of src/modules/billing/db.c against the column tables: every
 * written statement names the table's columns in the table's order, so a
 * column added to one and not the other fails here, not in a response. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/listing.h"
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

/* The keys of the first JSON_OBJECT(...) in sql, in order, into keys (at
 * most cap, each at most 63 characters). Returns how many. Keys are the
 * arguments at even positions, split at commas outside parentheses and
 * quotes. */
static size_t
json_object_keys(const char *sql, char keys[][64], size_t cap)
{
	const char *p = strstr(sql, "JSON_OBJECT(");
	size_t n = 0, arg = 0, len = 0;
	int depth = 0;
	bool quoted = false;

	assert_non_null(p);
	for (p += strlen("JSON_OBJECT("); *p; p++) {
		if (quoted) {
			if (*p == '\'')
				quoted = false;
			else if (arg % 2 == 0 && n < cap && len < 63)
				keys[n][len++] = *p;
			continue;
		}
		if (*p == '\'') {
			quoted = true;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			if (depth-- == 0)
				break;
		} else if (*p == ',' && depth == 0) {
			if (arg % 2 == 0 && n < cap) {
				keys[n][len] = '\0';
				n++;
			}
			len = 0;
			arg++;
		}
	}
	return n;
}

/* A package's pricings and a utility's details are JSON made by MariaDB's
 * JSON_OBJECT: its keys must be the rendered members of the pricing and
 * utility detail tables, in order, or the nested rows would differ from
 * the rows of their own routes. */
static void
check_json_keys(const char *sql, const struct cl_field *cols)
{
	char keys[CL_COLS_MAX][64];
	size_t n = json_object_keys(sql, keys, CL_COLS_MAX), i = 0;
	const struct cl_field *f;

	for (f = cols; f->name; f++) {
		if (f->flags & CL_HIDDEN)
			continue;
		assert_true(i < n);
		assert_string_equal(keys[i], f->name);
		i++;
	}
	assert_int_equal(i, n);
}

static void
test_sql_nested_json_has_the_tables_members(void **state)
{
	(void)state;
	check_json_keys(bill_package_sql.get->sql, bill_pricing_cols);
	check_json_keys(bill_package_sql.list->select, bill_pricing_cols);
	check_json_keys(bill_utility_sql.get->sql, bill_utility_detail_cols);
	check_json_keys(bill_utility_sql.list->select, bill_utility_detail_cols);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sql_every_statement_matches_its_table),
		cmocka_unit_test(test_sql_check_sees_drift),
		cmocka_unit_test(test_sql_audit_and_totals_are_read_only),
		cmocka_unit_test(test_sql_nested_json_has_the_tables_members),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
