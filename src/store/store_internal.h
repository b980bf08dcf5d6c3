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
	/* Why nothing may be written (a translated sentence), or "" while writes are allowed. */
	char read_only[256];
	bool checked;       /* PRAGMA quick_check has passed (it runs before the first write) */
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

/* Renames a row of schools or codes (tables with a case-folded name_key), with its audit row. */
enum gl_status db_rename(struct gl_store *s, const char *table, const char *entity, int64_t id,
	const char *name, struct gl_error *err);

/* Validates a code's fields (the colour) before a write. */
enum gl_status db_code_check(const struct gl_code *c, struct gl_error *err);

/* Changes whenever the project's data may have changed, by this program or another. */
uint64_t db_data_version(struct gl_store *s);

/* Ends a write started with gl_store_begin: commit when st is GL_OK, roll back otherwise. */
enum gl_status db_finish(struct gl_store *s, enum gl_status st, struct gl_error *err);

/* Registers the full-text functions of the store (gl_snippet) on the connection (lists.c). */
enum gl_status db_search_init(struct gl_store *s, struct gl_error *err);

/* ---- rules.c: what the store refuses, whoever calls it ---- */
/* A name (NULL or blank is left to the caller) without control characters or bidi controls
 * (GL_CLEAN_BIDI of <genomlys/clean.h>) and with a visible character. */
enum gl_status rules_name(const char *name, struct gl_error *err);
/* A memo or description (may be NULL) without control characters (tab and newline allowed). */
enum gl_status rules_text(const char *text, struct gl_error *err);
/* A finite number. */
enum gl_status rules_number(double v, struct gl_error *err);
/* A code's name, description and value. */
enum gl_status rules_code(const struct gl_code *c, struct gl_error *err);
/* A document's author, title and source (its text is cleaned by the importer). */
enum gl_status rules_document(const struct gl_document *d, struct gl_error *err);
/* Putting code id (0: a new code) with its subtree under parent_id (0: the top) keeps the
 * codebook within GL_CODE_MAX_DEPTH levels. */
enum gl_status rules_code_depth(struct gl_store *s, int64_t parent_id, int64_t id,
	struct gl_error *err);
/* The same for merging from into into (from's children move under into). */
enum gl_status rules_code_merge_depth(struct gl_store *s, int64_t from, int64_t into,
	struct gl_error *err);

#endif
