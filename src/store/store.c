/* Opening, creating and migrating project files; transactions; metadata; integrity check. */
#include "genomlys/store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"
#include "schema.h"
#include "store_internal.h"

/* 'GLYS': marks a SQLite file as a genomlys project. */
#define GL_APPLICATION_ID 0x474C5953

int gl_store_schema_version(void)
{
	return schema_latest();
}

enum gl_status db_error(struct gl_store *s, struct gl_error *err, const char *what)
{
	int code = sqlite3_errcode(s->db);
	enum gl_status st = GL_EDB;
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		st = GL_EBUSY;
	else if (code == SQLITE_CONSTRAINT)
		st = GL_ECONSTRAINT;
	else if (code == SQLITE_NOMEM)
		st = GL_ENOMEM;
	else if (code == SQLITE_FULL || code == SQLITE_IOERR)
		st = GL_EIO;
	else if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
		st = GL_ESCHEMA;
	return gl_error_set_at(err, st, s->path, 0, "%s: %s", what, sqlite3_errmsg(s->db));
}

enum gl_status db_prepare(struct gl_store *s, const char *sql, sqlite3_stmt **st,
	struct gl_error *err)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return db_error(s, err, _("cannot prepare a query"));
	return GL_OK;
}

enum gl_status db_prepare_cached(struct gl_store *s, const char *sql, sqlite3_stmt **st,
	struct gl_error *err)
{
	size_t free_slot = STMT_CACHE_SIZE;
	for (size_t i = 0; i < STMT_CACHE_SIZE; i++) {
		if (s->cache[i].sql && !strcmp(s->cache[i].sql, sql)) {
			*st = s->cache[i].st;
			return GL_OK;
		}
		if (!s->cache[i].sql && free_slot == STMT_CACHE_SIZE)
			free_slot = i;
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
		return db_error(s, err, _("cannot prepare a query"));
	if (free_slot < STMT_CACHE_SIZE && (s->cache[free_slot].sql = strdup(sql)))
		s->cache[free_slot].st = *st;
	return GL_OK;  /* a full cache just means this one is finalized after use */
}

void db_release(struct gl_store *s, sqlite3_stmt *st)
{
	for (size_t i = 0; i < STMT_CACHE_SIZE; i++) {
		if (s->cache[i].st == st && s->cache[i].sql) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return;
		}
	}
	sqlite3_finalize(st);
}

enum gl_status db_run_rows(struct gl_store *s, sqlite3_stmt *st, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	int n = sqlite3_column_count(st);
	const char **names = calloc((size_t)n, sizeof *names);
	struct gl_value *vals = calloc((size_t)n, sizeof *vals);
	enum gl_status ret = GL_OK;
	if (!names || !vals) {
		ret = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		goto out;
	}
	for (int i = 0; i < n; i++)
		names[i] = sqlite3_column_name(st, i);
	struct gl_row row = { n, names, vals };
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++) {
			struct gl_value *v = &vals[i];
			memset(v, 0, sizeof *v);
			switch (sqlite3_column_type(st, i)) {
			case SQLITE_INTEGER:
				v->type = GL_VAL_INT;
				v->i = sqlite3_column_int64(st, i);
				v->r = (double)v->i;
				break;
			case SQLITE_FLOAT:
				v->type = GL_VAL_REAL;
				v->r = sqlite3_column_double(st, i);
				break;
			case SQLITE_NULL:
				v->type = GL_VAL_NULL;
				break;
			default:
				v->type = GL_VAL_TEXT;
				v->s = (const char *)sqlite3_column_text(st, i);
				v->len = (size_t)sqlite3_column_bytes(st, i);
				if (!v->s)
					v->s = "";
				break;
			}
		}
		if (fn(ctx, &row) != 0) {
			ret = GL_ECANCELLED;
			goto out;
		}
	}
	if (rc != SQLITE_DONE)
		ret = db_error(s, err, _("cannot read the project"));
out:
	free(names);
	free(vals);
	return ret;
}

static enum gl_status exec(struct gl_store *s, const char *sql, struct gl_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		enum gl_status st = db_error(s, err, _("database error"));
		sqlite3_free(msg);
		return st;
	}
	return GL_OK;
}

static enum gl_status pragma_int(struct gl_store *s, const char *sql, int *out,
	struct gl_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(s, err, _("cannot read the project"));
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		enum gl_status ret = db_error(s, err, _("cannot read the project"));
		sqlite3_finalize(st);
		return ret;
	}
	*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return GL_OK;
}

