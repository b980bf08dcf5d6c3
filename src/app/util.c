/* Small formatting helpers shared by the panes. */
#include "app_internal.h"

#include <stdio.h>
#include <string.h>

#include "genomlys/utf8.h"

void app_format_value(double v, char *buf, size_t size)
{
	snprintf(buf, size, "%.1f", v);  /* printf follows LC_NUMERIC: "6,5" in Swedish */
}

int app_text_width(const char *s)
{
	size_t len = strlen(s);
	if (!gl_utf8_valid(s, len, NULL))
		return (int)len;
	return (int)gl_utf8_width(s, len);
}
