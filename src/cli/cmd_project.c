/* Commands on the project as a whole: init, list, show, check. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/clean.h"
#include "genomlys/i18n.h"
#include "genomlys/utf8.h"

/* Every command takes --db and --help; each adds its own options after these. */

static const struct cli_command help_init = { "init", NULL,
	N_("genomlys init [--db PATH] [--name TEXT]"),
	N_("Creates a new, empty project file. Never overwrites an existing file.") };
static const struct cli_command help_list = { "list", NULL,
	N_("genomlys list schools|groups|letters|codes|codings|findings|coders|survey|audit|"
	"overlaps|classifications [--db PATH] [--school NAME] [--group GROUP] [--code NAME] "
	"[--coder NAME] [--kind KIND] [--category NAME] [--municipality] [--format table|tsv|json]"),
	N_("Lists the project's rows of one kind. JSON is an array of objects whose keys are the "
	"column names. Filters: schools --school; groups --group; letters --school --group "
	"--kind, and --coder to count only that coder's codings; codes --school --group --coder "
	"(the codings counted are theirs) --code; codings --school --group --code (with the codes "
	"under it) --coder --kind; findings --school or --municipality, --coder, --kind (in the plan's order); coders --coder; survey "
	"--school --group; overlaps --school --group --code --coder; classifications --school "
	"--group --coder --category. Any other is refused.") };
static const struct cli_command help_show = { "show", NULL,
	N_("genomlys show letter ID [--db PATH] [--format text|json]"),
	N_("Shows one letter with its text.") };
static const struct cli_command help_check = { "check", NULL,
	N_("genomlys check [--db PATH]"),
	N_("Checks the project's integrity and schema; exits 1 and says what is wrong if anything "
	"is.") };