/* Per-connection settings: durability first (every action is committed to disk at once). */
static enum gl_status configure(struct gl_store *s, struct gl_error *err)
{
	sqlite3_extended_result_codes(s->db, 0);
	sqlite3_busy_timeout(s->db, 5000);
	return exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
		"PRAGMA foreign_keys=ON;", err);
}

static enum gl_status migrate(struct gl_store *s, int from, struct gl_error *err)
{
	for (int v = from + 1; v <= schema_latest(); v++) {
		enum gl_status st = exec(s, "BEGIN IMMEDIATE", err);
		if (st != GL_OK)
			return st;
		char *sql = sqlite3_mprintf("%s; PRAGMA user_version=%d;", schema_step(v), v);
		if (!sql) {
			exec(s, "ROLLBACK", NULL);
			return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		}
		st = exec(s, sql, err);
		sqlite3_free(sql);
		if (st == GL_OK)
			st = exec(s, "COMMIT", err);
		if (st != GL_OK) {
			exec(s, "ROLLBACK", NULL);
			return gl_error_set_at(err, GL_ESCHEMA, s->path, 0,
				_("cannot upgrade the project to schema version %d: %s"), v, err ? err->message : "");
		}
	}
	return GL_OK;
}

static void default_actor(struct gl_store *s)
{
	gl_store_set_actor(s, NULL);
}

static enum gl_status connect(const char *path, int flags, struct gl_store **out,
	struct gl_error *err)
{
	*out = NULL;
	struct gl_store *s = calloc(1, sizeof *s);
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	default_actor(s);
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		enum gl_status st = gl_error_set_at(err, GL_EIO, path, 0, _("cannot open the project: %s"),
			s->db ? sqlite3_errmsg(s->db) : gl_status_str(GL_ENOMEM));
		gl_store_close(s);
		return st;
	}
	enum gl_status st = db_collation_register(s, err);
	if (st != GL_OK) {
		gl_store_close(s);
		return st;
	}
	*out = s;
	return GL_OK;
}

enum gl_status gl_store_open(const char *path, struct gl_store **out, struct gl_error *err)
{
	struct stat sb;
	*out = NULL;
	if (stat(path, &sb) != 0)
		return gl_error_set_at(err, GL_ENOTFOUND, path, 0,
			_("no such project (create one with 'genomlys init')"));
	if (!S_ISREG(sb.st_mode))
		return gl_error_set_at(err, GL_EINVAL, path, 0, _("not a regular file"));
	struct gl_store *s;
	enum gl_status st = connect(path, SQLITE_OPEN_READWRITE, &s, err);
	if (st != GL_OK)
		return st;
	sqlite3_busy_timeout(s->db, 5000);
	/* Read the version before anything writes: a newer file must stay untouched. */
	int app_id = 0, version = 0;
	st = pragma_int(s, "PRAGMA application_id", &app_id, err);
	if (st == GL_OK)
		st = pragma_int(s, "PRAGMA user_version", &version, err);
	if (st != GL_OK) {
		if (st == GL_ESCHEMA || st == GL_EDB)
			st = gl_error_set_at(err, GL_ESCHEMA, path, 0,
				_("not a genomlys project (the file is not an SQLite database or is damaged)"));
		goto fail;
	}
	if (app_id != GL_APPLICATION_ID) {
		st = gl_error_set_at(err, GL_ESCHEMA, path, 0,
			_("not a genomlys project (an SQLite database of another program)"));
		goto fail;
	}
	if (version > schema_latest()) {
		st = gl_error_set_at(err, GL_ESCHEMA, path, 0,
			_("the project was written by a newer genomlys (schema version %d; this one knows "
			"up to %d): upgrade genomlys to open it"), version, schema_latest());
		goto fail;
	}
	st = configure(s, err);
	if (st == GL_OK && version < schema_latest())
		st = migrate(s, version, err);
	if (st != GL_OK)
		goto fail;
	*out = s;
	return GL_OK;
fail:
	gl_store_close(s);
	return st;
}

