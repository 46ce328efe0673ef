/* Module billing (API.md §6, seed 004): the ISP's B2B billing, KAMs and
 * customers first. Public to src/modules/modules.c only: the module's
 * descriptor. Everything else is in internal.h. */
#ifndef CL_MODULES_BILLING_BILLING_H
#define CL_MODULES_BILLING_BILLING_H

#include "core/router.h"

extern const struct cl_module billing_module;

#endif
