/* glbench: loads codings and times searches through the core's own store functions, so that
 * the benchmarks measure exactly what users get. Prints "name value" lines for bench/run. */
#include <csv.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "genomlys/status.h"
#include "genomlys/store.h"
#include "genomlys/str.h"
#include "genomlys/utf8.h"

static const char usage_text[] =
	"Usage: glbench load-codings --db PATH [--batch N] [--limit N] [--coder NAME] CODINGS.tsv\n"
	"       glbench search --db PATH [--limit N] [--repeat N] QUERIES.tsv\n"
	"       glbench load-letters --db PATH LETTERS.csv    (creates PATH when missing)\n"
	"       glbench load-codebook --db PATH CODEBOOK.csv\n";

/* CPU time of the calling thread: what the search itself cost, whatever else the machine runs. */
static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted v[0..n). */
static double percentile(const double *v, size_t n, double p)
{
	if (n == 0)
		return 0;
	size_t rank = (size_t)(p / 100.0 * (double)n + 0.999999);
	if (rank < 1)
		rank = 1;
	return v[(rank > n ? n : rank) - 1];
}

static void print_latencies(const char *prefix, double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	printf("%s.count %zu\n", prefix, n);
	printf("%s.p50_ms %.3f\n", prefix, percentile(v, n, 50));
	printf("%s.p95_ms %.3f\n", prefix, percentile(v, n, 95));
	printf("%s.p99_ms %.3f\n", prefix, percentile(v, n, 99));
	printf("%s.max_ms %.3f\n", prefix, n ? v[n - 1] : 0.0);
}

static int fail(const char *what, const struct gl_error *err)
{
	char buf[800];
	gl_error_format(err, buf, sizeof buf);
	fprintf(stderr, "glbench: %s: %s\n", what, buf);
	return 1;
}

/* ---- A title -> letter map (open addressing; titles from bench/gen are unique) ---- */

struct letter_slot {
	char *title;
	int64_t id;
	int64_t length;
};

struct letter_map {
	struct letter_slot *slots;
	size_t cap, count;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static struct letter_slot *map_slot(struct letter_map *m, const char *title)
{
	size_t i = (size_t)hash_str(title) & (m->cap - 1);
	while (m->slots[i].title && strcmp(m->slots[i].title, title))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static bool map_grow(struct letter_map *m)
{
	struct letter_map bigger = { calloc(m->cap ? m->cap * 2 : 1024, sizeof *m->slots),
		m->cap ? m->cap * 2 : 1024, m->count };
	if (!bigger.slots)
		return false;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].title)
			*map_slot(&bigger, m->slots[i].title) = m->slots[i];
	free(m->slots);
	*m = bigger;
	return true;
}

static void map_finish(struct letter_map *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].title);
	free(m->slots);
}

static int map_add_row(void *ctx, const struct gl_row *row)
{
	struct letter_map *m = ctx;
	int64_t id = -1, length = -1;
	const char *title = NULL;
	for (int i = 0; i < row->ncols; i++) {
		if (!strcmp(row->names[i], "id"))
			id = row->values[i].i;
		else if (!strcmp(row->names[i], "length"))
			length = row->values[i].i;
		else if (!strcmp(row->names[i], "title") && row->values[i].type == GL_VAL_TEXT)
			title = row->values[i].s;
	}
	if (!title)
		return 0;
	if ((m->count + 1) * 2 > m->cap && !map_grow(m))
		return 1;
	struct letter_slot *slot = map_slot(m, title);
	if (slot->title)
		return 0;  /* a duplicate title: the first wins; bench/gen never writes one */
	if (!(slot->title = strdup(title)))
		return 1;
	slot->id = id;
	slot->length = length;
	m->count++;
	return 0;
}

/* ---- Small name -> id caches for codes and coders ---- */

struct name_id {
	char *name;
	int64_t id;
};

struct name_cache {
	struct name_id *items;
	size_t count;
};