enum gl_status gl_store_create(const char *path, const char *name, struct gl_store **out,
	struct gl_error *err)
{
	*out = NULL;
	/* O_EXCL: never overwrite, even in a race; 0600: letters are personal data. */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return gl_error_set_at(err, GL_EEXIST, path, 0,
				_("the file exists already; not overwriting it"));
		return gl_error_set_at(err, GL_EIO, path, 0, _("cannot create the project: %s"),
			strerror(errno));
	}
	close(fd);
	struct gl_store *s;
	enum gl_status st = connect(path, SQLITE_OPEN_READWRITE, &s, err);
	if (st != GL_OK)
		goto unlink_file;
	char sql_app[64];
	snprintf(sql_app, sizeof sql_app, "PRAGMA application_id=%d", GL_APPLICATION_ID);
	st = exec(s, sql_app, err);
	if (st == GL_OK)
		st = configure(s, err);
	if (st == GL_OK)
		st = migrate(s, 0, err);
	if (st != GL_OK)
		goto fail;
	char uuid[GL_UUID_LEN + 1];
	if ((st = gl_uuid_new(uuid)) != GL_OK) {
		gl_error_set(err, st, "%s", _("cannot generate a random identifier"));
		goto fail;
	}
	struct db_tx tx;
	const char *pname = name && *name ? name : _("Untitled project");
	if (db_tx_begin(s, &tx, err) == GL_OK)
		db_tx_fail(&tx, gl_store_meta_set(s, "name", pname, err));
	if (tx.status == GL_OK)
		db_tx_fail(&tx, gl_store_meta_set(s, "uuid", uuid, err));
	db_tx_write(&tx, &(struct db_write){ .sql = "INSERT INTO meta VALUES ('created_at', "
		"strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
		.action = "create", .entity = "project", .uuid = uuid, .detail = pname });
	st = db_tx_end(&tx);
	if (st != GL_OK)
		goto fail;
	*out = s;
	return GL_OK;
fail:
	gl_store_close(s);
unlink_file:
	unlink(path);
	for (const char *const *suffix = (const char *const[]){ "-wal", "-shm", NULL }; *suffix;
		suffix++) {
		char *aux = sqlite3_mprintf("%s%s", path, *suffix);  /* never a cut path */
		if (aux)
			unlink(aux);
		sqlite3_free(aux);
	}
	return st;
}

uint64_t gl_store_data_version(struct gl_store *s)
{
	int other = 0;
	pragma_int(s, "PRAGMA data_version", &other, NULL);
	return (uint64_t)(uint32_t)other << 32 | s->commits;
}

void gl_store_close(struct gl_store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < STMT_CACHE_SIZE; i++) {
		sqlite3_finalize(s->cache[i].st);
		free(s->cache[i].sql);
	}
	if (s->db)
		sqlite3_close_v2(s->db);
	free(s->path);
	free(s->actor);
	free(s);
}

const char *gl_store_path(const struct gl_store *s)
{
	return s->path;
}

void gl_store_set_actor(struct gl_store *s, const char *name)
{
	const char *u = getenv("USER");
	char *copy = strdup(name && *name ? name : u && *u ? u : "unknown");
	if (!copy)
		return;  /* out of memory: the previous actor stays */
	free(s->actor);
	s->actor = copy;
}

const char *gl_store_actor(const struct gl_store *s)
{
	return s->actor ? s->actor : "unknown";
}

/* Nested transactions are counted, not savepoints: FTS5 writes a new index segment at every
 * savepoint, which made an import of 10,000 letters several times slower and fragmented the
 * index. Statements are atomic on their own; a function that fails halfway inside an outer
 * transaction spoils it, and the outer commit then rolls everything back. */
enum gl_status gl_store_begin(struct gl_store *s, struct gl_error *err)
{
	if (s->tx_depth == 0) {
		enum gl_status st = exec(s, "BEGIN IMMEDIATE", err);
		if (st != GL_OK)
			return st;
		s->tx_spoiled = false;
	}
	s->tx_depth++;
	return GL_OK;
}

enum gl_status gl_store_commit(struct gl_store *s, struct gl_error *err)
{
	if (s->tx_depth <= 0)
		return gl_error_set(err, GL_EINVAL, "commit without a transaction");
	if (s->tx_depth > 1) {
		s->tx_depth--;
		return GL_OK;
	}
	if (s->tx_spoiled) {
		gl_store_rollback(s);
		return gl_error_set_at(err, GL_ECONSTRAINT, s->path, 0,
			_("a step of the change failed, so none of it was saved"));
	}
	enum gl_status st = exec(s, "COMMIT", err);
	if (st != GL_OK) {
		gl_store_rollback(s);
		return st;
	}
	s->tx_depth = 0;
	s->commits++;
	return GL_OK;
}

void gl_store_rollback(struct gl_store *s)
{
	if (s->tx_depth <= 0)
		return;
	if (s->tx_depth == 1) {
		exec(s, "ROLLBACK", NULL);
		s->bulk = false;  /* the marker row went with the rollback */
	}
	else
		s->tx_spoiled = true;
	s->tx_depth--;
}

