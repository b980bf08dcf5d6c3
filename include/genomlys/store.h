/* The project store: one SQLite file per project. The only gateway to the database. */
#ifndef GENOMLYS_STORE_H
#define GENOMLYS_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "genomlys/id.h"
#include "genomlys/status.h"
#include "genomlys/str.h"

struct gl_store;

/* The schema version this binary writes and understands. */
int gl_store_schema_version(void);

/* Opens an existing project; migrates an older schema in place (every step in one transaction,
 * after a copy of the file: gl_store_backup_path),
 * refuses a newer one (file untouched). */
enum gl_status gl_store_open(const char *path, struct gl_store **out, struct gl_error *err);

/* For a process that uses each connection from one thread only (a command of the CLI that
 * starts no thread): connections opened after this call are SQLite's "multi-thread" kind,
 * without the mutex that every call on a connection otherwise takes (the export makes
 * millions of them). Never in the interface, whose background jobs have threads. */
void gl_store_one_thread(void);
/* Creates a new project file (mode 0600). Refuses when path exists. */
enum gl_status gl_store_create(const char *path, const char *name, struct gl_store **out,
	struct gl_error *err);
void gl_store_close(struct gl_store *s);  /* NULL is a no-op */

/* NULL while the project can be changed; else why not, as a sentence to show ("the project is
 * read-only: its file cannot be written", "...: its file is damaged (run 'genomlys check', or
 * restore a backup)"). A file or folder that cannot be written opens read-only; so does a file that
 * fails PRAGMA quick_check, which runs when a small project is opened; a large one is checked
 * before its first write (in the interface: in the background from opening, see
 * gl_store_check_in_background; docs/schema.md). Every write then fails with GL_EREADONLY and this
 * sentence. */
const char *gl_store_read_only(const struct gl_store *s);
/* Starts the check of a large project (one not checked when opened) in the background: a
 * thread at the lowest priority on a second, read-only connection; the first write waits for
 * its result, closing interrupts it. The interface calls it once its first screen is drawn
 * (gl_app_first_screen_drawn: the check's reads must not delay that screen's, issue 17), where
 * the user reads before changing anything; a command that writes checks at its first write instead,
 * and one that only reads never pays for the check. No-op for a project checked already. */
void gl_store_check_in_background(struct gl_store *s);
/* True while that check runs: a write now would stop it and check on its own connection. */
bool gl_store_check_pending(const struct gl_store *s);
/* Called (from the writing thread) when a write finds the background check still running and
 * is about to wait for the rest of it: the interface says so before it seems to hang. */
void gl_store_on_check_wait(struct gl_store *s, void (*fn)(void *ctx), void *ctx);
/* True once the check of a large project has started (in the background or at a write). */
bool gl_store_check_started(const struct gl_store *s);

const char *gl_store_path(const struct gl_store *s);
/* When gl_store_open upgraded an older project: the copy of the file as it was, made with
 * VACUUM INTO (mode 0600) before the first step, next to it ("PATH.vN.bak", "PATH.vN-2.bak"
 * ...); else NULL. An upgrade is not attempted when the copy cannot be made. */
const char *gl_store_backup_path(const struct gl_store *s);
/* Changes whenever the project's data may have changed, by this connection or another program
 * (PRAGMA data_version counts only the others' commits): the key of caches of query results. */
uint64_t gl_store_data_version(struct gl_store *s);

/* Project metadata (key/value: name, created_at, uuid, ...). value is copied into out. */
enum gl_status gl_store_meta_get(struct gl_store *s, const char *key, struct gl_str *out,
	struct gl_error *err);
enum gl_status gl_store_meta_set(struct gl_store *s, const char *key, const char *value,
	struct gl_error *err);

/* ---- Project settings ----
 * Properties of the analysis that everyone who opens the project shares; config.ini keeps only
 * one person's settings (theme, keys, mouse). Each key has one type; the getters return
 * GL_ENOTFOUND, with no message, for a key that was never set (use the default). A set or a
 * clear is one audited transaction ("set"/"clear" of entity "setting"), and inside
 * gl_history_begin/_end it is one undo step: undo restores the previous value, or unsets the
 * key. A value of the wrong type or out of range is GL_EINVAL with a message naming the key.
 * The keys mirror config.ini's [section] key names. */
#define GL_SETTING_THRESHOLD "survey.threshold"      /* double, finite: survey values below it
                                                       * are low */
#define GL_SETTING_SURVEY "survey.name"              /* text: the survey shown */
#define GL_SETTING_YEAR "survey.year"                /* int 1900-9999: its year */
#define GL_SETTING_GROUPS "groups.columns"           /* text: the respondent groups shown, in
                                                       * order: group keys joined by "," */
#define GL_SETTING_DOT_BUDGET "workshop.dot_budget"  /* int 1-100: dots per participant */
#define GL_SETTING_KEEP_NAMES "privacy.keep_names"   /* int 0-1: plans and exports name the
                                                       * authors of letters (else pseudonyms) */

enum gl_status gl_store_setting_get_double(struct gl_store *s, const char *key, double *out,
	struct gl_error *err);
