#!/usr/bin/env python3
"""The man pages cannot drift from the program: clientele.conf(5) has one
entry per key of every section (core's and each module's, as
"clientele --dump-config" prints the tables conf.c parses) stating its type,
bounds and default exactly, and no entry for a key that does not exist;
clientelectl(8) has an entry for every usage line "clientelectl help"
prints (core's commands and every module's) and none for a command the
program lacks; every page renders with man -l without a groff warning.

A module adding a key or a command adds its paragraph to man/ in the same
change; the message below names what is missing."""
import os
import re
import shutil
import subprocess
import unittest

ROOT = os.environ.get("CLIENTELE_ROOT") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("CLIENTELE_BIN") or os.path.join(ROOT, "clientele")
CTL = os.path.join(os.path.dirname(BIN), "clientelectl")
MAN = os.path.join(ROOT, "man")
PAGES = ["clientele.8", "clientelectl.8", "clientele.conf.5"]


def read(name):
    with open(os.path.join(MAN, name), encoding="utf-8") as f:
        return f.read()


def plain(roff):
    """A line of roff as the reader sees it (enough for these pages)."""
    s = re.sub(r"\\f[BIRP]", "", roff)
    s = s.replace("\\-", "-").replace("\\e", "\\").replace('"', "")
    return " ".join(s.split())


def expected_line(typ, default, lo, hi):
    if typ == "integer":
        return f"Integer from {lo} to {hi}; default {default}."
    if typ == "boolean":
        return f"Boolean (true or false); default {default}."
    if int(lo) > 0:
        return f"String of {lo} to {hi} bytes when given; default {default or 'empty'}."
    return f"String of up to {hi} bytes; default {default or 'empty'}."


def conf_entries(text):
    """{(section, key): the line after ".B key"} of clientele.conf(5)."""
    entries, section = {}, None
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = re.match(r'\.SH "\[([a-z_]+)\]"$', line)
        if m:
            section = m.group(1)
            continue
        if line.startswith(".SH "):
            section = None
        if section and line == ".TP" and i + 2 < len(lines):
            m = re.match(r"\.B (\S+)$", lines[i + 1])
            if m:
                entries[(section, plain(m.group(1)))] = plain(lines[i + 2])
    return entries


def commands_of_help(out):
    """The usage lines of "clientelectl help", continuations joined."""
    usages = []
    for line in out.split("\n"):
        if not line.startswith("  clientelectl "):
            continue
        rest = line[len("  clientelectl "):]
        if rest.startswith(" ") and usages:
            usages[-1] += " " + rest.strip()
        else:
            usages.append(rest.strip())
    return [" ".join(u.split()) for u in usages]


def commands_of_page(text):
    lines = text.split("\n")
    sh = None
    found = []
    for i, line in enumerate(lines):
        if line.startswith(".SH "):
            sh = line[4:]
        if sh == "COMMANDS" and line == ".TP" and lines[i + 1].startswith(".B "):
            found.append(plain(lines[i + 1][3:]))
    return found


class ManPagesTest(unittest.TestCase):
    def test_every_config_key_is_documented_exactly(self):
        dump = subprocess.run([BIN, "--dump-config"], check=True,
                              capture_output=True, text=True).stdout
        keys = [line.split("\t") for line in dump.rstrip("\n").split("\n")]
        self.assertGreater(len(keys), 20, "the dump lists every key")
        entries = conf_entries(read("clientele.conf.5"))
        wrong = []
        for section, key, typ, default, lo, hi in keys:
            want = expected_line(typ, default, lo, hi)
            got = entries.pop((section, key), None)
            if got is None:
                wrong.append(f"[{section}] {key}: no entry; add\n.TP\n.B {key}\n{want}")
            elif got != want:
                wrong.append(f"[{section}] {key}: says {got!r}, the table {want!r}")
        for section, key in entries:
            wrong.append(f"[{section}] {key}: documented, but no such key")
        self.assertEqual(wrong, [], "man/clientele.conf.5 against the config tables:\n"
                         + "\n".join(wrong))

    def test_every_command_is_documented(self):
        out = subprocess.run([CTL, "help"], check=True, capture_output=True,
                             text=True).stdout
        usages = commands_of_help(out)
        self.assertIn("migrate [--dir SQLDIR]", usages)
        self.assertGreater(len(usages), 10, "help lists every module's commands")
        page = commands_of_page(read("clientelectl.8"))
        missing = [u for u in usages if u not in page]
        extra = [p for p in page if p not in usages]
        self.assertEqual(missing, [], "usage lines of clientelectl help missing from "
                         "man/clientelectl.8 (one .TP/.B entry each)")
        self.assertEqual(extra, [], "man/clientelectl.8 documents commands clientelectl lacks")

    def test_pages_render_without_warnings(self):
        if shutil.which("man") is None:
            self.fail("man is missing: install man-db (script/bootstrap does)")
        for name in PAGES:
            r = subprocess.run(["man", "--warnings=w", "-l", os.path.join(MAN, name)],
                               capture_output=True, text=True,
                               env=dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8",
                                        MANPAGER="cat", PAGER="cat"))
            self.assertEqual(r.returncode, 0, name)
            self.assertEqual(r.stderr, "", f"{name}: groff warnings")
            self.assertIn("NAME", r.stdout, name)
            self.assertGreater(len(r.stdout.split("\n")), 30, name)


if __name__ == "__main__":
    unittest.main()
