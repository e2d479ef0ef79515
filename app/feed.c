/* GET /api/leaves/calendar.ics: the leaves feed that calendars subscribe to. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <zlib.h>

#include "app.h"
#include "calendar_token.h"
#include "config.h"
#include "db.h"
#include "handlers.h"
#include "ics.h"
#include "log.h"

/* Strong ETag: '"', 32 hex digits of SHA-256 (128 bits), '"', NUL. */
#define ETAG_SIZE 35

/*
 * Accepted requests of people whose leaving date, if any, is not past in
 * Paris (the rule that keeps them able to log in). Accountants have no
 * administrative row and are left out by the inner join. Dates come as
 * text of a fixed format whatever the server's DateStyle. The id breaks
 * ties of startDate so the body, and so the ETag, stays the same.
 */
static struct db_statement sql_feed_leaves = {
    .name = "feed_leaves",
    .sql = "SELECT lr.id, u.\"firstName\", u.\"lastName\",\n"
           "       to_char(lr.\"startDate\", 'YYYY-MM-DD'),\n"
           "       lr.\"startsAllDay\",\n"
           "       to_char(lr.\"endDate\", 'YYYY-MM-DD'),\n"
           "       lr.\"endsAllDay\",\n"
           "       to_char(lr.\"moderateAt\", 'YYYY-MM-DD HH24:MI:SS')\n"
           "  FROM leave_request lr\n"
           "  JOIN \"user\" u ON u.id = lr.\"userId\"\n"
           "  JOIN user_administrative ua\n"
           "    ON ua.id = u.\"userAdministrativeId\"\n"
           " WHERE lr.status = 'accepted'\n"
           "   AND (ua.\"leavingDate\" IS NULL\n"
           "        OR ua.\"leavingDate\" >=\n"
           "           (now() AT TIME ZONE 'Europe/Paris')::date)\n"
           " ORDER BY lr.\"startDate\", lr.id",
    .param_count = 0,
};

/* Increments on every change to the rows of the feed; see feed_cache. */
static struct db_statement sql_feed_version = {
    .name = "feed_version",
    .sql = "SELECT version,\n"
           "       to_char((now() AT TIME ZONE 'Europe/Paris')::date,\n"
           "               'YYYY-MM-DD')\n"
           "  FROM permacoop_feed_version",
    .param_count = 0,
};

/* The cooperative table contains one row of settings. */
static struct db_statement sql_feed_cooperative = {
    .name = "feed_cooperative",
    .sql = "SELECT name FROM cooperative LIMIT 1",
    .param_count = 0,
};

static bool
sha256(const char *data, size_t len, unsigned char *digest,
    unsigned int *digest_len)
{
	return EVP_Digest(data, len, digest, digest_len, EVP_sha256(), NULL) ==
	    1;
}

/*
 * Returns true when token equals CALENDAR_TOKEN. The SHA-256 digests are
 * compared in constant time instead of the strings, so the time taken
 * reveals neither the token's length nor how many of its bytes match.
 */
static bool
team_token_valid(const char *token)
{
	unsigned char expected[EVP_MAX_MD_SIZE], given[EVP_MAX_MD_SIZE];
	unsigned int expected_len, given_len;

	if (config.calendar_token == NULL || config.calendar_token[0] == '\0')
		return false;
	if (!sha256(config.calendar_token, strlen(config.calendar_token),
	        expected, &expected_len) ||
	    !sha256(token, strlen(token), given, &given_len))
		return false;
	return CRYPTO_memcmp(expected, given, expected_len) == 0;
}

/*
 * Returns 1 when the query has exactly one token and it is CALENDAR_TOKEN
 * or the personal token of a person who may read the feed, 0 when it is
 * not, -1 when the database failed. Both kinds of token get the same
 * calendar, so the cache serves both.
 */
static int
token_check(const struct request *req)
{
	const char *token;

	if (params_count(&req->query_params, "token") != 1)
		return 0;
	token = params_get(&req->query_params, "token");
	if (team_token_valid(token))
		return 1;
	return calendar_token_accepted(token);
}

static bool
etag_compute(const char *body, size_t len, char etag[ETAG_SIZE])
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len, i;

	if (!sha256(body, len, digest, &digest_len))
		return false;
	etag[0] = '"';
	for (i = 0; i < 16; i++)
		snprintf(etag + 1 + 2 * i, 3, "%02x", digest[i]);
	etag[33] = '"';
	etag[34] = '\0';
	return true;
}

