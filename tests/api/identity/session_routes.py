"""GET /auth/sessions and DELETE /auth/sessions/{id} (API.md §2, issue #9
item 3): the caller's live sessions, the current one marked, and ending
one (its tokens then get 401; someone else's or unknown: 404)."""

import os
import re
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, ctl, main  # noqa: E402
from accounts import apikey, create_user, jwt_claims  # noqa: E402

CHECK = "/accounts/status/online"
ISO = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"


def load(sql):
    """Runs sql (trusted test text) through clientelectl load."""
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(sql)
    try:
        ctl("load", f.name)
    finally:
        os.unlink(f.name)


def pair(user):
    r = api("POST", "/auth/token",
            {"phone": user["phone"], "password": user["password"]})
    assert r.status == 200, r
    return r.json["token"]


class List(unittest.TestCase):

    def test_lists_live_sessions_with_the_current_one(self):
        u = create_user()
        first, second = pair(u), pair(u)
        r = api("GET", "/auth/sessions/", token=second["access"])
        self.assertEqual(r.status, 200, r)
        self.assertIsInstance(r.json, list)
        self.assertEqual(len(r.json), 2)
        by_id = {s["id"]: s for s in r.json}
        for s in r.json:
            self.assertEqual(set(s), {"id", "created_at", "last_used_at",
                                      "platform", "current"})
            self.assertRegex(s["created_at"], ISO)
            self.assertRegex(s["last_used_at"], ISO)
        cur = jwt_claims(second["access"])["sid"]
        self.assertTrue(by_id[cur]["current"])
        self.assertFalse(by_id[jwt_claims(first["access"])["sid"]]["current"])

    def test_last_used_at_follows_the_tokens_use(self):
        t = pair(create_user())
        sid = jwt_claims(t["access"])["sid"]
        load("UPDATE auth_sessions SET created_at = created_at - INTERVAL "
             "10 MINUTE, last_used_at = last_used_at - INTERVAL 10 MINUTE "
             "WHERE id = %d;\n" % sid)
        r = api("GET", "/auth/sessions", token=t["access"])
        self.assertEqual(r.status, 200, r)
        s = r.json[0]
        # Used just now (this request), created ten minutes ago.
        self.assertGreater(s["last_used_at"], s["created_at"])

    def test_platform_of_a_seed_002_login(self):
        u = create_user()
        r = api("POST", "/auth", {"email": u["email"],
                                  "password": u["password"]},
                headers={"apikey": apikey(), "Platform": "android"})
        self.assertEqual(r.status, 200, r)
        r = api("GET", "/auth/sessions", token=r.json["token"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual([s["platform"] for s in r.json], ["android"])

    def test_ended_sessions_are_not_listed(self):
        u = create_user()
        gone, kept = pair(u), pair(u)
        api("POST", "/auth/logout", token=gone["access"])
        r = api("GET", "/auth/sessions", token=kept["access"])
        self.assertEqual([s["id"] for s in r.json],
                         [jwt_claims(kept["access"])["sid"]])

    def test_only_the_callers_sessions(self):
        u, v = create_user(), create_user()
        pair(v)
        r = api("GET", "/auth/sessions", token=pair(u)["access"])
        self.assertEqual(len(r.json), 1)

    def test_an_api_token_sees_no_current_session(self):
        u = create_user()
        pair(u)
        token = ctl("token", "create", "--email", u["email"]).stdout.strip()
        r = api("GET", "/auth/sessions",
                headers={"Authorization": "Token " + token})
        self.assertEqual(r.status, 200, r)
        self.assertEqual([s["current"] for s in r.json], [False])

    def test_needs_credentials(self):
        assert_error(self, api("GET", "/auth/sessions"), 401)


class Delete(unittest.TestCase):

    def test_ending_a_session_voids_its_tokens(self):
        u = create_user()
        me, other = pair(u), pair(u)
        sid = jwt_claims(other["access"])["sid"]
        r = api("DELETE", "/auth/sessions/%d/" % sid, token=me["access"])
        self.assertEqual(r.status, 204, r)
        assert_error(self, api("POST", CHECK, token=other["access"]), 401)
        assert_error(self, api("POST", "/auth/refresh",
                               {"refresh": other["refresh"]}), 401)
        self.assertEqual(api("POST", CHECK, token=me["access"]).status, 200)
        # Ended: a second DELETE finds nothing.
        r = api("DELETE", "/auth/sessions/%d" % sid, token=me["access"])
        assert_error(self, r, 404, "not_found")

    def test_ending_the_current_session(self):
        t = pair(create_user())
        sid = jwt_claims(t["access"])["sid"]
        r = api("DELETE", "/auth/sessions/%d" % sid, token=t["access"])
        self.assertEqual(r.status, 204, r)
        assert_error(self, api("POST", CHECK, token=t["access"]), 401)

    def test_someone_elses_session_is_404(self):
        u, v = create_user(), create_user()
        theirs = pair(v)
        sid = jwt_claims(theirs["access"])["sid"]
        r = api("DELETE", "/auth/sessions/%d" % sid, token=pair(u)["access"])
        assert_error(self, r, 404, "not_found")
        self.assertEqual(api("POST", CHECK, token=theirs["access"]).status,
                         200)

    def test_unknown_session_is_404(self):
        t = pair(create_user())
        r = api("DELETE", "/auth/sessions/999999999", token=t["access"])
        assert_error(self, r, 404, "not_found")

    def test_bad_id_is_refused(self):
        t = pair(create_user())
        r = api("DELETE", "/auth/sessions/abc", token=t["access"])
        self.assertIn(r.status, (400, 404), r)
        self.assertTrue(re.match(r"^[a-z_]+$", r.json["code"]), r)


if __name__ == "__main__":
    main()
