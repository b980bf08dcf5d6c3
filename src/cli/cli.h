/* Shared by the command-line front end: options, error printing, row output. */
#ifndef GENOMLYS_CLI_H
#define GENOMLYS_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "genomlys/status.h"
#include "genomlys/store.h"
#include "genomlys/str.h"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

struct cli {
	const char *db;      /* --db, else $GENOMLYS_DB, else ./genomlys.db */
	const char *config;  /* --config */
};

/* A command: argv[0] is the command's name. Returns the exit code. */
struct cli_command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *usage;    /* N_() */
	const char *summary;  /* N_() */
};

/* The options every command takes. */
#define COMMON_OPTS { "db", required_argument, NULL, 'd' }, { "help", no_argument, NULL, 'h' }

/* For a command whose only options are --db and --help: returns CLI_CONTINUE with its
 * arguments at argv[optind..argc), or the exit code to return (after --help or a usage error). */
#define CLI_CONTINUE (-1)
int cli_parse_plain(struct cli *c, int argc, char **argv, const struct cli_command *help);

const char *cli_db_path(const struct cli *c);
/* Opens the project, printing the error; returns EXIT_OK or EXIT_RUNTIME. */
int cli_open_store(const struct cli *c, struct gl_store **s);
/* Prints "genomlys: <message>" (with file:line where the error has them); returns EXIT_RUNTIME. */
int cli_fail(const struct gl_error *err);
/* Prints "genomlys: <message>" and a hint to --help; returns EXIT_USAGE. */
int cli_usage(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints the command's usage and summary to stdout; returns EXIT_OK. */
int cli_help(const struct cli_command *cmd);

/* Writes s[0..n) with its control characters escaped (gl_clean_escape of <genomlys/clean.h>):
 * everything the CLI prints from the project or from files goes through this or through the
 * row output, so that stored escape sequences never reach a terminal raw. */
void cli_print_escaped(FILE *fp, const char *s, size_t n, unsigned flags);

/* Strict numeric arguments (<genomlys/num.h>): nothing clamped, no trailing text. On a bad one
 * they print a usage error and return EXIT_USAGE, else EXIT_OK. */
int cli_parse_int(const char *command, const char *option, const char *arg, int64_t min,
	int64_t max, int64_t *out);
/* A positive id: "'abc' <what>" for junk, zero or negative (what: "is not a letter id (a
 * positive number)"), "'99999999999999999999': number out of range" beyond int64. */
int cli_parse_id(const char *command, const char *arg, const char *what, int64_t *out);
/* A finite number. */
int cli_parse_real(const char *command, const char *option, const char *arg, double *out);
/* A name (multiline false) or a memo/description argument, cleaned as it enters
 * (gl_clean_name/gl_clean_text): a usage error "<what>: the name is empty" when nothing is
 * left. */
int cli_clean(const char *command, const char *what, const char *arg, bool multiline,
	struct gl_str *out);

/* Row output in the three formats that every listing offers. */
enum cli_format { CLI_TABLE, CLI_TSV, CLI_JSON, CLI_TEXT };
bool cli_format_parse(const char *s, enum cli_format *out, bool allow_text);

struct cli_out;
struct cli_out *cli_out_create(FILE *fp, enum cli_format fmt);
/* The gl_row_fn that collects or prints rows. */
int cli_out_row(void *out, const struct gl_row *row);
/* Flushes buffered table rows and closes the JSON array; then frees. */
void cli_out_finish(struct cli_out *o);
/* For the table format with no rows: prints empty ("(no changes)") on a line of its own, as
 * list does; tsv and json keep their empty forms. Call before cli_out_finish. */
void cli_out_empty(struct cli_out *o, const char *empty);
/* Writes JSON text made by cJSON with DEL, C1 and bidi controls escaped as \uXXXX. */
void cli_json_write(FILE *fp, const char *json);

/* Commands, one file each. */
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_code(struct cli *c, int argc, char **argv);
int cmd_uncode(struct cli *c, int argc, char **argv);
int cmd_classify(struct cli *c, int argc, char **argv);
int cmd_codebook(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_search(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_rank(struct cli *c, int argc, char **argv);
int cmd_finding(struct cli *c, int argc, char **argv);
int cmd_plan(struct cli *c, int argc, char **argv);
int cmd_read(struct cli *c, int argc, char **argv);
int cmd_stats(struct cli *c, int argc, char **argv);
int cmd_rank(struct cli *c, int argc, char **argv);
int cmd_erase(struct cli *c, int argc, char **argv);
int cmd_redact(struct cli *c, int argc, char **argv);
int cmd_log(struct cli *c, int argc, char **argv);
int cmd_pseudonymise(struct cli *c, int argc, char **argv);
int cmd_setting(struct cli *c, int argc, char **argv);

#endif
