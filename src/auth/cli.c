/* Module identity: the admin CLI commands clientelectl dispatches to
 * (listed in routes.c): user, role, token, apikey, outbox. Each returns 0,
 * 1 after printing why it failed, or 2 after printing its usage. Secrets
 * (API tokens, apikeys) are printed once, to stdout, and stored hashed. */
#include "config.h"

#include "auth/internal.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/command.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "core/banned.h"

const char auth_cli_user_usage[] =
    "user create --email E [--username U] [--phone P] [--first-name F]\n"
    "    [--last-name L] [--superuser] [--role NAME]... --password-stdin";
const char auth_cli_role_usage[] =
    "role create NAME [--perm PERMISSION]...\n"
    "role grant NAME PERMISSION";
const char auth_cli_token_usage[] = "token create --email E";
const char auth_cli_apikey_usage[] = "apikey create NAME";
const char auth_cli_outbox_usage[] = "outbox list [--recipient R] [--json]";

#define MAX_LIST 64

struct user_opts {
	struct auth_user	u;
	const char		*phone;
	const char		*roles[MAX_LIST];
	size_t			nroles;
	bool			password_stdin;
};

static int
fail(const char *cmd, const char *why)
{
	fprintf(stderr, "clientelectl %s: %s\n", cmd, why);
	return 1;
}

static int
fail_db(struct cl_db *db, const char *cmd, int rc)
{
	if (cl_db_in_tx(db))
		cl_db_rollback(db);
	fprintf(stderr, "clientelectl %s: database error %d: %s\n", cmd, rc,
	    cl_db_error(db));
	return 1;
}

/* Reads the password: stdin up to EOF, without its final line break. */
static char *
read_password(struct cl_arena *a)
{
	char buf[AUTH_PASSWORD_MAX + 2];
	size_t n = fread(buf, 1, sizeof(buf) - 1, stdin);

	if (n >= sizeof(buf) - 1)
		return NULL;
	buf[n] = '\0';
	if (strlen(buf) != n)
		return NULL;
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return cl_arena_strdup(a, buf);
}

/* Parses "create" options into o. Returns 0, or 2 for wrong arguments. */
static int
user_args(int argc, char **argv, struct user_opts *o)
{
	int i;

	if (argc < 2 || strcmp(argv[1], "create") != 0)
		return 2;
	o->u.first_name = "";
	o->u.last_name = "";
	for (i = 2; i < argc; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(opt, "--superuser") == 0) {
			o->u.is_superuser = true;
			continue;
		}
		if (strcmp(opt, "--password-stdin") == 0) {
			o->password_stdin = true;
			continue;
		}
		if (val == NULL)
			return 2;
		i++;
		if (strcmp(opt, "--email") == 0)
			o->u.email = val;
		else if (strcmp(opt, "--username") == 0)
			o->u.username = val;
		else if (strcmp(opt, "--phone") == 0)
			o->phone = val;
		else if (strcmp(opt, "--first-name") == 0)
			o->u.first_name = val;
		else if (strcmp(opt, "--last-name") == 0)
			o->u.last_name = val;
		else if (strcmp(opt, "--role") == 0 && o->nroles < MAX_LIST)
			o->roles[o->nroles++] = val;
		else
			return 2;
	}
	return o->u.email && o->password_stdin ? 0 : 2;
}

/* Checks what the database cannot; NULL when all is well, else why. */
static const char *
user_invalid(const struct user_opts *o, const char *password)
{
	if (!auth_email_is_plausible(o->u.email))
		return "--email is not a valid address";
	if (o->u.username && !auth_username_is_valid(o->u.username))
		return "--username must be 1-150 characters without '@' or spaces";
	if (o->phone && !auth_phone_is_valid(o->phone))
		return "--phone must be an optional + and 6 to 15 digits";
	if (strlen(o->u.first_name) > 150 || strlen(o->u.last_name) > 150)
		return "names are at most 150 characters";
	if (password == NULL)
		return "the password on stdin is too long or holds a NUL byte";
	if (strlen(password) < AUTH_PASSWORD_MIN)
		return "the password must have at least 8 characters";
	return NULL;
}

/* Inserts the user, its phone and roles in one transaction. */
static int
user_create(struct cl_db *db, struct cl_arena *a, struct user_opts *o)
{
	int64_t role_ids[MAX_LIST];
	size_t i;
	int rc;

	rc = cl_db_begin(db);
	for (i = 0; i < o->nroles && rc == CL_OK; i++) {
		rc = auth_role_find(db, a, o->roles[i], &role_ids[i]);
		if (rc == CL_ENOTFOUND) {
			cl_db_rollback(db);
			fprintf(stderr, "clientelectl user: no role is named '%s'\n",
			    o->roles[i]);
			return 1;
		}
	}
	if (rc == CL_OK)
		rc = auth_user_insert(db, &o->u);
	if (rc == CL_EDUP) {
		cl_db_rollback(db);
		return fail("user", "that email or username is taken");
	}
	if (rc == CL_OK && o->phone)
		rc = auth_phone_insert(db, o->u.id, o->phone, true, true);
	if (rc == CL_EDUP) {
		cl_db_rollback(db);
		return fail("user", "that phone is taken");
	}
	for (i = 0; i < o->nroles && rc == CL_OK; i++)
		rc = auth_user_role_insert(db, o->u.id, role_ids[i]);
	if (rc == CL_OK)
		rc = cl_db_commit(db);
	if (rc != CL_OK)
		return fail_db(db, "user", rc);
	return 0;
}

