/* Row output: aligned tables for people, TSV for scripts, JSON written with cJSON. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/clean.h"
#include "genomlys/str.h"
#include "genomlys/utf8.h"

#define TABLE_MAX_WIDTH 40  /* display columns; longer cells end in an ellipsis */

struct cli_out {
	FILE *fp;
	enum cli_format fmt;
	long rows;
	/* table: cells kept until the end, to compute column widths */
	int ncols;
	char **names;
	bool *right;   /* numbers are right-aligned */
	size_t *width;
	char **cells;  /* rows * ncols */
	size_t ncells, capcells;
	struct gl_str line;  /* json: the row being written, kept for the next */
};

bool cli_format_parse(const char *s, enum cli_format *out, bool allow_text)
{
	if (!strcmp(s, "table")) *out = CLI_TABLE;
	else if (!strcmp(s, "tsv")) *out = CLI_TSV;
	else if (!strcmp(s, "json")) *out = CLI_JSON;
	else if (allow_text && !strcmp(s, "text")) *out = CLI_TEXT;
	else return false;
	return true;
}

struct cli_out *cli_out_create(FILE *fp, enum cli_format fmt)
{
	struct cli_out *o = calloc(1, sizeof *o);
	if (!o)
		return NULL;
	o->fp = fp;
	o->fmt = fmt;
	return o;
}

static bool table_hidden(const char *name)
{
	return !strcmp(name, "uuid") || !strcmp(name, "entity_uuid") || !strcmp(name, "source") ||
		!strcmp(name, "created_at") || !strcmp(name, "group_key");
}

static void value_text(const struct gl_value *v, struct gl_str *out)
{
	gl_str_clear(out);
	switch (v->type) {
	case GL_VAL_NULL: break;
	case GL_VAL_INT: gl_str_printf(out, "%lld", (long long)v->i); break;
	case GL_VAL_REAL: gl_str_printf(out, "%.15g", v->r); break;
	case GL_VAL_TEXT: gl_str_append(out, v->s, v->len); break;
	}
}

/* A table cell: one line, at most TABLE_MAX_WIDTH columns, control characters escaped (a
 * table is for people at a terminal: \x1B, \u202E show what a stored name holds). */
static char *table_cell(const struct gl_value *v)
{
	struct gl_str raw = GL_STR_INIT, t = GL_STR_INIT, cell = GL_STR_INIT;
	value_text(v, &raw);
	gl_clean_escape(gl_str_cstr(&raw), raw.len, GL_ESCAPE_KEEP_BREAKS, &t);
	gl_str_finish(&raw);
	size_t w = 0, i = 0;
	const char *p = gl_str_cstr(&t);
	while (i < t.len) {
		int32_t cp;
		size_t n = gl_utf8_decode(p + i, t.len - i, &cp);
		size_t cw = gl_utf8_width(p + i, n);
		if (w + cw > TABLE_MAX_WIDTH - 1 && i + n < t.len) {
			gl_str_puts(&cell, "…");
			break;
		}
		if (cp == '\n' || cp == '\t' || cp == '\r')
			gl_str_putc(&cell, ' ');
		else
			gl_str_append(&cell, p + i, n);
		w += cw;
		i += n;
	}
	gl_str_finish(&t);
	return gl_str_steal(&cell);
}

/* A TSV value: \t \n \r \\ as before, and every other control character escaped too. */
static void tsv_write(FILE *fp, const struct gl_value *v)
{
	struct gl_str t = GL_STR_INIT;
	value_text(v, &t);
	cli_print_escaped(fp, gl_str_cstr(&t), t.len, GL_ESCAPE_BACKSLASH);
	gl_str_finish(&t);
}

/* cJSON escapes C0 controls; DEL, C1 and the bidi controls are escaped here (\u202E), so
 * that JSON shown on a terminal is as harmless as the other formats. */
void cli_json_write(FILE *fp, const char *json)
{
	cli_print_escaped(fp, json, strlen(json), GL_ESCAPE_KEEP_BREAKS | GL_ESCAPE_UNICODE);
}

