/* Unit tests of the leaves feed builder, read back with libical's parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libical/ical.h>

#include "ics.h"

static const struct ics_leave jane = {
    .id = "a08aa464-5f3a-4f8f-84e1-441a96e30e51",
    .first_name = "jane",
    .last_name = "smith",
    .start_date = "2023-12-26",
    .starts_all_day = true,
    .end_date = "2023-12-29",
    .ends_all_day = true,
    .moderated_at = "2023-12-04 15:01:00",
};

static const struct ics_leave john = {
    .id = "5b2b127c-9a20-4ca5-b6f4-a9c19ae49efa",
    .first_name = "john",
    .last_name = "doe",
    .start_date = "2023-12-31",
    .starts_all_day = true,
    .end_date = "2024-01-01",
    .ends_all_day = true,
    .moderated_at = "2023-12-05 09:30:15",
};

static icalcomponent *
parse(const char *text)
{
	icalcomponent *cal;

	assert_non_null(text);
	cal = icalparser_parse_string(text);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	return cal;
}

/* Returns the n-th VEVENT of cal (0 first), or fails the test. */
static icalcomponent *
event_at(icalcomponent *cal, int n)
{
	icalcomponent *event;

	event = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	while (event != NULL && n-- > 0)
		event = icalcomponent_get_next_component(
		    cal, ICAL_VEVENT_COMPONENT);
	assert_non_null(event);
	return event;
}

static const char *
x_value(icalcomponent *cal, const char *name)
{
	icalproperty *prop;

	for (prop = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY);
	     prop != NULL;
	     prop = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY))
		if (strcmp(icalproperty_get_x_name(prop), name) == 0)
			return icalproperty_get_x(prop);
	return NULL;
}

static void
assert_date(struct icaltimetype t, int year, int month, int day)
{
	assert_true(t.is_date);
	assert_int_equal(t.year, year);
	assert_int_equal(t.month, month);
	assert_int_equal(t.day, day);
}

static void
calendar_properties(void **state)
{
	icalcomponent *cal;
	icalproperty *prop;
	char *text;

	text = ics_leaves_calendar("Fairness", &jane, 1);
	cal = parse(text);

	prop = icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY);
	assert_non_null(prop);
	assert_string_equal(icalproperty_get_version(prop), "2.0");
	prop = icalcomponent_get_first_property(cal, ICAL_PRODID_PROPERTY);
	assert_non_null(prop);
	assert_string_equal(
	    icalproperty_get_prodid(prop), "-//Permacoop//Leaves calendar//FR");
	prop = icalcomponent_get_first_property(cal, ICAL_CALSCALE_PROPERTY);
	assert_non_null(prop);
	assert_string_equal(icalproperty_get_calscale(prop), "GREGORIAN");
	prop = icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY);
	assert_non_null(prop);
	assert_int_equal(icalproperty_get_method(prop), ICAL_METHOD_PUBLISH);
	prop = icalcomponent_get_first_property(cal, ICAL_NAME_PROPERTY);
	assert_non_null(prop);
	assert_string_equal(icalproperty_get_name(prop), "Congés Fairness");
	prop = icalcomponent_get_first_property(
	    cal, ICAL_REFRESHINTERVAL_PROPERTY);
	assert_non_null(prop);
	assert_int_equal(
	    icaldurationtype_as_int(icalproperty_get_refreshinterval(prop)),
	    3600);
	assert_non_null(
	    strstr(text, "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"));

	assert_string_equal(x_value(cal, "X-WR-CALNAME"), "Congés Fairness");
	assert_string_equal(x_value(cal, "X-PUBLISHED-TTL"), "PT1H");
	assert_string_equal(x_value(cal, "X-WR-TIMEZONE"), "Europe/Paris");

	icalcomponent_free(cal);
	free(text);
}

