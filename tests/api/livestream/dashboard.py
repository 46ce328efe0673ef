"""Module livestream (API.md §7): the dashboard's lists and counts, with
filters as plain parameters or one JSON ?query=, skip/limit, local days in
the caller's zone (timezoneoffset, JavaScript's sign), name substrings,
status lists; bad input is a 400 in the §1 shape. Each test filters by an
organization of its own, so other tests' rows do not matter."""

import json
import os
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from live import (admin_token, assert_error, ctl, live, make_dealer,  # noqa: E402
                  make_org, request_stream, sql, unique)

TOKEN = admin_token()


def get(path, params=None, query=None, token=TOKEN):
    qs = dict(params or {})
    if query is not None:
        qs["query"] = json.dumps(query)
    return live("GET", path + ("?" + urllib.parse.urlencode(qs) if qs else ""),
                token=token)


def backdate(sid, utc):
    sql("UPDATE live_streams SET created_at = '%s' WHERE id = '%s'"
        % (utc, sid))


class Fixture(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.org = make_org(name=unique("Dash Motors "))
        ctl("vehicle", "create", "--org", str(cls.org["id"]), "--vin",
            "1HGCM82633A004352", "--make", "Honda", "--model", "Accord",
            "--type", "sedan")
        cls.a = request_stream(cls.org, firstName="Alice", lastName="Zed",
                               phone="+15551230001")
        cls.b = request_stream(cls.org, vin="WBA3A5C5XCF000001",
                               firstName="Bob", lastName="Alison")
        cls.c = request_stream(cls.org, vin="WBA3A5C5XCF000002")
        live("POST", "/leads", {"streamId": cls.c["id"], "firstName": "Carol",
                                "lastName": "Lead", "phone": "+15559990000"})
        # Fixed statuses, whatever the timeouts: a completed, b and c missed.
        dealer = make_dealer(cls.org)
        live("POST", "/streams/accept/" + cls.a["id"], token=dealer["token"])
        for s in (cls.a, cls.b, cls.c):
            live("POST", "/streams/stop/" + s["id"])
        # a: 2030-01-01 20:00 UTC is 2030-01-02 03:00 at GMT+7.
        backdate(cls.a["id"], "2030-01-01 20:00:00")
        backdate(cls.b["id"], "2030-01-03 12:00:00")
        backdate(cls.c["id"], "2030-01-05 00:30:00")
        cls.name = cls.org["name"]

    def ids(self, r):
        self.assertEqual(r.status, 200, r)
        return sorted(x["id"] for x in r.json["results"])


class Calls(Fixture):
    def test_organization_name_is_exact_and_case_insensitive(self):
        r = get("/dashboard/getcalls", {"organizationName": self.name.upper()})
        self.assertEqual(r.json["count"], 3, r)
        self.assertEqual(self.ids(r), sorted([self.a["id"], self.b["id"],
                                              self.c["id"]]))
        r = get("/dashboard/getcalls", {"organizationName": self.name[:-2]})
        self.assertEqual(r.json["count"], 0)

    def test_json_query_same_as_plain(self):
        plain = get("/dashboard/getcalls", {"organizationName": self.name,
                                            "status": "completed"})
        js = get("/dashboard/getcalls", query={"organizationName": self.name,
                                               "status": "completed"})
        self.assertEqual(self.ids(plain), [self.a["id"]])
        self.assertEqual(self.ids(js), [self.a["id"]])

    def test_status_list(self):
        r = get("/dashboard/getcalls", {"organizationName": self.name,
                                        "status": "missed,completed"})
        self.assertEqual(r.json["count"], 3)
        r = get("/dashboard/getcalls", {"organizationName": self.name,
                                        "status": "requested,expired"})
        self.assertEqual(r.json["count"], 0)

    def test_name_matches_first_or_last_or_lead(self):
        q = {"organizationName": self.name}
        self.assertEqual(self.ids(get("/dashboard/getcalls",
                                      query=dict(q, name="ALI"))),
                         sorted([self.a["id"], self.b["id"]]))
        self.assertEqual(self.ids(get("/dashboard/getcalls",
                                      query=dict(q, name="carol"))),
                         [self.c["id"]])
        self.assertEqual(self.ids(get("/dashboard/getcalls",
                                      query=dict(q, phone="999"))),
                         [self.c["id"]])
        self.assertEqual(self.ids(get("/dashboard/getcalls",
                                      query=dict(q, name="%"))), [])

    def test_car_filters_and_vin_substring(self):
        q = {"organizationName": self.name}
        self.assertEqual(self.ids(get("/dashboard/getcalls", query=dict(
            q, carMake="honda", carModel="ACCORD", carType="Sedan"))),
            [self.a["id"]])
        self.assertEqual(self.ids(get("/dashboard/getcalls", query=dict(
            q, vin="cf00000"))), sorted([self.b["id"], self.c["id"]]))

    def test_local_days_follow_timezoneoffset(self):
        q = {"organizationName": self.name}
        day = lambda d, tz: self.ids(get("/dashboard/getcalls", query=dict(
            q, **{"from": d, "to": d, "timezoneoffset": tz})))
        self.assertEqual(day("2030-01-01", 0), [self.a["id"]])
        self.assertEqual(day("2030-01-01", -420), [])
        self.assertEqual(day("2030-01-02", -420), [self.a["id"]])
        # 2030-01-05 00:30 UTC is 2030-01-04 at GMT-5 (offset 300).
        self.assertEqual(day("2030-01-04", 300), [self.c["id"]])
        self.assertEqual(day("2030-01-05", 300), [])
        r = get("/dashboard/getcalls", query=dict(q, **{"from": "2030-01-02",
                                                        "to": "2030-01-04"}))
        self.assertEqual(self.ids(r), [self.b["id"]])

    def test_skip_limit_newest_first(self):
        q = {"organizationName": self.name}
        r = get("/dashboard/getcalls", query=dict(q, limit=2))
        self.assertEqual(r.json["count"], 3)
        self.assertEqual([x["id"] for x in r.json["results"]],
                         [self.c["id"], self.b["id"]])
        r = get("/dashboard/getcalls", dict(q, skip=2, limit=2))
        self.assertEqual([x["id"] for x in r.json["results"]], [self.a["id"]])

    def test_counts(self):
        r = get("/dashboard/countcall", {"organizationName": self.name,
                                         "status": "missed"})
        self.assertEqual(r.json, {"count": 2}, r)
        r = get("/dashboard/countlead", {"organizationName": self.name})
        self.assertEqual(r.json, {"count": 1}, r)
        r = get("/dashboard/countcalllead", query={"from": "2030-01-01",
                                                   "to": "2030-01-03"})
        self.assertGreaterEqual(r.json["calls"], 2, r)
        all_ = get("/dashboard/countallcalllead")
        self.assertGreaterEqual(all_.json["calls"], r.json["calls"] + 1, all_)
        self.assertGreaterEqual(all_.json["leads"], 1)

    def test_bad_input_is_400(self):
        for params in [{"query": "{not json"}, {"query": "[1,2]"},
                       {"status": "done"}, {"timezoneoffset": "900"},
                       {"timezoneoffset": "x"}, {"limit": "201"},
                       {"limit": "0"}, {"skip": "-1"}, {"from": "2030-02-30"}]:
            r = live("GET", "/dashboard/getcalls?" +
                     urllib.parse.urlencode(params), token=TOKEN)
            assert_error(self, r, 400)

    def test_limit_defaults_to_20_max_200(self):
        r = get("/dashboard/getcalls", {"limit": "200"})
        self.assertEqual(r.status, 200, r)
        self.assertLessEqual(len(r.json["results"]), 200)
        r = get("/dashboard/getcalls")
        self.assertLessEqual(len(r.json["results"]), 20)
        if r.json["count"] >= 20:
            self.assertEqual(len(r.json["results"]), 20)

    def test_dashboard_needs_permission_and_apikey(self):
        d = make_dealer(self.org)
        assert_error(self, get("/dashboard/getcalls", token=d["token"]), 403)
        assert_error(self, get("/dashboard/getcalls", token=None), 401)
        assert_error(self, live("GET", "/dashboard/getcalls", key=None,
                                token=TOKEN), 401)


class Leads(Fixture):
    def test_lead_filters(self):
        q = {"organizationName": self.name}
        r = get("/dashboard/getleads", query=q)
        self.assertEqual(r.json["count"], 1, r)
        lead = r.json["results"][0]
        self.assertEqual(lead["streamId"], self.c["id"])
        self.assertEqual(lead["status"], "missed")
        self.assertEqual(get("/dashboard/getleads", query=dict(
            q, name="LEA")).json["count"], 1)
        self.assertEqual(get("/dashboard/getleads", query=dict(
            q, status="completed")).json["count"], 0)
        self.assertEqual(get("/dashboard/getleads", query=dict(
            q, status="missed", phone="9990")).json["count"], 1)


class Organizations(Fixture):
    def test_name_substring(self):
        r = get("/dashboard/getorganizations", {"name": self.name[5:].lower()})
        self.assertEqual(r.status, 200, r)
        self.assertEqual([o["id"] for o in r.json["results"]],
                         [self.org["id"]])
        self.assertEqual(r.json["count"], 1)
        self.assertEqual(r.json["results"][0]["code"], self.org["code"])


class Dealers(unittest.TestCase):
    def test_dealers_of_an_organization(self):
        self.org = make_org()
        d1 = make_dealer(self.org, first="Quentin", last="Alpha")
        d2 = make_dealer(self.org, first="Rita", last="Beta")
        make_dealer(make_org(), first="Quentin")
        live("POST", "/accounts/status/online", token=d2["token"])
        oid = str(self.org["id"])
        r = get("/organization/getdealers", {"organizationId": oid})
        self.assertEqual(sorted(x["id"] for x in r.json["results"]),
                         sorted([d1["id"], d2["id"]]), r)
        r = get("/organization/getdealers", query={"organizationId": oid,
                                                   "name": "quen"})
        self.assertEqual([x["id"] for x in r.json["results"]], [d1["id"]])
        r = get("/organization/getdealers", {"organizationId": oid,
                                             "accountStatus": "online"})
        self.assertEqual([x["id"] for x in r.json["results"]], [d2["id"]])
        self.assertEqual(r.json["results"][0]["accountStatus"], "online")
        r = get("/organization/getdealers", {"organizationId": oid,
                                             "email": d1["email"][:10]})
        self.assertEqual([x["id"] for x in r.json["results"]], [d1["id"]])
        r = get("/organization/countdealer", {"organizationId": oid,
                                              "status": "active"})
        self.assertEqual(r.json, {"count": 2})
        assert_error(self, get("/organization/getdealers"), 400)
        assert_error(self, get("/organization/getdealers", {
            "organizationId": oid, "status": "retired"}), 400)


if __name__ == "__main__":
    unittest.main(verbosity=2)
