#!/usr/bin/env python3
# clientele-test: exclusive
"""Unknown hosts (issue #9, item 2): with server names configured, nginx's
default server refuses every other Host header or TLS server name (421 in
the API's error shape; plain HTTP from another machine is closed with no
answer), so a forged Host never reaches the pool. Without names (the
stack's default), any name is served, as the other tests rely on.

The test restarts the stack's nginx with CLIENTELE_SERVER_NAME set and
puts it back as it was, even when a check fails."""
import http.client
import json
import os
import socket
import ssl
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import env, main  # noqa: E402

HTTP_PORT = int(env("CLIENTELE_HTTP_PORT"))
HTTPS_PORT = int(env("CLIENTELE_HTTPS_PORT"))
NAMES = "localhost clientele.test"


def restart_nginx(server_name):
    environ = dict(os.environ, CLIENTELE_SERVER_NAME=server_name)
    for step in ("nginx-stop", "nginx-start"):
        subprocess.run([env("CLIENTELE_STACK"), step], env=environ, check=True,
                       stdout=subprocess.DEVNULL)


def plain(host_header, address="127.0.0.1"):
    conn = http.client.HTTPConnection(address, HTTP_PORT, timeout=30)
    try:
        conn.request("GET", "/api/v1/health", headers={"Host": host_header})
        r = conn.getresponse()
        return r.status, r.getheaders(), r.read()
    finally:
        conn.close()


def https(host_header, sni):
    ctx = ssl._create_unverified_context()
    conn = http.client.HTTPSConnection("127.0.0.1", HTTPS_PORT, timeout=30,
                                       context=ctx)
    # http.client sends the connection's host as SNI; set it by hand.
    conn.sock = ctx.wrap_socket(socket.create_connection(("127.0.0.1", HTTPS_PORT),
                                                         timeout=30),
                                server_hostname=sni)
    try:
        conn.request("GET", "/api/v1/health", headers={"Host": host_header})
        r = conn.getresponse()
        return r.status, r.getheaders(), r.read()
    finally:
        conn.close()


class NamedServer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        restart_nginx(NAMES)

    @classmethod
    def tearDownClass(cls):
        restart_nginx("_")
        # Back to serving any name: the next test files use 127.0.0.1.
        status, _, _ = plain("127.0.0.1")
        assert status == 200, "nginx did not come back without names"

    def assert_refused(self, status, headers, body):
        self.assertEqual(status, 421)
        doc = json.loads(body)
        self.assertEqual(doc["status"], "error")
        self.assertEqual(doc["code"], "misdirected_request")
        names = {k.lower() for k, _ in headers}
        self.assertIn("x-content-type-options", names)

    def test_configured_names_are_served(self):
        for name in NAMES.split():
            status, _, body = plain(name)
            self.assertEqual(status, 200, name)
            self.assertEqual(json.loads(body)["status"], "ok")
            status, _, _ = https(name, name)
            self.assertEqual(status, 200, name)

    def test_an_unknown_host_header_is_refused(self):
        self.assert_refused(*plain("evil.example"))
        # An address is not one of the names either.
        self.assert_refused(*plain("127.0.0.1"))

    def test_an_unknown_name_over_tls_is_refused(self):
        self.assert_refused(*https("evil.example", "evil.example"))
        # A known server name in TLS does not let another Host through.
        self.assert_refused(*https("evil.example", "localhost"))

    def test_plain_http_from_elsewhere_for_an_unknown_name_gets_no_answer(self):
        # 127.0.0.2 is the "other machine" address (the 308 server).
        with self.assertRaises((http.client.RemoteDisconnected,
                                ConnectionResetError)):
            plain("evil.example", "127.0.0.2")
        status, headers, _ = plain("clientele.test", "127.0.0.2")
        self.assertEqual(status, 308)
        self.assertEqual(dict((k.lower(), v) for k, v in headers)["location"],
                         "https://clientele.test:%d/api/v1/health" % HTTPS_PORT)


if __name__ == "__main__":
    main()
