/* The codebook as CSV, in the same columns the codebook import reads. */
#include "genomlys/export.h"

#include <csv.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/outfile.h"

struct export_ctx {
	FILE *fp;
};

static void field(FILE *fp, const char *text, bool last)
{
	csv_fwrite(fp, text ? text : "", text ? strlen(text) : 0);
	fputc(last ? '\n' : ',', fp);
}

static int export_row(void *ctx, const struct gl_row *row)
{
	struct export_ctx *x = ctx;
	const char *name = NULL, *desc = NULL, *color = NULL, *path = NULL;
	char value[32] = "";
	bool exclusive = false;
	for (int i = 0; i < row->ncols; i++) {
		const struct gl_value *v = &row->values[i];
		const char *n = row->names[i];
		if (!strcmp(n, "name")) name = v->s;
		else if (!strcmp(n, "path")) path = v->s;
		else if (!strcmp(n, "description") && v->type == GL_VAL_TEXT) desc = v->s;
		else if (!strcmp(n, "color") && v->type == GL_VAL_TEXT) color = v->s;
		else if (!strcmp(n, "exclusive")) exclusive = v->i != 0;
		else if (!strcmp(n, "value") && v->type != GL_VAL_NULL)
			snprintf(value, sizeof value, "%g", v->type == GL_VAL_REAL ? v->r : (double)v->i);
	}
	/* path is "A > Parent > Name" for a child: the parent's own name is the segment before
	 * the last " > ". */
	char *parent = NULL;
	const char *last = NULL;
	for (const char *p = path ? strstr(path, " > ") : NULL; p; p = strstr(p + 3, " > "))
		last = p;
	if (last) {
		const char *from = path;
		for (const char *p = strstr(path, " > "); p && p < last; p = strstr(p + 3, " > "))
			from = p + 3;
		parent = strndup(from, (size_t)(last - from));
	}
	field(x->fp, name, false);
	field(x->fp, parent, false);
	field(x->fp, desc, false);
	field(x->fp, color, false);
	field(x->fp, exclusive ? "yes" : "", false);
	field(x->fp, value, true);
	free(parent);
	return ferror(x->fp) ? 1 : 0;
}

enum gl_status gl_export_codebook_csv(struct gl_store *s, FILE *fp, struct gl_error *err)
{
	fputs("code,parent,description,color,exclusive,value\n", fp);
	struct export_ctx x = { fp };
	/* The codes list comes in tree order: parents before their children. */
	enum gl_status st = gl_store_list(s, GL_LIST_CODES, NULL, 0, 0, export_row, &x, err);
	if (st == GL_ECANCELLED || (st == GL_OK && ferror(fp)))
		st = gl_error_set(err, GL_EIO, _("cannot write the codebook: %s"), strerror(errno));
	return st;
}

enum gl_status gl_export_codebook_csv_file(struct gl_store *s, const char *path,
	unsigned flags, struct gl_error *err)
{
	struct gl_outfile *f;
	enum gl_status st = gl_outfile_open(path, gl_store_path(s), flags, &f, err);
	if (st != GL_OK)
		return st;
	st = gl_export_codebook_csv(s, gl_outfile_stream(f), err);
	if (st != GL_OK) {
		gl_outfile_abort(f);
		return st;
	}
	return gl_outfile_commit(f, err);
}
