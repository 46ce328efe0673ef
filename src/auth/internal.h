/* Inside module identity only (no other folder includes this): the structs
 * data functions fill, the pure rules, the crypto helpers, and the
 * prototypes shared between routes.c, the handler files, db.c, render.c
 * and cli.c. */
#ifndef CL_AUTH_INTERNAL_H
#define CL_AUTH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/conf.h"

struct cJSON;
struct cl_arena;
struct cl_auth_ops;
struct cl_db;
struct cl_req;
struct cl_rows;

/* [auth] of clientele.conf: the module's keys, defaults and bounds are in
 * routes.c; a load writes the values here only when the whole file is
 * valid (conf.h). */
struct auth_conf {
	char		jwt_secret[CL_CONF_STR_MAX]; /* HS256; empty: no JWTs */
	int64_t		access_ttl;     /* s, seed 001 access token */
	int64_t		refresh_ttl;    /* s, seed 001 refresh token */
	int64_t		login_ttl;      /* s, seed 000 /auth/login token */
	int64_t		phone_sends_per_hour;   /* OTPs sent to one phone */
	int64_t		address_sends_per_hour; /* OTPs asked from one address */
	int64_t		otp_failures_per_hour;  /* wrong OTPs of one phone */
	int64_t		phone_claim_hours;      /* an unverified phone's claim */
};
extern struct auth_conf auth_conf;

/* The credential checks dispatch.c runs (caller.c), carried by
 * identity_module. */
extern const struct cl_auth_ops auth_ops;

/* clientelectl's identity commands (cli.c), listed in routes.c: each
 * returns 0, 1 after printing why it failed, or 2 after printing its
 * usage. */
int auth_cli_user(struct cl_db *db, int argc, char **argv);
int auth_cli_role(struct cl_db *db, int argc, char **argv);
int auth_cli_token(struct cl_db *db, int argc, char **argv);
int auth_cli_apikey(struct cl_db *db, int argc, char **argv);
int auth_cli_outbox(struct cl_db *db, int argc, char **argv);
extern const char auth_cli_user_usage[];
extern const char auth_cli_role_usage[];
extern const char auth_cli_token_usage[];
extern const char auth_cli_apikey_usage[];
extern const char auth_cli_outbox_usage[];

/* Limits of API.md §2. */
#define AUTH_PASSWORD_MIN 8
#define AUTH_PASSWORD_MAX 1024        /* bytes hashed per login: bounded */
#define AUTH_ATTEMPT_LIMIT 5          /* failed logins ... */
#define AUTH_ATTEMPT_WINDOW 900       /* ... within this many seconds: 429 */
#define AUTH_OTP_LIFE 300             /* seconds an OTP is valid */
#define AUTH_OTP_TRIES 5              /* wrong tries that void an OTP */
#define AUTH_OTP_RESEND 60            /* seconds between two OTPs of a phone */
#define AUTH_ABUSE_WINDOW 3600        /* s, window of the *_per_hour limits */
#define AUTH_SESSION_TOUCH 60         /* s between last_used_at writes (db.c) */

#define AUTH_HEX_SHA256 65            /* 64 hex digits + NUL */
#define AUTH_SECRET_BYTES 32          /* API tokens and apikeys */
#define AUTH_UUID_BUF 37
#define AUTH_SEED_DATETIME_BUF 64     /* "YYYY-MM-DD HH-MM-SS.ffffff" + NUL, with room */

/* A row of users. Strings are from the caller's arena; email, username
 * and platform may be NULL, the names are "" when unset. */
struct auth_user {
	int64_t		id;
	const char	*xid;
	const char	*email;
	const char	*username;
	const char	*first_name;
	const char	*last_name;
	const char	*password_hash;
	bool		is_superuser;
	bool		is_active;
	const char	*presence;            /* "online" or "offline" */
	const char	*platform;
	int64_t		tokens_valid_after;   /* JWTs with iat below are void */
};

/* A row of user_phones. */
struct auth_phone {
	int64_t		id;
	int64_t		user_id;
	const char	*phone;
	bool		is_verified;
	bool		is_primary;
};