enum gl_status gl_store_setting_get_int(struct gl_store *s, const char *key, int64_t *out,
	struct gl_error *err);
/* Replaces out's content. */
enum gl_status gl_store_setting_get_text(struct gl_store *s, const char *key, struct gl_str *out,
	struct gl_error *err);
enum gl_status gl_store_setting_set_double(struct gl_store *s, const char *key, double value,
	struct gl_error *err);
enum gl_status gl_store_setting_set_int(struct gl_store *s, const char *key, int64_t value,
	struct gl_error *err);
/* GL_SETTING_GROUPS takes any names of groups ("lärare, Elever" or "teacher,student", as
 * gl_store_group_find) separated by commas and stores their keys ("teacher,student"); an
 * unknown group is GL_ENOTFOUND with gl_store_group_find's message. */
enum gl_status gl_store_setting_set_text(struct gl_store *s, const char *key, const char *value,
	struct gl_error *err);
/* Unsets a key (back to the default); unsetting an unset key changes nothing. */
enum gl_status gl_store_setting_clear(struct gl_store *s, const char *key, struct gl_error *err);

/* Who is acting: recorded in the audit log (defaults to $USER, else "unknown"). */
void gl_store_set_actor(struct gl_store *s, const char *name);
const char *gl_store_actor(const struct gl_store *s);

/* Transactions. Every store function that changes data runs in its own transaction unless the
 * caller has one open; begin/commit nest (counted inside the outer BEGIN IMMEDIATE), so an
 * import wraps thousands of inserts into one all-or-nothing unit. A nested step that fails
 * spoils the outer transaction: its commit then rolls back and reports the failure. */
enum gl_status gl_store_begin(struct gl_store *s, struct gl_error *err);
enum gl_status gl_store_commit(struct gl_store *s, struct gl_error *err);
void gl_store_rollback(struct gl_store *s);
/* A read transaction (BEGIN DEFERRED and a first read): every read until gl_store_snapshot_end
 * sees the project as it was here, while other connections go on writing (WAL). For a reader
 * on a thread of its own (the interface's export); nothing may be written meanwhile. */
enum gl_status gl_store_snapshot_begin(struct gl_store *s, struct gl_error *err);
void gl_store_snapshot_end(struct gl_store *s);
/* While set, every statement of s calls fn(ctx) every few thousand steps of SQLite's machine;
 * fn returning non-zero interrupts the statement (it fails): how a long reader (the export)
 * stops promptly inside one long query. fn NULL: no more calls. */
void gl_store_set_interrupt(struct gl_store *s, int (*fn)(void *ctx), void *ctx);

/* Inside an open transaction, defers the full-text indexing of the documents inserted until
 * gl_store_bulk_end, which indexes them all in one statement (much faster for an import). No
 * document may be updated or deleted in between. A rollback ends bulk mode too. */
enum gl_status gl_store_bulk_begin(struct gl_store *s, struct gl_error *err);
enum gl_status gl_store_bulk_end(struct gl_store *s, struct gl_error *err);

/* Integrity and schema check; fills problems (one per line) and returns GL_ESCHEMA or GL_EDB
 * when anything is wrong, GL_EBUSY (problems empty) when another program's write kept a check
 * from running past the busy timeout. */
enum gl_status gl_store_check(struct gl_store *s, struct gl_str *problems, struct gl_error *err);
/* True when gl_store_check could not run FTS5's integrity check (a read-only file). */
bool gl_store_check_fts_skipped(const struct gl_store *s);

/* ---- Generic rows: every list and query hands rows to a callback, a page at a time. ---- */

enum gl_value_type { GL_VAL_NULL, GL_VAL_INT, GL_VAL_REAL, GL_VAL_TEXT };

struct gl_value {
	enum gl_value_type type;
	int64_t i;
	double r;
	const char *s;  /* valid only during the callback */
	size_t len;
};

struct gl_row {
	int ncols;
	const char *const *names;       /* snake_case column names */
	const struct gl_value *values;
};

/* Returns 0 to go on, non-zero to stop (the list function then returns GL_ECANCELLED). */
typedef int (*gl_row_fn)(void *ctx, const struct gl_row *row);

enum gl_list {
	GL_LIST_SCHOOLS,
	GL_LIST_GROUPS,
	GL_LIST_LETTERS,    /* documents of every kind, without their text */
	GL_LIST_CODES,
	GL_LIST_CODINGS,
	GL_LIST_FINDINGS,
	GL_LIST_CODERS,
	GL_LIST_SURVEY,     /* survey results */
	GL_LIST_AUDIT,
	GL_LIST_OVERLAPS,   /* pairs of codings: same letter and code, other coders, overlapping */
	GL_LIST_CLASSIFICATIONS,  /* whole letters classified by a value of an exclusive category */
};

/* Filters: 0 / NULL means "any". Names are matched case-insensitively. Codes narrowed by
 * school, group or coder keep every code and count only those codings; letters narrowed by a
 * coder keep every letter in the other filters and count only that coder's codings. */
