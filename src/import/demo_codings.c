/* The demo's codings and classifications (fixtures/demo/codings.csv): what three coders made of
 * the letters, with the disagreement that real coders have, so that a newcomer finds coded
 * letters, the review has overlaps to settle and the analysis has something to compare.
 *
 * Columns: letter (its path under letters/), coder, code ("Category > Code"), quote (the coded
 * text exactly as it stands in the letter: the coding spans its first occurrence), memo. A row
 * without a quote whose code is a value of an exclusive category classifies the whole letter. */
#include "import_internal.h"

#include <stdio.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"

enum { COL_LETTER, COL_CODER, COL_CODE, COL_QUOTE, COL_MEMO, NCOLS };

static const struct csv_column columns[NCOLS] = {
	[COL_LETTER] = { { "letter", "brev", NULL }, true },
	[COL_CODER] = { { "coder", "kodare", NULL }, true },
	[COL_CODE] = { { "code", "kod", NULL }, true },
	[COL_QUOTE] = { { "quote", "citat", NULL }, false },
	[COL_MEMO] = { { "memo", "anteckning", NULL }, false },
};

struct demo_codings {
	struct gl_store *s;
	struct gl_import_summary *sum;
	const char *name;
	int idx[NCOLS];
	struct csv_table table;
	struct gl_str f[NCOLS], scratch, source, letter_source;
	struct gl_document doc;
	bool have_doc;
};

/* Puts the row's place on an error from the store, which knows no file. */
static enum gl_status at_row(const struct demo_codings *c, long line, struct gl_error *err)
{
	if (err->file[0] == '\0') {
		snprintf(err->file, sizeof err->file, "%s", c->name);
		err->line = line;
	}
	return err->status != GL_OK ? err->status : GL_EINVAL;
}

/* The letter of the row, read once for the rows that follow it. */
static enum gl_status load_letter(struct demo_codings *c, long line, struct gl_error *err)
{
	if (c->have_doc && !strcmp(gl_str_cstr(&c->letter_source), gl_str_cstr(&c->f[COL_LETTER])))
		return GL_OK;
	if (c->have_doc)
		gl_document_finish(&c->doc);
	c->have_doc = false;
	int64_t id;
	gl_str_clear(&c->source);
	gl_str_printf(&c->source, "letters/%s", gl_str_cstr(&c->f[COL_LETTER]));
	if (gl_store_document_find_source(c->s, gl_str_cstr(&c->source), &id, err) != GL_OK ||
		gl_store_document_get(c->s, id, &c->doc, err) != GL_OK)
		return at_row(c, line, err);
	c->have_doc = true;
	gl_str_clear(&c->letter_source);
	return gl_str_puts(&c->letter_source, gl_str_cstr(&c->f[COL_LETTER]));
}

static enum gl_status coding_row(void *ctx, const struct csv_row *row, struct gl_error *err)
{
	struct demo_codings *c = ctx;
	bool is_header;
	enum gl_status st = csv_table_row(&c->table, row, c->f, &c->scratch, &is_header, err);
	if (st != GL_OK || is_header)
		return st;
	for (int i = 0; i < NCOLS; i++)
		if (columns[i].required && c->f[i].len == 0)
			return gl_error_set_at(err, GL_EFORMAT, c->name, row->line, _("a column is empty: %s"),
				columns[i].names[0]);
	if ((st = load_letter(c, row->line, err)) != GL_OK)
		return st;
	int64_t coder, code;
	bool created;
	/* the audit log says the coder did it, as it would have been in a real session */
	gl_store_set_actor(c->s, gl_str_cstr(&c->f[COL_CODER]));
	if (gl_store_coder_ensure(c->s, gl_str_cstr(&c->f[COL_CODER]), &coder, &created, err) != GL_OK ||
		gl_store_code_find(c->s, gl_str_cstr(&c->f[COL_CODE]), &code, err) != GL_OK)
		return at_row(c, row->line, err);
	if (created)
		c->sum->demo_coders++;
	if (c->f[COL_QUOTE].len == 0) {
		int64_t category;
		if (gl_store_code_parent(c->s, code, &category, err) != GL_OK ||
			gl_store_classify(c->s, c->doc.id, category, code, coder, NULL, err) != GL_OK)
			return at_row(c, row->line, err);
		c->sum->demo_classifications++;
		return GL_OK;
	}
	const char *at = strstr(c->doc.text, gl_str_cstr(&c->f[COL_QUOTE]));
	if (!at)
		return gl_error_set_at(err, GL_EINVAL, c->name, row->line,
			_("the quote is not in the letter %s"), gl_str_cstr(&c->f[COL_LETTER]));
	int64_t start = gl_utf8_count(c->doc.text, (size_t)(at - c->doc.text));
	struct gl_coding k = { .document_id = c->doc.id, .code_id = code, .coder_id = coder,
		.start = start, .end = start + gl_utf8_count(at, c->f[COL_QUOTE].len),
		.memo = c->f[COL_MEMO].len ? gl_str_cstr(&c->f[COL_MEMO]) : NULL };
	if (gl_store_coding_insert(c->s, &k, NULL, err) != GL_OK)
		return at_row(c, row->line, err);
	c->sum->demo_codings++;
	return GL_OK;
}

enum gl_status demo_codings(struct gl_store *s, const char *path, struct gl_import_summary *sum,
	struct gl_error *err)
{
	struct demo_codings c = { .s = s, .sum = sum, .name = path };
	c.table = (struct csv_table){ path, columns, NCOLS, c.idx, 0, 0, 0 };
	enum gl_status st = csv_read_path(path, coding_row, &c, err);
	gl_store_set_actor(s, NULL);
	if (c.have_doc)
		gl_document_finish(&c.doc);
	for (int i = 0; i < NCOLS; i++)
		gl_str_finish(&c.f[i]);
	gl_str_finish(&c.scratch);
	gl_str_finish(&c.source);
	gl_str_finish(&c.letter_source);
	return st;
}
