#!/usr/bin/env python3
"""Payments and payment details (API.md §6): the invoice's paid amount,
balance and status follow every completed detail (unpaid, partial, paid),
a draft takes no payment (409), an overpayment is a 400 that changes
nothing, and changes and deletes recompute. Concurrency with real
parallel requests: 32 details posted at once to one invoice leave exactly
their sum, and two that together would overpay leave one accepted and
one refused. history/, by_customer/, bad input, permissions and
Idempotency-Key."""
import concurrent.futures
import os
import subprocess
import sys
import time
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, main  # noqa: E402
from accounts import access_token, create_user  # noqa: E402
from billing_money import Money, db_command, token  # noqa: E402


def hold_invoice_lock(invoice_id, seconds):
    """Another client of the stack's MariaDB takes the invoice's row lock
    and keeps it for seconds; returns the process (release() it) once
    the lock is held."""
    p = subprocess.Popen(db_command(), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True)
    p.stdin.write("START TRANSACTION;\nSELECT id FROM billing_invoices "
                  "WHERE id = %d FOR UPDATE;\n" % invoice_id)
    p.stdin.flush()
    if p.stdout.readline().strip() != str(invoice_id):
        raise AssertionError("could not lock invoice %d" % invoice_id)
    p.stdin.write("SELECT SLEEP(%d);\nCOMMIT;\n" % seconds)
    p.stdin.close()
    return p


def release(p):
    p.wait()
    p.stdout.close()


def state(inv):
    return (inv["total_bill_amount"], inv["total_paid_amount"],
            inv["total_balance_due"], inv["status"])


