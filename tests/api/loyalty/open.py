#!/usr/bin/env python3
# clientele-test: exclusive
"""API test of [loyalty] open (API.md §5, §9): with open = true every
loyalty route is served without credentials, as seed 003's were; set
back to false, they need them again. The test edits the stack's
clientele.conf and reloads the pool (SIGHUP), then restores both."""
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import (api, assert_error, conf_set, env, main,  # noqa: E402
                            reload_pool)


class Open(unittest.TestCase):
    def test_open_serves_without_credentials(self):
        conf = env("CLIENTELE_CONF")
        with open(conf, encoding="utf-8") as f:
            original = f.read()
        self.assertIn("[loyalty]", original)
        self.addCleanup(reload_pool, original)
        reload_pool(conf_set(original, "loyalty", "open", "true"))

        r = api("GET", "/data")
        self.assertEqual(r.status, 200, r)
        self.assertIsInstance(r.json, list)
        t = "open" + uuid.uuid4().hex[:12]
        r = api("POST", "/create_customer", {
            "name": t, "last_name": t, "sexe": "h", "age": 30,
            "mail": t + "@mail.example", "phone": "0102030405"})
        self.assertEqual(r.status, 200, r)
        id_client = r.json["idClient"]
        r = api("GET", "/data/" + id_client)
        self.assertEqual(r.status, 200, r)
        r = api("POST", "/cards", {"idClient": id_client})
        self.assertEqual(r.status, 201, r)
        card = r.json["carteFid"]
        r = api("POST", "/credit", {"Tickets": [{"carteFid": card, "Montant": 26}]})
        self.assertEqual(r.json, {"Tickets": [{"carteFid": card, "Credit": 13}]})
        self.assertEqual(api("GET", "/credit/%d" % card).json["Credit"], 13)
        r = api("POST", "/update_db", raw="Nom,Compte\n%s,%s\n" % (t, t),
                content_type="text/csv")
        self.assertEqual(r.json, {"created": 1, "updated": 0})
        r = api("GET", "/get_tickets")
        self.assertEqual(r.status, 200, r)
        # Other modules keep their rules.
        assert_error(self, api("GET", "/customers/kam"), 401)

        reload_pool(conf_set(original, "loyalty", "open", "false"))
        assert_error(self, api("GET", "/data"), 401)
        assert_error(self, api("GET", "/data/" + id_client), 401)


if __name__ == "__main__":
    main()
