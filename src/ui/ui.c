/* Placeholder until the TUI lands (issue 4): says so instead of pretending. */
#include "ui.h"

#include <stdio.h>

#include "genomlys/i18n.h"

int ui_main(const char *db_path, const char *config_path, bool demo)
{
	(void)config_path;
	(void)demo;
	fprintf(stderr, _("genomlys: the terminal interface is not built yet; use the commands "
		"(genomlys --help) on %s\n"), db_path);
	return 1;
}
