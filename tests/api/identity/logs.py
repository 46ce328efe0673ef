"""No secret in the server's log (API.md §2, STYLE.md §4): after requests
that carry passwords, OTPs, JWTs, API tokens and apikeys, right and wrong,
none of them, and no password hash, appears in the log file the config
names ([server] log_file)."""

import configparser
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, ctl, env, main  # noqa: E402
from accounts import (api_from, apikey, create_user, fresh_ip,  # noqa: E402
                      latest_otp, register_phone_user, jwt_secret)
from forge import claims_for, sign  # noqa: E402


def log_file():
    c = configparser.ConfigParser(interpolation=None,
                                  inline_comment_prefixes=("#", ";"))
    with open(env("CLIENTELE_CONF")) as f:
        c.read_file(f)
    return c.get("server", "log_file")


class NoSecretsInTheLog(unittest.TestCase):

    def test_secrets_used_in_requests_are_not_logged(self):
        path = log_file()
        self.assertTrue(path, "the test config must name a log_file")
        secrets = []
        u = create_user()
        secrets.append(u["password"])
        key = apikey()
        secrets.append(key)
        token = ctl("token", "create", "--email", u["email"]).stdout.strip()
        secrets.append(token)
        wrong = "wrong-password-" + os.urandom(4).hex()
        secrets.append(wrong)

        r = api("POST", "/auth/token", {"phone": u["phone"],
                                        "password": u["password"]})
        secrets += [r.json["token"]["access"], r.json["token"]["refresh"]]
        r = api("POST", "/auth/refresh", {"refresh": r.json["token"]["refresh"]})
        secrets.append(r.json["access"])
        r = api("POST", "/auth/login", {"username": u["email"],
                                        "password": u["password"]})
        secrets.append(r.json["data"]["access_token"])
        r = api("POST", "/auth", {"email": u["email"],
                                  "password": u["password"]},
                headers={"apikey": key, "Platform": "ios"})
        secrets.append(r.json["token"])
        api("POST", "/accounts/status/online",
            headers={"Authorization": "Token " + token})
        forged = sign(claims_for(u["id"]), secret="forged-" + os.urandom(4).hex())
        secrets.append(forged)
        api("POST", "/accounts/status/online", token=forged)
        api("POST", "/auth", {"email": u["email"], "password": u["password"]},
            headers={"apikey": "bad-" + key[:20]})
        for path_, body in (("/auth/login", {"username": u["email"],
                                             "password": wrong}),
                            ("/auth/token", {"phone": u["phone"],
                                             "password": wrong}),
                            ("/auth/changepassword", {"username": u["email"],
                                                      "password": wrong,
                                                      "newpassword": wrong})):
            api_from(fresh_ip(), "POST", path_, body)
        p = register_phone_user(verify=False)
        secrets.append(p["password"])
        otp = latest_otp(p["phone"])
        api("POST", "/auth/verify-otp", {"phone": p["phone"], "otp": "000000"
                                         if otp != "000000" else "111111"})
        api("POST", "/auth/verify-otp", {"phone": p["phone"], "otp": otp})
        new = "new-password-" + os.urandom(4).hex()
        secrets.append(new)
        api("POST", "/auth/changepassword", {"username": u["email"],
                                             "password": u["password"],
                                             "newpassword": new})
        time.sleep(0.5)  # log lines are written before the response; margin

        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        self.assertIn("/auth/login", text, "the log holds the requests")
        for s in secrets + [jwt_secret()]:
            self.assertNotIn(s, text)
        self.assertNotIn(otp + "\"", text)
        self.assertNotIn("scrypt$", text)


if __name__ == "__main__":
    main()