/* The newest OTP of a phone, with times read from the database's clock. */
struct auth_otp {
	int64_t		id;
	int64_t		user_id;
	const char	*code_hash;
	int64_t		tries;
	int64_t		created;              /* s since the epoch */
	int64_t		now;                  /* the database's now, same clock */
	bool		is_used;
};

/* What the credential check of one request found out about its caller. */
struct auth_caller_row {
	bool		is_active;
	bool		is_superuser;
	int64_t		tokens_valid_after;
	bool		is_revoked;           /* the jti is in revoked_tokens */
	bool		session_live;         /* no sid, or its session is live */
	bool		session_stale;        /* live, last_used_at to refresh */
	const char	*perms;               /* "a:read,b:write" or NULL; owned
					       * by the worker's cache, valid
					       * for this request */
	int64_t		perms_stamp;          /* auth_stamps.perms read with it */
	int64_t		user_id;              /* API tokens: the owner */
	const char	*stamp;               /* JWTs: both stamps, AUTH_STAMP_SQL */
	int64_t		session_ttl;          /* JWTs: s its session has left, or
					       * -1 for a token of no session */
};

/* Both stamps of auth_stamps (sql/0060, sql/0063) as one string, as a
 * scalar subquery: what a cached caller is confirmed against. */
#define AUTH_STAMP_SQL \
	"(SELECT CONCAT(st.perms, '.', st.callers) FROM auth_stamps st " \
	"WHERE st.id = 1)"

/* Reads AUTH_STAMP_SQL alone into *stamp (from a). */
int auth_stamp_get(struct cl_db *db, struct cl_arena *a, const char **stamp);

/* The worker's cache of JWT callers checked in full (caller_cache.c says
 * why it is safe). AUTH_CALLER_TTL bounds an entry's life in seconds. */
#define AUTH_CALLER_TTL 30

struct auth_claims;

struct auth_cached_caller {
	int64_t		 user_id;
	bool		 is_superuser;
	char		*perms;     /* "a:read,b:write" or NULL (owned) */
	const char	*stamp;     /* the stamps of its check */
};

/* The entry for the token of claims c, or NULL: none, another token in
 * its slot, or past its time (now: cl_monotonic()). Valid until the next
 * put or forget. */
const struct auth_cached_caller *auth_cache_find(const struct auth_claims *c,
    double now);

/* Keeps row, the full check of c's caller, which must have passed; not
 * when its session has a second or less left. */
void auth_cache_put(const struct auth_claims *c,
    const struct auth_caller_row *row, double now);

/* Drops the entry of jti, if there is one. */
void auth_cache_forget(const char *jti);

/* A JWT's claims. Seed 001 tokens carry the first five; /auth/login tokens
 * (seed 000) also the rest, which are NULL otherwise. */
struct auth_claims {
	const char	*token_type;          /* "access" or "refresh" */
	int64_t		exp;
	int64_t		iat;
	const char	*jti;
	int64_t		user_id;
	int64_t		sid;                  /* auth_sessions.id; 0: none */
	const char	*user_xid;
	const char	*roles_json;          /* a JSON array of role names */
	const char	*mvp_user_id;
	const char	*username;
	const char	*issue_datetime;
	const char	*expiry_datetime;
};

/* Why a JWT was refused (jwt.c). */
enum auth_jwt_status {
	AUTH_JWT_OK = 0,
	AUTH_JWT_MALFORMED,   /* not three base64url parts of JSON */
	AUTH_JWT_ALG,         /* alg is not HS256 (none, HS512, RS256 ...) */
	AUTH_JWT_SIGNATURE,   /* libjwt refused the signature or the form */
	AUTH_JWT_CLAIMS,      /* a required claim is missing or mistyped */
	AUTH_JWT_EXPIRED,     /* exp is not in the future */
	AUTH_JWT_TYPE,        /* token_type is not the one expected */
};

/* How the client named its account on a login route. */
enum auth_ident {
	AUTH_BY_LOGIN,        /* an email when it has '@', else a username */
	AUTH_BY_EMAIL,
	AUTH_BY_USERNAME,
	AUTH_BY_PHONE,
};

/* One login route's credentials and the answer it gives when they fail
 * (API.md gives /auth/login and /auth/changepassword 400, the token
 * routes 401). */
struct auth_login {
	enum auth_ident	by;
	const char	*name;
	const char	*password;
	int		fail_status;
	bool		need_verified_phone;  /* /auth/token: 401 when not */
};

