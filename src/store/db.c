/* Statements with typed arguments (every bind checked), reads, and the store's one write path. */
#include "store_internal.h"

#include <string.h>

#include "genomlys/i18n.h"

static enum gl_status bind_failed(struct gl_store *s, int rc, int idx, struct gl_error *err)
{
	enum gl_status st = rc == SQLITE_NOMEM ? GL_ENOMEM : rc == SQLITE_TOOBIG ? GL_EINVAL : GL_EDB;
	return gl_error_set_at(err, st, s->path, 0, _("cannot pass value %d to the project: %s"),
		idx, sqlite3_errstr(rc));
}

enum gl_status db_bind_one(struct gl_store *s, sqlite3_stmt *st, int idx,
	const struct db_arg *a, struct gl_error *err)
{
	int rc = SQLITE_MISUSE;
	switch (a->type) {
	case DB_ARG_NULL:
		rc = sqlite3_bind_null(st, idx);
		break;
	case DB_ARG_INT:
		rc = sqlite3_bind_int64(st, idx, a->i);
		break;
	case DB_ARG_REAL:
		rc = sqlite3_bind_double(st, idx, a->r);
		break;
	case DB_ARG_TEXT:
	case DB_ARG_TEXT_STATIC:
		if (!a->s)
			rc = sqlite3_bind_null(st, idx);
		else
			rc = sqlite3_bind_text64(st, idx, a->s,
				a->len < 0 ? strlen(a->s) : (sqlite3_uint64)a->len,
				a->type == DB_ARG_TEXT ? SQLITE_TRANSIENT : SQLITE_STATIC, SQLITE_UTF8);
		break;
	case DB_ARG_END:
		break;
	}
	return rc == SQLITE_OK ? GL_OK : bind_failed(s, rc, idx, err);
}

enum gl_status db_bind_args(struct gl_store *s, sqlite3_stmt *st, const struct db_arg *args,
	struct gl_error *err)
{
	int n = 0;
	while (args && args[n].type != DB_ARG_END)
		n++;
	/* Too few values would leave parameters NULL without a word. */
	if (n != sqlite3_bind_parameter_count(st))
		return gl_error_set_at(err, GL_EDB, s->path, 0, "%d values for %d parameters in \"%s\"",
			n, sqlite3_bind_parameter_count(st), sqlite3_sql(st));
	enum gl_status ret = GL_OK;
	for (int i = 0; ret == GL_OK && i < n; i++)
		ret = db_bind_one(s, st, i + 1, &args[i], err);
	return ret;
}

enum gl_status db_statement(struct gl_store *s, const char *sql, const struct db_arg *args,
	bool hot, sqlite3_stmt **st, struct gl_error *err)
{
	enum gl_status ret = hot ? db_prepare_cached(s, sql, st, err) : db_prepare(s, sql, st, err);
	if (ret != GL_OK)
		return ret;
	ret = db_bind_args(s, *st, args, err);
	if (ret != GL_OK) {
		db_release(s, *st);
		*st = NULL;
	}
	return ret;
}

enum gl_status db_read(struct gl_store *s, const char *sql, const struct db_arg *args,
	gl_row_fn fn, void *ctx, struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_statement(s, sql, args, false, &st, err);
	if (ret != GL_OK)
		return ret;
	ret = db_run_rows(s, st, fn, ctx, err);
	db_release(s, st);
	return ret;
}

/* First column of the first row, as a number or as text (into text when not NULL). */
static enum gl_status read_one(struct gl_store *s, const char *sql, const struct db_arg *args,
	bool hot, int64_t *n, struct gl_str *text, struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_statement(s, sql, args, hot, &st, err);
	if (ret != GL_OK)
		return ret;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && text) {
		gl_str_clear(text);
		const char *t = (const char *)sqlite3_column_text(st, 0);
		ret = gl_str_append(text, t ? t : "", (size_t)sqlite3_column_bytes(st, 0));
		if (ret != GL_OK)
			gl_error_set(err, ret, "%s", gl_status_str(ret));
	} else if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
	} else if (rc == SQLITE_DONE) {
		ret = GL_ENOTFOUND;
	} else {
		ret = db_error(s, err, _("cannot read the project"));
	}
	db_release(s, st);
	return ret;
}

enum gl_status db_read_int(struct gl_store *s, const char *sql, const struct db_arg *args,
	int64_t *out, struct gl_error *err)
{
	return read_one(s, sql, args, false, out, NULL, err);
}

enum gl_status db_read_int_hot(struct gl_store *s, const char *sql, const struct db_arg *args,
	int64_t *out, struct gl_error *err)
{
	return read_one(s, sql, args, true, out, NULL, err);
}

