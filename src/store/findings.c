/* Findings (strengths, development areas, challenges), their order and the evidence behind
 * them: codings, survey results and (for the municipality) school findings. */
#include "genomlys/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"
#include "store_internal.h"

static const char *const kind_names[GL_FINDING_KINDS] = { "strength", "area", "challenge" };

bool gl_finding_kind_valid(const char *kind)
{
	return gl_finding_kind_index(kind) >= 0;
}

int gl_finding_kind_index(const char *kind)
{
	for (int k = 0; kind && k < GL_FINDING_KINDS; k++)
		if (!strcmp(kind, kind_names[k]))
			return k;
	return -1;
}

const char *gl_finding_kind_name(int kind)
{
	return kind >= 0 && kind < GL_FINDING_KINDS ? kind_names[kind] : "?";
}

static enum gl_status kind_invalid(const char *kind, struct gl_error *err)
{
	return gl_error_set(err, GL_EINVAL, _("unknown finding kind '%s' (valid: strength, area, "
		"challenge)"), kind ? kind : "");
}

/* A finding's level (0: the municipality) and kind; GL_ENOTFOUND with a message naming it. */
static enum gl_status finding_level(struct gl_store *s, int64_t id, int64_t *school_id,
	int *kind, struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_statement(s, "SELECT ifnull(school_id, 0), kind FROM findings "
		"WHERE id = ?1", DB_ARGS(DB_INT(id)), true, &st, err);
	if (ret != GL_OK)
		return ret;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*school_id = sqlite3_column_int64(st, 0);
		*kind = gl_finding_kind_index((const char *)sqlite3_column_text(st, 1));
	} else if (rc == SQLITE_DONE) {
		ret = gl_error_set(err, GL_ENOTFOUND, _("no finding with id %lld"), (long long)id);
	} else {
		ret = db_error(s, err, _("cannot read the project"));
	}
	db_release(s, st);
	return ret;
}

struct title_check {
	const char *key;
	int64_t except;
	bool taken;
};

static int title_row(void *ctx, const struct gl_row *row)
{
	struct title_check *c = ctx;
	struct gl_str key = GL_STR_INIT;
	if (row->values[0].i != c->except && row->values[1].type == GL_VAL_TEXT &&
		db_name_key(row->values[1].s, &key) == GL_OK && !strcmp(gl_str_cstr(&key), c->key))
		c->taken = true;
	gl_str_finish(&key);
	return c->taken;
}

/* Refuses a title that another finding of the level and kind has (any case, spaces trimmed). */
static enum gl_status title_free(struct gl_store *s, int64_t school_id, const char *kind,
	const char *title, int64_t except, struct gl_error *err)
{
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(title, &key) != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("a finding needs a title"));
	}
	struct title_check c = { gl_str_cstr(&key), except, false };
	enum gl_status ret = db_read(s, "SELECT id, title FROM findings WHERE ifnull(school_id, 0) "
		"= ?1 AND kind = ?2", DB_ARGS(DB_INT(school_id), DB_TEXT(kind)), title_row, &c, err);
	if (ret == GL_ECANCELLED)
		ret = GL_OK;
	gl_str_finish(&key);
	if (ret == GL_OK && c.taken)
		ret = gl_error_set(err, GL_EEXIST, _("there is a finding titled '%s' of that kind at that "
			"level already"), title);
	return ret;
}

static enum gl_status school_exists(struct gl_store *s, int64_t school_id, struct gl_error *err)
{
	int64_t one;
	if (school_id <= 0)
		return GL_OK;
	enum gl_status ret = db_read_int(s, "SELECT 1 FROM schools WHERE id = ?1",
		DB_ARGS(DB_INT(school_id)), &one, err);
	if (ret == GL_ENOTFOUND)
		ret = gl_error_set(err, GL_ENOTFOUND, _("no school with id %lld"), (long long)school_id);
	return ret;
}

enum gl_status gl_store_finding_insert(struct gl_store *s, const struct gl_finding *f,
	int64_t *id, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	if (!gl_finding_kind_valid(f->kind))
		return kind_invalid(f->kind, err);
	if (!f->title || !*f->title)
		return gl_error_set(err, GL_EINVAL, _("a finding needs a title"));
	if (rules_name(f->title, err) != GL_OK || rules_text(f->description, err) != GL_OK)
		return GL_EINVAL;
	char uuid[GL_UUID_LEN + 1];
	enum gl_status ret = gl_uuid_new(uuid);
	if (ret != GL_OK)
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	int64_t level = f->school_id > 0 ? f->school_id : 0;
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) != GL_OK)
		return tx.status;
	ret = school_exists(s, level, err);
	if (ret == GL_OK)
		ret = title_free(s, level, f->kind, f->title, 0, err);
	if (ret != GL_OK)
		db_tx_fail(&tx, ret);
	/* a new finding goes to the end of its column */
	db_tx_write(&tx, &(struct db_write){ .sql = "INSERT INTO findings (uuid, school_id, kind, "
		"title, description, author_id, position) VALUES (?1, ?2, ?3, trim(?4), ?5, ?6,"
		" (SELECT ifnull(max(position), 0) + 1 FROM findings WHERE ifnull(school_id, 0) = "
		"ifnull(?2, 0) AND kind = ?3))",
		.args = DB_ARGS(DB_TEXT(uuid), DB_ID(level), DB_TEXT(f->kind), DB_TEXT(f->title),
			DB_TEXT_OR_NULL(f->description), DB_ID(f->author_id)),
		.constraint_msg = _("the finding's school or author does not exist"),
		.action = "create", .entity = "finding", .uuid = uuid, .detail = f->title });
	int64_t last = tx.last_id;
	ret = db_tx_end(&tx);
	if (ret == GL_OK)
		*id = last;
	return ret;
}

