/* Unit tests of src/modules/livestream/filters.c: local day boundaries in
 * UTC for JavaScript's timezone offsets, and UTC times shown locally. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/errors.h"
#include "modules/livestream/internal.h"

static void
check_bound(const char *date, int64_t offset, bool end, const char *want)
{
	char buf[LIVE_TIME_BUF];

	assert_int_equal(live_day_bound(date, offset, end, buf), CL_OK);
	assert_string_equal(buf, want);
}

static void
test_filters_day_bounds_utc(void **state)
{
	(void)state;
	check_bound("2016-06-16", 0, false, "2016-06-16 00:00:00");
	check_bound("2016-06-16", 0, true, "2016-06-17 00:00:00");
}

static void
test_filters_day_bounds_east_of_utc(void **state)
{
	(void)state;
	/* GMT+7 is -420: its day starts at 17:00 UTC the day before. */
	check_bound("2016-06-16", -420, false, "2016-06-15 17:00:00");
	check_bound("2016-06-16", -420, true, "2016-06-16 17:00:00");
	/* GMT+14, the far edge: -840. */
	check_bound("2016-01-01", -840, false, "2015-12-31 10:00:00");
	/* India, GMT+5:30. */
	check_bound("2016-03-01", -330, false, "2016-02-29 18:30:00");
}

static void
test_filters_day_bounds_west_of_utc(void **state)
{
	(void)state;
	/* GMT-5 is 300; month, year and leap-day edges. */
	check_bound("2016-06-16", 300, false, "2016-06-16 05:00:00");
	check_bound("2016-12-31", 300, true, "2017-01-01 05:00:00");
	check_bound("2016-02-28", 840, true, "2016-02-29 14:00:00");
	check_bound("2016-02-29", 840, true, "2016-03-01 14:00:00");
	check_bound("2015-02-28", 840, true, "2015-03-01 14:00:00");
	check_bound("1970-01-01", -60, false, "1969-12-31 23:00:00");
}

static void
test_filters_day_bounds_refuse_bad_input(void **state)
{
	char buf[LIVE_TIME_BUF];

	(void)state;
	assert_int_equal(live_day_bound("2016-02-30", 0, false, buf), CL_EINVAL);
	assert_int_equal(live_day_bound("16-06-16", 0, false, buf), CL_EINVAL);
	assert_int_equal(live_day_bound(NULL, 0, false, buf), CL_EINVAL);
	assert_int_equal(live_day_bound("2016-06-16", 841, false, buf), CL_EINVAL);
	assert_int_equal(live_day_bound("2016-06-16", -841, false, buf), CL_EINVAL);
}

static void
test_filters_time_local(void **state)
{
	char buf[LIVE_TIME_BUF];

	(void)state;
	live_time_local("2031-06-30 20:15:00.123456", -420, buf);
	assert_string_equal(buf, "2031-07-01 03:15:00");
	live_time_local("2031-01-01 02:00:00", 300, buf);
	assert_string_equal(buf, "2030-12-31 21:00:00");
	live_time_local("2031-01-01 02:00:00", 0, buf);
	assert_string_equal(buf, "2031-01-01 02:00:00");
	live_time_local(NULL, 0, buf);
	assert_string_equal(buf, "");
	live_time_local("garbage", 0, buf);
	assert_string_equal(buf, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filters_day_bounds_utc),
		cmocka_unit_test(test_filters_day_bounds_east_of_utc),
		cmocka_unit_test(test_filters_day_bounds_west_of_utc),
		cmocka_unit_test(test_filters_day_bounds_refuse_bad_input),
		cmocka_unit_test(test_filters_time_local),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
