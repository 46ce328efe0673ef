"""clientelectl's identity commands (API.md §2, README-identity.md): user,
role, token, apikey and outbox. Wrong arguments print usage and exit 2; a
failure prints why and exits 1."""

import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, ctl, main  # noqa: E402
from accounts import (access_token, create_user, register_phone_user,  # noqa: E402
                      unique, unique_email, unique_phone)

PASSWORD = "cli-password-123"


def user_create(*args, password=PASSWORD):
    return ctl("user", "create", *args, "--password-stdin",
               input=password + "\n", check=False)


class User(unittest.TestCase):

    def test_create_prints_the_id_and_the_user_logs_in(self):
        email = unique_email()
        p = user_create("--email", email, "--username", unique("cli"),
                        "--first-name", "Ann", "--last-name", "Lee")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertRegex(p.stdout, r"^\d+\n$")
        r = api("POST", "/auth/login", {"username": email,
                                         "password": PASSWORD})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["data"]["user"]["first_name"], "Ann")

    def test_phone_given_is_verified(self):
        phone = unique_phone()
        p = user_create("--email", unique_email(), "--phone", phone)
        self.assertEqual(p.returncode, 0, p.stderr)
        r = api("POST", "/auth/token", {"phone": phone, "password": PASSWORD})
        self.assertEqual(r.status, 200, r)

    def test_superuser_and_roles(self):
        role = unique("role")
        self.assertEqual(ctl("role", "create", role, "--perm",
                             "agents:read").returncode, 0)
        email = unique_email()
        p = user_create("--email", email, "--superuser", "--role", role,
                        "--role", "admin")
        self.assertEqual(p.returncode, 0, p.stderr)
        r = api("POST", "/auth/login", {"username": email,
                                         "password": PASSWORD})
        from accounts import jwt_claims
        self.assertEqual(sorted(jwt_claims(
            r.json["data"]["access_token"])["roles"]), sorted([role, "admin"]))

    def test_wrong_arguments_exit_2_with_usage(self):
        for args in ((), ("create",), ("create", "--email"),
                     ("delete", "--email", "a@b.c"),
                     ("create", "--email", "a@b.c", "--bogus", "x")):
            p = ctl("user", *args, input="", check=False)
            self.assertEqual(p.returncode, 2, (args, p.stderr))
            self.assertIn("user create --email", p.stderr)
        p = ctl("user", "create", "--email", unique_email(), input=PASSWORD,
                check=False)
        self.assertEqual(p.returncode, 2, "no --password-stdin")

    def test_failures_exit_1_with_a_reason(self):
        taken = create_user()
        for args, password in (
                (("--email", taken["email"]), PASSWORD),
                (("--email", unique_email(), "--username", taken["username"]),
                 PASSWORD),
                (("--email", unique_email(), "--phone", taken["phone"]),
                 PASSWORD),
                (("--email", unique_email(), "--role", unique("nope")),
                 PASSWORD),
                (("--email", "not-an-email"), PASSWORD),
                (("--email", unique_email(), "--phone", "12x"), PASSWORD),
                (("--email", unique_email()), "short")):
            p = user_create(*args, password=password)
            self.assertEqual(p.returncode, 1, (args, p.stdout, p.stderr))
            self.assertTrue(p.stderr.strip(), args)
            self.assertEqual(p.stdout, "", args)


class Role(unittest.TestCase):

    def test_create_and_grant(self):
        role = unique("role")
        p = ctl("role", "create", role, "--perm", "crm:read", "--perm",
                "bills:read", check=False)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertRegex(p.stdout, r"^\d+\n$")
        p = ctl("role", "grant", role, "bills:update", check=False)
        self.assertEqual(p.returncode, 0, p.stderr)
        p = ctl("role", "grant", role, "bills:update", check=False)
        self.assertEqual(p.returncode, 0, "granting twice is harmless")

    def test_failures_exit_1(self):
        role = unique("role")
        ctl("role", "create", role)
        for args in (("create", role), ("create", unique("r"), "--perm",
                                        "no:such"),
                     ("grant", unique("nope"), "crm:read"),
                     ("grant", role, "no:such")):
            p = ctl("role", *args, check=False)
            self.assertEqual(p.returncode, 1, (args, p.stderr))
            self.assertTrue(p.stderr.strip())

    def test_unknown_permission_creates_no_role(self):
        role = unique("role")
        ctl("role", "create", role, "--perm", "no:such", check=False)
        self.assertEqual(ctl("role", "create", role, check=False).returncode,
                         0)

    def test_wrong_arguments_exit_2(self):
        for args in ((), ("create",), ("grant", "x"), ("create", "x", "--perm"),
                     ("create", "x", "--other", "y"), ("list",)):
            p = ctl("role", *args, check=False)
            self.assertEqual(p.returncode, 2, (args, p.stderr))
            self.assertIn("role create NAME", p.stderr)


