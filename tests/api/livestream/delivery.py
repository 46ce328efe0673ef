# clientele-test: exclusive
"""Module livestream (API.md §7): event delivery. With [pusher] url set,
the module's job POSTs each published event to Pusher's HTTP events API
(/apps/<app_id>/events) with the signed query (auth_key, auth_timestamp,
auth_version, body_md5, auth_signature), retries a failure with backoff
and marks the event sent. A local HTTP receiver stands in for Pusher and
checks the signature with Python's hmac and hashlib; the test points the
stack's config at it and reloads the pool (SIGHUP), then restores it."""

import hashlib
import hmac
import http.server
import json
import os
import re
import signal
import sys
import threading
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from live import conf, env, make_org, request_stream, sql, timeouts  # noqa: E402
from clientele_test import stack  # noqa: E402

C = conf()
APP_ID, KEY, SECRET = (C.get("pusher", k) for k in ("app_id", "key", "secret"))
_, _, JOBS = timeouts()


class Receiver(http.server.BaseHTTPRequestHandler):
    got = []            # (event name, channels, data, signature ok)
    fail_first = set()  # channels whose next event is refused with a 500

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        sig = q.pop("auth_signature", "")
        to_sign = "POST\n%s\n%s" % (url.path, "&".join(
            "%s=%s" % (k, q[k]) for k in sorted(q)))
        ok = (url.path == "/apps/%s/events" % APP_ID and
              q.get("auth_key") == KEY and q.get("auth_version") == "1.0" and
              q.get("body_md5") == hashlib.md5(body).hexdigest() and
              abs(int(q.get("auth_timestamp", "0")) - time.time()) < 600 and
              hmac.compare_digest(sig, hmac.new(
                  SECRET.encode(), to_sign.encode(),
                  hashlib.sha256).hexdigest()))
        ev = json.loads(body)
        if ev["channels"][0] in Receiver.fail_first:
            Receiver.fail_first.discard(ev["channels"][0])
            self.send_response(500)
            self.end_headers()
            return
        Receiver.got.append((ev["name"], ev["channels"], ev["data"], ok))
        self.send_response(200 if ok else 401)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def set_url(url):
    path = env("CLIENTELE_CONF")
    with open(path) as f:
        text = f.read()
    text = re.sub(r"(?m)^url *=.*$", "url = " + url, text)
    with open(path, "w") as f:
        f.write(text)
    pid = int(stack("pool-pid").stdout.strip())
    os.kill(pid, signal.SIGHUP)
    time.sleep(1.5)


class Delivery(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        set_url("http://127.0.0.1:%d" % cls.server.server_address[1])

    @classmethod
    def tearDownClass(cls):
        set_url("")
        cls.server.shutdown()

    def wait_for(self, sid, limit):
        deadline = time.time() + limit
        while time.time() < deadline:
            for name, chans, data, ok in Receiver.got:
                if json.loads(data).get("id") == sid:
                    return name, chans, data, ok
            time.sleep(0.3)
        self.fail("no event of stream %s reached the receiver" % sid)

    def test_event_delivered_signed_and_marked_sent(self):
        org = make_org()
        s = request_stream(org)
        name, chans, data, ok = self.wait_for(s["id"], 6 * JOBS + 20)
        self.assertTrue(ok, "signature or query did not verify")
        self.assertEqual(name, "stream-requested")
        self.assertEqual(chans, ["private-org-%d" % org["id"]])
        self.assertEqual(json.loads(data)["status"], "requested")
        deadline = time.time() + 5
        while time.time() < deadline:
            rows = sql("SELECT sent_at IS NOT NULL FROM outbox WHERE "
                       "channel = 'pusher' AND subject = 'stream-requested' "
                       "AND body LIKE '%%%s%%'" % s["id"])
            if rows == [["1"]]:
                break
            time.sleep(0.3)
        self.assertEqual(rows, [["1"]])

    def test_failure_is_retried(self):
        org = make_org()
        channel = "private-org-%d" % org["id"]
        Receiver.fail_first.add(channel)
        s = request_stream(org)
        self.wait_for(s["id"], 8 * JOBS + 30)
        rows = sql("SELECT attempts, sent_at IS NOT NULL FROM outbox WHERE "
                   "channel = 'pusher' AND body LIKE '%%%s%%' AND subject = "
                   "'stream-requested'" % s["id"])
        self.assertEqual(rows[0][1], "1", rows)
        self.assertGreaterEqual(int(rows[0][0]), 1, rows)
        self.assertNotIn(channel, Receiver.fail_first)


if __name__ == "__main__":
    unittest.main(verbosity=2)
