/* Helpers shared by the commands: the project path, opening it, printing errors. */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>

#include "genomlys/i18n.h"

const char *cli_db_path(const struct cli *c)
{
	if (c->db && *c->db)
		return c->db;
	const char *env = getenv("GENOMLYS_DB");
	return env && *env ? env : "genomlys.db";
}

int cli_open_store(const struct cli *c, struct gl_store **s)
{
	struct gl_error err = { 0 };
	if (gl_store_open(cli_db_path(c), s, &err) != GL_OK)
		return cli_fail(&err);
	return EXIT_OK;
}

int cli_fail(const struct gl_error *err)
{
	char buf[1024];
	gl_error_format(err, buf, sizeof buf);
	fprintf(stderr, "genomlys: %s\n", buf);
	return EXIT_RUNTIME;
}

int cli_usage(const char *command, const char *fmt, ...)
{
	va_list ap;
	fputs("genomlys: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (command)
		fprintf(stderr, _("\nTry 'genomlys %s --help'.\n"), command);
	else
		fputs(_("\nTry 'genomlys --help'.\n"), stderr);
	return EXIT_USAGE;
}

int cli_help(const struct cli_command *cmd)
{
	printf(_("Usage: %s\n"), _(cmd->usage));
	printf("%s\n", _(cmd->summary));
	return EXIT_OK;
}

int cli_parse_plain(struct cli *c, int argc, char **argv, const struct cli_command *help)
{
	static const struct option opts[] = { COMMON_OPTS, { 0 } };
	int ch;
	optind = 0;  /* 0, not 1: glibc re-reads the option string (permuting) */
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'h': return cli_help(help);
		case ':': return cli_usage(help->name, _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage(help->name, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	return CLI_CONTINUE;
}
