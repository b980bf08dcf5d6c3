/* Session undo/redo with the SQLite session extension: one changeset per user action. */
/* The session API is declared only when these are defined; Debian builds SQLite with both. */
#define SQLITE_ENABLE_SESSION
#define SQLITE_ENABLE_PREUPDATE_HOOK
#include "genomlys/history.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

#define HISTORY_MAX 10000  /* steps kept; the oldest are forgotten first */

struct step {
	void *changeset;
	int size;
	char *label;
};

struct stack {
	struct step *v;
	size_t n, cap;
};

struct gl_history {
	struct gl_store *s;
	sqlite3_session *session;  /* only while an action is being recorded */
	struct stack undo, redo;
};

static void step_free(struct step *st)
{
	sqlite3_free(st->changeset);
	free(st->label);
}

static void stack_clear(struct stack *k)
{
	for (size_t i = 0; i < k->n; i++)
		step_free(&k->v[i]);
	k->n = 0;
}

static bool stack_push(struct stack *k, struct step st)
{
	if (k->n == HISTORY_MAX) {
		step_free(&k->v[0]);
		memmove(k->v, k->v + 1, (k->n - 1) * sizeof *k->v);
		k->n--;
	}
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 32;
		struct step *p = realloc(k->v, cap * sizeof *p);
		if (!p)
			return false;
		k->v = p;
		k->cap = cap;
	}
	k->v[k->n++] = st;
	return true;
}

enum gl_status gl_history_create(struct gl_store *s, struct gl_history **out,
	struct gl_error *err)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	(*out)->s = s;
	return GL_OK;
}

void gl_history_destroy(struct gl_history *h)
{
	if (!h)
		return;
	if (h->session)
		sqlite3session_delete(h->session);
	stack_clear(&h->undo);
	stack_clear(&h->redo);
	free(h->undo.v);
	free(h->redo.v);
	free(h);
}

void gl_history_forget(struct gl_history *h)
{
	if (!h)
		return;
	stack_clear(&h->undo);
	stack_clear(&h->redo);
}

/* The audit log records undo and redo as actions of their own; it is never undone. The
 * full-text index and the coding, letter and read counts follow their tables through triggers, which also fire
 * when a changeset is applied, so recording them too would count twice. The pseudonym
 * counters only grow: an undone import leaves its number given, never to be reused. */
static int track_table(void *ctx, const char *table)
{
	(void)ctx;
	return strcmp(table, "audit_log") != 0 && strncmp(table, "documents_fts", 13) != 0 &&
		strcmp(table, "code_usage") != 0 && strcmp(table, "letter_counts") != 0 &&
		strcmp(table, "survey_items") != 0 && strcmp(table, "coder_reads") != 0 &&
		strcmp(table, "author_counters") != 0;
}

