"""Module livestream (API.md §7): CSV exports of calls and leads, parsed
with Python's csv module: header row, every matching row whatever
skip/limit, RFC 4180 quoting of commas, quotes and newlines, formula
cells (= + - @) prefixed with ', times in the caller's zone."""

import csv
import http.client
import io
import os
import subprocess
import sys
import threading
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from live import (KEY, VIN, admin_token, assert_error, conf,  # noqa: E402
                  env, live, make_org, request_stream, sql, unique)

TOKEN = admin_token()
NASTY = ['Smith, "Jr."', "line one\nline two\r\nthree", "=SUM(A1:A9)",
         "+15550001", "-2+3", "@cmd", "plain", "ünïcødé"]


def export(path, **params):
    r = live("GET", path + "?" + urllib.parse.urlencode(params), token=TOKEN)
    return r


def rows(r):
    return list(csv.reader(io.StringIO(r.body.decode("utf-8"), newline="")))


def shown(v):
    return "'" + v if v[:1] in "=+-@" else v


class Export(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.org = make_org(name=unique("Csv, \"Motors\" "))
        cls.streams = []
        for i, v in enumerate(NASTY):
            s = request_stream(cls.org, firstName=v, lastName="L%d" % i)
            cls.streams.append(s)
            live("POST", "/leads", {"streamId": s["id"], "firstName": v,
                                    "comment": NASTY[-1 - i]})
            live("POST", "/streams/stop/" + s["id"])
        sql("UPDATE live_streams SET created_at = '2031-06-30 20:15:00' "
            "WHERE id = '%s'" % cls.streams[0]["id"])

    def test_calls_round_trip(self):
        r = export("/dashboard/exportcsvcalls",
                   organizationName=self.org["name"], limit=1, skip=3)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.headers["content-type"], "text/csv; charset=utf-8")
        self.assertTrue(r.headers["content-disposition"].startswith(
            "attachment"), r.headers)
        self.assertTrue(r.body.endswith(b"\r\n"))
        table = rows(r)
        head, body = table[0], table[1:]
        self.assertEqual(head[:4], ["id", "status", "organizationName",
                                    "vin"])
        self.assertEqual(len(body), len(NASTY))  # skip/limit ignored
        by_id = {row[0]: dict(zip(head, row)) for row in body}
        for s, v in zip(self.streams, NASTY):
            row = by_id[s["id"]]
            self.assertEqual(row["firstName"], shown(v))
            self.assertEqual(row["organizationName"], self.org["name"])
            self.assertEqual(row["status"], "missed")

    def test_times_in_the_callers_zone(self):
        sid = self.streams[0]["id"]
        utc = export("/dashboard/exportcsvcalls",
                     organizationName=self.org["name"])
        gmt7 = export("/dashboard/exportcsvcalls",
                      organizationName=self.org["name"], timezoneoffset=-420)
        get = lambda r: [dict(zip(rows(r)[0], x)) for x in rows(r)[1:]
                         if x[0] == sid][0]
        self.assertEqual(get(utc)["createdAt"], "2031-06-30 20:15:00")
        self.assertEqual(get(gmt7)["createdAt"], "2031-07-01 03:15:00")

    def test_filters_apply(self):
        r = export("/dashboard/exportcsvcalls",
                   organizationName=self.org["name"], name="line two")
        self.assertEqual([x[0] for x in rows(r)[1:]], [self.streams[1]["id"]])
        r = export("/dashboard/exportcsvcalls",
                   organizationName=self.org["name"], status="completed")
        self.assertEqual(len(rows(r)), 1)   # the header alone

    def test_leads_round_trip(self):
        r = export("/dashboard/exportcsvleads",
                   organizationName=self.org["name"])
        self.assertEqual(r.status, 200, r)
        table = rows(r)
        head = table[0]
        self.assertIn("comment", head)
        got = sorted((d["firstName"], d["comment"]) for d in
                     (dict(zip(head, x)) for x in table[1:]))
        want = sorted((shown(v), shown(NASTY[-1 - i]))
                      for i, v in enumerate(NASTY))
        self.assertEqual(got, want)

    def test_bad_filters_and_permission(self):
        assert_error(self, export("/dashboard/exportcsvcalls", status="x"),
                     400)
        assert_error(self, export("/dashboard/exportcsvleads",
                                  timezoneoffset=-841), 400)
        assert_error(self, live("GET", "/dashboard/exportcsvcalls"), 401)


# Rows of the unfiltered exports, seeded straight into MariaDB in a
# window of 2001 (before anything else the suite makes, so they come
# last, and no other test's newest-first list sees them).
MANY = 3000


def mariadb_argv():
    c = conf()
    return ["mariadb", "-S", c.get("database", "socket"),
            "-u", c.get("database", "user"),
            "-p" + c.get("database", "password"), "--unbuffered", "-N", "-B",
            c.get("database", "name")]


def explain(statement):
    """EXPLAIN of statement: a list of dicts, one a table."""
    out = sql("EXPLAIN " + statement)
    head = ["id", "select_type", "table", "type", "possible_keys", "key",
            "key_len", "ref", "rows", "Extra"]
    return [dict(zip(head, row)) for row in out]


