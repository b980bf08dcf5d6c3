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
};

struct ini_scan {
	struct ini_entry *v;
	size_t n, cap;
};

/* Records where each section and key is; lines that are not ini become diagnostics. */
enum gl_status ini_scan_file(const char *path, struct ini_scan *sc, struct gl_diags *d);
void ini_scan_finish(struct ini_scan *sc);
/* The line of key in section (key NULL: the section header); 0 when not found. */
long ini_scan_line(const struct ini_scan *sc, const char *section, const char *key);
/* iniparser_load without iniparser's messages on stderr. */
dictionary *ini_load_quiet(const char *path);
bool ini_parse_bool(const char *v, bool *out);

#endif
