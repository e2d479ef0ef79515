/* Unit tests of the request helpers that need no FastCGI connection. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "http.h"

static void
local_path_accepts_site_paths(void **state)
{
	assert_true(http_is_local_path("/"));
	assert_true(http_is_local_path("/app"));
	assert_true(http_is_local_path("/app/customers?page=2"));
	assert_true(http_is_local_path("/app/people/payroll_elements?"
	                               "year=2024&month=3"));
}

static void
local_path_rejects_other_hosts(void **state)
{
	assert_false(http_is_local_path(NULL));
	assert_false(http_is_local_path(""));
	assert_false(http_is_local_path("app"));
	assert_false(http_is_local_path("https://example.org"));
	assert_false(http_is_local_path("//example.org"));
	assert_false(http_is_local_path("/\\example.org"));
	assert_false(http_is_local_path("/app\\..\\x"));
	assert_false(http_is_local_path("javascript:alert(1)"));
}

static void
local_path_rejects_header_splitting(void **state)
{
	assert_false(http_is_local_path("/app\r\nSet-Cookie: a=b"));
	assert_false(http_is_local_path("/app\n"));
	assert_false(http_is_local_path("/app x"));
	assert_false(http_is_local_path("/app\x7f"));
	assert_false(http_is_local_path("/caf\xc3\xa9"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(local_path_accepts_site_paths),
	    cmocka_unit_test(local_path_rejects_other_hosts),
	    cmocka_unit_test(local_path_rejects_header_splitting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