struct gl_filter {
	int64_t school_id;      /* > 0: this school; -1: municipality level only (findings) */
	int64_t group_id;
	int64_t code_id;
	int64_t coder_id;
	int64_t document_id;
	const char *kind;       /* document kind or finding kind */
	const char *survey;
	int year;
	const char *match;      /* FTS5 query (letters only) */
	bool by_rank;           /* search: best matches first (scores every match: slower) */
};

/* Lists rows of a kind, ordered by id (survey: school, item), skipping offset rows, at most
 * limit rows (limit <= 0: all, streamed). */
enum gl_status gl_store_list(struct gl_store *s, enum gl_list what, const struct gl_filter *f,
	int64_t offset, int64_t limit, gl_row_fn fn, void *ctx, struct gl_error *err);
enum gl_status gl_store_count(struct gl_store *s, enum gl_list what, const struct gl_filter *f,
	int64_t *count, struct gl_error *err);
/* Letters read per coder among the letters of GL_LIST_LETTERS under f (school, group, kind,
 * search). Rows: coder_id, coder, read; coders in Swedish order. Without a filter
 * gl_query_read_progress is cheaper (the counts the triggers keep). */
enum gl_status gl_store_read_progress(struct gl_store *s, const struct gl_filter *f,
	gl_row_fn fn, void *ctx, struct gl_error *err);
/* The largest coding id there is (0: none): how wide a column of coding ids must be. */
enum gl_status gl_store_codings_max_id(struct gl_store *s, int64_t *id, struct gl_error *err);
/* The rows of a list up to limit (> 0): *count < limit is the exact number, *count == limit
 * says there are at least limit. Costs what finding limit rows costs, not the whole list. */
enum gl_status gl_store_count_upto(struct gl_store *s, enum gl_list what,
	const struct gl_filter *f, int64_t limit, int64_t *count, struct gl_error *err);
/* The overlaps (GL_LIST_OVERLAPS, its columns and order) paged by key, not by OFFSET: key is
 * a row's (letter, start, id, other_id), the list's order. Forward: at most limit rows after
 * key (from the first row when key is NULL). Backward: the last limit rows before key (of the
 * whole list when NULL), still in the list's order. A page far into the list costs what the
 * first one does. */
enum gl_status gl_store_overlaps_by_key(struct gl_store *s, const struct gl_filter *f,
	const int64_t *key, bool backward, int64_t limit, gl_row_fn fn, void *ctx,
	struct gl_error *err);
/* The overlaps whose key (as above) sorts before key (every one when key is NULL). limit > 0:
 * counted up to limit (*before == limit says "at least"), costing what finding that many
 * costs; *total, when not NULL, is then *before. limit <= 0: the whole list in one pass,
 * *total every overlap (the review pane's count on a thread of its own, gl_count_job). */
enum gl_status gl_store_overlaps_before(struct gl_store *s, const struct gl_filter *f,
	const int64_t *key, int64_t limit, int64_t *before, int64_t *total, struct gl_error *err);
/* The same for the list what: GL_LIST_OVERLAPS (as above) or GL_LIST_CODINGS (its columns,
 * ordered by id; a row's key is (letter, start, id, 0) and is compared by its (id, 0), so the
 * review pane keeps the keys of both views alike). Any other list: GL_EINVAL. */
enum gl_status gl_store_list_by_key(struct gl_store *s, enum gl_list what,
	const struct gl_filter *f, const int64_t *key, bool backward, int64_t limit, gl_row_fn fn,
	void *ctx, struct gl_error *err);
enum gl_status gl_store_list_before(struct gl_store *s, enum gl_list what,
	const struct gl_filter *f, const int64_t *key, int64_t limit, int64_t *before,
	int64_t *total, struct gl_error *err);
/* A function run on a thread of its own (a worker), so that the interface goes on meanwhile:
 * fn(s, ctx, err) gets its own read-only connection to the project at db_path, inside one read
 * transaction; cancelling interrupts its statements (fn then fails, GL_ECANCELLED). fn must
 * not touch a gl_app, call curses or use another connection; ctx is the caller's, not to be
 * touched by it until gl_store_job_done. The caller checks that what was computed is still
 * what it shows (gl_store_data_version before the start and at the end). */
struct gl_store_job;
typedef enum gl_status (*gl_store_job_fn)(struct gl_store *s, void *ctx, struct gl_error *err);
enum gl_status gl_store_job_start(const char *db_path, gl_store_job_fn fn, void *ctx,
	struct gl_store_job **out, struct gl_error *err);
/* True once fn has returned (or failed, or was stopped). */
bool gl_store_job_done(struct gl_store_job *j);
/* Stops fn soon (its statements are interrupted); gl_store_job_finish still follows. */
void gl_store_job_cancel(struct gl_store_job *j);
/* Waits for the thread, gives fn's status (its error in err) and frees the job (NULL: no-op,
 * GL_OK). ctx stays the caller's. */
enum gl_status gl_store_job_finish(struct gl_store_job *j, struct gl_error *err);
/* Every coding of the project (the counts the triggers keep per code: no scan). */
enum gl_status gl_store_codings_total(struct gl_store *s, int64_t *n, struct gl_error *err);
/* A count of a list paged by key (gl_store_list_before with no limit) on a thread of its own,
 * with its own read-only connection to the project at db_path and its own read transaction,
 * so that the interface goes on meanwhile (the review's G and its place after a change, issue
 * 17). The filter's numbers are copied (its texts are not used). The caller checks that what
 * was counted is still what it shows (gl_store_data_version before the start and at the end). */
