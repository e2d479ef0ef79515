/* Unit tests of the growable byte buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"

static void
buf_empty_is_empty_string(void **state)
{
	struct buf b = {0};

	assert_string_equal(buf_str(&b), "");
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void
buf_puts_appends(void **state)
{
	struct buf b = {0};

	buf_puts(&b, "abc");
	buf_puts(&b, "");
	buf_putc(&b, 'd');
	buf_append(&b, "efgh", 2);
	assert_string_equal(buf_str(&b), "abcdef");
	assert_int_equal(b.len, 6);
	assert_true(b.cap > b.len);
	buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
}

static void
buf_append_keeps_nul_bytes(void **state)
{
	struct buf b = {0};

	buf_append(&b, "a\0b", 3);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 4);
	buf_free(&b);
}

static void
buf_printf_formats(void **state)
{
	struct buf b = {0};

	buf_printf(&b, "%d-%s", 42, "x");
	buf_printf(&b, "%s", "");
	buf_printf(&b, "[%05.1f]", 3.14159);
	assert_string_equal(buf_str(&b), "42-x[003.1]");
	assert_int_equal(b.len, strlen("42-x[003.1]"));
	buf_free(&b);
}

static void
buf_grows_past_initial_size(void **state)
{
	struct buf b = {0};
	char big[10000];
	size_t i;

	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (i = 0; i < 100; i++)
		buf_putc(&b, (char)('a' + i % 26));
	buf_printf(&b, "%s", big);
	assert_int_equal(b.len, 100 + sizeof(big) - 1);
	assert_int_equal(b.data[0], 'a');
	assert_int_equal(b.data[99], 'a' + 99 % 26);
	assert_int_equal(b.data[100], 'z');
	assert_int_equal(b.data[b.len - 1], 'z');
	assert_int_equal(b.data[b.len], '\0');
	buf_free(&b);
}

static void
buf_reset_keeps_memory(void **state)
{
	struct buf b = {0};
	char *data;

	buf_puts(&b, "hello");
	data = b.data;
	buf_reset(&b);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(b.len, 0);
	assert_ptr_equal(b.data, data);
	buf_puts(&b, "hi");
	assert_string_equal(buf_str(&b), "hi");
	buf_free(&b);
}

static void
buf_reset_never_written(void **state)
{
	struct buf b = {0};

	buf_reset(&b);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(buf_empty_is_empty_string),
	    cmocka_unit_test(buf_puts_appends),
	    cmocka_unit_test(buf_append_keeps_nul_bytes),
	    cmocka_unit_test(buf_printf_formats),
	    cmocka_unit_test(buf_grows_past_initial_size),
	    cmocka_unit_test(buf_reset_keeps_memory),
	    cmocka_unit_test(buf_reset_never_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
