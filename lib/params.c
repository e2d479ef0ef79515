/* Query string, form body and Cookie header parsing, and percent-encoding. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Returns the length of the UTF-8 sequence at s[0..len), or 0 when it is
 * invalid: overlong forms, surrogates and code points above U+10FFFF
 * are rejected as RFC 3629 requires.
 */
static size_t
utf8_sequence_length(const unsigned char *s, size_t len)
{
	size_t need, i;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		need = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (len < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000))
		return 0;
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return need;
}

bool
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, n;

	for (i = 0; i < len; i += n) {
		if ((n = utf8_sequence_length(p + i, len - i)) == 0)
			return false;
	}
	return true;
}

char *
url_decode(const char *src, size_t len, bool plus_is_space)
{
	char *out;
	size_t i, n = 0;
	int hi, lo;

	if ((out = malloc(len + 1)) == NULL)
		abort();
	for (i = 0; i < len; i++) {
		if (src[i] == '%') {
			if (len - i < 3)
				goto fail;
			hi = hex_value(src[i + 1]);
			lo = hex_value(src[i + 2]);
			if (hi < 0 || lo < 0)
				goto fail;
			out[n++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (src[i] == '+' && plus_is_space)
			out[n++] = ' ';
		else
			out[n++] = src[i];
		if (out[n - 1] == '\0')
			goto fail;
	}
	out[n] = '\0';
	if (!utf8_valid(out, n))
		goto fail;
	return out;
fail:
	free(out);
	return NULL;
}

void
url_encode(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			buf_putc(out, (char)c);
			continue;
		}
		buf_putc(out, '%');
		buf_putc(out, hex[c >> 4]);
		buf_putc(out, hex[c & 0x0f]);
	}
}

/* Takes ownership of name and value. */
static int
params_add(struct params *params, char *name, char *value)
{
	struct param *items;

	if (params->count >= PARAMS_MAX) {
		free(name);
		free(value);
		return -1;
	}
	/* The array doubles whenever count reaches a power of two. */
	if ((params->count & (params->count - 1)) == 0) {
		items = realloc(params->items,
		    (params->count ? params->count * 2 : 4) * sizeof(*items));
		if (items == NULL)
			abort();
		params->items = items;
	}
	params->items[params->count].name = name;
	params->items[params->count].value = value;
	params->count++;
	return 0;
}

static char *
copy_bytes(const char *s, size_t len)
{
	char *copy;

	if ((copy = malloc(len + 1)) == NULL)
		abort();
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

static int
parse_pair(struct params *params, const char *pair, size_t len)
{
	const char *eq;
	size_t name_len;
	char *name, *value;

	eq = memchr(pair, '=', len);
	name_len = eq != NULL ? (size_t)(eq - pair) : len;
	if (name_len == 0)
		return 0;
	if ((name = url_decode(pair, name_len, true)) == NULL)
		return -1;
	if (eq != NULL)
		value = url_decode(eq + 1, len - name_len - 1, true);
	else
		value = copy_bytes("", 0);
	if (value == NULL) {
		free(name);
		return -1;
	}
	return params_add(params, name, value);
}

int
params_parse_query(struct params *params, const char *src, size_t len)
{
	const char *pair, *end, *amp;

	params->items = NULL;
	params->count = 0;
	pair = src;
	end = src + len;
	while (pair < end) {
		amp = memchr(pair, '&', (size_t)(end - pair));
		if (amp == NULL)
			amp = end;
		if (parse_pair(params, pair, (size_t)(amp - pair)) == -1) {
			params_free(params);
			return -1;
		}
		pair = amp + 1;
	}
	return 0;
}

static bool
has_control(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return true;
	}
	return false;
}

/*
 * Adds one "name=value" cookie pair, already trimmed. A name must be
 * non-empty, without spaces or control characters. A value between double
 * quotes loses them, as RFC 6265 section 4.1.1 allows, and is kept raw.
 */
static void
parse_cookie(struct params *params, const char *pair, size_t len)
{
	const char *eq, *value;
	size_t name_len, value_len;

	if ((eq = memchr(pair, '=', len)) == NULL)
		return;
	name_len = (size_t)(eq - pair);
	if (name_len == 0 || has_control(pair, name_len) ||
	    memchr(pair, ' ', name_len) != NULL)
		return;
	value = eq + 1;
	value_len = len - name_len - 1;
	if (value_len >= 2 && value[0] == '"' && value[value_len - 1] == '"') {
		value++;
		value_len -= 2;
	}
	if (has_control(value, value_len))
		return;
	params_add(
	    params, copy_bytes(pair, name_len), copy_bytes(value, value_len));
}

void
params_parse_cookies(struct params *params, const char *header)
{
	const char *pair, *end;

	params->items = NULL;
	params->count = 0;
	if (header == NULL)
		return;
	for (pair = header; *pair != '\0'; pair = end) {
		end = pair + strcspn(pair, ";");
		while (pair < end && (*pair == ' ' || *pair == '\t'))
			pair++;
		while (end > pair && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end > pair)
			parse_cookie(params, pair, (size_t)(end - pair));
		end += strcspn(end, ";");
		if (*end == ';')
			end++;
	}
}

const char *
params_get(const struct params *params, const char *name)
{
	size_t i;

	for (i = 0; i < params->count; i++) {
		if (strcmp(params->items[i].name, name) == 0)
			return params->items[i].value;
	}
	return NULL;
}

size_t
params_count(const struct params *params, const char *name)
{
	size_t i, n = 0;

	for (i = 0; i < params->count; i++) {
		if (strcmp(params->items[i].name, name) == 0)
			n++;
	}
	return n;
}

void
params_free(struct params *params)
{
	size_t i;

	for (i = 0; i < params->count; i++) {
		free(params->items[i].name);
		free(params->items[i].value);
	}
	free(params->items);
	params->items = NULL;
	params->count = 0;
}
