/* Unit tests of findings: order within a column, titles, evidence links and their cascades,
 * the plan query (plan.h) and the pseudonyms of letters' authors, undo of finding actions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "genomlys/history.h"
#include "genomlys/plan.h"
#include "genomlys/ranking.h"
#include "genomlys/store.h"

struct proj {
	char dir[64], path[128];
	struct gl_store *s;
	int64_t ekas, norr, elever, larare, coder, code, survey_ekas, survey_norr;
	int64_t letters[4];  /* Ekåsens skola: students Alva, Alva, anonymous; teacher Bo */
	int64_t codings[3];
};

static int64_t letter(struct gl_store *s, int64_t school, int64_t group, const char *author,
	const char *text)
{
	struct gl_document d = { 0 };
	d.kind = "letter";
	d.school_id = school;
	d.group_id = group;
	d.author = author;
	d.title = "Brev om skolan";
	d.text = text;
	d.text_len = strlen(text);
	int64_t id = 0;
	bool dup = false;
	struct gl_error err = { 0 };
	if (gl_store_document_insert(s, &d, &id, &dup, &err) != GL_OK)
		fail_msg("%s", err.message);
	return id;
}

static int setup(void **state)
{
	struct proj *p = calloc(1, sizeof *p);
	snprintf(p->dir, sizeof p->dir, "/tmp/gl-findings-XXXXXX");
	if (!mkdtemp(p->dir))
		return -1;
	snprintf(p->path, sizeof p->path, "%s/p.db", p->dir);
	struct gl_error err = { 0 };
	if (gl_store_create(p->path, "Test", &p->s, &err) != GL_OK)
		return -1;
	gl_store_school_ensure(p->s, "Ekåsens skola", &p->ekas, NULL, &err);
	gl_store_school_ensure(p->s, "Norrbyskolan", &p->norr, NULL, &err);
	gl_store_group_find(p->s, "elever", &p->elever, &err);
	gl_store_group_find(p->s, "lärare", &p->larare, &err);
	gl_store_coder_ensure(p->s, "Åsa", &p->coder, NULL, &err);
	gl_store_code_insert(p->s, &(struct gl_code){ .name = "Studiero" }, &p->code, &err);
	p->letters[0] = letter(p->s, p->ekas, p->elever, "Alva", "Det är stökigt på lektionerna.");
	p->letters[1] = letter(p->s, p->ekas, p->elever, "Alva ", "Jag vill ha lugn och ro.");
	p->letters[2] = letter(p->s, p->ekas, p->elever, NULL, "Maten är god i år.");
	p->letters[3] = letter(p->s, p->ekas, p->larare, "Bo", "Vi behöver fler vuxna på rasten.");
	struct gl_coding k = { p->letters[0], p->code, p->coder, 7, 14, NULL, NULL };
	if (gl_store_coding_insert(p->s, &k, &p->codings[0], &err) != GL_OK)
		return -1;
	k = (struct gl_coding){ p->letters[1], p->code, p->coder, 15, 23, NULL, NULL };
	gl_store_coding_insert(p->s, &k, &p->codings[1], &err);
	k = (struct gl_coding){ p->letters[3], p->code, p->coder, 0, 21, NULL, NULL };
	gl_store_coding_insert(p->s, &k, &p->codings[2], &err);
	struct gl_survey_result r = { p->ekas, "Skolenkäten", 2025, p->elever, "Studiero", 5.5, 100 };
	gl_store_survey_upsert(p->s, &r, &p->survey_ekas, NULL, &err);
	r.school_id = p->norr;
	r.value = 7.5;
	gl_store_survey_upsert(p->s, &r, &p->survey_norr, NULL, &err);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	struct proj *p = *state;
	gl_store_close(p->s);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", p->dir);
	if (system(cmd) != 0)
		return -1;
	free(p);
	return 0;
}

static int64_t add(struct proj *p, int64_t school, const char *kind, const char *title)
{
	int64_t id = 0;
	struct gl_error err = { 0 };
	if (gl_store_finding_insert(p->s, &(struct gl_finding){ school, kind, title, NULL, p->coder },
		&id, &err) != GL_OK)
		fail_msg("%s", err.message);
	return id;
}

