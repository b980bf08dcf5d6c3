/* Coding from the command line: code, uncode, classify, codebook (same core calls as the TUI). */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/clean.h"
#include "genomlys/export.h"
#include "genomlys/i18n.h"
#include "genomlys/num.h"
#include "genomlys/outfile.h"
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
	"       genomlys codebook export [--output FILE [--force]]"),
	N_("Edits the codebook. CODE is a name or 'Category > Code'. Deleting a code that has "
	"codings needs --yes. export writes the codebook as CSV (the import format); an existing "
	"FILE is replaced only with --force, and never the project.") };

/* Ends a command's one transaction: commit what went well, or roll back all of it. */
static enum gl_status finish(struct gl_store *s, enum gl_status st, struct gl_error *err)
{
	if (st == GL_OK)
		return gl_store_commit(s, err);
	gl_store_rollback(s);
	return st;
}

/* A coder named on the command line: created in the command's transaction (so a command that
 * fails creates nobody), and the actor of its audit rows. */
static enum gl_status coder_ensure(struct gl_store *s, const char *name, int64_t *id,
	struct gl_error *err)
{
	enum gl_status st = gl_store_coder_ensure(s, name, id, NULL, err);
	if (st == GL_OK)
		gl_store_set_actor(s, name);
	return st;
}

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

/* Where --span or --match puts the coding in the letter; the error names the letter. */
static enum gl_status find_span(const struct gl_document *d, int64_t letter, const char *match,
	int64_t nth, struct gl_span *sp, struct gl_error *err)
{
	if (!match) {
		if (sp->end > d->length)
			return gl_error_set(err, GL_EINVAL, _("span %lld:%lld is outside the letter (%lld "
				"characters)"), (long long)sp->start, (long long)sp->end, (long long)d->length);
		return GL_OK;
	}
	enum gl_status st = gl_span_find(d->text, d->text_len, match, (int)nth, sp);
	if (st == GL_OK)
		return GL_OK;
	if (nth > 1)
		return gl_error_set(err, st, _("letter %lld has fewer than %lld occurrences of '%s'"),
			(long long)letter, (long long)nth, match);
	return gl_error_set(err, st, _("letter %lld does not contain '%s'"), (long long)letter,
		match);
}

/* A --span argument: a usage error that says why when it is not one. */
static int parse_span(const char *arg, struct gl_span *sp)
{
	if (gl_span_parse(arg, sp))
		return EXIT_OK;
	/* "0:99999999999999999999" is refused as a number too large, not as a malformed span. */
	const char *colon = strchr(arg, ':');
	struct gl_error err = { 0 };
	int64_t v;
	if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1) &&
		gl_num_parse_int64(colon + 1, 0, INT64_MAX, &v, &err) != GL_OK)
		return cli_usage("code", "--span: %s", err.message);
	return cli_usage("code", _("'%s' is not a span START:END (code points, END > START)"), arg);
}

