#!/usr/bin/env python3
"""API tests of /purchase-plan, /cancel-plan/{id} and /my-plans (API.md §4,
seed 001): the purchase's snapshot and dates, one active subscription per
user and plan (also under concurrent purchases), cancelling one's own
subscriptions only, and the caller's paginated list. Each test makes its
own plans and users."""
import datetime
import os
import sys
import threading
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, main  # noqa: E402
from accounts import access_token, create_user  # noqa: E402

# Exactly API.md §4's ten keys (an eleventh, cancelled_at, used to be added).
SUB_KEYS = {"id", "plan_id", "start_date", "end_date", "is_active",
            "plan_name", "plan_amount", "plan_months_validity",
            "plan_payment_cycle", "plan_cancellable"}


def unique(prefix="Plan"):
    return "%s %s" % (prefix, uuid.uuid4().hex[:12])


def day(s):
    return datetime.date.fromisoformat(s)


class PurchasesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin = access_token(create_user(superuser=True))

    def plan(self, **fields):
        body = {"name": unique(), "amount": "500.00"}
        body.update(fields)
        r = api("POST", "/plans/", body, token=self.admin)
        self.assertEqual(r.status, 201, r)
        return r.json

    def buyer(self):
        return access_token(create_user())

    def purchase(self, token, plan_id):
        r = api("POST", "/purchase-plan/", {"plan": plan_id}, token=token)
        self.assertEqual(r.status, 201, r)
        return r.json["data"]

    def my_plans(self, token, query=""):
        r = api("GET", "/my-plans/" + query, token=token)
        self.assertEqual(r.status, 200, r)
        return r.json

    # -- purchase -----------------------------------------------------

    def test_purchase_answers_the_seed_shape(self):
        p = self.plan(amount=500)
        r = api("POST", "/purchase-plan/", {"plan": p["id"]},
                token=self.buyer())
        self.assertEqual(r.status, 201, r)
        self.assertEqual(set(r.json), {"message", "data"})
        self.assertEqual(r.json["message"], "Purchase Plan Successful")
        d = r.json["data"]
        self.assertEqual(set(d), SUB_KEYS)
        self.assertIsInstance(d["id"], int)
        self.assertEqual(d["plan_id"], p["id"])
        self.assertIs(d["is_active"], True)
        self.assertEqual(d["plan_name"], p["name"])
        self.assertEqual(d["plan_amount"], 500)
        self.assertIsInstance(d["plan_amount"], (int, float))
        self.assertIn(b'"plan_amount":500.00', r.body)
        self.assertEqual((d["plan_months_validity"], d["plan_payment_cycle"],
                          d["plan_cancellable"]), (12, 30, False))

    def test_purchase_starts_today_and_runs_cycle_times_months_days(self):
        d = self.purchase(self.buyer(), self.plan()["id"])
        today = {datetime.date.today(),
                 datetime.datetime.now(datetime.timezone.utc).date()}
        self.assertIn(day(d["start_date"]), today)
        self.assertEqual((day(d["end_date"]) - day(d["start_date"])).days,
                         360)
        d = self.purchase(self.buyer(), self.plan(payment_cycle=7,
                                                  total_valid_months=3)["id"])
        self.assertEqual((day(d["end_date"]) - day(d["start_date"])).days, 21)

    def test_purchase_snapshots_the_plan(self):
        p = self.plan(amount="750.25", is_cancellable=False)
        token = self.buyer()
        sub = self.purchase(token, p["id"])
        r = api("PATCH", "/plans/%d" % p["id"], {
            "name": unique("Renamed"), "amount": 999, "payment_cycle": 1,
            "total_valid_months": 1, "is_cancellable": True},
            token=self.admin)
        self.assertEqual(r.status, 200, r)
        got = self.my_plans(token)["results"]
        self.assertEqual(got, [sub])
        self.assertEqual(got[0]["plan_amount"], 750.25)
        # Cancellability is the value bought: still not cancellable.
        r = api("POST", "/cancel-plan/%d" % sub["id"], token=token)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["message"], "Plan is not cancellable")

    def test_second_active_purchase_of_a_plan_is_400(self):
        p = self.plan()
        token = self.buyer()
        self.purchase(token, p["id"])
        r = api("POST", "/purchase-plan/", {"plan": p["id"]}, token=token)
        assert_error(self, r, 400, "already_subscribed")
        self.assertIn("plan", r.json["errors"])
        self.assertEqual(self.my_plans(token)["count"], 1)

    def test_other_users_and_other_plans_are_independent(self):
        p, q = self.plan(), self.plan()
        a, b = self.buyer(), self.buyer()
        self.purchase(a, p["id"])
        self.purchase(a, q["id"])
        self.purchase(b, p["id"])
        self.assertEqual(self.my_plans(a)["count"], 2)
        self.assertEqual(self.my_plans(b)["count"], 1)

    def test_purchase_again_after_cancelling(self):
        p = self.plan(is_cancellable=True)
        token = self.buyer()
        first = self.purchase(token, p["id"])
        r = api("POST", "/cancel-plan/%d" % first["id"], token=token)
        self.assertEqual(r.status, 201, r)
        second = self.purchase(token, p["id"])
        self.assertNotEqual(second["id"], first["id"])
        states = [(s["id"], s["is_active"])
                  for s in self.my_plans(token)["results"]]
        self.assertEqual(states, [(first["id"], False), (second["id"], True)])

    def test_concurrent_purchases_leave_exactly_one_active(self):
        p = self.plan()
        token = self.buyer()
        n = 8
        barrier = threading.Barrier(n)
        results = [None] * n

        def buy(i):
            barrier.wait()
            results[i] = api("POST", "/purchase-plan/", {"plan": p["id"]},
                             token=token)

        threads = [threading.Thread(target=buy, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        statuses = sorted(r.status for r in results)
        self.assertEqual(statuses.count(201), 1, results)
        for r in results:
            if r.status != 201:
                # A duplicate, or a lock conflict the client may retry.
                self.assertIn(r.status, (400, 409), r)
                assert_error(self, r, r.status)
        mine = self.my_plans(token)["results"]
        self.assertEqual([s["is_active"] for s in mine], [True])

    def test_purchase_racing_a_delete_never_outlives_the_plan(self):
        for _ in range(5):
            p = self.plan()
            token = self.buyer()
            barrier = threading.Barrier(2)
            out = {}

            def run(key, method, path, body, tok):
                barrier.wait()
                out[key] = api(method, path, body, token=tok)

            threads = [
                threading.Thread(target=run, args=(
                    "buy", "POST", "/purchase-plan/", {"plan": p["id"]},
                    token)),
                threading.Thread(target=run, args=(
                    "delete", "DELETE", "/plans/%d" % p["id"], None,
                    self.admin)),
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            bought, deleted = out["buy"].status, out["delete"].status
            # Never both: an active subscription to a deleted plan. A 409
            # on either side is a lock conflict the client may retry.
            self.assertIn(bought, (201, 400, 409), out)
            self.assertIn(deleted, (204, 409), out)
            self.assertFalse(bought == 201 and deleted == 204, out)
            if bought == 201:
                self.assertEqual(api("GET", "/plans/%d" % p["id"],
                                     token=token).status, 200)

    def test_purchase_unknown_plan_is_400(self):
        p = self.plan()
        api("DELETE", "/plans/%d" % p["id"], token=self.admin)
        r = api("POST", "/purchase-plan/", {"plan": p["id"]},
                token=self.buyer())
        assert_error(self, r, 400, "validation_error")
        self.assertIn("plan", r.json["errors"])

    def test_purchase_invalid_bodies(self):
        token = self.buyer()
        for body in ({}, {"plan": "abc"}, {"plan": 0}, {"plan": -1},
                     {"plan": 1.5}, {"plan": None}, {"plan": True},
                     {"plan": [1]}, {"plan_id": 1}):
            r = api("POST", "/purchase-plan/", body, token=token)
            assert_error(self, r, 400, "validation_error")
            self.assertIn("plan", r.json["errors"], body)
        assert_error(self, api("POST", "/purchase-plan/", raw="[1",
                               token=token), 400)
        assert_error(self, api("POST", "/purchase-plan/", [1], token=token),
                     400)
        assert_error(self, api("POST", "/purchase-plan/", raw='{"plan":1}',
                               content_type="text/plain", token=token), 415)
        self.assertEqual(self.my_plans(token)["count"], 0)

    def test_purchase_accepts_a_digit_string_id(self):
        p = self.plan()
        r = api("POST", "/purchase-plan/", {"plan": str(p["id"])},
                token=self.buyer())
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["data"]["plan_id"], p["id"])

    def test_purchase_ignores_fields_the_client_may_not_set(self):
        p = self.plan(amount=500)
        r = api("POST", "/purchase-plan/", {
            "plan": p["id"], "plan_amount": 1, "is_active": False,
            "end_date": "2099-01-01", "user_id": 1, "id": 77777777},
            token=self.buyer())
        self.assertEqual(r.status, 201, r)
        d = r.json["data"]
        self.assertEqual((d["plan_amount"], d["is_active"]), (500, True))
        self.assertNotEqual(d["id"], 77777777)
        self.assertEqual((day(d["end_date"]) - day(d["start_date"])).days,
                         360)

    def test_purchase_needs_credentials(self):
        p = self.plan()
        assert_error(self, api("POST", "/purchase-plan/", {"plan": p["id"]}),
                     401)

    # -- cancel -------------------------------------------------------

    def test_cancel_a_cancellable_plan(self):
        p = self.plan(is_cancellable=True, amount=1200)
        token = self.buyer()
        sub = self.purchase(token, p["id"])
        r = api("POST", "/cancel-plan/%d/" % sub["id"], token=token)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["message"], "Plan cancelled successfully")
        d = r.json["data"]
        self.assertIs(d["is_active"], False)
        self.assertEqual(set(d), SUB_KEYS)
        self.assertEqual(dict(d, is_active=True), sub)
        self.assertEqual(self.my_plans(token)["results"], [d])

    def test_cancel_a_plan_that_is_not_cancellable(self):
        p = self.plan(is_cancellable=False)
        token = self.buyer()
        sub = self.purchase(token, p["id"])
        r = api("POST", "/cancel-plan/%d" % sub["id"], token=token)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json, {"message": "Plan is not cancellable",
                                  "data": sub})
        self.assertTrue(self.my_plans(token)["results"][0]["is_active"])

    def test_cancel_twice_is_409(self):
        p = self.plan(is_cancellable=True)
        token = self.buyer()
        sub = self.purchase(token, p["id"])
        self.assertEqual(api("POST", "/cancel-plan/%d" % sub["id"],
                             token=token).status, 201)
        assert_error(self, api("POST", "/cancel-plan/%d" % sub["id"],
                               token=token), 409, "already_cancelled")

    def test_cancel_someone_elses_subscription_is_404(self):
        p = self.plan(is_cancellable=True)
        owner, other = self.buyer(), self.buyer()
        sub = self.purchase(owner, p["id"])
        for token in (other, self.admin):
            assert_error(self, api("POST", "/cancel-plan/%d" % sub["id"],
                                   token=token), 404, "not_found")
        self.assertTrue(self.my_plans(owner)["results"][0]["is_active"])

    def test_cancel_unknown_or_malformed_id_is_404(self):
        token = self.buyer()
        for bad in ("999999999", "abc", "0", "-3", "1.0"):
            assert_error(self, api("POST", "/cancel-plan/" + bad,
                                   token=token), 404)

    def test_cancel_needs_credentials_and_post(self):
        sub = self.purchase(self.buyer(), self.plan()["id"])
        assert_error(self, api("POST", "/cancel-plan/%d" % sub["id"]), 401)
        r = api("GET", "/cancel-plan/%d" % sub["id"], token=self.admin)
        assert_error(self, r, 405)
        self.assertIn("POST", r.headers.get("allow", ""))

    def test_cancel_ignores_a_body(self):
        p = self.plan(is_cancellable=True)
        token = self.buyer()
        sub = self.purchase(token, p["id"])
        r = api("POST", "/cancel-plan/%d" % sub["id"], {"is_active": True},
                token=token)
        self.assertEqual(r.status, 201, r)
        self.assertIs(r.json["data"]["is_active"], False)

    # -- my-plans -----------------------------------------------------

    def test_my_plans_lists_only_the_callers_in_pages(self):
        plans = [self.plan() for _ in range(3)]
        token, other = self.buyer(), self.buyer()
        subs = [self.purchase(token, p["id"]) for p in plans]
        self.purchase(other, plans[0]["id"])
        page1 = self.my_plans(token, "?page_size=2")
        self.assertEqual(page1["count"], 3)
        self.assertEqual(page1["results"], subs[:2])
        self.assertIsNone(page1["previous"])
        self.assertRegex(page1["next"], r"^https?://[^/]+/api/v1/my-plans/?\?")
        self.assertIn("page=2", page1["next"])
        self.assertIn("page_size=2", page1["next"])
        r = api("GET", page1["next"], token=token)
        self.assertEqual(r.status, 200, r)
        page2 = r.json
        self.assertEqual(page2["count"], 3)
        self.assertEqual(page2["results"], subs[2:])
        self.assertIsNone(page2["next"])
        self.assertRegex(page2["previous"], r"/api/v1/my-plans/?\?page_size=2$")
        assert_error(self, api("GET", "/my-plans/?page=3&page_size=2",
                               token=token), 404)

    def test_my_plans_empty(self):
        self.assertEqual(self.my_plans(self.buyer()), {
            "count": 0, "next": None, "previous": None, "results": []})

    def test_my_plans_needs_credentials(self):
        assert_error(self, api("GET", "/my-plans/"), 401)
        assert_error(self, api("GET", "/my-plans/?page=x",
                               token=self.buyer()), 400)


if __name__ == "__main__":
    main()
