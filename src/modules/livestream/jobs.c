/* Module livestream: the periodic job (routes.c lists it; the jobs child
 * runs it every [server] jobs_interval seconds). It expires streams that
 * nobody asks about, then, when [pusher] url is set, delivers the events
 * waiting in the outbox to Pusher's HTTP events API, signed, with libcurl;
 * a failed delivery is retried later with exponential backoff. */
#include "config.h"

#include "modules/livestream/internal.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/query.h"
#include "core/timeutil.h"
#include "core/banned.h"

#define EVENTS_PER_RUN 50
#define BACKOFF_MAX 600   /* s between two tries at most */
#define DELIVERY_TIMEOUT 5L

static size_t
discard(char *p, size_t size, size_t n, void *ctx)
{
	(void)p;
	(void)ctx;
	return size * n;
}

/* POSTs one event; CL_OK on a 2xx answer. */
static int
deliver(struct cl_arena *a, CURL *curl, const char *channel,
    const char *event, const char *data)
{
	const struct live_pusher_conf *p = &live_pusher_conf;
	struct curl_slist *headers;
	cJSON *body = cJSON_CreateObject(), *chans;
	char *json, *url;
	long status = 0;
	CURLcode cc;
	size_t n;

	cJSON_AddStringToObject(body, "name", event);
	chans = cJSON_AddArrayToObject(body, "channels");
	cJSON_AddItemToArray(chans, cJSON_CreateString(channel));
	cJSON_AddStringToObject(body, "data", data);
	json = cJSON_PrintUnformatted(body);
	cJSON_Delete(body);
	if (json == NULL)
		return CL_EIO;
	n = strlen(p->url);
	url = cl_arena_printf(a, "%.*s/apps/%s/events?%s",
	    (int)(n > 0 && p->url[n - 1] == '/' ? n - 1 : n), p->url, p->app_id,
	    live_pusher_events_query(a, p->key, p->secret, p->app_id, json,
	        cl_now()));
	headers = curl_slist_append(NULL, "Content-Type: application/json");
	curl_easy_reset(curl);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, DELIVERY_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
	cc = curl_easy_perform(curl);
	if (cc == CURLE_OK)
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(headers);
	cJSON_free(json);
	if (cc != CURLE_OK)
		cl_log_msg("warn", "pusher delivery failed: %s",
		    curl_easy_strerror(cc));
	else if (status < 200 || status > 299)
		cl_log_msg("warn", "pusher answered %ld", status);
	return cc == CURLE_OK && status >= 200 && status <= 299 ? CL_OK :
	    CL_EIO;
}

/* One claimed event (live_events_claim): delivered, or put off with an
 * exponential backoff. Either way the row leaves the claim's set. */
static int
deliver_one(struct cl_db *db, struct cl_arena *a, const struct cl_rows *rows,
    size_t i, void *ctx)
{
	CURL *curl = ctx;
	int64_t id = cl_rows_int(rows, i, 0);
	int64_t tries = cl_rows_int(rows, i, 4);
	int64_t delay = (int64_t)1 << (tries < 9 ? tries + 1 : 10);

	if (deliver(a, curl, cl_rows_str(rows, i, 1), cl_rows_str(rows, i, 2),
	    cl_rows_str(rows, i, 3)) == CL_OK)
		return live_event_sent(db, id);
	return live_event_retry(db, id, delay < BACKOFF_MAX ? delay : BACKOFF_MAX);
}

static int
deliver_due(struct cl_db *db, struct cl_arena *a)
{
	static CURL *curl;

	if (curl == NULL && (curl = curl_easy_init()) == NULL)
		return CL_EIO;
	return live_events_claim(db, a, EVENTS_PER_RUN, deliver_one, curl, NULL);
}

int
live_job(struct cl_db *db, struct cl_arena *a)
{
	uint64_t n = 0;
	int rc = live_streams_expire_all(db, &n);

	/* Per host, so the cluster test can tell whose job did each one. */
	if (rc == CL_OK && n > 0)
		cl_log_msg("info", "livestream: expired %" PRIu64 " streams", n);
	if (rc != CL_OK || live_pusher_conf.url[0] == '\0')
		return rc;
	return deliver_due(db, a);
}
