/* GET /api/leaves/calendar.ics: the leaves feed that calendars subscribe to. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "app.h"
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
 * Returns true when the query has exactly one token equal to
 * CALENDAR_TOKEN. The SHA-256 digests are compared in constant time
 * instead of the strings, so the time taken reveals neither the token's
 * length nor how many of its bytes match.
 */
static bool
token_valid(const struct request *req)
{
	unsigned char expected[EVP_MAX_MD_SIZE], given[EVP_MAX_MD_SIZE];
	unsigned int expected_len, given_len;
	const char *token;

	if (config.calendar_token == NULL || config.calendar_token[0] == '\0')
		return false;
	if (params_count(&req->query_params, "token") != 1)
		return false;
	token = params_get(&req->query_params, "token");
	if (!sha256(config.calendar_token, strlen(config.calendar_token),
	        expected, &expected_len) ||
	    !sha256(token, strlen(token), given, &given_len))
		return false;
	return CRYPTO_memcmp(expected, given, expected_len) == 0;
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

void
feed_leaves_calendar(struct request *req, struct response *res)
{
	PGresult *cooperative = NULL, *rows = NULL;
	struct ics_leave *leaves = NULL;
	const char *name, *if_none_match;
	char *text = NULL, etag[ETAG_SIZE];
	size_t count, len;

	if (!token_valid(req)) {
		page_error(req, res, 403,
		    "Ce lien d'abonnement au "
		    "calendrier des congés n'est pas valide.");
		return;
	}

	if ((cooperative = db_exec(&sql_feed_cooperative, NULL)) == NULL ||
	    (rows = db_exec(&sql_feed_leaves, NULL)) == NULL) {
		page_error(req, res, db_unavailable() ? 503 : 500, NULL);
		goto done;
	}
	name =
	    PQntuples(cooperative) > 0 ? PQgetvalue(cooperative, 0, 0) : NULL;
	count = (size_t)PQntuples(rows);
	if ((leaves = calloc(count > 0 ? count : 1, sizeof(*leaves))) == NULL)
		goto fail;
	leaves_from_rows(rows, leaves);
	if ((text = ics_leaves_calendar(name, leaves, count)) == NULL)
		goto fail;
	len = strlen(text);
	if (!etag_compute(text, len, etag))
		goto fail;

	/* The URL contains a secret token and the body personal data, so
	 * shared caches must keep nothing. Clients revalidate every time,
	 * which costs a 304 when nothing changed. */
	http_add_header(res, "Cache-Control", "private, no-cache");
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
	buf_append(&res->body, text, len);
	goto done;

fail:
	log_error(
	    "leaves feed: building the calendar of %zu leaves failed", count);
	page_error(req, res, 500, NULL);
done:
	free(text);
	free(leaves);
	PQclear(rows);
	PQclear(cooperative);
}