/*
 * Returns true when the If-None-Match header lists etag or is "*". The
 * comparison is weak (RFC 9110, 13.1.2): a W/ prefix is ignored. Entity
 * tags may contain commas, so the list is split on the quotes.
 */
static bool
etag_matches(const char *header, const char *etag)
{
	const char *p = header, *close;
	size_t etag_len = strlen(etag);

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			return false;
		if (*p == '*')
			return true;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (*p != '"') {
			/* Not an entity tag: skip to the next list item. */
			p += strcspn(p, ",");
			continue;
		}
		if ((close = strchr(p + 1, '"')) == NULL)
			return false;
		if ((size_t)(close + 1 - p) == etag_len &&
		    memcmp(p, etag, etag_len) == 0)
			return true;
		p = close + 1;
	}
}

/* Points the entries at the rows of result, which must outlive them. */
static void
leaves_from_rows(const PGresult *result, struct ics_leave *leaves)
{
	int i;

	for (i = 0; i < PQntuples(result); i++) {
		leaves[i].id = PQgetvalue(result, i, 0);
		leaves[i].first_name = PQgetvalue(result, i, 1);
		leaves[i].last_name = PQgetvalue(result, i, 2);
		leaves[i].start_date = PQgetvalue(result, i, 3);
		leaves[i].starts_all_day =
		    strcmp(PQgetvalue(result, i, 4), "t") == 0;
		leaves[i].end_date = PQgetvalue(result, i, 5);
		leaves[i].ends_all_day =
		    strcmp(PQgetvalue(result, i, 6), "t") == 0;
		leaves[i].moderated_at =
		    PQgetisnull(result, i, 7) ? NULL : PQgetvalue(result, i, 7);
	}
}

/*
 * The calendar is a pure function of the feed's rows and of today's date
 * (people whose leaving date has passed drop out). Building it with libical
 * costs far more than sending it, so a worker keeps the last calendar it
 * built, plain and gzip-compressed, under the data version that triggers
 * maintain (sql/0004_feed_version.sql) and the date it was built for.
 */
static struct {
	char key[64]; /* "<version> <date>", "" when empty */
	struct buf text;
	struct buf gzip;
	char etag[ETAG_SIZE];
	char gzip_etag[ETAG_SIZE + 3];
} feed_cache;

/* Compresses len bytes of data into out as a gzip stream. */
static bool
gzip_compress(const char *data, size_t len, struct buf *out)
{
	z_stream stream = {0};
	unsigned char chunk[16384];
	int status;

	/* 15 + 16: the largest window, with a gzip header and trailer. */
	if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
	        Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	stream.next_in = (unsigned char *)data;
	stream.avail_in = (uInt)len;
	do {
		stream.next_out = chunk;
		stream.avail_out = sizeof(chunk);
		status = deflate(&stream, Z_FINISH);
		buf_append(out, chunk, sizeof(chunk) - stream.avail_out);
	} while (status == Z_OK);
	deflateEnd(&stream);
	return status == Z_STREAM_END;
}

/* Builds the calendar of the rows into feed_cache under key. */
static bool
feed_cache_fill(
    const char *key, const PGresult *cooperative, const PGresult *rows)
{
	struct ics_leave *leaves;
	const char *name;
	char *text;
	size_t count;

	feed_cache.key[0] = '\0';
	name =
	    PQntuples(cooperative) > 0 ? PQgetvalue(cooperative, 0, 0) : NULL;
	count = (size_t)PQntuples(rows);
	if ((leaves = calloc(count > 0 ? count : 1, sizeof(*leaves))) == NULL)
		return false;
	leaves_from_rows(rows, leaves);
	text = ics_leaves_calendar(name, leaves, count);
	free(leaves);
	if (text == NULL) {
		log_error("leaves feed: building the calendar of %zu leaves "
		          "failed",
		    count);
		return false;
	}

	buf_reset(&feed_cache.text);
	buf_puts(&feed_cache.text, text);
	free(text);
	buf_reset(&feed_cache.gzip);
	if (!etag_compute(
	        feed_cache.text.data, feed_cache.text.len, feed_cache.etag) ||
	    !gzip_compress(
	        feed_cache.text.data, feed_cache.text.len, &feed_cache.gzip))
		return false;
	/* Each representation has its own entity tag (RFC 9110, 8.8.3). */
	snprintf(feed_cache.gzip_etag, sizeof(feed_cache.gzip_etag),
	    "%.*s-gz\"", ETAG_SIZE - 2, feed_cache.etag);
	snprintf(feed_cache.key, sizeof(feed_cache.key), "%s", key);
	return true;
}

