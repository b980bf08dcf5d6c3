/* Unit tests of the workshop ranking: the order syntax, rounds, ballots, dots and scores in the
 * store, the round's result over rank.h, and the migration of step-3 ballots into rounds. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>  /* only to build a fixture file the way an older genomlys would */

#include "genomlys/history.h"
#include "genomlys/ranking.h"
#include "genomlys/store.h"

/* ---- the order syntax ---- */

static void parse_ok(const char *text, const char *want)
{
	struct gl_rank_order o;
	struct gl_error err = { 0 };
	assert_int_equal(gl_rank_order_parse(text, &o, &err), GL_OK);
	char got[512] = "";
	for (size_t i = 0; i < o.n; i++) {
		char item[128];
		snprintf(item, sizeof item, "%s%d:%s@%ld", i ? "|" : "", o.items[i].place,
			o.items[i].title, o.items[i].column);
		strcat(got, item);
	}
	assert_string_equal(got, want);
	gl_rank_order_finish(&o);
}

static void parse_bad(const char *text, const char *want)
{
	struct gl_rank_order o;
	struct gl_error err = { 0 };
	assert_int_equal(gl_rank_order_parse(text, &o, &err), GL_EFORMAT);
	assert_string_equal(err.message, want);
	assert_int_equal(o.n, 0);
}

static void test_order_parse(void **state)
{
	(void)state;
	parse_ok("A > B = C > D", "1:A@1|2:B@5|2:C@9|4:D@13");
	parse_ok("  Studiero i undervisningen>Trygghet", "1:Studiero i undervisningen@3|2:Trygghet@29");
	parse_ok("Ämne å = Öde > \"x > y\"", "1:Ämne å@1|1:Öde@10|3:x > y@16");
	parse_ok("\"say \"\"hi\"\"\" = B", "1:say \"hi\"@1|1:B@16");
	parse_ok("Ensam", "1:Ensam@1");
	/* decomposed å (a + U+030A) is normalised to NFC */
	parse_ok("Tra\xcc\x8a", "1:Tr\xc3\xa5@1");
	parse_bad("", "the order is empty");
	parse_bad("   ", "the order is empty");
	parse_bad("A >> B", "column 4: expected an area's title");
	parse_bad("> A", "column 1: expected an area's title");
	parse_bad("A > B >", "column 8: expected an area's title");
	parse_bad("A = ", "column 5: expected an area's title");
	parse_bad("\"Studiero\" Trygghet", "column 12: expected '>' or '=' after \"Studiero\"");
	parse_bad("Studiero \"x\"", "column 10: expected '>' or '=' after \"Studiero\"");
	parse_bad("Å > \"open", "column 5: the quote opened here is not closed");
	parse_bad("A > B > a > A", "column 13: \"A\" is named twice (first at column 1)");
	parse_bad("\xff", "the order is not valid UTF-8");
}

static void test_order_ranks(void **state)
{
	(void)state;
	struct gl_area areas[] = { { 1, "Studiero" }, { 2, "Trygghet" }, { 3, "Elevhälsa" },
		{ 4, "studiero " } };
	int rank[4];
	struct gl_error err = { 0 };
	assert_int_equal(gl_rank_order_ranks("TRYGGHET > elevhälsa", areas, 3, rank, &err), GL_OK);
	assert_int_equal(rank[0], 0);
	assert_int_equal(rank[1], 1);
	assert_int_equal(rank[2], 2);
	assert_int_equal(gl_rank_order_ranks("Trygghet > Okänt", areas, 3, rank, &err),
		GL_ENOTFOUND);
	assert_string_equal(err.message, "column 12: no development area named 'Okänt' at this "
		"level");
	assert_int_equal(gl_rank_order_ranks("Studiero", areas, 4, rank, &err), GL_EINVAL);
	assert_string_equal(err.message, "column 1: the title 'Studiero' is ambiguous: 2 "
		"development areas of this level have it");
}

/* ---- the store ---- */

struct fixture {
	char dir[64];
	char path[128];
	struct gl_store *s;
	int64_t school;
	int64_t area[4];  /* the municipality's areas, in the store's (Swedish) order */
};