static int64_t cache_get(const struct name_cache *c, const char *name)
{
	for (size_t i = 0; i < c->count; i++)
		if (!strcmp(c->items[i].name, name))
			return c->items[i].id;
	return 0;
}

static bool cache_put(struct name_cache *c, const char *name, int64_t id)
{
	struct name_id *items = realloc(c->items, (c->count + 1) * sizeof *items);
	if (!items)
		return false;
	c->items = items;
	if (!(items[c->count].name = strdup(name)))
		return false;
	items[c->count++].id = id;
	return true;
}

static void cache_finish(struct name_cache *c)
{
	for (size_t i = 0; i < c->count; i++)
		free(c->items[i].name);
	free(c->items);
}

/* Splits a TSV line in place into at most n fields; returns how many. */
static int split_tabs(char *line, char **fields, int n)
{
	int k = 0;
	line[strcspn(line, "\r\n")] = '\0';
	while (k < n) {
		fields[k++] = line;
		char *tab = strchr(line, '\t');
		if (!tab)
			break;
		*tab = '\0';
		line = tab + 1;
	}
	return k;
}

struct options {
	const char *db;
	const char *coder;
	const char *file;
	long batch;
	long limit;
	long repeat;
};

/* ---- load-codings ---- */

static int cmd_load_codings(const struct options *o)
{
	struct gl_error err = { 0 };
	struct gl_store *s = NULL;
	struct letter_map letters = { 0 };
	struct name_cache codes = { 0 }, coders = { 0 };
	double *lat = NULL;
	char *line = NULL;
	size_t linecap = 0;
	int rc = 1;
	FILE *fp = fopen(o->file, "r");
	if (!fp) {
		fprintf(stderr, "glbench: %s: %s\n", o->file, strerror(errno));
		return 1;
	}
	if (gl_store_open(o->db, &s, &err) != GL_OK) {
		rc = fail(o->db, &err);
		goto out;
	}
	gl_store_set_actor(s, "bench");
	double t0 = now_ms();
	if (!map_grow(&letters) ||
	    gl_store_list(s, GL_LIST_LETTERS, NULL, 0, 0, map_add_row, &letters, &err) != GL_OK) {
		rc = fail("listing letters", &err);
		goto out;
	}
	double t_map = now_ms() - t0;
	if (o->batch == 1 && o->limit > 0 && !(lat = calloc((size_t)o->limit, sizeof *lat)))
		goto out;

	long done = 0, duplicates = 0, in_batch = 0;
	bool open_tx = false;
	t0 = now_ms();
	if (getline(&line, &linecap, fp) < 0) {  /* the header */
		fprintf(stderr, "glbench: %s: empty\n", o->file);
		goto out;
	}
	while ((o->limit <= 0 || done < o->limit) && getline(&line, &linecap, fp) >= 0) {
		char *f[6];
		if (split_tabs(line, f, 6) != 6) {
			fprintf(stderr, "glbench: %s: a line without six fields\n", o->file);
			goto out;
		}
		struct letter_slot *letter = map_slot(&letters, f[0]);
		if (!letter->title) {
			fprintf(stderr, "glbench: no letter titled '%s' in the project\n", f[0]);
			goto out;
		}
		if (letter->length != strtoll(f[1], NULL, 10)) {
			fprintf(stderr, "glbench: letter '%s' has %" PRId64 " characters in the project, "
				"%s in the script (did the import change the text?)\n", f[0], letter->length,
				f[1]);
			goto out;
		}
		const char *coder_name = o->coder ? o->coder : f[3];
		int64_t code_id = cache_get(&codes, f[2]), coder_id = cache_get(&coders, coder_name);
		if (!code_id && (gl_store_code_find(s, f[2], &code_id, &err) != GL_OK ||
		    !cache_put(&codes, f[2], code_id))) {
			rc = fail(f[2], &err);
			goto out;
		}
		if (!coder_id && (gl_store_coder_ensure(s, coder_name, &coder_id, NULL, &err) != GL_OK ||
		    !cache_put(&coders, coder_name, coder_id))) {
			rc = fail(coder_name, &err);
			goto out;
		}
		if (o->batch > 1 && !open_tx) {
			if (gl_store_begin(s, &err) != GL_OK) {
				rc = fail("begin", &err);
				goto out;
			}
			open_tx = true;
		}
		struct gl_coding c = { .document_id = letter->id, .code_id = code_id,
			.coder_id = coder_id, .start = strtoll(f[4], NULL, 10),
			.end = strtoll(f[5], NULL, 10) };
		int64_t id;
		double t1 = now_ms();
		enum gl_status st = gl_store_coding_insert(s, &c, &id, &err);
		if (lat && st == GL_OK)
			lat[done - duplicates] = now_ms() - t1;  /* refusals are not what we time */
		if (st == GL_EEXIST) {
			duplicates++;
		} else if (st != GL_OK) {
			rc = fail("inserting a coding", &err);
			goto out;
		}
		done++;
		if (open_tx && ++in_batch >= o->batch) {
			if (gl_store_commit(s, &err) != GL_OK) {
				rc = fail("commit", &err);
				goto out;
			}
			open_tx = false;
			in_batch = 0;
		}
	}
	if (open_tx) {
		if (gl_store_commit(s, &err) != GL_OK) {
			rc = fail("commit", &err);
			goto out;
		}
		open_tx = false;
	}
	double t_load = now_ms() - t0;
	printf("codings.letters %zu\n", letters.count);
	printf("codings.map_ms %.1f\n", t_map);
	printf("codings.inserted %ld\n", done - duplicates);
	printf("codings.duplicates %ld\n", duplicates);
	printf("codings.batch %ld\n", o->batch);
	printf("codings.load_ms %.1f\n", t_load);
	printf("codings.per_coding_us %.1f\n", done ? t_load * 1e3 / (double)done : 0.0);
	if (lat)
		print_latencies("codings.single", lat, (size_t)(done - duplicates));
	rc = 0;
out:
	if (rc != 0 && s)
		gl_store_rollback(s);
	free(line);
	free(lat);
	map_finish(&letters);
	cache_finish(&codes);
	cache_finish(&coders);
	gl_store_close(s);
	fclose(fp);
	return rc;
}

