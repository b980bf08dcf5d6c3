/* The one writer of exported tables: an .xlsx workbook through libxlsxwriter, or CSV files. */
#include "genomlys/book.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "genomlys/clean.h"
#include "genomlys/i18n.h"
#include "genomlys/outfile.h"
#include "genomlys/utf8.h"

/* Widths in characters: text columns no wider than this (wrapped ones wrap inside it). */
#define WIDTH_MAX 60
#define WIDTH_HEADING_MAX 24
#define WIDTH_NUMBER 8

struct sheet {
	char *name;
	char *fold;            /* case-folded name: unique in the book */
	char *csv_path;        /* CSV: the file's path */
	lxw_worksheet *ws;
	int *width;            /* widest cell per column */
	int ncols;
	uint32_t header_row;   /* UINT32_MAX: none */
	int header_cols;
	uint32_t last_row;
	bool selected;
};

struct cell {               /* CSV: the current row's fields, already quoted */
	struct gl_str text;
	bool set;
};

struct gl_book {
	struct gl_book_options o;
	char *path;
	char *title;
	struct sheet *sheets;
	int nsheets;
	int cur;                /* -1: none selected */
	uint32_t row;
	bool row_used;
	/* xlsx */
	struct gl_outfile *of;
	lxw_workbook *wb;
	lxw_format *fmt[GL_BOOK_NSTYLES];
	/* CSV */
	struct gl_outfile *csv;
	struct cell *cells;
	int ncells;
	int csv_width;          /* rows have as many fields as the last header */
	/* the library's stderr, caught when quiet */
	int saved_stderr;
	FILE *caught;
	struct gl_str tmp;      /* a cell's cleaned text */
	/* per column of the current sheet, its last short text that needed no cleaning: the
	 * same text again (a letter's school, group, author and title on each of its quotes) is
	 * neither checked nor measured again */
	struct repeat *rep;
	int nrep;
	int rep_sheet;
};

#define REPEAT_MAX 64      /* bytes: longer texts are not kept */

struct repeat {
	size_t len;
	int style;
	bool set;
	char text[REPEAT_MAX];
};

/* ---- Text ---- */

bool gl_book_formula_like(const char *text, size_t len)
{
	return len > 0 && strchr("=+-@\t\r", text[0]) && text[0] != '\0';
}

enum gl_status gl_csv_field(struct gl_str *out, const char *text, size_t len, char sep)
{
	bool guard = gl_book_formula_like(text, len);
	bool quote = guard && (text[0] == '\t' || text[0] == '\r');
	for (size_t i = 0; i < len && !quote; i++)
		quote = text[i] == sep || text[i] == '"' || text[i] == '\r' || text[i] == '\n';
	if (len > 0 && (text[0] == ' ' || text[len - 1] == ' '))
		quote = true;
	enum gl_status st = GL_OK;
	if (quote)
		st = gl_str_putc(out, '"');
	if (st == GL_OK && guard)
		st = gl_str_putc(out, '\'');  /* the spreadsheet shows the text, evaluates nothing */
	for (size_t i = 0, from = 0; st == GL_OK && i <= len; i++) {
		if (i == len || (quote && text[i] == '"')) {
			st = gl_str_append(out, text + from, i - from);
			if (st == GL_OK && i < len)
				st = gl_str_putc(out, '"');  /* the quote doubled: this one and the next */
			from = i;
		}
	}
	if (st == GL_OK && quote)
		st = gl_str_putc(out, '"');
	return st;
}

/* UTF-16 units of valid UTF-8 (what Excel counts): 2 for a character beyond the BMP. */
static size_t utf16_units(const char *s, size_t len, size_t max, size_t *cut)
{
	size_t units = 0, i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		size_t u = n == 4 ? 2 : 1;
		if (units + u > max && cut) {
			*cut = i;
			return units;
		}
		units += u;
		i += n;
	}
	if (cut)
		*cut = len;
	return units;
}

static enum gl_status cell_text(const char *text, size_t len, const char *marker,
	struct gl_str *out, bool *changed);

enum gl_status gl_book_cell_text(const char *text, size_t len, struct gl_str *out,
	bool *changed)
{
	return cell_text(text, len, NULL, out, changed);
}

