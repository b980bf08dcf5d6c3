/* Queries about one letter: its codings, its classifications, memos. */
#include "genomlys/queries.h"

#include "store_internal.h"

enum gl_status gl_query_letter_codings(struct gl_store *s, int64_t document_id,
	int64_t coder_id, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	/* each code's whole path, walked up from the codes of this letter only; its colour, else
	 * its nearest ancestor's */
	return db_read(s,
		"WITH RECURSIVE up(code, id, path, color, depth) AS ("
		" SELECT c.id, c.parent_id, c.name, c.color, 1 FROM codes c"
		" WHERE c.id IN (SELECT code_id FROM codings WHERE document_id = ?1)"
		" UNION ALL SELECT up.code, p.parent_id, p.name || ' > ' || up.path,"
		" coalesce(up.color, p.color), up.depth + 1 FROM up JOIN codes p ON p.id = up.id"
		" WHERE up.depth < " GL_STR(GL_CODE_MAX_DEPTH) ")"
		" SELECT k.id, k.code_id, k.coder_id, k.start, k.end, u.path AS code,"
		" c.name, r.name AS coder, u.color AS color, k.memo, k.created_at"
		" FROM codings k JOIN codes c ON c.id = k.code_id"
		" JOIN up u ON u.code = k.code_id AND u.id IS NULL"
		" JOIN coders r ON r.id = k.coder_id"
		" WHERE k.document_id = ?1 AND (?2 <= 0 OR k.coder_id = ?2)"
		" ORDER BY k.start, k.end DESC, k.id", DB_ARGS(DB_INT(document_id), DB_INT(coder_id)),
		fn, ctx, err);
}

struct classes {
	struct gl_str *out;
	int64_t category;   /* the category of the last value written */
	bool coders;        /* name each value's coder */
};

/* Rows: category id, category, value, coder: "Ton: Positiv (Karin), Blandad (Ali) · ..." */
static int class_row(void *ctx, const struct gl_row *row)
{
	struct classes *c = ctx;
	const struct gl_value *v = row->values;
	if (v[1].type != GL_VAL_TEXT || v[2].type != GL_VAL_TEXT)
		return 0;
	if (v[0].i != c->category)
		gl_str_printf(c->out, "%s%s: ", c->out->len ? " · " : "", v[1].s);
	else
		gl_str_puts(c->out, ", ");
	gl_str_puts(c->out, v[2].s);
	if (c->coders && v[3].type == GL_VAL_TEXT)
		gl_str_printf(c->out, " (%s)", v[3].s);
	c->category = v[0].i;
	return 0;
}

enum gl_status gl_query_letter_notes(struct gl_store *s, int64_t document_id,
	int64_t coder_id, struct gl_str *classes, int64_t *memos, struct gl_error *err)
{
	gl_str_clear(classes);
	*memos = 0;
	struct classes c = { classes, 0, coder_id <= 0 };
	enum gl_status ret = db_read(s,
		"SELECT c.id, c.name, v.name, r.name FROM classifications k"
		" JOIN codes c ON c.id = k.category_id JOIN codes v ON v.id = k.value_code_id"
		" JOIN coders r ON r.id = k.coder_id"
		" WHERE k.document_id = ?1 AND (?2 <= 0 OR k.coder_id = ?2)"
		" ORDER BY c.name COLLATE " DB_COLLATION ", c.id, r.name COLLATE " DB_COLLATION,
		DB_ARGS(DB_INT(document_id), DB_INT(coder_id)), class_row, &c, err);
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
