#!/usr/bin/env python3
"""Input edges (issue #9, item 8): every string a handler sees is UTF-8,
so a query parameter or a path parameter that decodes to anything else
(a lone %FF, an overlong form) is a 400 in API.md §1's shape, before any
handler, query or log line sees the bytes."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, main  # noqa: E402
from accounts import access_token, create_user  # noqa: E402


class Utf8(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.token = access_token(create_user(perms=["customers:read"]))

    def test_query_value_not_utf8_is_400(self):
        for qs in ("search=%FF", "search=%C0%AF", "search=ok&x=%ED%A0%80"):
            r = api("GET", "/customers/customers/?" + qs, token=self.token)
            assert_error(self, r, 400, "bad_request")

    def test_query_key_not_utf8_is_400(self):
        r = api("GET", "/health?%FF=1")
        assert_error(self, r, 400, "bad_request")

    def test_utf8_query_is_served(self):
        r = api("GET", "/customers/customers/?search=caf%C3%A9",
                token=self.token)
        self.assertEqual(r.status, 200, r)
        self.assertIsInstance(r.json, list)

    def test_path_parameter_not_utf8_is_400(self):
        r = api("GET", "/customers/customers/%FF/", token=self.token)
        assert_error(self, r, 400, "bad_request")

    def test_path_parameter_utf8_but_not_an_id_is_404(self):
        r = api("GET", "/customers/customers/caf%C3%A9/", token=self.token)
        assert_error(self, r, 404, "not_found")


if __name__ == "__main__":
    main()