int cmd_code(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "code", required_argument, NULL, 'c' }, { "coder", required_argument, NULL, 'r' },
		{ "span", required_argument, NULL, 's' }, { "match", required_argument, NULL, 'm' },
		{ "nth", required_argument, NULL, 'n' }, { "memo", required_argument, NULL, 'M' },
		{ 0 } };
	const char *code = NULL, *coder = NULL, *span = NULL, *match = NULL, *memo = NULL;
	int64_t nth = 1;
	int ch, rc;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'c': code = optarg; break;
		case 'r': coder = optarg; break;
		case 's': span = optarg; break;
		case 'm': match = optarg; break;
		case 'n':
			if ((rc = cli_parse_int("code", "--nth", optarg, 1, INT32_MAX, &nth)) != EXIT_OK)
				return rc;
			break;
		case 'M': memo = optarg; break;
		case 'h': return cli_help(&help_code);
		case ':': return cli_usage("code", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("code", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage("code", _("expected one LETTER_ID"));
	int64_t letter;
	if ((rc = cli_parse_id("code", argv[optind], _("is not a letter id (a positive number)"),
		&letter)) != EXIT_OK)
		return rc;
	if (!code || !coder)
		return cli_usage("code", _("--code and --coder are required"));
	if (!span == !match)
		return cli_usage("code", _("give exactly one of --span START:END and --match TEXT"));
	struct gl_span sp = { 0, 0 };
	if (span && (rc = parse_span(span, &sp)) != EXIT_OK)
		return rc;
	if (match && !gl_utf8_valid(match, strlen(match), NULL))
		return cli_usage("code", _("the --match text is not valid UTF-8"));
	if (match && !*match)
		return cli_usage("code", _("the --match text is empty"));
	struct gl_str coder_name = GL_STR_INIT, memo_text = GL_STR_INIT;
	if ((rc = cli_clean("code", "--coder", coder, false, &coder_name)) != EXIT_OK ||
		(memo && (rc = cli_clean("code", "--memo", memo, true, &memo_text)) != EXIT_OK)) {
		gl_str_finish(&coder_name);
		gl_str_finish(&memo_text);
		return rc;
	}
	struct gl_store *s = NULL;
	struct gl_document d;
	bool have_doc = false;
	struct gl_error err = { 0 };
	int64_t code_id = 0, coder_id = 0, id = 0;
	enum gl_status st = GL_OK;
	if ((rc = cli_open_store(c, &s)) != EXIT_OK)
		goto out;
	/* Everything is looked up before anything is written. */
	if ((st = gl_store_code_find(s, code, &code_id, &err)) != GL_OK ||
		(st = gl_store_document_get(s, letter, &d, &err)) != GL_OK)
		goto out;
	have_doc = true;
	if ((st = find_span(&d, letter, match, nth, &sp, &err)) != GL_OK ||
		(st = gl_store_begin(s, &err)) != GL_OK)
		goto out;
	struct gl_coding k = { letter, code_id, 0, sp.start, sp.end,
		memo_text.len ? memo_text.buf : NULL, NULL };
	st = coder_ensure(s, gl_str_cstr(&coder_name), &coder_id, &err);
	k.coder_id = coder_id;
	if (st == GL_OK)
		st = gl_store_coding_insert(s, &k, &id, &err);
	if ((st = finish(s, st, &err)) != GL_OK)
		goto out;
	size_t b0 = gl_utf8_offset(d.text, d.text_len, (size_t)sp.start);
	size_t b1 = gl_utf8_offset(d.text, d.text_len, (size_t)sp.end);
	print_line(_("Coding %lld: letter %lld, %lld:%lld \"%.*s\" as %s by %s\n"), (long long)id,
		(long long)letter, (long long)sp.start, (long long)sp.end, (int)(b1 - b0), d.text + b0,
		code, gl_str_cstr(&coder_name));
out:
	if (st != GL_OK)
		rc = cli_fail(&err);
	if (have_doc)
		gl_document_finish(&d);
	gl_store_close(s);
	gl_str_finish(&coder_name);
	gl_str_finish(&memo_text);
	return rc;
}

int cmd_uncode(struct cli *c, int argc, char **argv)
{
	int rc = cli_parse_plain(c, argc, argv, &help_uncode);
	if (rc != CLI_CONTINUE)
		return rc;
	if (optind + 1 != argc)
		return cli_usage("uncode", _("expected one CODING_ID"));
	int64_t id;
	if ((rc = cli_parse_id("uncode", argv[optind], _("is not a coding id (a positive number)"),
		&id)) != EXIT_OK)
		return rc;
	struct gl_store *s;
	if ((rc = cli_open_store(c, &s)) != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	int64_t evidence = 0, findings = 0;
	if (gl_store_codings_evidence(s, 0, id, &evidence, &findings, &err) != GL_OK ||
		gl_store_coding_delete(s, id, &err) != GL_OK)
		rc = cli_fail(&err);
	else if (findings > 0)
		/* a quote gone from a finding is said, not left to be found missing */
		printf(ngettext("Removed coding %lld; it was evidence for %lld finding\n",
			"Removed coding %lld; it was evidence for %lld findings\n", (unsigned long)findings),
			(long long)id, (long long)findings);
	else
		printf(_("Removed coding %lld\n"), (long long)id);
	gl_store_close(s);
	return rc;
}

struct value_name {
	struct gl_str text;  /* "Positiv (4)" */
};

/* codes: id, uuid, parent_id, path, name, description, color, exclusive, value, codings */
static int value_name_row(void *ctx, const struct gl_row *row)
{
	struct value_name *v = ctx;
	gl_str_clear(&v->text);
	gl_str_puts(&v->text, row->values[4].type == GL_VAL_TEXT ? row->values[4].s : "");
	if (row->values[8].type != GL_VAL_NULL) {
		char num[64];
		gl_num_format(row->values[8].r, GL_NUM_G, num, sizeof num);
		gl_str_printf(&v->text, " (%s)", num);
	}
	return 0;
}

int cmd_classify(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "category", required_argument, NULL, 'C' }, { "value", required_argument, NULL, 'v' },
		{ "coder", required_argument, NULL, 'r' }, { 0 } };
	const char *category = NULL, *value = NULL, *coder = NULL;
	int ch, rc;
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
	int64_t letter;
	if ((rc = cli_parse_id("classify", argv[optind], _("is not a letter id (a positive number)"),
		&letter)) != EXIT_OK)
		return rc;
	if (!category || !value || !coder)
		return cli_usage("classify", _("--category, --value and --coder are required"));
	struct gl_str coder_name = GL_STR_INIT;
	if ((rc = cli_clean("classify", "--coder", coder, false, &coder_name)) != EXIT_OK) {
		gl_str_finish(&coder_name);
		return rc;
	}
	struct gl_store *s = NULL;
	struct gl_error err = { 0 };
	enum gl_status st = GL_OK;
	int64_t coder_id = 0, cat = 0, val = 0;
	struct gl_document d;
	bool clear = !strcmp(value, "none");
	if ((rc = cli_open_store(c, &s)) != EXIT_OK)
		goto out;
	/* Everything is looked up before anything is written. */
	if ((st = gl_store_code_find(s, category, &cat, &err)) != GL_OK ||
		(!clear && (st = gl_store_category_value_find(s, cat, value, &val, &err)) != GL_OK) ||
		(st = gl_store_document_get(s, letter, &d, &err)) != GL_OK)
		goto out;
	gl_document_finish(&d);
	if ((st = gl_store_begin(s, &err)) != GL_OK)
		goto out;
	st = coder_ensure(s, gl_str_cstr(&coder_name), &coder_id, &err);
	if (st == GL_OK)
		st = gl_store_classify(s, letter, cat, val, coder_id, NULL, &err);
	if ((st = finish(s, st, &err)) != GL_OK)
		goto out;
	if (clear)
		print_line(_("Letter %lld: %s cleared by %s\n"), (long long)letter, category,
			gl_str_cstr(&coder_name));
	else {
		/* the value by its name (and number), however it was given */
		struct value_name vn = { GL_STR_INIT };
		struct gl_filter f = { .code_id = val };
		if (gl_store_list(s, GL_LIST_CODES, &f, 0, 1, value_name_row, &vn, NULL) != GL_OK ||
			!vn.text.len)
			gl_str_puts(&vn.text, value);
		print_line(_("Letter %lld: %s = %s by %s\n"), (long long)letter, category,
			gl_str_cstr(&vn.text), gl_str_cstr(&coder_name));
		gl_str_finish(&vn.text);
	}
out:
	if (st != GL_OK)
		rc = cli_fail(&err);
	gl_store_close(s);
	gl_str_finish(&coder_name);
	return rc;
}

