"""Module livestream (API.md §7): POST /socket/auth answers Pusher
Channels' private and presence channel authorization byte for byte as
Pusher's server SDKs do; the expected values are computed here with
Python's hmac from the [pusher] key and secret of the stack's config."""

import hashlib
import hmac
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from live import (admin_token, assert_error, conf, live, make_dealer,  # noqa: E402
                  make_org)

C = conf()
APP_KEY = C.get("pusher", "key")
SECRET = C.get("pusher", "secret")


def expected(string_to_sign):
    return APP_KEY + ":" + hmac.new(SECRET.encode(), string_to_sign.encode(),
                                    hashlib.sha256).hexdigest()


class SocketAuth(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.org = make_org()
        cls.dealer = make_dealer(cls.org, first="Zoë", last="Dealer")

    def test_generated_key_and_secret(self):
        self.assertGreaterEqual(len(APP_KEY), 16)
        self.assertGreaterEqual(len(SECRET), 32)

    def test_private_channel_json(self):
        ch = "private-org-%d" % self.org["id"]
        r = live("POST", "/socket/auth", {"socket_id": "1234.5678",
                                          "channel_name": ch},
                 token=self.dealer["token"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"auth": expected("1234.5678:" + ch)})

    def test_private_channel_form_body(self):
        ch = "private-org-%d" % self.org["id"]
        r = live("POST", "/socket/auth",
                 raw="socket_id=99.1&channel_name=" + ch,
                 content_type="application/x-www-form-urlencoded",
                 token=self.dealer["token"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["auth"], expected("99.1:" + ch))

    def test_presence_channel_signs_channel_data(self):
        ch = "presence-org-%d" % self.org["id"]
        r = live("POST", "/socket/auth", {"socket_id": "7.42",
                                          "channel_name": ch},
                 token=self.dealer["token"])
        self.assertEqual(r.status, 200, r)
        data = json.dumps({"user_id": str(self.dealer["id"]),
                           "user_info": {"name": "Zoë Dealer",
                                         "email": self.dealer["email"]}},
                          separators=(",", ":"), ensure_ascii=False)
        self.assertEqual(r.json["channel_data"], data)
        self.assertEqual(r.json["auth"],
                         expected("7.42:%s:%s" % (ch, data)))

    def test_other_org_channel_is_403(self):
        other = make_org()
        for ch in ["private-org-%d" % other["id"],
                   "presence-org-%d" % other["id"], "private-anything",
                   "public-channel"]:
            assert_error(self, live("POST", "/socket/auth",
                                    {"socket_id": "1.1", "channel_name": ch},
                                    token=self.dealer["token"]), 403)

    def test_superuser_may_join_any_org(self):
        ch = "private-org-%d" % self.org["id"]
        r = live("POST", "/socket/auth", {"socket_id": "5.5",
                                          "channel_name": ch},
                 token=admin_token())
        self.assertEqual(r.json["auth"], expected("5.5:" + ch), r)

    def test_bad_input(self):
        ch = "private-org-%d" % self.org["id"]
        assert_error(self, live("POST", "/socket/auth",
                                {"socket_id": "abc", "channel_name": ch},
                                token=self.dealer["token"]), 400)
        assert_error(self, live("POST", "/socket/auth", {"socket_id": "1.2"},
                                token=self.dealer["token"]), 400)
        assert_error(self, live("POST", "/socket/auth",
                                {"socket_id": "1.2", "channel_name": ch}), 401)
        assert_error(self, live("POST", "/socket/auth",
                                {"socket_id": "1.2", "channel_name": ch},
                                key=None, token=self.dealer["token"]), 401)


if __name__ == "__main__":
    unittest.main(verbosity=2)