/* The scheme and credential of an Authorization header. */
enum auth_scheme { AUTH_SCHEME_BEARER, AUTH_SCHEME_JWT, AUTH_SCHEME_TOKEN };

/* Handlers (login.c, register.c, otp.c, tokens.c, phones.c, passwords.c,
 * presence.c). Each returns the HTTP status it recorded. */
int auth_login_create(struct cl_req *r);
int auth_sessions_create(struct cl_req *r);
int auth_logout_create(struct cl_req *r);
int auth_sessions_list(struct cl_req *r);
int auth_sessions_delete(struct cl_req *r);
int auth_register_create(struct cl_req *r);
int auth_otp_update(struct cl_req *r);
int auth_otp_create(struct cl_req *r);
int auth_tokens_create(struct cl_req *r);
int auth_tokens_refresh(struct cl_req *r);
int auth_phones_create(struct cl_req *r);
int auth_phones_update(struct cl_req *r);
int auth_passwords_update(struct cl_req *r);
int auth_presence_update(struct cl_req *r);

/* Periodic job (jobs.c): deletes what no rule reads any more. */
int auth_prune_job(struct cl_db *db, struct cl_arena *a);

/* Pure rules (rules.c), unit-tested. */

/* True while an OTP created at created (s) may still be tried at now:
 * younger than AUTH_OTP_LIFE and fewer than AUTH_OTP_TRIES wrong tries. */
bool auth_otp_is_usable(int64_t created, int64_t now, int64_t tries);

/* Seconds until a phone whose last OTP was created at created may get a
 * new one; 0 when it may now. */
int64_t auth_otp_resend_wait(int64_t created, int64_t now);

/* The iat to give a token issued at now for a user whose tokens before
 * valid_after are void: now, or valid_after when a password changed within
 * this very second (so a token issued just after the change stays valid
 * while those issued just before it do not). */
int64_t auth_token_iat(int64_t now, int64_t valid_after);

/* The tokens_valid_after stamp of a password change at now: every token
 * issued up to and including this second becomes void. */
int64_t auth_tokens_void_before(int64_t now);

/* A phone number: an optional '+' then 6 to 15 digits (E.164 length). */
bool auth_phone_is_valid(const char *s);

/* An address the admin CLI accepts: local@domain, at most 254 bytes, no
 * spaces; unlike the API's check the domain may lack a dot, so that
 * admin@localhost is an account. */
bool auth_email_is_plausible(const char *s);

/* A username: 1..150 characters without '@' (so a login name with '@' is
 * always an email) and without spaces or control characters. */
bool auth_username_is_valid(const char *s);

/* Splits "Ikram Khan" at the first space run into first and last names,
 * allocated from a. */
void auth_split_name(struct cl_arena *a, const char *name, const char **first,
    const char **last);

/* Writes us microseconds since the epoch as seed 000's
 * "2018-09-18 19-13-33.788942" (UTC) into buf (AUTH_SEED_DATETIME_BUF). */
char *auth_seed_datetime(int64_t us, char *buf);

/* Parses "Bearer x", "JWT x" or "Token x" (scheme case-insensitive).
 * *cred points into header. CL_OK, or CL_EINVAL for anything else. */
int auth_scheme_parse(const char *header, enum auth_scheme *scheme,
    const char **cred);

/* Crypto helpers (secrets.c): OpenSSL's RAND_bytes and SHA-256. */

/* n random bytes as 2n hex digits, from a. NULL when RAND_bytes fails. */
char *auth_random_hex(struct cl_arena *a, size_t n);

/* A random UUID (version 4) into buf (AUTH_UUID_BUF). CL_OK or CL_EIO. */
int auth_uuid4(char *buf);

/* Six random decimal digits, uniform, into buf (7 bytes). CL_OK or CL_EIO. */
int auth_otp_digits(char *buf);

/* SHA-256 of s as hex into out (AUTH_HEX_SHA256). */
void auth_sha256_hex(const char *s, char *out);

/* HMAC-SHA256 of "otp:<phone>:<code>", as hex into out, keyed with
 * HMAC-SHA256(key, "clientele otp key v1"): a key of its own, derived
 * from the JWT secret rather than the secret itself. */
