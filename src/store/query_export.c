/* Queries of the export: every coding with what a reader of the workbook needs, in one pass. */
#include "genomlys/queries.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

/* ---- The Quotes sheet's rows ---- */

/* A small table read whole (codes, coders, schools, groups), by id: up to three texts each. */
struct named {
	int64_t id;
	char *t[3];
	size_t len[3];
};

struct named_list {
	struct named *v;
	size_t n, cap;
	int ntexts;
};

static int named_row(void *ctx, const struct gl_row *r)
{
	struct named_list *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct named *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return 1;
		l->v = v;
		l->cap = cap;
	}
	struct named *e = &l->v[l->n];
	memset(e, 0, sizeof *e);
	e->id = r->values[0].i;
	l->n++;
	for (int i = 0; i < l->ntexts && i + 1 < r->ncols; i++) {
		const struct gl_value *v = &r->values[i + 1];
		if (v->type == GL_VAL_NULL)
			continue;
		if (!(e->t[i] = malloc(v->len + 1)))
			return 1;
		memcpy(e->t[i], v->s, v->len);
		e->t[i][v->len] = '\0';
		e->len[i] = v->len;
	}
	return 0;
}

static void named_free(struct named_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		for (int k = 0; k < 3; k++)
			free(l->v[i].t[k]);
	free(l->v);
}

/* By id (the rows were read in the order of their ids). */
static const struct named *named_find(const struct named_list *l, int64_t id)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n && l->v[lo].id == id ? &l->v[lo] : NULL;
}

static enum gl_status named_load(struct gl_store *s, const char *sql, int ntexts,
	struct named_list *l, struct gl_error *err)
{
	l->ntexts = ntexts;
	enum gl_status st = db_read(s, sql, NULL, named_row, l, err);
	return st == GL_ECANCELLED ? gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM))
		: st;
}

struct quote_coding {
	int64_t id, code_id, coder_id, start, end;
	size_t memo;   /* offset into the memos' buffer + 1; 0: no memo */
	size_t memo_len;
};

