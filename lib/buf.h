/* Growable byte buffer used to build responses, headers and SQL values. */
#ifndef PC_BUF_H
#define PC_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* always NUL-terminated once anything was appended */
	size_t len;
	size_t cap;
};

/* Appends len bytes of data. Aborts the process on allocation failure. */
void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Empties the buffer but keeps its memory for reuse. */
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Returns the contents as a C string: "" for a buffer never written to. */
const char *buf_str(const struct buf *b);

#endif
