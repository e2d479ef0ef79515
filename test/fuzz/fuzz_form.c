/* libFuzzer target: the date, UUID and money parsers of form fields. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	int year, month, day;
	int64_t cents;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (form_parse_date(s, &year, &month, &day) &&
	    (month < 1 || month > 12 || day < 1 || day > 31))
		abort();
	if (form_is_uuid(s) && strlen(s) != 36)
		abort();
	form_parse_money(s, &cents);
	free(s);
	return 0;
}
