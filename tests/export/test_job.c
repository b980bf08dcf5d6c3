/* The interface's export on a thread of its own (gl_export_job_*, src/export/job.c): the
 * workbook is written by a worker with its own connection and read transaction while the
 * interface's connection goes on writing; stopping it writes nothing; a failure is reported. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <csv.h>
#include <sqlite3.h>

#include "genomlys/export.h"
#include "genomlys/import.h"
#include "genomlys/queries.h"
#include "genomlys/store.h"
#include "pipe.h"
#include "store_internal.h"

static char dir[] = "/tmp/gl-job-XXXXXX";
static char db[256], out[256];

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(db, sizeof db, "%s/p.db", dir);
	snprintf(out, sizeof out, "%s/p.xlsx", dir);
	struct gl_import_summary sum;
	struct gl_error err = { 0 };
	memset(&sum, 0, sizeof sum);
	enum gl_status st = gl_demo_create(db, getenv("GL_TEST_DEMO"), 0, &sum, &err);
	if (st != GL_OK)
		fprintf(stderr, "demo: %s\n", err.message);
	return st == GL_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The files in the folder other than the project's. */
static int others(void)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		if (e->d_name[0] != '.' && strncmp(e->d_name, "p.db", 4))
			n++;
	if (d)
		closedir(d);
	return n;
}

static const struct gl_export_options opts = { .lang = GL_EXPORT_EN, .quiet = true,
	.force = true };

static void test_written_while_writing(void **state)
{
	(void)state;
	unlink(out);
	struct gl_store *s;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_open(db, &s, &err), GL_OK);
	struct gl_export_job *j;
	assert_int_equal(gl_export_job_start(db, out, &opts, &j, &err), GL_OK);
	/* the interface's connection writes while the job reads its snapshot: not blocked */
	for (int i = 0; i < 5; i++)
		assert_int_equal(gl_store_setting_set_int(s, GL_SETTING_KEEP_NAMES, i % 2, &err), GL_OK);
	int64_t done = -1, total = -1;
	while (!gl_export_job_progress(j, &done, &total))
		usleep(1000);
	assert_true(total > 0);
	assert_int_equal(done, total);
	assert_int_equal(gl_export_job_finish(j, &err), GL_OK);
	struct stat sb;
	assert_int_equal(stat(out, &sb), 0);
	assert_true(sb.st_size > 1000);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(others(), 1);  /* the workbook, no temporary file */
	gl_store_close(s);
}

static void test_stopped(void **state)
{
	(void)state;
	unlink(out);
	struct gl_error err = { 0 };
	struct gl_export_job *j;
	assert_int_equal(gl_export_job_start(db, out, &opts, &j, &err), GL_OK);
	gl_export_job_cancel(j);
	enum gl_status st = gl_export_job_finish(j, &err);
	/* stopped before its last row (as good as always), else done: never half written */
	assert_true(st == GL_ECANCELLED || st == GL_OK);
	assert_int_equal(others(), st == GL_OK ? 1 : 0);
	if (st == GL_ECANCELLED)
		assert_int_equal(access(out, F_OK), -1);
}

/* Stopping (Esc in the interface) takes effect within every part of the export, not only in
 * the Quotes sheet (the Quotes are written before the Codes, whose figures are read with
 * them): the progress callback is asked inside each part's queries, and a stop
 * there leaves nothing (no workbook, no temporary file) and begins no further part. */
static const char *const parts[] = { "overview", "plans", "ranking", "codes", "quotes",
	"surveys", "method" };  /* by name; written in another order */
#define NPARTS (sizeof parts / sizeof parts[0])

struct stopper {
	size_t part;              /* the part being written */
	int calls[NPARTS];        /* progress calls per part */
	size_t stop_part;         /* stop at call stop_call of this part (0: never) */
	int stop_call;
	bool stopped;
	int parts_after;          /* parts begun after the stop */
};

