/* Findings and the development plan from the command line: finding add/edit/delete/move/evidence
 * and plan (text, markdown, json), all through the store's finding functions and gl_plan_read. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/clean.h"
#include "genomlys/i18n.h"
#include "genomlys/ranking.h"
#include "genomlys/num.h"
#include "genomlys/plan.h"

static const struct cli_command help_finding = { "finding", NULL,
	N_("genomlys finding add --kind strength|area|challenge --title TEXT [--school NAME] "
	"[--description TEXT] [--coder NAME]\n"
	"       genomlys finding edit ID [--title TEXT] [--description TEXT] [--kind KIND] "
	"[--school NAME|--municipality]\n"
	"       genomlys finding delete ID\n"
	"       genomlys finding move ID --before ID|--after ID\n"
	"       genomlys finding evidence ID (--coding CODING_ID | --survey "
	"\"SCHOOL/SURVEY/YEAR/GROUP/ITEM\" | --finding SCHOOL_FINDING_ID) [--remove]"),
	N_("Records the analysis group's findings: strengths (potential), development areas and "
	"challenges of a school, or of the municipality without --school. add prints the new id. "
	"move reorders within a school's (or the municipality's) findings of one kind. evidence "
	"links a coding, a survey value or (for a municipal finding) a school's finding, or with "
	"--remove unlinks it.") };
static const struct cli_command help_plan = { "plan", NULL,
	N_("genomlys plan [--school NAME] [--format text|markdown|json] [--db PATH]"),
	N_("Prints the development plan of a school, or of the municipality without --school: its "
	"strengths, development areas (in the group's or the ranking's order) and challenges, each "
	"with its evidence. Quotes are attributed by school and group, and by author only where the "
	"project keeps names (else a pseudonym such as 'Elev 3').") };

/* Prints a line built with printf, escaping what came from the project. */
__attribute__((format(printf, 1, 2)))
static void print_line(const char *fmt, ...)
{
	struct gl_str line = GL_STR_INIT;
	va_list ap;
	va_start(ap, fmt);
	gl_str_vprintf(&line, fmt, ap);
	va_end(ap);
	cli_print_escaped(stdout, gl_str_cstr(&line), line.len, GL_ESCAPE_KEEP_BREAKS);
	gl_str_finish(&line);
}

/* The options of every finding subcommand; each subcommand accepts some of them. */
struct finding_args {
	const char *kind, *title, *school, *description, *coder, *survey;
	int64_t before, after, coding, finding;
	bool municipality, remove;
	const char *given[16];  /* the options given, for "does not apply" */
	int ngiven;
};

