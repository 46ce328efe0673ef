#!/usr/bin/env python3
"""bench/live_export_rss.py: the worker memory of livestream's CSV export
(issue #13): seeds an organization with N calls straight into MariaDB,
exports them through nginx, and prints the serving worker's RSS before
and at its peak during the export (sampled from /proc every 20 ms).

    bench/live_export_rss.py ROWS [ROWS...]     e.g. 10 1000000

Needs the environment of a running stack as script/test or HELPERS.md's
dev stack sets it (CLIENTELE_URL, CLIENTELE_CONF, CLIENTELECTL,
CLIENTELE_STACK, CLIENTELE_ADMIN_EMAIL, CLIENTELE_ADMIN_PASSWORD). Run it
against a build without sanitizers for figures comparable to DESIGN.md's.
Measured 2026-12-01 (release build, 2-core machine shared with other
stacks): 10 rows 8.04 -> 8.26 MB (first request of that worker),
1,000,000 rows (152 MB of CSV, 97 s) 8.26 -> 8.26 MB (+4 kB)."""

import os
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests", "api", "livestream"))
from live import KEY, admin_token, make_org, sql, unique  # noqa: E402


def children(master):
    out = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            stat = open("/proc/%s/stat" % p).read()
        except OSError:
            continue
        # The command name may hold spaces: fields follow its last ')'.
        if int(stat[stat.rindex(")") + 2:].split()[1]) == master:
            out.append(int(p))
    return out


def rss_kb(pid):
    try:
        for line in open("/proc/%d/status" % pid):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(rows):
    org = make_org(name=unique("Bench %d " % rows))
    sql("INSERT INTO live_streams (id, organization_id, vin, first_name, "
        "last_name, phone, status, created_at) SELECT MD5(CONCAT('%s', seq)), "
        "%d, '1HGCM82633A004352', CONCAT('First, \"', seq, '\"'), 'Last', "
        "'+1555', 'completed', UTC_TIMESTAMP(6) - INTERVAL seq SECOND "
        "FROM seq_1_to_%d" % (org["code"], org["id"], rows))
    # Logging in hashes a password with scrypt (tens of MB in a worker):
    # done before the first sample, so it is not counted as the export's.
    token = admin_token()
    master = int(subprocess.run([os.environ["CLIENTELE_STACK"], "pool-pid"],
                                capture_output=True, text=True,
                                check=True).stdout)
    before = {p: rss_kb(p) for p in children(master)}
    peak, done = {}, threading.Event()

    def sample():
        while not done.is_set():
            for p in children(master):
                peak[p] = max(peak.get(p, 0), rss_kb(p))
            time.sleep(0.02)

    t = threading.Thread(target=sample)
    t.start()
    url = os.environ["CLIENTELE_URL"] + "/dashboard/exportcsvcalls?" + \
        urllib.parse.urlencode({"organizationName": org["name"]})
    req = urllib.request.Request(url, headers={
        "apikey": KEY, "Authorization": "Bearer " + token})
    start, size, lines = time.time(), 0, 0
    with urllib.request.urlopen(req, timeout=1800) as r:
        while True:
            b = r.read(1 << 16)
            if not b:
                break
            size += len(b)
            lines += b.count(b"\n")
    done.set()
    t.join()
    grew = {p: peak[p] - before.get(p, peak[p]) for p in peak}
    w = max(grew, key=lambda p: grew[p])
    print("%d rows: %d bytes, %d lines, %.1f s; worker %d RSS %d kB before, "
          "%d kB peak (%+d kB)" % (rows, size, lines, time.time() - start, w,
                                   before.get(w, 0), peak[w], grew[w]))
    sql("DELETE FROM live_streams WHERE organization_id = %d" % org["id"])


if __name__ == "__main__":
    for n in sys.argv[1:] or ["10"]:
        measure(int(n))
