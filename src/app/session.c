/* The one start-up path of the interface: settings, the project (or a fresh demo), the app. */
#include "genomlys/app.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/fs.h"
#include "genomlys/i18n.h"
#include "genomlys/import.h"

/* Builds a fresh demo project in $XDG_DATA_HOME/genomlys/demo.db; its path, or NULL. */
static char *demo_path(struct gl_error *err)
{
	char *dir = gl_config_xdg_dir("XDG_DATA_HOME", ".local/share");
	if (!dir) {
		gl_error_set(err, GL_EIO, _("neither XDG_DATA_HOME nor HOME is set"));
		return NULL;
	}
	struct gl_str path = GL_STR_INIT;
	char *out = NULL;
	if (gl_mkdir_p(dir, 0700) != 0) {
		gl_error_set_at(err, GL_EIO, dir, 0, _("cannot create the directory: %s"),
			strerror(errno));
	} else if (gl_str_printf(&path, "%s/demo.db", dir) != GL_OK) {
		gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	} else if (gl_demo_replace(gl_str_cstr(&path), err) == GL_OK) {
		out = gl_str_steal(&path);
	}
	gl_str_finish(&path);
	free(dir);
	return out;
}

enum gl_status gl_app_open(const struct gl_app_options *o, struct gl_app **out, bool *usage,
	struct gl_error *err)
{
	*out = NULL;
	*usage = false;
	char *demo = NULL;
	const char *db = o->db_path;
	if (o->demo) {
		demo = demo_path(err);
		if (!demo)
			return err ? err->status : GL_EIO;
		db = demo;
	}
	struct gl_config cfg;
	gl_config_init(&cfg);
	char *default_config = o->config_path ? NULL : gl_config_default_path();
	const char *cpath = o->config_path ? o->config_path : default_config;
	enum gl_status st = GL_OK;
	if (cpath && (st = gl_config_load(&cfg, cpath, o->config_path != NULL, err)) != GL_OK) {
		if (o->config_path) {
			*usage = true;  /* a file the user named must be readable */
		} else {
			/* the default file, unreadable (another user's, a folder): said, and the defaults
			 * used, as for a mistake inside it */
			gl_diags_add(&cfg.diags, cpath, 0, "%s; %s", err ? err->message : "",
				_("using the defaults"));
			st = GL_OK;
		}
	}
	free(default_config);
	struct gl_store *store = NULL;
	if (st == GL_OK)
		st = gl_store_open(db, &store, err);
	free(demo);
	if (st == GL_OK && (st = gl_app_create(store, &cfg, out, err)) != GL_OK)
		gl_store_close(store);
	gl_config_finish(&cfg);
	return st;
}

/* The check of a large project starts only now: from opening, its reads (a thread at idle I/O
 * priority, which the disk's scheduler may not honour) competed with the first screen's own
 * reads of the program and the project with the page cache empty (issue 17). */
/* A first write that finds the check behind waits for the rest of it: say so on the status
 * bar before the interface seems to hang (the action's own message replaces it). */
static void check_wait_notice(void *ctx)
{
	struct gl_app *a = ctx;
	if (a->progress)
		a->progress(a->progress_ctx, _("Checking the project before its first change (a large "
			"project is checked once)"), 0, -1);
}

void gl_app_first_screen_drawn(struct gl_app *a)
{
	gl_store_on_check_wait(a->store, check_wait_notice, a);
	gl_store_check_in_background(a->store);  /* a large project: while the user reads */
}
