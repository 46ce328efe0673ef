"""POST /auth/login (API.md §2, seed 000): the agent login with its
envelope, token claims and expiry_datetime format."""

import os
import re
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, main  # noqa: E402
from accounts import api_from, create_user, fresh_ip, jwt_claims  # noqa: E402

# Failed logins count against the client address (API.md §2: 5 in 15
# minutes), so each check that fails one comes from an address of its own.


def failing(path, body):
    return api_from(fresh_ip(), "POST", path, body)


SEED_DATETIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d-\d\d-\d\d\.\d{6}$")


class Login(unittest.TestCase):

    def test_login_answers_the_seed_000_envelope(self):
        u = create_user()
        r = api("POST", "/auth/login",
                {"username": u["email"], "password": u["password"]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"], "success")
        data = r.json["data"]
        self.assertEqual(set(data), {"access_token", "expiry_datetime", "user"})
        self.assertRegex(data["expiry_datetime"], SEED_DATETIME)
        user = data["user"]
        self.assertEqual(set(user), {"user_xid", "username", "first_name",
                                     "last_name", "email"})
        self.assertRegex(user["user_xid"], r"^[0-9a-f-]{36}$")
        self.assertEqual(user["email"], u["email"])
        self.assertEqual(user["username"], u["username"])
        self.assertEqual(user["first_name"], "Test")
        self.assertEqual(user["last_name"], "User")

    def test_login_token_carries_the_seed_000_claims(self):
        u = create_user(roles=("admin",))
        r = api("POST", "/auth/login",
                {"username": u["email"], "password": u["password"]})
        self.assertEqual(r.status, 200, r)
        c = jwt_claims(r.json["data"]["access_token"])
        self.assertEqual(c["token_type"], "access")
        self.assertEqual(c["user_id"], u["id"])
        self.assertEqual(c["mvp_user_id"], str(u["id"]))
        self.assertEqual(c["user_xid"], r.json["data"]["user"]["user_xid"])
        self.assertEqual(c["roles"], ["admin"])
        self.assertEqual(c["username"], u["username"])
        self.assertRegex(c["issue_datetime"], SEED_DATETIME)
        self.assertEqual(c["expiry_datetime"],
                         r.json["data"]["expiry_datetime"])
        self.assertEqual(c["exp"] - c["iat"], 86400)  # login_ttl: 24 h
        self.assertRegex(c["jti"], r"^[0-9a-f]{32}$")

    def test_expiry_is_24_hours_after_issue(self):
        u = create_user()
        r = api("POST", "/auth/login",
                {"username": u["email"], "password": u["password"]})
        c = jwt_claims(r.json["data"]["access_token"])
        day, clock = c["issue_datetime"].split(" ")
        eday, eclock = c["expiry_datetime"].split(" ")
        self.assertNotEqual(day, eday)
        self.assertEqual(clock, eclock)

    def test_login_token_works_with_the_jwt_scheme(self):
        u = create_user()
        r = api("POST", "/auth/login",
                {"username": u["email"], "password": u["password"]})
        token = r.json["data"]["access_token"]
        r = api("POST", "/accounts/status/online",
                headers={"Authorization": "JWT " + token})
        self.assertEqual(r.status, 200, r)

    def test_login_by_username_too(self):
        u = create_user()
        r = api("POST", "/auth/login/",
                {"username": u["username"], "password": u["password"]})
        self.assertEqual(r.status, 200, r)

    def test_email_is_case_insensitive(self):
        u = create_user()
        r = api("POST", "/auth/login", {"username": u["email"].upper(),
                                         "password": u["password"]})
        self.assertEqual(r.status, 200, r)

    def test_wrong_password_is_400(self):
        u = create_user()
        r = failing("/auth/login",
                    {"username": u["email"], "password": "not-the-password"})
        assert_error(self, r, 400, "invalid_credentials")

    def test_unknown_user_is_400(self):
        r = failing("/auth/login", {"username": "nobody@example.com",
                                    "password": "whatever-it-is"})
        assert_error(self, r, 400, "invalid_credentials")

    def test_missing_fields_are_400_with_field_errors(self):
        r = api("POST", "/auth/login", {"username": "x@example.com"})
        assert_error(self, r, 400, "validation_error")
        self.assertIn("password", r.json["errors"])
        r = api("POST", "/auth/login", {"password": "x" * 10})
        assert_error(self, r, 400, "validation_error")
        self.assertIn("username", r.json["errors"])

    def test_not_json_is_refused(self):
        r = api("POST", "/auth/login", raw="username=a&password=b",
                content_type="application/x-www-form-urlencoded")
        assert_error(self, r, 415)

    def test_get_is_405(self):
        r = api("GET", "/auth/login")
        assert_error(self, r, 405)
        self.assertIn("POST", r.headers.get("allow", ""))


if __name__ == "__main__":
    main()
