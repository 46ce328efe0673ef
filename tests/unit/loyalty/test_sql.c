/* Unit tests of src/modules/loyalty: every statement of db.c against its
 * column table, and the module's pure rules (credits, prices, points,
 * UUIDs, phones). */
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
#include "modules/loyalty/internal.h"

static void
test_sql_every_statement_matches_its_table(void **state)
{
	struct cl_arena *a = cl_arena_new();
	const struct loy_sql_check *c;
	size_t n = 0;

	(void)state;
	for (c = loy_sql_checks; c->cols; c++, n++) {
		const char *why = cl_cols_check_sql(a, c->cols, *c->sql);

		if (why != NULL)
			fail_msg("%s\n  in: %.120s", why, *c->sql);
	}
	assert_true(n >= 10);
	cl_arena_free(a);
}

static void
test_credit_is_half_rounded_half_up(void **state)
{
	(void)state;
	assert_int_equal(loy_credit_of(2600), 1300); /* the seed: 26 -> 13 */
	assert_int_equal(loy_credit_of(5500), 2750);
	assert_int_equal(loy_credit_of(1), 1); /* 0.005 -> 0.01 */
	assert_int_equal(loy_credit_of(3), 2); /* 0.015 -> 0.02 */
	assert_int_equal(loy_credit_of(2), 1);
}

static void
test_price_after_promo_and_points(void **state)
{
	(void)state;
	assert_int_equal(loy_price_after(80000, 50), 40000);
	assert_int_equal(loy_price_after(4800, 50), 2400);
	assert_int_equal(loy_price_after(999, 0), 999);
	assert_int_equal(loy_price_after(999, 100), 0);
	assert_int_equal(loy_price_after(333, 33), 223); /* 223.11 */
	assert_int_equal(loy_price_after(150, 33), 101); /* 100.5 -> 101 */
	assert_int_equal(loy_points_of(75820), 75); /* 758.20 -> 75 */
	assert_int_equal(loy_points_of(999), 0); /* 9.99 -> 0 */
	assert_int_equal(loy_points_of(1000), 1);
}

static void
test_uuid4_is_version_4_and_differs(void **state)
{
	char a[LOY_UUID_BUF], b[LOY_UUID_BUF];

	(void)state;
	assert_int_equal(loy_uuid4(a), 0);
	assert_int_equal(loy_uuid4(b), 0);
	assert_true(loy_is_uuid(a));
	assert_int_equal(a[14], '4');
	assert_non_null(strchr("89ab", a[19]));
	assert_string_not_equal(a, b);
}

static void
test_uuid_and_phone_checks(void **state)
{
	(void)state;
	assert_true(loy_is_uuid("a14e39ce-e29e-11e9-a8cb-08002751d198"));
	assert_false(loy_is_uuid("a14e39ce-e29e-11e9-a8cb-08002751d19"));
	assert_false(loy_is_uuid("a14e39ce_e29e-11e9-a8cb-08002751d198"));
	assert_false(loy_is_uuid("g14e39ce-e29e-11e9-a8cb-08002751d198"));
	assert_false(loy_is_uuid("1"));
	assert_false(loy_is_uuid(NULL));
	assert_true(loy_is_phone("+33638614907"));
	assert_true(loy_is_phone("0102030405"));
	assert_false(loy_is_phone("01020304O5"));
	assert_false(loy_is_phone("++336"));
	assert_false(loy_is_phone("33+6"));
	assert_false(loy_is_phone("+"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sql_every_statement_matches_its_table),
		cmocka_unit_test(test_credit_is_half_rounded_half_up),
		cmocka_unit_test(test_price_after_promo_and_points),
		cmocka_unit_test(test_uuid4_is_version_4_and_differs),
		cmocka_unit_test(test_uuid_and_phone_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
