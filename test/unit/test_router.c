/* Unit tests of route matching, captures and method handling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "router.h"

static const struct route routes[] = {
    {"GET", "/", "home", NULL, 0},
    {"GET", "/login", "login", NULL, ROUTE_PUBLIC},
    {"POST", "/login", "login_post", NULL, ROUTE_PUBLIC},
    {"GET", "/app/customers", "crm_customers_list", NULL, 0},
    {"GET", "/app/customers/add", "crm_customers_add", NULL, 0},
    {"GET", "/app/customers/edit/:id", "crm_customers_edit", NULL, 0},
    {"POST", "/app/customers/edit/:id", "crm_customers_edit_post", NULL, 0},
    {"POST", "/app/customers/delete/:id", "crm_customers_delete", NULL, 0},
    {"GET", "/a/:one/b/:two", "two_captures", NULL, 0},
};

#define ROUTE_COUNT (sizeof(routes) / sizeof(routes[0]))

static enum router_result
match(const char *method, const char *path, struct route_match *m)
{
	return router_match(routes, ROUTE_COUNT, method, path, m);
}

static void
assert_route(const char *method, const char *path, const char *name)
{
	struct route_match m;

	if (match(method, path, &m) != ROUTER_FOUND)
		fail_msg("%s %s did not match", method, path);
	assert_non_null(m.route);
	assert_string_equal(m.route->name, name);
}

static void
assert_not_found(const char *method, const char *path)
{
	struct route_match m;

	if (match(method, path, &m) != ROUTER_NOT_FOUND)
		fail_msg("%s %s was not a 404", method, path);
	assert_null(m.route);
	assert_int_equal(m.capture_count, 0);
}

static void
router_root(void **state)
{
	assert_route("GET", "/", "home");
	assert_not_found("GET", "");
	assert_not_found("GET", "//");
	assert_not_found("GET", "///");
}

static void
router_literal_paths(void **state)
{
	assert_route("GET", "/login", "login");
	assert_route("GET", "/app/customers", "crm_customers_list");
	assert_route("GET", "/app/customers/add", "crm_customers_add");
	assert_not_found("GET", "/Login");
	assert_not_found("GET", "/log");
	assert_not_found("GET", "/loginx");
	assert_not_found("GET", "login");
	assert_not_found("GET", "/app");
}

static void
router_trailing_slash_ignored(void **state)
{
	assert_route("GET", "/login/", "login");
	assert_route("GET", "/app/customers/", "crm_customers_list");
	assert_route("GET", "/app/customers/edit/42/", "crm_customers_edit");
	assert_not_found("GET", "/login//");
}

static void
router_empty_segments_rejected(void **state)
{
	assert_not_found("GET", "//login");
	assert_not_found("GET", "/app//customers");
	assert_not_found("GET", "/app/customers/edit//");
	assert_not_found("GET", "/app/customers/edit//x");
}

static void
router_extra_and_missing_segments(void **state)
{
	assert_not_found("GET", "/app/customers/add/more");
	assert_not_found("GET", "/app/customers/edit/1/2");
	assert_not_found("GET", "/app/customers/edit");
	assert_not_found("GET", "/app/customers/edit/");
	assert_not_found("GET", "/a/1/b");
}

static void
router_capture_value(void **state)
{
	struct route_match m;
	const char *id = "4b2c2a48-4a63-4a0e-9f6f-2b1f1c3a9d10";
	char path[128];

	snprintf(path, sizeof(path), "/app/customers/edit/%s", id);
	assert_int_equal(match("GET", path, &m), ROUTER_FOUND);
	assert_int_equal(m.capture_count, 1);
	assert_string_equal(router_capture(&m, "id"), id);
	assert_null(router_capture(&m, "i"));
	assert_null(router_capture(&m, "idx"));
}

static void
router_two_captures(void **state)
{
	struct route_match m;

	assert_int_equal(match("GET", "/a/x/b/y", &m), ROUTER_FOUND);
	assert_string_equal(m.route->name, "two_captures");
	assert_int_equal(m.capture_count, 2);
	assert_string_equal(router_capture(&m, "one"), "x");
	assert_string_equal(router_capture(&m, "two"), "y");
}

static void
router_capture_decoded(void **state)
{
	struct route_match m;

	assert_int_equal(
	    match("GET", "/app/customers/edit/a%2Fb", &m), ROUTER_FOUND);
	assert_int_equal(m.capture_count, 1);
	assert_string_equal(router_capture(&m, "id"), "a/b");

	assert_int_equal(
	    match("GET", "/app/customers/edit/%C3%A9t%C3%A9+1", &m),
	    ROUTER_FOUND);
	assert_string_equal(router_capture(&m, "id"), "été+1");
}

static void
router_capture_bad_escape(void **state)
{
	assert_not_found("GET", "/app/customers/edit/%");
	assert_not_found("GET", "/app/customers/edit/%2");
	assert_not_found("GET", "/app/customers/edit/%zz");
	assert_not_found("GET", "/app/customers/edit/%00");
	assert_not_found("GET", "/app/customers/edit/%C0%AF");
}

static void
router_capture_too_long(void **state)
{
	struct route_match m;
	char path[512];
	size_t prefix;

	prefix = strlen("/app/customers/edit/");
	memcpy(path, "/app/customers/edit/", prefix);

	/* 127 bytes and the NUL fill the value exactly. */
	memset(path + prefix, 'x', 127);
	path[prefix + 127] = '\0';
	assert_int_equal(match("GET", path, &m), ROUTER_FOUND);
	assert_int_equal(strlen(router_capture(&m, "id")), 127);

	memset(path + prefix, 'x', 128);
	path[prefix + 128] = '\0';
	assert_not_found("GET", path);

	/* The decoded length counts: 128 escapes decode to 128 bytes. */
	memset(path + prefix, 0, sizeof(path) - prefix);
	for (size_t i = 0; i < 128; i++)
		memcpy(path + prefix + i * 3, "%41", 3);
	assert_not_found("GET", path);
}