static int parse_finding(struct cli *c, int argc, char **argv, struct finding_args *a)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "kind", required_argument, NULL, 'k' }, { "title", required_argument, NULL, 't' },
		{ "school", required_argument, NULL, 's' },
		{ "description", required_argument, NULL, 'D' },
		{ "coder", required_argument, NULL, 'r' }, { "municipality", no_argument, NULL, 'M' },
		{ "before", required_argument, NULL, 'b' }, { "after", required_argument, NULL, 'a' },
		{ "coding", required_argument, NULL, 'c' }, { "survey", required_argument, NULL, 'S' },
		{ "finding", required_argument, NULL, 'f' }, { "remove", no_argument, NULL, 'R' },
		{ 0 } };
	int ch, idx, rc;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, &idx)) != -1) {
		if (ch != '?' && ch != ':' && ch != 'h' && ch != 'd' && a->ngiven < 16)
			a->given[a->ngiven++] = opts[idx].name;
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'k': a->kind = optarg; break;
		case 't': a->title = optarg; break;
		case 's': a->school = optarg; break;
		case 'D': a->description = optarg; break;
		case 'r': a->coder = optarg; break;
		case 'M': a->municipality = true; break;
		case 'R': a->remove = true; break;
		case 'S': a->survey = optarg; break;
		case 'b':
			if ((rc = cli_parse_id("finding", optarg, _("is not a finding id (a positive number)"),
				&a->before)) != EXIT_OK)
				return rc;
			break;
		case 'a':
			if ((rc = cli_parse_id("finding", optarg, _("is not a finding id (a positive number)"),
				&a->after)) != EXIT_OK)
				return rc;
			break;
		case 'c':
			if ((rc = cli_parse_id("finding", optarg, _("is not a coding id (a positive number)"),
				&a->coding)) != EXIT_OK)
				return rc;
			break;
		case 'f':
			if ((rc = cli_parse_id("finding", optarg, _("is not a finding id (a positive number)"),
				&a->finding)) != EXIT_OK)
				return rc;
			break;
		case 'h': return cli_help(&help_finding);
		case ':': return cli_usage("finding", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("finding", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	return CLI_CONTINUE;
}

/* Refuses an option that the subcommand does not take. */
static int only(const struct finding_args *a, const char *sub, const char *accepted)
{
	for (int i = 0; i < a->ngiven; i++) {
		char word[32];
		snprintf(word, sizeof word, " %s ", a->given[i]);
		if (!strstr(accepted, word))
			return cli_usage("finding", _("--%s does not apply to 'finding %s'"), a->given[i],
				sub);
	}
	return EXIT_OK;
}

static int cleaned(const char *option, const char *arg, bool multiline, struct gl_str *out)
{
	return arg ? cli_clean("finding", option, arg, multiline, out) : EXIT_OK;
}

static int finding_add(struct cli *c, struct finding_args *a)
{
	int rc = only(a, "add", " kind title school description coder ");
	if (rc != EXIT_OK)
		return rc;
	if (!a->kind || !a->title)
		return cli_usage("finding", _("--kind and --title are required"));
	if (!gl_finding_kind_valid(a->kind))
		return cli_usage("finding", _("unknown finding kind '%s' (valid: strength, area, "
			"challenge)"), a->kind);
	struct gl_str title = GL_STR_INIT, desc = GL_STR_INIT, coder = GL_STR_INIT;
	struct gl_store *s = NULL;
	struct gl_error err = { 0 };
	enum gl_status st = GL_OK;
	int64_t school_id = 0, coder_id = 0, id = 0;
	if ((rc = cleaned("--title", a->title, false, &title)) != EXIT_OK ||
		(rc = cleaned("--description", a->description, true, &desc)) != EXIT_OK ||
		(rc = cleaned("--coder", a->coder, false, &coder)) != EXIT_OK ||
		(rc = cli_open_store(c, &s)) != EXIT_OK)
		goto out;
	if (a->school && (st = gl_store_school_find(s, a->school, &school_id, &err)) != GL_OK)
		goto out;
	/* the author is created in the command's transaction: a refused finding creates nobody */
	if ((st = gl_store_begin(s, &err)) != GL_OK)
		goto out;
	if (a->coder) {
		st = gl_store_coder_ensure(s, gl_str_cstr(&coder), &coder_id, NULL, &err);
		gl_store_set_actor(s, gl_str_cstr(&coder));
	}
	if (st == GL_OK)
		st = gl_store_finding_insert(s, &(struct gl_finding){ school_id, a->kind,
			gl_str_cstr(&title), desc.len ? gl_str_cstr(&desc) : NULL, coder_id }, &id, &err);
	if (st == GL_OK)
		st = gl_store_commit(s, &err);
	else
		gl_store_rollback(s);
	if (st == GL_OK)
		printf("%lld\n", (long long)id);
out:
	if (st != GL_OK)
		rc = cli_fail(&err);
	gl_store_close(s);
	gl_str_finish(&title);
	gl_str_finish(&desc);
	gl_str_finish(&coder);
	return rc;
}

static int finding_edit(struct cli *c, struct finding_args *a, int64_t id)
{
	int rc = only(a, "edit", " title description kind school municipality ");
	if (rc != EXIT_OK)
		return rc;
	if (!a->title && !a->description && !a->kind && !a->school && !a->municipality)
		return cli_usage("finding", _("nothing to change: give --title, --description, --kind, "
			"--school or --municipality"));
	if (a->school && a->municipality)
		return cli_usage("finding", _("give --school NAME or --municipality, not both"));
	if (a->kind && !gl_finding_kind_valid(a->kind))
		return cli_usage("finding", _("unknown finding kind '%s' (valid: strength, area, "
			"challenge)"), a->kind);
	struct gl_str title = GL_STR_INIT, desc = GL_STR_INIT, lost = GL_STR_INIT;
	struct gl_store *s = NULL;
	struct gl_error err = { 0 };
	enum gl_status st = GL_OK;
	struct gl_finding_edit e = { .kind = a->kind, .move_level = a->school || a->municipality };
	if ((rc = cleaned("--title", a->title, false, &title)) != EXIT_OK)
		goto out;
	/* an empty --description clears it */
	if (a->description && *a->description &&
		(rc = cleaned("--description", a->description, true, &desc)) != EXIT_OK)
		goto out;
	if ((rc = cli_open_store(c, &s)) != EXIT_OK)
		goto out;
	if (a->school && (st = gl_store_school_find(s, a->school, &e.school_id, &err)) != GL_OK)
		goto out;
	e.title = a->title ? gl_str_cstr(&title) : NULL;
	e.description = a->description ? gl_str_cstr(&desc) : NULL;
	/* what the move takes with it is said, not left to be found missing */
	struct gl_finding_loss loss;
	if ((st = gl_store_finding_update_loss(s, id, &e, &loss, &err)) != GL_OK)
		goto out;
	if ((st = gl_store_finding_update(s, id, &e, &err)) == GL_OK) {
		if (a->school)
			printf(_("Finding %lld moved to %s"), (long long)id, a->school);
		else if (a->municipality)
			printf(_("Finding %lld moved to the municipality"), (long long)id);
		else
			printf(_("Finding %lld changed"), (long long)id);
		if (gl_finding_loss_any(&loss) && gl_finding_loss_describe(&loss, &lost) == GL_OK)
			printf(_("; removed with it: %s"), gl_str_cstr(&lost));
		putchar('\n');
	}
out:
	if (st != GL_OK)
		rc = cli_fail(&err);
	gl_store_close(s);
	gl_str_finish(&title);
	gl_str_finish(&desc);
	gl_str_finish(&lost);
	return rc;
}

static int finding_delete(struct cli *c, struct finding_args *a, int64_t id)
{
	int rc = only(a, "delete", " ");
	if (rc != EXIT_OK)
		return rc;
	struct gl_store *s = NULL;
	if ((rc = cli_open_store(c, &s)) != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	int64_t n[GL_EVIDENCE_TYPES] = { 0 };
	enum gl_status st = gl_store_finding_evidence_count(s, id, n, &err);
	if (st == GL_OK)
		st = gl_store_finding_delete(s, id, &err);
	if (st == GL_OK)
		printf(_("Deleted finding %lld with its evidence links (%lld codings, %lld survey "
			"values, %lld findings cited)\n"), (long long)id, (long long)n[0], (long long)n[1],
			(long long)n[2]);
	else
		rc = cli_fail(&err);
	gl_store_close(s);
	return rc;
}

static int finding_move(struct cli *c, struct finding_args *a, int64_t id)
{
	int rc = only(a, "move", " before after ");
	if (rc != EXIT_OK)
		return rc;
	if (!a->before == !a->after)
		return cli_usage("finding", _("give exactly one of --before ID and --after ID"));
	struct gl_store *s = NULL;
	if ((rc = cli_open_store(c, &s)) != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	int64_t other = a->before ? a->before : a->after;
	if (gl_store_finding_move(s, id, other, a->after != 0, &err) == GL_OK)
		printf(a->after ? _("Finding %lld is now after %lld\n") :
			_("Finding %lld is now before %lld\n"), (long long)id, (long long)other);
	else
		rc = cli_fail(&err);
	gl_store_close(s);
	return rc;
}

static int finding_evidence(struct cli *c, struct finding_args *a, int64_t id)
{
	int rc = only(a, "evidence", " coding survey finding remove ");
	if (rc != EXIT_OK)
		return rc;
	if ((a->coding != 0) + (a->survey != NULL) + (a->finding != 0) != 1)
		return cli_usage("finding", _("give exactly one of --coding ID, --survey PATH and "
			"--finding ID"));
	struct gl_store *s = NULL;
	if ((rc = cli_open_store(c, &s)) != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	enum gl_evidence type = a->coding ? GL_EVIDENCE_CODING : a->survey ? GL_EVIDENCE_SURVEY :
		GL_EVIDENCE_FINDING;
	int64_t target = a->coding ? a->coding : a->finding;
	enum gl_status st = GL_OK;
	if (a->survey)
		st = gl_store_survey_find_path(s, a->survey, &target, &err);
	if (st == GL_OK && a->remove)
		st = gl_store_finding_unlink(s, id, type, target, &err);
	else if (st == GL_OK && type == GL_EVIDENCE_CODING)
		st = gl_store_finding_link_coding(s, id, target, &err);
	else if (st == GL_OK && type == GL_EVIDENCE_SURVEY)
		st = gl_store_finding_link_survey(s, id, target, &err);
	else if (st == GL_OK)
		st = gl_store_finding_link_finding(s, id, target, &err);
	static const char *const words[] = { N_("coding"), N_("survey result"), N_("finding") };
	if (st == GL_OK)
		print_line(a->remove ? _("Finding %lld: removed %s %lld from its evidence\n") :
			_("Finding %lld: %s %lld added to its evidence\n"), (long long)id, _(words[type]),
			(long long)target);
	else
		rc = cli_fail(&err);
	gl_store_close(s);
	return rc;
}

int cmd_finding(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return cli_help(&help_finding);
	if (argc < 2)
		return cli_usage("finding", _("what should be done? (add, edit, delete, move, "
			"evidence)"));
	const char *sub = argv[1];
	struct finding_args a = { 0 };
	int rc = parse_finding(c, argc - 1, argv + 1, &a);
	if (rc != CLI_CONTINUE)
		return rc;
	/* argv + 1: optind counts from the subcommand */
	int nargs = argc - 1 - optind;
	char **args = argv + 1 + optind;
	if (!strcmp(sub, "add")) {
		if (nargs > 0)
			return cli_usage("finding", _("unexpected argument '%s'"), args[0]);
		return finding_add(c, &a);
	}
	static const struct { const char *name; int (*run)(struct cli *, struct finding_args *,
		int64_t); } subs[] = { { "edit", finding_edit }, { "delete", finding_delete },
		{ "move", finding_move }, { "evidence", finding_evidence } };
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		if (strcmp(sub, subs[i].name) != 0)
			continue;
		if (nargs != 1)
			return cli_usage("finding", _("expected one finding ID"));
		int64_t id;
		if ((rc = cli_parse_id("finding", args[0], _("is not a finding id (a positive number)"),
			&id)) != EXIT_OK)
			return rc;
		return subs[i].run(c, &a, id);
	}
	return cli_usage("finding", _("unknown subcommand '%s' (valid: add, edit, delete, move, "
		"evidence)"), sub);
}

/* ---- plan ---- */

static const char *const kind_captions[GL_FINDING_KINDS] = { N_("Strengths (potential)"),
	N_("Development areas"), N_("Challenges") };
static const char *const kind_keys[GL_FINDING_KINDS] = { "strengths", "areas", "challenges" };

/* A survey value as people write it: at most two decimals, no trailing zeros, the interface
 * language's separator ("5,4" in Swedish) as the panes show it; the JSON plan keeps numbers. */
static void put_number(struct gl_str *out, double v)
{
	char buf[64];
	gl_num_format(v, GL_NUM_SHORT, buf, sizeof buf);
	gl_str_puts(out, buf);
}

/* A survey value or a municipal mean: one decimal, as they are given ("5.9"). */
static void put_survey_number(struct gl_str *out, double v)
{
	char buf[64];
	gl_num_format(v, 1, buf, sizeof buf);
	gl_str_puts(out, buf);
}

/* Markdown's special characters in text from the project are escaped. */
static void put_md(struct gl_str *out, const char *text)
{
	for (const char *p = text ? text : ""; *p; p++) {
		if (strchr("\\`*_[]<>#|", *p))
			gl_str_putc(out, '\\');
		gl_str_putc(out, *p);
	}
}

/* Text, each line after the first indented (or prefixed) by lead. */
static void put_lines(struct gl_str *out, const char *text, const char *lead, bool md)
{
	for (const char *p = text ? text : ""; *p; p++) {
		if (*p == '\n') {
			gl_str_putc(out, '\n');
			gl_str_puts(out, lead);
		} else if (md && strchr("\\`*_[]<>#|", *p)) {
			gl_str_putc(out, '\\');
			gl_str_putc(out, *p);
		} else {
			gl_str_putc(out, *p);
		}
	}
}

/* Who wrote a quote: the pseudonym names group and school already ("Elev 3, Ekåsens skola");
 * a name, kept where the project keeps names, gets them beside it. */
static void put_attribution(struct gl_str *out, const struct gl_plan_evidence *e, bool md)
{
	struct gl_str a = GL_STR_INIT;
	if (e->author_named)
		gl_str_printf(&a, "%s (%s, %s)", e->author ? e->author : "", e->group ? e->group : "",
			e->school ? e->school : "");
	else
		gl_str_puts(&a, e->author ? e->author : "");
	if (md)
		put_md(out, gl_str_cstr(&a));
	else
		gl_str_puts(out, gl_str_cstr(&a));
	gl_str_finish(&a);
}

static void put_survey(struct gl_str *out, const struct gl_plan_evidence *e, bool md)
{
	struct gl_str t = GL_STR_INIT;
	gl_str_printf(&t, "%s %d, %s, %s, %s: ", e->survey ? e->survey : "", e->year,
		e->school ? e->school : "", e->group ? e->group : "", e->item ? e->item : "");
	/* survey values and means with one decimal, as the Surveys pane and the workbook */
	put_survey_number(&t, e->value);
	if (e->has_mean) {
		struct gl_str mean = GL_STR_INIT;
		put_survey_number(&mean, e->municipal_mean);
		gl_str_printf(&t, _(" (municipal mean %s)"), gl_str_cstr(&mean));
		gl_str_finish(&mean);
	} else {  /* one school has a value: no mean over schools */
		gl_str_puts(&t, _(" (the only school with a value)"));
	}
	if (md)
		put_md(out, gl_str_cstr(&t));
	else
		gl_str_puts(out, gl_str_cstr(&t));
	gl_str_finish(&t);
}

static const char *kind_caption_of(const char *kind)
{
	int k = gl_finding_kind_index(kind);
	static const char *const singular[GL_FINDING_KINDS] = { N_("strength"),
		N_("development area"), N_("challenge") };
	return k >= 0 ? _(singular[k]) : "";
}

static void plan_heading(struct gl_str *out, const struct gl_plan *p)
{
	if (p->school)
		gl_str_printf(out, _("Development plan: %s"), p->school);
	else
		gl_str_puts(out, _("Development plan: the municipality as school owner"));
}

static void plan_text(struct gl_str *out, const struct gl_plan *p, bool md)
{
	struct gl_str head = GL_STR_INIT;
	plan_heading(&head, p);
	if (md) {
		gl_str_puts(out, "# ");
		put_md(out, gl_str_cstr(&head));
		gl_str_puts(out, "\n");
	} else {
		gl_str_printf(out, "%s\n", gl_str_cstr(&head));
		for (size_t i = 0; i < strlen(gl_str_cstr(&head)); i++)
			if (((unsigned char)head.buf[i] & 0xc0) != 0x80)
				gl_str_putc(out, '=');
		gl_str_putc(out, '\n');
	}
	gl_str_finish(&head);
	for (int k = 0; k < GL_FINDING_KINDS; k++) {
		gl_str_printf(out, md ? "\n## %s\n" : "\n%s\n", _(kind_captions[k]));
		if (p->n[k] == 0)
			gl_str_printf(out, md ? "\n_%s_\n" : "  (%s)\n", _("none yet"));
		for (size_t i = 0; i < p->n[k]; i++) {
			const struct gl_plan_finding *f = &p->findings[k][i];
			if (md) {
				gl_str_printf(out, "\n### %zu. ", i + 1);
				put_md(out, f->title);
			} else {
				gl_str_printf(out, "  %zu. %s", i + 1, f->title ? f->title : "");
			}
			if (f->ranked) {
				gl_str_puts(out, md ? " _(" : " (");
				if (f->rank_note && *f->rank_note) {
					struct gl_str note = GL_STR_INIT;
					gl_round_note_render(f->rank_note, &note);
					md ? put_md(out, gl_str_cstr(&note)) :
						(void)gl_str_puts(out, gl_str_cstr(&note));
					gl_str_finish(&note);
				} else
					put_number(out, f->rank_score);
				gl_str_puts(out, md ? ")_" : ")");
			}
			gl_str_putc(out, '\n');
			if (f->description && *f->description) {
				gl_str_puts(out, md ? "\n" : "     ");
				put_lines(out, f->description, md ? "" : "     ", md);
				gl_str_putc(out, '\n');
			}
			if (md && f->nevidence)
				gl_str_putc(out, '\n');
			for (size_t j = 0; j < f->nevidence; j++) {
				const struct gl_plan_evidence *e = &f->evidence[j];
				if (e->type == GL_EVIDENCE_CODING && md) {
					gl_str_puts(out, "> ");
					put_lines(out, e->quote, "> ", true);
					gl_str_puts(out, "  \n> — ");
					put_attribution(out, e, true);
					gl_str_puts(out, "\n\n");
				} else if (e->type == GL_EVIDENCE_CODING) {
					gl_str_puts(out, "     - \"");
					put_lines(out, e->quote, "       ", false);
					gl_str_puts(out, "\" — ");
					put_attribution(out, e, false);
					gl_str_putc(out, '\n');
				} else if (e->type == GL_EVIDENCE_SURVEY) {
					gl_str_puts(out, md ? "- " : "     - ");
					put_survey(out, e, md);
					gl_str_putc(out, '\n');
				} else {
					struct gl_str t = GL_STR_INIT;
					gl_str_printf(&t, _("Supported by %s: %s (%s)"), e->school ? e->school : "",
						e->title ? e->title : "", kind_caption_of(e->kind));
					gl_str_puts(out, md ? "- " : "     - ");
					md ? put_md(out, gl_str_cstr(&t)) : (void)gl_str_puts(out, gl_str_cstr(&t));
					gl_str_putc(out, '\n');
					gl_str_finish(&t);
				}
			}
		}
	}
}

static cJSON *str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *plan_json(const struct gl_plan *p)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "level", p->school ? "school" : "municipality");
	cJSON_AddItemToObject(root, "school", str_or_null(p->school));
	for (int k = 0; k < GL_FINDING_KINDS; k++) {
		cJSON *list = cJSON_AddArrayToObject(root, kind_keys[k]);
		for (size_t i = 0; i < p->n[k]; i++) {
			const struct gl_plan_finding *f = &p->findings[k][i];
			cJSON *o = cJSON_CreateObject();
			cJSON_AddNumberToObject(o, "id", (double)f->id);
			cJSON_AddStringToObject(o, "uuid", f->uuid);
			cJSON_AddItemToObject(o, "title", str_or_null(f->title));
			cJSON_AddItemToObject(o, "description", str_or_null(f->description));
			cJSON_AddItemToObject(o, "author", str_or_null(f->author));
			cJSON_AddNumberToObject(o, "position", (double)f->position);
			if (f->ranked) {
				cJSON *r = cJSON_AddObjectToObject(o, "rank");
				cJSON_AddNumberToObject(r, "score", f->rank_score);
				struct gl_str note = GL_STR_INIT;
				gl_round_note_render(f->rank_note, &note);
				cJSON_AddItemToObject(r, "note",
					str_or_null(f->rank_note ? gl_str_cstr(&note) : NULL));
				gl_str_finish(&note);
			} else {
				cJSON_AddNullToObject(o, "rank");
			}
			cJSON *ev = cJSON_AddArrayToObject(o, "evidence");
			for (size_t j = 0; j < f->nevidence; j++) {
				const struct gl_plan_evidence *e = &f->evidence[j];
				cJSON *x = cJSON_CreateObject();
				if (e->type == GL_EVIDENCE_CODING) {
					cJSON_AddStringToObject(x, "type", "coding");
					cJSON_AddNumberToObject(x, "id", (double)e->id);
					cJSON_AddItemToObject(x, "quote", str_or_null(e->quote));
					cJSON_AddItemToObject(x, "school", str_or_null(e->school));
					cJSON_AddItemToObject(x, "group", str_or_null(e->group));
					cJSON_AddItemToObject(x, "group_key", str_or_null(e->group_key));
					cJSON_AddItemToObject(x, "author", str_or_null(e->author));
					cJSON_AddBoolToObject(x, "author_named", e->author_named);
					cJSON_AddItemToObject(x, "code", str_or_null(e->code));
					cJSON_AddNumberToObject(x, "letter_id", (double)e->letter_id);
					cJSON_AddItemToObject(x, "letter_title", str_or_null(e->letter_title));
					cJSON_AddNumberToObject(x, "start", (double)e->start);
					cJSON_AddNumberToObject(x, "end", (double)e->end);
				} else if (e->type == GL_EVIDENCE_SURVEY) {
					cJSON_AddStringToObject(x, "type", "survey");
					cJSON_AddNumberToObject(x, "id", (double)e->id);
					cJSON_AddItemToObject(x, "school", str_or_null(e->school));
					cJSON_AddItemToObject(x, "survey", str_or_null(e->survey));
					cJSON_AddNumberToObject(x, "year", e->year);
					cJSON_AddItemToObject(x, "group", str_or_null(e->group));
					cJSON_AddItemToObject(x, "group_key", str_or_null(e->group_key));
					cJSON_AddItemToObject(x, "item", str_or_null(e->item));
					cJSON_AddNumberToObject(x, "value", e->value);
					if (e->has_mean)
						cJSON_AddNumberToObject(x, "municipal_mean", e->municipal_mean);
					else
						cJSON_AddNullToObject(x, "municipal_mean");
				} else {
					cJSON_AddStringToObject(x, "type", "finding");
					cJSON_AddNumberToObject(x, "id", (double)e->id);
					cJSON_AddItemToObject(x, "school", str_or_null(e->school));
					cJSON_AddItemToObject(x, "title", str_or_null(e->title));
					cJSON_AddItemToObject(x, "kind", str_or_null(e->kind));
				}
				cJSON_AddItemToArray(ev, x);
			}
			cJSON_AddItemToArray(list, o);
		}
	}
	return root;
}

int cmd_plan(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "school", required_argument, NULL, 's' }, { "format", required_argument, NULL, 'f' },
		{ 0 } };
	const char *school = NULL;
	enum { TEXT, MARKDOWN, JSON } fmt = TEXT;
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 's': school = optarg; break;
		case 'f':
			if (!strcmp(optarg, "text"))
				fmt = TEXT;
			else if (!strcmp(optarg, "markdown") || !strcmp(optarg, "md"))
				fmt = MARKDOWN;
			else if (!strcmp(optarg, "json"))
				fmt = JSON;
			else
				return cli_usage("plan", _("unknown format '%s' (valid: text, markdown, json)"),
					optarg);
			break;
		case 'h': return cli_help(&help_plan);
		case ':': return cli_usage("plan", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("plan", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("plan", _("unexpected argument '%s'"), argv[optind]);
	struct gl_store *s = NULL;
	int rc = cli_open_store(c, &s);
	if (rc != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	struct gl_plan p;
	int64_t school_id = 0;
	memset(&p, 0, sizeof p);
	enum gl_status st = school ? gl_store_school_find(s, school, &school_id, &err) : GL_OK;
	if (st == GL_OK)
		st = gl_plan_read(s, school_id, &p, &err);
	if (st == GL_OK && fmt == JSON) {
		cJSON *root = plan_json(&p);
		char *text = root ? cJSON_Print(root) : NULL;
		if (text) {
			cli_json_write(stdout, text);
			putchar('\n');
		} else {
			st = gl_error_set(&err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		}
		free(text);
		cJSON_Delete(root);
	} else if (st == GL_OK) {
		struct gl_str out = GL_STR_INIT;
		plan_text(&out, &p, fmt == MARKDOWN);
		/* blocks end with a blank line; never two in a row */
		size_t w = 0;
		for (size_t r = 0; r < out.len; r++)
			if (!(out.buf[r] == '\n' && w >= 2 && out.buf[w - 1] == '\n' &&
				out.buf[w - 2] == '\n'))
				out.buf[w++] = out.buf[r];
		out.len = w;
		cli_print_escaped(stdout, gl_str_cstr(&out), out.len, GL_ESCAPE_KEEP_BREAKS);
		gl_str_finish(&out);
	}
	if (st != GL_OK)
		rc = cli_fail(&err);
	gl_plan_finish(&p);
	gl_store_close(s);
	return rc;
}
