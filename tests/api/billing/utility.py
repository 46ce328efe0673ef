#!/usr/bin/env python3
"""API tests of /utility/utility-info and /utility/utility-details (API.md
§6, seed 004, GET only) and of the admin CLI that loads them (§9):
`utility create --name N [--vat-rate R]` and `utility add-detail --utility
ID --type bank|bkash|nagad --name N --number X [--inactive]`, each
printing the new id alone, exit 2 with usage on wrong arguments, 1 on
failure. Info rows carry details, active_details and vat_rate; details
filter by utility_master_id, type, is_active, search on name and number.

Each test makes its own utility information with a unique token in its
name and numbers, so no test depends on another or on the demo data."""
import json
import os
import re
import sys
import unittest
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, ctl, main  # noqa: E402
from accounts import access_token, create_user  # noqa: E402

INFO = "/utility/utility-info/"
DETAILS = "/utility/utility-details/"
INFO_KEYS = {"id", "utility_name", "vat_rate", "details", "active_details",
             "created_by", "updated_by", "created_at", "updated_at"}
DETAIL_KEYS = {"id", "utility_master_id", "type", "name", "number",
               "is_active", "created_at", "updated_at"}
DATETIME = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"


def token():
    return "utltok" + uuid.uuid4().hex[:12]


def qs(params):
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def make_info(name, vat=None):
    args = ["utility", "create", "--name", name]
    if vat is not None:
        args += ["--vat-rate", vat]
    p = ctl(*args)
    return int(p.stdout)


def add_detail(uid, typ, name, number, inactive=False):
    args = ["utility", "add-detail", "--utility", str(uid), "--type", typ,
            "--name", name, "--number", number]
    if inactive:
        args.append("--inactive")
    return int(ctl(*args).stdout)


class UtilityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.reader = access_token(create_user(perms=["customers:read"]))
        cls.writer = access_token(create_user(perms=["customers:read",
                                                     "customers:update"]))
        cls.nobody = access_token(create_user())

    def make(self, tok=None):
        """An info with VAT 15.00 and a bank, a bKash and an inactive Nagad
        account. Returns (info id, [detail ids], tok)."""
        tok = tok or token()
        uid = make_info("ISP " + tok, "15.00")
        ids = [add_detail(uid, "bank", "Dutch-Bangla Bank " + tok,
                          "1051100" + tok[-6:]),
               add_detail(uid, "bkash", "bKash merchant " + tok,
                          "01711" + tok[-6:]),
               add_detail(uid, "nagad", "Nagad " + tok, "01811" + tok[-6:],
                          inactive=True)]
        return uid, ids, tok

    def get(self, path, tok=None):
        r = api("GET", path, token=tok or self.reader)
        self.assertEqual(r.status, 200, r)
        return r.json

    # The CLI.

    def test_create_prints_the_id_alone(self):
        p = ctl("utility", "create", "--name", "ISP " + token(),
                "--vat-rate", "7.50")
        self.assertRegex(p.stdout, r"^\d+\n$")
        info = self.get("%s%d/" % (INFO, int(p.stdout)))
        self.assertEqual(info["vat_rate"], "7.50")
        self.assertEqual(info["details"], [])
        self.assertEqual(info["active_details"], [])

    def test_vat_rate_defaults_to_zero(self):
        uid = make_info("ISP " + token())
        self.assertEqual(self.get("%s%d/" % (INFO, uid))["vat_rate"], "0.00")

    def test_wrong_arguments_exit_2_with_usage(self):
        for args in (["utility"], ["utility", "delete"],
                     ["utility", "create"],
                     ["utility", "create", "--name"],
                     ["utility", "create", "--name", "x", "--bogus", "1"],
                     ["utility", "create", "--name", "a", "--name", "b"],
                     ["utility", "add-detail", "--utility", "1", "--type",
                      "bank", "--name", "n"],
                     ["utility", "add-detail"]):
            p = ctl(*args, check=False)
            self.assertEqual(p.returncode, 2, (args, p.stderr))
            self.assertEqual(p.stdout, "", args)
            self.assertIn("utility", p.stderr, args)

    def test_bad_values_exit_1_and_write_nothing(self):
        tok = token()
        uid = make_info("ISP " + tok)
        for args in (["utility", "create", "--name", "ISP " + tok],  # dup
                     ["utility", "create", "--name", "x" + tok,
                      "--vat-rate", "100.01"],
                     ["utility", "create", "--name", "x" + tok,
                      "--vat-rate", "-1"],
                     ["utility", "create", "--name", "x" + tok,
                      "--vat-rate", "abc"],
                     ["utility", "create", "--name", ""],
                     ["utility", "add-detail", "--utility", str(uid),
                      "--type", "paypal", "--name", "n", "--number", "1"],
                     ["utility", "add-detail", "--utility", "987654321",
                      "--type", "bank", "--name", "n", "--number", "1"],
                     ["utility", "add-detail", "--utility", "abc",
                      "--type", "bank", "--name", "n", "--number", "1"]):
            p = ctl(*args, check=False)
            self.assertEqual(p.returncode, 1, (args, p.stdout, p.stderr))
            self.assertEqual(p.stdout, "", args)
            self.assertTrue(p.stderr.strip(), args)
        info = self.get("%s%d/" % (INFO, uid))
        self.assertEqual(info["details"], [])
        names = [i["utility_name"] for i in self.get(INFO)]
        self.assertFalse([n for n in names if n.startswith("x" + tok)])

    def test_cli_writes_are_audited(self):
        uid, ids, _ = self.make()
        p = ctl("audit", "list", "--table", "billing_utility_info", "--id",
                str(uid))
        rows = [json.loads(x) for x in p.stdout.splitlines() if x.strip()]
        self.assertEqual([r["action"] for r in rows], ["create"])
        self.assertEqual(rows[0]["after"]["vat_rate"], "15.00")
        p = ctl("audit", "list", "--table", "billing_utility_details",
                "--id", str(ids[0]))
        self.assertEqual(len([x for x in p.stdout.splitlines()
                              if x.strip()]), 1)

    # utility-info.

    def test_info_row_has_details_active_details_and_vat(self):
        uid, ids, tok = self.make()
        info = self.get("%s%d/" % (INFO, uid))
        self.assertEqual(set(info), INFO_KEYS)
        self.assertEqual(info["vat_rate"], "15.00")
        self.assertEqual([d["id"] for d in info["details"]], ids)
        self.assertEqual([d["type"] for d in info["details"]],
                         ["bank", "bkash", "nagad"])
        self.assertEqual([d["id"] for d in info["active_details"]], ids[:2])
        for d in info["details"]:
            self.assertEqual(set(d), DETAIL_KEYS, d)
            self.assertRegex(d["created_at"], DATETIME)
            self.assertEqual(d, self.get("%s%d/" % (DETAILS, d["id"])))
        self.assertIsNone(info["created_by"])
        self.assertRegex(info["created_at"], DATETIME)

    def test_info_list_is_an_array_and_the_envelope_with_limit(self):
        uid, _, _ = self.make()
        rows = self.get(INFO)
        self.assertIsInstance(rows, list)
        self.assertIn(uid, [r["id"] for r in rows])
        page = self.get(INFO + "?limit=1")
        self.assertEqual(set(page), {"count", "next", "previous",
                                     "results"})
        self.assertEqual(len(page["results"]), 1)
        self.assertGreaterEqual(page["count"], 1)
        # The oldest first: the default for invoices is the lowest id.
        ids = [r["id"] for r in rows]
        self.assertEqual(ids, sorted(ids))

    def test_unknown_info_is_404(self):
        assert_error(self, api("GET", INFO + "987654321/", token=self.reader),
                     404)
        assert_error(self, api("GET", INFO + "abc/", token=self.reader), 404)

    def test_get_only(self):
        uid, ids, _ = self.make()
        for method, path in (("POST", INFO), ("PUT", "%s%d/" % (INFO, uid)),
                             ("PATCH", "%s%d/" % (INFO, uid)),
                             ("DELETE", "%s%d/" % (INFO, uid)),
                             ("POST", DETAILS),
                             ("PATCH", "%s%d/" % (DETAILS, ids[0])),
                             ("DELETE", "%s%d/" % (DETAILS, ids[0]))):
            r = api(method, path, {"utility_name": "x"}, token=self.writer)
            assert_error(self, r, 405)
            self.assertIn("GET", r.headers.get("allow", ""))
        self.assertEqual(len(self.get("%s%d/" % (INFO, uid))["details"]), 3)

    # utility-details.

    def details(self, params):
        return self.get(DETAILS + "?" + qs(params))

    def test_details_filters_and_search(self):
        uid, ids, tok = self.make()
        other, oids, _ = self.make()
        self.assertEqual([d["id"] for d in self.details(
            {"utility_master_id": uid})], ids)
        self.assertEqual([d["id"] for d in self.details(
            {"utility_master_id": uid, "type": "bkash"})], [ids[1]])
        self.assertEqual([d["id"] for d in self.details(
            {"utility_master_id": uid, "type": "bank,nagad"})],
            [ids[0], ids[2]])
        self.assertEqual([d["id"] for d in self.details(
            {"utility_master_id": uid, "is_active": "false"})], [ids[2]])
        self.assertEqual([d["id"] for d in self.details(
            {"utility_master_id": uid, "is_active": "true"})], ids[:2])
        # search: name (any case) and number.
        self.assertEqual([d["id"] for d in self.details(
            {"search": "BKASH MERCHANT " + tok.upper()})], [ids[1]])
        self.assertEqual([d["id"] for d in self.details(
            {"search": "01811" + tok[-6:]})], [ids[2]])
        self.assertEqual(self.details({"search": tok + "%"}), [])

    def test_details_ordering(self):
        uid, ids, _ = self.make()
        got = [d["type"] for d in self.details(
            {"utility_master_id": uid, "ordering": "-type"})]
        self.assertEqual(got, ["nagad", "bkash", "bank"])

    def test_bad_filters_are_400(self):
        for params, field in (({"type": "paypal"}, "type"),
                              ({"is_active": "maybe"}, "is_active"),
                              ({"utility_master_id": "abc"},
                               "utility_master_id"),
                              ({"utility_master_id": "987654321"},
                               "utility_master_id"),
                              ({"ordering": "number"}, "ordering"),
                              ({"limit": "0"}, "limit")):
            r = api("GET", DETAILS + "?" + qs(params), token=self.reader)
            assert_error(self, r, 400)
            self.assertIn(field, r.json.get("errors", {}), r)

    def test_unknown_detail_is_404(self):
        assert_error(self, api("GET", DETAILS + "987654321/",
                               token=self.reader), 404)

    # Permissions.

    def test_permissions(self):
        uid, ids, _ = self.make()
        for path in (INFO, "%s%d/" % (INFO, uid), DETAILS,
                     "%s%d/" % (DETAILS, ids[0])):
            assert_error(self, api("GET", path), 401)
            assert_error(self, api("GET", path, token=self.nobody), 403)
            self.get(path)


if __name__ == "__main__":
    main()
