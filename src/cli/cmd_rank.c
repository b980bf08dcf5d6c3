/* genomlys rank: workshop rounds, ballots, dots, impact/effort scores and the results. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/num.h"
#include "genomlys/ranking.h"

static const struct cli_command help_rank = { "rank", NULL,
	N_("genomlys rank round new [--school NAME] [--name TEXT] [--dots N] [--no-stacking]\n"
	"       genomlys rank vote --participant NAME --order \"Area one > Area two = Area three\" "
	"[--school NAME] [--round ID]\n"
	"       genomlys rank import BALLOTS.csv [--school NAME] [--round ID]\n"
	"       genomlys rank dots --participant NAME --area TITLE --dots N [--school NAME] "
	"[--round ID]\n"
	"       genomlys rank score --participant NAME --area TITLE --impact N --effort N "
	"[--school NAME] [--round ID]\n"
	"       genomlys rank reveal|close [--school NAME] [--round ID]\n"
	"       genomlys rank result [--school NAME] [--round ID] [--method borda|schulze|kemeny|all] "
	"[--format table|tsv|json] [--force]"),
	N_("Ranks a level's development areas in workshop rounds. Without --school the level is "
	"the municipality; --round defaults to the level's newest open round (for result: its "
	"newest round). In an order, '>' separates places and '=' ties an area with the one before "
	"it; areas it does not name are unranked; a title with '>' or '=' goes in double quotes. "
	"The CSV of import has the columns participant and order and is imported all or nothing. "
	"A round's results show once it is revealed (--force shows them before: the facilitator's "
	"escape hatch). Closing a round makes it read-only and its order the level's accepted "
	"order in the development plan.") };

struct rank_opts {
	const char *school, *round, *name, *participant, *order, *area, *method, *format;
	const char *dots, *impact, *effort;
	bool no_stacking, force;
};

/* The level (school id, 0 = municipality) and the round the options name. */
static int resolve_round(struct gl_store *s, const struct rank_opts *o, bool open_only,
	int64_t *round_id)
{
	struct gl_error err = { 0 };
	int64_t school = 0;
	if (o->school && gl_store_school_find(s, o->school, &school, &err) != GL_OK)
		return cli_fail(&err);
	if (o->round) {
		int rc = cli_parse_id("rank", o->round, _("is not a round id (a positive number)"),
			round_id);
		if (rc != EXIT_OK)
			return rc;
		struct gl_round r;
		if (gl_store_round_get(s, *round_id, &r, &err) != GL_OK)
			return cli_fail(&err);
		bool other = o->school && r.school_id != school;
		gl_round_finish(&r);
		if (other) {
			gl_error_set(&err, GL_EINVAL, _("round %lld is not a round of %s"),
				(long long)*round_id, o->school);
			return cli_fail(&err);
		}
		return EXIT_OK;
	}
	if (gl_store_round_newest(s, school, open_only, round_id, &err) != GL_OK)
		return cli_fail(&err);
	return EXIT_OK;
}

static int rank_round_new(struct gl_store *s, const struct rank_opts *o)
{
	struct gl_error err = { 0 };
	int64_t school = 0, dots = 0, id = 0;
	int rc;
	if (o->dots && (rc = cli_parse_int("rank", "--dots", o->dots, 1, 100, &dots)) != EXIT_OK)
		return rc;
	struct gl_str name = GL_STR_INIT;
	if (o->name && (rc = cli_clean("rank", "--name", o->name, false, &name)) != EXIT_OK)
		return rc;
	rc = EXIT_OK;
	if (o->school && gl_store_school_find(s, o->school, &school, &err) != GL_OK)
		rc = cli_fail(&err);
	else if (gl_store_round_create(s, school, o->name ? gl_str_cstr(&name) : NULL, (int)dots,
		!o->no_stacking, &id, &err) != GL_OK)
		rc = cli_fail(&err);
	else
		printf("%lld\n", (long long)id);
	gl_str_finish(&name);
	return rc;
}