/* ---- search ---- */

struct query {
	char *text;
	char *kind;
	int64_t school_id;
	double *runs;
	double *cpus;
	int64_t rows;
	int64_t hits;
};

static int count_row(void *ctx, const struct gl_row *row)
{
	(void)row;
	(*(int64_t *)ctx)++;
	return 0;
}

static int cmd_search(const struct options *o)
{
	struct gl_error err = { 0 };
	struct gl_store *s = NULL;
	struct query *q = NULL;
	size_t nq = 0;
	char *line = NULL;
	size_t linecap = 0;
	double *med = NULL, *first = NULL, *cpu = NULL;
	int rc = 1;
	FILE *fp = fopen(o->file, "r");
	if (!fp) {
		fprintf(stderr, "glbench: %s: %s\n", o->file, strerror(errno));
		return 1;
	}
	/* Opening is part of what a user waits for on the first search, so time it too. */
	double t0 = now_ms();
	if (gl_store_open(o->db, &s, &err) != GL_OK) {
		rc = fail(o->db, &err);
		goto out;
	}
	double t_open = now_ms() - t0;
	bool header = true;
	while (getline(&line, &linecap, fp) >= 0) {
		char *f[3] = { NULL, "", "" };
		int n = split_tabs(line, f, 3);
		if (header || n < 1 || !*f[0]) {
			header = false;
			continue;
		}
		struct query *more = realloc(q, (nq + 1) * sizeof *q);
		if (!more)
			goto out;
		q = more;
		struct query *cur = &q[nq++];
		*cur = (struct query){ strdup(f[0]), strdup(n > 1 ? f[1] : ""), 0,
			calloc((size_t)o->repeat, sizeof(double)), calloc((size_t)o->repeat, sizeof(double)),
			0, 0 };
		if (!cur->text || !cur->kind || !cur->runs || !cur->cpus)
			goto out;
		if (n > 2 && *f[2] && gl_store_school_find(s, f[2], &cur->school_id, &err) != GL_OK) {
			rc = fail(f[2], &err);
			goto out;
		}
	}
	if (!(med = calloc(nq ? nq : 1, sizeof *med)) || !(first = calloc(nq ? nq : 1, sizeof *first))
		|| !(cpu = calloc(nq ? nq : 1, sizeof *cpu)))
		goto out;
	/* Run r: every query once, in file order, so that a query does not just re-read the
	 * pages its own previous run left in the cache. Run 0 is the cold one. */
	for (long r = 0; r < o->repeat; r++) {
		for (size_t i = 0; i < nq; i++) {
			struct gl_filter f = { .school_id = q[i].school_id };
			int64_t rows = 0;
			double t1 = now_ms(), c1 = cpu_ms();
			if (gl_store_search(s, q[i].text, &f, 0, o->limit, count_row, &rows, &err) != GL_OK) {
				rc = fail(q[i].text, &err);
				goto out;
			}
			q[i].runs[r] = now_ms() - t1;
			q[i].cpus[r] = cpu_ms() - c1;
			q[i].rows = rows;
		}
	}
	for (size_t i = 0; i < nq; i++) {
		struct gl_filter f = { .school_id = q[i].school_id, .match = q[i].text };
		if (gl_store_count(s, GL_LIST_LETTERS, &f, &q[i].hits, &err) != GL_OK)
			q[i].hits = -1;
		first[i] = q[i].runs[0];
		qsort(q[i].runs, (size_t)o->repeat, sizeof(double), cmp_double);
		med[i] = q[i].runs[o->repeat / 2];
		qsort(q[i].cpus, (size_t)o->repeat, sizeof(double), cmp_double);
		cpu[i] = q[i].cpus[o->repeat / 2];
	}
	printf("search.open_ms %.3f\n", t_open);
	printf("search.limit %ld\n", o->limit);
	printf("search.repeat %ld\n", o->repeat);
	/* The slowest queries, to say what a miss is made of. */
	for (int k = 0; k < 5 && (size_t)k < nq; k++) {
		size_t worst = 0;
		for (size_t i = 1; i < nq; i++)
			if (med[i] > med[worst])
				worst = i;
		printf("search.slow%d %.3f ms (CPU %.3f ms), %" PRId64 " hits, %s: %s%s\n", k + 1,
			med[worst], cpu[worst], q[worst].hits, q[worst].kind, q[worst].text, q[worst].school_id ? " (one school)" : "");
		med[worst] = -med[worst] - 1;  /* taken; restored below */
	}
	for (size_t i = 0; i < nq; i++)
		if (med[i] < 0)
			med[i] = -med[i] - 1;
	int64_t hits_max = 0;
	for (size_t i = 0; i < nq; i++)
		if (q[i].hits > hits_max)
			hits_max = q[i].hits;
	printf("search.hits_max %" PRId64 "\n", hits_max);
	print_latencies("search.cold", first, nq);
	print_latencies("search", med, nq);
	print_latencies("search.cpu", cpu, nq);  /* median CPU per query, of the same runs */
	rc = 0;
out:
	for (size_t i = 0; i < nq; i++) {
		free(q[i].text);
		free(q[i].kind);
		free(q[i].runs);
		free(q[i].cpus);
	}
	free(q);
	free(med);
	free(first);
	free(cpu);
	free(line);
	gl_store_close(s);
	fclose(fp);
	return rc;
}

