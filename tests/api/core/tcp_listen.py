"""[server] listen = HOST:PORT (README "Running on several hosts"): a
second pool, with the test stack's configuration but a TCP listen on
loopback, answers FastCGI requests there; addresses that name no host or
no port are refused at start; SIGTERM stops it and frees the port.
script/cluster-test runs pools on TCP across hosts; this checks the
listener on any machine, without root."""
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import env, main  # noqa: E402

CONF = env("CLIENTELE_CONF")
VAR = env("CLIENTELE_VAR")
BINARY = os.path.join(env("CLIENTELE_BUILD"), "clientele")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def fcgi_record(kind, content, rid=1):
    pad = (8 - len(content) % 8) % 8
    return struct.pack("!BBHHBB", 1, kind, rid, len(content), pad, 0) + \
        content + b"\0" * pad


def fcgi_pairs(params):
    out = b""
    for k, v in params.items():
        k, v = k.encode(), v.encode()
        for n in (len(k), len(v)):
            out += struct.pack("!B", n) if n < 128 else \
                struct.pack("!I", n | 0x80000000)
        out += k + v
    return out


def fcgi_get(port, uri, source="127.0.0.1"):
    """GET uri as nginx would send it, from address source; returns
    (status, headers, body), status 0 when the pool closed the
    connection without an answer."""
    params = {
        "REQUEST_METHOD": "GET", "REQUEST_URI": uri, "QUERY_STRING": "",
        "CONTENT_TYPE": "", "CONTENT_LENGTH": "", "REMOTE_ADDR": "127.0.0.1",
        "REMOTE_PORT": "5000", "SERVER_NAME": "_", "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1", "REQUEST_SCHEME": "http",
        "HTTP_HOST": "localhost", "REQUEST_ID": "0" * 32,
    }
    s = socket.create_connection(("127.0.0.1", port), timeout=10,
                                 source_address=(source, 0))
    data, out = b"", b""
    try:
        s.sendall(fcgi_record(1, struct.pack("!HB5x", 1, 0)) +
                  fcgi_record(4, fcgi_pairs(params)) + fcgi_record(4, b"") +
                  fcgi_record(5, b""))
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, BrokenPipeError):
        # Closed with our request unread: the kernel answers with a
        # reset rather than an end of file. No answer either way.
        data = b""
    finally:
        s.close()
    while len(data) >= 8:
        _, kind, _, n, pad, _ = struct.unpack("!BBHHBB", data[:8])
        if kind == 6:
            out += data[8:8 + n]
        data = data[8 + n + pad:]
    if not out:
        return 0, {}, b""
    head, _, body = out.partition(b"\r\n\r\n")
    headers = dict(line.split(": ", 1) for line in head.decode().split("\r\n")
                   if ": " in line)
    return int(headers.get("Status", "200").split()[0]), headers, body


class TcpListen(unittest.TestCase):
    def conf(self, listen):
        """The stack's configuration with its own listen, log and pid.
        Logs go to the stack's log/ directory, where script/test looks
        for sanitizer reports."""
        d = tempfile.mkdtemp(prefix="tcp-listen.", dir=os.path.join(VAR, "log"))
        with open(CONF) as f:
            text = f.read()
        for key, value in (("listen", listen), ("workers", "2"),
                           ("log_file", d + ".log"),
                           ("pid_file", d + "/clientele.pid")):
            text, n = re.subn(r"(?m)^%s = .*$" % key, "%s = %s" % (key, value),
                              text)
            self.assertEqual(n, 1, key)
        path = d + "/clientele.conf"
        with open(path, "w") as f:
            f.write(text)
        return path, d

    def start(self, listen, environ=None):
        path, d = self.conf(listen)
        with open(d + "-stderr.log", "ab") as err:
            p = subprocess.Popen([BINARY, "-c", path], stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=err,
                                 env=dict(os.environ, **(environ or {})))
        self.addCleanup(self.stop, p)
        return p, d

    @staticmethod
    def stop(p):
        """SIGTERM, so the master stops its workers too (a SIGKILLed
        master would leave them orphaned, still holding the port)."""
        if p.poll() is not None:
            return
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(timeout=40)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()

    def test_pool_answers_on_tcp_and_stops(self):
        port = free_port()
        p, d = self.start("127.0.0.1:%d" % port)
        status, headers, body = self.wait_answer(p, port)
        self.assertEqual(status, 200, body)
        self.assertIn(b'"db":"ok"', body)
        self.assertTrue(headers.get("Content-Type", "").startswith(
            "application/json"), headers)
        with open(d + ".log") as f:
            self.assertIn("listening on 127.0.0.1:%d" % port, f.read())
        # A route that does not exist: the app's own 404, not a dead end.
        status, _, body = fcgi_get(port, "/api/v1/no-such-route")
        self.assertEqual(status, 404, body)
        p.send_signal(signal.SIGTERM)
        self.assertEqual(p.wait(timeout=40), 0)
        # The port is free again (and nothing is left listening on it).
        with self.assertRaises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
        s.close()

    def wait_answer(self, p, port, source="127.0.0.1"):
        deadline = time.time() + 30
        while True:
            try:
                got = fcgi_get(port, "/api/v1/health", source)
                if got[0] != 0:
                    return got
            except OSError:
                pass  # not listening yet
            self.assertIsNone(p.poll(), "the pool exited")
            self.assertLess(time.time(), deadline, "no answer in 30 s")
            time.sleep(0.1)

    def test_web_server_addrs_admits_only_nginx(self):
        # libfcgi's FCGI_WEB_SERVER_ADDRS (README "Running on several
        # hosts"): connections from other addresses are closed unanswered.
        port = free_port()
        p, _ = self.start("127.0.0.1:%d" % port,
                          {"FCGI_WEB_SERVER_ADDRS": "127.0.0.2"})
        status, _, body = self.wait_answer(p, port, "127.0.0.2")
        self.assertEqual(status, 200, body)
        for _ in range(3):
            self.assertEqual(fcgi_get(port, "/api/v1/health")[0], 0)
        self.assertEqual(fcgi_get(port, "/api/v1/health", "127.0.0.2")[0], 200)

    def test_unclear_addresses_are_refused_at_start(self):
        for listen in (":%d" % free_port(), "127.0.0.1:0",
                       "127.0.0.1:70000", "::1:9000", "[::1]9000"):
            with self.subTest(listen=listen):
                p, d = self.start(listen)
                self.assertEqual(p.wait(timeout=30), 1)
                with open(d + ".log") as f:
                    log = f.read()
                self.assertIn("neither a socket path nor host:port", log)

    def test_address_in_use_is_an_error(self):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        self.addCleanup(s.close)
        p, d = self.start("127.0.0.1:%d" % s.getsockname()[1])
        self.assertEqual(p.wait(timeout=30), 1)
        with open(d + ".log") as f:
            self.assertIn("cannot listen on 127.0.0.1:", f.read())


if __name__ == "__main__":
    main()
