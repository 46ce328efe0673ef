/* Module loyalty (API.md §5, seed 003): a retail CRM's clients, loyalty
 * cards, credits and tickets. Public to src/modules/modules.c only: the
 * module's descriptor. Everything else is in internal.h. */
#ifndef CL_MODULES_LOYALTY_LOYALTY_H
#define CL_MODULES_LOYALTY_LOYALTY_H

#include "core/router.h"

extern const struct cl_module loyalty_module;

#endif
