/* Coding-related store operations: reading codings back, classification, codebook editing. */
#include "genomlys/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

enum gl_status gl_store_coding_get(struct gl_store *s, int64_t id, struct gl_coding *out,
	struct gl_str *storage, struct gl_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, "SELECT document_id, code_id, coder_id, start, end, uuid, "
		"memo FROM codings WHERE id = ?", &st, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->document_id = sqlite3_column_int64(st, 0);
		out->code_id = sqlite3_column_int64(st, 1);
		out->coder_id = sqlite3_column_int64(st, 2);
		out->start = sqlite3_column_int64(st, 3);
		out->end = sqlite3_column_int64(st, 4);
		/* uuid, NUL, memo, NUL in one buffer */
		gl_str_clear(storage);
		gl_str_puts(storage, (const char *)sqlite3_column_text(st, 5));
		size_t memo_at = storage->len + 1;
		bool has_memo = sqlite3_column_type(st, 6) != SQLITE_NULL;
		ret = gl_str_putc(storage, '\0');
		if (ret == GL_OK && has_memo)
			ret = gl_str_puts(storage, (const char *)sqlite3_column_text(st, 6));
		if (ret == GL_OK) {
			out->uuid = storage->buf;
			out->memo = has_memo ? storage->buf + memo_at : NULL;
		}
	} else if (rc == SQLITE_DONE) {
		ret = gl_error_set(err, GL_ENOTFOUND, _("no coding with id %lld"), (long long)id);
	} else {
		ret = db_error(s, err, _("cannot read the project"));
	}
	sqlite3_finalize(st);
	return ret;
}

static enum gl_status count_query(struct gl_store *s, const char *sql, int64_t id, int64_t *n,
	struct gl_error *err);

/* Reads parent_id and exclusive of a code; GL_ENOTFOUND when there is none. */
static enum gl_status code_info(struct gl_store *s, int64_t id, int64_t *parent, bool *exclusive,
	struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, "SELECT ifnull(parent_id, 0), exclusive FROM codes "
		"WHERE id = ?", &st, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (parent)
			*parent = sqlite3_column_int64(st, 0);
		if (exclusive)
			*exclusive = sqlite3_column_int(st, 1) != 0;
	} else if (rc == SQLITE_DONE) {
		ret = gl_error_set(err, GL_ENOTFOUND, _("no code with id %lld"), (long long)id);
	} else {
		ret = db_error(s, err, _("cannot read the project"));
	}
	sqlite3_finalize(st);
	return ret;
}

/* What a code is in the codebook: values of an exclusive category classify whole letters and
 * stay leaves; the category itself is never applied to text. */
enum code_role { ROLE_PLAIN, ROLE_EXCLUSIVE, ROLE_VALUE };

static enum gl_status code_role(struct gl_store *s, int64_t id, enum code_role *role,
	bool *has_children, struct gl_error *err)
{
	int64_t parent = 0;
	bool exclusive = false, parent_exclusive = false;
	enum gl_status ret = code_info(s, id, &parent, &exclusive, err);
	if (ret == GL_OK && parent > 0)
		ret = code_info(s, parent, NULL, &parent_exclusive, err);
	if (ret != GL_OK)
		return ret;
	*role = exclusive ? ROLE_EXCLUSIVE : parent_exclusive ? ROLE_VALUE : ROLE_PLAIN;
	if (has_children) {
		int64_t n = 0;
		ret = count_query(s, "SELECT count(*) FROM codes WHERE parent_id = ?1", id, &n, err);
		*has_children = n > 0;
	}
	return ret;
}

