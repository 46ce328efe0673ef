#!/usr/bin/env python3
# clientele-test: exclusive
"""What a 10,000-row import costs (issue #12): one POST /update_db of
10,000 CSV rows (the most one call takes) and the same rows again as an
upsert, timed, with GET /health timed beside it (before, and on another
connection while the import runs) so the figure has its reference. The
test asserts that every row was written and read back; the timings go
to the log."""
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientele_test import api, main  # noqa: E402
from loyalty_lib import tag, token  # noqa: E402

ROWS = 10000


def timed(fn):
    t0 = time.monotonic()
    r = fn()
    return r, time.monotonic() - t0


class Import10k(unittest.TestCase):
    def test_ten_thousand_rows(self):
        t = tag()
        csv = "Nom,Prenom,Compte,Email,Credit,Age,Sexe,Phone\n" + "".join(
            "N%05d%s,Jean,%s%05d,%s%05d@x.fr,%d.50,%d,h,+336%04d\n"
            % (i, t, t, i, t, i, i % 100, 18 + i % 60, i % 10000)
            for i in range(ROWS))
        self.assertLess(len(csv), 1048576)
        health = [timed(lambda: api("GET", "/health"))[1] for _ in range(20)]
        during, done = [], threading.Event()

        def probe():
            while not done.is_set():
                r, s = timed(lambda: api("GET", "/health"))
                during.append((r.status, s))
                time.sleep(0.05)

        th = threading.Thread(target=probe)
        th.start()
        r, first = timed(lambda: api("POST", "/update_db", raw=csv,
                                     content_type="text/csv", token=token()))
        done.set()
        th.join()
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"created": ROWS, "updated": 0})
        r, again = timed(lambda: api("POST", "/update_db", raw=csv,
                                     content_type="text/csv", token=token()))
        self.assertEqual(r.json, {"created": 0, "updated": ROWS})
        got = api("GET", "/data?limit=1&search=" + t, token=token())
        self.assertEqual(got.json["count"], ROWS)
        self.assertTrue(all(s == 200 for s, _ in during), during)
        health.sort()
        lat = sorted(s for _, s in during) or [0]
        sys.stderr.write(
            "10,000-row CSV import (%d bytes): insert %.2f s, upsert %.2f s; "
            "GET /health alone median %.1f ms; during the import median "
            "%.1f ms, max %.1f ms over %d probes\n" % (
                len(csv), first, again, health[len(health) // 2] * 1000,
                lat[len(lat) // 2] * 1000, lat[-1] * 1000, len(during)))


if __name__ == "__main__":
    main()
