/* Civil dates as day numbers (Howard Hinnant's days_from_civil algorithm),
 * which makes "start + cycle x months days" plain integer addition. */
#include "config.h"

#include "core/timeutil.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/errors.h"
#include "core/banned.h"

int64_t
cl_days_from_civil(int y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
cl_civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

unsigned
cl_days_in_month(int y, unsigned m)
{
	static const unsigned days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

static bool
digits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

int
cl_date_parse(const char *s, int64_t *days)
{
	int y;
	unsigned m, d;

	if (s == NULL || strlen(s) != 10 || !digits(s, 4) || s[4] != '-' ||
	    !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return CL_EINVAL;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > cl_days_in_month(y, m))
		return CL_EINVAL;
	*days = cl_days_from_civil(y, m, d);
	return CL_OK;
}

char *
cl_date_format(int64_t days, char *buf)
{
	int y;
	unsigned m, d;

	cl_civil_from_days(days, &y, &m, &d);
	snprintf(buf, CL_DATE_BUF, "%04u-%02u-%02u", (unsigned)y % 10000u, m % 100u,
	    d % 100u);
	return buf;
}

int64_t
cl_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		return now / 86400;
	return cl_days_from_civil(tm.tm_year + 1900, (unsigned)tm.tm_mon + 1,
	    (unsigned)tm.tm_mday);
}

int64_t
cl_now(void)
{
	return (int64_t)time(NULL);
}

double
cl_monotonic(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

char *
cl_datetime_iso(const char *mysql, char *buf)
{
	const char *frac;
	size_t n;

	if (mysql == NULL)
		return NULL;
	/* "YYYY-MM-DD HH:MM:SS" then an optional ".ffffff". */
	if (strlen(mysql) < 19) {
		snprintf(buf, CL_DATETIME_BUF, "%s", mysql);
		return buf;
	}
	frac = mysql[19] == '.' ? mysql + 20 : "";
	n = strlen(frac);
	snprintf(buf, CL_DATETIME_BUF, "%.10sT%.8s.%.6s%.*sZ", mysql, mysql + 11,
	    frac, (int)(n < 6 ? 6 - n : 0), "000000");
	return buf;
}
