/* Module livestream: clientelectl org create, dealer create, vehicle
 * create (API.md §9). Each prints the new row's id and nothing else;
 * wrong arguments exit 2 with usage, a refusal 1 with the reason. */
#include "config.h"

#include "modules/livestream/internal.h"

#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/arena.h"
#include "core/command.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/query.h"
#include "core/banned.h"

const char live_cli_org_usage[] =
    "org create --name N --code C --token T [--loan-link-url URL]";
const char live_cli_dealer_usage[] =
    "dealer create --org ID --email E [--username U] [--first-name F]\n"
    "    [--last-name L] [--phone P] --password-stdin";
const char live_cli_vehicle_usage[] =
    "vehicle create --org ID --vin V [--make M] [--model M] [--type T]\n"
    "    [--year Y]";

/* --opt value pairs after "create": names and where their values go. */
struct opt {
	const char	*name;
	const char	**value;
};

static int
parse(int argc, char **argv, struct opt *opts, bool *password_stdin)
{
	struct opt *o;
	int i;

	if (argc < 2 || strcmp(argv[1], "create") != 0)
		return 2;
	for (i = 2; i < argc; i++) {
		if (password_stdin && strcmp(argv[i], "--password-stdin") == 0) {
			*password_stdin = true;
			continue;
		}
		for (o = opts; o->name && strcmp(o->name, argv[i]) != 0; o++)
			;
		if (o->name == NULL || i + 1 >= argc)
			return 2;
		*o->value = argv[++i];
	}
	return 0;
}

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

static bool
len_ok(const char *s, size_t lo, size_t hi)
{
	return s == NULL || (strlen(s) >= lo && strlen(s) <= hi);
}

/* clientelectl org create ... */
int
live_cli_org(struct cl_db *db, int argc, char **argv)
{
	struct live_org o = { 0 };
	struct opt opts[] = { { "--name", &o.name }, { "--code", &o.code },
		{ "--token", &o.token }, { "--loan-link-url", &o.loan_link_url },
		{ 0 } };
	int64_t id;
	int rc;

	if (parse(argc, argv, opts, NULL) != 0 || !o.name || !o.code ||
	    !o.token)
		return cl_command_usage(live_cli_org_usage);
	if (!len_ok(o.name, 1, 200) || !len_ok(o.code, 1, 100) ||
	    !len_ok(o.token, 1, 100) || !len_ok(o.loan_link_url, 0, 1000))
		return fail("org", "--name is 1-200 characters, --code and "
		    "--token 1-100, --loan-link-url at most 1000");
	if (strchr(o.code, '/') != NULL)
		return fail("org", "--code may not hold '/'");
	rc = live_org_insert(db, &o, &id);
	if (rc == CL_EDUP)
		return fail("org", "that name, code or token is taken");
	if (rc != CL_OK)
		return fail_db(db, "org", rc);
	printf("%lld\n", (long long)id);
	return 0;
}

static char *
read_password(struct cl_arena *a)
{
	char buf[1026];
	size_t n = fread(buf, 1, sizeof(buf) - 1, stdin);

	if (n >= sizeof(buf) - 1)
		return NULL;
	buf[n] = '\0';
	if (strlen(buf) != n)
		return NULL;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return cl_arena_strdup(a, buf);
}

static int
org_id(const char *s, int64_t *id)
{
	return s && cl_parse_int(s, id) == CL_OK && *id > 0 ? CL_OK : CL_EINVAL;
}

/* clientelectl dealer create ...: the user (with the built-in dealer
 * role) and its dealer row commit together. */
int
live_cli_dealer(struct cl_db *db, int argc, char **argv)
{
	struct auth_user_new u = { .role = "dealer" };
	const char *org = NULL, *why = NULL;
	struct opt opts[] = { { "--org", &org }, { "--email", &u.email },
		{ "--username", &u.username }, { "--first-name", &u.first_name },
		{ "--last-name", &u.last_name }, { "--phone", &u.phone },
		{ 0 } };
	bool pw = false;
	struct cl_arena *a;
	int64_t oid, id = 0;
	struct live_org o;
	int rc;

	if (parse(argc, argv, opts, &pw) != 0 || !pw || !u.email || !org)
		return cl_command_usage(live_cli_dealer_usage);
	if (org_id(org, &oid) != CL_OK)
		return fail("dealer", "--org must be an organization id");
	a = cl_arena_new();
	u.password = read_password(a);
	rc = live_org_get(db, a, oid, &o);
	if (rc == CL_ENOTFOUND) {
		cl_arena_free(a);
		return fail("dealer", "no organization has that id");
	}
	if (rc == CL_OK)
		rc = cl_db_begin(db);
	if (rc == CL_OK)
		rc = auth_user_create(db, a, &u, &id, &why);
	if (rc == CL_OK)
		rc = live_dealer_insert(db, id, oid);
	if (rc == CL_OK)
		rc = cl_db_commit(db);
	cl_arena_free(a);
	if (why != NULL) {
		if (cl_db_in_tx(db))
			cl_db_rollback(db);
		return fail("dealer", why);
	}
	if (rc != CL_OK)
		return fail_db(db, "dealer", rc);
	printf("%lld\n", (long long)id);
	return 0;
}

/* clientelectl vehicle create ... */
int
live_cli_vehicle(struct cl_db *db, int argc, char **argv)
{
	struct live_vehicle v = { 0 };
	const char *org = NULL, *year = NULL;
	struct opt opts[] = { { "--org", &org }, { "--vin", &v.vin },
		{ "--make", &v.make }, { "--model", &v.model },
		{ "--type", &v.type }, { "--year", &year }, { 0 } };
	struct live_vin d;
	int64_t id;
	int rc;

	if (parse(argc, argv, opts, NULL) != 0 || !org || !v.vin)
		return cl_command_usage(live_cli_vehicle_usage);
	if (org_id(org, &v.organization_id) != CL_OK)
		return fail("vehicle", "--org must be an organization id");
	live_vin_decode(v.vin, &d);
	if (!d.well_formed)
		return fail("vehicle", "--vin must be 17 characters of A-H, "
		    "J-N, P, R-Z and 0-9");
	if (year && (cl_parse_int(year, &v.year) != CL_OK || v.year < 1900 ||
	    v.year > 2100))
		return fail("vehicle", "--year must be from 1900 to 2100");
	if (!len_ok(v.make, 0, 100) || !len_ok(v.model, 0, 100) ||
	    !len_ok(v.type, 0, 100))
		return fail("vehicle", "--make, --model and --type are at most "
		    "100 characters");
	rc = live_vehicle_insert(db, &v, &id);
	if (rc == CL_EDUP)
		return fail("vehicle", "the organization has that VIN already");
	if (rc == CL_EFOREIGN)
		return fail("vehicle", "no organization has that id");
	if (rc != CL_OK)
		return fail_db(db, "vehicle", rc);
	printf("%lld\n", (long long)id);
	return 0;
}