static void on_part(void *ctx, const char *name)
{
	struct stopper *t = ctx;
	for (size_t i = 0; i < NPARTS; i++)
		if (!strcmp(parts[i], name))
			t->part = i;
	t->parts_after += t->stopped;
}

static int on_progress(void *ctx, int64_t done, int64_t total)
{
	(void)done;
	(void)total;
	struct stopper *t = ctx;
	if (t->stopped)
		return 1;
	int n = ++t->calls[t->part];
	t->stopped = t->stop_call && t->part == t->stop_part && n == t->stop_call;
	return t->stopped;
}

/* The export stopped where t says: nothing left behind, no part begun after the stop. */
static void export_stopped(struct gl_store *s, struct gl_export_options *o, struct stopper *t)
{
	struct gl_error err = { 0 };
	o->progress_ctx = t;
	assert_int_equal(gl_export_xlsx(s, out, o, &err), GL_ECANCELLED);
	assert_true(t->stopped);
	assert_int_equal(t->parts_after, 0);
	assert_string_equal(err.message, "the export was stopped");
	assert_int_equal(access(out, F_OK), -1);
	assert_int_equal(others(), 0);  /* no temporary file either */
}

static void test_stopped_in_every_part(void **state)
{
	(void)state;
	unlink(out);
	struct gl_store *s;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_open(db, &s, &err), GL_OK);
	struct gl_export_options o = opts;
	o.progress = on_progress;
	o.part = on_part;
	struct stopper all = { 0 };
	o.progress_ctx = &all;
	assert_int_equal(gl_export_xlsx(s, out, &o, &err), GL_OK);
	assert_int_equal(unlink(out), 0);
	/* the long parts are asked inside their work (their queries), not only as they begin;
	 * the demo's overview, ranking and quotes are small enough for one call */
	for (size_t i = 0; i < NPARTS; i++)
		fprintf(stderr, "# %s: %d progress calls\n", parts[i], all.calls[i]);
	assert_true(all.calls[1] >= 2);  /* plans */
	assert_true(all.calls[6] >= 2);  /* method */
	/* the codes' figures are read on the quotes' reading thread (test_pipe_after_stopped) */
	for (size_t i = 0; i < NPARTS; i++) {
		/* the first call (as the part begins) and the last (deepest into it) */
		int at[2] = { 1, all.calls[i] };
		for (int k = 0; k < 2; k++) {
			struct stopper t = { .stop_part = i, .stop_call = at[k] };
			export_stopped(s, &o, &t);
		}
	}
	gl_store_close(s);
}

/* ---- The Quotes sheet read on a thread of its own (src/export/pipe.c) ---- */

/* The demo with every coded span coded again with each other code that codes spans: several
 * thousand codings, so that the rows cross the pipe in many batches (512 rows each). */
static void many_codings(const char *path)
{
	sqlite3 *d;
	assert_int_equal(sqlite3_open(path, &d), SQLITE_OK);
	assert_int_equal(sqlite3_exec(d, "INSERT INTO codings (uuid, document_id, code_id,"
		" coder_id, start, end) SELECT 'many-' || k.id || '-' || c.id, k.document_id, c.id,"
		" k.coder_id, k.start, k.end FROM codings k, (SELECT DISTINCT code_id AS id FROM"
		" codings) c WHERE c.id <> k.code_id", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(d);
}

/* (code, quote) of each row, as the query gives them and as the CSV file has them */
struct pairs {
	char **v;
	size_t n, cap;
};

static void pairs_add(struct pairs *p, const char *text, size_t len)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 1024;
		p->v = realloc(p->v, p->cap * sizeof *p->v);
		assert_non_null(p->v);
	}
	char *t = malloc(len + 1);
	assert_non_null(t);
	memcpy(t, text, len);
	t[len] = '\0';
	p->v[p->n++] = t;
}

static void pairs_free(struct pairs *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
}

