/* Project metadata: name, uuid, created_at and other key/values of the meta table. */
#include "genomlys/store.h"

#include "genomlys/i18n.h"
#include "store_internal.h"

enum gl_status gl_store_meta_get(struct gl_store *s, const char *key, struct gl_str *out,
	struct gl_error *err)
{
	gl_str_clear(out);
	enum gl_status ret = db_read_text(s, "SELECT value FROM meta WHERE key = ?1",
		DB_ARGS(DB_TEXT(key)), out, err);
	if (ret == GL_ENOTFOUND)
		ret = gl_error_set(err, GL_ENOTFOUND, _("no project setting '%s'"), key);
	return ret;
}

enum gl_status gl_store_meta_set(struct gl_store *s, const char *key, const char *value,
	struct gl_error *err)
{
	return db_write(s, &(struct db_write){ .sql = "INSERT INTO meta (key, value) VALUES (?1, ?2) "
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		.args = DB_ARGS(DB_TEXT(key), DB_TEXT(value)),
		.action = "set", .entity = "meta", .detail = key }, NULL, err);
}