static void
event_properties(void **state)
{
	icalcomponent *cal, *event;
	icalproperty *prop;
	char *text;

	text = ics_leaves_calendar("Fairness", &jane, 1);
	cal = parse(text);
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 1);
	event = event_at(cal, 0);

	assert_string_equal(icalcomponent_get_uid(event), jane.id);
	assert_string_equal(
	    icalcomponent_get_summary(event), "Congés Jane Smith");
	assert_date(icalcomponent_get_dtstart(event), 2023, 12, 26);
	/* DTEND is exclusive: the day after the last day off. */
	assert_date(icalcomponent_get_dtend(event), 2023, 12, 30);
	assert_non_null(strstr(text, "\r\nDTSTART;VALUE=DATE:20231226\r\n"));
	assert_non_null(strstr(text, "\r\nDTEND;VALUE=DATE:20231230\r\n"));

	assert_non_null(strstr(text, "\r\nDTSTAMP:20231204T150100Z\r\n"));
	assert_non_null(strstr(text, "\r\nLAST-MODIFIED:20231204T150100Z\r\n"));
	prop = icalcomponent_get_first_property(event, ICAL_DTSTAMP_PROPERTY);
	assert_non_null(prop);
	assert_true(icaltime_is_utc(icalproperty_get_dtstamp(prop)));
	prop = icalcomponent_get_first_property(event, ICAL_SEQUENCE_PROPERTY);
	assert_non_null(prop);
	assert_int_equal(icalproperty_get_sequence(prop), 0);
	prop = icalcomponent_get_first_property(event, ICAL_TRANSP_PROPERTY);
	assert_non_null(prop);
	assert_int_equal(
	    icalproperty_get_transp(prop), ICAL_TRANSP_TRANSPARENT);
	assert_int_equal(
	    icalcomponent_get_status(event), ICAL_STATUS_CONFIRMED);
	prop = icalcomponent_get_first_property(event, ICAL_CLASS_PROPERTY);
	assert_non_null(prop);
	assert_int_equal(icalproperty_get_class(prop), ICAL_CLASS_PUBLIC);

	icalcomponent_free(cal);
	free(text);
}

static void
events_in_input_order(void **state)
{
	struct ics_leave leaves[2] = {jane, john};
	icalcomponent *cal;
	char *text;

	text = ics_leaves_calendar("Fairness", leaves, 2);
	cal = parse(text);
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 2);
	assert_string_equal(icalcomponent_get_uid(event_at(cal, 0)), jane.id);
	assert_string_equal(icalcomponent_get_uid(event_at(cal, 1)), john.id);
	/* A leave across New Year ends on the exclusive 2024-01-02. */
	assert_date(icalcomponent_get_dtend(event_at(cal, 1)), 2024, 1, 2);
	assert_string_equal(
	    icalcomponent_get_summary(event_at(cal, 1)), "Congés John Doe");
	icalcomponent_free(cal);
	free(text);
}

static void
lines_end_in_crlf(void **state)
{
	struct ics_leave leaves[2] = {jane, john};
	char *text;
	size_t i, len;

	text = ics_leaves_calendar("Fairness", leaves, 2);
	assert_non_null(text);
	len = strlen(text);
	assert_true(len > 2);
	assert_memory_equal(text + len - 2, "\r\n", 2);
	for (i = 0; i < len; i++) {
		if (text[i] == '\n')
			assert_true(i > 0 && text[i - 1] == '\r');
		if (text[i] == '\r')
			assert_true(i + 1 < len && text[i + 1] == '\n');
	}
	assert_memory_equal(text, "BEGIN:VCALENDAR\r\n", 17);
	assert_non_null(strstr(text, "\r\nEND:VCALENDAR\r\n"));
	free(text);
}

/* Returns true when the len bytes at s are well-formed UTF-8. */
static bool
utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0, n, k;

	while (i < len) {
		if (s[i] < 0x80)
			n = 0;
		else if ((s[i] & 0xe0) == 0xc0)
			n = 1;
		else if ((s[i] & 0xf0) == 0xe0)
			n = 2;
		else if ((s[i] & 0xf8) == 0xf0)
			n = 3;
		else
			return false;
		if (i + n >= len)
			return false;
		for (k = 1; k <= n; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
		i += n + 1;
	}
	return true;
}

