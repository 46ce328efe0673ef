"""Helpers for Clientele's API tests: HTTP calls, the shared error-shape
check, and the admin CLI and stack commands of the running test stack.

The tests are black-box: they talk HTTP to nginx in front of the pool, as
a client would. script/test starts a throw-away stack and exports:
  CLIENTELE_URL        http://127.0.0.1:PORT/api/v1
  CLIENTELE_HTTPS_URL  https://127.0.0.1:PORT/api/v1 (self-signed)
  CLIENTELE_CONF       the stack's clientele.conf
  CLIENTELE_VAR        the stack's state directory
  CLIENTELE_ROOT       the source tree
  CLIENTELECTL         the built clientelectl
  CLIENTELE_STACK      script/stack (addresses this stack through the
                       variables above)
  CLIENTELE_ADMIN_EMAIL, CLIENTELE_ADMIN_PASSWORD   the superuser

A test file starts with
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
    from clientele_test import api, assert_error, main
and ends with "if __name__ == '__main__': main()".
"""

import http.client
import json
import os
import signal
import ssl
import subprocess
import sys
import time
import unittest
import urllib.parse

__all__ = ["BASE", "HTTPS_BASE", "SITE", "Resp", "api", "assert_error",
           "ctl", "stack", "env", "main", "pool_master", "pool_children",
           "wait_until", "conf_set", "reload_pool"]


def env(name):
    """The value of environment variable name; exits loudly when the test
    runs outside script/test."""
    value = os.environ.get(name)
    if not value:
        sys.stderr.write("%s is not set: run the API tests with script/test, "
                         "which starts a stack and sets it\n" % name)
        sys.exit(99)  # automake: hard error
    return value


BASE = env("CLIENTELE_URL").rstrip("/")
HTTPS_BASE = os.environ.get("CLIENTELE_HTTPS_URL", "").rstrip("/")
# The site root (scheme://host:port), for the static pages and nginx paths.
SITE = urllib.parse.urlunsplit(urllib.parse.urlsplit(BASE)[:2] + ("", "", ""))
TIMEOUT = 30


class Resp:
    """One HTTP response: status (int), headers (dict with lower-case
    names; repeated headers joined with ", "), body (bytes), json (the
    parsed body, or None when it is not JSON)."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    def __repr__(self):
        return "<Resp %d %r>" % (self.status, self.body[:300])


def api(method, path, body=None, headers=None, token=None, raw=None,
        content_type="application/json", base=None, source=None):
    """Sends one request and returns a Resp; never raises on HTTP errors.

    path is relative to the API base (BASE, or base), e.g. "/health";
    a path starting with "http" is used as is. body is sent JSON-encoded,
    raw (bytes or str) as is; either gets content_type (None: no
    Content-Type header). token adds "Authorization: Bearer <token>".
    headers are sent last, so they can override all of the above.
    source is a local address to send from ("127.0.0.2": any 127.x
    address works), so that nginx and the app see another client."""
    url = path if path.startswith("http") else (base or BASE) + path
    u = urllib.parse.urlsplit(url)
    src = (source, 0) if source else None
    if u.scheme == "https":
        conn = http.client.HTTPSConnection(
            u.hostname, u.port, timeout=TIMEOUT, source_address=src,
            context=ssl._create_unverified_context())
    else:
        conn = http.client.HTTPConnection(u.hostname, u.port,
                                          timeout=TIMEOUT, source_address=src)
    h = {}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
    elif raw is not None:
        data = raw.encode() if isinstance(raw, str) else raw
    if data is not None and content_type is not None:
        h["Content-Type"] = content_type
    if token is not None:
        h["Authorization"] = "Bearer " + token
    h.update(headers or {})
    target = u.path + ("?" + u.query if u.query else "")
    try:
        conn.request(method, target, body=data, headers=h)
        r = conn.getresponse()
        got = {}
        for name, value in r.getheaders():
            name = name.lower()
            got[name] = got[name] + ", " + value if name in got else value
        return Resp(r.status, got, r.read())
    finally:
        conn.close()


def assert_error(tc, resp, status, code=None):
    """The one check of every error response (API.md §1): the status (and
    code, when given), a JSON body {"status":"error","code","detail"} with
    an optional "errors" object of field -> list of strings, and the
    X-Request-Id header."""
    tc.assertEqual(resp.status, status, resp)
    tc.assertTrue(resp.headers.get("content-type", "").startswith(
        "application/json"), resp.headers)
    tc.assertIsInstance(resp.json, dict, resp)
    tc.assertEqual(resp.json.get("status"), "error", resp)
    tc.assertIsInstance(resp.json.get("code"), str, resp)
    tc.assertTrue(resp.json["code"], resp)
    tc.assertIsInstance(resp.json.get("detail"), str, resp)
    if code is not None:
        tc.assertEqual(resp.json["code"], code, resp)
    if "errors" in resp.json:
        errors = resp.json["errors"]
        tc.assertIsInstance(errors, dict, resp)
        for field, problems in errors.items():
            tc.assertIsInstance(problems, list, (field, resp))
            for p in problems:
                tc.assertIsInstance(p, str, (field, resp))
    tc.assertTrue(resp.headers.get("x-request-id"), resp.headers)


def _run(argv, input=None, check=True):
    p = subprocess.run(argv, input=input, capture_output=True, text=True,
                       timeout=300)
    if check and p.returncode != 0:
        raise AssertionError("%s exited %d\nstdout: %s\nstderr: %s" % (
            " ".join(argv), p.returncode, p.stdout, p.stderr))
    return p


def ctl(*args, input=None, check=True):
    """Runs clientelectl -c CLIENTELE_CONF args...; input (str) goes to its
    stdin. Returns the subprocess.CompletedProcess (text stdout, stderr);
    raises AssertionError on a non-zero exit unless check is False."""
    return _run([env("CLIENTELECTL"), "-c", env("CLIENTELE_CONF")]
                + list(args), input=input, check=check)


def stack(*args, check=True):
    """Runs script/stack args... (db-stop, db-start, pool-start, ...) on
    the test stack. Returns the CompletedProcess."""
    return _run([env("CLIENTELE_STACK")] + list(args), check=check)


def pool_master():
    """The pool master's pid."""
    return int(stack("pool-pid").stdout)


def pool_children(pid):
    """The live (not zombie) processes whose parent is pid."""
    out = set()
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                fields = f.read().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.add(int(d))
    return out


def wait_until(predicate, seconds, what):
    """Polls predicate until it is true; AssertionError after seconds."""
    deadline = time.time() + seconds
    while not predicate():
        if time.time() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.02)


def conf_set(text, section, key, value):
    """text (a clientele.conf) with key of [section] set to value; the
    key must be there."""
    lines, cur, done = [], None, False
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("["):
            cur = s
        elif cur == "[%s]" % section and s.split("=")[0].strip() == key:
            line, done = "%s = %s" % (key, value), True
        lines.append(line)
    if not done:
        raise AssertionError("no %s in [%s]" % (key, section))
    return "\n".join(lines) + "\n"


def reload_pool(text=None, seconds=20):
    """Writes text as the stack's configuration (when given), reloads the
    pool (SIGHUP) and waits until every worker before it has exited."""
    if text is not None:
        with open(env("CLIENTELE_CONF"), "w", encoding="utf-8") as f:
            f.write(text)
    master = pool_master()
    before = pool_children(master)
    os.kill(master, signal.SIGHUP)
    wait_until(lambda: not (pool_children(master) & before), seconds,
               "the reload to replace the workers")


def main():
    """unittest.main that exits non-zero when a test fails."""
    unittest.main(verbosity=2)
