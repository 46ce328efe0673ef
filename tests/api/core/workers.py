# clientele-test: exclusive
"""The pool's process management (DESIGN.md "Shape"): a killed worker is
replaced without failing other requests; SIGTERM lets requests in flight
finish and exits 0; SIGHUP replaces every worker without failing any
request."""
import json
import os
import signal
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import (api, assert_error, conf_set, env, main,  # noqa: E402
                            pool_children, pool_master, reload_pool, stack,
                            wait_until)

VAR = env("CLIENTELE_VAR")


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


def served_by(request_id):
    """The worker pid the pool's log gives for request_id."""
    log = os.path.join(VAR, "log", "clientele.log")
    deadline = time.time() + 2
    while time.time() < deadline:
        with open(log, encoding="utf-8", errors="replace") as f:
            for line in f:
                if request_id in line:
                    return json.loads(line)["pid"]
        time.sleep(0.05)
    raise AssertionError("request %s is not in %s" % (request_id, log))


class Load:
    """GET /health in a loop on a thread; records (start time, status)."""

    def __init__(self):
        self.results = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)

    def _run(self):
        while not self._stop.is_set():
            start = time.time()
            try:
                status = api("GET", "/health").status
            except OSError:
                status = 0
            self.results.append((start, status))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def failures(self):
        return [(t, s) for t, s in self.results if s != 200]


class Workers(unittest.TestCase):
    def setUp(self):
        # Whatever a test does to the pool, the next one finds it running.
        self.addCleanup(stack, "pool-start")

    def test_killed_worker_is_replaced_and_requests_keep_succeeding(self):
        master = pool_master()
        victim = served_by(api("GET", "/health").headers["x-request-id"])
        self.assertIn(victim, pool_children(master))
        before = pool_children(master)
        with Load() as load:
            time.sleep(0.3)
            killed_at = time.time()
            os.kill(victim, signal.SIGKILL)
            wait_until(lambda: pool_children(master) - before and victim not in pool_children(master),
                       5, "a replacement worker")
            time.sleep(0.5)
        self.assertGreater(len(load.results), 10)
        # Only the request the victim was serving at that instant may fail.
        failed = load.failures()
        self.assertLessEqual(len(failed), 1, failed)
        for start, _ in failed:
            self.assertLess(start, killed_at)
        self.assertEqual(pool_master(), master)

    def test_crash_mid_request_is_a_json_503_and_the_route_is_logged(self):
        master = pool_master()
        before = pool_children(master)
        r = api("POST", "/debug/crash", body={})
        # The worker died without answering: nginx's 502, as the API's 503.
        assert_error(self, r, 503, "service_unavailable")
        wait_until(lambda: len(pool_children(master) - before) >= 1, 15, "a replacement worker")
        self.assertEqual(api("GET", "/health").status, 200)
        log = os.path.join(VAR, "log", "clientele.log")
        with open(log, encoding="utf-8", errors="replace") as f:
            crashes = [l for l in f if "POST /debug/crash" in l and "signal 6" in l]
        self.assertTrue(crashes, "the master did not log the crashed route")

    def test_sigterm_lets_the_request_in_flight_finish_and_exits_0(self):
        master = pool_master()
        got = []
        t = threading.Thread(target=lambda: got.append(api("GET", "/debug/sleep?ms=1500")))
        t.start()
        time.sleep(0.4)
        os.kill(master, signal.SIGTERM)
        t.join(10)
        self.assertEqual(len(got), 1)
        self.assertEqual(got[0].status, 200, got[0])
        self.assertEqual(got[0].json, {"slept_ms": 1500})
        wait_until(lambda: not alive(master), 10, "the master to exit")
        exit_file = os.path.join(VAR, "run", "clientele.exit")
        wait_until(lambda: os.path.exists(exit_file), 5, exit_file)
        with open(exit_file) as f:
            self.assertEqual(f.read().strip(), "0")
        self.assertFalse(os.path.exists(os.path.join(VAR, "run", "clientele.pid")))

    def test_sighup_replaces_every_worker_without_failing_requests(self):
        master = pool_master()
        before = pool_children(master)
        self.assertTrue(before)
        with Load() as load:
            time.sleep(0.3)
            os.kill(master, signal.SIGHUP)
            wait_until(lambda: not (pool_children(master) & before), 15,
                       "the old workers to be replaced")
            time.sleep(0.5)
        self.assertEqual(load.failures(), [])
        self.assertGreater(len(load.results), 10)
        self.assertGreaterEqual(len(pool_children(master)), len(before))
        self.assertEqual(pool_master(), master)

    def test_reload_reads_max_requests_and_workers_are_recycled(self):
        with open(env("CLIENTELE_CONF"), encoding="utf-8") as f:
            original = f.read()
        # Leave the pool settled: the next test counts its children.
        self.addCleanup(reload_pool, original, 15)
        master = pool_master()
        reload_pool(conf_set(original, "server", "max_requests", "5"), 15)
        seen = set()
        for _ in range(60):
            r = api("GET", "/health")
            self.assertEqual(r.status, 200, r)
            seen.add(served_by(r.headers["x-request-id"]))
        # 60 requests at 5 per worker life need at least 12 worker lives.
        workers = int(next(l.split("=")[1] for l in original.splitlines()
                           if l.split("=")[0].strip() == "workers"))
        self.assertGreaterEqual(len(seen), 12, seen)
        self.assertGreater(len(seen), workers)
        self.assertEqual(pool_master(), master)


if __name__ == "__main__":
    main()