/* Renumbers a column (level and kind) 1, 2, ... in its present order, leaving out `except`. */
static void renumber(struct db_tx *tx, int64_t school_id, const char *kind, int64_t except)
{
	db_tx_write(tx, &(struct db_write){ .sql = "UPDATE findings SET position = (SELECT count(*) "
		"FROM findings g WHERE ifnull(g.school_id, 0) = ?1 AND g.kind = ?2 AND g.id <> ?3 AND "
		"(g.position < findings.position OR (g.position = findings.position AND g.id <= "
		"findings.id))) WHERE ifnull(school_id, 0) = ?1 AND kind = ?2 AND id <> ?3",
		.args = DB_ARGS(DB_INT(school_id), DB_TEXT(kind), DB_INT(except)) });
}

/* What a move to level ?2 takes with finding ?1: each a count, and the write that removes it. */
#define OTHER_CODINGS "FROM finding_codings WHERE finding_id = ?1 AND ?2 > 0 AND coding_id IN " \
	"(SELECT c.id FROM codings c JOIN documents d ON d.id = c.document_id WHERE d.school_id <> ?2)"
#define OTHER_SURVEYS "FROM finding_surveys WHERE finding_id = ?1 AND ?2 > 0 AND " \
	"survey_result_id IN (SELECT id FROM survey_results WHERE school_id <> ?2)"
/* citations only go from a municipal finding to a school finding */
#define BAD_CITATIONS "FROM finding_findings WHERE (finding_id = ?1 AND ?2 > 0) OR " \
	"(cited_id = ?1 AND ?2 = 0)"
#define OPEN_BALLOTS "FROM ballot_ranks WHERE finding_id = ?1 AND ballot_id IN (SELECT b.id " \
	"FROM ballots b JOIN rounds r ON r.id = b.round_id WHERE r.state <> 'closed')"
#define OPEN_DOTS "FROM dot_votes WHERE finding_id = ?1 AND round_id IN (SELECT id FROM rounds " \
	"WHERE state <> 'closed')"
#define OPEN_SCORES "FROM impact_effort WHERE finding_id = ?1 AND round_id IN (SELECT id FROM " \
	"rounds WHERE state <> 'closed')"

/* The edit's new level and kind, and whether it moves the finding. */
static enum gl_status edit_target(struct gl_store *s, int64_t id, const struct gl_finding_edit *e,
	int64_t *old_level, int *old_kind, int64_t *level, const char **kind, bool *moves,
	struct gl_error *err)
{
	enum gl_status ret = finding_level(s, id, old_level, old_kind, err);
	if (ret != GL_OK)
		return ret;
	if (e->kind && !gl_finding_kind_valid(e->kind))
		return kind_invalid(e->kind, err);
	*level = e->move_level ? (e->school_id > 0 ? e->school_id : 0) : *old_level;
	*kind = e->kind ? e->kind : gl_finding_kind_name(*old_kind);
	*moves = *level != *old_level || strcmp(*kind, gl_finding_kind_name(*old_kind)) != 0;
	return GL_OK;
}

bool gl_finding_loss_any(const struct gl_finding_loss *l)
{
	return l->ranked || l->votes || l->codings || l->surveys || l->cited || l->cited_by;
}

enum gl_status gl_store_finding_update_loss(struct gl_store *s, int64_t id,
	const struct gl_finding_edit *e, struct gl_finding_loss *loss, struct gl_error *err)
{
	memset(loss, 0, sizeof *loss);
	int64_t old_level, level, n = 0;
	int old_kind;
	const char *kind;
	bool moves;
	enum gl_status ret = edit_target(s, id, e, &old_level, &old_kind, &level, &kind, &moves,
		err);
	if (ret != GL_OK || !moves)
		return ret;
	ret = db_read_int(s, "SELECT rank_score IS NOT NULL OR rank_note IS NOT NULL FROM findings "
		"WHERE id = ?1", DB_ARGS(DB_INT(id)), &n, err);
	loss->ranked = n != 0;
	if (ret == GL_OK)
		ret = db_read_int(s, "SELECT (SELECT count(*) " OPEN_BALLOTS ") + (SELECT count(*) "
			OPEN_DOTS ") + (SELECT count(*) " OPEN_SCORES ")", DB_ARGS(DB_INT(id)), &loss->votes,
			err);
	if (ret == GL_OK)
		ret = db_read_int(s, "SELECT count(*) " OTHER_CODINGS, DB_ARGS(DB_INT(id),
			DB_INT(level)), &loss->codings, err);
	if (ret == GL_OK)
		ret = db_read_int(s, "SELECT count(*) " OTHER_SURVEYS, DB_ARGS(DB_INT(id),
			DB_INT(level)), &loss->surveys, err);
	if (ret == GL_OK && level != old_level)
		ret = db_read_int(s, "SELECT count(*) FROM finding_findings WHERE finding_id = ?1 AND "
			"?2 > 0", DB_ARGS(DB_INT(id), DB_INT(level)), &loss->cited, err);
	if (ret == GL_OK && level != old_level)
		ret = db_read_int(s, "SELECT count(*) FROM finding_findings WHERE cited_id = ?1 AND "
			"?2 = 0", DB_ARGS(DB_INT(id), DB_INT(level)), &loss->cited_by, err);
	return ret;
}

