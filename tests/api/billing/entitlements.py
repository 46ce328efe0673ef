#!/usr/bin/env python3
"""API tests of /customers/entitlements (CRUD), {id}/details/ (GET, and
the bulk POST of bandwidth_details or channel_partner_details, all or
nothing, at most 1,000 rows), /customers/customers/{id}/entitlements/ and
active_entitlements_count on customer rows (API.md §6, seed 004).

Each test makes its own customers (a unique token in customer_name) and
entitlements (the token in bill_number) and reads only those."""
import datetime
import json
import os
import sys
import unittest
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, ctl, main  # noqa: E402
from accounts import access_token, create_user  # noqa: E402

ENTS = "/customers/entitlements/"
CUSTOMERS = "/customers/customers/"
ENT_KEYS = {"id", "customer_master_id", "customer_name", "bill_number",
            "activation_date", "nttn_company", "nttn_capacity", "total_bill",
            "type_of_bw", "type_of_connection", "connected_pop", "remarks",
            "created_by", "updated_by", "created_at", "updated_at"}
DETAIL_KEYS = {"id", "cust_entitlement_id", "type", "bandwidth_type", "mbps",
               "unit_price", "custom_mac_percentage_share", "start_date",
               "end_date", "is_active", "status", "remarks", "created_by",
               "updated_by", "created_at", "updated_at"}
TODAY = datetime.datetime.now(datetime.timezone.utc).date()


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def token():
    return "enttok" + uuid.uuid4().hex[:12]


def qs(params):
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def bw_row(kind="ipt", mbps=10, price=20, start=None, end=None, **kw):
    row = {"bandwidth_type": kind, "mbps": mbps, "unit_price": price,
           "start_date": start or day(-5), "end_date": end or day(25),
           "is_active": True, "status": "active"}
    row.update(kw)
    return row


def cp_row(mbps=10, price=20, share=45, start=None, end=None, **kw):
    row = {"mbps": mbps, "unit_price": price,
           "custom_mac_percentage_share": share,
           "start_date": start or day(-5), "end_date": end or day(25),
           "is_active": True, "status": "active"}
    row.update(kw)
    return row


class EntitlementsBase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.reader_user = create_user(perms=["customers:read"])
        cls.reader = access_token(cls.reader_user)
        cls.writer_user = create_user(perms=["customers:read",
                                             "customers:update"])
        cls.writer = access_token(cls.writer_user)
        cls.nobody = access_token(create_user())

    def customer(self, ctype="bw", tok=None):
        r = api("POST", CUSTOMERS, {
            "customer_name": "Customer %s %s" % (tok or token(),
                                                 uuid.uuid4().hex[:6]),
            "customer_type": ctype}, token=self.writer)
        self.assertEqual(r.status, 201, r)
        return r.json

    def entitlement(self, cid, tok=None, **fields):
        body = {"customer_master_id": cid,
                "bill_number": "BILL-%s" % (tok or token())}
        body.update(fields)
        r = api("POST", ENTS, body, token=self.writer)
        self.assertEqual(r.status, 201, r)
        return r.json

    def details_url(self, eid):
        return "%s%d/details/" % (ENTS, eid)

    def bulk(self, eid, body, status=201):
        r = api("POST", self.details_url(eid), body, token=self.writer)
        if status == 201:
            self.assertEqual(r.status, 201, r)
        return r

    def get(self, path, tok=None):
        r = api("GET", path, token=tok or self.reader)
        self.assertEqual(r.status, 200, r)
        return r.json

    def details(self, eid):
        return self.get(self.details_url(eid))

    def assert_field_error(self, r, field, status=400):
        assert_error(self, r, status)
        self.assertIn(field, r.json.get("errors", {}), r)


