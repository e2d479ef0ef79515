/* Unit tests of percent-decoding, query, form body and Cookie parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "params.h"

/* Parses a NUL-terminated query into *params and returns the result. */
static int
parse(struct params *params, const char *query)
{
	return params_parse_query(params, query, strlen(query));
}

static void
assert_param(
    const struct params *params, size_t i, const char *name, const char *value)
{
	assert_true(i < params->count);
	assert_string_equal(params->items[i].name, name);
	assert_string_equal(params->items[i].value, value);
}

static void
assert_decodes(const char *src, bool plus_is_space, const char *expected)
{
	char *decoded;

	decoded = url_decode(src, strlen(src), plus_is_space);
	assert_non_null(decoded);
	assert_string_equal(decoded, expected);
	free(decoded);
}

static void
assert_rejected(const char *src)
{
	char *decoded;

	decoded = url_decode(src, strlen(src), true);
	if (decoded != NULL)
		fail_msg("\"%s\" decoded to \"%s\"", src, decoded);
}

static void
url_decode_plain(void **state)
{
	assert_decodes("", true, "");
	assert_decodes("a", true, "a");
	assert_decodes("a+b", true, "a b");
	assert_decodes("a+b", false, "a+b");
	assert_decodes("+", true, " ");
	assert_decodes("%20%2B%2b", true, " ++");
	assert_decodes("%C3%A9t%c3%a9", true, "été");
	assert_decodes("%E2%82%AC", true, "€");
	assert_decodes("%F0%9F%90%9D", true, "\xf0\x9f\x90\x9d");
	assert_decodes("100%25", true, "100%");
	assert_decodes("%2F", false, "/");
}

static void
url_decode_length_bounds_input(void **state)
{
	char *decoded;

	decoded = url_decode("abc%41", 3, true);
	assert_non_null(decoded);
	assert_string_equal(decoded, "abc");
	free(decoded);
	/* The escape is cut by the length, so it is incomplete. */
	assert_null(url_decode("ab%41", 4, true));
}

static void
url_decode_malformed_escapes(void **state)
{
	assert_rejected("%");
	assert_rejected("%2");
	assert_rejected("a%");
	assert_rejected("%zz");
	assert_rejected("%2z");
	assert_rejected("%z2");
	assert_rejected("% 20");
	assert_rejected("%%41");
}

static void
url_decode_rejects_nul(void **state)
{
	assert_rejected("%00");
	assert_rejected("a%00b");
	assert_null(url_decode("a\0b", 3, true));
}

static void
url_decode_rejects_invalid_utf8(void **state)
{
	assert_rejected("%C0%AF");       /* overlong '/' */
	assert_rejected("%C1%81");       /* overlong 'A' */
	assert_rejected("%E0%80%AF");    /* overlong, 3 bytes */
	assert_rejected("%F0%80%80%AF"); /* overlong, 4 bytes */
	assert_rejected("%ED%A0%80");    /* surrogate U+D800 */
	assert_rejected("%F4%90%80%80"); /* above U+10FFFF */
	assert_rejected("%C3");          /* truncated */
	assert_rejected("%C3%28");       /* bad continuation */
	assert_rejected("%A9");          /* lone continuation */
	assert_rejected("%FF");
	assert_rejected("\xc3"); /* raw invalid byte */
}

static void
url_encode_reserved(void **state)
{
	struct buf out = {0};

	url_encode(&out, "azAZ09-._~");
	assert_string_equal(buf_str(&out), "azAZ09-._~");
	buf_reset(&out);
	url_encode(&out, "/app?a=1&b=é c+%");
	assert_string_equal(
	    buf_str(&out), "%2Fapp%3Fa%3D1%26b%3D%C3%A9%20c%2B%25");
	buf_reset(&out);
	url_encode(&out, "");
	assert_string_equal(buf_str(&out), "");
	buf_free(&out);
}

static void
url_encode_round_trip(void **state)
{
	struct buf out = {0};
	const char *text = "/app/people?x=1 2&y=€;#";
	char *decoded;

	url_encode(&out, text);
	decoded = url_decode(out.data, out.len, false);
	assert_non_null(decoded);
	assert_string_equal(decoded, text);
	free(decoded);
	buf_free(&out);
}

static void
query_empty(void **state)
{
	struct params params;

	assert_int_equal(parse(&params, ""), 0);
	assert_int_equal(params.count, 0);
	assert_null(params_get(&params, "a"));
	params_free(&params);
}

