# clientele-test: exclusive
"""Losing MariaDB: /health answers 503 with "db":"down" at once, and the
pool recovers by itself once the database is back (API.md §8)."""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, main, stack  # noqa: E402


def wait_for_health(status, seconds):
    deadline = time.time() + seconds
    while True:
        r = api("GET", "/health")
        if r.status == status or time.time() > deadline:
            return r
        time.sleep(0.1)


class DatabaseDown(unittest.TestCase):
    def setUp(self):
        self.addCleanup(stack, "db-start")

    def test_health_is_503_within_a_second_and_recovers(self):
        master = stack("pool-pid").stdout.strip()
        self.assertEqual(api("GET", "/health").status, 200)
        stack("db-stop")
        # Several requests, so that every worker meets the lost connection.
        for _ in range(8):
            start = time.time()
            r = api("GET", "/health")
            self.assertLess(time.time() - start, 1.0)
            assert_error(self, r, 503)
            self.assertEqual(r.json["db"], "down")
        stack("db-start")
        r = wait_for_health(200, 10)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["db"], "ok")
        # Every worker reconnected, and the pool was not restarted for it.
        for _ in range(8):
            self.assertEqual(api("GET", "/health").status, 200)
        self.assertEqual(stack("pool-pid").stdout.strip(), master)

    def test_other_errors_stay_json_while_the_database_is_down(self):
        stack("db-stop")
        assert_error(self, api("GET", "/no-such-route"), 404)
        assert_error(self, api("POST", "/debug/echo", raw=b"{"), 400)


if __name__ == "__main__":
    main()
