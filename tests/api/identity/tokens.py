"""POST /auth/token and /auth/refresh (API.md §2, seed 001): the
simplejwt-shaped pair for a verified phone, its claims and lifetimes, and
the refusals (wrong password, unverified phone, bad refresh token)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, main  # noqa: E402
from accounts import (api_from, create_user, fresh_ip,  # noqa: E402
                      jwt_claims, register_phone_user, unique_phone)


def pair(user):
    r = api("POST", "/auth/token",
            {"phone": user["phone"], "password": user["password"]})
    assert r.status == 200, r
    return r.json["token"]


class Token(unittest.TestCase):

    def test_token_answers_refresh_and_access(self):
        u = register_phone_user()
        r = api("POST", "/auth/token/",
                {"phone": u["phone"], "password": u["password"]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(set(r.json), {"token"})
        self.assertEqual(set(r.json["token"]), {"refresh", "access"})

    def test_claims_and_lifetimes(self):
        u = create_user()
        t = pair(u)
        access, refresh = jwt_claims(t["access"]), jwt_claims(t["refresh"])
        for c in (access, refresh):
            self.assertLessEqual({"token_type", "exp", "iat", "jti",
                                  "user_id"}, set(c))
            self.assertEqual(c["user_id"], u["id"])
            self.assertRegex(c["jti"], r"^[0-9a-f]{32}$")
        self.assertEqual(access["token_type"], "access")
        self.assertEqual(refresh["token_type"], "refresh")
        self.assertEqual(access["exp"] - access["iat"], 600)
        self.assertEqual(refresh["exp"] - refresh["iat"], 86400)
        self.assertNotEqual(access["jti"], refresh["jti"])

    def test_header_is_hs256(self):
        import base64
        import json
        t = pair(create_user())["access"]
        head = json.loads(base64.urlsafe_b64decode(t.split(".")[0] + "=="))
        self.assertEqual(head["alg"], "HS256")

    def test_access_token_works_as_bearer(self):
        t = pair(create_user())["access"]
        r = api("POST", "/accounts/status/online", token=t)
        self.assertEqual(r.status, 200, r)
        r = api("POST", "/accounts/status/online",
                headers={"Authorization": "bearer " + t})
        self.assertEqual(r.status, 200, r)

    def test_wrong_password_is_401(self):
        u = create_user()
        r = api_from(fresh_ip(), "POST", "/auth/token",
                     {"phone": u["phone"], "password": "wrong-password"})
        assert_error(self, r, 401, "invalid_credentials")
        self.assertIn("www-authenticate", r.headers)

    def test_unknown_phone_is_401(self):
        r = api_from(fresh_ip(), "POST", "/auth/token",
                     {"phone": unique_phone(), "password": "whatever-pw"})
        assert_error(self, r, 401, "invalid_credentials")

    def test_unverified_phone_is_401(self):
        u = register_phone_user(verify=False)
        r = api("POST", "/auth/token",
                {"phone": u["phone"], "password": u["password"]})
        assert_error(self, r, 401, "phone_not_verified")

    def test_missing_password_is_400(self):
        r = api("POST", "/auth/token", {"phone": unique_phone()})
        assert_error(self, r, 400, "validation_error")


class Refresh(unittest.TestCase):

    def test_refresh_gives_a_new_access_token(self):
        u = create_user()
        t = pair(u)
        r = api("POST", "/auth/refresh/", {"refresh": t["refresh"]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(set(r.json), {"access", "refresh"})
        c = jwt_claims(r.json["access"])
        self.assertEqual(c["token_type"], "access")
        self.assertEqual(c["user_id"], u["id"])
        r = api("POST", "/accounts/status/offline", token=r.json["access"])
        self.assertEqual(r.status, 200, r)

    def test_access_token_is_not_a_refresh_token(self):
        t = pair(create_user())
        r = api("POST", "/auth/refresh", {"refresh": t["access"]})
        assert_error(self, r, 401, "token_not_valid")
        self.assertIn("www-authenticate", r.headers)

    def test_garbage_is_401(self):
        for junk in ("abc", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.e30.xx"):
            r = api("POST", "/auth/refresh", {"refresh": junk})
            assert_error(self, r, 401, "token_not_valid")

    def test_missing_refresh_is_400(self):
        r = api("POST", "/auth/refresh", {})
        assert_error(self, r, 400, "validation_error")
        self.assertIn("refresh", r.json["errors"])


if __name__ == "__main__":
    main()
