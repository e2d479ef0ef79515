/* Unit tests of the form field readers and their French messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "form.h"

#define MSG_REQUIRED "Ce champ est obligatoire."
#define MSG_REPEATED "Ce champ a été envoyé plusieurs fois."
#define MSG_INVALID  "Cette valeur n'est pas valide."
#define MSG_CONTROL  "Ce champ contient un caractère non autorisé."

struct fixture {
	struct params form;
	struct form_errors errors;
};

/* Parses body as a urlencoded form and clears the errors. */
static void
load(struct fixture *f, const char *body)
{
	params_free(&f->form);
	assert_int_equal(params_parse_query(&f->form, body, strlen(body)), 0);
	form_errors_init(&f->errors);
}

static int
setup(void **state)
{
	static struct fixture f;

	memset(&f, 0, sizeof(f));
	*state = &f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	params_free(&f->form);
	return 0;
}

static void
assert_error(const struct fixture *f, const char *field, const char *message)
{
	const char *got;

	got = form_error_get(&f->errors, field);
	if (got == NULL)
		fail_msg("no error on %s, expected \"%s\"", field, message);
	assert_string_equal(got, message);
}

static void
errors_first_message_kept(void **state)
{
	struct form_errors errors;

	form_errors_init(&errors);
	assert_false(form_has_errors(&errors));
	assert_null(form_error_get(&errors, "name"));
	form_error_add(&errors, "name", "premier");
	form_error_add(&errors, "name", "second");
	form_error_add(&errors, "date", "autre");
	assert_true(form_has_errors(&errors));
	assert_int_equal(errors.count, 2);
	assert_string_equal(form_error_get(&errors, "name"), "premier");
	assert_string_equal(errors.items[1].field, "date");
}

static void
errors_overflow_still_errors(void **state)
{
	static const char *names[FORM_MAX_ERRORS + 1];
	static char storage[FORM_MAX_ERRORS + 1][8];
	struct form_errors errors;
	size_t i;

	form_errors_init(&errors);
	for (i = 0; i <= FORM_MAX_ERRORS; i++) {
		snprintf(storage[i], sizeof(storage[i]), "f%zu", i);
		names[i] = storage[i];
		form_error_add(&errors, names[i], "x");
	}
	assert_int_equal(errors.count, FORM_MAX_ERRORS);
	assert_true(errors.overflow);
	assert_true(form_has_errors(&errors));
	assert_null(form_error_get(&errors, names[FORM_MAX_ERRORS]));
}

static void
text_trimmed_in_place(void **state)
{
	struct fixture *f = *state;
	const char *name = NULL;

	load(f, "name=++Coop%C3%A9rative+des+champs%09+");
	assert_true(
	    form_text(&f->form, "name", 255, FORM_REQUIRED, &f->errors, &name));
	assert_string_equal(name, "Coopérative des champs");
	assert_string_equal(
	    params_get(&f->form, "name"), "Coopérative des champs");
	assert_false(form_has_errors(&f->errors));
}

static void
text_required(void **state)
{
	struct fixture *f = *state;
	const char *name = NULL;

	load(f, "");
	assert_false(
	    form_text(&f->form, "name", 255, FORM_REQUIRED, &f->errors, &name));
	assert_null(name);
	assert_error(f, "name", MSG_REQUIRED);

	load(f, "name=+++");
	assert_false(
	    form_text(&f->form, "name", 255, FORM_REQUIRED, &f->errors, &name));
	assert_error(f, "name", MSG_REQUIRED);

	load(f, "name");
	assert_false(
	    form_text(&f->form, "name", 255, FORM_REQUIRED, &f->errors, &name));
	assert_error(f, "name", MSG_REQUIRED);
}

static void
text_optional_absent(void **state)
{
	struct fixture *f = *state;
	const char *note = "default";

	load(f, "note=");
	assert_true(form_text(&f->form, "note", 10, 0, &f->errors, &note));
	assert_string_equal(note, "default");
	load(f, "other=1");
	assert_true(form_text(&f->form, "note", 10, 0, &f->errors, &note));
	assert_string_equal(note, "default");
	assert_false(form_has_errors(&f->errors));
}