void auth_otp_hash(const char *key, const char *phone, const char *code,
    char *out);

/* Compares two NUL-terminated strings in time that depends only on their
 * lengths. */
bool auth_secret_equal(const char *a, const char *b);

/* Password hashes (pwhash.c): "scrypt$<log2 N>$<r>$<p>$<salt>$<hash>",
 * salt and hash in base64. */

/* The parameters new hashes use: OWASP's scrypt minimum at 32 MiB
 * (N=2^15, r=8, p=3; equivalent to N=2^17, p=1 at a quarter of the
 * memory). About 270 ms per hash on the 2-core reference machine. */
#define AUTH_SCRYPT_LOG2N 15
#define AUTH_SCRYPT_R 8
#define AUTH_SCRYPT_P 3

/* Hashes password with a fresh 16-byte salt and the given parameters;
 * the hash string is allocated from a. NULL when OpenSSL fails. */
char *auth_pwhash_make_params(struct cl_arena *a, const char *password,
    unsigned log2n, unsigned r, unsigned p);

/* auth_pwhash_make_params with the current parameters. */
char *auth_pwhash_make(struct cl_arena *a, const char *password);

/* True when password matches hash (constant-time compare). A malformed
 * hash or absurd parameters never match. */
bool auth_pwhash_verify(const char *hash, const char *password);

/* True when hash was made with parameters below the current ones. */
bool auth_pwhash_needs_rehash(const char *hash);

/* A well-formed hash of a password nobody knows, to spend the same time
 * on a login name that matches no account. */
const char *auth_pwhash_dummy(void);

/* JWTs (jwt.c), HS256 through libjwt. */

/* Signs c with HS256 under secret. The token is allocated from a; NULL
 * when libjwt fails. */
char *auth_jwt_encode(struct cl_arena *a, const char *secret,
    const struct auth_claims *c);

/* Verifies token under secret at now: header alg exactly HS256, signature,
 * the five claims present and typed, exp > now, and token_type equal to
 * want_type. Fills c (strings from a) and returns AUTH_JWT_OK, or the
 * reason it refused. */
enum auth_jwt_status auth_jwt_decode(struct cl_arena *a, const char *secret,
    const char *token, int64_t now, const char *want_type,
    struct auth_claims *c);

/* Issues a seed 001 token (access or refresh) for u in session sid (0:
 * none), valid ttl seconds from now, with id jti (NULL: a random one);
 * *exp gets its expiry. NULL when signing failed. */
char *auth_jwt_issue(struct cl_arena *a, const struct auth_user *u,
    const char *type, int64_t ttl, int64_t sid, const char *jti,
    int64_t *exp);

/* Signing a token failed (no usable jwt_secret): logs why and records a
 * 500 with the request id; returns it (caller.c). */
int auth_sign_failed_or_reply(struct cl_req *r);

/* Credentials (caller.c). Verifies token as a JWT of want_type, then that
 * its user is still active, its jti not revoked, its session (if it names
 * one) not ended, and that it was issued
 * after the user's last password change: 0 with c and row filled, or
 * records 401 (or a database error) and returns it. */
int auth_jwt_or_reply(struct cl_req *r, const char *token,
    const char *want_type, struct auth_claims *c,
    struct auth_caller_row *row);

/* Sessions (sessions.c). Opens the session of a login for user_id, to
 * live ttl seconds (extended by each refresh rotation), whose valid
 * refresh token will have id refresh_jti (NULL: the login issues none):
 * 0 with *sid set, or records a database error and returns it. */
int auth_session_start_or_reply(struct cl_req *r, int64_t user_id,
    const char *platform, const char *refresh_jti, int64_t ttl,
    int64_t *sid);

/* The lifetime of a session opened by POST /auth/token: the longer of the
 * two tokens' lifetimes, so the session outlives every token it issued. */
int64_t auth_session_ttl(int64_t access_ttl, int64_t refresh_ttl);

/* Login checks (credentials.c, limits.c). */

/* Finds the account in->name names, counts the attempt against it and the
 * client address, and checks the password: 0 with *u filled, or records
 * 429 (too many failures), in->fail_status (wrong name or password), 401
 * (unverified phone) or a database error, and returns it. */
