/* Importing a codebook: codes in a hierarchy by parent, with colours, exclusive categories and
 * values. */
#include "import_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"

enum { COL_CODE, COL_PARENT, COL_DESCRIPTION, COL_COLOR, COL_EXCLUSIVE, COL_VALUE, NCOLS };

static const struct csv_column code_columns[NCOLS] = {
	[COL_CODE] = { { "code", "kod", "name", "namn", NULL }, true },
	[COL_PARENT] = { { "parent", "förälder", "category", "kategori", NULL }, false },
	[COL_DESCRIPTION] = { { "description", "beskrivning", NULL }, false },
	[COL_COLOR] = { { "color", "colour", "färg", NULL }, false },
	[COL_EXCLUSIVE] = { { "exclusive", "exklusiv", NULL }, false },
	[COL_VALUE] = { { "value", "värde", NULL }, false },
};

/* A code this file has written, to catch the same code listed twice. */
struct seen_code {
	int64_t id;
	long line;
};

struct codebook_csv {
	const struct gl_import_sink *k;
	struct gl_import_summary *sum;
	const char *name;
	int idx[NCOLS];
	struct csv_table table;
	struct seen_code *seen;
	size_t nseen, capseen;
	struct gl_str f[NCOLS], scratch, key;
};

static bool parse_yes_no(const char *s, bool *out)
{
	static const char *const yes[] = { "yes", "y", "ja", "j", "true", "sant", "1", "x" };
	static const char *const no[] = { "no", "n", "nej", "false", "falskt", "0", "" };
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!strcmp(s, yes[i]))
			return *out = true, true;
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (!strcmp(s, no[i]))
			return *out = false, true;
	return false;
}

static enum gl_status remember(struct codebook_csv *c, int64_t id, long line,
	struct gl_error *err)
{
	if (c->nseen == c->capseen) {
		size_t cap = c->capseen ? c->capseen * 2 : 32;
		struct seen_code *p = realloc(c->seen, cap * sizeof *p);
		if (!p)
			return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		c->seen = p;
		c->capseen = cap;
	}
	c->seen[c->nseen++] = (struct seen_code){ id, line };
	return GL_OK;
}

static long seen_line(const struct codebook_csv *c, int64_t id)
{
	for (size_t i = 0; i < c->nseen; i++)
		if (c->seen[i].id == id)
			return c->seen[i].line;
	return 0;
}

static enum gl_status codebook_row(void *ctx, const struct csv_row *row, struct gl_error *err)
{
	struct codebook_csv *c = ctx;
	bool is_header;
	enum gl_status st = csv_table_row(&c->table, row, c->f, &c->scratch, &is_header, err);
	if (st != GL_OK || is_header)
		return st;
	if (c->f[COL_CODE].len == 0)
		return gl_error_set_at(err, GL_EFORMAT, c->name, row->line, _("no code name"));
	struct gl_code code = { 0 };
	code.name = c->f[COL_CODE].buf;
	code.description = c->f[COL_DESCRIPTION].len ? c->f[COL_DESCRIPTION].buf : NULL;
	code.color = c->f[COL_COLOR].len ? c->f[COL_COLOR].buf : NULL;
	if (gl_utf8_fold(gl_str_cstr(&c->f[COL_EXCLUSIVE]), c->f[COL_EXCLUSIVE].len, &c->key)
		!= GL_OK)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	if (!parse_yes_no(gl_str_cstr(&c->key), &code.exclusive))
		return gl_error_set_at(err, GL_EFORMAT, c->name, row->line,
			_("exclusive is '%s'; write yes or no"), c->f[COL_EXCLUSIVE].buf);
	if (c->f[COL_VALUE].len) {
		if (!text_parse_decimal(c->f[COL_VALUE].buf, &code.value))
			return gl_error_set_at(err, GL_EFORMAT, c->name, row->line,
				_("'%s' is not a number (write 2 or 2,5)"), c->f[COL_VALUE].buf);
		code.has_value = true;
	}
	if (c->f[COL_PARENT].len) {
		st = c->k->ops->code_find(c->k->ctx, c->f[COL_PARENT].buf, &code.parent_id, err);
		if (st == GL_ENOTFOUND)
			return gl_error_set_at(err, st, c->name, row->line,
				_("unknown parent '%s' (a parent must be a code on an earlier line or in the "
				"project)"), c->f[COL_PARENT].buf);
		if (st != GL_OK)
			return import_error_at(err, st, c->name, row->line);
	}
	int64_t id;
	enum gl_import_outcome out;
	if ((st = c->k->ops->code(c->k->ctx, &code, &id, &out, err)) != GL_OK)
		return import_error_at(err, st, c->name, row->line);
	long first = seen_line(c, id);
	if (first)
		return gl_error_set_at(err, GL_EFORMAT, c->name, row->line,
			_("the code '%s' is listed twice (first on line %ld)"), code.name, first);
	if ((st = remember(c, id, row->line, err)) != GL_OK)
		return st;
	if (code.parent_id)
		c->sum->codes++;
	else
		c->sum->categories++;
	if (out == GL_IMPORT_UPDATED)
		c->sum->codes_updated++;
	else if (out == GL_IMPORT_UNCHANGED)
		c->sum->codes_unchanged++;
	return GL_OK;
}

enum gl_status import_codebook_stream(const struct gl_import_sink *k, FILE *fp,
	const char *name, struct gl_import_summary *sum, struct gl_error *err)
{
	struct codebook_csv c = { .k = k, .sum = sum, .name = name };
	c.table = (struct csv_table){ name, code_columns, NCOLS, c.idx, 0, 0, 0 };
	struct csv_info info;
	enum gl_status st = csv_read(fp, name, codebook_row, &c, &info, err);
	if (st == GL_OK && c.table.rows == 0)
		st = gl_error_set_at(err, GL_EFORMAT, name, c.table.header_line,
			_("a header line but no codes below it"));
	free(c.seen);
	for (int i = 0; i < NCOLS; i++)
		gl_str_finish(&c.f[i]);
	gl_str_finish(&c.scratch);
	gl_str_finish(&c.key);
	return st;
}

enum gl_status gl_import_codebook_sink(const struct gl_import_sink *k, const char *path,
	struct gl_import_summary *sum, struct gl_error *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return gl_error_set_at(err, errno == ENOENT ? GL_ENOTFOUND : GL_EIO, path, 0,
			_("cannot open the file: %s"), strerror(errno));
	enum gl_status st = import_codebook_stream(k, fp, path, sum, err);
	fclose(fp);
	return st;
}