static const char *const titles[] = { "Behöriga lärare", "Elevhälsa", "Studiero", "Trygghet" };

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/gl-rank-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/p.db", f->dir);
	struct gl_error err = { 0 };
	if (gl_store_create(f->path, "p", &f->s, &err) != GL_OK)
		return -1;
	/* inserted out of order: the store lists them in Swedish order */
	for (int i = 3; i >= 0; i--) {
		struct gl_finding a = { .kind = "area", .title = titles[i] };
		if (gl_store_finding_insert(f->s, &a, &f->area[i], &err) != GL_OK)
			return -1;
	}
	if (gl_store_school_ensure(f->s, "Ekåsens skola", &f->school, NULL, &err) != GL_OK)
		return -1;
	struct gl_finding a = { .kind = "area", .title = "Studiero", .school_id = f->school };
	struct gl_finding strength = { .kind = "strength", .title = "Engagerade lärare" };
	if (gl_store_finding_insert(f->s, &a, NULL, &err) != GL_OK ||
		gl_store_finding_insert(f->s, &strength, NULL, &err) != GL_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	gl_store_close(f->s);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void test_areas_and_rounds(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	struct gl_area *areas;
	size_t n;
	assert_int_equal(gl_store_areas(f->s, 0, &areas, &n, &err), GL_OK);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(areas[i].title, titles[i]);
		assert_int_equal(areas[i].id, f->area[i]);
	}
	gl_areas_free(areas, n);
	assert_int_equal(gl_store_areas(f->s, f->school, &areas, &n, &err), GL_OK);
	assert_int_equal(n, 1);
	gl_areas_free(areas, n);

	int64_t id = 0, id2 = 0, newest = 0;
	assert_int_equal(gl_store_round_newest(f->s, 0, false, &newest, &err), GL_ENOTFOUND);
	/* 4 areas: the default budget is one dot */
	assert_int_equal(gl_store_round_create(f->s, 0, NULL, 0, true, &id, &err), GL_OK);
	struct gl_round r;
	assert_int_equal(gl_store_round_get(f->s, id, &r, &err), GL_OK);
	assert_string_equal(r.name, "Round 1");
	assert_int_equal(r.dots, 1);
	assert_true(r.stacking);
	assert_int_equal(r.state, GL_ROUND_OPEN);
	assert_int_equal(r.school_id, 0);
	gl_round_finish(&r);
	/* the project setting wins over the default */
	assert_int_equal(gl_store_setting_set_int(f->s, GL_SETTING_DOT_BUDGET, 3, &err), GL_OK);
	assert_int_equal(gl_store_round_create(f->s, 0, "Efter diskussionen", 0, false, &id2, &err),
		GL_OK);
	assert_int_equal(gl_store_round_get(f->s, id2, &r, &err), GL_OK);
	assert_string_equal(r.name, "Efter diskussionen");
	assert_int_equal(r.dots, 3);
	assert_false(r.stacking);
	gl_round_finish(&r);
	assert_int_equal(gl_store_round_newest(f->s, 0, true, &newest, &err), GL_OK);
	assert_int_equal(newest, id2);
	assert_int_equal(gl_store_round_newest(f->s, f->school, false, &newest, &err), GL_ENOTFOUND);

	/* reveal, close; a closed round cannot be revealed or closed again */
	assert_int_equal(gl_store_round_set_state(f->s, id2, GL_ROUND_REVEALED, &err), GL_OK);
	assert_int_equal(gl_store_round_set_state(f->s, id2, GL_ROUND_REVEALED, &err), GL_EINVAL);
	assert_int_equal(gl_store_round_set_state(f->s, id2, GL_ROUND_CLOSED, &err), GL_OK);
	assert_int_equal(gl_store_round_set_state(f->s, id2, GL_ROUND_CLOSED, &err), GL_EINVAL);
	assert_int_equal(gl_store_round_newest(f->s, 0, true, &newest, &err), GL_OK);
	assert_int_equal(newest, id);
	struct gl_round *rounds;
	assert_int_equal(gl_store_rounds(f->s, 0, &rounds, &n, &err), GL_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rounds[1].state, GL_ROUND_CLOSED);
	gl_rounds_free(rounds, n);
}

