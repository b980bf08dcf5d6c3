/* Workshop rounds of a level, and the ballots, dots and impact/effort scores given in them. */
#include "genomlys/ranking.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/clean.h"
#include "genomlys/i18n.h"
#include "genomlys/utf8.h"
#include "store_internal.h"

static const char *const state_names[] = { "open", "revealed", "closed" };

const char *gl_round_state_name(enum gl_round_state st)
{
	return st <= GL_ROUND_CLOSED ? state_names[st] : "";
}

const char *gl_round_state_words(enum gl_round_state st)
{
	switch (st) {  /* a round's state: "open" is an adjective here, not the verb of a hint */
	case GL_ROUND_OPEN: return C_("round state", "open");
	case GL_ROUND_REVEALED: return C_("round state", "revealed");
	case GL_ROUND_CLOSED: return C_("round state", "closed");
	}
	return "";
}

static enum gl_round_state state_parse(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (s && !strcmp(s, state_names[i]))
			return (enum gl_round_state)i;
	return GL_ROUND_OPEN;
}

void gl_round_finish(struct gl_round *r)
{
	if (!r)
		return;
	free(r->name);
	r->name = NULL;
}

static enum gl_status oom(struct gl_error *err)
{
	return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
}

static char *dup_text(sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	return gl_strdup(t ? t : "");
}

#define ROUND_COLUMNS "id, ifnull(school_id, 0), name, state, dots, stacking, created_at"

static enum gl_status round_from_row(sqlite3_stmt *st, struct gl_round *r, struct gl_error *err)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->school_id = sqlite3_column_int64(st, 1);
	r->name = dup_text(st, 2);
	r->state = state_parse((const char *)sqlite3_column_text(st, 3));
	r->dots = sqlite3_column_int(st, 4);
	r->stacking = sqlite3_column_int(st, 5) != 0;
	const char *at = (const char *)sqlite3_column_text(st, 6);
	snprintf(r->created_at, sizeof r->created_at, "%s", at ? at : "");
	return r->name ? GL_OK : oom(err);
}

/* Reads every row of sql into a growing array of elements of size bytes, each filled by fill;
 * on any error the elements read so far are given to drop (with the array) and the outputs
 * are emptied. The one loop behind the areas, the rounds and the participants. */
typedef enum gl_status (*row_fill_fn)(sqlite3_stmt *st, void *elem, struct gl_error *err);
typedef void (*array_drop_fn)(void *array, size_t n);

static enum gl_status read_array(struct gl_store *s, const char *sql, const struct db_arg *args,
	size_t size, row_fill_fn fill, array_drop_fn drop, void **array, size_t *n,
	struct gl_error *err)
{
	*array = NULL;
	*n = 0;
	sqlite3_stmt *st;
	enum gl_status ret = db_statement(s, sql, args, false, &st, err);
	if (ret != GL_OK)
		return ret;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			void *p = realloc(*array, cap * size);
			if (!p) {
				ret = oom(err);
				break;
			}
			*array = p;
		}
		if ((ret = fill(st, (char *)*array + *n * size, err)) != GL_OK)
			break;
		(*n)++;
	}
	if (ret == GL_OK && rc != SQLITE_DONE)
		ret = db_error(s, err, _("cannot read the project"));
	db_release(s, st);
	if (ret != GL_OK) {
		drop(*array, *n);
		*array = NULL;
		*n = 0;
	}
	return ret;
}

static enum gl_status area_fill(sqlite3_stmt *st, void *elem, struct gl_error *err)
{
	struct gl_area *a = elem;
	a->id = sqlite3_column_int64(st, 0);
	a->title = dup_text(st, 1);
	return a->title ? GL_OK : oom(err);
}

static void areas_drop(void *array, size_t n)
{
	gl_areas_free(array, n);
}

enum gl_status gl_store_areas(struct gl_store *s, int64_t school_id, struct gl_area **areas,
	size_t *n, struct gl_error *err)
{
	void *array;
	enum gl_status ret = read_array(s, "SELECT id, title FROM findings WHERE kind = 'area' "
		"AND school_id IS ?1 ORDER BY title COLLATE " DB_COLLATION ", id",
		DB_ARGS(DB_ID(school_id)), sizeof **areas, area_fill, areas_drop, &array, n, err);
	*areas = array;
	return ret;
}

