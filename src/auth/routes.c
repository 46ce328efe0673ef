/* Module identity: the route table (API.md §2). Open this file first: each
 * line names a route's handler (login.c, register.c, otp.c, tokens.c,
 * phones.c, passwords.c, presence.c), who may call it, and the generic
 * checks dispatch.c runs before it. Login routes are not CL_TX: a failed
 * attempt must stay counted although the answer is an error. */
#include "config.h"

#include "auth/auth.h"

#include "auth/internal.h"
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
	{ .method = CL_POST, .pattern = "/auth/logout",        .handler = auth_sessions_delete },
	{ .method = CL_POST, .pattern = "/accounts/status/online",  .handler = auth_presence_update },
	{ .method = CL_POST, .pattern = "/accounts/status/offline", .handler = auth_presence_update },
	{ 0 }
};

static const struct cl_job jobs[] = {
	{ .name = "identity-prune", .run = auth_prune_job },
	{ 0 }
};

const struct cl_module identity_module = {
	.name = "identity",
	.routes = routes,
	.jobs = jobs,
};