static int expected_row(void *ctx, const struct gl_row *r)
{
	struct pairs *p = ctx;
	for (const char *name = "code"; name; name = !strcmp(name, "code") ? "quote" : NULL)
		for (int i = 0; i < r->ncols; i++)
			if (!strcmp(r->names[i], name)) {
				const char *t = r->values[i].type == GL_VAL_TEXT ? r->values[i].s : "";
				size_t len = r->values[i].type == GL_VAL_TEXT ? r->values[i].len : 0;
				/* the book writes text that looks like a formula with an apostrophe */
				if (len && strchr("=+-@\t\r", t[0])) {
					char buf[4096];
					snprintf(buf, sizeof buf, "'%.*s", (int)len, t);
					pairs_add(p, buf, strlen(buf));
				} else {
					pairs_add(p, t, len);
				}
			}
	return 0;
}

struct csv_read {
	struct pairs *p;
	size_t field;
	bool header, started;     /* in the header row; past it */
};

/* The fields of the code and the quote of every row after the header ("Code", …, "Quote"). */
static void csv_field(void *text, size_t len, void *ctx)
{
	struct csv_read *c = ctx;
	const char *t = text ? text : "";
	if (c->field == 0 && !c->started && len == 4 && !memcmp(t, "Code", 4))
		c->header = true;
	if (c->header && c->field == 6)
		assert_string_equal(t, "Quote");
	if (c->started && (c->field == 0 || c->field == 6))
		pairs_add(c->p, t, text ? len : 0);
	c->field++;
}

static void csv_row(int end, void *ctx)
{
	(void)end;
	struct csv_read *c = ctx;
	c->field = 0;
	c->started = c->started || c->header;
	c->header = false;
}

static void read_quotes_csv(const char *folder, struct pairs *p)
{
	DIR *d = opendir(folder);
	assert_non_null(d);
	char path[1024] = "";
	for (struct dirent *e; (e = readdir(d));)
		if (strstr(e->d_name, "-Quotes.csv"))
			snprintf(path, sizeof path, "%s/%s", folder, e->d_name);
	closedir(d);
	assert_true(path[0] != '\0');
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	struct csv_parser parser;
	assert_int_equal(csv_init(&parser, CSV_APPEND_NULL), 0);
	csv_set_delim(&parser, ';');
	struct csv_read c = { .p = p };
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		assert_int_equal(csv_parse(&parser, buf, n, csv_field, csv_row, &c), n);
	csv_fini(&parser, csv_field, csv_row, &c);
	csv_free(&parser);
	fclose(fp);
	assert_true(c.started);
}

static int count_progress(void *ctx, int64_t done, int64_t total)
{
	(void)done;
	(void)total;
	++*(int *)ctx;
	return 0;
}

/* Every coding reaches the sheet once, in the query's order, across many batches. */
static void test_quotes_piped(void **state)
{
	(void)state;
	char big[300], folder[300];
	snprintf(big, sizeof big, "%s/p.db.many", dir);  /* not one of others() */
	snprintf(folder, sizeof folder, "%s/csv", dir);
	struct gl_import_summary sum;
	struct gl_error err = { 0 };
	memset(&sum, 0, sizeof sum);
	assert_int_equal(gl_demo_create(big, getenv("GL_TEST_DEMO"), 0, &sum, &err), GL_OK);
	many_codings(big);
	struct gl_store *s;
	assert_int_equal(gl_store_open(big, &s, &err), GL_OK);
	struct pairs want = { 0 }, got = { 0 };
	assert_int_equal(gl_query_export_codings(s, 0, expected_row, &want, &err), GL_OK);
	assert_true(want.n / 2 > 4 * 512);  /* more rows than the pipe's batches hold at once */
	int calls = 0;
	struct gl_export_options o = opts;
	o.progress = count_progress;
	o.progress_ctx = &calls;
	assert_int_equal(gl_export_csv(s, folder, &o, &err), GL_OK);
	read_quotes_csv(folder, &got);
	assert_int_equal(got.n, want.n);
	for (size_t i = 0; i < want.n; i++)
		if (strcmp(got.v[i], want.v[i])) {
			fprintf(stderr, "# row %zu: %s, not %s\n", i / 2, got.v[i], want.v[i]);
			fail();
		}
	pairs_free(&want);
	pairs_free(&got);
	/* a stop while the quotes are written (after 1024 of them): nothing left behind, and
	 * the reading thread has stopped (the store is usable at once) */
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf %s", folder);
	assert_int_equal(system(cmd), 0);
	struct stopper t = { .stop_part = 4, .stop_call = 3 };
	o.progress = on_progress;
	o.part = on_part;
	export_stopped(s, &o, &t);
	assert_true(t.calls[4] == 3);
	int64_t n = 0;
	assert_int_equal(gl_store_count(s, GL_LIST_CODINGS, &(struct gl_filter){ 0 }, &n, &err),
		GL_OK);
	assert_true(n > 4 * 512);
	gl_store_close(s);
	unlink(big);
}

