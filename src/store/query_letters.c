/* Queries about one letter: its codings, a coder's classifications of it, memos. */
#include "genomlys/queries.h"

#include "store_internal.h"

enum gl_status gl_query_letter_codings(struct gl_store *s, int64_t document_id,
	int64_t coder_id, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	return db_read(s,
		"SELECT k.id, k.code_id, k.coder_id, k.start, k.end,"
		" CASE WHEN p.id IS NULL THEN c.name ELSE p.name || ' > ' || c.name END AS code,"
		" c.name, r.name AS coder, coalesce(c.color, p.color) AS color, k.memo, k.created_at"
		" FROM codings k JOIN codes c ON c.id = k.code_id LEFT JOIN codes p ON p.id = c.parent_id"
		" JOIN coders r ON r.id = k.coder_id"
		" WHERE k.document_id = ?1 AND (?2 <= 0 OR k.coder_id = ?2)"
		" ORDER BY k.start, k.end DESC, k.id", DB_ARGS(DB_INT(document_id), DB_INT(coder_id)),
		fn, ctx, err);
}

static int class_row(void *ctx, const struct gl_row *row)
{
	struct gl_str *out = ctx;
	if (row->values[0].type != GL_VAL_TEXT || row->values[1].type != GL_VAL_TEXT)
		return 0;
	gl_str_printf(out, "%s%s: %s", out->len ? " · " : "", row->values[0].s, row->values[1].s);
	return 0;
}

enum gl_status gl_query_letter_notes(struct gl_store *s, int64_t document_id,
	int64_t coder_id, struct gl_str *classes, int64_t *memos, struct gl_error *err)
{
	gl_str_clear(classes);
	*memos = 0;
	enum gl_status ret = db_read(s,
		"SELECT c.name, v.name FROM classifications k JOIN codes c ON c.id = k.category_id"
		" JOIN codes v ON v.id = k.value_code_id WHERE k.document_id = ?1 AND k.coder_id = ?2"
		" ORDER BY c.name COLLATE " DB_COLLATION ", c.id",
		DB_ARGS(DB_INT(document_id), DB_INT(coder_id)), class_row, classes, err);
	if (ret == GL_OK)
		ret = db_read_int(s, "SELECT count(*) FROM memos WHERE target = 'document' AND "
			"target_id = ?1", DB_ARGS(DB_INT(document_id)), memos, err);
	return ret;
}

enum gl_status gl_query_memos(struct gl_store *s, const char *target, int64_t target_id,
	gl_row_fn fn, void *ctx, struct gl_error *err)
{
	return db_read(s,
		"SELECT m.id, r.name AS coder, m.text, m.created_at FROM memos m"
		" LEFT JOIN coders r ON r.id = m.coder_id WHERE m.target = ?1 AND m.target_id = ?2"
		" ORDER BY m.id", DB_ARGS(DB_TEXT(target), DB_INT(target_id)), fn, ctx, err);
}
