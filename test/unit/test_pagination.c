/* Unit tests of the page parsing, clamping and bar of paginated lists. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pagination.h"

static void
parse_page_valid(void **state)
{
	assert_int_equal(pagination_parse_page("1"), 1);
	assert_int_equal(pagination_parse_page("2"), 2);
	assert_int_equal(pagination_parse_page("0042"), 42);
	assert_int_equal(pagination_parse_page("10000"), 10000);
}

static void
parse_page_garbage_is_first(void **state)
{
	assert_int_equal(pagination_parse_page(NULL), 1);
	assert_int_equal(pagination_parse_page(""), 1);
	assert_int_equal(pagination_parse_page("0"), 1);
	assert_int_equal(pagination_parse_page("-3"), 1);
	assert_int_equal(pagination_parse_page("abc"), 1);
	assert_int_equal(pagination_parse_page("1.5"), 1);
	assert_int_equal(pagination_parse_page("2x"), 1);
	assert_int_equal(pagination_parse_page(" 2"), 1);
	assert_int_equal(pagination_parse_page("+2"), 1);
	assert_int_equal(pagination_parse_page("0x10"), 1);
}

static void
parse_page_overflow_saturates(void **state)
{
	assert_true(
	    pagination_parse_page("99999999999999999999999") == LONG_MAX);
}

static void
init_empty_list(void **state)
{
	struct pagination p;

	pagination_init(&p, 1, 0);
	assert_int_equal(p.page, 1);
	assert_int_equal(p.page_count, 0);
	assert_int_equal(p.offset, 0);

	pagination_init(&p, 7, 0);
	assert_int_equal(p.page, 1);
	assert_int_equal(p.offset, 0);
}

static void
init_page_counts(void **state)
{
	struct pagination p;

	pagination_init(&p, 1, 1);
	assert_int_equal(p.page_count, 1);
	pagination_init(&p, 1, 30);
	assert_int_equal(p.page_count, 1);
	pagination_init(&p, 1, 31);
	assert_int_equal(p.page_count, 2);
	pagination_init(&p, 1, 61);
	assert_int_equal(p.page_count, 3);
	assert_int_equal(p.total, 61);
}

static void
init_offsets(void **state)
{
	struct pagination p;

	pagination_init(&p, 2, 31);
	assert_int_equal(p.page, 2);
	assert_int_equal(p.offset, 30);
	pagination_init(&p, 3, 100);
	assert_int_equal(p.offset, 60);
}

static void
init_past_end_is_last_page(void **state)
{
	struct pagination p;

	pagination_init(&p, 3, 31);
	assert_int_equal(p.page, 2);
	assert_int_equal(p.offset, 30);

	pagination_init(&p, LONG_MAX, 95);
	assert_int_equal(p.page, 4);
	assert_int_equal(p.offset, 90);
}

static void
assert_links(long page, long total, const pagination_link *expected,
    size_t expected_count)
{
	pagination_link links[PAGINATION_MAX_LINKS];
	struct pagination p;
	size_t count, i;

	pagination_init(&p, page, total);
	count = pagination_links(&p, links);
	assert_int_equal(count, expected_count);
	for (i = 0; i < count; i++)
		assert_int_equal(links[i], expected[i]);
}

static void
links_none_when_empty(void **state)
{
	assert_links(1, 0, NULL, 0);
}

static void
links_single_page(void **state)
{
	static const pagination_link expected[] = {1};

	assert_links(1, 10, expected, 1);
}

static void
links_all_pages_when_few(void **state)
{
	static const pagination_link expected[] = {1, 2, 3, 4, 5};

	assert_links(3, 5 * 30, expected, 5);
}

static void
links_gap_of_one_page_is_shown(void **state)
{
	static const pagination_link expected[] = {1, 2, 3, 4, 5, 6, 7};

	/* Page 2 fills the gap between 1 and 3 instead of an ellipsis. */
	assert_links(5, 7 * 30, expected, 7);
}

static void
links_ellipsis_on_both_sides(void **state)
{
	static const pagination_link expected[] = {
	    1, 0, 8, 9, 10, 11, 12, 0, 40};

	assert_links(10, 40 * 30, expected, 9);
}

static void
links_ellipsis_at_start_and_end(void **state)
{
	static const pagination_link first[] = {1, 2, 3, 0, 40};
	static const pagination_link last[] = {1, 0, 38, 39, 40};

	assert_links(1, 40 * 30, first, 5);
	assert_links(40, 40 * 30, last, 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(parse_page_valid),
	    cmocka_unit_test(parse_page_garbage_is_first),
	    cmocka_unit_test(parse_page_overflow_saturates),
	    cmocka_unit_test(init_empty_list),
	    cmocka_unit_test(init_page_counts),
	    cmocka_unit_test(init_offsets),
	    cmocka_unit_test(init_past_end_is_last_page),
	    cmocka_unit_test(links_none_when_empty),
	    cmocka_unit_test(links_single_page),
	    cmocka_unit_test(links_all_pages_when_few),
	    cmocka_unit_test(links_gap_of_one_page_is_shown),
	    cmocka_unit_test(links_ellipsis_on_both_sides),
	    cmocka_unit_test(links_ellipsis_at_start_and_end),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