/* marker: what ends a text cut at Excel's limit (NULL: the interface language's). */
static enum gl_status cell_text(const char *text, size_t len, const char *marker,
	struct gl_str *out, bool *changed)
{
	*changed = false;
	size_t bad = 0;
	/* One pass in the common case: gl_utf8_scan validates and flags anything that may be a
	 * control (its flag also covers the bidi controls, which a cell keeps: then the exact
	 * check). */
	struct gl_utf8_info info;
	bool valid = gl_utf8_scan(text, len, &info, &bad);
	bool controls = valid && info.controls && gl_clean_has_controls(text, len, 0);
	/* Bytes are at least as many as UTF-16 units: a short text is never too long. */
	bool is_long = len > GL_BOOK_CELL_MAX && utf16_units(text, len, SIZE_MAX, NULL) >
		GL_BOOK_CELL_MAX;
	if (valid && !controls && !is_long)
		return GL_OK;
	*changed = true;
	gl_str_clear(out);
	enum gl_status st = GL_OK;
	size_t at = 0;
	while (st == GL_OK && at < len) {
		if (gl_utf8_valid(text + at, len - at, &bad)) {
			st = gl_str_append(out, text + at, len - at);
			break;
		}
		st = gl_str_append(out, text + at, bad);
		if (st == GL_OK)
			st = gl_str_puts(out, "\xEF\xBF\xBD");  /* U+FFFD for the bad byte */
		at += bad + 1;
	}
	if (st != GL_OK)
		return st;
	out->len = gl_clean_strip(out->buf, out->len, 0, NULL);
	out->buf[out->len] = '\0';
	if (utf16_units(out->buf, out->len, SIZE_MAX, NULL) > GL_BOOK_CELL_MAX) {
		if (!marker)
			marker = _(" […cut: Excel holds at most 32,767 characters]");
		size_t mlen = strlen(marker), cut;
		utf16_units(out->buf, out->len,
			GL_BOOK_CELL_MAX - utf16_units(marker, mlen, SIZE_MAX, NULL), &cut);
		out->len = cut;
		out->buf[cut] = '\0';
		st = gl_str_append(out, marker, mlen);
	}
	return st;
}

enum gl_status gl_book_sheet_name_clean(const char *wanted, struct gl_str *out)
{
	gl_str_clear(out);
	struct gl_str in = GL_STR_INIT;
	bool changed;
	size_t wlen = wanted ? strlen(wanted) : 0;
	enum gl_status st = gl_book_cell_text(wanted ? wanted : "", wlen, &in, &changed);
	if (st != GL_OK)
		return st;
	const char *s = changed ? gl_str_cstr(&in) : (wanted ? wanted : "");
	size_t n = changed ? in.len : wlen;
	size_t chars = 0;
	for (size_t i = 0; i < n && st == GL_OK && chars < GL_BOOK_SHEET_NAME_MAX;) {
		int32_t cp;
		size_t k = gl_utf8_decode(s + i, n - i, &cp);
		if (cp == '\t' || cp == '\n')
			st = gl_str_putc(out, ' ');
		else if (cp < 0x80 && strchr("[]:*?/\\", (int)cp))
			st = gl_str_putc(out, '-');
		else
			st = gl_str_append(out, s + i, k);
		i += k;
		chars++;
	}
	gl_str_finish(&in);
	if (st != GL_OK)
		return st;
	/* No blanks or apostrophes at either end (Excel refuses the apostrophes). */
	size_t from = 0, to = out->len;
	while (from < to && (out->buf[from] == ' ' || out->buf[from] == '\''))
		from++;
	while (to > from && (out->buf[to - 1] == ' ' || out->buf[to - 1] == '\''))
		to--;
	if (to > from)
		memmove(out->buf, out->buf + from, to - from);
	out->len = to - from;
	if (out->len == 0)
		return gl_str_puts(out, "-");
	out->buf[out->len] = '\0';
	return GL_OK;
}

/* ---- Errors and the library's stderr ---- */

static void catch_stderr(struct gl_book *b)
{
	b->saved_stderr = -1;
	if (!b->o.quiet)
		return;
	fflush(stderr);
	b->caught = tmpfile();
	if (!b->caught)
		return;
	b->saved_stderr = dup(STDERR_FILENO);
	if (b->saved_stderr < 0 || dup2(fileno(b->caught), STDERR_FILENO) < 0) {
		if (b->saved_stderr >= 0)
			close(b->saved_stderr);
		b->saved_stderr = -1;
		fclose(b->caught);
		b->caught = NULL;
	}
}

static void release_stderr(struct gl_book *b)
{
	if (b->saved_stderr >= 0) {
		fflush(stderr);
		dup2(b->saved_stderr, STDERR_FILENO);
		close(b->saved_stderr);
		b->saved_stderr = -1;
	}
	if (b->caught)
		fclose(b->caught);
	b->caught = NULL;
}

