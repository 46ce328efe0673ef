/* Unit tests of src/modules/livestream/db.c against the column tables of
 * render.c: every SELECT names the table's columns in its order. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/columns.h"
#include "core/listing.h"
#include "modules/livestream/internal.h"

static void
test_sql_every_select_matches_its_table(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const struct live_sql_check *c;
	size_t n = 0;

	(void)state;
	for (c = live_sql_checks; c->cols; c++, n++) {
		const char *why = cl_cols_check_sql(a, c->cols, *c->sql);

		if (why != NULL)
			fail_msg("%s\n  in: %.160s", why, *c->sql);
	}
	assert_true(n >= 15);
	cl_arena_free(a);
}

static void
test_sql_check_sees_drift(void **state)
{
	struct cl_arena *a = cl_arena_new();
	char *sql = cl_arena_strdup(a, live_call_list.select);
	char *p = strstr(sql, "s.phone, s.email");

	(void)state;
	assert_non_null(p);
	memcpy(p, "s.email, s.phone", strlen("s.email, s.phone"));
	assert_non_null(cl_cols_check_sql(a, live_stream_cols, sql));
	cl_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sql_every_select_matches_its_table),
		cmocka_unit_test(test_sql_check_sees_drift),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
