/* Unit tests of src/modules/livestream/vin.c: check digit, model year
 * cycles, WMI table, malformed VINs. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "modules/livestream/internal.h"

static void
test_vin_check_digit_known_vins(void **state)
{
	(void)state;
	/* 49 CFR 565's worked example has check digit X. */
	assert_int_equal(live_vin_check_digit("1M8GDM9AXKP042788"), 'X');
	assert_int_equal(live_vin_check_digit("1HGCM82633A004352"), '3');
	assert_int_equal(live_vin_check_digit("11111111111111111"), '1');
}

static void
test_vin_decode_valid(void **state)
{
	struct live_vin v;

	(void)state;
	live_vin_decode("1HGCM82633A004352", &v);
	assert_true(v.well_formed);
	assert_true(v.check_digit_valid);
	assert_string_equal(v.wmi, "1HG");
	assert_string_equal(v.make, "Honda");
	assert_string_equal(v.country, "United States");
	assert_int_equal(v.year, 2003);
}

static void
test_vin_decode_wrong_check_digit(void **state)
{
	struct live_vin v;

	(void)state;
	live_vin_decode("1HGCM82643A004352", &v);
	assert_true(v.well_formed);
	assert_false(v.check_digit_valid);
}

static void
test_vin_year_cycle_follows_position_7(void **state)
{
	struct live_vin v;

	(void)state;
	/* Position 10 'A': 1980 when position 7 is a digit, 2010 when a
	 * letter; 'Y' is 2000/2030, '9' 2009/2039. */
	live_vin_decode("JTDKB20U0A3000000", &v);
	assert_int_equal(v.year, 1980 + 0);
	live_vin_decode("JTDKB2AU0A3000000", &v);
	assert_int_equal(v.year, 2010);
	live_vin_decode("JTDKB20U0Y3000000", &v);
	assert_int_equal(v.year, 2000);
	live_vin_decode("JTDKB2AU093000000", &v);
	assert_int_equal(v.year, 2039);
	live_vin_decode("JTDKB20U003000000", &v);   /* 0: no year */
	assert_int_equal(v.year, 0);
	assert_string_equal(v.make, "Toyota");
	assert_string_equal(v.country, "Japan");
}

static void
test_vin_unknown_wmi_and_regions(void **state)
{
	struct live_vin v;

	(void)state;
	live_vin_decode("ZZZ00000000000000", &v);
	assert_true(v.well_formed);
	assert_null(v.make);
	assert_null(v.country);   /* ZS-Z0 is unassigned */
	live_vin_decode("KLA00000000000000", &v);
	assert_string_equal(v.country, "South Korea");
	live_vin_decode("SAL00000000000000", &v);
	assert_string_equal(v.make, "Land Rover");
	assert_string_equal(v.country, "United Kingdom");
}

static void
test_vin_malformed(void **state)
{
	static const char *bad[] = { "", "1HGCM82633A00435", "1HGCM82633A0043521",
		"IHGCM82633A004352", "OHGCM82633A004352", "QHGCM82633A004352",
		"1hgcm82633a004352", "1HGCM8263 A004352", NULL };
	struct live_vin v;
	size_t i;

	(void)state;
	for (i = 0; bad[i]; i++) {
		live_vin_decode(bad[i], &v);
		assert_false(v.well_formed);
		assert_false(v.check_digit_valid);
		assert_int_equal(live_vin_check_digit(bad[i]), 0);
	}
	assert_int_equal(live_vin_check_digit(NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vin_check_digit_known_vins),
		cmocka_unit_test(test_vin_decode_valid),
		cmocka_unit_test(test_vin_decode_wrong_check_digit),
		cmocka_unit_test(test_vin_year_cycle_follows_position_7),
		cmocka_unit_test(test_vin_unknown_wmi_and_regions),
		cmocka_unit_test(test_vin_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