/* One part of the loss's words into the next of parts; nothing once a part has failed. */
__attribute__((format(printf, 4, 5)))
static void loss_part(struct gl_str *parts, size_t *n, enum gl_status *ret, const char *fmt, ...)
{
	if (*ret != GL_OK)
		return;
	va_list ap;
	va_start(ap, fmt);
	*ret = gl_str_vprintf(&parts[(*n)++], fmt, ap);
	va_end(ap);
}

enum gl_status gl_finding_loss_describe(const struct gl_finding_loss *l, struct gl_str *out)
{
	struct gl_str parts[6] = { GL_STR_INIT, GL_STR_INIT, GL_STR_INIT, GL_STR_INIT,
		GL_STR_INIT, GL_STR_INIT };
	size_t n = 0;
	enum gl_status ret = GL_OK;
	gl_str_clear(out);
	if (l->ranked)
		loss_part(parts, &n, &ret, "%s", _("its ranking"));
	if (l->votes)
		loss_part(parts, &n, &ret, ngettext("%lld vote in an open round",
			"%lld votes in open rounds", (unsigned long)l->votes), (long long)l->votes);
	if (l->cited)
		loss_part(parts, &n, &ret, ngettext("%lld cited school finding",
			"%lld cited school findings", (unsigned long)l->cited), (long long)l->cited);
	if (l->cited_by)
		loss_part(parts, &n, &ret, ngettext("%lld citation of it by the municipality",
			"%lld citations of it by the municipality", (unsigned long)l->cited_by),
			(long long)l->cited_by);
	if (l->codings)
		loss_part(parts, &n, &ret, ngettext("%lld coding of another school",
			"%lld codings of other schools", (unsigned long)l->codings), (long long)l->codings);
	if (l->surveys)
		loss_part(parts, &n, &ret, ngettext("%lld survey value of another school",
			"%lld survey values of other schools", (unsigned long)l->surveys),
			(long long)l->surveys);
	for (size_t i = 0; ret == GL_OK && i < n; i++) {
		if (i)
			ret = gl_str_puts(out, i + 1 == n ? _(" and ") : ", ");
		if (ret == GL_OK)
			ret = gl_str_puts(out, gl_str_cstr(&parts[i]));
	}
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		gl_str_finish(&parts[i]);
	return ret;
}