/* The last line the library wrote to the caught stderr, or "". */
static void caught_line(struct gl_book *b, char *line, size_t size)
{
	line[0] = '\0';
	if (!b->caught)
		return;
	fflush(stderr);
	rewind(b->caught);
	char buf[256];
	while (fgets(buf, sizeof buf, b->caught)) {
		buf[strcspn(buf, "\n")] = '\0';
		if (buf[0]) {
			size_t n = strlen(buf) < size - 1 ? strlen(buf) : size - 1;
			memcpy(line, buf, n);
			line[n] = '\0';
		}
	}
	fseek(b->caught, 0, SEEK_END);
}

static enum gl_status lib_fail(struct gl_book *b, struct gl_error *err, const char *what,
	lxw_error e)
{
	char said[200];
	caught_line(b, said, sizeof said);
	return gl_error_set_at(err, GL_EIO, b->path, 0, _("cannot write the workbook: %s: %s%s%s"),
		what, e == LXW_NO_ERROR ? _("the library failed") : lxw_strerror(e), said[0] ? "; " : "",
		said);
}

/* ---- Opening ---- */

static enum gl_status formats_create(struct gl_book *b, struct gl_error *err)
{
	for (int i = 0; i < GL_BOOK_NSTYLES; i++) {
		if (i == GL_BOOK_PLAIN)
			continue;
		lxw_format *f = workbook_add_format(b->wb);
		if (!f)
			return lib_fail(b, err, "workbook_add_format", LXW_ERROR_MEMORY_MALLOC_FAILED);
		format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
		switch ((enum gl_book_style)i) {
		case GL_BOOK_BOLD: format_set_bold(f); break;
		case GL_BOOK_TITLE: format_set_bold(f); format_set_font_size(f, 14); break;
		case GL_BOOK_HEADING:
			format_set_bold(f);
			format_set_text_wrap(f);
			format_set_bg_color(f, 0xDDE6F0);
			format_set_bottom(f, LXW_BORDER_THIN);
			break;
		case GL_BOOK_WRAP: format_set_text_wrap(f); break;
		case GL_BOOK_DECIMAL: format_set_num_format(f, "0.00"); break;
		case GL_BOOK_LOW:
			format_set_num_format(f, "0.00");
			format_set_bg_color(f, 0xF8CBAD);
			format_set_bold(f);
			break;
		case GL_BOOK_PERCENT: format_set_num_format(f, "0%"); break;
		case GL_BOOK_VALUE: format_set_num_format(f, "0.0"); break;
		case GL_BOOK_VALUE_LOW:
			format_set_num_format(f, "0.0");
			format_set_bg_color(f, 0xF8CBAD);
			format_set_bold(f);
			break;
		case GL_BOOK_LINK: format_set_underline(f, LXW_UNDERLINE_SINGLE);
			format_set_font_color(f, LXW_COLOR_BLUE); break;
		default: break;
		}
		b->fmt[i] = f;
	}
	return GL_OK;
}

enum gl_status gl_book_open(const char *path, const struct gl_book_options *o,
	struct gl_book **out, struct gl_error *err)
{
	*out = NULL;
	struct gl_book *b = calloc(1, sizeof *b);
	if (!b)
		return gl_error_set(err, GL_ENOMEM, _("out of memory"));
	b->o = *o;
	b->cur = -1;
	b->rep_sheet = -1;
	b->saved_stderr = -1;
	b->path = strdup(path);
	b->title = strdup(o->title ? o->title : "genomlys");
	if (!b->path || !b->title) {
		gl_book_abort(b);
		return gl_error_set(err, GL_ENOMEM, _("out of memory"));
	}
	b->o.title = b->title;
	if (!b->o.sep)
		b->o.sep = ';';
	enum gl_status st = GL_OK;
	if (o->kind == GL_BOOK_CSV) {
		struct stat sb;
		if (stat(path, &sb) != 0) {
			if (errno != ENOENT || mkdir(path, 0700) != 0)
				st = gl_error_set_at(err, GL_EIO, path, 0, _("cannot create the folder: %s"),
					strerror(errno));
		} else if (!S_ISDIR(sb.st_mode)) {
			st = gl_error_set_at(err, GL_EINVAL, path, 0, _("not a folder"));
		}
		if (st != GL_OK) {
			gl_book_abort(b);
			return st;
		}
		*out = b;
		return GL_OK;
	}
	st = gl_outfile_open(path, o->project, o->force ? GL_OUTFILE_FORCE : 0, &b->of, err);
	if (st != GL_OK) {
		gl_book_abort(b);
		return st;
	}
	catch_stderr(b);
	/* The library writes its parts to temporary files beside the target. */
	char *dir = strdup(gl_outfile_temp_path(b->of));
	char *slash = dir ? strrchr(dir, '/') : NULL;
	if (slash)
		*slash = '\0';
	lxw_workbook_options wo = { .constant_memory = o->constant_memory,
		.tmpdir = slash ? dir : NULL };
	b->wb = workbook_new_opt(gl_outfile_temp_path(b->of), &wo);
	free(dir);
	if (!b->wb) {
		st = lib_fail(b, err, "workbook_new", LXW_NO_ERROR);
		gl_book_abort(b);
		return st;
	}
	lxw_doc_properties props = { .title = b->title, .author = "genomlys",
		.created = o->created };
	lxw_error e = workbook_set_properties(b->wb, &props);
	if (e != LXW_NO_ERROR)
		st = lib_fail(b, err, "workbook_set_properties", e);
	if (st == GL_OK)
		st = formats_create(b, err);
	if (st != GL_OK) {
		gl_book_abort(b);
		return st;
	}
	*out = b;
	return GL_OK;
}