/* ---- load-letters and load-codebook: a stand-in for `genomlys import` while it is missing,
 * through the same store functions an importer calls (school_ensure, group_find,
 * document_insert, code_insert), all in one outer transaction. ---- */

enum { MAX_COLS = 8 };

struct csv_load {
	struct gl_store *s;
	struct gl_error err;
	enum gl_status st;
	bool codebook;
	long record;
	int ncols, col;
	char *names[MAX_COLS];   /* header */
	struct gl_str field[MAX_COLS];
	struct gl_str nfc;
	struct name_cache schools, groups;
	long inserted, duplicates;
};

static int col_index(const struct csv_load *l, const char *name)
{
	for (int i = 0; i < l->ncols; i++)
		if (!strcmp(l->names[i], name))
			return i;
	return -1;
}

static const char *col(const struct csv_load *l, const char *name)
{
	int i = col_index(l, name);
	return i >= 0 ? gl_str_cstr(&l->field[i]) : "";
}

static void on_field(void *data, size_t len, void *ctx)
{
	struct csv_load *l = ctx;
	if (l->col < MAX_COLS) {
		gl_str_clear(&l->field[l->col]);
		if (gl_str_append(&l->field[l->col], data, len) != GL_OK && l->st == GL_OK)
			l->st = GL_ENOMEM;
	}
	l->col++;
}