/* The titles of a column of the plan, joined by "|". */
static void column(struct proj *p, int64_t school, int kind, char *out, size_t n)
{
	struct gl_plan plan;
	struct gl_error err = { 0 };
	assert_int_equal(gl_plan_read(p->s, school, &plan, &err), GL_OK);
	out[0] = '\0';
	for (size_t i = 0; i < plan.n[kind]; i++) {
		assert_int_equal(plan.findings[kind][i].position, (int64_t)i + 1);
		snprintf(out + strlen(out), n - strlen(out), "%s%s", i ? "|" : "",
			plan.findings[kind][i].title);
	}
	gl_plan_finish(&plan);
}

static void test_order_and_titles(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	char buf[256];
	int64_t a = add(p, p->ekas, "area", "Studiero");
	int64_t b = add(p, p->ekas, "area", "Vikarier");
	int64_t c = add(p, p->ekas, "area", "Återkoppling");
	int64_t s1 = add(p, p->ekas, "strength", "Studiero");  /* the same title elsewhere is fine */
	add(p, 0, "area", "Studiero");            /* and at another level */
	/* the same title, any case and spaces, in the same column is refused */
	int64_t id = 0;
	assert_int_equal(gl_store_finding_insert(p->s, &(struct gl_finding){ p->ekas, "area",
		" STUDIERO ", NULL, 0 }, &id, &err), GL_EEXIST);
	assert_int_equal(gl_store_finding_insert(p->s, &(struct gl_finding){ 999, "area", "X", NULL,
		0 }, &id, &err), GL_ENOTFOUND);
	column(p, p->ekas, 1, buf, sizeof buf);
	assert_string_equal(buf, "Studiero|Vikarier|Återkoppling");
	assert_int_equal(gl_store_finding_move(p->s, c, a, false, &err), GL_OK);
	column(p, p->ekas, 1, buf, sizeof buf);
	assert_string_equal(buf, "Återkoppling|Studiero|Vikarier");
	assert_int_equal(gl_store_finding_move(p->s, c, b, true, &err), GL_OK);
	column(p, p->ekas, 1, buf, sizeof buf);
	assert_string_equal(buf, "Studiero|Vikarier|Återkoppling");
	/* the ranking sets the order; the findings it does not name follow */
	int64_t ranked[] = { c, a };
	assert_int_equal(gl_store_finding_order_set(p->s, p->ekas, "area", ranked, 2, &err), GL_OK);
	column(p, p->ekas, 1, buf, sizeof buf);
	assert_string_equal(buf, "Återkoppling|Studiero|Vikarier");
	int64_t foreign[] = { a, a };
	assert_int_equal(gl_store_finding_order_set(p->s, p->ekas, "area", foreign, 2, &err),
		GL_EINVAL);
	assert_int_equal(gl_store_finding_rank_set(p->s, c, true, 0.75, "Schulze 1", &err), GL_OK);
	struct gl_plan plan;
	assert_int_equal(gl_plan_read(p->s, p->ekas, &plan, &err), GL_OK);
	assert_true(plan.findings[1][0].ranked);
	assert_string_equal(plan.findings[1][0].rank_note, "Schulze 1");
	assert_false(plan.findings[1][1].ranked);
	gl_plan_finish(&plan);
	/* another kind: to the end of that column; the old one closes up */
	assert_int_equal(gl_store_finding_update(p->s, a, &(struct gl_finding_edit){ .kind =
		"challenge" }, &err), GL_OK);
	column(p, p->ekas, 1, buf, sizeof buf);
	assert_string_equal(buf, "Återkoppling|Vikarier");
	/* renaming onto a title of the column is refused; nothing changes */
	assert_int_equal(gl_store_finding_update(p->s, b, &(struct gl_finding_edit){ .title =
		"återkoppling", .description = "ny" }, &err), GL_EEXIST);
	column(p, p->ekas, 1, buf, sizeof buf);
	assert_string_equal(buf, "Återkoppling|Vikarier");
	/* to another level; a move across columns is refused */
	assert_int_equal(gl_store_finding_update(p->s, b, &(struct gl_finding_edit){ .move_level =
		true, .school_id = p->norr }, &err), GL_OK);
	column(p, p->norr, 1, buf, sizeof buf);
	assert_string_equal(buf, "Vikarier");
	assert_int_equal(gl_store_finding_move(p->s, b, c, false, &err), GL_EINVAL);
	assert_int_equal(gl_store_finding_delete(p->s, c, &err), GL_OK);
	column(p, p->ekas, 1, buf, sizeof buf);
	assert_string_equal(buf, "");
	/* deleting the first of a column closes it up: the others are 1, 2 ... again */
	add(p, p->ekas, "strength", "Andra");
	add(p, p->ekas, "strength", "Tredje");
	assert_int_equal(gl_store_finding_delete(p->s, s1, &err), GL_OK);
	column(p, p->ekas, 0, buf, sizeof buf);
	assert_string_equal(buf, "Andra|Tredje");
	assert_int_equal(gl_store_finding_find(p->s, 0, NULL, "studiero", &id, &err), GL_OK);
	assert_int_equal(gl_store_finding_find(p->s, 0, "strength", "studiero", &id, &err),
		GL_ENOTFOUND);
}

