/* genomlys: the entry point; global options, then one command or the terminal interface. */
#include "cli.h"

#include <getopt.h>
#include <stdbool.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/fs.h"
#include "genomlys/i18n.h"
#include "../ui/ui.h"

static const struct cli_command commands[] = {
	{ "init", cmd_init, N_("genomlys init [--db PATH] [--name TEXT]"),
		N_("create a new project") },
	{ "list", cmd_list, N_("genomlys list WHAT [--format table|tsv|json]"),
		N_("list schools, groups, letters, codes, codings, findings, coders, survey, audit, overlaps, classifications") },
	{ "show", cmd_show, N_("genomlys show letter ID [--format text|json]"),
		N_("show one letter with its text") },
	{ "check", cmd_check, N_("genomlys check [--db PATH]"),
		N_("check the project's integrity and schema") },
	{ "code", cmd_code, NULL, N_("code a span of a letter") },
	{ "uncode", cmd_uncode, NULL, N_("remove a coding") },
	{ "classify", cmd_classify, NULL, N_("set a letter's value of an exclusive category") },
	{ "codebook", cmd_codebook, NULL, N_("add, rename, describe, move, merge, delete or export codes") },
	{ "import", cmd_import, NULL, N_("import letters, survey results or a codebook") },
	{ "search", cmd_search, NULL, N_("search the letters' text") },
	{ "demo", cmd_demo, NULL, N_("create a new project with the demo material") },
	{ "export", cmd_export, NULL, N_("write the workbook (xlsx) or its tables (csv)") },
	{ "rank", cmd_rank, NULL, N_("rank development areas in workshop rounds") },
	{ "finding", cmd_finding, NULL, N_("add, edit, delete, reorder findings and their evidence") },
	{ "plan", cmd_plan, NULL, N_("print the development plan of a school or the municipality") },
	{ "read", cmd_read, NULL, N_("mark a letter as read by a coder (or not)") },
	{ "stats", cmd_stats, NULL, N_("code frequencies, profiles, co-occurrence, agreement") },
	/* privacy (issue 16) */
	{ "erase", cmd_erase, NULL, N_("erase a person's letters, a letter or a school, bytes and all") },
	{ "redact", cmd_redact, NULL, N_("replace a passage of a letter with a marker") },
	{ "log", cmd_log, NULL, N_("show who changed what and when (the audit log)") },
	{ "pseudonymise", cmd_pseudonymise, NULL, N_("list the authors' pseudonyms, or put them in the author fields") },
	{ "setting", cmd_setting, NULL, N_("show or change a project setting (keep-names)") },
};

static void usage(FILE *fp)
{
	fprintf(fp, _("Usage: genomlys [--db PATH] [--config PATH]      open the project in the "
		"terminal interface\n"
		"       genomlys --demo                               open a fresh demo project\n"
		"       genomlys --help | --version | COMMAND --help\n"
		"       genomlys COMMAND [OPTIONS]\n\nCommands:\n"));
	/* one column for the summaries, as wide as the longest command's name */
	int width = 0;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if ((int)strlen(commands[i].name) > width)
			width = (int)strlen(commands[i].name);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(fp, "  %-*s  %s\n", width, commands[i].name, _(commands[i].summary));
	fprintf(fp, _("\nThe project file is --db PATH, else $GENOMLYS_DB, else ./genomlys.db.\n"));
}

/* The terminal interface: the one start-up path (gl_app_open), then the UI's loop. */
static int run_interface(const char *db, const char *config, bool demo)
{
	struct gl_app_options o = { db, config, demo };
	struct gl_app *app = NULL;
	struct gl_error err = { 0 };
	bool usage = false;
	if (gl_app_open(&o, &app, &usage, &err) != GL_OK) {
		cli_fail(&err);
		return usage ? EXIT_USAGE : EXIT_RUNTIME;
	}
	int rc = ui_run(app);
	gl_app_destroy(app);
	return rc;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	bindtextdomain(GETTEXT_PACKAGE, gl_locale_dir());
	bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
	textdomain(GETTEXT_PACKAGE);

	struct cli c = { 0 };
	/* Global options come before the command; '+' stops at the first non-option. */
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' }, { "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' }, { "version", no_argument, NULL, 'V' },
		{ "demo", no_argument, NULL, 'D' }, { 0 } };
	bool demo = false;
	int ch;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c.db = optarg; break;
		case 'c': c.config = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		case 'D': demo = true; break;
		case 'V': printf("genomlys %s\n", GL_VERSION); return EXIT_OK;
		case ':': return cli_usage(NULL, _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage(NULL, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return run_interface(demo ? NULL : cli_db_path(&c), c.config, demo);
	if (demo)
		return cli_usage(NULL, _("--demo opens the terminal interface; it takes no command"));
	const char *name = argv[optind];
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (!strcmp(name, commands[i].name)) {
			int rc = commands[i].run(&c, argc - optind, argv + optind);
			if (fflush(stdout) != 0 || ferror(stdout)) {
				fprintf(stderr, _("genomlys: cannot write the output\n"));
				return EXIT_RUNTIME;
			}
			return rc;
		}
	}
	return cli_usage(NULL, _("unknown command '%s'"), name);
}