static int by_start_id(const void *a, const void *b)
{
	const struct quote_coding *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static int by_id_only(const void *a, const void *b)
{
	const struct quote_coding *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* Past n characters of z (at most to its end), counted as SQLite's substr() counts them: a
 * lead byte and the continuation bytes after it. */
static const char *skip_chars(const char *z, const char *end, int64_t n)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	while (n > 0 && z < end && *z) {
		/* Eight bytes at a time, none of them NUL, made of whole characters: each byte but
		 * a continuation byte (10xxxxxx) starts one. The loop below counts a continuation
		 * byte as a character of its own where its run follows an ASCII byte (not valid
		 * UTF-8, but SQLite counts so): such words, and those that end inside a character,
		 * go byte by byte. */
		while (n >= 8 && end - z > 8) {
			uint64_t w;
			memcpy(&w, z, 8);
			uint64_t cont = w & ~(w << 1) & high, ascii = ~w & high;
			if (((w - ones) & ~w & high) || (cont & 0x80) || ((ascii << 8) & cont) ||
				((unsigned char)z[8] & 0xc0) == 0x80)
				break;
			z += 8;  /* at most eight characters, and n >= 8 */
			n -= 8 - (int64_t)(((cont >> 7) * ones) >> 56);  /* less the continuations */
		}
		if (n == 0 || z >= end || !*z)
			break;
		if ((unsigned char)*z++ >= 0xc0)
			while (z < end && ((unsigned char)*z & 0xc0) == 0x80)
				z++;
		n--;
	}
	return z;
}

static const char *const quote_names[] = { "id", "code", "category", "school_id", "school",
	"group_id", "group_key", "group_sv", "group_en", "author", "author_n", "letter", "title",
	"quote", "coder", "memo" };
enum { Q_ID, Q_CODE, Q_CATEGORY, Q_SCHOOL_ID, Q_SCHOOL, Q_GROUP_ID, Q_GROUP_KEY, Q_GROUP_SV,
	Q_GROUP_EN, Q_AUTHOR, Q_AUTHOR_N, Q_LETTER, Q_TITLE, Q_QUOTE, Q_CODER, Q_MEMO, Q_COUNT };

static void set_int(struct gl_value *v, int64_t i)
{
	*v = (struct gl_value){ .type = GL_VAL_INT, .i = i, .r = (double)i };
}

static void set_text(struct gl_value *v, const char *t, size_t len)
{
	*v = t ? (struct gl_value){ .type = GL_VAL_TEXT, .s = t, .len = len }
		: (struct gl_value){ .type = GL_VAL_NULL };
}

static void set_column(struct gl_value *v, sqlite3_stmt *st, int c)
{
	switch (sqlite3_column_type(st, c)) {
	case SQLITE_NULL:
		*v = (struct gl_value){ .type = GL_VAL_NULL };
		break;
	case SQLITE_INTEGER:
		set_int(v, sqlite3_column_int64(st, c));
		break;
	case SQLITE_FLOAT:
		*v = (struct gl_value){ .type = GL_VAL_REAL, .r = sqlite3_column_double(st, c) };
		break;
	default: {
		const char *t = (const char *)sqlite3_column_text(st, c);
		set_text(v, t ? t : "", (size_t)sqlite3_column_bytes(st, c));
	}
	}
}

enum gl_status gl_query_export_codings(struct gl_store *s, int64_t school_id, gl_row_fn fn,
	void *ctx, struct gl_error *err)
{
	/* Two statements stepped once each, no paging and no join per coding: the letters (with
	 * a coding) in the order of their ids, and for each its codings through their index,
	 * sorted here by start. A letter's text is read once, and each quote cut from it here, in
	 * the order of the starts (SQLite's substr() read the whole text again for every quote).
	 * The code's path, the coder, the school and the group come from small tables read once.
	 * author_n is the author's stored number (schema step 11), as gl_store_author_pseudonym
	 * reads it. The rows are those of the join this replaced, byte for byte. */
	struct named_list codes = { 0 }, coders = { 0 }, schools = { 0 }, groups = { 0 };
	struct quote_coding *cv = NULL;
	size_t cn = 0, ccap = 0;
	struct gl_str memos = GL_STR_INIT, quote = GL_STR_INIT;
	sqlite3_stmt *letters = NULL, *codings = NULL, *memo_rows = NULL;
	enum gl_status st = named_load(s,
		"WITH RECURSIVE tree(id, path, root) AS ("
		" SELECT id, name, name FROM codes WHERE ifnull(parent_id, 0) = 0"
		" UNION ALL SELECT k.id, t.path || ' > ' || k.name, t.root"
		" FROM tree t JOIN codes k ON ifnull(k.parent_id, 0) = +t.id)"
		" SELECT c.id, ifnull(t.path, c.name), ifnull(t.root, c.name) FROM codes c"
		" LEFT JOIN tree t ON t.id = c.id ORDER BY c.id", 2, &codes, err);
	if (st == GL_OK)
		st = named_load(s, "SELECT id, name FROM coders ORDER BY id", 1, &coders, err);
	if (st == GL_OK)
		st = named_load(s, "SELECT id, name FROM schools ORDER BY id", 1, &schools, err);
	if (st == GL_OK)
		st = named_load(s, "SELECT id, key, name_sv, name_en FROM groups ORDER BY id", 3,
			&groups, err);
	if (st == GL_OK)
		st = db_statement(s, "SELECT d.id, d.school_id, d.group_id, d.author, d.author_n,"
			" d.title, d.text FROM documents d WHERE (?1 = 0 OR +d.school_id = ?1)"
			" AND EXISTS (SELECT 1 FROM codings k WHERE k.document_id = d.id) ORDER BY d.id",
			DB_ARGS(DB_INT(school_id)), false, &letters, err);
	if (st == GL_OK)
		st = db_statement(s, "SELECT id, code_id, coder_id, start, end FROM codings"
			" WHERE document_id = ?1",
			DB_ARGS(DB_INT(0)), false, &codings, err);
	if (st == GL_OK)
		st = db_statement(s, "SELECT id, memo FROM codings"
			" WHERE document_id = ?1 AND memo IS NOT NULL",
			DB_ARGS(DB_INT(0)), false, &memo_rows, err);
	struct gl_value vals[Q_COUNT];
	struct gl_row row = { Q_COUNT, quote_names, vals };
	int rc = SQLITE_DONE;
	while (st == GL_OK && (rc = sqlite3_step(letters)) == SQLITE_ROW) {
		int64_t letter = sqlite3_column_int64(letters, 0);
		const struct named *school = named_find(&schools, sqlite3_column_int64(letters, 1));
		const struct named *group = named_find(&groups, sqlite3_column_int64(letters, 2));
		if (!school || !group)
			continue;
		/* the letter's codings, sorted by start (and id) */
		cn = 0;
		gl_str_clear(&memos);
		sqlite3_reset(codings);
		if (sqlite3_bind_int64(codings, 1, letter) != SQLITE_OK) {
			st = db_error(s, err, _("cannot read the project"));
			break;
		}
		while ((rc = sqlite3_step(codings)) == SQLITE_ROW) {
			if (cn == ccap) {
				size_t cap = ccap ? ccap * 2 : 64;
				struct quote_coding *v = realloc(cv, cap * sizeof *v);
				if (!v) {
					rc = SQLITE_NOMEM;
					break;
				}
				cv = v;
				ccap = cap;
			}
			cv[cn++] = (struct quote_coding){ sqlite3_column_int64(codings, 0),
				sqlite3_column_int64(codings, 1), sqlite3_column_int64(codings, 2),
				sqlite3_column_int64(codings, 3), sqlite3_column_int64(codings, 4), 0, 0 };
		}
		/* the memos of those that have one (codings_memo), by id */
		if (rc == SQLITE_DONE && cn > 0) {
			sqlite3_reset(memo_rows);
			if (sqlite3_bind_int64(memo_rows, 1, letter) != SQLITE_OK) {
				st = db_error(s, err, _("cannot read the project"));
				break;
			}
			bool by_id = false;
			while ((rc = sqlite3_step(memo_rows)) == SQLITE_ROW) {
				if (!by_id) {
					qsort(cv, cn, sizeof *cv, by_id_only);
					by_id = true;
				}
				struct quote_coding key = { .id = sqlite3_column_int64(memo_rows, 0) };
				struct quote_coding *c = bsearch(&key, cv, cn, sizeof *cv, by_id_only);
				const char *memo = (const char *)sqlite3_column_text(memo_rows, 1);
				if (!c || !memo)
					continue;
				c->memo = memos.len + 1;
				c->memo_len = (size_t)sqlite3_column_bytes(memo_rows, 1);
				if (gl_str_append(&memos, memo, c->memo_len) != GL_OK ||
					gl_str_putc(&memos, '\0') != GL_OK) {
					rc = SQLITE_NOMEM;
					break;
				}
			}
		}
		if (rc == SQLITE_NOMEM) {
			st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
			break;
		}
		if (rc != SQLITE_DONE) {
			st = db_error(s, err, _("cannot read the project"));
			break;
		}
		qsort(cv, cn, sizeof *cv, by_start_id);
		/* what the letter's rows share */
		set_int(&vals[Q_SCHOOL_ID], school->id);
		set_text(&vals[Q_SCHOOL], school->t[0], school->len[0]);
		set_int(&vals[Q_GROUP_ID], group->id);
		set_text(&vals[Q_GROUP_KEY], group->t[0], group->len[0]);
		set_text(&vals[Q_GROUP_SV], group->t[1], group->len[1]);
		set_text(&vals[Q_GROUP_EN], group->t[2], group->len[2]);
		set_column(&vals[Q_AUTHOR], letters, 3);
		set_column(&vals[Q_AUTHOR_N], letters, 4);
		set_int(&vals[Q_LETTER], letter);
		set_column(&vals[Q_TITLE], letters, 5);
		const char *text = (const char *)sqlite3_column_text(letters, 6);
		const char *text_end = text + sqlite3_column_bytes(letters, 6);
		const char *at = text;  /* character `pos` of the text */
		int64_t pos = 0;
		for (size_t i = 0; st == GL_OK && i < cn; i++) {
			const struct quote_coding *c = &cv[i];
			const struct named *code = named_find(&codes, c->code_id);
			const struct named *coder = named_find(&coders, c->coder_id);
			if (!code || !coder)
				continue;
			/* substr(text, start + 1, end - start): the starts only grow */
			if (text && c->start > pos) {
				at = skip_chars(at, text_end, c->start - pos);
				pos = c->start;
			}
			const char *q = text && c->start >= 0 ? at : text;
			const char *q_end = text ? skip_chars(q, text_end, c->end - c->start) : NULL;
			gl_str_clear(&quote);
			if (q && gl_str_append(&quote, q, (size_t)(q_end - q)) != GL_OK) {
				st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
				break;
			}
			set_int(&vals[Q_ID], c->id);
			set_text(&vals[Q_CODE], code->t[0], code->len[0]);
			set_text(&vals[Q_CATEGORY], code->t[1], code->len[1]);
			set_text(&vals[Q_QUOTE], text ? gl_str_cstr(&quote) : NULL, quote.len);
			set_text(&vals[Q_CODER], coder->t[0], coder->len[0]);
			set_text(&vals[Q_MEMO], c->memo ? memos.buf + c->memo - 1 : NULL, c->memo_len);
			if (fn(ctx, &row) != 0)
				st = GL_ECANCELLED;
		}
	}
	if (st == GL_OK && rc != SQLITE_DONE)
		st = db_error(s, err, _("cannot read the project"));
	if (memo_rows)
		db_release(s, memo_rows);
	if (codings)
		db_release(s, codings);
	if (letters)
		db_release(s, letters);
	free(cv);
	gl_str_finish(&memos);
	gl_str_finish(&quote);
	named_free(&codes);
	named_free(&coders);
	named_free(&schools);
	named_free(&groups);
	return st;
}

enum gl_status gl_query_export_material(struct gl_store *s, int64_t school_id, gl_row_fn fn,
	void *ctx, struct gl_error *err)
{
	/* The codings of a kind: all of them when the whole project is asked for and has no
	 * other kind (the usual case: the coding counts the triggers keep per code, code_usage,
	 * instead of a letter's row for every coding, which read much of the file, or a count of
	 * an index, 9 ms at municipality scale) */
	return db_read(s,
		"SELECT d.kind, count(*) AS documents, min(d.date) AS first, max(d.date) AS last,"
		" CASE WHEN ?1 = 0 AND NOT EXISTS (SELECT 1 FROM documents o INDEXED BY documents_list"
		"  WHERE o.kind <> d.kind) THEN (SELECT ifnull(sum(u.codings), 0) FROM code_usage u"
		"  JOIN codes c ON c.id = u.code_id)"
		" ELSE (SELECT count(*) FROM codings k JOIN documents e ON e.id = k.document_id"
		"  WHERE e.kind = d.kind AND (?1 = 0 OR e.school_id = ?1)) END AS codings"
		" FROM documents d WHERE (?1 = 0 OR d.school_id = ?1)"
		" GROUP BY d.kind ORDER BY d.kind",
		DB_ARGS(DB_INT(school_id)), fn, ctx, err);
}

enum gl_status gl_query_export_coders(struct gl_store *s, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	/* GL_LIST_CODERS's order; its count of each coder's codings read the codings' index */
	return db_read(s, "SELECT r.id, r.name FROM coders r ORDER BY r.name COLLATE "
		DB_COLLATION ", r.id", NULL, fn, ctx, err);
}

enum gl_status gl_query_export_groups(struct gl_store *s, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	return db_read(s, "SELECT id, key, name_sv, name_en FROM groups ORDER BY sort, id", NULL,
		fn, ctx, err);
}

enum gl_status gl_query_export_survey(struct gl_store *s, int64_t school_id, gl_row_fn fn,
	void *ctx, struct gl_error *err)
{
	return db_read(s,
		"SELECT v.survey, v.year, v.group_id, g.name_sv AS group_sv, g.name_en AS group_en,"
		" v.school_id, s.name AS school, v.item, v.value, v.n, m.mean FROM survey_results v"
		/* the municipal means from the index survey_results_set (grouped in its order:
		 * the window function over every row's copy sorted and summed the same values in
		 * the same order, at twice the cost) */
		" JOIN (SELECT survey, year, group_id, item, " GL_SQL_MUNICIPAL_MEAN("value") " AS mean FROM survey_results"
		"  GROUP BY survey, year, group_id, item) m ON m.survey = v.survey"
		"  AND m.year = v.year AND m.group_id = v.group_id AND m.item = v.item"
		/* the schools in the order of their names, ranked once: sorting the results by
		 * the name compared them with the collation (ICU) for every pair of rows */
		" JOIN (SELECT id, name, row_number() OVER (ORDER BY name COLLATE " DB_COLLATION
		", id) AS rank FROM schools) s ON s.id = v.school_id"
		" JOIN groups g ON g.id = v.group_id"
		" WHERE (?1 = 0 OR v.school_id = ?1)"
		" ORDER BY v.year DESC, v.survey, g.sort, g.id, s.rank, v.id",
		DB_ARGS(DB_INT(school_id)), fn, ctx, err);
}

enum gl_status gl_query_export_author(struct gl_store *s, int64_t document_id,
	struct gl_str *out, struct gl_error *err)
{
	return db_read_text(s, "SELECT trim(author) FROM documents WHERE id = ?1"
		" AND trim(author) <> ''", DB_ARGS(DB_INT(document_id)), out, err);
}
