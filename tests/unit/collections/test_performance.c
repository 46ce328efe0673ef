/* Unit tests of src/modules/collections/performance.c: the shares'
 * rounding and format, and the month parameter. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/errors.h"
#include "modules/collections/internal.h"

static void
test_performance_shares_have_three_decimals(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(coll_share(0, 0, b, sizeof(b)), "0.000");
	assert_string_equal(coll_share(5, 0, b, sizeof(b)), "0.000");
	assert_string_equal(coll_share(1, 3, b, sizeof(b)), "0.333");
	assert_string_equal(coll_share(2, 3, b, sizeof(b)), "0.667");
	assert_string_equal(coll_share(1, 8, b, sizeof(b)), "0.125");
	assert_string_equal(
	    coll_share(1, 2000, b, sizeof(b)), "0.001"); /* half up */
	assert_string_equal(coll_share(1, 2001, b, sizeof(b)), "0.000");
	assert_string_equal(coll_share(33, 200, b, sizeof(b)), "0.165");
	assert_string_equal(coll_share(7, 7, b, sizeof(b)), "1.000");
}

static void
test_performance_month_parse(void **state)
{
	static const char *const bad[] = { "2018-13", "2018-00", "2018-1",
		"18-01", "2018-01-01", "2018/01", "", "abcd-ef", "2018-0a",
		NULL };
	const char *const *s;
	unsigned m;
	int y;

	(void)state;
	assert_int_equal(coll_month_parse("2018-09", &y, &m), CL_OK);
	assert_int_equal(y, 2018);
	assert_int_equal(m, 9);
	assert_int_equal(coll_month_parse("1999-12", &y, &m), CL_OK);
	for (s = bad; *s; s++)
		assert_int_equal(coll_month_parse(*s, &y, &m), CL_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_performance_shares_have_three_decimals),
		cmocka_unit_test(test_performance_month_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
