#!/usr/bin/env python3
"""bench/live_export_ttfb.py: time to first byte and total time of
livestream's CSV export of calls (issue #13), unfiltered and filtered by
organizationName, with GET /health timed every 0.5 s during each export
as the reference of the same run. Seeds N calls of one new organization
straight into MariaDB (deleted at the end).

    bench/live_export_ttfb.py [ROWS]      default 1000000

Needs the environment of a running stack (HELPERS.md's dev stack);
run it against a build without sanitizers.
Measured 2026-12-02 (build without sanitizers, 2-core machine shared with
other helpers' stacks), 1,000,000 calls of one organization (seeding them
took 368 s):
  unfiltered         headers 0.004 s, first row 0.129 s, total 81.8 s,
                     159,895,199 bytes; /health n=162 median 2.9 ms,
                     max 16.4 ms
  organizationName   headers 0.005 s, first row 0.045 s, total 79.5 s;
                     /health n=157 median 4.5 ms, max 27.3 ms
(before issue #13's fix the unfiltered one sorted every row first and, past
the 30 s read timeout, ended early after its 200.)"""

import os
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests", "api", "livestream"))
from live import KEY, admin_token, make_org, sql, unique  # noqa: E402

BASE = os.environ["CLIENTELE_URL"]


def health(stop, out):
    while not stop.is_set():
        t = time.monotonic()
        with urllib.request.urlopen(BASE + "/health", timeout=60) as r:
            r.read()
        out.append(time.monotonic() - t)
        stop.wait(0.5)


def export(token, params):
    url = BASE + "/dashboard/exportcsvcalls?" + urllib.parse.urlencode(params)
    req = urllib.request.Request(url, headers={
        "apikey": KEY, "Authorization": "Bearer " + token})
    lat, stop = [], threading.Event()
    t = threading.Thread(target=health, args=(stop, lat))
    t.start()
    start = time.monotonic()
    size = lines = 0
    first_row = None
    with urllib.request.urlopen(req, timeout=1800) as r:
        headers = time.monotonic() - start
        while True:
            b = r.read(1 << 16)
            if not b:
                break
            size += len(b)
            lines += b.count(b"\n")
            if first_row is None and lines >= 2:
                first_row = time.monotonic() - start
    total = time.monotonic() - start
    stop.set()
    t.join()
    lat.sort()
    print("%-22s headers %.3f s, first row %.3f s, total %.1f s, %d lines, "
          "%d bytes; /health n=%d median %.1f ms max %.1f ms" % (
              ",".join(params) or "unfiltered", headers, first_row or -1,
              total, lines, size, len(lat), statistics.median(lat) * 1000,
              lat[-1] * 1000), flush=True)


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    org = make_org(name=unique("Ttfb "))
    t = time.monotonic()
    sql("INSERT INTO live_streams (id, organization_id, vin, first_name, "
        "last_name, phone, status, created_at) SELECT MD5(CONCAT('%s', seq)), "
        "%d, '1HGCM82633A004352', CONCAT('First, \"', seq, '\"'), 'Last', "
        "'+1555', 'completed', UTC_TIMESTAMP(6) - INTERVAL seq SECOND "
        "FROM seq_1_to_%d" % (org["code"], org["id"], rows))
    print("seeded %d calls in %.1f s; %s in live_streams" % (
        rows, time.monotonic() - t,
        sql("SELECT COUNT(*) FROM live_streams")[0][0]), flush=True)
    token = admin_token()
    try:
        export(token, {})
        export(token, {"organizationName": org["name"]})
    finally:
        sql("DELETE FROM live_streams WHERE organization_id = %d" % org["id"])


if __name__ == "__main__":
    main()
