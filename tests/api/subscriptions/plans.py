#!/usr/bin/env python3
# clientele-test: exclusive
"""API tests of /plans and /plans/{id} (API.md §4, seed 001): listing and
reading for any user, writes for superusers, validation, pagination, and
DELETE refused while a plan has active subscriptions. Each test makes its
own plans (a uuid in every name) and users, so none depends on another or
on the demo plans."""
import os
import sys
import tempfile
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, ctl, main  # noqa: E402
from accounts import access_token, create_user  # noqa: E402

PLAN_KEYS = {"id", "name", "amount", "payment_cycle", "total_valid_months",
             "is_cancellable"}


def unique(prefix="Plan"):
    return "%s %s" % (prefix, uuid.uuid4().hex[:12])


class PlansTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin = access_token(create_user(superuser=True))
        cls.user = access_token(create_user())

    def create(self, **fields):
        """Creates a plan as superuser; returns its JSON."""
        body = {"name": unique(), "amount": "500.00"}
        body.update(fields)
        r = api("POST", "/plans/", body, token=self.admin)
        self.assertEqual(r.status, 201, r)
        return r.json

    def assert_field_error(self, r, *fields):
        assert_error(self, r, 400, "validation_error")
        for f in fields:
            self.assertIn(f, r.json.get("errors", {}), r)

    # -- reading ------------------------------------------------------

    def test_show_returns_the_plan_in_seed_shape(self):
        p = self.create(amount=1200, is_cancellable=True)
        r = api("GET", "/plans/%d/" % p["id"], token=self.user)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(set(r.json), PLAN_KEYS)
        self.assertEqual(r.json, p)
        self.assertEqual(r.json["amount"], "1200.00")

    def test_show_works_without_trailing_slash(self):
        p = self.create()
        r = api("GET", "/plans/%d" % p["id"], token=self.user)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["id"], p["id"])

    def test_show_unknown_plan_is_404(self):
        p = self.create()
        api("DELETE", "/plans/%d" % p["id"], token=self.admin)
        assert_error(self, api("GET", "/plans/%d" % p["id"], token=self.user),
                     404, "not_found")

    def test_show_non_integer_id_is_404(self):
        for bad in ("abc", "1.5", "-1", "0", "1e3", "%20"):
            assert_error(self, api("GET", "/plans/%s" % bad, token=self.user),
                         404)

    def test_reads_need_credentials(self):
        p = self.create()
        for path in ("/plans/", "/plans/%d/" % p["id"]):
            r = api("GET", path)
            assert_error(self, r, 401)
            self.assertIn("www-authenticate", r.headers)
        assert_error(self, api("GET", "/plans/", token="not.a.jwt"), 401)

    def test_list_is_a_page_envelope_ordered_by_id(self):
        mine = [self.create()["id"] for _ in range(2)]
        r = api("GET", "/plans/?page_size=100", token=self.user)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(set(r.json), {"count", "next", "previous", "results"})
        self.assertIsNone(r.json["previous"])
        self.assertGreaterEqual(r.json["count"], 2)
        ids = [p["id"] for p in r.json["results"]]
        self.assertEqual(ids, sorted(ids))
        for p in r.json["results"]:
            self.assertEqual(set(p), PLAN_KEYS)
            self.assertRegex(p["amount"], r"^\d+\.\d\d$")
        if r.json["count"] <= 100:
            self.assertIsNone(r.json["next"])
            self.assertTrue(set(mine) <= set(ids))

    def test_list_links_are_absolute_and_walk_the_pages(self):
        for _ in range(3):
            self.create()
        r = api("GET", "/plans/?page_size=1&x=a%20b", token=self.user)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(len(r.json["results"]), 1)
        self.assertIsNone(r.json["previous"])
        nxt = r.json["next"]
        self.assertRegex(nxt, r"^https?://[^/]+/api/v1/plans/?\?")
        self.assertIn("page=2", nxt)
        self.assertIn("page_size=1", nxt)
        self.assertIn("x=a%20b", nxt)
        r2 = api("GET", nxt, token=self.user)
        self.assertEqual(r2.status, 200, r2)
        self.assertGreater(r2.json["results"][0]["id"],
                           r.json["results"][0]["id"])
        prev = r2.json["previous"]
        self.assertRegex(prev, r"^https?://[^/]+/api/v1/plans/?\?")
        self.assertNotIn("page=", prev.replace("page_size=", ""))
        r1 = api("GET", prev, token=self.user)
        self.assertEqual(r1.json["results"], r.json["results"])

    def load_sql(self, sql):
        with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
            f.write(sql)
        self.addCleanup(os.unlink, f.name)
        ctl("load", f.name)

    def count(self):
        r = api("GET", "/plans/?page_size=1", token=self.user)
        self.assertEqual(r.status, 200, r)
        return r.json["count"]

    def test_deep_pages_and_the_maintained_count(self):
        # Pages from offset 200 on are read after the count, from the
        # nearer end in reverse order (src/core/listing.c), and the
        # unfiltered count is a counter triggers keep (sql/0061): walking
        # every page must give each plan once, in id order, with a count
        # that follows inserts and deletes made outside the API.
        tag = uuid.uuid4().hex[:10]
        before = self.count()
        n = 1250
        self.load_sql("INSERT INTO plans (name, amount) SELECT "
                      "CONCAT('deep %s ', seq), 100 FROM seq_1_to_%d;\n" % (tag, n))
        self.addCleanup(self.load_sql, "DELETE FROM plans WHERE name LIKE "
                        "'deep %s %%';\n" % tag)
        total = self.count()
        self.assertEqual(total, before + n)
        ids, names, page = [], [], 1
        while True:
            r = api("GET", "/plans/?page_size=100&page=%d" % page, token=self.user)
            self.assertEqual(r.status, 200, (page, r))
            self.assertEqual(r.json["count"], total, page)
            ids += [p["id"] for p in r.json["results"]]
            names += [p["name"] for p in r.json["results"]]
            if r.json["next"] is None:
                break
            page += 1
        self.assertGreater(page, 11)  # offsets past 200 were read, both ways
        self.assertEqual(len(ids), total)
        self.assertEqual(ids, sorted(set(ids)))
        mine = [x for x in names if x.startswith("deep %s " % tag)]
        self.assertEqual(sorted(mine, key=lambda x: int(x.split()[-1])),
                         ["deep %s %d" % (tag, i) for i in range(1, n + 1)])
        # The last page, alone: what the walk found at its end.
        last = api("GET", "/plans/?page_size=100&page=%d" % page, token=self.user)
        self.assertEqual([p["id"] for p in last.json["results"]],
                         ids[(page - 1) * 100:])
        # Past the end: 404, as before.
        assert_error(self, api("GET", "/plans/?page_size=100&page=%d" % (page + 1),
                               token=self.user), 404)
        self.load_sql("DELETE FROM plans WHERE name = 'deep %s 7';\n" % tag)
        self.assertEqual(self.count(), total - 1)

    def test_list_caps_page_size_at_100(self):
        r = api("GET", "/plans/?page_size=1000", token=self.user)
        self.assertEqual(r.status, 200, r)
        self.assertLessEqual(len(r.json["results"]), 100)

    def test_list_bad_page_parameters(self):
        for q in ("page=0", "page=abc", "page=-1", "page_size=0",
                  "page_size=x"):
            assert_error(self, api("GET", "/plans/?" + q, token=self.user),
                         400, "validation_error")
        assert_error(self, api("GET", "/plans/?page=1000000", token=self.user),
                     404)

    # -- creating -----------------------------------------------------

    def test_create_seed_body_gets_defaults(self):
        name = unique("Globalnet Gold")
        r = api("POST", "/plans/", {"name": name, "amount": 1200,
                                    "is_cancellable": True}, token=self.admin)
        self.assertEqual(r.status, 201, r)
        self.assertIsInstance(r.json["id"], int)
        self.assertEqual(r.json, {"id": r.json["id"], "name": name,
                                  "amount": "1200.00", "payment_cycle": 30,
                                  "total_valid_months": 12,
                                  "is_cancellable": True})
        r = api("POST", "/plans", {"name": unique(), "amount": "500"},
                token=self.admin)
        self.assertEqual(r.status, 201, r)
        self.assertFalse(r.json["is_cancellable"])

    def test_create_takes_every_field(self):
        p = self.create(amount="750.5", payment_cycle=7, total_valid_months=120,
                        is_cancellable=True)
        self.assertEqual((p["amount"], p["payment_cycle"],
                          p["total_valid_months"], p["is_cancellable"]),
                         ("750.50", 7, 120, True))
        self.assertEqual(self.create(amount=0.01)["amount"], "0.01")
        self.assertEqual(self.create(amount=19.99)["amount"], "19.99")
        self.assertEqual(self.create(amount="999999999999.99")["amount"],
                         "999999999999.99")

    def test_create_ignores_id_and_unknown_fields(self):
        r = api("POST", "/plans/", {"name": unique(), "amount": 5,
                                    "id": 987654321, "created_at": "x",
                                    "colour": "red"}, token=self.admin)
        self.assertEqual(r.status, 201, r)
        self.assertNotEqual(r.json["id"], 987654321)
        self.assertEqual(set(r.json), PLAN_KEYS)

    def test_create_needs_a_superuser(self):
        name = unique()
        r = api("POST", "/plans/", {"name": name, "amount": 5},
                token=self.user)
        assert_error(self, r, 403, "permission_denied")
        assert_error(self, api("POST", "/plans/", {"name": name, "amount": 5}),
                     401)
        # Nothing was written: the name is still free.
        self.create(name=name)

    def test_create_missing_name_and_amount(self):
        r = api("POST", "/plans/", {}, token=self.admin)
        self.assert_field_error(r, "name", "amount")
        self.assertEqual(r.json["errors"]["name"], ["This field is required."])

    def test_create_blank_or_long_name(self):
        self.assert_field_error(api("POST", "/plans/", {
            "name": "", "amount": 5}, token=self.admin), "name")
        self.assert_field_error(api("POST", "/plans/", {
            "name": "x" * 101, "amount": 5}, token=self.admin), "name")
        self.create(name=unique("x" * 80))

    def test_create_duplicate_name(self):
        p = self.create()
        r = api("POST", "/plans/", {"name": p["name"], "amount": 5},
                token=self.admin)
        self.assert_field_error(r, "name")
        self.assertEqual(r.json["errors"]["name"],
                         ["plan with this name already exists."])

    def test_create_amount_must_be_positive_money(self):
        for bad in (-5, 0, "0.00", "-1.00", "12.345", "abc", "", "1e3",
                    True, None, [5], {"v": 5}, 1e13):
            r = api("POST", "/plans/", {"name": unique(), "amount": bad},
                    token=self.admin)
            self.assert_field_error(r, "amount")

    def test_create_wrong_types(self):
        r = api("POST", "/plans/", {"name": 5, "amount": "abc",
                                    "payment_cycle": "x",
                                    "total_valid_months": 1.5,
                                    "is_cancellable": "yes"},
                token=self.admin)
        self.assert_field_error(r, "name", "amount", "payment_cycle",
                                "total_valid_months", "is_cancellable")

    def test_create_ranges(self):
        for field, bad, good in (("payment_cycle", (0, 366, -1), (1, 365)),
                                 ("total_valid_months", (0, 121), (1, 120))):
            for v in bad:
                r = api("POST", "/plans/", {"name": unique(), "amount": 5,
                                            field: v}, token=self.admin)
                self.assert_field_error(r, field)
            for v in good:
                self.assertEqual(self.create(**{field: v})[field], v)

    def test_create_refuses_bodies_that_are_not_json_objects(self):
        r = api("POST", "/plans/", raw="{not json", token=self.admin)
        assert_error(self, r, 400)
        r = api("POST", "/plans/", [{"name": unique(), "amount": 5}],
                token=self.admin)
        assert_error(self, r, 400)
        r = api("POST", "/plans/", raw='{"name":"x","amount":5}',
                content_type="text/plain", token=self.admin)
        assert_error(self, r, 415)

    def test_wrong_method_is_405_with_allow(self):
        r = api("DELETE", "/plans/", token=self.admin)
        assert_error(self, r, 405)
        allow = r.headers.get("allow", "")
        self.assertIn("GET", allow)
        self.assertIn("POST", allow)

    # -- updating -----------------------------------------------------

    def test_put_replaces_the_plan(self):
        p = self.create(amount=1200, is_cancellable=True)
        name = unique("Renamed")
        r = api("PUT", "/plans/%d" % p["id"], {
            "name": name, "amount": 1500, "payment_cycle": 15,
            "total_valid_months": 6, "is_cancellable": False},
            token=self.admin)
        self.assertEqual(r.status, 200, r)
        want = {"id": p["id"], "name": name, "amount": "1500.00",
                "payment_cycle": 15, "total_valid_months": 6,
                "is_cancellable": False}
        self.assertEqual(r.json, want)
        self.assertEqual(api("GET", "/plans/%d" % p["id"],
                             token=self.user).json, want)

    def test_put_needs_the_required_fields(self):
        p = self.create()
        r = api("PUT", "/plans/%d/" % p["id"], {"amount": 5}, token=self.admin)
        self.assert_field_error(r, "name")
        self.assertEqual(api("GET", "/plans/%d" % p["id"],
                             token=self.user).json, p)

    def test_put_keeps_optional_fields_left_out(self):
        p = self.create(payment_cycle=15, is_cancellable=True)
        r = api("PUT", "/plans/%d/" % p["id"], {"name": p["name"],
                                                "amount": "1500"},
                token=self.admin)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["payment_cycle"], 15)
        self.assertTrue(r.json["is_cancellable"])
        self.assertEqual(r.json["amount"], "1500.00")

    def test_patch_changes_only_given_fields(self):
        p = self.create(amount=1200, is_cancellable=True)
        r = api("PATCH", "/plans/%d/" % p["id"], {"amount": 1500},
                token=self.admin)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, dict(p, amount="1500.00"))
        r = api("PATCH", "/plans/%d/" % p["id"], {}, token=self.admin)
        self.assertEqual(r.json, dict(p, amount="1500.00"))

    def test_patch_validates_what_is_given(self):
        p = self.create()
        r = api("PATCH", "/plans/%d" % p["id"], {"amount": -1,
                                                 "payment_cycle": 0},
                token=self.admin)
        self.assert_field_error(r, "amount", "payment_cycle")
        self.assertNotIn("name", r.json["errors"])
        self.assertEqual(api("GET", "/plans/%d" % p["id"],
                             token=self.user).json, p)

    def test_update_to_a_taken_name(self):
        a, b = self.create(), self.create()
        for method in ("PUT", "PATCH"):
            r = api(method, "/plans/%d" % b["id"], {"name": a["name"],
                                                    "amount": 5},
                    token=self.admin)
            self.assert_field_error(r, "name")
        # Keeping one's own name is not a conflict.
        r = api("PATCH", "/plans/%d" % a["id"], {"name": a["name"]},
                token=self.admin)
        self.assertEqual(r.status, 200, r)

    def test_update_ignores_id(self):
        p = self.create()
        r = api("PATCH", "/plans/%d" % p["id"], {"id": p["id"] + 1000},
                token=self.admin)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["id"], p["id"])

    def test_update_unknown_plan_is_404(self):
        for method in ("PUT", "PATCH"):
            r = api(method, "/plans/999999999", {"name": unique(),
                                                 "amount": 5},
                    token=self.admin)
            assert_error(self, r, 404, "not_found")
            assert_error(self, api(method, "/plans/abc", {"amount": 5},
                                   token=self.admin), 404)

    def test_writes_need_a_superuser(self):
        p = self.create()
        for method, body in (("PUT", {"name": unique(), "amount": 1}),
                             ("PATCH", {"amount": 1}), ("DELETE", None)):
            r = api(method, "/plans/%d" % p["id"], body, token=self.user)
            assert_error(self, r, 403, "permission_denied")
            assert_error(self, api(method, "/plans/%d" % p["id"], body), 401)
        self.assertEqual(api("GET", "/plans/%d" % p["id"],
                             token=self.user).json, p)

    # -- deleting -----------------------------------------------------

    def test_delete_removes_the_plan(self):
        p = self.create()
        r = api("DELETE", "/plans/%d/" % p["id"], token=self.admin)
        self.assertEqual(r.status, 204, r)
        self.assertEqual(r.body, b"")
        assert_error(self, api("GET", "/plans/%d" % p["id"], token=self.user),
                     404)
        assert_error(self, api("DELETE", "/plans/%d" % p["id"],
                               token=self.admin), 404)
        # The name is free again.
        self.create(name=p["name"])

    def test_delete_refused_while_subscriptions_are_active(self):
        p = self.create(is_cancellable=True)
        buyer = access_token(create_user())
        r = api("POST", "/purchase-plan/", {"plan": p["id"]}, token=buyer)
        self.assertEqual(r.status, 201, r)
        sub = r.json["data"]["id"]
        assert_error(self, api("DELETE", "/plans/%d" % p["id"],
                               token=self.admin), 409, "plan_in_use")
        self.assertEqual(api("GET", "/plans/%d" % p["id"],
                             token=self.user).status, 200)
        r = api("POST", "/cancel-plan/%d/" % sub, token=buyer)
        self.assertEqual(r.status, 201, r)
        r = api("DELETE", "/plans/%d" % p["id"], token=self.admin)
        self.assertEqual(r.status, 204, r)
        # The cancelled subscription keeps what was bought.
        mine = api("GET", "/my-plans/", token=buyer).json["results"]
        self.assertEqual(len(mine), 1)
        self.assertIsNone(mine[0]["plan_id"])
        self.assertEqual(mine[0]["plan_name"], p["name"])
        self.assertEqual(mine[0]["plan_amount"], 500)


if __name__ == "__main__":
    main()
