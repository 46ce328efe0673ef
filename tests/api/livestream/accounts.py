"""Seed 002's account routes (API.md §2, served by identity) as its
client calls them: apikey on every call, Authorization: JWT where the seed
asks for authentication, the Platform header of POST /auth."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from live import assert_error, live, sql, unique  # noqa: E402


class Seed002Accounts(unittest.TestCase):
    def register(self):
        u = {"email": unique("s2") + "@example.com", "password": "pw-" + unique(),
             "firstName": "Hoa", "lastName": "Tran", "username": unique("hoa")}
        r = live("POST", "/auth/register", u)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["email"], u["email"])
        self.assertEqual(r.json["firstName"], "Hoa")
        return u

    def test_register_login_presence_logout(self):
        u = self.register()
        r = live("POST", "/auth", {"username": u["username"],
                                   "password": u["password"]},
                 headers={"Platform": "ios"})
        self.assertEqual(r.status, 200, r)
        token = r.json["token"]
        self.assertEqual(r.json["account"]["email"], u["email"])
        self.assertEqual(sql("SELECT platform FROM users WHERE email = '%s'"
                             % u["email"]), [["ios"]])
        r = live("POST", "/accounts/status/online", token=token)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["presence"], "online")
        r = live("POST", "/accounts/status/offline", token=token)
        self.assertEqual(r.json["presence"], "offline")
        r = live("POST", "/auth/logout", token=token)
        self.assertEqual(r.status, 200, r)
        assert_error(self, live("POST", "/accounts/status/online",
                                token=token), 401)

    def test_login_by_email_needs_apikey_and_valid_platform(self):
        u = self.register()
        body = {"email": u["email"], "password": u["password"]}
        assert_error(self, live("POST", "/auth", body, key=None), 401)
        assert_error(self, live("POST", "/auth", body,
                                headers={"Platform": "windows"}), 400)
        r = live("POST", "/auth", body, headers={"Platform": "android"})
        self.assertEqual(r.status, 200, r)

    def test_changepassword(self):
        u = self.register()
        old = live("POST", "/auth", {"email": u["email"],
                                     "password": u["password"]}).json["token"]
        assert_error(self, live("POST", "/auth/changepassword", {
            "username": u["username"], "password": "wrong-one",
            "newpassword": "pw-new-" + unique()}), 400)
        new = "pw-new-" + unique()
        r = live("POST", "/auth/changepassword", {
            "username": u["username"], "password": u["password"],
            "newpassword": new})
        self.assertEqual(r.status, 200, r)
        assert_error(self, live("POST", "/accounts/status/online", token=old),
                     401)
        r = live("POST", "/auth", {"email": u["email"], "password": new})
        self.assertEqual(r.status, 200, r)


if __name__ == "__main__":
    unittest.main(verbosity=2)
