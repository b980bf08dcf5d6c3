/* Private to src/config: the line scan that gives iniparser's entries a line number. */
#ifndef GENOMLYS_CONFIG_INTERNAL_H
#define GENOMLYS_CONFIG_INTERNAL_H

#include <stdbool.h>

#include <iniparser/iniparser.h>

#include "genomlys/config.h"

struct ini_entry {
	char *section;  /* lower case, "" before the first section */
	char *key;      /* lower case; NULL for the section header itself */
	long line;
	bool open_quote;  /* the value starts with a quote that is never closed */
};

struct ini_scan {
	struct ini_entry *v;
	size_t n, cap;
};

/* Records where each section and key is; lines that are not ini become diagnostics, which
 * quote the line only when quote is set (a settings file is the user's own; a theme file may
 * be any file named by a path). GL_EIO with errno set when path cannot be read or is not a
 * regular file (EISDIR for a folder). */
enum gl_status ini_scan_file(const char *path, struct ini_scan *sc, struct gl_diags *d,
	bool quote);
void ini_scan_finish(struct ini_scan *sc);
/* The line of key in section (key NULL: the section header); 0 when not found. */
long ini_scan_line(const struct ini_scan *sc, const char *section, const char *key);
/* True when the value of key in section opens a quote it never closes (iniparser would drop
 * the quote and take the rest as the value). */
bool ini_scan_open_quote(const struct ini_scan *sc, const char *section, const char *key);
/* iniparser_load without iniparser's messages on stderr. */
dictionary *ini_load_quiet(const char *path);
bool ini_parse_bool(const char *v, bool *out);

#endif
