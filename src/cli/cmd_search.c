/* genomlys search: full-text search over the letters, with a snippet around each hit. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/clean.h"
#include "genomlys/i18n.h"
#include "genomlys/str.h"
#include "genomlys/utf8.h"

static const struct cli_command help_search = { "search", NULL,
	N_("genomlys search QUERY... [--db PATH] [--school NAME] [--group GROUP] "
	"[--kind letter|survey_text|inspection] [--format table|tsv|json] [--limit N] [--rank]"),
	N_("Finds letters by the words in them. Words are matched whole and case-folded, "
	"diacritics kept (får is not far); skolutveckl* matches by prefix; \"in quotes\" is a "
	"phrase; F-klass or 1-2 is searched as written; AND, OR and NOT combine (several words "
	"mean AND). The table shows a snippet "
	"with the hits in [ ]; JSON has id, school, group, title, snippet and rank. Hits come in the "
	"project's order; --rank puts the best matches first (slower on large projects). The table "
	"shows the first 50 hits unless --limit says otherwise (0: all); tsv and json show all.") };

#define SEARCH_TABLE_LIMIT 50

#define SEARCH_PAGE 1000

/* The table: the snippet is the last column and never cut, unlike list's cells. */
struct hits {
	struct cli_out *out;   /* tsv and json */
	char **cells;          /* 4 per row: id, school, group, snippet */
	size_t n, cap;
	size_t width[3];
	int64_t page_rows;
};

static const struct gl_value *value_of(const struct gl_row *row, const char *name)
{
	for (int i = 0; i < row->ncols; i++)
		if (!strcmp(row->names[i], name))
			return &row->values[i];
	return NULL;
}

/* One line of text: newlines and tabs in a snippet become spaces, control characters are
 * escaped. */
static char *one_line(const struct gl_value *v)
{
	struct gl_str s = GL_STR_INIT;
	if (v && v->type == GL_VAL_INT)
		gl_str_printf(&s, "%lld", (long long)v->i);
	else if (v && v->type == GL_VAL_TEXT)
		gl_clean_escape(v->s, v->len, GL_ESCAPE_KEEP_BREAKS, &s);
	for (size_t i = 0; i < s.len; i++)
		if (s.buf[i] == '\n' || s.buf[i] == '\t' || s.buf[i] == '\r')
			s.buf[i] = ' ';
	return gl_str_steal(&s);
}

static int hit_row(void *ctx, const struct gl_row *row)
{
	struct hits *h = ctx;
	h->page_rows++;
	if (h->out)
		return cli_out_row(h->out, row);
	if (h->n + 4 > h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		char **p = realloc(h->cells, cap * sizeof *p);
		if (!p)
			return 1;
		h->cells = p;
		h->cap = cap;
	}
	static const char *const cols[] = { "id", "school", "group", "snippet" };
	for (int i = 0; i < 4; i++) {
		char *cell = one_line(value_of(row, cols[i]));
		if (!cell)
			return 1;
		if (i < 3) {
			size_t w = gl_utf8_width(cell, strlen(cell));
			if (w > h->width[i])
				h->width[i] = w;
		}
		h->cells[h->n++] = cell;
	}
	return 0;
}

static int count_row(void *ctx, const struct gl_row *row)
{
	(void)row;
	((struct hits *)ctx)->page_rows++;
	return 0;
}

static void print_padded(const char *s, size_t width, bool right)
{
	size_t w = gl_utf8_width(s, strlen(s));
	if (right)
		printf("%*s%s", (int)(width - w), "", s);
	else
		printf("%s%*s", s, (int)(width - w), "");
}

static void print_row(const struct hits *h, char *const *cells)
{
	print_padded(cells[0], h->width[0], true);
	fputs("  ", stdout);
	print_padded(cells[1], h->width[1], false);
	fputs("  ", stdout);
	print_padded(cells[2], h->width[2], false);
	printf("  %s\n", cells[3]);
}

static void print_table(struct hits *h)
{
	static char *head[] = { "id", "school", "group", "snippet" };
	for (int i = 0; i < 3; i++) {
		size_t w = strlen(head[i]);
		if (w > h->width[i])
			h->width[i] = w;
	}
	print_row(h, head);
	for (size_t r = 0; r < h->n; r += 4)
		print_row(h, h->cells + r);
}

