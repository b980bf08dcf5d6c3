/* Helpers shared by the entity files: look-ups by name, and the generic writes by id. */
#include "genomlys/store.h"

#include <stdio.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"
#include "store_internal.h"

/* Runs "SELECT id FROM ... WHERE <col> = ?" with one text parameter. */
enum gl_status db_find_id(struct gl_store *s, const char *sql, const char *key, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare_cached(s, sql, &st, err);
	if (ret != GL_OK)
		return ret;
	db_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		ret = GL_ENOTFOUND;
	else
		ret = db_error(s, err, _("cannot read the project"));
	db_release(s, st);
	return ret;
}

/* The entity words that messages interpolate, marked for translation. */
static const char *const entity_words[] = { N_("school"), N_("coder"), N_("code"),
	N_("coding"), N_("document"), N_("finding") };

const char *db_entity_word(const char *entity)
{
	for (size_t i = 0; i < sizeof entity_words / sizeof entity_words[0]; i++)
		if (!strcmp(entity, entity_words[i]))
			return _(entity_words[i]);
	return entity;
}

/* Shared by schools and coders: a name with a case-folded unique key. */
enum gl_status db_named_find(struct gl_store *s, const char *table, const char *what,
	const char *name, int64_t *id, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	struct gl_str key = GL_STR_INIT;
	enum gl_status ret = db_name_key(name, &key);
	if (ret != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("the name of a %s must not be empty"), db_entity_word(what));
	}
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE name_key = ?", table);
	ret = db_find_id(s, sql, gl_str_cstr(&key), id, err);
	if (ret == GL_ENOTFOUND)
		gl_error_set(err, ret, _("no %s named '%s'"), db_entity_word(what), name);
	gl_str_finish(&key);
	return ret;
}

enum gl_status db_named_ensure(struct gl_store *s, const char *table, const char *what,
	const char *name, int64_t *id, bool *created, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	if (created)
		*created = false;
	enum gl_status ret = db_named_find(s, table, what, name, id, err);
	if (ret != GL_ENOTFOUND)
		return ret;
	gl_error_clear(err);
	struct gl_str key = GL_STR_INIT;
	char uuid[GL_UUID_LEN + 1];
	db_name_key(name, &key);
	if ((ret = gl_uuid_new(uuid)) != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	}
	ret = gl_store_begin(s, err);
	if (ret != GL_OK) {
		gl_str_finish(&key);
		return ret;
	}
	char sql[128];
	snprintf(sql, sizeof sql, "INSERT INTO %s (uuid, name, name_key) VALUES (?, trim(?), ?)",
		table);
	sqlite3_stmt *st;
	ret = db_prepare(s, sql, &st, err);
	if (ret == GL_OK) {
		db_bind_text(st, 1, uuid);
		db_bind_text(st, 2, name);
		db_bind_text(st, 3, gl_str_cstr(&key));
		ret = db_exec_stmt(s, st, err);
	}
	if (ret == GL_OK) {
		*id = sqlite3_last_insert_rowid(s->db);
		ret = db_audit(s, "create", what, uuid, name, err);
	}
	ret = db_finish(s, ret, err);
	gl_str_finish(&key);
	if (ret == GL_OK && created)
		*created = true;
	return ret;
}

/* Deletes one row by id, with its audit entry, in one transaction. */
enum gl_status db_delete_row(struct gl_store *s, const char *table, const char *what,
	int64_t id, struct gl_error *err)
{
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, table, id, uuid);
	if (!uuid[0])
		return gl_error_set(err, GL_ENOTFOUND, _("no %s with id %lld"), db_entity_word(what),
			(long long)id);
	enum gl_status ret = gl_store_begin(s, err);
	if (ret != GL_OK)
		return ret;
	char sql[96];
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?", table);
	sqlite3_stmt *st;
	ret = db_prepare(s, sql, &st, err);
	if (ret == GL_OK) {
		sqlite3_bind_int64(st, 1, id);
		ret = db_exec_stmt(s, st, err);
	}
	if (ret == GL_OK)
		ret = db_audit(s, "delete", what, uuid, NULL, err);
	return db_finish(s, ret, err);
}

/* Renames a row of a table whose names have a case-folded unique key (schools, codes). */
enum gl_status db_rename(struct gl_store *s, const char *table, const char *entity, int64_t id,
	const char *name, struct gl_error *err)
{
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(name, &key) != GL_OK || (!strcmp(entity, "code") && strchr(name, '>'))) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, !strcmp(entity, "code")
			? _("a code name must not be empty or contain '>'")
			: _("the name of a %s must not be empty"), db_entity_word(entity));
	}
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, table, id, uuid);
	enum gl_status ret = uuid[0] ? gl_store_begin(s, err)
		: gl_error_set(err, GL_ENOTFOUND, _("no %s with id %lld"), db_entity_word(entity), (long long)id);
	if (ret != GL_OK) {
		gl_str_finish(&key);
		return ret;
	}
	char sql[96];
	snprintf(sql, sizeof sql, "UPDATE %s SET name = trim(?), name_key = ? WHERE id = ?", table);
	sqlite3_stmt *st;
	ret = db_prepare(s, sql, &st, err);
	if (ret == GL_OK) {
		db_bind_text(st, 1, name);
		db_bind_text(st, 2, gl_str_cstr(&key));
		sqlite3_bind_int64(st, 3, id);
		ret = db_exec_stmt(s, st, err);
		if (ret == GL_ECONSTRAINT)
			ret = gl_error_set(err, GL_EEXIST, _("a %s named '%s' exists already there"),
				db_entity_word(entity), name);
	}
	if (ret == GL_OK)
		ret = db_audit(s, "rename", entity, uuid, name, err);
	gl_str_finish(&key);
	return db_finish(s, ret, err);
}

/* Runs one UPDATE/DELETE with up to two integer parameters. */
enum gl_status db_exec_ids(struct gl_store *s, const char *sql, int64_t a, int64_t b,
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

enum gl_status db_count(struct gl_store *s, const char *sql, int64_t id, int64_t *n,
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
