"""JWT forgery for the identity tests (not a test itself): HS256/HS512
tokens signed with any secret, unsigned "none" tokens, and a token's
claims with some changed. Python stdlib only (hmac, hashlib, base64)."""

import base64
import hashlib
import hmac
import json
import os
import sys
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from accounts import jwt_claims, jwt_secret  # noqa: E402


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign(claims, alg="HS256", secret=None, header=None):
    """A JWT of claims. alg "none" gives an empty signature; HS256 and
    HS512 sign with secret (default: the server's own)."""
    head = header or {"typ": "JWT", "alg": alg}
    signing_input = (b64url(json.dumps(head).encode()) + "." +
                     b64url(json.dumps(claims).encode()))
    if alg == "none":
        return signing_input + "."
    key = (secret if secret is not None else jwt_secret()).encode()
    digest = {"HS256": hashlib.sha256, "HS512": hashlib.sha512}[alg]
    sig = hmac.new(key, signing_input.encode(), digest).digest()
    return signing_input + "." + b64url(sig)


def claims_for(user_id, token_type="access", ttl=600, iat=None):
    """Claims of a seed 001 token for user_id."""
    now = int(time.time()) if iat is None else iat
    return {"token_type": token_type, "exp": now + ttl, "iat": now,
            "jti": uuid.uuid4().hex, "user_id": user_id}


def resign(token, alg="HS256", secret=None, **changes):
    """token's claims with changes, signed anew."""
    c = jwt_claims(token)
    c.update(changes)
    return sign(c, alg=alg, secret=secret)
