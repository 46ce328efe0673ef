"""POST /auth/changepassword (API.md §2, seed 002): the new password
replaces the old, a wrong one is 400, and earlier tokens stop working."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, main  # noqa: E402
from accounts import (access_token, api_from, create_user,  # noqa: E402
                      fresh_ip)


class ChangePassword(unittest.TestCase):

    def change(self, username, password, new, source=None):
        body = {"username": username, "password": password,
                "newpassword": new}
        if source:
            return api_from(source, "POST", "/auth/changepassword", body)
        return api("POST", "/auth/changepassword/", body)

    def test_change_replaces_the_password(self):
        u = create_user()
        r = self.change(u["username"], u["password"], "the-new-password")
        self.assertEqual(r.status, 200, r)
        r = api("POST", "/auth/login",
                {"username": u["email"], "password": "the-new-password"})
        self.assertEqual(r.status, 200, r)
        r = api_from(fresh_ip(), "POST", "/auth/login",
                     {"username": u["email"], "password": u["password"]})
        assert_error(self, r, 400, "invalid_credentials")

    def test_change_by_email(self):
        u = create_user()
        r = self.change(u["email"], u["password"], "the-new-password")
        self.assertEqual(r.status, 200, r)

    def test_wrong_password_is_400(self):
        u = create_user()
        r = self.change(u["username"], "not-the-password", "the-new-one",
                        source=fresh_ip())
        assert_error(self, r, 400, "invalid_credentials")
        r = api("POST", "/auth/login",
                {"username": u["email"], "password": u["password"]})
        self.assertEqual(r.status, 200, r)

    def test_short_new_password_is_400(self):
        u = create_user()
        r = self.change(u["username"], u["password"], "short")
        assert_error(self, r, 400, "validation_error")
        self.assertIn("newpassword", r.json["errors"])

    def test_earlier_tokens_stop_working(self):
        u = create_user()
        before = access_token(u)
        self.assertEqual(api("POST", "/accounts/status/online",
                             token=before).status, 200)
        self.assertEqual(self.change(u["username"], u["password"],
                                     "the-new-password").status, 200)
        assert_error(self, api("POST", "/accounts/status/online",
                               token=before), 401)
        u["password"] = "the-new-password"
        after = access_token(u)
        self.assertEqual(api("POST", "/accounts/status/online",
                             token=after).status, 200)

    def test_missing_fields_are_400(self):
        r = api("POST", "/auth/changepassword", {"username": "x"})
        assert_error(self, r, 400, "validation_error")
        self.assertIn("password", r.json["errors"])
        self.assertIn("newpassword", r.json["errors"])


if __name__ == "__main__":
    main()