static cJSON *json_value(const struct gl_value *v)
{
	switch (v->type) {
	case GL_VAL_NULL: return cJSON_CreateNull();
	case GL_VAL_INT:
		if (v->i > -1000000000000000LL && v->i < 1000000000000000LL) {
			/* cJSON prints a number with %1.15g and reads it back to check: written here, the
			 * same digits (an integer below 10^15 prints whole either way) at a fraction of the
			 * cost of a list of a million codings (issue 17). */
			char digits[24];
			snprintf(digits, sizeof digits, "%lld", (long long)v->i);
			return cJSON_CreateRaw(digits);
		}
		return cJSON_CreateNumber((double)v->i);
	case GL_VAL_REAL: return cJSON_CreateNumber(v->r);
	case GL_VAL_TEXT: {
		char *s = strndup(v->s, v->len);
		cJSON *j = s ? cJSON_CreateString(s) : NULL;
		free(s);
		return j;
	}
	}
	return cJSON_CreateNull();
}

/* A JSON string, byte for byte as cJSON prints it and cli_json_write then escapes it: '"',
 * '\\', \b \f \n \r \t and \u00xx for the other C0 controls (cJSON's escapes), then DEL, C1 and
 * the bidi controls as \uXXXX and a byte that is not UTF-8 as \uFFFD (cli_json_write's); text
 * after a NUL is dropped, as cJSON's C string drops it. One pass into the row's buffer: a
 * million codings' JSON no longer builds, prints and re-reads an object per row (issue 17). */
static enum gl_status json_string(struct gl_str *out, const char *s, size_t n)
{
	const char *nul = memchr(s, '\0', n);
	if (nul)
		n = (size_t)(nul - s);
	enum gl_status st = gl_str_putc(out, '"');
	size_t run = 0;
	for (size_t i = 0; i < n && st == GL_OK;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			i++;
			continue;
		}
		size_t len = 1;
		char esc[16] = "";
		if (c < 0x80) {
			switch (c) {
			case '"': strcpy(esc, "\\\""); break;
			case '\\': strcpy(esc, "\\\\"); break;
			case '\b': strcpy(esc, "\\b"); break;
			case '\f': strcpy(esc, "\\f"); break;
			case '\n': strcpy(esc, "\\n"); break;
			case '\r': strcpy(esc, "\\r"); break;
			case '\t': strcpy(esc, "\\t"); break;
			case 0x7F: strcpy(esc, "\\u007F"); break;
			default: snprintf(esc, sizeof esc, "\\u%04x", c); break;
			}
		} else {
			len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			int32_t cp = -1;
			if (len <= n - i && gl_utf8_valid(s + i, len, NULL))
				gl_utf8_decode(s + i, len, &cp);
			else
				len = 1;
			if (cp < 0)
				strcpy(esc, "\\uFFFD");
			else if (gl_clean_is_control(cp, GL_CLEAN_BIDI | GL_CLEAN_BREAKS))
				snprintf(esc, sizeof esc, "\\u%04X", (unsigned)cp);
			else {
				i += len;  /* printable: kept as it is */
				continue;
			}
		}
		st = gl_str_append(out, s + run, i - run);
		if (st == GL_OK)
			st = gl_str_puts(out, esc);
		i += len;
		run = i;
	}
	if (st == GL_OK)
		st = gl_str_append(out, s + run, n - run);
	return st == GL_OK ? gl_str_putc(out, '"') : st;
}

/* A value as cJSON_PrintUnformatted prints it (json_value: integers below 10^15 whole, the
 * rest through cJSON itself). */
static enum gl_status json_put_value(struct gl_str *out, const struct gl_value *v)
{
	if (v->type == GL_VAL_NULL)
		return gl_str_puts(out, "null");
	if (v->type == GL_VAL_INT && v->i > -1000000000000000LL && v->i < 1000000000000000LL)
		return gl_str_printf(out, "%lld", (long long)v->i);
	if (v->type == GL_VAL_TEXT)
		return json_string(out, v->s, v->len);
	cJSON *j = json_value(v);
	char *p = j ? cJSON_PrintUnformatted(j) : NULL;
	cJSON_Delete(j);
	if (!p)
		return GL_ENOMEM;
	struct gl_str e = GL_STR_INIT;  /* as cli_json_write would have it */
	enum gl_status st = gl_clean_escape(p, strlen(p), GL_ESCAPE_KEEP_BREAKS | GL_ESCAPE_UNICODE,
		&e);
	if (st == GL_OK)
		st = gl_str_append(out, gl_str_cstr(&e), e.len);
	gl_str_finish(&e);
	free(p);
	return st;
}