/* clientelectl user create ...: prints the new user's id. */
int
auth_cli_user(struct cl_db *db, int argc, char **argv)
{
	struct user_opts o = { 0 };
	struct cl_arena *a;
	const char *password, *why;
	int status;

	if (user_args(argc, argv, &o) != 0)
		return cl_command_usage(auth_cli_user_usage);
	a = cl_arena_new();
	password = read_password(a);
	why = user_invalid(&o, password);
	if (why != NULL) {
		cl_arena_free(a);
		return fail("user", why);
	}
	o.u.password_hash = auth_pwhash_make(a, password);
	if (o.u.password_hash == NULL) {
		cl_arena_free(a);
		return fail("user", "password hashing failed");
	}
	status = user_create(db, a, &o);
	if (status == 0)
		printf("%lld\n", (long long)o.u.id);
	cl_arena_free(a);
	return status;
}

/* Grants each permission name to role_id; 1 after printing when a name
 * is not one of API.md's. */
static int
grant_all(struct cl_db *db, struct cl_arena *a, int64_t role_id,
    char **perms, size_t n)
{
	int64_t perm_id;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		rc = auth_permission_find(db, a, perms[i], &perm_id);
		if (rc == CL_ENOTFOUND) {
			cl_db_rollback(db);
			fprintf(stderr, "clientelectl role: no permission is named "
			    "'%s'\n", perms[i]);
			return 1;
		}
		if (rc == CL_OK)
			rc = auth_role_grant(db, role_id, perm_id);
		if (rc != CL_OK)
			return fail_db(db, "role", rc);
	}
	return 0;
}

static int
role_create(struct cl_db *db, struct cl_arena *a, const char *name,
    char **perms, size_t n)
{
	int64_t id;
	int rc, status;

	if (name[0] == '\0' || strlen(name) > 100)
		return fail("role", "a role name has 1 to 100 characters");
	rc = cl_db_begin(db);
	if (rc == CL_OK)
		rc = auth_role_insert(db, name, &id);
	if (rc == CL_EDUP) {
		cl_db_rollback(db);
		return fail("role", "a role with that name exists");
	}
	if (rc != CL_OK)
		return fail_db(db, "role", rc);
	status = grant_all(db, a, id, perms, n);
	if (status != 0)
		return status;
	rc = cl_db_commit(db);
	if (rc != CL_OK)
		return fail_db(db, "role", rc);
	printf("%lld\n", (long long)id);
	return 0;
}

static int
role_grant(struct cl_db *db, struct cl_arena *a, const char *name,
    char *perm)
{
	int64_t id;
	int rc, status;

	rc = cl_db_begin(db);
	if (rc == CL_OK)
		rc = auth_role_find(db, a, name, &id);
	if (rc == CL_ENOTFOUND) {
		cl_db_rollback(db);
		return fail("role", "no role has that name");
	}
	if (rc != CL_OK)
		return fail_db(db, "role", rc);
	status = grant_all(db, a, id, &perm, 1);
	if (status != 0)
		return status;
	rc = cl_db_commit(db);
	return rc == CL_OK ? 0 : fail_db(db, "role", rc);
}

/* clientelectl role create NAME [--perm P]... | role grant NAME P. */
int
auth_cli_role(struct cl_db *db, int argc, char **argv)
{
	char *perms[MAX_LIST];
	struct cl_arena *a;
	size_t n = 0;
	int i, status;

	if (argc == 4 && strcmp(argv[1], "grant") == 0) {
		a = cl_arena_new();
		status = role_grant(db, a, argv[2], argv[3]);
		cl_arena_free(a);
		return status;
	}
	if (argc < 3 || strcmp(argv[1], "create") != 0 || argv[2][0] == '-')
		return cl_command_usage(auth_cli_role_usage);
	for (i = 3; i < argc; i += 2) {
		if (strcmp(argv[i], "--perm") != 0 || i + 1 >= argc ||
		    n == MAX_LIST)
			return cl_command_usage(auth_cli_role_usage);
		perms[n++] = argv[i + 1];
	}
	a = cl_arena_new();
	status = role_create(db, a, argv[2], perms, n);
	cl_arena_free(a);
	return status;
}

