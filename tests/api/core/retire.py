# clientele-test: exclusive
"""Retiring workers under keep-alive (README "Installing on a server";
src/core/worker.c, src/core/fcgi_end.h). nginx keeps FastCGI connections
to the pool, and nginx does not pass a POST it has sent to another worker:
a worker that closed a kept connection under nginx (a reload retiring it,
or max_requests) made the client's POST fail with 503. A retiring worker
now stops accepting, answers what arrives on its kept connections with a
record that makes nginx close them itself, and exits once nginx has closed
them all. These tests reload the pool and recycle workers under a steady
load of POSTs and require every one of them to be answered 200, with its
own body, and the retired workers to be gone soon after."""
import http.client
import json
import os
import signal
import sys
import threading
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import (BASE, conf_set, env, main, pool_children,  # noqa: E402
                            pool_master, reload_pool, stack, wait_until)

VAR = env("CLIENTELE_VAR")
URL = urllib.parse.urlsplit(BASE)
THREADS = 8
# The shipped upstream's keepalive_timeout (3 s) is when nginx closes a
# retired worker's idle connections; retire_timeout (10 s) the pool's
# bound. Old workers must be gone well before the bound.
GONE_WITHIN = 8.0


def log_lines():
    with open(os.path.join(VAR, "log", "clientele.log"), encoding="utf-8",
              errors="replace") as f:
        return f.readlines()


class PostLoad:
    """THREADS clients POSTing /debug/echo in a loop, each on its own
    keep-alive connection to nginx; records every answer."""

    def __init__(self):
        self.answers = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(n,))
                        for n in range(THREADS)]

    def run(self, n):
        conn = http.client.HTTPConnection(URL.hostname, URL.port, timeout=30)
        i = 0
        while not self.stop.is_set():
            body = json.dumps({"client": n, "seq": i})
            i += 1
            try:
                conn.request("POST", URL.path + "/debug/echo", body=body,
                             headers={"Content-Type": "application/json"})
                r = conn.getresponse()
                got = r.read()
                status = r.status
            except (OSError, http.client.HTTPException) as e:
                status, got = 0, repr(e).encode()
                conn.close()
                conn = http.client.HTTPConnection(URL.hostname, URL.port,
                                                  timeout=30)
            with self.lock:
                self.answers.append((status, body, got))
        conn.close()

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join(60)

    def check(self, tc, at_least):
        tc.assertGreater(len(self.answers), at_least)
        bad = [(s, g[:200]) for s, b, g in self.answers if s != 200]
        tc.assertEqual(bad[:5], [], "%d of %d POSTs failed" % (len(bad),
                                                          len(self.answers)))
        for _, body, got in self.answers:
            tc.assertEqual(json.loads(got), json.loads(body))


class Retire(unittest.TestCase):
    def setUp(self):
        self.addCleanup(stack, "pool-start")
        self.log_start = len(log_lines())

    def assert_no_forced_close(self):
        forced = [l for l in log_lines()[self.log_start:]
                  if "after retire_timeout" in l]
        self.assertEqual(forced, [])

    def test_reloads_under_post_load_fail_no_post(self):
        master = pool_master()
        with PostLoad() as load:
            time.sleep(0.5)
            for _ in range(5):
                before = pool_children(master)
                os.kill(master, signal.SIGHUP)
                time.sleep(0.6)
                # The old generation leaves while the load goes on: its
                # workers were answering on kept connections.
                wait_until(lambda: not (pool_children(master) & before - {master}),
                           GONE_WITHIN, "the retired workers to exit")
            time.sleep(0.3)
        load.check(self, 200)
        self.assert_no_forced_close()
        self.assertEqual(pool_master(), master)

    def test_recycling_by_max_requests_under_post_load_fails_no_post(self):
        with open(env("CLIENTELE_CONF"), encoding="utf-8") as f:
            original = f.read()
        self.addCleanup(reload_pool, original, 15)
        reload_pool(conf_set(original, "server", "max_requests", "25"), 15)
        start = len(log_lines())
        with PostLoad() as load:
            time.sleep(4)
        load.check(self, 200)
        # Workers really were recycled under the load, each after about
        # max_requests: the requests it had taken, then at most one more on
        # each connection nginx still kept to it.
        pids = {}
        for line in log_lines()[start:]:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("route") == "/debug/echo":
                pids[entry["pid"]] = pids.get(entry["pid"], 0) + 1
        self.assertGreater(len(pids), len(load.answers) // 60, pids)
        self.assert_no_forced_close()


if __name__ == "__main__":
    main()