/* Returns true when q, the text after "q=", is a zero quality value. */
static bool
quality_is_zero(const char *q)
{
	if (*q++ != '0')
		return false;
	if (*q == '.')
		q += 1 + strspn(q + 1, "0");
	return *q == '\0' || *q == ',' || *q == ' ' || *q == ';';
}

/* Returns true when the Accept-Encoding header (RFC 9110, 12.5.3) lists
 * gzip, x-gzip or "*" with a quality above zero. */
static bool
accepts_gzip(const struct request *req)
{
	const char *p, *q;
	size_t len;

	if ((p = http_param(req, "HTTP_ACCEPT_ENCODING")) == NULL)
		return false;
	while (*p != '\0') {
		p += strspn(p, " \t,");
		len = strcspn(p, " \t;,");
		if ((len == 4 && strncasecmp(p, "gzip", 4) == 0) ||
		    (len == 6 && strncasecmp(p, "x-gzip", 6) == 0) ||
		    (len == 1 && *p == '*')) {
			q = strstr(p, "q=");
			return q == NULL || q > p + strcspn(p, ",") ||
			    !quality_is_zero(q + 2);
		}
		p += strcspn(p, ",");
	}
	return false;
}

/* Reads the data version and today's date into key. */
static bool
feed_key_read(char *key, size_t size)
{
	PGresult *result;

	if ((result = db_exec(&sql_feed_version, NULL)) == NULL)
		return false;
	if (PQntuples(result) != 1) {
		PQclear(result);
		return false;
	}
	snprintf(key, size, "%s %s", PQgetvalue(result, 0, 0),
	    PQgetvalue(result, 0, 1));
	PQclear(result);
	return true;
}

void
feed_leaves_calendar(struct request *req, struct response *res)
{
	PGresult *cooperative = NULL, *rows = NULL;
	const char *if_none_match, *etag;
	const struct buf *body;
	char key[sizeof(feed_cache.key)];
	bool gzip;

	switch (token_check(req)) {
	case 1:
		break;
	case -1:
		page_error(req, res, db_unavailable() ? 503 : 500, NULL);
		return;
	default:
		page_error(req, res, 403,
		    "Ce lien d'abonnement au "
		    "calendrier des congés n'est pas valide.");
		return;
	}

	/* The key is read before the rows, so a change between the two
	 * reads leaves newer rows under an older key, which the next
	 * request replaces. */
	if (!feed_key_read(key, sizeof(key))) {
		page_error(req, res, db_unavailable() ? 503 : 500, NULL);
		return;
	}
	if (strcmp(key, feed_cache.key) != 0) {
		if ((cooperative = db_exec(&sql_feed_cooperative, NULL)) ==
		        NULL ||
		    (rows = db_exec(&sql_feed_leaves, NULL)) == NULL) {
			page_error(
			    req, res, db_unavailable() ? 503 : 500, NULL);
			goto done;
		}
		if (!feed_cache_fill(key, cooperative, rows)) {
			page_error(req, res, 500, NULL);
			goto done;
		}
	}

	gzip = accepts_gzip(req);
	etag = gzip ? feed_cache.gzip_etag : feed_cache.etag;
	body = gzip ? &feed_cache.gzip : &feed_cache.text;
	/* The URL contains a secret token and the body personal data, so
	 * shared caches must keep nothing. Clients revalidate every time,
	 * which costs a 304 when nothing changed. */
	http_add_header(res, "Cache-Control", "private, no-cache");
	http_add_header(res, "Vary", "Accept-Encoding");
	http_add_header(res, "ETag", etag);
	if_none_match = http_param(req, "HTTP_IF_NONE_MATCH");
	if (if_none_match != NULL && etag_matches(if_none_match, etag)) {
		res->status = 304;
		goto done;
	}
	/* The disposition is for browsers: "inline" lets one hand the feed
	 * to the system calendar, and the file name is used when it saves
	 * the feed instead. */
	res->content_type = "text/calendar; charset=utf-8";
	http_add_header(
	    res, "Content-Disposition", "inline; filename=\"leaves.ics\"");
	if (gzip)
		http_add_header(res, "Content-Encoding", "gzip");
	buf_append(&res->body, body->data, body->len);
done:
	PQclear(rows);
	PQclear(cooperative);
}