static int rank_vote(struct gl_store *s, const struct rank_opts *o)
{
	if (!o->participant || !o->order)
		return cli_usage("rank", _("vote needs --participant NAME and --order TEXT"));
	struct gl_str who = GL_STR_INIT;
	int rc = cli_clean("rank", "--participant", o->participant, false, &who);
	int64_t round_id = 0;
	if (rc == EXIT_OK)
		rc = resolve_round(s, o, true, &round_id);
	struct gl_error err = { 0 };
	struct gl_round r = { 0 };
	struct gl_area *areas = NULL;
	size_t n = 0;
	int *rank = NULL;
	int64_t *ids = NULL;
	if (rc != EXIT_OK)
		goto out;
	if (gl_store_round_get(s, round_id, &r, &err) != GL_OK ||
		gl_store_areas(s, r.school_id, &areas, &n, &err) != GL_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	rank = calloc(n ? n : 1, sizeof *rank);
	ids = calloc(n ? n : 1, sizeof *ids);
	if (!rank || !ids) {
		gl_error_set(&err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		rc = cli_fail(&err);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		ids[i] = areas[i].id;
	if (gl_rank_order_ranks(o->order, areas, n, rank, &err) != GL_OK) {
		struct gl_error at = { 0 };
		gl_error_set(&at, err.status, "--order: %s", err.message);
		rc = cli_fail(&at);
		goto out;
	}
	bool replaced = false;
	if (gl_store_ballot_set(s, round_id, gl_str_cstr(&who), ids, rank, n, &replaced, &err)
		!= GL_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	size_t ranked = 0;
	for (size_t i = 0; i < n; i++)
		ranked += rank[i] > 0;
	struct gl_str line = GL_STR_INIT;
	gl_str_printf(&line, replaced ? _("replaced the ballot of %s in round %lld: %zu ranked, "
		"%zu unranked") : _("stored the ballot of %s in round %lld: %zu ranked, %zu unranked"),
		gl_str_cstr(&who), (long long)round_id, ranked, n - ranked);
	cli_print_escaped(stdout, gl_str_cstr(&line), line.len, 0);
	putchar('\n');
	gl_str_finish(&line);
out:
	free(rank);
	free(ids);
	gl_areas_free(areas, n);
	gl_round_finish(&r);
	gl_str_finish(&who);
	return rc;
}

static int rank_import(struct gl_store *s, const struct rank_opts *o, const char *path)
{
	int64_t round_id = 0;
	int rc = resolve_round(s, o, true, &round_id);
	if (rc != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	long ballots = 0, replaced = 0;
	if (gl_import_ballots(s, round_id, path, &ballots, &replaced, &err) != GL_OK)
		return cli_fail(&err);
	printf(ngettext("Imported %ld ballot into round %lld", "Imported %ld ballots into round %lld",
		(unsigned long)ballots), ballots, (long long)round_id);
	if (replaced)
		printf(ngettext(" (%ld replaced an earlier one)", " (%ld replaced earlier ones)",
			(unsigned long)replaced), replaced);
	putchar('\n');
	return EXIT_OK;
}

/* The round, its areas and the index of --area among them. */
static int round_area(struct gl_store *s, const struct rank_opts *o, int64_t *round_id,
	int64_t *area_id, struct gl_str *title)
{
	int rc = resolve_round(s, o, true, round_id);
	if (rc != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	struct gl_round r;
	if (gl_store_round_get(s, *round_id, &r, &err) != GL_OK)
		return cli_fail(&err);
	struct gl_area *areas = NULL;
	size_t n = 0, at = 0;
	if (gl_store_areas(s, r.school_id, &areas, &n, &err) != GL_OK ||
		gl_area_find(areas, n, o->area, &at, &err) != GL_OK)
		rc = cli_fail(&err);
	else {
		*area_id = areas[at].id;
		gl_str_clear(title);
		gl_str_puts(title, areas[at].title);
	}
	gl_areas_free(areas, n);
	gl_round_finish(&r);
	return rc;
}

static int rank_dots(struct gl_store *s, const struct rank_opts *o)
{
	if (!o->participant || !o->area || !o->dots)
		return cli_usage("rank", _("dots needs --participant NAME, --area TITLE and --dots N"));
	int64_t dots = 0, round_id = 0, area_id = 0;
	int rc = cli_parse_int("rank", "--dots", o->dots, 0, 100, &dots);
	struct gl_str who = GL_STR_INIT, title = GL_STR_INIT;
	if (rc == EXIT_OK)
		rc = cli_clean("rank", "--participant", o->participant, false, &who);
	if (rc == EXIT_OK)
		rc = round_area(s, o, &round_id, &area_id, &title);
	struct gl_error err = { 0 };
	if (rc == EXIT_OK && gl_store_dots_set(s, round_id, gl_str_cstr(&who), area_id, (int)dots,
		&err) != GL_OK)
		rc = cli_fail(&err);
	else if (rc == EXIT_OK) {
		struct gl_str line = GL_STR_INIT;
		gl_str_printf(&line, ngettext("%s: %lld dot on %s in round %lld",
			"%s: %lld dots on %s in round %lld", (unsigned long)dots), gl_str_cstr(&who),
			(long long)dots, gl_str_cstr(&title), (long long)round_id);
		cli_print_escaped(stdout, gl_str_cstr(&line), line.len, 0);
		putchar('\n');
		gl_str_finish(&line);
	}
	gl_str_finish(&who);
	gl_str_finish(&title);
	return rc;
}

static int rank_score(struct gl_store *s, const struct rank_opts *o)
{
	if (!o->participant || !o->area || !o->impact || !o->effort)
		return cli_usage("rank", _("score needs --participant NAME, --area TITLE, --impact N and "
			"--effort N"));
	int64_t impact = 0, effort = 0, round_id = 0, area_id = 0;
	int rc = cli_parse_int("rank", "--impact", o->impact, 1, 5, &impact);
	if (rc == EXIT_OK)
		rc = cli_parse_int("rank", "--effort", o->effort, 1, 5, &effort);
	struct gl_str who = GL_STR_INIT, title = GL_STR_INIT;
	if (rc == EXIT_OK)
		rc = cli_clean("rank", "--participant", o->participant, false, &who);
	if (rc == EXIT_OK)
		rc = round_area(s, o, &round_id, &area_id, &title);
	struct gl_error err = { 0 };
	if (rc == EXIT_OK && gl_store_score_set(s, round_id, gl_str_cstr(&who), area_id,
		(int)impact, (int)effort, &err) != GL_OK)
		rc = cli_fail(&err);
	else if (rc == EXIT_OK) {
		printf(_("scored "));
		cli_print_escaped(stdout, gl_str_cstr(&title), title.len, 0);
		printf(_(": impact %lld, effort %lld in round %lld\n"), (long long)impact,
			(long long)effort, (long long)round_id);
	}
	gl_str_finish(&who);
	gl_str_finish(&title);
	return rc;
}

static int rank_state(struct gl_store *s, const struct rank_opts *o, enum gl_round_state state)
{
	int64_t round_id = 0;
	int rc = resolve_round(s, o, true, &round_id);
	if (rc != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	if ((state == GL_ROUND_CLOSED ? gl_round_close(s, round_id, &err) :
		gl_store_round_set_state(s, round_id, state, &err)) != GL_OK)
		return cli_fail(&err);
	printf(state == GL_ROUND_CLOSED ? _("round %lld is closed\n") :
		_("round %lld is revealed\n"), (long long)round_id);
	return EXIT_OK;
}

/* ---- result ---- */

static double rounded(double v)
{
	return round(v * 100.0) / 100.0;
}

static cJSON *number_or_null(double v)
{
	return isnan(v) ? cJSON_CreateNull() : cJSON_CreateNumber(v);
}

static cJSON *matrix_json(const struct gl_round_result *r, const size_t *mx)
{
	cJSON *o = cJSON_CreateObject();
	for (size_t i = 0; o && i < r->n; i++) {
		cJSON *row = cJSON_AddObjectToObject(o, r->areas[i].title);
		for (size_t j = 0; row && j < r->n; j++)
			if (i != j)
				cJSON_AddNumberToObject(row, r->areas[j].title, (double)mx[i * r->n + j]);
	}
	return o;
}

static int result_json(const struct gl_round_result *r)
{
	cJSON *o = cJSON_CreateObject();
	if (r->level)
		cJSON_AddStringToObject(o, "level", r->level);
	else
		cJSON_AddStringToObject(o, "level", _("municipality"));
	cJSON *round = cJSON_AddObjectToObject(o, "round");
	cJSON_AddNumberToObject(round, "id", (double)r->round.id);
	cJSON_AddStringToObject(round, "name", r->round.name);
	cJSON_AddStringToObject(round, "state", gl_round_state_name(r->round.state));
	cJSON_AddNumberToObject(round, "dots", r->round.dots);
	cJSON_AddBoolToObject(round, "stacking", r->round.stacking);
	cJSON_AddStringToObject(o, "method", gl_rank_method_name(r->method));
	cJSON *people = cJSON_AddArrayToObject(o, "participants");
	for (size_t b = 0; b < r->m; b++)
		cJSON_AddItemToArray(people, cJSON_CreateString(r->participants[b]));
	/* the ballots themselves: shown once the round is revealed (or forced) */
	cJSON *ballots = cJSON_AddArrayToObject(o, "ballots");
	struct gl_str order = GL_STR_INIT;
	for (size_t b = 0; b < r->m; b++) {
		cJSON *one = cJSON_CreateObject();
		gl_round_ballot_text(r, b, &order);
		cJSON_AddStringToObject(one, "participant", r->participants[b]);
		cJSON_AddStringToObject(one, "order", gl_str_cstr(&order));
		cJSON_AddItemToArray(ballots, one);
	}
	gl_str_finish(&order);
	cJSON *ranking = cJSON_AddArrayToObject(o, "ranking");
	for (size_t k = 0; k < r->n; k++) {
		size_t c = r->order[k];
		cJSON *a = cJSON_CreateObject();
		cJSON_AddStringToObject(a, "area", r->areas[c].title);
		cJSON_AddNumberToObject(a, "position", (double)r->position[c]);
		cJSON_AddNumberToObject(a, "borda", r->borda[c]);
		cJSON_AddNumberToObject(a, "borda_position", (double)r->borda_position[c]);
		cJSON_AddNumberToObject(a, "schulze_position", (double)r->schulze_position[c]);
		if (r->kemeny.computed)
			cJSON_AddNumberToObject(a, "kemeny_position", (double)r->kemeny_position[c]);
		else
			cJSON_AddNullToObject(a, "kemeny_position");
		cJSON_AddBoolToObject(a, "methods_differ", r->differs[c]);
		cJSON_AddNumberToObject(a, "dots", (double)r->dots[c]);
		cJSON_AddItemToObject(a, "impact", number_or_null(r->impact[c]));
		cJSON_AddItemToObject(a, "effort", number_or_null(r->effort[c]));
		cJSON_AddItemToArray(ranking, a);
	}
	cJSON_AddBoolToObject(o, "methods_agree", r->ndiffer == 0);
	cJSON_AddBoolToObject(o, "kemeny_computed", r->kemeny.computed);
	cJSON *w = cJSON_AddObjectToObject(o, "kendall_w");
	cJSON_AddItemToObject(w, "w", number_or_null(r->w.w));
	cJSON_AddItemToObject(w, "chi2", number_or_null(r->w.chi2));
	cJSON_AddNumberToObject(w, "df", (double)r->w.df);
	cJSON_AddItemToObject(w, "p", number_or_null(r->w.p));
	cJSON_AddStringToObject(w, "words", _(r->w.words));
	cJSON_AddItemToObject(o, "pairwise", matrix_json(r, r->pairwise));
	cJSON_AddItemToObject(o, "strongest_paths", matrix_json(r, r->paths));
	char *txt = cJSON_Print(o);
	cJSON_Delete(o);
	if (!txt) {
		struct gl_error err = { 0 };
		gl_error_set(&err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		return cli_fail(&err);
	}
	cli_json_write(stdout, txt);
	putchar('\n');
	free(txt);
	return EXIT_OK;
}

static const char *const result_columns[] = { "position", "area", "borda", "borda_position",
	"schulze_position", "kemeny_position", "dots", "impact", "effort" };
#define NRESULT (sizeof result_columns / sizeof result_columns[0])

static struct gl_value val_int(int64_t i)
{
	return (struct gl_value){ .type = GL_VAL_INT, .i = i, .r = (double)i };
}

static struct gl_value val_real(double r)
{
	if (isnan(r))
		return (struct gl_value){ .type = GL_VAL_NULL };
	return (struct gl_value){ .type = GL_VAL_REAL, .r = r };
}

static int result_rows(const struct gl_round_result *r, enum cli_format fmt)
{
	struct cli_out *out = cli_out_create(stdout, fmt);
	if (!out)
		return EXIT_RUNTIME;
	if (fmt == CLI_TABLE) {
		/* the caption above the table, as every list has it: the round and who took part */
		struct gl_str line = GL_STR_INIT;
		gl_str_printf(&line, ngettext("\"%s\" (round %lld, %s, %s): %zu ballot",
			"\"%s\" (round %lld, %s, %s): %zu ballots", (unsigned long)r->m), r->round.name,
			(long long)r->round.id, r->level ? r->level : _("municipality"),
			gl_round_state_words(r->round.state), r->m);
		cli_print_escaped(stdout, gl_str_cstr(&line), line.len, 0);
		gl_str_finish(&line);
		printf(_("; order by %s\n"), gl_rank_method_name(r->method == GL_METHOD_ALL ?
			GL_METHOD_SCHULZE : r->method));
	}
	for (size_t k = 0; k < r->n; k++) {
		size_t c = r->order[k];
		struct gl_value v[NRESULT] = {
			val_int((int64_t)r->position[c]),
			{ .type = GL_VAL_TEXT, .s = r->areas[c].title, .len = strlen(r->areas[c].title) },
			val_real(r->borda[c]),
			val_int((int64_t)r->borda_position[c]),
			val_int((int64_t)r->schulze_position[c]),
			r->kemeny.computed ? val_int((int64_t)r->kemeny_position[c]) :
				(struct gl_value){ .type = GL_VAL_NULL },
			val_int(r->dots[c]),
			val_real(fmt == CLI_TABLE ? rounded(r->impact[c]) : r->impact[c]),
			val_real(fmt == CLI_TABLE ? rounded(r->effort[c]) : r->effort[c]),
		};
		struct gl_row row = { (int)NRESULT, result_columns, v };
		cli_out_row(out, &row);
	}
	cli_out_finish(out);
	if (fmt != CLI_TABLE)
		return EXIT_OK;
	/* below the table: where the methods disagree, and the agreement */
	printf("\n");
	if (!r->kemeny.computed)
		printf(_("Kemeny-Young is not computed for more than %d areas.\n"), GL_RANK_KEMENY_MAX);
	if (r->ndiffer == 0) {
		printf(_("The methods agree on every position.\n"));
	} else {
		printf(ngettext("The methods disagree on %zu area:\n", "The methods disagree on %zu "
			"areas:\n", (unsigned long)r->ndiffer), r->ndiffer);
		for (size_t k = 0; k < r->n; k++) {
			size_t c = r->order[k];
			if (!r->differs[c])
				continue;
			printf("  ");
			cli_print_escaped(stdout, r->areas[c].title, strlen(r->areas[c].title), 0);
			printf(_(": Borda %zu, Schulze %zu"), r->borda_position[c], r->schulze_position[c]);
			if (r->kemeny.computed)
				printf(_(", Kemeny %zu"), r->kemeny_position[c]);
			putchar('\n');
		}
	}
	if (r->w.defined) {
		char w[32], chi2[32], p[32];
		gl_num_format(r->w.w, 3, w, sizeof w);
		gl_num_format(r->w.chi2, 2, chi2, sizeof chi2);
		gl_num_format(r->w.p, 4, p, sizeof p);
		printf(_("Kendall's W = %s: %s agreement (chi-square %s, df %zu, p = %s)\n"), w,
			_(r->w.words), chi2, r->w.df, p);
	} else
		printf(_("Kendall's W is undefined: %s\n"), _(r->w.why));
	return EXIT_OK;
}

static int rank_result(struct gl_store *s, const struct rank_opts *o)
{
	enum gl_rank_method method = GL_METHOD_ALL;
	if (o->method && !gl_rank_method_parse(o->method, &method))
		return cli_usage("rank", _("unknown method '%s' (borda, schulze, kemeny or all)"),
			o->method);
	enum cli_format fmt = CLI_TABLE;
	if (o->format && !cli_format_parse(o->format, &fmt, false))
		return cli_usage("rank", _("unknown format '%s' (table, tsv or json)"), o->format);
	int64_t round_id = 0;
	int rc = resolve_round(s, o, false, &round_id);
	if (rc != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	struct gl_round_result r;
	if (gl_round_result_load(s, round_id, method, &r, &err) != GL_OK)
		return cli_fail(&err);
	if (r.round.state == GL_ROUND_OPEN && !o->force) {
		gl_error_set(&err, GL_EINVAL, _("round %lld is not revealed yet: its results show once "
			"the facilitator reveals it ('rank reveal'), or with --force"), (long long)round_id);
		rc = cli_fail(&err);
	} else if (r.n == 0) {
		gl_error_set(&err, GL_ENOTFOUND, _("this level has no development areas to rank"));
		rc = cli_fail(&err);
	} else if (method == GL_METHOD_KEMENY && !r.kemeny.computed) {
		gl_error_set(&err, GL_EINVAL, _("Kemeny-Young is not computed for more than %d areas "
			"(this level has %zu): use --method schulze or borda"), GL_RANK_KEMENY_MAX, r.n);
		rc = cli_fail(&err);
	} else {
		rc = fmt == CLI_JSON ? result_json(&r) : result_rows(&r, fmt);
	}
	gl_round_result_finish(&r);
	return rc;
}

int cmd_rank(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "school", required_argument, NULL, 's' }, { "round", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' }, { "dots", required_argument, NULL, 'D' },
		{ "no-stacking", no_argument, NULL, 'S' }, { "participant", required_argument, NULL, 'p' },
		{ "order", required_argument, NULL, 'o' }, { "area", required_argument, NULL, 'a' },
		{ "impact", required_argument, NULL, 'i' }, { "effort", required_argument, NULL, 'e' },
		{ "method", required_argument, NULL, 'm' }, { "format", required_argument, NULL, 'f' },
		{ "force", no_argument, NULL, 'F' }, { 0 } };
	struct rank_opts o = { 0 };
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 's': o.school = optarg; break;
		case 'r': o.round = optarg; break;
		case 'n': o.name = optarg; break;
		case 'D': o.dots = optarg; break;
		case 'S': o.no_stacking = true; break;
		case 'p': o.participant = optarg; break;
		case 'o': o.order = optarg; break;
		case 'a': o.area = optarg; break;
		case 'i': o.impact = optarg; break;
		case 'e': o.effort = optarg; break;
		case 'm': o.method = optarg; break;
		case 'f': o.format = optarg; break;
		case 'F': o.force = true; break;
		case 'h': return cli_help(&help_rank);
		case ':': return cli_usage("rank", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("rank", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("rank", _("expected round new, vote, import, dots, score, reveal, close "
			"or result"));
	const char *verb = argv[optind];
	int nargs = argc - optind - 1;
	char **args = argv + optind + 1;
	static const struct { const char *verb; int nargs; } verbs[] = { { "round", 1 },
		{ "vote", 0 }, { "import", 1 }, { "dots", 0 }, { "score", 0 }, { "reveal", 0 },
		{ "close", 0 }, { "result", 0 } };
	int want = -1;
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (!strcmp(verb, verbs[i].verb))
			want = verbs[i].nargs;
	if (want < 0)
		return cli_usage("rank", _("unknown rank action '%s'"), verb);
	if (!strcmp(verb, "round") && (nargs != 1 || strcmp(args[0], "new")))
		return cli_usage("rank", _("expected 'rank round new'"));
	if (nargs != want)
		return cli_usage("rank", ngettext("'rank %s' takes %d argument",
			"'rank %s' takes %d arguments", (unsigned long)want), verb, want);
	if (o.force && strcmp(verb, "result"))
		return cli_usage("rank", _("--force is for 'rank result'"));
	struct gl_store *s;
	int rc;
	if ((rc = cli_open_store(c, &s)) != EXIT_OK)
		return rc;
	if (!strcmp(verb, "round"))
		rc = rank_round_new(s, &o);
	else if (!strcmp(verb, "vote"))
		rc = rank_vote(s, &o);
	else if (!strcmp(verb, "import"))
		rc = rank_import(s, &o, args[0]);
	else if (!strcmp(verb, "dots"))
		rc = rank_dots(s, &o);
	else if (!strcmp(verb, "score"))
		rc = rank_score(s, &o);
	else if (!strcmp(verb, "reveal"))
		rc = rank_state(s, &o, GL_ROUND_REVEALED);
	else if (!strcmp(verb, "close"))
		rc = rank_state(s, &o, GL_ROUND_CLOSED);
	else
		rc = rank_result(s, &o);
	gl_store_close(s);
	return rc;
}