static void
long_accented_name_folds(void **state)
{
	struct ics_leave leave = jane;
	icalcomponent *cal;
	const char *line, *end;
	char *text;
	size_t folds = 0;

	/* 2-, 3- and 4-byte characters with no space for a fold to use. */
	leave.first_name = "élisabeth-éléonore-héloïse-géraldine";
	leave.last_name = "châteaubriand€€€€€€€€😀😀😀😀😀ééééééééééééééééééé";
	text = ics_leaves_calendar("Société coopérative ouvrière de "
	                           "production Fairness à Lille-Métropole",
	    &leave, 1);
	assert_non_null(text);

	for (line = text; *line != '\0'; line = end + 2) {
		end = strstr(line, "\r\n");
		assert_non_null(end);
		assert_true(end - line <= 75);
		assert_true(utf8_valid(
		    (const unsigned char *)line, (size_t)(end - line)));
		if (*line == ' ')
			folds++;
	}
	assert_true(folds >= 2);

	cal = parse(text);
	assert_string_equal(icalcomponent_get_summary(event_at(cal, 0)),
	    "Congés Élisabeth-éléonore-héloïse-géraldine "
	    "Châteaubriand€€€€€€€€😀😀😀😀😀ééééééééééééééééééé");
	assert_string_equal(x_value(cal, "X-WR-CALNAME"),
	    "Congés Société "
	    "coopérative ouvrière de production Fairness à Lille-Métropole");
	icalcomponent_free(cal);
	free(text);
}

static void
names_with_separators_escaped(void **state)
{
	struct ics_leave leave = jane;
	icalcomponent *cal;
	char *text;

	leave.first_name = "anne, marie";
	leave.last_name = "o;neil\\x";
	text = ics_leaves_calendar("Fairness", &leave, 1);
	assert_non_null(text);
	assert_non_null(
	    strstr(text, "SUMMARY:Congés Anne\\, marie O\\;neil\\\\x\r\n"));
	cal = parse(text);
	assert_string_equal(icalcomponent_get_summary(event_at(cal, 0)),
	    "Congés Anne, marie O;neil\\x");
	icalcomponent_free(cal);
	free(text);
}

static void
newline_in_name_escaped(void **state)
{
	struct ics_leave leave = jane;
	icalcomponent *cal;
	char *text;

	leave.last_name = "smith\nBEGIN:VEVENT";
	text = ics_leaves_calendar("Fairness", &leave, 1);
	assert_non_null(text);
	assert_null(strstr(text, "\nBEGIN:VEVENT\r\nDTSTAMP"));
	cal = parse(text);
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 1);
	assert_string_equal(icalcomponent_get_summary(event_at(cal, 0)),
	    "Congés Jane Smith\nBEGIN:VEVENT");
	icalcomponent_free(cal);
	free(text);
}

static void
single_half_day(void **state)
{
	struct ics_leave leave = jane;
	icalcomponent *cal, *event;
	char *text;

	leave.start_date = "2024-02-05";
	leave.end_date = "2024-02-05";
	leave.starts_all_day = false;
	text = ics_leaves_calendar("Fairness", &leave, 1);
	cal = parse(text);
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 1);
	event = event_at(cal, 0);
	assert_string_equal(icalcomponent_get_uid(event), jane.id);
	assert_string_equal(icalcomponent_get_summary(event),
	    "Congés Jane Smith (demi-journée)");
	assert_date(icalcomponent_get_dtstart(event), 2024, 2, 5);
	assert_date(icalcomponent_get_dtend(event), 2024, 2, 6);
	icalcomponent_free(cal);
	free(text);

	/* The end flag alone marks a one-day request as a half day too. */
	leave.starts_all_day = true;
	leave.ends_all_day = false;
	text = ics_leaves_calendar("Fairness", &leave, 1);
	cal = parse(text);
	assert_string_equal(icalcomponent_get_summary(event_at(cal, 0)),
	    "Congés Jane Smith (demi-journée)");
	icalcomponent_free(cal);
	free(text);
}

static void
half_first_and_last_days(void **state)
{
	struct ics_leave leave = jane;
	icalcomponent *cal, *event;
	char *text, uid[64];

	leave.starts_all_day = false;
	leave.ends_all_day = false;
	text = ics_leaves_calendar("Fairness", &leave, 1);
	cal = parse(text);
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 3);

	event = event_at(cal, 0);
	snprintf(uid, sizeof(uid), "%s-first-day", jane.id);
	assert_string_equal(icalcomponent_get_uid(event), uid);
	assert_string_equal(
	    icalcomponent_get_summary(event), "Congés Jane Smith (après-midi)");
	assert_date(icalcomponent_get_dtstart(event), 2023, 12, 26);
	assert_date(icalcomponent_get_dtend(event), 2023, 12, 27);

	event = event_at(cal, 1);
	assert_string_equal(icalcomponent_get_uid(event), jane.id);
	assert_string_equal(
	    icalcomponent_get_summary(event), "Congés Jane Smith");
	assert_date(icalcomponent_get_dtstart(event), 2023, 12, 27);
	assert_date(icalcomponent_get_dtend(event), 2023, 12, 29);

	event = event_at(cal, 2);
	snprintf(uid, sizeof(uid), "%s-last-day", jane.id);
	assert_string_equal(icalcomponent_get_uid(event), uid);
	assert_string_equal(
	    icalcomponent_get_summary(event), "Congés Jane Smith (matin)");
	assert_date(icalcomponent_get_dtstart(event), 2023, 12, 29);
	assert_date(icalcomponent_get_dtend(event), 2023, 12, 30);
	icalcomponent_free(cal);
	free(text);
}