/* ---- codebook ---- */

static int codebook_export(struct gl_store *s, const char *output, bool force)
{
	struct gl_error err = { 0 };
	enum gl_status st = output ? gl_export_codebook_csv_file(s, output,
		force ? GL_OUTFILE_FORCE : 0, &err) : gl_export_codebook_csv(s, stdout, &err);
	if (st == GL_EEXIST)
		gl_error_set_at(&err, st, output, 0, _("the file exists already (--force replaces it)"));
	return st == GL_OK ? EXIT_OK : cli_fail(&err);
}

int cmd_codebook(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "parent", required_argument, NULL, 'p' }, { "top", no_argument, NULL, 't' },
		{ "description", required_argument, NULL, 'D' }, { "color", required_argument, NULL, 'c' },
		{ "colour", required_argument, NULL, 'c' }, { "exclusive", no_argument, NULL, 'x' },
		{ "value", required_argument, NULL, 'v' }, { "yes", no_argument, NULL, 'y' },
		{ "output", required_argument, NULL, 'o' }, { "force", no_argument, NULL, 'f' },
		{ 0 } };
	const char *parent = NULL, *desc = NULL, *color = NULL, *value = NULL, *output = NULL;
	bool top = false, exclusive = false, yes = false, force = false;
	int ch, rc;
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
		case 'f': force = true; break;
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
	if (force && (strcmp(verb, "export") || !output))
		return cli_usage("codebook", _("--force is for 'codebook export --output FILE'"));
	double num = 0;
	if (value && (rc = cli_parse_real("codebook", "--value", value, &num)) != EXIT_OK)
		return rc;
	if (!strcmp(verb, "move") && !parent == !top)
		return cli_usage("codebook", _("move needs --parent CATEGORY or --top"));
	/* Names and descriptions are cleaned as they come in. */
	struct gl_str name = GL_STR_INIT, text = GL_STR_INIT;
	struct gl_str ev = GL_STR_INIT;  /* delete: "2 of them evidence for 1 finding" */
	rc = EXIT_OK;
	if (!strcmp(verb, "add") || !strcmp(verb, "rename"))
		rc = cli_clean("codebook", _("the code's name"), args[nargs - 1], false, &name);
	if (rc == EXIT_OK && desc)
		rc = cli_clean("codebook", "--description", desc, true, &text);
	if (rc != EXIT_OK) {
		gl_str_finish(&name);
		gl_str_finish(&text);
		return rc;
	}
	if (desc)
		desc = gl_str_cstr(&text);
	struct gl_store *s;
	if ((rc = cli_open_store(c, &s)) != EXIT_OK) {
		gl_str_finish(&name);
		gl_str_finish(&text);
		return rc;
	}
	struct gl_error err = { 0 };
	int64_t id = 0, other = 0, n = 0;
	enum gl_status st = GL_OK;
	if (!strcmp(verb, "export")) {
		rc = codebook_export(s, output, force);
		goto out;
	}
	/* Codes are looked up first; the change is one transaction. */
	if (strcmp(verb, "add") && (st = gl_store_code_find(s, args[0], &id, &err)) != GL_OK)
		goto out;
	if (parent && (st = gl_store_code_find(s, parent, &other, &err)) != GL_OK)
		goto out;
	if (!strcmp(verb, "merge") && (st = gl_store_code_find(s, args[1], &other, &err)) != GL_OK)
		goto out;
	if (!strcmp(verb, "describe") && !desc && !color) {
		rc = cli_usage("codebook", _("describe needs --description or --color"));
		goto out;
	}
	int64_t under = 0, ev_codings = 0, ev_findings = 0;
	if (!strcmp(verb, "delete") && (st = gl_store_code_usage(s, id, &n, &err)) == GL_OK &&
		(st = gl_store_code_descendants(s, id, &under, &err)) == GL_OK &&
		(st = gl_store_codings_evidence(s, id, 0, &ev_codings, &ev_findings, &err)) == GL_OK &&
		ev_findings > 0)
		gl_codings_evidence_describe(n, ev_codings, ev_findings, &ev);
	if (st == GL_OK && !strcmp(verb, "delete") && (n > 0 || under > 0) && !yes) {
		/* what goes with it, said before anything goes: the codes under it first, and the
		 * findings that lose quotes */
		if (under > 0 || ev.len) {
			struct gl_str what = GL_STR_INIT;
			if (under > 0) {
				gl_str_printf(&what, ngettext("%lld code under it", "%lld codes under it",
					(unsigned long)under), (long long)under);
				gl_str_puts(&what, _(" and "));
			}
			gl_str_printf(&what, ngettext("%lld coding", "%lld codings", (unsigned long)n),
				(long long)n);
			if (ev.len)
				gl_str_printf(&what, " (%s)", gl_str_cstr(&ev));
			st = gl_error_set(&err, GL_EINVAL, _("deleting %s would remove %s; add --yes to "
				"delete them with it"), args[0], gl_str_cstr(&what));
			gl_str_finish(&what);
		} else {
			st = gl_error_set(&err, GL_EINVAL, ngettext("deleting %s would remove %lld coding; "
				"add --yes to delete it with it", "deleting %s would remove %lld codings; add "
				"--yes to delete it with them", (unsigned long)n), args[0], (long long)n);
		}
	}
	if (st != GL_OK || (st = gl_store_begin(s, &err)) != GL_OK)
		goto out;
	if (!strcmp(verb, "add")) {
		struct gl_code code = { 0 };
		code.parent_id = other;
		code.name = gl_str_cstr(&name);
		code.description = desc;
		code.color = color;
		code.exclusive = exclusive;
		code.has_value = value != NULL;
		code.value = num;
		st = gl_store_code_insert(s, &code, &id, &err);
	} else if (!strcmp(verb, "rename")) {
		st = gl_store_code_rename(s, id, gl_str_cstr(&name), &err);
	} else if (!strcmp(verb, "describe")) {
		st = gl_store_code_describe(s, id, desc, color, &err);
	} else if (!strcmp(verb, "move")) {
		st = gl_store_code_move(s, id, other, &err);
	} else if (!strcmp(verb, "merge")) {
		st = gl_store_code_merge(s, id, other, &n, &err);
	} else if (!strcmp(verb, "delete")) {
		st = gl_store_code_delete(s, id, &n, &err);
	}
	if ((st = finish(s, st, &err)) != GL_OK)
		goto out;
	if (!strcmp(verb, "add"))
		print_line(_("Added code %lld: %s%s%s\n"), (long long)id, parent ? parent : "",
			parent ? " > " : "", gl_str_cstr(&name));
	else if (!strcmp(verb, "rename"))
		print_line(_("Renamed %s to %s\n"), args[0], gl_str_cstr(&name));
	else if (!strcmp(verb, "describe"))
		print_line(_("Updated %s\n"), args[0]);
	else if (!strcmp(verb, "move"))
		print_line(parent ? _("Moved %s under %s\n") : _("Moved %s to the top level\n"), args[0],
			parent);
	else if (!strcmp(verb, "merge"))
		print_line(ngettext("Merged %s into %s (%lld coding moved)\n",
			"Merged %s into %s (%lld codings moved)\n", (unsigned long)n), args[0], args[1],
			(long long)n);
	else if (ev.len)
		print_line(ngettext("Deleted %s (%lld coding removed, %s)\n", "Deleted %s (%lld "
			"codings removed, %s)\n", (unsigned long)n), args[0], (long long)n,
			gl_str_cstr(&ev));
	else
		print_line(ngettext("Deleted %s (%lld coding removed)\n", "Deleted %s (%lld codings "
			"removed)\n", (unsigned long)n), args[0], (long long)n);
out:
	if (st != GL_OK)
		rc = cli_fail(&err);
	gl_store_close(s);
	gl_str_finish(&name);
	gl_str_finish(&text);
	gl_str_finish(&ev);
	return rc;
}
