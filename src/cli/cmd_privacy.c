/* Privacy commands: erase (a person's letters, a letter, a school), redact (a passage), log. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "genomlys/clean.h"
#include "genomlys/i18n.h"
#include "genomlys/ranking.h"
#include "genomlys/span.h"

static const struct cli_command help_erase = { "erase", NULL,
	N_("genomlys erase (--author NAME | --letter ID | --school NAME) [--yes] [--db PATH]"),
	N_("Erases a person's letters (--author), one letter, or a school with everything of it: "
	"the letters, their codings, classifications, memos, evidence links and search-index "
	"entries, and for a school its findings and survey results. The text is then gone from the "
	"file's bytes too (its WAL and SHM included). The audit log keeps that an erasure happened, "
	"not what was erased. It cannot be undone. Asks first on a terminal; --yes answers for "
	"scripts.") };
static const struct cli_command help_redact = { "redact", NULL,
	N_("genomlys redact LETTER_ID --span START:END [--with TEXT] [--db PATH]"),
	N_("Replaces a passage of a letter (a name, an identifying detail) with a marker, [...] "
	"unless --with gives another. Codings after it move with the text; a coding that overlaps "
	"it keeps what is left outside it, and one inside it is removed (and said so). The old "
	"text is then gone from the file's bytes, as with erase.") };
static const struct cli_command help_log = { "log", NULL,
	N_("genomlys log [--coder NAME] [--since DATE] [--format table|tsv|json] [--db PATH]"),
	N_("Shows who changed what and when, oldest first, from the project's audit log. --coder "
	"keeps one person's changes; --since a date YYYY-MM-DD or time YYYY-MM-DDTHH:MM (UTC) keeps "
	"those from then on.") };

/* Asks on the terminal; false when the answer is not yes or there is no terminal to ask. */
static bool confirm(const char *question)
{
	if (!isatty(STDIN_FILENO))
		return false;
	cli_print_escaped(stderr, question, strlen(question), 0);
	fputs(_(" [y/N] "), stderr);
	fflush(stderr);
	char line[64];
	if (!fgets(line, sizeof line, stdin))
		return false;
	return line[0] == 'y' || line[0] == 'Y' || line[0] == 'j' || line[0] == 'J';
}

static void print_text(FILE *fp, const char *text)
{
	cli_print_escaped(fp, text, strlen(text), GL_ESCAPE_KEEP_BREAKS);
}

/* "3 letters, 5 codings, 1 memo" of what an erasure takes. */
static void erase_summary(const struct gl_erase_counts *n, struct gl_str *out)
{
	gl_str_printf(out, ngettext("%lld letter", "%lld letters", n->letters),
		(long long)n->letters);
	gl_str_printf(out, ngettext(", %lld coding", ", %lld codings", n->codings),
		(long long)n->codings);
	gl_str_printf(out, ngettext(", %lld classification", ", %lld classifications",
		n->classifications), (long long)n->classifications);
	gl_str_printf(out, ngettext(", %lld memo", ", %lld memos", n->memos), (long long)n->memos);
	if (n->findings || n->survey_results) {
		gl_str_printf(out, ngettext(", %lld finding", ", %lld findings", n->findings),
			(long long)n->findings);
		gl_str_printf(out, ngettext(", %lld survey result", ", %lld survey results",
			n->survey_results), (long long)n->survey_results);
	}
}

