/* Dates and times: civil dates as day numbers (pure arithmetic, no time
 * zone), the server's "today", and MariaDB DATETIME text to API.md's ISO
 * form. */
#ifndef CL_CORE_TIMEUTIL_H
#define CL_CORE_TIMEUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CL_DATE_BUF 11      /* "YYYY-MM-DD" + NUL */
#define CL_DATETIME_BUF 32  /* "YYYY-MM-DDTHH:MM:SS.ffffffZ" + NUL */

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t cl_days_from_civil(int y, unsigned m, unsigned d);
void cl_civil_from_days(int64_t days, int *y, unsigned *m, unsigned *d);

/* Parses exactly "YYYY-MM-DD" (a real calendar date) into a day number.
 * CL_OK or CL_EINVAL. */
int cl_date_parse(const char *s, int64_t *days);

/* Writes a day number as "YYYY-MM-DD" into buf (CL_DATE_BUF). */
char *cl_date_format(int64_t days, char *buf);

/* Today in the server's local zone, as a day number. */
int64_t cl_today(void);

/* Seconds since the epoch (wall clock), and a monotonic clock in seconds. */
int64_t cl_now(void);
double cl_monotonic(void);

/* "2018-09-17 09:26:04[.553218]" (MariaDB, UTC) to
 * "2018-09-17T09:26:04.553218Z" in buf (CL_DATETIME_BUF). NULL in: NULL. */
char *cl_datetime_iso(const char *mysql, char *buf);

/* Days in month m of year y. */
unsigned cl_days_in_month(int y, unsigned m);

#endif