struct gl_count_job;
enum gl_status gl_count_job_start(const char *db_path, enum gl_list what,
	const struct gl_filter *f, const int64_t *key, struct gl_count_job **out,
	struct gl_error *err);
/* True once the count is done (or failed, or was stopped). */
bool gl_count_job_done(struct gl_count_job *j);
/* Stops the count soon (its statement is interrupted); gl_count_job_finish still follows. */
void gl_count_job_cancel(struct gl_count_job *j);
/* Waits for the thread, gives the numbers and frees the job (NULL: no-op, GL_OK). */
enum gl_status gl_count_job_finish(struct gl_count_job *j, int64_t *before, int64_t *total,
	struct gl_error *err);
/* The list's name as used on the command line ("schools", "letters" ...); and back. */
const char *gl_list_name(enum gl_list what);
bool gl_list_from_name(const char *name, enum gl_list *out);

/* ---- Schools ---- */
enum gl_status gl_store_school_find(struct gl_store *s, const char *name, int64_t *id,
	struct gl_error *err);
/* Finds a school by name or creates it; *created tells which. Out-parameters of the store
 * functions may be NULL when the caller does not need them. */
enum gl_status gl_store_school_ensure(struct gl_store *s, const char *name, int64_t *id,
	bool *created, struct gl_error *err);
enum gl_status gl_store_school_rename(struct gl_store *s, int64_t id, const char *name,
	struct gl_error *err);
/* Deletes a school and, with it, its documents, codings, survey results and findings. */
enum gl_status gl_store_school_delete(struct gl_store *s, int64_t id, struct gl_error *err);
/* The name of a school by id, copied into out. */
enum gl_status gl_store_school_name(struct gl_store *s, int64_t id, struct gl_str *out,
	struct gl_error *err);

/* ---- Respondent groups ---- */
/* Finds a group by key, Swedish or English name or alias (singular/plural), any case. */
enum gl_status gl_store_group_find(struct gl_store *s, const char *name, int64_t *id,
	struct gl_error *err);
/* "lärare/teacher, elever/student, ..." for messages. */
enum gl_status gl_store_group_names(struct gl_store *s, struct gl_str *out, struct gl_error *err);
enum gl_status gl_store_group_add(struct gl_store *s, const char *key, const char *name_sv,
	const char *name_en, int64_t *id, struct gl_error *err);
enum gl_status gl_store_group_alias_add(struct gl_store *s, int64_t group_id, const char *alias,
	struct gl_error *err);

/* ---- Coders ---- */
enum gl_status gl_store_coder_find(struct gl_store *s, const char *name, int64_t *id,
	struct gl_error *err);
enum gl_status gl_store_coder_ensure(struct gl_store *s, const char *name, int64_t *id,
	bool *created, struct gl_error *err);

/* ---- Documents (letters, free-text survey answers, inspection remarks) ---- */
struct gl_document {
	int64_t id;
	char uuid[GL_UUID_LEN + 1];
	const char *kind;        /* "letter", "survey_text" or "inspection" */
	int64_t school_id;
	int64_t group_id;
	const char *author;      /* may be NULL */
	const char *date;        /* may be NULL; ISO 8601 where known */
	const char *title;       /* may be NULL */
	const char *text;        /* UTF-8 NFC, LF line ends */
	size_t text_len;         /* bytes */
	int64_t length;          /* code points */
	const char *source;      /* where it was imported from; may be NULL */
	char hash[65];           /* SHA-256 of the text */
	/* insert: the caller checked that text is valid UTF-8 and set length to its code points */
	bool text_checked;
	/* filled by gl_store_document_get: */
	const char *school;
	const char *group;       /* its name in the interface's language */
	const char *group_key;   /* "student", "teacher", ...: the same in every language */
	struct gl_str storage;   /* owns the strings above after a get */
};

bool gl_document_kind_valid(const char *kind);

/* Inserts a document whose text is already normalised. When a document with the same school,
 * group and text exists, nothing is written, *duplicate is set and *id is the existing one. */
enum gl_status gl_store_document_insert(struct gl_store *s, const struct gl_document *d,
	int64_t *id, bool *duplicate, struct gl_error *err);
enum gl_status gl_store_document_get(struct gl_store *s, int64_t id, struct gl_document *out,
	struct gl_error *err);
void gl_document_finish(struct gl_document *d);
/* The first document imported from source (as stored: "letters/School/group/file.txt");
 * GL_ENOTFOUND names it. */
enum gl_status gl_store_document_find_source(struct gl_store *s, const char *source, int64_t *id,
	struct gl_error *err);
enum gl_status gl_store_document_delete(struct gl_store *s, int64_t id, struct gl_error *err);