class Payments(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tok = token()

    def setUp(self):
        self.m = Money(self, self.tok)

    def test_status_follows_completed_details(self):
        c, e, inv = self.m.billed("100.00")
        self.assertEqual(state(inv), ("100.00", "0.00", "100.00", "unpaid"))
        p = self.m.payment(inv, payment_method="bKash",
                           remarks="Payment for " + inv["invoice_number"])
        self.assertEqual((p["customer_master_id"], p["total_amount"]),
                         (c["id"], "0.00"))
        # A pending detail does not count.
        pend = self.m.pay(p, "40.00", detail_status="pending")
        self.assertEqual(state(self.m.get_invoice(inv)),
                         ("100.00", "0.00", "100.00", "unpaid"))
        d1 = self.m.pay(p, "33.33")
        self.assertEqual(d1["invoice_master_id"], inv["id"])
        self.assertEqual(state(self.m.get_invoice(inv)),
                         ("100.00", "33.33", "66.67", "partial"))
        # Completing the pending one: 73.33.
        self.m.call("PATCH", "/payments/payment-details/%d/" % pend["id"],
                    {"status": "completed"})
        self.assertEqual(state(self.m.get_invoice(inv)),
                         ("100.00", "73.33", "26.67", "partial"))
        last = self.m.pay(p, "26.67")
        self.assertEqual(state(self.m.get_invoice(inv)),
                         ("100.00", "100.00", "0.00", "paid"))
        self.assertEqual(self.m.call("GET", "/payments/payments/%d/"
                                     % p["id"])["total_amount"], "100.00")
        # Changing an amount and deleting a detail recompute.
        self.m.call("PATCH", "/payments/payment-details/%d/" % last["id"],
                    {"pay_amount": "6.67"})
        self.assertEqual(state(self.m.get_invoice(inv)),
                         ("100.00", "80.00", "20.00", "partial"))
        self.m.call("DELETE", "/payments/payment-details/%d/" % d1["id"],
                    status=204)
        self.assertEqual(state(self.m.get_invoice(inv)),
                         ("100.00", "46.67", "53.33", "partial"))
        # Cancelling one does too; deleting the payment takes the rest.
        self.m.call("PATCH", "/payments/payment-details/%d/" % pend["id"],
                    {"status": "cancelled"})
        self.assertEqual(state(self.m.get_invoice(inv)),
                         ("100.00", "6.67", "93.33", "partial"))
        self.m.call("DELETE", "/payments/payments/%d/" % p["id"], status=204)
        self.assertEqual(state(self.m.get_invoice(inv)),
                         ("100.00", "0.00", "100.00", "unpaid"))
        self.m.call("GET", "/payments/payment-details/%d/" % pend["id"],
                    status=404)

    def test_a_zero_invoice_is_paid(self):
        c, e, inv = self.m.billed("0.00")
        self.assertEqual(state(inv), ("0.00", "0.00", "0.00", "paid"))

    def test_draft_takes_no_payment(self):
        c = self.m.customer()
        e = self.m.entitlement(c)
        inv = self.m.invoice(e, status="draft")
        self.m.line(inv, "10.00")
        r = api("POST", "/payments/payments/", {
            "payment_date": "2025-01-20", "payment_method": "Cash",
            "invoice_master_id": inv["id"]}, token=self.tok)
        assert_error(self, r, 409, "invoice_draft")
        # Issued, it takes one; back to draft, a completed detail is 409
        # (a pending one is fine).
        self.m.call("PATCH", "/bills/invoices/%d/" % inv["id"],
                    {"status": "unpaid"})
        p = self.m.payment(inv)
        self.m.call("PATCH", "/bills/invoices/%d/" % inv["id"],
                    {"status": "draft"})
        assert_error(self, api("POST", "/payments/payment-details/", {
            "payment_master_id": p["id"], "pay_amount": "1.00"},
            token=self.tok), 409, "invoice_draft")
        pend = self.m.pay(p, "1.00", detail_status="pending")
        assert_error(self, api("PATCH", "/payments/payment-details/%d/"
                               % pend["id"], {"status": "completed"},
                               token=self.tok), 409, "invoice_draft")
        self.assertEqual(state(self.m.get_invoice(inv)),
                         ("10.00", "0.00", "10.00", "draft"))

    def test_overpay_and_bad_amounts_change_nothing(self):
        c, e, inv = self.m.billed("50.00")
        p = self.m.payment(inv)
        d = self.m.pay(p, "49.99")
        for amount in ("0.02", "1000", "0.001", "-1.00", "0", "0.00", "abc",
                       "1e3", None):
            r = api("POST", "/payments/payment-details/", {
                "payment_master_id": p["id"], "pay_amount": amount},
                token=self.tok)
            assert_error(self, r, 400)
            self.assertIn("pay_amount", r.json["errors"], (amount, r))
        r = api("PATCH", "/payments/payment-details/%d/" % d["id"],
                {"pay_amount": "50.01"}, token=self.tok)
        assert_error(self, r, 400)
        self.assertIn("pay_amount", r.json["errors"])
        # A line taken off below what is paid: refused as well.
        line = self.m.call("GET", "/bills/invoice-details/"
                           "?invoice_master_id=%d" % inv["id"])[0]
        assert_error(self, api("PATCH", "/bills/invoice-details/%d/"
                               % line["id"], {"sub_total": "49.98"},
                               token=self.tok), 400)
        assert_error(self, api("DELETE", "/bills/invoice-details/%d/"
                               % line["id"], token=self.tok), 400)
        self.assertEqual(state(self.m.get_invoice(inv)),
                         ("50.00", "49.99", "0.01", "partial"))
        self.assertEqual(len(self.m.call("GET", "/payments/payment-details/"
                                         "?payment_master_id=%d"
                                         % p["id"])), 1)

    def test_bad_references(self):
        c, e, inv = self.m.billed("10.00")
        c2, e2, inv2 = self.m.billed("10.00")
        base = {"payment_date": "2025-01-20", "payment_method": "Cash"}
        for body, field in (
                (dict(base, invoice_master_id=99999999), "invoice_master_id"),
                (dict(base, invoice_master_id=inv["id"],
                      customer_entitlement_master_id=e2["id"]),
                 "customer_entitlement_master_id"),
                (dict(base, invoice_master_id=inv["id"],
                      payment_date="2025-02-31"), "payment_date"),
                ({"payment_method": "Cash", "invoice_master_id": inv["id"]},
                 "payment_date"),
                (dict(base, invoice_master_id=inv["id"], status="done"),
                 "status")):
            r = api("POST", "/payments/payments/", body, token=self.tok)
            assert_error(self, r, 400)
            self.assertIn(field, r.json["errors"], (body, r))
        p = self.m.payment(inv, customer_entitlement_master_id=e["id"])
        p2 = self.m.payment(inv2)
        # A payment cannot move to another (customer's) invoice, nor a
        # detail to another payment.
        r = api("PATCH", "/payments/payments/%d/" % p["id"],
                {"invoice_master_id": inv2["id"]}, token=self.tok)
        assert_error(self, r, 400)
        self.assertIn("invoice_master_id", r.json["errors"])
        d = self.m.pay(p, "1.00")
        r = api("PATCH", "/payments/payment-details/%d/" % d["id"],
                {"payment_master_id": p2["id"]}, token=self.tok)
        assert_error(self, r, 400)
        self.assertIn("payment_master_id", r.json["errors"])
        r = api("POST", "/payments/payment-details/", {
            "payment_master_id": 99999999, "pay_amount": "1.00"},
            token=self.tok)
        assert_error(self, r, 400)
        self.assertIn("payment_master_id", r.json["errors"])
        self.assertEqual(state(self.m.get_invoice(inv)),
                         ("10.00", "1.00", "9.00", "partial"))
        self.assertEqual(state(self.m.get_invoice(inv2)),
                         ("10.00", "0.00", "10.00", "unpaid"))
        for path in ("/payments/payments/99999999/",
                     "/payments/payment-details/99999999/"):
            assert_error(self, api("PATCH", path, {"remarks": "x"},
                                   token=self.tok), 404)
            assert_error(self, api("DELETE", path, token=self.tok), 404)

    def test_32_parallel_details_to_one_invoice_leave_their_sum(self):
        """Each worker locks the invoice row before it reads the sums, so
        none of the 32 is lost however they interleave (without the lock
        two would read the same total and one update would win)."""
        c, e, inv = self.m.billed("100000.00")
        p = self.m.payment(inv)
        amounts = ["%d.%02d" % (10 + i, (i * 37) % 100) for i in range(32)]
        expected = sum(int(a.replace(".", "")) for a in amounts)

        def pay(a):
            return api("POST", "/payments/payment-details/",
                       {"payment_master_id": p["id"], "pay_amount": a},
                       token=self.tok)
        with concurrent.futures.ThreadPoolExecutor(32) as pool:
            got = list(pool.map(pay, amounts))
        self.assertEqual([r.status for r in got], [201] * 32, [
            r for r in got if r.status != 201])
        inv = self.m.get_invoice(inv)
        paid = "%d.%02d" % divmod(expected, 100)
        due = "%d.%02d" % divmod(10000000 - expected, 100)
        self.assertEqual(state(inv), ("100000.00", paid, due, "partial"))
        self.assertEqual(self.m.call("GET", "/payments/payments/%d/"
                                     % p["id"])["total_amount"], paid)

    def test_two_that_together_overpay_leave_one(self):
        """Ten rounds of two payments of 60.00 against a balance of 100.00
        posted at once: in each, exactly one is accepted and the other is
        refused with a 400, never both."""
        for _ in range(10):
            c, e, inv = self.m.billed("100.00")
            p1 = self.m.payment(inv)
            p2 = self.m.payment(inv)

            def pay(p):
                return api("POST", "/payments/payment-details/",
                           {"payment_master_id": p["id"],
                            "pay_amount": "60.00"}, token=self.tok)
            with concurrent.futures.ThreadPoolExecutor(2) as pool:
                got = list(pool.map(pay, [p1, p2]))
            self.assertEqual(sorted(r.status for r in got), [201, 400], got)
            for r in got:
                if r.status == 400:
                    assert_error(self, r, 400)
            self.assertEqual(state(self.m.get_invoice(inv)),
                             ("100.00", "60.00", "40.00", "partial"))

    def test_lock_wait_is_retried_and_never_half_applied(self):
        """The server waits CL_DB_LOCK_WAIT (5) seconds for a row lock.
        Held for 7, the payment's first attempt times out, is rolled back
        whole and runs again: one 201, one detail counted once. Held
        for longer than every attempt together (4 x 5 s), the answer is a
        409 and nothing is written."""
        c, e, inv = self.m.billed("100.00")
        p = self.m.payment(inv)
        holder = hold_invoice_lock(inv["id"], 7)
        t0 = time.monotonic()
        r = api("POST", "/payments/payment-details/",
                {"payment_master_id": p["id"], "pay_amount": "12.34"},
                token=self.tok)
        took = time.monotonic() - t0
        release(holder)
        self.assertEqual(r.status, 201, r)
        self.assertGreater(took, 5.5)
        self.assertEqual(state(self.m.get_invoice(inv)),
                         ("100.00", "12.34", "87.66", "partial"))
        self.assertEqual(len(self.m.call("GET", "/payments/payment-details/"
                                         "?payment_master_id=%d"
                                         % p["id"])), 1)
        holder = hold_invoice_lock(inv["id"], 24)
        r = api("POST", "/payments/payment-details/",
                {"payment_master_id": p["id"], "pay_amount": "1.00"},
                token=self.tok)
        release(holder)
        assert_error(self, r, 409, "conflict")
        self.assertEqual(state(self.m.get_invoice(inv)),
                         ("100.00", "12.34", "87.66", "partial"))
        self.assertEqual(len(self.m.call("GET", "/payments/payment-details/"
                                         "?payment_master_id=%d"
                                         % p["id"])), 1)

    def test_parallel_details_to_many_invoices(self):
        invs = [self.m.billed("10.00")[2] for _ in range(8)]
        pays = [self.m.payment(i) for i in invs]

        def pay(p):
            return api("POST", "/payments/payment-details/",
                       {"payment_master_id": p["id"], "pay_amount": "2.50"},
                       token=self.tok)
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            got = list(pool.map(pay, pays * 4))
        self.assertEqual([r.status for r in got], [201] * 32)
        for i in invs:
            self.assertEqual(state(self.m.get_invoice(i)),
                             ("10.00", "10.00", "0.00", "paid"))

    def test_lists_history_and_by_customer(self):
        c, e, inv = self.m.billed("500.00")
        p1 = self.m.payment(inv, payment_date="2025-01-05",
                            payment_method="Cash")
        p2 = self.m.payment(inv, payment_date="2025-02-05",
                            payment_method="Bank Transfer", status="pending")
        self.m.pay(p1, "100.10")
        self.m.pay(p2, "50.05")
        self.m.pay(p2, "9.99", detail_status="failed")
        ids = lambda rows: [x["id"] for x in rows]  # noqa: E731
        base = "/payments/payments/?customer_id=%d" % c["id"]
        self.assertEqual(ids(self.m.call("GET", base)), [p1["id"], p2["id"]])
        self.assertEqual(ids(self.m.call("GET", base + "&status=pending")),
                         [p2["id"]])
        self.assertEqual(ids(self.m.call("GET", base +
                                         "&payment_method=Cash")),
                         [p1["id"]])
        self.assertEqual(ids(self.m.call("GET", base +
                                         "&start_date=2025-02-01")),
                         [p2["id"]])
        self.assertEqual(ids(self.m.call("GET", base +
                                         "&end_date=2025-01-31")),
                         [p1["id"]])
        h = api("GET", "/payments/payments/history/?customer_id=%d"
                % c["id"], token=self.tok)
        self.assertEqual(h.status, 200, h)
        self.assertEqual((ids(h.json["payments"]), h.json["count"]),
                         ([p1["id"], p2["id"]], 2))
        self.assertIn(b'"totals":{"total_received":150.15}', h.body)
        bc = api("GET", "/payments/payments/by_customer/?customer_id=%d"
                 % c["id"], token=self.tok)
        self.assertEqual(bc.status, 200, bc)
        self.assertEqual(bc.json, [{"customer_id": c["id"],
                                    "customer_name": c["customer_name"],
                                    "total_received": 150.15,
                                    "payment_count": 2}])
        self.assertIn(b'"total_received":150.15', bc.body)
        bc = self.m.call("GET", "/payments/payments/by_customer/"
                         "?customer_id=%d&start_date=2025-02-01"
                         "&end_date=2025-02-28" % c["id"])
        self.assertEqual([(x["total_received"], x["payment_count"])
                          for x in bc], [(50.05, 1)])
        details = self.m.call("GET", "/payments/payment-details/"
                              "?invoice_master_id=%d&status=completed"
                              % inv["id"])
        self.assertEqual([x["pay_amount"] for x in details],
                         ["100.10", "50.05"])
        for path in ("/payments/payments/by_customer/?customer_id=x",
                     "/payments/payments/by_customer/?start_date=2025-02-30",
                     "/payments/payments/by_customer/?start_date=2025-02-02"
                     "&end_date=2025-02-01",
                     "/payments/payments/history/?start_date=2025-02-02"
                     "&end_date=2025-02-01",
                     base + "&status=done"):
            assert_error(self, api("GET", path, token=self.tok), 400)

    def test_permissions(self):
        reader = access_token(create_user(perms=["bills:read"]))
        c, e, inv = self.m.billed("5.00")
        p = self.m.payment(inv)
        assert_error(self, api("POST", "/payments/payments/", {
            "payment_date": "2025-01-01", "payment_method": "Cash",
            "invoice_master_id": inv["id"]}, token=reader), 403)
        assert_error(self, api("POST", "/payments/payment-details/", {
            "payment_master_id": p["id"], "pay_amount": "1.00"},
            token=reader), 403)
        assert_error(self, api("DELETE", "/payments/payments/%d/" % p["id"],
                               token=reader), 403)
        assert_error(self, api("GET", "/payments/payments/"), 401)
        self.assertEqual(api("GET", "/payments/payments/%d/" % p["id"],
                             token=reader).status, 200)

    def test_idempotent_payment_detail(self):
        c, e, inv = self.m.billed("10.00")
        p = self.m.payment(inv)
        h = {"Idempotency-Key": uuid.uuid4().hex}
        body = {"payment_master_id": p["id"], "pay_amount": "4.00"}

        def send(_):
            return api("POST", "/payments/payment-details/", body,
                       token=self.tok, headers=h)
        with concurrent.futures.ThreadPoolExecutor(6) as pool:
            got = list(pool.map(send, range(6)))
        self.assertEqual({r.status for r in got}, {201})
        self.assertEqual(len({r.body for r in got}), 1)
        self.assertEqual(sum(1 for r in got
                             if r.headers.get("idempotent-replayed")), 5)
        self.assertEqual(state(self.m.get_invoice(inv)),
                         ("10.00", "4.00", "6.00", "partial"))
        assert_error(self, api("POST", "/payments/payment-details/",
                               dict(body, pay_amount="4.01"),
                               token=self.tok, headers=h), 422)
        # A payment with a key: replayed, one payment.
        hp = {"Idempotency-Key": uuid.uuid4().hex}
        pb = {"payment_date": "2025-01-20", "payment_method": "Cash",
              "invoice_master_id": inv["id"]}
        a = api("POST", "/payments/payments/", pb, token=self.tok, headers=hp)
        b = api("POST", "/payments/payments/", pb, token=self.tok, headers=hp)
        self.assertEqual((a.status, b.status, a.body), (201, 201, b.body))
        self.assertEqual(len(self.m.call("GET", "/payments/payments/"
                                         "?invoice_master_id=%d"
                                         % inv["id"])), 2)


if __name__ == "__main__":
    main()
