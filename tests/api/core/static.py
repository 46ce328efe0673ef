"""nginx serves the home page at / and the API docs at /api/docs/
(API.md §8), with the request id like every other response."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import SITE, api, main  # noqa: E402


class Static(unittest.TestCase):
    def test_home_page(self):
        r = api("GET", SITE + "/")
        self.assertEqual(r.status, 200, r)
        self.assertIn(b"Clientele", r.body)
        self.assertIn(b"/api/docs/", r.body)
        self.assertTrue(r.headers.get("x-request-id"))

    def test_docs_page(self):
        r = api("GET", SITE + "/api/docs/")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.headers["content-type"].startswith("text/html"))
        self.assertIn(b"openapi.json", r.body)

    def test_docs_without_slash_redirects(self):
        r = api("GET", SITE + "/api/docs")
        self.assertEqual(r.status, 301, r)
        self.assertEqual(r.headers["location"], "/api/docs/")

    def test_openapi_document(self):
        r = api("GET", SITE + "/api/docs/openapi.json")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.headers["content-type"].startswith("application/json"))
        self.assertTrue(r.json["openapi"].startswith("3.1"), r.json.get("openapi"))
        self.assertIn("/health", r.json["paths"])

    def test_docs_serve_only_the_document_and_its_page(self):
        # docs/ also holds the build script, the fragments and the module
        # guide; none of them is for the public.
        for path in ("build-openapi", "MODULES.md", "openapi/billing.json",
                     "openapi/", "../README"):
            r = api("GET", SITE + "/api/docs/" + path)
            self.assertEqual(r.status, 404, (path, r))
            self.assertNotIn(b"#!/usr/bin/env", r.body)


if __name__ == "__main__":
    main()