/* ---- Full-text search (FTS5, diacritics kept, case folded) ---- */
/* Rows: id, school, group, title, snippet (hits marked with [ and ]), rank. The query is
 * NFC-normalised first. Hits come in project order (letter id), which stops at the limit;
 * with f->by_rank, best first (BM25), which must score every match first. A malformed query
 * returns GL_EINVAL with FTS5's reason. */
enum gl_status gl_store_search(struct gl_store *s, const char *query, const struct gl_filter *f,
	int64_t offset, int64_t limit, gl_row_fn fn, void *ctx, struct gl_error *err);

/* ---- Survey results ---- */
struct gl_survey_result {
	int64_t school_id;
	const char *survey;
	int year;
	int64_t group_id;
	const char *item;
	double value;
	int64_t n;  /* < 0: unknown */
};
/* Inserts, or updates the value of an existing (school, survey, year, group, item). */
enum gl_status gl_store_survey_upsert(struct gl_store *s, const struct gl_survey_result *r,
	int64_t *id, bool *updated, struct gl_error *err);
/* Finds the survey result with r's school, survey, year, group and item; GL_ENOTFOUND (no
 * message) when there is none. */
enum gl_status gl_store_survey_find(struct gl_store *s, const struct gl_survey_result *r,
	int64_t *id, struct gl_error *err);
/* The same by a path "SCHOOL/SURVEY/YEAR/GROUP/ITEM" (the item may hold '/'), as the command
 * line and the demo name a survey value; GL_ENOTFOUND naming the school, group or path. */
enum gl_status gl_store_survey_find_path(struct gl_store *s, const char *path, int64_t *id,
	struct gl_error *err);
/* Reads one survey result back (survey and item point into storage; gl_str_finish it). */
enum gl_status gl_store_survey_get(struct gl_store *s, int64_t id, struct gl_survey_result *out,
	struct gl_str *storage, struct gl_error *err);

/* ---- Codes (the codebook) ---- */
/* The deepest a codebook may be: a category is level 1, a code under it level 2, and so on.
 * Real codebooks have two or three levels; the store and the codebook import refuse more. */
#define GL_CODE_MAX_DEPTH 8

struct gl_code {
	int64_t parent_id;        /* 0: top level */
	const char *name;
	const char *description;  /* may be NULL */
	const char *color;        /* "#rrggbb" or a colour name; may be NULL */
	bool exclusive;           /* children are mutually exclusive letter-level values */
	bool has_value;
	double value;             /* numeric value of a child of an exclusive category */
};
/* Finds a code by name, or by path "Category > Code"; ambiguous names are GL_EINVAL. */
enum gl_status gl_store_code_find(struct gl_store *s, const char *name, int64_t *id,
	struct gl_error *err);
/* Finds the code named name directly under parent_id (0: top level); GL_ENOTFOUND (no message)
 * when there is none. Unlike gl_store_code_find, the same name elsewhere never matches. */
enum gl_status gl_store_code_find_child(struct gl_store *s, int64_t parent_id, const char *name,
	int64_t *id, struct gl_error *err);
enum gl_status gl_store_code_insert(struct gl_store *s, const struct gl_code *c, int64_t *id,
	struct gl_error *err);
/* The parent of a code (0: top level). */
enum gl_status gl_store_code_parent(struct gl_store *s, int64_t id, int64_t *parent,
	struct gl_error *err);
/* Updates description, colour, exclusive and value of an existing code. */
enum gl_status gl_store_code_update(struct gl_store *s, int64_t id, const struct gl_code *c,
	struct gl_error *err);
/* *same: the code id has c's description, colour, exclusive and value already (an update
 * would change nothing). */
enum gl_status gl_store_code_same(struct gl_store *s, int64_t id, const struct gl_code *c,
	bool *same, struct gl_error *err);

/* ---- Codings ---- */
struct gl_coding {
	int64_t document_id;
	int64_t code_id;
	int64_t coder_id;
	int64_t start;  /* code points, inclusive */
	int64_t end;    /* code points, exclusive */
	const char *memo;  /* may be NULL */
	const char *uuid;  /* NULL: a new coding; else restores one (undo of a removal) */
};
/* Refuses an empty or out-of-range span (GL_EINVAL) and the same span, code and coder twice
 * (GL_EEXIST). */
enum gl_status gl_store_coding_insert(struct gl_store *s, const struct gl_coding *c, int64_t *id,
	struct gl_error *err);
enum gl_status gl_store_coding_delete(struct gl_store *s, int64_t id, struct gl_error *err);
/* Reads one coding back (uuid and memo point into storage; gl_str_finish it). */
enum gl_status gl_store_coding_get(struct gl_store *s, int64_t id, struct gl_coding *out,
	struct gl_str *storage, struct gl_error *err);

/* Review: `keep` takes the union of its span and `drop`'s (same letter and code), and `drop`
 * is removed; the findings that cited `drop` cite `keep` instead, and `drop`'s memo is kept
 * (after `keep`'s, or in its place). One write, so one undo step brings both back. */
enum gl_status gl_store_coding_merge_union(struct gl_store *s, int64_t keep, int64_t drop,
	struct gl_error *err);
/* Sets or (with NULL or "") clears a coding's memo. */
enum gl_status gl_store_coding_memo_set(struct gl_store *s, int64_t id, const char *memo,
	struct gl_error *err);

