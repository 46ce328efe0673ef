#!/usr/bin/env python3
"""API tests of POST /crm/import and GET /crm/customers (API.md §3, seed
000): every status code at its boundaries (customers imported with due
dates relative to today), buckets, bucket and status combined across
pages, bad parameters, and an import that fails on its last row writing
nothing. Each test imports customers with unique emails and looks for
those emails only, so other data does not matter."""
import datetime
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, main  # noqa: E402
from accounts import access_token, create_user  # noqa: E402

TODAY = datetime.date.today()
CUSTOMER_KEYS = {"id", "fullname", "email", "phone", "country", "cdate"}


def day(n):
    return (TODAY + datetime.timedelta(days=n)).isoformat()


def email():
    return "crm-" + uuid.uuid4().hex[:16] + "@example.com"


def customer(installments, mail=None, **extra):
    c = {"fullname": "Test Customer", "email": mail or email(),
         "phone": "1234567890", "country": "bd",
         "loans": [{"installments": installments}]}
    c.update(extra)
    return c


def unpaid(days):
    return {"due_date": day(days), "due_amount": "100.00"}


def paid(due, late):
    return {"due_date": day(due), "due_amount": "100.00",
            "paid_date": day(due + late), "paid_amount": "100.00"}


class CustomersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.user = create_user(perms=["crm:read", "agents:create"])
        cls.token = access_token(cls.user)
        cls.reader = access_token(create_user(perms=["crm:read"]))

    def load(self, customers):
        r = api("POST", "/crm/import", {"customers": customers},
                token=self.token)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"status": "success",
                                  "data": {"created": len(customers)}})

    def emails(self, query, size=100):
        """The emails of every customer the query lists, page by page;
        the envelope's count (a sum of maintained per-pair counts,
        sql/0062) must be the number of rows the pages hold."""
        got, url, counts = [], "/crm/customers?page_size=%d&%s" % (size, query), set()
        while url:
            r = api("GET", url, token=self.token)
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json["status"], "success")
            data = r.json["data"]
            counts.add(data["count"])
            for row in data["results"]:
                self.assertEqual(set(row), CUSTOMER_KEYS)
                got.append(row["email"])
            url = data["next"]
        self.assertEqual(counts, {len(got)}, query)
        return got

    def test_every_status_code_at_its_boundaries(self):
        cases = [(310, unpaid(4)), (310, unpaid(40)), (311, unpaid(3)),
                 (311, unpaid(1)), (312, unpaid(0)), (320, unpaid(-1)),
                 (320, unpaid(-4)), (321, unpaid(-5)), (321, unpaid(-29)),
                 (322, unpaid(-30)), (322, unpaid(-59)), (323, unpaid(-60)),
                 (323, unpaid(-89)), (324, unpaid(-90)), (324, unpaid(-400)),
                 (330, paid(-10, 0)), (330, paid(-10, -3)),
                 (331, paid(-10, 1)), (331, paid(-10, 4)),
                 (332, paid(-10, 5)), (332, paid(-40, 30))]
        custs = [customer([inst]) for _, inst in cases]
        self.load(custs)
        codes = sorted({c for c, _ in cases})
        listed = {c: set(self.emails("status=%d" % c)) for c in codes}
        for (code, _), c in zip(cases, custs):
            for other in codes:
                self.assertEqual(c["email"] in listed[other], other == code,
                                 "%s in %d (expected %d)" % (c, other, code))

    def test_current_installment_is_the_oldest_unpaid_across_loans(self):
        c = customer([paid(-20, 0), unpaid(-3)])
        c["loans"].append({"installments": [unpaid(2), unpaid(-1)]})
        done = customer([paid(-50, 10), paid(-20, 2)])  # last one: 331
        self.load([c, done])
        self.assertIn(c["email"], self.emails("status=320&bucket=dpd3"))
        self.assertNotIn(c["email"], self.emails("bucket=dpd1"))
        self.assertIn(done["email"], self.emails("status=331"))
        self.assertNotIn(done["email"], self.emails("status=332"))

    def test_buckets_select_exact_days(self):
        cs = {b: customer([unpaid(d)]) for b, d in
              [("t0", 0), ("t30", 30), ("dpd1", -1), ("dpd365", -365)]}
        self.load(list(cs.values()))
        for b, c in cs.items():
            self.assertIn(c["email"], self.emails("bucket=" + b))
        both = set(self.emails("bucket=t0,t30"))
        self.assertIn(cs["t0"]["email"], both)
        self.assertIn(cs["t30"]["email"], both)
        self.assertNotIn(cs["dpd1"]["email"], both)

    def test_bucket_and_status_combine_with_and_across_pages(self):
        t3 = [customer([unpaid(3)]) for _ in range(7)]
        t2 = [customer([unpaid(2)]) for _ in range(3)]
        self.load(t3 + t2)
        mine = {c["email"] for c in t3}
        got = self.emails("bucket=t3&status=311", size=2)
        self.assertTrue(mine <= set(got))
        self.assertEqual(len(got), len(set(got)))  # no row on two pages
        self.assertFalse({c["email"] for c in t2} & set(got))
        self.assertFalse(mine & set(self.emails("bucket=t3&status=312")))
        r = api("GET", "/crm/customers?bucket=t3&status=311&page_size=2",
                token=self.token)
        self.assertEqual(len(r.json["data"]["results"]), 2)
        self.assertIsNotNone(r.json["data"]["next"])

    def test_bad_buckets_and_status_codes_are_400(self):
        for q in ("bucket=t31", "bucket=x1", "bucket=dpd0", "bucket=t3,",
                  "bucket=dpd366", "status=313", "status=abc",
                  "status=311,,312", "page=0"):
            r = api("GET", "/crm/customers?" + q, token=self.token)
            assert_error(self, r, 400)

    def test_import_failing_on_its_last_row_writes_nothing(self):
        good = [customer([unpaid(1)]) for _ in range(3)]
        bad = customer([unpaid(1), {"due_date": "2026-02-30",
                                    "due_amount": "1.00"}])
        r = api("POST", "/crm/import", {"customers": good + [bad]},
                token=self.token)
        assert_error(self, r, 400)
        self.assertEqual(list(r.json["errors"]),
                         ["customers[3].loans[0].installments[1].due_date"])
        listed = set(self.emails("status=311"))
        self.assertFalse({c["email"] for c in good} & listed)

    def test_import_names_every_bad_row(self):
        dup = email()
        rows = [customer([unpaid(1)], mail=dup),
                customer([{"due_date": day(1), "due_amount": "-1.00"}]),
                customer([{"due_date": day(1), "due_amount": "1.00",
                           "paid_date": day(1)}]),
                customer([{"due_date": day(1), "due_amount": "1.00",
                           "paid_amount": "1.00"}]),
                {"email": email(), "loans": []},
                customer([unpaid(1)], mail=dup.upper()),
                customer([unpaid(1)], agent="nobody-" + email())]
        r = api("POST", "/crm/import", {"customers": rows}, token=self.token)
        assert_error(self, r, 400)
        errs = r.json["errors"]
        for key in ("customers[1].loans[0].installments[0].due_amount",
                    "customers[2].loans[0].installments[0].paid_amount",
                    "customers[3].loans[0].installments[0].paid_date",
                    "customers[4].fullname", "customers[4].phone",
                    "customers[4].country", "customers[5].email"):
            self.assertIn(key, errs)
        # The agent is checked against the database once rows are valid.
        r = api("POST", "/crm/import", {"customers": [rows[6]]},
                token=self.token)
        assert_error(self, r, 400)
        self.assertIn("customers[0].agent", r.json["errors"])

    def test_import_of_an_email_in_the_database_is_400(self):
        c = customer([unpaid(5)])
        self.load([c])
        again = [customer([unpaid(5)]), customer([unpaid(5)], mail=c["email"])]
        r = api("POST", "/crm/import", {"customers": again}, token=self.token)
        assert_error(self, r, 400)
        self.assertEqual(list(r.json["errors"]), ["customers[1].email"])
        self.assertNotIn(again[0]["email"], self.emails("bucket=t5"))

    def test_import_limits_and_shape(self):
        for body in ({}, {"customers": {}}, {"customers": [1]}):
            assert_error(self, api("POST", "/crm/import", body,
                                   token=self.token), 400)
        r = api("POST", "/crm/import",
                {"customers": [{}] * 10001}, token=self.token)
        assert_error(self, r, 400)
        self.assertIn("customers", r.json["errors"])

    def test_permissions(self):
        assert_error(self, api("GET", "/crm/customers"), 401)
        r = api("POST", "/crm/import", {"customers": []}, token=self.reader)
        assert_error(self, r, 403)
        other = access_token(create_user(perms=["agents:read"]))
        assert_error(self, api("GET", "/crm/customers", token=other), 403)


if __name__ == "__main__":
    main()
