/* Unit tests of src/modules/billing/money.c: every rounding of API.md §6
 * in exact cents. Values are chosen so that rounding half up per line
 * (not half even, not once per invoice, not through a double) is what
 * makes them right. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/errors.h"
#include "core/timeutil.h"
#include "modules/billing/internal.h"

static struct bill_invoice_line
line(int64_t sub, int64_t vat_rate, int64_t discount_rate)
{
	struct bill_invoice_line l = { .sub_total = sub,
		.vat_rate = vat_rate,
		.sub_discount_rate = discount_rate };

	bill_line_compute(&l);
	return l;
}

/* 10.05 at 15% is 1.5075 (1.51), less 5% is 0.5025 (0.50): 11.06. */
static void
test_money_line_rounds_each_amount_half_up(void **state)
{
	struct bill_invoice_line l = line(1005, 1500, 500);

	(void)state;
	assert_int_equal(l.vat_amount, 151);
	assert_int_equal(l.discount_amount, 50);
	assert_int_equal(l.line_total, 1106);
	/* Exactly half a cent goes up: 0.10 x 5% = 0.005; 0.30 x 15% = 0.045
	 * (half even would give 0.04). */
	assert_int_equal(line(10, 500, 0).vat_amount, 1);
	assert_int_equal(line(30, 1500, 0).vat_amount, 5);
	assert_int_equal(line(30, 0, 1500).discount_amount, 5);
	assert_int_equal(line(30, 0, 1500).line_total, 25);
	/* Just under half a cent goes down: 0.09 x 5% = 0.0045. */
	assert_int_equal(line(9, 500, 0).vat_amount, 0);
	/* 0% and 100%. */
	assert_int_equal(line(1234567, 0, 0).line_total, 1234567);
	assert_int_equal(line(1234567, 10000, 10000).line_total, 1234567);
}

/* Per line, not per invoice: three lines of 0.10 at 5% are 0.03 of
 * VAT, where 5% of their sum (0.30) would be 0.015 -> 0.02. */
static void
test_money_invoice_sums_rounded_lines(void **state)
{
	struct bill_totals t = { 0 };
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct bill_invoice_line l = line(10, 500, 0);

		t.sub_total += l.sub_total;
		t.vat_amount += l.vat_amount;
		t.discount_amount += l.discount_amount;
	}
	assert_int_equal(bill_totals_compute(&t, false), CL_OK);
	assert_int_equal(t.total_bill_amount, 33);
	assert_string_equal(t.status, "unpaid");
}

static int64_t
day(int y, unsigned m, unsigned d)
{
	return cl_days_from_civil(y, m, d);
}

static void
test_money_overlap_days_at_both_ends(void **state)
{
	(void)state;
	/* 2025-01-10..2025-02-20 meets January on 22 days, February on 20. */
	assert_int_equal(bill_overlap_days(day(2025, 1, 10), day(2025, 2, 20),
	                     day(2025, 1, 1), day(2025, 1, 31)),
	    22);
	assert_int_equal(bill_overlap_days(day(2025, 1, 10), day(2025, 2, 20),
	                     day(2025, 2, 1), day(2025, 2, 28)),
	    20);
	/* A whole month and more: the month's days. */
	assert_int_equal(bill_overlap_days(day(2024, 12, 1), day(2025, 3, 1),
	                     day(2025, 2, 1), day(2025, 2, 28)),
	    28);
	/* One day, on the last day; and none at all. */
	assert_int_equal(bill_overlap_days(day(2025, 1, 31), day(2025, 1, 31),
	                     day(2025, 1, 1), day(2025, 1, 31)),
	    1);
	assert_int_equal(bill_overlap_days(day(2024, 1, 1), day(2024, 12, 31),
	                     day(2025, 1, 1), day(2025, 1, 31)),
	    0);
}

/* mbps x unit_price x overlap / days_in_month, for months of 28, 29, 30
 * and 31 days, rounded once, half up. */