static void
text_repeated(void **state)
{
	struct fixture *f = *state;
	const char *name = NULL;

	load(f, "name=a&name=b");
	assert_false(form_text(&f->form, "name", 255, 0, &f->errors, &name));
	assert_null(name);
	assert_error(f, "name", MSG_REPEATED);
}

static void
text_max_counts_code_points(void **state)
{
	struct fixture *f = *state;
	const char *name = NULL;

	/* Five code points, ten bytes. */
	load(f, "name=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9");
	assert_true(
	    form_text(&f->form, "name", 5, FORM_REQUIRED, &f->errors, &name));
	assert_string_equal(name, "ééééé");

	name = NULL;
	load(f, "name=abcdef");
	assert_false(
	    form_text(&f->form, "name", 5, FORM_REQUIRED, &f->errors, &name));
	assert_null(name);
	assert_error(
	    f, "name", "Ce champ est trop long (5 caractères au plus).");
}

static void
text_rejects_control_characters(void **state)
{
	struct fixture *f = *state;
	const char *bad[] = {
	    "name=a%01b",
	    "name=a%7Fb",
	    "name=a%C2%80b",
	    "name=a%C2%9Fb",
	    "name=a%1Bb",
	    "name=a%1F+b",
	};
	const char *name;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		name = NULL;
		load(f, bad[i]);
		if (form_text(&f->form, "name", 255, 0, &f->errors, &name))
			fail_msg("%s was accepted", bad[i]);
		assert_null(name);
		assert_error(
		    f, "name", "Ce champ contient un caractère non autorisé.");
	}
}

static void
text_trims_unicode_spaces(void **state)
{
	struct fixture *f = *state;
	const char *cases[][2] = {
	    {"name=%C2%A0Coop%C2%A0", "Coop"},
	    {"name=%E2%80%8BCoop%E2%80%8B", "Coop"},
	    {"name=%EF%BB%BF%E2%80%83Coop%E3%80%80%E2%81%A0", "Coop"},
	    {"name=%C2%85%E1%9A%80Coop%E2%80%A8%E2%80%A9%E2%80%AF", "Coop"},
	    {"name=%E2%80%8C%E2%80%8DCoop%E2%81%9F%0B", "Coop"},
	    {"name=Coop%C2%A0des%E2%80%AFchamps", "Coop des champs"},
	    /* A letter ending in the same byte as U+00A0 stays. */
	    {"name=Co%C3%A0", "Co\xc3\xa0"},
	};
	const char *name;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		name = NULL;
		load(f, cases[i][0]);
		if (!form_text(&f->form, "name", 255, FORM_REQUIRED, &f->errors,
		        &name))
			fail_msg("%s was rejected", cases[i][0]);
		assert_string_equal(name, cases[i][1]);
		assert_string_equal(params_get(&f->form, "name"), cases[i][1]);
	}
}

static void
text_collapses_inner_white_space(void **state)
{
	struct fixture *f = *state;
	const char *cases[][2] = {
	    {"name=Black++Mesa", "Black Mesa"},
	    {"name=Black%C2%A0Mesa", "Black Mesa"},
	    {"name=Black+%C2%A0+%E3%80%80Mesa", "Black Mesa"},
	    {"name=a%09b%0Ac%0Dd%0Be%0Cf%C2%85g", "a b c d e f g"},
	    {"name=a%E1%9A%80b%E2%80%80c%E2%80%8Ad", "a b c d"},
	    {"name=a%E2%80%A8b%E2%80%A9c%E2%80%AFd%E2%81%9Fe", "a b c d e"},
	    {"name=%C3%89cole+%0D%0A+Normale", "École Normale"},
	    /* A letter ending in the same byte as U+00A0 is not a space. */
	    {"name=Co%C3%A0+%C3%A0", "Co\xc3\xa0 \xc3\xa0"},
	};
	const char *name;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		name = NULL;
		load(f, cases[i][0]);
		if (!form_text(&f->form, "name", 255, FORM_REQUIRED, &f->errors,
		        &name))
			fail_msg("%s was rejected", cases[i][0]);
		assert_string_equal(name, cases[i][1]);
		assert_string_equal(params_get(&f->form, "name"), cases[i][1]);
	}

	/* The maximum counts the code points left after collapsing. */
	name = NULL;
	load(f, "name=ab%C2%A0%C2%A0%C2%A0cd");
	assert_true(
	    form_text(&f->form, "name", 5, FORM_REQUIRED, &f->errors, &name));
	assert_string_equal(name, "ab cd");
}

