/* Functions that have no place in this code base: unbounded string
 * writers, number parsers that cannot report errors, non-reentrant time
 * functions, and unprepared queries (only db.c may run those, for
 * migrations). Included last by every file through config.h's
 * CL_BANNED_H hook (see configure.ac); including it makes a call a
 * compile error. */
#ifndef CL_CORE_BANNED_H
#define CL_CORE_BANNED_H

#define CL_BANNED(func) sorry_##func##_is_banned_in_clientele

#undef sprintf
#define sprintf(...) CL_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) CL_BANNED(vsprintf)
#undef strcpy
#define strcpy(...) CL_BANNED(strcpy)
#undef strcat
#define strcat(...) CL_BANNED(strcat)
#undef strtok
#define strtok(...) CL_BANNED(strtok)
#undef atoi
#define atoi(...) CL_BANNED(atoi)
#undef atof
#define atof(...) CL_BANNED(atof)
#undef gmtime
#define gmtime(...) CL_BANNED(gmtime)
#undef localtime
#define localtime(...) CL_BANNED(localtime)

#ifndef CL_DB_C
#undef mysql_query
#define mysql_query(...) CL_BANNED(mysql_query)
#undef mysql_real_query
#define mysql_real_query(...) CL_BANNED(mysql_real_query)
#endif

#endif