enum gl_status gl_store_category_value_find(struct gl_store *s, int64_t category_id,
	const char *value, int64_t *value_code_id, struct gl_error *err)
{
	bool exclusive = false;
	enum gl_status ret = code_info(s, category_id, NULL, &exclusive, err);
	if (ret != GL_OK)
		return ret;
	if (!exclusive)
		return gl_error_set(err, GL_EINVAL, _("the category is not exclusive: its codes are "
			"applied to spans, not to whole letters"));
	char *end;
	double num = strtod(value, &end);
	bool numeric = end != value && *end == '\0';
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(value, &key) != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("empty classification value"));
	}
	sqlite3_stmt *st;
	ret = db_prepare(s, "SELECT id FROM codes WHERE parent_id = ?1 AND (name_key = ?2 OR "
		"(?3 AND value = ?4)) ORDER BY name_key = ?2 DESC LIMIT 1", &st, err);
	if (ret == GL_OK) {
		sqlite3_bind_int64(st, 1, category_id);
		db_bind_text(st, 2, gl_str_cstr(&key));
		sqlite3_bind_int(st, 3, numeric);
		sqlite3_bind_double(st, 4, num);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			*value_code_id = sqlite3_column_int64(st, 0);
		else if (rc == SQLITE_DONE)
			ret = gl_error_set(err, GL_ENOTFOUND, _("the category has no value '%s'"), value);
		else
			ret = db_error(s, err, _("cannot read the project"));
		sqlite3_finalize(st);
	}
	gl_str_finish(&key);
	return ret;
}

enum gl_status gl_store_classify(struct gl_store *s, int64_t document_id, int64_t category_id,
	int64_t value_code_id, int64_t coder_id, int64_t *previous, struct gl_error *err)
{
	bool exclusive = false;
	enum gl_status ret = code_info(s, category_id, NULL, &exclusive, err);
	if (ret != GL_OK)
		return ret;
	if (!exclusive)
		return gl_error_set(err, GL_EINVAL, _("the category is not exclusive: its codes are "
			"applied to spans, not to whole letters"));
	if (value_code_id) {
		int64_t parent = 0;
		if ((ret = code_info(s, value_code_id, &parent, NULL, err)) != GL_OK)
			return ret;
		if (parent != category_id)
			return gl_error_set(err, GL_EINVAL, _("that value does not belong to the category"));
	}
	if ((ret = gl_store_begin(s, err)) != GL_OK)
		return ret;
	sqlite3_stmt *st;
	int64_t prev = 0;
	char uuid[GL_UUID_LEN + 1] = "";
	ret = db_prepare(s, "SELECT value_code_id, uuid FROM classifications WHERE document_id = ? "
		"AND category_id = ? AND coder_id = ?", &st, err);
	if (ret == GL_OK) {
		sqlite3_bind_int64(st, 1, document_id);
		sqlite3_bind_int64(st, 2, category_id);
		sqlite3_bind_int64(st, 3, coder_id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			prev = sqlite3_column_int64(st, 0);
			snprintf(uuid, sizeof uuid, "%s", (const char *)sqlite3_column_text(st, 1));
		}
		sqlite3_finalize(st);
	}
	if (ret == GL_OK && !uuid[0] && (ret = gl_uuid_new(uuid)) != GL_OK)
		gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	if (ret == GL_OK && value_code_id == 0) {
		ret = db_prepare(s, "DELETE FROM classifications WHERE document_id = ? AND "
			"category_id = ? AND coder_id = ?", &st, err);
		if (ret == GL_OK) {
			sqlite3_bind_int64(st, 1, document_id);
			sqlite3_bind_int64(st, 2, category_id);
			sqlite3_bind_int64(st, 3, coder_id);
			ret = db_exec_stmt(s, st, err);
		}
	} else if (ret == GL_OK) {
		ret = db_prepare(s, "INSERT INTO classifications (uuid, document_id, category_id, "
			"value_code_id, coder_id) VALUES (?,?,?,?,?) ON CONFLICT (document_id, category_id, "
			"coder_id) DO UPDATE SET value_code_id = excluded.value_code_id, "
			"created_at = excluded.created_at", &st, err);
		if (ret == GL_OK) {
			db_bind_text(st, 1, uuid);
			sqlite3_bind_int64(st, 2, document_id);
			sqlite3_bind_int64(st, 3, category_id);
			sqlite3_bind_int64(st, 4, value_code_id);
			sqlite3_bind_int64(st, 5, coder_id);
			ret = db_exec_stmt(s, st, err);
			if (ret == GL_ECONSTRAINT)
				gl_error_set(err, GL_ENOTFOUND, _("no such letter or coder"));
		}
	}
	if (ret == GL_OK)
		ret = db_audit(s, value_code_id ? "classify" : "unclassify", "classification", uuid,
			NULL, err);
	ret = db_finish(s, ret, err);
	if (ret == GL_OK && previous)
		*previous = prev;
	return ret;
}

