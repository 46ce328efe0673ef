"""Module livestream (API.md §7): CSV exports of calls and leads, parsed
with Python's csv module: header row, every matching row whatever
skip/limit, RFC 4180 quoting of commas, quotes and newlines, formula
cells (= + - @) prefixed with ', times in the caller's zone."""

import csv
import io
import os
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from live import (admin_token, assert_error, live, make_org,  # noqa: E402
                  request_stream, sql, unique)

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


if __name__ == "__main__":
    unittest.main(verbosity=2)
