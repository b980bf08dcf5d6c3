/* The demo's findings (fixtures/demo/findings.csv): what the analysis group concluded about each
 * school and the municipality, with evidence, so that a newcomer sees what the tool is for.
 *
 * One row per piece of evidence; a finding (school, kind, title) is created by its first row,
 * which may carry its author and description. Columns: school (empty: the municipality), kind,
 * title, author, description, and one of: letter (its path under letters/) with quote (the
 * beginning of a demo coding's text in that letter: its first such coding is linked), survey
 * ("SCHOOL/SURVEY/YEAR/GROUP/ITEM"), cites ("SCHOOL/TITLE" of a school's finding). */
#include "import_internal.h"

#include <stdio.h>
#include <string.h>

#include "genomlys/i18n.h"

enum { COL_SCHOOL, COL_KIND, COL_TITLE, COL_AUTHOR, COL_DESCRIPTION, COL_LETTER, COL_QUOTE,
	COL_SURVEY, COL_CITES, NCOLS };

static const struct csv_column columns[NCOLS] = {
	[COL_SCHOOL] = { { "school", "skola", NULL }, false },
	[COL_KIND] = { { "kind", "typ", NULL }, true },
	[COL_TITLE] = { { "title", "rubrik", NULL }, true },
	[COL_AUTHOR] = { { "author", "författare", NULL }, false },
	[COL_DESCRIPTION] = { { "description", "beskrivning", NULL }, false },
	[COL_LETTER] = { { "letter", "brev", NULL }, false },
	[COL_QUOTE] = { { "quote", "citat", NULL }, false },
	[COL_SURVEY] = { { "survey", "enkät", NULL }, false },
	[COL_CITES] = { { "cites", "stöds av", NULL }, false },
};

struct demo_findings {
	struct gl_store *s;
	struct gl_import_summary *sum;
	const char *name;
	int idx[NCOLS];
	struct csv_table table;
	struct gl_str f[NCOLS], scratch, source;
};

static enum gl_status at_row(const struct demo_findings *c, long line, struct gl_error *err)
{
	if (err->file[0] == '\0') {
		snprintf(err->file, sizeof err->file, "%s", c->name);
		err->line = line;
	}
	return err->status != GL_OK ? err->status : GL_EINVAL;
}

/* The finding of the row: found by level, kind and title, or created. */
static enum gl_status finding_of(struct demo_findings *c, int64_t school, int64_t *id,
	struct gl_error *err)
{
	const char *kind = gl_str_cstr(&c->f[COL_KIND]), *title = gl_str_cstr(&c->f[COL_TITLE]);
	enum gl_status st = gl_store_finding_find(c->s, school, kind, title, id, err);
	if (st != GL_ENOTFOUND)
		return st;
	gl_error_clear(err);
	int64_t author = 0;
	if (c->f[COL_AUTHOR].len &&
		(st = gl_store_coder_ensure(c->s, gl_str_cstr(&c->f[COL_AUTHOR]), &author, NULL, err)) !=
		GL_OK)
		return st;
	st = gl_store_finding_insert(c->s, &(struct gl_finding){ school, kind, title,
		c->f[COL_DESCRIPTION].len ? gl_str_cstr(&c->f[COL_DESCRIPTION]) : NULL, author }, id,
		err);
	if (st == GL_OK)
		c->sum->demo_findings++;
	return st;
}

struct quote_search {
	const char *quote;
	size_t len;
	int64_t coding;
};

/* GL_LIST_CODINGS: id, uuid, letter, code, code_id, coder, school, group, start, end, quote... */
static int quote_row(void *ctx, const struct gl_row *row)
{
	struct quote_search *q = ctx;
	for (int i = 0; i < row->ncols; i++) {
		if (strcmp(row->names[i], "quote") != 0 || row->values[i].type != GL_VAL_TEXT)
			continue;
		if (row->values[i].len >= q->len && !memcmp(row->values[i].s, q->quote, q->len)) {
			q->coding = row->values[0].i;
			return 1;
		}
	}
	return 0;
}

