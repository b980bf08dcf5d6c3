/* Read marks: which coder has read which letter. Intercoder agreement compares coders over the
 * letters every one of them has read (docs/analysis.md). */
#include "genomlys/store.h"

#include <stdio.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

#define READ_MARK_SQL "INSERT OR IGNORE INTO letter_reads (document_id, coder_id, uuid) " \
	"VALUES (?1, ?2, ?3)"

enum gl_status db_tx_mark_read(struct db_tx *tx, int64_t document_id, int64_t coder_id)
{
	char uuid[GL_UUID_LEN + 1];
	if (tx->status == GL_OK && gl_uuid_new(uuid) != GL_OK) {
		gl_error_set(tx->err, GL_EIO, "%s", _("cannot generate a random identifier"));
		return db_tx_fail(tx, GL_EIO);
	}
	return db_tx_write(tx, &(struct db_write){ .sql = READ_MARK_SQL, .hot = true,
		.args = DB_ARGS(DB_INT(document_id), DB_INT(coder_id), DB_TEXT(uuid)),
		.constraint_msg = _("no such letter or coder") });
}

enum gl_status gl_store_read_get(struct gl_store *s, int64_t document_id, int64_t coder_id,
	bool *read, struct gl_error *err)
{
	int64_t n = 0;
	enum gl_status st = db_read_int_hot(s, "SELECT count(*) FROM letter_reads WHERE "
		"document_id = ?1 AND coder_id = ?2", DB_ARGS(DB_INT(document_id), DB_INT(coder_id)),
		&n, err);
	if (st == GL_OK)
		*read = n > 0;
	return st;
}

enum gl_status gl_store_read_set(struct gl_store *s, int64_t document_id, int64_t coder_id,
	bool read, bool *changed, struct gl_error *err)
{
	int64_t length = 0;
	enum gl_status st = db_read_int(s, "SELECT length FROM documents WHERE id = ?1",
		DB_ARGS(DB_INT(document_id)), &length, err);
	if (st == GL_ENOTFOUND)
		return gl_error_set(err, GL_ENOTFOUND, _("no letter with id %lld"),
			(long long)document_id);
	if (st != GL_OK)
		return st;
	bool was = false;
	if ((st = gl_store_read_get(s, document_id, coder_id, &was, err)) != GL_OK)
		return st;
	if (changed)
		*changed = was != read;
	if (was == read)
		return GL_OK;
	char detail[64];
	snprintf(detail, sizeof detail, "letter %lld", (long long)document_id);
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) != GL_OK)
		return tx.status;
	if (read) {
		db_tx_mark_read(&tx, document_id, coder_id);
		db_tx_audit(&tx, "read", "letter_read", NULL, detail);
	} else {
		db_tx_write(&tx, &(struct db_write){ .sql = "DELETE FROM letter_reads WHERE "
			"document_id = ?1 AND coder_id = ?2",
			.args = DB_ARGS(DB_INT(document_id), DB_INT(coder_id)),
			.action = "unread", .entity = "letter_read", .detail = detail });
	}
	return db_tx_end(&tx);
}
