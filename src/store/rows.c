/* Helpers shared by the entity files: look-ups by name, and the generic writes by id. */
#include "genomlys/store.h"

#include <stdio.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"
#include "store_internal.h"

/* Runs "SELECT id FROM ... WHERE <col> = ?1" with one text parameter (a cached statement). */
enum gl_status db_find_id(struct gl_store *s, const char *sql, const char *key, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	return db_read_int_hot(s, sql, DB_ARGS(DB_TEXT(key)), id ? id : &unused_id, err);
}

enum gl_status db_name_key(const char *name, struct gl_str *key)
{
	if (!name)
		return GL_EINVAL;
	while (*name == ' ' || *name == '\t')
		name++;
	size_t n = strlen(name);
	while (n && (name[n - 1] == ' ' || name[n - 1] == '\t'))
		n--;
	if (n == 0 || !gl_utf8_valid(name, n, NULL))
		return GL_EINVAL;
	return gl_utf8_fold(name, n, key);
}

void db_row_uuid(struct gl_store *s, const char *table, int64_t id, char out[GL_UUID_LEN + 1])
{
	out[0] = '\0';
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT uuid FROM %s WHERE id = ?1", table);
	sqlite3_stmt *st;
	if (db_statement(s, sql, DB_ARGS(DB_INT(id)), true, &st, NULL) != GL_OK)
		return;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, GL_UUID_LEN + 1, "%s", (const char *)sqlite3_column_text(st, 0));
	db_release(s, st);
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
		return gl_error_set(err, GL_EINVAL, _("the name of a %s must not be empty"),
			db_entity_word(what));
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
	if (rules_name(name, err) != GL_OK)
		return GL_EINVAL;
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
	char sql[128];
	snprintf(sql, sizeof sql, "INSERT INTO %s (uuid, name, name_key) VALUES (?1, trim(?2), ?3)",
		table);
	ret = db_write(s, &(struct db_write){ .sql = sql,
		.args = DB_ARGS(DB_TEXT(uuid), DB_TEXT(name), DB_TEXT(gl_str_cstr(&key))),
		.action = "create", .entity = what, .uuid = uuid, .detail = name }, id, err);
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
	char sql[96];
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?1", table);
	return db_write(s, &(struct db_write){ .sql = sql, .args = DB_ARGS(DB_INT(id)),
		.action = "delete", .entity = what, .uuid = uuid }, NULL, err);
}

/* Renames a row of a table whose names have a case-folded unique key (schools, codes). */
enum gl_status db_rename(struct gl_store *s, const char *table, const char *entity, int64_t id,
	const char *name, struct gl_error *err)
{
	if (rules_name(name, err) != GL_OK)
		return GL_EINVAL;
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(name, &key) != GL_OK || (!strcmp(entity, "code") && strchr(name, '>'))) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, !strcmp(entity, "code")
			? _("a code name must not be empty or contain '>'")
			: _("the name of a %s must not be empty"), db_entity_word(entity));
	}
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, table, id, uuid);
	enum gl_status ret = GL_OK;
	if (!uuid[0]) {
		ret = gl_error_set(err, GL_ENOTFOUND, _("no %s with id %lld"), db_entity_word(entity),
			(long long)id);
	} else {
		char sql[96];
		snprintf(sql, sizeof sql, "UPDATE %s SET name = trim(?1), name_key = ?2 WHERE id = ?3",
			table);
		ret = db_write(s, &(struct db_write){ .sql = sql,
			.args = DB_ARGS(DB_TEXT(name), DB_TEXT(gl_str_cstr(&key)), DB_INT(id)),
			.constraint = GL_EEXIST, .constraint_msg = _("a %s named '%s' exists already there"),
			.constraint_args = { db_entity_word(entity), name },
			.action = "rename", .entity = entity, .uuid = uuid, .detail = name }, NULL, err);
	}
	gl_str_finish(&key);
	return ret;
}
