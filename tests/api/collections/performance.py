#!/usr/bin/env python3
"""API tests of GET /crm/performance (API.md §3): the collection,
performance and performance_all blocks checked against figures computed
by hand for a month no other test touches (a random year before 2000),
a month without installments, the default of six months, and bad
months."""
import datetime
import os
import random
import sys
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, main  # noqa: E402
from accounts import create_user, login_token  # noqa: E402


def inst(due, amount="10.00", paid=None, paid_amount=None):
    i = {"due_date": due, "due_amount": amount}
    if paid:
        i["paid_date"] = paid
        i["paid_amount"] = paid_amount
    return i


class PerformanceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        boss = create_user(phone=False, perms=["agents:read", "agents:create",
                                               "crm:read"])
        cls.token = login_token(boss)
        roles = api("GET", "/agents/roles", token=cls.token).json["data"]
        cls.agent = "perf-" + uuid.uuid4().hex[:12] + "@example.com"
        r = api("POST", "/agents", {"user": cls.agent, "password": "s3cret-pass",
                                    "name": "P", "role":
                                    roles["results"][0]["id"]},
                token=cls.token)
        assert r.status == 201, r
        agents = api("GET", "/agents?query=" + cls.agent, token=cls.token)
        cls.agent_id = agents.json["data"]["results"][0]["id"]
        cls.year = random.randint(1100, 1999)
        y = cls.year

        def d(m, day):
            return "%04d-%02d-%02d" % (y, m, day)
        cls.month = "%04d-03" % y
        customers = [
            {"fullname": "A", "email": uuid.uuid4().hex + "@p.example",
             "phone": "1", "country": "bd", "agent": cls.agent,
             "loans": [{"installments": [
                 inst(d(3, 5), paid=d(3, 5), paid_amount="100.00"),
                 inst(d(3, 10), paid=d(3, 12), paid_amount="50.50"),
                 inst(d(3, 20), paid=d(4, 5), paid_amount="10.00"),
                 inst(d(3, 25))]}]},
            {"fullname": "B", "email": uuid.uuid4().hex + "@p.example",
             "phone": "1", "country": "bd",
             "loans": [{"installments": [
                 inst(d(3, 1), paid=d(3, 4), paid_amount="20.00"),
                 inst(d(3, 31), paid=d(5, 15), paid_amount="5.00")]}]},
        ]
        r = api("POST", "/crm/import", {"customers": customers},
                token=cls.token)
        assert r.status == 200, r

    def get(self, query):
        r = api("GET", "/crm/performance" + query, token=self.token)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"], "success")
        self.assertEqual(set(r.json["data"]),
                         {"performance", "performance_all", "collection"})
        return r.json["data"]

    def test_figures_of_a_month_by_hand(self):
        data = self.get("?month=" + self.month)
        self.assertEqual(data["collection"], [{
            "month_start_date": self.month + "-01",
            "count_payment": 6, "count_first_payment": 2,
            "np_ontime_percent": "0.000", "np_grace_percent": "0.250",
            "np_late30_percent": "0.250", "fp_np_ontime_percent": "0.500",
            "fp_np_grace_percent": "0.500"}])
        self.assertEqual(data["performance"], [{
            "agent_id": self.agent_id, "username": self.agent,
            "month_start_date": self.month + "-01", "assigned": 4,
            "count_paid": 3, "amount_collected": 160.50,
            "collection_rate": "0.750"}])
        self.assertEqual(data["performance_all"], [{
            "month_start_date": self.month + "-01", "assigned": 4,
            "count_paid": 3, "amount_collected": 160.50,
            "collection_rate": "0.750"}])

    def test_a_month_without_installments(self):
        data = self.get("?month=%04d-04" % self.year)
        self.assertEqual(data["performance"], [])
        self.assertEqual(data["performance_all"], [])
        self.assertEqual(data["collection"], [{
            "month_start_date": "%04d-04-01" % self.year,
            "count_payment": None, "count_first_payment": None,
            "np_ontime_percent": "0.000", "np_grace_percent": "0.000",
            "np_late30_percent": "0.000", "fp_np_ontime_percent": "0.000",
            "fp_np_grace_percent": "0.000"}])

    def test_default_is_the_last_six_months(self):
        data = self.get("")
        today = datetime.date.today()
        months = []
        y, m = today.year, today.month
        for _ in range(6):
            months.append("%04d-%02d-01" % (y, m))
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        self.assertEqual([c["month_start_date"] for c in data["collection"]],
                         list(reversed(months)))

    def test_bad_months_are_400(self):
        for q in ("2001-13", "2001-3", "2001-03-01", "x", "200a-01", ""):
            r = api("GET", "/crm/performance?month=" + q, token=self.token)
            assert_error(self, r, 400)

    def test_permissions(self):
        assert_error(self, api("GET", "/crm/performance"), 401)
        other = login_token(create_user(phone=False, perms=["agents:read"]))
        assert_error(self, api("GET", "/crm/performance", token=other), 403)


if __name__ == "__main__":
    main()