static void
query_name_without_value(void **state)
{
	struct params params;

	assert_int_equal(parse(&params, "a"), 0);
	assert_int_equal(params.count, 1);
	assert_param(&params, 0, "a", "");
	params_free(&params);

	assert_int_equal(parse(&params, "a="), 0);
	assert_int_equal(params.count, 1);
	assert_param(&params, 0, "a", "");
	params_free(&params);
}

static void
query_empty_name_skipped(void **state)
{
	struct params params;

	assert_int_equal(parse(&params, "=b"), 0);
	assert_int_equal(params.count, 0);
	params_free(&params);

	assert_int_equal(parse(&params, "=b&c=d&="), 0);
	assert_int_equal(params.count, 1);
	assert_param(&params, 0, "c", "d");
	params_free(&params);
}

static void
query_empty_pairs_skipped(void **state)
{
	struct params params;

	assert_int_equal(parse(&params, "&&"), 0);
	assert_int_equal(params.count, 0);
	params_free(&params);

	assert_int_equal(parse(&params, "&a=1&&b=2&"), 0);
	assert_int_equal(params.count, 2);
	assert_param(&params, 0, "a", "1");
	assert_param(&params, 1, "b", "2");
	params_free(&params);
}

static void
query_keeps_order_and_repeats(void **state)
{
	struct params params;

	assert_int_equal(parse(&params, "b=2&a=1&b=3"), 0);
	assert_int_equal(params.count, 3);
	assert_param(&params, 0, "b", "2");
	assert_param(&params, 1, "a", "1");
	assert_param(&params, 2, "b", "3");
	assert_string_equal(params_get(&params, "b"), "2");
	assert_int_equal(params_count(&params, "b"), 2);
	assert_int_equal(params_count(&params, "a"), 1);
	assert_int_equal(params_count(&params, "c"), 0);
	params_free(&params);
}

static void
query_decodes_names_and_values(void **state)
{
	struct params params;

	assert_int_equal(
	    parse(&params,
	        "first+name=Jos%C3%A9+Mar%C3%ADa&a%3Db=c%26d&eq=x=y&p=%2B"),
	    0);
	assert_int_equal(params.count, 4);
	assert_param(&params, 0, "first name", "José María");
	assert_param(&params, 1, "a=b", "c&d");
	assert_param(&params, 2, "eq", "x=y");
	assert_param(&params, 3, "p", "+");
	params_free(&params);

	assert_int_equal(parse(&params, "+=+"), 0);
	assert_int_equal(params.count, 1);
	assert_param(&params, 0, " ", " ");
	params_free(&params);
}

static void
query_rejects_bad_escapes(void **state)
{
	const char *bad[] = {
	    "%",
	    "a=%",
	    "a=%2",
	    "a=%zz",
	    "%zz=1",
	    "a=1&b=%00",
	    "a=%C0%AF",
	    "a=%C3",
	    "ok=1&x=%E2%82",
	};
	struct params params;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(&params, bad[i]) != -1)
			fail_msg("\"%s\" was accepted", bad[i]);
		assert_int_equal(params.count, 0);
		assert_null(params.items);
		params_free(&params);
	}
}

static void
query_length_bounds_input(void **state)
{
	struct params params;

	assert_int_equal(params_parse_query(&params, "a=12&b=3", 3), 0);
	assert_int_equal(params.count, 1);
	assert_param(&params, 0, "a", "1");
	params_free(&params);
}

static void
query_long_input(void **state)
{
	struct params params;
	char *query;
	size_t len = 200000, i;

	query = malloc(len + 1);
	assert_non_null(query);
	memcpy(query, "big=", 4);
	for (i = 4; i < len; i++)
		query[i] = 'x';
	query[len] = '\0';
	assert_int_equal(parse(&params, query), 0);
	assert_int_equal(params.count, 1);
	assert_int_equal(strlen(params_get(&params, "big")), len - 4);
	params_free(&params);
	free(query);
}

static void
query_many_pairs(void **state)
{
	struct params params;
	struct buf query = {0};
	size_t i;

	for (i = 0; i < PARAMS_MAX; i++)
		buf_printf(&query, "k%zu=%zu&", i, i);
	assert_int_equal(params_parse_query(&params, query.data, query.len), 0);
	assert_int_equal(params.count, PARAMS_MAX);
	assert_param(&params, 0, "k0", "0");
	assert_param(&params, PARAMS_MAX - 1, "k999", "999");
	params_free(&params);

	buf_puts(&query, "one=more");
	assert_int_equal(
	    params_parse_query(&params, query.data, query.len), -1);
	assert_int_equal(params.count, 0);
	params_free(&params);
	buf_free(&query);
}