static void test_evidence_and_cascades(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	int64_t f = add(p, p->ekas, "area", "Studiero");
	int64_t m = add(p, 0, "area", "Studiero i kommunen");
	assert_int_equal(gl_store_finding_link_coding(p->s, f, p->codings[0], &err), GL_OK);
	assert_int_equal(gl_store_finding_link_coding(p->s, f, p->codings[0], &err), GL_EEXIST);
	assert_non_null(strstr(err.message, "already"));
	assert_int_equal(gl_store_finding_link_coding(p->s, f, 999, &err), GL_ENOTFOUND);
	assert_int_equal(gl_store_finding_link_coding(p->s, 999, p->codings[0], &err), GL_ENOTFOUND);
	assert_int_equal(gl_store_finding_link_coding(p->s, f, p->codings[2], &err), GL_OK);
	assert_int_equal(gl_store_finding_link_survey(p->s, f, p->survey_ekas, &err), GL_OK);
	assert_int_equal(gl_store_finding_link_survey(p->s, f, p->survey_ekas, &err), GL_EEXIST);
	assert_int_equal(gl_store_finding_link_finding(p->s, m, f, &err), GL_OK);
	assert_int_equal(gl_store_finding_link_finding(p->s, f, m, &err), GL_EINVAL);
	assert_int_equal(gl_store_finding_memo_set(p->s, f, p->coder, "Följ upp i vår", &err), GL_OK);
	int64_t n[GL_EVIDENCE_TYPES];
	assert_int_equal(gl_store_finding_evidence_count(p->s, f, n, &err), GL_OK);
	assert_int_equal(n[0], 2);
	assert_int_equal(n[1], 1);
	assert_int_equal(n[2], 0);

	struct gl_plan plan;
	assert_int_equal(gl_plan_read(p->s, p->ekas, &plan, &err), GL_OK);
	assert_string_equal(plan.school, "Ekåsens skola");
	const struct gl_plan_finding *pf = &plan.findings[1][0];
	assert_string_equal(pf->author, "Åsa");
	assert_string_equal(pf->memo, "Följ upp i vår");
	assert_int_equal(pf->nevidence, 3);
	/* codings in school, then the groups' order: teachers before students */
	assert_int_equal(pf->evidence[0].type, GL_EVIDENCE_CODING);
	assert_string_equal(pf->evidence[0].quote, "Vi behöver fler vuxna");
	assert_string_equal(pf->evidence[0].author, "Lärare 1, Ekåsens skola");
	assert_string_equal(pf->evidence[1].quote, "stökigt");
	/* the group's name in the interface's language (English: no catalogue bound), its id for
	 * what is written in another (the workbook's --lang) */
	assert_string_equal(pf->evidence[1].group, "students");
	assert_int_equal(pf->evidence[1].group_id, p->elever);
	assert_string_equal(pf->evidence[1].author, "Elev 1, Ekåsens skola");
	assert_false(pf->evidence[1].author_named);
	assert_int_equal(pf->evidence[1].letter_id, p->letters[0]);
	assert_int_equal(pf->evidence[1].start, 7);
	assert_int_equal(pf->evidence[1].end, 14);
	assert_int_equal(pf->evidence[2].type, GL_EVIDENCE_SURVEY);
	assert_int_equal(pf->evidence[2].group_id, p->elever);
	assert_true(pf->evidence[2].value == 5.5);
	assert_true(pf->evidence[2].has_mean);
	assert_true(pf->evidence[2].municipal_mean == 6.5);
	gl_plan_finish(&plan);
	assert_int_equal(gl_plan_read(p->s, 0, &plan, &err), GL_OK);
	assert_null(plan.school);
	assert_int_equal(plan.findings[1][0].nevidence, 1);
	assert_string_equal(plan.findings[1][0].evidence[0].title, "Studiero");
	assert_string_equal(plan.findings[1][0].evidence[0].school, "Ekåsens skola");
	gl_plan_finish(&plan);

	/* deleting a coding removes its link, not the finding */
	assert_int_equal(gl_store_coding_delete(p->s, p->codings[0], &err), GL_OK);
	assert_int_equal(gl_store_finding_evidence_count(p->s, f, n, &err), GL_OK);
	assert_int_equal(n[0], 1);
	assert_int_equal(gl_store_finding_unlink(p->s, f, GL_EVIDENCE_CODING, p->codings[2], &err),
		GL_OK);
	assert_int_equal(gl_store_finding_unlink(p->s, f, GL_EVIDENCE_CODING, p->codings[2], &err),
		GL_ENOTFOUND);
	/* moving the school finding to the municipality drops the citation of it */
	assert_int_equal(gl_store_finding_update(p->s, f, &(struct gl_finding_edit){ .move_level =
		true, .school_id = 0 }, &err), GL_OK);
	assert_int_equal(gl_store_finding_evidence_count(p->s, m, n, &err), GL_OK);
	assert_int_equal(n[2], 0);
	/* deleting the finding takes its links and memo, not the survey result */
	assert_int_equal(gl_store_finding_delete(p->s, f, &err), GL_OK);
	int64_t results = -1;
	struct gl_filter all = { 0 };
	assert_int_equal(gl_store_count(p->s, GL_LIST_SURVEY, &all, &results, &err), GL_OK);
	assert_int_equal(results, 2);
	struct gl_str memo = GL_STR_INIT;
	assert_int_equal(gl_store_finding_memo_get(p->s, f, &memo, &err), GL_OK);
	assert_int_equal(memo.len, 0);
	gl_str_finish(&memo);
	assert_int_equal(gl_store_finding_delete(p->s, f, &err), GL_ENOTFOUND);
	/* a school's deletion takes its findings, and a municipal citation of them */
	int64_t g = add(p, p->norr, "strength", "Elevhälsan");
	assert_int_equal(gl_store_finding_link_finding(p->s, m, g, &err), GL_OK);
	assert_int_equal(gl_store_school_delete(p->s, p->norr, &err), GL_OK);
	assert_int_equal(gl_store_finding_evidence_count(p->s, m, n, &err), GL_OK);
	assert_int_equal(n[2], 0);
	struct gl_str problems = GL_STR_INIT;
	assert_int_equal(gl_store_check(p->s, &problems, &err), GL_OK);
	gl_str_finish(&problems);
}

