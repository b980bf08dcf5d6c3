/* Project settings from the command line: genomlys setting [NAME [VALUE]]. Each setting is
 * saved in the project through gl_store_setting_* (validated by the store's rules, audited),
 * as the terminal interface's commands (:keep-names) save them. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"

static const struct cli_command help_setting = { "setting", NULL,
	N_("genomlys setting [keep-names [on|off]] [--db PATH]"),
	N_("Shows or changes a setting saved in the project. keep-names: on, plans and exports "
	"attribute quotes by the letter's author; off (the default), by a stable pseudonym such as "
	"'Elev 3, Ekåsens skola'. Without a name: every setting and its value.") };

static void show_keep_names(bool keep)
{
	printf("keep-names: %s (%s)\n", keep ? "on" : "off", keep ?
		_("quotes name the letter's author where it has one") :
		_("quotes give a stable pseudonym such as Elev 3"));
}

int cmd_setting(struct cli *c, int argc, char **argv)
{
	int rc = cli_parse_plain(c, argc, argv, &help_setting);
	if (rc != CLI_CONTINUE)
		return rc;
	int nargs = argc - optind;
	const char *name = nargs > 0 ? argv[optind] : NULL;
	const char *value = nargs > 1 ? argv[optind + 1] : NULL;
	if (nargs > 2)
		return cli_usage("setting", _("unexpected argument '%s'"), argv[optind + 2]);
	if (name && strcmp(name, "keep-names") != 0)
		return cli_usage("setting", _("unknown setting '%s' (valid: keep-names)"), name);
	int set = -1;
	if (value) {
		if (!strcmp(value, "on"))
			set = 1;
		else if (!strcmp(value, "off"))
			set = 0;
		else
			return cli_usage("setting", _("keep-names is on or off, not '%s'"), value);
	}
	struct gl_store *s = NULL;
	struct gl_error err = { 0 };
	enum gl_status st = GL_OK;
	if ((rc = cli_open_store(c, &s)) != EXIT_OK)
		return rc;
	if (set >= 0)
		st = gl_store_setting_set_int(s, GL_SETTING_KEEP_NAMES, set, &err);
	int64_t keep = 0;
	if (st == GL_OK && gl_store_setting_get_int(s, GL_SETTING_KEEP_NAMES, &keep, NULL) != GL_OK)
		keep = 0;
	if (st == GL_OK)
		show_keep_names(keep != 0);
	else
		rc = cli_fail(&err);
	gl_store_close(s);
	return rc;
}
