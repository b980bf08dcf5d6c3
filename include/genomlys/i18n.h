/* Translation macros: _() translates now, N_() marks a string for translation later, C_() translates
 * a word whose meaning depends on where it stands ("open" a round is in vs "open" a letter). */
#ifndef GENOMLYS_I18N_H
#define GENOMLYS_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <string.h>

/* gettext("") is the catalogue's header ("Project-Id-Version: …"), never a translation: an
 * empty text (a name that is empty on purpose) stays empty. */
__attribute__((format_arg(1))) static inline char *gl_gettext(const char *s)
{
	return s && s[0] ? gettext(s) : (char *)s;
}

/* The message in its context ("context\004message", as xgettext writes msgctxt); the message
 * itself when the catalogue has no translation for it. */
__attribute__((format_arg(2))) static inline const char *gl_pgettext(const char *ctx_msgid,
	const char *msgid)
{
	const char *t = gettext(ctx_msgid);
	return t == ctx_msgid ? msgid : t;
}

/* Whether the messages are shown in Swedish: the catalogue gettext uses (LANGUAGE, LC_MESSAGES,
 * as for every _()) says so in its header; no catalogue (C, English) is not Swedish. Names that
 * exist in both languages (respondent groups) are shown in this language. */
static inline bool gl_i18n_swedish(void)
{
	const char *h = gettext("");
	const char *l = h ? strstr(h, "\nLanguage: ") : NULL;
	return l && !strncmp(l + 11, "sv", 2);
}

#define _(s) gl_gettext(s)
#define N_(s) (s)
#define C_(ctx, s) gl_pgettext(ctx "\004" s, s)

#endif
