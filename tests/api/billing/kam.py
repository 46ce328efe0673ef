#!/usr/bin/env python3
"""API tests of /customers/kam and /customers/kam/{id} (API.md §6, seed
004): key account managers are read-only over HTTP (GET only, with
customers:read) and made with `clientelectl kam create`. Covered: the
seed's object shape, assigned_customers_count, ?search= over name, email
and phone, ?ordering=, ?is_active=, the limit-offset envelope of billing
lists (API.md §1), permissions, 405 on writes, and the CLI's exit codes.
Each test makes its own KAMs with a unique token in every name and scopes
list queries with ?search=<token>, so no test depends on another or on
other data."""
import os
import re
import sys
import unittest
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, ctl, main  # noqa: E402
from accounts import access_token, create_user, unique_phone  # noqa: E402

KAM_KEYS = {"id", "kam_name", "phone", "email", "address", "is_active",
            "assigned_customers_count", "created_at", "updated_at"}
DATETIME = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"
WRITES = ("POST", "PUT", "PATCH", "DELETE")


def token():
    """A search token no other test uses (letters and hex digits)."""
    return "kamtok" + uuid.uuid4().hex[:12]


def create_kam(name, email=None, phone=None, address=None, inactive=False):
    """Makes a KAM with clientelectl kam create; returns its id."""
    args = ["kam", "create", "--name", name]
    if email is not None:
        args += ["--email", email]
    if phone is not None:
        args += ["--phone", phone]
    if address is not None:
        args += ["--address", address]
    if inactive:
        args.append("--inactive")
    out = ctl(*args).stdout
    if not re.fullmatch(r"[1-9][0-9]*\n?", out):
        raise AssertionError("kam create printed %r, not an id" % out)
    return int(out)


def qs(params):
    """A query string of params (a dict), spaces as %20 and "+" as %2B."""
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def allowed(resp):
    """The methods of the Allow header, as a set."""
    return {m.strip().upper() for m in resp.headers.get("allow", "").split(",")
            if m.strip()}


class KamTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.reader = access_token(create_user(perms=["customers:read"]))
        cls.writer = access_token(create_user(
            perms=["customers:read", "customers:update"]))
        cls.nobody = access_token(create_user())

    def get(self, path, tok=None):
        r = api("GET", path, token=tok or self.reader)
        self.assertEqual(r.status, 200, r)
        return r.json

    def show(self, kam_id):
        return self.get("/customers/kam/%d/" % kam_id)

    def listing(self, **params):
        """GET /customers/kam/?params as the reader; returns the JSON."""
        return self.get("/customers/kam/?" + qs(params))

    def names(self, **params):
        return [k["kam_name"] for k in self.listing(**params)]

    def assert_field_error(self, r, *fields):
        assert_error(self, r, 400, "validation_error")
        for f in fields:
            self.assertIn(f, r.json.get("errors", {}), r)

    def create_customer(self, kam_id, name=None):
        r = api("POST", "/customers/customers/", {
            "customer_name": name or "Customer " + token(),
            "customer_type": "bw", "kam_id": kam_id}, token=self.writer)
        self.assertEqual(r.status, 201, r)
        return r.json

    # -- reading ------------------------------------------------------

    def test_show_returns_the_kam_in_seed_shape(self):
        name = "Ahmed Rahman " + token()
        email = token() + "@isp.example.com"
        phone = unique_phone()
        kid = create_kam(name, email=email, phone=phone,
                         address="Dhaka, Bangladesh")
        k = self.show(kid)
        self.assertEqual(set(k), KAM_KEYS)
        self.assertEqual(k["id"], kid)
        self.assertEqual((k["kam_name"], k["email"], k["phone"], k["address"]),
                         (name, email, phone, "Dhaka, Bangladesh"))
        self.assertIs(k["is_active"], True)
        self.assertEqual(k["assigned_customers_count"], 0)
        self.assertIsInstance(k["assigned_customers_count"], int)

    def test_optional_fields_left_out_are_null(self):
        k = self.show(create_kam("Bare " + token()))
        self.assertIsNone(k["email"])
        self.assertIsNone(k["phone"])
        self.assertIsNone(k["address"])
        self.assertIs(k["is_active"], True)

    def test_inactive_flag_makes_an_inactive_kam(self):
        k = self.show(create_kam("Retired " + token(), inactive=True))
        self.assertIs(k["is_active"], False)

    def test_datetimes_are_iso_utc_with_microseconds(self):
        k = self.show(create_kam("Clock " + token()))
        self.assertRegex(k["created_at"], DATETIME)
        self.assertRegex(k["updated_at"], DATETIME)
        self.assertLessEqual(k["created_at"], k["updated_at"])

    def test_show_works_without_trailing_slash(self):
        kid = create_kam("Slash " + token())
        self.assertEqual(self.get("/customers/kam/%d" % kid)["id"], kid)

    def test_show_unknown_or_malformed_id_is_404(self):
        for bad in ("999999999", "abc"):
            r = api("GET", "/customers/kam/%s/" % bad, token=self.reader)
            assert_error(self, r, 404, "not_found")
        for bad in ("0", "-1", "1.5", "1e3"):
            r = api("GET", "/customers/kam/%s/" % bad, token=self.reader)
            assert_error(self, r, 404)

    def test_list_is_a_plain_array_of_kams(self):
        tok = token()
        ids = {create_kam("List %s %d" % (tok, i)) for i in range(2)}
        for path in ("/customers/kam/?search=" + tok,
                     "/customers/kam?search=" + tok):
            rows = self.get(path)
            self.assertIsInstance(rows, list)
            self.assertEqual({k["id"] for k in rows}, ids)
            for k in rows:
                self.assertEqual(set(k), KAM_KEYS)
                self.assertEqual(k, self.show(k["id"]))

    def test_list_without_parameters_is_an_array_of_at_most_1000(self):
        create_kam("Any " + token())
        rows = self.get("/customers/kam/")
        self.assertIsInstance(rows, list)
        self.assertGreaterEqual(len(rows), 1)
        self.assertLessEqual(len(rows), 1000)

    def test_list_with_limit_is_the_limit_offset_envelope(self):
        tok = token()
        for i in range(3):
            create_kam("Page %s %d" % (tok, i))
        r = self.listing(search=tok, ordering="kam_name", limit=2)
        self.assertEqual(set(r), {"count", "next", "previous", "results"})
        self.assertEqual(r["count"], 3)
        self.assertEqual(len(r["results"]), 2)
        self.assertIsNone(r["previous"])
        self.assertRegex(r["next"], r"^https?://[^/]+/api/v1/customers/kam/?\?")
        rest = self.get(r["next"])
        self.assertEqual([k["kam_name"] for k in rest["results"]],
                         ["Page %s 2" % tok])
        self.assertIsNone(rest["next"])

    # -- search, ordering, filter -------------------------------------

    def test_search_matches_name_case_insensitively(self):
        tok = token()
        kid = create_kam("Ahmed %s Rahman" % tok)
        self.assertEqual([k["id"] for k in self.listing(search=tok.upper())],
                         [kid])
        self.assertEqual([k["id"] for k in self.listing(
            search=("med %s ra" % tok).upper())], [kid])

    def test_search_matches_email_and_phone(self):
        tok = token()
        phone = unique_phone()
        by_email = create_kam("Mail " + token(), email=tok + "@Isp.example.com")
        by_phone = create_kam("Phone " + token(), phone=phone)
        self.assertEqual([k["id"] for k in self.listing(
            search=tok.upper() + "@ISP")], [by_email])
        self.assertEqual([k["id"] for k in self.listing(search=phone[3:])],
                         [by_phone])

    def test_search_does_not_look_at_the_address(self):
        tok = token()
        create_kam("Elsewhere " + token(), address="Road " + tok)
        self.assertEqual(self.listing(search=tok), [])

    def test_search_percent_and_underscore_are_literal(self):
        tok = token()
        pct = create_kam("%s 100%% sure" % tok)
        create_kam("%s 100 sure" % tok)
        under = create_kam("%s a_b" % tok)
        create_kam("%s axb" % tok)
        self.assertEqual([k["id"] for k in self.listing(
            search="%s 100%%" % tok)], [pct])
        self.assertEqual([k["id"] for k in self.listing(
            search="%s a_b" % tok)], [under])
        for k in self.listing(search="%"):
            self.assertIn("%", "".join(
                k[f] or "" for f in ("kam_name", "email", "phone")), k)

    def test_ordering_by_kam_name(self):
        tok = token()
        for letter in "bca":
            create_kam("%s %s" % (tok, letter))
        want = ["%s %s" % (tok, c) for c in "abc"]
        self.assertEqual(self.names(search=tok, ordering="kam_name"), want)
        self.assertEqual(self.names(search=tok, ordering="-kam_name"),
                         want[::-1])

    def test_ordering_by_created_at(self):
        tok = token()
        ids = [create_kam("%s %s" % (tok, c)) for c in "zyx"]
        rows = self.listing(search=tok, ordering="created_at")
        stamps = [k["created_at"] for k in rows]
        self.assertEqual(stamps, sorted(stamps))
        self.assertEqual([k["id"] for k in rows], ids)
        rows = self.listing(search=tok, ordering="-created_at")
        stamps = [k["created_at"] for k in rows]
        self.assertEqual(stamps, sorted(stamps, reverse=True))
        self.assertEqual([k["id"] for k in rows], ids[::-1])

    def test_ordering_by_an_unlisted_field_is_400(self):
        for bad in ("email", "id", "-phone", "kam_name,email", "--kam_name",
                    "kam_name;DROP TABLE users"):
            r = api("GET", "/customers/kam/?" + qs({"ordering": bad}),
                    token=self.reader)
            self.assert_field_error(r, "ordering")

    def test_is_active_filter(self):
        tok = token()
        on = create_kam("%s on" % tok)
        off = create_kam("%s off" % tok, inactive=True)
        self.assertEqual([k["id"] for k in self.listing(
            search=tok, is_active="true")], [on])
        self.assertEqual([k["id"] for k in self.listing(
            search=tok, is_active="false")], [off])
        self.assertEqual({k["id"] for k in self.listing(search=tok)},
                         {on, off})

    # -- assigned_customers_count -------------------------------------

    def test_assigned_customers_count_counts_its_customers(self):
        kid = create_kam("Busy " + token())
        other = create_kam("Other " + token())
        a = self.create_customer(kid)
        self.create_customer(kid)
        self.create_customer(other)
        self.create_customer(None)
        self.assertEqual(self.show(kid)["assigned_customers_count"], 2)
        self.assertEqual(self.show(other)["assigned_customers_count"], 1)
        r = api("PATCH", "/customers/customers/%d/" % a["id"],
                {"kam_id": other}, token=self.writer)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.show(kid)["assigned_customers_count"], 1)
        self.assertEqual(self.show(other)["assigned_customers_count"], 2)
        r = api("DELETE", "/customers/customers/%d/" % a["id"],
                token=self.writer)
        self.assertEqual(r.status, 204, r)
        self.assertEqual(self.show(other)["assigned_customers_count"], 1)

    def test_assigned_customers_count_in_the_list(self):
        tok = token()
        kid = create_kam("Counted " + tok)
        for _ in range(3):
            self.create_customer(kid)
        rows = self.listing(search=tok)
        self.assertEqual([(k["id"], k["assigned_customers_count"])
                          for k in rows], [(kid, 3)])

    # -- permissions and methods --------------------------------------

    def test_reads_need_credentials(self):
        kid = create_kam("Locked " + token())
        for path in ("/customers/kam/", "/customers/kam/%d/" % kid):
            r = api("GET", path)
            assert_error(self, r, 401)
            self.assertIn("www-authenticate", r.headers)
            assert_error(self, api("GET", path, token="not.a.jwt"), 401)

    def test_reads_need_customers_read(self):
        kid = create_kam("Private " + token())
        billing_only = access_token(create_user(perms=["bills:read"]))
        for tok in (self.nobody, billing_only):
            for path in ("/customers/kam/", "/customers/kam/%d/" % kid):
                assert_error(self, api("GET", path, token=tok), 403,
                             "permission_denied")

    def test_superuser_reads(self):
        kid = create_kam("Super " + token())
        admin = access_token(create_user(superuser=True))
        self.assertEqual(self.get("/customers/kam/%d" % kid, admin)["id"], kid)

    def test_writes_are_405_with_an_allow_header(self):
        tok = token()
        kid = create_kam("Fixed " + tok)
        before = self.show(kid)
        body = {"kam_name": "Posted " + tok}
        for path in ("/customers/kam/", "/customers/kam/%d/" % kid):
            for method in WRITES:
                r = api(method, path, body, token=self.writer)
                assert_error(self, r, 405)
                self.assertIn("GET", allowed(r), r.headers)
                self.assertFalse(allowed(r) & set(WRITES), r.headers)
        self.assertEqual(self.show(kid), before)
        self.assertEqual([k["id"] for k in self.listing(search=tok)], [kid])


class KamCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.reader = access_token(create_user(perms=["customers:read"]))

    def found(self, tok):
        r = api("GET", "/customers/kam/?search=" + tok, token=self.reader)
        self.assertEqual(r.status, 200, r)
        return r.json

    def test_create_prints_only_the_new_id(self):
        tok = token()
        p = ctl("kam", "create", "--name", "Printed " + tok)
        self.assertRegex(p.stdout, r"^[1-9][0-9]*\n?$")
        self.assertEqual([k["id"] for k in self.found(tok)],
                         [int(p.stdout)])
        q = ctl("kam", "create", "--name", "Printed too " + tok)
        self.assertGreater(int(q.stdout), int(p.stdout))

    def test_missing_name_exits_2_with_usage(self):
        tok = token()
        for args in (["kam", "create"],
                     ["kam", "create", "--email", tok + "@example.com"],
                     ["kam", "create", "--phone", "+8801712345678",
                      "--inactive"]):
            p = ctl(*args, check=False)
            self.assertEqual(p.returncode, 2, (args, p.stdout, p.stderr))
            self.assertIn("usage", p.stderr.lower(), args)
            self.assertEqual(p.stdout, "", args)
        self.assertEqual(self.found(tok), [])

    def test_wrong_arguments_exit_2_with_usage(self):
        tok = token()
        for args in (["kam"],
                     ["kam", "frobnicate"],
                     ["kam", "create", "--name", "Bogus " + tok, "--bogus"],
                     ["kam", "create", "--name", "Extra " + tok, "extra"],
                     ["kam", "create", "--name"],
                     ["kam", "create", "--name", "Dangling " + tok,
                      "--email"]):
            p = ctl(*args, check=False)
            self.assertEqual(p.returncode, 2, (args, p.stdout, p.stderr))
            self.assertIn("usage", p.stderr.lower(), args)
            self.assertEqual(p.stdout, "", args)
        self.assertEqual(self.found(tok), [])


if __name__ == "__main__":
    main()
