#!/usr/bin/env python3
"""API tests of GET /agents/roles, GET /agents and POST /agents (API.md
§3, seed 000), and seed 000's client flow: log in with POST /auth/login,
list roles and agents, create an agent, list customers by bucket. Each
test makes agents with unique emails and finds them with ?query=."""
import datetime
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from clientele_test import HTTPS_BASE, api, assert_error, main  # noqa: E402
from accounts import access_token, create_user, login_token  # noqa: E402

AGENT_KEYS = {"user", "created_by", "roles", "id", "user_extension", "cdate"}
USER_KEYS = {"username", "email", "first_name", "id"}
TODAY = datetime.date.today().isoformat()


def tag():
    return "ag" + uuid.uuid4().hex[:12]


class AgentsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.boss = create_user(phone=False,
                               perms=["agents:read", "agents:create",
                                      "crm:read"])
        cls.token = login_token(cls.boss)
        r = api("GET", "/agents/roles", token=cls.token)
        cls.roles = {x["name"]: x["id"] for x in r.json["data"]["results"]}

    def create(self, mail, role="agent2", password="s3cret-pass", name="age11"):
        return api("POST", "/agents", {"user": mail, "password": password,
                                       "name": name,
                                       "role": self.roles[role]},
                   token=self.token)

    def listing(self, query):
        r = api("GET", "/agents?" + query, token=self.token)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"], "success")
        self.assertEqual(set(r.json["data"]),
                         {"count", "next", "previous", "results"})
        return r.json["data"]

    def test_roles_are_the_agent_roles(self):
        r = api("GET", "/agents/roles", token=self.token)
        self.assertEqual(r.status, 200)
        for row in r.json["data"]["results"]:
            self.assertEqual(set(row), {"name", "id"})
        self.assertTrue({"agent1", "agent2", "agent3"} <= set(self.roles))
        self.assertNotIn("admin", self.roles)

    def test_seed000_flow(self):
        t = tag()
        mail = t + "@julofin.com"
        r = self.create(mail)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json, {"status": "success",
                                  "data": {"message": "created"}})
        data = self.listing("query=" + t)
        self.assertEqual(data["count"], 1)
        a = data["results"][0]
        self.assertEqual(set(a), AGENT_KEYS)
        self.assertEqual(a["user"], {"username": mail, "email": mail,
                                     "first_name": "age11",
                                     "id": a["user"]["id"]})
        self.assertEqual(set(a["created_by"]), USER_KEYS)
        self.assertEqual(a["created_by"]["email"], self.boss["email"])
        self.assertEqual(a["roles"], ["agent2"])
        self.assertIsNone(a["user_extension"])
        self.assertRegex(a["cdate"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
        # The new agent can log in (identity's hash) and read customers.
        r = api("POST", "/auth/login",
                {"username": mail, "password": "s3cret-pass"})
        self.assertEqual(r.status, 200, r)
        agent = r.json["data"]["access_token"]
        r = api("GET", "/crm/customers?bucket=t0,t1,t3,t5", token=agent)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"], "success")

    @unittest.skipUnless(HTTPS_BASE, "CLIENTELE_HTTPS_URL is not set")
    def test_seed000_client_over_https_with_the_jwt_scheme(self):
        # The seed's client: only its base URL changes; it sends
        # "Authorization: JWT <token>" and trailing slashes.
        def call(method, path, body=None, token=None):
            h = {"Authorization": "JWT " + token} if token else {}
            return api(method, path, body, headers=h, base=HTTPS_BASE)
        r = call("POST", "/auth/login", {"username": self.boss["email"],
                                         "password": self.boss["password"]})
        self.assertEqual(r.status, 200, r)
        tok = r.json["data"]["access_token"]
        r = call("GET", "/agents/roles", token=tok)
        self.assertEqual(r.status, 200, r)
        role = [x for x in r.json["data"]["results"]
                if x["name"] == "agent1"][0]["id"]
        t = tag()
        r = call("POST", "/agents/", {"user": t + "@julofin.com",
                                      "password": "s3cret-pass",
                                      "name": "age11", "role": str(role)},
                 token=tok)
        self.assertEqual(r.status, 201, r)
        r = call("GET", "/agents/?query=%s&date-from=%s&date-to=%s&role=%d"
                 % (t, TODAY, TODAY, role), token=tok)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["data"]["count"], 1)
        self.assertEqual(r.json["data"]["results"][0]["roles"], ["agent1"])
        r = call("GET", "/crm/customers/?bucket=t0,t1,t3,t5", token=tok)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(set(r.json["data"]),
                         {"count", "next", "previous", "results"})
        r = call("GET", "/crm/performance/", token=tok)
        self.assertEqual(r.status, 200, r)

    def test_filters(self):
        t = tag()
        self.assertEqual(self.create(t + "a@x.com", "agent1").status, 201)
        self.assertEqual(self.create(t + "b@x.com", "agent3").status, 201)
        self.assertEqual(self.listing("query=" + t)["count"], 2)
        self.assertEqual(self.listing("query=%s&role=%d" % (
            t, self.roles["agent3"]))["results"][0]["user"]["email"],
            t + "b@x.com")
        q = "query=%s&date-from=%s&date-to=%s" % (t, TODAY, TODAY)
        self.assertEqual(self.listing(q)["count"], 2)
        self.assertEqual(self.listing("query=%s&date-to=2000-01-01" % t)
                         ["count"], 0)
        self.assertEqual(self.listing("query=%s&date-from=2999-01-01" % t)
                         ["count"], 0)
        first = self.listing("query=%s&page_size=1" % t)
        self.assertEqual(len(first["results"]), 1)
        self.assertIsNotNone(first["next"])

    def test_bad_filters_are_400(self):
        for q in ("role=abc", "date-from=2018-13-01", "date-to=yesterday",
                  "role=-1"):
            assert_error(self, api("GET", "/agents?" + q, token=self.token),
                         400)

    def test_bad_bodies_are_400_and_create_nothing(self):
        t = tag()
        taken = t + "taken@x.com"
        self.assertEqual(self.create(taken).status, 201)
        cases = [({"user": "not-an-email"}, "user"),
                 ({"password": "short"}, "password"),
                 ({"user": taken}, "user"),
                 ({"role": 999999999}, "role")]
        for change, field in cases:
            body = {"user": t + "new@x.com", "password": "s3cret-pass",
                    "name": "n", "role": self.roles["agent1"]}
            body.update(change)
            r = api("POST", "/agents", body, token=self.token)
            assert_error(self, r, 400)
            self.assertIn(field, r.json["errors"])
        body = {"user": "bad", "password": "x", "name": "n", "role": 999999999}
        r = api("POST", "/agents", body, token=self.token)
        assert_error(self, r, 400)
        self.assertEqual(set(r.json["errors"]), {"user", "password", "role"})
        r = api("POST", "/agents", {"user": t + "z@x.com"}, token=self.token)
        assert_error(self, r, 400)
        self.assertIn("password", r.json["errors"])
        self.assertEqual(self.listing("query=" + t)["count"], 1)
        # An admin role is not an agent role.
        r = api("GET", "/agents/roles", token=self.token)
        r = api("POST", "/agents", {"user": t + "adm@x.com",
                                    "password": "s3cret-pass", "name": "x",
                                    "role": 1}, token=self.token)
        assert_error(self, r, 400)

    def test_permissions(self):
        assert_error(self, api("GET", "/agents"), 401)
        reader = access_token(create_user(perms=["agents:read"]))
        self.assertEqual(api("GET", "/agents", token=reader).status, 200)
        r = api("POST", "/agents", {"user": tag() + "@x.com",
                                    "password": "s3cret-pass", "name": "n",
                                    "role": self.roles["agent1"]},
                token=reader)
        assert_error(self, r, 403)
        crm = access_token(create_user(perms=["crm:read"]))
        assert_error(self, api("GET", "/agents/roles", token=crm), 403)


if __name__ == "__main__":
    main()
