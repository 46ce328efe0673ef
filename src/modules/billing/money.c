/* Module billing: the money rules as pure functions of integer cents
 * (API.md §6 "Calculations"): a line's VAT and discount, the proration of
 * an entitlement detail over a billing month, and an invoice's totals and
 * status. No SQL and no request here, so tests/unit/billing/test_money.c
 * pins every cent; invoices.c and payments.c apply them under the
 * invoice's row lock. */
#include "config.h"

#include "modules/billing/internal.h"

#include "core/errors.h"
#include "core/money.h"
#include "core/banned.h"

void
bill_line_compute(struct bill_invoice_line *l)
{
	/* Rates are hundredths of a percent: x / 100 / 100. */
	l->vat_amount = cl_money_muldiv(l->sub_total, l->vat_rate, 10000);
	l->discount_amount =
	    cl_money_muldiv(l->sub_total, l->sub_discount_rate, 10000);
	l->line_total = l->sub_total + l->vat_amount - l->discount_amount;
}

int64_t
bill_overlap_days(int64_t start, int64_t end, int64_t from, int64_t to)
{
	int64_t lo = start > from ? start : from;
	int64_t hi = end < to ? end : to;

	return hi < lo ? 0 : hi - lo + 1;
}

int64_t
bill_prorate(int64_t mbps, int64_t unit_price, int64_t overlap,
    int64_t month_days, int64_t share_hundredths)
{
	/* One rounding, at the end: the numerator's factors fit in int64
	 * (mbps <= 1e8, overlap <= 31, share <= 10000) and muldiv works in
	 * 128 bits. */
	if (share_hundredths < 0)
		return cl_money_muldiv(unit_price, mbps * overlap, month_days);
	return cl_money_muldiv(
	    unit_price, mbps * overlap * share_hundredths, month_days * 10000);
}

int
bill_totals_compute(struct bill_totals *t, bool draft)
{
	t->total_bill_amount =
	    t->sub_total + t->vat_amount - t->discount_amount;
	t->total_balance_due = t->total_bill_amount - t->total_paid_amount;
	if (t->total_balance_due < 0)
		return CL_EINVAL;
	if (draft) {
		t->status = "draft";
		return t->total_paid_amount > 0 ? CL_ECONFLICT : CL_OK;
	}
	if (t->total_balance_due == 0)
		t->status = "paid";
	else if (t->total_paid_amount > 0)
		t->status = "partial";
	else
		t->status = "unpaid";
	return CL_OK;
}
