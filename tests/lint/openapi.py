#!/usr/bin/env python3
"""docs/openapi.json stays true: it is the merge of docs/openapi/*.json, and
every route of every route table (src/**/*.c) is documented with its
method. The /debug routes are test-only (404 unless debug_routes) and are
left out on purpose."""
import json
import os
import re
import subprocess
import sys
import unittest

ROOT = os.environ.get("CLIENTELE_ROOT") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
ROUTE = re.compile(r'\.method\s*=\s*CL_([A-Z]+)\s*,\s*\.pattern\s*=\s*"([^"]+)"')


def route_table_entries():
    found = []
    for top, _, files in os.walk(os.path.join(ROOT, "src")):
        for name in files:
            if not name.endswith(".c"):
                continue
            with open(os.path.join(top, name), encoding="utf-8") as f:
                for method, pattern in ROUTE.findall(f.read()):
                    if not pattern.startswith("/debug/"):
                        found.append((method.lower(), pattern, name))
    return found


class OpenAPITest(unittest.TestCase):
    def test_openapi_json_is_the_merge_of_its_fragments(self):
        r = subprocess.run([sys.executable, os.path.join(ROOT, "docs", "build-openapi"),
                            "--check"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_every_route_is_documented_with_its_method(self):
        with open(os.path.join(ROOT, "docs", "openapi.json"), encoding="utf-8") as f:
            paths = json.load(f)["paths"]
        routes = route_table_entries()
        self.assertGreater(len(routes), 3, "no route tables found")
        missing = [f"{m.upper()} {p} ({src})" for m, p, src in routes
                   if m not in paths.get(p, {})]
        self.assertEqual(missing, [], "routes missing from docs/openapi.json")


if __name__ == "__main__":
    unittest.main()
