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

struct survey_csv {
	const struct gl_import_sink *k;
	struct gl_import_summary *sum;
	const char *name;
	int idx[NCOLS];
	struct csv_table table;
	struct id_set schools;
	/* the results given so far, by their key (school, survey, year, group, item), and the
	 * line each came from: the same result listed twice is refused */
	struct key_ids seen;
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
	int64_t first;
	if (key_ids_get(&c->seen, c->key.buf, c->key.len, &first))
		return gl_error_set_at(err, GL_EFORMAT, c->name, row->line,
			_("the result for %s, %s %d, %s, '%s' is listed twice (first on line %ld)"),
			c->f[COL_SCHOOL].buf, r.survey, r.year, c->f[COL_GROUP].buf, r.item, (long)first);
	if (key_ids_put(&c->seen, c->key.buf, c->key.len, row->line) != GL_OK)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
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
	key_ids_finish(&c.seen);
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