static void
router_method_not_allowed(void **state)
{
	struct route_match m;

	assert_int_equal(
	    match("POST", "/app/customers", &m), ROUTER_METHOD_NOT_ALLOWED);
	assert_null(m.route);
	assert_int_equal(match("GET", "/app/customers/delete/1", &m),
	    ROUTER_METHOD_NOT_ALLOWED);
	assert_int_equal(
	    match("DELETE", "/login", &m), ROUTER_METHOD_NOT_ALLOWED);
	assert_int_equal(match("POST", "/nothing", &m), ROUTER_NOT_FOUND);
}

static void
router_method_picks_route(void **state)
{
	assert_route("GET", "/app/customers/edit/1", "crm_customers_edit");
	assert_route(
	    "POST", "/app/customers/edit/1", "crm_customers_edit_post");
	assert_route("POST", "/login", "login_post");
	assert_route("POST", "/login/", "login_post");
}

static void
router_head_served_by_get(void **state)
{
	struct route_match m;

	assert_route("HEAD", "/", "home");
	assert_route("HEAD", "/app/customers/edit/7", "crm_customers_edit");
	assert_int_equal(match("HEAD", "/app/customers/delete/7", &m),
	    ROUTER_METHOD_NOT_ALLOWED);
}

static void
router_first_match_wins(void **state)
{
	static const struct route ordered[] = {
	    {"GET", "/x/:id", "capture", NULL, 0},
	    {"GET", "/x/new", "literal", NULL, 0},
	};
	struct route_match m;

	assert_int_equal(
	    router_match(ordered, 2, "GET", "/x/new", &m), ROUTER_FOUND);
	assert_string_equal(m.route->name, "capture");
	assert_int_equal(
	    router_match(ordered, 0, "GET", "/x/new", &m), ROUTER_NOT_FOUND);
}

static void
router_too_many_captures(void **state)
{
	static const struct route wide[] = {
	    {"GET", "/:a/:b/:c/:d/:e", "five", NULL, 0},
	    {"GET", "/:a/:b/:c/:d", "four", NULL, 0},
	};
	struct route_match m;

	assert_int_equal(
	    router_match(wide, 2, "GET", "/1/2/3/4/5", &m), ROUTER_NOT_FOUND);
	assert_int_equal(
	    router_match(wide, 2, "GET", "/1/2/3/4", &m), ROUTER_FOUND);
	assert_int_equal(m.capture_count, 4);
	assert_string_equal(router_capture(&m, "d"), "4");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(router_root),
	    cmocka_unit_test(router_literal_paths),
	    cmocka_unit_test(router_trailing_slash_ignored),
	    cmocka_unit_test(router_empty_segments_rejected),
	    cmocka_unit_test(router_extra_and_missing_segments),
	    cmocka_unit_test(router_capture_value),
	    cmocka_unit_test(router_two_captures),
	    cmocka_unit_test(router_capture_decoded),
	    cmocka_unit_test(router_capture_bad_escape),
	    cmocka_unit_test(router_capture_too_long),
	    cmocka_unit_test(router_method_not_allowed),
	    cmocka_unit_test(router_method_picks_route),
	    cmocka_unit_test(router_head_served_by_get),
	    cmocka_unit_test(router_first_match_wins),
	    cmocka_unit_test(router_too_many_captures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
