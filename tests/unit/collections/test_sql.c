/* Unit tests of src/modules/collections/db.c against the column tables:
 * every written statement names the table's columns in the table's
 * order. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/columns.h"
#include "modules/collections/internal.h"

static void
test_sql_every_statement_matches_its_table(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const struct coll_sql_check *c;
	size_t n = 0;

	(void)state;
	for (c = coll_sql_checks; c->cols; c++, n++) {
		const char *why = cl_cols_check_sql(a, c->cols, *c->sql);

		if (why != NULL)
			fail_msg("%s\n  in: %.120s", why, *c->sql);
	}
	assert_true(n >= 3);
	cl_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sql_every_statement_matches_its_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
