#!/usr/bin/env python3
# clientele-test: exclusive
"""API test of [loyalty] open (API.md §5, §9): with open = true every
loyalty route is served without credentials, as seed 003's were; set
back to false, they need them again. The test edits the stack's
clientele.conf and reloads the pool (SIGHUP), then restores both."""
import os
import signal
import sys
import time
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api, assert_error, env, main, stack  # noqa: E402


def master_pid():
    return int(stack("pool-pid").stdout)


def children(pid):
    """The pids whose parent is pid."""
    out = set()
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                stat = f.read()
        except OSError:
            continue
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            out.add(int(d))
    return out


def reload_with(text):
    """Writes text as the configuration and waits until every worker was
    replaced by one that read it."""
    with open(env("CLIENTELE_CONF"), "w", encoding="utf-8") as f:
        f.write(text)
    master = master_pid()
    before = children(master)
    os.kill(master, signal.SIGHUP)
    deadline = time.time() + 20
    while children(master) & before:
        if time.time() > deadline:
            raise AssertionError("the reload did not replace the workers")
        time.sleep(0.05)


def with_open(original, value):
    lines, section = [], None
    for line in original.splitlines():
        s = line.strip()
        if s.startswith("["):
            section = s
        if section == "[loyalty]" and s.split("=")[0].strip() == "open":
            line = "open = " + value
        lines.append(line)
    return "\n".join(lines) + "\n"


class Open(unittest.TestCase):
    def test_open_serves_without_credentials(self):
        conf = env("CLIENTELE_CONF")
        with open(conf, encoding="utf-8") as f:
            original = f.read()
        self.assertIn("[loyalty]", original)
        self.addCleanup(reload_with, original)
        reload_with(with_open(original, "true"))

        r = api("GET", "/data")
        self.assertEqual(r.status, 200, r)
        self.assertIsInstance(r.json, list)
        t = "open" + uuid.uuid4().hex[:12]
        r = api("POST", "/create_customer", {
            "name": t, "last_name": t, "sexe": "h", "age": 30,
            "mail": t + "@mail.example", "phone": "0102030405"})
        self.assertEqual(r.status, 200, r)
        id_client = r.json["idClient"]
        r = api("GET", "/data/" + id_client)
        self.assertEqual(r.status, 200, r)
        r = api("POST", "/cards", {"idClient": id_client})
        self.assertEqual(r.status, 201, r)
        card = r.json["carteFid"]
        r = api("POST", "/credit", {"Tickets": [{"carteFid": card, "Montant": 26}]})
        self.assertEqual(r.json, {"Tickets": [{"carteFid": card, "Credit": 13}]})
        self.assertEqual(api("GET", "/credit/%d" % card).json["Credit"], 13)
        r = api("POST", "/update_db", raw="Nom,Compte\n%s,%s\n" % (t, t),
                content_type="text/csv")
        self.assertEqual(r.json, {"created": 1, "updated": 0})
        r = api("GET", "/get_tickets")
        self.assertEqual(r.status, 200, r)
        # Other modules keep their rules.
        assert_error(self, api("GET", "/customers/kam"), 401)

        reload_with(with_open(original, "false"))
        assert_error(self, api("GET", "/data"), 401)
        assert_error(self, api("GET", "/data/" + id_client), 401)


if __name__ == "__main__":
    main()
