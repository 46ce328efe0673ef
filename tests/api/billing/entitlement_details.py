#!/usr/bin/env python3
"""API tests of /customers/entitlement-details (CRUD; filters
cust_entitlement_id, type, status, is_active), bandwidth_types/?customer_id=
(the customer's active details by bandwidth_type, all six keys always) and
history/?customer_id&start_date&end_date (details whose period overlaps
the range), API.md §6, seed 004. A detail's type is its customer's; only
bw details have a bandwidth_type, only channel partners' a share.

Each test makes its own customers and entitlements and reads only those."""
import datetime
import os
import sys
import unittest
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, main  # noqa: E402
from accounts import access_token, create_user  # noqa: E402

DETAILS = "/customers/entitlement-details/"
TYPES = DETAILS + "bandwidth_types/"
HISTORY = DETAILS + "history/"
SIX = {"ipt", "gcc", "cdn", "nix", "baishan", "other"}
TODAY = datetime.datetime.now(datetime.timezone.utc).date()


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def qs(params):
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


class DetailsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.reader = access_token(create_user(perms=["customers:read"]))
        cls.writer_user = create_user(perms=["customers:read",
                                             "customers:update"])
        cls.writer = access_token(cls.writer_user)
        cls.nobody = access_token(create_user())

    def customer(self, ctype="bw"):
        r = api("POST", "/customers/customers/", {
            "customer_name": "Detail customer " + uuid.uuid4().hex,
            "customer_type": ctype}, token=self.writer)
        self.assertEqual(r.status, 201, r)
        return r.json["id"]

    def entitlement(self, cid):
        r = api("POST", "/customers/entitlements/",
                {"customer_master_id": cid}, token=self.writer)
        self.assertEqual(r.status, 201, r)
        return r.json["id"]

    def detail(self, eid, expect=201, **fields):
        body = {"cust_entitlement_id": eid, "mbps": 10, "unit_price": "20.00",
                "start_date": day(-5), "end_date": day(25)}
        body.update(fields)
        r = api("POST", DETAILS, body, token=self.writer)
        self.assertEqual(r.status, expect, r)
        return r

    def get(self, path, tok=None):
        r = api("GET", path, token=tok or self.reader)
        self.assertEqual(r.status, 200, r)
        return r.json

    def assert_field_error(self, r, field, status=400):
        assert_error(self, r, status)
        self.assertIn(field, r.json.get("errors", {}), r)

    # CRUD and the rules of one detail.

    def test_crud(self):
        eid = self.entitlement(self.customer("bw"))
        d = self.detail(eid, bandwidth_type="nix", type="soho",
                        created_by=1).json
        self.assertEqual(d["type"], "bw")    # the customer's, not the body's
        self.assertEqual(d["bandwidth_type"], "nix")
        self.assertEqual(d["status"], "active")
        self.assertTrue(d["is_active"])
        self.assertEqual(d["created_by"], self.writer_user["id"])
        url = "%s%d/" % (DETAILS, d["id"])
        self.assertEqual(self.get(url), d)
        r = api("PATCH", url, {"mbps": 50, "status": "expired"},
                token=self.writer)
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["mbps"], r.json["status"]), (50, "expired"))
        self.assert_field_error(api("PATCH", url, {"end_date": day(-6)},
                                    token=self.writer), "end_date")
        r = api("PUT", url, {"cust_entitlement_id": eid, "mbps": 1,
                             "unit_price": 1, "start_date": day(0),
                             "end_date": day(0), "bandwidth_type": "other"},
                token=self.writer)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["bandwidth_type"], "other")
        self.assertEqual(api("DELETE", url, token=self.writer).status, 204)
        assert_error(self, api("GET", url, token=self.reader), 404)
        assert_error(self, api("DELETE", url, token=self.writer), 404)

    def test_kind_rules(self):
        bw = self.entitlement(self.customer("bw"))
        cp = self.entitlement(self.customer("channel_partner"))
        soho = self.entitlement(self.customer("soho"))
        self.assert_field_error(self.detail(bw, 400), "bandwidth_type")
        self.assert_field_error(self.detail(cp, 400, bandwidth_type="ipt"),
                                "bandwidth_type")
        self.assert_field_error(self.detail(
            bw, 400, bandwidth_type="ipt", custom_mac_percentage_share=10),
            "custom_mac_percentage_share")
        d = self.detail(cp, custom_mac_percentage_share="45.50").json
        self.assertEqual((d["type"], d["custom_mac_percentage_share"]),
                         ("channel_partner", "45.50"))
        self.assertEqual(self.detail(soho).json["type"], "soho")

    def test_bad_bodies_are_400_and_write_nothing(self):
        eid = self.entitlement(self.customer("bw"))
        for change, field in (({"end_date": day(-6)}, "end_date"),
                              ({"mbps": -1}, "mbps"),
                              ({"mbps": "many"}, "mbps"),
                              ({"unit_price": "-0.01"}, "unit_price"),
                              ({"bandwidth_type": "satellite"},
                               "bandwidth_type"),
                              ({"status": "gone"}, "status"),
                              ({"start_date": "2025-02-30"}, "start_date"),
                              ({"cust_entitlement_id": 987654321},
                               "cust_entitlement_id")):
            body = dict({"bandwidth_type": "ipt"}, **change)
            self.assert_field_error(self.detail(eid, 400, **body), field)
        cp = self.entitlement(self.customer("channel_partner"))
        for share in (100.01, -1, "abc"):
            self.assert_field_error(self.detail(
                cp, 400, custom_mac_percentage_share=share),
                "custom_mac_percentage_share")
        self.assertEqual(self.get("%s?cust_entitlement_id=%d" % (DETAILS,
                                                                 eid)), [])
        self.assertEqual(self.get("%s?cust_entitlement_id=%d" % (DETAILS,
                                                                 cp)), [])

    def test_filters(self):
        bw = self.entitlement(self.customer("bw"))
        a = self.detail(bw, bandwidth_type="ipt").json["id"]
        b = self.detail(bw, bandwidth_type="gcc", is_active=False,
                        status="inactive").json["id"]

        def ids(params):
            params = dict({"cust_entitlement_id": bw}, **params)
            return [x["id"] for x in self.get(DETAILS + "?" + qs(params))]
        self.assertEqual(ids({}), [a, b])
        self.assertEqual(ids({"is_active": "true"}), [a])
        self.assertEqual(ids({"status": "inactive"}), [b])
        self.assertEqual(ids({"status": "active,inactive"}), [a, b])
        self.assertEqual(ids({"type": "bw"}), [a, b])
        self.assertEqual(ids({"type": "channel_partner"}), [])
        for params, field in (({"type": "gold"}, "type"),
                              ({"status": "x"}, "status"),
                              ({"is_active": "2"}, "is_active"),
                              ({"cust_entitlement_id": "987654321"},
                               "cust_entitlement_id"),
                              ({"ordering": "mbps"}, "ordering")):
            self.assert_field_error(api("GET", DETAILS + "?" + qs(params),
                                        token=self.reader), field)

    # bandwidth_types.

    def test_bandwidth_types_groups_active_details_with_six_keys(self):
        cid = self.customer("bw")
        e1, e2 = self.entitlement(cid), self.entitlement(cid)
        ipt1 = self.detail(e1, bandwidth_type="ipt").json
        ipt2 = self.detail(e2, bandwidth_type="ipt").json
        cdn = self.detail(e1, bandwidth_type="cdn").json
        self.detail(e1, bandwidth_type="gcc", is_active=False)
        self.detail(e1, bandwidth_type="nix", start_date=day(-30),
                    end_date=day(-1))
        self.detail(e1, bandwidth_type="other", start_date=day(1),
                    end_date=day(30))
        # Another customer's details are not this one's.
        self.detail(self.entitlement(self.customer("bw")),
                    bandwidth_type="baishan")
        got = self.get(TYPES + "?customer_id=%d" % cid)
        self.assertEqual(set(got), SIX)
        self.assertEqual(got["ipt"], [ipt1, ipt2])
        self.assertEqual(got["cdn"], [cdn])
        for k in ("gcc", "nix", "baishan", "other"):
            self.assertEqual(got[k], [], k)

    def test_bandwidth_types_of_a_customer_without_details(self):
        got = self.get(TYPES + "?customer_id=%d" % self.customer("soho"))
        self.assertEqual(got, {k: [] for k in SIX})

    def test_bandwidth_types_needs_a_real_customer(self):
        for q in ("", "?customer_id=", "?customer_id=abc",
                  "?customer_id=0", "?customer_id=987654321"):
            self.assert_field_error(api("GET", TYPES + q, token=self.reader),
                                    "customer_id")

    # history.

    def test_history_lists_details_overlapping_the_range(self):
        cid = self.customer("bw")
        eid = self.entitlement(cid)
        jan = self.detail(eid, bandwidth_type="ipt", start_date="2025-01-01",
                          end_date="2025-01-31").json
        dec = self.detail(eid, bandwidth_type="gcc", start_date="2024-12-15",
                          end_date="2025-01-01").json
        feb = self.detail(eid, bandwidth_type="cdn", start_date="2025-02-01",
                          end_date="2025-02-28").json
        off = self.detail(eid, bandwidth_type="nix", start_date="2025-01-10",
                          end_date="2025-01-11", is_active=False).json
        self.detail(self.entitlement(self.customer("bw")),
                    bandwidth_type="ipt", start_date="2025-01-01",
                    end_date="2025-01-31")

        def ids(start, end):
            return [x["id"] for x in self.get(HISTORY + "?" + qs(
                {"customer_id": cid, "start_date": start,
                 "end_date": end}))]
        self.assertEqual(ids("2025-01-01", "2025-01-31"),
                         [dec["id"], jan["id"], off["id"]])
        self.assertEqual(ids("2025-01-31", "2025-02-01"),
                         [jan["id"], feb["id"]])
        self.assertEqual(ids("2025-03-01", "2025-03-31"), [])
        self.assertEqual(ids("2025-02-28", "2025-02-28"), [feb["id"]])
        page = self.get(HISTORY + "?" + qs(
            {"customer_id": cid, "start_date": "2024-01-01",
             "end_date": "2025-12-31", "limit": 2}))
        self.assertEqual(page["count"], 4)

    def test_history_bad_parameters_are_400(self):
        cid = self.customer()
        ok = {"customer_id": cid, "start_date": "2025-01-01",
              "end_date": "2025-01-31"}
        for change, field in (({"customer_id": None}, "customer_id"),
                              ({"start_date": None}, "start_date"),
                              ({"end_date": None}, "end_date"),
                              ({"customer_id": "987654321"}, "customer_id"),
                              ({"customer_id": "x"}, "customer_id"),
                              ({"start_date": "2025-1-1"}, "start_date"),
                              ({"end_date": "2024-12-31"}, "end_date")):
            params = {k: v for k, v in dict(ok, **change).items()
                      if v is not None}
            self.assert_field_error(api("GET", HISTORY + "?" + qs(params),
                                        token=self.reader), field)

    # Permissions: customers:read reads, customers:update writes.

    def test_permissions(self):
        cid = self.customer()
        eid = self.entitlement(cid)
        d = self.detail(eid, bandwidth_type="ipt").json
        url = "%s%d/" % (DETAILS, d["id"])
        for path in (DETAILS, url, TYPES + "?customer_id=%d" % cid,
                     HISTORY + "?customer_id=%d&start_date=2025-01-01"
                     "&end_date=2025-01-02" % cid):
            assert_error(self, api("GET", path), 401)
            assert_error(self, api("GET", path, token=self.nobody), 403)
            self.get(path)
        for method, path, body in (
                ("POST", DETAILS, {"cust_entitlement_id": eid, "mbps": 1,
                                   "unit_price": 1, "bandwidth_type": "ipt",
                                   "start_date": day(0),
                                   "end_date": day(0)}),
                ("PATCH", url, {"mbps": 99}),
                ("PUT", url, {"mbps": 99}),
                ("DELETE", url, None)):
            assert_error(self, api(method, path, body), 401)
            assert_error(self, api(method, path, body, token=self.reader),
                         403)
        self.assertEqual(self.get(url), d)


if __name__ == "__main__":
    main()