enum gl_status gl_store_bulk_begin(struct gl_store *s, struct gl_error *err)
{
	if (s->tx_depth <= 0)
		return gl_error_set(err, GL_EINVAL, "bulk insert outside a transaction");
	if (s->bulk)
		return GL_OK;
	int from = 0;
	enum gl_status st = pragma_int(s, "SELECT ifnull(max(id), 0) FROM documents", &from, err);
	if (st == GL_OK)
		st = exec(s, "INSERT OR REPLACE INTO meta (key, value) VALUES ('fts_deferred', '1')",
			err);
	if (st == GL_OK) {
		s->bulk = true;
		s->bulk_from = from;
	}
	return st;
}

enum gl_status gl_store_bulk_end(struct gl_store *s, struct gl_error *err)
{
	if (!s->bulk)
		return GL_OK;
	enum gl_status ret = db_exec_args(s, "INSERT INTO documents_fts (rowid, title, text) "
		"SELECT id, title, text FROM documents WHERE id > ?1", DB_ARGS(DB_INT(s->bulk_from)), err);
	if (ret == GL_OK)
		ret = exec(s, "DELETE FROM meta WHERE key = 'fts_deferred'", err);
	if (ret == GL_OK)
		s->bulk = false;
	return ret;
}

enum gl_status db_finish(struct gl_store *s, enum gl_status st, struct gl_error *err)
{
	if (st == GL_OK)
		return gl_store_commit(s, err);
	gl_store_rollback(s);
	return st;
}

static int check_row(void *ctx, int ncols, char **vals, char **names)
{
	struct gl_str *problems = ctx;
	(void)names;
	for (int i = 0; i < ncols; i++) {
		if (vals[i] && strcmp(vals[i], "ok") != 0) {
			gl_str_puts(problems, vals[i]);
			gl_str_putc(problems, '\n');
		}
	}
	return 0;
}

static int fk_row(void *ctx, int ncols, char **vals, char **names)
{
	struct gl_str *problems = ctx;
	(void)names;
	gl_str_printf(problems, _("broken reference: row %s of table %s points to a missing row "
		"of %s\n"), ncols > 1 && vals[1] ? vals[1] : "?", vals[0] ? vals[0] : "?",
		ncols > 2 && vals[2] ? vals[2] : "?");
	return 0;
}

enum gl_status gl_store_check(struct gl_store *s, struct gl_str *problems, struct gl_error *err)
{
	static const char *const tables[] = { "meta", "schools", "groups", "group_aliases",
		"coders", "documents", "codes", "codings", "classifications", "memos",
		"survey_results", "findings", "finding_codings", "finding_surveys", "audit_log",
		"documents_fts", "ballots", "ballot_ranks", "dot_votes", "impact_effort",
		"code_usage", "settings" };
	gl_str_clear(problems);
	char *msg = NULL;
	if (sqlite3_exec(s->db, "PRAGMA integrity_check", check_row, problems, &msg) != SQLITE_OK) {
		gl_str_printf(problems, "%s\n", msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		msg = NULL;
	}
	if (sqlite3_exec(s->db, "PRAGMA foreign_key_check", fk_row, problems, &msg) != SQLITE_OK) {
		gl_str_printf(problems, "%s\n", msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		msg = NULL;
	}
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT 1 FROM sqlite_schema WHERE name = '%s'", tables[i]);
		int found = 0;
		if (pragma_int(s, sql, &found, NULL) != GL_OK)
			gl_str_printf(problems, _("missing table: %s\n"), tables[i]);
	}
	int drift = 0;
	if (pragma_int(s, "SELECT count(*) FROM codes c LEFT JOIN code_usage u ON u.code_id = c.id "
		"WHERE ifnull(u.codings, 0) <> (SELECT count(*) FROM codings k WHERE k.code_id = c.id)",
		&drift, NULL) == GL_OK && drift)
		gl_str_printf(problems, _("the coding counts of %d codes are wrong (table code_usage)\n"),
			drift);
	int marker = 0;
	if (pragma_int(s, "SELECT count(*) FROM meta WHERE key = 'fts_deferred'", &marker, NULL) ==
		GL_OK && marker && !s->bulk)
		gl_str_puts(problems, _("the full-text index is switched off (meta 'fts_deferred'); "
			"delete that row and rebuild the index\n"));
	if (sqlite3_exec(s->db, "INSERT INTO documents_fts(documents_fts, rank) "
		"VALUES ('integrity-check', 1)", NULL, NULL, &msg) != SQLITE_OK) {
		gl_str_printf(problems, _("full-text index: %s\n"), msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
	}
	if (problems->len)
		return gl_error_set_at(err, GL_ESCHEMA, s->path, 0, _("the project has problems"));
	return GL_OK;
}
