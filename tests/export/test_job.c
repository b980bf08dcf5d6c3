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

#include "genomlys/export.h"
#include "genomlys/import.h"
#include "genomlys/store.h"

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
 * the Quotes sheet: the progress callback is asked inside each part's queries, and a stop
 * there leaves nothing (no workbook, no temporary file) and begins no further part. */
static const char *const parts[] = { "overview", "plans", "ranking", "codes", "quotes",
	"surveys", "method" };
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
	assert_true(all.calls[3] >= 2);  /* codes */
	assert_true(all.calls[6] >= 2);  /* method */
	for (size_t i = 0; i < NPARTS; i++) {
		/* the first call (as the part begins) and the last (deepest into it) */
		int at[2] = { 1, all.calls[i] };
		for (int k = 0; k < 2; k++) {
			struct stopper t = { .stop_part = i, .stop_call = at[k] };
			o.progress_ctx = &t;
			memset(&err, 0, sizeof err);
			assert_int_equal(gl_export_xlsx(s, out, &o, &err), GL_ECANCELLED);
			assert_true(t.stopped);
			assert_int_equal(t.parts_after, 0);
			assert_string_equal(err.message, "the export was stopped");
			assert_int_equal(access(out, F_OK), -1);
			assert_int_equal(others(), 0);  /* no temporary file either */
		}
	}
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
		cmocka_unit_test(test_failures),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