static void test_ballots_dots_scores(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	int64_t round = 0;
	assert_int_equal(gl_store_round_create(f->s, 0, NULL, 2, false, &round, &err), GL_OK);
	int rank[4] = { 0, 2, 1, 2 };
	bool replaced = true;
	assert_int_equal(gl_store_ballot_set(f->s, round, "Anna", f->area, rank, 4, &replaced, &err),
		GL_OK);
	assert_false(replaced);
	int again[4] = { 1, 0, 0, 0 };
	assert_int_equal(gl_store_ballot_set(f->s, round, " anna", f->area, again, 4, &replaced,
		&err), GL_OK);
	assert_true(replaced);
	char **names;
	size_t n;
	assert_int_equal(gl_store_round_participants(f->s, round, &names, &n, &err), GL_OK);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], " anna");
	gl_names_free(names, n);
	/* a place beyond the areas, an area of another level */
	int bad[4] = { 5, 0, 0, 0 };
	assert_int_equal(gl_store_ballot_set(f->s, round, "Bosse", f->area, bad, 4, NULL, &err),
		GL_EINVAL);
	int64_t other[1];
	struct gl_finding a = { .kind = "area", .title = "Skolans egen", .school_id = f->school };
	assert_int_equal(gl_store_finding_insert(f->s, &a, &other[0], &err), GL_OK);
	int one[1] = { 1 };
	assert_int_equal(gl_store_ballot_set(f->s, round, "Bosse", other, one, 1, NULL, &err),
		GL_ENOTFOUND);

	/* dots: no stacking in this round, a budget of 2 */
	assert_int_equal(gl_store_dots_set(f->s, round, "Anna", f->area[0], 2, &err), GL_EINVAL);
	assert_non_null(strstr(err.message, "stacking"));
	assert_int_equal(gl_store_dots_set(f->s, round, "Anna", f->area[0], 1, &err), GL_OK);
	assert_int_equal(gl_store_dots_set(f->s, round, "Anna", f->area[1], 1, &err), GL_OK);
	assert_int_equal(gl_store_dots_set(f->s, round, "ANNA", f->area[2], 1, &err), GL_EINVAL);
	assert_string_equal(err.message, "ANNA has 0 of 2 dots left for other areas: 1 is too many");
	assert_int_equal(gl_store_dots_set(f->s, round, "Anna", f->area[1], 0, &err), GL_OK);
	assert_int_equal(gl_store_dots_set(f->s, round, "Anna", f->area[2], 1, &err), GL_OK);
	assert_int_equal(gl_store_dots_set(f->s, round, "Anna", f->area[0], -1, &err), GL_EINVAL);

	/* scores 1-5 */
	assert_int_equal(gl_store_score_set(f->s, round, "Anna", f->area[0], 0, 3, &err), GL_EINVAL);
	assert_int_equal(gl_store_score_set(f->s, round, "Anna", f->area[0], 5, 6, &err), GL_EINVAL);
	assert_int_equal(gl_store_score_set(f->s, round, "Anna", f->area[0], 5, 1, &err), GL_OK);
	assert_int_equal(gl_store_score_set(f->s, round, "Anna", f->area[0], 4, 2, &err), GL_OK);
	assert_int_equal(gl_store_score_set(f->s, round, "Bosse", f->area[0], 2, 2, &err), GL_OK);

	struct gl_round_result r;
	assert_int_equal(gl_round_result_load(f->s, round, GL_METHOD_ALL, &r, &err), GL_OK);
	assert_int_equal(r.n, 4);
	assert_int_equal(r.m, 1);
	assert_int_equal(r.dots[0], 1);
	assert_int_equal(r.dots[1], 0);
	assert_int_equal(r.dots[2], 1);
	assert_int_equal(r.dot_participants, 1);
	assert_true(r.impact[0] == 3.0 && r.effort[0] == 2.0);
	assert_int_equal(r.scored[0], 2);
	assert_true(isnan(r.impact[1]));
	gl_round_result_finish(&r);

	/* a closed round is read-only */
	assert_int_equal(gl_store_round_set_state(f->s, round, GL_ROUND_CLOSED, &err), GL_OK);
	assert_int_equal(gl_store_ballot_set(f->s, round, "Anna", f->area, rank, 4, NULL, &err),
		GL_EINVAL);
	assert_non_null(strstr(err.message, "closed"));
	assert_int_equal(gl_store_dots_set(f->s, round, "Anna", f->area[2], 0, &err), GL_EINVAL);
	assert_int_equal(gl_store_score_set(f->s, round, "Anna", f->area[0], 1, 1, &err), GL_EINVAL);
}