/* ---- The pipe itself (src/export/pipe.h) ---- */

struct pipe_test {
	struct gl_store *s;
	int written, idles, stop_at_idle;
	int fail_write_at, fail_shape_at;  /* -1: never */
	enum gl_status after_st;
	bool after_ran;
};

/* n rows of one number each, without the store */
static enum gl_status numbers(struct gl_store *s, int64_t n, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	(void)s;
	(void)err;
	static const char *const names[] = { "n" };
	for (int64_t i = 0; i < n; i++) {
		struct gl_value v = { .type = GL_VAL_INT, .i = i };
		struct gl_row r = { 1, names, &v };
		if (fn(ctx, &r))
			return GL_ECANCELLED;
	}
	return GL_OK;
}

static enum gl_status number_shape(void *ctx, const struct gl_row *r, struct gl_value *cells,
	struct gl_error *err)
{
	const struct pipe_test *t = ctx;  /* only its settings: this is the reading thread */
	if (r->values[0].i == t->fail_shape_at)
		return gl_error_set(err, GL_EIO, "cannot shape row %lld", (long long)r->values[0].i);
	static char text[32];
	snprintf(text, sizeof text, "row %lld", (long long)r->values[0].i);
	cells[0] = r->values[0];
	cells[1] = (struct gl_value){ .type = GL_VAL_TEXT, .s = text, .len = strlen(text) };
	return GL_OK;
}

static enum gl_status number_write(void *ctx, const struct gl_value *v, struct gl_error *err)
{
	struct pipe_test *t = ctx;
	if (t->written == t->fail_write_at)
		return gl_error_set(err, GL_EIO, "cannot write row %d", t->written);
	char want[32];
	snprintf(want, sizeof want, "row %d", t->written);
	if (v[0].i != t->written || strcmp(v[1].s, want) || v[1].len != strlen(want))
		return gl_error_set(err, GL_EINVAL, "row %d came as %lld", t->written,
			(long long)v[0].i);
	t->written++;
	return GL_OK;
}

/* The caller's further reading, which only a stop ends: a query without end, interrupted by
 * the pipe's interrupt when the writing side stops. */
static enum gl_status endless_after(void *ctx, struct gl_error *err)
{
	struct pipe_test *t = ctx;
	t->after_ran = true;
	int64_t n;
	t->after_st = db_read_int(t->s, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL"
		" SELECT x + 1 FROM c) SELECT count(*) FROM c", NULL, &n, err);
	return t->after_st;
}

static int idle_stop(void *ctx)
{
	struct pipe_test *t = ctx;
	return ++t->idles >= t->stop_at_idle;
}

static void test_pipe_rows(void **state)
{
	(void)state;
	struct gl_store *s;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_open(db, &s, &err), GL_OK);
	/* none, fewer than a batch, exactly the four batches, and many more */
	const int64_t counts[] = { 0, 1, 511, 512, 2048, 2049, 10000 };
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		struct pipe_test t = { .s = s, .fail_write_at = -1, .fail_shape_at = -1 };
		struct gl_pipe p = { .s = s, .query = numbers, .arg = counts[i], .ncells = 2,
			.shape = number_shape, .write = number_write, .ctx = &t };
		assert_int_equal(gl_pipe_run(&p, &err), GL_OK);
		assert_int_equal(t.written, counts[i]);
	}
	gl_store_close(s);
}

