/* The analysis from the command line: read marks (genomlys read) and genomlys stats codes,
 * profile, cooccurrence, agreement (stats.h computes; this file parses and prints). */
#include "cli.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/clean.h"
#include "genomlys/i18n.h"
#include "genomlys/queries.h"
#include "genomlys/stats.h"

static const struct cli_command help_read = { "read", NULL,
	N_("genomlys read LETTER_ID --coder NAME [--undo] [--db PATH]"),
	N_("Marks a letter as read by a coder (--undo: not read). Agreement compares coders over "
	"the letters all of them have read; coding or classifying a letter marks it read.") };
static const struct cli_command help_stats = { "stats", NULL,
	N_("genomlys stats codes [--by school|group] [--measure codings|letters|share] "
	"[--code NAME] [--coder NAME]... [--kind KIND] [--school NAME] [--format table|tsv|json]\n"
	"       genomlys stats profile --school NAME [--coder NAME]... [--kind KIND] [--format ...]\n"
	"       genomlys stats cooccurrence [--scope overlap|letter] [--coder NAME]... "
	"[--kind KIND] [--school NAME] [--format ...]\n"
	"       genomlys stats agreement --coders A,B[,C...] [--code NAME [--letters]] "
	"[--kind KIND] [--school NAME] [--format table|tsv|json]\n"
	"       genomlys stats reads [--format ...]"),
	N_("Code frequencies by school or respondent group (--code: schools x groups within one "
	"code; a category counts its codes, a letter once), a school's profile against the other "
	"schools (two-proportion z-test), codes that overlap or share letters (Jaccard), "
	"each over one school's letters with --school NAME, "
	"intercoder agreement over the letters every coder has read (percent agreement, Cohen's "
	"kappa for two coders, Krippendorff's alpha), and each coder's letters read. "
	"docs/analysis.md says how to read the figures.") };

/* ---- read ---- */

static int progress_row(void *ctx, const struct gl_row *row)
{
	int64_t coder = *(int64_t *)ctx;
	if (row->values[0].i == coder) {
		struct gl_str line = GL_STR_INIT;
		gl_str_printf(&line, _("%s has read %lld of %lld letters\n"), row->values[1].s,
			(long long)row->values[2].i, (long long)row->values[3].i);
		cli_print_escaped(stdout, gl_str_cstr(&line), line.len, GL_ESCAPE_KEEP_BREAKS);
		gl_str_finish(&line);
	}
	return 0;
}

