"""POST /auth/resend-otp after the minute (API.md §2, seed 001): a new code
is sent and replaces the old one. Waits 61 s, so it lives in its own file
and runs its one check only."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, main  # noqa: E402
from accounts import latest_otp, outbox, register_phone_user  # noqa: E402


class ResendAfterAMinute(unittest.TestCase):

    def test_resend_after_a_minute_sends_a_code_that_replaces_the_old(self):
        u = register_phone_user(verify=False)
        old = latest_otp(u["phone"])
        time.sleep(61)
        r = api("POST", "/auth/resend-otp", {"phone": u["phone"]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(len(outbox(u["phone"])), 2)
        new = latest_otp(u["phone"])
        if new != old:
            r = api("POST", "/auth/verify-otp", {"phone": u["phone"],
                                                 "otp": old})
            assert_error(self, r, 400, "invalid_otp")
        r = api("POST", "/auth/verify-otp", {"phone": u["phone"], "otp": new})
        self.assertEqual(r.status, 200, r)
        r = api("POST", "/auth/resend-otp", {"phone": u["phone"]})
        assert_error(self, r, 400, "already_verified")


if __name__ == "__main__":
    main()