void gl_areas_free(struct gl_area *areas, size_t n)
{
	for (size_t i = 0; areas && i < n; i++)
		free(areas[i].title);
	free(areas);
}

enum gl_status gl_area_find(const struct gl_area *areas, size_t n, const char *title,
	size_t *index, struct gl_error *err)
{
	struct gl_str want = GL_STR_INIT, nfc = GL_STR_INIT, key = GL_STR_INIT;
	enum gl_status ret = GL_OK;
	size_t found = n, count = 0;
	if (gl_utf8_nfc(title, strlen(title), &nfc, NULL) != GL_OK ||
		db_name_key(gl_str_cstr(&nfc), &want) != GL_OK) {
		ret = gl_error_set(err, GL_ENOTFOUND, _("no development area named '%s'"), title);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (db_name_key(areas[i].title, &key) != GL_OK)
			continue;
		if (!strcmp(gl_str_cstr(&key), gl_str_cstr(&want))) {
			if (!count)
				found = i;
			count++;
		}
	}
	if (count == 0)
		ret = gl_error_set(err, GL_ENOTFOUND, _("no development area named '%s' at this level"),
			title);
	else if (count > 1)
		ret = gl_error_set(err, GL_EINVAL, _("the title '%s' is ambiguous: %zu development "
			"areas of this level have it"), title, count);
	else
		*index = found;
out:
	gl_str_finish(&want);
	gl_str_finish(&nfc);
	gl_str_finish(&key);
	return ret;
}

enum gl_status gl_store_round_get(struct gl_store *s, int64_t id, struct gl_round *out,
	struct gl_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st;
	enum gl_status ret = db_statement(s, "SELECT " ROUND_COLUMNS " FROM rounds WHERE id = ?1",
		DB_ARGS(DB_INT(id)), false, &st, err);
	if (ret != GL_OK)
		return ret;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		ret = round_from_row(st, out, err);
	else if (rc == SQLITE_DONE)
		ret = gl_error_set(err, GL_ENOTFOUND, _("no round %lld"), (long long)id);
	else
		ret = db_error(s, err, _("cannot read the project"));
	db_release(s, st);
	return ret;
}

enum gl_status gl_store_round_newest(struct gl_store *s, int64_t school_id, bool open_only,
	int64_t *id, struct gl_error *err)
{
	enum gl_status ret = db_read_int(s, open_only ?
		"SELECT id FROM rounds WHERE school_id IS ?1 AND state <> 'closed' ORDER BY id DESC" :
		"SELECT id FROM rounds WHERE school_id IS ?1 ORDER BY id DESC",
		DB_ARGS(DB_ID(school_id)), id, err);
	if (ret == GL_ENOTFOUND)
		gl_error_set(err, ret, open_only ? _("this level has no open round (start one with "
			"'rank round new')") : _("this level has no round yet (start one with 'rank round "
			"new')"));
	return ret;
}

static enum gl_status round_fill(sqlite3_stmt *st, void *elem, struct gl_error *err)
{
	return round_from_row(st, elem, err);
}

static void rounds_drop(void *array, size_t n)
{
	gl_rounds_free(array, n);
}

enum gl_status gl_store_rounds(struct gl_store *s, int64_t school_id, struct gl_round **rounds,
	size_t *n, struct gl_error *err)
{
	void *array;
	enum gl_status ret = read_array(s, "SELECT " ROUND_COLUMNS " FROM rounds "
		"WHERE school_id IS ?1 ORDER BY id", DB_ARGS(DB_ID(school_id)), sizeof **rounds,
		round_fill, rounds_drop, &array, n, err);
	*rounds = array;
	return ret;
}

void gl_rounds_free(struct gl_round *rounds, size_t n)
{
	for (size_t i = 0; rounds && i < n; i++)
		gl_round_finish(&rounds[i]);
	free(rounds);
}

