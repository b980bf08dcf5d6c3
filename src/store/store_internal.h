/* Private to the store: the connection struct and shared helpers of the store's files. */
#ifndef GENOMLYS_STORE_INTERNAL_H
#define GENOMLYS_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "genomlys/store.h"

#define STMT_CACHE_SIZE 32

struct ui_cache;  /* the terminal interface's aggregates (ui_queries.c) */
void ui_cache_free(struct ui_cache *c);

struct gl_store {
	sqlite3 *db;
	char *path;
	char actor[128];
	int tx_depth;
	bool tx_spoiled;  /* a nested step failed: the outer transaction must not commit */
	bool bulk;        /* between gl_store_bulk_begin and _end: letters wait to be indexed */
	uint32_t commits;  /* this connection's commits: other programs' are PRAGMA data_version */
	struct ui_cache *ui_cache;
	int64_t bulk_from;  /* the highest document id before the bulk insert began */
	/* Prepared statements of the hot paths, kept for the connection's life (keyed by text). */
	struct {
		char *sql;
		sqlite3_stmt *st;
	} cache[STMT_CACHE_SIZE];
};

/* Sets err from the connection's last error. */
enum gl_status db_error(struct gl_store *s, struct gl_error *err, const char *what);
enum gl_status db_prepare(struct gl_store *s, const char *sql, sqlite3_stmt **st,
	struct gl_error *err);
/* Like db_prepare, but keeps the statement for reuse: a hot path's SQL is compiled once per
 * connection. Give it back with db_release (or db_exec_stmt), never sqlite3_finalize. */
enum gl_status db_prepare_cached(struct gl_store *s, const char *sql, sqlite3_stmt **st,
	struct gl_error *err);
/* Resets a cached statement for its next use, or finalizes an uncached one. */
void db_release(struct gl_store *s, sqlite3_stmt *st);
/* Steps st, handing each row to fn (ints are also given as doubles); does not finalize.
 * GL_ECANCELLED when fn asked to stop. */
enum gl_status db_run_rows(struct gl_store *s, sqlite3_stmt *st, gl_row_fn fn, void *ctx,
	struct gl_error *err);
/* Binds text, or NULL when text is NULL. */
int db_bind_text(sqlite3_stmt *st, int idx, const char *text);
/* Runs a statement that returns no rows, then releases it. */
enum gl_status db_exec_stmt(struct gl_store *s, sqlite3_stmt *st, struct gl_error *err);
/* Appends an audit row inside the current transaction. */
enum gl_status db_audit(struct gl_store *s, const char *action, const char *entity,
	const char *uuid, const char *detail, struct gl_error *err);
/* Case-folded, trimmed key for a name; GL_EINVAL when empty. */
enum gl_status db_name_key(const char *name, struct gl_str *key);
/* Looks up the uuid of a row by id (for the audit log). */
void db_row_uuid(struct gl_store *s, const char *table, int64_t id, char out[GL_UUID_LEN + 1]);

/* ---- rows.c: helpers shared by the entity files ---- */
/* Runs "SELECT id FROM ... WHERE <col> = ?" with one text parameter; GL_ENOTFOUND (no message)
 * when there is no row. */
enum gl_status db_find_id(struct gl_store *s, const char *sql, const char *key, int64_t *id,
	struct gl_error *err);
/* The translated word for an entity ("school", "code" ...) in messages. */
const char *db_entity_word(const char *entity);
/* Find and find-or-create in a table of names with a case-folded unique key (schools, coders). */
enum gl_status db_named_find(struct gl_store *s, const char *table, const char *what,
	const char *name, int64_t *id, struct gl_error *err);
enum gl_status db_named_ensure(struct gl_store *s, const char *table, const char *what,
	const char *name, int64_t *id, bool *created, struct gl_error *err);
/* Deletes one row by id, with its audit row, in one transaction. */
enum gl_status db_delete_row(struct gl_store *s, const char *table, const char *what,
	int64_t id, struct gl_error *err);
/* Renames a row of schools or codes (tables with a case-folded name_key), with its audit row. */
enum gl_status db_rename(struct gl_store *s, const char *table, const char *entity, int64_t id,
	const char *name, struct gl_error *err);
/* Runs one UPDATE/DELETE with up to two integer parameters. */
enum gl_status db_exec_ids(struct gl_store *s, const char *sql, int64_t a, int64_t b,
	struct gl_error *err);
/* Runs a query with one integer parameter that returns one number. */
enum gl_status db_count(struct gl_store *s, const char *sql, int64_t id, int64_t *n,
	struct gl_error *err);

/* ---- codes.c ---- */
/* Validates a code's fields (the colour) before a write. */
enum gl_status db_code_check(const struct gl_code *c, struct gl_error *err);
/* Reads parent_id and exclusive of a code; GL_ENOTFOUND when there is none. */
enum gl_status db_code_info(struct gl_store *s, int64_t id, int64_t *parent, bool *exclusive,
	struct gl_error *err);

/* Changes whenever the project's data may have changed, by this program or another. */
uint64_t db_data_version(struct gl_store *s);

/* Ends a write started with gl_store_begin: commit when st is GL_OK, roll back otherwise. */
enum gl_status db_finish(struct gl_store *s, enum gl_status st, struct gl_error *err);

#endif