static void brief_part(struct gl_str *out, const char **sep, enum gl_status *ret,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void brief_part(struct gl_str *out, const char **sep, enum gl_status *ret,
	const char *fmt, ...)
{
	if (*ret == GL_OK)
		*ret = gl_str_puts(out, *sep);
	if (*ret == GL_OK) {
		va_list ap;
		va_start(ap, fmt);
		*ret = gl_str_vprintf(out, fmt, ap);
		va_end(ap);
	}
	*sep = ", ";
}

enum gl_status gl_finding_loss_brief(const struct gl_finding_loss *l, int max_width,
	struct gl_str *out)
{
	enum gl_status ret = GL_OK;
	gl_str_clear(out);
	const char *sep = "";
	if (l->ranked) {
		ret = gl_str_puts(out, _("ranking"));
		sep = ", ";
	}
	int64_t more = l->votes + l->cited + l->cited_by + l->codings + l->surveys;
	if (l->votes)
		brief_part(out, &sep, &ret, ngettext("%lld vote", "%lld votes", (unsigned long)l->votes),
			(long long)l->votes);
	if (l->cited)
		brief_part(out, &sep, &ret, ngettext("%lld cited finding", "%lld cited findings",
			(unsigned long)l->cited), (long long)l->cited);
	if (l->cited_by)
		brief_part(out, &sep, &ret, ngettext("%lld citation by the municipality",
			"%lld citations by the municipality", (unsigned long)l->cited_by), (long long)l->cited_by);
	if (l->codings)
		brief_part(out, &sep, &ret, ngettext("%lld coding", "%lld codings",
			(unsigned long)l->codings), (long long)l->codings);
	if (l->surveys)
		brief_part(out, &sep, &ret, ngettext("%lld survey value", "%lld survey values",
			(unsigned long)l->surveys), (long long)l->surveys);
	if (ret != GL_OK || (int)gl_utf8_width(out->buf ? out->buf : "", out->len) <= max_width)
		return ret;
	/* too long for the line: the counts together (the confirmation named each) */
	gl_str_clear(out);
	if (l->ranked)
		return gl_str_printf(out, ngettext("ranking and %lld more", "ranking and %lld more",
			(unsigned long)more), (long long)more);
	return gl_str_printf(out, ngettext("%lld link", "%lld links", (unsigned long)more),
		(long long)more);
}

enum gl_status gl_store_finding_update(struct gl_store *s, int64_t id,
	const struct gl_finding_edit *e, struct gl_error *err)
{
	int64_t old_level, level;
	int old_kind;
	const char *kind;
	bool moves;
	enum gl_status ret = edit_target(s, id, e, &old_level, &old_kind, &level, &kind, &moves,
		err);
	if (ret != GL_OK)
		return ret;
	if (e->title && (!*e->title || rules_name(e->title, err) != GL_OK))
		return *e->title ? GL_EINVAL : gl_error_set(err, GL_EINVAL,
			_("a finding needs a title"));
	if (rules_text(e->description, err) != GL_OK)
		return GL_EINVAL;
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "findings", id, uuid);
	struct gl_str title = GL_STR_INIT;
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) != GL_OK)
		return tx.status;
	if (!e->title)
		ret = db_read_text(s, "SELECT title FROM findings WHERE id = ?1",
			DB_ARGS(DB_INT(id)), &title, err);
	else
		ret = gl_str_puts(&title, e->title);
	if (ret == GL_OK)
		ret = school_exists(s, level, err);
	if (ret == GL_OK)
		ret = title_free(s, level, kind, gl_str_cstr(&title), id, err);
	if (ret != GL_OK)
		db_tx_fail(&tx, ret);
	if (e->title)
		db_tx_write(&tx, &(struct db_write){ .sql = "UPDATE findings SET title = trim(?1), "
			"updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?2",
			.args = DB_ARGS(DB_TEXT(e->title), DB_INT(id)),
			.action = "rename", .entity = "finding", .uuid = uuid, .detail = e->title });
	if (e->description)
		db_tx_write(&tx, &(struct db_write){ .sql = "UPDATE findings SET description = ?1, "
			"updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?2",
			.args = DB_ARGS(DB_TEXT_OR_NULL(e->description), DB_INT(id)),
			.action = "describe", .entity = "finding", .uuid = uuid });
	if (moves) {
		char detail[64];
		snprintf(detail, sizeof detail, "%s %lld", kind, (long long)level);
		db_tx_write(&tx, &(struct db_write){ .sql = "UPDATE findings SET school_id = ?1, "
			"kind = ?2, position = (SELECT ifnull(max(position), 0) + 1 FROM findings WHERE "
			"ifnull(school_id, 0) = ifnull(?1, 0) AND kind = ?2 AND id <> ?3), "
			"updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?3",
			.args = DB_ARGS(DB_ID(level), DB_TEXT(kind), DB_INT(id)),
			.constraint_msg = _("the finding's school does not exist"),
			.action = "move", .entity = "finding", .uuid = uuid, .detail = detail });
		renumber(&tx, old_level, gl_finding_kind_name(old_kind), id);
		/* its place in a ranking was at its old level and kind: a closed round's figures
		 * and the votes of rounds not closed go (closed rounds keep their ballots) */
		db_tx_write(&tx, &(struct db_write){ .sql = "UPDATE findings SET rank_score = NULL, "
			"rank_note = NULL WHERE id = ?1 AND (rank_score IS NOT NULL OR rank_note IS NOT "
			"NULL)", .args = DB_ARGS(DB_INT(id)) });
		static const char *const drops[] = { "DELETE " OPEN_BALLOTS, "DELETE " OPEN_DOTS,
			"DELETE " OPEN_SCORES };
		for (size_t i = 0; i < sizeof drops / sizeof *drops; i++)
			db_tx_write(&tx, &(struct db_write){ .sql = drops[i],
				.args = DB_ARGS(DB_INT(id)) });
		/* the evidence its new level may not have */
		db_tx_write(&tx, &(struct db_write){ .sql = "DELETE " OTHER_CODINGS,
			.args = DB_ARGS(DB_INT(id), DB_INT(level)) });
		db_tx_write(&tx, &(struct db_write){ .sql = "DELETE " OTHER_SURVEYS,
			.args = DB_ARGS(DB_INT(id), DB_INT(level)) });
		if (level != old_level)
			db_tx_write(&tx, &(struct db_write){ .sql = "DELETE " BAD_CITATIONS,
				.args = DB_ARGS(DB_INT(id), DB_INT(level)) });
	}
	gl_str_finish(&title);
	return db_tx_end(&tx);
}