static void
cookies_basic(void **state)
{
	struct params params;

	params_parse_cookies(&params, "a=1; b=2;c=3");
	assert_int_equal(params.count, 3);
	assert_param(&params, 0, "a", "1");
	assert_param(&params, 1, "b", "2");
	assert_param(&params, 2, "c", "3");
	params_free(&params);
}

static void
cookies_spaces_trimmed(void **state)
{
	struct params params;

	params_parse_cookies(&params, "   a=1 ;\tb=x y  ;  ");
	assert_int_equal(params.count, 2);
	assert_param(&params, 0, "a", "1");
	assert_param(&params, 1, "b", "x y");
	params_free(&params);
}

static void
cookies_quoted_value(void **state)
{
	struct params params;

	params_parse_cookies(&params, "a=\"quoted\"; b=\"\"; c=\"; d=\"x");
	assert_int_equal(params.count, 4);
	assert_param(&params, 0, "a", "quoted");
	assert_param(&params, 1, "b", "");
	assert_param(&params, 2, "c", "\"");
	assert_param(&params, 3, "d", "\"x");
	params_free(&params);
}

static void
cookies_values_stay_raw(void **state)
{
	struct params params;

	params_parse_cookies(&params, "sid=a%20b+c; t=x=y");
	assert_int_equal(params.count, 2);
	assert_param(&params, 0, "sid", "a%20b+c");
	assert_param(&params, 1, "t", "x=y");
	params_free(&params);
}

static void
cookies_malformed_skipped(void **state)
{
	struct params params;

	params_parse_cookies(
	    &params, "noequals; =v; a=; ;;; bad name=1; ctl=a\x01; ok=1");
	assert_int_equal(params.count, 2);
	assert_param(&params, 0, "a", "");
	assert_param(&params, 1, "ok", "1");
	params_free(&params);
}

static void
cookies_empty_or_null(void **state)
{
	struct params params;

	params_parse_cookies(&params, "");
	assert_int_equal(params.count, 0);
	params_free(&params);
	params_parse_cookies(&params, NULL);
	assert_int_equal(params.count, 0);
	params_free(&params);
	params_parse_cookies(&params, " ; ");
	assert_int_equal(params.count, 0);
	params_free(&params);
}

static void
cookies_repeated_first_wins(void **state)
{
	struct params params;

	params_parse_cookies(&params, "sid=first; sid=second");
	assert_int_equal(params.count, 2);
	assert_string_equal(params_get(&params, "sid"), "first");
	assert_int_equal(params_count(&params, "sid"), 2);
	params_free(&params);
}

static void
utf8_valid_cases(void **state)
{
	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid("abc", 3));
	assert_true(utf8_valid("\xc3\xa9", 2));
	assert_true(utf8_valid("\xef\xbf\xbf", 3));
	assert_true(utf8_valid("\xf4\x8f\xbf\xbf", 4));
	assert_false(utf8_valid("\xc3\xa9", 1));
	assert_false(utf8_valid("\xc0\xaf", 2));
	assert_false(utf8_valid("\xed\xbf\xbf", 3));
	assert_false(utf8_valid("\xf8\x88\x80\x80\x80", 5));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(url_decode_plain),
	    cmocka_unit_test(url_decode_length_bounds_input),
	    cmocka_unit_test(url_decode_malformed_escapes),
	    cmocka_unit_test(url_decode_rejects_nul),
	    cmocka_unit_test(url_decode_rejects_invalid_utf8),
	    cmocka_unit_test(url_encode_reserved),
	    cmocka_unit_test(url_encode_round_trip),
	    cmocka_unit_test(query_empty),
	    cmocka_unit_test(query_name_without_value),
	    cmocka_unit_test(query_empty_name_skipped),
	    cmocka_unit_test(query_empty_pairs_skipped),
	    cmocka_unit_test(query_keeps_order_and_repeats),
	    cmocka_unit_test(query_decodes_names_and_values),
	    cmocka_unit_test(query_rejects_bad_escapes),
	    cmocka_unit_test(query_length_bounds_input),
	    cmocka_unit_test(query_long_input),
	    cmocka_unit_test(query_many_pairs),
	    cmocka_unit_test(cookies_basic),
	    cmocka_unit_test(cookies_spaces_trimmed),
	    cmocka_unit_test(cookies_quoted_value),
	    cmocka_unit_test(cookies_values_stay_raw),
	    cmocka_unit_test(cookies_malformed_skipped),
	    cmocka_unit_test(cookies_empty_or_null),
	    cmocka_unit_test(cookies_repeated_first_wins),
	    cmocka_unit_test(utf8_valid_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
