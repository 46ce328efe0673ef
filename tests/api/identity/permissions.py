"""Permissions (API.md §2): a route's permission is enforced on every
credential scheme: no credentials 401, lacking the permission 403, a role
holding it or a superuser passes. POST /plans (superuser only, API.md §4)
and the test stack's GET /debug/permission (agents:read, a named permission
of API.md §2) are the routes used; bodies are invalid on purpose, so a
caller that gets through sees 400 and nothing is created."""

import os
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, ctl, main  # noqa: E402
from accounts import access_token, create_user, login_token  # noqa: E402


# Needs a named permission; the test stack serves it (debug_routes).
NAMED = "/debug/permission"


class Superuser(unittest.TestCase):

    def test_no_credentials_is_401(self):
        r = api("POST", "/plans", {})
        assert_error(self, r, 401)
        self.assertIn("www-authenticate", r.headers)

    def test_plain_user_is_403(self):
        r = api("POST", "/plans", {}, token=access_token(create_user()))
        assert_error(self, r, 403, "permission_denied")

    def test_role_permissions_do_not_make_a_superuser(self):
        u = create_user(roles=("admin",))
        r = api("POST", "/plans", {}, token=access_token(u))
        assert_error(self, r, 403, "permission_denied")

    def test_superuser_passes_on_every_scheme(self):
        u = create_user(superuser=True)
        token = ctl("token", "create", "--email", u["email"]).stdout.strip()
        for h in ({"Authorization": "Bearer " + access_token(u)},
                  {"Authorization": "JWT " + login_token(u)},
                  {"Authorization": "Token " + token}):
            r = api("POST", "/plans", {}, headers=h)
            assert_error(self, r, 400)


class RolePermission(unittest.TestCase):

    def test_lacking_the_permission_is_403(self):
        r = api("GET", NAMED, token=access_token(create_user()))
        assert_error(self, r, 403, "permission_denied")

    def test_a_role_holding_it_passes(self):
        u = create_user(perms=("agents:read",))
        r = api("GET", NAMED, token=access_token(u))
        self.assertEqual(r.status, 200, r)

    def test_granting_later_takes_effect_at_once(self):
        role = "role-" + os.urandom(6).hex()
        ctl("role", "create", role)
        u = create_user(roles=(role,))
        token = access_token(u)
        self.assertEqual(api("GET", NAMED, token=token).status, 403)
        ctl("role", "grant", role, "agents:read")
        self.assertEqual(api("GET", NAMED, token=token).status, 200)

    def parallel(self, token, n=40):
        """n requests of NAMED at once (spread over the pool's workers,
        each of which caches its callers' permissions): their statuses."""
        out = []
        lock = threading.Lock()

        def one():
            status = api("GET", NAMED, token=token).status
            with lock:
                out.append(status)

        threads = [threading.Thread(target=one) for _ in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        return out

    def load_sql(self, sql):
        """Runs sql with clientelectl load: a change made outside the
        API, as by hand, that no route of this process knows about."""
        with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
            f.write(sql)
        self.addCleanup(os.unlink, f.name)
        ctl("load", f.name)

    def test_losing_a_permission_takes_effect_on_every_worker(self):
        # Workers cache permissions under a stamp the change bumps
        # (sql/0060): no worker may keep answering from its cache.
        role = "role-" + os.urandom(6).hex()
        ctl("role", "create", role, "--perm", "agents:read")
        token = access_token(create_user(roles=(role,)))
        self.assertEqual(self.parallel(token), [200] * 40)
        self.load_sql("DELETE rp FROM role_permissions rp JOIN roles r "
                      "ON r.id = rp.role_id WHERE r.name = '%s';\n" % role)
        self.assertEqual(self.parallel(token), [403] * 40)
        ctl("role", "grant", role, "agents:read")
        self.assertEqual(self.parallel(token), [200] * 40)
        # Deleting the role removes user_roles by cascade, which fires no
        # trigger: the role's own delete bumps the stamp.
        self.load_sql("DELETE FROM roles WHERE name = '%s';\n" % role)
        self.assertEqual(self.parallel(token), [403] * 40)

    def test_superuser_holds_all(self):
        u = create_user(superuser=True)
        r = api("GET", NAMED, token=access_token(u))
        self.assertEqual(r.status, 200, r)


if __name__ == "__main__":
    main()