enum gl_status gl_store_finding_delete(struct gl_store *s, int64_t id, struct gl_error *err)
{
	int64_t level;
	int kind;
	enum gl_status ret = finding_level(s, id, &level, &kind, err);
	if (ret != GL_OK)
		return ret;
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "findings", id, uuid);
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) != GL_OK)
		return tx.status;
	/* memos point at their target by id only: they go with it */
	db_tx_write(&tx, &(struct db_write){ .sql = "DELETE FROM memos WHERE target = 'finding' AND "
		"target_id = ?1", .args = DB_ARGS(DB_INT(id)) });
	db_tx_write(&tx, &(struct db_write){ .sql = "DELETE FROM findings WHERE id = ?1",
		.args = DB_ARGS(DB_INT(id)), .action = "delete", .entity = "finding", .uuid = uuid });
	renumber(&tx, level, gl_finding_kind_name(kind), id);
	return db_tx_end(&tx);
}

/* The ids of a column in order. */
struct id_list {
	int64_t *v;
	size_t n, cap;
};

static int id_row(void *ctx, const struct gl_row *row)
{
	struct id_list *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		int64_t *p = realloc(l->v, cap * sizeof *p);
		if (!p)
			return 1;
		l->v = p;
		l->cap = cap;
	}
	l->v[l->n++] = row->values[0].i;
	return 0;
}

static enum gl_status column_ids(struct gl_store *s, int64_t school_id, const char *kind,
	struct id_list *l, struct gl_error *err)
{
	enum gl_status ret = db_read(s, "SELECT id FROM findings WHERE ifnull(school_id, 0) = ?1 AND "
		"kind = ?2 ORDER BY position, id", DB_ARGS(DB_INT(school_id), DB_TEXT(kind)), id_row, l,
		err);
	if (ret == GL_ECANCELLED)
		ret = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	return ret;
}

/* Writes positions 1..n in the order of ids (only the rows whose position changes). */
static enum gl_status write_order(struct gl_store *s, const int64_t *ids, size_t n,
	const char *detail, struct gl_error *err)
{
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) != GL_OK)
		return tx.status;
	for (size_t i = 0; i < n; i++)
		db_tx_write(&tx, &(struct db_write){ .sql = "UPDATE findings SET position = ?1 WHERE "
			"id = ?2 AND position <> ?1", .hot = true,
			.args = DB_ARGS(DB_INT((int64_t)i + 1), DB_INT(ids[i])) });
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "findings", n ? ids[0] : 0, uuid);
	db_tx_audit(&tx, "reorder", "finding", uuid[0] ? uuid : NULL, detail);
	return db_tx_end(&tx);
}

enum gl_status gl_store_finding_move(struct gl_store *s, int64_t id, int64_t other, bool after,
	struct gl_error *err)
{
	int64_t level, other_level;
	int kind, other_kind;
	enum gl_status ret = finding_level(s, id, &level, &kind, err);
	if (ret == GL_OK)
		ret = finding_level(s, other, &other_level, &other_kind, err);
	if (ret != GL_OK)
		return ret;
	if (level != other_level || kind != other_kind)
		return gl_error_set(err, GL_EINVAL, _("findings %lld and %lld are not of the same level "
			"and kind"), (long long)id, (long long)other);
	if (id == other)
		return GL_OK;
	struct id_list l = { 0 };
	ret = column_ids(s, level, gl_finding_kind_name(kind), &l, err);
	if (ret == GL_OK) {
		size_t from = 0, k = 0;
		while (from < l.n && l.v[from] != id)
			from++;
		memmove(l.v + from, l.v + from + 1, (l.n - from - 1) * sizeof *l.v);
		l.n--;
		while (k < l.n && l.v[k] != other)
			k++;
		if (after)
			k++;
		memmove(l.v + k + 1, l.v + k, (l.n - k) * sizeof *l.v);
		l.v[k] = id;
		l.n++;
		char detail[64];
		snprintf(detail, sizeof detail, "%lld %s %lld", (long long)id, after ? "after" : "before",
			(long long)other);
		ret = write_order(s, l.v, l.n, detail, err);
	}
	free(l.v);
	return ret;
}

enum gl_status gl_store_finding_order_set(struct gl_store *s, int64_t school_id,
	const char *kind, const int64_t *ids, size_t n, struct gl_error *err)
{
	if (!gl_finding_kind_valid(kind))
		return kind_invalid(kind, err);
	int64_t level = school_id > 0 ? school_id : 0;
	struct id_list l = { 0 };
	enum gl_status ret = column_ids(s, level, kind, &l, err);
	if (ret != GL_OK) {
		free(l.v);
		return ret;
	}
	/* ids first, in their order; the rest of the column after them, in its order */
	int64_t *order = calloc(l.n ? l.n : 1, sizeof *order);
	size_t k = 0;
	if (!order)
		ret = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	for (size_t i = 0; ret == GL_OK && i < n; i++) {
		size_t j = 0;
		while (j < l.n && l.v[j] != ids[i])
			j++;
		if (j == l.n) {
			ret = gl_error_set(err, GL_EINVAL, _("finding %lld is not of that level and kind "
				"(or given twice)"), (long long)ids[i]);
			break;
		}
		order[k++] = ids[i];
		l.v[j] = 0;
	}
	for (size_t j = 0; ret == GL_OK && j < l.n; j++)
		if (l.v[j])
			order[k++] = l.v[j];
	if (ret == GL_OK)
		ret = write_order(s, order, k, kind, err);
	free(order);
	free(l.v);
	return ret;
}

