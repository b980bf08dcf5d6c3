/* Coding from the command line: code, uncode, classify, codebook (same core calls as the TUI). */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/export.h"
#include "genomlys/i18n.h"
#include "genomlys/span.h"
#include "genomlys/utf8.h"


static const struct cli_command help_code = { "code", NULL,
	N_("genomlys code LETTER_ID --code NAME --coder NAME (--span START:END | --match TEXT "
	"[--nth N]) [--memo TEXT] [--db PATH]"),
	N_("Codes a span of a letter. Offsets are Unicode code points in the stored text, END "
	"exclusive; --match codes the Nth occurrence of the exact text.") };
static const struct cli_command help_uncode = { "uncode", NULL,
	N_("genomlys uncode CODING_ID [--db PATH]"), N_("Removes one coding.") };
static const struct cli_command help_classify = { "classify", NULL,
	N_("genomlys classify LETTER_ID --category NAME --value VALUE --coder NAME [--db PATH]"),
	N_("Sets a coder's value of an exclusive category for a whole letter; VALUE is the value's "
	"name or number, or 'none' to clear it.") };
static const struct cli_command help_codebook = { "codebook", NULL,
	N_("genomlys codebook add NAME [--parent CATEGORY] [--description TEXT] [--color COLOUR] "
	"[--exclusive] [--value N]\n"
	"       genomlys codebook rename CODE NEW-NAME\n"
	"       genomlys codebook describe CODE [--description TEXT] [--color COLOUR]\n"
	"       genomlys codebook move CODE (--parent CATEGORY | --top)\n"
	"       genomlys codebook merge CODE INTO-CODE\n"
	"       genomlys codebook delete CODE [--yes]\n"
	"       genomlys codebook export [--output FILE]"),
	N_("Edits the codebook. CODE is a name or 'Category > Code'. Deleting a code that has "
	"codings needs --yes. export writes the codebook as CSV (the import format).") };

static long long parse_id(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	return *end || end == s || v <= 0 ? -1 : v;
}

/* Opens the store and makes the coder the actor of the audit log. */
static int open_as(struct cli *c, const char *coder, struct gl_store **s, int64_t *coder_id)
{
	int rc = cli_open_store(c, s);
	if (rc != EXIT_OK)
		return rc;
	if (coder) {
		struct gl_error err = { 0 };
		if (gl_store_coder_ensure(*s, coder, coder_id, NULL, &err) != GL_OK) {
			gl_store_close(*s);
			*s = NULL;
			return cli_fail(&err);
		}
		gl_store_set_actor(*s, coder);
	}
	return EXIT_OK;
}

