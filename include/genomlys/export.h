/* Exports: the codebook as CSV (the import format). The xlsx workbook comes later. */
#ifndef GENOMLYS_EXPORT_H
#define GENOMLYS_EXPORT_H

#include <stdio.h>

#include "genomlys/status.h"
#include "genomlys/store.h"

/* Writes the codebook as CSV with the columns code, parent, description, color, exclusive,
 * value: parents before their children, so that `genomlys import codebook` reads it back. */
enum gl_status gl_export_codebook_csv(struct gl_store *s, FILE *fp, struct gl_error *err);

/* The same into a file through <genomlys/outfile.h>: never onto the project, an existing file
 * replaced only with GL_OUTFILE_FORCE in flags (else GL_EEXIST), written whole or not at all,
 * readable by the owner only. */
enum gl_status gl_export_codebook_csv_file(struct gl_store *s, const char *path,
	unsigned flags, struct gl_error *err);

#endif
