/* Workshop ranking of a level's development areas: rounds, ballots, dots, impact/effort scores
 * (the store), the order syntax "A > B = C", and the one result of a round that the pane, the
 * command line, the plan and the workbook all use (docs/ranking.md). */
#ifndef GENOMLYS_RANKING_H
#define GENOMLYS_RANKING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genomlys/rank.h"
#include "genomlys/status.h"
#include "genomlys/store.h"
#include "genomlys/str.h"

/* ---- The order syntax: "Area one > Area two = Area three > Area four" ----
 * '>' separates places, '=' ties an area with the one before it. A title may be put in double
 * quotes (needed when it holds '>', '=' or '"'; "" inside quotes is one quote). Blanks around
 * titles do not count. Areas the order does not name are unranked. */
struct gl_rank_order_item {
	char *title;     /* cleaned (gl_clean_name: NFC, trimmed) */
	int place;       /* 1-based competition position: "A > B = C > D" gives 1, 2, 2, 4 */
	long column;     /* 1-based column (in characters) where the title starts */
};

struct gl_rank_order {
	struct gl_rank_order_item *items;
	size_t n;
};

/* Parses text; on a malformed order GL_EFORMAT with a message that names the column
 * ("column 12: expected '>' or '=' after \"Studiero\""), out left empty. */
enum gl_status gl_rank_order_parse(const char *text, struct gl_rank_order *out,
	struct gl_error *err);
void gl_rank_order_finish(struct gl_rank_order *o);

struct gl_area;
/* Parses text and fills rank[n] (areas[i]'s place, 0 unranked) for a ballot over areas: an
 * unknown or ambiguous title is an error naming it and its column. */
enum gl_status gl_rank_order_ranks(const char *text, const struct gl_area *areas, size_t n,
	int *rank, struct gl_error *err);

/* ---- Rounds ---- */
enum gl_round_state { GL_ROUND_OPEN, GL_ROUND_REVEALED, GL_ROUND_CLOSED };
/* "open", "revealed", "closed" (not translated: for data); and the words to show, translated. */
const char *gl_round_state_name(enum gl_round_state st);
const char *gl_round_state_words(enum gl_round_state st);

struct gl_round {
	int64_t id;
	int64_t school_id;   /* 0: the municipality */
	char *name;          /* owned */
	enum gl_round_state state;
	int dots;            /* each participant's dot budget */
	bool stacking;       /* may a participant put more than one dot on an area */
	char created_at[32];
};
void gl_round_finish(struct gl_round *r);

/* Creates a round of the level: name NULL or "" gives "Round N" (N: the level's count of
 * rounds + 1); dots 0 takes the project setting GL_SETTING_DOT_BUDGET, else the default for
 * the level's number of areas (gl_rank_dot_budget_default). */
enum gl_status gl_store_round_create(struct gl_store *s, int64_t school_id, const char *name,
	int dots, bool stacking, int64_t *id, struct gl_error *err);
/* The dots per participant a new round of the level gets by default: the project setting
 * GL_SETTING_DOT_BUDGET, else gl_rank_dot_budget_default of the level's number of areas. */
enum gl_status gl_store_round_dots_default(struct gl_store *s, int64_t school_id, int *dots,
	struct gl_error *err);
enum gl_status gl_store_round_get(struct gl_store *s, int64_t id, struct gl_round *out,
	struct gl_error *err);
/* The level's newest round (open_only: newest open one); GL_ENOTFOUND with a message saying
 * there is none. */
enum gl_status gl_store_round_newest(struct gl_store *s, int64_t school_id, bool open_only,
	int64_t *id, struct gl_error *err);
/* The level's rounds, oldest first; *rounds is an array the caller frees with
 * gl_rounds_free. */
enum gl_status gl_store_rounds(struct gl_store *s, int64_t school_id, struct gl_round **rounds,
	size_t *n, struct gl_error *err);
void gl_rounds_free(struct gl_round *rounds, size_t n);
/* Reveals an open round or closes an open or revealed one; anything else is GL_EINVAL. */
enum gl_status gl_store_round_set_state(struct gl_store *s, int64_t id,
	enum gl_round_state state, struct gl_error *err);

/* ---- Areas of a level: findings of kind 'area', in Swedish order of their titles ---- */
struct gl_area {
	int64_t id;
	char *title;   /* owned */
};
enum gl_status gl_store_areas(struct gl_store *s, int64_t school_id, struct gl_area **areas,
	size_t *n, struct gl_error *err);
void gl_areas_free(struct gl_area *areas, size_t n);
/* Finds a level's area by title (case-insensitive, NFC): an unknown or ambiguous title is
 * GL_ENOTFOUND / GL_EINVAL with a message naming it. */
enum gl_status gl_area_find(const struct gl_area *areas, size_t n, const char *title,
	size_t *index, struct gl_error *err);

/* ---- Ballots, dots and scores of a round (refused in a closed round) ---- */
/* Sets the participant's ballot: rank[i] is area_ids[i]'s place (1 first, equal = tied, 0 =
 * unranked). Replaces the participant's earlier ballot of the round (*replaced). */
enum gl_status gl_store_ballot_set(struct gl_store *s, int64_t round_id, const char *participant,
	const int64_t *area_ids, const int *rank, size_t n, bool *replaced, struct gl_error *err);
