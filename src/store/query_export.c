/* Queries of the export: every coding with what a reader of the workbook needs, in one pass. */
#include "genomlys/queries.h"

#include "store_internal.h"

enum gl_status gl_query_export_codings(struct gl_store *s, int64_t school_id, gl_row_fn fn,
	void *ctx, struct gl_error *err)
{
	/* One statement stepped to the end: no paging (LIMIT ... OFFSET would read the skipped rows
	 * again for every page). The codebook tree is small; the codings come through the index
	 * of their letter, sorted by start within each letter only. author_n is the author's
	 * stored number (schema step 12), as gl_store_author_pseudonym reads it. The letters are
	 * the outer loop, in the order of their ids. */
	return db_read(s,
		"WITH RECURSIVE tree(id, path, root) AS ("
		" SELECT id, name, name FROM codes WHERE ifnull(parent_id, 0) = 0"
		" UNION ALL SELECT k.id, t.path || ' > ' || k.name, t.root"
		" FROM tree t JOIN codes k ON ifnull(k.parent_id, 0) = +t.id)"
		" SELECT k.id, ifnull(t.path, c.name) AS code, ifnull(t.root, c.name) AS category,"
		" d.school_id, s.name AS school, d.group_id, g.key AS group_key,"
		" g.name_sv AS group_sv, g.name_en AS group_en, d.author, d.author_n,"
		" d.id AS letter, d.title,"
		" substr(d.text, k.start + 1, k.end - k.start) AS quote, r.name AS coder, k.memo"
		" FROM documents d CROSS JOIN codings k ON k.document_id = d.id"
		" JOIN codes c ON c.id = k.code_id LEFT JOIN tree t ON t.id = k.code_id"
		" JOIN coders r ON r.id = k.coder_id JOIN schools s ON s.id = d.school_id"
		" JOIN groups g ON g.id = d.group_id"
		" WHERE (?1 = 0 OR d.school_id = ?1)"
		" ORDER BY d.id, k.start, k.id",
		DB_ARGS(DB_INT(school_id)), fn, ctx, err);
}

enum gl_status gl_query_export_material(struct gl_store *s, int64_t school_id, gl_row_fn fn,
	void *ctx, struct gl_error *err)
{
	return db_read(s,
		"SELECT d.kind, count(*) AS documents, min(d.date) AS first, max(d.date) AS last,"
		" (SELECT count(*) FROM codings k JOIN documents e ON e.id = k.document_id"
		"  WHERE e.kind = d.kind AND (?1 = 0 OR e.school_id = ?1)) AS codings"
		" FROM documents d WHERE (?1 = 0 OR d.school_id = ?1)"
		" GROUP BY d.kind ORDER BY d.kind",
		DB_ARGS(DB_INT(school_id)), fn, ctx, err);
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
		" v.school_id, s.name AS school, v.item, v.value, v.n, v.mean FROM"
		" (SELECT *, avg(value) OVER (PARTITION BY survey, year, group_id, item) AS mean"
		"  FROM survey_results) v"
		" JOIN schools s ON s.id = v.school_id JOIN groups g ON g.id = v.group_id"
		" WHERE (?1 = 0 OR v.school_id = ?1)"
		" ORDER BY v.year DESC, v.survey, g.sort, g.id, s.name COLLATE " DB_COLLATION ", s.id,"
		" v.id",
		DB_ARGS(DB_INT(school_id)), fn, ctx, err);
}

enum gl_status gl_query_export_author(struct gl_store *s, int64_t document_id,
	struct gl_str *out, struct gl_error *err)
{
	return db_read_text(s, "SELECT trim(author) FROM documents WHERE id = ?1"
		" AND trim(author) <> ''", DB_ARGS(DB_INT(document_id)), out, err);
}
