#!/usr/bin/env python3
"""Every C file under src/ includes core/banned.h after its other includes,
so the functions it bans (sprintf, strcpy, atoi, gmtime, unprepared
queries, ...) are compile errors everywhere; only db.c may run unprepared
SQL (migrations)."""
import os
import re
import unittest

ROOT = os.environ.get("CLIENTELE_ROOT") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
INCLUDE = re.compile(r'^#include\s+[<"]([^>"]+)[>"]', re.M)


def c_files():
    for top, _, files in os.walk(os.path.join(ROOT, "src")):
        for name in files:
            if name.endswith(".c"):
                yield os.path.join(top, name)


class BannedTest(unittest.TestCase):
    def test_every_c_file_includes_banned_h_last(self):
        wrong = []
        for path in c_files():
            with open(path, encoding="utf-8") as f:
                includes = INCLUDE.findall(f.read())
            if not includes or includes[-1] != "core/banned.h":
                wrong.append(os.path.relpath(path, ROOT))
        self.assertEqual(wrong, [], "files not ending their includes with core/banned.h")

    def test_only_db_c_may_run_unprepared_sql(self):
        offenders = []
        for path in c_files():
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if "#define CL_DB_C" in text and not path.endswith("src/core/db.c"):
                offenders.append(os.path.relpath(path, ROOT))
        self.assertEqual(offenders, [])


if __name__ == "__main__":
    unittest.main()