enum gl_status gl_store_round_dots_default(struct gl_store *s, int64_t school_id, int *dots,
	struct gl_error *err)
{
	int64_t budget = 0;
	enum gl_status ret = gl_store_setting_get_int(s, GL_SETTING_DOT_BUDGET, &budget, err);
	if (ret == GL_ENOTFOUND) {
		int64_t areas = 0;
		if ((ret = db_read_int(s, "SELECT count(*) FROM findings WHERE kind = 'area' AND "
			"school_id IS ?1", DB_ARGS(DB_ID(school_id)), &areas, err)) != GL_OK)
			return ret;
		budget = (int64_t)gl_rank_dot_budget_default((size_t)areas);
	} else if (ret != GL_OK) {
		return ret;
	}
	*dots = (int)(budget > 100 ? 100 : budget);
	return GL_OK;
}

enum gl_status gl_store_round_create(struct gl_store *s, int64_t school_id, const char *name,
	int dots, bool stacking, int64_t *id, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	if (dots < 0 || dots > 100)
		return gl_error_set(err, GL_EINVAL, _("a round's dots must be 1 to 100"));
	if (name && *name && rules_name(name, err) != GL_OK)
		return GL_EINVAL;
	enum gl_status ret;
	if (dots == 0 && (ret = gl_store_round_dots_default(s, school_id, &dots, err)) != GL_OK)
		return ret;
	struct gl_str auto_name = GL_STR_INIT;
	if (!name || !*name) {
		int64_t count = 0;
		if ((ret = db_read_int(s, "SELECT count(*) FROM rounds WHERE school_id IS ?1",
			DB_ARGS(DB_ID(school_id)), &count, err)) != GL_OK)
			return ret;
		if (gl_str_printf(&auto_name, _("Round %lld"), (long long)count + 1) != GL_OK)
			return oom(err);
		name = gl_str_cstr(&auto_name);
	}
	char uuid[GL_UUID_LEN + 1];
	ret = gl_uuid_new(uuid);
	if (ret != GL_OK) {
		gl_str_finish(&auto_name);
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	}
	ret = db_write(s, &(struct db_write){ .sql = "INSERT INTO rounds (uuid, school_id, name, "
		"dots, stacking) VALUES (?1, ?2, ?3, ?4, ?5)",
		.args = DB_ARGS(DB_TEXT(uuid), DB_ID(school_id), DB_TEXT(name), DB_INT(dots),
			DB_INT(stacking ? 1 : 0)),
		.constraint_msg = _("the round's school does not exist"),
		.action = "create", .entity = "round", .uuid = uuid, .detail = name }, id, err);
	gl_str_finish(&auto_name);
	return ret;
}

enum gl_status gl_store_round_set_state(struct gl_store *s, int64_t id,
	enum gl_round_state state, struct gl_error *err)
{
	struct gl_round r;
	enum gl_status ret = gl_store_round_get(s, id, &r, err);
	if (ret != GL_OK)
		return ret;
	if (state == GL_ROUND_REVEALED && r.state != GL_ROUND_OPEN)
		ret = gl_error_set(err, GL_EINVAL, _("round %lld is %s already"), (long long)id,
			gl_round_state_words(r.state));
	else if (state == GL_ROUND_CLOSED && r.state == GL_ROUND_CLOSED)
		ret = gl_error_set(err, GL_EINVAL, _("round %lld is closed already"), (long long)id);
	else if (state == GL_ROUND_OPEN)
		ret = gl_error_set(err, GL_EINVAL, _("a round cannot be opened again"));
	if (ret == GL_OK) {
		char uuid[GL_UUID_LEN + 1];
		db_row_uuid(s, "rounds", id, uuid);
		ret = db_write(s, &(struct db_write){ .sql = "UPDATE rounds SET state = ?2 WHERE id = ?1",
			.args = DB_ARGS(DB_INT(id), DB_TEXT(gl_round_state_name(state))),
			.action = state == GL_ROUND_CLOSED ? "close" : "reveal", .entity = "round",
			.uuid = uuid, .detail = r.name }, NULL, err);
	}
	gl_round_finish(&r);
	return ret;
}