/* ---- Sheets ---- */

enum gl_status gl_book_add(struct gl_book *b, const char *name, int *index, struct gl_error *err)
{
	struct gl_str clean = GL_STR_INIT, fold = GL_STR_INIT, cand = GL_STR_INIT;
	enum gl_status st = gl_book_sheet_name_clean(name, &clean);
	/* Unique under full case folding: "Ängen" and "ängen" are one name to Excel. */
	for (int n = 1; st == GL_OK; n++) {
		gl_str_clear(&cand);
		if (n == 1) {
			st = gl_str_append(&cand, clean.buf, clean.len);
		} else {
			char suffix[16];
			int slen = snprintf(suffix, sizeof suffix, " (%d)", n);
			size_t keep = gl_utf8_offset(clean.buf, clean.len,
				GL_BOOK_SHEET_NAME_MAX - (size_t)slen);
			st = gl_str_append(&cand, clean.buf, keep);
			if (st == GL_OK)
				st = gl_str_puts(&cand, suffix);
		}
		if (st == GL_OK)
			st = gl_utf8_fold(cand.buf, cand.len, &fold);
		bool taken = false;
		for (int i = 0; st == GL_OK && i < b->nsheets && !taken; i++)
			taken = !strcmp(b->sheets[i].fold, gl_str_cstr(&fold));
		if (!taken)
			break;
	}
	struct sheet *grown = st == GL_OK ? realloc(b->sheets, (size_t)(b->nsheets + 1) *
		sizeof *grown) : NULL;
	if (st == GL_OK && !grown)
		st = GL_ENOMEM;
	if (st != GL_OK) {
		gl_str_finish(&clean);
		gl_str_finish(&fold);
		gl_str_finish(&cand);
		return gl_error_set(err, st, _("out of memory"));
	}
	b->sheets = grown;
	struct sheet *sh = &b->sheets[b->nsheets];
	memset(sh, 0, sizeof *sh);
	sh->header_row = UINT32_MAX;
	sh->name = gl_str_steal(&cand);
	sh->fold = gl_str_steal(&fold);
	gl_str_finish(&clean);
	b->nsheets++;
	if (index)
		*index = b->nsheets - 1;
	if (!sh->name || !sh->fold)
		return gl_error_set(err, GL_ENOMEM, _("out of memory"));
	if (b->o.kind == GL_BOOK_CSV) {
		struct gl_str p = GL_STR_INIT;
		gl_str_printf(&p, "%s/%02d-%s.csv", b->path, b->nsheets, sh->name);
		sh->csv_path = gl_str_steal(&p);
		if (!sh->csv_path)
			return gl_error_set(err, GL_ENOMEM, _("out of memory"));
		return gl_outfile_check(sh->csv_path, b->o.project, b->o.force ? GL_OUTFILE_FORCE : 0,
			err);
	}
	sh->ws = workbook_add_worksheet(b->wb, sh->name);
	if (!sh->ws)
		return lib_fail(b, err, "workbook_add_worksheet", LXW_NO_ERROR);
	/* Print setup: landscape A4, as wide as one page, a footer with the project and page. */
	worksheet_set_landscape(sh->ws);
	worksheet_set_paper(sh->ws, 9);
	worksheet_fit_to_pages(sh->ws, 1, 0);
	struct gl_str footer = GL_STR_INIT;
	gl_str_puts(&footer, "&L");
	size_t tlen = strlen(b->title);
	tlen = gl_utf8_cut(b->title, tlen < 180 ? tlen : 180);
	for (size_t i = 0; i < tlen; i++) {
		if (b->title[i] == '&')
			gl_str_putc(&footer, '&');  /* a literal ampersand in a footer */
		gl_str_putc(&footer, b->title[i]);
	}
	gl_str_printf(&footer, "&R%s &P / &N", _("Page"));
	lxw_error e = worksheet_set_footer(sh->ws, gl_str_cstr(&footer));
	gl_str_finish(&footer);
	if (e != LXW_NO_ERROR)
		return lib_fail(b, err, "worksheet_set_footer", e);
	return GL_OK;
}

