#!/usr/bin/env python3
"""make install DESTDIR=... installs exactly the production file list
(README, "Installing on a server"): the two binaries, the migrations and
demo data, the pages and API docs (with Swagger UI when script/bootstrap
fetched it), the nginx snippet and sample site, the sample configuration
(and clientele.conf, mode 0640), the systemd unit, the logrotate file and
the man pages, with every path placeholder filled in. The installed
configuration passes "clientele -t", the installed site passes "nginx -t",
the unit passes "systemd-analyze verify" (where systemd-analyze exists;
it does not start it), and make uninstall removes every file again.

Runs "make install" in the build directory make check runs in
($CLIENTELE_BUILDDIR, exported by tests/lint/local.mk)."""
import glob
import os
import re
import shutil
import stat
import subprocess
import tempfile
import unittest

ROOT = os.environ.get("CLIENTELE_ROOT") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("CLIENTELE_BUILDDIR") or ROOT


def make(*args, **kw):
    return subprocess.run(["make", "--no-print-directory", "-s", "-C", BUILD] + list(args),
                          capture_output=True, text=True, **kw)


def dirs():
    r = make("print-install-dirs", check=True)
    return dict(l.split("=", 1) for l in r.stdout.split("\n") if "=" in l)


def expected(d):
    # The sources this build installs from (under distcheck, not ROOT).
    src = d["srcdir"]
    sql = sorted(os.path.basename(p) for p in glob.glob(os.path.join(src, "sql", "[0-9]" * 4 + "_*.sql")))
    demo = sorted(os.path.basename(p) for p in glob.glob(os.path.join(src, "sql", "demo", "*.sql")))
    share = d["pkgdatadir"]
    files = {
        d["sbindir"] + "/clientele", d["bindir"] + "/clientelectl",
        share + "/clientele.conf.sample",
        share + "/www/index.html", share + "/www/site.css", share + "/www/favicon.svg",
        share + "/www/index.js", share + "/www/session.js", share + "/www/import.html",
        share + "/www/import.js",
        share + "/www/api/docs/index.html", share + "/www/api/docs/docs.js",
        share + "/www/api/docs/docs.css", share + "/www/api/docs/openapi.json",
        share + "/nginx/clientele.conf.in", share + "/nginx/nginx.conf.in",
        share + "/nginx/snippet.conf.in", share + "/nginx/unknown-hosts.conf.in",
        d["sysconfdir"] + "/clientele/clientele.conf",
        d["sysconfdir"] + "/nginx/snippets/clientele.conf",
        d["sysconfdir"] + "/nginx/snippets/clientele-unknown-hosts.conf",
        d["sysconfdir"] + "/nginx/sites-available/clientele",
        d["sysconfdir"] + "/logrotate.d/clientele",
        d["systemdsystemunitdir"] + "/clientele.service",
        d["mandir"] + "/man8/clientele.8", d["mandir"] + "/man8/clientelectl.8",
        d["mandir"] + "/man5/clientele.conf.5",
    }
    files |= {share + "/sql/" + f for f in sql}
    files |= {share + "/sql/demo/" + f for f in demo}
    if os.path.exists(os.path.join(src, "docs", "viewer", "node_modules", "swagger-ui-dist",
                                   "swagger-ui-bundle.js")):
        files |= {share + "/www/api/docs/viewer/" + f for f in
                  ("index.html", "init.js", "viewer.css", "swagger-ui-bundle.js",
                   "swagger-ui.css", "LICENSE", "NOTICE")}
    return files, len(sql)


def installed(dest):
    out = set()
    for top, _, names in os.walk(dest):
        for n in names:
            out.add("/" + os.path.relpath(os.path.join(top, n), dest))
    return out