enum gl_status gl_history_begin(struct gl_history *h, struct gl_error *err)
{
	if (h->session)
		return gl_error_set(err, GL_EINVAL, "an action is being recorded already");
	enum gl_status ret = gl_store_begin(h->s, err);
	if (ret != GL_OK)
		return ret;
	if (sqlite3session_create(h->s->db, "main", &h->session) != SQLITE_OK) {
		gl_store_rollback(h->s);
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	sqlite3session_table_filter(h->session, track_table, NULL);
	if (sqlite3session_attach(h->session, NULL) != SQLITE_OK) {
		sqlite3session_delete(h->session);
		h->session = NULL;
		gl_store_rollback(h->s);
		return db_error(h->s, err, _("cannot record the action for undo"));
	}
	return GL_OK;
}

enum gl_status gl_history_end(struct gl_history *h, const char *label, enum gl_status status,
	struct gl_error *err)
{
	if (!h->session)
		return gl_error_set(err, GL_EINVAL, "no action is being recorded");
	struct step st = { NULL, 0, NULL };
	if (status == GL_OK && sqlite3session_changeset(h->session, &st.size, &st.changeset) !=
		SQLITE_OK)
		status = gl_error_set(err, GL_ENOMEM, _("cannot record the action for undo"));
	sqlite3session_delete(h->session);
	h->session = NULL;
	if (status != GL_OK) {
		sqlite3_free(st.changeset);
		gl_store_rollback(h->s);
		return status;
	}
	status = gl_store_commit(h->s, err);
	if (status != GL_OK || st.size == 0) {
		sqlite3_free(st.changeset);
		return status;
	}
	st.label = strdup(label ? label : "");
	if (!st.label || !stack_push(&h->undo, st)) {
		step_free(&st);
		return GL_OK;  /* the action is saved; only its undo step is lost */
	}
	stack_clear(&h->redo);
	return GL_OK;
}

bool gl_history_can_undo(const struct gl_history *h)
{
	return h->undo.n > 0;
}

bool gl_history_can_redo(const struct gl_history *h)
{
	return h->redo.n > 0;
}

const char *gl_history_undo_label(const struct gl_history *h)
{
	return h->undo.n ? h->undo.v[h->undo.n - 1].label : NULL;
}

const char *gl_history_redo_label(const struct gl_history *h)
{
	return h->redo.n ? h->redo.v[h->redo.n - 1].label : NULL;
}

/* Any conflict means the rows changed since: refuse the whole step rather than guess. One is
 * no conflict: a row to delete that is gone already, as a finding's evidence is when the
 * undo of "add a finding with its evidence" deletes the finding first (ON DELETE CASCADE). */
static int on_conflict(void *ctx, int reason, sqlite3_changeset_iter *it)
{
	(void)ctx;
	const char *table;
	int ncols, op, indirect;
	if (reason == SQLITE_CHANGESET_NOTFOUND &&
		sqlite3changeset_op(it, &table, &ncols, &op, &indirect) == SQLITE_OK &&
		op == SQLITE_DELETE)
		return SQLITE_CHANGESET_OMIT;
	return SQLITE_CHANGESET_ABORT;
}

/* Applies a changeset (inverted for undo) in one transaction with an audit row. */
static enum gl_status apply(struct gl_history *h, const struct step *st, bool invert,
	struct gl_error *err)
{
	void *buf = st->changeset;
	int size = st->size;
	void *inverted = NULL;
	if (invert) {
		if (sqlite3changeset_invert(st->size, st->changeset, &size, &inverted) != SQLITE_OK)
			return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		buf = inverted;
	}
	struct db_tx tx;
	if (db_tx_begin(h->s, &tx, err) == GL_OK) {
		int rc = sqlite3changeset_apply(h->s->db, size, buf, NULL, on_conflict, NULL);
		if (rc == SQLITE_ABORT || rc == SQLITE_CONSTRAINT)
			db_tx_fail(&tx, gl_error_set(err, GL_ECONSTRAINT, invert ? _("cannot undo '%s': the "
				"data has changed since") : _("cannot redo '%s': the data has changed since"),
				st->label));
		else if (rc != SQLITE_OK)
			db_tx_fail(&tx, db_error(h->s, err, invert ? _("cannot undo") : _("cannot redo")));
		db_tx_audit(&tx, invert ? "undo" : "redo", "action", NULL, st->label);
	}
	sqlite3_free(inverted);
	return db_tx_end(&tx);
}

enum gl_status gl_history_undo(struct gl_history *h, struct gl_error *err)
{
	if (!h->undo.n)
		return gl_error_set(err, GL_ENOTFOUND, _("nothing to undo"));
	struct step *st = &h->undo.v[h->undo.n - 1];
	enum gl_status ret = apply(h, st, true, err);
	if (ret != GL_OK)
		return ret;
	if (!stack_push(&h->redo, *st))
		step_free(st);
	h->undo.n--;
	return GL_OK;
}

enum gl_status gl_history_redo(struct gl_history *h, struct gl_error *err)
{
	if (!h->redo.n)
		return gl_error_set(err, GL_ENOTFOUND, _("nothing to redo"));
	struct step *st = &h->redo.v[h->redo.n - 1];
	enum gl_status ret = apply(h, st, false, err);
	if (ret != GL_OK)
		return ret;
	if (!stack_push(&h->undo, *st))
		step_free(st);
	h->redo.n--;
	return GL_OK;
}