int auth_credentials_or_reply(struct cl_req *r, const struct auth_login *in,
    struct auth_user *u);

/* Counts an OTP send to phone, asked from r's address, against
 * phone_sends_per_hour and address_sends_per_hour: 0 with the send
 * recorded (in r's transaction: a CL_TX route), or records 429
 * (too_many_otps) with Retry-After and returns it. */
int auth_send_allowed_or_reply(struct cl_req *r, const char *phone);

/* verify-otp: 0 while phone's wrong OTPs within the hour are fewer than
 * otp_failures_per_hour, else records 429 with Retry-After. */
int auth_otp_failures_or_reply(struct cl_req *r, const char *phone);

/* The Retry-After of a limit: wait seconds, at least 1 and at most the
 * window (a clock step cannot make it absurd). Pure. */
int64_t auth_retry_after(int64_t wait, int64_t window);

/* Counts a login attempt for user_id (0: the name matched no account) and
 * r->remote_addr before the password is checked. 0 with *attempt set, or
 * records 429 with Retry-After and returns it. */
int auth_attempt_begin_or_reply(struct cl_req *r, int64_t user_id,
    int64_t *attempt);

/* The password was right: forgets the attempt and the account's earlier
 * failures (the address keeps its count). */
int auth_attempt_succeeded(struct cl_req *r, int64_t attempt,
    int64_t user_id);

/* OTPs (otp.c): makes a code for phone, stores its hash and queues the
 * text in the outbox. Returns CL_OK or a CL_E*. */
int auth_otp_send(struct cl_db *db, struct cl_arena *a, int64_t user_id,
    const char *phone);

/* Data functions (db.c). Each returns CL_OK or a negative CL_E*; strings
 * in out are allocated from a. _for_update functions lock what they read
 * until the transaction ends and must run inside one (a CL_TX route). */

int auth_user_get(struct cl_db *db, struct cl_arena *a, int64_t id,
    struct auth_user *out);
int auth_user_find_by_email(struct cl_db *db, struct cl_arena *a,
    const char *email, struct auth_user *out);
int auth_user_find_by_username(struct cl_db *db, struct cl_arena *a,
    const char *username, struct auth_user *out);
/* The user owning phone, and that phone's row. */
int auth_user_find_by_phone(struct cl_db *db, struct cl_arena *a,
    const char *phone, struct auth_user *out, struct auth_phone *ph);

/* Inserts u (borrowed; id and xid are set here). CL_EDUP when the email,
 * username or xid is taken. */
int auth_user_insert(struct cl_db *db, struct auth_user *u);

/* Stores a new password hash and voids the user's tokens issued before
 * valid_after. */
int auth_user_set_password(struct cl_db *db, int64_t id, const char *hash,
    int64_t valid_after);

/* Replaces the hash of the same password (parameters raised). */
int auth_user_set_hash(struct cl_db *db, int64_t id, const char *hash);

/* Records a login now, and the platform when not NULL. */
int auth_user_set_login(struct cl_db *db, int64_t id, const char *platform);

int auth_user_set_presence(struct cl_db *db, int64_t id,
    const char *presence);

/* The names of the user's roles as a JSON array text, from a. */
int auth_user_roles_json(struct cl_db *db, struct cl_arena *a, int64_t id,
    const char **json);

/* What a JWT's caller is allowed: flags, revocation of jti, permissions.
 * CL_ENOTFOUND when the user is gone. */
int auth_caller_get(struct cl_db *db, struct cl_arena *a, int64_t user_id,
    const char *jti, int64_t sid, struct auth_caller_row *out);

/* The same for the live API token with SHA-256 hash; CL_ENOTFOUND when
 * there is none. Both read the permissions from this process's cache when
 * it holds them at the permissions stamp read with the user. */
int auth_caller_get_by_token(struct cl_db *db, struct cl_arena *a,
    const char *hash, struct auth_caller_row *out);

int auth_revoked_insert(struct cl_db *db, const char *jti, int64_t user_id,
    int64_t exp);
int auth_api_token_insert(struct cl_db *db, int64_t user_id,
    const char *hash);
int auth_api_token_revoke(struct cl_db *db, const char *hash);
/* Revokes every live API token of user_id (a password change). */
int auth_api_token_revoke_user(struct cl_db *db, int64_t user_id);

