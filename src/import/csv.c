/* Streaming CSV with libcsv: delimiter detection, physical line numbers, header mapping. */
#include "import_internal.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"

/* The header line is looked for in at most this much text. */
#define CSV_HEADER_MAX (1 << 20)

char csv_detect_delimiter(const char *line, size_t n)
{
	size_t comma = 0, semicolon = 0, tab = 0;
	bool quoted = false;
	for (size_t i = 0; i < n && line[i] != '\n'; i++) {
		char c = line[i];
		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == ',')
			comma++;
		else if (c == ';')
			semicolon++;
		else if (c == '\t')
			tab++;
	}
	if (semicolon > comma && semicolon >= tab)
		return ';';
	if (tab > comma && tab > semicolon)
		return '\t';
	return ',';
}

/* libcsv trims spaces around unquoted fields; a tab is a space only when it is not the
 * delimiter. */
static int space_or_tab(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static int space_only(unsigned char c)
{
	return c == ' ';
}

struct csv_state {
	const char *name;
	csv_row_fn fn;
	void *ctx;
	struct csv_info *info;
	struct gl_error *err;
	enum gl_status st;       /* the first error from a callback */
	struct gl_str *fields;   /* CSV_MAX_FIELDS, allocated lazily */
	size_t nfields;
	bool too_many;
	long line;               /* the line being fed */
	long record_line;        /* where the current record started */
	bool between_records;
	char delimiter;
};

static void on_field(void *s, size_t len, void *data)
{
	struct csv_state *cs = data;
	if (cs->st != GL_OK)
		return;
	if (cs->nfields >= CSV_MAX_FIELDS) {
		cs->too_many = true;
		return;
	}
	struct gl_str *f = &cs->fields[cs->nfields++];
	gl_str_clear(f);
	if (gl_str_append(f, s ? s : "", s ? len : 0) != GL_OK)
		cs->st = gl_error_set(cs->err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
}

static void on_record(int c, void *data)
{
	struct csv_state *cs = data;
	(void)c;
	size_t n = cs->nfields;
	cs->nfields = 0;
	cs->between_records = true;
	if (cs->st != GL_OK)
		return;
	if (cs->too_many) {
		cs->st = gl_error_set_at(cs->err, GL_EFORMAT, cs->name, cs->record_line,
			_("more than %d fields in one row"), CSV_MAX_FIELDS);
		return;
	}
	bool blank = true;
	for (size_t i = 0; i < n && blank; i++)
		blank = cs->fields[i].len == 0;
	if (blank)
		return;  /* an empty line, or one of delimiters only, as spreadsheets leave */
	cs->info->records++;
	struct csv_row row = { n, cs->fields, cs->record_line };
	cs->st = cs->fn(cs->ctx, &row, cs->err);
}

/* Does this piece of a line start a record? Only if it has more than spaces, which libcsv
 * skips between records. */
static bool has_content(const struct csv_state *cs, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c != '\n' && c != ' ' && (c != '\t' || cs->delimiter == '\t'))
			return true;
	}
	return false;
}

/* Feeds text to libcsv a line at a time, so that the line number is known in the callbacks
 * and at a parse error. */
