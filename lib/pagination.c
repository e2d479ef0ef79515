/* Page arithmetic and the pagination bar of paginated lists. */
#include <limits.h>
#include <stdio.h>

#include "buf.h"
#include "pagination.h"
#include "view.h"

long
pagination_parse_page(const char *value)
{
	long page = 0;

	if (value == NULL || *value == '\0')
		return 1;
	for (; *value != '\0'; value++) {
		if (*value < '0' || *value > '9')
			return 1;
		if (page > (LONG_MAX - (*value - '0')) / 10)
			page = LONG_MAX;
		else
			page = page * 10 + (*value - '0');
	}
	return page < 1 ? 1 : page;
}

void
pagination_init(struct pagination *p, long requested, long total)
{
	if (total < 0)
		total = 0;
	p->total = total;
	p->page_count =
	    total / PAGINATION_PAGE_SIZE + (total % PAGINATION_PAGE_SIZE != 0);
	p->page = requested < 1 ? 1 : requested;
	if (p->page > p->page_count)
		p->page = p->page_count > 0 ? p->page_count : 1;
	p->offset = (p->page - 1) * PAGINATION_PAGE_SIZE;
}

/* Appends page to links, preceded by what fills the gap since the last
 * entry: the single page missing, or an ellipsis for more. */
static void
links_push(pagination_link *links, size_t *count, long page)
{
	long last;

	last = *count > 0 ? links[*count - 1] : 0;
	if (last > 0 && page - last == 2)
		links[(*count)++] = last + 1;
	else if (last > 0 && page - last > 2)
		links[(*count)++] = 0;
	links[(*count)++] = page;
}

size_t
pagination_links(
    const struct pagination *p, pagination_link links[PAGINATION_MAX_LINKS])
{
	size_t count = 0;
	long first, last, page;

	if (p->page_count < 1)
		return 0;
	first = p->page - PAGINATION_NEIGHBOURS;
	if (first < 2)
		first = 2;
	last = p->page + PAGINATION_NEIGHBOURS;
	if (last > p->page_count - 1)
		last = p->page_count - 1;

	links_push(links, &count, 1);
	for (page = first; page <= last; page++)
		links_push(links, &count, page);
	if (p->page_count > 1)
		links_push(links, &count, p->page_count);
	return count;
}

static void
set_page_url(
    struct view_dict *dict, const char *key, const char *path, long page)
{
	struct buf url = {0};

	buf_printf(&url, "%s?page=%ld", path, page);
	view_set(dict, key, buf_str(&url));
	buf_free(&url);
}

void
pagination_view(
    struct view_dict *dict, const struct pagination *p, const char *path)
{
	pagination_link links[PAGINATION_MAX_LINKS];
	struct view_dict *link;
	size_t count, i;

	if (p->page > 1) {
		view_show(dict, "PREVIOUS");
		set_page_url(dict, "PREVIOUS_URL", path, p->page - 1);
	} else
		view_show(dict, "PREVIOUS_DISABLED");

	count = pagination_links(p, links);
	for (i = 0; i < count; i++) {
		link = view_add_section(dict, "LINK");
		if (links[i] == 0) {
			view_show(link, "ELLIPSIS");
			continue;
		}
		view_show(link, links[i] == p->page ? "CURRENT" : "OTHER");
		view_set_int(link, "PAGE_NUMBER", links[i]);
		set_page_url(link, "PAGE_URL", path, links[i]);
	}

	if (p->page < p->page_count) {
		view_show(dict, "NEXT");
		set_page_url(dict, "NEXT_URL", path, p->page + 1);
	} else
		view_show(dict, "NEXT_DISABLED");
}
