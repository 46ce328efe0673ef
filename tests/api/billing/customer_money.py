#!/usr/bin/env python3
"""A customer's money (API.md §6): total_billed, total_paid and total_due
of its rows (JSON numbers with two decimals, summed from its invoices in
the list's one statement), and its views /invoices/, /payments/,
/payment_history/, /bill_history/, /last_bill/ and /previous_bill/ (404
when there is none), each scoped to the customer."""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, main  # noqa: E402
from accounts import access_token, create_user  # noqa: E402
from billing_money import Money, token  # noqa: E402


class CustomerMoney(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tok = token()

    def setUp(self):
        self.m = Money(self, self.tok)

    def make(self):
        """A customer with two invoices (100.05 of which 40.02 paid, and
        0.99 on a later date) and a bystander customer with one."""
        c = self.m.customer()
        e = self.m.entitlement(c)
        a = self.m.invoice(e, issue="2025-03-10")
        self.m.line(a, "87.00", "15")          # 87.00 + 13.05 = 100.05
        pa = self.m.payment(a, payment_date="2025-03-20")
        self.m.pay(pa, "40.02")
        b = self.m.invoice(e, issue="2025-04-02")
        self.m.line(b, "0.99")
        other = self.m.billed("5.00")
        self.m.pay(self.m.payment(other[2]), "5.00")
        return c, e, a, b, pa

    def test_totals_on_rows(self):
        c, e, a, b, pa = self.make()
        r = api("GET", "/customers/customers/%d/" % c["id"], token=self.tok)
        self.assertEqual(r.status, 200, r)
        body = r.body.decode()
        # Numbers, written with their two decimals.
        self.assertIn('"total_billed":101.04', body)
        self.assertIn('"total_paid":40.02', body)
        self.assertIn('"total_due":61.02', body)
        self.assertEqual(r.json["last_bill_invoice_date"], "2025-04-02")
        rows = self.m.call("GET", "/customers/customers/?search="
                           + c["customer_name"].split()[1])
        self.assertEqual([(x["id"], x["total_billed"], x["total_paid"],
                           x["total_due"]) for x in rows],
                         [(c["id"], 101.04, 40.02, 61.02)])
        r = api("GET", "/customers/customers/?limit=100&ordering="
                "-last_bill_invoice_date", token=self.tok)
        self.assertEqual(r.status, 200, r)
        self.assertRegex(r.body.decode(), r'"total_billed":\d+\.\d\d,')
        # A customer without invoices: zeros.
        z = self.m.customer()
        self.assertIn(b'"total_billed":0.00,"total_paid":0.00,'
                      b'"total_due":0.00', api(
                          "GET", "/customers/customers/%d/" % z["id"],
                          token=self.tok).body)

    def test_views(self):
        c, e, a, b, pa = self.make()
        base = "/customers/customers/%d/" % c["id"]
        ids = lambda rows: [x["id"] for x in rows]  # noqa: E731
        self.assertEqual(ids(self.m.call("GET", base + "invoices/")),
                         [a["id"], b["id"]])
        self.assertEqual(ids(self.m.call("GET", base +
                                         "invoices/?status=partial")),
                         [a["id"]])
        self.assertEqual(ids(self.m.call("GET", base + "payments/")),
                         [pa["id"]])
        ph = api("GET", base + "payment_history/?start_date=2025-03-01"
                 "&end_date=2025-03-31", token=self.tok)
        self.assertEqual(ph.status, 200, ph)
        self.assertEqual((ids(ph.json["payments"]), ph.json["count"]),
                         ([pa["id"]], 1))
        self.assertIn(b'"total_received":40.02', ph.body)
        self.assertEqual(self.m.call("GET", base + "payment_history/"
                                     "?start_date=2025-04-01")["count"], 0)
        bh = api("GET", base + "bill_history/?start_date=2025-01-01"
                 "&end_date=2025-12-31", token=self.tok)
        self.assertEqual(bh.status, 200, bh)
        self.assertEqual(ids(bh.json["invoices"]), [a["id"], b["id"]])
        self.assertIn(b'"totals":{"total_billed":101.04,"total_paid":40.02,'
                      b'"total_due":61.02}', bh.body)
        bh = self.m.call("GET", base + "bill_history/?start_date=2025-04-01")
        self.assertEqual((bh["count"], bh["totals"]["total_billed"]),
                         (1, 0.99))
        self.assertEqual(self.m.call("GET", base + "bill_history/"
                                     "?period=monthly")["count"], 0)
        self.assertEqual(self.m.call("GET", base + "last_bill/")["id"],
                         b["id"])
        self.assertEqual(self.m.call("GET", base + "previous_bill/")["id"],
                         a["id"])
        for q, field in (("bill_history/?period=yearly", "period"),
                         ("bill_history/?start_date=2025-02-01"
                          "&end_date=2025-01-01", "end_date"),
                         ("payment_history/?start_date=2025-02-01"
                          "&end_date=2025-01-01", "end_date"),
                         ("payment_history/?end_date=nope", "end_date")):
            r = api("GET", base + q, token=self.tok)
            assert_error(self, r, 400)
            self.assertIn(field, r.json["errors"], (q, r))

    def test_last_and_previous_bill_404(self):
        c = self.m.customer()
        base = "/customers/customers/%d/" % c["id"]
        assert_error(self, api("GET", base + "last_bill/", token=self.tok),
                     404)
        assert_error(self, api("GET", base + "previous_bill/",
                               token=self.tok), 404)
        e = self.m.entitlement(c)
        inv = self.m.invoice(e)
        self.assertEqual(self.m.call("GET", base + "last_bill/")["id"],
                         inv["id"])
        assert_error(self, api("GET", base + "previous_bill/",
                               token=self.tok), 404)
        for view in ("invoices/", "payments/", "payment_history/",
                     "bill_history/", "last_bill/", "previous_bill/"):
            assert_error(self, api("GET", "/customers/customers/99999999/"
                                   + view, token=self.tok), 404)

    def test_delete_customer_with_invoices_409(self):
        c, e, a, b, pa = self.make()
        r = api("DELETE", "/customers/customers/%d/" % c["id"],
                token=self.tok)
        assert_error(self, r, 409)
        self.assertEqual(self.m.call("GET", "/customers/customers/%d/"
                                     % c["id"])["total_billed"], 101.04)

    def test_views_need_bills_read(self):
        reader = access_token(create_user(perms=["customers:read"]))
        c = self.m.customer()
        for view in ("invoices/", "payments/", "last_bill/"):
            assert_error(self, api("GET", "/customers/customers/%d/%s"
                                   % (c["id"], view), token=reader), 403)
        self.assertEqual(api("GET", "/customers/customers/%d/" % c["id"],
                             token=reader).status, 200)


if __name__ == "__main__":
    main()
