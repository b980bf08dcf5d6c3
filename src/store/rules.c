/* Rules the store keeps on what it is given, whoever gives it: names and memos without
 * control characters, finite numbers, and a codebook at most GL_CODE_MAX_DEPTH levels deep. */
#include "store_internal.h"

#include <math.h>
#include <string.h>

#include "genomlys/clean.h"
#include "genomlys/i18n.h"

/* Deeper than this a (damaged) file's codebook is not followed when measuring. */
#define DEPTH_SEARCH_LIMIT 1000

static bool blank(const char *s)
{
	return s[strspn(s, " \t\n")] == '\0';
}

enum gl_status rules_name(const char *name, struct gl_error *err)
{
	/* Absent and empty names are left to the caller, which says what must not be empty. */
	if (!name || blank(name))
		return GL_OK;
	size_t n = strlen(name);
	if (gl_clean_has_controls(name, n, GL_CLEAN_BIDI))
		return gl_error_set(err, GL_EINVAL, _("a name must not contain control characters or "
			"bidirectional overrides"));
	if (!gl_clean_has_visible(name, n))
		return gl_error_set(err, GL_EINVAL, _("a name must have a visible character"));
	return GL_OK;
}

enum gl_status rules_text(const char *text, struct gl_error *err)
{
	if (text && gl_clean_has_controls(text, strlen(text), GL_CLEAN_BIDI))
		return gl_error_set(err, GL_EINVAL, _("a memo or description must not contain control "
			"characters or bidirectional overrides"));
	return GL_OK;
}

enum gl_status rules_number(double v, struct gl_error *err)
{
	if (!isfinite(v))
		return gl_error_set(err, GL_EINVAL, _("a value must be a finite number"));
	return GL_OK;
}

enum gl_status rules_code(const struct gl_code *c, struct gl_error *err)
{
	enum gl_status st = rules_name(c->name, err);
	if (st == GL_OK)
		st = rules_text(c->description, err);
	if (st == GL_OK && c->has_value)
		st = rules_number(c->value, err);
	return st;
}

enum gl_status rules_document(const struct gl_document *d, struct gl_error *err)
{
	enum gl_status st = rules_name(d->author, err);
	if (st == GL_OK)
		st = rules_name(d->title, err);
	if (st == GL_OK)
		st = rules_name(d->source, err);
	return st;
}

/* One integer from a query with one id parameter. */
static enum gl_status query_int(struct gl_store *s, const char *sql, int64_t id, int64_t *out,
	struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare_cached(s, sql, &st, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, DEPTH_SEARCH_LIMIT);
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		ret = db_error(s, err, _("cannot read the project"));
	db_release(s, st);
	return ret;
}

/* The level of a code: 1 for a category (0 for no code). */
static enum gl_status code_level(struct gl_store *s, int64_t id, int64_t *level,
	struct gl_error *err)
{
	*level = 0;
	if (id <= 0)
		return GL_OK;
	return query_int(s, "WITH RECURSIVE up(id, d) AS (SELECT ?1, 1 UNION ALL "
		"SELECT c.parent_id, up.d + 1 FROM codes c JOIN up ON c.id = up.id "
		"WHERE c.parent_id IS NOT NULL AND up.d < ?2) SELECT max(d) FROM up", id, level, err);
}

/* The levels of a code's subtree: 1 for a code without children. */
static enum gl_status code_height(struct gl_store *s, int64_t id, int64_t *height,
	struct gl_error *err)
{
	*height = 0;
	if (id <= 0)
		return GL_OK;
	/* ifnull(parent_id, 0) is what the index codes_name is on; the unary + drops the integer
	 * affinity that would keep SQLite from using it. */
	return query_int(s, "WITH RECURSIVE down(id, d) AS (SELECT ?1, 1 UNION ALL "
		"SELECT c.id, down.d + 1 FROM codes c JOIN down ON ifnull(c.parent_id, 0) = +down.id "
		"WHERE down.d < ?2) SELECT max(d) FROM down", id, height, err);
}

static enum gl_status too_deep(int64_t levels, struct gl_error *err)
{
	return gl_error_set(err, GL_EINVAL, _("the codebook would be %lld levels deep; it may have "
		"at most %d (a category is level 1)"), (long long)levels, GL_CODE_MAX_DEPTH);
}

enum gl_status rules_code_depth(struct gl_store *s, int64_t parent_id, int64_t id,
	struct gl_error *err)
{
	int64_t level = 0, height = 0;
	enum gl_status st = code_level(s, parent_id, &level, err);
	if (st == GL_OK)
		st = id > 0 ? code_height(s, id, &height, err) : GL_OK;
	if (st == GL_OK && id <= 0)
		height = 1;
	if (st == GL_OK && level + height > GL_CODE_MAX_DEPTH)
		return too_deep(level + height, err);
	return st;
}

enum gl_status rules_code_merge_depth(struct gl_store *s, int64_t from, int64_t into,
	struct gl_error *err)
{
	/* from's children move under into: their subtrees are one level lower than from's. */
	int64_t level = 0, height = 0;
	enum gl_status st = code_level(s, into, &level, err);
	if (st == GL_OK)
		st = code_height(s, from, &height, err);
	if (st == GL_OK && height > 1 && level + height - 1 > GL_CODE_MAX_DEPTH)
		return too_deep(level + height - 1, err);
	return st;
}