/* A failure on either side stops both and is what the pipe returns, with its message; the
 * reading side is not left waiting for a batch to empty (the test would hang). */
static void test_pipe_failures(void **state)
{
	(void)state;
	struct gl_store *s;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_open(db, &s, &err), GL_OK);
	const int at[] = { 0, 700, 4000 };
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		struct pipe_test t = { .s = s, .fail_write_at = at[i], .fail_shape_at = -1 };
		struct gl_pipe p = { .s = s, .query = numbers, .arg = 100000, .ncells = 2,
			.shape = number_shape, .write = number_write, .ctx = &t };
		memset(&err, 0, sizeof err);
		assert_int_equal(gl_pipe_run(&p, &err), GL_EIO);
		assert_int_equal(t.written, at[i]);
		char want[64];
		snprintf(want, sizeof want, "cannot write row %d", at[i]);
		assert_string_equal(err.message, want);
		t = (struct pipe_test){ .s = s, .fail_write_at = -1, .fail_shape_at = at[i] };
		memset(&err, 0, sizeof err);
		assert_int_equal(gl_pipe_run(&p, &err), GL_EIO);
		assert_true(t.written <= at[i]);  /* a batch cut short is not written */
		snprintf(want, sizeof want, "cannot shape row %d", at[i]);
		assert_string_equal(err.message, want);
	}
	/* the store is the caller's again, without the pipe's interrupt */
	int64_t n = 0;
	assert_int_equal(db_read_int(s, "SELECT count(*) FROM codings", NULL, &n, &err), GL_OK);
	assert_true(n > 0);
	gl_store_close(s);
}

/* The caller's reading after the rows (the Codes sheet's figures) runs on the reading thread
 * while the writing side waits, and a stop asked meanwhile (idle) interrupts it inside its
 * query: here one that would never end. */
static void test_pipe_after_stopped(void **state)
{
	(void)state;
	struct gl_store *s;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_open(db, &s, &err), GL_OK);
	struct pipe_test t = { .s = s, .fail_write_at = -1, .fail_shape_at = -1,
		.stop_at_idle = 3 };
	struct gl_pipe p = { .s = s, .query = numbers, .arg = 1000, .ncells = 2,
		.shape = number_shape, .write = number_write, .after = endless_after,
		.idle = idle_stop, .ctx = &t };
	assert_int_equal(gl_pipe_run(&p, &err), GL_ECANCELLED);
	assert_int_equal(t.written, 1000);
	assert_true(t.after_ran);
	assert_int_not_equal(t.after_st, GL_OK);
	assert_int_equal(t.idles, 3);
	gl_store_close(s);
}

static void test_failures(void **state)
{
	(void)state;
	struct gl_error err = { 0 };
	struct gl_export_job *j;
	char missing[300];
	snprintf(missing, sizeof missing, "%s/none.db", dir);
	assert_int_equal(gl_export_job_start(missing, out, &opts, &j, &err), GL_OK);
	assert_int_equal(gl_export_job_finish(j, &err), GL_ENOTFOUND);
	assert_non_null(strstr(err.file, "none.db"));
	char nowhere[300];
	snprintf(nowhere, sizeof nowhere, "%s/no/such/folder.xlsx", dir);
	memset(&err, 0, sizeof err);
	assert_int_equal(gl_export_job_start(db, nowhere, &opts, &j, &err), GL_OK);
	assert_int_not_equal(gl_export_job_finish(j, &err), GL_OK);
	assert_true(err.message[0] != '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_written_while_writing),
		cmocka_unit_test(test_stopped),
		cmocka_unit_test(test_stopped_in_every_part),
		cmocka_unit_test(test_quotes_piped),
		cmocka_unit_test(test_pipe_rows),
		cmocka_unit_test(test_pipe_failures),
		cmocka_unit_test(test_pipe_after_stopped),
		cmocka_unit_test(test_failures),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
