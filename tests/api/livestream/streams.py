"""Module livestream (API.md §7): a stream's life. request by organization
code, accept by a dealer of that organization (of two racing, exactly one
wins), stop, show, ping, note on finished streams only, sendloanlink to the
lead through the outbox, logs, and GET /streams of the dealer's
organization; apikey on every route."""

import json
import os
import re
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from live import (KEY, VIN, admin_token, api, assert_error, ctl, live,  # noqa: E402
                  make_dealer, make_org, request_stream, sql, unique)


class Apikey(unittest.TestCase):
    def test_missing_apikey_is_401_with_challenge(self):
        org = make_org()
        r = live("POST", "/streams/request/" + org["code"], {"vin": VIN},
                 key=None)
        assert_error(self, r, 401)
        self.assertEqual(r.headers.get("www-authenticate"), "apikey")
        self.assertEqual(sql("SELECT COUNT(*) FROM live_streams WHERE "
                             "organization_id = %d" % org["id"]), [["0"]])

    def test_wrong_apikey_is_401(self):
        r = live("GET", "/vin/" + VIN, key="not-a-key")
        assert_error(self, r, 401)
        self.assertEqual(r.headers.get("www-authenticate"), "apikey")


class Request(unittest.TestCase):
    def test_request_makes_an_unguessable_stream_and_an_event(self):
        org = make_org()
        s = request_stream(org, firstName="Ann", phone="+15550001")
        self.assertRegex(s["id"], r"^[0-9a-f]{32}$")
        self.assertEqual(s["status"], "requested")
        self.assertEqual(s["organizationId"], org["id"])
        self.assertEqual(s["firstName"], "Ann")
        other = request_stream(org)
        self.assertNotEqual(s["id"], other["id"])
        ev = sql("SELECT subject, body FROM outbox WHERE channel = 'pusher' "
                 "AND recipient = 'private-org-%d' ORDER BY id" % org["id"])
        self.assertEqual(ev[0][0], "stream-requested")
        self.assertEqual(json.loads(ev[0][1])["id"], s["id"])

    def test_unknown_code_is_404(self):
        assert_error(self, live("POST", "/streams/request/" + unique("no"),
                                {"vin": VIN}), 404)

    def test_bad_body_is_400_and_changes_nothing(self):
        org = make_org()
        assert_error(self, live("POST", "/streams/request/" + org["code"],
                                {"vin": ""}), 400)
        assert_error(self, live("POST", "/streams/request/" + org["code"],
                                {"vin": VIN, "email": "nope"}), 400)
        self.assertEqual(sql("SELECT COUNT(*) FROM live_streams WHERE "
                             "organization_id = %d" % org["id"]), [["0"]])

    def test_show_and_unknown_id(self):
        org = make_org()
        s = request_stream(org)
        r = live("GET", "/streams/" + s["id"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["id"], s["id"])
        assert_error(self, live("GET", "/streams/" + "0" * 32), 404)
        assert_error(self, live("GET", "/streams/short"), 404)


class Accept(unittest.TestCase):
    def test_dealer_accepts_then_stop_completes(self):
        org = make_org()
        d = make_dealer(org)
        s = request_stream(org)
        r = live("POST", "/streams/accept/" + s["id"], token=d["token"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"], "streaming")
        self.assertEqual(r.json["dealerId"], d["id"])
        self.assertIsNotNone(r.json["acceptedAt"])
        assert_error(self, live("POST", "/streams/accept/" + s["id"],
                                token=d["token"]), 409)
        r = live("POST", "/streams/stop/" + s["id"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"], "completed")
        assert_error(self, live("POST", "/streams/stop/" + s["id"]), 409)

    def test_stop_before_accept_is_missed(self):
        org = make_org()
        s = request_stream(org)
        r = live("POST", "/streams/stop/" + s["id"])
        self.assertEqual(r.json["status"], "missed", r)
        d = make_dealer(org)
        assert_error(self, live("POST", "/streams/accept/" + s["id"],
                                token=d["token"]), 409)

    def test_dealer_of_another_org_gets_404(self):
        org, other = make_org(), make_org()
        d = make_dealer(other)
        s = request_stream(org)
        assert_error(self, live("POST", "/streams/accept/" + s["id"],
                                token=d["token"]), 404)
        self.assertEqual(live("GET", "/streams/" + s["id"]).json["status"],
                         "requested")

    def test_user_without_dealer_role_is_403(self):
        org = make_org()
        s = request_stream(org)
        assert_error(self, live("POST", "/streams/accept/" + s["id"],
                                token=admin_token()), 403)
        assert_error(self, live("POST", "/streams/accept/" + s["id"]), 401)

    def test_two_dealers_racing_one_wins(self):
        org = make_org()
        dealers = [make_dealer(org) for _ in range(2)]
        for _ in range(3):
            s = request_stream(org)
            results = [None, None]
            go = threading.Barrier(2)

            def accept(i):
                go.wait()
                results[i] = live("POST", "/streams/accept/" + s["id"],
                                  token=dealers[i]["token"])

            threads = [threading.Thread(target=accept, args=(i,))
                       for i in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            statuses = sorted(r.status for r in results)
            self.assertEqual(statuses, [200, 409], results)
            winner = [r for r in results if r.status == 200][0]
            for r in results:
                if r.status == 409:
                    assert_error(self, r, 409)
            got = live("GET", "/streams/" + s["id"]).json
            self.assertEqual(got["dealerId"], winner.json["dealerId"])


class DealerRoutes(unittest.TestCase):
    def test_ping_records_heartbeat(self):
        org = make_org()
        d = make_dealer(org)
        r = live("POST", "/ping", token=d["token"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(len(sql("SELECT pinged_at FROM live_dealer_heartbeats "
                                 "WHERE user_id = %d" % d["id"])), 1)
        assert_error(self, live("POST", "/ping", token=admin_token()), 403)

    def test_note_only_on_finished_streams(self):
        org = make_org()
        d = make_dealer(org)
        s = request_stream(org)
        live("POST", "/streams/accept/" + s["id"], token=d["token"])
        r = live("POST", "/streams/note/" + s["id"], {"note": "early"},
                 token=d["token"])
        assert_error(self, r, 409)
        self.assertIsNone(live("GET", "/streams/" + s["id"]).json["note"])
        live("POST", "/streams/stop/" + s["id"])
        r = live("POST", "/streams/note/" + s["id"], {"note": "Liked it"},
                 token=d["token"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["note"], "Liked it")
        other = make_dealer(make_org())
        assert_error(self, live("POST", "/streams/note/" + s["id"],
                                {"note": "x"}, token=other["token"]), 404)

    def test_sendloanlink_queues_to_the_lead(self):
        org = make_org(loan_link="https://loans.example/" + unique())
        d = make_dealer(org)
        s = request_stream(org)
        assert_error(self, live("POST", "/streams/sendloanlink/" + s["id"],
                                token=d["token"]), 409)  # running
        live("POST", "/streams/stop/" + s["id"])
        assert_error(self, live("POST", "/streams/sendloanlink/" + s["id"],
                                token=d["token"]), 409)  # no lead
        email = unique("lead") + "@example.com"
        r = live("POST", "/leads", {"streamId": s["id"], "email": email,
                                    "firstName": "Lee"})
        self.assertEqual(r.status, 201, r)
        r = live("POST", "/streams/sendloanlink/" + s["id"], token=d["token"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["channel"], "email")
        msgs = json.loads(ctl("outbox", "list", "--recipient", email,
                              "--json").stdout)
        self.assertEqual(len(msgs), 1)
        self.assertIn(org["name"], msgs[0]["body"])
        self.assertIn("https://loans.example/", msgs[0]["body"])

    def test_sendloanlink_by_sms_without_email(self):
        org = make_org()
        d = make_dealer(org)
        s = request_stream(org)
        live("POST", "/streams/stop/" + s["id"])
        phone = "+1555" + unique("")[-7:].replace("a", "1").replace(
            "b", "2").replace("c", "3").replace("d", "4").replace(
            "e", "5").replace("f", "6")
        live("POST", "/leads", {"streamId": s["id"], "phone": phone})
        r = live("POST", "/streams/sendloanlink/" + s["id"], token=d["token"])
        self.assertEqual(r.json["channel"], "sms", r)
        self.assertEqual(sql("SELECT channel FROM outbox WHERE recipient = "
                             "'%s'" % phone), [["sms"]])

    def test_streams_lists_the_dealers_org_newest_first(self):
        org, other = make_org(), make_org()
        d = make_dealer(org)
        a = request_stream(org)
        b = request_stream(org)
        request_stream(other)
        r = live("GET", "/streams", token=d["token"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["count"], 2)
        self.assertEqual([x["id"] for x in r.json["results"]],
                         [b["id"], a["id"]])
        r = live("GET", "/streams?limit=1&skip=1", token=d["token"])
        self.assertEqual([x["id"] for x in r.json["results"]], [a["id"]])


class Logs(unittest.TestCase):
    def test_log_with_number_or_string_code(self):
        org = make_org()
        s = request_stream(org)
        r = live("POST", "/streams/log/" + s["id"], {"type": "pusher",
                                                      "code": 3})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["code"], "3")
        r = live("POST", "/streams/log/" + s["id"], {"type": "push",
                                                      "code": "E42"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(sql("SELECT type, code FROM live_stream_logs WHERE "
                             "stream_id = '%s' ORDER BY id" % s["id"]),
                         [["pusher", "3"], ["push", "E42"]])

    def test_bad_log_is_400_unknown_stream_404(self):
        org = make_org()
        s = request_stream(org)
        assert_error(self, live("POST", "/streams/log/" + s["id"],
                                {"type": "pusher"}), 400)
        assert_error(self, live("POST", "/streams/log/" + "f" * 32,
                                {"type": "pusher", "code": 1}), 404)
        self.assertEqual(sql("SELECT COUNT(*) FROM live_stream_logs WHERE "
                             "stream_id = '%s'" % s["id"]), [["0"]])


if __name__ == "__main__":
    unittest.main(verbosity=2)