/* A live session as GET /auth/sessions shows it; datetimes ISO (Z). */
struct auth_session {
	int64_t		id;
	const char	*created_at;
	const char	*last_used_at;
	const char	*platform;            /* NULL when unknown */
};

/* Inserts a session; *id gets its id. */
int auth_session_insert(struct cl_db *db, int64_t user_id,
    const char *platform, const char *refresh_jti, int64_t ttl, int64_t *id);
/* Spends refresh token old_jti of live session id of user_id and makes
 * new_jti the valid one, extending the session to ttl seconds from now.
 * One atomic UPDATE (its row lock serializes concurrent refreshes): of two
 * presenting the same token, one matches. CL_ENOTFOUND when old_jti is not
 * the session's valid refresh token or the session is over. */
int auth_session_rotate(struct cl_db *db, int64_t id, int64_t user_id,
    const char *old_jti, const char *new_jti, int64_t ttl);
/* Sets the session's last_used_at to now. */
int auth_session_touch(struct cl_db *db, int64_t id);
/* Ends live session id of user_id: CL_ENOTFOUND when there is none. */
int auth_session_revoke(struct cl_db *db, int64_t id, int64_t user_id);
/* Ends every session of user_id. */
int auth_session_revoke_user(struct cl_db *db, int64_t user_id);
/* The live sessions of user_id, newest first, at most max into out
 * (allocated from a); *n gets their number. */
int auth_session_list(struct cl_db *db, struct cl_arena *a, int64_t user_id,
    size_t max, struct auth_session **out, size_t *n);

/* The id of the live apikey with SHA-256 hash; CL_ENOTFOUND when none. */
int auth_apikey_find(struct cl_db *db, struct cl_arena *a, const char *hash,
    int64_t *id);
int auth_apikey_insert(struct cl_db *db, const char *name, const char *hash);

int auth_phone_get(struct cl_db *db, struct cl_arena *a, const char *phone,
    struct auth_phone *out);
int auth_phone_get_for_update(struct cl_db *db, struct cl_arena *a,
    const char *phone, struct auth_phone *out);
/* CL_EDUP when the phone is taken. */
int auth_phone_insert(struct cl_db *db, int64_t user_id, const char *phone,
    bool verified, bool primary);
int auth_phone_set_verified(struct cl_db *db, int64_t id);
/* Makes id the only primary phone of user_id. */
int auth_phone_set_primary(struct cl_db *db, int64_t user_id, int64_t id);

int auth_otp_insert(struct cl_db *db, int64_t user_id, const char *phone,
    const char *hash);
/* The newest OTP of phone; CL_ENOTFOUND when it never had one. */
int auth_otp_latest(struct cl_db *db, struct cl_arena *a, const char *phone,
    struct auth_otp *out);
/* Spends one try of a live OTP: CL_ENOTFOUND when it is used, expired or
 * out of tries (then nothing changes). */
int auth_otp_spend_try(struct cl_db *db, int64_t id);
/* Marks the OTP used: CL_ENOTFOUND when it already was. */
int auth_otp_use(struct cl_db *db, int64_t id);

/* Queues a message; secret_life > 0 says it carries a secret for that many
 * seconds, after which (or once it is sent) the prune job blanks it. */
int auth_outbox_insert(struct cl_db *db, const char *channel,
    const char *recipient, const char *subject, const char *body,
    int64_t secret_life);
/* The outbox newest first, only to recipient when not NULL: columns id,
 * channel, recipient, subject, body, created_at, sent_at. */
int auth_outbox_list(struct cl_db *db, struct cl_arena *a,
    const char *recipient, struct cl_rows *out);

int auth_attempt_insert(struct cl_db *db, int64_t user_id, const char *ip,
    int64_t *id);
/* Attempts within the window from ip and against user_id (0: none). */
int auth_attempt_count(struct cl_db *db, struct cl_arena *a,
    int64_t user_id, const char *ip, int64_t *by_user, int64_t *by_ip);
/* Seconds until fewer than the limit of attempts remain in the window for
 * user_id (when > 0) or else ip; 0 when that is already so. */
int auth_attempt_wait(struct cl_db *db, struct cl_arena *a, int64_t user_id,
    const char *ip, int64_t *seconds);