static void
text_rejects_inner_zero_width(void **state)
{
	struct fixture *f = *state;
	const char *cases[][2] = {
	    {"name=Black%E2%80%8BMesa", "Black\xe2\x80\x8bMesa"},
	    {"name=a%E2%80%8Cb",
	        "a\xe2\x80\x8c"
	        "b"},
	    {"name=a%E2%80%8Db",
	        "a\xe2\x80\x8d"
	        "b"},
	    {"name=a%E2%81%A0b",
	        "a\xe2\x81\xa0"
	        "b"},
	    {"name=a%EF%BB%BFb",
	        "a\xef\xbb\xbf"
	        "b"},
	    {"name=a%C2%ADb",
	        "a\xc2\xad"
	        "b"},
	    {"name=ab%C2%AD", "ab\xc2\xad"},
	    /* The form shows the value with its spaces collapsed. */
	    {"name=Black++%E2%80%8B%C2%A0Mesa", "Black \xe2\x80\x8b Mesa"},
	};
	const char *name;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		name = NULL;
		load(f, cases[i][0]);
		if (form_text(&f->form, "name", 255, FORM_REQUIRED, &f->errors,
		        &name))
			fail_msg("%s was accepted", cases[i][0]);
		assert_null(name);
		assert_error(f, "name", MSG_CONTROL);
		assert_string_equal(params_get(&f->form, "name"), cases[i][1]);
	}
}

static void
text_multiline_keeps_spacing(void **state)
{
	struct fixture *f = *state;
	const char *text = NULL;

	load(f, "text=a++b%C2%A0%C2%A0c%0A%0A%09d%E2%80%8Be");
	assert_true(form_text(
	    &f->form, "text", 255, FORM_MULTILINE, &f->errors, &text));
	assert_string_equal(text,
	    "a  b\xc2\xa0\xc2\xa0"
	    "c\n\n\td\xe2\x80\x8b"
	    "e");
}

static void
text_blank_unicode_required(void **state)
{
	struct fixture *f = *state;
	const char *blank[] = {
	    "name=%C2%A0",
	    "name=%E2%80%8B",
	    "name=%EF%BB%BF",
	    "name=%E3%80%80%E2%80%83%E2%80%8D",
	    "name=%C2%85",
	};
	const char *name;
	size_t i;

	for (i = 0; i < sizeof(blank) / sizeof(blank[0]); i++) {
		name = NULL;
		load(f, blank[i]);
		if (form_text(&f->form, "name", 255, FORM_REQUIRED, &f->errors,
		        &name))
			fail_msg("%s was accepted", blank[i]);
		assert_null(name);
		assert_error(f, "name", MSG_REQUIRED);
	}
}

