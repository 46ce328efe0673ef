#!/usr/bin/env python3
"""API tests of /packages/packages (GET, POST, PATCH; PUT and DELETE 405),
/packages/packages/{id}/pricings/ and /packages/package-pricings (CRUD),
API.md §6, seed 004. Package rows carry active_pricing, pricings and
pricings_count. An active pricing is is_active with val_start_at <= today
<= val_end_at; two is_active pricings of one package whose periods
overlap: 400, also when both are posted at the same moment (threads).

Each test makes its own packages with a unique token in package_name and
scopes lists with ?search=<token> or ?package_master_id=."""
import datetime
import os
import re
import sys
import threading
import unittest
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, ctl, main  # noqa: E402
from accounts import access_token, create_user  # noqa: E402

PACKAGES = "/packages/packages/"
PRICINGS = "/packages/package-pricings/"
PACKAGE_KEYS = {"id", "package_name", "package_type", "description",
                "is_active", "active_pricing", "pricings", "pricings_count",
                "created_by", "updated_by", "created_at", "updated_at"}
PRICING_KEYS = {"id", "package_master_id", "rate", "description",
                "is_active", "val_start_at", "val_end_at", "created_by",
                "updated_by", "created_at", "updated_at"}
DATETIME = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"
TODAY = datetime.datetime.now(datetime.timezone.utc).date()


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def token():
    return "pkgtok" + uuid.uuid4().hex[:12]


def qs(params):
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


class PackagesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.reader_user = create_user(perms=["customers:read"])
        cls.reader = access_token(cls.reader_user)
        cls.writer_user = create_user(perms=["customers:read",
                                             "customers:update"])
        cls.writer = access_token(cls.writer_user)
        cls.nobody = access_token(create_user())

    def package(self, tok=None, **fields):
        body = {"package_name": "Home Standard %s" % (tok or token()),
                "package_type": "soho"}
        body.update(fields)
        r = api("POST", PACKAGES, body, token=self.writer)
        self.assertEqual(r.status, 201, r)
        return r.json

    def pricing(self, pid, start, end, rate="2500.00", **fields):
        body = {"package_master_id": pid, "rate": rate,
                "val_start_at": start, "val_end_at": end}
        body.update(fields)
        r = api("POST", PRICINGS, body, token=self.writer)
        self.assertEqual(r.status, 201, r)
        return r.json

    def get(self, path, tok=None):
        r = api("GET", path, token=tok or self.reader)
        self.assertEqual(r.status, 200, r)
        return r.json

    def show(self, pid):
        return self.get("%s%d/" % (PACKAGES, pid))

    def assert_field_error(self, r, field, status=400):
        assert_error(self, r, status)
        self.assertIn(field, r.json.get("errors", {}), r)

    # Packages.

    def test_create_shows_the_stored_package(self):
        tok = token()
        p = self.package(tok, description="Monthly home plan",
                         package_type="bw")
        self.assertEqual(set(p), PACKAGE_KEYS)
        self.assertEqual(p["package_name"], "Home Standard " + tok)
        self.assertEqual(p["package_type"], "bw")
        self.assertTrue(p["is_active"])
        self.assertIsNone(p["active_pricing"])
        self.assertEqual(p["pricings"], [])
        self.assertEqual(p["pricings_count"], 0)
        self.assertEqual(p["created_by"], self.writer_user["id"])
        self.assertRegex(p["created_at"], DATETIME)
        self.assertEqual(self.show(p["id"]), p)

    def test_rows_carry_pricings_and_the_active_one(self):
        p = self.package()
        old = self.pricing(p["id"], day(-400), day(-200), rate="2000.00")
        now = self.pricing(p["id"], day(-10), day(10), rate="2500.00",
                           description="Monthly rate for Home Standard")
        later = self.pricing(p["id"], day(11), day(300), rate="2700.00")
        off = self.pricing(p["id"], day(-5), day(5), rate="1.00",
                           is_active=False)
        got = self.show(p["id"])
        self.assertEqual(got["pricings_count"], 4)
        self.assertEqual([x["id"] for x in got["pricings"]],
                         [old["id"], now["id"], off["id"], later["id"]])
        self.assertEqual(got["active_pricing"], now)
        for x in got["pricings"]:
            self.assertEqual(set(x), PRICING_KEYS)
            self.assertEqual(x, self.get("%s%d/" % (PRICINGS, x["id"])))
        # The list rows are the same (one SELECT, no query per row).
        rows = self.get(PACKAGES + "?" + qs(
            {"search": p["package_name"]}))
        self.assertEqual(rows, [got])
        # {id}/pricings/: the package's pricings.
        self.assertEqual(sorted(x["id"] for x in self.get(
            "%s%d/pricings/" % (PACKAGES, p["id"]))),
            sorted(x["id"] for x in got["pricings"]))

    def test_pricing_rate_as_number_or_string(self):
        p = self.package()
        a = self.pricing(p["id"], day(-1), day(1), rate=2500.00)
        self.assertEqual(a["rate"], "2500.00")
        b = self.pricing(p["id"], day(2), day(3), rate="99.5")
        self.assertEqual(b["rate"], "99.50")

    def test_filters_search_ordering(self):
        tok = token()
        a = self.package(tok + " alpha", package_type="bw")["id"]
        b = self.package(tok + " beta", package_type="soho",
                         is_active=False)["id"]
        c = self.package(tok + " gamma", package_type="channel_partner")["id"]

        def ids(params):
            params = dict({"search": tok}, **params)
            return [x["id"] for x in self.get(PACKAGES + "?" + qs(params))]
        self.assertEqual(ids({}), [a, b, c])
        self.assertEqual(ids({"package_type": "bw"}), [a])
        self.assertEqual(ids({"package_type": "bw,soho"}), [a, b])
        self.assertEqual(ids({"is_active": "false"}), [b])
        self.assertEqual(ids({"ordering": "-package_name"}), [c, b, a])
        self.assertEqual(ids({"search": tok.upper() + " BETA"}), [b])
        page = self.get(PACKAGES + "?" + qs({"search": tok, "limit": 2}))
        self.assertEqual(page["count"], 3)
        self.assertEqual([x["id"] for x in page["results"]], [a, b])
        self.assertIsNotNone(page["next"])

    def test_bad_filters_are_400(self):
        for params, field in (({"package_type": "gold"}, "package_type"),
                              ({"is_active": "yes please"}, "is_active"),
                              ({"ordering": "rate"}, "ordering")):
            self.assert_field_error(
                api("GET", PACKAGES + "?" + qs(params), token=self.reader),
                field)
        for params, field in (({"package_master_id": "987654321"},
                               "package_master_id"),
                              ({"ordering": "package_name"}, "ordering")):
            self.assert_field_error(
                api("GET", PRICINGS + "?" + qs(params), token=self.reader),
                field)

    def test_bad_bodies_are_400_and_write_nothing(self):
        tok = token()
        for body, field in (({"package_type": "soho"}, "package_name"),
                            ({"package_name": tok}, "package_type"),
                            ({"package_name": tok, "package_type": "gold"},
                             "package_type"),
                            ({"package_name": "", "package_type": "bw"},
                             "package_name"),
                            ({"package_name": tok, "package_type": "bw",
                              "is_active": "sometimes"}, "is_active")):
            self.assert_field_error(
                api("POST", PACKAGES, body, token=self.writer), field)
        self.assertEqual(self.get(PACKAGES + "?" + qs({"search": tok})), [])

    def test_patch_changes_given_fields_and_ignores_server_fields(self):
        p = self.package()
        self.pricing(p["id"], day(-1), day(1))
        r = api("PATCH", "%s%d/" % (PACKAGES, p["id"]),
                {"is_active": False, "pricings_count": 9, "pricings": [],
                 "id": 5, "created_by": 1}, token=self.writer)
        self.assertEqual(r.status, 200, r)
        self.assertFalse(r.json["is_active"])
        self.assertEqual(r.json["pricings_count"], 1)
        self.assertEqual(r.json["id"], p["id"])
        self.assertEqual(r.json["package_name"], p["package_name"])
        self.assertEqual(r.json["created_by"], self.writer_user["id"])
        self.assert_field_error(api("PATCH", "%s%d/" % (PACKAGES, p["id"]),
                                    {"package_type": "x"},
                                    token=self.writer), "package_type")
        self.assertEqual(self.show(p["id"])["package_type"], "soho")

    def test_put_and_delete_are_405(self):
        p = self.package()
        for method in ("PUT", "DELETE"):
            r = api(method, "%s%d/" % (PACKAGES, p["id"]),
                    {"package_name": "x", "package_type": "bw"},
                    token=self.writer)
            assert_error(self, r, 405)
            allow = {m.strip() for m in r.headers["allow"].split(",")}
            self.assertEqual(allow & {"GET", "PATCH"}, {"GET", "PATCH"})
            self.assertNotIn(method, allow)
        self.assertEqual(self.show(p["id"])["package_name"],
                         p["package_name"])

    def test_unknown_ids_are_404(self):
        for path in ("%s987654321/" % PACKAGES,
                     "%s987654321/pricings/" % PACKAGES,
                     "%s987654321/" % PRICINGS):
            assert_error(self, api("GET", path, token=self.reader), 404)
        assert_error(self, api("PATCH", "%s987654321/" % PACKAGES,
                               {"is_active": False}, token=self.writer), 404)

    # Pricings.

    def test_pricing_crud(self):
        p = self.package()
        x = self.pricing(p["id"], day(-1), day(30))
        self.assertEqual(set(x), PRICING_KEYS)
        self.assertTrue(x["is_active"])
        r = api("PATCH", "%s%d/" % (PRICINGS, x["id"]),
                {"rate": "2600.00"}, token=self.writer)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["rate"], "2600.00")
        r = api("PUT", "%s%d/" % (PRICINGS, x["id"]),
                {"package_master_id": p["id"], "rate": "1.00",
                 "val_start_at": day(0), "val_end_at": day(1)},
                token=self.writer)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["val_end_at"], day(1))
        self.assertEqual([y["id"] for y in self.get(PRICINGS + "?" + qs(
            {"package_master_id": p["id"]}))], [x["id"]])
        r = api("DELETE", "%s%d/" % (PRICINGS, x["id"]), token=self.writer)
        self.assertEqual(r.status, 204, r)
        assert_error(self, api("GET", "%s%d/" % (PRICINGS, x["id"]),
                               token=self.reader), 404)
        self.assertEqual(self.show(p["id"])["pricings_count"], 0)

    def test_bad_pricings_are_400_and_write_nothing(self):
        p = self.package()
        base = {"package_master_id": p["id"], "rate": "10.00",
                "val_start_at": day(0), "val_end_at": day(10)}
        for change, field in (({"rate": "-1.00"}, "rate"),
                              ({"rate": "1.005"}, "rate"),
                              ({"rate": "abc"}, "rate"),
                              ({"val_end_at": day(-1)}, "val_end_at"),
                              ({"val_start_at": "2025-02-30"},
                               "val_start_at"),
                              ({"package_master_id": 987654321},
                               "package_master_id"),
                              ({"package_master_id": None},
                               "package_master_id")):
            self.assert_field_error(api("POST", PRICINGS,
                                        dict(base, **change),
                                        token=self.writer), field)
        body = dict(base)
        del body["val_end_at"]
        self.assert_field_error(api("POST", PRICINGS, body,
                                    token=self.writer), "val_end_at")
        self.assertEqual(self.show(p["id"])["pricings_count"], 0)

    def test_overlapping_active_pricings_are_400(self):
        p = self.package()
        a = self.pricing(p["id"], day(0), day(30))
        for start, end in ((day(30), day(60)), (day(-30), day(0)),
                           (day(5), day(6)), (day(-100), day(100))):
            r = api("POST", PRICINGS, {"package_master_id": p["id"],
                                       "rate": "1.00", "val_start_at": start,
                                       "val_end_at": end}, token=self.writer)
            self.assert_field_error(r, "non_field_errors")
        # Not overlapping, or not active: fine.
        self.pricing(p["id"], day(31), day(60))
        self.pricing(p["id"], day(5), day(6), is_active=False)
        # Another package's pricings do not count.
        self.pricing(self.package()["id"], day(0), day(30))
        # A PATCH into an overlap is refused too; moving itself is fine.
        b = self.pricing(p["id"], day(61), day(90))
        self.assert_field_error(api("PATCH", "%s%d/" % (PRICINGS, b["id"]),
                                    {"val_start_at": day(50)},
                                    token=self.writer), "non_field_errors")
        r = api("PATCH", "%s%d/" % (PRICINGS, a["id"]),
                {"val_end_at": day(29)}, token=self.writer)
        self.assertEqual(r.status, 200, r)
        # Activating the inactive one over an active one: 400.
        off = [x for x in self.show(p["id"])["pricings"]
               if not x["is_active"]][0]
        self.assert_field_error(api("PATCH", "%s%d/" % (PRICINGS, off["id"]),
                                    {"is_active": True}, token=self.writer),
                                "non_field_errors")
        self.assertEqual(self.show(p["id"])["pricings_count"], 4)

    def test_two_concurrent_overlapping_creates_leave_one(self):
        for _ in range(3):
            p = self.package()
            results = []
            barrier = threading.Barrier(2)

            def post(rate):
                barrier.wait()
                results.append(api("POST", PRICINGS, {
                    "package_master_id": p["id"], "rate": rate,
                    "val_start_at": day(0), "val_end_at": day(30)},
                    token=self.writer))
            threads = [threading.Thread(target=post, args=(r,))
                       for r in ("1.00", "2.00")]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual(sorted(r.status for r in results), [201, 400],
                             results)
            for r in results:
                if r.status != 201:
                    assert_error(self, r, 400)
            self.assertEqual(self.show(p["id"])["pricings_count"], 1)

    def test_pricing_writes_are_audited(self):
        import json
        p = self.package()
        x = self.pricing(p["id"], day(0), day(1))
        api("DELETE", "%s%d/" % (PRICINGS, x["id"]), token=self.writer)
        out = ctl("audit", "list", "--table", "billing_package_pricings",
                  "--id", str(x["id"])).stdout
        rows = [json.loads(line) for line in out.splitlines() if line]
        self.assertEqual([r["action"] for r in rows], ["create", "delete"])
        self.assertEqual(rows[0]["after"], x)
        self.assertEqual(rows[1]["user_id"], self.writer_user["id"])
        out = ctl("audit", "list", "--table", "billing_packages",
                  "--id", str(p["id"])).stdout
        self.assertEqual(len([line for line in out.splitlines() if line]), 1)

    # Permissions.

    def test_permissions(self):
        p = self.package()
        x = self.pricing(p["id"], day(0), day(1))
        reads = (PACKAGES, "%s%d/" % (PACKAGES, p["id"]),
                 "%s%d/pricings/" % (PACKAGES, p["id"]), PRICINGS,
                 "%s%d/" % (PRICINGS, x["id"]))
        for path in reads:
            assert_error(self, api("GET", path), 401)
            assert_error(self, api("GET", path, token=self.nobody), 403)
            self.get(path, self.reader)
        writes = (("POST", PACKAGES, {"package_name": "x",
                                      "package_type": "bw"}),
                  ("PATCH", "%s%d/" % (PACKAGES, p["id"]),
                   {"package_name": "changed"}),
                  ("POST", PRICINGS, {"package_master_id": p["id"],
                                      "rate": "1.00", "val_start_at": day(5),
                                      "val_end_at": day(6)}),
                  ("PATCH", "%s%d/" % (PRICINGS, x["id"]), {"rate": "9.00"}),
                  ("DELETE", "%s%d/" % (PRICINGS, x["id"]), None))
        for method, path, body in writes:
            assert_error(self, api(method, path, body), 401)
            assert_error(self, api(method, path, body, token=self.reader),
                         403)
        got = self.show(p["id"])
        self.assertEqual(got["package_name"], p["package_name"])
        self.assertEqual(got["pricings"], [x])


if __name__ == "__main__":
    main()