int cmd_erase(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "author", required_argument, NULL, 'a' }, { "letter", required_argument, NULL, 'l' },
		{ "school", required_argument, NULL, 's' }, { "yes", no_argument, NULL, 'y' }, { 0 } };
	const char *author = NULL, *letter = NULL, *school = NULL;
	bool yes = false;
	int ch;
	optind = 0;  /* 0, not 1: glibc re-reads the option string (permuting) */
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'a': author = optarg; break;
		case 'l': letter = optarg; break;
		case 's': school = optarg; break;
		case 'y': yes = true; break;
		case 'h': return cli_help(&help_erase);
		case ':': return cli_usage("erase", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("erase", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("erase", _("unexpected argument '%s'"), argv[optind]);
	if (!!author + !!letter + !!school != 1)
		return cli_usage("erase", _("give exactly one of --author NAME, --letter ID and "
			"--school NAME"));
	int64_t id = 0;
	int rc;
	if (letter && (rc = cli_parse_id("erase", letter, _("is not a letter id (a positive number)"),
		&id)) != EXIT_OK)
		return rc;
	const char *name = author ? author : school;
	if (name && !*name)
		return cli_usage("erase", _("%s: the name is empty"), author ? "--author" : "--school");
	enum gl_erase_kind kind = author ? GL_ERASE_AUTHOR : letter ? GL_ERASE_LETTER
		: GL_ERASE_SCHOOL;
	struct gl_store *s;
	if ((rc = cli_open_store(c, &s)) != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	struct gl_erase_counts n;
	struct gl_str what = GL_STR_INIT, q = GL_STR_INIT;
	enum gl_status st = gl_store_erase(s, kind, name, id, true, &n, &err);
	if (st != GL_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	erase_summary(&n, &what);
	if (kind == GL_ERASE_AUTHOR)
		gl_str_printf(&q, _("Erase the letters of '%s' (%s)? This cannot be undone."), name,
			gl_str_cstr(&what));
	else if (kind == GL_ERASE_LETTER)
		gl_str_printf(&q, _("Erase letter %lld (%s)? This cannot be undone."), (long long)id,
			gl_str_cstr(&what));
	else
		gl_str_printf(&q, _("Erase the school '%s' with everything of it (%s)? This cannot be "
			"undone."), name, gl_str_cstr(&what));
	if (!yes && !confirm(gl_str_cstr(&q))) {
		fprintf(stderr, isatty(STDIN_FILENO) ? _("genomlys: nothing was erased\n")
			: _("genomlys: erase asks before it erases; give --yes to erase without a "
			"question\n"));
		rc = isatty(STDIN_FILENO) ? EXIT_RUNTIME : EXIT_USAGE;
		goto out;
	}
	if ((st = gl_store_erase(s, kind, name, id, false, &n, &err)) != GL_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	gl_str_clear(&q);
	gl_str_printf(&q, _("Erased %s.\n"), gl_str_cstr(&what));
	print_text(stdout, gl_str_cstr(&q));
	if (!n.wal_truncated)
		fprintf(stderr, _("genomlys: another program has the project open: the erased text may "
			"stay in its WAL file until that program closes the project\n"));
	rc = EXIT_OK;
out:
	gl_str_finish(&what);
	gl_str_finish(&q);
	gl_store_close(s);
	return rc;
}

int cmd_redact(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "span", required_argument, NULL, 's' }, { "with", required_argument, NULL, 'w' },
		{ 0 } };
	const char *span = NULL, *with = NULL;
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 's': span = optarg; break;
		case 'w': with = optarg; break;
		case 'h': return cli_help(&help_redact);
		case ':': return cli_usage("redact", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("redact", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage("redact", _("expected one LETTER_ID"));
	if (!span)
		return cli_usage("redact", _("give the passage with --span START:END"));
	int64_t id;
	int rc;
	if ((rc = cli_parse_id("redact", argv[optind], _("is not a letter id (a positive number)"),
		&id)) != EXIT_OK)
		return rc;
	struct gl_span sp;
	if (!gl_span_parse(span, &sp))
		return cli_usage("redact", _("'%s' is not a span START:END (code points, END > START)"),
			span);
	if (with && !with[strspn(with, " \t\n\r")])
		return cli_usage("redact", _("--with: the marker is empty; a redaction must stay "
			"visible in the letter (leave out --with for […])"));
	struct gl_str marker = GL_STR_INIT;
	if (with && *with && (rc = cli_clean("redact", "--with", with, false, &marker)) != EXIT_OK) {
		gl_str_finish(&marker);
		return rc;
	}
	struct gl_store *s;
	if ((rc = cli_open_store(c, &s)) != EXIT_OK) {
		gl_str_finish(&marker);
		return rc;
	}
	struct gl_error err = { 0 };
	struct gl_redact_result r;
	enum gl_status st = gl_store_redact(s, id, sp.start, sp.end,
		with ? gl_str_cstr(&marker) : NULL, &r, &err);
	if (st != GL_OK) {
		rc = cli_fail(&err);
	} else {
		printf(_("Redacted letter %lld, %lld:%lld; codings moved: %lld, shortened: %lld, "
			"removed: %lld\n"), (long long)id, (long long)sp.start, (long long)sp.end,
			(long long)r.shifted, (long long)r.shrunk, (long long)r.removed);
		if (r.removed)
			fprintf(stderr, ngettext("genomlys: %lld coding lay inside the passage and was "
				"removed\n", "genomlys: %lld codings lay inside the passage and were removed\n",
				r.removed), (long long)r.removed);
		if (!r.wal_truncated)
			fprintf(stderr, _("genomlys: another program has the project open: the old text "
				"may stay in its WAL file until that program closes the project\n"));
	}
	gl_str_finish(&marker);
	gl_store_close(s);
	return rc;
}

/* A closed round's note on an area ("rank" rows) is stored as figures, "schulze=1;borda=21;
 * w=0.70448179271708689;ballots=6": shown in words, as the Findings pane and plan show it. */
struct log_out {
	struct cli_out *o;
	struct gl_str note;
};

static int log_row(void *ctx, const struct gl_row *r)
{
	struct log_out *l = ctx;
	int action = -1, detail = -1;
	for (int i = 0; i < r->ncols; i++) {
		if (!strcmp(r->names[i], "action"))
			action = i;
		else if (!strcmp(r->names[i], "detail"))
			detail = i;
	}
	if (action < 0 || detail < 0 || r->values[action].type != GL_VAL_TEXT ||
		strcmp(r->values[action].s, "rank") || r->values[detail].type != GL_VAL_TEXT ||
		r->ncols > 16)
		return cli_out_row(l->o, r);
	struct gl_value v[16];
	memcpy(v, r->values, (size_t)r->ncols * sizeof v[0]);
	gl_round_note_render(r->values[detail].s, &l->note);
	v[detail] = (struct gl_value){ .type = GL_VAL_TEXT, .s = gl_str_cstr(&l->note),
		.len = l->note.len };
	return cli_out_row(l->o, &(struct gl_row){ r->ncols, r->names, v });
}

int cmd_log(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "coder", required_argument, NULL, 'r' }, { "since", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' }, { 0 } };
	struct gl_audit_filter f = { NULL, NULL };
	enum cli_format fmt = CLI_TABLE;
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'r': f.actor = optarg; break;
		case 's': f.since = optarg; break;
		case 'f':
			if (!cli_format_parse(optarg, &fmt, false))
				return cli_usage("log", _("unknown format '%s' (table, tsv or json)"), optarg);
			break;
		case 'h': return cli_help(&help_log);
		case ':': return cli_usage("log", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("log", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("log", _("unexpected argument '%s'"), argv[optind]);
	struct gl_store *s;
	int rc = cli_open_store(c, &s);
	if (rc != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	struct cli_out *o = cli_out_create(stdout, fmt);
	struct log_out lo = { o, GL_STR_INIT };
	enum gl_status st = o ? gl_store_audit_log(s, &f, log_row, &lo, &err) : GL_ENOMEM;
	gl_str_finish(&lo.note);
	if (st == GL_OK)
		cli_out_empty(o, _("(no changes)"));
	cli_out_finish(o);
	if (st == GL_ENOMEM && !o)
		gl_error_set(&err, st, "%s", gl_status_str(st));
	if (st != GL_OK)
		rc = st == GL_EINVAL ? cli_usage("log", "%s", err.message) : cli_fail(&err);
	gl_store_close(s);
	return rc;
}

static const struct cli_command help_pseudonymise = { "pseudonymise", NULL,
	N_("genomlys pseudonymise --authors [--apply [--yes]] [--format table|tsv|json] [--db PATH]"),
	N_("Lists each letter's author with the stable pseudonym that plans and exports use "
	"(\"Elev 3, Norrskolan\": the group, the author's number among the school's authors of that "
	"group, the school). With --apply each letter's author field is replaced by its pseudonym, "
	"and the names are then gone from the file's bytes, as with erase; audit rows that named an "
	"author lose their detail. Names written in the letters' text are not changed: remove them "
	"with redact. It cannot be undone. --apply asks first on a terminal; --yes answers for "
	"scripts.") };

int cmd_pseudonymise(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "authors", no_argument, NULL, 'a' }, { "apply", no_argument, NULL, 'A' },
		{ "yes", no_argument, NULL, 'y' }, { "format", required_argument, NULL, 'f' }, { 0 } };
	bool authors = false, apply = false, yes = false;
	enum cli_format fmt = CLI_TABLE;
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'a': authors = true; break;
		case 'A': apply = true; break;
		case 'y': yes = true; break;
		case 'f':
			if (!cli_format_parse(optarg, &fmt, false))
				return cli_usage("pseudonymise", _("unknown format '%s' (table, tsv or json)"),
					optarg);
			break;
		case 'h': return cli_help(&help_pseudonymise);
		case ':': return cli_usage("pseudonymise", _("option '%s' needs a value"),
			argv[optind - 1]);
		default: return cli_usage("pseudonymise", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("pseudonymise", _("unexpected argument '%s'"), argv[optind]);
	if (!authors)
		return cli_usage("pseudonymise", _("say what to pseudonymise: --authors"));
	struct gl_store *s;
	int rc = cli_open_store(c, &s);
	if (rc != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	int64_t n = 0;
	bool truncated = true;
	enum gl_status st = GL_OK;
	if (apply && !yes) {
		/* how many letters the question is about: a run that changes nothing */
		if ((st = gl_store_pseudonymise_authors(s, false, NULL, NULL, &n, NULL, &err))
			!= GL_OK) {
			rc = cli_fail(&err);
			goto out;
		}
		struct gl_str q = GL_STR_INIT;
		gl_str_printf(&q, ngettext("Replace the author's name of %lld letter with its "
			"pseudonym? Names in the letters' text are not changed. This cannot be undone.",
			"Replace the authors' names of %lld letters with their pseudonyms? Names in the "
			"letters' text are not changed. This cannot be undone.", n), (long long)n);
		bool ok = n == 0 || confirm(gl_str_cstr(&q));
		gl_str_finish(&q);
		if (!ok) {
			fprintf(stderr, isatty(STDIN_FILENO) ? _("genomlys: no name was replaced\n")
				: _("genomlys: pseudonymise --apply asks before it replaces the names; give "
				"--yes to replace them without a question\n"));
			rc = isatty(STDIN_FILENO) ? EXIT_RUNTIME : EXIT_USAGE;
			goto out;
		}
	}
	struct cli_out *o = apply ? NULL : cli_out_create(stdout, fmt);
	st = gl_store_pseudonymise_authors(s, apply, o ? cli_out_row : NULL, o, &n, &truncated,
		&err);
	if (st == GL_OK)
		cli_out_empty(o, _("(no authors' names to replace)"));
	cli_out_finish(o);
	if (st != GL_OK) {
		rc = cli_fail(&err);
	} else if (apply) {
		printf(ngettext("Replaced the author's name of %lld letter with its pseudonym.\n",
			"Replaced the authors' names of %lld letters with their pseudonyms.\n", n),
			(long long)n);
		if (!truncated)
			fprintf(stderr, _("genomlys: another program has the project open: the names may "
				"stay in its WAL file until that program closes the project\n"));
	}
out:
	gl_store_close(s);
	return rc;
}
