"""Sessions and refresh rotation (API.md §2, issue #9 item 3): the tokens
of one login share a session id; logout ends the session (its refresh
token too); POST /auth/refresh rotates the refresh token, and presenting a
spent one ends the whole session; two concurrent refreshes of one token
leave one winner; a password change voids sessions and API tokens."""

import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, ctl, main  # noqa: E402
from accounts import (apikey, create_user, jwt_claims,  # noqa: E402
                      login_token)

CHECK = "/accounts/status/online"


def pair(user):
    r = api("POST", "/auth/token",
            {"phone": user["phone"], "password": user["password"]})
    assert r.status == 200, r
    return r.json["token"]


def refresh(token):
    return api("POST", "/auth/refresh", {"refresh": token})


class SessionClaim(unittest.TestCase):

    def test_pair_shares_a_session_id(self):
        t = pair(create_user())
        a, r = jwt_claims(t["access"]), jwt_claims(t["refresh"])
        self.assertIsInstance(a["sid"], int)
        self.assertEqual(a["sid"], r["sid"])

    def test_each_login_is_a_session_of_its_own(self):
        u = create_user()
        sids = {jwt_claims(pair(u)["access"])["sid"],
                jwt_claims(pair(u)["access"])["sid"],
                jwt_claims(login_token(u))["sid"]}
        r = api("POST", "/auth", {"email": u["email"],
                                  "password": u["password"]},
                headers={"apikey": apikey()})
        self.assertEqual(r.status, 200, r)
        sids.add(jwt_claims(r.json["token"])["sid"])
        self.assertEqual(len(sids), 4)


class Logout(unittest.TestCase):

    def test_logout_then_refresh_is_401(self):
        t = pair(create_user())
        self.assertEqual(api("POST", "/auth/logout",
                             token=t["access"]).status, 200)
        assert_error(self, refresh(t["refresh"]), 401, "token_not_valid")
        assert_error(self, api("POST", CHECK, token=t["access"]), 401)

    def test_logout_leaves_other_sessions(self):
        u = create_user()
        first, second = pair(u), pair(u)
        self.assertEqual(api("POST", "/auth/logout",
                             token=first["access"]).status, 200)
        self.assertEqual(api("POST", CHECK,
                             token=second["access"]).status, 200)
        self.assertEqual(refresh(second["refresh"]).status, 200)

    def test_logout_ends_tokens_the_refresh_gave(self):
        t = pair(create_user())
        r = refresh(t["refresh"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(api("POST", "/auth/logout",
                             token=t["access"]).status, 200)
        assert_error(self, api("POST", CHECK, token=r.json["access"]), 401)
        assert_error(self, refresh(r.json["refresh"]), 401)


class Rotation(unittest.TestCase):

    def test_refresh_answers_a_new_pair_of_the_same_session(self):
        t = pair(create_user())
        r = refresh(t["refresh"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(set(r.json), {"access", "refresh"})
        new_r, new_a = jwt_claims(r.json["refresh"]), jwt_claims(
            r.json["access"])
        old = jwt_claims(t["refresh"])
        self.assertEqual(new_r["token_type"], "refresh")
        self.assertEqual(new_a["token_type"], "access")
        self.assertEqual(new_r["sid"], old["sid"])
        self.assertEqual(new_a["sid"], old["sid"])
        self.assertNotEqual(new_r["jti"], old["jti"])
        self.assertEqual(api("POST", CHECK, token=r.json["access"]).status,
                         200)
        # The new refresh token rotates in turn.
        r2 = refresh(r.json["refresh"])
        self.assertEqual(r2.status, 200, r2)

    def test_reused_refresh_token_ends_the_session(self):
        t = pair(create_user())
        r = refresh(t["refresh"])
        self.assertEqual(r.status, 200, r)
        # The old one is spent: presenting it again is 401 ...
        assert_error(self, refresh(t["refresh"]), 401, "token_not_valid")
        # ... and every token of the session is now void.
        assert_error(self, refresh(r.json["refresh"]), 401)
        for access in (t["access"], r.json["access"]):
            assert_error(self, api("POST", CHECK, token=access), 401)

    def test_reuse_leaves_other_sessions(self):
        u = create_user()
        victim, other = pair(u), pair(u)
        self.assertEqual(refresh(victim["refresh"]).status, 200)
        assert_error(self, refresh(victim["refresh"]), 401)
        self.assertEqual(api("POST", CHECK, token=other["access"]).status,
                         200)

    def test_concurrent_refreshes_leave_one_winner(self):
        for _ in range(3):
            t = pair(create_user())
            results = []
            barrier = threading.Barrier(2)

            def go():
                barrier.wait()
                results.append(refresh(t["refresh"]))

            threads = [threading.Thread(target=go) for _ in range(2)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            statuses = sorted(r.status for r in results)
            self.assertEqual(statuses, [200, 401], results)
            # The loser presented a spent token, which the server cannot
            # tell from a replay: the session ends, the winner's pair too.
            won = next(r for r in results if r.status == 200)
            assert_error(self, api("POST", CHECK, token=won.json["access"]),
                         401)
            assert_error(self, refresh(won.json["refresh"]), 401)

    def test_refresh_token_of_no_session_is_401(self):
        from forge import claims_for, sign
        u = create_user()
        assert_error(self, refresh(sign(claims_for(u["id"], "refresh",
                                                   ttl=3600))), 401)

    def test_forged_session_id_is_401(self):
        from forge import resign
        u, v = create_user(), create_user()
        mine = jwt_claims(pair(u)["access"])["sid"]
        theirs = pair(v)["access"]
        assert_error(self, api("POST", CHECK,
                               token=resign(theirs, sid=mine)), 401)
        assert_error(self, api("POST", CHECK,
                               token=resign(theirs, sid=2 ** 40)), 401)


class PasswordChange(unittest.TestCase):

    def change(self, u):
        r = api("POST", "/auth/changepassword",
                {"username": u["email"], "password": u["password"],
                 "newpassword": u["password"] + "-new"})
        self.assertEqual(r.status, 200, r)
        u["password"] += "-new"

    def test_password_change_voids_api_tokens(self):
        u = create_user()
        token = ctl("token", "create", "--email", u["email"]).stdout.strip()
        h = {"Authorization": "Token " + token}
        self.assertEqual(api("POST", CHECK, headers=h).status, 200)
        self.change(u)
        assert_error(self, api("POST", CHECK, headers=h), 401)

    def test_password_change_ends_sessions(self):
        u = create_user()
        t = pair(u)
        self.change(u)
        assert_error(self, refresh(t["refresh"]), 401)
        assert_error(self, api("POST", CHECK, token=t["access"]), 401)
        r = api("GET", "/auth/sessions", token=pair(u)["access"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(len(r.json), 1)


if __name__ == "__main__":
    main()
