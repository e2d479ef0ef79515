/* Unit tests of the log line format, level filter and request id. */
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "log.h"

#define LINE_PATTERN \
	"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z " \
	"(ERROR|WARN|INFO|DEBUG) [0-9]+ "

struct capture {
	FILE *file;
	int saved_stderr;
	char text[8192];
};

/* Sends stderr to a temporary file until capture_end. */
static void
capture_begin(struct capture *c)
{
	c->file = tmpfile();
	assert_non_null(c->file);
	c->saved_stderr = dup(STDERR_FILENO);
	assert_true(c->saved_stderr >= 0);
	assert_true(dup2(fileno(c->file), STDERR_FILENO) >= 0);
}

static void
capture_end(struct capture *c)
{
	size_t n;

	dup2(c->saved_stderr, STDERR_FILENO);
	close(c->saved_stderr);
	rewind(c->file);
	n = fread(c->text, 1, sizeof(c->text) - 1, c->file);
	c->text[n] = '\0';
	fclose(c->file);
}

static size_t
count_lines(const char *text)
{
	size_t n = 0;

	for (; *text != '\0'; text++) {
		if (*text == '\n')
			n++;
	}
	return n;
}

static void
assert_line_format(const char *line)
{
	regex_t re;

	assert_int_equal(regcomp(&re, LINE_PATTERN, REG_EXTENDED), 0);
	if (regexec(&re, line, 0, NULL, 0) != 0)
		fail_msg("bad log line: %s", line);
	regfree(&re);
}

static void
log_line_format(void **state)
{
	struct capture c;
	char expected[64];

	log_set_request_id(NULL);
	capture_begin(&c);
	log_info("started on %s", "socket");
	capture_end(&c);
	assert_line_format(c.text);
	snprintf(expected, sizeof(expected), " INFO %ld started on socket\n",
	    (long)getpid());
	assert_non_null(strstr(c.text, expected));
	assert_int_equal(count_lines(c.text), 1);
}

static void
log_newlines_flattened(void **state)
{
	struct capture c;

	capture_begin(&c);
	log_error("first\nsecond\r\nthird\tend");
	capture_end(&c);
	assert_int_equal(count_lines(c.text), 1);
	assert_non_null(strstr(c.text, "ERROR"));
	assert_non_null(strstr(c.text, "first second  third end\n"));
}

static void
log_request_id_shown(void **state)
{
	struct capture c;
	const char *second;

	capture_begin(&c);
	log_set_request_id("0123456789abcdef");
	log_warn("slow query");
	log_set_request_id(NULL);
	log_warn("after");
	capture_end(&c);
	assert_int_equal(count_lines(c.text), 2);
	assert_non_null(strstr(c.text, " req=0123456789abcdef slow query\n"));
	second = strchr(c.text, '\n') + 1;
	assert_non_null(strstr(second, "after\n"));
	assert_null(strstr(second, "req="));
}

static void
log_level_filter(void **state)
{
	struct capture c;

	capture_begin(&c);
	log_set_level(LOG_LEVEL_INFO);
	log_debug("hidden");
	log_set_level(LOG_LEVEL_DEBUG);
	log_debug("shown");
	log_set_level(LOG_LEVEL_ERROR);
	log_warn("hidden too");
	log_error("kept");
	log_set_level(LOG_LEVEL_INFO);
	capture_end(&c);
	assert_int_equal(count_lines(c.text), 2);
	assert_null(strstr(c.text, "hidden"));
	assert_non_null(strstr(c.text, " DEBUG "));
	assert_non_null(strstr(c.text, "shown\n"));
	assert_non_null(strstr(c.text, "kept\n"));
}

static void
log_long_message_cut(void **state)
{
	struct capture c;
	char big[6000];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	capture_begin(&c);
	log_info("%s", big);
	capture_end(&c);
	assert_int_equal(count_lines(c.text), 1);
	assert_true(strlen(c.text) <= 4096);
	assert_int_equal(c.text[strlen(c.text) - 1], '\n');
	assert_int_equal(c.text[strlen(c.text) - 2], 'x');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(log_line_format),
	    cmocka_unit_test(log_newlines_flattened),
	    cmocka_unit_test(log_request_id_shown),
	    cmocka_unit_test(log_level_filter),
	    cmocka_unit_test(log_long_message_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
