/* The modules of this server, in routing order: one line per module. */
#include "config.h"

#include "core/router.h"
#include "auth/auth.h"
#include "core/service.h"
#include "modules/subscriptions/subscriptions.h"
#include "modules/billing/billing.h"
#include "modules/collections/collections.h"
#include "modules/livestream/livestream.h"
#include "modules/loyalty/loyalty.h"
#include "core/banned.h"

const struct cl_module *const cl_modules[] = {
	&cl_service_module,
	&identity_module,
	&subscriptions_module,
	&billing_module,
	&collections_module,
	&livestream_module,
	&loyalty_module,
	NULL,
};
