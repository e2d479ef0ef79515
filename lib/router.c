/* Route table matching by path segments, with ":name" captures. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"
#include "router.h"

/* Returns the length of the segment starting at s, up to '/' or the end. */
static size_t
segment_length(const char *s, const char *end)
{
	const char *slash;

	slash = memchr(s, '/', (size_t)(end - s));
	return (size_t)((slash != NULL ? slash : end) - s);
}

static bool
capture_segment(struct route_match *match, const char *name, size_t name_len,
    const char *segment, size_t len)
{
	struct route_capture *capture;
	char *value;
	size_t value_len;

	if (match->capture_count >= ROUTER_MAX_CAPTURES)
		return false;
	if ((value = url_decode(segment, len, false)) == NULL)
		return false;
	value_len = strlen(value);
	if (value_len >= sizeof(capture->value)) {
		free(value);
		return false;
	}
	capture = &match->captures[match->capture_count++];
	capture->name = name;
	capture->name_len = name_len;
	memcpy(capture->value, value, value_len + 1);
	free(value);
	return true;
}

/*
 * Matches path[0..path_len), which starts with '/' and has no trailing
 * slash unless it is "/", against pattern, filling the captures of match.
 */
static bool
path_matches(const char *pattern, const char *path, size_t path_len,
    struct route_match *match)
{
	const char *p = pattern, *s = path;
	const char *p_end = pattern + strlen(pattern);
	const char *s_end = path + path_len;
	size_t p_len, s_len;

	match->capture_count = 0;
	if (*p != '/' || *s != '/')
		return false;
	if (p_end - p == 1 || s_end - s == 1)
		return p_end - p == 1 && s_end - s == 1;
	while (p < p_end && s < s_end) {
		p++;
		s++;
		p_len = segment_length(p, p_end);
		s_len = segment_length(s, s_end);
		if (s_len == 0)
			return false;
		if (p[0] == ':') {
			if (!capture_segment(match, p + 1, p_len - 1, s, s_len))
				return false;
		} else if (p_len != s_len || memcmp(p, s, s_len) != 0)
			return false;
		p += p_len;
		s += s_len;
	}
	return p == p_end && s == s_end;
}

static bool
method_matches(const char *route_method, const char *method)
{
	if (strcmp(route_method, method) == 0)
		return true;
	return strcmp(route_method, "GET") == 0 && strcmp(method, "HEAD") == 0;
}

enum router_result
router_match(const struct route *routes, size_t count, const char *method,
    const char *path, struct route_match *match)
{
	struct route_match candidate;
	size_t i, path_len;
	bool path_found = false;

	memset(match, 0, sizeof(*match));
	path_len = strlen(path);
	/* One trailing slash is dropped, but "//" stays an empty segment. */
	if (path_len > 1 && path[path_len - 1] == '/' &&
	    path[path_len - 2] != '/')
		path_len--;
	for (i = 0; i < count; i++) {
		if (!path_matches(
		        routes[i].pattern, path, path_len, &candidate))
			continue;
		if (!method_matches(routes[i].method, method)) {
			path_found = true;
			continue;
		}
		*match = candidate;
		match->route = &routes[i];
		return ROUTER_FOUND;
	}
	return path_found ? ROUTER_METHOD_NOT_ALLOWED : ROUTER_NOT_FOUND;
}

const char *
router_capture(const struct route_match *match, const char *name)
{
	size_t i, len = strlen(name);

	for (i = 0; i < match->capture_count; i++) {
		if (match->captures[i].name_len == len &&
		    memcmp(match->captures[i].name, name, len) == 0)
			return match->captures[i].value;
	}
	return NULL;
}
