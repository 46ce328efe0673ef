#!/usr/bin/env python3
"""API tests of the loyalty clients (API.md §5, seed 003): GET /data and
its ?search=, GET /data/{IdClient}, POST /data and POST /data/{anything}
by email, POST /create_customer and its rules, POST /cards, and who may
call them (loyalty:read, loyalty:write). Each test makes its own clients
with a unique tag in names and emails."""
import os
import re
import sys
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientele_test import api, assert_error, main  # noqa: E402
from loyalty_lib import (create_client, get_client, new_card, search,  # noqa: E402
                         tag, token)

CLIENT_KEYS = {"id", "IdClient", "Nom", "Prenom", "Credit", "Date_paiement",
               "Montant", "Paiement", "NbRefus", "Compte", "Age", "Sexe",
               "Email", "Phone", "PanierMoyen", "carteFid"}
UUID4 = r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"


class Clients(unittest.TestCase):
    def test_create_customer_maps_the_seed_fields(self):
        id_client, body = create_client(self)
        self.assertRegex(id_client, UUID4)
        c = get_client(self, id_client)
        self.assertEqual(set(c), CLIENT_KEYS)
        self.assertEqual(c["IdClient"], id_client)
        self.assertEqual(c["Prenom"], body["name"])
        self.assertEqual(c["Nom"], body["last_name"])
        self.assertEqual(c["Sexe"], "f")
        self.assertEqual(c["Age"], 23)
        self.assertEqual(c["Email"], body["mail"])
        self.assertEqual(c["Phone"], "+33638614907")
        self.assertEqual(c["Credit"], "0.00")  # a string on client records
        self.assertEqual(c["Montant"], 0)      # a number
        self.assertIsInstance(c["Montant"], (int, float))
        self.assertEqual(c["NbRefus"], 0)
        self.assertIsNone(c["carteFid"])
        self.assertIsNone(c["Compte"])

    def test_ids_are_random_uuids(self):
        a, _ = create_client(self)
        b, _ = create_client(self)
        self.assertNotEqual(a, b)
        # Not a counter: the two differ in more than their last digits.
        self.assertNotEqual(a[:8], b[:8])

    def test_create_customer_with_a_card(self):
        card = int(uuid.uuid4().int % 10**11) + 10**11
        id_client, _ = create_client(self, carteFid=card)
        self.assertEqual(get_client(self, id_client)["carteFid"], card)
        r = api("GET", "/credit/%d" % card, token=token())
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"carteFid": card, "Credit": 0})
        # The same card for another client: 400 on carteFid, no client.
        t = tag()
        r = api("POST", "/create_customer", {
            "name": t, "last_name": t, "sexe": "h", "age": 40,
            "mail": t + "@mail.example", "phone": "0102030405",
            "carteFid": card}, token=token())
        assert_error(self, r, 400, "validation_error")
        self.assertIn("carteFid", r.json["errors"])
        self.assertEqual(search(self, t), [])

    def test_list_is_a_plain_array_and_search_matches_names_and_email(self):
        id_client, body = create_client(self)
        t = body["mail"].split("@")[0]
        r = api("GET", "/data", token=token())
        self.assertEqual(r.status, 200, r)
        self.assertIsInstance(r.json, list)
        for text in (t, t.upper(), "Jon" + t, "Doe" + t[:6], body["mail"]):
            got = search(self, text)
            self.assertEqual([c["IdClient"] for c in got], [id_client], text)
        self.assertEqual(search(self, t + "zz"), [])
        # The trailing slash is optional (API.md §1).
        r = api("GET", "/data/?search=" + t, token=token())
        self.assertEqual([c["IdClient"] for c in r.json], [id_client])

    def test_search_wildcards_are_literal(self):
        create_client(self)
        self.assertEqual(search(self, "%25"), [])
        self.assertEqual(search(self, "_"), [])

    def test_show_unknown_or_not_a_uuid_is_404(self):
        for v in (str(uuid.uuid4()), "1", "not-a-uuid",
                  "a14e39ce-e29e-11e9-a8cb-08002751d19"):
            r = api("GET", "/data/" + v, token=token())
            assert_error(self, r, 404, "not_found")

    def test_by_email_on_both_paths(self):
        id_client, body = create_client(self)
        for path in ("/data", "/data/", "/data/" + id_client, "/data/anything"):
            r = api("POST", path, {"email": body["mail"].upper()},
                    token=token())
            self.assertEqual(r.status, 200, (path, r))
            self.assertEqual([c["IdClient"] for c in r.json], [id_client])

    def test_by_email_errors(self):
        r = api("POST", "/data", {"email": tag() + "@nowhere.example"},
                token=token())
        assert_error(self, r, 404, "not_found")
        r = api("POST", "/data", {}, token=token())
        assert_error(self, r, 400, "validation_error")
        self.assertIn("email", r.json["errors"])
        r = api("POST", "/data", {"email": "not an address"}, token=token())
        assert_error(self, r, 400, "validation_error")
        r = api("POST", "/data", raw="{", token=token())
        assert_error(self, r, 400, "invalid_json")
        r = api("POST", "/data", raw="email=x", token=token(),
                content_type="application/x-www-form-urlencoded")
        assert_error(self, r, 415)

    def test_create_customer_bad_input_writes_nothing(self):
        cases = [("sexe", "x"), ("sexe", "H"), ("age", 131), ("age", -1),
                 ("age", "old"), ("mail", "jon.doe"), ("mail", "a b@c.fr"),
                 ("phone", "06 38 61"), ("phone", "+33abc"),
                 ("phone", "++33638614907"), ("name", ""), ("last_name", None)]
        for field, value in cases:
            t = tag()
            body = {"name": t, "last_name": t, "sexe": "f", "age": 23,
                    "mail": t + "@mail.example", "phone": "+33638614907"}
            body[field] = value
            r = api("POST", "/create_customer", body, token=token())
            assert_error(self, r, 400, "validation_error")
            self.assertIn(field, r.json["errors"], (field, value, r))
            self.assertEqual(search(self, t), [], (field, value))
        for field in ("name", "last_name", "sexe", "age", "mail", "phone"):
            t = tag()
            body = {"name": t, "last_name": t, "sexe": "f", "age": 23,
                    "mail": t + "@mail.example", "phone": "+33638614907"}
            del body[field]
            r = api("POST", "/create_customer", body, token=token())
            assert_error(self, r, 400, "validation_error")
            self.assertIn(field, r.json["errors"])

    def test_mail_taken_is_400(self):
        _, body = create_client(self)
        again = dict(body, name="Other")
        r = api("POST", "/create_customer", dict(again, mail=body["mail"].upper()),
                token=token())
        assert_error(self, r, 400, "validation_error")
        self.assertIn("mail", r.json["errors"])
        self.assertEqual(len(search(self, body["mail"])), 1)

    def test_ids_and_totals_in_the_body_are_ignored(self):
        t = tag()
        r = api("POST", "/create_customer", {
            "name": t, "last_name": t, "sexe": "h", "age": 30,
            "mail": t + "@mail.example", "phone": "0102030405",
            "IdClient": "a14e39ce-e29e-11e9-a8cb-08002751d198",
            "Credit": "999.00", "NbRefus": 5}, token=token())
        self.assertEqual(r.status, 200, r)
        c = get_client(self, r.json["idClient"])
        self.assertNotEqual(c["IdClient"], "a14e39ce-e29e-11e9-a8cb-08002751d198")
        self.assertEqual(c["Credit"], "0.00")
        self.assertEqual(c["NbRefus"], 0)

    def test_cards_issue_one_per_client(self):
        id_client, _ = create_client(self)
        card = new_card(self, id_client)
        self.assertIsInstance(card, int)
        self.assertEqual(get_client(self, id_client)["carteFid"], card)
        r = api("POST", "/cards", {"idClient": id_client}, token=token())
        assert_error(self, r, 409)
        self.assertEqual(get_client(self, id_client)["carteFid"], card)
        other, _ = create_client(self)
        self.assertNotEqual(new_card(self, other), card)

    def test_cards_errors(self):
        r = api("POST", "/cards", {"idClient": str(uuid.uuid4())}, token=token())
        assert_error(self, r, 404, "not_found")
        r = api("POST", "/cards", {"idClient": "x" * 36}, token=token())
        assert_error(self, r, 400, "validation_error")
        self.assertIn("idClient", r.json["errors"])
        r = api("POST", "/cards", {}, token=token())
        assert_error(self, r, 400, "validation_error")

    def test_methods(self):
        r = api("DELETE", "/data", token=token())
        assert_error(self, r, 405)
        self.assertIn("GET", r.headers.get("allow", ""))
        r = api("GET", "/create_customer", token=token())
        assert_error(self, r, 405)