const char *gl_book_sheet_name(const struct gl_book *b, int index)
{
	return index >= 0 && index < b->nsheets ? b->sheets[index].name : "";
}

static enum gl_status csv_flush_row(struct gl_book *b, struct gl_error *err)
{
	FILE *fp = gl_outfile_stream(b->csv);
	int last = b->csv_width - 1;
	for (int i = 0; i < b->ncells; i++)
		if (b->cells[i].set && i > last)
			last = i;
	for (int i = 0; i <= last; i++) {
		if (i > 0)
			fputc(b->o.sep, fp);
		if (i < b->ncells)
			fwrite(b->cells[i].text.buf ? b->cells[i].text.buf : "", 1, b->cells[i].text.len,
				fp);
	}
	fputs("\r\n", fp);
	for (int i = 0; i < b->ncells; i++) {
		gl_str_clear(&b->cells[i].text);
		b->cells[i].set = false;
	}
	if (ferror(fp))
		return gl_error_set_at(err, GL_EIO, b->sheets[b->cur].csv_path, 0,
			_("cannot write the file: %s"), strerror(errno));
	return GL_OK;
}

/* Finishes the current sheet: the row in progress, column widths, header, filter. */
static enum gl_status sheet_finish(struct gl_book *b, struct gl_error *err)
{
	if (b->cur < 0)
		return GL_OK;
	struct sheet *sh = &b->sheets[b->cur];
	enum gl_status st = GL_OK;
	if (b->row_used)
		st = gl_book_next(b, err);
	if (st != GL_OK)
		return st;
	if (b->o.kind == GL_BOOK_CSV) {
		struct gl_outfile *f = b->csv;
		b->csv = NULL;
		return f ? gl_outfile_commit(f, err) : GL_OK;
	}
	lxw_error e = LXW_NO_ERROR;
	for (int c = 0; c < sh->ncols && e == LXW_NO_ERROR; c++)
		if (sh->width[c] > 0)
			e = worksheet_set_column(sh->ws, (lxw_col_t)c, (lxw_col_t)c,
				sh->width[c] + 2, NULL);
	if (e == LXW_NO_ERROR && sh->header_row != UINT32_MAX) {
		worksheet_freeze_panes(sh->ws, sh->header_row + 1, 0);
		e = worksheet_repeat_rows(sh->ws, sh->header_row, sh->header_row);
		uint32_t last = sh->last_row > sh->header_row ? sh->last_row : sh->header_row;
		if (e == LXW_NO_ERROR)
			e = worksheet_autofilter(sh->ws, sh->header_row, 0, last,
				(lxw_col_t)(sh->header_cols - 1));
	}
	return e == LXW_NO_ERROR ? GL_OK : lib_fail(b, err, sh->name, e);
}

enum gl_status gl_book_select(struct gl_book *b, int index, struct gl_error *err)
{
	enum gl_status st = sheet_finish(b, err);
	if (st != GL_OK)
		return st;
	if (index < 0 || index >= b->nsheets || b->sheets[index].selected)
		return gl_error_set(err, GL_EINVAL, "gl_book_select: sheet %d", index);
	b->cur = index;
	b->csv_width = 0;
	b->row = 0;
	b->row_used = false;
	b->sheets[index].selected = true;
	if (b->o.kind == GL_BOOK_CSV) {
		st = gl_outfile_open(b->sheets[index].csv_path, b->o.project,
			b->o.force ? GL_OUTFILE_FORCE : 0, &b->csv, err);
		if (st == GL_OK && fputs("\xEF\xBB\xBF", gl_outfile_stream(b->csv)) == EOF)
			st = gl_error_set_at(err, GL_EIO, b->sheets[index].csv_path, 0,
				_("cannot write the file: %s"), strerror(errno));
	}
	return st;
}

uint32_t gl_book_row(const struct gl_book *b)
{
	return b->row;
}

