"""Shared helpers of the loyalty API tests (API.md §5, seed 003): tokens
of users holding loyalty:read and loyalty:write, clients made through
POST /create_customer with unique emails, and direct reads of the
database's counts through GET /data."""
import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import api  # noqa: E402
from accounts import access_token, create_user  # noqa: E402

_tokens = {}


def token(kind="write"):
    """A token of a user holding loyalty:read and loyalty:write ("write"),
    loyalty:read only ("read"), or neither ("none"); one user per kind per
    test process."""
    if kind not in _tokens:
        perms = {"write": ("loyalty:read", "loyalty:write"),
                 "read": ("loyalty:read",), "none": ("crm:read",)}[kind]
        _tokens[kind] = access_token(create_user(perms=perms))
    return _tokens[kind]


def tag():
    """A token no other test uses, for names, emails and searches."""
    return "loy" + uuid.uuid4().hex[:12]


def create_client(tc, **over):
    """A client made by POST /create_customer; returns (IdClient, body)."""
    t = tag()
    body = {"name": "Jon" + t, "last_name": "Doe" + t, "sexe": "f",
            "age": 23, "mail": t + "@mail.example", "phone": "+33638614907"}
    body.update(over)
    r = api("POST", "/create_customer", body, token=token())
    tc.assertEqual(r.status, 200, r)
    return r.json["idClient"], body


def get_client(tc, id_client):
    """The client record of GET /data/{IdClient}."""
    r = api("GET", "/data/" + id_client, token=token())
    tc.assertEqual(r.status, 200, r)
    tc.assertIsInstance(r.json, list, r)
    tc.assertEqual(len(r.json), 1, r)
    return r.json[0]


def search(tc, text):
    """GET /data?search=text as a list of clients."""
    r = api("GET", "/data?search=" + text, token=token())
    tc.assertEqual(r.status, 200, r)
    return r.json


def new_card(tc, id_client):
    """A card issued by POST /cards to id_client; returns its number."""
    r = api("POST", "/cards", {"idClient": id_client}, token=token())
    tc.assertEqual(r.status, 201, r)
    return r.json["carteFid"]
