/* genomlys export: the municipality's workbook as .xlsx, or its tables as CSV files. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "genomlys/config.h"
#include "genomlys/export.h"
#include "genomlys/i18n.h"

static const struct cli_command help_export = { "export", NULL,
	N_("genomlys export xlsx OUT.xlsx [--force] [--school NAME] [--names pseudonymise|keep] "
	"[--lang sv|en]\n"
	"       genomlys export csv DIR [--force] [--sep ';'|','|tab] [--school NAME] "
	"[--names pseudonymise|keep] [--lang sv|en]"),
	N_("Writes the workbook the municipality keeps: an overview with a table of contents, "
	"every coding as a quote to filter, the survey results with the values below the "
	"threshold highlighted, and the method (coders, codebook), with a development plan for the "
	"municipality and for each school and the ranking. Authors are pseudonymised "
	"(\"Elev 3, Norrskolan\", as in genomlys plan) unless --names keep or the project keeps "
	"names; --lang chooses the language of sheet names "
	"and headings (default: the locale's). csv writes the same tables, one file per sheet, "
	"into DIR (created when missing): UTF-8 with a byte order mark, ';' between fields unless "
	"--sep says otherwise. A number in a field of its own has a decimal comma unless the "
	"separator is ',' (Swedish Excel reads ';' files so), whatever --lang says; numbers inside "
	"texts follow --lang. An existing file is replaced only with --force, and never the "
	"project. With SOURCE_DATE_EPOCH set the same project gives the same file.") };

int cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "force", no_argument, NULL, 'f' }, { "school", required_argument, NULL, 's' },
		{ "names", required_argument, NULL, 'n' }, { "lang", required_argument, NULL, 'l' },
		{ "sep", required_argument, NULL, 'S' }, { 0 } };
	struct gl_export_options o = { .lang = gl_export_lang_default(),
		.threshold = GL_CONFIG_THRESHOLD_DEFAULT };
	const char *sep = NULL;
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'h': return cli_help(&help_export);
		case 'f': o.force = true; break;
		case 's': o.school = optarg; break;
		case 'n':
			if (!strcmp(optarg, "keep"))
				o.names = GL_NAMES_KEEP;
			else if (!strcmp(optarg, "pseudonymise") || !strcmp(optarg, "pseudonymize"))
				o.names = GL_NAMES_PSEUDONYMS;
			else
				return cli_usage("export", _("--names is pseudonymise or keep, not '%s'"),
					optarg);
			break;
		case 'l':
			if (!gl_export_lang_parse(optarg, &o.lang))
				return cli_usage("export", _("--lang is sv or en, not '%s'"), optarg);
			break;
		case 'S': sep = optarg; break;
		case ':': return cli_usage("export", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("export", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return cli_usage("export", argc - optind < 1 ?
			_("export what? xlsx OUT.xlsx or csv DIR") : argc - optind < 2 ?
			_("the output is missing: xlsx OUT.xlsx or csv DIR") : _("too many arguments"));
	const char *what = argv[optind], *out = argv[optind + 1];
	bool csv = !strcmp(what, "csv");
	if (!csv && strcmp(what, "xlsx"))
		return cli_usage("export", _("export xlsx or csv, not '%s'"), what);
	if (sep && !csv)
		return cli_usage("export", _("--sep is for 'export csv'"));
	if (!csv && !gl_export_xlsx_name_ok(out))
		return cli_usage("export", _("'%s' is not a workbook's name: give one that ends in "
			".xlsx"), out);
	if (sep) {
		if (!strcmp(sep, ";") || !strcmp(sep, ",") || !strcmp(sep, "\t"))
			o.sep = sep[0];
		else if (!strcmp(sep, "tab"))
			o.sep = '\t';
		else
			return cli_usage("export", _("--sep is ';', ',' or tab, not '%s'"), sep);
	}
	struct gl_store *s;
	/* no connection is used by two threads at once: the export's second thread (the Quotes'
	 * reading, src/export/pipe.h) uses the one connection while this thread does not */
	gl_store_one_thread();
#ifdef __GLIBC__
	/* libxlsxwriter allocates 128 KiB for every sheet (505 school sheets at region scale) and
	 * zlib its state for every file of the package: with glibc's defaults these came from and
	 * went back to the kernel one by one (mmap, munmap, brk): about a fifth of the export's
	 * system time (bench/RESULTS.md). Kept in the heap instead; the peak grows by 7-11 MB.
	 * One arena for both threads: with a second one, what the reading thread freed (SQLite's
	 * pages, the Codes sheet's figures) could not serve this thread's allocations, and the
	 * peak grew by 4.5 MB (94.5 -> 99 MB at region scale; 96 MB with one). */
	if (!csv) {
		mallopt(M_MMAP_THRESHOLD, 4 << 20);
		mallopt(M_TRIM_THRESHOLD, 256 << 20);
		mallopt(M_ARENA_MAX, 1);
	}
#endif
	int rc = cli_open_store(c, &s);
	if (rc != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	enum gl_status st = csv ? gl_export_csv(s, out, &o, &err) : gl_export_xlsx(s, out, &o, &err);
	gl_store_close(s);
	if (st == GL_EEXIST) {
		char file[sizeof err.file];
		memcpy(file, err.file[0] ? err.file : out, sizeof file);
		file[sizeof file - 1] = '\0';
		gl_error_set_at(&err, st, file, 0, _("the file exists already (--force replaces it)"));
	}
	if (st != GL_OK)
		return cli_fail(&err);
	fputs(csv ? _("Wrote the tables into ") : _("Wrote the workbook to "), stdout);
	cli_print_escaped(stdout, out, strlen(out), 0);
	fputc('\n', stdout);
	return EXIT_OK;
}