static void
test_money_prorate_months_of_each_length(void **state)
{
	(void)state;
	assert_int_equal(cl_days_in_month(2025, 2), 28);
	assert_int_equal(cl_days_in_month(2024, 2), 29);
	assert_int_equal(cl_days_in_month(2025, 4), 30);
	assert_int_equal(cl_days_in_month(2025, 1), 31);
	/* Whole months: 10 Mbps at 20.00 is 200.00 in any of them. */
	assert_int_equal(bill_prorate(10, 2000, 28, 28, -1), 20000);
	assert_int_equal(bill_prorate(10, 2000, 29, 29, -1), 20000);
	assert_int_equal(bill_prorate(10, 2000, 30, 30, -1), 20000);
	assert_int_equal(bill_prorate(10, 2000, 31, 31, -1), 20000);
	/* Half of February 2025: 100.00. */
	assert_int_equal(bill_prorate(10, 2000, 14, 28, -1), 10000);
	/* 10 of February 2024's 29 days: 68.9655... -> 68.97. */
	assert_int_equal(bill_prorate(10, 2000, 10, 29, -1), 6897);
	/* 7 Mbps at 33.33 for 11 of 30 days: 85.547 -> 85.55. */
	assert_int_equal(bill_prorate(7, 3333, 11, 30, -1), 8555);
	/* 3 Mbps at 10.00 for 1 of 31 days: 0.9677... -> 0.97. */
	assert_int_equal(bill_prorate(3, 1000, 1, 31, -1), 97);
	/* Exactly half a cent rounds up, in a 28- and a 30-day month. */
	assert_int_equal(bill_prorate(1, 1, 14, 28, -1), 1);
	assert_int_equal(bill_prorate(1, 1, 15, 30, -1), 1);
	/* One rounding at the end: 3 x (1.00 x 10/31) rounded per Mbps
	 * would be 3 x 0.32 = 0.96; the whole is 0.9677 -> 0.97. */
	assert_int_equal(bill_prorate(3, 100, 10, 31, -1), 97);
	/* Zero Mbps or zero days: nothing. */
	assert_int_equal(bill_prorate(0, 2000, 31, 31, -1), 0);
	assert_int_equal(bill_prorate(10, 2000, 0, 31, -1), 0);
}

/* Channel partners: x custom_mac_percentage_share / 100 as well. */
static void
test_money_prorate_channel_partner_share(void **state)
{
	(void)state;
	/* Seed 004's rows for a whole month: 10 x 20 x 45% = 90.00 and
	 * 20 x 50 x 50% = 500.00. */
	assert_int_equal(bill_prorate(10, 2000, 31, 31, 4500), 9000);
	assert_int_equal(bill_prorate(20, 5000, 30, 30, 5000), 50000);
	/* 15 of 31 days at 45%: 43.548... -> 43.55. */
	assert_int_equal(bill_prorate(10, 2000, 15, 31, 4500), 4355);
	/* A share of 0 and of 100. */
	assert_int_equal(bill_prorate(10, 2000, 31, 31, 0), 0);
	assert_int_equal(bill_prorate(10, 2000, 28, 28, 10000), 20000);
	/* 12.5% of 0.04: half a cent, up. */
	assert_int_equal(bill_prorate(1, 4, 29, 29, 1250), 1);
}

static void
test_money_totals_status_rules(void **state)
{
	struct bill_totals t = {
		.sub_total = 10000, .vat_amount = 1500, .discount_amount = 500
	};

	(void)state;
	assert_int_equal(bill_totals_compute(&t, false), CL_OK);
	assert_int_equal(t.total_bill_amount, 11000);
	assert_int_equal(t.total_balance_due, 11000);
	assert_string_equal(t.status, "unpaid");
	t.total_paid_amount = 1;
	assert_int_equal(bill_totals_compute(&t, false), CL_OK);
	assert_string_equal(t.status, "partial");
	assert_int_equal(t.total_balance_due, 10999);
	t.total_paid_amount = 11000;
	assert_int_equal(bill_totals_compute(&t, false), CL_OK);
	assert_string_equal(t.status, "paid");
	assert_int_equal(t.total_balance_due, 0);
	/* One cent too many: refused. */
	t.total_paid_amount = 11001;
	assert_int_equal(bill_totals_compute(&t, false), CL_EINVAL);
	/* A draft stays a draft, and takes no payment. */
	t.total_paid_amount = 0;
	assert_int_equal(bill_totals_compute(&t, true), CL_OK);
	assert_string_equal(t.status, "draft");
	t.total_paid_amount = 100;
	assert_int_equal(bill_totals_compute(&t, true), CL_ECONFLICT);
	/* Nothing billed, nothing paid: paid (a zero balance), API.md §6. */
	memset(&t, 0, sizeof t);
	assert_int_equal(bill_totals_compute(&t, false), CL_OK);
	assert_string_equal(t.status, "paid");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money_line_rounds_each_amount_half_up),
		cmocka_unit_test(test_money_invoice_sums_rounded_lines),
		cmocka_unit_test(test_money_overlap_days_at_both_ends),
		cmocka_unit_test(test_money_prorate_months_of_each_length),
		cmocka_unit_test(test_money_prorate_channel_partner_share),
		cmocka_unit_test(test_money_totals_status_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
