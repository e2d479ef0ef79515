/* The home page (/app) and the site root. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "calendar_token.h"
#include "db.h"
#include "handlers.h"
#include "session.h"

/* Pending requests of every person, as moderators see them. */
static struct db_statement sql_pending_count = {
    .name = "home_pending_count",
    .sql = "SELECT count(*) FROM leave_request WHERE status = 'pending'",
    .param_count = 0,
};

/* Appends n with its thousands grouped by a narrow no-break space, as
 * French does ("1 234"). */
static void
count_append(struct buf *out, long n)
{
	char digits[24];
	size_t len, i;

	len = (size_t)snprintf(digits, sizeof(digits), "%ld", n);
	for (i = 0; i < len; i++) {
		if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0)
			buf_puts(out, "\xe2\x80\xaf"); /* U+202F */
		buf_putc(out, digits[i]);
	}
}

/* Cooperators and employees moderate leave requests, accountants do not. */
static bool
moderates_leaves(const struct user *user)
{
	return user->role != ROLE_ACCOUNTANT;
}

/* Accountants have no access to leaves, so neither to their feed. */
static bool
reads_leaves(const struct user *user)
{
	return user->role != ROLE_ACCOUNTANT;
}

/*
 * Appends the person's feed URL, creating their token on first display.
 * The URL is absolute when the Host header is a plain host name, so that
 * it can be pasted into a calendar application as is. Returns -1 when the
 * database failed.
 */
static int
calendar_url_append(struct request *req, struct buf *url)
{
	char token[CALENDAR_TOKEN_SIZE];

	if (calendar_token_get(req->user->id, token) == -1)
		return -1;
	calendar_feed_url_append(
	    url, req->https, http_param(req, "HTTP_HOST"), token);
	return 0;
}

void
home_index(struct request *req, struct response *res)
{
	struct view_dict *layout, *content, *card;
	PGresult *result;
	struct buf title = {0}, text = {0}, url = {0};
	bool calendar, moderator;
	char *name;
	long pending = 0;

	moderator = moderates_leaves(req->user);
	if (moderator) {
		if ((result = db_exec(&sql_pending_count, NULL)) == NULL) {
			page_error(
			    req, res, db_unavailable() ? 503 : 500, NULL);
			return;
		}
		pending = strtol(PQgetvalue(result, 0, 0), NULL, 10);
		PQclear(result);
	}

	calendar = reads_leaves(req->user);
	if (calendar && calendar_url_append(req, &url) == -1) {
		page_error(req, res, db_unavailable() ? 503 : 500, NULL);
		return;
	}

	if (pending == 0)
		buf_puts(&text, "Aucune demande de congés");
	else {
		count_append(&text, pending);
		buf_puts(&text, pending > 1 ? " demandes" : " demande");
		buf_puts(&text, " de congés");
	}
	buf_puts(&text, " en attente de validation");

	name = user_full_name(req->user);
	buf_printf(&title, "Bonjour, %s\u202f!", name);
	free(name);

	layout =
	    page_begin(req, res, buf_str(&title), "home/index.tpl", &content);
	if (moderator) {
		view_show(content, "PENDING_LEAVES_CARD");
		view_set(content, "PENDING_LEAVES", buf_str(&text));
	}
	if (pending > 0)
		view_show(content, "HAS_PENDING_LEAVES");
	if (calendar) {
		card = view_add_section(content, "CALENDAR");
		view_set(card, "CALENDAR_URL", buf_str(&url));
	}
	page_end(req, res, layout);
	buf_free(&title);
	buf_free(&text);
	buf_free(&url);
}

/* POST /app/calendar-token/renew: replaces the person's feed token, which
 * cuts off the previous URL, for instance after it leaked. */
void
home_calendar_token_renew(struct request *req, struct response *res)
{
	if (!reads_leaves(req->user)) {
		page_error(req, res, 403, NULL);
		return;
	}
	if (calendar_token_renew(req->user->id) == -1) {
		page_error(req, res, db_unavailable() ? 503 : 500, NULL);
		return;
	}
	session_flash_set(req,
	    "Le lien du calendrier a été renouvelé. "
	    "L'ancien lien ne fonctionne plus.");
	http_redirect(res, 303, "/app");
}

/* Sends visitors to the home page, and anonymous ones to the login page
 * without a next parameter, because the root is no page to come back to. */
void
home_root(struct request *req, struct response *res)
{
	http_redirect(res, 303, req->user != NULL ? "/app" : "/login");
}
