/* Importing a workshop's ballots from CSV (participant, order), all or nothing. */
#include "import_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/ranking.h"
#include "genomlys/utf8.h"

enum { COL_PARTICIPANT, COL_ORDER, NCOLS };

static const struct csv_column ballot_columns[NCOLS] = {
	[COL_PARTICIPANT] = { { "participant", "deltagare", "name", "namn", NULL }, true },
	[COL_ORDER] = { { "order", "ordning", "ranking", "rangordning", NULL }, true },
};

struct ballots_csv {
	struct gl_store *s;
	int64_t round_id;
	const struct gl_area *areas;
	size_t n;
	const char *name;
	int idx[NCOLS];
	struct csv_table table;
	int *rank;
	int64_t *ids;
	char **keys;    /* participants seen, case-folded */
	long *lines;
	size_t nkeys;
	long *replaced;
	struct gl_str f[NCOLS], scratch, key;
};

static enum gl_status ballot_row(void *ctx, const struct csv_row *row, struct gl_error *err)
{
	struct ballots_csv *c = ctx;
	bool is_header;
	enum gl_status st = csv_table_row(&c->table, row, c->f, &c->scratch, &is_header, err);
	if (st != GL_OK || is_header)
		return st;
	const char *who = gl_str_cstr(&c->f[COL_PARTICIPANT]);
	if (!c->f[COL_PARTICIPANT].len)
		return gl_error_set_at(err, GL_EFORMAT, c->name, row->line, _("no participant"));
	if (gl_utf8_fold(who, c->f[COL_PARTICIPANT].len, &c->key) != GL_OK)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	for (size_t i = 0; i < c->nkeys; i++)
		if (!strcmp(c->keys[i], gl_str_cstr(&c->key)))
			return gl_error_set_at(err, GL_EFORMAT, c->name, row->line, _("%s has a ballot "
				"already (line %ld): one ballot per participant"), who, c->lines[i]);
	char **k = realloc(c->keys, (c->nkeys + 1) * sizeof *k);
	long *l = k ? realloc(c->lines, (c->nkeys + 1) * sizeof *l) : NULL;
	if (k)
		c->keys = k;
	if (l)
		c->lines = l;
	if (!k || !l || !(c->keys[c->nkeys] = gl_strdup(gl_str_cstr(&c->key))))
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	c->lines[c->nkeys++] = row->line;
	if ((st = gl_rank_order_ranks(gl_str_cstr(&c->f[COL_ORDER]), c->areas, c->n, c->rank,
		err)) != GL_OK)
		return import_error_at(err, st, c->name, row->line);
	bool replaced = false;
	if ((st = gl_store_ballot_set(c->s, c->round_id, who, c->ids, c->rank, c->n, &replaced,
		err)) != GL_OK)
		return import_error_at(err, st, c->name, row->line);
	if (replaced)
		(*c->replaced)++;
	return GL_OK;
}

enum gl_status gl_import_ballots(struct gl_store *s, int64_t round_id, const char *path,
	long *ballots, long *replaced, struct gl_error *err)
{
	*ballots = *replaced = 0;
	struct gl_round r;
	enum gl_status st = gl_store_round_get(s, round_id, &r, err);
	if (st != GL_OK)
		return st;
	struct ballots_csv c = { .s = s, .round_id = round_id, .name = path, .replaced = replaced };
	struct gl_area *areas = NULL;
	FILE *fp = NULL;
	if ((st = gl_store_areas(s, r.school_id, &areas, &c.n, err)) != GL_OK)
		goto out;
	c.areas = areas;
	if (c.n == 0) {
		st = gl_error_set(err, GL_EINVAL, _("this level has no development areas to rank"));
		goto out;
	}
	c.rank = calloc(c.n, sizeof *c.rank);
	c.ids = calloc(c.n, sizeof *c.ids);
	if (!c.rank || !c.ids) {
		st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		goto out;
	}
	for (size_t i = 0; i < c.n; i++)
		c.ids[i] = areas[i].id;
	fp = fopen(path, "rb");
	if (!fp) {
		st = gl_error_set_at(err, errno == ENOENT ? GL_ENOTFOUND : GL_EIO, path, 0,
			_("cannot open the file: %s"), strerror(errno));
		goto out;
	}
	c.table = (struct csv_table){ path, ballot_columns, NCOLS, c.idx, 0, 0, 0 };
	struct csv_info info;
	if ((st = gl_store_begin(s, err)) != GL_OK)
		goto out;
	st = csv_read(fp, path, ballot_row, &c, &info, err);
	if (st == GL_OK && c.table.rows == 0)
		st = gl_error_set_at(err, GL_EFORMAT, path, c.table.header_line,
			_("a header line but no ballots below it"));
	if (st == GL_OK)
		st = gl_store_commit(s, err);
	else
		gl_store_rollback(s);
	if (st == GL_OK)
		*ballots = c.table.rows;
	else
		*replaced = 0;
out:
	if (fp)
		fclose(fp);
	gl_areas_free(areas, c.n);
	gl_names_free(c.keys, c.nkeys);
	free(c.lines);
	free(c.rank);
	free(c.ids);
	for (int i = 0; i < NCOLS; i++)
		gl_str_finish(&c.f[i]);
	gl_str_finish(&c.scratch);
	gl_str_finish(&c.key);
	gl_round_finish(&r);
	return st;
}
