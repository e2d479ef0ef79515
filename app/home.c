/* The home page (/app) and the site root. */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "db.h"
#include "handlers.h"

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

void
home_index(struct request *req, struct response *res)
{
	struct view_dict *layout, *content;
	PGresult *result;
	struct buf title = {0}, text = {0};
	char *name;
	long pending;

	if ((result = db_exec(&sql_pending_count, NULL)) == NULL) {
		page_error(req, res, db_unavailable() ? 503 : 500, NULL);
		return;
	}
	pending = strtol(PQgetvalue(result, 0, 0), NULL, 10);
	PQclear(result);

	if (pending == 0)
		buf_puts(&text, "Aucune demande de congés");
	else {
		count_append(&text, pending);
		buf_puts(&text, pending > 1 ? " demandes" : " demande");
		buf_puts(&text, " de congés");
	}
	buf_puts(&text, " en attente de validation");

	name = user_full_name(req->user);
	buf_printf(&title, "Bonjour, %s !", name);
	free(name);

	layout =
	    page_begin(req, res, buf_str(&title), "home/index.tpl", &content);
	view_set(content, "PENDING_LEAVES", buf_str(&text));
	if (pending > 0)
		view_show(content, "HAS_PENDING_LEAVES");
	page_end(req, res, layout);
	buf_free(&title);
	buf_free(&text);
}

/* Sends visitors to the home page, and anonymous ones to the login page
 * without a next parameter, because the root is no page to come back to. */
void
home_root(struct request *req, struct response *res)
{
	http_redirect(res, 303, req->user != NULL ? "/app" : "/login");
}