static enum gl_status feed(struct csv_state *cs, struct csv_parser *p, const char *data,
	size_t len)
{
	while (len > 0) {
		const char *nl = memchr(data, '\n', len);
		size_t seg = nl ? (size_t)(nl - data) + 1 : len;
		if (cs->between_records && has_content(cs, data, seg)) {
			cs->record_line = cs->line;
			cs->between_records = false;
		}
		size_t done = csv_parse(p, data, seg, on_field, on_record, cs);
		if (cs->st != GL_OK)
			return cs->st;
		if (done != seg) {
			if (csv_error(p) != CSV_EPARSE)
				return gl_error_set(cs->err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
			if (data[done] == '"')
				return gl_error_set_at(cs->err, GL_EFORMAT, cs->name, cs->line,
					_("a quote inside a field that does not start with one (put the whole field "
					"in quotes and write the quote twice: \"\")"));
			return gl_error_set_at(cs->err, GL_EFORMAT, cs->name, cs->line,
				_("text after the closing quote of a field"));
		}
		if (nl)
			cs->line++;
		data += seg;
		len -= seg;
	}
	return GL_OK;
}

enum gl_status csv_read(FILE *fp, const char *name, csv_row_fn fn, void *ctx,
	struct csv_info *info, struct gl_error *err)
{
	struct text_reader r;
	struct csv_parser p;
	bool parser = false;
	struct gl_str piece = GL_STR_INIT, head = GL_STR_INIT;
	struct csv_state cs = { .name = name, .fn = fn, .ctx = ctx, .info = info, .err = err,
		.line = 1, .record_line = 1, .between_records = true };
	memset(info, 0, sizeof *info);
	enum gl_status st = text_reader_open(&r, fp, name, err);
	if (st != GL_OK)
		goto cleanup;
	info->enc = r.enc;
	cs.fields = calloc(CSV_MAX_FIELDS, sizeof *cs.fields);
	if (!cs.fields) {
		st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		goto cleanup;
	}
	/* Gather the first line to choose the delimiter; it is fed like everything else. */
	while (!memchr(gl_str_cstr(&head), '\n', head.len) && head.len < CSV_HEADER_MAX) {
		if ((st = text_reader_read(&r, &piece, err)) != GL_OK)
			goto cleanup;
		if (piece.len == 0)
			break;
		if (gl_str_append(&head, piece.buf, piece.len) != GL_OK) {
			st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
			goto cleanup;
		}
	}
	/* Blank lines before the header do not decide the delimiter. */
	const char *first = gl_str_cstr(&head);
	while (*first == '\n' || *first == ' ')
		first++;
	cs.delimiter = csv_detect_delimiter(first, head.len - (size_t)(first - gl_str_cstr(&head)));
	info->delimiter = cs.delimiter;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		goto cleanup;
	}
	parser = true;
	csv_set_delim(&p, (unsigned char)cs.delimiter);
	csv_set_space_func(&p, cs.delimiter == '\t' ? space_only : space_or_tab);
	if ((st = feed(&cs, &p, gl_str_cstr(&head), head.len)) != GL_OK)
		goto cleanup;
	gl_str_finish(&head);
	for (;;) {
		if ((st = text_reader_read(&r, &piece, err)) != GL_OK)
			goto cleanup;
		if (piece.len == 0)
			break;
		if ((st = feed(&cs, &p, piece.buf, piece.len)) != GL_OK)
			goto cleanup;
	}
	if (csv_fini(&p, on_field, on_record, &cs) != 0) {
		st = cs.st != GL_OK ? cs.st : gl_error_set_at(err, GL_EFORMAT, name, cs.record_line,
			_("unterminated quoted field"));
		goto cleanup;
	}
	st = cs.st;
	if (st == GL_OK && info->records == 0)
		st = gl_error_set_at(err, GL_EFORMAT, name, 0, _("the file is empty"));
cleanup:
	if (parser)
		csv_free(&p);
	if (cs.fields) {
		for (size_t i = 0; i < CSV_MAX_FIELDS; i++)
			gl_str_finish(&cs.fields[i]);
		free(cs.fields);
	}
	gl_str_finish(&piece);
	gl_str_finish(&head);
	text_reader_finish(&r);
	return st;
}

const struct gl_str *csv_field(const struct csv_row *row, int index)
{
	static const struct gl_str empty = GL_STR_INIT;
	if (index < 0 || (size_t)index >= row->n)
		return &empty;
	return &row->f[index];
}