class Install(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dest = tempfile.mkdtemp(prefix="clientele-destdir.")
        r = make("install", "DESTDIR=" + cls.dest)
        if r.returncode != 0:
            raise AssertionError("make install failed:\n" + r.stdout + r.stderr)
        cls.d = dirs()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dest, ignore_errors=True)

    def path(self, p):
        return self.dest + p

    def test_the_file_list(self):
        want, nsql = expected(self.d)
        self.assertGreater(nsql, 5, "the migrations of the tree")
        got = installed(self.dest)
        self.assertEqual(sorted(got - want), [], "installed but not expected")
        self.assertEqual(sorted(want - got), [], "expected but not installed")

    def test_modes(self):
        conf = os.stat(self.path(self.d["sysconfdir"] + "/clientele/clientele.conf"))
        self.assertEqual(stat.S_IMODE(conf.st_mode), 0o640, "the configuration holds secrets")
        for b in (self.d["sbindir"] + "/clientele", self.d["bindir"] + "/clientelectl"):
            self.assertTrue(os.access(self.path(b), os.X_OK), b)
        unit = os.stat(self.path(self.d["systemdsystemunitdir"] + "/clientele.service"))
        self.assertEqual(stat.S_IMODE(unit.st_mode), 0o644)

    def test_placeholders_are_filled_with_this_builds_paths(self):
        files = [self.d["sysconfdir"] + p for p in (
            "/clientele/clientele.conf", "/nginx/snippets/clientele.conf",
            "/nginx/snippets/clientele-unknown-hosts.conf",
            "/nginx/sites-available/clientele", "/logrotate.d/clientele")]
        files.append(self.d["systemdsystemunitdir"] + "/clientele.service")
        for f in files:
            with open(self.path(f), encoding="utf-8") as fh:
                text = fh.read()
            self.assertEqual(re.findall(r"@[A-Za-z_]+@", text), [], f)
        with open(self.path(self.d["systemdsystemunitdir"] + "/clientele.service")) as fh:
            unit = fh.read()
        self.assertIn("ExecStart=%s/clientele -c %s/clientele/clientele.conf"
                      % (self.d["sbindir"], self.d["sysconfdir"]), unit)
        self.assertIn("ExecStartPre=%s/clientelectl -c %s/clientele/clientele.conf migrate"
                      % (self.d["bindir"], self.d["sysconfdir"]), unit)
        for line in ("Type=notify", "ExecReload=/bin/kill -HUP $MAINPID",
                     "Restart=on-failure", "User=clientele", "ProtectSystem=strict",
                     "ProtectHome=true", "PrivateTmp=true", "NoNewPrivileges=true",
                     "RuntimeDirectory=clientele", "StateDirectory=clientele",
                     "LogsDirectory=clientele"):
            self.assertIn("\n" + line + "\n", unit)
        with open(self.path(self.d["sysconfdir"] + "/nginx/snippets/clientele.conf")) as fh:
            snippet = fh.read()
        self.assertIn("alias %s/www/api/docs/;" % self.d["pkgdatadir"], snippet)
        self.assertIn("root %s/www;" % self.d["pkgdatadir"], snippet)

    def test_the_binaries_read_the_installed_configuration(self):
        conf = self.path(self.d["sysconfdir"] + "/clientele/clientele.conf")
        r = subprocess.run([self.path(self.d["sbindir"] + "/clientele"), "-t", "-c", conf],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        # They were built for these paths: the default configuration is
        # the installed one.
        r = subprocess.run([self.path(self.d["sbindir"] + "/clientele"), "-h"],
                           capture_output=True, text=True)
        self.assertIn(self.d["sysconfdir"] + "/clientele/clientele.conf", r.stderr)

    def test_nginx_accepts_the_sample_site(self):
        if shutil.which("nginx") is None:
            self.fail("nginx is missing (script/bootstrap installs it)")
        tmp = tempfile.mkdtemp(prefix="clientele-nginx.")
        self.addCleanup(shutil.rmtree, tmp, True)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=localhost", "-keyout", tmp + "/key.pem",
                        "-out", tmp + "/cert.pem"], check=True, capture_output=True)
        with open(self.path(self.d["sysconfdir"] + "/nginx/sites-available/clientele")) as fh:
            site = fh.read()
        site = (site.replace(self.d["sysconfdir"] + "/nginx/snippets/",
                             self.dest + self.d["sysconfdir"] + "/nginx/snippets/")
                .replace("/etc/ssl/certs/ssl-cert-snakeoil.pem", tmp + "/cert.pem")
                .replace("/etc/ssl/private/ssl-cert-snakeoil.key", tmp + "/key.pem")
                .replace(self.d["localstatedir"] + "/log/nginx/", tmp + "/"))
        mime = "/etc/nginx/mime.types"
        if not os.path.exists(mime):
            mime = os.path.join(self.d["srcdir"], "nginx", "mime.types")
        with open(tmp + "/nginx.conf", "w") as fh:
            fh.write("pid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\n"
                     "http {\ninclude %s;\ninclude %s/site.conf;\n}\n" % (tmp, tmp, mime, tmp))
        # As shipped (any host name), then as the comments say to name the
        # hosts: server_name set and the refusal of other names included.
        include = "# include %s/nginx/snippets/clientele-unknown-hosts.conf;" % (
            self.dest + self.d["sysconfdir"])
        self.assertIn(include, site)
        with open(self.path(self.d["sysconfdir"]
                            + "/nginx/snippets/clientele-unknown-hosts.conf")) as fh:
            refusal = fh.read()
        with open(tmp + "/unknown-hosts.conf", "w") as fh:
            fh.write(refusal.replace("/etc/ssl/certs/ssl-cert-snakeoil.pem", tmp + "/cert.pem")
                     .replace("/etc/ssl/private/ssl-cert-snakeoil.key", tmp + "/key.pem")
                     .replace(self.d["localstatedir"] + "/log/nginx/", tmp + "/"))
        named = (site.replace("server_name _;", "server_name crm.example.com;")
                 .replace(include, "include %s/unknown-hosts.conf;" % tmp))
        self.assertNotEqual(named, site)
        for text in (site, named):
            with open(tmp + "/site.conf", "w") as fh:
                fh.write(text)
            r = subprocess.run(["nginx", "-t", "-q", "-p", tmp, "-c", tmp + "/nginx.conf"],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)

    def test_systemd_analyze_verifies_the_unit(self):
        if shutil.which("systemd-analyze") is None:
            # Said, not skipped silently: the unit's text is checked above.
            print("note: no systemd-analyze here; the unit is not verified by systemd")
            return
        unit = self.path(self.d["systemdsystemunitdir"] + "/clientele.service")
        # Verified in a copy whose commands point into DESTDIR, since the
        # binaries are not installed at their final paths.
        tmp = tempfile.mkdtemp(prefix="clientele-unit.")
        self.addCleanup(shutil.rmtree, tmp, True)
        with open(unit) as fh:
            text = fh.read()
        for key in ("sbindir", "bindir"):
            text = text.replace("=%s/" % self.d[key], "=%s%s/" % (self.dest, self.d[key]))
        text = text.replace("ConditionPathExists=", "ConditionPathExists=" + self.dest)
        with open(tmp + "/clientele.service", "w") as fh:
            fh.write(text)
        r = subprocess.run(["systemd-analyze", "verify", "--man=no", tmp + "/clientele.service"],
                           capture_output=True, text=True,
                           env=dict(os.environ, SYSTEMD_LOG_LEVEL="notice"))
        problems = [l for l in (r.stdout + r.stderr).split("\n")
                    if l.strip() and "clientele.service" in l]
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(problems, [], "systemd-analyze verify")

    def test_make_uninstall_removes_every_file(self):
        dest = tempfile.mkdtemp(prefix="clientele-uninstall.")
        self.addCleanup(shutil.rmtree, dest, True)
        r = make("install", "DESTDIR=" + dest)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = make("uninstall", "DESTDIR=" + dest)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(sorted(installed(dest)), [])

    def test_make_install_keeps_an_edited_configuration(self):
        conf = self.path(self.d["sysconfdir"] + "/clientele/clientele.conf")
        with open(conf, "a") as fh:
            fh.write("# edited by the administrator\n")
        r = make("install", "DESTDIR=" + self.dest)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(conf) as fh:
            self.assertIn("# edited by the administrator", fh.read())


if __name__ == "__main__":
    unittest.main()