int cmd_code(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "code", required_argument, NULL, 'c' }, { "coder", required_argument, NULL, 'r' },
		{ "span", required_argument, NULL, 's' }, { "match", required_argument, NULL, 'm' },
		{ "nth", required_argument, NULL, 'n' }, { "memo", required_argument, NULL, 'M' },
		{ 0 } };
	const char *code = NULL, *coder = NULL, *span = NULL, *match = NULL, *memo = NULL;
	long nth = 1;
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'c': code = optarg; break;
		case 'r': coder = optarg; break;
		case 's': span = optarg; break;
		case 'm': match = optarg; break;
		case 'n': {
			char *end;
			nth = strtol(optarg, &end, 10);
			if (*end || nth < 1)
				return cli_usage("code", _("--nth takes a number from 1"));
			break;
		}
		case 'M': memo = optarg; break;
		case 'h': return cli_help(&help_code);
		case ':': return cli_usage("code", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("code", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage("code", _("expected one LETTER_ID"));
	long long letter = parse_id(argv[optind]);
	if (letter < 0)
		return cli_usage("code", _("'%s' is not a letter id (a positive number)"), argv[optind]);
	if (!code || !coder)
		return cli_usage("code", _("--code and --coder are required"));
	if (!span == !match)
		return cli_usage("code", _("give exactly one of --span START:END and --match TEXT"));
	struct gl_span sp = { 0, 0 };
	if (span && !gl_span_parse(span, &sp))
		return cli_usage("code", _("'%s' is not a span START:END (code points, END > START)"),
			span);
	if (match && !gl_utf8_valid(match, strlen(match), NULL))
		return cli_usage("code", _("the --match text is not valid UTF-8"));
	struct gl_store *s;
	int64_t coder_id = 0, code_id = 0, id = 0;
	int rc = open_as(c, coder, &s, &coder_id);
	if (rc != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	struct gl_document d;
	bool have_doc = false;
	if (gl_store_code_find(s, code, &code_id, &err) != GL_OK)
		goto fail;
	if (gl_store_document_get(s, letter, &d, &err) != GL_OK)
		goto fail;
	have_doc = true;
	if (match) {
		enum gl_status st = gl_span_find(d.text, d.text_len, match, (int)nth, &sp);
		if (st != GL_OK) {
			if (nth > 1)
				gl_error_set(&err, st, _("letter %lld has fewer than %ld occurrences of '%s'"),
					letter, nth, match);
			else
				gl_error_set(&err, st, _("letter %lld does not contain '%s'"), letter, match);
			goto fail;
		}
	}
	struct gl_coding k = { letter, code_id, coder_id, sp.start, sp.end, memo, NULL };
	if (gl_store_coding_insert(s, &k, &id, &err) != GL_OK)
		goto fail;
	size_t b0 = gl_utf8_offset(d.text, d.text_len, (size_t)sp.start);
	size_t b1 = gl_utf8_offset(d.text, d.text_len, (size_t)sp.end);
	printf(_("Coding %lld: letter %lld, %lld:%lld \"%.*s\" as %s by %s\n"), (long long)id,
		letter, (long long)sp.start, (long long)sp.end, (int)(b1 - b0), d.text + b0, code, coder);
	gl_document_finish(&d);
	gl_store_close(s);
	return EXIT_OK;
fail:
	if (have_doc)
		gl_document_finish(&d);
	gl_store_close(s);
	return cli_fail(&err);
}

int cmd_uncode(struct cli *c, int argc, char **argv)
{
	int rc = cli_parse_plain(c, argc, argv, &help_uncode);
	if (rc != CLI_CONTINUE)
		return rc;
	if (optind + 1 != argc)
		return cli_usage("uncode", _("expected one CODING_ID"));
	long long id = parse_id(argv[optind]);
	if (id < 0)
		return cli_usage("uncode", _("'%s' is not a coding id (a positive number)"),
			argv[optind]);
	struct gl_store *s;
	if ((rc = cli_open_store(c, &s)) != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	if (gl_store_coding_delete(s, id, &err) != GL_OK)
		rc = cli_fail(&err);
	else
		printf(_("Removed coding %lld\n"), id);
	gl_store_close(s);
	return rc;
}

int cmd_classify(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "category", required_argument, NULL, 'C' }, { "value", required_argument, NULL, 'v' },
		{ "coder", required_argument, NULL, 'r' }, { 0 } };
	const char *category = NULL, *value = NULL, *coder = NULL;
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'C': category = optarg; break;
		case 'v': value = optarg; break;
		case 'r': coder = optarg; break;
		case 'h': return cli_help(&help_classify);
		case ':': return cli_usage("classify", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("classify", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage("classify", _("expected one LETTER_ID"));
	long long letter = parse_id(argv[optind]);
	if (letter < 0)
		return cli_usage("classify", _("'%s' is not a letter id (a positive number)"),
			argv[optind]);
	if (!category || !value || !coder)
		return cli_usage("classify", _("--category, --value and --coder are required"));
	struct gl_store *s;
	int64_t coder_id = 0, cat = 0, val = 0;
	int rc = open_as(c, coder, &s, &coder_id);
	if (rc != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	struct gl_document d;
	bool clear = !strcmp(value, "none");
	if (gl_store_code_find(s, category, &cat, &err) == GL_OK &&
		(clear || gl_store_category_value_find(s, cat, value, &val, &err) == GL_OK) &&
		gl_store_document_get(s, letter, &d, &err) == GL_OK) {
		gl_document_finish(&d);
		if (gl_store_classify(s, letter, cat, val, coder_id, NULL, &err) == GL_OK) {
			if (clear)
				printf(_("Letter %lld: %s cleared by %s\n"), letter, category, coder);
			else
				printf(_("Letter %lld: %s = %s by %s\n"), letter, category, value, coder);
			gl_store_close(s);
			return EXIT_OK;
		}
	}
	gl_store_close(s);
	return cli_fail(&err);
}

/* ---- codebook ---- */

static int codebook_find(struct gl_store *s, const char *name, int64_t *id)
{
	struct gl_error err = { 0 };
	if (gl_store_code_find(s, name, id, &err) != GL_OK)
		return cli_fail(&err);
	return EXIT_OK;
}

static int codebook_export(struct gl_store *s, const char *output)
{
	struct gl_error err = { 0 };
	enum gl_status st = output ? gl_export_codebook_csv_file(s, output, &err)
		: gl_export_codebook_csv(s, stdout, &err);
	return st == GL_OK ? EXIT_OK : cli_fail(&err);
}

int cmd_codebook(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "parent", required_argument, NULL, 'p' }, { "top", no_argument, NULL, 't' },
		{ "description", required_argument, NULL, 'D' }, { "color", required_argument, NULL, 'c' },
		{ "colour", required_argument, NULL, 'c' }, { "exclusive", no_argument, NULL, 'x' },
		{ "value", required_argument, NULL, 'v' }, { "yes", no_argument, NULL, 'y' },
		{ "output", required_argument, NULL, 'o' }, { 0 } };
	const char *parent = NULL, *desc = NULL, *color = NULL, *value = NULL, *output = NULL;
	bool top = false, exclusive = false, yes = false;
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'p': parent = optarg; break;
		case 't': top = true; break;
		case 'D': desc = optarg; break;
		case 'c': color = optarg; break;
		case 'x': exclusive = true; break;
		case 'v': value = optarg; break;
		case 'y': yes = true; break;
		case 'o': output = optarg; break;
		case 'h': return cli_help(&help_codebook);
		case ':': return cli_usage("codebook", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("codebook", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("codebook", _("expected add, rename, describe, move, merge, delete or "
			"export"));
	const char *verb = argv[optind];
	int nargs = argc - optind - 1;
	char **args = argv + optind + 1;
	static const struct { const char *verb; int nargs; } verbs[] = { { "add", 1 },
		{ "rename", 2 }, { "describe", 1 }, { "move", 1 }, { "merge", 2 }, { "delete", 1 },
		{ "export", 0 } };
	int want = -1;
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (!strcmp(verb, verbs[i].verb))
			want = verbs[i].nargs;
	if (want < 0)
		return cli_usage("codebook", _("unknown codebook action '%s'"), verb);
	if (nargs != want)
		return cli_usage("codebook", ngettext("'codebook %s' takes %d argument",
			"'codebook %s' takes %d arguments", (unsigned long)want), verb, want);
	double num = 0;
	if (value) {
		char *end;
		num = strtod(value, &end);
		if (*end || end == value)
			return cli_usage("codebook", _("--value takes a number, not '%s'"), value);
	}
	if (!strcmp(verb, "move") && !parent == !top)
		return cli_usage("codebook", _("move needs --parent CATEGORY or --top"));
	struct gl_store *s;
	int rc = cli_open_store(c, &s);
	if (rc != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	int64_t id = 0, other = 0, n = 0;
	enum gl_status st = GL_OK;
	if (!strcmp(verb, "export")) {
		rc = codebook_export(s, output);
	} else if (!strcmp(verb, "add")) {
		struct gl_code code = { 0 };
		code.name = args[0];
		code.description = desc;
		code.color = color;
		code.exclusive = exclusive;
		code.has_value = value != NULL;
		code.value = num;
		if (parent && (rc = codebook_find(s, parent, &code.parent_id)) != EXIT_OK)
			goto out;
		if ((st = gl_store_code_insert(s, &code, &id, &err)) == GL_OK)
			printf(_("Added code %lld: %s%s%s\n"), (long long)id, parent ? parent : "",
				parent ? " > " : "", args[0]);
	} else if ((rc = codebook_find(s, args[0], &id)) != EXIT_OK) {
		goto out;
	} else if (!strcmp(verb, "rename")) {
		if ((st = gl_store_code_rename(s, id, args[1], &err)) == GL_OK)
			printf(_("Renamed %s to %s\n"), args[0], args[1]);
	} else if (!strcmp(verb, "describe")) {
		if (!desc && !color) {
			rc = cli_usage("codebook", _("describe needs --description or --color"));
			goto out;
		}
		if ((st = gl_store_code_describe(s, id, desc, color, &err)) == GL_OK)
			printf(_("Updated %s\n"), args[0]);
	} else if (!strcmp(verb, "move")) {
		if (parent && (rc = codebook_find(s, parent, &other)) != EXIT_OK)
			goto out;
		if ((st = gl_store_code_move(s, id, other, &err)) == GL_OK)
			printf(parent ? _("Moved %s under %s\n") : _("Moved %s to the top level\n"), args[0],
				parent);
	} else if (!strcmp(verb, "merge")) {
		if ((rc = codebook_find(s, args[1], &other)) != EXIT_OK)
			goto out;
		if ((st = gl_store_code_merge(s, id, other, &n, &err)) == GL_OK)
			printf(ngettext("Merged %s into %s (%lld coding moved)\n",
				"Merged %s into %s (%lld codings moved)\n", (unsigned long)n), args[0], args[1],
				(long long)n);
	} else if (!strcmp(verb, "delete")) {
		if ((st = gl_store_code_usage(s, id, &n, &err)) == GL_OK && n > 0 && !yes) {
			gl_error_set(&err, GL_EINVAL, ngettext("deleting %s would remove %lld coding; add "
				"--yes to delete it with it", "deleting %s would remove %lld codings; add --yes to "
				"delete it with them", (unsigned long)n), args[0], (long long)n);
			st = GL_EINVAL;
		} else if (st == GL_OK && (st = gl_store_code_delete(s, id, &n, &err)) == GL_OK) {
			printf(ngettext("Deleted %s (%lld coding removed)\n", "Deleted %s (%lld codings "
				"removed)\n", (unsigned long)n), args[0], (long long)n);
		}
	}
	if (st != GL_OK)
		rc = cli_fail(&err);
out:
	gl_store_close(s);
	return rc;
}