class TokenAndApikey(unittest.TestCase):

    def test_token_create_prints_a_working_token_once(self):
        u = create_user()
        p = ctl("token", "create", "--email", u["email"], check=False)
        self.assertEqual(p.returncode, 0, p.stderr)
        token = p.stdout.strip()
        self.assertRegex(token, r"^[0-9a-f]{64}$")
        r = api("POST", "/accounts/status/online",
                headers={"Authorization": "Token " + token})
        self.assertEqual(r.status, 200, r)
        self.assertNotEqual(ctl("token", "create", "--email",
                                u["email"]).stdout.strip(), token)

    def test_token_for_unknown_email_exits_1(self):
        p = ctl("token", "create", "--email", unique_email(), check=False)
        self.assertEqual(p.returncode, 1)

    def test_token_wrong_arguments_exit_2(self):
        for args in ((), ("create",), ("create", "--email"),
                     ("create", "x@y.z")):
            self.assertEqual(ctl("token", *args, check=False).returncode, 2,
                             args)

    def test_apikey_create_prints_a_working_key(self):
        p = ctl("apikey", "create", unique("app"), check=False)
        self.assertEqual(p.returncode, 0, p.stderr)
        key = p.stdout.strip()
        self.assertRegex(key, r"^[0-9a-f]{64}$")
        u = create_user()
        r = api("POST", "/auth", {"email": u["email"],
                                  "password": u["password"]},
                headers={"apikey": key})
        self.assertEqual(r.status, 200, r)

    def test_apikey_duplicate_name_exits_1(self):
        name = unique("app")
        ctl("apikey", "create", name)
        self.assertEqual(ctl("apikey", "create", name,
                             check=False).returncode, 1)

    def test_apikey_wrong_arguments_exit_2(self):
        for args in ((), ("create",), ("list",), ("create", "a", "b")):
            self.assertEqual(ctl("apikey", *args, check=False).returncode, 2,
                             args)


class Outbox(unittest.TestCase):

    def test_list_json_newest_first_and_by_recipient(self):
        a = register_phone_user(verify=False)
        b = register_phone_user(verify=False)
        p = ctl("outbox", "list", "--json", check=False)
        self.assertEqual(p.returncode, 0, p.stderr)
        msgs = json.loads(p.stdout)
        ids = [m["id"] for m in msgs]
        self.assertEqual(ids, sorted(ids, reverse=True))
        to = [m["recipient"] for m in msgs]
        self.assertLess(to.index(b["phone"]), to.index(a["phone"]))
        self.assertEqual(set(msgs[0]), {"id", "channel", "recipient",
                                        "subject", "body", "created_at",
                                        "sent_at"})
        self.assertRegex(msgs[0]["created_at"],
                         r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
        mine = json.loads(ctl("outbox", "list", "--recipient", a["phone"],
                              "--json").stdout)
        self.assertEqual([m["recipient"] for m in mine], [a["phone"]])

    def test_list_text(self):
        a = register_phone_user(verify=False)
        out = ctl("outbox", "list", "--recipient", a["phone"]).stdout
        lines = out.splitlines()
        self.assertEqual(len(lines), 1, out)
        self.assertIn(a["phone"], lines[0])
        self.assertTrue(re.search(r"\b\d{6}\b", lines[0]))

    def test_wrong_arguments_exit_2(self):
        for args in ((), ("show",), ("list", "--recipient"),
                     ("list", "--bogus")):
            self.assertEqual(ctl("outbox", *args, check=False).returncode, 2,
                             args)


if __name__ == "__main__":
    main()
