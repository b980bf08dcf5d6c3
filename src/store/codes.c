/* The codebook: codes in a hierarchy, found by name or path, created, edited, merged, deleted. */
#include "genomlys/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

/* Reads parent_id and exclusive of a code; GL_ENOTFOUND when there is none. */
enum gl_status db_code_info(struct gl_store *s, int64_t id, int64_t *parent, bool *exclusive,
	struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_statement(s, "SELECT ifnull(parent_id, 0), exclusive FROM codes "
		"WHERE id = ?1", DB_ARGS(DB_INT(id)), false, &st, err);
	if (ret != GL_OK)
		return ret;
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
	db_release(s, st);
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
	enum gl_status ret = db_code_info(s, id, &parent, &exclusive, err);
	if (ret == GL_OK && parent > 0)
		ret = db_code_info(s, parent, NULL, &parent_exclusive, err);
	if (ret != GL_OK)
		return ret;
	*role = exclusive ? ROLE_EXCLUSIVE : parent_exclusive ? ROLE_VALUE : ROLE_PLAIN;
	if (has_children) {
		int64_t n = 0;
		ret = db_read_int(s, "SELECT count(*) FROM codes WHERE parent_id = ?1",
			DB_ARGS(DB_INT(id)), &n, err);
		*has_children = n > 0;
	}
	return ret;
}

struct found {
	int n;
	int64_t *first;
};

static int found_row(void *ctx, const struct gl_row *row)
{
	struct found *f = ctx;
	if (f->n++ == 0)
		*f->first = row->values[0].i;
	return 0;
}

enum gl_status gl_store_code_find(struct gl_store *s, const char *name, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	if (!name || !*name)
		return gl_error_set(err, GL_EINVAL, _("a code name must not be empty"));
	const char *sep = strrchr(name, '>');  /* the last '>': "A > B > C" is C under "A > B" */
	enum gl_status ret;
	if (sep) {
		/* "Category > Code": find the category, then the code under it. */
		char *parent = strndup(name, (size_t)(sep - name));
		if (!parent)
			return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		int64_t pid;
		ret = gl_store_code_find(s, parent, &pid, err);
		free(parent);
		if (ret != GL_OK)
			return ret;
		struct gl_str key = GL_STR_INIT;
		if (db_name_key(sep + 1, &key) != GL_OK) {
			gl_str_finish(&key);
			return gl_error_set(err, GL_EINVAL, _("a code name must not be empty"));
		}
		ret = db_read_int(s, "SELECT id FROM codes WHERE parent_id = ?1 AND name_key = ?2",
			DB_ARGS(DB_INT(pid), DB_TEXT(gl_str_cstr(&key))), id, err);
		if (ret == GL_ENOTFOUND)
			gl_error_set(err, ret, _("no code named '%s'"), name);
		gl_str_finish(&key);
		return ret;
	}
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(name, &key) != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("a code name must not be empty"));
	}
	struct found found = { 0, id };
	ret = db_read(s, "SELECT id FROM codes WHERE name_key = ?1 ORDER BY parent_id IS NOT NULL, "
		"id LIMIT 2", DB_ARGS(DB_TEXT(gl_str_cstr(&key))), found_row, &found, err);
	if (ret == GL_OK && found.n == 0)
		ret = gl_error_set(err, GL_ENOTFOUND, _("no code named '%s'"), name);
	else if (ret == GL_OK && found.n > 1)
		ret = gl_error_set(err, GL_EINVAL, _("several codes are named '%s'; write "
			"'Category > %s'"), name, name);
	gl_str_finish(&key);
	return ret;
}

static bool color_valid(const char *c)
{
	static const char *const names[] = { "black", "red", "green", "yellow", "blue", "magenta",
		"cyan", "white", "orange", "purple", "pink", "brown", "grey", "gray" };
	if (!c || !*c)
		return true;
	/* a number of the terminal's 256-colour palette, as the o prompt offers ("208") */
	if (strspn(c, "0123456789") == strlen(c) && strlen(c) <= 3)
		return atoi(c) <= 255;
	if (c[0] == '#') {
		if (strlen(c) != 7)
			return false;
		for (int i = 1; i < 7; i++)
			if (!strchr("0123456789abcdefABCDEF", c[i]))
				return false;
		return true;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcasecmp(c, names[i]))
			return true;
	return false;
}

enum gl_status db_code_check(const struct gl_code *c, struct gl_error *err)
{
	if (!color_valid(c->color))
		return gl_error_set(err, GL_EINVAL, _("invalid colour '%s' (use a name such as red or "
			"blue, a number 0-255, or #rrggbb)"), c->color);
	return rules_code(c, err);
}

/* ?1 description, ?2 colour, ?3 exclusive, ?4 value, then up to four more. */
#define CODE_ARGS(c, ...) DB_ARGS(DB_TEXT_OR_NULL((c)->description), \
	DB_TEXT_OR_NULL((c)->color), DB_INT((c)->exclusive ? 1 : 0), \
	(c)->has_value ? DB_REAL((c)->value) : DB_NULL, __VA_ARGS__)

