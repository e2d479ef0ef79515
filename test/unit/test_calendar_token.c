/* Unit tests of the personal feed tokens' encoding and URL building. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "calendar_token.h"

static void
assert_encodes(const char *bytes, size_t len, const char *expected)
{
	char out[64];

	calendar_base64url_encode((const unsigned char *)bytes, len, out);
	assert_string_equal(out, expected);
}

/* The test vectors of RFC 4648, section 10, without padding. */
static void
base64url_rfc4648_vectors(void **state)
{
	assert_encodes("", 0, "");
	assert_encodes("f", 1, "Zg");
	assert_encodes("fo", 2, "Zm8");
	assert_encodes("foo", 3, "Zm9v");
	assert_encodes("foob", 4, "Zm9vYg");
	assert_encodes("fooba", 5, "Zm9vYmE");
	assert_encodes("foobar", 6, "Zm9vYmFy");
}

static void
base64url_uses_url_alphabet(void **state)
{
	assert_encodes("\xfb\xff\xbf", 3, "-_-_");
	assert_encodes("\xfb\xff", 2, "-_8");
}

static void
base64url_token_length(void **state)
{
	unsigned char bytes[CALENDAR_TOKEN_BYTES];
	char out[CALENDAR_TOKEN_SIZE + 1];
	size_t i;

	for (i = 0; i < sizeof(bytes); i++)
		bytes[i] = (unsigned char)i;
	calendar_base64url_encode(bytes, sizeof(bytes), out);
	assert_string_equal(out, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8");
	assert_int_equal(strlen(out), CALENDAR_TOKEN_LEN);
	assert_true(calendar_token_well_formed(out));

	memset(bytes, 0xff, sizeof(bytes));
	calendar_base64url_encode(bytes, sizeof(bytes), out);
	assert_string_equal(out, "__________________________________________8");
	assert_true(calendar_token_well_formed(out));
}

static void
token_well_formed_rejects(void **state)
{
	/* 43 characters each, one outside the alphabet. */
	assert_false(calendar_token_well_formed(
	    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh+"));
	assert_false(calendar_token_well_formed(
	    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh/"));
	assert_false(calendar_token_well_formed(
	    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh\\"));
	assert_false(calendar_token_well_formed(
	    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdH=="));
	/* Lengths around 43. */
	assert_false(calendar_token_well_formed(
	    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh"));
	assert_false(calendar_token_well_formed(
	    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8A"));
	assert_false(calendar_token_well_formed(""));
	assert_false(calendar_token_well_formed(NULL));
}

static void
host_valid_accepts(void **state)
{
	assert_true(calendar_host_valid("permacoop.example.org"));
	assert_true(calendar_host_valid("localhost"));
	assert_true(calendar_host_valid("127.0.0.1:8080"));
	assert_true(calendar_host_valid("my-coop.fr:443"));
	assert_true(calendar_host_valid("a:1"));
	assert_true(calendar_host_valid("a:65535"));
}

static void
host_valid_rejects(void **state)
{
	assert_false(calendar_host_valid(NULL));
	assert_false(calendar_host_valid(""));
	assert_false(calendar_host_valid(":8080"));
	assert_false(calendar_host_valid("example.org:"));
	assert_false(calendar_host_valid("example.org:123456"));
	assert_false(calendar_host_valid("example.org:80a"));
	assert_false(calendar_host_valid("example.org:80:81"));
	assert_false(calendar_host_valid("[::1]:8080"));
	assert_false(calendar_host_valid("evil.org/path"));
	assert_false(calendar_host_valid("a\"b"));
	assert_false(calendar_host_valid("a b"));
	assert_false(calendar_host_valid("user@example.org"));
	assert_false(calendar_host_valid("example.org\r\nX: y"));
	assert_false(calendar_host_valid("ex\xc3\xa9.org"));
}

static void
feed_url_absolute(void **state)
{
	struct buf url = {0};

	calendar_feed_url_append(&url, false, "127.0.0.1:8080", "abc-_");
	assert_string_equal(buf_str(&url),
	    "http://127.0.0.1:8080/api/leaves/calendar.ics?token=abc-_");
	buf_reset(&url);
	calendar_feed_url_append(&url, true, "coop.example", "abc");
	assert_string_equal(buf_str(&url),
	    "https://coop.example/api/leaves/calendar.ics?token=abc");
	buf_free(&url);
}

static void
feed_url_relative_fallback(void **state)
{
	struct buf url = {0};

	calendar_feed_url_append(&url, true, "evil.org/x?", "abc");
	assert_string_equal(
	    buf_str(&url), "/api/leaves/calendar.ics?token=abc");
	buf_reset(&url);
	calendar_feed_url_append(&url, false, NULL, "abc");
	assert_string_equal(
	    buf_str(&url), "/api/leaves/calendar.ics?token=abc");
	buf_free(&url);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(base64url_rfc4648_vectors),
	    cmocka_unit_test(base64url_uses_url_alphabet),
	    cmocka_unit_test(base64url_token_length),
	    cmocka_unit_test(token_well_formed_rejects),
	    cmocka_unit_test(host_valid_accepts),
	    cmocka_unit_test(host_valid_rejects),
	    cmocka_unit_test(feed_url_absolute),
	    cmocka_unit_test(feed_url_relative_fallback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
