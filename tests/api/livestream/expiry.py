"""Module livestream (API.md §7): expiry. A requested stream becomes
missed after request_timeout seconds without a dealer, a streaming one
expired after ping_timeout seconds without its dealer's ping: lazily when
read, and by the periodic job when nobody reads (checked in the database
itself). The test stack's config has short timeouts (script/test)."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from live import (assert_error, live, make_dealer, make_org,  # noqa: E402
                  request_stream, sql, timeouts)

REQUEST, PING, JOBS = timeouts()


def status_in_db(sid):
    return sql("SELECT status FROM live_streams WHERE id = '%s'" % sid)[0][0]


def wait_for_db(sid, want, limit):
    deadline = time.time() + limit
    while time.time() < deadline:
        if status_in_db(sid) == want:
            return True
        time.sleep(0.5)
    return status_in_db(sid) == want


class Expiry(unittest.TestCase):
    def setUp(self):
        if REQUEST > 20 or PING > 20:
            self.fail("the stack's livestream timeouts are long (%d, %d): "
                      "run with script/test" % (REQUEST, PING))

    def test_requested_becomes_missed_without_readers(self):
        org = make_org()
        s = request_stream(org)
        self.assertEqual(status_in_db(s["id"]), "requested")
        self.assertTrue(wait_for_db(s["id"], "missed", REQUEST + 2 * JOBS + 5))
        got = live("GET", "/streams/" + s["id"]).json
        self.assertEqual(got["status"], "missed")
        self.assertIsNotNone(got["finishedAt"])

    def test_streaming_expires_without_pings(self):
        org = make_org()
        d = make_dealer(org)
        s = request_stream(org)
        live("POST", "/streams/accept/" + s["id"], token=d["token"])
        self.assertTrue(wait_for_db(s["id"], "expired", PING + 2 * JOBS + 5))
        assert_error(self, live("POST", "/streams/stop/" + s["id"]), 409)

    def test_pings_keep_a_stream_alive(self):
        org = make_org()
        d = make_dealer(org)
        s = request_stream(org)
        live("POST", "/streams/accept/" + s["id"], token=d["token"])
        end = time.time() + PING + JOBS + 2
        while time.time() < end:
            self.assertEqual(live("POST", "/ping", token=d["token"]).status,
                             200)
            time.sleep(max(PING / 4.0, 0.5))
        self.assertEqual(status_in_db(s["id"]), "streaming")
        self.assertEqual(live("POST", "/streams/stop/" + s["id"]).json[
            "status"], "completed")

    def test_lazy_expiry_on_read_and_accept(self):
        org = make_org()
        d = make_dealer(org)
        s = request_stream(org)
        # Back-date the request past the timeout: the next read expires it,
        # whatever the job's timing.
        sql("UPDATE live_streams SET requested_at = requested_at - INTERVAL "
            "%d SECOND WHERE id = '%s'" % (REQUEST + 5, s["id"]))
        assert_error(self, live("POST", "/streams/accept/" + s["id"],
                                token=d["token"]), 409)
        self.assertEqual(live("GET", "/streams/" + s["id"]).json["status"],
                         "missed")


if __name__ == "__main__":
    unittest.main(verbosity=2)