/* The Tennessee capital example through the store: 42 M>N>C>K, 26 N>C>K>M, 15 C>K>N>M,
 * 17 K>C>N>M; areas stand for Memphis, Nashville, Chattanooga, Knoxville. */
static void test_tennessee_round(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	/* titles[] order: B=Memphis, E=Nashville, S=Chattanooga, T=Knoxville */
	static const struct { int count; int rank[4]; } pattern[] = {
		{ 42, { 1, 2, 3, 4 } }, { 26, { 4, 1, 2, 3 } }, { 15, { 4, 3, 1, 2 } },
		{ 17, { 4, 3, 2, 1 } } };
	int64_t round = 0;
	assert_int_equal(gl_store_round_create(f->s, 0, "Tennessee", 0, true, &round, &err), GL_OK);
	assert_int_equal(gl_store_begin(f->s, &err), GL_OK);
	int voter = 0;
	for (size_t p = 0; p < 4; p++)
		for (int k = 0; k < pattern[p].count; k++) {
			char name[32];
			snprintf(name, sizeof name, "Deltagare %d", ++voter);
			assert_int_equal(gl_store_ballot_set(f->s, round, name, f->area, pattern[p].rank, 4,
				NULL, &err), GL_OK);
		}
	assert_int_equal(gl_store_commit(f->s, &err), GL_OK);
	struct gl_round_result r;
	assert_int_equal(gl_round_result_load(f->s, round, GL_METHOD_BORDA, &r, &err), GL_OK);
	assert_int_equal(r.m, 100);
	assert_true(r.borda[0] == 126 && r.borda[1] == 194 && r.borda[2] == 173 &&
		r.borda[3] == 107);
	assert_int_equal(r.order[0], 1);
	assert_int_equal(r.order[3], 3);
	/* Schulze and Kemeny: N > C > K > M */
	size_t want[4] = { 1, 2, 3, 0 };
	for (int k = 0; k < 4; k++) {
		assert_int_equal(r.schulze_order[k], want[k]);
		assert_int_equal(r.kemeny_order[k], want[k]);
	}
	assert_true(r.kemeny.computed);
	/* Borda puts M (126) above K (107): the methods disagree on M and K */
	assert_int_equal(r.ndiffer, 2);
	assert_true(r.differs[0] && r.differs[3] && !r.differs[1] && !r.differs[2]);
	assert_int_equal(r.pairwise[1 * 4 + 0], 58);
	assert_true(r.w.defined);
	gl_round_result_finish(&r);
	/* not closed: no accepted order yet; closed: the plan's order is Schulze's */
	assert_int_equal(gl_round_result_accepted(f->s, 0, &r, &err), GL_ENOTFOUND);
	assert_int_equal(gl_store_round_set_state(f->s, round, GL_ROUND_CLOSED, &err), GL_OK);
	assert_int_equal(gl_round_result_accepted(f->s, 0, &r, &err), GL_OK);
	assert_int_equal(r.method, GL_METHOD_SCHULZE);
	assert_int_equal(r.order[0], 1);
	assert_int_equal(r.position[0], 4);
	gl_round_result_finish(&r);
}

static size_t ballots_in(struct gl_store *s, int64_t round, int first_area_rank[1],
	int64_t area)
{
	struct gl_round_result r;
	struct gl_error err = { 0 };
	assert_int_equal(gl_round_result_load(s, round, GL_METHOD_ALL, &r, &err), GL_OK);
	size_t m = r.m;
	first_area_rank[0] = 0;
	for (size_t c = 0; m && c < r.n; c++)
		if (r.areas[c].id == area)
			first_area_rank[0] = r.rank[c];
	gl_round_result_finish(&r);
	return m;
}

