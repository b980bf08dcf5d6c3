/* Strict parsing of integers and finite real numbers (no clamping, no trailing text). */
#include "genomlys/num.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

enum gl_status gl_num_parse_int64(const char *s, int64_t min, int64_t max, int64_t *out,
	struct gl_error *err)
{
	const char *p = s ? s : "";
	bool neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	if (!is_digit(*p))
		return gl_error_set(err, GL_EINVAL, _("'%s' is not a whole number"), s ? s : "");
	/* Accumulate as a negative number: INT64_MIN has no positive counterpart. */
	int64_t v = 0;
	bool range = false;
	for (; is_digit(*p); p++) {
		int d = *p - '0';
		if (v < (INT64_MIN + d) / 10)
			range = true;
		else
			v = v * 10 - d;
	}
	if (*p)
		return gl_error_set(err, GL_EINVAL, _("'%s' is not a whole number"), s);
	if (!neg && !range && v == INT64_MIN)
		range = true;
	if (range)
		return gl_error_set(err, GL_EINVAL, _("'%s': number out of range"), s);
	if (!neg)
		v = -v;
	if (v < min)
		return gl_error_set(err, GL_EINVAL, _("'%s' is less than %lld"), s, (long long)min);
	if (v > max)
		return gl_error_set(err, GL_EINVAL, _("'%s' is more than %lld"), s, (long long)max);
	*out = v;
	return GL_OK;
}

enum gl_status gl_num_parse_double(const char *s, double *out, struct gl_error *err)
{
	const char *p = s ? s : "";
	size_t n = strlen(p);
	/* The syntax is checked here, so that strtod never sees "nan", "inf" or hex floats. */
	size_t i = 0, digits = 0;
	if (p[i] == '-' || p[i] == '+')
		i++;
	for (; is_digit(p[i]); i++)
		digits++;
	size_t point = n;
	if (p[i] == '.' || p[i] == ',') {
		point = i++;
		for (; is_digit(p[i]); i++)
			digits++;
	}
	if (digits && (p[i] == 'e' || p[i] == 'E')) {
		size_t e = ++i;
		if (p[i] == '-' || p[i] == '+')
			i++;
		if (!is_digit(p[i]))
			i = e - 1;  /* "2e" is not a number: fail below */
		for (; is_digit(p[i]); i++)
			;
	}
	if (!digits || i != n || n >= 128)
		return gl_error_set(err, GL_EINVAL, _("'%s' is not a number"), p);
	/* strtod reads the locale's decimal point: put that one in. */
	char buf[128];
	memcpy(buf, p, n + 1);
	if (point < n)
		buf[point] = localeconv()->decimal_point[0];
	errno = 0;
	char *end;
	double v = strtod(buf, &end);
	if (*end)
		return gl_error_set(err, GL_EINVAL, _("'%s' is not a number"), p);
	if (errno == ERANGE || !isfinite(v))
		return gl_error_set(err, GL_EINVAL, _("'%s': number out of range"), p);
	*out = v;
	return GL_OK;
}

const char *gl_num_decimal_separator(void)
{
	/* TRANSLATORS: the decimal separator of the numbers the interface shows ("6,5" in
	 * Swedish). The interface's language decides, not LC_NUMERIC, which is often C. */
	return _(".");
}

void gl_num_format(double v, int decimals, char *buf, size_t size)
{
	if (!size)
		return;
	if (decimals == GL_NUM_G)
		snprintf(buf, size, "%g", v);
	else
		snprintf(buf, size, "%.*f", decimals < 0 ? 2 : decimals, v);
	/* printf used LC_NUMERIC's separator, whichever it is */
	char *dot = strpbrk(buf, ".,");
	if (dot && decimals == GL_NUM_SHORT && !strpbrk(buf, "eE")) {
		char *end = buf + strlen(buf);
		while (end > dot + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == dot + 1)
			*dot = '\0';
	}
	if (!strcmp(buf, "-0"))
		strcpy(buf, "0");
	const char *sep = gl_num_decimal_separator();
	if (dot && *dot && strlen(sep) == 1)
		*dot = sep[0];
}
