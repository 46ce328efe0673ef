/* Unit tests of the crash-loop policy in src/core/master.c. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/master.h"

static void
test_master_backoff_doubles_while_children_die_young(void **state)
{
	double d = 0;
	int i;

	(void)state;
	d = cl_master_backoff(d, true, 0.2);
	assert_true(d > 0.09 && d < 0.11);
	d = cl_master_backoff(d, true, 0.5);
	assert_true(d > 0.19 && d < 0.21);
	for (i = 0; i < 20; i++)
		d = cl_master_backoff(d, true, 0.1);
	assert_true(d > 9.9 && d < 10.1); /* capped */
}

static void
test_master_backoff_ignores_clean_and_old_exits(void **state)
{
	(void)state;
	/* A recycled worker (exit 0) or one that crashed after a long life
	 * is replaced at once. */
	assert_true(cl_master_backoff(0, false, 0.5) == 0);
	assert_true(cl_master_backoff(0, true, 60) == 0);
	/* A long-lived child resets the delay; a middle-aged one keeps it. */
	assert_true(cl_master_backoff(3.2, false, 60) == 0);
	assert_true(cl_master_backoff(3.2, true, 5) == 3.2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_master_backoff_doubles_while_children_die_young),
		cmocka_unit_test(test_master_backoff_ignores_clean_and_old_exits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
