/* Importing survey results in long format: one value per school, survey, year, group, item. */
#include "import_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"

enum { COL_SCHOOL, COL_SURVEY, COL_YEAR, COL_GROUP, COL_ITEM, COL_VALUE, COL_N, NCOLS };

static const struct csv_column survey_columns[NCOLS] = {
	[COL_SCHOOL] = { { "school", "skola", "skolenhet", NULL }, true },
	[COL_SURVEY] = { { "survey", "enkät", NULL }, true },
	[COL_YEAR] = { { "year", "år", "läsår", NULL }, true },
	[COL_GROUP] = { { "group", "grupp", "respondentgrupp", "respondent group", NULL }, true },
	[COL_ITEM] = { { "item", "fråga", "område", "index", NULL }, true },
	[COL_VALUE] = { { "value", "värde", NULL }, true },
	[COL_N] = { { "n", "antal", "svar", NULL }, false },
};

static const char *const column_label[NCOLS] = { "school", "survey", "year", "group", "item",
	"value", "n" };

/* The results this file has given so far, by their key (school, survey, year, group, item),
 * to refuse the same result listed twice: an open-addressing hash table of the keys and the
 * line each came from. */
struct seen_result {
	char *key; /* NULL: a free slot */
	size_t len;
	long line;
};

struct seen_results {
	struct seen_result *slot;
	size_t n, cap; /* cap: a power of two, at least twice n */
};

static uint64_t key_hash(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
	return h;
}

static struct seen_result *seen_slot(struct seen_result *slot, size_t cap, const char *key,
	size_t len)
{
	size_t i = (size_t)key_hash(key, len) & (cap - 1);
	while (slot[i].key && (slot[i].len != len || memcmp(slot[i].key, key, len)))
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

/* Adds key from line; *first is the line it was seen on before (0: it is new). */
static enum gl_status seen_add(struct seen_results *t, const char *key, size_t len, long line,
	long *first)
{
	*first = 0;
	if (2 * (t->n + 1) > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct seen_result *slot = calloc(cap, sizeof *slot);
		if (!slot)
			return GL_ENOMEM;
		for (size_t i = 0; i < t->cap; i++)
			if (t->slot[i].key)
				*seen_slot(slot, cap, t->slot[i].key, t->slot[i].len) = t->slot[i];
		free(t->slot);
		t->slot = slot;
		t->cap = cap;
	}
	struct seen_result *e = seen_slot(t->slot, t->cap, key, len);
	if (e->key) {
		*first = e->line;
		return GL_OK;
	}
	if (!(e->key = malloc(len)))
		return GL_ENOMEM;
	memcpy(e->key, key, len);
	e->len = len;
	e->line = line;
	t->n++;
	return GL_OK;
}

static void seen_finish(struct seen_results *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->slot[i].key);
	free(t->slot);
	memset(t, 0, sizeof *t);
}

struct survey_csv {
	const struct gl_import_sink *k;
	struct gl_import_summary *sum;
	const char *name;
	int idx[NCOLS];
	struct csv_table table;
	struct id_set schools;
	struct seen_results seen;
	struct gl_str f[NCOLS], scratch, key;
};

