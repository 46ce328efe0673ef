# clientele-test: exclusive
"""The workers' cache of signed-in callers (src/auth/caller_cache.c): a
JWT caller checked in full is kept by the worker, and the next request
with that token is confirmed by the stamps the list's own statement reads
(sql/0063), so an authenticated list costs one statement. Whatever voids
the caller must hold on the very next request on every worker: each test
warms the cache of many workers with parallel requests, changes something
outside the request (logout, deactivation, a lost permission, a password
change, by the API or by SQL as by hand), then requires every request
after it, again in parallel, to be refused. Exclusive: it counts MariaDB's
statements."""

import os
import subprocess
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from clientele_test import api, assert_error, ctl, env, main  # noqa: E402
from accounts import access_token, create_user, login_token  # noqa: E402

PLANS = "/plans/?page_size=3"
CUSTOMERS = "/customers/customers/?limit=2"


def parallel(path, token, n=40):
    """n GETs of path at once, spread over the pool's workers."""
    out = []
    lock = threading.Lock()

    def one():
        status = api("GET", path, token=token).status
        with lock:
            out.append(status)

    threads = [threading.Thread(target=one) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return sorted(out)


def warm(path, token):
    """Sequential and parallel requests, so that several workers keep the
    caller; all must pass."""
    return [api("GET", path, token=token).status for _ in range(10)] + \
        parallel(path, token)


def load_sql(sql):
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(sql)
    try:
        ctl("load", f.name)
    finally:
        os.unlink(f.name)


def questions():
    """MariaDB's Questions counter (statements the server ran)."""
    var = env("CLIENTELE_VAR")
    out = subprocess.run(
        ["mariadb", "--no-defaults", "--socket=" + os.path.join(var, "run", "mysqld.sock"),
         "-uroot", "-N", "-e", "SHOW GLOBAL STATUS LIKE 'Questions'"],
        capture_output=True, text=True, check=True, timeout=30).stdout
    return int(out.split()[1])


class CallerCache(unittest.TestCase):
    def test_a_logout_holds_on_every_worker_at_once(self):
        token = login_token(create_user())
        self.assertEqual(set(warm(PLANS, token)), {200})
        r = api("POST", "/auth/logout", {}, token=token)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(parallel(PLANS, token), [401] * 40)
        assert_error(self, api("GET", PLANS, token=token), 401)

    def test_a_revocation_by_sql_holds_at_once(self):
        # As by hand: no route of this process knows of the change.
        u = create_user()
        token = login_token(u)
        self.assertEqual(set(warm(PLANS, token)), {200})
        load_sql("UPDATE auth_sessions SET revoked_at = UTC_TIMESTAMP(6) "
                 "WHERE user_id = %d;\n" % u["id"])
        self.assertEqual(parallel(PLANS, token), [401] * 40)

    def test_a_deactivated_user_is_refused_at_once(self):
        u = create_user()
        token = access_token(u)
        self.assertEqual(set(warm(PLANS, token)), {200})
        load_sql("UPDATE users SET is_active = FALSE WHERE id = %d;\n" % u["id"])
        self.assertEqual(parallel(PLANS, token), [401] * 40)

    def test_a_password_change_voids_older_tokens_at_once(self):
        u = create_user()
        token = login_token(u)
        self.assertEqual(set(warm(PLANS, token)), {200})
        load_sql("UPDATE users SET tokens_valid_after = UNIX_TIMESTAMP() + 1 "
                 "WHERE id = %d;\n" % u["id"])
        self.assertEqual(parallel(PLANS, token), [401] * 40)

    def test_a_lost_permission_is_403_at_once(self):
        role = "role-" + os.urandom(6).hex()
        ctl("role", "create", role, "--perm", "customers:read")
        token = access_token(create_user(roles=(role,)))
        self.assertEqual(set(warm(CUSTOMERS, token)), {200})
        load_sql("DELETE rp FROM role_permissions rp JOIN roles r "
                 "ON r.id = rp.role_id WHERE r.name = '%s';\n" % role)
        self.assertEqual(parallel(CUSTOMERS, token), [403] * 40)
        ctl("role", "grant", role, "customers:read")
        self.assertEqual(parallel(CUSTOMERS, token), [200] * 40)

    def test_an_answer_without_rows_is_confirmed_too(self):
        # A page past the end reads no row to carry the stamps: the
        # answer (404) still waits for the caller's confirmation.
        token = login_token(create_user())
        past = "/plans/?page=100000"
        self.assertEqual(set(warm(past, token)), {404})
        self.assertEqual(api("POST", "/auth/logout", {}, token=token).status, 200)
        self.assertEqual(parallel(past, token), [401] * 40)

    def test_a_kept_caller_costs_one_statement_per_list(self):
        token = login_token(create_user())
        # Every worker that may answer keeps the caller first.
        warm(PLANS, token)
        warm(PLANS, token)
        n = 200
        before = questions()
        for _ in range(n):
            self.assertEqual(api("GET", PLANS, token=token).status, 200)
        spent = questions() - before
        # Two statements a request without the cache (the caller, the
        # page); the rest is the counter's own reads, the jobs child and
        # the few full checks of workers not warmed yet.
        self.assertLess(spent, n * 1.3, spent)
        self.assertGreaterEqual(spent, n)


if __name__ == "__main__":
    main()
