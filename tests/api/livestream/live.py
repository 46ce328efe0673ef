"""Helpers of the livestream API tests (API.md §7, seed 002): an apikey,
organizations, dealers and their seed 002 logins, the superuser's token,
and direct reads of the test database (to see what the server did when
nobody asked it through the API).

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from live import *
"""

import configparser
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, ctl, env  # noqa: E402,F401
from accounts import apikey, unique, login_token  # noqa: E402,F401

VIN = "1HGCM82633A004352"   # a Honda Accord of 2003; check digit 3 is valid
KEY = apikey()


def conf():
    c = configparser.ConfigParser(interpolation=None,
                                  inline_comment_prefixes=("#", ";"))
    with open(env("CLIENTELE_CONF")) as f:
        c.read_file(f)
    return c


def timeouts():
    """([livestream] request_timeout, ping_timeout, [server] jobs_interval)."""
    c = conf()
    return (c.getint("livestream", "request_timeout", fallback=60),
            c.getint("livestream", "ping_timeout", fallback=30),
            c.getint("server", "jobs_interval", fallback=10))


def sql(query):
    """Runs one SQL statement on the test database; rows as lists of str."""
    c = conf()
    out = subprocess.run(
        ["mariadb", "-S", c.get("database", "socket"),
         "-u", c.get("database", "user"),
         "-p" + c.get("database", "password"), c.get("database", "name"),
         "-N", "-B", "-e", query],
        capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def live(method, path, body=None, token=None, key=KEY, headers=None, **kw):
    """api() with the apikey header, and a seed 002 JWT when given."""
    h = {}
    if key is not None:
        h["apikey"] = key
    if token is not None:
        h["Authorization"] = "JWT " + token
    h.update(headers or {})
    return api(method, path, body, headers=h, **kw)


def make_org(loan_link="https://loans.example/apply", name=None):
    """A new organization: dict(id, name, code, token)."""
    o = {"name": name or unique("Org "), "code": unique("code"),
         "token": unique("tok")}
    args = ["org", "create", "--name", o["name"], "--code", o["code"],
            "--token", o["token"]]
    if loan_link:
        args += ["--loan-link-url", loan_link]
    o["id"] = int(ctl(*args).stdout.strip())
    return o


def make_dealer(org, first="Dana", last="Seller"):
    """A dealer of org, logged in through POST /auth (seed 002): dict(id,
    email, password, token)."""
    d = {"email": unique("dealer") + "@example.com",
         "password": "pw-" + unique(), "first": first, "last": last}
    d["id"] = int(ctl("dealer", "create", "--org", str(org["id"]),
                      "--email", d["email"], "--first-name", first,
                      "--last-name", last, "--password-stdin",
                      input=d["password"] + "\n").stdout.strip())
    r = live("POST", "/auth", {"email": d["email"], "password": d["password"]})
    assert r.status == 200, r
    d["token"] = r.json["token"]
    return d


def admin_token():
    return login_token({"email": env("CLIENTELE_ADMIN_EMAIL"),
                        "password": env("CLIENTELE_ADMIN_PASSWORD")})


def request_stream(org, vin=VIN, **contact):
    body = {"vin": vin}
    body.update(contact)
    r = live("POST", "/streams/request/" + org["code"], body)
    assert r.status == 201, r
    return r.json