static void
text_invisible_rejected(void **state)
{
	struct fixture *f = *state;
	const char *invisible[] = {
	    "name=%E2%80%8E",                /* U+200E LEFT-TO-RIGHT MARK */
	    "name=%C2%AD",                   /* U+00AD SOFT HYPHEN */
	    "name=%E3%85%A4",                /* U+3164 HANGUL FILLER */
	    "name=%E2%A0%80",                /* U+2800 BRAILLE BLANK */
	    "name=%E2%80%8F%C2%A0%E2%80%8E", /* RLM, NBSP, LRM */
	    "name=%F3%A0%80%A0",             /* U+E0020 TAG SPACE */
	};
	const char *name;
	size_t i;

	for (i = 0; i < sizeof(invisible) / sizeof(invisible[0]); i++) {
		name = NULL;
		load(f, invisible[i]);
		if (form_text(&f->form, "name", 255, 0, &f->errors, &name))
			fail_msg("%s was accepted", invisible[i]);
		assert_null(name);
		assert_error(f, "name",
		    "Ce champ doit contenir au moins un caractère visible.");
	}

	/* One visible character is enough. */
	load(f, "name=%E2%80%8Ea%E2%80%8E");
	assert_true(form_text(&f->form, "name", 255, 0, &f->errors, &name));
	assert_string_equal(name,
	    "\xe2\x80\x8e"
	    "a\xe2\x80\x8e");
}

static void
text_rejects_bidi_controls(void **state)
{
	struct fixture *f = *state;
	const char *bad[] = {
	    "name=%E2%80%AE%E2%80%8B", /* U+202E, then U+200B trimmed */
	    "name=abc%E2%80%AEfdp.exe",
	    "name=%E2%80%AAa",
	    "name=a%E2%80%AB",
	    "name=a%E2%80%ACb",
	    "name=a%E2%80%ADb",
	    "name=a%E2%81%A6b",
	    "name=a%E2%81%A7b",
	    "name=a%E2%81%A8b",
	    "name=a%E2%81%A9b",
	};
	const char *name;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		name = NULL;
		load(f, bad[i]);
		if (form_text(&f->form, "name", 255, 0, &f->errors, &name))
			fail_msg("%s was accepted", bad[i]);
		assert_null(name);
		assert_error(
		    f, "name", "Ce champ contient un caractère non autorisé.");
	}
}

static void
text_multiline_allows_newlines(void **state)
{
	struct fixture *f = *state;
	const char *text = NULL;

	load(f, "text=%0D%0Aline+1%0D%0A%09line+2%0A");
	assert_true(form_text(
	    &f->form, "text", 255, FORM_MULTILINE, &f->errors, &text));
	assert_string_equal(text, "line 1\r\n\tline 2");

	text = NULL;
	load(f, "text=a%0Bb");
	assert_false(form_text(
	    &f->form, "text", 255, FORM_MULTILINE, &f->errors, &text));
	assert_null(text);
}

static void
text_rejects_invalid_utf8(void **state)
{
	struct fixture *f = *state;
	struct param item = {"name", NULL};
	char value[] = "a\xff";
	const char *name = NULL;

	/* url_decode never yields this, so the params are built by hand. */
	item.value = value;
	f->form.items = &item;
	f->form.count = 1;
	form_errors_init(&f->errors);
	assert_false(form_text(&f->form, "name", 255, 0, &f->errors, &name));
	assert_error(f, "name", MSG_INVALID);
	f->form.items = NULL;
	f->form.count = 0;
}

static void
enum_values(void **state)
{
	static const char *const units[] = {"day", "hour", NULL};
	struct fixture *f = *state;
	const char *unit = NULL;

	load(f, "unit=+hour+");
	assert_true(form_enum(
	    &f->form, "unit", units, FORM_REQUIRED, &f->errors, &unit));
	assert_string_equal(unit, "hour");

	unit = NULL;
	load(f, "unit=Hour");
	assert_false(form_enum(
	    &f->form, "unit", units, FORM_REQUIRED, &f->errors, &unit));
	assert_null(unit);
	assert_error(f, "unit", MSG_INVALID);

	load(f, "unit=");
	assert_false(form_enum(
	    &f->form, "unit", units, FORM_REQUIRED, &f->errors, &unit));
	assert_error(f, "unit", MSG_REQUIRED);

	load(f, "unit=day&unit=day");
	assert_false(form_enum(&f->form, "unit", units, 0, &f->errors, &unit));
	assert_error(f, "unit", MSG_REPEATED);
}

