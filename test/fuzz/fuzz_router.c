/* libFuzzer target: router_match on arbitrary paths and methods. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "router.h"

static const struct route routes[] = {
    {"GET", "/", "home", NULL, 0},
    {"GET", "/login", "login", NULL, 0},
    {"POST", "/login", "login_post", NULL, 0},
    {"GET", "/app/customers/edit/:id", "edit", NULL, 0},
    {"POST", "/app/customers/edit/:id", "edit_post", NULL, 0},
    {"GET", "/:a/:b/:c/:d", "four", NULL, 0},
    {"GET", "/:a/:b/:c/:d/:e", "five", NULL, 0},
};

/* The first byte picks the method: 'G', 'H', 'P' or anything else. */
static const char *
pick_method(uint8_t c)
{
	if (c == 'G')
		return "GET";
	if (c == 'H')
		return "HEAD";
	if (c == 'P')
		return "POST";
	return "PUT";
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct route_match match;
	enum router_result result;
	const char *method;
	char *path;
	size_t i;

	if (size == 0)
		return 0;
	method = pick_method(data[0]);
	if ((path = malloc(size)) == NULL)
		return 0;
	memcpy(path, data + 1, size - 1);
	path[size - 1] = '\0';

	result = router_match(
	    routes, sizeof(routes) / sizeof(routes[0]), method, path, &match);
	if ((result == ROUTER_FOUND) != (match.route != NULL))
		abort();
	if (match.capture_count > ROUTER_MAX_CAPTURES)
		abort();
	for (i = 0; i < match.capture_count; i++) {
		if (strlen(match.captures[i].value) >=
		    sizeof(match.captures[i].value))
			abort();
	}
	free(path);
	return 0;
}
