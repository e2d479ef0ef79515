/* Builds the leaves feed as libical components, one VEVENT per leave span. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "app.h"
#include "buf.h"
#include "ics.h"
#include "log.h"

#define ICS_PRODID "-//Permacoop//Leaves calendar//FR"
/* Suggested polling interval. It is only a hint, so clients may poll less
 * often. */
#define ICS_REFRESH_SECONDS 3600

/* Parses "YYYY-MM-DD" into a DATE value. Returns -1 when malformed. */
static int
date_parse(const char *s, struct icaltimetype *out)
{
	int year, month, day, end = 0;

	if (s == NULL || strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%n", &year, &month, &day, &end) != 3 ||
	    end != 10)
		return -1;
	if (year < 1 || month < 1 || month > 12 || day < 1 ||
	    day > icaltime_days_in_month(month, year))
		return -1;
	/* icaltime_null_date() leaves the time fields at -1, which a
	 * DTSTAMP made from this date would print. */
	*out = icaltime_null_time();
	out->is_date = 1;
	out->year = year;
	out->month = month;
	out->day = day;
	return 0;
}

/* Parses "YYYY-MM-DD HH:MM:SS" (UTC) into a UTC DATE-TIME value. */
static int
timestamp_parse(const char *s, struct icaltimetype *out)
{
	int hour, minute, second, end = 0;
	char date[11];

	if (s == NULL || strlen(s) != 19 || s[10] != ' ')
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (date_parse(date, out) == -1)
		return -1;
	if (sscanf(s + 11, "%2d:%2d:%2d%n", &hour, &minute, &second, &end) !=
	        3 ||
	    end != 8)
		return -1;
	if (hour > 23 || minute > 59 || second > 59 || hour < 0 || minute < 0 ||
	    second < 0)
		return -1;
	out->is_date = 0;
	out->hour = hour;
	out->minute = minute;
	out->second = second;
	out->zone = icaltimezone_get_utc_timezone();
	return 0;
}

static struct icaltimetype
date_add_days(struct icaltimetype date, int days)
{
	icaltime_adjust(&date, days, 0, 0, 0);
	return date;
}

/*
 * Adds an all-day VEVENT covering first to last (inclusive). DTEND is
 * exclusive in RFC 5545, hence last + 1. TRANSP:TRANSPARENT keeps a
 * colleague's leave from blocking the subscriber's free/busy time.
 */
static void
event_add(icalcomponent *cal, const char *uid, const char *summary,
    struct icaltimetype first, struct icaltimetype last,
    struct icaltimetype stamp, bool stamp_recorded)
{
	icalcomponent *event;