enum gl_status db_read_text(struct gl_store *s, const char *sql, const struct db_arg *args,
	struct gl_str *out, struct gl_error *err)
{
	return read_one(s, sql, args, false, NULL, out, err);
}

/* Steps a statement that returns no rows; *changes gets the rows it changed. */
static enum gl_status exec_statement(struct gl_store *s, const char *sql,
	const struct db_arg *args, bool hot, int64_t *changes, struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_statement(s, sql, args, hot, &st, err);
	if (ret != GL_OK)
		return ret;
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		ret = db_error(s, err, _("cannot write to the project"));
	else if (changes)
		*changes = sqlite3_changes64(s->db);
	db_release(s, st);
	return ret;
}

enum gl_status db_exec_args(struct gl_store *s, const char *sql, const struct db_arg *args,
	struct gl_error *err)
{
	return exec_statement(s, sql, args, false, NULL, err);
}

/* The caller's message for a constraint failure: each "%s" takes the next argument. Built by
 * hand because the message is not a literal (it is translated and chosen by the caller). */
static enum gl_status constraint_failed(struct gl_store *s, const struct db_write *w,
	struct gl_error *err)
{
	enum gl_status st = w->constraint != GL_OK ? w->constraint : GL_ECONSTRAINT;
	if (!w->constraint_msg)
		return gl_error_set_at(err, st, s->path, 0, "%s", sqlite3_errmsg(s->db));
	struct gl_str msg = GL_STR_INIT;
	size_t next = 0;
	for (const char *p = w->constraint_msg; *p; p++) {
		if (p[0] == '%' && p[1] == 's') {
			const char *a = next < 2 ? w->constraint_args[next++] : NULL;
			gl_str_puts(&msg, a ? a : "");
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			gl_str_putc(&msg, '%');
			p++;
		} else {
			gl_str_putc(&msg, *p);
		}
	}
	gl_error_set(err, st, "%s", gl_str_cstr(&msg));
	gl_str_finish(&msg);
	return st;
}

enum gl_status db_audit(struct gl_store *s, const char *action, const char *entity,
	const char *uuid, const char *detail, struct gl_error *err)
{
	return exec_statement(s, "INSERT INTO audit_log (actor, action, entity, entity_uuid, detail) "
		"VALUES (?1, ?2, ?3, ?4, ?5)", DB_ARGS(DB_TEXT(gl_store_actor(s)), DB_TEXT(action),
		DB_TEXT(entity), DB_TEXT(uuid), DB_TEXT(detail)), true, NULL, err);
}

enum gl_status db_tx_begin(struct gl_store *s, struct db_tx *tx, struct gl_error *err)
{
	memset(tx, 0, sizeof *tx);
	tx->s = s;
	tx->err = err;
	tx->status = gl_store_begin(s, err);
	if (tx->status != GL_OK)
		tx->s = NULL;  /* nothing to commit or roll back */
	return tx->status;
}

enum gl_status db_tx_write(struct db_tx *tx, const struct db_write *w)
{
	if (tx->status != GL_OK)
		return tx->status;
	struct gl_store *s = tx->s;
	enum gl_status ret = exec_statement(s, w->sql, w->args, w->hot, &tx->changes, tx->err);
	if (ret == GL_ECONSTRAINT)
		ret = constraint_failed(s, w, tx->err);
	if (ret == GL_OK)
		tx->last_id = sqlite3_last_insert_rowid(s->db);
	if (ret == GL_OK && w->action)
		ret = db_audit(s, w->action, w->entity, w->uuid, w->detail, tx->err);
	tx->status = ret;
	return ret;
}

enum gl_status db_tx_audit(struct db_tx *tx, const char *action, const char *entity,
	const char *uuid, const char *detail)
{
	if (tx->status == GL_OK)
		tx->status = db_audit(tx->s, action, entity, uuid, detail, tx->err);
	return tx->status;
}

enum gl_status db_tx_fail(struct db_tx *tx, enum gl_status st)
{
	if (tx->status == GL_OK)
		tx->status = st;
	return tx->status;
}

enum gl_status db_tx_end(struct db_tx *tx)
{
	if (!tx->s)
		return tx->status;
	enum gl_status ret = db_finish(tx->s, tx->status, tx->err);
	tx->s = NULL;
	return ret;
}

enum gl_status db_write(struct gl_store *s, const struct db_write *w, int64_t *id,
	struct gl_error *err)
{
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) == GL_OK)
		db_tx_write(&tx, w);
	int64_t last = tx.last_id;
	enum gl_status ret = db_tx_end(&tx);
	if (ret == GL_OK && id)
		*id = last;
	return ret;
}
