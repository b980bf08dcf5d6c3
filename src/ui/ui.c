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
#include "genomlys/fs.h"
#include "genomlys/i18n.h"
#include "ui_internal.h"

/* ---- stderr to a log file while curses owns the terminal ---- */

static int log_open(struct ui *ui)
{
	char *dir = gl_config_xdg_dir("XDG_STATE_HOME", ".local/state");
	int fd = -1;
	if (dir && gl_mkdir_p(dir, 0700) == 0) {
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
	timeout(UI_POLL_MS);  /* a second terminal's changes show without a key (gl_app_poll) */
	set_escdelay(ui->app->config.escape_delay);  /* [ui] escape_delay */
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

/* A long task's progress on the status bar, at most once per percent; Esc stops it (not in a
 * scripted session, whose keys are the script's). */
struct progress_state {
	struct ui *ui;
	int shown;   /* the percent last drawn; -1: none */
};

static bool ui_progress(void *ctx, const char *what, int64_t done, int64_t total)
{
	struct progress_state *ps = ctx;
	struct ui *ui = ps->ui;
	if (total < 0) {  /* a wait with no measure and no way to stop it: its words alone */
		gl_app_message(ui->app, false, _("%s…"), what);
		ui_draw(ui);
		ps->shown = -1;
		return false;
	}
	int pct = total > 0 ? (int)(done * 100 / total) : 0;
	if (pct > 100)
		pct = 100;
	if (pct != ps->shown) {
		ps->shown = pct;
		gl_app_message(ui->app, false, _("%s… %d%% (Esc stops)"), what, pct);
		ui_draw(ui);
	}
	if (ui->headless)
		return false;
	nodelay(stdscr, TRUE);
	int ch = getch();
	nodelay(stdscr, FALSE);
	return ch == 27;
}

/* The one loop: draw, read one event, let a handler change state. */
static int ui_loop(struct ui *ui, struct gl_script *script, struct gl_error *script_err)
{
	unsigned flags = GL_F_REDRAW;
	bool idle = false;  /* the last wake-up was a poll without an event */
	bool drawn = false;  /* the first screen is out */
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
		/* only after an event: the idle wake-ups of gl_app_poll are no answer to a key */
		if (ui->ready_fd >= 0 && !idle && write(ui->ready_fd, "\n", 1) != 1) {
			close(ui->ready_fd);  /* the benchmark went away: stop telling it */
			ui->ready_fd = -1;
		}
		if (!drawn) {
			gl_app_first_screen_drawn(ui->app);
			drawn = true;
		}
		if (script) {
			struct gl_script_event ev;
			gl_app_poll(ui->app);
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
			case GL_SCRIPT_WAIT:
				/* the export's thread: its end shown as the interface would show it */
				flags = GL_F_REDRAW;
				while (gl_app_busy(ui->app)) {
					flags |= gl_app_poll(ui->app);
					if (gl_app_busy(ui->app))
						nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
				}
				break;
			}
			continue;
		}
		timeout(gl_app_busy(ui->app) ? UI_BUSY_POLL_MS : UI_POLL_MS);
		int key = ui_read_key(ui);
		idle = key == UI_EV_NONE;
		if (idle) {
			flags = gl_app_poll(ui->app);
			continue;
		}
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

int ui_run(struct gl_app *app)
{
	struct gl_error err = { 0 };
	locale_utf8();
	struct ui ui;
	memset(&ui, 0, sizeof ui);
	ui.ready_fd = -1;
	ui.app = app;
	gl_lineedit_init(&ui.edit);
	gl_str_init(&ui.choices);
	gl_theme_init(&ui.theme);
	const char *script_path = getenv("GENOMLYS_SCRIPT");
	const char *headless = getenv("GENOMLYS_HEADLESS");
	const char *trace = getenv("GENOMLYS_TRACE");
	const char *ready = getenv("GENOMLYS_READY");
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
	if (trace && *trace) {
		/* 0600 whatever the umask: the trace names dialogs and what was typed into them */
		int tfd = open(trace, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
		app->trace = tfd >= 0 ? fdopen(tfd, "a") : NULL;
		if (tfd >= 0 && !app->trace)
			close(tfd);
	}
	/* bench/run waits on this FIFO (blocking, not polling) for the loop to be done with an
	 * event: handled and drawn, about to read the next one. */
	ui.ready_fd = ready && *ready ? open(ready, O_WRONLY | O_CLOEXEC) : -1;
	int saved = stderr_redirect(&ui);
	config_report(&ui);
	struct gl_error script_err = { 0 };
	if (term_start(&ui, &err) != GL_OK) {
		term_stop(&ui);
		stderr_restore(saved);
		rc = fail(&err);
		goto out;
	}
	struct progress_state ps = { &ui, -1 };
	app->progress = ui_progress;
	app->progress_ctx = &ps;
	rc = ui_loop(&ui, script, &script_err);
	app->progress = NULL;
	app->progress_ctx = NULL;
	term_stop(&ui);
	stderr_restore(saved);
	if (rc != 0)
		fail(&script_err);
	rc = rc ? 2 : 0;
out:
	if (app->trace) {
		fclose(app->trace);
		app->trace = NULL;
	}
	gl_script_close(script);
	if (ui.ready_fd >= 0)
		close(ui.ready_fd);
	gl_theme_finish(&ui.theme);
	gl_lineedit_finish(&ui.edit);
	gl_str_finish(&ui.choices);
	free(ui.log_path);
	return rc;
}