int cmd_init(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS, { "name", required_argument, NULL, 'n' },
		{ 0 } };
	const char *name = NULL;
	int ch;
	optind = 0;  /* 0, not 1: glibc re-reads the option string (permuting) */
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'n': name = optarg; break;
		case 'h': return cli_help(&help_init);
		case ':': return cli_usage("init", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("init", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("init", _("unexpected argument '%s'"), argv[optind]);
	struct gl_str clean = GL_STR_INIT;
	int rc;
	if (name && (rc = cli_clean("init", "--name", name, false, &clean)) != EXIT_OK) {
		gl_str_finish(&clean);
		return rc;
	}
	struct gl_store *s;
	struct gl_error err = { 0 };
	enum gl_status st = gl_store_create(cli_db_path(c), name ? gl_str_cstr(&clean) : NULL, &s,
		&err);
	gl_str_finish(&clean);
	if (st != GL_OK)
		return cli_fail(&err);
	struct gl_str pname = GL_STR_INIT, line = GL_STR_INIT;
	gl_store_meta_get(s, "name", &pname, NULL);
	gl_str_printf(&line, _("Created project '%s' in %s\n"), gl_str_cstr(&pname), cli_db_path(c));
	cli_print_escaped(stdout, gl_str_cstr(&line), line.len, GL_ESCAPE_KEEP_BREAKS);
	gl_str_finish(&pname);
	gl_str_finish(&line);
	gl_store_close(s);
	return EXIT_OK;
}

/* Resolves the name filters of list; prints the error. */
static int resolve(struct gl_store *s, const char *school, const char *group, const char *code,
	const char *coder, struct gl_filter *f)
{
	struct gl_error err = { 0 };
	if (school && gl_store_school_find(s, school, &f->school_id, &err) != GL_OK)
		return cli_fail(&err);
	if (group && gl_store_group_find(s, group, &f->group_id, &err) != GL_OK)
		return cli_fail(&err);
	if (code && gl_store_code_find(s, code, &f->code_id, &err) != GL_OK)
		return cli_fail(&err);
	if (coder && gl_store_coder_find(s, coder, &f->coder_id, &err) != GL_OK)
		return cli_fail(&err);
	return EXIT_OK;
}

struct page_ctx {
	struct cli_out *out;
	int64_t rows;
};

static int page_row(void *ctx, const struct gl_row *row)
{
	struct page_ctx *pc = ctx;
	pc->rows++;
	return cli_out_row(pc->out, row);
}

int cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "format", required_argument, NULL, 'f' }, { "school", required_argument, NULL, 's' },
		{ "group", required_argument, NULL, 'g' }, { "code", required_argument, NULL, 'c' },
		{ "coder", required_argument, NULL, 'r' }, { "kind", required_argument, NULL, 'k' },
		{ "category", required_argument, NULL, 'C' },
		{ "municipality", no_argument, NULL, 'M' },
		{ 0 } };
	enum cli_format fmt = CLI_TABLE;
	bool municipality = false;
	const char *school = NULL, *group = NULL, *code = NULL, *coder = NULL, *kind = NULL,
		*category = NULL;
	int ch;
	optind = 0;  /* 0, not 1: glibc re-reads the option string (permuting) */
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'f':
			if (!cli_format_parse(optarg, &fmt, false))
				return cli_usage("list", _("unknown format '%s' (valid: table, tsv, json)"), optarg);
			break;
		case 's': school = optarg; break;
		case 'g': group = optarg; break;
		case 'c': code = optarg; break;
		case 'r': coder = optarg; break;
		case 'k': kind = optarg; break;
		case 'C': category = optarg; break;
		case 'M': municipality = true; break;
		case 'h': return cli_help(&help_list);
		case ':': return cli_usage("list", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("list", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("list", _("what should be listed? (schools, groups, letters, codes, "
			"codings, findings, coders, survey, audit, overlaps, classifications)"));
	enum gl_list what;
	if (!gl_list_from_name(argv[optind], &what))
		return cli_usage("list", _("cannot list '%s' (valid: schools, groups, letters, codes, "
			"codings, findings, coders, survey, audit, overlaps, classifications)"), argv[optind]);
	if (optind + 1 < argc)
		return cli_usage("list", _("unexpected argument '%s'"), argv[optind + 1]);
	/* A filter that a list cannot honour is refused, never silently ignored. */
	static const struct { enum gl_list what; const char *filters; } accepted[] = {
		{ GL_LIST_SCHOOLS, " school " }, { GL_LIST_GROUPS, " group " },
		{ GL_LIST_LETTERS, " school group coder kind " },
		{ GL_LIST_CODES, " school group coder code " },
		{ GL_LIST_CODINGS, " school group code coder kind " },
		{ GL_LIST_FINDINGS, " school coder kind municipality " }, { GL_LIST_CODERS, " coder " },
		{ GL_LIST_SURVEY, " school group " }, { GL_LIST_AUDIT, " " },
		{ GL_LIST_OVERLAPS, " school group code coder " },
		{ GL_LIST_CLASSIFICATIONS, " school group coder category " },
	};
	const struct { const char *name, *word, *value; } given[] = {
		{ "school", " school ", school }, { "group", " group ", group },
		{ "code", " code ", code }, { "coder", " coder ", coder }, { "kind", " kind ", kind },
		{ "category", " category ", category },
		{ "municipality", " municipality ", municipality ? "" : NULL } };
	for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++) {
		if (accepted[i].what != what)
			continue;
		for (size_t k = 0; k < sizeof given / sizeof given[0]; k++)
			if (given[k].value && !strstr(accepted[i].filters, given[k].word))
				return cli_usage("list", _("--%s does not apply to 'list %s'"), given[k].name,
					gl_list_name(what));
	}
	if (municipality && school)
		return cli_usage("list", _("give --school NAME or --municipality, not both"));
	if (kind && what == GL_LIST_FINDINGS && !gl_finding_kind_valid(kind))
		return cli_usage("list", _("unknown finding kind '%s' (valid: strength, area, "
			"challenge)"), kind);
	struct gl_store *s;
	int rc = cli_open_store(c, &s);
	if (rc != EXIT_OK)
		return rc;
	struct gl_filter f = { 0 };
	f.kind = kind;
	if (municipality)
		f.school_id = -1;
	rc = resolve(s, school, group, category ? category : code, coder, &f);
	if (rc == EXIT_OK) {
		struct cli_out *o = cli_out_create(stdout, fmt);
		struct gl_error err = { 0 };
		/* Streamed in one query: json and tsv never hold every letter in memory at once, and
		 * no page is found again by skipping all the rows before it (OFFSET made a list of
		 * 100,000 codes, whose order is computed, quadratic). */
		struct page_ctx pc = { o, 0 };
		enum gl_status st = o ? gl_store_list(s, what, &f, 0, 0, page_row, &pc, &err) : GL_OK;
		if (o && st == GL_OK && fmt == CLI_TABLE && pc.rows == 0)
			printf(_("(no %s)\n"), gl_list_name(what));
		if (!o)
			rc = cli_fail(&(struct gl_error){ .status = GL_ENOMEM });
		else if (st != GL_OK)
			rc = cli_fail(&err);
		cli_out_finish(o);
	}
	gl_store_close(s);
	return rc;
}

static void print_field(const char *label, const char *value)
{
	if (value && *value) {
		printf("%-8s ", label);
		cli_print_escaped(stdout, value, strlen(value), 0);
		putchar('\n');
	}
}

