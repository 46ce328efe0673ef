"""Routing errors (API.md §1): unknown paths 404, a known path with the
wrong method 405 with Allow, all in the shared error shape."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import SITE, api, assert_error, main  # noqa: E402


class Routing(unittest.TestCase):
    def test_unknown_path_is_404(self):
        assert_error(self, api("GET", "/no-such-route"), 404)

    def test_unknown_nested_path_is_404(self):
        assert_error(self, api("GET", "/health/extra/segments"), 404)

    def test_path_outside_api_v1_is_a_json_404(self):
        assert_error(self, api("GET", SITE + "/api/v0/health"), 404)

    def test_wrong_method_is_405_with_allow(self):
        r = api("POST", "/health", body={})
        assert_error(self, r, 405)
        allow = [m.strip() for m in r.headers.get("allow", "").split(",")]
        self.assertIn("GET", allow, r.headers)
        self.assertNotIn("POST", allow, r.headers)

    def test_request_line_past_32_kb_is_a_json_414(self):
        r = api("GET", "/health?pad=" + "x" * 40000)
        assert_error(self, r, 414, "uri_too_long")

    def test_wrong_method_with_trailing_slash_is_405(self):
        r = api("DELETE", "/health/")
        assert_error(self, r, 405)
        self.assertIn("GET", r.headers.get("allow", ""))


if __name__ == "__main__":
    main()
