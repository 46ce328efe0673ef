"""TLS: the stack answers on its HTTPS port (self-signed certificate)
exactly as on plain HTTP."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, env, main  # noqa: E402


class Https(unittest.TestCase):
    base = env("CLIENTELE_HTTPS_URL").rstrip("/")

    def test_health_over_https(self):
        r = api("GET", self.base + "/health")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["db"], "ok")
        self.assertTrue(r.headers.get("x-request-id"))

    def test_errors_over_https_have_the_error_shape(self):
        assert_error(self, api("GET", self.base + "/no-such-route"), 404)


if __name__ == "__main__":
    main()
