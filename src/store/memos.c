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
	if (rules_text(text, err) != GL_OK)
		return GL_EINVAL;
	char uuid[GL_UUID_LEN + 1];
	enum gl_status ret = gl_uuid_new(uuid);
	if (ret != GL_OK)
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	return db_write(s, &(struct db_write){ .sql = "INSERT INTO memos (uuid, target, target_id, "
		"coder_id, text) VALUES (?1, ?2, ?3, ?4, ?5)",
		.args = DB_ARGS(DB_TEXT(uuid), DB_TEXT(target), DB_INT(target_id), DB_ID(coder_id),
			DB_TEXT(text)),
		.constraint_msg = _("a memo belongs to a project, document, code, coding or finding"),
		.action = "create", .entity = "memo", .uuid = uuid, .detail = target }, id, err);
}
