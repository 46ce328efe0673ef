/* Module collections (API.md §3, seed 000): agents, CRM customers by
 * bucket and status, import, performance. Public to src/modules/modules.c
 * only: the module's descriptor. Everything else is in internal.h. */
#ifndef CL_MODULES_COLLECTIONS_COLLECTIONS_H
#define CL_MODULES_COLLECTIONS_COLLECTIONS_H

#include "core/router.h"

extern const struct cl_module collections_module;

#endif