/* Puts dots on an area (0 takes them off); over-spending the round's budget, or more than one
 * dot on an area when stacking is off, is GL_EINVAL with a message saying how many are left. */
enum gl_status gl_store_dots_set(struct gl_store *s, int64_t round_id, const char *participant,
	int64_t area_id, int dots, struct gl_error *err);
/* The dots the participant has put on the round's areas so far. */
enum gl_status gl_store_dots_spent(struct gl_store *s, int64_t round_id, const char *participant,
	int64_t *spent, struct gl_error *err);
/* Scores an area 1-5 on impact and on effort. */
enum gl_status gl_store_score_set(struct gl_store *s, int64_t round_id, const char *participant,
	int64_t area_id, int impact, int effort, struct gl_error *err);
/* The participants who have handed in a ballot, in the order they did. */
enum gl_status gl_store_round_participants(struct gl_store *s, int64_t round_id,
	char ***names, size_t *n, struct gl_error *err);
void gl_names_free(char **names, size_t n);

/* The round's data as rank.h's arrays: rank[m * n] (the caller's, m from
 * gl_store_round_participants; columns in the order of areas[]); *dots[*pd * n] and
 * *impact, *effort[*ps * n] allocated here (free them), one row per participant who gave any. */
enum gl_status gl_store_round_matrices(struct gl_store *s, int64_t round_id,
	const struct gl_area *areas, size_t n, size_t m, int *rank, size_t *pd, int **dots,
	size_t *ps, int **impact, int **effort, struct gl_error *err);

/* Imports a CSV of ballots (columns participant, order) into the round, all or nothing: a
 * malformed order, an unknown area, a participant listed twice or a closed round writes
 * nothing, and err names the file, line and column. *ballots counts the ballots stored,
 * *replaced those that replaced a participant's earlier ballot. */
enum gl_status gl_import_ballots(struct gl_store *s, int64_t round_id, const char *path,
	long *ballots, long *replaced, struct gl_error *err);

/* ---- The result of a round ---- */
enum gl_rank_method { GL_METHOD_BORDA, GL_METHOD_SCHULZE, GL_METHOD_KEMENY, GL_METHOD_ALL };
bool gl_rank_method_parse(const char *s, enum gl_rank_method *out);
const char *gl_rank_method_name(enum gl_rank_method m);  /* "borda" ... */

struct gl_round_result {
	struct gl_round round;
	char *level;            /* the school's name, or NULL for the municipality */
	size_t n;               /* areas (candidates) */
	struct gl_area *areas;
	size_t m;               /* ballots */
	char **participants;    /* m names, in the order the ballots came */
	int *rank;              /* m x n, as rank.h */
	double *borda;          /* n */
	size_t *borda_position, *borda_order;
	size_t *pairwise, *paths;  /* n x n */
	size_t *schulze_position, *schulze_order;
	struct gl_rank_kemeny kemeny;
	size_t *kemeny_position, *kemeny_order;   /* positions 0 when not computed */
	bool *differs;          /* n: the methods give the area different positions */
	size_t ndiffer;
	struct gl_rank_kendall_w w;
	int64_t *dots;          /* n: dot totals */
	size_t dot_participants;
	double *impact, *effort;  /* n: means, NaN where nobody scored */
	size_t *scored;         /* n: how many scored the area */
	size_t score_participants;
	/* the order of the method asked for (Schulze for GL_METHOD_ALL), and its positions */
	enum gl_rank_method method;
	const size_t *order, *position;
};

/* Gathers the round (areas of its level, ballots, dots, scores) and computes every method.
 * With n = 0 (no areas) the arrays are NULL. */
enum gl_status gl_round_result_load(struct gl_store *s, int64_t round_id,
	enum gl_rank_method method, struct gl_round_result *out, struct gl_error *err);
void gl_round_result_finish(struct gl_round_result *r);

/* Participant b's ballot in the order syntax ("A > B = C"; unranked areas left out), replacing
 * out's content: to show the ballots once a round is revealed. */
enum gl_status gl_round_ballot_text(const struct gl_round_result *r, size_t b,
	struct gl_str *out);

/* Closes a round and makes its Schulze order the order of the level's development areas in
 * the development plan (gl_store_finding_order_set), with each area's method, points and the
 * group's W beside it (gl_store_finding_rank_set): one transaction. */
enum gl_status gl_round_close(struct gl_store *s, int64_t round_id, struct gl_error *err);

/* The note a closed round leaves on each development area is stored without language
 * ("schulze=1;borda=12;w=0.531;ballots=6": figures, w absent when undefined) and put into
 * words when shown, in the interface's language ("Schulze 1 · Borda 12 points · W 0,53,
 * moderate agreement · 6 ballots"). gl_round_note_render replaces out's content; a note that
 * is not in the stored form (a project ranked before this form) is shown as it is. */
void gl_round_note_render(const char *stored, struct gl_str *out);

/* The accepted order of a level's areas for the development plan: from the level's newest
 * closed round, by the Schulze method. GL_ENOTFOUND (no message) when no round is closed. */
enum gl_status gl_round_result_accepted(struct gl_store *s, int64_t school_id,
	struct gl_round_result *out, struct gl_error *err);

#endif