static enum gl_status link_quote(struct demo_findings *c, int64_t finding, long line,
	struct gl_error *err)
{
	int64_t doc;
	gl_str_clear(&c->source);
	gl_str_printf(&c->source, "letters/%s", gl_str_cstr(&c->f[COL_LETTER]));
	enum gl_status st = gl_store_document_find_source(c->s, gl_str_cstr(&c->source), &doc, err);
	if (st != GL_OK)
		return st;
	struct quote_search q = { gl_str_cstr(&c->f[COL_QUOTE]), c->f[COL_QUOTE].len, 0 };
	struct gl_filter f = { .document_id = doc };
	st = gl_store_list(c->s, GL_LIST_CODINGS, &f, 0, 0, quote_row, &q, err);
	if (st == GL_ECANCELLED)
		st = GL_OK;
	if (st == GL_OK && !q.coding)
		return gl_error_set_at(err, GL_EINVAL, c->name, line, _("no coding in %s begins with "
			"'%s'"), gl_str_cstr(&c->f[COL_LETTER]), q.quote);
	return st == GL_OK ? gl_store_finding_link_coding(c->s, finding, q.coding, err) : st;
}

static enum gl_status link_cited(struct demo_findings *c, int64_t finding, long line,
	struct gl_error *err)
{
	const char *path = gl_str_cstr(&c->f[COL_CITES]);
	const char *slash = strchr(path, '/');
	if (!slash)
		return gl_error_set_at(err, GL_EFORMAT, c->name, line, _("'%s' is not SCHOOL/TITLE"),
			path);
	struct gl_str school = GL_STR_INIT;
	int64_t school_id, cited;
	enum gl_status st = gl_str_append(&school, path, (size_t)(slash - path));
	if (st == GL_OK)
		st = gl_store_school_find(c->s, gl_str_cstr(&school), &school_id, err);
	if (st == GL_OK)
		st = gl_store_finding_find(c->s, school_id, NULL, slash + 1, &cited, err);
	if (st == GL_OK)
		st = gl_store_finding_link_finding(c->s, finding, cited, err);
	gl_str_finish(&school);
	return st;
}

static enum gl_status finding_row(void *ctx, const struct csv_row *row, struct gl_error *err)
{
	struct demo_findings *c = ctx;
	bool is_header;
	enum gl_status st = csv_table_row(&c->table, row, c->f, &c->scratch, &is_header, err);
	if (st != GL_OK || is_header)
		return st;
	for (int i = 0; i < NCOLS; i++)
		if (columns[i].required && c->f[i].len == 0)
			return gl_error_set_at(err, GL_EFORMAT, c->name, row->line, _("a column is empty: %s"),
				columns[i].names[0]);
	/* the audit log names the finding's author as the one who wrote it and linked its evidence */
	gl_store_set_actor(c->s, c->f[COL_AUTHOR].len ? gl_str_cstr(&c->f[COL_AUTHOR]) : NULL);
	int64_t school = 0, finding;
	if (c->f[COL_SCHOOL].len &&
		gl_store_school_find(c->s, gl_str_cstr(&c->f[COL_SCHOOL]), &school, err) != GL_OK)
		return at_row(c, row->line, err);
	if (finding_of(c, school, &finding, err) != GL_OK)
		return at_row(c, row->line, err);
	int64_t target;
	if (c->f[COL_LETTER].len)
		st = link_quote(c, finding, row->line, err);
	else if (c->f[COL_SURVEY].len) {
		st = gl_store_survey_find_path(c->s, gl_str_cstr(&c->f[COL_SURVEY]), &target, err);
		if (st == GL_OK)
			st = gl_store_finding_link_survey(c->s, finding, target, err);
	} else if (c->f[COL_CITES].len) {
		st = link_cited(c, finding, row->line, err);
	} else {
		return GL_OK;
	}
	if (st != GL_OK)
		return at_row(c, row->line, err);
	c->sum->demo_evidence++;
	return GL_OK;
}

enum gl_status demo_findings(struct gl_store *s, const char *path, struct gl_import_summary *sum,
	struct gl_error *err)
{
	struct demo_findings c = { .s = s, .sum = sum, .name = path };
	c.table = (struct csv_table){ path, columns, NCOLS, c.idx, 0, 0, 0 };
	enum gl_status st = csv_read_path(path, finding_row, &c, err);
	gl_store_set_actor(s, NULL);
	for (int i = 0; i < NCOLS; i++)
		gl_str_finish(&c.f[i]);
	gl_str_finish(&c.scratch);
	gl_str_finish(&c.source);
	return st;
}