int cli_out_row(void *ctx, const struct gl_row *row)
{
	struct cli_out *o = ctx;
	if (o->fmt == CLI_JSON) {
		struct gl_str *l = &o->line;
		gl_str_clear(l);
		enum gl_status st = gl_str_puts(l, o->rows ? ",\n{" : "[\n{");
		for (int i = 0; i < row->ncols && st == GL_OK; i++) {
			if (i)
				st = gl_str_putc(l, ',');
			if (st == GL_OK)
				st = json_string(l, row->names[i], strlen(row->names[i]));
			if (st == GL_OK)
				st = gl_str_putc(l, ':');
			if (st == GL_OK)
				st = json_put_value(l, &row->values[i]);
		}
		if (st == GL_OK)
			st = gl_str_putc(l, '}');
		if (st != GL_OK)
			return 1;
		fwrite(gl_str_cstr(l), 1, l->len, o->fp);
	} else if (o->fmt == CLI_TSV) {
		if (o->rows == 0) {
			for (int i = 0; i < row->ncols; i++)
				fprintf(o->fp, "%s%s", i ? "\t" : "", row->names[i]);
			fputc('\n', o->fp);
		}
		for (int i = 0; i < row->ncols; i++) {
			if (i)
				fputc('\t', o->fp);
			tsv_write(o->fp, &row->values[i]);
		}
		fputc('\n', o->fp);
	} else {
		if (o->rows == 0) {
			o->ncols = row->ncols;
			o->names = calloc((size_t)row->ncols, sizeof *o->names);
			o->right = calloc((size_t)row->ncols, sizeof *o->right);
			o->width = calloc((size_t)row->ncols, sizeof *o->width);
			if (!o->names || !o->right || !o->width)
				return 1;
			for (int i = 0; i < row->ncols; i++) {
				o->names[i] = strdup(row->names[i]);
				o->width[i] = strlen(row->names[i]);
				o->right[i] = true;
			}
		}
		if (o->ncells + (size_t)o->ncols > o->capcells) {
			size_t cap = o->capcells ? o->capcells * 2 : 256;
			while (cap < o->ncells + (size_t)o->ncols)
				cap *= 2;
			char **p = realloc(o->cells, cap * sizeof *p);
			if (!p)
				return 1;
			o->cells = p;
			o->capcells = cap;
		}
		for (int i = 0; i < o->ncols; i++) {
			char *cell = table_cell(&row->values[i]);
			size_t w = gl_utf8_width(cell, strlen(cell));
			if (w > o->width[i])
				o->width[i] = w;
			if (row->values[i].type == GL_VAL_TEXT)
				o->right[i] = false;
			o->cells[o->ncells++] = cell;
		}
	}
	o->rows++;
	return ferror(o->fp) ? 1 : 0;
}

static void pad(FILE *fp, size_t n)
{
	while (n--)
		fputc(' ', fp);
}

static void table_line(struct cli_out *o, char *const *cells)
{
	bool first = true;
	for (int i = 0; i < o->ncols; i++) {
		if (table_hidden(o->names[i]))
			continue;
		const char *c = cells[i];
		size_t w = gl_utf8_width(c, strlen(c));
		bool last = true;
		for (int k = i + 1; k < o->ncols; k++)
			if (!table_hidden(o->names[k]))
				last = false;
		if (!first)
			fputs("  ", o->fp);
		if (o->right[i]) {
			pad(o->fp, o->width[i] - w);
			fputs(c, o->fp);
		} else {
			fputs(c, o->fp);
			if (!last)
				pad(o->fp, o->width[i] - w);
		}
		first = false;
	}
	fputc('\n', o->fp);
}

void cli_out_empty(struct cli_out *o, const char *empty)
{
	if (o && o->fmt == CLI_TABLE && o->rows == 0)
		fprintf(o->fp, "%s\n", empty);
}

void cli_out_finish(struct cli_out *o)
{
	if (!o)
		return;
	if (o->fmt == CLI_JSON) {
		fputs(o->rows ? "\n]\n" : "[]\n", o->fp);
	} else if (o->fmt == CLI_TABLE && o->rows) {
		for (int i = 0; i < o->ncols; i++)
			o->right[i] = o->right[i] && strcmp(o->names[i], "group");
		table_line(o, o->names);
		for (size_t r = 0; r < o->ncells; r += (size_t)o->ncols)
			table_line(o, o->cells + r);
	}
	for (size_t i = 0; i < o->ncells; i++)
		free(o->cells[i]);
	for (int i = 0; i < o->ncols && o->names; i++)
		free(o->names[i]);
	free(o->cells);
	free(o->names);
	free(o->right);
	free(o->width);
	gl_str_finish(&o->line);
	free(o);
}