/* Runs one UPDATE/DELETE with up to two integer parameters. */
static enum gl_status exec_ids(struct gl_store *s, const char *sql, int64_t a, int64_t b,
	struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, sql, &st, err);
	if (ret != GL_OK)
		return ret;
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, b);
	return db_exec_stmt(s, st, err);
}

enum gl_status gl_store_code_rename(struct gl_store *s, int64_t id, const char *name,
	struct gl_error *err)
{
	return db_rename(s, "codes", "code", id, name, err);
}

enum gl_status gl_store_code_describe(struct gl_store *s, int64_t id, const char *description,
	const char *color, struct gl_error *err)
{
	struct gl_code probe = { 0 };
	probe.color = color;
	probe.description = description;
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "codes", id, uuid);
	if (!uuid[0])
		return gl_error_set(err, GL_ENOTFOUND, _("no code with id %lld"), (long long)id);
	enum gl_status ret = db_code_check(&probe, err);
	if (ret != GL_OK || (ret = gl_store_begin(s, err)) != GL_OK)
		return ret;
	sqlite3_stmt *st;
	ret = db_prepare(s, "UPDATE codes SET "
		"description = CASE WHEN ?1 IS NULL THEN description ELSE nullif(?1, '') END, "
		"color = CASE WHEN ?2 IS NULL THEN color ELSE nullif(?2, '') END WHERE id = ?3", &st, err);
	if (ret == GL_OK) {
		db_bind_text(st, 1, description);
		db_bind_text(st, 2, color);
		sqlite3_bind_int64(st, 3, id);
		ret = db_exec_stmt(s, st, err);
	}
	if (ret == GL_OK)
		ret = db_audit(s, "update", "code", uuid, description, err);
	return db_finish(s, ret, err);
}

enum gl_status gl_store_code_move(struct gl_store *s, int64_t id, int64_t parent_id,
	struct gl_error *err)
{
	enum gl_status ret = code_info(s, id, NULL, NULL, err);
	if (ret != GL_OK)
		return ret;
	/* Walk up from the new parent: meeting the code itself would make a cycle. */
	for (int64_t p = parent_id; p > 0;) {
		if (p == id)
			return gl_error_set(err, GL_EINVAL, _("a code cannot be moved under itself"));
		if ((ret = code_info(s, p, &p, NULL, err)) != GL_OK)
			return ret;
	}
	if (parent_id > 0) {
		enum code_role role, target;
		bool children;
		if ((ret = code_role(s, parent_id, &target, NULL, err)) != GL_OK ||
			(ret = code_role(s, id, &role, &children, err)) != GL_OK)
			return ret;
		if (target == ROLE_VALUE)
			return gl_error_set(err, GL_EINVAL, _("a value of an exclusive category cannot have "
				"codes under it"));
		if (target == ROLE_EXCLUSIVE && (children || role == ROLE_EXCLUSIVE))
			return gl_error_set(err, GL_EINVAL, _("the values of an exclusive category cannot "
				"have codes under them"));
	}
	if ((ret = rules_code_depth(s, parent_id, id, err)) != GL_OK)
		return ret;
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "codes", id, uuid);
	if ((ret = gl_store_begin(s, err)) != GL_OK)
		return ret;
	ret = exec_ids(s, parent_id > 0 ? "UPDATE codes SET parent_id = ?2 WHERE id = ?1"
		: "UPDATE codes SET parent_id = NULL WHERE id = ?1", id, parent_id, err);
	if (ret == GL_ECONSTRAINT)
		ret = gl_error_set(err, GL_EEXIST, _("a code with that name exists already there"));
	if (ret == GL_OK)
		ret = db_audit(s, "move", "code", uuid, NULL, err);
	return db_finish(s, ret, err);
}

static enum gl_status count_query(struct gl_store *s, const char *sql, int64_t id, int64_t *n,
	struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, sql, &st, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		ret = db_error(s, err, _("cannot read the project"));
	sqlite3_finalize(st);
	return ret;
}