class EntitlementCrudTest(EntitlementsBase):
    def test_create_show_update_delete(self):
        c = self.customer()
        tok = token()
        e = self.entitlement(c["id"], tok, activation_date="2025-01-01",
                             nttn_company="NTTN Company",
                             nttn_capacity="100 Mbps", total_bill="50000.00",
                             type_of_bw="Fiber",
                             type_of_connection="Dedicated",
                             connected_pop="POP-Dhaka",
                             remarks="Monthly billing")
        self.assertEqual(set(e), ENT_KEYS)
        self.assertEqual(e["customer_name"], c["customer_name"])
        self.assertEqual(e["total_bill"], "50000.00")
        self.assertEqual(e["created_by"], self.writer_user["id"])
        self.assertEqual(self.get("%s%d/" % (ENTS, e["id"])), e)
        r = api("PATCH", "%s%d/" % (ENTS, e["id"]),
                {"remarks": "changed", "id": 1, "created_by": 1},
                token=self.writer)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["remarks"], "changed")
        self.assertEqual(r.json["nttn_company"], "NTTN Company")
        r = api("PUT", "%s%d/" % (ENTS, e["id"]),
                {"customer_master_id": c["id"]}, token=self.writer)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["customer_master_id"], c["id"])
        self.assertEqual(r.json["total_bill"], "50000.00")
        r = api("PUT", "%s%d/" % (ENTS, e["id"]), {"remarks": "x"},
                token=self.writer)
        self.assert_field_error(r, "customer_master_id")
        did = self.bulk(e["id"], {"bandwidth_details": [bw_row()]}).json[0]
        r = api("DELETE", "%s%d/" % (ENTS, e["id"]), token=self.writer)
        self.assertEqual(r.status, 204, r)
        assert_error(self, api("GET", "%s%d/" % (ENTS, e["id"]),
                               token=self.reader), 404)
        # Its details went with it.
        assert_error(self, api("GET", "/customers/entitlement-details/%d/"
                               % did["id"], token=self.reader), 404)
        out = ctl("audit", "list", "--table", "billing_entitlements", "--id",
                  str(e["id"])).stdout
        self.assertEqual([json.loads(x)["action"] for x in out.splitlines()
                          if x], ["create", "update", "update", "delete"])

    def test_a_customer_with_entitlements_is_not_deleted(self):
        c = self.customer()
        e = self.entitlement(c["id"])
        r = api("DELETE", "%s%d/" % (CUSTOMERS, c["id"]), token=self.writer)
        assert_error(self, r, 409)
        self.assertEqual(self.get("%s%d/" % (ENTS, e["id"])), e)
        r = api("DELETE", "%s%d/" % (ENTS, e["id"]), token=self.writer)
        self.assertEqual(r.status, 204, r)
        r = api("DELETE", "%s%d/" % (CUSTOMERS, c["id"]), token=self.writer)
        self.assertEqual(r.status, 204, r)

    def test_bad_bodies_are_400(self):
        c = self.customer()
        tok = token()
        for body, field in (({"bill_number": tok}, "customer_master_id"),
                            ({"customer_master_id": 987654321,
                              "bill_number": tok}, "customer_master_id"),
                            ({"customer_master_id": "abc"},
                             "customer_master_id"),
                            ({"customer_master_id": c["id"],
                              "bill_number": tok,
                              "activation_date": "2025-13-01"},
                             "activation_date"),
                            ({"customer_master_id": c["id"],
                              "bill_number": tok, "total_bill": "-1.00"},
                             "total_bill"),
                            ({"customer_master_id": c["id"],
                              "bill_number": "x" * 51}, "bill_number")):
            self.assert_field_error(api("POST", ENTS, body,
                                        token=self.writer), field)
        self.assertEqual(self.get(ENTS + "?" + qs({"search": tok})), [])
        r = api("POST", ENTS, {"customer_master_id": 987654321},
                token=self.writer)
        self.assertIn("987654321", r.json["errors"]["customer_master_id"][0])

    def test_filters_search_and_ordering(self):
        tok = token()
        c1 = self.customer(tok=tok + "one")
        c2 = self.customer(tok=tok + "two")
        a = self.entitlement(c1["id"], tok + "a",
                             activation_date="2025-01-01")["id"]
        b = self.entitlement(c1["id"], tok + "b",
                             activation_date="2025-02-01")["id"]
        c = self.entitlement(c2["id"], tok + "c",
                             activation_date="2024-12-01")["id"]

        def ids(params):
            params = dict({"search": tok}, **params)
            return [x["id"] for x in self.get(ENTS + "?" + qs(params))]
        self.assertEqual(ids({}), [a, b, c])
        self.assertEqual(ids({"customer_master_id": c1["id"]}), [a, b])
        self.assertEqual(ids({"activation_date": "2025-01-01"}), [a])
        self.assertEqual(ids({"ordering": "-activation_date"}), [b, a, c])
        self.assertEqual(ids({"ordering": "-bill_number"}), [c, b, a])
        # search: bill_number, and the customer's name.
        self.assertEqual(ids({"search": "BILL-" + tok.upper() + "B"}), [b])
        self.assertEqual(ids({"search": tok + "two"}), [c])
        page = self.get(ENTS + "?" + qs({"search": tok, "limit": 1,
                                         "offset": 1}))
        self.assertEqual(page["count"], 3)
        self.assertEqual([x["id"] for x in page["results"]], [b])

    def test_bad_filters_are_400(self):
        for params, field in (({"customer_master_id": "987654321"},
                               "customer_master_id"),
                              ({"customer_master_id": "x"},
                               "customer_master_id"),
                              ({"activation_date": "yesterday"},
                               "activation_date"),
                              ({"ordering": "remarks"}, "ordering")):
            self.assert_field_error(api("GET", ENTS + "?" + qs(params),
                                        token=self.reader), field)

    def test_customer_sub_route(self):
        c = self.customer()
        other = self.customer()
        a = self.entitlement(c["id"])
        b = self.entitlement(c["id"])
        self.entitlement(other["id"])
        self.assertEqual(self.get("%s%d/entitlements/" % (CUSTOMERS,
                                                          c["id"])), [a, b])
        page = self.get("%s%d/entitlements/?limit=1" % (CUSTOMERS, c["id"]))
        self.assertEqual(page["count"], 2)
        assert_error(self, api("GET", "%s987654321/entitlements/" %
                               CUSTOMERS, token=self.reader), 404)

    def test_active_entitlements_count(self):
        c = self.customer()
        self.assertEqual(c["active_entitlements_count"], 0)
        e1 = self.entitlement(c["id"])
        e2 = self.entitlement(c["id"])
        e3 = self.entitlement(c["id"])
        self.entitlement(c["id"])  # no details at all
        # e1: two active details (counted once).
        self.bulk(e1["id"], {"bandwidth_details": [bw_row(), bw_row("gcc")]})
        # e2: one past detail and one inactive one: not active.
        self.bulk(e2["id"], {"bandwidth_details": [
            bw_row(start=day(-60), end=day(-1)),
            bw_row(is_active=False)]})
        # e3: one that ends today: active.
        self.bulk(e3["id"], {"bandwidth_details": [
            bw_row(start=day(-3), end=day(0))]})
        got = self.get("%s%d/" % (CUSTOMERS, c["id"]))
        self.assertEqual(got["active_entitlements_count"], 2)
        rows = self.get(CUSTOMERS + "?" + qs(
            {"search": c["customer_name"]}))
        self.assertEqual([x["active_entitlements_count"] for x in rows], [2])

    def test_permissions(self):
        c = self.customer()
        e = self.entitlement(c["id"])
        for path in (ENTS, "%s%d/" % (ENTS, e["id"]),
                     self.details_url(e["id"]),
                     "%s%d/entitlements/" % (CUSTOMERS, c["id"])):
            assert_error(self, api("GET", path), 401)
            assert_error(self, api("GET", path, token=self.nobody), 403)
            self.get(path, self.reader)
        for method, path, body in (
                ("POST", ENTS, {"customer_master_id": c["id"]}),
                ("PATCH", "%s%d/" % (ENTS, e["id"]), {"remarks": "x"}),
                ("PUT", "%s%d/" % (ENTS, e["id"]),
                 {"customer_master_id": c["id"]}),
                ("DELETE", "%s%d/" % (ENTS, e["id"]), None),
                ("POST", self.details_url(e["id"]),
                 {"bandwidth_details": [bw_row()]})):
            assert_error(self, api(method, path, body), 401)
            assert_error(self, api(method, path, body, token=self.reader),
                         403)
        self.assertEqual(self.get("%s%d/" % (ENTS, e["id"])), e)
        self.assertEqual(self.details(e["id"]), [])


