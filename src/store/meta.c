/* Project metadata: name, uuid, created_at and other key/values of the meta table. */
#include "genomlys/store.h"

#include "genomlys/i18n.h"
#include "store_internal.h"

enum gl_status gl_store_meta_get(struct gl_store *s, const char *key, struct gl_str *out,
	struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, "SELECT value FROM meta WHERE key = ?", &st, err);
	if (ret != GL_OK)
		return ret;
	db_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	gl_str_clear(out);
	if (rc == SQLITE_ROW)
		ret = gl_str_puts(out, (const char *)sqlite3_column_text(st, 0));
	else if (rc == SQLITE_DONE)
		ret = gl_error_set(err, GL_ENOTFOUND, _("no project setting '%s'"), key);
	else
		ret = db_error(s, err, _("cannot read the project"));
	sqlite3_finalize(st);
	return ret;
}

enum gl_status gl_store_meta_set(struct gl_store *s, const char *key, const char *value,
	struct gl_error *err)
{
	enum gl_status ret = gl_store_begin(s, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_stmt *st;
	ret = db_prepare(s, "INSERT INTO meta (key, value) VALUES (?, ?) "
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value", &st, err);
	if (ret == GL_OK) {
		db_bind_text(st, 1, key);
		db_bind_text(st, 2, value);
		ret = db_exec_stmt(s, st, err);
	}
	if (ret == GL_OK)
		ret = db_audit(s, "set", "meta", NULL, key, err);
	return db_finish(s, ret, err);
}