enum gl_status gl_store_code_insert(struct gl_store *s, const struct gl_code *c, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(c->name, &key) != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("a code name must not be empty"));
	}
	if (strchr(c->name, '>')) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("a code name must not contain '>'"));
	}
	char uuid[GL_UUID_LEN + 1];
	enum gl_status ret = db_code_check(c, err);
	if (ret == GL_OK)
		ret = rules_code_depth(s, c->parent_id, 0, err);
	if (ret == GL_OK && (ret = gl_uuid_new(uuid)) != GL_OK)
		gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	if (ret == GL_OK)
		ret = db_write(s, &(struct db_write){
			.sql = "INSERT INTO codes (description, color, exclusive, value, uuid, parent_id, "
				"name, name_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, trim(?7), ?8)",
			.args = CODE_ARGS(c, DB_TEXT(uuid), DB_ID(c->parent_id), DB_TEXT(c->name),
				DB_TEXT(gl_str_cstr(&key))),
			.constraint = GL_EEXIST, .constraint_msg = _("a code named '%s' exists already there"),
			.constraint_args = { c->name },
			.action = "create", .entity = "code", .uuid = uuid, .detail = c->name }, id, err);
	gl_str_finish(&key);
	return ret;
}

enum gl_status gl_store_code_update(struct gl_store *s, int64_t id, const struct gl_code *c,
	struct gl_error *err)
{
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "codes", id, uuid);
	if (!uuid[0])
		return gl_error_set(err, GL_ENOTFOUND, _("no code with id %lld"), (long long)id);
	enum gl_status ret = db_code_check(c, err);
	if (ret != GL_OK)
		return ret;
	return db_write(s, &(struct db_write){ .sql = "UPDATE codes SET description = ?1, "
		"color = ?2, exclusive = ?3, value = ?4 WHERE id = ?5", .args = CODE_ARGS(c, DB_INT(id)),
		.action = "update", .entity = "code", .uuid = uuid, .detail = c->name }, NULL, err);
}

enum gl_status gl_store_code_same(struct gl_store *s, int64_t id, const struct gl_code *c,
	bool *same, struct gl_error *err)
{
	int64_t n = 0;
	enum gl_status ret = db_read_int(s, "SELECT description IS ?1 AND color IS ?2 AND "
		"exclusive = ?3 AND value IS ?4 FROM codes WHERE id = ?5", CODE_ARGS(c, DB_INT(id)),
		&n, err);
	if (ret == GL_ENOTFOUND)
		return gl_error_set(err, GL_ENOTFOUND, _("no code with id %lld"), (long long)id);
	*same = ret == GL_OK && n;
	return ret;
}

enum gl_status gl_store_code_find_child(struct gl_store *s, int64_t parent_id, const char *name,
	int64_t *id, struct gl_error *err)
{
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(name, &key) != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("a code name must not be empty"));
	}
	enum gl_status ret = db_read_int(s, "SELECT id FROM codes WHERE ifnull(parent_id, 0) = ?1 "
		"AND name_key = ?2", DB_ARGS(DB_INT(parent_id > 0 ? parent_id : 0),
		DB_TEXT(gl_str_cstr(&key))), id, err);
	gl_str_finish(&key);
	return ret;
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
	if (ret != GL_OK)
		return ret;
	return db_write(s, &(struct db_write){ .sql = "UPDATE codes SET "
		"description = CASE WHEN ?1 IS NULL THEN description ELSE nullif(?1, '') END, "
		"color = CASE WHEN ?2 IS NULL THEN color ELSE nullif(?2, '') END WHERE id = ?3",
		.args = DB_ARGS(DB_TEXT(description), DB_TEXT(color), DB_INT(id)),
		.action = "update", .entity = "code", .uuid = uuid, .detail = description }, NULL, err);
}