class BulkDetailsTest(EntitlementsBase):
    def test_bandwidth_rows_for_a_bw_customer(self):
        c = self.customer("bw")
        e = self.entitlement(c["id"])
        r = self.bulk(e["id"], {"entitlement_master_id": e["id"],
                                "bandwidth_details": [
                                    bw_row("ipt", 10, 20),
                                    bw_row("gcc", 10, 30),
                                    bw_row("cdn", 5, 15)]})
        self.assertEqual(len(r.json), 3)
        for row, (kind, mbps, price) in zip(r.json, (("ipt", 10, "20.00"),
                                                     ("gcc", 10, "30.00"),
                                                     ("cdn", 5, "15.00"))):
            self.assertEqual(set(row), DETAIL_KEYS)
            self.assertEqual((row["bandwidth_type"], row["mbps"],
                              row["unit_price"], row["type"],
                              row["cust_entitlement_id"]),
                             (kind, mbps, price, "bw", e["id"]))
            self.assertEqual(row["created_by"], self.writer_user["id"])
        self.assertEqual(self.details(e["id"]), r.json)
        out = ctl("audit", "list", "--table", "billing_entitlement_details",
                  "--id", str(r.json[0]["id"])).stdout
        self.assertEqual(json.loads(out.splitlines()[0])["after"], r.json[0])

    def test_channel_partner_rows(self):
        c = self.customer("channel_partner")
        e = self.entitlement(c["id"])
        r = self.bulk(e["id"], {"channel_partner_details": [
            cp_row(10, 20, 45), cp_row(20, 50, 50.5)]})
        self.assertEqual([(x["type"], x["bandwidth_type"],
                           x["custom_mac_percentage_share"]) for x in r.json],
                         [("channel_partner", None, "45.00"),
                          ("channel_partner", None, "50.50")])

    def test_wrong_kind_for_the_customer_is_400(self):
        bw = self.entitlement(self.customer("bw")["id"])
        cp = self.entitlement(self.customer("channel_partner")["id"])
        soho = self.entitlement(self.customer("soho")["id"])
        for eid, body, field in (
                (bw["id"], {"channel_partner_details": [cp_row()]},
                 "channel_partner_details"),
                (cp["id"], {"bandwidth_details": [bw_row()]},
                 "bandwidth_details"),
                (soho["id"], {"bandwidth_details": [bw_row()]},
                 "bandwidth_details"),
                (soho["id"], {"channel_partner_details": [cp_row()]},
                 "channel_partner_details")):
            self.assert_field_error(self.bulk(eid, body, 400), field)
            self.assertEqual(self.details(eid), [])

    def test_mixed_kinds_and_missing_list_are_400(self):
        e = self.entitlement(self.customer("bw")["id"])
        self.assert_field_error(self.bulk(e["id"], {
            "bandwidth_details": [bw_row()],
            "channel_partner_details": [cp_row()]}, 400), "non_field_errors")
        self.assert_field_error(self.bulk(e["id"], {}, 400),
                                "bandwidth_details")
        self.assert_field_error(self.bulk(e["id"], {
            "bandwidth_details": []}, 400), "bandwidth_details")
        self.assert_field_error(self.bulk(e["id"], {
            "bandwidth_details": {"a": 1}}, 400), "bandwidth_details")
        self.assert_field_error(self.bulk(e["id"], {
            "bandwidth_details": [bw_row(), "x"]}, 400),
            "bandwidth_details[1]")
        self.assert_field_error(self.bulk(e["id"], {
            "entitlement_master_id": e["id"] + 1,
            "bandwidth_details": [bw_row()]}, 400), "entitlement_master_id")
        self.assertEqual(self.details(e["id"]), [])

    def test_a_bad_last_row_writes_nothing(self):
        e = self.entitlement(self.customer("bw")["id"])
        rows = [bw_row() for _ in range(20)] + [bw_row(mbps=-1)]
        r = self.bulk(e["id"], {"bandwidth_details": rows}, 400)
        self.assert_field_error(r, "bandwidth_details[20].mbps")
        self.assertEqual(list(r.json["errors"]),
                         ["bandwidth_details[20].mbps"])
        self.assertEqual(self.details(e["id"]), [])

    def test_each_bad_row_is_named_by_index_and_field(self):
        e = self.entitlement(self.customer("bw")["id"])
        rows = [bw_row(),
                bw_row(start=day(10), end=day(9)),
                bw_row(mbps=-5),
                bw_row(price="-1.00"),
                bw_row(kind="satellite"),
                bw_row(start="2025-02-30"),
                {k: v for k, v in bw_row().items() if k != "mbps"},
                bw_row(status="gone"),
                bw_row(price="1.234")]
        r = self.bulk(e["id"], {"bandwidth_details": rows}, 400)
        assert_error(self, r, 400)
        self.assertEqual(set(r.json["errors"]), {
            "bandwidth_details[1].end_date", "bandwidth_details[2].mbps",
            "bandwidth_details[3].unit_price",
            "bandwidth_details[4].bandwidth_type",
            "bandwidth_details[5].start_date", "bandwidth_details[6].mbps",
            "bandwidth_details[7].status",
            "bandwidth_details[8].unit_price"})
        cp = self.entitlement(self.customer("channel_partner")["id"])
        r = self.bulk(cp["id"], {"channel_partner_details": [
            cp_row(share=100), cp_row(share=100.01), cp_row(share=-1),
            {k: v for k, v in cp_row().items()
             if k != "custom_mac_percentage_share"}]}, 400)
        assert_error(self, r, 400)
        self.assertEqual(set(r.json["errors"]), {
            "channel_partner_details[%d].custom_mac_percentage_share" % i
            for i in (1, 2, 3)})
        self.assertEqual(self.details(e["id"]), [])
        self.assertEqual(self.details(cp["id"]), [])

    def test_row_limit(self):
        e = self.entitlement(self.customer("bw")["id"])
        row = {"bandwidth_type": "ipt", "mbps": 1, "unit_price": 1,
               "start_date": day(0), "end_date": day(1)}
        r = self.bulk(e["id"], {"bandwidth_details": [row] * 1001}, 400)
        self.assert_field_error(r, "bandwidth_details")
        self.assertIn("1000", r.json["errors"]["bandwidth_details"][0])
        # 10,000 rows: refused too (over the row limit, or over the body
        # limit before that), in the §1 shape.
        r = self.bulk(e["id"], {"bandwidth_details": [row] * 10000}, 400)
        self.assertIn(r.status, (400, 413), r)
        assert_error(self, r, r.status)
        self.assertEqual(self.details(e["id"]), [])
        r = self.bulk(e["id"], {"bandwidth_details": [row] * 1000})
        self.assertEqual(len(r.json), 1000)
        page = self.get(self.details_url(e["id"]) + "?limit=1")
        self.assertEqual(page["count"], 1000)

    def test_unknown_entitlement_is_404(self):
        r = api("POST", "%s987654321/details/" % ENTS,
                {"bandwidth_details": [bw_row()]}, token=self.writer)
        assert_error(self, r, 404)
        assert_error(self, api("GET", "%s987654321/details/" % ENTS,
                               token=self.reader), 404)

    def test_not_json_is_refused(self):
        e = self.entitlement(self.customer("bw")["id"])
        assert_error(self, api("POST", self.details_url(e["id"]),
                               raw="{bad", token=self.writer), 400)
        assert_error(self, api("POST", self.details_url(e["id"]),
                               raw="[1]", token=self.writer), 400)
        assert_error(self, api("POST", self.details_url(e["id"]),
                               raw="{}", content_type="text/plain",
                               token=self.writer), 415)
        self.assertEqual(self.details(e["id"]), [])


if __name__ == "__main__":
    main()
