#!/usr/bin/env python3
"""Invoices and their lines (API.md §6): /bills/invoices/ CRUD, the
INV<YYYY><nnnn> numbers (unique under concurrent creates), line
arithmetic in cents rounded half up per line, the invoice recomputed in
the same transaction on every change, auto_calculate and auto_generate
with proration, history/, the 409s of deletes, bad input changing
nothing, permissions, Idempotency-Key and the audit rows."""
import concurrent.futures
import json
import os
import re
import sys
import time
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, ctl, main  # noqa: E402
from accounts import access_token, create_user  # noqa: E402
from billing_money import Money, sql, token  # noqa: E402

MONEY = ("sub_total", "vat_amount", "discount_amount", "total_bill_amount",
         "total_paid_amount", "total_balance_due")


def money(inv):
    return tuple(inv[k] for k in MONEY)


def audit(table, row_id):
    out = ctl("audit", "list", "--table", table, "--id", str(row_id)).stdout
    return [json.loads(x) for x in out.splitlines() if x.strip()]


class Invoices(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tok = token()

    def setUp(self):
        self.m = Money(self, self.tok)

    def test_create_numbers_and_defaults(self):
        c = self.m.customer()
        e = self.m.entitlement(c)
        inv = self.m.call("POST", "/bills/invoices/", {
            "customer_entitlement_master_id": e["id"],
            "issue_date": "2031-03-05",
            # Totals and the number are the server's: ignored.
            "total_bill_amount": "5.00", "invoice_number": "X",
            "customer_master_id": 999999}, 201)
        self.assertRegex(inv["invoice_number"], r"^INV2031\d{4}$")
        self.assertEqual(inv["customer_master_id"], c["id"])
        self.assertEqual(inv["status"], "draft")
        self.assertEqual(money(inv), ("0.00",) * 6)
        infos = self.m.call("GET", "/utility/utility-info/")
        self.assertEqual(inv["information_master_id"],
                         min(i["id"] for i in infos) if infos else None)
        self.assertEqual(self.m.call("GET", "/bills/invoices/%d/"
                                     % inv["id"]), inv)
        # The customer's last_bill_invoice_date follows its invoices.
        self.assertEqual(self.m.call("GET", "/customers/customers/%d/"
                                     % c["id"])["last_bill_invoice_date"],
                         "2031-03-05")
        self.m.call("PATCH", "/bills/invoices/%d/" % inv["id"],
                    {"issue_date": "2031-04-01"})
        self.assertEqual(self.m.call("GET", "/customers/customers/%d/"
                                     % c["id"])["last_bill_invoice_date"],
                         "2031-04-01")

    def test_numbers_unique_and_consecutive_under_concurrency(self):
        """16 creates at once in a year nobody else uses take 16 distinct
        numbers of that year, one after another (a locked sequence row,
        not MAX()+1)."""
        year = 3000 + uuid.uuid4().int % 5000
        c = self.m.customer()
        e = self.m.entitlement(c)

        def make(_):
            return api("POST", "/bills/invoices/", {
                "customer_entitlement_master_id": e["id"],
                "issue_date": "%d-06-01" % year}, token=self.tok)
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            got = list(pool.map(make, range(16)))
        for r in got:
            self.assertEqual(r.status, 201, r)
        nums = sorted(r.json["invoice_number"] for r in got)
        self.assertEqual(nums, ["INV%d%04d" % (year, i)
                                for i in range(1, 17)])

    def test_line_arithmetic_half_up_per_line(self):
        c, e, inv = self.m.billed("0.00")
        # 10.05 at 15%: VAT 1.5075 -> 1.51; 5% discount 0.5025 -> 0.50.
        l1 = self.m.line(inv, "10.05", "15.00", "5.00")
        self.assertEqual((l1["vat_amount"], l1["discount_amount"],
                          l1["line_total"]), ("1.51", "0.50", "11.06"))
        # Three lines of 0.10 at 5%: 0.005 each -> 0.01 each, so 0.03,
        # where 5% of their sum would round 0.015 to 0.02.
        for _ in range(3):
            self.assertEqual(self.m.line(inv, "0.10", "5")["vat_amount"],
                             "0.01")
        got = self.m.get_invoice(inv)
        self.assertEqual(money(got), ("10.35", "1.54", "0.50", "11.39",
                                      "0.00", "11.39"))
        self.assertEqual(got["status"], "unpaid")
        # Changing a line recomputes: 10.05 -> 20.30 at 15% = 3.045 ->
        # 3.05, 5% = 1.015 -> 1.02.
        l1b = self.m.call("PATCH", "/bills/invoice-details/%d/" % l1["id"],
                          {"sub_total": "20.30"})
        self.assertEqual((l1b["vat_amount"], l1b["discount_amount"],
                          l1b["line_total"]), ("3.05", "1.02", "22.33"))
        self.assertEqual(money(self.m.get_invoice(inv)),
                         ("20.60", "3.08", "1.02", "22.66", "0.00",
                          "22.66"))
        # Deleting it recomputes too.
        self.m.call("DELETE", "/bills/invoice-details/%d/" % l1["id"],
                    status=204)
        self.assertEqual(money(self.m.get_invoice(inv)),
                         ("0.30", "0.03", "0.00", "0.33", "0.00", "0.33"))
        lines = self.m.call("GET", "/bills/invoice-details/"
                            "?invoice_master_id=%d" % inv["id"])
        self.assertEqual(len(lines), 4)  # billed()'s 0.00 and three
        self.m.call("GET", "/bills/invoice-details/%d/" % l1["id"],
                    status=404)

    def test_bad_lines_change_nothing(self):
        c, e, inv = self.m.billed("100.00")
        other = self.m.billed("1.00")[2]
        before = self.m.get_invoice(inv)
        bad = [({"sub_total": "0.001"}, "sub_total"),
               ({"sub_total": "-1.00"}, "sub_total"),
               ({"sub_total": "1.00", "vat_rate": "100.01"}, "vat_rate"),
               ({"sub_total": "1.00", "vat_rate": "-1"}, "vat_rate"),
               ({"sub_total": "1.00", "sub_discount_rate": "101"},
                "sub_discount_rate"),
               ({"sub_total": "1.00", "vat_rate": "1.005"}, "vat_rate"),
               ({"sub_total": "1.00", "entitlement_details_id": 99999999},
                "entitlement_details_id")]
        for body, field in bad:
            body = dict(body, invoice_master_id=inv["id"])
            r = api("POST", "/bills/invoice-details/", body, token=self.tok)
            assert_error(self, r, 400)
            self.assertIn(field, r.json["errors"], (body, r))
        r = api("POST", "/bills/invoice-details/",
                {"invoice_master_id": 99999999, "sub_total": "1.00"},
                token=self.tok)
        assert_error(self, r, 400)
        self.assertIn("invoice_master_id", r.json["errors"])
        # A line cannot move to another invoice.
        line = self.m.call("GET", "/bills/invoice-details/"
                           "?invoice_master_id=%d" % inv["id"])[0]
        r = api("PATCH", "/bills/invoice-details/%d/" % line["id"],
                {"invoice_master_id": other["id"]}, token=self.tok)
        assert_error(self, r, 400)
        self.assertIn("invoice_master_id", r.json["errors"])
        # A detail of another entitlement is not this invoice's.
        c2 = self.m.customer()
        e2 = self.m.entitlement(c2)
        d2 = self.m.call("POST", "/customers/entitlements/%d/details/"
                         % e2["id"], {"bandwidth_details": [{
                             "bandwidth_type": "ipt", "mbps": 1,
                             "unit_price": 1, "start_date": "2025-01-01",
                             "end_date": "2025-01-31"}]}, 201)[0]
        r = api("POST", "/bills/invoice-details/", {
            "invoice_master_id": inv["id"], "sub_total": "1.00",
            "entitlement_details_id": d2["id"]}, token=self.tok)
        assert_error(self, r, 400)
        self.assertIn("entitlement_details_id", r.json["errors"])
        after = self.m.get_invoice(inv)
        self.assertEqual(after, before)
        self.assertEqual(self.m.get_invoice(other)["total_bill_amount"],
                         "1.00")

    def test_bad_invoices_change_nothing(self):
        c, e, inv = self.m.billed("10.00")
        for body, field in (
                ({"customer_entitlement_master_id": 99999999,
                  "issue_date": "2025-01-01"},
                 "customer_entitlement_master_id"),
                ({"customer_entitlement_master_id": e["id"],
                  "issue_date": "2025-02-30"}, "issue_date"),
                ({"customer_entitlement_master_id": e["id"],
                  "issue_date": "2025-01-01", "status": "void"}, "status"),
                ({"customer_entitlement_master_id": e["id"],
                  "issue_date": "2025-01-01",
                  "information_master_id": 99999999},
                 "information_master_id")):
            r = api("POST", "/bills/invoices/", body, token=self.tok)
            assert_error(self, r, 400)
            self.assertIn(field, r.json["errors"], r)
        e2 = self.m.entitlement(c)
        r = api("PATCH", "/bills/invoices/%d/" % inv["id"],
                {"customer_entitlement_master_id": e2["id"]}, token=self.tok)
        assert_error(self, r, 400)
        self.assertEqual(self.m.call("GET", "/bills/invoices/?customer_id=%d"
                                     % c["id"]), [inv])

    def test_update_recomputes_and_draft_rules(self):
        c, e, inv = self.m.billed("50.00")
        # Back to draft is fine while nothing is paid...
        d = self.m.call("PATCH", "/bills/invoices/%d/" % inv["id"],
                        {"status": "draft"})
        self.assertEqual(d["status"], "draft")
        # ...and "paid" is not the client's to say: the balance decides.
        u = self.m.call("PATCH", "/bills/invoices/%d/" % inv["id"],
                        {"status": "paid"})
        self.assertEqual(u["status"], "unpaid")
        p = self.m.payment(inv)
        self.m.pay(p, "20.00")
        r = api("PATCH", "/bills/invoices/%d/" % inv["id"],
                {"status": "draft"}, token=self.tok)
        assert_error(self, r, 409)
        got = self.m.get_invoice(inv)
        self.assertEqual(got["status"], "partial")
        self.assertEqual(got["total_balance_due"], "30.00")
        # PUT takes the whole body; totals stay the server's.
        put = self.m.call("PUT", "/bills/invoices/%d/" % inv["id"], {
            "customer_entitlement_master_id": e["id"],
            "issue_date": "2025-02-01", "status": "unpaid",
            "remarks": "moved", "total_paid_amount": "0.00"})
        self.assertEqual((put["issue_date"], put["remarks"], put["status"],
                          put["total_paid_amount"]),
                         ("2025-02-01", "moved", "partial", "20.00"))

    def test_auto_calculate_prorates_the_billing_month(self):
        """February 2024 (29 days): a detail over the whole month, one
        from the 10th on, one ending on the 5th, one outside it, and an
        inactive one. VAT from the named utility info."""
        c = self.m.customer()
        e = self.m.entitlement(c)
        rows = [("ipt", 10, "20.00", "2024-01-01", "2024-03-31", True),
                ("gcc", 7, "33.33", "2024-02-10", "2024-05-01", True),
                ("cdn", 3, "10.00", "2023-12-01", "2024-02-05", True),
                ("nix", 5, "99.00", "2024-03-01", "2024-03-31", True),
                ("other", 5, "99.00", "2024-02-01", "2024-02-29", False)]
        made = self.m.call("POST", "/customers/entitlements/%d/details/"
                           % e["id"], {"bandwidth_details": [
                               {"bandwidth_type": t, "mbps": m,
                                "unit_price": p, "start_date": s,
                                "end_date": en, "is_active": a}
                               for t, m, p, s, en, a in rows]}, 201)
        name = "VAT " + uuid.uuid4().hex[:8]
        info = int(ctl("utility", "create", "--name", name,
                       "--vat-rate", "7.50").stdout.strip())
        inv = self.m.call("POST", "/bills/invoices/", {
            "customer_entitlement_master_id": e["id"],
            "issue_date": "2024-02-14", "information_master_id": info,
            "status": "unpaid", "auto_calculate": True}, 201)
        lines = self.m.call("GET", "/bills/invoice-details/"
                            "?invoice_master_id=%d" % inv["id"])
        # 10 x 20.00 x 29/29 = 200.00; 7 x 33.33 x 20/29 = 160.8965.. ->
        # 160.90; 3 x 10.00 x 5/29 = 5.1724.. -> 5.17. VAT 7.5% per line:
        # 15.00, 12.0675 -> 12.07, 0.38775 -> 0.39.
        self.assertEqual([(x["entitlement_details_id"], x["sub_total"],
                           x["vat_rate"], x["vat_amount"],
                           x["discount_amount"], x["line_total"])
                          for x in lines],
                         [(made[0]["id"], "200.00", "7.50", "15.00", "0.00",
                           "215.00"),
                          (made[1]["id"], "160.90", "7.50", "12.07", "0.00",
                           "172.97"),
                          (made[2]["id"], "5.17", "7.50", "0.39", "0.00",
                           "5.56")])
        self.assertEqual(money(inv), ("366.07", "27.46", "0.00", "393.53",
                                      "0.00", "393.53"))
        self.assertEqual(inv["status"], "unpaid")

    def test_auto_generate_channel_partner_month_of_30_days(self):
        c = self.m.customer("channel_partner")
        e = self.m.entitlement(c)
        self.m.call("POST", "/customers/entitlements/%d/details/" % e["id"],
                    {"channel_partner_details": [
                        {"mbps": 10, "unit_price": 20,
                         "custom_mac_percentage_share": 45,
                         "start_date": "2025-04-01",
                         "end_date": "2025-04-30"},
                        {"mbps": 20, "unit_price": 50,
                         "custom_mac_percentage_share": "12.5",
                         "start_date": "2025-04-17",
                         "end_date": "2025-06-30"}]}, 201)
        info = int(ctl("utility", "create", "--name",
                       "Zero " + uuid.uuid4().hex[:8]).stdout.strip())
        inv = self.m.call("POST", "/bills/invoices/auto_generate/", {
            "entitlement_id": e["id"], "information_master_id": info,
            "issue_date": "2025-04-30"}, 201)
        # 10 x 20 x 45% = 90.00; 20 x 50 x 14/30 x 12.5% = 58.333.. ->
        # 58.33; VAT 0.
        lines = self.m.call("GET", "/bills/invoice-details/"
                            "?invoice_master_id=%d" % inv["id"])
        self.assertEqual([x["sub_total"] for x in lines], ["90.00", "58.33"])
        self.assertEqual(money(inv), ("148.33", "0.00", "0.00", "148.33",
                                      "0.00", "148.33"))
        self.assertEqual(inv["status"], "unpaid")
        self.assertRegex(inv["invoice_number"], r"^INV2025\d{4}$")
        r = api("POST", "/bills/invoices/auto_generate/",
                {"entitlement_id": 99999999}, token=self.tok)
        assert_error(self, r, 400)
        self.assertIn("entitlement_id", r.json["errors"])
        assert_error(self, api("POST", "/bills/invoices/auto_generate/", {},
                               token=self.tok), 400)

    def test_deletes_and_their_409s(self):
        c = self.m.customer()
        e = self.m.entitlement(c)
        d = self.m.call("POST", "/customers/entitlements/%d/details/"
                        % e["id"], {"bandwidth_details": [{
                            "bandwidth_type": "ipt", "mbps": 1,
                            "unit_price": 31, "start_date": "2025-01-01",
                            "end_date": "2025-01-31"}]}, 201)[0]
        inv = self.m.invoice(e, auto_calculate=True)
        self.assertEqual(inv["sub_total"], "31.00")
        # The entitlement, its detail and the customer are in use.
        assert_error(self, api("DELETE", "/customers/entitlement-details/%d/"
                               % d["id"], token=self.tok), 409)
        assert_error(self, api("DELETE", "/customers/entitlements/%d/"
                               % e["id"], token=self.tok), 409)
        assert_error(self, api("DELETE", "/customers/customers/%d/"
                               % c["id"], token=self.tok), 409)
        p = self.m.payment(inv)
        assert_error(self, api("DELETE", "/bills/invoices/%d/" % inv["id"],
                               token=self.tok), 409)
        pd = self.m.pay(p, "1.00")
        self.m.call("DELETE", "/payments/payments/%d/" % p["id"], status=204)
        # The details that went with the payment are in the audit log.
        rows = audit("billing_payment_details", pd["id"])
        self.assertEqual([x["action"] for x in rows], ["create", "delete"])
        self.assertEqual(rows[-1]["before"]["pay_amount"], "1.00")
        self.assertEqual(self.m.get_invoice(inv)["total_paid_amount"],
                         "0.00")
        line = self.m.call("GET", "/bills/invoice-details/"
                           "?invoice_master_id=%d" % inv["id"])[0]
        self.m.call("DELETE", "/bills/invoices/%d/" % inv["id"], status=204)
        rows = audit("billing_invoice_details", line["id"])
        self.assertEqual([x["action"] for x in rows], ["create", "delete"])
        self.assertEqual(rows[-1]["before"]["sub_total"], "31.00")
        self.assertEqual(audit("billing_invoices", inv["id"])[-1]["action"],
                         "delete")
        self.assertEqual(self.m.call("GET", "/bills/invoice-details/"
                                     "?invoice_master_id=%d" % inv["id"],
                                     status=400)["code"], "validation_error")
        self.assertIsNone(self.m.call("GET", "/customers/customers/%d/"
                                      % c["id"])["last_bill_invoice_date"])
        self.m.call("DELETE", "/customers/entitlements/%d/" % e["id"],
                    status=204)

    def test_list_filters_search_and_history(self):
        c = self.m.customer()
        e = self.m.entitlement(c)
        a = self.m.invoice(e, issue="2025-01-10")
        self.m.line(a, "100.00")
        b = self.m.invoice(e, issue="2025-02-10")
        self.m.line(b, "50.25")
        self.m.pay(self.m.payment(b), "10.10")
        base = "/bills/invoices/?customer_id=%d" % c["id"]
        ids = lambda rows: [x["id"] for x in rows]  # noqa: E731
        self.assertEqual(ids(self.m.call("GET", base)), [a["id"], b["id"]])
        self.assertEqual(ids(self.m.call("GET", base + "&status=partial")),
                         [b["id"]])
        self.assertEqual(ids(self.m.call("GET", base +
                                         "&start_date=2025-02-01")),
                         [b["id"]])
        self.assertEqual(ids(self.m.call("GET", base +
                                         "&end_date=2025-01-31")), [a["id"]])
        self.assertEqual(ids(self.m.call("GET", "/bills/invoices/?search="
                                         + e["bill_number"].lower())),
                         [a["id"], b["id"]])
        self.assertEqual(ids(self.m.call("GET", "/bills/invoices/?search="
                                         + b["invoice_number"])), [b["id"]])
        self.assertEqual(ids(self.m.call("GET", base +
                                         "&ordering=-issue_date")),
                         [b["id"], a["id"]])
        env = self.m.call("GET", base + "&limit=1")
        self.assertEqual((env["count"], ids(env["results"])), (2, [a["id"]]))
        for q, field in (("&status=void", "status"),
                         ("&ordering=remarks", "ordering"),
                         ("&start_date=2025-13-01", "start_date")):
            r = api("GET", base + q, token=self.tok)
            assert_error(self, r, 400)
            self.assertIn(field, r.json["errors"])
        h = api("GET", "/bills/invoices/history/?customer_id=%d" % c["id"],
                token=self.tok)
        self.assertEqual(h.status, 200, h)
        self.assertEqual(ids(h.json["invoices"]), [a["id"], b["id"]])
        self.assertEqual(h.json["count"], 2)
        # Aggregates are JSON numbers written with two decimals.
        self.assertRegex(h.body.decode(), r'"totals":\{"total_billed":'
                         r'150\.25,"total_paid":10\.10,"total_due":140\.15\}')
        h = self.m.call("GET", "/bills/invoices/history/?customer_id=%d"
                        "&start_date=2025-02-01&end_date=2025-02-28"
                        % c["id"])
        self.assertEqual((h["count"], ids(h["invoices"])), (1, [b["id"]]))
        # period=monthly/weekly hold today: these 2025 invoices are not.
        for period in ("monthly", "weekly"):
            h = self.m.call("GET", "/bills/invoices/history/?customer_id=%d"
                            "&period=%s" % (c["id"], period))
            self.assertEqual((h["count"], h["invoices"]), (0, []))
        for q, field in (("&period=daily", "period"),
                         ("&start_date=2025-03-01&end_date=2025-02-01",
                          "end_date")):
            r = api("GET", "/bills/invoices/history/?customer_id=%d%s"
                    % (c["id"], q), token=self.tok)
            assert_error(self, r, 400)
            self.assertIn(field, r.json["errors"], r)
        for q in ("customer_id=abc", "customer_id=99999999"):
            r = api("GET", "/bills/invoices/history/?" + q, token=self.tok)
            assert_error(self, r, 400)
            self.assertIn("customer_id", r.json["errors"], r)

    def test_history_period_holds_today(self):
        import datetime
        today = datetime.datetime.now(datetime.timezone.utc).date()
        c = self.m.customer()
        e = self.m.entitlement(c)
        inv = self.m.invoice(e, issue=today.isoformat())
        self.m.line(inv, "12.34")
        for period in ("monthly", "weekly"):
            h = self.m.call("GET", "/bills/invoices/history/?customer_id=%d"
                            "&period=%s" % (c["id"], period))
            self.assertEqual([x["id"] for x in h["invoices"]], [inv["id"]])
            self.assertEqual(h["totals"]["total_due"], 12.34)

    def test_permissions(self):
        reader = access_token(create_user(perms=["bills:read"]))
        creator = access_token(create_user(perms=["bills:create"]))
        c, e, inv = self.m.billed("5.00")
        self.assertEqual(api("GET", "/bills/invoices/%d/" % inv["id"],
                             token=reader).status, 200)
        assert_error(self, api("GET", "/bills/invoices/"), 401)
        assert_error(self, api("POST", "/bills/invoices/", {
            "customer_entitlement_master_id": e["id"],
            "issue_date": "2025-01-01"}, token=reader), 403)
        assert_error(self, api("PATCH", "/bills/invoices/%d/" % inv["id"],
                               {"remarks": "x"}, token=creator), 403)
        assert_error(self, api("DELETE", "/bills/invoice-details/1/",
                               token=creator), 403)
        assert_error(self, api("GET", "/bills/invoices/",
                               token=creator), 403)
        r = api("POST", "/bills/invoice-details/", {
            "invoice_master_id": inv["id"], "sub_total": "1.00"},
            token=creator)
        self.assertEqual(r.status, 201, r)

    def test_idempotency_key(self):
        c = self.m.customer()
        e = self.m.entitlement(c)
        key = "inv-" + uuid.uuid4().hex
        body = {"customer_entitlement_master_id": e["id"],
                "issue_date": "2025-05-05"}
        h = {"Idempotency-Key": key}
        first = api("POST", "/bills/invoices/", body, token=self.tok,
                    headers=h)
        self.assertEqual(first.status, 201, first)
        again = api("POST", "/bills/invoices/", body, token=self.tok,
                    headers=h)
        self.assertEqual((again.status, again.body),
                         (first.status, first.body))
        self.assertEqual(again.headers.get("idempotent-replayed"), "true")
        # The trailing slash is optional (API.md §1): the same request.
        bare = api("POST", "/bills/invoices", body, token=self.tok,
                   headers=h)
        self.assertEqual((bare.status, bare.body), (201, first.body))
        self.assertEqual(len(self.m.call("GET", "/bills/invoices/"
                                         "?customer_id=%d" % c["id"])), 1)
        other = api("POST", "/bills/invoices/", dict(body,
                    issue_date="2025-05-06"), token=self.tok, headers=h)
        assert_error(self, other, 422, "idempotency_key_reused")
        # Keys are per caller: another caller's same key is its own.
        tok2 = token()
        r = api("POST", "/bills/invoices/", body, token=tok2, headers=h)
        self.assertEqual(r.status, 201, r)
        self.assertNotEqual(r.json["id"], first.json["id"])
        # A bad key is a 400; a request that failed stored nothing, so
        # its retry runs (and here fails again the same way).
        assert_error(self, api("POST", "/bills/invoices/", body,
                               token=self.tok,
                               headers={"Idempotency-Key": "x" * 256}), 400)
        k2 = {"Idempotency-Key": "bad-" + uuid.uuid4().hex}
        for _ in range(2):
            assert_error(self, api("POST", "/bills/invoices/",
                                   {"issue_date": "2025-01-01"},
                                   token=self.tok, headers=k2), 400)
        self.assertEqual(len(self.m.call("GET", "/bills/invoices/"
                                         "?customer_id=%d" % c["id"])), 2)

    def test_idempotency_key_lapses_after_24_hours_and_is_pruned(self):
        c = self.m.customer()
        e = self.m.entitlement(c)
        key = "old-" + uuid.uuid4().hex
        body = {"customer_entitlement_master_id": e["id"],
                "issue_date": "2025-05-05"}
        first = api("POST", "/bills/invoices/", body, token=self.tok,
                    headers={"Idempotency-Key": key})
        self.assertEqual(first.status, 201, first)
        # 25 hours later the key answers nothing: the POST runs again.
        sql("UPDATE idempotency_keys SET created_at = created_at - "
            "INTERVAL 25 HOUR WHERE idem_key = '%s'" % key)
        again = api("POST", "/bills/invoices/", body, token=self.tok,
                    headers={"Idempotency-Key": key})
        self.assertEqual(again.status, 201, again)
        self.assertNotEqual(again.json["id"], first.json["id"])
        self.assertIsNone(again.headers.get("idempotent-replayed"))
        # The jobs child (every jobs_interval, 10 s on the test stack)
        # deletes rows past the 24 hours.
        sql("UPDATE idempotency_keys SET created_at = created_at - "
            "INTERVAL 25 HOUR WHERE idem_key = '%s'" % key)
        count = "SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = '%s'" % key
        deadline = time.monotonic() + 60
        while sql(count) != ["0"] and time.monotonic() < deadline:
            time.sleep(1)
        self.assertEqual(sql(count), ["0"])

    def test_idempotency_key_concurrent_repeats_apply_once(self):
        c, e, inv = self.m.billed("0.00")
        h = {"Idempotency-Key": "line-" + uuid.uuid4().hex}
        body = {"invoice_master_id": inv["id"], "sub_total": "7.77"}

        def send(_):
            return api("POST", "/bills/invoice-details/", body,
                       token=self.tok, headers=h)
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            got = list(pool.map(send, range(8)))
        self.assertEqual({r.status for r in got}, {201}, got)
        self.assertEqual({r.json["id"] for r in got}, {got[0].json["id"]})
        self.assertEqual(self.m.get_invoice(inv)["total_bill_amount"],
                         "7.77")

    def test_audit_rows_of_money_changes(self):
        c, e, inv = self.m.billed("0.00")
        line = self.m.line(inv, "10.00", "15")
        rows = audit("billing_invoice_details", line["id"])
        self.assertEqual([x["action"] for x in rows], ["create"])
        self.assertEqual(rows[0]["after"]["vat_amount"], "1.50")
        rows = audit("billing_invoices", inv["id"])
        last = rows[-1]
        self.assertEqual(last["action"], "update")
        self.assertEqual((last["before"]["total_bill_amount"],
                          last["after"]["total_bill_amount"]),
                         ("0.00", "11.50"))
        self.m.call("DELETE", "/bills/invoice-details/%d/" % line["id"],
                    status=204)
        rows = audit("billing_invoice_details", line["id"])
        self.assertEqual([x["action"] for x in rows], ["create", "delete"])
        self.assertEqual(audit("billing_invoices", inv["id"])[-1]["after"]
                         ["total_bill_amount"], "0.00")


if __name__ == "__main__":
    main()
