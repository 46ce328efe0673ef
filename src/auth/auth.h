/* Module identity (API.md §2): accounts, passwords, tokens, apikeys,
 * permissions. Public to core and the other modules: the module table,
 * the credential operations dispatch.c calls, and the admin CLI commands. */
#ifndef CL_AUTH_AUTH_H
#define CL_AUTH_AUTH_H

#include "core/dispatch.h"
#include "core/router.h"

extern const struct cl_module identity_module;

/* Registered with cl_dispatch_set_auth() by main before workers start. */
extern const struct cl_auth_ops auth_ops;

#endif