static enum gl_status load_letter(struct csv_load *l)
{
	const char *school = col(l, "school"), *group = col(l, "group");
	int64_t school_id = cache_get(&l->schools, school), group_id = cache_get(&l->groups, group);
	enum gl_status st = GL_OK;
	if (!school_id && ((st = gl_store_school_ensure(l->s, school, &school_id, NULL, &l->err)) != GL_OK
	    || !cache_put(&l->schools, school, school_id)))
		return st != GL_OK ? st : GL_ENOMEM;
	if (!group_id && ((st = gl_store_group_find(l->s, group, &group_id, &l->err)) != GL_OK
	    || !cache_put(&l->groups, group, group_id)))
		return st != GL_OK ? st : GL_ENOMEM;
	const char *text = col(l, "text");
	if ((st = gl_utf8_nfc(text, strlen(text), &l->nfc, NULL)) != GL_OK)
		return gl_error_set(&l->err, st, "record %ld: bad text", l->record);
	char source[64];
	snprintf(source, sizeof source, "record %ld", l->record);
	struct gl_document d = { .kind = "letter", .school_id = school_id, .group_id = group_id,
		.author = col(l, "author"), .date = col(l, "date"), .title = col(l, "title"),
		.text = gl_str_cstr(&l->nfc), .text_len = l->nfc.len, .source = source };
	int64_t id;
	bool dup;
	if ((st = gl_store_document_insert(l->s, &d, &id, &dup, &l->err)) != GL_OK)
		return st;
	l->inserted += !dup;
	l->duplicates += dup;
	return GL_OK;
}

static enum gl_status load_code(struct csv_load *l)
{
	const char *parent = col(l, "parent"), *exclusive = col(l, "exclusive"),
		*value = col(l, "value");
	struct gl_code c = { .name = col(l, "code"), .description = col(l, "description"),
		.color = col(l, "color"), .exclusive = *exclusive && strchr("yY1jJtT", *exclusive),
		.has_value = *value != '\0', .value = strtod(value, NULL) };
	enum gl_status st;
	if (*parent && (st = gl_store_code_find(l->s, parent, &c.parent_id, &l->err)) != GL_OK)
		return st;
	if (!*c.color)
		c.color = NULL;
	int64_t id;
	if ((st = gl_store_code_insert(l->s, &c, &id, &l->err)) != GL_OK)
		return st;
	l->inserted++;
	return GL_OK;
}

static void on_record(int term, void *ctx)
{
	struct csv_load *l = ctx;
	(void)term;
	int n = l->col;
	l->col = 0;
	if (l->st != GL_OK)
		return;
	if (l->record++ == 0) {
		l->ncols = n < MAX_COLS ? n : MAX_COLS;
		for (int i = 0; i < l->ncols; i++)
			if (!(l->names[i] = strdup(gl_str_cstr(&l->field[i]))))
				l->st = GL_ENOMEM;
		return;
	}
	l->st = l->codebook ? load_code(l) : load_letter(l);
}