/* ---- Classification of whole letters by an exclusive category ---- */
/* Sets the coder's value (a child code of the exclusive category) for the letter, replacing an
 * earlier one; value_code_id 0 clears it. *previous (may be NULL) gets the replaced value or 0. */
enum gl_status gl_store_classify(struct gl_store *s, int64_t document_id, int64_t category_id,
	int64_t value_code_id, int64_t coder_id, int64_t *previous, struct gl_error *err);
/* Finds the child of an exclusive category by name or by its numeric value ("4"). */
enum gl_status gl_store_category_value_find(struct gl_store *s, int64_t category_id,
	const char *value, int64_t *value_code_id, struct gl_error *err);

/* ---- Codebook editing ---- */
/* Changes description and/or colour; NULL keeps the current one, "" clears it. */
enum gl_status gl_store_code_describe(struct gl_store *s, int64_t id, const char *description,
	const char *color, struct gl_error *err);
enum gl_status gl_store_code_rename(struct gl_store *s, int64_t id, const char *name,
	struct gl_error *err);
/* Moves a code under another (0: top level); refuses to move a code under itself. */
enum gl_status gl_store_code_move(struct gl_store *s, int64_t id, int64_t parent_id,
	struct gl_error *err);
/* Codings of `from` (and its children's) that are not already duplicates move to `into`;
 * `from` is then deleted. *moved counts the codings moved. */
enum gl_status gl_store_code_merge(struct gl_store *s, int64_t from, int64_t into,
	int64_t *moved, struct gl_error *err);
/* Codings that a delete would remove: the code's own and its children's. */
enum gl_status gl_store_code_usage(struct gl_store *s, int64_t id, int64_t *codings,
	struct gl_error *err);
/* The codes under a code, at any depth (a delete removes them with it). */
enum gl_status gl_store_code_descendants(struct gl_store *s, int64_t id, int64_t *codes,
	struct gl_error *err);
enum gl_status gl_store_code_delete(struct gl_store *s, int64_t id, int64_t *codings_removed,
	struct gl_error *err);

/* ---- Findings ----
 * A finding belongs to a level, a school or the municipality (school_id 0), and is of one kind.
 * The findings of a level and kind (a "column") are ordered by their position 1, 2, ...: the
 * group's own order, which J/K, `finding move` and the ranking (gl_store_finding_order_set)
 * change. Two findings of a column never share a title (any case, spaces trimmed: GL_EEXIST).
 * The development plan of a level is read with gl_plan_read (<genomlys/plan.h>). */
#define GL_FINDING_KINDS 3  /* 0 strength, 1 area, 2 challenge: the plan's order */
struct gl_finding {
	int64_t school_id;   /* 0: the municipality */
	const char *kind;    /* "strength", "area" or "challenge" */
	const char *title;
	const char *description;  /* may be NULL */
	int64_t author_id;   /* coder; 0: none */
};
bool gl_finding_kind_valid(const char *kind);
/* 0, 1, 2 for "strength", "area", "challenge"; -1 for anything else. And back ("?"). */
int gl_finding_kind_index(const char *kind);
const char *gl_finding_kind_name(int kind);
/* Adds a finding at the end of its column. GL_ENOTFOUND for an unknown school, GL_EEXIST for a
 * title taken in the column. */
enum gl_status gl_store_finding_insert(struct gl_store *s, const struct gl_finding *f,
	int64_t *id, struct gl_error *err);
/* What an edit changes; NULL / false leaves a field as it is. */
struct gl_finding_edit {
	const char *title;
	const char *description;  /* "": cleared */
	const char *kind;         /* to another column: at its end */
	bool move_level;          /* to school_id (0: the municipality), at the end of its column; */
	int64_t school_id;        /* citations that no longer go municipality -> school are removed */
};
/* A move to another level or kind also clears the finding's ranking (its figures from a closed
 * round, and its ballot ranks, dots and impact/effort scores in rounds not closed) and removes
 * the evidence its new level may not have: another school's codings and survey values (for a
 * school finding) and citations that no longer go municipality -> school. One transaction. */
enum gl_status gl_store_finding_update(struct gl_store *s, int64_t id,
	const struct gl_finding_edit *e, struct gl_error *err);
/* What gl_store_finding_update would remove with the edit (all zero when it moves nothing). */
struct gl_finding_loss {
	bool ranked;         /* rank figures of a closed round */
	int64_t votes;       /* ballot ranks, dots and impact/effort scores in rounds not closed */
	int64_t codings, surveys;  /* other schools' */
	int64_t cited;       /* school findings a finding moved to a school cited */
	int64_t cited_by;    /* citations of it by the municipality's findings (moved there) */
};
enum gl_status gl_store_finding_update_loss(struct gl_store *s, int64_t id,
	const struct gl_finding_edit *e, struct gl_finding_loss *loss, struct gl_error *err);
