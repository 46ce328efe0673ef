"""Abuse limits of the OTP routes (API.md §2, issue #9 item 4): phone
registration, resend-otp and add-phone-no are limited per phone and per
client address, wrong OTPs are capped per phone across resends, all 429
with Retry-After in the error shape; an unverified phone claim lapses.

Nothing waits an hour: rows are aged or added with `clientelectl load`
(an SQL file), as otp.py's SpentCodes ages the outbox. Each test sends
from an address of its own (fresh_ip), so the per-address counts of the
other tests (all from 127.0.0.1) are not touched."""

import configparser
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, ctl, env, main  # noqa: E402
from accounts import (api_from, create_user, fresh_ip,  # noqa: E402
                      latest_otp, new_password, unique_phone)

WINDOW = 3600


def conf_int(key, default):
    """An [auth] key of the stack's configuration, else its default."""
    c = configparser.ConfigParser(interpolation=None,
                                  inline_comment_prefixes=("#", ";"))
    with open(env("CLIENTELE_CONF")) as f:
        c.read_file(f)
    return c.getint("auth", key, fallback=default)


def load(sql):
    """Runs sql (trusted test text) through clientelectl load."""
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(sql)
    try:
        ctl("load", f.name)
    finally:
        os.unlink(f.name)


def q(s):
    assert "'" not in s and "\\" not in s
    return "'" + s + "'"


def add_sends(phone, ip, n, age_minutes):
    """n earlier OTP sends to phone from ip, age_minutes ago."""
    rows = ",\n".join(
        "(%s, %s, UTC_TIMESTAMP(6) - INTERVAL %d MINUTE)"
        % (q(phone), q(ip), age_minutes) for _ in range(n))
    load("INSERT INTO otp_sends (phone, ip, created_at) VALUES\n%s;\n"
         % rows)


def age_codes(phone):
    """Moves phone's OTPs two minutes back (past the resend minute)."""
    load("UPDATE otp_codes SET created_at = created_at - INTERVAL 2 MINUTE "
         "WHERE phone = %s;\n" % q(phone))


def register(phone, ip):
    return api_from(ip, "POST", "/auth/register",
                    {"phone": phone, "name": "Ikram Khan",
                     "password": new_password()})


def assert_limited(tc, r, code, low, high):
    assert_error(tc, r, 429, code)
    tc.assertIn("retry-after", r.headers, r)
    wait = int(r.headers["retry-after"])
    tc.assertGreaterEqual(wait, low, r)
    tc.assertLessEqual(wait, high, r)


class PerPhone(unittest.TestCase):

    def test_resend_limited_per_phone(self):
        limit = conf_int("phone_sends_per_hour", 3)
        ip, phone = fresh_ip(), unique_phone()
        self.assertEqual(register(phone, ip).status, 201)
        for _ in range(limit - 1):
            age_codes(phone)
            r = api_from(ip, "POST", "/auth/resend-otp", {"phone": phone})
            self.assertEqual(r.status, 200, r)
        age_codes(phone)
        r = api_from(ip, "POST", "/auth/resend-otp", {"phone": phone})
        # The oldest send is seconds old: a slot frees in about an hour.
        assert_limited(self, r, "too_many_otps", WINDOW - 120, WINDOW)
        # From another address too: the count is the phone's.
        r = api_from(fresh_ip(), "POST", "/auth/resend-otp",
                     {"phone": phone})
        assert_error(self, r, 429, "too_many_otps")

    def test_retry_after_is_when_the_oldest_send_leaves(self):
        limit = conf_int("phone_sends_per_hour", 3)
        ip, phone = fresh_ip(), unique_phone()
        add_sends(phone, fresh_ip(), limit, 50)
        r = register(phone, ip)
        assert_limited(self, r, "too_many_otps", 540, 600)
        self.assertEqual(set(r.json), {"status", "code", "detail"})
        self.assertEqual(r.json["status"], "error")
        # The phone was not claimed by the refused registration.
        load("UPDATE otp_sends SET created_at = created_at - INTERVAL 1 HOUR "
             "WHERE phone = %s;\n" % q(phone))
        self.assertEqual(register(phone, ip).status, 201)

    def test_add_phone_limited_per_phone(self):
        limit = conf_int("phone_sends_per_hour", 3)
        u = create_user()
        token = api("POST", "/auth/token",
                    {"phone": u["phone"], "password": u["password"]}
                    ).json["token"]["access"]
        phone = unique_phone()
        add_sends(phone, fresh_ip(), limit, 10)
        r = api("POST", "/auth/add-phone-no", {"phone": phone}, token=token,
                source=fresh_ip())
        assert_limited(self, r, "too_many_otps", 2900, 3000)


class PerAddress(unittest.TestCase):

    def test_registration_limited_per_address(self):
        limit = conf_int("address_sends_per_hour", 10)
        ip = fresh_ip()
        add_sends(unique_phone(), ip, limit - 1, 30)
        self.assertEqual(register(unique_phone(), ip).status, 201)
        r = register(unique_phone(), ip)
        assert_limited(self, r, "too_many_otps", 1700, 1800)
        # Another address is not limited.
        self.assertEqual(register(unique_phone(), fresh_ip()).status, 201)

    def test_resend_and_add_phone_limited_per_address(self):
        limit = conf_int("address_sends_per_hour", 10)
        ip, phone = fresh_ip(), unique_phone()
        self.assertEqual(register(phone, fresh_ip()).status, 201)
        age_codes(phone)
        add_sends(unique_phone(), ip, limit, 5)
        r = api_from(ip, "POST", "/auth/resend-otp", {"phone": phone})
        assert_limited(self, r, "too_many_otps", 3200, 3300)
        u = create_user()
        token = api("POST", "/auth/token",
                    {"phone": u["phone"], "password": u["password"]}
                    ).json["token"]["access"]
        r = api("POST", "/auth/add-phone-no", {"phone": unique_phone()},
                token=token, source=ip)
        assert_limited(self, r, "too_many_otps", 3200, 3300)

    def test_old_sends_do_not_count(self):
        limit = conf_int("address_sends_per_hour", 10)
        ip = fresh_ip()
        add_sends(unique_phone(), ip, limit, 61)
        self.assertEqual(register(unique_phone(), ip).status, 201)