static enum gl_status survey_row(void *ctx, const struct csv_row *row, struct gl_error *err)
{
	struct survey_csv *c = ctx;
	bool is_header;
	enum gl_status st = csv_table_row(&c->table, row, c->f, &c->scratch, &is_header, err);
	if (st != GL_OK || is_header)
		return st;
	for (int i = 0; i < NCOLS; i++) {
		if (c->f[i].len == 0 && survey_columns[i].required)
			return gl_error_set_at(err, GL_EFORMAT, c->name, row->line, _("no %s"),
				column_label[i]);
	}
	long long year, n = -1;
	double value;
	if (!text_parse_int(c->f[COL_YEAR].buf, 1900, 2200, &year))
		return gl_error_set_at(err, GL_EFORMAT, c->name, row->line,
			_("'%s' is not a year"), c->f[COL_YEAR].buf);
	if (!text_parse_decimal(c->f[COL_VALUE].buf, &value))
		return gl_error_set_at(err, GL_EFORMAT, c->name, row->line,
			_("'%s' is not a number (write 7,9 or 7.9)"), c->f[COL_VALUE].buf);
	if (c->f[COL_N].len && !text_parse_int(c->f[COL_N].buf, 0, INT64_MAX, &n))
		return gl_error_set_at(err, GL_EFORMAT, c->name, row->line,
			_("'%s' is not a number of respondents"), c->f[COL_N].buf);
	struct gl_survey_result r = { 0 };
	if ((st = c->k->ops->group(c->k->ctx, c->f[COL_GROUP].buf, &r.group_id, err)) != GL_OK)
		return import_error_at(err, st, c->name, row->line);
	if ((st = c->k->ops->school(c->k->ctx, c->f[COL_SCHOOL].buf, &r.school_id, err)) != GL_OK)
		return import_error_at(err, st, c->name, row->line);
	r.survey = c->f[COL_SURVEY].buf;
	r.year = (int)year;
	r.item = c->f[COL_ITEM].buf;
	r.value = value;
	r.n = n;
	/* The key as the project's UNIQUE constraint has it: ids, and the texts as they are. */
	gl_str_clear(&c->key);
	gl_str_printf(&c->key, "%lld %lld %d %zu:", (long long)r.school_id, (long long)r.group_id,
		r.year, c->f[COL_SURVEY].len);
	gl_str_append(&c->key, c->f[COL_SURVEY].buf, c->f[COL_SURVEY].len);
	if (gl_str_append(&c->key, c->f[COL_ITEM].buf, c->f[COL_ITEM].len) != GL_OK)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	long first;
	if (seen_add(&c->seen, c->key.buf, c->key.len, row->line, &first) != GL_OK)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	if (first)
		return gl_error_set_at(err, GL_EFORMAT, c->name, row->line,
			_("the result for %s, %s %d, %s, '%s' is listed twice (first on line %ld)"),
			c->f[COL_SCHOOL].buf, r.survey, r.year, c->f[COL_GROUP].buf, r.item, first);
	enum gl_import_outcome out;
	if ((st = c->k->ops->survey(c->k->ctx, &r, &out, err)) != GL_OK)
		return import_error_at(err, st, c->name, row->line);
	c->sum->results++;
	if (out == GL_IMPORT_UPDATED)
		c->sum->results_updated++;
	else if (out == GL_IMPORT_UNCHANGED)
		c->sum->results_unchanged++;
	if (id_set_add(&c->schools, r.school_id, NULL) != GL_OK)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	return GL_OK;
}

enum gl_status import_survey_stream(const struct gl_import_sink *k, FILE *fp, const char *name,
	struct gl_import_summary *sum, struct gl_error *err)
{
	struct survey_csv c = { .k = k, .sum = sum, .name = name };
	c.table = (struct csv_table){ name, survey_columns, NCOLS, c.idx, 0, 0, 0 };
	struct csv_info info;
	enum gl_status st = csv_read(fp, name, survey_row, &c, &info, err);
	if (st == GL_OK && c.table.rows == 0)
		st = gl_error_set_at(err, GL_EFORMAT, name, c.table.header_line,
			_("a header line but no survey results below it"));
	sum->result_schools += (long)c.schools.n;
	id_set_finish(&c.schools);
	seen_finish(&c.seen);
	gl_str_finish(&c.key);
	for (int i = 0; i < NCOLS; i++)
		gl_str_finish(&c.f[i]);
	gl_str_finish(&c.scratch);
	return st;
}

enum gl_status gl_import_survey_sink(const struct gl_import_sink *k, const char *path,
	struct gl_import_summary *sum, struct gl_error *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return gl_error_set_at(err, errno == ENOENT ? GL_ENOTFOUND : GL_EIO, path, 0,
			_("cannot open the file: %s"), strerror(errno));
	enum gl_status st = import_survey_stream(k, fp, path, sum, err);
	fclose(fp);
	return st;
}
