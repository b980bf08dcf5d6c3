/* Memos: notes on the project, a document, code, coding or finding. */
#include "genomlys/store.h"

#include "genomlys/i18n.h"
#include "store_internal.h"

enum gl_status gl_store_memo_insert(struct gl_store *s, const char *target, int64_t target_id,
	int64_t coder_id, const char *text, int64_t *id, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	if (!text || !*text)
		return gl_error_set(err, GL_EINVAL, _("a memo must not be empty"));
	char uuid[GL_UUID_LEN + 1];
	enum gl_status ret = gl_uuid_new(uuid);
	if (ret != GL_OK)
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	if ((ret = gl_store_begin(s, err)) != GL_OK)
		return ret;
	sqlite3_stmt *st;
	ret = db_prepare(s, "INSERT INTO memos (uuid, target, target_id, coder_id, text) "
		"VALUES (?,?,?,?,?)", &st, err);
	if (ret == GL_OK) {
		db_bind_text(st, 1, uuid);
		db_bind_text(st, 2, target);
		sqlite3_bind_int64(st, 3, target_id);
		if (coder_id > 0)
			sqlite3_bind_int64(st, 4, coder_id);
		else
			sqlite3_bind_null(st, 4);
		db_bind_text(st, 5, text);
		ret = db_exec_stmt(s, st, err);
		if (ret == GL_ECONSTRAINT)
			gl_error_set(err, GL_EINVAL, _("a memo belongs to a project, document, code, coding "
				"or finding"));
	}
	if (ret == GL_OK) {
		*id = sqlite3_last_insert_rowid(s->db);
		ret = db_audit(s, "create", "memo", uuid, target, err);
	}
	return db_finish(s, ret, err);
}