/* A ballot, and a ballot replaced, are one undo step each; undo and redo restore them. */
static void test_ballot_undo(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	struct gl_history *h;
	assert_int_equal(gl_history_create(f->s, &h, &err), GL_OK);
	int64_t round = 0;
	assert_int_equal(gl_store_round_create(f->s, 0, NULL, 0, true, &round, &err), GL_OK);
	int first[4] = { 1, 2, 3, 4 }, second[4] = { 4, 3, 2, 1 }, got[1];
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	assert_int_equal(gl_history_end(h, "ballot", gl_store_ballot_set(f->s, round, "Anna",
		f->area, first, 4, NULL, &err), &err), GL_OK);
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	assert_int_equal(gl_history_end(h, "ballot again", gl_store_ballot_set(f->s, round, "Anna",
		f->area, second, 4, NULL, &err), &err), GL_OK);
	assert_int_equal(ballots_in(f->s, round, got, f->area[0]), 1);
	assert_int_equal(got[0], 4);
	assert_int_equal(gl_history_undo(h, &err), GL_OK);
	assert_int_equal(ballots_in(f->s, round, got, f->area[0]), 1);
	assert_int_equal(got[0], 1);
	assert_int_equal(gl_history_undo(h, &err), GL_OK);
	assert_int_equal(ballots_in(f->s, round, got, f->area[0]), 0);
	assert_int_equal(gl_history_redo(h, &err), GL_OK);
	assert_int_equal(gl_history_redo(h, &err), GL_OK);
	assert_int_equal(ballots_in(f->s, round, got, f->area[0]), 1);
	assert_int_equal(got[0], 4);
	/* dots and scores too */
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	assert_int_equal(gl_history_end(h, "dots", gl_store_dots_set(f->s, round, "Anna",
		f->area[0], 1, &err), &err), GL_OK);
	assert_int_equal(gl_history_undo(h, &err), GL_OK);
	gl_history_destroy(h);
	struct gl_str problems = GL_STR_INIT;
	assert_int_equal(gl_store_check(f->s, &problems, &err), GL_OK);
	gl_str_finish(&problems);
}

/* A ballot as the order syntax shows it, and back through the parser to the same places. */
static void test_ballot_text(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	int64_t round = 0;
	assert_int_equal(gl_store_round_create(f->s, 0, NULL, 0, true, &round, &err), GL_OK);
	int rank[4] = { 0, 2, 1, 2 };
	assert_int_equal(gl_store_ballot_set(f->s, round, "Anna", f->area, rank, 4, NULL, &err),
		GL_OK);
	struct gl_round_result r;
	assert_int_equal(gl_round_result_load(f->s, round, GL_METHOD_ALL, &r, &err), GL_OK);
	struct gl_str text = GL_STR_INIT;
	assert_int_equal(gl_round_ballot_text(&r, 0, &text), GL_OK);
	assert_string_equal(gl_str_cstr(&text), "Studiero > Elevhälsa = Trygghet");
	int back[4];
	assert_int_equal(gl_rank_order_ranks(gl_str_cstr(&text), r.areas, r.n, back, &err), GL_OK);
	assert_memory_equal(back, rank, sizeof rank);
	assert_int_equal(gl_round_ballot_text(&r, 1, &text), GL_EINVAL);
	gl_str_finish(&text);
	gl_round_result_finish(&r);
}

/* A closed round's note is stored as figures and put into words when shown; a note in another
 * form (a project ranked before it) is shown as it is. */
static void test_round_note(void **state)
{
	(void)state;
	struct gl_str out = GL_STR_INIT;
	gl_round_note_render("schulze=2;borda=18.5;w=0.7037;ballots=6", &out);
	assert_string_equal(gl_str_cstr(&out),
		"Schulze 2 · Borda 18.5 points · W 0.70, strong agreement · 6 ballots");
	gl_round_note_render("schulze=1;borda=3;ballots=1", &out);
	assert_string_equal(gl_str_cstr(&out), "Schulze 1 · Borda 3 points · 1 ballot");
	const char *const verbatim[] = { "Schulze 1 · Borda 21 points", "schulze=x;borda=1;ballots=2",
		"schulze=1;borda=1", "schulze=1;borda=1;ballots=2;name=Anna", "" };
	for (size_t i = 0; i < sizeof verbatim / sizeof verbatim[0]; i++) {
		gl_round_note_render(verbatim[i], &out);
		assert_string_equal(gl_str_cstr(&out), verbatim[i]);
	}
	gl_round_note_render(NULL, &out);
	assert_string_equal(gl_str_cstr(&out), "");
	gl_str_finish(&out);
}

