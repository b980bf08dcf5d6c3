/* The workbook's file name: the .xlsx ending it must have, and the name :export picks. */
#include "genomlys/export.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "genomlys/i18n.h"
#include "genomlys/str.h"

/* The part after the last '/': a folder's dots are not the file's extension. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

bool gl_export_xlsx_name_ok(const char *path)
{
	const char *base = base_name(path);
	size_t n = strlen(base);
	return n > 5 && !strcasecmp(base + n - 5, ".xlsx");
}

bool gl_export_name_has_extension(const char *path)
{
	const char *base = base_name(path);
	const char *dot = strrchr(base, '.');
	return dot && dot != base && dot[1];  /* ".hidden" and "name." have none */
}

enum gl_status gl_export_xlsx_name_check(const char *path, struct gl_error *err)
{
	if (gl_export_xlsx_name_ok(path))
		return GL_OK;
	return gl_error_set(err, GL_EINVAL, _("'%s' is not a workbook's name: give one that ends "
		"in .xlsx"), path);
}

char *gl_export_default_name(const char *project, int year, int month, int day)
{
	const char *name = project && *project ? project : "genomlys";
	struct gl_str out = GL_STR_INIT;
	/* the name as a file name: no folders, no leading dot, no control characters */
	for (const char *c = name; *c; c++)
		gl_str_putc(&out, *c == '/' || (c == name && *c == '.') ||
			(unsigned char)*c < 0x20 ? '-' : *c);
	/* "Kommunen 2026" gives "Kommunen 2026-12-03", not "Kommunen 2026-2026-12-03": the year
	 * that ends the name (as a number of its own) begins the date */
	char y[16];
	int ny = snprintf(y, sizeof y, "%04d", year);
	size_t len = out.len;
	bool ends_in_year = ny > 0 && len >= (size_t)ny &&
		!memcmp(gl_str_cstr(&out) + len - (size_t)ny, y, (size_t)ny) &&
		(len == (size_t)ny || out.buf[len - (size_t)ny - 1] < '0' ||
		out.buf[len - (size_t)ny - 1] > '9');
	if (ends_in_year)
		gl_str_printf(&out, "-%02d-%02d.xlsx", month, day);
	else
		gl_str_printf(&out, "-%04d-%02d-%02d.xlsx", year, month, day);
	return gl_str_steal(&out);
}