enum gl_status gl_store_finding_rank_set(struct gl_store *s, int64_t id, bool ranked,
	double score, const char *note, struct gl_error *err)
{
	int64_t level;
	int kind;
	enum gl_status ret = finding_level(s, id, &level, &kind, err);
	if (ret != GL_OK)
		return ret;
	if ((ranked && rules_number(score, err) != GL_OK) || rules_text(note, err) != GL_OK)
		return GL_EINVAL;
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "findings", id, uuid);
	return db_write(s, &(struct db_write){ .sql = "UPDATE findings SET rank_score = ?1, "
		"rank_note = ?2 WHERE id = ?3",
		.args = DB_ARGS(ranked ? DB_REAL(score) : DB_NULL,
			ranked ? DB_TEXT_OR_NULL(note) : DB_NULL, DB_INT(id)),
		.action = "rank", .entity = "finding", .uuid = uuid, .detail = note }, NULL, err);
}

enum gl_status gl_store_finding_find(struct gl_store *s, int64_t school_id, const char *kind,
	const char *title, int64_t *id, struct gl_error *err)
{
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(title, &key) != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("a finding needs a title"));
	}
	struct gl_str want = GL_STR_INIT;
	sqlite3_stmt *st;
	enum gl_status ret = db_statement(s, "SELECT id, title FROM findings WHERE ifnull(school_id, "
		"0) = ?1 AND (?2 IS NULL OR kind = ?2) ORDER BY kind, position, id",
		DB_ARGS(DB_INT(school_id > 0 ? school_id : 0), DB_TEXT(kind)), false, &st, err);
	bool found = false;
	while (ret == GL_OK && !found && sqlite3_step(st) == SQLITE_ROW) {
		gl_str_clear(&want);
		const char *t = (const char *)sqlite3_column_text(st, 1);
		if (t && db_name_key(t, &want) == GL_OK && !strcmp(gl_str_cstr(&want),
			gl_str_cstr(&key))) {
			*id = sqlite3_column_int64(st, 0);
			found = true;
		}
	}
	if (ret == GL_OK)
		db_release(s, st);
	gl_str_finish(&want);
	gl_str_finish(&key);
	if (ret == GL_OK && !found)
		ret = gl_error_set(err, GL_ENOTFOUND, _("no finding titled '%s' at that level"), title);
	return ret;
}

enum gl_status gl_store_finding_evidence_count(struct gl_store *s, int64_t id,
	int64_t counts[GL_EVIDENCE_TYPES], struct gl_error *err)
{
	int64_t level;
	int kind;
	enum gl_status ret = finding_level(s, id, &level, &kind, err);
	static const char *const sql[GL_EVIDENCE_TYPES] = {
		"SELECT count(*) FROM finding_codings WHERE finding_id = ?1",
		"SELECT count(*) FROM finding_surveys WHERE finding_id = ?1",
		"SELECT count(*) FROM finding_findings WHERE finding_id = ?1" };
	for (int t = 0; ret == GL_OK && t < GL_EVIDENCE_TYPES; t++)
		ret = db_read_int(s, sql[t], DB_ARGS(DB_INT(id)), &counts[t], err);
	return ret;
}

/* What a link points at, for the checks and messages. */
static const struct evidence_def {
	const char *entity;   /* the audit's entity */
	const char *exists;   /* SELECT 1 for the target */
	const char *linked;   /* SELECT 1 when linked already */
	const char *insert, *remove;
} evidence_defs[GL_EVIDENCE_TYPES] = {
	{ "coding", "SELECT 1 FROM codings WHERE id = ?1",
		"SELECT 1 FROM finding_codings WHERE finding_id = ?1 AND coding_id = ?2",
		"INSERT INTO finding_codings (finding_id, coding_id) VALUES (?1, ?2)",
		"DELETE FROM finding_codings WHERE finding_id = ?1 AND coding_id = ?2" },
	{ "survey_result", "SELECT 1 FROM survey_results WHERE id = ?1",
		"SELECT 1 FROM finding_surveys WHERE finding_id = ?1 AND survey_result_id = ?2",
		"INSERT INTO finding_surveys (finding_id, survey_result_id) VALUES (?1, ?2)",
		"DELETE FROM finding_surveys WHERE finding_id = ?1 AND survey_result_id = ?2" },
	{ "finding", "SELECT 1 FROM findings WHERE id = ?1",
		"SELECT 1 FROM finding_findings WHERE finding_id = ?1 AND cited_id = ?2",
		"INSERT INTO finding_findings (finding_id, cited_id) VALUES (?1, ?2)",
		"DELETE FROM finding_findings WHERE finding_id = ?1 AND cited_id = ?2" },
};

