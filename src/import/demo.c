/* The demo project: a fresh project built from fixtures/demo through the ordinary importers. */
#include "import_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "genomlys/fs.h"
#include "genomlys/i18n.h"

static bool is_demo_dir(const char *dir)
{
	char probe[4096];
	struct stat sb;
	if ((size_t)snprintf(probe, sizeof probe, "%s/project.txt", dir) >= sizeof probe)
		return false;
	return stat(probe, &sb) == 0 && S_ISREG(sb.st_mode);
}

const char *gl_demo_dir(void)
{
	/* Module-private: the answer depends only on the environment and the install. */
	static char found[4096];
	const char *env = getenv("GENOMLYS_DATADIR");
	if (env && *env) {
		snprintf(found, sizeof found, "%s/demo", env);
		return found;
	}
	/* the installed copy, or the source tree's when running from the build tree */
	const char *dir = gl_data_dir("demo");
	if (is_demo_dir(dir))
		return dir;
#ifdef GL_SOURCE_DIR
	return GL_SOURCE_DIR "/fixtures/demo";
#else
	return NULL;
#endif
}

/* The project's name: the first non-blank line of project.txt. */
static enum gl_status read_name(const char *dir, struct gl_str *name, struct gl_error *err)
{
	struct gl_str path = GL_STR_INIT, raw = GL_STR_INIT, scratch = GL_STR_INIT;
	enum text_encoding enc;
	enum gl_status st = gl_str_printf(&path, "%s/project.txt", dir);
	if (st == GL_OK)
		st = text_read_file(path.buf, path.buf, &raw, &enc, err);
	if (st == GL_OK) {
		const char *p = raw.buf;
		while (*p == '\n' || *p == ' ' || *p == '\t')
			p++;
		const char *nl = strchr(p, '\n');
		st = text_clean(p, nl ? (size_t)(nl - p) : strlen(p), false, name, &scratch, NULL, NULL);
	}
	if (st == GL_OK && name->len == 0)
		st = gl_error_set_at(err, GL_EFORMAT, path.buf, 0, _("the project has no name"));
	gl_str_finish(&path);
	gl_str_finish(&raw);
	gl_str_finish(&scratch);
	return st;
}

static void remove_project(const char *db_path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		struct gl_str p = GL_STR_INIT;
		if (gl_str_printf(&p, "%s%s", db_path, suffixes[i]) == GL_OK)
			unlink(p.buf);
		gl_str_finish(&p);
	}
}

enum gl_status gl_demo_create(const char *db_path, const char *demo_dir, unsigned flags,
	struct gl_import_summary *sum, struct gl_error *err)
{
	struct gl_error local;
	if (!err)
		err = &local;
	if (!demo_dir)
		demo_dir = gl_demo_dir();
	if (!demo_dir || !is_demo_dir(demo_dir))
		return gl_error_set_at(err, GL_ENOTFOUND, demo_dir ? demo_dir : "", 0,
			_("the demo files are not there (set GENOMLYS_DATADIR to the folder that holds "
			"demo/)"));
	struct gl_str name = GL_STR_INIT, codebook = GL_STR_INIT, letters = GL_STR_INIT,
		survey = GL_STR_INIT, codings = GL_STR_INIT;
	struct gl_store *s = NULL;
	bool created = false;
	enum gl_status st = read_name(demo_dir, &name, err);
	if (st != GL_OK)
		goto cleanup;
	if (gl_str_printf(&codebook, "%s/codebook.csv", demo_dir) != GL_OK ||
		gl_str_printf(&letters, "%s/letters", demo_dir) != GL_OK ||
		gl_str_printf(&survey, "%s/survey.csv", demo_dir) != GL_OK ||
		gl_str_printf(&codings, "%s/codings.csv", demo_dir) != GL_OK) {
		st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		goto cleanup;
	}
	if ((st = gl_store_create(db_path, name.buf, &s, err)) != GL_OK)
		goto cleanup;
	created = true;
	/* One transaction: the demo is built completely or not at all. */
	if ((st = gl_store_begin(s, err)) != GL_OK)
		goto cleanup;
	struct gl_import_sink k;
	gl_import_sink_store(&k, s);
	const char *paths[] = { letters.buf };
	st = gl_import_codebook_sink(&k, codebook.buf, sum, err);
	if (st == GL_OK)
		st = gl_store_bulk_begin(s, err);
	if (st == GL_OK)
		st = gl_import_letters_sink(&k, paths, 1, NULL, sum, err);
	if (st == GL_OK)
		st = gl_store_bulk_end(s, err);
	if (st == GL_OK)
		st = gl_import_survey_sink(&k, survey.buf, sum, err);
	/* The coders' work, which --uncoded leaves out. */
	if (st == GL_OK && !(flags & GL_DEMO_UNCODED))
		st = demo_codings(s, codings.buf, sum, err);
	if (st == GL_OK)
		st = gl_store_commit(s, err);
	else
		gl_store_rollback(s);
cleanup:
	gl_store_close(s);
	if (st != GL_OK && created)
		remove_project(db_path);
	gl_str_finish(&name);
	gl_str_finish(&codebook);
	gl_str_finish(&letters);
	gl_str_finish(&survey);
	gl_str_finish(&codings);
	return st;
}

/* The demo's name from project.txt: an older demo file is recognised by it. */
static bool is_old_demo(const char *path)
{
	struct gl_store *s = NULL;
	if (gl_store_open(path, &s, NULL) != GL_OK)
		return false;
	struct gl_str name = GL_STR_INIT, want = GL_STR_INIT;
	const char *dir = gl_demo_dir();
	bool have_want = dir && is_demo_dir(dir) && read_name(dir, &want, NULL) == GL_OK;
	bool ok = gl_store_meta_get(s, "name", &name, NULL) == GL_OK &&
		(!have_want || !strcmp(gl_str_cstr(&name), gl_str_cstr(&want)));
	gl_str_finish(&want);
	gl_str_finish(&name);
	gl_store_close(s);
	return ok;
}

enum gl_status gl_demo_replace(const char *path, struct gl_error *err)
{
	struct gl_str tmp = GL_STR_INIT;
	enum gl_status st = GL_OK;
	if (access(path, F_OK) == 0 && !is_old_demo(path))
		return gl_error_set_at(err, GL_EEXIST, path, 0, _("this file is not a genomlys demo "
			"project, so it is left alone; move it away to build the demo"));
	if (gl_str_printf(&tmp, "%s.new-%ld", path, (long)getpid()) != GL_OK)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	unlink(gl_str_cstr(&tmp));
	struct gl_import_summary sum;
	memset(&sum, 0, sizeof sum);
	st = gl_demo_create(gl_str_cstr(&tmp), NULL, 0, &sum, err);
	if (st != GL_OK) {
		unlink(gl_str_cstr(&tmp));
		goto done;
	}
	/* The new file replaces the old one in one step; the old one's WAL files (left by a crash)
	 * must not be taken for the new one's. */
	static const char *const sidecars[] = { "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof sidecars / sizeof sidecars[0]; i++) {
		struct gl_str side = GL_STR_INIT;
		gl_str_printf(&side, "%s%s", path, sidecars[i]);
		unlink(gl_str_cstr(&side));
		gl_str_finish(&side);
	}
	if (rename(gl_str_cstr(&tmp), path) != 0) {
		st = gl_error_set_at(err, GL_EIO, path, 0, _("cannot replace the demo: %s"),
			strerror(errno));
		unlink(gl_str_cstr(&tmp));
	}
done:
	gl_str_finish(&tmp);
	return st;
}
