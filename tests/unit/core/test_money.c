/* Unit tests of src/core/money.c and src/core/timeutil.c. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "core/errors.h"
#include "core/money.h"
#include "core/timeutil.h"

static void
test_money_parse_accepts_decimal_forms(void **state)
{
	int64_t c;

	(void)state;
	assert_int_equal(cl_money_parse("500", &c), CL_OK);
	assert_int_equal(c, 50000);
	assert_int_equal(cl_money_parse("500.5", &c), CL_OK);
	assert_int_equal(c, 50050);
	assert_int_equal(cl_money_parse("0.07", &c), CL_OK);
	assert_int_equal(c, 7);
	assert_int_equal(cl_money_parse("-3.10", &c), CL_OK);
	assert_int_equal(c, -310);
	assert_int_equal(cl_money_parse("1.500", &c), CL_OK);
	assert_int_equal(c, 150);
	assert_int_equal(cl_money_parse("999999999999.99", &c), CL_OK);
	assert_int_equal(c, CL_MONEY_MAX);
}

static void
test_money_parse_refuses_junk(void **state)
{
	int64_t c;

	(void)state;
	assert_int_equal(cl_money_parse("1.234", &c), CL_EINVAL);
	assert_int_equal(cl_money_parse("1e3", &c), CL_EINVAL);
	assert_int_equal(cl_money_parse("", &c), CL_EINVAL);
	assert_int_equal(cl_money_parse(".5", &c), CL_EINVAL);
	assert_int_equal(cl_money_parse("5.", &c), CL_EINVAL);
	assert_int_equal(cl_money_parse("12a", &c), CL_EINVAL);
	assert_int_equal(cl_money_parse("100000000000000", &c), CL_EINVAL);
	assert_int_equal(cl_money_parse("1000000000000", &c), CL_EINVAL);
	assert_int_equal(cl_money_parse("-1000000000000.00", &c), CL_EINVAL);
	assert_int_equal(cl_money_parse(NULL, &c), CL_EINVAL);
}

static void
test_money_from_json_number_is_exact(void **state)
{
	cJSON *n;
	int64_t c;

	(void)state;
	/* 0.1 + 0.2 style values must come back as the text written. */
	n = cJSON_Parse("1200.10");
	assert_int_equal(cl_money_from_json(n, &c), CL_OK);
	assert_int_equal(c, 120010);
	cJSON_Delete(n);
	n = cJSON_Parse("0.29");
	assert_int_equal(cl_money_from_json(n, &c), CL_OK);
	assert_int_equal(c, 29);
	cJSON_Delete(n);
	n = cJSON_Parse("1.005");
	assert_int_equal(cl_money_from_json(n, &c), CL_EINVAL);
	cJSON_Delete(n);
	n = cJSON_Parse("1e20");
	assert_int_equal(cl_money_from_json(n, &c), CL_EINVAL);
	cJSON_Delete(n);
	n = cJSON_Parse("true");
	assert_int_equal(cl_money_from_json(n, &c), CL_EINVAL);
	cJSON_Delete(n);
}

static void
test_money_format_and_json_forms(void **state)
{
	char buf[CL_MONEY_BUF];
	cJSON *item;
	char *s;

	(void)state;
	assert_string_equal(cl_money_format(50000, buf), "500.00");
	assert_string_equal(cl_money_format(5, buf), "0.05");
	assert_string_equal(cl_money_format(-1234, buf), "-12.34");
	item = cl_money_json_number(50000000);
	s = cJSON_PrintUnformatted(item);
	assert_string_equal(s, "500000.00");
	free(s);
	cJSON_Delete(item);
	item = cl_money_json_string(120000);
	assert_string_equal(item->valuestring, "1200.00");
	cJSON_Delete(item);
}

static void
test_money_muldiv_rounds_half_away_from_zero(void **state)
{
	(void)state;
	assert_int_equal(cl_money_muldiv(1005, 15, 100), 151);  /* 150.75 */
	assert_int_equal(cl_money_muldiv(1000, 15, 100), 150);
	assert_int_equal(cl_money_muldiv(10, 1, 4), 3);         /* 2.5 */
	assert_int_equal(cl_money_muldiv(-10, 1, 4), -3);
	assert_int_equal(cl_money_muldiv(5200, 1, 2), 2600);
}

static void
test_time_dates_round_trip_and_add(void **state)
{
	char buf[CL_DATE_BUF];
	int64_t d;

	(void)state;
	assert_int_equal(cl_date_parse("2021-10-14", &d), CL_OK);
	assert_string_equal(cl_date_format(d + 30 * 12, buf), "2022-10-09");
	assert_int_equal(cl_date_parse("1970-01-01", &d), CL_OK);
	assert_int_equal(d, 0);
	assert_int_equal(cl_date_parse("2024-02-29", &d), CL_OK);
	assert_string_equal(cl_date_format(d + 1, buf), "2024-03-01");
	assert_int_equal(cl_date_parse("2023-02-29", &d), CL_EINVAL);
	assert_int_equal(cl_date_parse("2023-13-01", &d), CL_EINVAL);
	assert_int_equal(cl_date_parse("2023-1-01", &d), CL_EINVAL);
	assert_int_equal(cl_date_parse("2023-01-01x", &d), CL_EINVAL);
	assert_int_equal(cl_days_in_month(2000, 2), 29);
	assert_int_equal(cl_days_in_month(1900, 2), 28);
}

static void
test_time_datetime_iso(void **state)
{
	char buf[CL_DATETIME_BUF];

	(void)state;
	assert_string_equal(cl_datetime_iso("2018-09-17 09:26:04.553218", buf),
	    "2018-09-17T09:26:04.553218Z");
	assert_string_equal(cl_datetime_iso("2018-09-17 09:26:04", buf),
	    "2018-09-17T09:26:04.000000Z");
	assert_string_equal(cl_datetime_iso("2018-09-17 09:26:04.5", buf),
	    "2018-09-17T09:26:04.500000Z");
	assert_null(cl_datetime_iso(NULL, buf));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money_parse_accepts_decimal_forms),
		cmocka_unit_test(test_money_parse_refuses_junk),
		cmocka_unit_test(test_money_from_json_number_is_exact),
		cmocka_unit_test(test_money_format_and_json_forms),
		cmocka_unit_test(test_money_muldiv_rounds_half_away_from_zero),
		cmocka_unit_test(test_time_dates_round_trip_and_add),
		cmocka_unit_test(test_time_datetime_iso),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
