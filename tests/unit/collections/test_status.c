/* Unit tests of src/modules/collections/status.c: the status codes and
 * buckets of API.md §3 at every boundary. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/errors.h"
#include "modules/collections/internal.h"

/* Each unpaid code at both of its edges and just past them. */
static void
test_status_unpaid_edges(void **state)
{
	static const struct {
		int64_t days;
		int code;
	} cases[] = {
		{ 1000, 310 },
		{ 4, 310 },
		{ 3, 311 },
		{ 1, 311 },
		{ 0, 312 },
		{ -1, 320 },
		{ -4, 320 },
		{ -5, 321 },
		{ -29, 321 },
		{ -30, 322 },
		{ -59, 322 },
		{ -60, 323 },
		{ -89, 323 },
		{ -90, 324 },
		{ -5000, 324 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(
		    coll_status_of(false, cases[i].days), cases[i].code);
}

/* Paid: on or before the due date, 1-4 days late, 5+ days late. */
static void
test_status_paid_edges(void **state)
{
	(void)state;
	assert_int_equal(coll_status_of(true, -30), 330);
	assert_int_equal(coll_status_of(true, 0), 330);
	assert_int_equal(coll_status_of(true, 1), 331);
	assert_int_equal(coll_status_of(true, 4), 331);
	assert_int_equal(coll_status_of(true, 5), 332);
	assert_int_equal(coll_status_of(true, 400), 332);
	assert_int_equal(coll_late30.lo, 5);
	assert_int_equal(coll_late30.hi, 30);
}

/* The rules cover every day exactly once, paid and unpaid alike, so a
 * customer with installments always has one status. */
static void
test_status_rules_partition_the_days(void **state)
{
	const struct coll_status_rule *s;
	int64_t d;
	int paid, hits;

	(void)state;
	for (paid = 0; paid < 2; paid++)
		for (d = -1000; d <= 1000; d++) {
			hits = 0;
			for (s = coll_status_rules; s->code; s++)
				hits +=
				    s->paid == paid && d >= s->lo && d <= s->hi;
			assert_int_equal(hits, 1);
		}
	for (s = coll_status_rules, hits = 0; s->code; s++, hits++)
		assert_ptr_equal(coll_status_rule(s->code), s);
	assert_int_equal(hits, 11);
	assert_null(coll_status_rule(313));
	assert_null(coll_status_rule(0));
}

static void
test_status_buckets(void **state)
{
	static const char *const bad[] = { "t31", "t-1", "t", "t01", "T3", "x1",
		"dpd0", "dpd366", "dpd", "dpd01", "t3 ", " t3", "", "dpd1000",
		NULL };
	const char *const *b;
	int64_t d;

	(void)state;
	assert_int_equal(coll_bucket_parse("t0", &d), CL_OK);
	assert_int_equal(d, 0);
	assert_int_equal(coll_bucket_parse("t30", &d), CL_OK);
	assert_int_equal(d, 30);
	assert_int_equal(coll_bucket_parse("dpd1", &d), CL_OK);
	assert_int_equal(d, -1);
	assert_int_equal(coll_bucket_parse("dpd365", &d), CL_OK);
	assert_int_equal(d, -365);
	for (b = bad; *b; b++)
		assert_int_equal(coll_bucket_parse(*b, &d), CL_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_unpaid_edges),
		cmocka_unit_test(test_status_paid_edges),
		cmocka_unit_test(test_status_rules_partition_the_days),
		cmocka_unit_test(test_status_buckets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
