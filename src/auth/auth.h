/* Module identity (API.md §2): accounts, passwords, tokens, apikeys,
 * permissions. Public to core and the other modules: the module
 * descriptor, which carries the routes, the periodic job, the [auth]
 * config section, the admin CLI commands and the credential checks
 * dispatch.c runs (routes.c). */
#ifndef CL_AUTH_AUTH_H
#define CL_AUTH_AUTH_H

#include "core/router.h"

extern const struct cl_module identity_module;

#endif
