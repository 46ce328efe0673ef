"""POST /auth/register (API.md §2): the phone form of seed 001 (account
with an unverified primary phone and an OTP in the outbox), the email form
of seed 002, duplicates, weak passwords, and two registrations of one phone
at the same moment."""

import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, main  # noqa: E402
from accounts import (api_from, fresh_ip, latest_otp, outbox,  # noqa: E402
                      unique, unique_email, unique_phone)


def phone_body(**changes):
    body = {"phone": unique_phone(), "name": "Ikram Khan",
            "password": "test@1234"}
    body.update(changes)
    return body


def email_body(**changes):
    body = {"email": unique_email(), "password": "xxxxxx-secret",
            "firstName": "Hoa", "lastName": "Nguyen",
            "username": unique("dealer")}
    body.update(changes)
    return body


class PhoneForm(unittest.TestCase):

    def test_phone_registration_is_201_with_the_message(self):
        r = api("POST", "/auth/register/", phone_body())
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json, {"message": "Registration Successful"})

    def test_phone_registration_sends_an_otp_to_the_outbox(self):
        body = phone_body()
        api("POST", "/auth/register", body)
        msgs = outbox(body["phone"])
        self.assertEqual(len(msgs), 1, msgs)
        self.assertEqual(msgs[0]["channel"], "sms")
        self.assertIsNone(msgs[0]["sent_at"])
        self.assertRegex(latest_otp(body["phone"]), r"^\d{6}$")

    def test_phone_is_unverified_until_the_otp(self):
        body = phone_body()
        api("POST", "/auth/register", body)
        r = api_from(fresh_ip(), "POST", "/auth/token",
                     {"phone": body["phone"], "password": body["password"]})
        assert_error(self, r, 401, "phone_not_verified")

    def test_duplicate_phone_is_400(self):
        body = phone_body()
        self.assertEqual(api("POST", "/auth/register", body).status, 201)
        r = api("POST", "/auth/register", phone_body(phone=body["phone"]))
        assert_error(self, r, 400, "validation_error")
        self.assertIn("phone", r.json["errors"])

    def test_short_password_is_400(self):
        r = api("POST", "/auth/register", phone_body(password="123456"))
        assert_error(self, r, 400, "validation_error")
        self.assertIn("password", r.json["errors"])

    def test_invalid_phone_is_400(self):
        for phone in ("12ab5678", "123", "+1 555 0100", ""):
            r = api("POST", "/auth/register", phone_body(phone=phone))
            assert_error(self, r, 400, "validation_error")
            self.assertIn("phone", r.json["errors"], phone)

    def test_missing_name_is_400(self):
        body = phone_body()
        del body["name"]
        r = api("POST", "/auth/register", body)
        assert_error(self, r, 400, "validation_error")
        self.assertIn("name", r.json["errors"])

    def test_two_simultaneous_registrations_of_one_phone_make_one(self):
        for _ in range(3):
            phone = unique_phone()
            barrier = threading.Barrier(2)
            statuses = []

            def register():
                barrier.wait()
                r = api("POST", "/auth/register", phone_body(phone=phone))
                statuses.append(r.status)
                if r.status != 201:
                    assert_error(self, r, 400)

            threads = [threading.Thread(target=register) for _ in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual(sorted(statuses), [201, 400], statuses)
            self.assertEqual(len(outbox(phone)), 1)


class EmailForm(unittest.TestCase):

    def test_email_registration_answers_the_account(self):
        body = email_body()
        r = api("POST", "/auth/register", body)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(set(r.json), {"id", "email", "username",
                                       "firstName", "lastName"})
        self.assertIsInstance(r.json["id"], int)
        self.assertEqual(r.json["email"], body["email"])
        self.assertEqual(r.json["username"], body["username"])
        self.assertEqual(r.json["firstName"], "Hoa")
        self.assertEqual(r.json["lastName"], "Nguyen")

    def test_registered_account_can_log_in(self):
        body = email_body()
        api("POST", "/auth/register", body)
        r = api("POST", "/auth/login",
                {"username": body["email"], "password": body["password"]})
        self.assertEqual(r.status, 200, r)

    def test_duplicate_email_is_400(self):
        body = email_body()
        self.assertEqual(api("POST", "/auth/register", body).status, 201)
        r = api("POST", "/auth/register", email_body(email=body["email"]))
        assert_error(self, r, 400, "validation_error")
        self.assertIn("email", r.json["errors"])

    def test_duplicate_email_in_other_case_is_400(self):
        body = email_body()
        api("POST", "/auth/register", body)
        r = api("POST", "/auth/register",
                email_body(email=body["email"].upper()))
        assert_error(self, r, 400, "validation_error")

    def test_duplicate_username_is_400(self):
        body = email_body()
        api("POST", "/auth/register", body)
        r = api("POST", "/auth/register",
                email_body(username=body["username"]))
        assert_error(self, r, 400, "validation_error")
        self.assertIn("username", r.json["errors"])

    def test_short_password_is_400(self):
        r = api("POST", "/auth/register", email_body(password="1234567"))
        assert_error(self, r, 400, "validation_error")
        self.assertIn("password", r.json["errors"])

    def test_bad_email_is_400(self):
        r = api("POST", "/auth/register", email_body(email="not-an-email"))
        assert_error(self, r, 400, "validation_error")
        self.assertIn("email", r.json["errors"])

    def test_username_with_at_sign_is_400(self):
        r = api("POST", "/auth/register", email_body(username="a@b"))
        assert_error(self, r, 400, "validation_error")
        self.assertIn("username", r.json["errors"])

    def test_fields_the_client_may_not_set_are_ignored(self):
        body = email_body(id=1, is_superuser=True, user_xid="x")
        r = api("POST", "/auth/register", body)
        self.assertEqual(r.status, 201, r)
        self.assertNotEqual(r.json["id"], 1)


class NeitherForm(unittest.TestCase):

    def test_body_without_phone_or_email_is_400(self):
        r = api("POST", "/auth/register", {"password": "long-enough"})
        assert_error(self, r, 400, "validation_error")
        self.assertIn("phone", r.json["errors"])
        self.assertIn("email", r.json["errors"])


if __name__ == "__main__":
    main()
