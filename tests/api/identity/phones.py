"""POST /auth/add-phone-no and /auth/make-primary-phone (API.md §2, seed
001): a user adds a phone (which gets an OTP), verifies it, and makes it
primary; taken, foreign and unverified phones are 400."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, main  # noqa: E402
from accounts import (access_token, create_user, latest_otp,  # noqa: E402
                      outbox, unique_phone)


class AddPhone(unittest.TestCase):

    def test_add_phone_is_201_and_sends_an_otp(self):
        token = access_token(create_user())
        phone = unique_phone()
        r = api("POST", "/auth/add-phone-no/", {"phone": phone}, token=token)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json, {"message": "Phone No added Successfully, "
                                             "Please verify it via otp"})
        self.assertEqual(len(outbox(phone)), 1)
        self.assertRegex(latest_otp(phone), r"^\d{6}$")

    def test_added_phone_verifies_and_logs_in(self):
        u = create_user()
        phone = unique_phone()
        api("POST", "/auth/add-phone-no", {"phone": phone},
            token=access_token(u))
        r = api("POST", "/auth/verify-otp",
                {"phone": phone, "otp": latest_otp(phone)})
        self.assertEqual(r.status, 200, r)
        r = api("POST", "/auth/token",
                {"phone": phone, "password": u["password"]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["token"]["access"].count("."), 2)

    def test_taken_phone_is_400(self):
        other = create_user()
        token = access_token(create_user())
        r = api("POST", "/auth/add-phone-no", {"phone": other["phone"]},
                token=token)
        assert_error(self, r, 400, "validation_error")
        self.assertIn("phone", r.json["errors"])

    def test_own_phone_again_is_400(self):
        u = create_user()
        r = api("POST", "/auth/add-phone-no", {"phone": u["phone"]},
                token=access_token(u))
        assert_error(self, r, 400)

    def test_invalid_phone_is_400(self):
        r = api("POST", "/auth/add-phone-no", {"phone": "call me"},
                token=access_token(create_user()))
        assert_error(self, r, 400, "validation_error")

    def test_without_credentials_is_401(self):
        r = api("POST", "/auth/add-phone-no", {"phone": unique_phone()})
        assert_error(self, r, 401)
        self.assertIn("www-authenticate", r.headers)


class MakePrimary(unittest.TestCase):

    def add_verified(self, user, token):
        phone = unique_phone()
        api("POST", "/auth/add-phone-no", {"phone": phone}, token=token)
        api("POST", "/auth/verify-otp",
            {"phone": phone, "otp": latest_otp(phone)})
        return phone

    def test_verified_phone_becomes_primary(self):
        u = create_user()
        token = access_token(u)
        phone = self.add_verified(u, token)
        r = api("POST", "/auth/make-primary-phone/", {"phone": phone},
                token=token)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json,
                         {"message": "Now %s is your primary phone no" % phone})
        # Back to the first phone: the switch works both ways.
        r = api("POST", "/auth/make-primary-phone", {"phone": u["phone"]},
                token=token)
        self.assertEqual(r.status, 201, r)

    def test_primary_phone_again_is_fine(self):
        u = create_user()
        r = api("POST", "/auth/make-primary-phone", {"phone": u["phone"]},
                token=access_token(u))
        self.assertEqual(r.status, 201, r)

    def test_unverified_phone_is_400(self):
        u = create_user()
        token = access_token(u)
        phone = unique_phone()
        api("POST", "/auth/add-phone-no", {"phone": phone}, token=token)
        r = api("POST", "/auth/make-primary-phone", {"phone": phone},
                token=token)
        assert_error(self, r, 400, "phone_not_verified")

    def test_someone_elses_phone_is_400(self):
        other = create_user()
        r = api("POST", "/auth/make-primary-phone", {"phone": other["phone"]},
                token=access_token(create_user()))
        assert_error(self, r, 400, "unknown_phone")

    def test_unknown_phone_is_400(self):
        r = api("POST", "/auth/make-primary-phone", {"phone": unique_phone()},
                token=access_token(create_user()))
        assert_error(self, r, 400, "unknown_phone")

    def test_without_credentials_is_401(self):
        r = api("POST", "/auth/make-primary-phone", {"phone": unique_phone()})
        assert_error(self, r, 401)


if __name__ == "__main__":
    main()