static int cmd_load_csv(const struct options *o, bool codebook)
{
	struct csv_load l = { .codebook = codebook };
	struct csv_parser p;
	char buf[1 << 16];
	int rc = 1;
	FILE *fp = fopen(o->file, "rb");
	if (!fp) {
		fprintf(stderr, "glbench: %s: %s\n", o->file, strerror(errno));
		return 1;
	}
	double t0 = now_ms();
	FILE *exists = fopen(o->db, "rb");
	if (exists)
		fclose(exists);
	if ((exists ? gl_store_open(o->db, &l.s, &l.err)
	     : gl_store_create(o->db, "genomlys benchmark", &l.s, &l.err)) != GL_OK) {
		rc = fail(o->db, &l.err);
		goto out;
	}
	gl_store_set_actor(l.s, "bench");
	if (csv_init(&p, CSV_APPEND_NULL) != 0)
		goto out;
	if (gl_store_begin(l.s, &l.err) != GL_OK) {
		rc = fail("begin", &l.err);
		csv_free(&p);
		goto out;
	}
	size_t n;
	while (l.st == GL_OK && (n = fread(buf, 1, sizeof buf, fp)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_record, &l) != n)
			l.st = gl_error_set(&l.err, GL_EFORMAT, "%s", csv_strerror(csv_error(&p)));
	if (l.st == GL_OK)
		csv_fini(&p, on_field, on_record, &l);
	csv_free(&p);
	if (l.st != GL_OK) {
		gl_store_rollback(l.s);
		rc = fail(o->file, &l.err);
		goto out;
	}
	if (gl_store_commit(l.s, &l.err) != GL_OK) {
		rc = fail("commit", &l.err);
		goto out;
	}
	printf("%s.inserted %ld\n", codebook ? "codebook" : "letters", l.inserted);
	printf("%s.duplicates %ld\n", codebook ? "codebook" : "letters", l.duplicates);
	printf("%s.load_ms %.1f\n", codebook ? "codebook" : "letters", now_ms() - t0);
	rc = 0;
out:
	gl_store_close(l.s);
	for (int i = 0; i < MAX_COLS; i++) {
		free(l.names[i]);
		gl_str_finish(&l.field[i]);
	}
	gl_str_finish(&l.nfc);
	cache_finish(&l.schools);
	cache_finish(&l.groups);
	fclose(fp);
	return rc;
}

static bool parse_long(const char *s, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end)
		return false;
	*out = v;
	return true;
}

int main(int argc, char **argv)
{
	struct options o = { .batch = 1000, .limit = 0, .repeat = 3 };
	if (argc < 2) {
		fputs(usage_text, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	bool search = !strcmp(cmd, "search");
	if (search)
		o.limit = 50;  /* one screen of results: what the interface asks for */
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		bool has_value = i + 1 < argc;
		if (!strcmp(a, "--db") && has_value)
			o.db = argv[++i];
		else if (!strcmp(a, "--coder") && has_value)
			o.coder = argv[++i];
		else if ((!strcmp(a, "--batch") && has_value && parse_long(argv[++i], &o.batch)) ||
		    (!strcmp(a, "--limit") && has_value && parse_long(argv[++i], &o.limit)) ||
		    (!strcmp(a, "--repeat") && has_value && parse_long(argv[++i], &o.repeat)))
			continue;
		else if (a[0] != '-' && !o.file)
			o.file = a;
		else {
			fprintf(stderr, "glbench: bad argument '%s'\n%s", a, usage_text);
			return 2;
		}
	}
	if (!o.db || !o.file || o.batch < 1 || o.repeat < 1) {
		fputs(usage_text, stderr);
		return 2;
	}
	if (!strcmp(cmd, "load-codings"))
		return cmd_load_codings(&o);
	if (search)
		return cmd_search(&o);
	if (!strcmp(cmd, "load-letters"))
		return cmd_load_csv(&o, false);
	if (!strcmp(cmd, "load-codebook"))
		return cmd_load_csv(&o, true);
	fputs(usage_text, stderr);
	return 2;
}
