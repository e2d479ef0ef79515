/* libFuzzer target: params_parse_cookies on arbitrary Cookie headers. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct params params;
	char *header;
	size_t i;

	/* A header is a C string, so the input is cut at its first NUL. */
	if ((header = malloc(size + 1)) == NULL)
		return 0;
	memcpy(header, data, size);
	header[size] = '\0';
	params_parse_cookies(&params, header);
	if (params.count > PARAMS_MAX)
		abort();
	for (i = 0; i < params.count; i++) {
		if (params.items[i].name[0] == '\0')
			abort();
		if (strchr(params.items[i].name, ';') != NULL ||
		    strchr(params.items[i].value, ';') != NULL)
			abort();
	}
	params_free(&params);
	free(header);
	return 0;
}
