#!/usr/bin/env python3
"""Transport (issue #9, item 1): plain HTTP is served on loopback only and
answered elsewhere with a 308 to the same URL on HTTPS; HTTPS answers carry
HSTS; every answer carries nosniff and a Referrer-Policy; the pages carry a
Content-Security-Policy with no inline-code exception, and have no inline
code to need one; TLS follows Mozilla's intermediate profile."""
import http.client
import os
import re
import socket
import ssl
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import BASE, HTTPS_BASE, SITE, api, env, main  # noqa: E402

HTTP_PORT = int(env("CLIENTELE_HTTP_PORT"))
HTTPS_PORT = int(env("CLIENTELE_HTTPS_PORT"))


def plain(method, host, path):
    """One plain-HTTP request to host:HTTP_PORT; returns the response."""
    conn = http.client.HTTPConnection(host, HTTP_PORT, timeout=30)
    try:
        conn.request(method, path, body=b"{}" if method == "POST" else None,
                     headers={"Content-Type": "application/json"})
        r = conn.getresponse()
        r.read()
        return r
    finally:
        conn.close()


def tls(**options):
    """A TLS handshake with the HTTPS port under options (ciphers,
    maximum_version); returns the socket's (version, cipher, session) or
    raises ssl.SSLError when the server refuses."""
    ctx = ssl._create_unverified_context()
    if "ciphers" in options:
        ctx.set_ciphers(options["ciphers"])
    if "maximum_version" in options:
        ctx.maximum_version = options["maximum_version"]
    with socket.create_connection(("127.0.0.1", HTTPS_PORT), timeout=30) as s:
        with ctx.wrap_socket(s, server_hostname="localhost") as t:
            t.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n"
                      b"Connection: close\r\n\r\n")
            while t.recv(4096):
                pass
            return t.version(), t.cipher()[0], t.session


class PlainHttp(unittest.TestCase):
    def test_loopback_is_served_in_clear(self):
        r = plain("GET", "127.0.0.1", "/api/v1/health")
        self.assertEqual(r.status, 200)

    def test_another_address_is_sent_to_https(self):
        # 127.0.0.2 is this machine but not the loopback address the plain
        # port serves: to nginx, any other address.
        for method in ("GET", "POST"):
            r = plain(method, "127.0.0.2", "/api/v1/health?x=1")
            self.assertEqual(r.status, 308, method)
            loc = urllib.parse.urlsplit(r.getheader("Location"))
            self.assertEqual(loc.scheme, "https")
            self.assertEqual(loc.port, HTTPS_PORT)
            self.assertEqual(loc.path + "?" + loc.query, "/api/v1/health?x=1")

    def test_no_hsts_over_plain_http(self):
        r = api("GET", "/health")
        self.assertEqual(r.status, 200, r)
        self.assertNotIn("strict-transport-security", r.headers)


class Headers(unittest.TestCase):
    def check_common(self, r):
        self.assertEqual(r.headers.get("x-content-type-options"), "nosniff", r)
        self.assertEqual(r.headers.get("referrer-policy"), "no-referrer", r)

    def test_https_answers_carry_hsts(self):
        for path in ("/health", "/no-such-route"):
            r = api("GET", HTTPS_BASE + path)
            self.assertRegex(r.headers.get("strict-transport-security", ""),
                             r"^max-age=\d{8,}", (path, r.headers))
            self.check_common(r)

    def test_api_answers_carry_nosniff_and_referrer_policy(self):
        for path in ("/health", "/customers/customers/", "/no-such-route"):
            r = api("GET", path)
            self.check_common(r)
            self.assertIn("frame-ancestors 'none'",
                          r.headers.get("content-security-policy", ""))

    def test_pages_carry_a_strict_csp(self):
        for path in ("/", "/api/docs/"):
            r = api("GET", SITE + path)
            self.assertEqual(r.status, 200, (path, r))
            self.check_common(r)
            csp = r.headers.get("content-security-policy", "")
            self.assertIn("default-src 'self'", csp, path)
            self.assertIn("frame-ancestors 'none'", csp, path)
            self.assertNotIn("unsafe-inline", csp, path)
            self.assertNotIn("unsafe-eval", csp, path)

    def test_pages_have_no_inline_code(self):
        # What the CSP would refuse to run: inline scripts, styles and
        # event handlers. The pages load theirs from files.
        for path in ("/", "/api/docs/"):
            body = api("GET", SITE + path).body.decode()
            for tag in re.findall(r"<script\b[^>]*>", body):
                self.assertIn("src=", tag, path)
            self.assertNotRegex(body, r"<style\b", path)
            self.assertNotRegex(body, r"\son[a-z]+\s*=", path)
            self.assertNotRegex(body, r"\sstyle\s*=", path)

    def test_page_assets_are_served(self):
        for path in ("/site.css", "/api/docs/docs.js", "/api/docs/docs.css"):
            r = api("GET", SITE + path)
            self.assertEqual(r.status, 200, (path, r))


class Socket(unittest.TestCase):
    def test_the_pool_socket_is_nginx_and_the_pool_only(self):
        import configparser
        import stat
        conf = configparser.ConfigParser(interpolation=None)
        conf.read(env("CLIENTELE_CONF"))
        mode = stat.S_IMODE(os.stat(conf["server"]["listen"]).st_mode)
        self.assertEqual(mode & 0o007, 0, oct(mode))  # nobody else
        self.assertIn(mode, (0o600, 0o660), oct(mode))


class Tls(unittest.TestCase):
    def test_tls13_is_spoken(self):
        version, _, _ = tls()
        self.assertEqual(version, "TLSv1.3")

    def test_tls12_gets_an_aead_cipher(self):
        version, cipher, _ = tls(maximum_version=ssl.TLSVersion.TLSv1_2)
        self.assertEqual(version, "TLSv1.2")
        self.assertRegex(cipher, r"GCM|CHACHA20")

    def test_tls12_without_aead_is_refused(self):
        with self.assertRaises(ssl.SSLError):
            tls(maximum_version=ssl.TLSVersion.TLSv1_2,
                ciphers="AES128-SHA:AES256-SHA:ECDHE-RSA-AES128-SHA")

    def test_no_session_tickets(self):
        _, _, session = tls(maximum_version=ssl.TLSVersion.TLSv1_2)
        self.assertFalse(session.has_ticket)


if __name__ == "__main__":
    main()
