/* Unit tests of src/modules/subscriptions/db.c against the column tables:
 * every written statement names the table's columns in the table's
 * order, so a column added to one and not the other fails here, not in a
 * response. */
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
#include "core/listing.h"
#include "modules/subscriptions/internal.h"

static void
test_sql_every_statement_matches_its_table(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const struct subs_sql_check *c;
	size_t n = 0;

	(void)state;
	for (c = subs_sql_checks; c->cols; c++, n++) {
		const char *why = cl_cols_check_sql(a, c->cols, *c->sql);

		if (why != NULL)
			fail_msg("%s\n  in: %.120s", why, *c->sql);
	}
	assert_true(n >= 9);
	cl_arena_free(a);
}

/* Each statement a resource names is in the checks, so none escapes. */
static void
test_sql_resource_statements_are_checked(void **state)
{
	const struct cl_stmt *const stmts[] = {
		subs_plan_sql.get, subs_plan_sql.get_for_update,
		subs_plan_sql.insert, subs_plan_sql.update,
		subs_subscription_sql.insert,
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(stmts) / sizeof(stmts[0]); i++) {
		const struct subs_sql_check *c;

		for (c = subs_sql_checks; c->cols; c++)
			if (*c->sql == stmts[i]->sql)
				break;
		if (c->cols == NULL)
			fail_msg("not checked: %s", stmts[i]->sql);
	}
}

/* The check itself must see drift: the subscriptions' INSERT with two
 * columns swapped, and the plans' SELECT with one left out. */
static void
test_sql_check_sees_drift(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const char *insert = subs_subscription_sql.insert->sql;
	char *swapped = cl_arena_strdup(a, insert);
	char *p = strstr(swapped, "start_date, end_date");

	(void)state;
	assert_non_null(p);
	memcpy(p, "end_date, start_date", strlen("end_date, start_date"));
	assert_non_null(cl_cols_check_sql(a, subs_subscription_cols, swapped));
	assert_null(cl_cols_check_sql(a, subs_subscription_cols, insert));
	assert_non_null(cl_cols_check_sql(a, subs_plan_cols,
	    "SELECT id, name, amount, payment_cycle, is_cancellable FROM plans"));
	cl_arena_free(a);
}

/* A client writes only a plan's five fields; of a subscription, nothing
 * (a purchase reads its own table), and user_id is never shown. */
static void
test_sql_what_a_client_may_write(void **state)
{
	static const char *const writable[] = {
		"name", "amount", "payment_cycle", "total_valid_months",
		"is_cancellable", NULL,
	};
	const struct cl_field *f;
	const char *const *name;

	(void)state;
	for (name = writable; *name; name++) {
		f = cl_fields_find(subs_plan_cols, *name);
		assert_non_null(f);
		assert_false(f->flags & CL_READONLY);
		assert_true((f->flags & CL_WRITE) == CL_WRITE);
	}
	assert_true(cl_fields_find(subs_plan_cols, "id")->flags & CL_READONLY);
	for (f = subs_subscription_cols; f->name; f++)
		assert_true(f->flags & CL_READONLY);
	assert_true(cl_fields_find(subs_subscription_cols, "user_id")->flags &
	    CL_HIDDEN);
}

/* GET /plans: the page envelope, by id. */
static void
test_sql_plans_list_by_id_in_pages(void **state)
{
	const struct cl_list_spec *spec = subs_plan_sql.list;

	(void)state;
	assert_int_equal(spec->pagination, CL_PAGE_NUMBER);
	assert_string_equal(spec->order, "id");
	assert_null(spec->filters);
	assert_null(spec->search);
	assert_null(spec->orderings);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sql_every_statement_matches_its_table),
		cmocka_unit_test(test_sql_resource_statements_are_checked),
		cmocka_unit_test(test_sql_check_sees_drift),
		cmocka_unit_test(test_sql_what_a_client_may_write),
		cmocka_unit_test(test_sql_plans_list_by_id_in_pages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
