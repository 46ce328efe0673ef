# clientele-test: exclusive
"""GET /metrics (API.md §8): Prometheus text, from loopback only (nginx
refuses other addresses with 403 in the error shape)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, main  # noqa: E402


def samples():
    """The current metrics as {"name{labels}": value}."""
    r = api("GET", "/metrics")
    out = {}
    for line in r.body.decode().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.rpartition(" ")
            out[key] = float(value)
    return out


class Metrics(unittest.TestCase):
    def test_prometheus_text_from_loopback(self):
        api("GET", "/health")
        r = api("GET", "/metrics")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.headers["content-type"].startswith("text/plain"), r.headers)
        text = r.body.decode()
        self.assertIn("# TYPE ", text)
        lines = [l for l in text.splitlines() if l and not l.startswith("#")]
        self.assertTrue(lines)
        for line in lines:
            name_labels, _, value = line.rpartition(" ")
            self.assertTrue(name_labels, line)
            float(value)  # every sample ends in a number
        self.assertIn("/health", text)

    def test_requests_are_counted_by_route_and_status(self):
        sample = 'clientele_requests_total{method="GET",route="/health",status="200"}'
        before = samples().get(sample, 0)
        for _ in range(3):
            api("GET", "/health")
        self.assertEqual(samples().get(sample, 0) - before, 3)

    def test_workers_alive_is_reported(self):
        self.assertGreater(samples()["clientele_workers_alive"], 0)

    def test_trailing_slash_is_optional(self):
        self.assertEqual(api("GET", "/metrics/").status, 200)

    def test_refused_from_other_addresses(self):
        # 127.0.0.2 is this host too, but not an address nginx admits.
        assert_error(self, api("GET", "/metrics", source="127.0.0.2"), 403)
        assert_error(self, api("GET", "/metrics/", source="127.0.0.2"), 403)
        assert_error(self, api("GET", "/metrics?x=1", source="127.0.0.2"), 403)
        # The rest of the API stays reachable from there.
        self.assertEqual(api("GET", "/health", source="127.0.0.2").status, 200)


if __name__ == "__main__":
    main()
