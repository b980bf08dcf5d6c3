/* Helpers shared by the commands: the project path, opening it, printing errors. */
#include "cli.h"

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
