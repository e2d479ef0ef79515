/* Personal tokens of the leaves feed and the subscription URL built on them. */
#ifndef PC_CALENDAR_TOKEN_H
#define PC_CALENDAR_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

#include "../lib/buf.h"

/* 32 random bytes (256 bits) in base64url without padding: 43 characters. */
#define CALENDAR_TOKEN_BYTES 32
#define CALENDAR_TOKEN_LEN   43
#define CALENDAR_TOKEN_SIZE  (CALENDAR_TOKEN_LEN + 1)

#define CALENDAR_FEED_PATH "/api/leaves/calendar.ics"

/* Writes len bytes in base64url without padding (RFC 4648, section 5)
 * into out, which must hold 4 * ceil(len / 3) + 1 bytes. */
void calendar_base64url_encode(
    const unsigned char *bytes, size_t len, char *out);

/* Returns true when token has the length and alphabet of a personal
 * token, so that other strings need no database lookup. */
bool calendar_token_well_formed(const char *token);

/* Returns true when host is a name or IPv4 address made of [A-Za-z0-9.-],
 * optionally followed by ':' and a port of 1 to 5 digits. */
bool calendar_host_valid(const char *host);

/*
 * Appends the feed URL of token: absolute, from the scheme and host, when
 * host is valid, or the path and query alone otherwise (host NULL or
 * invalid).
 */
void calendar_feed_url_append(
    struct buf *out, bool https, const char *host, const char *token);

/* Copies the token of user_id into token, creating it on first use.
 * Returns -1 when the database failed. */
int calendar_token_get(const char *user_id, char token[CALENDAR_TOKEN_SIZE]);

/* Replaces the token of user_id with a new random one, so the previous
 * URL stops working at once. Returns -1 on failure. */
int calendar_token_renew(const char *user_id);

/*
 * Returns 1 when token belongs to a person who may read the feed: active
 * (no leaving date before today in Paris) and not an accountant. Returns
 * 0 otherwise and -1 when the database failed.
 */
int calendar_token_accepted(const char *token);

#endif