/* The round's school and budget for a write; refuses a closed round. */
static enum gl_status writable_round(struct gl_store *s, int64_t round_id, struct gl_round *r,
	struct gl_error *err)
{
	enum gl_status ret = gl_store_round_get(s, round_id, r, err);
	if (ret != GL_OK)
		return ret;
	if (r->state == GL_ROUND_CLOSED) {
		gl_round_finish(r);
		return gl_error_set(err, GL_EINVAL, _("round %lld is closed: its ballots, dots and "
			"scores can no longer change"), (long long)round_id);
	}
	return GL_OK;
}

/* A participant's name as stored and its case-folded key. */
static enum gl_status participant_key(const char *participant, struct gl_str *key,
	struct gl_error *err)
{
	if (!participant || db_name_key(participant, key) != GL_OK)
		return gl_error_set(err, GL_EINVAL, _("a participant needs a name"));
	return rules_name(participant, err);
}

/* Checks that the area is one of the round's level. */
static enum gl_status area_of_level(struct gl_store *s, int64_t area_id, int64_t school_id,
	struct gl_error *err)
{
	int64_t n = 0;
	enum gl_status ret = db_read_int(s, "SELECT count(*) FROM findings WHERE id = ?1 AND "
		"kind = 'area' AND school_id IS ?2", DB_ARGS(DB_INT(area_id), DB_ID(school_id)), &n, err);
	if (ret == GL_OK && n == 0)
		ret = gl_error_set(err, GL_ENOTFOUND, _("finding %lld is not a development area of the "
			"round's level"), (long long)area_id);
	return ret;
}

enum gl_status gl_store_ballot_set(struct gl_store *s, int64_t round_id, const char *participant,
	const int64_t *area_ids, const int *rank, size_t n, bool *replaced, struct gl_error *err)
{
	struct gl_round r;
	enum gl_status ret = writable_round(s, round_id, &r, err);
	if (ret != GL_OK)
		return ret;
	struct gl_str key = GL_STR_INIT;
	if ((ret = participant_key(participant, &key, err)) != GL_OK)
		goto out;
	for (size_t i = 0; i < n && ret == GL_OK; i++) {
		if (rank[i] < 0 || (size_t)rank[i] > n)
			ret = gl_error_set(err, GL_EINVAL, _("a place must be 1 to %zu"), n);
		else
			ret = area_of_level(s, area_ids[i], r.school_id, err);
	}
	if (ret != GL_OK)
		goto out;
	int64_t old = 0;
	ret = db_read_int(s, "SELECT id FROM ballots WHERE round_id = ?1 AND participant_key = ?2",
		DB_ARGS(DB_INT(round_id), DB_TEXT(gl_str_cstr(&key))), &old, err);
	if (ret == GL_ENOTFOUND)
		ret = GL_OK;
	if (ret != GL_OK)
		goto out;
	if (replaced)
		*replaced = old != 0;
	char uuid[GL_UUID_LEN + 1];
	if ((ret = gl_uuid_new(uuid)) != GL_OK) {
		ret = gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
		goto out;
	}
	/* The places are written before the ballot row (foreign keys deferred to the commit):
	 * undo applies the recorded tables in the order they were first changed, and deleting
	 * the ballot first would cascade to the places that undo then looks for. */
	struct db_tx tx;
	db_tx_begin(s, &tx, err);
	int64_t ballot = 0;
	db_tx_fail(&tx, db_read_int(s, "SELECT ifnull(max(id), 0) + 1 FROM ballots", NULL, &ballot,
		err));
	db_tx_write(&tx, &(struct db_write){ .sql = "PRAGMA defer_foreign_keys = ON" });
	if (old) {
		db_tx_write(&tx, &(struct db_write){ .sql = "DELETE FROM ballot_ranks WHERE ballot_id = ?1",
			.args = DB_ARGS(DB_INT(old)) });
		db_tx_write(&tx, &(struct db_write){ .sql = "DELETE FROM ballots WHERE id = ?1",
			.args = DB_ARGS(DB_INT(old)) });
	}
	for (size_t i = 0; i < n; i++)
		if (rank[i] > 0)
			db_tx_write(&tx, &(struct db_write){ .sql = "INSERT INTO ballot_ranks (ballot_id, "
				"finding_id, rank) VALUES (?1, ?2, ?3)",
				.args = DB_ARGS(DB_INT(ballot), DB_INT(area_ids[i]), DB_INT(rank[i])),
				.constraint_msg = _("an area is named twice on the ballot") });
	db_tx_write(&tx, &(struct db_write){ .sql = "INSERT INTO ballots (id, uuid, school_id, "
		"participant, round_id, participant_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		.args = DB_ARGS(DB_INT(ballot), DB_TEXT(uuid), DB_ID(r.school_id), DB_TEXT(participant),
			DB_INT(round_id), DB_TEXT(gl_str_cstr(&key))),
		.constraint = GL_EEXIST, .constraint_msg = _("the ballot could not be stored") });
	db_tx_audit(&tx, old ? "replace" : "create", "ballot", uuid, participant);
	ret = db_tx_end(&tx);