class Unfiltered(unittest.TestCase):
    """Without organizationName the exports read (created_at, id) down an
    index instead of sorting every row first, and one that fails after
    its 200 is not ended like a whole file."""

    @classmethod
    def setUpClass(cls):
        cls.org = make_org(name=unique("Unfiltered "))
        cls.tag = unique("many")
        sql("INSERT INTO live_streams (id, organization_id, vin, first_name, "
            "last_name, status, created_at) SELECT MD5(CONCAT('%s', seq)), "
            "%d, '%s', CONCAT('%s ', seq), 'Last', 'completed', "
            "'2001-01-01 00:00:00' + INTERVAL seq SECOND "
            "FROM seq_1_to_%d" % (cls.tag, cls.org["id"], VIN, cls.tag, MANY))
        sql("INSERT INTO live_leads (stream_id, organization_id, vin, "
            "first_name, created_at) SELECT MD5(CONCAT('%s', seq)), %d, '%s', "
            "CONCAT('%s ', seq), '2001-01-01 00:00:00' + INTERVAL seq SECOND "
            "FROM seq_1_to_%d" % (cls.tag, cls.org["id"], VIN, cls.tag, MANY))
        # Newest first: seq MANY down to 1.
        cls.want = [r[0] for r in sql(
            "SELECT MD5(CONCAT('%s', seq)) FROM seq_1_to_%d ORDER BY seq DESC"
            % (cls.tag, MANY))]

    @classmethod
    def tearDownClass(cls):
        sql("DELETE FROM live_leads WHERE organization_id = %d" % cls.org["id"])
        sql("DELETE FROM live_streams WHERE organization_id = %d"
            % cls.org["id"])

    def mine(self, table, column):
        head = table[0]
        return [row[head.index(column)] for row in table[1:]
                if row[head.index("firstName")].startswith(self.tag + " ")]

    def test_calls_every_row_in_order(self):
        r = export("/dashboard/exportcsvcalls", limit=5)
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.body.endswith(b"\r\n"))
        table = rows(r)
        self.assertEqual(self.mine(table, "id"), self.want)
        # The seeded rows are the oldest: the file ends with them.
        self.assertEqual([x[0] for x in table[-MANY:]], self.want)
        self.assertEqual(len({x[0] for x in table[1:]}), len(table) - 1)

    def test_leads_every_row_in_order(self):
        r = export("/dashboard/exportcsvleads", skip=10)
        self.assertEqual(r.status, 200, r)
        table = rows(r)
        self.assertEqual(self.mine(table, "streamId"), self.want)
        self.assertEqual([x[1] for x in table[-MANY:]], self.want)

    def test_filtered_still_the_organizations_rows(self):
        r = export("/dashboard/exportcsvcalls",
                   organizationName=self.org["name"])
        self.assertEqual([x[0] for x in rows(r)[1:]], self.want)

    def test_statements_read_an_index_in_order(self):
        """The statements the server runs, as it runs them, captured from
        the process list while a table lock holds them."""
        for path, table in (("/dashboard/exportcsvcalls", "s"),
                            ("/dashboard/exportcsvleads", "l")):
            statement, _ = self.held_export(path)
            plan = explain(statement)
            self.assertEqual(plan[0]["table"], table, plan)
            self.assertIn(plan[0]["type"], ("range", "index"), plan)
            for step in plan:
                self.assertNotIn("filesort", step["Extra"], plan)
                self.assertNotIn("temporary", step["Extra"], plan)
                self.assertNotIn("join buffer", step["Extra"], plan)

    def test_a_stream_cut_off_is_not_a_whole_file(self):
        """The worker's database connection killed after the 200 and the
        header row went out: the client must see an incomplete chunked
        body, not a clean end of a file with no rows."""
        _, got = self.held_export("/dashboard/exportcsvcalls", kill=True)
        status, head, error = got
        if status is None:
            # Either way the client cannot take it for a whole file.
            self.assertIsInstance(error, http.client.RemoteDisconnected)
            return
        self.assertEqual(status, 200)
        self.assertTrue(head.startswith(b"id,status,"), head)
        self.assertIsInstance(error, http.client.IncompleteRead, error)

    def held_export(self, path, kill=False):
        """Runs the export of path while this test holds live_vehicles
        locked, so the worker's SELECT waits; returns its text as the
        process list shows it and (status, first bytes, read error) of the
        response. kill: the worker's connection is killed while it waits,
        else the lock is released."""
        locker = subprocess.Popen(mariadb_argv(), stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        got = []

        def client():
            u = urllib.parse.urlsplit(env("CLIENTELE_URL"))
            c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
            try:
                c.request("GET", u.path + path, headers={
                    "apikey": KEY, "Authorization": "JWT " + TOKEN})
                resp = c.getresponse()
                head = resp.read(10)
                try:
                    resp.read()
                    error = None
                except (http.client.IncompleteRead, OSError) as e:
                    error = e
                got.append((resp.status, head, error))
            except http.client.RemoteDisconnected as e:
                # nginx still held the status line (postpone_output) when
                # the export failed: no answer at all, as visible.
                got.append((None, b"", e))
            finally:
                c.close()

        try:
            locker.stdin.write("LOCK TABLES live_vehicles WRITE;\n"
                               "SELECT 'locked';\n")
            locker.stdin.flush()
            self.assertEqual(locker.stdout.readline().strip(), "locked")
            t = threading.Thread(target=client)
            t.start()
            found = None
            deadline = time.monotonic() + 20
            while found is None and time.monotonic() < deadline:
                for row in sql(
                        "SELECT ID, INFO FROM information_schema.PROCESSLIST "
                        "WHERE STATE LIKE '%metadata lock%' AND INFO LIKE "
                        "'SELECT STRAIGHT_JOIN %FORCE INDEX (live_%_created)%'"):
                    found = row
                time.sleep(0.05)
            self.assertIsNotNone(found, "the export never waited")
            if kill:
                sql("KILL CONNECTION %s" % found[0])
        finally:
            locker.stdin.write("UNLOCK TABLES;\n")
            locker.stdin.close()
            locker.wait(timeout=30)
        t.join(timeout=60)
        self.assertEqual(len(got), 1)
        if not kill:
            self.assertIsNone(got[0][2], got)
        return found[1], got[0]


if __name__ == "__main__":
    unittest.main(verbosity=2)