static void
two_half_days_no_whole_day(void **state)
{
	struct ics_leave leave = jane;
	icalcomponent *cal;
	char *text;

	leave.start_date = "2024-02-29";
	leave.end_date = "2024-03-01";
	leave.starts_all_day = false;
	leave.ends_all_day = false;
	text = ics_leaves_calendar("Fairness", &leave, 1);
	cal = parse(text);
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 2);
	assert_date(icalcomponent_get_dtstart(event_at(cal, 0)), 2024, 2, 29);
	assert_date(icalcomponent_get_dtend(event_at(cal, 0)), 2024, 3, 1);
	assert_date(icalcomponent_get_dtstart(event_at(cal, 1)), 2024, 3, 1);
	assert_date(icalcomponent_get_dtend(event_at(cal, 1)), 2024, 3, 2);
	assert_string_equal(icalcomponent_get_summary(event_at(cal, 1)),
	    "Congés Jane Smith (matin)");
	icalcomponent_free(cal);
	free(text);
}

static void
empty_list_valid_calendar(void **state)
{
	icalcomponent *cal;
	char *text;

	text = ics_leaves_calendar(NULL, NULL, 0);
	cal = parse(text);
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 0);
	assert_string_equal(x_value(cal, "X-WR-CALNAME"), "Congés");
	assert_non_null(
	    icalcomponent_get_first_property(cal, ICAL_PRODID_PROPERTY));
	assert_non_null(
	    icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY));
	assert_int_equal(icalrestriction_check(cal), 1);
	icalcomponent_free(cal);
	free(text);
}

static void
same_input_same_bytes(void **state)
{
	struct ics_leave leaves[2] = {jane, john};
	char *first, *second;

	leaves[1].ends_all_day = false;
	first = ics_leaves_calendar("Fairness", leaves, 2);
	second = ics_leaves_calendar("Fairness", leaves, 2);
	assert_non_null(first);
	assert_non_null(second);
	assert_string_equal(first, second);
	free(first);
	free(second);
}

static void
missing_moderation_time(void **state)
{
	struct ics_leave leave = jane;
	icalcomponent *cal;
	char *text;

	leave.moderated_at = NULL;
	text = ics_leaves_calendar("Fairness", &leave, 1);
	assert_non_null(text);
	assert_non_null(strstr(text, "\r\nDTSTAMP:20231226T000000Z\r\n"));
	assert_null(strstr(text, "LAST-MODIFIED"));
	cal = parse(text);
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 1);
	icalcomponent_free(cal);
	free(text);
}

static void
invalid_dates_left_out(void **state)
{
	struct ics_leave leaves[4] = {jane, jane, jane, john};
	icalcomponent *cal;
	char *text;

	leaves[0].start_date = "2023-02-30";
	leaves[1].end_date = "2023-12-25"; /* before its start */
	leaves[2].start_date = "2023-12-26 00:00:00";
	text = ics_leaves_calendar("Fairness", leaves, 4);
	cal = parse(text);
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 1);
	assert_string_equal(icalcomponent_get_uid(event_at(cal, 0)), john.id);
	icalcomponent_free(cal);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(calendar_properties),
	    cmocka_unit_test(event_properties),
	    cmocka_unit_test(events_in_input_order),
	    cmocka_unit_test(lines_end_in_crlf),
	    cmocka_unit_test(long_accented_name_folds),
	    cmocka_unit_test(names_with_separators_escaped),
	    cmocka_unit_test(newline_in_name_escaped),
	    cmocka_unit_test(single_half_day),
	    cmocka_unit_test(half_first_and_last_days),
	    cmocka_unit_test(two_half_days_no_whole_day),
	    cmocka_unit_test(empty_list_valid_calendar),
	    cmocka_unit_test(same_input_same_bytes),
	    cmocka_unit_test(missing_moderation_time),
	    cmocka_unit_test(invalid_dates_left_out),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