int cmd_show(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "format", required_argument, NULL, 'f' }, { 0 } };
	enum cli_format fmt = CLI_TEXT;
	int ch;
	optind = 0;  /* 0, not 1: glibc re-reads the option string (permuting) */
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'f':
			if (!cli_format_parse(optarg, &fmt, true) || fmt == CLI_TABLE || fmt == CLI_TSV)
				return cli_usage("show", _("unknown format '%s' (valid: text, json)"), optarg);
			break;
		case 'h': return cli_help(&help_show);
		case ':': return cli_usage("show", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("show", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind + 2 != argc || strcmp(argv[optind], "letter") != 0)
		return cli_usage("show", _("expected 'show letter ID'"));
	int64_t id;
	int rc = cli_parse_id("show", argv[optind + 1], _("is not a letter id (a positive number)"),
		&id);
	if (rc != EXIT_OK)
		return rc;
	struct gl_store *s;
	rc = cli_open_store(c, &s);
	if (rc != EXIT_OK)
		return rc;
	struct gl_document d;
	struct gl_error err = { 0 };
	if (gl_store_document_get(s, id, &d, &err) != GL_OK) {
		gl_store_close(s);
		return cli_fail(&err);
	}
	if (fmt == CLI_JSON) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)d.id);
		cJSON_AddStringToObject(o, "uuid", d.uuid);
		cJSON_AddStringToObject(o, "kind", d.kind);
		cJSON_AddStringToObject(o, "school", d.school);
		cJSON_AddStringToObject(o, "group", d.group);
		cJSON_AddStringToObject(o, "group_key", d.group_key);
		const char *opt[][2] = { { "author", d.author }, { "date", d.date },
			{ "title", d.title }, { "source", d.source } };
		for (size_t i = 0; i < 4; i++) {
			if (opt[i][1])
				cJSON_AddStringToObject(o, opt[i][0], opt[i][1]);
			else
				cJSON_AddNullToObject(o, opt[i][0]);
		}
		cJSON_AddNumberToObject(o, "length", (double)d.length);
		cJSON_AddStringToObject(o, "content_hash", d.hash);
		cJSON_AddStringToObject(o, "text", d.text);
		char *txt = cJSON_Print(o);
		if (txt) {
			cli_json_write(stdout, txt);
			putchar('\n');
		}
		else
			rc = cli_fail(&(struct gl_error){ .status = GL_ENOMEM });
		free(txt);
		cJSON_Delete(o);
	} else {
		char idbuf[32];
		snprintf(idbuf, sizeof idbuf, "%lld", (long long)d.id);
		print_field(_("Letter"), idbuf);
		print_field(_("Kind"), d.kind);
		print_field(_("School"), d.school);
		print_field(_("Group"), d.group);
		print_field(_("Author"), d.author);
		print_field(_("Date"), d.date);
		print_field(_("Title"), d.title);
		print_field(_("Source"), d.source);
		/* The text as it is, but no escape sequence or bidi override reaches the terminal. */
		putchar('\n');
		cli_print_escaped(stdout, d.text, d.text_len, GL_ESCAPE_KEEP_BREAKS);
		if (d.text_len && d.text[d.text_len - 1] != '\n')
			putchar('\n');
	}
	gl_document_finish(&d);
	gl_store_close(s);
	return rc;
}

int cmd_check(struct cli *c, int argc, char **argv)
{
	int rc = cli_parse_plain(c, argc, argv, &help_check);
	if (rc != CLI_CONTINUE)
		return rc;
	if (optind < argc)
		return cli_usage("check", _("unexpected argument '%s'"), argv[optind]);
	struct gl_store *s;
	if ((rc = cli_open_store(c, &s)) != EXIT_OK)
		return rc;
	struct gl_str problems = GL_STR_INIT;
	struct gl_error err = { 0 };
	if (gl_store_check(s, &problems, &err) != GL_OK) {
		cli_print_escaped(stderr, gl_str_cstr(&problems), problems.len, GL_ESCAPE_KEEP_BREAKS);
		rc = cli_fail(&err);
	} else if (gl_store_check_fts_skipped(s)) {
		printf(_("%s: ok (schema version %d); the project is read-only, so the full-text "
			"index could not be checked\n"), cli_db_path(c), gl_store_schema_version());
	} else {
		printf(_("%s: ok (schema version %d)\n"), cli_db_path(c), gl_store_schema_version());
	}
	gl_str_finish(&problems);
	gl_store_close(s);
	return rc;
}