class Permissions(unittest.TestCase):
    """Reads need loyalty:read, writes loyalty:write (API.md §5); the
    stack runs with [loyalty] open = false (open.py tests true)."""

    READS = [("GET", "/data", None), ("GET", "/data/" + str(uuid.uuid4()), None),
             ("POST", "/data", {"email": "a@b.fr"}), ("GET", "/credit/1", None),
             ("GET", "/get_tickets", None)]
    WRITES = [("POST", "/create_customer", {}), ("POST", "/cards", {}),
              ("POST", "/credit", {}), ("POST", "/allow_credit", {}),
              ("POST", "/tickets", {}), ("POST", "/update_db", {"clients": []})]

    def test_no_credentials_is_401(self):
        for method, path, body in self.READS + self.WRITES:
            r = api(method, path, body)
            assert_error(self, r, 401)
            self.assertIn("www-authenticate", r.headers, path)

    def test_read_permission_reads_only(self):
        for method, path, body in self.READS:
            r = api(method, path, body, token=token("read"))
            self.assertNotIn(r.status, (401, 403), (path, r))
        for method, path, body in self.WRITES:
            r = api(method, path, body, token=token("read"))
            assert_error(self, r, 403, "permission_denied")

    def test_other_permissions_are_403(self):
        for method, path, body in self.READS + self.WRITES:
            r = api(method, path, body, token=token("none"))
            assert_error(self, r, 403, "permission_denied")


if __name__ == "__main__":
    main()
