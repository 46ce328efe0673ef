/* Unit tests of the pure rule in src/modules/subscriptions/purchases.c:
 * a subscription's end date (API.md §4). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/errors.h"
#include "core/timeutil.h"
#include "modules/subscriptions/internal.h"

static int64_t
day(const char *s)
{
	int64_t d = 0;

	assert_int_equal(cl_date_parse(s, &d), CL_OK);
	return d;
}

static void
assert_end(const char *start, int64_t cycle, int64_t months,
    const char *want)
{
	char buf[CL_DATE_BUF];

	assert_string_equal(cl_date_format(subs_end_date(day(start), cycle,
	    months), buf), want);
}

/* API.md §4's example: 2021-10-14 + 30 x 12 days = 2022-10-09. */
static void
test_end_date_seed_example(void **state)
{
	(void)state;
	assert_end("2021-10-14", 30, 12, "2022-10-09");
	assert_int_equal(subs_end_date(day("2021-10-14"), 30, 12) -
	    day("2021-10-14"), 360);
}

/* Days, not calendar months: a 1-day, 1-month plan ends the next day. */
static void
test_end_date_counts_days(void **state)
{
	(void)state;
	assert_end("2021-10-14", 1, 1, "2021-10-15");
	assert_end("2021-12-31", 1, 1, "2022-01-01");
	assert_end("2021-01-31", 30, 1, "2021-03-02");
}

/* Leap days are real days: across 2024-02-29 one day more is spent. */
static void
test_end_date_crosses_leap_day(void **state)
{
	(void)state;
	assert_end("2024-02-28", 1, 1, "2024-02-29");
	assert_end("2024-02-01", 30, 12, "2025-01-26");
	assert_end("2023-02-01", 30, 12, "2024-01-27");
}

/* The largest plan API.md allows (365-day cycle, 120 months) stays exact. */
static void
test_end_date_largest_plan(void **state)
{
	(void)state;
	assert_int_equal(subs_end_date(day("2021-10-14"), 365, 120) -
	    day("2021-10-14"), 43800);
	assert_end("2021-10-14", 365, 120, "2141-09-15");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_end_date_seed_example),
		cmocka_unit_test(test_end_date_counts_days),
		cmocka_unit_test(test_end_date_crosses_leap_day),
		cmocka_unit_test(test_end_date_largest_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