static void
checkbox_values(void **state)
{
	struct fixture *f = *state;
	bool active;

	load(f, "active=true");
	active = false;
	assert_true(form_checkbox(&f->form, "active", &f->errors, &active));
	assert_true(active);

	load(f, "active=on");
	active = false;
	assert_true(form_checkbox(&f->form, "active", &f->errors, &active));
	assert_true(active);

	load(f, "other=1");
	active = true;
	assert_true(form_checkbox(&f->form, "active", &f->errors, &active));
	assert_false(active);

	load(f, "active=false");
	active = true;
	assert_true(form_checkbox(&f->form, "active", &f->errors, &active));
	assert_false(active);
	assert_false(form_has_errors(&f->errors));

	load(f, "active=yes");
	active = true;
	assert_false(form_checkbox(&f->form, "active", &f->errors, &active));
	assert_true(active);
	assert_error(f, "active", MSG_INVALID);

	load(f, "active=true&active=true");
	assert_false(form_checkbox(&f->form, "active", &f->errors, &active));
	assert_error(f, "active", MSG_REPEATED);
}

static void
uuid_syntax(void **state)
{
	assert_true(form_is_uuid("4b2c2a48-4a63-4a0e-9f6f-2b1f1c3a9d10"));
	assert_true(form_is_uuid("4B2C2A48-4A63-1A0E-0F6F-2B1F1C3A9D10"));
	assert_true(form_is_uuid("00000000-0000-0000-0000-000000000000"));
	assert_false(form_is_uuid(""));
	assert_false(form_is_uuid("4b2c2a48-4a63-4a0e-9f6f-2b1f1c3a9d1"));
	assert_false(form_is_uuid("4b2c2a48-4a63-4a0e-9f6f-2b1f1c3a9d100"));
	assert_false(form_is_uuid("4b2c2a484a634a0e9f6f2b1f1c3a9d10"));
	assert_false(form_is_uuid("4b2c2a48-4a63-4a0e-9f6f_2b1f1c3a9d10"));
	assert_false(form_is_uuid("4b2c2a48-4a63-4a0e-9f6f-2b1f1c3a9d1g"));
	assert_false(form_is_uuid("{4b2c2a48-4a63-4a0e-9f6f-2b1f1c3a9d1}"));
	assert_false(form_is_uuid("4b2c2a4-84a63-4a0e-9f6f-2b1f1c3a9d10"));
}

static void
uuid_field(void **state)
{
	struct fixture *f = *state;
	const char *id = NULL;

	load(f, "customerId=4b2c2a48-4a63-4a0e-9f6f-2b1f1c3a9d10");
	assert_true(
	    form_uuid(&f->form, "customerId", FORM_REQUIRED, &f->errors, &id));
	assert_string_equal(id, "4b2c2a48-4a63-4a0e-9f6f-2b1f1c3a9d10");

	id = NULL;
	load(f, "customerId=42");
	assert_false(
	    form_uuid(&f->form, "customerId", FORM_REQUIRED, &f->errors, &id));
	assert_null(id);
	assert_error(f, "customerId", "Cet identifiant n'est pas valide.");
}

static void
date_parse_valid(void **state)
{
	int y = 0, m = 0, d = 0;

	assert_true(form_parse_date("2024-02-29", &y, &m, &d));
	assert_int_equal(y, 2024);
	assert_int_equal(m, 2);
	assert_int_equal(d, 29);
	assert_true(form_parse_date("2000-02-29", &y, &m, &d));
	assert_true(form_parse_date("0001-01-01", &y, &m, &d));
	assert_true(form_parse_date("9999-12-31", &y, &m, &d));
	assert_true(form_parse_date("2023-04-30", &y, &m, &d));
}