bool gl_finding_loss_any(const struct gl_finding_loss *loss);
/* "its ranking and 2 cited findings and 2 survey values of other schools" (translated). */
enum gl_status gl_finding_loss_describe(const struct gl_finding_loss *loss, struct gl_str *out);
/* The same in a few words for a status line: "ranking, 2 cited findings, 2 survey values"
 * (each kind with its count; when that is longer than max_width cells, the count alone:
 * "ranking and 7 more"). */
enum gl_status gl_finding_loss_brief(const struct gl_finding_loss *loss, int max_width,
	struct gl_str *out);
/* Deletes a finding with its evidence links and memo (the codings, survey results and cited
 * findings stay); the column closes up. */
enum gl_status gl_store_finding_delete(struct gl_store *s, int64_t id, struct gl_error *err);
/* Puts finding id just before (after) other, of the same level and kind (else GL_EINVAL). */
enum gl_status gl_store_finding_move(struct gl_store *s, int64_t id, int64_t other, bool after,
	struct gl_error *err);
/* For the ranking: the column of level and kind gets ids first, in that order, then the rest
 * of its findings in their present order. An id of another column is GL_EINVAL. One step. */
enum gl_status gl_store_finding_order_set(struct gl_store *s, int64_t school_id,
	const char *kind, const int64_t *ids, size_t n, struct gl_error *err);
/* For the ranking: figures the plan shows beside a finding (a score, and a note such as
 * "Schulze 1 · Borda 14"); ranked false clears them. */
enum gl_status gl_store_finding_rank_set(struct gl_store *s, int64_t id, bool ranked,
	double score, const char *note, struct gl_error *err);
/* Finds a finding of a level (0: municipality) by title, any case; kind NULL: any kind.
 * GL_ENOTFOUND with a message when there is none. */
enum gl_status gl_store_finding_find(struct gl_store *s, int64_t school_id, const char *kind,
	const char *title, int64_t *id, struct gl_error *err);

/* Evidence: codings, survey results, and school findings cited by a municipal finding. */
enum gl_evidence { GL_EVIDENCE_CODING, GL_EVIDENCE_SURVEY, GL_EVIDENCE_FINDING };
#define GL_EVIDENCE_TYPES 3
/* counts[type]: the links of each type (what a delete of the finding takes with it). */
enum gl_status gl_store_finding_evidence_count(struct gl_store *s, int64_t id,
	int64_t counts[GL_EVIDENCE_TYPES], struct gl_error *err);
/* Links evidence: GL_ENOTFOUND (naming it) for an unknown finding or target, GL_EEXIST when it
 * is linked already. A citation goes from a municipal finding to a school's (else GL_EINVAL).
 * A school's finding takes only its own school's codings and survey values (else GL_EINVAL
 * naming both schools); a municipal finding takes any school's.
 * Deleting a coding, survey result or cited finding removes its links, never the finding. */
enum gl_status gl_store_finding_link_coding(struct gl_store *s, int64_t finding_id,
	int64_t coding_id, struct gl_error *err);
enum gl_status gl_store_finding_link_survey(struct gl_store *s, int64_t finding_id,
	int64_t survey_result_id, struct gl_error *err);
enum gl_status gl_store_finding_link_finding(struct gl_store *s, int64_t finding_id,
	int64_t cited_id, struct gl_error *err);
/* Removes one link (GL_ENOTFOUND when there is none). */
enum gl_status gl_store_finding_unlink(struct gl_store *s, int64_t finding_id,
	enum gl_evidence type, int64_t target, struct gl_error *err);
/* Of the codings a removal takes, how many are evidence for findings, and for how many
 * findings: the codings of code_id and of the codes under it (code_id > 0), else the one
 * coding coding_id. Both 0 when none is (or there is no such code or coding). */
enum gl_status gl_store_codings_evidence(struct gl_store *s, int64_t code_id, int64_t coding_id,
	int64_t *codings, int64_t *findings, struct gl_error *err);
/* "2 of them evidence for 1 finding" (of total codings removed; "evidence for 1 finding" when
 * total is 1), translated. */
enum gl_status gl_codings_evidence_describe(int64_t total, int64_t codings, int64_t findings,
	struct gl_str *out);
/* A finding's memo ("" when none); setting "" removes it. */
enum gl_status gl_store_finding_memo_get(struct gl_store *s, int64_t id, struct gl_str *out,
	struct gl_error *err);
enum gl_status gl_store_finding_memo_set(struct gl_store *s, int64_t id, int64_t coder_id,
	const char *text, struct gl_error *err);

/* ---- Authors of letters, as the plan and the exports name them ----
 * A project keeps names or not (GL_SETTING_KEEP_NAMES, default 0: pseudonyms). The pseudonym of
 * a letter's author is "<group, singular> <n>, <school>" ("Elev 3, Ekåsens skola"): n numbers
 * the authors of a school and group by their first letter (lowest letter id), so it never
 * changes when letters are added; a letter without an author is an author of its own.
 * docs/findings.md. */
enum gl_status gl_store_author_pseudonym(struct gl_store *s, int64_t document_id,
	struct gl_str *out, struct gl_error *err);
/* The pseudonym of author number n of a school and a group (the group's key and Swedish
 * name, the school's name), as gl_store_author_pseudonym writes it: for a query that numbers
 * every letter's author in one pass (gl_query_export_codings' author_n). Replaces out's content. */