int cmd_read(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "coder", required_argument, NULL, 'r' }, { "undo", no_argument, NULL, 'u' },
		{ 0 } };
	const char *coder = NULL;
	bool undo = false;
	int ch, rc;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'r': coder = optarg; break;
		case 'u': undo = true; break;
		case 'h': return cli_help(&help_read);
		case ':': return cli_usage("read", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("read", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage("read", _("expected one LETTER_ID"));
	int64_t letter;
	if ((rc = cli_parse_id("read", argv[optind], _("is not a letter id (a positive number)"),
		&letter)) != EXIT_OK)
		return rc;
	if (!coder)
		return cli_usage("read", _("--coder is required"));
	struct gl_str name = GL_STR_INIT;
	if ((rc = cli_clean("read", "--coder", coder, false, &name)) != EXIT_OK) {
		gl_str_finish(&name);
		return rc;
	}
	struct gl_store *s = NULL;
	struct gl_error err = { 0 };
	enum gl_status st = GL_OK;
	int64_t coder_id = 0;
	bool changed = false;
	if ((rc = cli_open_store(c, &s)) != EXIT_OK)
		goto out;
	gl_store_set_actor(s, gl_str_cstr(&name));
	/* marking creates the coder (as coding does); unmarking needs one that exists */
	if (undo)
		st = gl_store_coder_find(s, gl_str_cstr(&name), &coder_id, &err);
	else if ((st = gl_store_begin(s, &err)) == GL_OK) {
		st = gl_store_coder_ensure(s, gl_str_cstr(&name), &coder_id, NULL, &err);
		if (st == GL_OK)
			st = gl_store_read_set(s, letter, coder_id, true, &changed, &err);
		if (st == GL_OK)
			st = gl_store_commit(s, &err);
		else
			gl_store_rollback(s);
	}
	if (st == GL_OK && undo)
		st = gl_store_read_set(s, letter, coder_id, false, &changed, &err);
	if (st != GL_OK)
		goto out;
	struct gl_str line = GL_STR_INIT;
	if (undo)
		gl_str_printf(&line, changed ? _("Letter %lld: not read by %s\n") :
			_("Letter %lld: %s had not marked it read\n"), (long long)letter,
			gl_str_cstr(&name));
	else
		gl_str_printf(&line, changed ? _("Letter %lld: read by %s\n") :
			_("Letter %lld: already read by %s\n"), (long long)letter, gl_str_cstr(&name));
	cli_print_escaped(stdout, gl_str_cstr(&line), line.len, GL_ESCAPE_KEEP_BREAKS);
	gl_str_finish(&line);
	st = gl_query_read_progress(s, progress_row, &coder_id, &err);
out:
	if (st != GL_OK)
		rc = cli_fail(&err);
	gl_store_close(s);
	gl_str_finish(&name);
	return rc;
}

/* ---- stats: options ---- */

struct stats_opts {
	const char *by, *measure, *code, *school, *scope, *kind, *coders_csv;
	bool letters;
	const char *coder[16];
	size_t ncoder;
	enum cli_format fmt;
};

/* Row output with the columns built as we go. */
struct rowbuf {
	const char **names;
	struct gl_value *values;
	char **owned;
	int n, cap;
	enum cli_format fmt;
};

/* Room for cap columns (a matrix has one per school); false when out of memory. */
static bool rb_init(struct rowbuf *r, enum cli_format fmt, size_t cap)
{
	memset(r, 0, sizeof *r);
	r->fmt = fmt;
	r->names = calloc(cap, sizeof *r->names);
	r->values = calloc(cap, sizeof *r->values);
	r->owned = calloc(cap, sizeof *r->owned);
	bool ok = r->names && r->values && r->owned;
	r->cap = ok ? (int)cap : 0;
	return ok;
}

static void rb_finish(struct rowbuf *r)
{
	for (int i = 0; r->owned && i < r->cap; i++)
		free(r->owned[i]);
	free(r->names);
	free(r->values);
	free(r->owned);
	memset(r, 0, sizeof *r);
}

static void rb_text(struct rowbuf *r, const char *name, const char *text)
{
	if (r->n >= r->cap)
		return;
	r->names[r->n] = name;
	r->values[r->n] = (struct gl_value){ .type = text ? GL_VAL_TEXT : GL_VAL_NULL, .s = text,
		.len = text ? strlen(text) : 0 };
	r->n++;
}

static void rb_int(struct rowbuf *r, const char *name, int64_t v)
{
	if (r->n >= r->cap)
		return;
	r->names[r->n] = name;
	r->values[r->n++] = (struct gl_value){ .type = GL_VAL_INT, .i = v };
}

/* A figure: NaN is null; a table shows it rounded (decimals), the others unrounded. */
static void rb_real(struct rowbuf *r, const char *name, double v, int decimals)
{
	if (r->n >= r->cap)
		return;
	if (isnan(v)) {
		rb_text(r, name, NULL);
		return;
	}
	if (r->fmt == CLI_TABLE) {
		struct gl_str t = GL_STR_INIT;
		gl_str_printf(&t, "%.*f", decimals, v);
		r->owned[r->n] = gl_str_steal(&t);
		rb_text(r, name, r->owned[r->n]);
		return;
	}
	r->names[r->n] = name;
	r->values[r->n++] = (struct gl_value){ .type = GL_VAL_REAL, .r = v };
}

static int rb_emit(struct rowbuf *r, struct cli_out *o)
{
	struct gl_row row = { r->n, r->names, r->values };
	int stop = cli_out_row(o, &row);
	for (int i = 0; i < r->n; i++) {
		free(r->owned[i]);
		r->owned[i] = NULL;
	}
	r->n = 0;
	return stop;
}

/* The coders named by --coder (repeatable) or --coders A,B,C into ids; an unknown one fails. */
static enum gl_status resolve_coders(struct gl_store *s, const struct stats_opts *o,
	int64_t *ids, size_t *n, struct gl_str *names, struct gl_error *err)
{
	*n = 0;
	char *csv = o->coders_csv ? gl_strdup(o->coders_csv) : NULL;
	const char *list[64];
	size_t nlist = 0;
	for (size_t i = 0; i < o->ncoder && nlist < 64; i++)
		list[nlist++] = o->coder[i];
	for (char *save = NULL, *t = csv ? strtok_r(csv, ",", &save) : NULL; t && nlist < 64;
		t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		if (*t)
			list[nlist++] = t;
	}
	enum gl_status st = GL_OK;
	for (size_t i = 0; i < nlist && st == GL_OK; i++) {
		int64_t id;
		if ((st = gl_store_coder_find(s, list[i], &id, err)) != GL_OK)
			break;
		bool dup = false;
		for (size_t j = 0; j < *n; j++)
			dup |= ids[j] == id;
		if (dup)
			continue;
		ids[(*n)++] = id;
		gl_str_printf(names, "%s%s", names->len ? ", " : "", list[i]);
	}
	free(csv);
	return st;
}

/* ---- stats codes ---- */

static int stats_codes(struct gl_store *s, const struct stats_opts *o,
	const struct gl_query_stats_filter *f, struct gl_error *err)
{
	enum gl_stats_by by = GL_STATS_BY_SCHOOL;
	enum gl_stats_measure measure = GL_STATS_CODINGS;
	if (o->by && !strcmp(o->by, "group"))
		by = GL_STATS_BY_GROUP;
	else if (o->by && strcmp(o->by, "school"))
		return cli_usage("stats", _("--by is school or group, not '%s'"), o->by);
	if (o->measure && !strcmp(o->measure, "letters"))
		measure = GL_STATS_LETTERS;
	else if (o->measure && !strcmp(o->measure, "share"))
		measure = GL_STATS_SHARE;
	else if (o->measure && strcmp(o->measure, "codings"))
		return cli_usage("stats", _("--measure is codings, letters or share, not '%s'"),
			o->measure);
	if (o->code && o->by)
		return cli_usage("stats", _("--code shows schools x groups within the code; it "
			"takes no --by"));
	struct gl_stats_matrix m;
	enum gl_status st;
	if (o->code) {
		int64_t code_id;
		if ((st = gl_store_code_find(s, o->code, &code_id, err)) != GL_OK)
			return cli_fail(err);
		st = gl_stats_school_group_matrix(s, code_id, f, &m, err);
	} else {
		st = gl_stats_code_matrix(s, by, f, &m, err);
	}
	if (st != GL_OK)
		return cli_fail(err);
	if (m.ncols > 60 && o->fmt == CLI_TABLE) {
		gl_stats_matrix_finish(&m);
		gl_error_set(err, GL_EINVAL, "%s", _("too many columns for a table (more than 60): "
			"use --format tsv or json, the Analysis pane or the workbook"));
		return cli_fail(err);
	}
	struct cli_out *out = cli_out_create(stdout, o->fmt);
	struct rowbuf r;
	if (!out || !rb_init(&r, o->fmt, m.ncols + 4)) {
		rb_finish(&r);
		cli_out_finish(out);
		gl_stats_matrix_finish(&m);
		gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		return cli_fail(err);
	}
	const char *first = o->code ? _("school") : _("code");
	for (size_t i = 0; i < m.nrows; i++) {
		rb_text(&r, first, m.rows[i].name);
		for (size_t c = 0; c <= m.ncols; c++) {
			const char *col = c < m.ncols ? m.cols[c].name : _("total");
			double v = gl_stats_cell(&m, measure, i, c);
			if (measure == GL_STATS_SHARE)
				rb_real(&r, col, v, 3);
			else
				rb_int(&r, col, (int64_t)v);
		}
		if (rb_emit(&r, out))
			break;
	}
	/* the letters behind the shares */
	rb_text(&r, first, _("(letters)"));
	for (size_t c = 0; c <= m.ncols; c++) {
		int64_t base = 0;
		if (c < m.ncols)
			for (size_t i = 0; i < (o->code ? m.nrows : 1) && m.nrows; i++)
				base += m.base[i * m.ncols + c];
		else
			base = m.total_letters;
		rb_int(&r, c < m.ncols ? m.cols[c].name : _("total"), base);
	}
	rb_emit(&r, out);
	cli_out_finish(out);
	rb_finish(&r);
	gl_stats_matrix_finish(&m);
	return EXIT_OK;
}

/* ---- stats profile ---- */

static int stats_profile(struct gl_store *s, const struct stats_opts *o,
	const struct gl_query_stats_filter *f, struct gl_error *err)
{
	if (!o->school)
		return cli_usage("stats", _("stats profile needs --school NAME"));
	int64_t school_id;
	if (gl_store_school_find(s, o->school, &school_id, err) != GL_OK)
		return cli_fail(err);
	struct gl_stats_profile p;
	if (gl_stats_profile(s, school_id, f, &p, err) != GL_OK)
		return cli_fail(err);
	struct cli_out *out = cli_out_create(stdout, o->fmt);
	struct rowbuf r;
	rb_init(&r, o->fmt, 32);
	for (size_t i = 0; i < p.n; i++) {
		const struct gl_stats_profile_row *x = &p.rows[i];
		rb_text(&r, "code", x->code);
		rb_int(&r, "codings", x->codings);
		rb_int(&r, "letters", x->letters);
		rb_int(&r, "school_letters", x->school_letters);
		rb_real(&r, "share", x->test.p1, 3);
		rb_int(&r, "other_letters_with", x->other_with);
		rb_int(&r, "other_letters", x->other_letters);
		rb_real(&r, "other_share", x->test.p2, 3);
		rb_real(&r, "z", x->test.defined ? x->test.z : NAN, 2);
		rb_real(&r, "p", x->test.defined ? x->test.p : NAN, 3);
		rb_text(&r, "reading", _(gl_stats_profile_words(x)));
		rb_text(&r, "small_counts", x->test.defined && x->test.small_counts ? _("yes") :
			(o->fmt == CLI_TABLE ? "" : _("no")));
		if (rb_emit(&r, out))
			break;
	}
	cli_out_finish(out);
	rb_finish(&r);
	gl_stats_profile_finish(&p);
	return EXIT_OK;
}

/* ---- stats cooccurrence ---- */

static int stats_cooccurrence(struct gl_store *s, const struct stats_opts *o,
	const struct gl_query_stats_filter *f, struct gl_error *err)
{
	enum gl_stats_scope scope = GL_STATS_OVERLAP;
	if (o->scope && !strcmp(o->scope, "letter"))
		scope = GL_STATS_LETTER;
	else if (o->scope && strcmp(o->scope, "overlap"))
		return cli_usage("stats", _("--scope is overlap or letter, not '%s'"), o->scope);
	struct gl_stats_cooccurrence c;
	if (gl_stats_cooccurrence(s, scope, f, &c, err) != GL_OK)
		return cli_fail(err);
	struct cli_out *out = cli_out_create(stdout, o->fmt);
	struct rowbuf r;
	rb_init(&r, o->fmt, 32);
	for (size_t i = 0; i < c.n; i++) {
		const struct gl_stats_pair *p = &c.pairs[i];
		rb_text(&r, "code_a", p->a);
		rb_text(&r, "code_b", p->b);
		if (scope == GL_STATS_OVERLAP)
			rb_int(&r, "overlaps", p->count);
		rb_int(&r, "letters", p->letters);
		rb_int(&r, "letters_a", p->letters_a);
		rb_int(&r, "letters_b", p->letters_b);
		if (scope == GL_STATS_LETTER)
			rb_real(&r, "jaccard", p->jaccard, 3);
		if (rb_emit(&r, out))
			break;
	}
	cli_out_finish(out);
	rb_finish(&r);
	gl_stats_cooccurrence_finish(&c);
	return EXIT_OK;
}

/* ---- stats agreement ---- */

static cJSON *json_num(double v)
{
	return isnan(v) ? cJSON_CreateNull() : cJSON_CreateNumber(v);
}

static double alpha_of(const struct gl_agree_alpha *a)
{
	return a->defined ? a->alpha : NAN;
}

/* --letters: one code's agreement letter by letter, the letters that differ most first. */
static int agreement_letters(struct gl_store *s, const struct stats_opts *o,
	const struct gl_query_stats_filter *f, int64_t code_id, const char *names,
	struct gl_error *err)
{
	struct gl_stats_agree_letter *ls = NULL;
	size_t n = 0;
	enum gl_status st = gl_stats_agreement_letters(s, f, code_id, &ls, &n, err);
	if (st == GL_ENOTFOUND) {
		gl_error_set(err, st, _("no letter has been read by all of %s (a coder marks a "
			"letter read with 'genomlys read', or by coding or classifying it)"), names);
		return cli_fail(err);
	}
	if (st != GL_OK)
		return cli_fail(err);
	struct cli_out *out = cli_out_create(stdout, o->fmt);
	struct rowbuf r;
	rb_init(&r, o->fmt, 32);
	for (size_t i = 0; i < n; i++) {
		const struct gl_stats_agree_letter *x = &ls[i];
		rb_int(&r, "letter", x->document_id);
		rb_int(&r, "characters", x->length);
		rb_int(&r, "coded", x->coded);
		rb_int(&r, "disagree", x->disagree);
		rb_real(&r, "percent_agreement", x->sum.percent, 3);
		rb_real(&r, "kappa", x->sum.kappa_defined ? x->sum.kappa : NAN, 3);
		rb_real(&r, "alpha", alpha_of(&x->sum.alpha), 3);
		if (rb_emit(&r, out))
			break;
	}
	cli_out_finish(out);
	rb_finish(&r);
	free(ls);
	return EXIT_OK;
}

static int stats_agreement(struct gl_store *s, const struct stats_opts *o,
	struct gl_query_stats_filter *f, const char *names, struct gl_error *err)
{
	if (f->ncoders < 2)
	{
		gl_error_set(err, GL_EINVAL, "%s", _("agreement needs two or more coders (--coders "
			"A,B)"));
		return cli_fail(err);
	}
	int64_t code_id = 0;
	if (o->code && gl_store_code_find(s, o->code, &code_id, err) != GL_OK)
		return cli_fail(err);
	if (o->letters)
		return agreement_letters(s, o, f, code_id, names, err);
	struct gl_stats_agreement a;
	enum gl_status st = gl_stats_agreement(s, f, code_id, &a, err);
	if (st == GL_ENOTFOUND) {
		gl_error_set(err, st, _("no letter has been read by all of %s (a coder marks a "
			"letter read with 'genomlys read', or by coding or classifying it)"), names);
		return cli_fail(err);
	}
	if (st != GL_OK)
		return cli_fail(err);
	if (o->fmt == CLI_JSON) {
		cJSON *root = cJSON_CreateObject(), *codes = cJSON_AddArrayToObject(root, "codes");
		for (size_t i = 0; i < a.ncodes; i++) {
			const struct gl_stats_agree_code *x = &a.codes[i];
			cJSON *j = cJSON_CreateObject();
			cJSON_AddStringToObject(j, "code", x->code);
			cJSON_AddItemToObject(j, "percent_agreement", json_num(x->sum.percent));
			cJSON_AddItemToObject(j, "kappa", json_num(x->sum.kappa_defined ? x->sum.kappa :
				NAN));
			cJSON_AddItemToObject(j, "alpha", json_num(alpha_of(&x->sum.alpha)));
			cJSON_AddNumberToObject(j, "characters", (double)x->sum.characters);
			cJSON_AddNumberToObject(j, "letters", (double)x->sum.letters);
			cJSON_AddItemToArray(codes, j);
		}
		cJSON *cats = cJSON_AddArrayToObject(root, "categories");
		for (size_t i = 0; i < a.ncategories; i++) {
			const struct gl_stats_agree_category *x = &a.categories[i];
			cJSON *j = cJSON_CreateObject();
			cJSON_AddStringToObject(j, "category", x->category);
			cJSON_AddItemToObject(j, "alpha_nominal", json_num(alpha_of(&x->nominal)));
			cJSON_AddItemToObject(j, "alpha_ordinal", json_num(x->numeric ?
				alpha_of(&x->ordinal) : NAN));
			cJSON_AddItemToObject(j, "alpha_interval", json_num(x->numeric ?
				alpha_of(&x->interval) : NAN));
			cJSON_AddNumberToObject(j, "letters", (double)x->letters);
			cJSON_AddItemToArray(cats, j);
		}
		char *txt = cJSON_Print(root);
		if (txt) {
			cli_json_write(stdout, txt);
			fputc('\n', stdout);
		}
		cJSON_free(txt);
		cJSON_Delete(root);
		gl_stats_agreement_finish(&a);
		return EXIT_OK;
	}
	if (o->fmt == CLI_TABLE) {
		struct gl_str head = GL_STR_INIT;
		gl_str_printf(&head, _("Agreement of %s over the %zu letters all of them have read "
			"(%lld characters), worst first:\n"), names, a.letters,
			(long long)a.characters);
		cli_print_escaped(stdout, gl_str_cstr(&head), head.len, GL_ESCAPE_KEEP_BREAKS);
		gl_str_finish(&head);
	}
	struct cli_out *out = cli_out_create(stdout, o->fmt);
	struct rowbuf r;
	rb_init(&r, o->fmt, 32);
	for (size_t i = 0; i < a.ncodes; i++) {
		const struct gl_stats_agree_code *x = &a.codes[i];
		rb_text(&r, "code", x->code);
		rb_real(&r, "percent_agreement", x->sum.percent, 3);
		rb_real(&r, "kappa", x->sum.kappa_defined ? x->sum.kappa : NAN, 3);
		rb_real(&r, "alpha", alpha_of(&x->sum.alpha), 3);
		rb_text(&r, "reading", _(gl_agree_alpha_words(alpha_of(&x->sum.alpha))));
		rb_int(&r, "characters", x->sum.characters);
		rb_int(&r, "letters", (int64_t)x->sum.letters);
		if (rb_emit(&r, out))
			break;
	}
	cli_out_finish(out);
	if (a.ncategories) {
		if (o->fmt == CLI_TABLE)
			printf("\n%s\n", _("Exclusive categories (whole letters; a coder who did not "
				"classify a letter is missing):"));
		out = cli_out_create(stdout, o->fmt);
		for (size_t i = 0; i < a.ncategories; i++) {
			const struct gl_stats_agree_category *x = &a.categories[i];
			rb_text(&r, "category", x->category);
			rb_real(&r, "alpha_nominal", alpha_of(&x->nominal), 3);
			rb_real(&r, "alpha_ordinal", x->numeric ? alpha_of(&x->ordinal) : NAN, 3);
			rb_real(&r, "alpha_interval", x->numeric ? alpha_of(&x->interval) : NAN, 3);
			rb_text(&r, "reading", _(gl_agree_alpha_words(alpha_of(&x->nominal))));
			rb_int(&r, "letters", x->letters);
			if (rb_emit(&r, out))
				break;
		}
		cli_out_finish(out);
	}
	rb_finish(&r);
	gl_stats_agreement_finish(&a);
	return EXIT_OK;
}

/* ---- stats reads ---- */

static int stats_reads(struct gl_store *s, const struct stats_opts *o, struct gl_error *err)
{
	struct cli_out *out = cli_out_create(stdout, o->fmt);
	enum gl_status st = gl_query_read_progress(s, cli_out_row, out, err);
	cli_out_finish(out);
	return st == GL_OK ? EXIT_OK : cli_fail(err);
}

int cmd_stats(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS,
		{ "by", required_argument, NULL, 'b' }, { "measure", required_argument, NULL, 'm' },
		{ "code", required_argument, NULL, 'C' }, { "school", required_argument, NULL, 's' },
		{ "scope", required_argument, NULL, 'S' }, { "kind", required_argument, NULL, 'k' },
		{ "coder", required_argument, NULL, 'r' }, { "coders", required_argument, NULL, 'R' },
		{ "format", required_argument, NULL, 'f' }, { "letters", no_argument, NULL, 'L' },
		{ 0 } };
	struct stats_opts o = { .fmt = CLI_TABLE };
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'b': o.by = optarg; break;
		case 'm': o.measure = optarg; break;
		case 'C': o.code = optarg; break;
		case 's': o.school = optarg; break;
		case 'S': o.scope = optarg; break;
		case 'k': o.kind = optarg; break;
		case 'r':
			if (o.ncoder == sizeof o.coder / sizeof o.coder[0])
				return cli_usage("stats", _("too many --coder options"));
			o.coder[o.ncoder++] = optarg;
			break;
		case 'R': o.coders_csv = optarg; break;
		case 'L': o.letters = true; break;
		case 'f':
			if (!cli_format_parse(optarg, &o.fmt, false))
				return cli_usage("stats", _("unknown format '%s' (table, tsv or json)"), optarg);
			break;
		case 'h': return cli_help(&help_stats);
		case ':': return cli_usage("stats", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage("stats", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage("stats", _("expected one of codes, profile, cooccurrence, agreement, "
			"reads"));
	const char *what = argv[optind];
	bool known = !strcmp(what, "codes") || !strcmp(what, "profile") ||
		!strcmp(what, "cooccurrence") || !strcmp(what, "agreement") || !strcmp(what, "reads");
	if (!known)
		return cli_usage("stats", _("unknown statistic '%s' (codes, profile, cooccurrence, "
			"agreement or reads)"), what);
	if (o.kind && !gl_document_kind_valid(o.kind))
		return cli_usage("stats", _("--kind is letter, survey_text or inspection, not '%s'"),
			o.kind);
	bool agreement = !strcmp(what, "agreement");
	if (o.letters && (!agreement || !o.code))
		return cli_usage("stats", _("--letters goes with stats agreement --code NAME"));
	if (agreement && o.ncoder)
		return cli_usage("stats", _("stats agreement takes --coders A,B[,C...]"));
	if (!agreement && o.coders_csv)
		return cli_usage("stats", _("--coders is for stats agreement; narrow the others with "
			"--coder NAME (repeatable)"));
	struct gl_store *s;
	int rc = cli_open_store(c, &s);
	if (rc != EXIT_OK)
		return rc;
	struct gl_error err = { 0 };
	int64_t ids[64];
	struct gl_str names = GL_STR_INIT;
	struct gl_query_stats_filter f = { ids, 0, o.kind, 0, false };
	/* --school: the profile's school, else only that school's letters (as the workbook's
	 * Codes and Method sheets with export --school) */
	bool scoped = o.school && strcmp(what, "profile") && strcmp(what, "reads");
	if (resolve_coders(s, &o, ids, &f.ncoders, &names, &err) != GL_OK ||
		(scoped && gl_store_school_find(s, o.school, &f.school_id, &err) != GL_OK))
		rc = cli_fail(&err);
	else if (!strcmp(what, "codes"))
		rc = stats_codes(s, &o, &f, &err);
	else if (!strcmp(what, "profile"))
		rc = stats_profile(s, &o, &f, &err);
	else if (!strcmp(what, "cooccurrence"))
		rc = stats_cooccurrence(s, &o, &f, &err);
	else if (agreement)
		rc = stats_agreement(s, &o, &f, gl_str_cstr(&names), &err);
	else
		rc = stats_reads(s, &o, &err);
	gl_str_finish(&names);
	gl_store_close(s);
	return rc;
}