static void
date_parse_invalid(void **state)
{
	const char *bad[] = {
	    "",
	    "2023-02-29",
	    "1900-02-29",
	    "2023-04-31",
	    "2023-13-01",
	    "2023-00-10",
	    "2023-01-00",
	    "0000-01-01",
	    "2023-1-01",
	    "2023-01-1",
	    "23-01-01",
	    "2023/01/01",
	    "2023-01-01T00:00",
	    "2023-01-01 ",
	    "+023-01-01",
	    "2023-0a-01",
	    "01/02/2023",
	};
	int y = -1, m = -1, d = -1;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (form_parse_date(bad[i], &y, &m, &d))
			fail_msg("\"%s\" was accepted", bad[i]);
	}
	assert_int_equal(y, -1);
}

static void
date_field(void **state)
{
	struct fixture *f = *state;
	const char *date = NULL;

	load(f, "startDate=2024-11-09");
	assert_true(
	    form_date(&f->form, "startDate", FORM_REQUIRED, &f->errors, &date));
	assert_string_equal(date, "2024-11-09");

	date = NULL;
	load(f, "startDate=2024-11-31");
	assert_false(
	    form_date(&f->form, "startDate", FORM_REQUIRED, &f->errors, &date));
	assert_null(date);
	assert_error(f, "startDate", "Cette date n'est pas valide.");

	load(f, "");
	assert_true(form_date(&f->form, "startDate", 0, &f->errors, &date));
	assert_null(date);
}

static void
int_field(void **state)
{
	struct fixture *f = *state;
	long n = 0;

	load(f, "time=420");
	assert_true(
	    form_int(&f->form, "time", 30, 720, FORM_REQUIRED, &f->errors, &n));
	assert_int_equal(n, 420);

	load(f, "time=-5");
	assert_true(form_int(&f->form, "time", -10, 10, 0, &f->errors, &n));
	assert_int_equal(n, -5);

	load(f, "time=007");
	assert_true(form_int(&f->form, "time", 0, 10, 0, &f->errors, &n));
	assert_int_equal(n, 7);
	assert_false(form_has_errors(&f->errors));
}

static void
int_field_invalid(void **state)
{
	const char *bad[] = {
	    "time=abc",
	    "time=1.5",
	    "time=12a",
	    "time=-",
	    "time=%2B5",
	    "time=1+2",
	    "time=0x10",
	    "time=--1",
	};
	struct fixture *f = *state;
	long n = 99;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		load(f, bad[i]);
		if (form_int(&f->form, "time", 0, 1000, 0, &f->errors, &n))
			fail_msg("%s was accepted", bad[i]);
		assert_error(f, "time", "Ce nombre n'est pas valide.");
	}
	assert_int_equal(n, 99);
}

static void
int_field_range(void **state)
{
	struct fixture *f = *state;
	long n = 99;

	load(f, "time=721");
	assert_false(form_int(&f->form, "time", 30, 720, 0, &f->errors, &n));
	assert_error(f, "time", "Ce nombre doit être compris entre 30 et 720.");
	load(f, "time=29");
	assert_false(form_int(&f->form, "time", 30, 720, 0, &f->errors, &n));
	load(f, "time=99999999999999999999999");
	assert_false(form_int(&f->form, "time", 30, 720, 0, &f->errors, &n));
	assert_error(f, "time", "Ce nombre doit être compris entre 30 et 720.");
	assert_int_equal(n, 99);
}

static void
money_parse_valid(void **state)
{
	static const struct {
		const char *text;
		int64_t cents;
	} cases[] = {
	    {"0", 0},
	    {"12", 1200},
	    {"1234.50", 123450},
	    {"1234,50", 123450},
	    {"1 234,50", 123450},
	    {"1\xc2\xa0"
	     "234,5",
	        123450},
	    {"1\xe2\x80\xaf"
	     "234\xe2\x80\xaf"
	     "567,89",
	        123456789},
	    {"12 345 678", 1234567800},
	    {"0,05", 5},
	    {"-3,5", -350},
	    {"12 €", 1200},
	    {"1 234,50\xc2\xa0€", 123450},
	    {"9,99€", 999},
	    {"123456", 12345600},
	    {"999999999999999", INT64_C(99999999999999900)},
	};
	int64_t cents;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cents = -1;
		if (!form_parse_money(cases[i].text, &cents))
			fail_msg("\"%s\" was rejected", cases[i].text);
		assert_int_equal(cents, cases[i].cents);
	}
}

