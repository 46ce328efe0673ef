#!/usr/bin/env python3
"""Seed 004's worked examples end to end, as its client sends them (API.md
§6): 1. a bandwidth customer, its entitlement and three bandwidth details
in one bulk POST, then bandwidth_types; 2. a channel partner with two
rows; 3. the money side over HTTPS: the bandwidth customer's invoice
auto-generated from its entitlement, paid in two payments, and every
history of it; the channel partner's invoice with its shares. Then the demo data (sql/demo/billing.sql, loaded
on the stack's first start): the same two examples and one utility
information with bank, bKash and Nagad details and VAT 15.00. Each
example makes its own customer (a uuid in its name)."""
import datetime
import decimal
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import HTTPS_BASE, api, main  # noqa: E402
from accounts import access_token, create_user  # noqa: E402

TODAY = datetime.datetime.now(datetime.timezone.utc).date()
START = TODAY.replace(day=1).isoformat()
END = (TODAY.replace(day=28) + datetime.timedelta(days=4)).replace(
    day=1) - datetime.timedelta(days=1)
END = END.isoformat()


def half_up(x):
    return x.quantize(decimal.Decimal("0.01"), decimal.ROUND_HALF_UP)


class Seed004Flow(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tok = access_token(create_user(perms=["customers:read",
                                                  "customers:update"]))

    def call(self, method, path, body=None, status=200):
        r = api(method, path, body, token=self.tok)
        self.assertEqual(r.status, status, r)
        return r.json

    def test_bandwidth_customer_with_three_bandwidth_types(self):
        tag = uuid.uuid4().hex[:10]
        c = self.call("POST", "/customers/customers/", {
            "customer_name": "TechCorp " + tag, "customer_type": "bw",
            "email": tag + "@techcorp.example.com"}, 201)
        e = self.call("POST", "/customers/entitlements/", {
            "customer_master_id": c["id"], "bill_number": "BILL" + tag,
            "activation_date": "2025-01-01", "nttn_company": "NTTN Company",
            "nttn_capacity": "100 Mbps", "total_bill": "50000.00",
            "type_of_bw": "Fiber", "type_of_connection": "Dedicated",
            "connected_pop": "POP-Dhaka", "remarks": "Monthly billing"}, 201)
        rows = [{"bandwidth_type": t, "mbps": m, "unit_price": p,
                 "start_date": START, "end_date": END, "is_active": True,
                 "status": "active"}
                for t, m, p in (("ipt", 10, 20), ("gcc", 10, 30),
                                ("cdn", 5, 15))]
        made = self.call("POST", "/customers/entitlements/%d/details/"
                         % e["id"], {"entitlement_master_id": e["id"],
                                     "bandwidth_details": rows}, 201)
        self.assertEqual([(d["bandwidth_type"], d["mbps"], d["unit_price"])
                          for d in made],
                         [("ipt", 10, "20.00"), ("gcc", 10, "30.00"),
                          ("cdn", 5, "15.00")])
        self.assertEqual(self.call("GET", "/customers/entitlements/%d/"
                                   "details/" % e["id"]), made)
        types = self.call("GET", "/customers/entitlement-details/"
                          "bandwidth_types/?customer_id=%d" % c["id"])
        self.assertEqual({k: [d["id"] for d in v] for k, v in types.items()},
                         {"ipt": [made[0]["id"]], "gcc": [made[1]["id"]],
                          "cdn": [made[2]["id"]], "nix": [], "baishan": [],
                          "other": []})
        self.assertEqual(self.call("GET", "/customers/customers/%d/"
                                   % c["id"])["active_entitlements_count"],
                         1)
        self.assertEqual(self.call("GET", "/customers/customers/%d/"
                                   "entitlements/" % c["id"]), [e])
        hist = self.call("GET", "/customers/entitlement-details/history/"
                         "?customer_id=%d&start_date=%s&end_date=%s"
                         % (c["id"], START, END))
        self.assertEqual(sorted(d["id"] for d in hist),
                         sorted(d["id"] for d in made))

    def test_channel_partner_with_two_rows(self):
        tag = uuid.uuid4().hex[:10]
        c = self.call("POST", "/customers/customers/", {
            "customer_name": "Channel Partner Network " + tag,
            "customer_type": "channel_partner"}, 201)
        e = self.call("POST", "/customers/entitlements/",
                      {"customer_master_id": c["id"]}, 201)
        rows = [{"mbps": m, "unit_price": p,
                 "custom_mac_percentage_share": s, "start_date": START,
                 "end_date": END, "is_active": True, "status": "active"}
                for m, p, s in ((10, 20, 45), (20, 50, 50))]
        made = self.call("POST", "/customers/entitlements/%d/details/"
                         % e["id"], {"entitlement_master_id": e["id"],
                                     "channel_partner_details": rows}, 201)
        self.assertEqual([(d["type"], d["mbps"], d["unit_price"],
                           d["custom_mac_percentage_share"]) for d in made],
                         [("channel_partner", 10, "20.00", "45.00"),
                          ("channel_partner", 20, "50.00", "50.00")])
        # A channel partner's details have no bandwidth type.
        types = self.call("GET", "/customers/entitlement-details/"
                          "bandwidth_types/?customer_id=%d" % c["id"])
        self.assertEqual(types, {k: [] for k in (
            "ipt", "gcc", "cdn", "nix", "baishan", "other")})
        self.assertEqual(self.call("GET", "/customers/customers/%d/"
                                   % c["id"])["active_entitlements_count"],
                         1)

    def test_demo_data(self):
        infos = [i for i in self.call("GET", "/utility/utility-info/")
                 if i["utility_name"] == "Clientele ISP Ltd"]
        self.assertEqual(len(infos), 1, infos)
        info = infos[0]
        self.assertEqual(info["vat_rate"], "15.00")
        self.assertEqual(sorted(d["type"] for d in info["active_details"]),
                         ["bank", "bkash", "nagad"])
        for number, kind, count in (("BILL20241001", "bandwidth_details", 3),
                                    ("BILL20241002",
                                     "channel_partner_details", 2)):
            ents = self.call("GET", "/customers/entitlements/?search="
                             + number)
            self.assertEqual(len(ents), 1, ents)
            details = self.call("GET", "/customers/entitlements/%d/details/"
                                % ents[0]["id"])
            self.assertEqual(len(details), count, kind)
        bw = self.call("GET", "/customers/entitlements/?search=BILL20241001")
        types = self.call("GET", "/customers/entitlement-details/"
                          "bandwidth_types/?customer_id=%d"
                          % bw[0]["customer_master_id"])
        self.assertEqual({k: len(v) for k, v in types.items()},
                         {"ipt": 1, "gcc": 1, "cdn": 1, "nix": 0,
                          "baishan": 0, "other": 0})

    def test_bandwidth_invoice_payments_and_histories(self):
        """Seed 004's use case 1 with its step 4 (auto-generate) and the
        payment and history calls after it, through nginx over HTTPS."""
        tok = access_token(create_user(perms=[
            "customers:read", "customers:update", "bills:read",
            "bills:create", "bills:update"]))
        base = HTTPS_BASE or None

        def call(method, path, body=None, status=200):
            r = api(method, path, body, token=tok, base=base)
            self.assertEqual(r.status, status, r)
            return r
        tag = uuid.uuid4().hex[:10]
        c = call("POST", "/customers/customers/", {
            "customer_name": "TechCorp " + tag, "customer_type": "bw"},
            201).json
        e = call("POST", "/customers/entitlements/", {
            "customer_master_id": c["id"], "bill_number": "BILL" + tag},
            201).json
        call("POST", "/customers/entitlements/%d/details/" % e["id"], {
            "entitlement_master_id": e["id"], "bandwidth_details": [
                {"bandwidth_type": t, "mbps": m, "unit_price": p,
                 "start_date": START, "end_date": END, "is_active": True,
                 "status": "active"}
                for t, m, p in (("ipt", 10, 20), ("gcc", 10, 30),
                                ("cdn", 5, 15))]}, 201)
        inv = call("POST", "/bills/invoices/auto_generate/",
                   {"entitlement_id": e["id"]}, 201).json
        # The whole month: 200.00 + 300.00 + 75.00, VAT at the oldest
        # utility info's rate, per line, half up.
        infos = call("GET", "/utility/utility-info/").json
        rate = decimal.Decimal(infos[0]["vat_rate"] if infos else "0")
        subs = [decimal.Decimal(x) for x in ("200.00", "300.00", "75.00")]
        vat = sum(half_up(x * rate / 100) for x in subs)
        total = sum(subs) + vat
        self.assertEqual(inv["issue_date"], TODAY.isoformat())
        self.assertRegex(inv["invoice_number"], r"^INV%d\d{4}$" % TODAY.year)
        self.assertEqual((inv["sub_total"], inv["vat_amount"],
                          inv["total_bill_amount"], inv["status"]),
                         ("575.00", str(vat), str(total), "unpaid"))
        lines = call("GET", "/bills/invoice-details/?invoice_master_id=%d"
                     % inv["id"]).json
        self.assertEqual([x["sub_total"] for x in lines],
                         ["200.00", "300.00", "75.00"])
        pay = call("POST", "/payments/payments/", {
            "payment_date": TODAY.isoformat(),
            "payment_method": "Bank Transfer",
            "customer_entitlement_master_id": e["id"],
            "invoice_master_id": inv["id"],
            "remarks": "Payment for invoice " + inv["invoice_number"],
            "status": "completed"}, 201).json
        call("POST", "/payments/payment-details/", {
            "payment_master_id": pay["id"], "pay_amount": 300.00,
            "transaction_id": "TXN123456", "remarks": "First part",
            "status": "completed"}, 201)
        got = call("GET", "/bills/invoices/%d/" % inv["id"]).json
        self.assertEqual((got["total_paid_amount"], got["status"]),
                         ("300.00", "partial"))
        # The seed's 50000.00 would overpay: refused, nothing changes.
        call("POST", "/payments/payment-details/", {
            "payment_master_id": pay["id"], "pay_amount": 50000.00,
            "transaction_id": "TXN123457", "status": "completed"}, 400)
        call("POST", "/payments/payment-details/", {
            "payment_master_id": pay["id"], "pay_amount": str(total - 300),
            "transaction_id": "TXN123458", "remarks": "Full payment",
            "status": "completed"}, 201)
        got = call("GET", "/bills/invoices/%d/" % inv["id"]).json
        self.assertEqual((got["total_paid_amount"],
                          got["total_balance_due"], got["status"]),
                         (str(total), "0.00", "paid"))
        rng = "start_date=%s&end_date=%s" % (START, END)
        bh = call("GET", "/customers/customers/%d/bill_history/?%s"
                  "&period=monthly" % (c["id"], rng))
        self.assertEqual([x["id"] for x in bh.json["invoices"]], [inv["id"]])
        self.assertIn(('"totals":{"total_billed":%s,"total_paid":%s,'
                       '"total_due":0.00}' % (total, total)).encode(),
                      bh.body)
        ph = call("GET", "/customers/customers/%d/payment_history/?%s"
                  % (c["id"], rng)).json
        self.assertEqual([x["id"] for x in ph["payments"]], [pay["id"]])
        self.assertEqual(call("GET", "/bills/invoices/history/"
                              "?customer_id=%d&%s&period=monthly"
                              % (c["id"], rng)).json["count"], 1)
        self.assertEqual(call("GET", "/payments/payments/history/"
                              "?customer_id=%d&%s" % (c["id"], rng)
                              ).json["count"], 1)
        bc = call("GET", "/payments/payments/by_customer/?customer_id=%d&%s"
                  % (c["id"], rng))
        self.assertIn(('"total_received":%s,"payment_count":1' % total
                       ).encode(), bc.body)
        self.assertEqual(call("GET", "/customers/customers/%d/last_bill/"
                              % c["id"]).json["id"], inv["id"])
        call("GET", "/customers/customers/%d/previous_bill/" % c["id"],
             status=404)
        row = call("GET", "/customers/customers/%d/" % c["id"])
        self.assertEqual(row.json["last_bill_invoice_date"],
                         TODAY.isoformat())
        self.assertIn(('"total_billed":%s,"total_paid":%s,"total_due":0.00'
                       % (total, total)).encode(), row.body)

    def test_channel_partner_invoice_takes_the_shares(self):
        tok = access_token(create_user(perms=[
            "customers:read", "customers:update", "bills:read",
            "bills:create"]))
        tag = uuid.uuid4().hex[:10]

        def call(method, path, body=None, status=200):
            r = api(method, path, body, token=tok)
            self.assertEqual(r.status, status, r)
            return r.json
        c = call("POST", "/customers/customers/", {
            "customer_name": "Channel Partner Network " + tag,
            "customer_type": "channel_partner"}, 201)
        e = call("POST", "/customers/entitlements/",
                 {"customer_master_id": c["id"]}, 201)
        call("POST", "/customers/entitlements/%d/details/" % e["id"], {
            "entitlement_master_id": e["id"], "channel_partner_details": [
                {"mbps": m, "unit_price": p,
                 "custom_mac_percentage_share": s, "start_date": START,
                 "end_date": END, "is_active": True, "status": "active"}
                for m, p, s in ((10, 20, 45), (20, 50, 50))]}, 201)
        inv = call("POST", "/bills/invoices/", {
            "customer_entitlement_master_id": e["id"],
            "issue_date": TODAY.isoformat(), "status": "draft",
            "auto_calculate": True}, 201)
        # 10 x 20 x 45% = 90.00 and 20 x 50 x 50% = 500.00.
        self.assertEqual((inv["sub_total"], inv["status"]),
                         ("590.00", "draft"))


if __name__ == "__main__":
    main()
