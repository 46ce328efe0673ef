#!/usr/bin/env python3
"""Absolute links (API.md §9 [server] public_url): the next/previous links
of a list start with the configured public base URL, whatever Host header
the client sends, so a forged Host cannot plant another site's address in
a page envelope (or in a cache that keeps it)."""
import configparser
import os
import sys
import unittest
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, ctl, env, main  # noqa: E402
from accounts import access_token, create_user  # noqa: E402


def public_url():
    conf = configparser.ConfigParser(interpolation=None)
    conf.read(env("CLIENTELE_CONF"))
    return conf["server"]["public_url"].rstrip("/") + "/api/v1"


class Links(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.base = public_url()
        cls.token = access_token(create_user(perms=["customers:read"]))
        cls.tag = uuid.uuid4().hex[:10]
        for i in range(3):
            ctl("kam", "create", "--name", "Links %s %d" % (cls.tag, i))

    def page(self, host=None, path=None):
        headers = {"Host": host} if host else {}
        r = api("GET", path or "/customers/kam/?search=%s&limit=1&offset=1"
                % self.tag, token=self.token, headers=headers)
        self.assertEqual(r.status, 200, r)
        return r.json

    def test_links_start_with_public_url(self):
        p = self.page()
        self.assertEqual(p["count"], 3)
        for link in (p["next"], p["previous"]):
            self.assertTrue(link.startswith(self.base + "/customers/kam/?"),
                            link)

    def test_a_forged_host_header_changes_no_link(self):
        for host in ("trusted.example@evil.example", "evil.example",
                     "evil.example:443"):
            p = self.page(host=host)
            for link in (p["next"], p["previous"]):
                self.assertTrue(link.startswith(self.base + "/"), (host, link))
                self.assertNotIn("evil", link)

    def test_links_keep_the_other_parameters(self):
        nxt = urllib.parse.urlsplit(self.page()["next"])
        query = urllib.parse.parse_qs(nxt.query)
        self.assertEqual(query, {"search": [self.tag], "limit": ["1"],
                                 "offset": ["2"]})

    def test_page_number_links_too(self):
        # The stack loads seed 001's three demo plans.
        r = api("GET", "/plans/?page_size=1&page=2",
                token=access_token(create_user()),
                headers={"Host": "evil.example"})
        self.assertEqual(r.status, 200, r)
        self.assertGreater(r.json["count"], 2, r)
        for link in (r.json["next"], r.json["previous"]):
            self.assertTrue(link.startswith(self.base + "/plans/?"), link)


if __name__ == "__main__":
    main()
