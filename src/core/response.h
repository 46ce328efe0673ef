/* The one way out: handlers record a reply or a failure here; the worker
 * sends it after the transaction commits (response.c renders and writes,
 * logs the request line and counts metrics). Error bodies follow API.md §1:
 * {"status":"error","code","detail","errors":{field:[problems]}}. */
#ifndef CL_CORE_RESPONSE_H
#define CL_CORE_RESPONSE_H

#include <stddef.h>

struct cJSON;
struct cl_req;

/* Records a JSON reply; takes the cJSON tree (freed with the request).
 * Returns status. */
int cl_reply_json(struct cl_req *r, int status, struct cJSON *body);

/* {"status":"success","data":data}, seed 000's envelope of every success;
 * takes data, returns a new tree the caller owns. Pure. */
struct cJSON *cl_success_wrap(struct cJSON *data);

/* cl_reply_json of cl_success_wrap(data). */
int cl_reply_success(struct cl_req *r, int status, struct cJSON *data);

/* Records a reply with no body (204, or a 200 with nothing to say). */
int cl_reply_empty(struct cl_req *r, int status);

/* Records a reply with body bytes (copied into the arena). */
int cl_reply_raw(struct cl_req *r, int status, const char *content_type,
    const char *body, size_t len);

/* Adds a response header; name and value are copied into the arena. One
 * with a CR or LF in either (or ':' in the name) is logged and dropped. */
void cl_reply_header(struct cl_req *r, const char *name, const char *value);

/* Records an error reply. code is a machine code ("not_found"), detail a
 * human sentence. Field errors collected with cl_fail_field are attached.
 * A 401 gets WWW-Authenticate. Returns status. */
int cl_fail(struct cl_req *r, int status, const char *code, const char *detail);

/* Adds one problem for field to the errors object of the next cl_fail. */
void cl_fail_field(struct cl_req *r, const char *field, const char *problem);

/* True when cl_fail_field recorded something. */
int cl_has_field_errors(const struct cl_req *r);

/* Records 400 "validation_error" with the collected field errors. */
int cl_fail_validation(struct cl_req *r);

/* Maps a CL_E* from the database layer: CL_EDOWN 503, CL_ECONFLICT 409,
 * anything else 500 "internal error" with the request id (the cause is
 * logged by the db layer, never sent). Returns the status. */
int cl_fail_db(struct cl_req *r, int rc);

/* Streamed bodies (CSV): sends status and headers now; then write chunks.
 * Not allowed on CL_TX routes (nothing may leave before the commit). */
int cl_stream_begin(struct cl_req *r, int status, const char *content_type);
int cl_stream_write(struct cl_req *r, const char *buf, size_t len);

/* Sends what has been written so far to nginx now (the first bytes of a
 * long export go out before its rows are read). */
int cl_stream_flush(struct cl_req *r);

/* A streamed body that cannot be finished: the 200 and part of the body
 * have gone out, so no error can be sent. Ends the FastCGI request aborted
 * (core/fcgi_end.h): nginx ends the client's response without its last
 * chunk and closes it, so the client sees an incomplete transfer, never a
 * clean end of a truncated file; nginx's error log says why. */
void cl_stream_abort(struct cl_req *r);

/* Pure renderer of the error body (unit-tested). Borrows errors (may be
 * NULL); returns a new tree the caller owns. */
struct cJSON *cl_error_render(const char *code, const char *detail,
    const struct cJSON *errors);

/* The reason phrase of an HTTP status ("Not Found"). */
const char *cl_status_text(int status);

/* Sends the recorded response over FastCGI (worker only), logs the request
 * line and counts it. */
void cl_response_send(struct cl_req *r);

#endif
