#!/usr/bin/env python3
"""API tests of the loyalty credits (API.md §5, seed 003): POST /credit
(half of each ticket's Montant, new totals per card, all or nothing),
GET /credit/{carteFid}, concurrent credits to one card, and POST
/allow_credit's rules (age, NbRefus, an open scheduled credit)."""
import datetime
import os
import sys
import threading
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientele_test import api, assert_error, main  # noqa: E402
from loyalty_lib import create_client, get_client, new_card, tag, token  # noqa: E402


def credit(card):
    r = api("GET", "/credit/%d" % card, token=token())
    if r.status != 200:
        raise AssertionError(r)
    return r.json["Credit"]


def carded(tc, **over):
    id_client, _ = create_client(tc, **over)
    return id_client, new_card(tc, id_client)


def post(tickets):
    return api("POST", "/credit", {"Tickets": tickets}, token=token())


class Credit(unittest.TestCase):
    def test_seed_example_card_33_montant_26_credits_13(self):
        # The seed's own card number: made here unless a client (the
        # demo data) already holds it.
        r = api("GET", "/credit/33", token=token())
        if r.status == 404:
            create_client(self, carteFid=33)
        before = credit(33)
        r = post([{"carteFid": 33, "Montant": 26}])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"Tickets": [{"carteFid": 33,
                                               "Credit": before + 13}]})
        r = api("GET", "/credit/33", token=token())
        self.assertEqual(r.json, {"carteFid": 33, "Credit": before + 13})

    def test_two_cards_and_a_card_twice(self):
        a_id, a = carded(self)
        _, b = carded(self)
        r = post([{"carteFid": b, "Montant": 55}, {"carteFid": a, "Montant": 26},
                  {"carteFid": b, "Montant": "10.50"}])
        self.assertEqual(r.status, 200, r)
        # One entry per card, in the order the cards first appear.
        self.assertEqual(r.json["Tickets"], [
            {"carteFid": b, "Credit": 32.75}, {"carteFid": a, "Credit": 13}])
        self.assertEqual(get_client(self, a_id)["Credit"], "13.00")

    def test_rounding_half_up_to_the_cent(self):
        _, card = carded(self)
        for montant, total in (("0.01", 0.01), ("0.03", 0.03), ("0.05", 0.06),
                               (1, 0.56)):
            r = post([{"carteFid": card, "Montant": montant}])
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json["Tickets"][0]["Credit"], total, montant)

    def test_unknown_card_applies_nothing(self):
        _, card = carded(self)
        unknown = 900000000000 + uuid.uuid4().int % 10**9
        r = post([{"carteFid": card, "Montant": 10},
                  {"carteFid": unknown, "Montant": 10}])
        assert_error(self, r, 400, "validation_error")
        self.assertIn("Tickets[1].carteFid", r.json["errors"])
        self.assertEqual(credit(card), 0)

    def test_bad_montant_applies_nothing(self):
        _, card = carded(self)
        for bad in (0, -5, "0.00", "1.005", 154.62542724609375, "abc", None):
            r = post([{"carteFid": card, "Montant": 10},
                      {"carteFid": card, "Montant": bad}])
            assert_error(self, r, 400, "validation_error")
            self.assertIn("Tickets[1].Montant", r.json["errors"], bad)
        self.assertEqual(credit(card), 0)

    def test_bad_bodies(self):
        for body in ({}, {"Tickets": {}}, {"Tickets": []},
                     {"Tickets": [1]}, {"Tickets": [{"Montant": 1}]}):
            r = api("POST", "/credit", body, token=token())
            assert_error(self, r, 400)
        r = api("POST", "/credit", raw="[", token=token())
        assert_error(self, r, 400, "invalid_json")
        r = api("POST", "/credit", raw="a", token=token(), content_type="text/plain")
        assert_error(self, r, 415)

    def test_show_unknown_is_404(self):
        for v in ("999999999998", "abc", "0", "-1"):
            r = api("GET", "/credit/" + v, token=token())
            assert_error(self, r, 404, "not_found")

    def test_concurrent_credits_to_one_card_lose_nothing(self):
        _, card = carded(self)
        threads, per_thread = 8, 15
        failures = []

        def worker():
            for _ in range(per_thread):
                r = post([{"carteFid": card, "Montant": "0.02"}])
                if r.status != 200:
                    failures.append(r)

        ts = [threading.Thread(target=worker) for _ in range(threads)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(failures, [])
        # 120 credits of 0.01 each: exactly 1.20.
        self.assertEqual(credit(card), threads * per_thread * 0.01)

    def test_crossed_cards_at_once_do_not_deadlock(self):
        _, a = carded(self)
        _, b = carded(self)
        failures = []

        def worker(order):
            for _ in range(10):
                r = post([{"carteFid": order[0], "Montant": 2},
                          {"carteFid": order[1], "Montant": 2}])
                if r.status != 200:
                    failures.append(r)

        ts = [threading.Thread(target=worker, args=(o,))
              for o in ((a, b), (b, a), (a, b), (b, a))]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(failures, [])
        self.assertEqual(credit(a), 40)
        self.assertEqual(credit(b), 40)


def allow(id_client, montant=36000, date=None):
    date = date or (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    return api("POST", "/allow_credit",
               {"idClient": id_client, "Montant": montant, "Date": date},
               token=token())


class AllowCredit(unittest.TestCase):
    def test_adult_allowed_once_then_refused_while_open(self):
        id_client, _ = create_client(self, age=18)
        r = allow(id_client)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"idClient": id_client, "Allowed": True})
        self.assertEqual(get_client(self, id_client)["NbRefus"], 0)
        r = allow(id_client)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"idClient": id_client, "Allowed": False})
        self.assertEqual(get_client(self, id_client)["NbRefus"], 1)

    def test_a_credit_dated_today_is_open_one_in_the_past_is_not(self):
        id_client, _ = create_client(self, age=40)
        self.assertTrue(allow(id_client, date="2019-12-06").json["Allowed"])
        today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        self.assertTrue(allow(id_client, date=today).json["Allowed"])
        self.assertFalse(allow(id_client).json["Allowed"])

    def test_minor_refused_and_counted(self):
        id_client, _ = create_client(self, age=17)
        for n in (1, 2, 3):
            r = allow(id_client)
            self.assertEqual(r.json["Allowed"], False)
            self.assertEqual(get_client(self, id_client)["NbRefus"], n)

    def test_three_refusals_refuse_an_adult(self):
        t = tag()
        r = api("POST", "/update_db", {"clients": [
            {"Nom": t, "Compte": t, "Age": 30, "NbRefus": 3},
            {"Nom": t, "Compte": t + "b", "Age": 30, "NbRefus": 2}]},
            token=token())
        self.assertEqual(r.status, 200, r)
        got = {c["Compte"]: c for c in
               api("GET", "/data?search=" + t, token=token()).json}
        self.assertFalse(allow(got[t]["IdClient"]).json["Allowed"])
        self.assertEqual(get_client(self, got[t]["IdClient"])["NbRefus"], 4)
        self.assertTrue(allow(got[t + "b"]["IdClient"]).json["Allowed"])

    def test_unknown_age_is_refused(self):
        t = tag()
        r = api("POST", "/update_db", {"clients": [{"Nom": t, "Compte": t}]},
                token=token())
        self.assertEqual(r.status, 200, r)
        c = api("GET", "/data?search=" + t, token=token()).json[0]
        self.assertIsNone(c["Age"])
        self.assertFalse(allow(c["IdClient"]).json["Allowed"])

    def test_errors(self):
        assert_error(self, allow(str(uuid.uuid4())), 404, "not_found")
        id_client, _ = create_client(self, age=40)
        for body, field in (({"Montant": 1, "Date": "2030-01-01"}, "idClient"),
                            ({"idClient": "nope" * 9, "Montant": 1,
                              "Date": "2030-01-01"}, "idClient"),
                            ({"idClient": id_client, "Montant": "1.234",
                              "Date": "2030-01-01"}, "Montant"),
                            ({"idClient": id_client, "Montant": 0,
                              "Date": "2030-01-01"}, "Montant"),
                            ({"idClient": id_client, "Montant": 1,
                              "Date": "2030-02-30"}, "Date"),
                            ({"idClient": id_client, "Montant": 1}, "Date")):
            r = api("POST", "/allow_credit", body, token=token())
            assert_error(self, r, 400, "validation_error")
            self.assertIn(field, r.json["errors"])
        # None of that scheduled or refused anything.
        self.assertEqual(get_client(self, id_client)["NbRefus"], 0)
        self.assertTrue(allow(id_client).json["Allowed"])


if __name__ == "__main__":
    main()