enum gl_status csv_map_header(const struct csv_row *header, const char *name,
	const struct csv_column *cols, size_t ncols, int *index, struct gl_error *err)
{
	struct gl_str clean = GL_STR_INIT, scratch = GL_STR_INIT, key = GL_STR_INIT,
		want = GL_STR_INIT, have = GL_STR_INIT;
	enum gl_status st = GL_OK;
	for (size_t c = 0; c < ncols; c++)
		index[c] = -1;
	for (size_t i = 0; i < header->n && st == GL_OK; i++) {
		const struct gl_str *f = &header->f[i];
		if (!gl_utf8_valid(gl_str_cstr(f), f->len, NULL)) {
			st = gl_error_set_at(err, GL_EENCODING, name, header->line, "%s",
				_("the header is not valid text"));
			break;
		}
		st = text_clean(gl_str_cstr(f), f->len, false, &clean, &scratch, NULL, NULL);
		if (st == GL_OK)
			st = gl_utf8_fold(gl_str_cstr(&clean), clean.len, &key);
		if (st == GL_OK)
			st = gl_str_printf(&have, "%s%s", i ? ", " : "", gl_str_cstr(&clean));
		if (st != GL_OK)
			break;
		for (size_t c = 0; c < ncols; c++) {
			bool match = false;
			for (size_t a = 0; a < 6 && cols[c].names[a] && !match; a++) {
				if (gl_utf8_fold(cols[c].names[a], strlen(cols[c].names[a]), &want) != GL_OK)
					continue;
				match = !strcmp(gl_str_cstr(&want), gl_str_cstr(&key));
			}
			if (!match)
				continue;
			if (index[c] >= 0) {
				st = gl_error_set_at(err, GL_EFORMAT, name, header->line,
					_("the column '%s' appears twice"), cols[c].names[0]);
				break;
			}
			index[c] = (int)i;
		}
	}
	for (size_t c = 0; c < ncols && st == GL_OK; c++) {
		if (cols[c].required && index[c] < 0) {
			/* Name the columns the file has (cleaned: a cell may hold anything): the usual
			 * cause is a typo or a wrong file. */
			st = gl_error_set_at(err, GL_EFORMAT, name, header->line,
				_("no '%s' column (the header has: %s)"), cols[c].names[0], gl_str_cstr(&have));
		}
	}
	gl_str_finish(&clean);
	gl_str_finish(&scratch);
	gl_str_finish(&key);
	gl_str_finish(&want);
	gl_str_finish(&have);
	return st;
}

enum gl_status csv_check_width(const struct csv_row *row, size_t width, const char *name,
	struct gl_error *err)
{
	size_t n = row->n;
	/* Spreadsheets pad rows with empty cells; only data beyond the header is an error. */
	while (n > width && row->f[n - 1].len == 0)
		n--;
	if (n == width)
		return GL_OK;
	return gl_error_set_at(err, GL_EFORMAT, name, row->line,
		_("%zu fields, but the header has %zu"), n, width);
}

enum gl_status csv_table_row(struct csv_table *t, const struct csv_row *row, struct gl_str *f,
	struct gl_str *scratch, bool *is_header, struct gl_error *err)
{
	*is_header = t->header_line == 0;
	if (*is_header) {
		enum gl_status st = csv_map_header(row, t->name, t->cols, t->ncols, t->idx, err);
		t->width = row->n;
		t->header_line = row->line;
		return st;
	}
	t->rows++;
	enum gl_status st = csv_check_width(row, t->width, t->name, err);
	if (st != GL_OK)
		return st;
	for (size_t i = 0; i < t->ncols; i++) {
		const struct gl_str *raw = csv_field(row, t->idx[i]);
		if (text_clean(gl_str_cstr(raw), raw->len, false, &f[i], scratch, NULL, NULL) != GL_OK)
			return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	return GL_OK;
}

enum gl_status csv_read_path(const char *path, csv_row_fn fn, void *ctx, struct gl_error *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return gl_error_set_at(err, GL_EIO, path, 0, "%s", _("cannot open the file"));
	struct csv_info info;
	enum gl_status st = csv_read(fp, path, fn, ctx, &info, err);
	fclose(fp);
	return st;
}
