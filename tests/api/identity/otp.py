"""POST /auth/verify-otp and /auth/resend-otp (API.md §2, seed 001): a
right code verifies the phone once; wrong codes are 400 and five of them
void the code; resend is refused within a minute. (That a code expires
after 5 minutes is tests/unit/auth/test_rules.c: auth_otp_is_usable.)"""

import os
import re
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, ctl, main  # noqa: E402
from accounts import (create_user, latest_otp, outbox,  # noqa: E402
                      register_phone_user, unique_phone)


def wrong(code):
    """A 6-digit code other than code."""
    return "%06d" % ((int(code) + 1) % 1000000)


class Verify(unittest.TestCase):

    def test_right_code_verifies_the_phone(self):
        u = register_phone_user(verify=False)
        r = api("POST", "/auth/verify-otp/",
                {"phone": u["phone"], "otp": latest_otp(u["phone"])})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"message": "Verification Successful"})
        r = api("POST", "/auth/token",
                {"phone": u["phone"], "password": u["password"]})
        self.assertEqual(r.status, 200, r)

    def test_code_works_only_once(self):
        u = register_phone_user(verify=False)
        code = latest_otp(u["phone"])
        body = {"phone": u["phone"], "otp": code}
        self.assertEqual(api("POST", "/auth/verify-otp", body).status, 200)
        assert_error(self, api("POST", "/auth/verify-otp", body), 400,
                     "invalid_otp")

    def test_wrong_code_is_400(self):
        u = register_phone_user(verify=False)
        r = api("POST", "/auth/verify-otp",
                {"phone": u["phone"], "otp": wrong(latest_otp(u["phone"]))})
        assert_error(self, r, 400, "invalid_otp")

    def test_four_wrong_tries_leave_the_code_usable(self):
        u = register_phone_user(verify=False)
        code = latest_otp(u["phone"])
        for _ in range(4):
            r = api("POST", "/auth/verify-otp",
                    {"phone": u["phone"], "otp": wrong(code)})
            assert_error(self, r, 400, "invalid_otp")
        r = api("POST", "/auth/verify-otp", {"phone": u["phone"], "otp": code})
        self.assertEqual(r.status, 200, r)

    def test_five_wrong_tries_void_the_code(self):
        u = register_phone_user(verify=False)
        code = latest_otp(u["phone"])
        for _ in range(5):
            r = api("POST", "/auth/verify-otp",
                    {"phone": u["phone"], "otp": wrong(code)})
            assert_error(self, r, 400, "invalid_otp")
        r = api("POST", "/auth/verify-otp", {"phone": u["phone"], "otp": code})
        assert_error(self, r, 400, "invalid_otp")
        r = api("POST", "/auth/token",
                {"phone": u["phone"], "password": u["password"]})
        assert_error(self, r, 401, "phone_not_verified")

    def test_unknown_phone_is_400(self):
        r = api("POST", "/auth/verify-otp",
                {"phone": unique_phone(), "otp": "123456"})
        assert_error(self, r, 400, "invalid_otp")

    def test_missing_fields_are_400(self):
        r = api("POST", "/auth/verify-otp", {"phone": unique_phone()})
        assert_error(self, r, 400, "validation_error")
        self.assertIn("otp", r.json["errors"])

    def test_code_of_another_phone_does_not_verify(self):
        a = register_phone_user(verify=False)
        b = register_phone_user(verify=False)
        r = api("POST", "/auth/verify-otp",
                {"phone": a["phone"], "otp": latest_otp(b["phone"])})
        if latest_otp(a["phone"]) != latest_otp(b["phone"]):
            assert_error(self, r, 400, "invalid_otp")


class SpentCodes(unittest.TestCase):
    """The outbox keeps no trail of codes: once an OTP's life is over (or
    it was sent) the prune job blanks its message."""

    def test_an_expired_code_leaves_the_outbox(self):
        u = register_phone_user(verify=False)
        self.assertRegex(outbox(u["phone"])[0]["body"], r"\b\d{6}\b")
        # Age the message past its life instead of waiting 5 minutes.
        with tempfile.NamedTemporaryFile("w", suffix=".sql",
                                         delete=False) as f:
            f.write("UPDATE outbox SET secret_until = UTC_TIMESTAMP(6) - "
                    "INTERVAL 1 SECOND WHERE recipient = '%s';\n"
                    % u["phone"].replace("'", ""))
        try:
            ctl("load", f.name)
        finally:
            os.unlink(f.name)
        deadline = time.monotonic() + 40  # jobs_interval is 10 s
        while time.monotonic() < deadline:
            body = outbox(u["phone"])[0]["body"]
            if not re.search(r"\d{6}", body):
                break
            time.sleep(1)
        self.assertNotRegex(body, r"\d{6}")
        self.assertEqual(body, "(code removed)")

    def test_a_live_code_stays(self):
        u = register_phone_user(verify=False)
        time.sleep(12)  # past one run of the prune job
        self.assertRegex(outbox(u["phone"])[0]["body"], r"\b\d{6}\b")


class Resend(unittest.TestCase):

    def test_resend_within_a_minute_is_429(self):
        u = register_phone_user(verify=False)
        r = api("POST", "/auth/resend-otp", {"phone": u["phone"]})
        assert_error(self, r, 429, "otp_too_soon")
        wait = int(r.headers["retry-after"])
        self.assertTrue(1 <= wait <= 60, wait)
        self.assertEqual(len(outbox(u["phone"])), 1)

    def test_resend_to_unknown_phone_is_400(self):
        r = api("POST", "/auth/resend-otp", {"phone": unique_phone()})
        assert_error(self, r, 400, "unknown_phone")

    def test_resend_to_verified_phone_is_400(self):
        u = create_user()
        r = api("POST", "/auth/resend-otp", {"phone": u["phone"]})
        assert_error(self, r, 400, "already_verified")


if __name__ == "__main__":
    main()
