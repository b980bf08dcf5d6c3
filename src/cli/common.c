/* Helpers shared by the commands: the project path, opening it, printing errors. */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/clean.h"
#include "genomlys/fs.h"
#include "genomlys/i18n.h"
#include "genomlys/num.h"

/* The project's path: --db, else $GENOMLYS_DB, else ./genomlys.db; a leading "~" is the home
 * folder (gl_path_expand), nothing else is expanded. Kept for the process (one project). */
const char *cli_db_path(const struct cli *c)
{
	static const char *from;
	static char *expanded;
	const char *env = getenv("GENOMLYS_DB");
	const char *p = c->db && *c->db ? c->db : env && *env ? env : "genomlys.db";
	if (p[0] != '~')
		return p;
	if (!expanded || from != p) {  /* argv and the environment outlive the process' work */
		free(expanded);
		expanded = gl_path_expand(p);
		from = p;
	}
	return expanded ? expanded : p;
}

int cli_open_store(const struct cli *c, struct gl_store **s)
{
	struct gl_error err = { 0 };
	if (gl_store_open(cli_db_path(c), s, &err) != GL_OK)
		return cli_fail(&err);
	const char *backup = gl_store_backup_path(*s);
	if (backup) {
		char buf[1024];
		snprintf(buf, sizeof buf, _("upgraded the project to schema version %d; the file as it "
			"was is kept in %s"), gl_store_schema_version(), backup);
		fputs("genomlys: ", stderr);
		cli_print_escaped(stderr, buf, strlen(buf), 0);
		fputc('\n', stderr);
	}
	return EXIT_OK;
}

void cli_print_escaped(FILE *fp, const char *s, size_t n, unsigned flags)
{
	struct gl_str e = GL_STR_INIT;
	if (gl_clean_escape(s, n, flags, &e) == GL_OK)
		fwrite(gl_str_cstr(&e), 1, e.len, fp);
	gl_str_finish(&e);
}

/* Messages quote names and cells from files and the project: escaped, they cannot reach the
 * terminal as control sequences. */
int cli_fail(const struct gl_error *err)
{
	char buf[1024];
	gl_error_format(err, buf, sizeof buf);
	fputs("genomlys: ", stderr);
	cli_print_escaped(stderr, buf, strlen(buf), 0);
	fputc('\n', stderr);
	return EXIT_RUNTIME;
}

int cli_usage(const char *command, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	fputs("genomlys: ", stderr);
	cli_print_escaped(stderr, buf, strlen(buf), 0);
	if (command)
		fprintf(stderr, _("\nTry 'genomlys %s --help'.\n"), command);
	else
		fputs(_("\nTry 'genomlys --help'.\n"), stderr);
	return EXIT_USAGE;
}

int cli_parse_int(const char *command, const char *option, const char *arg, int64_t min,
	int64_t max, int64_t *out)
{
	struct gl_error err = { 0 };
	if (gl_num_parse_int64(arg, min, max, out, &err) != GL_OK)
		return cli_usage(command, "%s: %s", option, err.message);
	return EXIT_OK;
}

int cli_parse_id(const char *command, const char *arg, const char *what, int64_t *out)
{
	struct gl_error err = { 0 };
	int64_t v = 0;
	enum gl_status st = gl_num_parse_int64(arg, INT64_MIN, INT64_MAX, &v, &err);
	if (st == GL_OK && v > 0) {
		*out = v;
		return EXIT_OK;
	}
	/* "-1", "abc": not an id; "99999999999999999999": digits, but no number we can hold. */
	const char *digits = arg + (*arg == '+' || *arg == '-');
	if (st != GL_OK && *digits && digits[strspn(digits, "0123456789")] == '\0')
		return cli_usage(command, "%s", err.message);
	return cli_usage(command, "'%s' %s", arg, what);
}

int cli_parse_real(const char *command, const char *option, const char *arg, double *out)
{
	struct gl_error err = { 0 };
	if (gl_num_parse_double(arg, out, &err) != GL_OK)
		return cli_usage(command, "%s: %s", option, err.message);
	return EXIT_OK;
}

int cli_clean(const char *command, const char *what, const char *arg, bool multiline,
	struct gl_str *out)
{
	struct gl_error err = { 0 };
	enum gl_status st = multiline ? gl_clean_text(arg, strlen(arg), out, &err)
		: gl_clean_name(arg, strlen(arg), out, &err);
	if (st == GL_ENOMEM)
		return cli_fail(&err);
	if (st != GL_OK)
		return cli_usage(command, "%s: %s", what, err.message);
	return EXIT_OK;
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
