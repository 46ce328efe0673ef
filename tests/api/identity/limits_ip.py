"""The per-address login limit (API.md §2): after 5 failed logins from one
client address within 15 minutes, every login route answers 429 with
Retry-After to that address, for any account; other addresses are not
affected. The address is nginx's $remote_addr (REMOTE_ADDR); this test
connects from loopback addresses of its own (127.x.y.z), so the limit it
triggers touches no other test."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import assert_error, main  # noqa: E402
from accounts import (api_from, apikey, create_user, fresh_ip,  # noqa: E402
                      unique_email)


class AddressLimit(unittest.TestCase):

    def test_five_failures_from_one_address_lock_it(self):
        ip = fresh_ip()
        for _ in range(5):
            r = api_from(ip, "POST", "/auth/login",
                         {"username": unique_email(), "password": "guess-1234"})
            assert_error(self, r, 400, "invalid_credentials")
        u = create_user()
        r = api_from(ip, "POST", "/auth/login",
                     {"username": u["email"], "password": u["password"]})
        assert_error(self, r, 429, "too_many_attempts")
        wait = int(r.headers["retry-after"])
        self.assertTrue(850 <= wait <= 900, wait)
        for path, body, headers in (
                ("/auth/token", {"phone": u["phone"],
                                 "password": u["password"]}, None),
                ("/auth", {"email": u["email"], "password": u["password"]},
                 {"apikey": apikey()})):
            r = api_from(ip, "POST", path, body, headers=headers)
            assert_error(self, r, 429, "too_many_attempts")
        # The account itself is not locked: another address logs it in.
        r = api_from(fresh_ip(), "POST", "/auth/login",
                     {"username": u["email"], "password": u["password"]})
        self.assertEqual(r.status, 200, r)

    def test_successful_logins_do_not_count(self):
        ip = fresh_ip()
        u = create_user()
        for _ in range(8):
            r = api_from(ip, "POST", "/auth/login",
                         {"username": u["email"], "password": u["password"]})
            self.assertEqual(r.status, 200, r)


if __name__ == "__main__":
    main()