/* Deleting an area after the ballots leaves gaps in the stored places: the result closes them. */
static void test_area_deleted(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	int64_t round = 0;
	assert_int_equal(gl_store_round_create(f->s, 0, NULL, 0, true, &round, &err), GL_OK);
	int rank[4] = { 1, 2, 3, 4 };
	assert_int_equal(gl_store_ballot_set(f->s, round, "Anna", f->area, rank, 4, NULL, &err),
		GL_OK);
	assert_int_equal(gl_store_finding_delete(f->s, f->area[1], &err), GL_OK);
	struct gl_round_result r;
	assert_int_equal(gl_round_result_load(f->s, round, GL_METHOD_ALL, &r, &err), GL_OK);
	assert_int_equal(r.n, 3);
	assert_true(r.borda[0] == 2 && r.borda[1] == 1 && r.borda[2] == 0);
	gl_round_result_finish(&r);
}

/* A version-5 project with step-3 ballots, dots and scores: step 9 puts them into one open
 * round per level, keeping the newest ballot of a participant. */
static void test_migrate_legacy_ballots(void **state)
{
	struct fixture *f = *state;
	gl_store_close(f->s);
	f->s = NULL;
	unlink(f->path);
	FILE *fp = fopen(GL_FIXTURES "/schema/v5.sql", "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	long len = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	char *sql = malloc((size_t)len + 1);
	assert_int_equal(fread(sql, 1, (size_t)len, fp), (size_t)len);
	sql[len] = '\0';
	fclose(fp);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s", msg);
	free(sql);
	const char *legacy =
		"PRAGMA application_id=1196185939; PRAGMA user_version=5;"
		"INSERT INTO findings (id, uuid, kind, title) VALUES"
		"  (901, 'u901', 'area', 'Studiero'), (902, 'u902', 'area', 'Trygghet');"
		"INSERT INTO ballots (id, uuid, participant) VALUES (1, 'b1', 'Anna'), (2, 'b2', 'Bosse'),"
		"  (3, 'b3', 'anna');"
		"INSERT INTO ballot_ranks VALUES (1, 901, 1), (1, 902, 2), (2, 902, 1), (3, 902, 1),"
		"  (3, 901, 2);"
		"INSERT INTO dot_votes (uuid, participant, finding_id, dots) VALUES ('d1', 'Anna', 901, 3);"
		"INSERT INTO impact_effort (uuid, participant, finding_id, impact, effort) VALUES"
		"  ('i1', 'Anna', 902, 4, 2);";
	if (sqlite3_exec(db, legacy, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s", msg);
	sqlite3_close(db);
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	int64_t round = 0;
	assert_int_equal(gl_store_round_newest(f->s, 0, true, &round, &err), GL_OK);
	struct gl_round_result r;
	assert_int_equal(gl_round_result_load(f->s, round, GL_METHOD_ALL, &r, &err), GL_OK);
	assert_string_equal(r.round.name, "Round 1");
	assert_int_equal(r.round.dots, 3);  /* what Anna spent, above the default */
	assert_int_equal(r.m, 2);           /* anna's newer ballot replaced Anna's */
	size_t s = 0, t = 0;
	assert_int_equal(gl_area_find(r.areas, r.n, "Studiero", &s, &err), GL_OK);
	assert_int_equal(gl_area_find(r.areas, r.n, "Trygghet", &t, &err), GL_OK);
	assert_int_equal(r.schulze_order[0], t);
	assert_int_equal(r.dots[s], 3);
	assert_true(r.impact[t] == 4.0);
	gl_round_result_finish(&r);
	struct gl_str problems = GL_STR_INIT;
	assert_int_equal(gl_store_check(f->s, &problems, &err), GL_OK);
	gl_str_finish(&problems);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_parse),
		cmocka_unit_test(test_order_ranks),
		cmocka_unit_test_setup_teardown(test_areas_and_rounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ballots_dots_scores, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tennessee_round, setup, teardown),
		cmocka_unit_test_setup_teardown(test_area_deleted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ballot_undo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ballot_text, setup, teardown),
		cmocka_unit_test(test_round_note),
		cmocka_unit_test_setup_teardown(test_migrate_legacy_ballots, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
