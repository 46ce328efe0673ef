"""Token attacks on every authenticated route (API.md §2): each forgery or
stale token is a 401 with WWW-Authenticate. Tokens are forged in Python
with the server's own secret where a valid signature is needed, so the only
thing wrong with each is the one property under test."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, ctl, main  # noqa: E402
from accounts import create_user, jwt_claims  # noqa: E402
from forge import claims_for, resign, sign  # noqa: E402

ROUTE = "/accounts/status/online"


def pair(user):
    r = api("POST", "/auth/token",
            {"phone": user["phone"], "password": user["password"]})
    assert r.status == 200, r
    return r.json["token"]


class Attacks(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.user = create_user()

    def assert_refused(self, token, scheme="Bearer", route=ROUTE):
        r = api("POST", route, headers={"Authorization": scheme + " " + token})
        assert_error(self, r, 401)
        self.assertIn("www-authenticate", r.headers)

    def test_forged_token_with_the_secret_is_accepted(self):
        # The control: the forging itself is right, so each refusal below
        # is due to the one property changed.
        r = api("POST", ROUTE, token=sign(claims_for(self.user["id"])))
        self.assertEqual(r.status, 200, r)

    def test_alg_none_is_refused(self):
        self.assert_refused(sign(claims_for(self.user["id"]), alg="none"))
        self.assert_refused(sign(claims_for(self.user["id"]), alg="none")
                            + "c2ln")

    def test_hs512_is_refused(self):
        self.assert_refused(sign(claims_for(self.user["id"]), alg="HS512"))

    def test_bad_signature_is_refused(self):
        self.assert_refused(sign(claims_for(self.user["id"]),
                                 secret="guessed-secret"))
        t = pair(self.user)["access"]
        head, body, sig = t.split(".")
        flipped = sig[:-2] + ("A" if sig[-2] != "A" else "B") + sig[-1]
        self.assert_refused(".".join((head, body, flipped)))

    def test_changed_claims_without_the_secret_are_refused(self):
        t = pair(self.user)["access"]
        other = resign(t, secret="not-the-secret", user_id=1)
        self.assert_refused(other)

    def test_expired_token_is_refused(self):
        c = claims_for(self.user["id"], iat=int(time.time()) - 700)
        self.assertLess(c["exp"], time.time())
        self.assert_refused(sign(c))

    def test_refresh_token_is_not_an_access_token(self):
        self.assert_refused(pair(self.user)["refresh"])
        self.assert_refused(sign(claims_for(self.user["id"], "refresh")))

    def test_access_token_is_not_a_refresh_token(self):
        r = api("POST", "/auth/refresh",
                {"refresh": sign(claims_for(self.user["id"], "access"))})
        assert_error(self, r, 401, "token_not_valid")
        self.assertIn("www-authenticate", r.headers)

    def test_unknown_token_type_is_refused(self):
        self.assert_refused(sign(claims_for(self.user["id"], "id")))

    def test_token_of_a_user_that_does_not_exist_is_refused(self):
        self.assert_refused(sign(claims_for(2 ** 40)))

    def test_revoked_token_is_refused_after_logout(self):
        u = create_user()
        t = pair(u)
        r = api("POST", "/auth/logout", token=t["access"])
        self.assertEqual(r.status, 200, r)
        self.assert_refused(t["access"])
        self.assert_refused(t["access"], scheme="JWT")

    def test_tokens_issued_before_a_password_change_are_refused(self):
        u = create_user()
        t = pair(u)
        forged_old = sign(claims_for(u["id"], iat=int(time.time()) - 30))
        r = api("POST", "/auth/changepassword",
                {"username": u["username"], "password": u["password"],
                 "newpassword": "brand-new-password"})
        self.assertEqual(r.status, 200, r)
        self.assert_refused(t["access"])
        self.assert_refused(forged_old)
        r = api("POST", "/auth/refresh", {"refresh": t["refresh"]})
        assert_error(self, r, 401, "token_not_valid")
        # A token issued after the change works at once.
        u["password"] = "brand-new-password"
        fresh = pair(u)["access"]
        self.assertGreaterEqual(jwt_claims(fresh)["iat"],
                                jwt_claims(t["access"])["iat"])
        self.assertEqual(api("POST", ROUTE, token=fresh).status, 200)

    def test_no_credentials_is_401(self):
        r = api("POST", ROUTE)
        assert_error(self, r, 401, "not_authenticated")
        self.assertIn("www-authenticate", r.headers)

    def test_unknown_scheme_is_401(self):
        self.assert_refused("dXNlcjpwYXNz", scheme="Basic")
        self.assert_refused(pair(self.user)["access"], scheme="Bearerx")

    def test_opaque_token_scheme(self):
        token = ctl("token", "create", "--email",
                    self.user["email"]).stdout.strip()
        self.assertRegex(token, r"^[0-9a-f]{64}$")
        r = api("POST", ROUTE, headers={"Authorization": "Token " + token})
        self.assertEqual(r.status, 200, r)
        self.assert_refused(token[:-1] + ("0" if token[-1] != "0" else "1"),
                            scheme="Token")
        self.assert_refused(token, scheme="Bearer")

    def test_a_garbage_token_never_passes(self):
        for junk in ("", "x", "a.b.c", "...", "e30.e30.", "e30.e30.e30"):
            self.assert_refused(junk or "-")


if __name__ == "__main__":
    main()