static enum gl_status target_missing(enum gl_evidence type, int64_t target,
	struct gl_error *err)
{
	switch (type) {
	case GL_EVIDENCE_CODING:
		return gl_error_set(err, GL_ENOTFOUND, _("no coding with id %lld"), (long long)target);
	case GL_EVIDENCE_SURVEY:
		return gl_error_set(err, GL_ENOTFOUND, _("no survey result with id %lld"),
			(long long)target);
	default:
		return gl_error_set(err, GL_ENOTFOUND, _("no finding with id %lld"), (long long)target);
	}
}

/* A school's finding takes only its own school's codings and survey values. */
static enum gl_status own_school(struct gl_store *s, enum gl_evidence type, int64_t finding_id,
	int64_t level, int64_t target, struct gl_error *err)
{
	int64_t school = 0;
	enum gl_status ret = db_read_int(s, type == GL_EVIDENCE_CODING ? "SELECT d.school_id FROM "
		"codings c JOIN documents d ON d.id = c.document_id WHERE c.id = ?1" :
		"SELECT school_id FROM survey_results WHERE id = ?1", DB_ARGS(DB_INT(target)), &school,
		err);
	if (ret != GL_OK || school == level)
		return ret == GL_ENOTFOUND ? target_missing(type, target, err) : ret;
	struct gl_str theirs = GL_STR_INIT, ours = GL_STR_INIT;
	ret = db_read_text(s, "SELECT name FROM schools WHERE id = ?1", DB_ARGS(DB_INT(school)),
		&theirs, err);
	if (ret == GL_OK)
		ret = db_read_text(s, "SELECT name FROM schools WHERE id = ?1", DB_ARGS(DB_INT(level)),
			&ours, err);
	if (ret == GL_OK)
		ret = gl_error_set(err, GL_EINVAL, type == GL_EVIDENCE_CODING ?
			_("coding %lld is from %s; finding %lld is %s's (a school's finding takes only its "
			"own school's evidence)") :
			_("survey result %lld is from %s; finding %lld is %s's (a school's finding takes "
			"only its own school's evidence)"), (long long)target, gl_str_cstr(&theirs),
			(long long)finding_id, gl_str_cstr(&ours));
	gl_str_finish(&theirs);
	gl_str_finish(&ours);
	return ret;
}

static enum gl_status link(struct gl_store *s, enum gl_evidence type, int64_t finding_id,
	int64_t target, bool remove, struct gl_error *err)
{
	const struct evidence_def *d = &evidence_defs[type];
	int64_t level, one;
	int kind;
	enum gl_status ret = finding_level(s, finding_id, &level, &kind, err);
	if (ret != GL_OK)
		return ret;
	ret = db_read_int(s, d->exists, DB_ARGS(DB_INT(target)), &one, err);
	if (ret == GL_ENOTFOUND)
		return target_missing(type, target, err);
	if (ret != GL_OK)
		return ret;
	if (type != GL_EVIDENCE_FINDING && !remove && level > 0 &&
		(ret = own_school(s, type, finding_id, level, target, err)) != GL_OK)
		return ret;
	if (type == GL_EVIDENCE_FINDING && !remove) {
		int64_t cited_level;
		int cited_kind;
		if ((ret = finding_level(s, target, &cited_level, &cited_kind, err)) != GL_OK)
			return ret;
		if (level != 0 || cited_level == 0)
			return gl_error_set(err, GL_EINVAL, _("only a municipal finding cites findings, and "
				"only those of a school (finding %lld cites %lld)"), (long long)finding_id,
				(long long)target);
	}
	ret = db_read_int(s, d->linked, DB_ARGS(DB_INT(finding_id), DB_INT(target)), &one, err);
	if (ret == GL_OK && !remove)
		return gl_error_set(err, GL_EEXIST, _("%s %lld is evidence for finding %lld already"),
			type == GL_EVIDENCE_CODING ? _("coding") : type == GL_EVIDENCE_SURVEY ?
			_("survey result") : _("finding"), (long long)target, (long long)finding_id);
	if (ret == GL_ENOTFOUND && remove)
		return gl_error_set(err, GL_ENOTFOUND, _("%s %lld is not evidence for finding %lld"),
			type == GL_EVIDENCE_CODING ? _("coding") : type == GL_EVIDENCE_SURVEY ?
			_("survey result") : _("finding"), (long long)target, (long long)finding_id);
	if (ret != GL_OK && ret != GL_ENOTFOUND)
		return ret;
	gl_error_clear(err);
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "findings", finding_id, uuid);
	char detail[32];
	snprintf(detail, sizeof detail, "%lld", (long long)target);
	return db_write(s, &(struct db_write){ .sql = remove ? d->remove : d->insert,
		.args = DB_ARGS(DB_INT(finding_id), DB_INT(target)),
		.constraint = GL_ECONSTRAINT, .constraint_msg = _("no such finding or %s"),
		.constraint_args = { d->entity }, .action = remove ? "unlink" : "link",
		.entity = d->entity, .uuid = uuid[0] ? uuid : NULL, .detail = detail }, NULL, err);
}

