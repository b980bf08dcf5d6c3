/* The terminal user interface: start-up, the one loop, and shutdown. The only code (with the
 * other files of src/ui) that includes <curses.h>. */
#include "ui.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "genomlys/app.h"
#include "genomlys/config.h"
#include "genomlys/i18n.h"
#include "genomlys/import.h"
#include "ui_internal.h"

/* mkdir -p with mode for the directories created. */
static int make_dirs(const char *path, mode_t mode)
{
	char *p = gl_strdup(path);
	if (!p)
		return -1;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, mode) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, mode) != 0 && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}

/* ---- The demo project ---- */

/* The first line of the demo's project.txt: an older demo file is recognised by its name. */
static char *demo_name(void)
{
	const char *dir = gl_demo_dir();
	if (!dir)
		return NULL;
	struct gl_str path = GL_STR_INIT;
	gl_str_printf(&path, "%s/project.txt", dir);
	FILE *fp = fopen(gl_str_cstr(&path), "r");
	gl_str_finish(&path);
	if (!fp)
		return NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, fp);
	fclose(fp);
	if (n <= 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

/* True when path is a genomlys project built from the demo (so it may be replaced). */
static bool is_old_demo(const char *path)
{
	struct gl_store *s = NULL;
	struct gl_error err = { 0 };
	if (gl_store_open(path, &s, &err) != GL_OK)
		return false;
	struct gl_str name = GL_STR_INIT;
	char *want = demo_name();
	bool ok = gl_store_meta_get(s, "name", &name, NULL) == GL_OK &&
		(!want || !strcmp(gl_str_cstr(&name), want));
	free(want);
	gl_str_finish(&name);
	gl_store_close(s);
	return ok;
}

/* Builds a fresh demo project under $XDG_DATA_HOME/genomlys/ and returns its path. */
static char *demo_build(struct gl_error *err)
{
	char *dir = gl_config_xdg_dir("XDG_DATA_HOME", ".local/share");
	if (!dir) {
		gl_error_set(err, GL_EIO, _("neither XDG_DATA_HOME nor HOME is set"));
		return NULL;
	}
	struct gl_str path = GL_STR_INIT, tmp = GL_STR_INIT;
	gl_str_printf(&path, "%s/demo.db", dir);
	gl_str_printf(&tmp, "%s/demo.db.new-%ld", dir, (long)getpid());
	char *out = NULL;
	if (make_dirs(dir, 0700) != 0) {
		gl_error_set_at(err, GL_EIO, dir, 0, _("cannot create the directory: %s"),
			strerror(errno));
		goto done;
	}
	if (access(gl_str_cstr(&path), F_OK) == 0 && !is_old_demo(gl_str_cstr(&path))) {
		gl_error_set_at(err, GL_EEXIST, gl_str_cstr(&path), 0, _("this file is not a genomlys "
			"demo project, so it is left alone; move it away to build the demo"));
		goto done;
	}
	unlink(gl_str_cstr(&tmp));
	struct gl_import_summary sum;
	memset(&sum, 0, sizeof sum);
	if (gl_demo_create(gl_str_cstr(&tmp), NULL, &sum, err) != GL_OK) {
		unlink(gl_str_cstr(&tmp));
		goto done;
	}
	/* The new file replaces the old one in one step; the old one's WAL files (left by a crash)
	 * must not be taken for the new one's. */
	static const char *const sidecars[] = { "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof sidecars / sizeof sidecars[0]; i++) {
		struct gl_str side = GL_STR_INIT;
		gl_str_printf(&side, "%s%s", gl_str_cstr(&path), sidecars[i]);
		unlink(gl_str_cstr(&side));
		gl_str_finish(&side);
	}
	if (rename(gl_str_cstr(&tmp), gl_str_cstr(&path)) != 0) {
		gl_error_set_at(err, GL_EIO, gl_str_cstr(&path), 0, _("cannot replace the demo: %s"),
			strerror(errno));
		unlink(gl_str_cstr(&tmp));
		goto done;
	}
	out = gl_str_steal(&path);
done:
	gl_str_finish(&path);
	gl_str_finish(&tmp);
	free(dir);
	return out;
}

/* ---- stderr to a log file while curses owns the terminal ---- */

static int log_open(struct ui *ui)
{
	char *dir = gl_config_xdg_dir("XDG_STATE_HOME", ".local/state");
	int fd = -1;
	if (dir && make_dirs(dir, 0700) == 0) {
		struct gl_str path = GL_STR_INIT;
		gl_str_printf(&path, "%s/genomlys.log", dir);
		fd = open(gl_str_cstr(&path), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
		if (fd >= 0)
			ui->log_path = gl_str_steal(&path);
		gl_str_finish(&path);
	}
	free(dir);
	if (fd < 0)
		fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	return fd;
}

static int stderr_redirect(struct ui *ui)
{
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	int fd = log_open(ui);
	if (fd >= 0) {
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
	time_t now = time(NULL);
	char stamp[64];
	strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", localtime(&now));
	fprintf(stderr, "genomlys %s: session started %s\n", GL_VERSION, stamp);
	return saved;
}

static void stderr_restore(int saved)
{
	if (saved < 0)
		return;
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
}

/* ---- Terminal ---- */

static bool parse_size(const char *s, int *w, int *h)
{
	return s && sscanf(s, "%dx%d", w, h) == 2 && *w > 0 && *h > 0 && *w <= 1000 && *h <= 1000;
}

static enum gl_status term_start(struct ui *ui, struct gl_error *err)
{
	if (ui->headless) {
		ui->term_out = fopen("/dev/null", "w");
		ui->term_in = fopen("/dev/null", "r");
		const char *term = getenv("GENOMLYS_TERM");
		if (ui->term_out && ui->term_in)
			ui->screen = newterm(term && *term ? term : "xterm-256color", ui->term_out,
				ui->term_in);
	} else {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
			return gl_error_set(err, GL_EIO, _("the terminal interface needs a terminal "
				"(for scripts: GENOMLYS_HEADLESS=1 GENOMLYS_SCRIPT=FILE)"));
		ui->screen = newterm(NULL, stdout, stdin);
	}
	if (!ui->screen)
		return gl_error_set(err, GL_EIO, _("cannot use the terminal type '%s'"),
			getenv("TERM") ? getenv("TERM") : "");
	set_term(ui->screen);
	if (ui->headless) {
		int w = 100, h = 30;
		parse_size(getenv("GENOMLYS_SIZE"), &w, &h);
		resize_term(h, w);
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	if (ui->app->config.mouse && !ui->headless) {
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	ui_theme_load(ui);
	return GL_OK;
}

static void term_stop(struct ui *ui)
{
	if (!ui->screen)
		return;
	endwin();
	delscreen(ui->screen);
	ui->screen = NULL;
	if (ui->term_out)
		fclose(ui->term_out);
	if (ui->term_in)
		fclose(ui->term_in);
}

/* The first problem in the settings on the status bar; all of them in the log. */
static void config_report(struct ui *ui)
{
	const struct gl_diags *d = &ui->app->config.diags;
	for (size_t i = 0; i < d->n; i++) {
		char buf[768];
		gl_diag_format(&d->v[i], buf, sizeof buf);
		fprintf(stderr, "genomlys: %s\n", buf);
		if (i == 0 && d->n == 1)
			gl_app_message(ui->app, true, "%s", buf);
		else if (i == 0)
			gl_app_message(ui->app, true, _("%s (and %zu more in %s)"), buf, d->n - 1,
				ui->log_path ? ui->log_path : "the log");
	}
}

static unsigned mouse_event(struct ui *ui)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return 0;
	int button = 0;
	if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		button = 1;
	else if (ev.bstate & BUTTON4_PRESSED)
		button = 4;
	else if (ev.bstate & BUTTON5_PRESSED)
		button = 5;
	return button ? ui_handle_mouse(ui, ev.x, ev.y, button) : 0;
}

/* The one loop: draw, read one event, let a handler change state. */
static int ui_loop(struct ui *ui, struct gl_script *script, struct gl_error *script_err)
{
	unsigned flags = GL_F_REDRAW;
	for (;;) {
		if (flags & GL_F_QUIT)
			return 0;
		if (flags & GL_F_THEME)
			ui_theme_load(ui);
		if (flags & GL_F_REPAINT)
			clearok(curscr, TRUE);
		ui_draw(ui);
		if ((flags & GL_F_SAVE_DISPLAY) && ui->app->save_display_path) {
			struct gl_error err = { 0 };
			if (ui_save_display(ui->app->save_display_path, gl_store_path(ui->app->store),
				ui->app->save_display_flags, &err) != GL_OK) {
				char buf[768];
				gl_error_format(&err, buf, sizeof buf);
				fprintf(stderr, "genomlys: %s\n", buf);
				gl_app_message(ui->app, true, "%s", buf);
				ui_draw(ui);
			}
		}
		flags = 0;
		if (script) {
			struct gl_script_event ev;
			if (gl_script_next(script, &ev, script_err) != GL_OK)
				return 2;
			switch (ev.kind) {
			case GL_SCRIPT_END: return 0;
			case GL_SCRIPT_KEY: flags = ui_handle_key(ui, ev.key); break;
			case GL_SCRIPT_COMMAND:
				flags = gl_app_command(ui->app, ev.text);
				break;
			case GL_SCRIPT_RESIZE:
				if (ui->headless)
					resize_term(ev.h, ev.w);
				else
					resizeterm(ev.h, ev.w);
				flags = GL_F_REDRAW;
				break;
			case GL_SCRIPT_MOUSE:
				flags = ui_handle_mouse(ui, ev.x, ev.y, ev.button);
				break;
			}
			continue;
		}
		int key = ui_read_key(ui);
		if (key == UI_EV_NONE)
			continue;
		if (key == UI_EV_RESIZE)
			flags = GL_F_REDRAW;
		else if (key == UI_EV_MOUSE)
			flags = mouse_event(ui);
		else
			flags = ui_handle_key(ui, key);
	}
}

static int fail(const struct gl_error *err)
{
	char buf[768];
	gl_error_format(err, buf, sizeof buf);
	fprintf(stderr, "genomlys: %s\n", buf);
	return 1;
}

/* Letters are UTF-8: without a UTF-8 locale (LANG unset over SSH) wide characters cannot be
 * drawn, so the character type falls back to C.UTF-8. */
static void locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	if (cs && !strcmp(cs, "UTF-8"))
		return;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

int ui_main(const char *db_path, const char *config_path, bool demo)
{
	struct gl_error err = { 0 };
	locale_utf8();
	char *demo_path = NULL;
	if (demo) {
		demo_path = demo_build(&err);
		if (!demo_path)
			return fail(&err);
		db_path = demo_path;
	}
	struct gl_config cfg;
	gl_config_init(&cfg);
	char *default_config = config_path ? NULL : gl_config_default_path();
	const char *cpath = config_path ? config_path : default_config;
	if (cpath && gl_config_load(&cfg, cpath, config_path != NULL, &err) != GL_OK) {
		gl_config_finish(&cfg);
		free(default_config);
		free(demo_path);
		fail(&err);
		return 2;
	}
	free(default_config);
	struct gl_store *store = NULL;
	if (gl_store_open(db_path, &store, &err) != GL_OK) {
		gl_config_finish(&cfg);
		free(demo_path);
		return fail(&err);
	}
	free(demo_path);
	struct ui ui;
	memset(&ui, 0, sizeof ui);
	gl_lineedit_init(&ui.edit);
	gl_str_init(&ui.choices);
	gl_theme_init(&ui.theme);
	if (gl_app_create(store, &cfg, &ui.app, &err) != GL_OK) {
		gl_store_close(store);
		gl_config_finish(&cfg);
		gl_theme_finish(&ui.theme);
		return fail(&err);
	}
	const char *script_path = getenv("GENOMLYS_SCRIPT");
	const char *headless = getenv("GENOMLYS_HEADLESS");
	ui.headless = headless && !strcmp(headless, "1");
	struct gl_script *script = NULL;
	int rc = 0;
	if (script_path && *script_path && gl_script_open(script_path, &script, &err) != GL_OK) {
		rc = fail(&err);
		goto out;
	}
	if (ui.headless && !script) {
		gl_error_set(&err, GL_EINVAL, _("GENOMLYS_HEADLESS=1 needs GENOMLYS_SCRIPT=FILE"));
		rc = fail(&err);
		goto out;
	}
	int saved = stderr_redirect(&ui);
	config_report(&ui);
	struct gl_error script_err = { 0 };
	if (term_start(&ui, &err) != GL_OK) {
		term_stop(&ui);
		stderr_restore(saved);
		rc = fail(&err);
		goto out;
	}
	rc = ui_loop(&ui, script, &script_err);
	term_stop(&ui);
	stderr_restore(saved);
	if (rc != 0)
		fail(&script_err);
	rc = rc ? 2 : 0;
out:
	gl_script_close(script);
	gl_app_destroy(ui.app);
	gl_theme_finish(&ui.theme);
	gl_lineedit_finish(&ui.edit);
	gl_str_finish(&ui.choices);
	free(ui.log_path);
	return rc;
}
