/* Module identity (API.md §2): accounts, passwords, tokens, apikeys,
 * permissions. Public to core and the other modules: the module
 * descriptor, which carries the routes, the periodic job, the [auth]
 * config section, the admin CLI commands and the credential checks
 * dispatch.c runs (routes.c). */
#ifndef CL_AUTH_AUTH_H
#define CL_AUTH_AUTH_H

#include "core/router.h"

extern const struct cl_module identity_module;

#include <stdbool.h>
#include <stdint.h>

struct cl_req;

/* An account another module makes through identity (collections' POST
 * /agents, API.md §3), and the body keys its problems are reported on. */
struct auth_account_in {
	const char	*email;          /* also the username */
	const char	*first_name;     /* last name is "" */
	const char	*password;
	int64_t		role_id;         /* granted; the caller checked it exists */
	const char	*email_field;    /* "user" */
	const char	*password_field; /* "password" */
	bool		check_only;      /* record the problems, make nothing */
};

/* Checks in with identity's rules (an address, a password of
 * AUTH_PASSWORD_MIN..MAX characters, an email no user holds), recording
 * each problem with cl_fail_field; then, when there was none and not
 * in->check_only, hashes the
 * password with identity's hasher and inserts the user and its role in
 * the caller's transaction (a CL_TX route). Returns CL_OK with *id,
 * CL_EINVAL when problems were recorded (the caller adds its own and
 * replies), or a CL_E* of the database. Borrows in. */
int auth_account_create(struct cl_req *r, const struct auth_account_in *in,
    int64_t *id);

#endif