out:
	gl_str_finish(&key);
	gl_round_finish(&r);
	return ret;
}

enum gl_status gl_store_dots_set(struct gl_store *s, int64_t round_id, const char *participant,
	int64_t area_id, int dots, struct gl_error *err)
{
	struct gl_round r;
	enum gl_status ret = writable_round(s, round_id, &r, err);
	if (ret != GL_OK)
		return ret;
	struct gl_str key = GL_STR_INIT;
	if ((ret = participant_key(participant, &key, err)) != GL_OK ||
		(ret = area_of_level(s, area_id, r.school_id, err)) != GL_OK)
		goto out;
	if (dots < 0) {
		ret = gl_error_set(err, GL_EINVAL, _("dots cannot be negative"));
		goto out;
	}
	if (!r.stacking && dots > 1) {
		ret = gl_error_set(err, GL_EINVAL, _("this round does not allow stacking: at most one "
			"dot per area"));
		goto out;
	}
	int64_t spent = 0;
	if ((ret = db_read_int(s, "SELECT ifnull(sum(dots), 0) FROM dot_votes WHERE round_id = ?1 "
		"AND participant_key = ?2 AND finding_id <> ?3", DB_ARGS(DB_INT(round_id),
		DB_TEXT(gl_str_cstr(&key)), DB_INT(area_id)), &spent, err)) != GL_OK)
		goto out;
	if (spent + dots > r.dots) {
		ret = gl_error_set(err, GL_EINVAL, _("%s has %lld of %d dots left for other areas: "
			"%d is too many"), participant, (long long)(r.dots - spent), r.dots, dots);
		goto out;
	}
	char uuid[GL_UUID_LEN + 1];
	if ((ret = gl_uuid_new(uuid)) != GL_OK) {
		ret = gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
		goto out;
	}
	if (dots == 0)
		ret = db_write(s, &(struct db_write){ .sql = "DELETE FROM dot_votes WHERE round_id = ?1 "
			"AND participant_key = ?2 AND finding_id = ?3", .args = DB_ARGS(DB_INT(round_id),
			DB_TEXT(gl_str_cstr(&key)), DB_INT(area_id)), .action = "clear",
			.entity = "dots", .detail = participant }, NULL, err);
	else
		ret = db_write(s, &(struct db_write){ .sql = "INSERT INTO dot_votes (uuid, round_id, "
			"participant, participant_key, finding_id, dots) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
			"ON CONFLICT (round_id, participant_key, finding_id) DO UPDATE SET "
			"dots = excluded.dots, participant = excluded.participant",
			.args = DB_ARGS(DB_TEXT(uuid), DB_INT(round_id), DB_TEXT(participant),
				DB_TEXT(gl_str_cstr(&key)), DB_INT(area_id), DB_INT(dots)),
			.action = "set", .entity = "dots", .detail = participant }, NULL, err);
out:
	gl_str_finish(&key);
	gl_round_finish(&r);
	return ret;
}