int auth_attempt_delete(struct cl_db *db, int64_t id);
int auth_attempt_clear_user(struct cl_db *db, int64_t user_id);

int auth_role_insert(struct cl_db *db, const char *name, int64_t *id);
int auth_role_find(struct cl_db *db, struct cl_arena *a, const char *name,
    int64_t *id);
int auth_permission_find(struct cl_db *db, struct cl_arena *a,
    const char *name, int64_t *id);
int auth_role_grant(struct cl_db *db, int64_t role_id, int64_t perm_id);
int auth_user_role_insert(struct cl_db *db, int64_t user_id,
    int64_t role_id);

/* Abuse limits (limits.c, issue #9 item 4). */

/* Locks the row of limit key (inserting it): parallel sends of one key
 * wait for each other. Inside a transaction only. */
int auth_limit_lock(struct cl_db *db, const char *key);
/* OTPs sent within window seconds to phone and asked from ip. */
int auth_send_count(struct cl_db *db, struct cl_arena *a, const char *phone,
    const char *ip, int64_t window, int64_t *by_phone, int64_t *by_ip);
/* Seconds until fewer than limit sends to the phone (by_phone) or from the
 * address value remain in the window; 0 when that is already so. */
int auth_send_wait(struct cl_db *db, struct cl_arena *a, bool by_phone,
    const char *value, int64_t window, int64_t limit, int64_t *seconds);
int auth_send_insert(struct cl_db *db, const char *phone, const char *ip);
int auth_otp_failure_insert(struct cl_db *db, const char *phone);
int auth_otp_failure_count(struct cl_db *db, struct cl_arena *a,
    const char *phone, int64_t window, int64_t *n);
int auth_otp_failure_wait(struct cl_db *db, struct cl_arena *a,
    const char *phone, int64_t window, int64_t limit, int64_t *seconds);
/* Deletes phone's claim when it is unverified and older than hours. */
int auth_phone_lapse(struct cl_db *db, const char *phone, int64_t hours);
/* The same for every phone (the prune job). */
int auth_phones_lapse(struct cl_db *db, int64_t hours);

/* Deletes expired revocations, and attempts and OTPs older than a day. */
int auth_expired_delete(struct cl_db *db);

/* Blanks the outbox messages whose secret is spent (sent, or past its
 * life); cheap when there are none (an index on secret_until). Rows are
 * claimed (cl_claim_rows), so the jobs of several hosts share the work;
 * *blanked counts this call's. */
int auth_outbox_secrets_blank(struct cl_db *db, struct cl_arena *a,
    size_t *blanked);

/* Renderers (render.c): pure, struct in, new cJSON tree out. */

/* seed 000's {"user_xid","username","first_name","last_name","email"}. */
struct cJSON *auth_render_login_user(const struct auth_user *u);
/* seed 002's account {id,email,username,firstName,lastName,presence}. */
struct cJSON *auth_render_account(const struct auth_user *u);
/* The email registration answer {id,email,username,firstName,lastName}. */
struct cJSON *auth_render_registered(const struct auth_user *u);
/* seed 000's {"status":"success","data":{access_token, expiry_datetime,
 * user}}; borrows its arguments, as every renderer does. */
struct cJSON *auth_render_login(const char *token, const char *expiry,
    const struct auth_user *u);
/* seed 002's {"token", "account"}. */
struct cJSON *auth_render_session(const char *token,
    const struct auth_user *u);
/* seed 001's {"token":{"refresh","access"}} and {"access"}. */
struct cJSON *auth_render_token_pair(const char *refresh, const char *access);
struct cJSON *auth_render_access(const char *access);
/* seed 001's rotation answer {"access","refresh"}. */
struct cJSON *auth_render_rotated(const char *access, const char *refresh);
/* GET /auth/sessions: [{id, created_at, last_used_at, platform, current}],
 * current true for the session whose id is current. */
struct cJSON *auth_render_sessions(const struct auth_session *s, size_t n,
    int64_t current);
/* {"presence": presence}. */
struct cJSON *auth_render_presence(const char *presence);
/* {"message": message}; borrows message. */
struct cJSON *auth_render_message(const char *message);
/* The seed 000 username: the username, else the email. */
const char *auth_login_name(const struct auth_user *u);

#endif
