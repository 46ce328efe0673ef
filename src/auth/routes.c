/* Module identity: the route table (API.md §2) and the rest of the module
 * descriptor. Open this file first: each line names a route's handler
 * (login.c, register.c, otp.c, tokens.c, phones.c, passwords.c,
 * presence.c, sessions.c), who may call it, and the generic checks dispatch.c runs
 * before it. Login routes are not CL_TX: a failed attempt must stay
 * counted although the answer is an error. Below the routes: the periodic
 * job (jobs.c), the [auth] config keys, the clientelectl commands (cli.c)
 * and the credential checks (caller.c). */
#include "config.h"

#include "auth/auth.h"

#include "auth/internal.h"
#include "core/command.h"
#include "core/conf.h"
#include "core/dispatch.h"
#include "core/banned.h"

static const struct cl_route routes[] = {
	{ .method = CL_POST, .pattern = "/auth/login",         .handler = auth_login_create,
	  .flags = CL_PUBLIC | CL_JSON_BODY },
	{ .method = CL_POST, .pattern = "/auth/register",      .handler = auth_register_create,
	  .flags = CL_PUBLIC | CL_JSON_BODY | CL_TX },
	{ .method = CL_POST, .pattern = "/auth/verify-otp",    .handler = auth_otp_update,
	  .flags = CL_PUBLIC | CL_JSON_BODY },
	{ .method = CL_POST, .pattern = "/auth/resend-otp",    .handler = auth_otp_create,
	  .flags = CL_PUBLIC | CL_JSON_BODY | CL_TX },
	{ .method = CL_POST, .pattern = "/auth/token",         .handler = auth_tokens_create,
	  .flags = CL_PUBLIC | CL_JSON_BODY },
	{ .method = CL_POST, .pattern = "/auth/refresh",       .handler = auth_tokens_refresh,
	  .flags = CL_PUBLIC | CL_JSON_BODY },
	{ .method = CL_POST, .pattern = "/auth/add-phone-no",  .handler = auth_phones_create,
	  .flags = CL_JSON_BODY | CL_TX },
	{ .method = CL_POST, .pattern = "/auth/make-primary-phone", .handler = auth_phones_update,
	  .flags = CL_JSON_BODY | CL_TX },
	{ .method = CL_POST, .pattern = "/auth",               .handler = auth_sessions_create,
	  .flags = CL_PUBLIC | CL_APIKEY | CL_JSON_BODY },
	{ .method = CL_POST, .pattern = "/auth/changepassword", .handler = auth_passwords_update,
	  .flags = CL_PUBLIC | CL_JSON_BODY },
	{ .method = CL_POST, .pattern = "/auth/logout",        .handler = auth_logout_create },
	{ .method = CL_GET,  .pattern = "/auth/sessions",      .handler = auth_sessions_list },
	{ .method = CL_DELETE, .pattern = "/auth/sessions/{id}", .handler = auth_sessions_delete },
	{ .method = CL_POST, .pattern = "/accounts/status/online",  .handler = auth_presence_update },
	{ .method = CL_POST, .pattern = "/accounts/status/offline", .handler = auth_presence_update },
	{ 0 }
};

static const struct cl_job jobs[] = {
	{ .name = "identity-prune", .run = auth_prune_job },
	{ 0 }
};

/* [auth] (README): the JWT secret, token lifetimes of up to a year, and
 * the abuse limits of the OTP routes. */
struct auth_conf auth_conf;

static const struct cl_conf_key auth_keys[] = {
	/* HS256 needs a key as long as its hash (RFC 7518 §3.2). */
	CL_CONF_SECRET("jwt_secret", struct auth_conf, jwt_secret, 32, ""),
	CL_CONF_INT("access_ttl", struct auth_conf, access_ttl, 1,
	    INT64_C(31536000), 600),
	CL_CONF_INT("refresh_ttl", struct auth_conf, refresh_ttl, 1,
	    INT64_C(31536000), 86400),
	CL_CONF_INT("login_ttl", struct auth_conf, login_ttl, 1,
	    INT64_C(31536000), 86400),
	/* Abuse limits (issue #9 item 4; README): OTPs sent per phone and
	 * asked per client address within an hour, wrong OTPs per phone
	 * within an hour (ASVS 2.2.1: at most 100), and the hours an
	 * unverified phone stays claimed. */
	CL_CONF_INT("phone_sends_per_hour", struct auth_conf,
	    phone_sends_per_hour, 1, 1000, 3),
	CL_CONF_INT("address_sends_per_hour", struct auth_conf,
	    address_sends_per_hour, 1, 1000000, 10),
	CL_CONF_INT("otp_failures_per_hour", struct auth_conf,
	    otp_failures_per_hour, 1, 100, 100),
	CL_CONF_INT("phone_claim_hours", struct auth_conf, phone_claim_hours,
	    1, 8760, 24),
	{ 0 }
};

static const struct cl_conf_section conf[] = {
	{ .name = "auth", .keys = auth_keys, .storage = &auth_conf,
	  .size = sizeof(auth_conf) },
	{ 0 }
};

static const struct cl_command commands[] = {
	{ .name = "user", .run = auth_cli_user, .usage = auth_cli_user_usage },
	{ .name = "role", .run = auth_cli_role, .usage = auth_cli_role_usage },
	{ .name = "token", .run = auth_cli_token,
	  .usage = auth_cli_token_usage },
	{ .name = "apikey", .run = auth_cli_apikey,
	  .usage = auth_cli_apikey_usage },
	{ .name = "outbox", .run = auth_cli_outbox,
	  .usage = auth_cli_outbox_usage },
	{ 0 }
};

const struct cl_module identity_module = {
	.name = "identity",
	.routes = routes,
	.jobs = jobs,
	.conf = conf,
	.commands = commands,
	.auth = &auth_ops,
};