/* clientelectl token create --email E: prints a new API token once. */
int
auth_cli_token(struct cl_db *db, int argc, char **argv)
{
	struct cl_arena *a;
	struct auth_user u;
	char hash[AUTH_HEX_SHA256];
	const char *token;
	int rc, status = 0;

	if (argc != 4 || strcmp(argv[1], "create") != 0 ||
	    strcmp(argv[2], "--email") != 0)
		return cl_command_usage(auth_cli_token_usage);
	a = cl_arena_new();
	rc = auth_user_find_by_email(db, a, argv[3], &u);
	token = auth_random_hex(a, AUTH_SECRET_BYTES);
	if (rc == CL_ENOTFOUND) {
		status = fail("token", "no user has that email");
	} else if (rc != CL_OK) {
		status = fail_db(db, "token", rc);
	} else if (token == NULL) {
		status = fail("token", "no random bytes from OpenSSL");
	} else {
		auth_sha256_hex(token, hash);
		rc = auth_api_token_insert(db, u.id, hash);
		if (rc == CL_OK)
			printf("%s\n", token);
		else
			status = fail_db(db, "token", rc);
	}
	cl_arena_free(a);
	return status;
}

/* clientelectl apikey create NAME: prints a new apikey once. */
int
auth_cli_apikey(struct cl_db *db, int argc, char **argv)
{
	struct cl_arena *a;
	char hash[AUTH_HEX_SHA256];
	const char *key;
	int rc, status = 0;

	if (argc != 3 || strcmp(argv[1], "create") != 0 || argv[2][0] == '-')
		return cl_command_usage(auth_cli_apikey_usage);
	if (strlen(argv[2]) > 100)
		return fail("apikey", "a name has at most 100 characters");
	a = cl_arena_new();
	key = auth_random_hex(a, AUTH_SECRET_BYTES);
	if (key == NULL) {
		status = fail("apikey", "no random bytes from OpenSSL");
	} else {
		auth_sha256_hex(key, hash);
		rc = auth_apikey_insert(db, argv[2], hash);
		if (rc == CL_EDUP)
			status = fail("apikey", "an apikey with that name exists");
		else if (rc != CL_OK)
			status = fail_db(db, "apikey", rc);
		else
			printf("%s\n", key);
	}
	cl_arena_free(a);
	return status;
}

static cJSON *
outbox_json(const struct cl_rows *rows)
{
	static const char *const names[] = {
		"id", "channel", "recipient", "subject", "body", "created_at",
		"sent_at",
	};
	cJSON *list = cJSON_CreateArray(), *o;
	char buf[CL_DATETIME_BUF];
	size_t i;
	unsigned c;

	if (list == NULL)
		abort();
	for (i = 0; i < rows->nrows; i++) {
		o = cJSON_CreateObject();
		if (o == NULL || !cJSON_AddItemToArray(list, o))
			abort();
		cl_json_add_int(o, names[0], cl_rows_int(rows, i, 0));
		for (c = 1; c < 7; c++)
			cl_json_add_str(o, names[c], c < 5 ?
			    cl_rows_str(rows, i, c) :
			    cl_datetime_iso(cl_rows_str(rows, i, c), buf));
	}
	return list;
}

static void
outbox_print(const struct cl_rows *rows, bool json)
{
	char *text;
	size_t i;

	if (json) {
		cJSON *list = outbox_json(rows);

		text = cJSON_PrintUnformatted(list);
		if (text == NULL)
			abort();
		printf("%s\n", text);
		cJSON_free(text);
		cJSON_Delete(list);
		return;
	}
	for (i = 0; i < rows->nrows; i++)
		printf("%s\t%s\t%s\t%s\t%s\t%s\n", cl_rows_str(rows, i, 0),
		    cl_rows_str(rows, i, 5), cl_rows_str(rows, i, 1),
		    cl_rows_str(rows, i, 2), cl_rows_str(rows, i, 3),
		    cl_rows_str(rows, i, 4));
}

/* clientelectl outbox list [--recipient R] [--json]: newest first. */
int
auth_cli_outbox(struct cl_db *db, int argc, char **argv)
{
	const char *recipient = NULL;
	struct cl_arena *a;
	struct cl_rows rows;
	bool json = false;
	int i, rc;

	if (argc < 2 || strcmp(argv[1], "list") != 0)
		return cl_command_usage(auth_cli_outbox_usage);
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(argv[i], "--recipient") == 0 && i + 1 < argc)
			recipient = argv[++i];
		else
			return cl_command_usage(auth_cli_outbox_usage);
	}
	a = cl_arena_new();
	rc = auth_outbox_list(db, a, recipient, &rows);
	if (rc == CL_OK)
		outbox_print(&rows, json);
	cl_arena_free(a);
	return rc == CL_OK ? 0 : fail_db(db, "outbox", rc);
}
