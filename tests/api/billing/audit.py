#!/usr/bin/env python3
"""The audit log of billing customers (API.md §6): every create, update and
delete of a customer writes one audit_log row in the same transaction, with
who did it and the customer's JSON before and after, as the API renders it;
a refused write leaves none. The rows are read back with
`clientelectl audit list --table billing_customers --id ID` (one JSON
object per line, oldest first). Each test makes its own customers and
users, and looks only at the rows of its own customers."""
import json
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, ctl, main  # noqa: E402
from accounts import access_token, create_user  # noqa: E402

TABLE = "billing_customers"
LIST = "/customers/customers/"
AUDIT_KEYS = {"id", "table", "row_id", "action", "user_id", "created_at",
              "before", "after"}
DATETIME = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"
# At most this many ids are looked at between two customers of one test
# (other tests may create customers meanwhile).
MAX_GAP = 500


def token():
    return "audtok" + uuid.uuid4().hex[:12]


def item(cid):
    return "%s%d/" % (LIST, cid)


class AuditTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.writer_user = create_user(perms=["customers:read",
                                             "customers:update"])
        cls.writer = access_token(cls.writer_user)
        cls.writer2_user = create_user(perms=["customers:read",
                                              "customers:update"])
        cls.writer2 = access_token(cls.writer2_user)
        cls.reader = access_token(create_user(perms=["customers:read"]))

    def audit(self, row_id):
        """The audit rows of customer row_id, oldest first, each checked
        for its shape."""
        p = ctl("audit", "list", "--table", TABLE, "--id", str(row_id))
        rows = []
        for line in p.stdout.splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            self.assertIsInstance(row, dict, line)
            self.assertEqual(set(row), AUDIT_KEYS, row)
            self.assertIsInstance(row["id"], int, row)
            self.assertEqual(row["table"], TABLE, row)
            self.assertEqual(row["row_id"], row_id, row)
            self.assertIn(row["action"], ("create", "update", "delete"), row)
            self.assertRegex(row["created_at"], DATETIME)
            rows.append(row)
        ids = [r["id"] for r in rows]
        self.assertEqual(ids, sorted(ids), "not oldest first")
        return rows

    def create(self, tok=None, who=None, **fields):
        body = {"customer_name": "Audited %s %s" % (
            tok or token(), uuid.uuid4().hex[:6]), "customer_type": "bw"}
        body.update(fields)
        r = api("POST", LIST, body, token=who or self.writer)
        self.assertEqual(r.status, 201, r)
        return r.json

    def show(self, cid):
        r = api("GET", item(cid), token=self.reader)
        self.assertEqual(r.status, 200, r)
        return r.json

    def assert_no_row_names(self, low, high, name):
        """No audit row of a customer with an id in (low, high) mentions
        customer_name name: a refused create wrote nothing."""
        self.assertLess(high - low, MAX_GAP, "too many customers in between")
        for cid in range(low + 1, high):
            for row in self.audit(cid):
                for side in (row["before"], row["after"]):
                    self.assertNotEqual((side or {}).get("customer_name"),
                                        name, row)

    def test_create_writes_one_create_row(self):
        c = self.create(company_name="Logged Ltd")
        rows = self.audit(c["id"])
        self.assertEqual(len(rows), 1, rows)
        row = rows[0]
        self.assertEqual(row["action"], "create")
        self.assertEqual(row["user_id"], self.writer_user["id"])
        self.assertIsNone(row["before"])
        self.assertEqual(row["after"]["customer_name"], c["customer_name"])
        self.assertEqual(row["after"], c)

    def test_patch_writes_an_update_row_with_before_and_after(self):
        c = self.create(status="active")
        r = api("PATCH", item(c["id"]), {"status": "suspended"},
                token=self.writer2)
        self.assertEqual(r.status, 200, r)
        rows = self.audit(c["id"])
        self.assertEqual([x["action"] for x in rows], ["create", "update"])
        row = rows[1]
        self.assertEqual(row["user_id"], self.writer2_user["id"])
        self.assertEqual(row["before"]["status"], "active")
        self.assertEqual(row["after"]["status"], "suspended")
        self.assertEqual(row["before"], c)
        self.assertEqual(row["after"], r.json)
        self.assertGreater(row["id"], rows[0]["id"])

    def test_put_writes_an_update_row(self):
        tok = token()
        c = self.create(tok)
        name = "Replaced " + tok
        r = api("PUT", item(c["id"]), {"customer_name": name,
                                       "customer_type": "soho"},
                token=self.writer)
        self.assertEqual(r.status, 200, r)
        rows = self.audit(c["id"])
        self.assertEqual([x["action"] for x in rows], ["create", "update"])
        self.assertEqual(rows[1]["user_id"], self.writer_user["id"])
        self.assertEqual((rows[1]["before"]["customer_name"],
                          rows[1]["before"]["customer_type"]),
                         (c["customer_name"], "bw"))
        self.assertEqual((rows[1]["after"]["customer_name"],
                          rows[1]["after"]["customer_type"]), (name, "soho"))

    def test_delete_writes_a_delete_row(self):
        c = self.create()
        r = api("PATCH", item(c["id"]), {"contact_person": "Jane"},
                token=self.writer)
        self.assertEqual(r.status, 200, r)
        last = r.json
        r = api("DELETE", item(c["id"]), token=self.writer2)
        self.assertEqual(r.status, 204, r)
        rows = self.audit(c["id"])
        self.assertEqual([x["action"] for x in rows],
                         ["create", "update", "delete"])
        row = rows[2]
        self.assertEqual(row["user_id"], self.writer2_user["id"])
        self.assertIsNone(row["after"])
        self.assertEqual(row["before"], last)

    def test_rows_chain_oldest_first(self):
        c = self.create()
        for status in ("inactive", "suspended", "active"):
            r = api("PATCH", item(c["id"]), {"status": status},
                    token=self.writer)
            self.assertEqual(r.status, 200, r)
        self.assertEqual(api("DELETE", item(c["id"]),
                             token=self.writer).status, 204)
        rows = self.audit(c["id"])
        self.assertEqual([x["action"] for x in rows],
                         ["create", "update", "update", "update", "delete"])
        self.assertEqual([x["after"]["status"] for x in rows[1:4]],
                         ["inactive", "suspended", "active"])
        for older, newer in zip(rows, rows[1:]):
            self.assertEqual(older["after"], newer["before"])
            self.assertLessEqual(older["created_at"], newer["created_at"])

    def test_refused_updates_and_deletes_write_no_row(self):
        a = self.create(customer_number="CN-" + uuid.uuid4().hex[:12])
        b = self.create(customer_number="CN-" + uuid.uuid4().hex[:12])
        before = self.audit(b["id"])
        self.assertEqual(len(before), 1)
        refused = (
            ("PATCH", {"customer_number": a["customer_number"]}, self.writer,
             400),
            ("PUT", {"customer_name": b["customer_name"],
                     "customer_type": "bw",
                     "customer_number": a["customer_number"]}, self.writer,
             400),
            ("PATCH", {"status": "gone"}, self.writer, 400),
            ("PATCH", {"kam_id": 999999999}, self.writer, 400),
            ("PATCH", {"customer_name": ""}, self.writer, 400),
            ("PUT", {"company_name": "no required fields"}, self.writer, 400),
            ("PATCH", {"status": "inactive"}, self.reader, 403),
            ("DELETE", None, self.reader, 403),
            ("PATCH", {"status": "inactive"}, None, 401),
        )
        for method, body, who, status in refused:
            r = api(method, item(b["id"]), body, token=who)
            assert_error(self, r, status)
        r = api("PATCH", item(b["id"]), raw='{"status": "inactive",',
                token=self.writer)
        assert_error(self, r, 400)
        r = api("PATCH", item(b["id"]), raw='{"status": "inactive"}',
                content_type="text/plain", token=self.writer)
        assert_error(self, r, 415)
        self.assertEqual(self.audit(b["id"]), before)
        self.assertEqual(self.show(b["id"]), b)

    def test_refused_creates_write_no_row(self):
        number = "CN-" + uuid.uuid4().hex[:12]
        first = self.create(customer_number=number)
        tok = token()
        dup = "Duplicate " + tok
        r = api("POST", LIST, {"customer_name": dup, "customer_type": "bw",
                               "customer_number": number}, token=self.writer)
        assert_error(self, r, 400, "validation_error")
        bad = "Invalid " + tok
        r = api("POST", LIST, {"customer_name": bad, "customer_type": "x"},
                token=self.writer)
        assert_error(self, r, 400, "validation_error")
        orphan = "Orphan " + tok
        r = api("POST", LIST, {"customer_name": orphan, "customer_type": "bw",
                               "kam_id": 999999999}, token=self.writer)
        assert_error(self, r, 400, "validation_error")
        denied = "Denied " + tok
        r = api("POST", LIST, {"customer_name": denied, "customer_type": "bw"},
                token=self.reader)
        assert_error(self, r, 403)
        last = self.create()
        for name in (dup, bad, orphan, denied):
            self.assert_no_row_names(first["id"], last["id"], name)
        # The duplicate number still belongs to first alone.
        self.assertEqual(len(self.audit(first["id"])), 1)

    def test_refused_delete_of_an_unknown_customer_writes_no_row(self):
        c = self.create()
        self.assertEqual(api("DELETE", item(c["id"]),
                             token=self.writer).status, 204)
        assert_error(self, api("DELETE", item(c["id"]), token=self.writer),
                     404)
        self.assertEqual([x["action"] for x in self.audit(c["id"])],
                         ["create", "delete"])


if __name__ == "__main__":
    main()
