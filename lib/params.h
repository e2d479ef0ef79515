/*
 * Parsers for the name=value lists of HTTP: query strings, form bodies
 * (application/x-www-form-urlencoded) and the Cookie header, and the
 * percent-encoding they use.
 */
#ifndef PC_PARAMS_H
#define PC_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Maximum number of params in one query, body or Cookie header. */
#define PARAMS_MAX 1000

struct param {
	char *name;
	char *value;
};

struct params {
	struct param *items;
	size_t count;
};

/*
 * Decodes len bytes of percent-encoded text into a new NUL-terminated
 * string, turning '+' into a space when plus_is_space is true. Returns
 * NULL when an escape is malformed ("%4", "%zz") or decodes to a NUL byte,
 * or when the result is not valid UTF-8.
 */
char *url_decode(const char *src, size_t len, bool plus_is_space);

/* Returns whether s[0..len) is valid UTF-8 (RFC 3629: no overlong form,
 * no surrogate, nothing above U+10FFFF). */
bool utf8_valid(const char *s, size_t len);

/* Appends s percent-encoded for a query component (RFC 3986 unreserved
 * characters are left as they are). */
void url_encode(struct buf *out, const char *s);

/*
 * Parses "a=1&b=2" (a query string or a form body) into params, which it
 * overwrites, keeping the order of the pairs. Pairs without '=' get an
 * empty value; empty pairs and empty names are skipped. Returns 0, or -1
 * when a name or value fails to decode or there are more than PARAMS_MAX
 * pairs (params is then empty).
 */
int params_parse_query(struct params *params, const char *src, size_t len);

/*
 * Parses a Cookie header ("a=1; b=2") into params, which it overwrites.
 * Values are kept raw, not percent-decoded, except that surrounding double
 * quotes are removed. Pairs without '=', with an empty name or with
 * control characters are skipped, and so are pairs after PARAMS_MAX.
 * header may be NULL.
 */
void params_parse_cookies(struct params *params, const char *header);

/* Returns the value of the first param named name, or NULL. */
const char *params_get(const struct params *params, const char *name);

/* Returns how many params are named name (to reject repeated fields). */
size_t params_count(const struct params *params, const char *name);

void params_free(struct params *params);

#endif