enum gl_status gl_store_code_move(struct gl_store *s, int64_t id, int64_t parent_id,
	struct gl_error *err)
{
	enum gl_status ret = db_code_info(s, id, NULL, NULL, err);
	if (ret != GL_OK)
		return ret;
	/* Walk up from the new parent: meeting the code itself would make a cycle. */
	for (int64_t p = parent_id; p > 0;) {
		if (p == id)
			return gl_error_set(err, GL_EINVAL, _("a code cannot be moved under itself"));
		if ((ret = db_code_info(s, p, &p, NULL, err)) != GL_OK)
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
	return db_write(s, &(struct db_write){ .sql = "UPDATE codes SET parent_id = ?2 WHERE id = ?1",
		.args = DB_ARGS(DB_INT(id), DB_ID(parent_id)),
		.constraint = GL_EEXIST, .constraint_msg = _("a code with that name exists already there"),
		.action = "move", .entity = "code", .uuid = uuid }, NULL, err);
}

#define SUBTREE "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL " \
	"SELECT c.id FROM codes c JOIN sub ON c.parent_id = sub.id) "

enum gl_status gl_store_code_usage(struct gl_store *s, int64_t id, int64_t *codings,
	struct gl_error *err)
{
	enum gl_status ret = db_code_info(s, id, NULL, NULL, err);
	if (ret != GL_OK)
		return ret;
	return db_read_int(s, SUBTREE "SELECT count(*) FROM codings WHERE code_id IN sub",
		DB_ARGS(DB_INT(id)), codings, err);
}

enum gl_status gl_store_code_descendants(struct gl_store *s, int64_t id, int64_t *codes,
	struct gl_error *err)
{
	enum gl_status ret = db_code_info(s, id, NULL, NULL, err);
	if (ret == GL_OK)
		ret = db_read_int(s, SUBTREE "SELECT count(*) - 1 FROM sub", DB_ARGS(DB_INT(id)), codes,
			err);
	return ret;
}

enum gl_status gl_store_code_merge(struct gl_store *s, int64_t from, int64_t into,
	int64_t *moved, struct gl_error *err)
{
	if (from == into)
		return gl_error_set(err, GL_EINVAL, _("a code cannot be merged into itself"));
	int64_t parent = 0;
	enum gl_status ret = db_code_info(s, from, NULL, NULL, err);
	if (ret == GL_OK)
		ret = db_code_info(s, into, &parent, NULL, err);
	for (int64_t p = parent; ret == GL_OK && p > 0;) {
		if (p == from)
			return gl_error_set(err, GL_EINVAL, _("a code cannot be merged into one of its "
				"own children"));
		ret = db_code_info(s, p, &p, NULL, err);
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
	/* Children of `from` move under `into`; its codings are re-labelled, except where the same
	 * coder already has `into` on the same span (those would be duplicates). */
	const struct db_arg *ids = DB_ARGS(DB_INT(from), DB_INT(into));
	int64_t before = 0, after = 0;
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) == GL_OK)
		db_tx_fail(&tx, db_read_int(s, "SELECT count(*) FROM codings WHERE code_id = ?2", ids,
			&before, err));
	db_tx_write(&tx, &(struct db_write){ .sql = "UPDATE codes SET parent_id = ?2 "
		"WHERE parent_id = ?1", .args = ids, .constraint = GL_EEXIST,
		.constraint_msg = _("a code under the target has the same name as one under the merged "
			"code; rename one first") });
	db_tx_write(&tx, &(struct db_write){ .sql = "UPDATE OR IGNORE codings SET code_id = ?2 "
		"WHERE code_id = ?1", .args = ids });
	db_tx_write(&tx, &(struct db_write){ .sql = "UPDATE OR IGNORE classifications "
		"SET value_code_id = ?2 WHERE value_code_id = ?1", .args = ids });
	db_tx_write(&tx, &(struct db_write){ .sql = "INSERT OR IGNORE INTO finding_codings "
		"SELECT fc.finding_id, k2.id FROM finding_codings fc JOIN codings k1 ON "
		"k1.id = fc.coding_id JOIN codings k2 ON k2.document_id = k1.document_id AND "
		"k2.coder_id = k1.coder_id AND k2.start = k1.start AND k2.end = k1.end AND "
		"k2.code_id = ?2 WHERE k1.code_id = ?1", .args = ids });
	db_tx_write(&tx, &(struct db_write){ .sql = "DELETE FROM codes WHERE id = ?1",
		.args = DB_ARGS(DB_INT(from)), .action = "merge", .entity = "code", .uuid = uuid });
	if (tx.status == GL_OK)
		db_tx_fail(&tx, db_read_int(s, "SELECT count(*) FROM codings WHERE code_id = ?2", ids,
			&after, err));
	ret = db_tx_end(&tx);
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
	ret = db_write(s, &(struct db_write){ .sql = "DELETE FROM codes WHERE id = ?1",
		.args = DB_ARGS(DB_INT(id)), .action = "delete", .entity = "code", .uuid = uuid }, NULL,
		err);
	if (ret == GL_OK && codings_removed)
		*codings_removed = n;
	return ret;
}

enum gl_status gl_store_code_parent(struct gl_store *s, int64_t id, int64_t *parent,
	struct gl_error *err)
{
	*parent = -1;
	enum gl_status ret = db_read_int(s, "SELECT ifnull(parent_id, 0) FROM codes WHERE id = ?1",
		DB_ARGS(DB_INT(id)), parent, err);
	if (ret == GL_ENOTFOUND)
		ret = gl_error_set(err, GL_ENOTFOUND, _("no code with id %lld"), (long long)id);
	return ret;
}

enum gl_status gl_store_codings_total(struct gl_store *s, int64_t *n, struct gl_error *err)
{
	return db_read_int(s, "SELECT ifnull(sum(codings), 0) FROM code_usage", NULL, n, err);
}
