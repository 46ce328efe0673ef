"""Request bodies (API.md §1): JSON only, an object where one is
expected, at most body_limit bytes (1 MiB; 413 from the app) and at most
nginx's client_max_body_size (2 MiB; 413 from nginx), all refused in the
shared error shape. POST /debug/echo (test stacks only) is a JSON-body
route that answers the parsed body back."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, main  # noqa: E402

MIB = 1024 * 1024


def json_of_size(n):
    """A JSON object of exactly n bytes."""
    skeleton = len(json.dumps({"pad": ""}).encode())
    return json.dumps({"pad": "x" * (n - skeleton)}).encode()


class Bodies(unittest.TestCase):
    def test_a_json_object_is_accepted(self):
        r = api("POST", "/debug/echo", body={"a": 1, "b": ["x", None]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"a": 1, "b": ["x", None]})

    def test_charset_parameter_is_accepted(self):
        r = api("POST", "/debug/echo", body={"a": 1},
                content_type="application/json; charset=utf-8")
        self.assertEqual(r.status, 200, r)

    def test_trailing_slash_is_optional(self):
        r = api("POST", "/debug/echo/", body={"a": 1})
        self.assertEqual(r.status, 200, r)

    def test_malformed_json_is_400(self):
        assert_error(self, api("POST", "/debug/echo", raw=b'{"a": 1,'), 400)

    def test_json_that_is_not_an_object_is_400(self):
        assert_error(self, api("POST", "/debug/echo", raw=b'[1, 2]'), 400)

    def test_invalid_utf8_is_400(self):
        assert_error(self, api("POST", "/debug/echo", raw=b'{"a": "\xff"}'), 400)

    def test_empty_body_is_400(self):
        assert_error(self, api("POST", "/debug/echo", raw=b''), 400)

    def test_wrong_content_type_is_415(self):
        r = api("POST", "/debug/echo", raw=b'{"a": 1}', content_type="text/plain")
        assert_error(self, r, 415)

    def test_missing_content_type_is_415(self):
        r = api("POST", "/debug/echo", raw=b'{"a": 1}', content_type=None)
        assert_error(self, r, 415)

    def test_body_at_the_limit_is_accepted(self):
        r = api("POST", "/debug/echo", raw=json_of_size(MIB))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(len(r.json["pad"]), MIB - len('{"pad": ""}'))

    def test_body_over_the_app_limit_is_413_from_the_app(self):
        r = api("POST", "/debug/echo", raw=json_of_size(MIB + 1))
        assert_error(self, r, 413)

    def test_body_over_the_nginx_limit_is_413_in_the_error_shape(self):
        r = api("POST", "/debug/echo", raw=json_of_size(3 * MIB))
        assert_error(self, r, 413, "payload_too_large")


if __name__ == "__main__":
    main()
