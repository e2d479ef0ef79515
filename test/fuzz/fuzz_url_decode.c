/* libFuzzer target: url_decode gives UTF-8 that url_encode round-trips. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf encoded = {0};
	char *decoded, *again;
	size_t len;

	decoded = url_decode((const char *)data, size, size > 0 && data[0] & 1);
	if (decoded == NULL)
		return 0;
	len = strlen(decoded);
	if (len > size || !utf8_valid(decoded, len))
		abort();

	url_encode(&encoded, decoded);
	again = url_decode(encoded.data, encoded.len, false);
	if (again == NULL || strcmp(again, decoded) != 0)
		abort();
	free(again);
	free(decoded);
	buf_free(&encoded);
	return 0;
}
