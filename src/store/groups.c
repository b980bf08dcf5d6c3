/* Respondent groups and their aliases. */
#include "genomlys/store.h"

#include "genomlys/i18n.h"
#include "store_internal.h"

enum gl_status gl_store_group_find(struct gl_store *s, const char *name, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	struct gl_str key = GL_STR_INIT;
	enum gl_status ret = db_name_key(name, &key);
	if (ret == GL_OK)
		ret = db_find_id(s, "SELECT group_id FROM group_aliases WHERE alias_key = ?1 "
			"UNION ALL SELECT id FROM groups WHERE key = ?1 LIMIT 1", gl_str_cstr(&key), id, err);
	else
		ret = GL_ENOTFOUND;
	if (ret == GL_ENOTFOUND) {
		struct gl_str names = GL_STR_INIT;
		gl_store_group_names(s, &names, NULL);
		gl_error_set(err, ret, _("unknown respondent group '%s' (valid: %s)"), name ? name : "",
			gl_str_cstr(&names));
		gl_str_finish(&names);
	}
	gl_str_finish(&key);
	return ret;
}

static int name_row(void *ctx, const struct gl_row *row)
{
	struct gl_str *out = ctx;
	return gl_str_printf(out, "%s%s/%s", out->len ? ", " : "", row->values[0].s,
		row->values[1].s) != GL_OK;
}

enum gl_status gl_store_group_names(struct gl_store *s, struct gl_str *out, struct gl_error *err)
{
	gl_str_clear(out);
	return db_read(s, "SELECT " DB_GROUP_NAME("groups") ", key FROM groups ORDER BY sort, id", NULL, name_row, out,
		err);
}

/* Adds an alias (its case-folded key) inside tx; audited when the caller names an action. */
static void alias_insert(struct db_tx *tx, int64_t group_id, const char *alias,
	const char *action, const char *uuid)
{
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(alias, &key) != GL_OK)
		db_tx_fail(tx, gl_error_set(tx->err, GL_EINVAL, _("a group name must not be empty")));
	db_tx_write(tx, &(struct db_write){ .sql = "INSERT INTO group_aliases (alias_key, group_id) "
		"VALUES (?1, ?2) ON CONFLICT DO NOTHING",
		.args = DB_ARGS(DB_TEXT(gl_str_cstr(&key)), DB_INT(group_id)),
		.action = action, .entity = "group", .uuid = uuid, .detail = alias });
	gl_str_finish(&key);
}

enum gl_status gl_store_group_alias_add(struct gl_store *s, int64_t group_id, const char *alias,
	struct gl_error *err)
{
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "groups", group_id, uuid);
	if (!uuid[0])
		return gl_error_set(err, GL_ENOTFOUND, _("no group with id %lld"), (long long)group_id);
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) == GL_OK)
		alias_insert(&tx, group_id, alias, "alias", uuid);
	return db_tx_end(&tx);
}

enum gl_status gl_store_group_add(struct gl_store *s, const char *key, const char *name_sv,
	const char *name_en, int64_t *id, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	if (!key || !*key || !name_sv || !*name_sv || !name_en || !*name_en)
		return gl_error_set(err, GL_EINVAL, _("a group needs a key, a Swedish and an English name"));
	char uuid[GL_UUID_LEN + 1];
	enum gl_status ret = gl_uuid_new(uuid);
	if (ret != GL_OK)
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) != GL_OK)
		return tx.status;
	db_tx_write(&tx, &(struct db_write){ .sql = "INSERT INTO groups (uuid, key, name_sv, "
		"name_en, sort) VALUES (?1, ?2, ?3, ?4, (SELECT ifnull(max(sort), 0) + 1 FROM groups))",
		.args = DB_ARGS(DB_TEXT(uuid), DB_TEXT(key), DB_TEXT(name_sv), DB_TEXT(name_en)),
		.constraint = GL_EEXIST, .constraint_msg = _("a group '%s' exists already"),
		.constraint_args = { key },
		.action = "create", .entity = "group", .uuid = uuid, .detail = key });
	int64_t group = tx.last_id;
	alias_insert(&tx, group, key, NULL, NULL);
	alias_insert(&tx, group, name_sv, NULL, NULL);
	alias_insert(&tx, group, name_en, NULL, NULL);
	ret = db_tx_end(&tx);
	if (ret == GL_OK)
		*id = group;
	return ret;
}
