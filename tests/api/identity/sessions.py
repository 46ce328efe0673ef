"""POST /auth (API.md §2, seed 002): login by email or username with an
apikey, the Platform header rule, and the account shape; POST /auth/logout
revokes the token it was called with."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, ctl, main  # noqa: E402
from accounts import (api_from, access_token, apikey,  # noqa: E402
                      create_user, fresh_ip)

ACCOUNT_KEYS = {"id", "email", "username", "firstName", "lastName",
                "presence"}


class Login(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.key = apikey()

    def login(self, body, headers=None, key=True, source=None):
        h = {"apikey": self.key} if key else {}
        h.update(headers or {})
        if source:
            return api_from(source, "POST", "/auth", body, headers=h)
        return api("POST", "/auth", body, headers=h)

    def test_login_by_email_answers_token_and_account(self):
        u = create_user()
        r = self.login({"email": u["email"], "password": u["password"]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(set(r.json), {"token", "account"})
        a = r.json["account"]
        self.assertEqual(set(a), ACCOUNT_KEYS)
        self.assertEqual(a["id"], u["id"])
        self.assertEqual(a["email"], u["email"])
        self.assertEqual(a["username"], u["username"])
        self.assertEqual(a["firstName"], "Test")
        self.assertEqual(a["lastName"], "User")
        self.assertIn(a["presence"], ("online", "offline"))
        r = api("POST", "/accounts/status/online",
                headers={"Authorization": "JWT " + r.json["token"]})
        self.assertEqual(r.status, 200, r)

    def test_login_by_username(self):
        u = create_user()
        r = self.login({"username": u["username"], "password": u["password"]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["account"]["id"], u["id"])

    def test_email_wins_over_username(self):
        u = create_user()
        r = self.login({"email": u["email"], "username": "someone-else",
                        "password": u["password"]})
        self.assertEqual(r.status, 200, r)

    def test_platform_ios_and_android_are_accepted(self):
        u = create_user()
        for p in ("ios", "android"):
            r = self.login({"email": u["email"], "password": u["password"]},
                           headers={"Platform": p})
            self.assertEqual(r.status, 200, (p, r))

    def test_other_platform_is_400(self):
        u = create_user()
        r = self.login({"email": u["email"], "password": u["password"]},
                       headers={"Platform": "windows"})
        assert_error(self, r, 400, "invalid_platform")

    def test_without_apikey_is_401(self):
        u = create_user()
        r = self.login({"email": u["email"], "password": u["password"]},
                       key=False)
        assert_error(self, r, 401)
        self.assertIn("www-authenticate", r.headers)

    def test_wrong_apikey_is_401(self):
        u = create_user()
        r = self.login({"email": u["email"], "password": u["password"]},
                       headers={"apikey": "0" * 64})
        assert_error(self, r, 401)

    def test_wrong_password_is_401(self):
        u = create_user()
        r = self.login({"email": u["email"], "password": "wrong-password"},
                       source=fresh_ip())
        assert_error(self, r, 401, "invalid_credentials")

    def test_neither_email_nor_username_is_400(self):
        r = self.login({"password": "whatever-it-is"})
        assert_error(self, r, 400, "validation_error")

    def test_presence_shows_in_the_account(self):
        u = create_user()
        api("POST", "/accounts/status/online", token=access_token(u))
        r = self.login({"email": u["email"], "password": u["password"]})
        self.assertEqual(r.json["account"]["presence"], "online")


class Logout(unittest.TestCase):

    def test_logout_revokes_only_the_presented_token(self):
        u = create_user()
        first, second = access_token(u), access_token(u)
        r = api("POST", "/auth/logout/", token=first)
        self.assertEqual(r.status, 200, r)
        r = api("POST", "/accounts/status/online", token=first)
        assert_error(self, r, 401)
        r = api("POST", "/accounts/status/online", token=second)
        self.assertEqual(r.status, 200, r)

    def test_logout_twice_is_401(self):
        t = access_token(create_user())
        self.assertEqual(api("POST", "/auth/logout", token=t).status, 200)
        assert_error(self, api("POST", "/auth/logout", token=t), 401)

    def test_logout_of_an_api_token_revokes_it(self):
        u = create_user()
        token = ctl("token", "create", "--email", u["email"]).stdout.strip()
        h = {"Authorization": "Token " + token}
        self.assertEqual(api("POST", "/auth/logout", headers=h).status, 200)
        assert_error(self, api("POST", "/accounts/status/online", headers=h),
                     401)

    def test_logout_without_credentials_is_401(self):
        r = api("POST", "/auth/logout")
        assert_error(self, r, 401, "not_authenticated")


class Presence(unittest.TestCase):

    def test_online_and_offline(self):
        t = access_token(create_user())
        r = api("POST", "/accounts/status/online/", token=t)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"presence": "online"})
        r = api("POST", "/accounts/status/offline", token=t)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"presence": "offline"})

    def test_presence_needs_credentials(self):
        for p in ("online", "offline"):
            r = api("POST", "/accounts/status/" + p)
            assert_error(self, r, 401)


if __name__ == "__main__":
    main()
