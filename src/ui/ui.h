/* The terminal user interface: the only code that includes <curses.h>. */
#ifndef GENOMLYS_UI_H
#define GENOMLYS_UI_H

#include <stdbool.h>

/* Runs the TUI on the project at db_path with the config at config_path (NULL: default).
 * With demo, db_path is NULL and a fresh demo project is built under $XDG_DATA_HOME/genomlys/
 * and opened. Returns a process exit code. */
int ui_main(const char *db_path, const char *config_path, bool demo);

#endif
