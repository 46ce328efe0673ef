/* Unit tests of the crash-loop policy in src/core/master.c. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/errors.h"
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

static void
test_master_split_listen_tells_paths_from_tcp(void **state)
{
	char host[64], port[8];

	(void)state;
	assert_int_equal(cl_master_split_listen("/run/c.sock", host,
	    sizeof(host), port, sizeof(port)), 0);
	assert_int_equal(cl_master_split_listen("/odd:dir/c.sock", host,
	    sizeof(host), port, sizeof(port)), 0);
	assert_int_equal(cl_master_split_listen("c.sock", host, sizeof(host),
	    port, sizeof(port)), 0);
	assert_int_equal(cl_master_split_listen("10.77.1.2:9000", host,
	    sizeof(host), port, sizeof(port)), 1);
	assert_string_equal(host, "10.77.1.2");
	assert_string_equal(port, "9000");
	assert_int_equal(cl_master_split_listen("[fd00::2]:65535", host,
	    sizeof(host), port, sizeof(port)), 1);
	assert_string_equal(host, "fd00::2");
	assert_string_equal(port, "65535");
	assert_int_equal(cl_master_split_listen("app1.internal:9000", host,
	    sizeof(host), port, sizeof(port)), 1);
	assert_string_equal(host, "app1.internal");
}

static void
test_master_split_listen_refuses_unclear_addresses(void **state)
{
	char host[16], port[8];
	static const char *const bad[] = {
		"", ":9000", "10.0.0.1:", "10.0.0.1:0", "10.0.0.1:65536",
		"10.0.0.1:90x", "10.0.0.1:123456", "fd00::2:9000", "[fd00::2]9000",
		"[]:9000", "a-very-long-host-name.example:9000",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(cl_master_split_listen(bad[i], host,
		    sizeof(host), port, sizeof(port)), CL_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_master_backoff_doubles_while_children_die_young),
		cmocka_unit_test(test_master_backoff_ignores_clean_and_old_exits),
		cmocka_unit_test(test_master_split_listen_tells_paths_from_tcp),
		cmocka_unit_test(test_master_split_listen_refuses_unclear_addresses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
