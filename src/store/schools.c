/* Schools: find by name, create, rename, delete. */
#include "genomlys/store.h"

#include "genomlys/i18n.h"
#include "store_internal.h"

enum gl_status gl_store_school_find(struct gl_store *s, const char *name, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	return db_named_find(s, "schools", "school", name, id, err);
}

enum gl_status gl_store_school_ensure(struct gl_store *s, const char *name, int64_t *id,
	bool *created, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	return db_named_ensure(s, "schools", "school", name, id, created, err);
}

enum gl_status gl_store_school_rename(struct gl_store *s, int64_t id, const char *name,
	struct gl_error *err)
{
	return db_rename(s, "schools", "school", id, name, err);
}

enum gl_status gl_store_school_delete(struct gl_store *s, int64_t id, struct gl_error *err)
{
	return db_delete_row(s, "schools", "school", id, err);
}

enum gl_status gl_store_school_name(struct gl_store *s, int64_t id, struct gl_str *out,
	struct gl_error *err)
{
	enum gl_status ret = db_read_text(s, "SELECT name FROM schools WHERE id = ?1",
		DB_ARGS(DB_INT(id)), out, err);
	if (ret == GL_ENOTFOUND)
		ret = gl_error_set(err, GL_ENOTFOUND, _("no school with id %lld"), (long long)id);
	return ret;
}
