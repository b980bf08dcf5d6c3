/* The terminal user interface: the only code that includes <curses.h>. */
#ifndef GENOMLYS_UI_H
#define GENOMLYS_UI_H

#include <stdbool.h>

/* Runs the TUI on the project at db_path with the config at config_path (NULL: default).
 * Returns a process exit code. */
int ui_main(const char *db_path, const char *config_path);

#endif
