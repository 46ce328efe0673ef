#!/usr/bin/env python3
"""API tests of the loyalty tickets (API.md §5, seed 003): POST /tickets
(prixApres, prix and pointsFidelite by the contract's formulas; the
client's Montant, Paiement, Date_paiement and PanierMoyen follow) and GET
/get_tickets (newest first, ?client=), with bad bodies changing
nothing."""
import os
import re
import sys
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientele_test import api, assert_error, main  # noqa: E402
from loyalty_lib import create_client, get_client, token  # noqa: E402

DATETIME = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"
SEED_ARTICLES = [
    {"codeProduit": "X1-0", "prixAvant": 800, "promo": 50, "quantity": 2},
    {"codeProduit": "X1-9", "prixAvant": 48, "promo": 50, "quantity": 1}]


def ticket(client, articles=None, **over):
    body = {"client": client, "modePaiement": "CASH", "origin": "e-commerce",
            "articles": articles or SEED_ARTICLES}
    body.update(over)
    return api("POST", "/tickets", body, token=token())


def tickets_of(client):
    r = api("GET", "/get_tickets?client=" + client, token=token())
    if r.status != 200:
        raise AssertionError(r)
    return r.json["tickets"]


class Tickets(unittest.TestCase):
    def test_seed_ticket_by_the_formulas(self):
        id_client, _ = create_client(self)
        r = ticket(id_client, date="2019-10-09T17:01:29.408701Z")
        self.assertEqual(r.status, 201, r)
        t = r.json
        self.assertEqual(t["date"], "2019-10-09T17:01:29.408701Z")
        self.assertEqual(t["client"], id_client)
        # 400 x 2 + 24 x 1: the formulas win over the seed's 424.
        self.assertEqual(t["prix"], 824)
        self.assertEqual(t["pointsFidelite"], 82)
        self.assertEqual(t["modePaiement"], "CASH")
        self.assertEqual(t["origin"], "e-commerce")
        self.assertEqual(t["articles"], [
            {"codeProduit": "X1-0", "prixAvant": 800, "prixApres": 400,
             "promo": 50, "quantity": 2},
            {"codeProduit": "X1-9", "prixAvant": 48, "prixApres": 24,
             "promo": 50, "quantity": 1}])
        self.assertEqual(tickets_of(id_client), [t])
        c = get_client(self, id_client)
        self.assertEqual(c["Montant"], 824)
        self.assertEqual(c["Paiement"], 824)
        self.assertEqual(c["Date_paiement"], "2019-10-09")
        self.assertEqual(c["PanierMoyen"], 824)

    def test_totals_average_and_newest_first(self):
        id_client, _ = create_client(self)
        a = ticket(id_client, [{"codeProduit": "A", "prixAvant": "9.99",
                                "promo": 0, "quantity": 1}],
                   date="2020-01-02T10:00:00Z").json
        b = ticket(id_client, [{"codeProduit": "B", "prixAvant": "3.33",
                                "promo": 33, "quantity": 3}],
                   date="2020-03-04T10:00:00.5Z", modePaiement="CARD",
                   origin="store").json
        self.assertEqual(a["pointsFidelite"], 0)          # floor(9.99 / 10)
        self.assertEqual(b["articles"][0]["prixApres"], 2.23)  # 2.2311
        self.assertEqual(b["prix"], 6.69)
        self.assertEqual(b["date"], "2020-03-04T10:00:00.500000Z")
        self.assertEqual([t["id"] for t in tickets_of(id_client)],
                         [b["id"], a["id"]])
        c = get_client(self, id_client)
        self.assertEqual(c["Montant"], 16.68)
        self.assertEqual(c["PanierMoyen"], 8.34)
        self.assertEqual(c["Paiement"], 6.69)
        self.assertEqual(c["Date_paiement"], "2020-03-04")
        # A ticket for an older date leaves the last payment alone.
        r = ticket(id_client, date="2019-05-05")
        self.assertEqual(r.status, 201, r)
        old = r.json
        self.assertEqual(old["date"], "2019-05-05T00:00:00.000000Z")
        c = get_client(self, id_client)
        self.assertEqual(c["Paiement"], 6.69)
        self.assertEqual(c["Date_paiement"], "2020-03-04")
        self.assertEqual(c["Montant"], 840.68)
        self.assertEqual([t["id"] for t in tickets_of(id_client)],
                         [b["id"], a["id"], old["id"]])

    def test_date_defaults_to_now_and_list_without_filter(self):
        id_client, _ = create_client(self)
        t = ticket(id_client).json
        self.assertRegex(t["date"], DATETIME)
        r = api("GET", "/get_tickets", token=token())
        self.assertEqual(r.status, 200, r)
        self.assertIn(t["id"], [x["id"] for x in r.json["tickets"]])
        r = api("GET", "/get_tickets?client=" + str(uuid.uuid4()), token=token())
        self.assertEqual(r.json, {"tickets": []})
        r = api("GET", "/get_tickets?client=nope", token=token())
        assert_error(self, r, 400, "validation_error")

    def test_bad_tickets_write_nothing(self):
        id_client, _ = create_client(self)
        art = SEED_ARTICLES[0]
        cases = [({"client": str(uuid.uuid4())}, "client"),
                 ({"client": "x"}, "client"),
                 ({"modePaiement": "BITCOIN"}, "modePaiement"),
                 ({"origin": "phone"}, "origin"),
                 ({"date": "2019-10-09 17:01"}, "date"),
                 ({"date": "2019-13-09T17:01:29Z"}, "date"),
                 ({"articles": []}, "articles"),
                 ({"articles": "x"}, "articles"),
                 ({"articles": [dict(art, promo=101)]}, "articles[0].promo"),
                 ({"articles": [dict(art, quantity=0)]}, "articles[0].quantity"),
                 ({"articles": [art, dict(art, prixAvant="1.234")]},
                  "articles[1].prixAvant"),
                 ({"articles": [dict(art, prixAvant=-1)]}, "articles[0].prixAvant"),
                 ({"articles": [{"prixAvant": 1, "quantity": 1}]},
                  "articles[0].codeProduit")]
        for over, field in cases:
            body = {"client": id_client, "modePaiement": "CASH",
                    "origin": "store", "articles": SEED_ARTICLES}
            body.update(over)
            r = api("POST", "/tickets", body, token=token())
            assert_error(self, r, 400, "validation_error")
            self.assertIn(field, r.json["errors"], (over, r))
        self.assertEqual(tickets_of(id_client), [])
        self.assertEqual(get_client(self, id_client)["Montant"], 0)


if __name__ == "__main__":
    main()
