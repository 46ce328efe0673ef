"""systemd's readiness protocol (Type=notify, sd_notify(3)), without
systemd: a second master of the test stack's configuration, on its own
socket and log, with NOTIFY_SOCKET pointing at a datagram socket of this
test. It reports READY=1 with its pid once it listens, RELOADING=1 then
READY=1 around a SIGHUP, and STOPPING=1 on SIGTERM, then exits 0; it serves
FastCGI meanwhile."""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import env, main  # noqa: E402

VAR = env("CLIENTELE_VAR")
BIN = os.path.join(env("CLIENTELE_BUILD"), "clientele")


def config(listen, log):
    out = []
    with open(env("CLIENTELE_CONF"), encoding="utf-8") as f:
        for line in f:
            key = line.partition("=")[0].strip()
            if key == "listen":
                line = "listen = %s\n" % listen
            elif key == "log_file":
                line = "log_file = %s\n" % log
            elif key in ("pid_file", "workers"):
                line = "%s = %s\n" % (key, "" if key == "pid_file" else "2")
            out.append(line)
    return "".join(out)


class Notify(unittest.TestCase):
    def start(self, address):
        tmp = tempfile.mkdtemp(dir=os.path.join(VAR, "run"))
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.addCleanup(self.sock.close)
        self.sock.bind(address if address.startswith("/") else "\0" + address[1:])
        self.sock.settimeout(60)
        conf = os.path.join(tmp, "clientele.conf")
        self.listen = os.path.join(tmp, "pool.sock")
        self.log = os.path.join(VAR, "log", "notify-%d.log" % os.getpid())
        with open(conf, "w", encoding="utf-8") as f:
            f.write(config(self.listen, self.log))
        self.proc = subprocess.Popen([BIN, "-c", conf],
                                     env=dict(os.environ, NOTIFY_SOCKET=address),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(self.stop)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def message(self):
        data = self.sock.recv(4096).decode()
        return dict(l.split("=", 1) for l in data.split("\n") if l)

    def check_lifecycle(self):
        ready = self.message()
        self.assertEqual(ready.get("READY"), "1", ready)
        self.assertEqual(int(ready["MAINPID"]), self.proc.pid)
        self.assertIn(self.listen, ready.get("STATUS", ""))
        # It listens by then: a FastCGI client can connect.
        c = socket.socket(socket.AF_UNIX)
        c.connect(self.listen)
        c.close()

        self.proc.send_signal(signal.SIGHUP)
        reloading = self.message()
        self.assertEqual(reloading.get("RELOADING"), "1", reloading)
        self.assertGreater(int(reloading["MONOTONIC_USEC"]), 0)
        self.assertEqual(self.message(), {"READY": "1"})

        self.proc.send_signal(signal.SIGTERM)
        self.assertEqual(self.message(), {"STOPPING": "1"})
        self.assertEqual(self.proc.wait(40), 0)
        self.assertFalse(os.path.exists(self.listen), "the socket is removed")

    def test_ready_reloading_stopping_on_a_path(self):
        path = os.path.join(VAR, "run", "notify-%d.sock" % os.getpid())
        self.addCleanup(lambda: os.path.exists(path) and os.unlink(path))
        self.start(path)
        self.check_lifecycle()

    def test_abstract_socket_address(self):
        self.start("@clientele-notify-test-%d" % os.getpid())
        self.check_lifecycle()

    def test_without_notify_socket_the_pool_still_starts(self):
        # The dev stack's own pool: no NOTIFY_SOCKET, and it serves.
        from clientele_test import api
        self.assertEqual(api("GET", "/health").status, 200)


if __name__ == "__main__":
    main()
