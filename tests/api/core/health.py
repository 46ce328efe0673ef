"""GET /health (API.md §8) and the request id every response carries
(API.md §1)."""
import json
import os
import re
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, env, main  # noqa: E402

REQUEST_ID = re.compile(r"^[0-9a-f]{32}$")


class Health(unittest.TestCase):
    def test_health_reports_ok_db_and_version(self):
        r = api("GET", "/health")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.headers["content-type"].startswith("application/json"))
        self.assertEqual(r.json["status"], "ok")
        self.assertEqual(r.json["db"], "ok")
        self.assertIsInstance(r.json["version"], str)
        self.assertTrue(r.json["version"])

    def test_trailing_slash_is_optional(self):
        r = api("GET", "/health/")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"], "ok")

    def test_query_string_does_not_change_the_route(self):
        r = api("GET", "/health?x=1")
        self.assertEqual(r.status, 200, r)


class RequestId(unittest.TestCase):
    def test_every_response_has_one_request_id(self):
        r = api("GET", "/health")
        rid = r.headers.get("x-request-id", "")
        # One header, not the app's and nginx's both (joined with ", ").
        self.assertRegex(rid, REQUEST_ID)

    def test_request_ids_differ_between_requests(self):
        ids = {api("GET", "/health").headers["x-request-id"] for _ in range(5)}
        self.assertEqual(len(ids), 5)

    def test_the_pool_logs_the_request_under_the_same_id(self):
        rid = api("GET", "/health").headers["x-request-id"]
        log = os.path.join(env("CLIENTELE_VAR"), "log", "clientele.log")
        deadline = time.time() + 2
        while True:
            with open(log, encoding="utf-8", errors="replace") as f:
                lines = [l for l in f if rid in l]
            if lines or time.time() > deadline:
                break
            time.sleep(0.05)
        self.assertTrue(lines, "request id %s not in %s" % (rid, log))
        entry = json.loads(lines[0])
        self.assertEqual(entry["request_id"], rid)
        self.assertEqual(entry["status"], 200)


if __name__ == "__main__":
    main()