enum gl_status gl_store_dots_spent(struct gl_store *s, int64_t round_id, const char *participant,
	int64_t *spent, struct gl_error *err)
{
	struct gl_str key = GL_STR_INIT;
	enum gl_status ret = participant_key(participant, &key, err);
	if (ret == GL_OK)
		ret = db_read_int(s, "SELECT ifnull(sum(dots), 0) FROM dot_votes WHERE round_id = ?1 "
			"AND participant_key = ?2", DB_ARGS(DB_INT(round_id), DB_TEXT(gl_str_cstr(&key))),
			spent, err);
	gl_str_finish(&key);
	return ret;
}

enum gl_status gl_store_score_set(struct gl_store *s, int64_t round_id, const char *participant,
	int64_t area_id, int impact, int effort, struct gl_error *err)
{
	if (impact < 1 || impact > 5 || effort < 1 || effort > 5)
		return gl_error_set(err, GL_EINVAL, _("impact and effort are scored 1 to 5 (got %d "
			"and %d)"), impact, effort);
	struct gl_round r;
	enum gl_status ret = writable_round(s, round_id, &r, err);
	if (ret != GL_OK)
		return ret;
	struct gl_str key = GL_STR_INIT;
	if ((ret = participant_key(participant, &key, err)) != GL_OK ||
		(ret = area_of_level(s, area_id, r.school_id, err)) != GL_OK)
		goto out;
	char uuid[GL_UUID_LEN + 1];
	if ((ret = gl_uuid_new(uuid)) != GL_OK) {
		ret = gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
		goto out;
	}
	ret = db_write(s, &(struct db_write){ .sql = "INSERT INTO impact_effort (uuid, round_id, "
		"participant, participant_key, finding_id, impact, effort) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
		"ON CONFLICT (round_id, participant_key, finding_id) DO UPDATE SET "
		"impact = excluded.impact, effort = excluded.effort, participant = excluded.participant",
		.args = DB_ARGS(DB_TEXT(uuid), DB_INT(round_id), DB_TEXT(participant),
			DB_TEXT(gl_str_cstr(&key)), DB_INT(area_id), DB_INT(impact), DB_INT(effort)),
		.action = "set", .entity = "score", .detail = participant }, NULL, err);
out:
	gl_str_finish(&key);
	gl_round_finish(&r);
	return ret;
}

static enum gl_status name_fill(sqlite3_stmt *st, void *elem, struct gl_error *err)
{
	char **name = elem;
	*name = dup_text(st, 0);
	return *name ? GL_OK : oom(err);
}

static void names_drop(void *array, size_t n)
{
	gl_names_free(array, n);
}

enum gl_status gl_store_round_participants(struct gl_store *s, int64_t round_id,
	char ***names, size_t *n, struct gl_error *err)
{
	void *array;
	enum gl_status ret = read_array(s, "SELECT participant FROM ballots WHERE round_id = ?1 "
		"ORDER BY id", DB_ARGS(DB_INT(round_id)), sizeof **names, name_fill, names_drop,
		&array, n, err);
	*names = array;
	return ret;
}

