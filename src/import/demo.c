/* The demo project: a fresh project built from fixtures/demo through the ordinary importers. */
#include "import_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
#ifdef GL_DATADIR
	if (is_demo_dir(GL_DATADIR "/demo"))
		return GL_DATADIR "/demo";
#endif
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

enum gl_status gl_demo_create(const char *db_path, const char *demo_dir,
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
		survey = GL_STR_INIT;
	struct gl_store *s = NULL;
	bool created = false;
	enum gl_status st = read_name(demo_dir, &name, err);
	if (st != GL_OK)
		goto cleanup;
	if (gl_str_printf(&codebook, "%s/codebook.csv", demo_dir) != GL_OK ||
		gl_str_printf(&letters, "%s/letters", demo_dir) != GL_OK ||
		gl_str_printf(&survey, "%s/survey.csv", demo_dir) != GL_OK) {
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
	return st;
}