static void
money_parse_invalid(void **state)
{
	const char *bad[] = {
	    "",
	    "-",
	    ",50",
	    ".5",
	    "1,",
	    "1.",
	    "1,234",
	    "1.2.3",
	    "1,2,3",
	    "1 23",
	    "1234 567",
	    "12  345",
	    "1 2345",
	    "abc",
	    "1,5a",
	    "€12",
	    "1,234.50",
	    "1.234,50",
	    "- 5",
	    "+5",
	    "1e3",
	    "1000000000000000",
	    "12 € 3",
	};
	int64_t cents = 7;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (form_parse_money(bad[i], &cents))
			fail_msg("\"%s\" was accepted", bad[i]);
	}
	assert_int_equal(cents, 7);
}

static void
money_field(void **state)
{
	struct fixture *f = *state;
	int64_t cents = 0;

	load(f, "amount=1+234%2C50");
	assert_true(form_money(&f->form, "amount", 0, 100000000, FORM_REQUIRED,
	    &f->errors, &cents));
	assert_int_equal(cents, 123450);

	load(f, "amount=12%2C345");
	assert_false(form_money(&f->form, "amount", 0, 100000000, FORM_REQUIRED,
	    &f->errors, &cents));
	assert_error(f, "amount", "Ce montant n'est pas valide.");

	load(f, "amount=-1");
	assert_false(form_money(&f->form, "amount", 0, 123456750, FORM_REQUIRED,
	    &f->errors, &cents));
	assert_error(f, "amount",
	    "Ce montant doit être compris entre "
	    "0,00\xc2\xa0€ et 1\xe2\x80\xaf"
	    "234\xe2\x80\xaf"
	    "567,50"
	    "\xc2\xa0€.");
	assert_int_equal(cents, 123450);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(errors_first_message_kept),
	    cmocka_unit_test(errors_overflow_still_errors),
	    cmocka_unit_test(uuid_syntax),
	    cmocka_unit_test(date_parse_valid),
	    cmocka_unit_test(date_parse_invalid),
	    cmocka_unit_test(money_parse_valid),
	    cmocka_unit_test(money_parse_invalid),
	    cmocka_unit_test_setup_teardown(
	        text_trimmed_in_place, setup, teardown),
	    cmocka_unit_test_setup_teardown(text_required, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        text_optional_absent, setup, teardown),
	    cmocka_unit_test_setup_teardown(text_repeated, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        text_max_counts_code_points, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        text_rejects_control_characters, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        text_trims_unicode_spaces, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        text_collapses_inner_white_space, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        text_rejects_inner_zero_width, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        text_multiline_keeps_spacing, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        text_blank_unicode_required, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        text_invisible_rejected, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        text_rejects_bidi_controls, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        text_multiline_allows_newlines, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        text_rejects_invalid_utf8, setup, teardown),
	    cmocka_unit_test_setup_teardown(enum_values, setup, teardown),
	    cmocka_unit_test_setup_teardown(checkbox_values, setup, teardown),
	    cmocka_unit_test_setup_teardown(uuid_field, setup, teardown),
	    cmocka_unit_test_setup_teardown(date_field, setup, teardown),
	    cmocka_unit_test_setup_teardown(int_field, setup, teardown),
	    cmocka_unit_test_setup_teardown(int_field_invalid, setup, teardown),
	    cmocka_unit_test_setup_teardown(int_field_range, setup, teardown),
	    cmocka_unit_test_setup_teardown(money_field, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