#define SUBTREE "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL " \
	"SELECT c.id FROM codes c JOIN sub ON c.parent_id = sub.id) "

enum gl_status gl_store_code_usage(struct gl_store *s, int64_t id, int64_t *codings,
	struct gl_error *err)
{
	enum gl_status ret = code_info(s, id, NULL, NULL, err);
	if (ret != GL_OK)
		return ret;
	return count_query(s, SUBTREE "SELECT count(*) FROM codings WHERE code_id IN sub", id,
		codings, err);
}

enum gl_status gl_store_code_merge(struct gl_store *s, int64_t from, int64_t into,
	int64_t *moved, struct gl_error *err)
{
	if (from == into)
		return gl_error_set(err, GL_EINVAL, _("a code cannot be merged into itself"));
	int64_t parent = 0;
	enum gl_status ret = code_info(s, from, NULL, NULL, err);
	if (ret == GL_OK)
		ret = code_info(s, into, &parent, NULL, err);
	for (int64_t p = parent; ret == GL_OK && p > 0;) {
		if (p == from)
			return gl_error_set(err, GL_EINVAL, _("a code cannot be merged into one of its "
				"own children"));
		ret = code_info(s, p, &p, NULL, err);
	}
	if (ret != GL_OK)
		return ret;
	/* Codings stay codings and classifications stay classifications: a merge may not turn
	 * one into the other, nor put codes under a value. */
	enum code_role rf, ri;
	bool from_children;
	if ((ret = code_role(s, from, &rf, &from_children, err)) != GL_OK ||
		(ret = code_role(s, into, &ri, NULL, err)) != GL_OK)
		return ret;
	if (rf != ri)
		return gl_error_set(err, GL_EINVAL, _("an exclusive category or its values can only be "
			"merged with another of the same kind"));
	if (from_children && ri == ROLE_VALUE)
		return gl_error_set(err, GL_EINVAL, _("a value of an exclusive category cannot have "
			"codes under it"));
	if ((ret = rules_code_merge_depth(s, from, into, err)) != GL_OK)
		return ret;
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "codes", from, uuid);
	if ((ret = gl_store_begin(s, err)) != GL_OK)
		return ret;
	int64_t before = 0;
	ret = count_query(s, "SELECT count(*) FROM codings WHERE code_id = ?1", into, &before, err);
	/* Children of `from` move under `into`; its codings are re-labelled, except where the same
	 * coder already has `into` on the same span (those would be duplicates). */
	if (ret == GL_OK)
		ret = exec_ids(s, "UPDATE codes SET parent_id = ?2 WHERE parent_id = ?1", from, into, err);
	if (ret == GL_ECONSTRAINT)
		ret = gl_error_set(err, GL_EEXIST, _("a code under the target has the same name as one under "
			"the merged code; rename one first"));
	if (ret == GL_OK)
		ret = exec_ids(s, "UPDATE OR IGNORE codings SET code_id = ?2 WHERE code_id = ?1", from,
			into, err);
	if (ret == GL_OK)
		ret = exec_ids(s, "UPDATE OR IGNORE classifications SET value_code_id = ?2 WHERE "
			"value_code_id = ?1", from, into, err);
	if (ret == GL_OK)
		ret = exec_ids(s, "INSERT OR IGNORE INTO finding_codings SELECT fc.finding_id, k2.id "
			"FROM finding_codings fc JOIN codings k1 ON k1.id = fc.coding_id JOIN codings k2 ON "
			"k2.document_id = k1.document_id AND k2.coder_id = k1.coder_id AND k2.start = k1.start "
			"AND k2.end = k1.end AND k2.code_id = ?2 WHERE k1.code_id = ?1", from, into, err);
	if (ret == GL_OK)
		ret = exec_ids(s, "DELETE FROM codes WHERE id = ?1", from, 0, err);
	int64_t after = 0;
	if (ret == GL_OK)
		ret = count_query(s, "SELECT count(*) FROM codings WHERE code_id = ?1", into, &after, err);
	if (ret == GL_OK)
		ret = db_audit(s, "merge", "code", uuid, NULL, err);
	ret = db_finish(s, ret, err);
	if (ret == GL_OK && moved)
		*moved = after - before;
	return ret;
}

