"""Accounts for the API tests of every module (module identity, API.md §2).

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
    from accounts import create_user, access_token, apikey

create_user(superuser=False, roles=(), perms=())
    a new account made with clientelectl, with a verified phone; returns
    dict(id, email, username, password, phone). perms makes a fresh role
    holding those permissions and gives it to the user.
access_token(user)
    a seed 001 access JWT for it (POST /auth/token), for api(token=...).
apikey()
    a new apikey (the header of seed 002's routes).

Also used by tests/api/identity: unique values, OTPs from the outbox,
requests from another loopback address (api_from), and the server's JWT
secret and claims decoding (to forge tokens).
"""

import base64
import configparser
import http.client
import json
import os
import random
import re
import sys
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientele_test import BASE, Resp, api, ctl, env  # noqa: E402

__all__ = ["create_user", "access_token", "apikey", "unique", "unique_email",
           "unique_phone", "fresh_ip", "api_from", "latest_otp", "outbox",
           "register_phone_user", "jwt_secret", "jwt_claims", "login_token"]

# A password every helper-made account shares the form of (>= 8 chars).
PASSWORD_PREFIX = "pw-"


def unique(prefix="u"):
    """A name no other test uses: prefix + 12 hex digits."""
    return prefix + uuid.uuid4().hex[:12]


def unique_email():
    return unique("user") + "@example.com"


def unique_phone():
    """A phone number no other test uses: +1 and 11 random digits."""
    return "+1" + "".join(random.choice("0123456789") for _ in range(11))


def new_password():
    return PASSWORD_PREFIX + uuid.uuid4().hex


def create_user(superuser=False, roles=(), perms=(), phone=True):
    """Creates an account with clientelectl (its phone is verified) and
    returns dict(id, email, username, password, phone)."""
    user = {
        "email": unique_email(),
        "username": unique("name"),
        "password": new_password(),
        "phone": unique_phone() if phone else None,
    }
    roles = list(roles)
    if perms:
        name = unique("role")
        args = ["role", "create", name]
        for p in perms:
            args += ["--perm", p]
        ctl(*args)
        roles.append(name)
    args = ["user", "create", "--email", user["email"],
            "--username", user["username"], "--first-name", "Test",
            "--last-name", "User"]
    if user["phone"]:
        args += ["--phone", user["phone"]]
    if superuser:
        args.append("--superuser")
    for r in roles:
        args += ["--role", r]
    args.append("--password-stdin")
    out = ctl(*args, input=user["password"] + "\n")
    user["id"] = int(out.stdout.strip())
    return user


def access_token(user):
    """A seed 001 access token for user (POST /auth/token with its phone),
    or for a user without phone the seed 000 token of POST /auth/login."""
    if user.get("phone"):
        r = api("POST", "/auth/token",
                {"phone": user["phone"], "password": user["password"]})
        if r.status != 200:
            raise AssertionError("POST /auth/token: %r" % r)
        return r.json["token"]["access"]
    return login_token(user)


def login_token(user):
    """The seed 000 token of POST /auth/login for user (by email)."""
    r = api("POST", "/auth/login",
            {"username": user["email"], "password": user["password"]})
    if r.status != 200:
        raise AssertionError("POST /auth/login: %r" % r)
    return r.json["data"]["access_token"]


def apikey():
    """A new apikey, made with clientelectl."""
    return ctl("apikey", "create", unique("app")).stdout.strip()


def outbox(recipient):
    """The outbox messages to recipient, newest first."""
    return json.loads(ctl("outbox", "list", "--recipient", recipient,
                          "--json").stdout)


def latest_otp(phone):
    """The 6 digits of the newest OTP text sent to phone."""
    msgs = outbox(phone)
    if not msgs:
        raise AssertionError("no outbox message to %s" % phone)
    m = re.search(r"\b(\d{6})\b", msgs[0]["body"])
    if not m:
        raise AssertionError("no OTP in %r" % msgs[0])
    return m.group(1)


def register_phone_user(verify=True):
    """Registers through POST /auth/register (phone form) and, with verify,
    verifies the phone with its OTP. Returns dict(phone, password, name)."""
    user = {"phone": unique_phone(), "password": new_password(),
            "name": "Ikram Khan"}
    r = api("POST", "/auth/register", user)
    if r.status != 201:
        raise AssertionError("POST /auth/register: %r" % r)
    if verify:
        r = api("POST", "/auth/verify-otp",
                {"phone": user["phone"], "otp": latest_otp(user["phone"])})
        if r.status != 200:
            raise AssertionError("POST /auth/verify-otp: %r" % r)
    return user


def fresh_ip():
    """A loopback address (127.x.y.z, never 127.0.0.1) for a test of its
    own: nginx passes it as REMOTE_ADDR, so login limits counted per
    address do not touch the other tests."""
    return "127.%d.%d.%d" % (random.randint(1, 254), random.randint(0, 255),
                             random.randint(1, 254))


def api_from(source, method, path, body=None, headers=None):
    """api() from the local address source (see fresh_ip)."""
    u = urllib.parse.urlsplit(BASE + path)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30,
                                      source_address=(source, 0))
    h = {"Content-Type": "application/json"} if body is not None else {}
    h.update(headers or {})
    try:
        conn.request(method, u.path, body=json.dumps(body).encode()
                     if body is not None else None, headers=h)
        r = conn.getresponse()
        got = {}
        for name, value in r.getheaders():
            name = name.lower()
            got[name] = got[name] + ", " + value if name in got else value
        return Resp(r.status, got, r.read())
    finally:
        conn.close()


def jwt_secret():
    """The server's [auth] jwt_secret, from CLIENTELE_CONF."""
    c = configparser.ConfigParser(interpolation=None,
                                  inline_comment_prefixes=("#", ";"))
    with open(env("CLIENTELE_CONF")) as f:
        c.read_file(f)
    return c.get("auth", "jwt_secret")


def _b64url_decode(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def jwt_claims(token):
    """The payload of a JWT (not verified), as a dict."""
    return json.loads(_b64url_decode(token.split(".")[1]))
