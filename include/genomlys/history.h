/* Undo and redo of user actions for a whole session, across letters: each action is recorded
 * as an SQLite changeset and undone by applying its inverse, each step in one transaction. */
#ifndef GENOMLYS_HISTORY_H
#define GENOMLYS_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "genomlys/status.h"
#include "genomlys/store.h"

struct gl_history;

enum gl_status gl_history_create(struct gl_store *s, struct gl_history **out,
	struct gl_error *err);
void gl_history_destroy(struct gl_history *h);  /* NULL is a no-op */

/* Wraps one user action: begin opens a transaction and starts recording; the caller then runs
 * any store functions; end commits and keeps the step (label is shown as "Undid <label>"),
 * or, when status is not GL_OK, rolls everything back and keeps nothing. end returns the
 * status to pass on. Actions that changed nothing leave no step. */
enum gl_status gl_history_begin(struct gl_history *h, struct gl_error *err);
enum gl_status gl_history_end(struct gl_history *h, const char *label, enum gl_status status,
	struct gl_error *err);

/* Forgets every step, undo and redo: after an erasure, whose changesets would hold (and could
 * restore) what was erased. */
void gl_history_forget(struct gl_history *h);

bool gl_history_can_undo(const struct gl_history *h);
bool gl_history_can_redo(const struct gl_history *h);
/* The label of the step that undo (redo) would take back (re-do), or NULL. */
const char *gl_history_undo_label(const struct gl_history *h);
const char *gl_history_redo_label(const struct gl_history *h);

/* Undo refuses (GL_ECONSTRAINT, nothing changed) when the rows have been changed since by
 * someone else in a way that conflicts. */
enum gl_status gl_history_undo(struct gl_history *h, struct gl_error *err);
enum gl_status gl_history_redo(struct gl_history *h, struct gl_error *err);

#endif
