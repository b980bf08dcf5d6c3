/* The terminal user interface: the only code that includes <curses.h>. */
#ifndef GENOMLYS_UI_H
#define GENOMLYS_UI_H

#include "genomlys/app.h"

/* Runs the terminal interface on the app (opened with gl_app_open) until the user quits, or a
 * script (GENOMLYS_SCRIPT) ends. Returns a process exit code; the app stays the caller's. */
int ui_run(struct gl_app *app);

#endif
