# clientele-test: exclusive
"""Log rotation (issue #16): after logrotate renames the pool's log file,
SIGUSR1 makes the master reopen it and replace its workers, without failing
a request; every request after that is logged, with its request id, in the
new file and none in the renamed one. The rotated file is kept under a
*.log name so script/test still searches it for sanitizer reports."""
import json
import os
import signal
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import (api, env, main, pool_children as children,  # noqa: E402
                            stack, wait_until)

sys.path.insert(0, os.path.dirname(__file__))
from workers import Load  # noqa: E402

VAR = env("CLIENTELE_VAR")


def log_file():
    with open(env("CLIENTELE_CONF"), encoding="utf-8") as f:
        for line in f:
            key, _, value = line.partition("=")
            if key.strip() == "log_file":
                return value.strip()
    raise AssertionError("no log_file in the test stack's configuration")


def lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return [json.loads(l) for l in f if l.strip()]


class LogRotate(unittest.TestCase):
    def setUp(self):
        self.addCleanup(stack, "pool-start")

    def test_sigusr1_reopens_the_log_and_new_lines_land_in_the_new_file(self):
        log = log_file()
        rotated = os.path.join(os.path.dirname(log), "clientele-rotated-%d.log" % os.getpid())
        master = int(stack("pool-pid").stdout)
        before = children(master)
        first = api("GET", "/health").headers["x-request-id"]
        wait_until(lambda: any(l.get("request_id") == first for l in lines(log)), 5,
                   "the first request in the log")

        os.rename(log, rotated)   # what logrotate does
        with Load() as load:
            time.sleep(0.2)
            os.kill(master, signal.SIGUSR1)
            wait_until(lambda: os.path.exists(log), 5, "the reopened log file")
            wait_until(lambda: not (children(master) & before), 15,
                       "the workers forked before the reopen to exit")
            time.sleep(0.3)
        self.assertEqual(load.failures(), [], "requests failed during the reopen")
        self.assertGreater(len(load.results), 5)
        self.assertEqual(int(stack("pool-pid").stdout), master, "the master was restarted")

        ids = [api("GET", "/health").headers["x-request-id"] for _ in range(10)]
        self.assertEqual(len(set(ids)), 10)
        wait_until(lambda: {l.get("request_id") for l in lines(log)} >= set(ids), 5,
                   "the new requests in the new file")
        new = lines(log)
        self.assertTrue(any(l.get("msg", "").startswith("reopened the log file") for l in new),
                        "the master logs the reopen in the new file")
        by_id = {l["request_id"]: l for l in new if "request_id" in l}
        for rid in ids:
            self.assertEqual(by_id[rid]["route"], "/health")
            self.assertEqual(by_id[rid]["status"], 200)
            self.assertIn(by_id[rid]["pid"], children(master))
        old_ids = {l.get("request_id") for l in lines(rotated)}
        self.assertIn(first, old_ids, "the renamed file keeps what it had")
        self.assertFalse(old_ids & set(ids), "new requests went to the renamed file")

    def test_a_stray_sigusr1_to_the_workers_changes_nothing(self):
        # systemctl kill without --kill-whom=main signals every process
        # of the unit. libfcgi's own SIGUSR1 handler would make each
        # worker's accept fail forever (a spinning worker that never
        # answers); the master's children ignore the master's signal.
        master = int(stack("pool-pid").stdout)
        kids = children(master)
        for pid in kids:
            os.kill(pid, signal.SIGUSR1)
        before = {pid: cpu_seconds(pid) for pid in kids}
        time.sleep(1.0)
        self.assertEqual(children(master), kids, "a child exited on SIGUSR1")
        for pid in kids:
            self.assertLess(cpu_seconds(pid) - before[pid], 0.5,
                            "child %d spins after SIGUSR1" % pid)
        for _ in range(2 * len(kids)):
            self.assertEqual(api("GET", "/health").status, 200)


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
