/* The one-line summaries of an import that a person reads. */
#include "genomlys/import.h"

#include <libintl.h>

#include "genomlys/i18n.h"

/* Appends ", " between the parts of a parenthesis. */
static void part(struct gl_str *out, bool *first, const char *open)
{
	gl_str_puts(out, *first ? open : ", ");
	*first = false;
}

enum gl_status gl_import_summary_letters(const struct gl_import_summary *s, struct gl_str *out)
{
	gl_str_clear(out);
	gl_str_puts(out, s->dry_run ? _("Would import ") : _("Imported "));
	gl_str_printf(out, ngettext("%ld letter", "%ld letters", (unsigned long)s->letters),
		s->letters);
	if (s->letters > 0)
		gl_str_printf(out, ngettext(" from %ld school", " from %ld schools",
			(unsigned long)s->schools), s->schools);
	bool first = true;
	if (s->from_cp1252) {
		part(out, &first, " (");
		gl_str_printf(out, _("%ld converted from Windows-1252"), s->from_cp1252);
	}
	if (s->from_utf16) {
		part(out, &first, " (");
		gl_str_printf(out, _("%ld converted from UTF-16"), s->from_utf16);
	}
	if (s->nfc_normalised) {
		part(out, &first, " (");
		gl_str_printf(out, _("%ld normalised from decomposed Unicode"), s->nfc_normalised);
	}
	if (!first)
		gl_str_putc(out, ')');
	if (s->sequences_removed) {
		gl_str_printf(out, ngettext("; %ld escape sequence removed",
			"; %ld escape sequences removed", (unsigned long)s->sequences_removed),
			s->sequences_removed);
		gl_str_printf(out, ngettext(" from %ld letter", " from %ld letters",
			(unsigned long)s->sequences_letters), s->sequences_letters);
	}
	if (s->controls_removed) {
		gl_str_printf(out, ngettext("; %ld control character removed",
			"; %ld control characters removed", (unsigned long)s->controls_removed),
			s->controls_removed);
		gl_str_printf(out, ngettext(" from %ld letter", " from %ld letters",
			(unsigned long)s->controls_letters), s->controls_letters);
	}
	if (s->bidi_kept) {
		gl_str_printf(out, ngettext("; %ld bidirectional control kept",
			"; %ld bidirectional controls kept", (unsigned long)s->bidi_kept), s->bidi_kept);
		gl_str_printf(out, ngettext(" in %ld letter (shown as a placeholder)",
			" in %ld letters (shown as placeholders)", (unsigned long)s->bidi_letters),
			s->bidi_letters);
	}
	if (s->duplicates)
		gl_str_printf(out, ngettext("; %ld duplicate skipped", "; %ld duplicates skipped",
			(unsigned long)s->duplicates), s->duplicates);
	if (s->files_skipped)
		gl_str_printf(out, ngettext("; %ld file skipped (not .txt)",
			"; %ld files skipped (not .txt)", (unsigned long)s->files_skipped),
			s->files_skipped);
	return gl_str_putc(out, '.');
}

enum gl_status gl_import_summary_survey(const struct gl_import_summary *s, struct gl_str *out)
{
	gl_str_clear(out);
	gl_str_puts(out, s->dry_run ? _("Would import ") : _("Imported "));
	gl_str_printf(out, ngettext("%ld survey result", "%ld survey results",
		(unsigned long)s->results), s->results);
	gl_str_printf(out, ngettext(" for %ld school", " for %ld schools",
		(unsigned long)s->result_schools), s->result_schools);
	bool first = true;
	if (s->results_updated) {
		part(out, &first, " (");
		gl_str_printf(out, s->dry_run ? _("%ld would be updated") : _("%ld updated"),
			s->results_updated);
	}
	if (s->results_unchanged) {
		part(out, &first, " (");
		gl_str_printf(out, _("%ld unchanged"), s->results_unchanged);
	}
	if (!first)
		gl_str_putc(out, ')');
	return gl_str_putc(out, '.');
}

enum gl_status gl_import_summary_codebook(const struct gl_import_summary *s, struct gl_str *out)
{
	gl_str_clear(out);
	gl_str_puts(out, s->dry_run ? _("Would import ") : _("Imported "));
	if (s->codes == 0) {
		/* A flat codebook: its codes have no categories. */
		gl_str_printf(out, ngettext("%ld code", "%ld codes", (unsigned long)s->categories),
			s->categories);
	} else {
		gl_str_printf(out, ngettext("%ld code", "%ld codes", (unsigned long)s->codes), s->codes);
		gl_str_printf(out, ngettext(" in %ld category", " in %ld categories",
			(unsigned long)s->categories), s->categories);
	}
	if (s->codes_updated)
		gl_str_printf(out, ngettext(" (%ld existed already and was updated)",
			" (%ld existed already and were updated)", (unsigned long)s->codes_updated),
			s->codes_updated);
	return gl_str_putc(out, '.');
}

enum gl_status gl_import_summary_demo(const struct gl_import_summary *s, struct gl_str *out)
{
	gl_str_clear(out);
	gl_str_printf(out, ngettext("Added %ld coding", "Added %ld codings",
		(unsigned long)s->demo_codings), s->demo_codings);
	gl_str_printf(out, ngettext(" and %ld classification", " and %ld classifications",
		(unsigned long)s->demo_classifications), s->demo_classifications);
	gl_str_printf(out, ngettext(" by %ld coder", " by %ld coders",
		(unsigned long)s->demo_coders), s->demo_coders);
	gl_str_putc(out, '.');
	if (s->demo_findings) {
		gl_str_printf(out, ngettext(" Added %ld finding", " Added %ld findings",
			(unsigned long)s->demo_findings), s->demo_findings);
		gl_str_printf(out, ngettext(" with %ld piece of evidence.",
			" with %ld pieces of evidence.", (unsigned long)s->demo_evidence), s->demo_evidence);
	}
	return GL_OK;
}