static void test_pseudonyms(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	struct gl_str out = GL_STR_INIT;
	/* Alva's two letters (one with a trailing space) are one author; the anonymous letter is
	 * an author of its own */
	assert_int_equal(gl_store_author_pseudonym(p->s, p->letters[0], &out, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "Elev 1, Ekåsens skola");
	assert_int_equal(gl_store_author_pseudonym(p->s, p->letters[1], &out, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "Elev 1, Ekåsens skola");
	assert_int_equal(gl_store_author_pseudonym(p->s, p->letters[2], &out, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "Elev 2, Ekåsens skola");
	assert_int_equal(gl_store_author_pseudonym(p->s, p->letters[3], &out, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "Lärare 1, Ekåsens skola");
	/* stable: a new author gets the next number; nobody's number changes */
	int64_t later = letter(p->s, p->ekas, p->elever, "Bea", "Skolgården är fin.");
	assert_int_equal(gl_store_author_pseudonym(p->s, later, &out, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "Elev 3, Ekåsens skola");
	assert_int_equal(gl_store_author_pseudonym(p->s, p->letters[2], &out, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "Elev 2, Ekåsens skola");
	/* names only where the project keeps them */
	assert_int_equal(gl_store_author_label(p->s, p->letters[0], &out, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "Elev 1, Ekåsens skola");
	assert_int_equal(gl_store_setting_set_int(p->s, GL_SETTING_KEEP_NAMES, 1, &err), GL_OK);
	assert_int_equal(gl_store_author_label(p->s, p->letters[1], &out, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "Alva");
	assert_int_equal(gl_store_author_label(p->s, p->letters[2], &out, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "Elev 2, Ekåsens skola");
	assert_int_equal(gl_store_setting_set_int(p->s, GL_SETTING_KEEP_NAMES, 2, &err), GL_EINVAL);
	assert_int_equal(gl_store_author_pseudonym(p->s, 999, &out, &err), GL_ENOTFOUND);
	gl_str_finish(&out);
	struct gl_plan plan;
	assert_int_equal(gl_plan_read(p->s, 999, &plan, &err), GL_ENOTFOUND);
	gl_plan_finish(&plan);
	assert_int_equal(gl_plan_read_finding(p->s, 999, &plan, &err), GL_ENOTFOUND);
	gl_plan_finish(&plan);
}

/* A school's finding takes only its own school's codings and survey values; the
 * municipality's takes any school's. */
static void test_evidence_of_own_school(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	int64_t e = add(p, p->ekas, "area", "Studiero");
	int64_t n = add(p, p->norr, "area", "Studiero");
	int64_t m = add(p, 0, "area", "Studiero");
	char want[256];
	assert_int_equal(gl_store_finding_link_survey(p->s, e, p->survey_norr, &err), GL_EINVAL);
	snprintf(want, sizeof want, "survey result %lld is from Norrbyskolan; finding %lld is "
		"Ekåsens skola's", (long long)p->survey_norr, (long long)e);
	assert_non_null(strstr(err.message, want));
	assert_int_equal(gl_store_finding_link_coding(p->s, n, p->codings[0], &err), GL_EINVAL);
	snprintf(want, sizeof want, "coding %lld is from Ekåsens skola; finding %lld is "
		"Norrbyskolan's", (long long)p->codings[0], (long long)n);
	assert_non_null(strstr(err.message, want));
	/* an unknown target is still "no coding with id" */
	assert_int_equal(gl_store_finding_link_coding(p->s, n, 99999, &err), GL_ENOTFOUND);
	assert_int_equal(gl_store_finding_link_coding(p->s, e, p->codings[0], &err), GL_OK);
	assert_int_equal(gl_store_finding_link_survey(p->s, n, p->survey_norr, &err), GL_OK);
	assert_int_equal(gl_store_finding_link_coding(p->s, m, p->codings[0], &err), GL_OK);
	assert_int_equal(gl_store_finding_link_survey(p->s, m, p->survey_norr, &err), GL_OK);
	assert_int_equal(gl_store_finding_link_survey(p->s, m, p->survey_ekas, &err), GL_OK);
	int64_t c[GL_EVIDENCE_TYPES];
	assert_int_equal(gl_store_finding_evidence_count(p->s, n, c, &err), GL_OK);
	assert_int_equal(c[0], 0);
	assert_int_equal(c[1], 1);
}

static const char *rank_note_of(struct proj *p, int64_t level, int kind, int64_t id,
	char *buf, size_t size)
{
	struct gl_plan plan;
	struct gl_error err = { 0 };
	buf[0] = '\0';
	assert_int_equal(gl_plan_read(p->s, level, &plan, &err), GL_OK);
	for (size_t i = 0; i < plan.n[kind]; i++)
		if (plan.findings[kind][i].id == id && plan.findings[kind][i].rank_note)
			snprintf(buf, size, "%s", plan.findings[kind][i].rank_note);
	gl_plan_finish(&plan);
	return buf;
}

/* A move to another level or kind clears the ranking (a closed round's figures, the votes of
 * a round not closed) and the evidence the new level may not have, in one undo step. */
static void test_move_clears_ranking_and_evidence(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	struct gl_history *h;
	char buf[128];
	assert_int_equal(gl_history_create(p->s, &h, &err), GL_OK);
	int64_t m = add(p, 0, "area", "Trygghet och kränkningar");
	int64_t other = add(p, 0, "area", "Studiero");
	int64_t g = add(p, p->ekas, "area", "Tryggheten på rasten");
	assert_int_equal(gl_store_finding_link_coding(p->s, m, p->codings[0], &err), GL_OK);
	assert_int_equal(gl_store_finding_link_survey(p->s, m, p->survey_ekas, &err), GL_OK);
	assert_int_equal(gl_store_finding_link_survey(p->s, m, p->survey_norr, &err), GL_OK);
	assert_int_equal(gl_store_finding_link_finding(p->s, m, g, &err), GL_OK);
	assert_int_equal(gl_store_finding_rank_set(p->s, m, true, 18.5,
		"schulze=2;borda=18.5;w=0.7;ballots=6", &err), GL_OK);
	int64_t round = 0;
	assert_int_equal(gl_store_round_create(p->s, 0, "Workshop", 5, true, &round, &err), GL_OK);
	int64_t areas[2] = { m, other };
	int ranks[2] = { 1, 2 };
	assert_int_equal(gl_store_ballot_set(p->s, round, "Anna", areas, ranks, 2, NULL, &err),
		GL_OK);
	assert_int_equal(gl_store_dots_set(p->s, round, "Anna", m, 3, &err), GL_OK);

	/* what it would take, before it is done; a title edit takes nothing */
	struct gl_finding_edit to_ekas = { .move_level = true, .school_id = p->ekas };
	struct gl_finding_loss loss;
	assert_int_equal(gl_store_finding_update_loss(p->s, m, &(struct gl_finding_edit){ .title =
		"Trygghet" }, &loss, &err), GL_OK);
	assert_false(gl_finding_loss_any(&loss));
	assert_int_equal(gl_store_finding_update_loss(p->s, m, &to_ekas, &loss, &err), GL_OK);
	assert_true(loss.ranked);
	assert_int_equal(loss.votes, 2);
	assert_int_equal(loss.codings, 0);
	assert_int_equal(loss.surveys, 1);
	assert_int_equal(loss.cited, 1);
	assert_int_equal(loss.cited_by, 0);
	struct gl_str text = GL_STR_INIT;
	assert_int_equal(gl_finding_loss_describe(&loss, &text), GL_OK);
	assert_string_equal(gl_str_cstr(&text), "its ranking, 2 votes in open rounds, 1 cited "
		"school finding and 1 survey value of another school");
	/* the status line's brief form names each kind with its count, or counts them all when
	 * that does not fit */
	assert_int_equal(gl_finding_loss_brief(&loss, 60, &text), GL_OK);
	assert_string_equal(gl_str_cstr(&text), "ranking, 2 votes, 1 cited finding, 1 survey value");
	assert_int_equal(gl_finding_loss_brief(&loss, 20, &text), GL_OK);
	assert_string_equal(gl_str_cstr(&text), "ranking and 4 more");
	struct gl_finding_loss few = { .codings = 3 };
	assert_int_equal(gl_finding_loss_brief(&few, 5, &text), GL_OK);
	assert_string_equal(gl_str_cstr(&text), "3 links");
	gl_str_finish(&text);

	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	enum gl_status st = gl_store_finding_update(p->s, m, &to_ekas, &err);
	assert_int_equal(gl_history_end(h, "move", st, &err), GL_OK);
	assert_string_equal(rank_note_of(p, p->ekas, 1, m, buf, sizeof buf), "");
	int64_t c[GL_EVIDENCE_TYPES];
	assert_int_equal(gl_store_finding_evidence_count(p->s, m, c, &err), GL_OK);
	assert_int_equal(c[0], 1);  /* Ekåsen's coding and survey value stay */
	assert_int_equal(c[1], 1);
	assert_int_equal(c[2], 0);
	int64_t spent = -1;
	assert_int_equal(gl_store_dots_spent(p->s, round, "Anna", &spent, &err), GL_OK);
	assert_int_equal(spent, 0);
	assert_int_equal(gl_store_finding_update_loss(p->s, m, &to_ekas, &loss, &err), GL_OK);
	assert_false(gl_finding_loss_any(&loss));

	/* one undo step brings all of it back */
	assert_int_equal(gl_history_undo(h, &err), GL_OK);
	assert_string_equal(rank_note_of(p, 0, 1, m, buf, sizeof buf),
		"schulze=2;borda=18.5;w=0.7;ballots=6");
	assert_int_equal(gl_store_finding_evidence_count(p->s, m, c, &err), GL_OK);
	assert_int_equal(c[1], 2);
	assert_int_equal(c[2], 1);
	assert_int_equal(gl_store_dots_spent(p->s, round, "Anna", &spent, &err), GL_OK);
	assert_int_equal(spent, 3);

	/* a school finding moved to the municipality: the municipality's citation of it goes */
	assert_int_equal(gl_store_finding_update_loss(p->s, g, &(struct gl_finding_edit){
		.move_level = true, .school_id = 0 }, &loss, &err), GL_OK);
	assert_int_equal(loss.cited_by, 1);
	assert_int_equal(loss.cited, 0);
	assert_false(loss.ranked);
	assert_int_equal(gl_finding_loss_describe(&loss, &text), GL_OK);
	assert_string_equal(gl_str_cstr(&text), "1 citation of it by the municipality");
	gl_str_finish(&text);
	/* a closed round keeps its ballots: only the votes of rounds not closed go */
	assert_int_equal(gl_store_round_set_state(p->s, round, GL_ROUND_CLOSED, &err), GL_OK);
	assert_int_equal(gl_store_finding_update_loss(p->s, m, &(struct gl_finding_edit){ .kind =
		"strength" }, &loss, &err), GL_OK);
	assert_true(loss.ranked);
	assert_int_equal(loss.votes, 0);
	assert_int_equal(loss.surveys + loss.codings + loss.cited + loss.cited_by, 0);
	/* a kind change at the same level: the ranking goes, the evidence stays */
	assert_int_equal(gl_store_finding_update(p->s, m, &(struct gl_finding_edit){ .kind =
		"strength" }, &err), GL_OK);
	assert_string_equal(rank_note_of(p, 0, 0, m, buf, sizeof buf), "");
	assert_int_equal(gl_store_finding_evidence_count(p->s, m, c, &err), GL_OK);
	assert_int_equal(c[0] + c[1] + c[2], 4);
	gl_history_destroy(h);
}

/* The codings a removal takes that are evidence, and for how many findings. */
static void test_codings_evidence(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	int64_t sub = 0;
	assert_int_equal(gl_store_code_insert(p->s, &(struct gl_code){ .name = "Lugn", .parent_id =
		p->code }, &sub, &err), GL_OK);
	int64_t under = 0;
	struct gl_coding k = { p->letters[2], sub, p->coder, 0, 4, NULL, NULL };
	assert_int_equal(gl_store_coding_insert(p->s, &k, &under, &err), GL_OK);
	int64_t a = add(p, p->ekas, "area", "Studiero");
	int64_t b = add(p, 0, "area", "Studiero");
	int64_t codings = -1, findings = -1;
	assert_int_equal(gl_store_codings_evidence(p->s, p->code, 0, &codings, &findings, &err),
		GL_OK);
	assert_int_equal(codings, 0);
	assert_int_equal(findings, 0);
	assert_int_equal(gl_store_finding_link_coding(p->s, a, p->codings[0], &err), GL_OK);
	assert_int_equal(gl_store_finding_link_coding(p->s, b, p->codings[0], &err), GL_OK);
	assert_int_equal(gl_store_finding_link_coding(p->s, b, under, &err), GL_OK);
	/* the code with the code under it: 2 codings for 2 findings; the code under it: 1 for 1 */
	assert_int_equal(gl_store_codings_evidence(p->s, p->code, 0, &codings, &findings, &err),
		GL_OK);
	assert_int_equal(codings, 2);
	assert_int_equal(findings, 2);
	assert_int_equal(gl_store_codings_evidence(p->s, sub, 0, &codings, &findings, &err), GL_OK);
	assert_int_equal(codings, 1);
	assert_int_equal(findings, 1);
	/* one coding */
	assert_int_equal(gl_store_codings_evidence(p->s, 0, p->codings[0], &codings, &findings,
		&err), GL_OK);
	assert_int_equal(codings, 1);
	assert_int_equal(findings, 2);
	assert_int_equal(gl_store_codings_evidence(p->s, 0, p->codings[1], &codings, &findings,
		&err), GL_OK);
	assert_int_equal(findings, 0);
	struct gl_str text = GL_STR_INIT;
	assert_int_equal(gl_codings_evidence_describe(17, 2, 1, &text), GL_OK);
	assert_string_equal(gl_str_cstr(&text), "2 of them evidence for 1 finding");
	assert_int_equal(gl_codings_evidence_describe(1, 1, 2, &text), GL_OK);
	assert_string_equal(gl_str_cstr(&text), "evidence for 2 findings");
	gl_str_finish(&text);
}

static void test_undo_redo(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	struct gl_history *h;
	char buf[256];
	assert_int_equal(gl_history_create(p->s, &h, &err), GL_OK);
	int64_t a = add(p, p->ekas, "area", "Studiero");
	int64_t b = add(p, p->ekas, "area", "Vikarier");
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	enum gl_status st = gl_store_finding_move(p->s, b, a, false, &err);
	assert_int_equal(gl_history_end(h, "move", st, &err), GL_OK);
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	st = gl_store_finding_link_coding(p->s, a, p->codings[0], &err);
	assert_int_equal(gl_history_end(h, "evidence", st, &err), GL_OK);
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	st = gl_store_finding_delete(p->s, a, &err);
	assert_int_equal(gl_history_end(h, "delete", st, &err), GL_OK);
	column(p, p->ekas, 1, buf, sizeof buf);
	assert_string_equal(buf, "Vikarier");
	assert_int_equal(gl_history_undo(h, &err), GL_OK);  /* the delete, with its evidence */
	column(p, p->ekas, 1, buf, sizeof buf);
	assert_string_equal(buf, "Vikarier|Studiero");
	int64_t n[GL_EVIDENCE_TYPES];
	assert_int_equal(gl_store_finding_evidence_count(p->s, a, n, &err), GL_OK);
	assert_int_equal(n[0], 1);
	assert_int_equal(gl_history_undo(h, &err), GL_OK);  /* the link */
	assert_int_equal(gl_store_finding_evidence_count(p->s, a, n, &err), GL_OK);
	assert_int_equal(n[0], 0);
	assert_int_equal(gl_history_undo(h, &err), GL_OK);  /* the move */
	column(p, p->ekas, 1, buf, sizeof buf);
	assert_string_equal(buf, "Studiero|Vikarier");
	assert_int_equal(gl_history_redo(h, &err), GL_OK);
	column(p, p->ekas, 1, buf, sizeof buf);
	assert_string_equal(buf, "Vikarier|Studiero");
	gl_history_destroy(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_order_and_titles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence_and_cascades, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pseudonyms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_redo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence_of_own_school, setup, teardown),
		cmocka_unit_test_setup_teardown(test_codings_evidence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_clears_ranking_and_evidence, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