static enum gl_status cell_begin(struct gl_book *b, int col, int width, struct gl_error *err)
{
	if (b->cur < 0 || col < 0 || col > 16000)
		return gl_error_set(err, GL_EINVAL, "gl_book: no sheet selected or column %d", col);
	if (b->row >= 1048575)
		return gl_error_set_at(err, GL_EINVAL, b->path, 0,
			_("the sheet '%s' has more rows than Excel holds (1,048,576)"),
			b->sheets[b->cur].name);
	struct sheet *sh = &b->sheets[b->cur];
	if (col >= sh->ncols) {
		int *w = realloc(sh->width, (size_t)(col + 1) * sizeof *w);
		if (!w)
			return gl_error_set(err, GL_ENOMEM, _("out of memory"));
		memset(w + sh->ncols, 0, (size_t)(col + 1 - sh->ncols) * sizeof *w);
		sh->width = w;
		sh->ncols = col + 1;
	}
	if (width > sh->width[col])
		sh->width[col] = width;
	if (b->o.kind == GL_BOOK_CSV && col >= b->ncells) {
		struct cell *c = realloc(b->cells, (size_t)(col + 1) * sizeof *c);
		if (!c)
			return gl_error_set(err, GL_ENOMEM, _("out of memory"));
		memset(c + b->ncells, 0, (size_t)(col + 1 - b->ncells) * sizeof *c);
		b->cells = c;
		b->ncells = col + 1;
	}
	b->row_used = true;
	sh->last_row = b->row;
	return GL_OK;
}

/* The display width of the widest line of text, counted up to cap. */
static int text_width(const char *s, size_t len, int cap)
{
	int best = 0, w = 0;
	for (size_t i = 0; i < len && best < cap;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F) {  /* printable ASCII, most of any text: one column */
			if (++w > best)
				best = w;
			i++;
			continue;
		}
		if (c == '\n') {
			w = 0;
			i++;
			continue;
		}
		int32_t cp;
		size_t k = gl_utf8_decode(s + i, len - i, &cp);
		w += gl_utf8_cp_width(cp);
		if (w > best)
			best = w;
		i += k ? k : 1;
	}
	return best < cap ? best : cap;
}

/* The column's entry of the repeat cache (emptied when another sheet is selected); NULL when
 * there is none (no memory: the text is then checked as any other). */
static struct repeat *repeat_of(struct gl_book *b, int col)
{
	if (b->cur < 0 || col < 0 || col > 255)
		return NULL;
	if (b->rep_sheet != b->cur) {
		for (int i = 0; i < b->nrep; i++)
			b->rep[i].set = false;
		b->rep_sheet = b->cur;
	}
	if (col >= b->nrep) {
		struct repeat *r = realloc(b->rep, (size_t)(col + 1) * sizeof *r);
		if (!r)
			return NULL;
		for (int i = b->nrep; i <= col; i++)
			r[i].set = false;
		b->rep = r;
		b->nrep = col + 1;
	}
	return &b->rep[col];
}

enum gl_status gl_book_text(struct gl_book *b, int col, const char *text, size_t len,
	enum gl_book_style style, struct gl_error *err)
{
	if (!text)
		text = "", len = 0;
	if (len == SIZE_MAX)
		len = strlen(text);
	struct repeat *rep = repeat_of(b, col);
	enum gl_status st;
	if (rep && rep->set && rep->len == len && rep->style == (int)style &&
		!memcmp(rep->text, text, len)) {
		/* this column's last text, checked and measured at its last cell */
		st = cell_begin(b, col, 0, err);
	} else {
		bool changed;
		st = cell_text(text, len, b->o.cut_marker, &b->tmp, &changed);
		if (st != GL_OK)
			return gl_error_set(err, st, _("out of memory"));
		if (changed)
			text = b->tmp.buf, len = b->tmp.len;
		int cap = style == GL_BOOK_HEADING ? WIDTH_HEADING_MAX : style == GL_BOOK_TITLE ?
			0 : WIDTH_MAX;
		/* A column as wide as it may get (the quotes' soon are) is not measured again. */
		if (b->cur >= 0 && col >= 0 && col < b->sheets[b->cur].ncols &&
			b->sheets[b->cur].width[col] >= cap)
			cap = 0;
		st = cell_begin(b, col, cap ? text_width(text, len, cap) : 0, err);
		if (rep) {
			rep->set = st == GL_OK && !changed && len <= REPEAT_MAX;
			if (rep->set) {
				memcpy(rep->text, text, len);
				rep->len = len;
				rep->style = (int)style;
			}
		}
	}
	if (st != GL_OK)
		return st;
	if (b->o.kind == GL_BOOK_CSV) {
		b->cells[col].set = true;
		gl_str_clear(&b->cells[col].text);
		return gl_csv_field(&b->cells[col].text, text, len, b->o.sep) == GL_OK ? GL_OK :
			gl_error_set(err, GL_ENOMEM, _("out of memory"));
	}
	if (len == 0)
		return GL_OK;
	/* Always a string cell: worksheet_write_string never makes a formula. The library wants a
	 * NUL-terminated string; the store's text is, a cleaned copy is. */
	const char *z = text;
	char *copy = NULL;
	if (text[len] != '\0') {
		copy = strndup(text, len);
		if (!copy)
			return gl_error_set(err, GL_ENOMEM, _("out of memory"));
		z = copy;
	}
	lxw_error e = worksheet_write_string(b->sheets[b->cur].ws, b->row, (lxw_col_t)col, z,
		b->fmt[style]);
	free(copy);
	return e == LXW_NO_ERROR ? GL_OK : lib_fail(b, err, b->sheets[b->cur].name, e);
}

