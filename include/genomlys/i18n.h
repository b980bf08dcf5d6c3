/* Translation macros: _() translates now, N_() marks a string for translation later. */
#ifndef GENOMLYS_I18N_H
#define GENOMLYS_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
