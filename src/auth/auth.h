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

struct cl_arena;
struct cl_db;
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

/* Queues a message in identity's outbox (API.md §2: channel "sms",
 * "email", or "pusher" for livestream's events), unsent, carrying no
 * secret. Borrows the strings. Returns CL_OK or a CL_E*. */
int auth_outbox_queue(struct cl_db *db, const char *channel,
    const char *recipient, const char *subject, const char *body);

/* An account an admin command of another module makes (livestream's
 * dealer create, API.md §9), with user create's rules. */
struct auth_user_new {
	const char	*email;
	const char	*username;   /* NULL: none */
	const char	*first_name; /* NULL: "" */
	const char	*last_name;  /* NULL: "" */
	const char	*phone;      /* NULL: none; else verified and primary */
	const char	*password;
	const char	*role;       /* a role name granted, or NULL */
};

/* Checks in (address, username, phone, password of at least
 * AUTH_PASSWORD_MIN characters), hashes the password and inserts the
 * user, phone and role in the caller's open transaction. Returns CL_OK
 * with *id; CL_EINVAL or CL_EDUP with *why (a sentence for the
 * operator); or another CL_E* of the database. Borrows in; allocates
 * from a. */
int auth_user_create(struct cl_db *db, struct cl_arena *a,
    const struct auth_user_new *in, int64_t *id, const char **why);

/* HMAC-SHA256 of msg (len bytes) keyed with key, as 64 lower-case hex
 * digits into out (AUTH_HMAC_HEX bytes), and the constant-time equality
 * of two NUL-terminated strings of equal length. */
#define AUTH_HMAC_HEX 65
void auth_hmac_sha256_hex(const char *key, const char *msg, size_t len,
    char *out);
bool auth_equal_ct(const char *a, const char *b);

/* n random bytes from OpenSSL as 2n hex digits, from a; NULL when the
 * generator fails. */
char *auth_random_token(struct cl_arena *a, size_t n);

#endif