enum gl_status gl_book_number(struct gl_book *b, int col, double value,
	enum gl_book_style style, struct gl_error *err)
{
	enum gl_status st = cell_begin(b, col, WIDTH_NUMBER, err);
	if (st != GL_OK)
		return st;
	if (b->o.kind == GL_BOOK_CSV) {
		char num[64];
		snprintf(num, sizeof num, "%.15g", value);
		if (b->o.sep != ',')  /* Swedish spreadsheets read a decimal comma */
			for (char *p = num; *p; p++)
				if (*p == '.')
					*p = ',';
		b->cells[col].set = true;
		gl_str_clear(&b->cells[col].text);
		return gl_csv_field(&b->cells[col].text, num, strlen(num), b->o.sep) == GL_OK ? GL_OK :
			gl_error_set(err, GL_ENOMEM, _("out of memory"));
	}
	lxw_error e = worksheet_write_number(b->sheets[b->cur].ws, b->row, (lxw_col_t)col, value,
		b->fmt[style]);
	return e == LXW_NO_ERROR ? GL_OK : lib_fail(b, err, b->sheets[b->cur].name, e);
}

enum gl_status gl_book_link(struct gl_book *b, int col, int sheet, const char *text,
	struct gl_error *err)
{
	if (b->o.kind == GL_BOOK_CSV || sheet < 0 || sheet >= b->nsheets)
		return gl_book_text(b, col, text, SIZE_MAX, GL_BOOK_PLAIN, err);
	enum gl_status st = cell_begin(b, col, text_width(text, strlen(text), WIDTH_MAX), err);
	if (st != GL_OK)
		return st;
	struct gl_str url = GL_STR_INIT;
	gl_str_puts(&url, "internal:'");
	for (const char *p = b->sheets[sheet].name; *p; p++) {
		if (*p == '\'')
			gl_str_putc(&url, '\'');
		gl_str_putc(&url, *p);
	}
	gl_str_puts(&url, "'!A1");
	lxw_error e = worksheet_write_url_opt(b->sheets[b->cur].ws, b->row, (lxw_col_t)col,
		gl_str_cstr(&url), b->fmt[GL_BOOK_LINK], text, NULL);
	gl_str_finish(&url);
	return e == LXW_NO_ERROR ? GL_OK : lib_fail(b, err, b->sheets[b->cur].name, e);
}

enum gl_status gl_book_next(struct gl_book *b, struct gl_error *err)
{
	if (b->cur < 0)
		return gl_error_set(err, GL_EINVAL, "gl_book_next: no sheet selected");
	enum gl_status st = GL_OK;
	if (b->o.kind == GL_BOOK_CSV && b->csv)
		st = csv_flush_row(b, err);
	b->row++;
	b->row_used = false;
	return st;
}

enum gl_status gl_book_header(struct gl_book *b, const char *const *headings, int n,
	bool filter, struct gl_error *err)
{
	if (b->row_used) {
		enum gl_status st = gl_book_next(b, err);
		if (st != GL_OK)
			return st;
	}
	struct sheet *sh = &b->sheets[b->cur];
	if (filter && sh->header_row == UINT32_MAX) {
		sh->header_row = b->row;
		sh->header_cols = n;
	}
	b->csv_width = n;
	for (int i = 0; i < n; i++) {
		enum gl_status st = gl_book_text(b, i, headings[i], SIZE_MAX, GL_BOOK_HEADING, err);
		if (st != GL_OK)
			return st;
	}
	return gl_book_next(b, err);
}

enum gl_status gl_book_title(struct gl_book *b, const char *text, struct gl_error *err)
{
	enum gl_status st = gl_book_text(b, 0, text, SIZE_MAX, GL_BOOK_TITLE, err);
	return st == GL_OK ? gl_book_next(b, err) : st;
}

