/*
 * One line per event on stderr. A line is at most PIPE_BUF bytes and sent
 * in one write(2), so lines of workers sharing a pipe do not interleave.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define LOG_LINE_MAX PIPE_BUF

static enum log_level min_level = LOG_LEVEL_INFO;
static char request_id[64];

static const char *const level_words[] = {
    [LOG_LEVEL_ERROR] = "ERROR",
    [LOG_LEVEL_WARN] = "WARN",
    [LOG_LEVEL_INFO] = "INFO",
    [LOG_LEVEL_DEBUG] = "DEBUG",
};

void
log_set_request_id(const char *id)
{
	if (id == NULL) {
		request_id[0] = '\0';
		return;
	}
	snprintf(request_id, sizeof(request_id), "%s", id);
}

void
log_set_level(enum log_level level)
{
	min_level = level;
}

/* Replaces control characters so that one event stays on one line. */
static void
flatten(char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			s[i] = ' ';
	}
}

static void
write_all(const char *data, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(STDERR_FILENO, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		data += n;
		len -= (size_t)n;
	}
}

static size_t
format_prefix(char *line, size_t size, enum log_level level)
{
	struct timespec now;
	struct tm tm;
	char stamp[32];
	int n;

	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	if (request_id[0] != '\0')
		n = snprintf(line, size, "%s.%03ldZ %s %ld req=%s ", stamp,
		    now.tv_nsec / 1000000, level_words[level], (long)getpid(),
		    request_id);
	else
		n = snprintf(line, size, "%s.%03ldZ %s %ld ", stamp,
		    now.tv_nsec / 1000000, level_words[level], (long)getpid());
	if (n < 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	char line[LOG_LINE_MAX];
	size_t prefix, len;
	va_list ap;
	int n, saved_errno;

	if ((unsigned)level >= sizeof(level_words) / sizeof(level_words[0]))
		level = LOG_LEVEL_ERROR;
	if (level > min_level)
		return;
	saved_errno = errno;
	prefix = format_prefix(line, sizeof(line), level);

	va_start(ap, fmt);
	n = vsnprintf(line + prefix, sizeof(line) - prefix, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	len = prefix + (size_t)n;
	/* A longer message is cut, keeping room for the newline. */
	if (len > sizeof(line) - 2)
		len = sizeof(line) - 2;
	flatten(line, len);
	line[len++] = '\n';
	write_all(line, len);
	errno = saved_errno;
}