void gl_names_free(char **names, size_t n)
{
	for (size_t i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
}

/* ---- What the result needs, as plain arrays (called by gl_round_result_load) ---- */

static size_t area_index(const struct gl_area *areas, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (areas[i].id == id)
			return i;
	return n;
}

/* Row of a participant key in a list of keys kept in keys (grown as needed). */
static enum gl_status key_row(char ***keys, size_t *nkeys, const char *key, size_t *row)
{
	for (size_t i = 0; i < *nkeys; i++)
		if (!strcmp((*keys)[i], key))
			return *row = i, GL_OK;
	char **p = realloc(*keys, (*nkeys + 1) * sizeof *p);
	if (!p)
		return GL_ENOMEM;
	*keys = p;
	if (!(p[*nkeys] = gl_strdup(key)))
		return GL_ENOMEM;
	*row = (*nkeys)++;
	return GL_OK;
}

/* Reads (participant_key, finding_id, a, b) rows into per-participant matrices. */
static enum gl_status read_grid(struct gl_store *s, const char *sql, int64_t round_id,
	const struct gl_area *areas, size_t n, size_t *np, int **a, int **b, struct gl_error *err)
{
	*np = 0;
	*a = NULL;
	if (b)
		*b = NULL;
	char **keys = NULL;
	size_t nkeys = 0;
	sqlite3_stmt *st;
	enum gl_status ret = db_statement(s, sql, DB_ARGS(DB_INT(round_id)), false, &st, err);
	if (ret != GL_OK)
		return ret;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t c = area_index(areas, n, sqlite3_column_int64(st, 1));
		if (c == n)
			continue;
		size_t row;
		if (key_row(&keys, &nkeys, (const char *)sqlite3_column_text(st, 0), &row) != GL_OK) {
			ret = oom(err);
			break;
		}
		if (row >= *np) {
			int *pa = realloc(*a, (row + 1) * n * sizeof *pa);
			if (pa)
				*a = pa;
			int *pb = b ? realloc(*b, (row + 1) * n * sizeof *pb) : NULL;
			if (pb)
				*b = pb;
			if (!pa || (b && !pb)) {
				ret = oom(err);
				break;
			}
			memset(*a + *np * n, 0, (row + 1 - *np) * n * sizeof **a);
			if (b)
				memset(*b + *np * n, 0, (row + 1 - *np) * n * sizeof **b);
			*np = row + 1;
		}
		(*a)[row * n + c] = sqlite3_column_int(st, 2);
		if (b)
			(*b)[row * n + c] = sqlite3_column_int(st, 3);
	}
	if (ret == GL_OK && rc != SQLITE_DONE)
		ret = db_error(s, err, _("cannot read the project"));
	db_release(s, st);
	gl_names_free(keys, nkeys);
	return ret;
}

enum gl_status gl_store_round_matrices(struct gl_store *s, int64_t round_id, const struct gl_area *areas,
	size_t n, size_t m, int *rank, size_t *pd, int **dots, size_t *ps, int **impact,
	int **effort, struct gl_error *err)
{
	memset(rank, 0, m * n * sizeof *rank);
	sqlite3_stmt *st;
	enum gl_status ret = db_statement(s, "SELECT b.id, r.finding_id, r.rank FROM ballots b "
		"JOIN ballot_ranks r ON r.ballot_id = b.id WHERE b.round_id = ?1 ORDER BY b.id",
		DB_ARGS(DB_INT(round_id)), false, &st, err);
	if (ret != GL_OK)
		return ret;
	int64_t last = 0;
	size_t row = 0;
	bool first = true;
	int rc;
	/* ballots without any ranked area have no rows here: their row stays all unranked */
	sqlite3_stmt *ids;
	ret = db_statement(s, "SELECT id FROM ballots WHERE round_id = ?1 ORDER BY id",
		DB_ARGS(DB_INT(round_id)), false, &ids, err);
	if (ret != GL_OK) {
		db_release(s, st);
		return ret;
	}
	int64_t *ballot_ids = calloc(m ? m : 1, sizeof *ballot_ids);
	size_t nb = 0;
	while (ballot_ids && nb < m && sqlite3_step(ids) == SQLITE_ROW)
		ballot_ids[nb++] = sqlite3_column_int64(ids, 0);
	db_release(s, ids);
	if (!ballot_ids) {
		db_release(s, st);
		return oom(err);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t b = sqlite3_column_int64(st, 0);
		if (first || b != last) {
			first = false;
			last = b;
			for (row = 0; row < nb && ballot_ids[row] != b; row++)
				;
		}
		size_t c = area_index(areas, n, sqlite3_column_int64(st, 1));
		if (row < nb && c < n)
			rank[row * n + c] = sqlite3_column_int(st, 2);
	}
	if (rc != SQLITE_DONE)
		ret = db_error(s, err, _("cannot read the project"));
	db_release(s, st);
	free(ballot_ids);
	if (ret == GL_OK)
		ret = read_grid(s, "SELECT participant_key, finding_id, dots FROM dot_votes "
			"WHERE round_id = ?1 ORDER BY id", round_id, areas, n, pd, dots, NULL, err);
	if (ret == GL_OK)
		ret = read_grid(s, "SELECT participant_key, finding_id, impact, effort FROM impact_effort "
			"WHERE round_id = ?1 ORDER BY id", round_id, areas, n, ps, impact, effort, err);
	return ret;
}