enum gl_status gl_store_finding_link_coding(struct gl_store *s, int64_t finding_id,
	int64_t coding_id, struct gl_error *err)
{
	return link(s, GL_EVIDENCE_CODING, finding_id, coding_id, false, err);
}

enum gl_status gl_store_finding_link_survey(struct gl_store *s, int64_t finding_id,
	int64_t survey_result_id, struct gl_error *err)
{
	return link(s, GL_EVIDENCE_SURVEY, finding_id, survey_result_id, false, err);
}

enum gl_status gl_store_finding_link_finding(struct gl_store *s, int64_t finding_id,
	int64_t cited_id, struct gl_error *err)
{
	return link(s, GL_EVIDENCE_FINDING, finding_id, cited_id, false, err);
}

enum gl_status gl_store_finding_unlink(struct gl_store *s, int64_t finding_id,
	enum gl_evidence type, int64_t target, struct gl_error *err)
{
	if ((int)type < 0 || type >= GL_EVIDENCE_TYPES)
		return gl_error_set(err, GL_EINVAL, "unknown evidence type");
	return link(s, type, finding_id, target, true, err);
}

enum gl_status gl_store_finding_memo_get(struct gl_store *s, int64_t id, struct gl_str *out,
	struct gl_error *err)
{
	gl_str_clear(out);
	enum gl_status ret = db_read_text(s, "SELECT text FROM memos WHERE target = 'finding' AND "
		"target_id = ?1 ORDER BY id DESC LIMIT 1", DB_ARGS(DB_INT(id)), out, err);
	return ret == GL_ENOTFOUND ? GL_OK : ret;
}

enum gl_status gl_store_finding_memo_set(struct gl_store *s, int64_t id, int64_t coder_id,
	const char *text, struct gl_error *err)
{
	int64_t level;
	int kind;
	enum gl_status ret = finding_level(s, id, &level, &kind, err);
	if (ret != GL_OK)
		return ret;
	if (rules_text(text, err) != GL_OK)
		return GL_EINVAL;
	char uuid[GL_UUID_LEN + 1], memo_uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "findings", id, uuid);
	if ((ret = gl_uuid_new(memo_uuid)) != GL_OK)
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	/* one memo per finding: the new text replaces the old; empty removes it */
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) != GL_OK)
		return tx.status;
	db_tx_write(&tx, &(struct db_write){ .sql = "DELETE FROM memos WHERE target = 'finding' AND "
		"target_id = ?1", .args = DB_ARGS(DB_INT(id)) });
	if (text && *text)
		db_tx_write(&tx, &(struct db_write){ .sql = "INSERT INTO memos (uuid, target, target_id, "
			"coder_id, text) VALUES (?1, 'finding', ?2, ?3, ?4)",
			.args = DB_ARGS(DB_TEXT(memo_uuid), DB_INT(id), DB_ID(coder_id), DB_TEXT(text)) });
	db_tx_audit(&tx, text && *text ? "memo" : "unmemo", "finding", uuid, NULL);
	return db_tx_end(&tx);
}

enum gl_status gl_store_codings_evidence(struct gl_store *s, int64_t code_id, int64_t coding_id,
	int64_t *codings, int64_t *findings, struct gl_error *err)
{
	*codings = *findings = 0;
	/* the codings removed: a code's subtree's, or one */
	static const char subtree[] = "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT c.id "
		"FROM codes c JOIN sub ON c.parent_id = sub.id), gone(id) AS (SELECT id FROM codings "
		"WHERE code_id IN sub) ";
	static const char one[] = "WITH gone(id) AS (SELECT ?1) ";
	struct gl_str sql = GL_STR_INIT;
	enum gl_status ret = gl_str_puts(&sql, code_id > 0 ? subtree : one);
	if (ret == GL_OK)
		ret = gl_str_puts(&sql, "SELECT count(DISTINCT coding_id), count(DISTINCT finding_id) "
			"FROM finding_codings WHERE coding_id IN gone");
	sqlite3_stmt *st = NULL;
	if (ret == GL_OK)
		ret = db_statement(s, gl_str_cstr(&sql), DB_ARGS(DB_INT(code_id > 0 ? code_id :
			coding_id)), false, &st, err);
	if (ret == GL_OK) {
		if (sqlite3_step(st) == SQLITE_ROW) {
			*codings = sqlite3_column_int64(st, 0);
			*findings = sqlite3_column_int64(st, 1);
		} else {
			ret = db_error(s, err, _("cannot read the project"));
		}
		db_release(s, st);
	}
	gl_str_finish(&sql);
	return ret;
}

enum gl_status gl_codings_evidence_describe(int64_t total, int64_t codings, int64_t findings,
	struct gl_str *out)
{
	gl_str_clear(out);
	if (total <= 1)
		return gl_str_printf(out, ngettext("evidence for %lld finding",
			"evidence for %lld findings", (unsigned long)findings), (long long)findings);
	return gl_str_printf(out, ngettext("%lld of them evidence for %lld finding",
		"%lld of them evidence for %lld findings", (unsigned long)findings), (long long)codings,
		(long long)findings);
}