enum gl_status gl_book_color_scale(struct gl_book *b, uint32_t first_row, int first_col,
	uint32_t last_row, int last_col, struct gl_error *err)
{
	if (b->o.kind == GL_BOOK_CSV || last_row < first_row || last_col < first_col)
		return GL_OK;
	lxw_conditional_format cf = { .type = LXW_CONDITIONAL_3_COLOR_SCALE,
		.min_color = 0xF8696B, .mid_color = 0xFFEB84, .max_color = 0x63BE7B };
	lxw_error e = worksheet_conditional_format_range(b->sheets[b->cur].ws, first_row,
		(lxw_col_t)first_col, last_row, (lxw_col_t)last_col, &cf);
	return e == LXW_NO_ERROR ? GL_OK : lib_fail(b, err, b->sheets[b->cur].name, e);
}

enum gl_status gl_book_bar_chart(struct gl_book *b, const char *title, int cat_col,
	int val_col, uint32_t first_row, uint32_t last_row, uint32_t at_row, int at_col,
	struct gl_error *err)
{
	if (b->o.kind == GL_BOOK_CSV || last_row < first_row)
		return GL_OK;
	const char *sheet = b->sheets[b->cur].name;
	lxw_chart *chart = workbook_add_chart(b->wb, LXW_CHART_BAR);
	if (!chart)
		return lib_fail(b, err, "workbook_add_chart", LXW_NO_ERROR);
	lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
	if (!series)
		return lib_fail(b, err, "chart_add_series", LXW_NO_ERROR);
	chart_series_set_categories(series, sheet, first_row, (lxw_col_t)cat_col, last_row,
		(lxw_col_t)cat_col);
	chart_series_set_values(series, sheet, first_row, (lxw_col_t)val_col, last_row,
		(lxw_col_t)val_col);
	struct gl_str t = GL_STR_INIT;
	bool changed;
	if (gl_book_cell_text(title, strlen(title), &t, &changed) != GL_OK)
		return gl_error_set(err, GL_ENOMEM, _("out of memory"));
	chart_title_set_name(chart, changed ? gl_str_cstr(&t) : title);
	gl_str_finish(&t);
	chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
	chart_axis_set_reverse(chart->y_axis);  /* the first row at the top, as in the table */
	lxw_chart_options co = { .x_scale = 1.5, .y_scale = 1.2 + 0.04 * (double)(last_row -
		first_row) };
	lxw_error e = worksheet_insert_chart_opt(b->sheets[b->cur].ws, at_row, (lxw_col_t)at_col,
		chart, &co);
	return e == LXW_NO_ERROR ? GL_OK : lib_fail(b, err, sheet, e);
}

/* ---- Closing ---- */

static void book_free(struct gl_book *b)
{
	for (int i = 0; i < b->nsheets; i++) {
		free(b->sheets[i].name);
		free(b->sheets[i].fold);
		free(b->sheets[i].csv_path);
		free(b->sheets[i].width);
	}
	free(b->sheets);
	for (int i = 0; i < b->ncells; i++)
		gl_str_finish(&b->cells[i].text);
	free(b->cells);
	gl_str_finish(&b->tmp);
	free(b->rep);
	free(b->path);
	free(b->title);
	free(b);
}

enum gl_status gl_book_close(struct gl_book *b, struct gl_error *err)
{
	enum gl_status st = sheet_finish(b, err);
	/* Sheets never selected are written empty (CSV: an empty file with its mark). */
	for (int i = 0; st == GL_OK && i < b->nsheets; i++) {
		if (b->sheets[i].selected)
			continue;
		st = gl_book_select(b, i, err);
		if (st == GL_OK)
			st = sheet_finish(b, err);
	}
	if (st != GL_OK) {
		gl_book_abort(b);
		return st;
	}
	if (b->o.kind == GL_BOOK_XLSX) {
		lxw_error e = workbook_close(b->wb);
		b->wb = NULL;
		if (e != LXW_NO_ERROR) {
			st = lib_fail(b, err, "workbook_close", e);
			gl_book_abort(b);
			return st;
		}
		release_stderr(b);
		st = gl_outfile_commit(b->of, err);
		b->of = NULL;
	}
	release_stderr(b);
	book_free(b);
	return st;
}

void gl_book_abort(struct gl_book *b)
{
	if (!b)
		return;
	if (b->wb)
		lxw_workbook_free(b->wb);  /* frees without writing the file */
	gl_outfile_abort(b->of);
	gl_outfile_abort(b->csv);
	release_stderr(b);
	book_free(b);
}
