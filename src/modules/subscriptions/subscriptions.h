/* Module subscriptions (API.md §4, seed 001): plans users can buy, their
 * purchases and cancellations. Public to src/modules/modules.c only: the
 * module's route table. Everything else is in internal.h. */
#ifndef CL_MODULES_SUBSCRIPTIONS_SUBSCRIPTIONS_H
#define CL_MODULES_SUBSCRIPTIONS_SUBSCRIPTIONS_H

#include "core/router.h"

extern const struct cl_module subscriptions_module;

#endif
