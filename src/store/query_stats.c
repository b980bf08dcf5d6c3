/* Queries of the analysis (stats.h builds its figures on them): read progress, codings per code
 * and letter, spans, the letters every selected coder has read, classifications. */
#include "genomlys/queries.h"

#include <inttypes.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

/* "AND <col> IN (1,2,3)" for a coder filter (ids are numbers: nothing from a user in the SQL
 * text); nothing when there are no coders. */
static enum gl_status coder_clause(struct gl_str *sql, const char *col,
	const struct gl_query_stats_filter *f)
{
	if (!f || !f->ncoders || f->coders_in_c)
		return GL_OK;
	gl_str_printf(sql, " AND %s IN (", col);
	for (size_t i = 0; i < f->ncoders; i++)
		gl_str_printf(sql, "%s%" PRId64, i ? "," : "", f->coders[i]);
	return gl_str_puts(sql, ")");
}

static enum gl_status run(struct gl_store *s, struct gl_str *sql, const struct db_arg *args,
	gl_row_fn fn, void *ctx, struct gl_error *err)
{
	enum gl_status st = sql->buf ? db_read(s, gl_str_cstr(sql), args, fn, ctx, err) :
		gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	gl_str_finish(sql);
	return st;
}

enum gl_status gl_query_read_progress(struct gl_store *s, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	/* Both counts from the tables the triggers keep (schema steps 8 and 10): counting
	 * letter_reads and documents read 300,000 index entries at region scale on every reload
	 * of the letters pane. */
	return db_read(s, "SELECT r.id AS coder_id, r.name AS coder,"
		" ifnull((SELECT letters FROM coder_reads c WHERE c.coder_id = r.id), 0) AS read,"
		" (SELECT ifnull(sum(letters), 0) FROM letter_counts) AS letters"
		" FROM coders r ORDER BY r.name COLLATE " DB_COLLATION ", r.id", NULL, fn, ctx, err);
}

enum gl_status gl_query_letter_readers(struct gl_store *s, int64_t document_id,
	gl_row_fn fn, void *ctx, struct gl_error *err)
{
	return db_read(s, "SELECT r.id AS coder_id, r.name AS coder FROM letter_reads l"
		" JOIN coders r ON r.id = l.coder_id WHERE l.document_id = ?1"
		" ORDER BY r.name COLLATE " DB_COLLATION ", r.id", DB_ARGS(DB_INT(document_id)),
		fn, ctx, err);
}

enum gl_status gl_query_letter_population(struct gl_store *s,
	const struct gl_query_stats_filter *f, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	return db_read(s, "SELECT school_id, group_id, count(*) AS letters FROM documents"
		" WHERE (?1 IS NULL OR kind = ?1) AND (?2 <= 0 OR school_id = ?2)"
		" GROUP BY school_id, group_id",
		DB_ARGS(DB_TEXT(f ? f->kind : NULL), DB_INT(f ? f->school_id : 0)), fn, ctx, err);
}

enum gl_status gl_query_code_letter_counts(struct gl_store *s,
	const struct gl_query_stats_filter *f, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	/* The codings' unique index (document_id, code_id, coder_id, start, end) holds every
	 * column: one scan in letter order, no table row and no sort. A coder filter must not
	 * turn it into a search of codings_coder and a table row per coding (hence the '+'). */
	struct gl_str sql = GL_STR_INIT;
	gl_str_puts(&sql, "SELECT k.code_id, k.document_id, count(*) AS codings FROM codings k"
		" WHERE 1");
	coder_clause(&sql, "+k.coder_id", f);
	gl_str_puts(&sql, " GROUP BY k.document_id, k.code_id ORDER BY k.document_id, k.code_id");
	return run(s, &sql, NULL, fn, ctx, err);
}

enum gl_status gl_query_coding_spans(struct gl_store *s, const struct gl_query_stats_filter *f,
	gl_row_fn fn, void *ctx, struct gl_error *err)
{
	struct gl_str sql = GL_STR_INIT;
	gl_str_puts(&sql, "SELECT k.document_id, k.code_id, k.coder_id, k.start, k.end"
		" FROM codings k WHERE 1");
	coder_clause(&sql, "+k.coder_id", f);
	gl_str_puts(&sql, " ORDER BY k.document_id, k.code_id, k.coder_id, k.start, k.end");
	return run(s, &sql, NULL, fn, ctx, err);
}

enum gl_status gl_query_stats_letters(struct gl_store *s, const struct gl_query_stats_filter *f,
	gl_row_fn fn, void *ctx, struct gl_error *err)
{
	/* documents_list covers these columns: the letters' text is not read */
	return db_read(s, "SELECT id, school_id, group_id, length FROM documents"
		" WHERE (?1 IS NULL OR kind = ?1) AND (?2 <= 0 OR school_id = ?2) ORDER BY id",
		DB_ARGS(DB_TEXT(f ? f->kind : NULL), DB_INT(f ? f->school_id : 0)), fn, ctx, err);
}

enum gl_status gl_query_stats_reads(struct gl_store *s, const struct gl_query_stats_filter *f,
	gl_row_fn fn, void *ctx, struct gl_error *err)
{
	struct gl_str sql = GL_STR_INIT;
	gl_str_puts(&sql, "SELECT document_id, coder_id FROM letter_reads WHERE 1");
	coder_clause(&sql, "+coder_id", f);
	gl_str_puts(&sql, " ORDER BY document_id, coder_id");
	return run(s, &sql, NULL, fn, ctx, err);
}

enum gl_status gl_query_stats_classifications(struct gl_store *s,
	const struct gl_query_stats_filter *f, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	struct gl_str sql = GL_STR_INIT;
	/* every kind: the caller keeps its kind's letters (a join would read each letter's row) */
	gl_str_puts(&sql, "SELECT c.category_id, c.document_id, c.coder_id, c.value_code_id,"
		" v.value FROM classifications c JOIN codes v ON v.id = c.value_code_id WHERE 1");
	coder_clause(&sql, "c.coder_id", f);
	gl_str_puts(&sql, " ORDER BY c.category_id, c.document_id, c.coder_id");
	return run(s, &sql, NULL, fn, ctx, err);
}

enum gl_status gl_query_suggestion_used(struct gl_store *s, int64_t school_id,
	int64_t survey_result_id, int64_t code_id, const char *title, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	/* the survey value or one of the school's codings of the code as evidence of one of the
	 * school's findings, or a finding of the school with the suggestion's title */
	return db_read(s, "SELECT u.id, f.title FROM (SELECT id FROM ("
		" SELECT f.id FROM finding_surveys x JOIN findings f ON f.id = x.finding_id"
		"  WHERE ?2 > 0 AND x.survey_result_id = ?2 AND f.school_id IS ?1"
		" UNION ALL SELECT f.id FROM codings k JOIN finding_codings x ON x.coding_id = k.id"
		"  JOIN findings f ON f.id = x.finding_id JOIN documents d ON d.id = k.document_id"
		"  WHERE ?3 > 0 AND k.code_id = ?3 AND d.school_id = ?1 AND f.school_id IS ?1"
		" UNION ALL SELECT id FROM findings WHERE school_id IS ?1 AND title = ?4) LIMIT 1) u"
		" JOIN findings f ON f.id = u.id",
		DB_ARGS(DB_INT(school_id), DB_INT(survey_result_id), DB_INT(code_id),
		DB_TEXT(title)), fn, ctx, err);
}