class OtpFailures(unittest.TestCase):

    def test_wrong_codes_capped_per_phone_across_resends(self):
        cap = conf_int("otp_failures_per_hour", 100)
        ip, phone = fresh_ip(), unique_phone()
        self.assertEqual(register(phone, ip).status, 201)
        code = latest_otp(phone)
        wrong = "%06d" % ((int(code) + 1) % 1000000)
        # cap - 1 earlier failures (of earlier codes), 20 minutes ago.
        rows = ",\n".join("(%s, UTC_TIMESTAMP(6) - INTERVAL 20 MINUTE)"
                          % q(phone) for _ in range(cap - 1))
        load("INSERT INTO otp_failures (phone, created_at) VALUES\n%s;\n"
             % rows)
        r = api_from(ip, "POST", "/auth/verify-otp",
                     {"phone": phone, "otp": wrong})
        assert_error(self, r, 400, "invalid_otp")
        # The cap is reached: even the right code waits now.
        r = api_from(ip, "POST", "/auth/verify-otp",
                     {"phone": phone, "otp": code})
        assert_limited(self, r, "too_many_otp_failures", 2300, 2400)
        # A fresh code does not reset the count.
        age_codes(phone)
        self.assertEqual(api_from(ip, "POST", "/auth/resend-otp",
                                  {"phone": phone}).status, 200)
        r = api_from(ip, "POST", "/auth/verify-otp",
                     {"phone": phone, "otp": latest_otp(phone)})
        assert_error(self, r, 429, "too_many_otp_failures")
        # Once the failures leave the hour, the right code verifies.
        load("UPDATE otp_failures SET created_at = created_at - INTERVAL 1 "
             "HOUR WHERE phone = %s;\n" % q(phone))
        r = api_from(ip, "POST", "/auth/verify-otp",
                     {"phone": phone, "otp": latest_otp(phone)})
        self.assertEqual(r.status, 200, r)

    def test_wrong_codes_are_counted(self):
        ip, phone = fresh_ip(), unique_phone()
        self.assertEqual(register(phone, ip).status, 201)
        code = latest_otp(phone)
        wrong = "%06d" % ((int(code) + 1) % 1000000)
        for _ in range(2):
            api_from(ip, "POST", "/auth/verify-otp",
                     {"phone": phone, "otp": wrong})
        # Those two count: with cap - 2 more, the cap is reached.
        cap = conf_int("otp_failures_per_hour", 100)
        rows = ",\n".join("(%s)" % q(phone) for _ in range(cap - 2))
        load("INSERT INTO otp_failures (phone) VALUES\n%s;\n" % rows)
        r = api_from(ip, "POST", "/auth/verify-otp",
                     {"phone": phone, "otp": code})
        assert_error(self, r, 429, "too_many_otp_failures")


class PhoneClaim(unittest.TestCase):

    def age_claim(self, phone, hours):
        load("UPDATE user_phones SET created_at = created_at - INTERVAL %d "
             "HOUR WHERE phone = %s;\n" % (hours, q(phone)))

    def test_a_lapsed_claim_may_be_registered_again(self):
        hours = conf_int("phone_claim_hours", 24)
        phone = unique_phone()
        self.assertEqual(register(phone, fresh_ip()).status, 201)
        assert_error(self, register(phone, fresh_ip()), 400)
        self.age_claim(phone, hours - 1)
        assert_error(self, register(phone, fresh_ip()), 400)
        self.age_claim(phone, 2)
        r = register(phone, fresh_ip())
        self.assertEqual(r.status, 201, r)
        # The new claimant verifies it.
        r = api("POST", "/auth/verify-otp",
                {"phone": phone, "otp": latest_otp(phone)})
        self.assertEqual(r.status, 200, r)

    def test_a_lapsed_claim_may_be_added_by_another_user(self):
        hours = conf_int("phone_claim_hours", 24)
        phone = unique_phone()
        self.assertEqual(register(phone, fresh_ip()).status, 201)
        u = create_user()
        token = api("POST", "/auth/token",
                    {"phone": u["phone"], "password": u["password"]}
                    ).json["token"]["access"]
        r = api("POST", "/auth/add-phone-no", {"phone": phone}, token=token,
                source=fresh_ip())
        assert_error(self, r, 400)
        self.age_claim(phone, hours + 1)
        r = api("POST", "/auth/add-phone-no", {"phone": phone}, token=token,
                source=fresh_ip())
        self.assertEqual(r.status, 201, r)

    def test_a_lapsed_claim_gets_no_more_codes(self):
        hours = conf_int("phone_claim_hours", 24)
        phone = unique_phone()
        self.assertEqual(register(phone, fresh_ip()).status, 201)
        self.age_claim(phone, hours + 1)
        age_codes(phone)
        r = api_from(fresh_ip(), "POST", "/auth/resend-otp",
                     {"phone": phone})
        assert_error(self, r, 400, "unknown_phone")

    def test_a_verified_phone_never_lapses(self):
        u = create_user()
        self.age_claim(u["phone"], 24 * 400)
        assert_error(self, register(u["phone"], fresh_ip()), 400)


if __name__ == "__main__":
    main()