int cmd_search(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' }, { "format", required_argument, NULL, 'f' },
		{ "school", required_argument, NULL, 's' }, { "group", required_argument, NULL, 'g' },
		{ "kind", required_argument, NULL, 'k' }, { "limit", required_argument, NULL, 'l' },
		{ "rank", no_argument, NULL, 'R' },
		{ 0 } };
	int64_t limit = -1;  /* -1: the format's default */
	int rc;
	bool by_rank = false;
	enum cli_format fmt = CLI_TABLE;
	const char *school = NULL, *group = NULL, *kind = NULL;
	int ch;
	optind = 0;  /* 0, not 1: glibc re-reads the option string (permuting) */
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'f':
			if (!cli_format_parse(optarg, &fmt, false))
				return cli_usage("search", _("unknown format '%s' (valid: table, tsv, json)"),
					optarg);
			break;
		case 's': school = optarg; break;
		case 'R': by_rank = true; break;
		case 'g': group = optarg; break;
		case 'k': kind = optarg; break;
		case 'l':
			if ((rc = cli_parse_int("search", "--limit", optarg, 0, INT64_MAX, &limit)) !=
				EXIT_OK)
				return rc;
			break;
		case 'h': return cli_help(&help_search);
		case ':': return cli_usage("search", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("search", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("search", _("what should be searched for?"));
	if (kind && !gl_document_kind_valid(kind))
		return cli_usage("search", _("unknown kind '%s' (valid: letter, survey_text, "
			"inspection)"), kind);
	/* Several words on the command line are one query: `search rast AND trygg`. */
	struct gl_str query = GL_STR_INIT;
	for (int i = optind; i < argc; i++)
		gl_str_printf(&query, "%s%s", i > optind ? " " : "", argv[i]);
	if (!gl_utf8_valid(gl_str_cstr(&query), query.len, NULL)) {
		gl_str_finish(&query);
		return cli_usage("search", _("the query is not valid UTF-8"));
	}
	struct gl_store *s;
	rc = cli_open_store(c, &s);
	if (rc != EXIT_OK) {
		gl_str_finish(&query);
		return rc;
	}
	struct gl_error err = { 0 };
	struct gl_filter f = { 0 };
	f.by_rank = by_rank;
	f.kind = kind;
	if (school && gl_store_school_find(s, school, &f.school_id, &err) != GL_OK)
		rc = cli_fail(&err);
	else if (group && gl_store_group_find(s, group, &f.group_id, &err) != GL_OK)
		rc = cli_fail(&err);
	struct hits h = { 0 };
	if (rc == EXIT_OK && fmt != CLI_TABLE && !(h.out = cli_out_create(stdout, fmt)))
		rc = cli_fail(&(struct gl_error){ .status = GL_ENOMEM });
	enum gl_status st = GL_OK;
	if (limit < 0)
		limit = fmt == CLI_TABLE ? SEARCH_TABLE_LIMIT : 0;
	/* A page at a time, like list: json and tsv stream, the table waits for its widths. One
	 * row past the limit tells whether there are more. */
	int64_t shown = 0;
	bool more = false;
	for (int64_t offset = 0; rc == EXIT_OK; offset += SEARCH_PAGE) {
		int64_t page = SEARCH_PAGE;
		if (limit > 0 && limit - shown < page)
			page = limit - shown;
		h.page_rows = 0;
		st = gl_store_search(s, gl_str_cstr(&query), &f, offset, page, hit_row, &h, &err);
		shown += h.page_rows;
		if (st != GL_OK || h.page_rows < page)
			break;
		if (limit > 0 && shown >= limit) {
			struct hits probe = { 0 };
			st = gl_store_search(s, gl_str_cstr(&query), &f, shown, 1, count_row, &probe, &err);
			more = probe.page_rows > 0;
			break;
		}
	}
	if (rc == EXIT_OK && st != GL_OK) {
		if (st == GL_ECANCELLED)
			err = (struct gl_error){ .status = GL_ENOMEM };
		rc = cli_fail(&err);
	}
	if (rc == EXIT_OK && fmt == CLI_TABLE) {
		if (h.n == 0)
			printf(_("(no matches)\n"));
		else
			print_table(&h);
		if (more)
			printf(_("(more matches: --limit 0 shows them all)\n"));
	}
	if (h.out)
		cli_out_finish(h.out);
	for (size_t i = 0; i < h.n; i++)
		free(h.cells[i]);
	free(h.cells);
	gl_str_finish(&query);
	gl_store_close(s);
	return rc;
}
