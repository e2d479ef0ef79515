/*
 * Page arithmetic for paginated lists: parsing ?page=, clamping it to the
 * pages that exist, and the numbered links of the pagination bar.
 */
#ifndef PC_PAGINATION_H
#define PC_PAGINATION_H

#include <stddef.h>

#define PAGINATION_PAGE_SIZE 30

/* The bar shows the first and last pages and this many on each side of
 * the current one; the gaps between become an ellipsis. */
#define PAGINATION_NEIGHBOURS 2
/* Upper bound of pagination_links' output: first, last, current, the
 * neighbours on both sides and two ellipses. */
#define PAGINATION_MAX_LINKS (5 + 2 * PAGINATION_NEIGHBOURS)

struct pagination {
	long page;       /* 1-based; 1 when there are no items */
	long page_count; /* 0 when there are no items */
	long total;      /* number of items in the whole list */
	long offset;     /* SQL OFFSET of the current page */
};

/*
 * Parses the page query value. Returns 1 for NULL, "", anything that is
 * not made only of decimal digits, and for 0. Numbers too large for a long
 * return LONG_MAX, which pagination_init clamps to the last page.
 */
long pagination_parse_page(const char *value);

/* Fills p for a list of total items, moving a requested page past the
 * end to the last page. */
void pagination_init(struct pagination *p, long requested, long total);

/* A page number of the bar, or 0 for an ellipsis. */
typedef long pagination_link;

/*
 * Writes into links the entries of the bar, in order, and returns how many
 * (at most PAGINATION_MAX_LINKS, 0 when there are no pages).
 */
size_t pagination_links(
    const struct pagination *p, pagination_link links[PAGINATION_MAX_LINKS]);

struct view_dict;

/*
 * Fills dict for views/partials/pagination.tpl: sections PREVIOUS or
 * PREVIOUS_DISABLED, one LINK per entry of the bar holding CURRENT,
 * OTHER or ELLIPSIS, then NEXT or NEXT_DISABLED. Link targets are path
 * followed by "?page=N".
 */
void pagination_view(
    struct view_dict *dict, const struct pagination *p, const char *path);

#endif
