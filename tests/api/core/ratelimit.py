# clientele-test: exclusive
"""nginx rate-limits /api/v1/auth per client address (limit_req: 429 in
the error shape, with Retry-After) and nothing else. script/test sets the
rate and burst (CLIENTELE_AUTH_RATE, CLIENTELE_AUTH_BURST). The tests send
from loopback addresses of their own, so the limits they exhaust are not
those of other tests."""
import http.client
import os
import sys
import threading
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import BASE, Resp, api, assert_error, env, main  # noqa: E402

RATE = int(env("CLIENTELE_AUTH_RATE").split("r/")[0])
BURST = int(env("CLIENTELE_AUTH_BURST"))


def hammer(path, n, source, threads=8):
    """Sends n GETs to path from address source over kept-alive
    connections as fast as it can; returns the statuses and the first 429
    response (or None)."""
    u = urllib.parse.urlsplit(BASE)
    statuses = []
    limited = []
    lock = threading.Lock()

    def run(count):
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30,
                                          source_address=(source, 0))
        got = []
        for _ in range(count):
            conn.request("GET", u.path + path)
            r = conn.getresponse()
            body = r.read()
            got.append(r.status)
            if r.status == 429 and not limited:
                limited.append(Resp(r.status, {k.lower(): v for k, v in r.getheaders()}, body))
            if r.will_close:
                conn.close()
                conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30,
                                          source_address=(source, 0))
        conn.close()
        with lock:
            statuses.extend(got)

    ts = [threading.Thread(target=run, args=(n // threads,)) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return statuses, (limited[0] if limited else None)


class RateLimit(unittest.TestCase):
    def test_auth_routes_are_limited_with_429(self):
        n = 4 * BURST + 200
        start = time.time()
        statuses, limited = hammer("/auth/no-such-route", n, "127.0.0.3")
        elapsed = time.time() - start
        passed = len(statuses) - statuses.count(429)
        # At most burst + 1 at once, then the rate: the rest is refused.
        self.assertLessEqual(passed, BURST + 2 + RATE * elapsed, (elapsed, passed))
        self.assertIsNotNone(limited)
        assert_error(self, limited, 429, "rate_limited")
        self.assertEqual(limited.headers.get("retry-after"), "1")
        # Another address is not limited by this one's requests.
        self.assertNotEqual(api("GET", "/auth/no-such-route", source="127.0.0.5").status, 429)

    def test_other_routes_are_not_limited(self):
        statuses, _ = hammer("/health", 4 * BURST + 200, "127.0.0.4")
        self.assertEqual(set(statuses), {200})


if __name__ == "__main__":
    main()
