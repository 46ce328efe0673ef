/* Lists: the query parameters of a list route (filters, ?search=,
 * ?ordering=, pagination) checked against a fixed spec, and the SELECT
 * that answers them. Every SQL fragment comes from the spec, which is
 * written out in the module's db.c; request text only ever becomes bound
 * parameters. A statement with optional filters is prepared and cached per
 * connection by its text, so each combination is prepared once. */
#ifndef CL_CORE_LISTING_H
#define CL_CORE_LISTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/page.h"

struct cJSON;
struct cl_arena;
struct cl_bind;
struct cl_db;
struct cl_field;
struct cl_kvlist;
struct cl_req;

enum cl_filter_type {
	CL_FILTER_STR,       /* any text, bound as is */
	CL_FILTER_INT,       /* an integer */
	CL_FILTER_ID,        /* a positive id; with .exists, the row must exist */
	CL_FILTER_BOOL,      /* true/false/1/0 (any case) */
	CL_FILTER_ENUM,      /* one of .values */
	CL_FILTER_ENUM_LIST, /* a comma list of .values; .sql ends in "IN" */
	CL_FILTER_DATE,      /* YYYY-MM-DD */
};

/* One query parameter and the condition it adds. sql is a complete
 * condition with one "?" ("c.kam_id = ?", "c.created_at >= ?"), except for
 * CL_FILTER_ENUM_LIST, whose sql ends in "IN" and gets "(?, ...)". sql
 * NULL: the parameter is read by the resource's list_where (resource.h)
 * and listed here only so the OpenAPI dump names it. */
struct cl_filter {
	const char		*param;
	enum cl_filter_type	type;
	const char		*sql;
	const char *const	*values;  /* ENUM, ENUM_LIST */
	const char		*exists;  /* ID: "SELECT 1 FROM t WHERE id = ?" */
};

/* ?ordering=name or -name (a comma list of them): name -> SQL expression. */
struct cl_ordering {
	const char	*name;
	const char	*sql;
};

enum cl_pagination {
	/* A plain array of at most max rows; with ?limit= (1..max) and
	 * ?offset=, DRF's {"count","next","previous","results"} envelope. */
	CL_LIMIT_OFFSET,
	/* ?page=&page_size= (page.h), always the envelope. */
	CL_PAGE_NUMBER,
};

/* Everything a list route may be asked, and the SQL that answers it. */
struct cl_list_spec {
	const char			*select;   /* "SELECT <columns> FROM t x [JOIN ...]" */
	const char			*count;    /* "SELECT COUNT(*) FROM t x [JOIN ...]" */
	const char			*count_all;/* NULL, or an exact count of every row
						    * the schema maintains ("SELECT n FROM
						    * list_counts WHERE name = 't'"), used
						    * when no condition applies */
	const struct cl_filter		*filters;  /* ends with a zeroed entry; may be NULL */
	const char *const		*search;   /* SQL expressions ?search= matches; NULL-terminated or NULL */
	const struct cl_ordering	*orderings;/* ends with a zeroed entry; NULL: ?ordering= ignored */
	const char			*order;    /* default ORDER BY, also the tie-break: "c.id" */
	const char			*scope;    /* NULL, or a condition every row must meet,
						    * its "?" bound to the caller's user id:
						    * "s.user_id = ?" lists the caller's own */
	enum cl_pagination		pagination;
	int64_t				max;       /* rows per response (0: CL_LIST_MAX) */
	bool				success;   /* seed 000: the answer goes inside
						    * {"status":"success","data":...} */
};

#define CL_LIST_MAX 1000
#define CL_SEARCH_MAX 200   /* characters of ?search= */
#define CL_LIST_BINDS 64

/* A checked list request: the conditions and binds chosen, the order and
 * the window. Filled by cl_list_parse; cl_list_fetch fills count. */
struct cl_list_query {
	const struct cl_list_spec	*spec;
	const char			*where;     /* " WHERE a = ? AND ..." or "" */
	struct cl_bind			*binds;     /* for where, from the arena */
	size_t				nbinds;
	const char			*order_by;  /* " ORDER BY x DESC, c.id" */
	bool				enveloped;  /* answer the envelope */
	int64_t				limit;
	int64_t				offset;
	struct cl_page			page;       /* CL_PAGE_NUMBER */
	int64_t				count;      /* matching rows, when enveloped */
	/* ID filters with .exists, checked by cl_list_fetch. */
	const struct cl_filter		*check[8];
	int64_t				check_id[8];
	size_t				ncheck;
	const char			*bad_param; /* on CL_EFOREIGN: the filter */
	/* A scalar subquery cl_list_fetch reads with the page, when it
	 * reads the page in one statement (cl_caller_stamp_sql), and what
	 * it read: NULL when it did not (another path, or no rows). */
	const char			*stamp_sql;
	const char			*stamp;
};

/* Reads the list parameters of query by spec into q (strings and binds
 * from a). Problems go to errors (field -> [problem]): an unknown enum
 * value, a malformed date, id, integer or boolean, an ordering not listed
 * (the problem names the allowed ones), a limit outside 1..max, a negative
 * offset, a search longer than CL_SEARCH_MAX. Returns CL_OK or CL_EINVAL.
 * Parameters the spec does not name are ignored. Pure. */
int cl_list_parse(struct cl_arena *a, const struct cl_list_spec *spec,
    const struct cl_kvlist *query, struct cl_list_query *q,
    struct cJSON *errors);

/* cl_list_parse on r's query, then the spec's scope bound to the caller;
 * on problems records 400 with them. Returns 0 or the status. */
int cl_list_or_reply(struct cl_req *r, const struct cl_list_spec *spec,
    struct cl_list_query *q);

/* Puts sql (a fixed condition with one "?") before q's other conditions,
 * bound to v: a condition the request cannot lift. Pure. */
void cl_list_scope(struct cl_arena *a, struct cl_list_query *q,
    const char *sql, struct cl_bind v);

/* cl_list_scope for a condition with n "?" (sql a fixed fragment, or one
 * assembled only from fixed fragments), bound in order to v[0..n-1],
 * which are copied. For filters a spec cannot say, such as collections'
 * bucket and status rules. Pure. */
void cl_list_where(struct cl_arena *a, struct cl_list_query *q,
    const char *sql, const struct cl_bind *v, size_t n);

/* Runs q: checks its ID filters exist (CL_EFOREIGN with q->bad_param set
 * when one does not), counts when enveloped (q->count), then reads the
 * window of rows into an array of size-byte structs by cols. Enveloped,
 * the count and the page are one statement; a page deep in the list is
 * read after the count, from whichever end is nearer. */
int cl_list_fetch(struct cl_db *db, struct cl_arena *a,
    struct cl_list_query *q, const struct cl_field *cols, size_t size,
    void **out, size_t *n);

/* The answer: results alone, or in the envelope with next/previous links
 * that keep the request's other parameters. An offset or page past the
 * end (when there are rows): 404. Takes results. Returns the status. */
int cl_list_reply(struct cl_req *r, const struct cl_list_query *q,
    struct cJSON *results);

/* "%", "_" and "!" of s escaped with "!" and wrapped in "%...%", for
 * "LIKE ? ESCAPE '!'", from a. Pure. */
char *cl_like_pattern(struct cl_arena *a, const char *s);

#endif
