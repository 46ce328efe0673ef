#!/usr/bin/env python3
"""Seed 001's client, end to end, over HTTPS with the seed's own paths
(trailing slashes), payloads and "Authorization: bearer" header, its base
URL pointed at https://HOST/api/v1: register by phone, verify the OTP from
the outbox, get tokens, refresh, add and promote a phone, list and read
plans, as superuser create, update and delete one, then purchase and
cancel (API.md §2 and §4)."""
import datetime
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import BASE, HTTPS_BASE, api, main  # noqa: E402
from accounts import (access_token, create_user, latest_otp,  # noqa: E402
                      unique_phone)

# The seed's base URL, as a client configured with https://HOST/api/v1.
SEED_BASE = HTTPS_BASE or BASE


def seed(method, path, body=None, token=None):
    """A request as seed 001's client sends it."""
    headers = {"Authorization": "bearer " + token} if token else None
    return api(method, path, body, headers=headers, base=SEED_BASE)


class Seed001Flow(unittest.TestCase):
    def step(self, resp, status, what):
        self.assertEqual(resp.status, status, "%s: %r" % (what, resp))
        return resp.json

    def test_seed001_client_works_end_to_end(self):
        self.assertTrue(SEED_BASE.startswith("https://") or not HTTPS_BASE)
        phone, password = unique_phone(), "test@1234-" + uuid.uuid4().hex[:6]

        # Customer Registration, OTP verification.
        got = self.step(seed("POST", "/auth/register/", {
            "phone": phone, "name": "Ikram Khan", "password": password}),
            201, "register")
        self.assertEqual(got, {"message": "Registration Successful"})
        got = self.step(seed("POST", "/auth/verify-otp/", {
            "phone": phone, "otp": latest_otp(phone)}), 200, "verify-otp")
        self.assertEqual(got, {"message": "Verification Successful"})

        # Get Token, then a new access token from the refresh token.
        got = self.step(seed("POST", "/auth/token/", {
            "phone": phone, "password": password}), 200, "token")
        self.assertEqual(set(got["token"]), {"refresh", "access"})
        got = self.step(seed("POST", "/auth/refresh/", {
            "refresh": got["token"]["refresh"]}), 200, "refresh")
        token = got["access"]

        # Add Phone No (verified by its OTP), Make Primary Phone No.
        second = unique_phone()
        got = self.step(seed("POST", "/auth/add-phone-no/", {"phone": second},
                             token), 201, "add-phone-no")
        self.assertEqual(got, {"message": "Phone No added Successfully, "
                                          "Please verify it via otp"})
        self.step(seed("POST", "/auth/verify-otp/", {
            "phone": second, "otp": latest_otp(second)}), 200,
            "verify-otp (second phone)")
        got = self.step(seed("POST", "/auth/make-primary-phone/", {
            "phone": second}, token), 201, "make-primary-phone")
        self.assertEqual(got, {"message": "Now %s is your primary phone no"
                                          % second})
        self.step(seed("POST", "/auth/token/", {
            "phone": second, "password": password}), 200,
            "token (new primary phone)")

        # As superuser: Save Plan, Update Plan, Delete Plan.
        admin = access_token(create_user(superuser=True))
        name = "Globalnet Gold " + uuid.uuid4().hex[:8]
        gold = self.step(seed("POST", "/plans/", {
            "name": name, "amount": 1200, "is_cancellable": True}, admin),
            201, "save plan")
        self.assertEqual(gold, {"id": gold["id"], "name": name,
                                "amount": "1200.00", "payment_cycle": 30,
                                "total_valid_months": 12,
                                "is_cancellable": True})
        for method in ("PUT", "PATCH"):
            got = self.step(seed(method, "/plans/%d" % gold["id"], {
                "name": name, "amount": 1500}, admin), 200,
                "update plan (%s)" % method)
            self.assertEqual(got, dict(gold, amount="1500.00"))
        bronze = self.step(seed("POST", "/plans/", {
            "name": "Globalnet Bronze " + uuid.uuid4().hex[:8],
            "amount": 500}, admin), 201, "save plan (bronze)")
        doomed = self.step(seed("POST", "/plans/", {
            "name": "Doomed " + uuid.uuid4().hex[:8], "amount": 1}, admin),
            201, "save plan (to delete)")
        r = seed("DELETE", "/plans/%d" % doomed["id"], token=admin)
        self.assertEqual(r.status, 204, r)
        self.assertEqual(seed("GET", "/plans/%d/" % doomed["id"],
                              token=token).status, 404)

        # View All Plans, View Plan Details, as the customer.
        got = self.step(seed("GET", "/plans/?page_size=100", token=token),
                        200, "view all plans")
        self.assertEqual(set(got), {"count", "next", "previous", "results"})
        self.assertGreaterEqual(got["count"], 2)
        got = self.step(seed("GET", "/plans/%d/" % bronze["id"],
                             token=token), 200, "view plan details")
        self.assertEqual(got, bronze)

        # Purchase Plan: a cancellable one and one that is not.
        today = {datetime.date.today(),
                 datetime.datetime.now(datetime.timezone.utc).date()}
        got = self.step(seed("POST", "/purchase-plan/", {"plan": gold["id"]},
                             token), 201, "purchase plan")
        self.assertEqual(got["message"], "Purchase Plan Successful")
        bought = got["data"]
        start = datetime.date.fromisoformat(bought["start_date"])
        end = datetime.date.fromisoformat(bought["end_date"])
        self.assertIn(start, today)
        self.assertEqual((end - start).days, 360)
        self.assertEqual({k: bought[k] for k in (
            "plan_id", "is_active", "plan_name", "plan_amount",
            "plan_months_validity", "plan_payment_cycle",
            "plan_cancellable")}, {
            "plan_id": gold["id"], "is_active": True, "plan_name": name,
            "plan_amount": 1500.0, "plan_months_validity": 12,
            "plan_payment_cycle": 30, "plan_cancellable": True})
        kept = self.step(seed("POST", "/purchase-plan/",
                              {"plan": bronze["id"]}, token), 201,
                         "purchase plan (bronze)")["data"]

        # Cancel Plan: the seed's example path has no trailing slash.
        got = self.step(seed("POST", "/cancel-plan/%d" % kept["id"],
                             token=token), 201, "cancel plan (bronze)")
        self.assertEqual(got, {"message": "Plan is not cancellable",
                               "data": kept})
        got = self.step(seed("POST", "/cancel-plan/%d" % bought["id"],
                             token=token), 201, "cancel plan")
        self.assertEqual(got["message"], "Plan cancelled successfully")
        self.assertIs(got["data"]["is_active"], False)

        got = self.step(seed("GET", "/my-plans/", token=token), 200,
                        "my plans")
        self.assertEqual([(s["id"], s["is_active"]) for s in got["results"]],
                         [(bought["id"], False), (kept["id"], True)])


if __name__ == "__main__":
    main()
