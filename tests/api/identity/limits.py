"""The per-account login limit (API.md §2): after 5 failed logins for one
account within 15 minutes, every login route answers 429 with Retry-After
for it, whatever the client address. Each failure here comes from an
address of its own (see accounts.fresh_ip), so the per-address limit
(limits_ip.py) never fires and no other test is touched."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import assert_error, main  # noqa: E402
from accounts import api_from, apikey, create_user, fresh_ip  # noqa: E402


def login(user, password, path="/auth/login"):
    return api_from(fresh_ip(), "POST", path,
                    {"username": user["email"], "password": password})


class AccountLimit(unittest.TestCase):

    def fail(self, user, times):
        for _ in range(times):
            r = login(user, "wrong-password")
            assert_error(self, r, 400, "invalid_credentials")

    def assert_limited(self, r):
        assert_error(self, r, 429, "too_many_attempts")
        wait = int(r.headers["retry-after"])
        self.assertTrue(1 <= wait <= 900, wait)

    def test_five_failures_lock_the_account_even_with_the_password(self):
        u = create_user()
        self.fail(u, 5)
        self.assert_limited(login(u, u["password"]))

    def test_four_failures_do_not(self):
        u = create_user()
        self.fail(u, 4)
        self.assertEqual(login(u, u["password"]).status, 200)

    def test_a_success_forgives_earlier_failures(self):
        u = create_user()
        self.fail(u, 4)
        self.assertEqual(login(u, u["password"]).status, 200)
        self.fail(u, 4)
        self.assertEqual(login(u, u["password"]).status, 200)

    def test_every_login_route_is_limited(self):
        u = create_user()
        self.fail(u, 5)
        ip = fresh_ip()
        r = api_from(ip, "POST", "/auth/token",
                     {"phone": u["phone"], "password": u["password"]})
        self.assert_limited(r)
        r = api_from(ip, "POST", "/auth",
                     {"email": u["email"], "password": u["password"]},
                     headers={"apikey": apikey()})
        self.assert_limited(r)
        r = api_from(ip, "POST", "/auth/changepassword",
                     {"username": u["username"], "password": u["password"],
                      "newpassword": "another-password"})
        self.assert_limited(r)

    def test_failures_count_across_login_routes(self):
        u = create_user()
        self.fail(u, 2)
        for _ in range(2):
            r = api_from(fresh_ip(), "POST", "/auth/token",
                         {"phone": u["phone"], "password": "wrong-password"})
            assert_error(self, r, 401, "invalid_credentials")
        r = api_from(fresh_ip(), "POST", "/auth/changepassword",
                     {"username": u["username"], "password": "wrong-password",
                      "newpassword": "another-password"})
        assert_error(self, r, 400, "invalid_credentials")
        self.assert_limited(login(u, u["password"]))

    def test_other_accounts_are_not_limited(self):
        locked, other = create_user(), create_user()
        self.fail(locked, 5)
        self.assertEqual(login(other, other["password"]).status, 200)


if __name__ == "__main__":
    main()