enum gl_status gl_store_pseudonym_format(const char *group_key, const char *group_sv, int64_t n,
	const char *school, struct gl_str *out);
/* The author's name where the project keeps names and the letter has one, else the
 * pseudonym. Replaces out's content. */
enum gl_status gl_store_author_label(struct gl_store *s, int64_t document_id, struct gl_str *out,
	struct gl_error *err);

/* ---- Read marks: which coder has read which letter ----
 * Intercoder agreement uses the letters every selected coder has read. Coding or classifying a
 * letter marks it read for that coder. */
/* Marks (read true) or unmarks a letter for a coder, audited ("read"/"unread" of entity
 * "letter_read"); *changed (may be NULL) says whether anything changed (marking a read letter
 * again does nothing). GL_ENOTFOUND for a letter that does not exist. */
enum gl_status gl_store_read_set(struct gl_store *s, int64_t document_id, int64_t coder_id,
	bool read, bool *changed, struct gl_error *err);
enum gl_status gl_store_read_get(struct gl_store *s, int64_t document_id, int64_t coder_id,
	bool *read, struct gl_error *err);

/* ---- Memos ---- */
/* target: "project", "document", "code", "coding" or "finding". */
enum gl_status gl_store_memo_insert(struct gl_store *s, const char *target, int64_t target_id,
	int64_t coder_id, const char *text, int64_t *id, struct gl_error *err);

/* ---- Erasure and redaction (erase.c): the bytes go, not only the rows ----
 * Both run outside any transaction (they end with VACUUM) and refuse inside one. After the
 * change is committed the freed pages are overwritten (PRAGMA secure_delete), the full-text
 * index is rebuilt, the file is rewritten (VACUUM) and the WAL checkpointed and truncated, so
 * that the text is not in the file, its WAL or its SHM. The audit log keeps that an erasure
 * or a redaction happened (entity, counts, positions), never the names, titles, paths or text;
 * detail of earlier audit rows about rows that no longer exist is cleared. Neither is recorded
 * for undo: a caller with a gl_history calls gl_history_forget. */
enum gl_erase_kind { GL_ERASE_AUTHOR, GL_ERASE_LETTER, GL_ERASE_SCHOOL };

struct gl_erase_counts {
	int64_t letters, codings, classifications, memos, findings, survey_results;
	int64_t audit_scrubbed;  /* earlier audit rows whose detail was cleared */
	/* false when another program's open read kept the WAL from being truncated: the erased
	 * text may stay in the WAL until that program closes the project */
	bool wal_truncated;
};

/* Erases the letters of an author (name matched case-insensitively, as names are), one letter
 * (id), or a school (name) with everything of it: letters, codings, classifications, memos on
 * them, evidence links, findings, survey results, ballots. dry_run only counts. GL_ENOTFOUND
 * when there is nothing by that name or id. */
enum gl_status gl_store_erase(struct gl_store *s, enum gl_erase_kind kind, const char *name,
	int64_t id, bool dry_run, struct gl_erase_counts *out, struct gl_error *err);

struct gl_redact_result {
	int64_t shifted;   /* codings after the passage, moved */
	int64_t shrunk;    /* codings overlapping it, cut back to what is left outside it */
	int64_t removed;   /* codings inside it, removed (with their memos and evidence links) */
	bool wal_truncated;
};
/* Replaces the code points [start, end) of a document with marker (NULL: "[…]"), moving the
 * codings of the letter with the text; the old passage is then gone from the file's bytes as
 * with gl_store_erase. GL_EINVAL for an empty, inverted or out-of-range span. */
enum gl_status gl_store_redact(struct gl_store *s, int64_t document_id, int64_t start,
	int64_t end, const char *marker, struct gl_redact_result *out, struct gl_error *err);

/* Sets every letter's author to its stable pseudonym (gl_store_author_pseudonym: "Elev 3,
 * Norrskolan"). fn (may be NULL) gets a row (id, author, pseudonym) for each letter whose
 * author is a name and not its pseudonym already; with apply the names are then replaced in
 * one transaction and the bytes made to go as with gl_store_erase (the audit log keeps the
 * count; earlier rows naming an author lose their detail). *changed (may be NULL) counts the
 * letters. Letters without an author keep none. */
enum gl_status gl_store_pseudonymise_authors(struct gl_store *s, bool apply, gl_row_fn fn,
	void *ctx, int64_t *changed, bool *wal_truncated, struct gl_error *err);

/* ---- The audit log (audit.c): who changed what and when ----
 * Rows: id, at (UTC, ISO 8601), actor, action, entity, detail; oldest first. actor (NULL: any)
 * is matched case-insensitively as names are; since (NULL: any) is a date "YYYY-MM-DD" or a time
 * "YYYY-MM-DDTHH:MM[:SS]" (UTC), anything else GL_EINVAL. */
struct gl_audit_filter {
	const char *actor;
	const char *since;
};
enum gl_status gl_store_audit_log(struct gl_store *s, const struct gl_audit_filter *f,
	gl_row_fn fn, void *ctx, struct gl_error *err);

#endif
