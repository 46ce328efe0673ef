#!/usr/bin/env python3
"""API tests of POST /update_db (API.md §5, seed 003): the seed's JSON
import (its third row's Credit refused, not rounded), the upsert by
Compte, CSV bodies (RFC 4180 quoting with commas, quotes and line ends in
cells; CRLF; a byte order mark), malformed CSV, and the all-or-nothing
rule: a bad row anywhere, the last one included, writes nothing, as a
read-back shows."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientele_test import api, assert_error, main  # noqa: E402
from loyalty_lib import create_client, search, tag, token  # noqa: E402


def post_json(rows):
    return api("POST", "/update_db", {"clients": rows}, token=token())


def post_csv(text, content_type="text/csv"):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return api("POST", "/update_db", raw=raw, content_type=content_type,
               token=token())


class JsonImport(unittest.TestCase):
    def test_seed_example_refuses_the_third_credit(self):
        t = tag()
        rows = [
            {"Nom": "Eddison-18" + t, "Prenom": "Jean", "Credit": 0.0,
             "Paiement": 25, "Date_paiement": "2019-01-18", "Montant": 125,
             "Compte": "BKN1CST18" + t},
            {"Nom": "Sarkozy-51" + t, "Prenom": "Marc", "Credit": 0.0,
             "Paiement": 25, "Date_paiement": "2019-01-08", "Montant": 125,
             "Compte": "BKN1CST53" + t},
            {"Nom": "Eddison-53" + t, "Prenom": "Anne",
             "Credit": 154.62542724609375, "Paiement": 25,
             "Date_paiement": "2020-05-19", "Montant": 125}]
        r = post_json(rows)
        assert_error(self, r, 400, "validation_error")
        self.assertEqual(list(r.json["errors"]), ["clients[2].Credit"])
        self.assertEqual(search(self, t), [])
        rows[2]["Credit"] = 154.62
        r = post_json(rows)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"created": 3, "updated": 0})
        got = {c["Nom"]: c for c in search(self, t)}
        self.assertEqual(got["Eddison-53" + t]["Credit"], "154.62")
        self.assertEqual(got["Eddison-18" + t]["Montant"], 125)
        self.assertEqual(got["Eddison-18" + t]["Paiement"], 25)
        self.assertEqual(got["Eddison-18" + t]["Date_paiement"], "2019-01-18")
        self.assertIsNone(got["Eddison-53" + t]["Compte"])

    def test_upsert_by_compte(self):
        t = tag()
        r = post_json([{"Nom": "A" + t, "Compte": t, "Email": t + "@x.example",
                        "Age": 30, "Credit": "5.00"}])
        self.assertEqual(r.json, {"created": 1, "updated": 0})
        before = search(self, t)[0]
        r = post_json([{"Nom": "B" + t, "Compte": t, "Credit": "7.25"},
                       {"Nom": "C" + t}])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"created": 1, "updated": 1})
        after = {c["Compte"]: c for c in search(self, t)}[t]
        self.assertEqual(after["IdClient"], before["IdClient"])
        self.assertEqual(after["Nom"], "B" + t)
        self.assertEqual(after["Credit"], "7.25")
        # Fields the row does not give keep their stored values.
        self.assertEqual(after["Email"], t + "@x.example")
        self.assertEqual(after["Age"], 30)

    def test_upsert_matches_compte_as_the_database_compares(self):
        # The column's collation ignores case and trailing spaces: those
        # rows update the stored client rather than fail on its key.
        t = tag()
        r = post_json([{"Nom": "A" + t, "Compte": "é" + t},
                       {"Nom": "B" + t, "Compte": t}])
        self.assertEqual(r.json, {"created": 2, "updated": 0})
        r = post_json([{"Nom": "C" + t, "Compte": "É" + t.upper()},
                       {"Nom": "D" + t, "Compte": t + " "}])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"created": 0, "updated": 2})
        self.assertEqual(sorted(c["Nom"] for c in search(self, t)),
                         ["C" + t, "D" + t])

    def test_every_bad_row_is_named_and_nothing_written(self):
        t = tag()
        taken, body = create_client(self)
        rows = [{"Nom": "ok" + t},
                {"Nom": "s" + t, "Sexe": "x"},
                {"Nom": "a" + t, "Age": 200},
                {"Nom": "m" + t, "Email": "not-mail"},
                {"Nom": "p" + t, "Phone": "01abc"},
                {"Nom": "d" + t, "Date_paiement": "2020-02-30"},
                {"Nom": "c" + t, "Credit": "1.001"},
                {"Prenom": "no name" + t},
                "not an object",
                {"Nom": "dup" + t, "Compte": t},
                {"Nom": "dup2" + t, "Compte": t},
                {"Nom": "e" + t, "Email": body["mail"]}]
        r = post_json(rows)
        assert_error(self, r, 400, "validation_error")
        errors = r.json["errors"]
        for key in ("clients[1].Sexe", "clients[2].Age", "clients[3].Email",
                    "clients[4].Phone", "clients[5].Date_paiement",
                    "clients[6].Credit", "clients[7].Nom", "clients[8]",
                    "clients[10].Compte"):
            self.assertIn(key, errors)
        self.assertNotIn("clients[0].Nom", errors)
        self.assertEqual(search(self, t), [])
        # The taken email is found while writing: still nothing written.
        r = post_json([{"Nom": "ok" + t}, {"Nom": "e" + t, "Email": body["mail"]}])
        assert_error(self, r, 400, "validation_error")
        self.assertEqual(list(r.json["errors"]), ["clients[1].Email"])
        self.assertEqual(search(self, t), [])

    def test_bad_bodies(self):
        for body in ({}, {"clients": {}}, {"clients": "x"}):
            r = api("POST", "/update_db", body, token=token())
            assert_error(self, r, 400)
        r = api("POST", "/update_db", raw='{"clients": [', token=token())
        assert_error(self, r, 400, "invalid_json")
        r = api("POST", "/update_db", raw=b"", token=token())
        assert_error(self, r, 400)
        r = api("POST", "/update_db", raw="Nom\nx\n", content_type="text/plain",
                token=token())
        assert_error(self, r, 415)
        r = api("POST", "/update_db", raw="Nom\nx\n", content_type=None,
                token=token())
        assert_error(self, r, 415)
        r = api("POST", "/update_db", raw=b'{"clients":[{"Nom":"\xff"}]}',
                token=token())
        assert_error(self, r, 400, "invalid_json")

    def test_more_than_10000_rows_is_400(self):
        r = post_json([{"Nom": "x"}] * 10001)
        assert_error(self, r, 400, "validation_error")
        self.assertIn("clients", r.json["errors"])
        r = post_csv("Nom\n" + "x\n" * 10001)
        assert_error(self, r, 400, "validation_error")
        self.assertIn("rows", r.json["errors"])


class CsvImport(unittest.TestCase):
    def test_quoted_cells_with_commas_quotes_and_line_ends(self):
        t = tag()
        text = ('Nom,Prenom,Compte,Credit,Montant,Email,Age,Sexe,Phone\n'
                '"Dupont, Jr%s","Jean ""JJ""",%s,1.50,"1,5",,42,h,+33600000000\n'
                '"Martin%s","deux\nlignes",,0,,%s@x.example,,,\n') % (t, t, t, t)
        r = post_csv(text.replace("\"1,5\"", "1.5"))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"created": 2, "updated": 0})
        got = {c["Nom"]: c for c in search(self, t)}
        a = got["Dupont, Jr" + t]
        self.assertEqual(a["Prenom"], 'Jean "JJ"')
        self.assertEqual(a["Credit"], "1.50")
        self.assertEqual(a["Montant"], 1.5)
        self.assertEqual(a["Age"], 42)
        self.assertEqual(a["Sexe"], "h")
        self.assertEqual(a["Phone"], "+33600000000")
        self.assertIsNone(a["Email"])   # an empty cell is not given
        b = got["Martin" + t]
        self.assertEqual(b["Prenom"], "deux\nlignes")
        self.assertIsNone(b["Age"])
        self.assertIsNone(b["Compte"])

    def test_crlf_and_byte_order_mark(self):
        t = tag()
        text = "\ufeffNom,Compte\r\nA%s,%s\r\n\"B\r\n%s\",%sb\r\n" % (t, t, t, t)
        r = post_csv(text, content_type="text/csv; charset=utf-8")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"created": 2, "updated": 0})
        got = {c["Compte"]: c["Nom"] for c in search(self, t)}
        self.assertEqual(got, {t: "A" + t, t + "b": "B\r\n" + t})
        # Again: the same Comptes are updated.
        r = post_csv(text)
        self.assertEqual(r.json, {"created": 0, "updated": 2})

    def test_last_row_bad_writes_nothing(self):
        t = tag()
        rows = "".join("N%d%s,C%d%s,%d.00\n" % (i, t, i, t, i) for i in range(50))
        r = post_csv("Nom,Compte,Credit\n" + rows + "Last%s,L%s,154.62542724609375\n"
                     % (t, t))
        assert_error(self, r, 400, "validation_error")
        self.assertEqual(list(r.json["errors"]), ["rows[50].Credit"])
        self.assertEqual(search(self, t), [])

    def test_malformed_csv(self):
        t = tag()
        cases = [
            ('Nom,Compte\n"A%s,%s\n' % (t, t), "rows[0]"),           # unclosed
            ('Nom,Compte\nA%s"x",%s\n' % (t, t), "rows[0]"),          # stray quote
            ('Nom,Compte\n"A"x,%s\n' % t, "rows[0]"),                  # after quote
            ('Nom,Compte\nA%s,%s\nB%s,"%s\n' % (t, t, t, t), "rows[1]"),  # 2nd cell
            ('Nom,"Compte\nA%s,%s\n' % (t, t), "header"),
            ('Nom,Compte\nA%s,%s\nB%s,%s2,extra\n' % (t, t, t, t), "rows[1]"),
            ('Nom,Compte\nA%s\n' % t, "rows[0]"),                      # too few
            ('Dupont%s,C%s\nA,B\n' % (t, t), "header"),                # no header
            ('Nom,Nom\nA%s,B\n' % t, "header"),
            ('', None),
            ('\ufeff', "header"),
        ]
        for text, key in cases:
            r = post_csv(text)
            assert_error(self, r, 400)
            if key:
                self.assertIn(key, r.json.get("errors", {}), (text, r))
        r = post_csv(b"Nom\n\xff\xfe\n")
        assert_error(self, r, 400, "validation_error")
        self.assertEqual(search(self, t), [])

    def test_csv_errors_name_rows_and_fields(self):
        t = tag()
        r = post_csv("Nom,Sexe,Age,Email,Phone\nA%s,x,131,nope,12a\n,,,,\n" % t)
        assert_error(self, r, 400, "validation_error")
        for key in ("rows[0].Sexe", "rows[0].Age", "rows[0].Email",
                    "rows[0].Phone", "rows[1].Nom"):
            self.assertIn(key, r.json["errors"])
        self.assertEqual(search(self, t), [])


if __name__ == "__main__":
    main()
