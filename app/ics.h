/* The leaves feed: accepted leave requests as an RFC 5545 calendar. */
#ifndef PC_ICS_H
#define PC_ICS_H

#include <stdbool.h>
#include <stddef.h>

/* One accepted leave request, with the columns the feed shows. */
struct ics_leave {
	const char *id; /* leave request uuid */
	const char *first_name;
	const char *last_name;
	const char *start_date;   /* "YYYY-MM-DD" */
	bool starts_all_day;      /* false: half of start_date only */
	const char *end_date;     /* "YYYY-MM-DD", from start_date on */
	bool ends_all_day;        /* false: half of end_date only */
	const char *moderated_at; /* "YYYY-MM-DD HH:MM:SS" in UTC, or
					   NULL when never recorded */
};

/*
 * Builds the VCALENDAR of the given leaves, named after the cooperative
 * (NULL or "" for none), with one or more all-day VEVENTs per leave. The
 * result is iCalendar text with CRLF line ends and lines folded at 75
 * octets, to be freed with free(). The same input always gives the same
 * bytes. Entries with malformed dates or an end before their start are
 * logged and left out. Returns NULL only when memory runs out.
 */
char *ics_leaves_calendar(
    const char *cooperative_name, const struct ics_leave *leaves, size_t count);

#endif