	if ((event = icalcomponent_new(ICAL_VEVENT_COMPONENT)) == NULL)
		return;
	icalcomponent_add_property(event, icalproperty_new_uid(uid));
	icalcomponent_add_property(event, icalproperty_new_dtstamp(stamp));
	if (stamp_recorded)
		icalcomponent_add_property(
		    event, icalproperty_new_lastmodified(stamp));
	/* Accepted requests are never edited, so revision 0 is final. */
	icalcomponent_add_property(event, icalproperty_new_sequence(0));
	icalcomponent_add_property(event, icalproperty_new_dtstart(first));
	icalcomponent_add_property(
	    event, icalproperty_new_dtend(date_add_days(last, 1)));
	icalcomponent_add_property(event, icalproperty_new_summary(summary));
	icalcomponent_add_property(
	    event, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	icalcomponent_add_property(
	    event, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
	icalcomponent_add_property(
	    event, icalproperty_new_class(ICAL_CLASS_PUBLIC));
	icalcomponent_add_component(cal, event);
}

/* Returns "Congés <Full Name><suffix>". The leave type is never shown. */
static char *
summary_new(const struct ics_leave *leave, const char *suffix)
{
	struct user user = {
	    .first_name = (char *)leave->first_name,
	    .last_name = (char *)leave->last_name,
	};
	struct buf out = {0};
	char *name;

	if ((name = user_full_name(&user)) == NULL)
		return NULL;
	buf_printf(&out, "Congés %s%s", name, suffix);
	free(name);
	return out.data;
}

static void
span_add(icalcomponent *cal, const struct ics_leave *leave,
    const char *uid_suffix, const char *summary_suffix,
    struct icaltimetype first, struct icaltimetype last,
    struct icaltimetype stamp, bool stamp_recorded)
{
	char uid[128];
	char *summary;

	snprintf(uid, sizeof(uid), "%s%s", leave->id, uid_suffix);
	if ((summary = summary_new(leave, summary_suffix)) == NULL)
		return;
	event_add(cal, uid, summary, first, last, stamp, stamp_recorded);
	free(summary);
}

/*
 * Adds the events of one leave request. A request records that only half
 * of its first or last day is taken, but not which half. So a half day is
 * its own all-day event whose SUMMARY marks it as such, rather than a
 * timed event at invented hours. In a request of several days, a half
 * first day can only be the afternoon and a half last day the morning,
 * since the leave is continuous. A one-day request's half stays
 * "(demi-journée)".
 *
 * UIDs: the whole days keep the request's uuid, as Permacoop's feed did,
 * so a client subscribed before the switch keeps the same events. The half
 * days of a longer request add "-first-day" and "-last-day", which stay
 * the same on every fetch because accepted requests never change.
 *
 * DTSTAMP is the moderation time and not the time of the fetch, so the
 * same data gives the same bytes and the ETag lets clients skip the body.
 * A request with no recorded moderation time (older data) uses its start
 * date at midnight UTC.
 */
static void
leave_add(icalcomponent *cal, const struct ics_leave *leave)
{
	struct icaltimetype start, end, first_full, last_full, stamp;
	bool stamp_recorded;

	if (leave->id == NULL) {
		log_warn("leaves feed: leave request without id left out");
		return;
	}
	if (date_parse(leave->start_date, &start) == -1 ||
	    date_parse(leave->end_date, &end) == -1 ||
	    icaltime_compare_date_only(start, end) > 0) {
		log_warn("leaves feed: leave request %s left out: invalid "
		         "dates \"%s\" to \"%s\"",
		    leave->id,
		    leave->start_date != NULL ? leave->start_date : "",
		    leave->end_date != NULL ? leave->end_date : "");
		return;
	}
	stamp_recorded = timestamp_parse(leave->moderated_at, &stamp) == 0;
	if (!stamp_recorded) {
		stamp = start;
		stamp.is_date = 0;
		stamp.zone = icaltimezone_get_utc_timezone();
	}

	if (icaltime_compare_date_only(start, end) == 0) {
		span_add(cal, leave, "",
		    leave->starts_all_day && leave->ends_all_day
		        ? ""
		        : " (demi-journée)",
		    start, end, stamp, stamp_recorded);
		return;
	}

	first_full = leave->starts_all_day ? start : date_add_days(start, 1);
	last_full = leave->ends_all_day ? end : date_add_days(end, -1);
	if (!leave->starts_all_day)
		span_add(cal, leave, "-first-day", " (après-midi)", start,
		    start, stamp, stamp_recorded);
	if (icaltime_compare_date_only(first_full, last_full) <= 0)
		span_add(cal, leave, "", "", first_full, last_full, stamp,
		    stamp_recorded);
	if (!leave->ends_all_day)
		span_add(cal, leave, "-last-day", " (matin)", end, end, stamp,
		    stamp_recorded);
}

static void
x_property_add(icalcomponent *cal, const char *name, const char *value)
{
	icalproperty *prop;

	if ((prop = icalproperty_new_x(value)) == NULL)
		return;
	icalproperty_set_x_name(prop, name);
	icalcomponent_add_property(cal, prop);
}

/*
 * Adds the calendar properties. The name and the polling interval are each
 * given twice, for clients that read only one form: NAME and
 * REFRESH-INTERVAL from RFC 7986, and the older X-WR-CALNAME and
 * X-PUBLISHED-TTL (the latter documented by Microsoft in MS-OXCICAL).
 */
static void
calendar_properties_add(icalcomponent *cal, const char *cooperative_name)
{
	struct buf name = {0};
	char ttl[32];

	buf_puts(&name, "Congés");
	if (cooperative_name != NULL && *cooperative_name != '\0')
		buf_printf(&name, " %s", cooperative_name);

	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid(ICS_PRODID));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	/* NOTE: iTIP (RFC 5546) wants an ORGANIZER in each VEVENT of a
	 * PUBLISH, which a leave has no natural value for. Published feeds
	 * commonly omit it, but icalrestriction_check() reports it. */
	icalcomponent_add_property(
	    cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	/* NOTE: libical 3.0 escapes a backslash in an X- property value but
	 * not a comma or a semicolon. The parsers of libical 3.0 and
	 * ical.js 2.2 read such a name back unchanged. */
	x_property_add(cal, "X-WR-CALNAME", buf_str(&name));
	icalcomponent_add_property(cal, icalproperty_new_name(buf_str(&name)));
	icalcomponent_add_property(cal,
	    icalproperty_new_refreshinterval(
	        icaldurationtype_from_int(ICS_REFRESH_SECONDS)));
	snprintf(ttl, sizeof(ttl), "PT%dH", ICS_REFRESH_SECONDS / 3600);
	x_property_add(cal, "X-PUBLISHED-TTL", ttl);
	x_property_add(cal, "X-WR-TIMEZONE", "Europe/Paris");
	x_property_add(cal, "X-APPLE-CALENDAR-COLOR", "#00CA9E");
	buf_free(&name);
}

char *
ics_leaves_calendar(
    const char *cooperative_name, const struct ics_leave *leaves, size_t count)
{
	icalcomponent *cal;
	char *text;
	size_t i;

	if ((cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT)) == NULL)
		return NULL;
	calendar_properties_add(cal, cooperative_name);
	for (i = 0; i < count; i++)
		leave_add(cal, &leaves[i]);
	/* The _r variant returns a malloc'ed copy that outlives the
	 * component; its lines end in CRLF and fold at 75 octets. */
	text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	return text;
}
