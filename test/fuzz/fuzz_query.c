/* libFuzzer target: params_parse_query on query strings and form bodies. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct params params;
	size_t i;

	if (params_parse_query(&params, (const char *)data, size) == -1) {
		if (params.count != 0 || params.items != NULL)
			abort();
		return 0;
	}
	if (params.count > PARAMS_MAX)
		abort();
	for (i = 0; i < params.count; i++) {
		if (params.items[i].name[0] == '\0')
			abort();
		if (params_get(&params, params.items[i].name) == NULL)
			abort();
		if (params_count(&params, params.items[i].name) == 0)
			abort();
		if (!utf8_valid(
		        params.items[i].value, strlen(params.items[i].value)))
			abort();
	}
	params_free(&params);
	return 0;
}
