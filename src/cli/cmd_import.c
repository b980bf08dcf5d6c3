/* Commands that bring material in: import letters|survey|codebook, and demo. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "genomlys/i18n.h"
#include "genomlys/import.h"
#include "genomlys/utf8.h"


static const struct cli_command help_import = { "import", NULL,
	N_("genomlys import letters PATH... [--db PATH] [--school NAME] [--group GROUP] "
	"[--kind letter|survey_text|inspection] [--dry-run]\n"
	"       genomlys import survey FILE.csv [--db PATH] [--dry-run]\n"
	"       genomlys import codebook FILE.csv [--db PATH] [--dry-run]"),
	N_("Imports letters (.txt files, folders laid out <school>/<group>/*.txt, or a CSV file "
	"with the columns school, group, author, date, title, text), survey results (school, "
	"survey, year, group, item, value[, n]) or a codebook (code, parent, description, color, "
	"exclusive, value). Everything is imported in one transaction: on any error nothing is, "
	"and the message names the file and line. --dry-run checks everything and writes nothing. "
	"See docs/import.md.") };
static const struct cli_command help_demo = { "demo", NULL,
	N_("genomlys demo [--db PATH] [--uncoded]"),
	N_("Creates a new project with the demo material: 5 schools, 40 letters, a codebook, "
	"survey results and what three coders made of the letters. --uncoded leaves out the "
	"coders' work (letters, codebook and surveys only: for practising coding from scratch). "
	"Never overwrites an existing file.") };

/* A single .txt letter says nothing about its school and group: that is a usage error. */
static int check_paths(char **paths, int n, const char *school, const char *group)
{
	for (int i = 0; i < n; i++) {
		struct stat sb;
		if (stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			continue;
		size_t len = strlen(paths[i]);
		bool txt = len > 4 && !strcasecmp(paths[i] + len - 4, ".txt");
		if (txt && (!school || !group))
			return cli_usage("import", _("%s: which school and respondent group wrote this "
				"letter? Give --school and --group, or put it in a folder <school>/<group>/"),
				paths[i]);
	}
	return EXIT_OK;
}

static bool valid_name(const char *s)
{
	return !s || gl_utf8_valid(s, strlen(s), NULL);
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "school", required_argument, NULL, 's' }, { "group", required_argument, NULL, 'g' },
		{ "kind", required_argument, NULL, 'k' }, { "dry-run", no_argument, NULL, 'n' },
		{ 0 } };
	struct gl_import_options o = { 0 };
	int ch;
	optind = 0;  /* 0, not 1: glibc re-reads the option string (permuting) */
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 's': o.school = optarg; break;
		case 'g': o.group = optarg; break;
		case 'k': o.kind = optarg; break;
		case 'n': o.dry_run = true; break;
		case 'h': return cli_help(&help_import);
		case ':': return cli_usage("import", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("import", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("import", _("what should be imported? (letters, survey, codebook)"));
	const char *what = argv[optind++];
	bool letters = !strcmp(what, "letters"), survey = !strcmp(what, "survey"),
		codebook = !strcmp(what, "codebook");
	if (!letters && !survey && !codebook)
		return cli_usage("import", _("cannot import '%s' (valid: letters, survey, codebook)"),
			what);
	if (!letters && (o.school || o.group || o.kind))
		return cli_usage("import", _("--school, --group and --kind are for letters only"));
	if (optind >= argc)
		return cli_usage("import", letters ? _("which files or folders?") : _("which file?"));
	if (!letters && optind + 1 < argc)
		return cli_usage("import", _("unexpected argument '%s' (one file at a time)"),
			argv[optind + 1]);
	if (o.kind && !gl_document_kind_valid(o.kind))
		return cli_usage("import", _("unknown kind '%s' (valid: letter, survey_text, "
			"inspection)"), o.kind);
	if (!valid_name(o.school) || !valid_name(o.group))
		return cli_usage("import", _("--school and --group must be valid UTF-8"));
	if (letters) {
		int rc = check_paths(argv + optind, argc - optind, o.school, o.group);
		if (rc != EXIT_OK)
			return rc;
	}
	struct gl_store *s;
	int rc = cli_open_store(c, &s);
	if (rc != EXIT_OK)
		return rc;
	struct gl_import_summary sum = { 0 };
	struct gl_error err = { 0 };
	enum gl_status st;
	if (letters)
		st = gl_import_letters(s, (const char *const *)(argv + optind), (size_t)(argc - optind),
			&o, &sum, &err);
	else if (survey)
		st = gl_import_survey(s, argv[optind], &o, &sum, &err);
	else
		st = gl_import_codebook(s, argv[optind], &o, &sum, &err);
	gl_store_close(s);
	if (st != GL_OK)
		return cli_fail(&err);
	struct gl_str line = GL_STR_INIT;
	if (letters)
		gl_import_summary_letters(&sum, &line);
	else if (survey)
		gl_import_summary_survey(&sum, &line);
	else
		gl_import_summary_codebook(&sum, &line);
	printf("%s\n", gl_str_cstr(&line));
	gl_str_finish(&line);
	return EXIT_OK;
}

int cmd_demo(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "uncoded", no_argument, NULL, 'u' }, { 0 } };
	unsigned flags = 0;
	int ch;
	optind = 0;  /* 0, not 1: glibc re-reads the option string (permuting) */
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'u': flags |= GL_DEMO_UNCODED; break;
		case 'h': return cli_help(&help_demo);
		case ':': return cli_usage("demo", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("demo", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("demo", _("unexpected argument '%s'"), argv[optind]);
	const char *path = cli_db_path(c);
	struct gl_import_summary sum = { 0 };
	struct gl_error err = { 0 };
	if (gl_demo_create(path, NULL, flags, &sum, &err) != GL_OK)
		return cli_fail(&err);
	struct gl_store *s;
	struct gl_str name = GL_STR_INIT, line = GL_STR_INIT;
	if (gl_store_open(path, &s, &err) == GL_OK) {
		gl_store_meta_get(s, "name", &name, NULL);
		gl_store_close(s);
	}
	printf(_("Created the demo project '%s' in %s\n"), gl_str_cstr(&name), path);
	gl_import_summary_codebook(&sum, &line);
	printf("%s\n", gl_str_cstr(&line));
	gl_import_summary_letters(&sum, &line);
	printf("%s\n", gl_str_cstr(&line));
	gl_import_summary_survey(&sum, &line);
	printf("%s\n", gl_str_cstr(&line));
	if (!(flags & GL_DEMO_UNCODED)) {
		gl_import_summary_demo(&sum, &line);
		printf("%s\n", gl_str_cstr(&line));
	}
	gl_str_finish(&name);
	gl_str_finish(&line);
	return EXIT_OK;
}