enum gl_status gl_store_code_delete(struct gl_store *s, int64_t id, int64_t *codings_removed,
	struct gl_error *err)
{
	int64_t n = 0;
	enum gl_status ret = gl_store_code_usage(s, id, &n, err);
	if (ret != GL_OK)
		return ret;
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "codes", id, uuid);
	if ((ret = gl_store_begin(s, err)) != GL_OK)
		return ret;
	ret = exec_ids(s, "DELETE FROM codes WHERE id = ?1", id, 0, err);
	if (ret == GL_OK)
		ret = db_audit(s, "delete", "code", uuid, NULL, err);
	ret = db_finish(s, ret, err);
	if (ret == GL_OK && codings_removed)
		*codings_removed = n;
	return ret;
}

enum gl_status gl_store_coding_merge_union(struct gl_store *s, int64_t keep, int64_t drop,
	struct gl_error *err)
{
	struct gl_coding a, b;
	struct gl_str sa = GL_STR_INIT, sb = GL_STR_INIT;
	enum gl_status ret = gl_store_coding_get(s, keep, &a, &sa, err);
	if (ret == GL_OK)
		ret = gl_store_coding_get(s, drop, &b, &sb, err);
	if (ret == GL_OK && (keep == drop || a.document_id != b.document_id ||
		a.code_id != b.code_id))
		ret = gl_error_set(err, GL_EINVAL, _("only two codings of the same letter with the "
			"same code can be merged"));
	char uuid[GL_UUID_LEN + 1] = "";
	if (ret == GL_OK) {
		snprintf(uuid, sizeof uuid, "%s", a.uuid);
		ret = gl_store_begin(s, err);
	}
	if (ret == GL_OK) {
		/* Evidence that cited the dropped coding now cites the kept one. */
		ret = exec_ids(s, "INSERT OR IGNORE INTO finding_codings SELECT finding_id, ?2 FROM "
			"finding_codings WHERE coding_id = ?1", drop, keep, err);
		if (ret == GL_OK)
			ret = exec_ids(s, "DELETE FROM codings WHERE id = ?1", drop, 0, err);
		sqlite3_stmt *st;
		if (ret == GL_OK)
			ret = db_prepare(s, "UPDATE codings SET start = min(start, ?1), end = max(end, ?2) "
				"WHERE id = ?3", &st, err);
		if (ret == GL_OK) {
			sqlite3_bind_int64(st, 1, b.start);
			sqlite3_bind_int64(st, 2, b.end);
			sqlite3_bind_int64(st, 3, keep);
			ret = db_exec_stmt(s, st, err);
			if (ret == GL_ECONSTRAINT)
				ret = gl_error_set(err, GL_EEXIST, _("the coder has that span with that code "
					"already"));
		}
		if (ret == GL_OK)
			ret = db_audit(s, "merge", "coding", uuid, NULL, err);
		ret = db_finish(s, ret, err);
	}
	gl_str_finish(&sa);
	gl_str_finish(&sb);
	return ret;
}

enum gl_status gl_store_coding_memo_set(struct gl_store *s, int64_t id, const char *memo,
	struct gl_error *err)
{
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "codings", id, uuid);
	if (!uuid[0])
		return gl_error_set(err, GL_ENOTFOUND, _("no coding with id %lld"), (long long)id);
	enum gl_status ret = rules_text(memo, err);
	if (ret != GL_OK || (ret = gl_store_begin(s, err)) != GL_OK)
		return ret;
	sqlite3_stmt *st;
	ret = db_prepare(s, "UPDATE codings SET memo = nullif(?1, '') WHERE id = ?2", &st, err);
	if (ret == GL_OK) {
		db_bind_text(st, 1, memo);
		sqlite3_bind_int64(st, 2, id);
		ret = db_exec_stmt(s, st, err);
	}
	if (ret == GL_OK)
		ret = db_audit(s, "memo", "coding", uuid, NULL, err);
	return db_finish(s, ret, err);
}
