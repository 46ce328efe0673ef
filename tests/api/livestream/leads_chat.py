"""Module livestream (API.md §7): POST /leads (streamId wins over
organizationToken + vinId; neither: 400) and a stream's chat (1-2000
characters, counted as characters; oldest first; start/limit)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from live import (VIN, assert_error, live, make_org, request_stream,  # noqa: E402
                  sql)


def leads_of(org):
    return sql("SELECT COUNT(*) FROM live_leads WHERE organization_id = %d"
               % org["id"])[0][0]


class Leads(unittest.TestCase):
    def test_lead_of_a_stream(self):
        org = make_org()
        s = request_stream(org, vin="5YJ3E1EA7KF317000")
        r = live("POST", "/leads", {"streamId": s["id"], "email": "a@b.org",
                                    "firstName": "Hoa", "lastName": "Ng",
                                    "phone": "123", "comment": "call me"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["streamId"], s["id"])
        self.assertEqual(r.json["organizationId"], org["id"])
        self.assertEqual(r.json["vin"], "5YJ3E1EA7KF317000")
        self.assertEqual(r.json["status"], "requested")
        self.assertEqual(r.json["comment"], "call me")

    def test_stream_id_wins_over_token(self):
        org, other = make_org(), make_org()
        s = request_stream(org)
        r = live("POST", "/leads", {"streamId": s["id"],
                                    "organizationToken": other["token"],
                                    "vinId": "123", "email": "x@y.org"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["organizationId"], org["id"])
        self.assertEqual(r.json["vin"], VIN)
        self.assertEqual(leads_of(other), "0")

    def test_lead_by_token_and_vin(self):
        org = make_org()
        r = live("POST", "/leads", {"organizationToken": org["token"],
                                    "vinId": "123", "firstName": "T"})
        self.assertEqual(r.status, 201, r)
        self.assertIsNone(r.json["streamId"])
        self.assertEqual(r.json["vin"], "123")
        self.assertEqual(r.json["organizationId"], org["id"])

    def test_neither_is_400_unknown_is_404(self):
        org = make_org()
        assert_error(self, live("POST", "/leads", {"email": "a@b.org"}), 400)
        assert_error(self, live("POST", "/leads", {"organizationToken":
                                                   org["token"]}), 400)
        assert_error(self, live("POST", "/leads", {"streamId": "0" * 32}),
                     404)
        assert_error(self, live("POST", "/leads", {"organizationToken":
                                                   "nope-x", "vinId": "1"}),
                     404)
        assert_error(self, live("POST", "/leads", {"organizationToken":
                                                   org["token"], "vinId": "1",
                                                   "email": "bad"}), 400)
        self.assertEqual(leads_of(org), "0")


class Chat(unittest.TestCase):
    def test_messages_oldest_first_with_start_and_limit(self):
        s = request_stream(make_org())
        for i in range(12):
            r = live("POST", "/chat/" + s["id"], {"from": "42",
                                                   "message": "m%d" % i})
            self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["from"], "42")
        r = live("GET", "/chat/" + s["id"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["count"], 12)
        self.assertEqual([m["message"] for m in r.json["results"]],
                         ["m%d" % i for i in range(10)])
        r = live("GET", "/chat/%s?start=10&limit=5" % s["id"])
        self.assertEqual([m["message"] for m in r.json["results"]],
                         ["m10", "m11"])
        assert_error(self, live("GET", "/chat/%s?limit=101" % s["id"]), 400)
        assert_error(self, live("GET", "/chat/%s?start=-1" % s["id"]), 400)

    def test_message_length_counts_characters(self):
        s = request_stream(make_org())
        r = live("POST", "/chat/" + s["id"], {"from": "a",
                                               "message": "é" * 2000})
        self.assertEqual(r.status, 201, r)
        assert_error(self, live("POST", "/chat/" + s["id"],
                                {"from": "a", "message": "x" * 2001}), 400)
        assert_error(self, live("POST", "/chat/" + s["id"],
                                {"from": "a", "message": ""}), 400)
        assert_error(self, live("POST", "/chat/" + s["id"],
                                {"message": "hi"}), 400)
        self.assertEqual(sql("SELECT COUNT(*) FROM live_chat_messages WHERE "
                             "stream_id = '%s'" % s["id"]), [["1"]])

    def test_unknown_stream_is_404(self):
        assert_error(self, live("POST", "/chat/" + "a" * 32,
                                {"from": "a", "message": "hi"}), 404)
        assert_error(self, live("GET", "/chat/" + "a" * 32), 404)


if __name__ == "__main__":
    unittest.main(verbosity=2)
