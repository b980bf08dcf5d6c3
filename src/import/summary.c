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

/* The parenthesis after "Imported N ...": what became of the rows that were there already
 * (none: no parenthesis, all were new). "N new" is given only beside another part. */
static void outcomes(struct gl_str *out, bool dry_run, long added, long updated,
	long unchanged)
{
	if (!updated && !unchanged)
		return;
	bool first = true;
	if (added) {
		part(out, &first, " (");
		gl_str_printf(out, _("%ld new"), added);
	}
	if (updated) {
		part(out, &first, " (");
		gl_str_printf(out, dry_run ? _("%ld would be updated") : _("%ld updated"), updated);
	}
	if (unchanged) {
		part(out, &first, " (");
		gl_str_printf(out, _("%ld unchanged"), unchanged);
	}
	gl_str_putc(out, ')');
}

/* "Nothing new: " before the counts when every row was there already as it is in the file. */
static bool nothing_new(struct gl_str *out, bool dry_run, long rows, long updated,
	long unchanged)
{
	if (rows == 0 || updated || unchanged != rows)
		return false;
	gl_str_puts(out, dry_run ? _("Nothing would change: ") : _("Nothing new: "));
	return true;
}

/* The end of the "Nothing new" sentence. */
static enum gl_status already_there(struct gl_str *out, bool dry_run, long rows)
{
	return gl_str_puts(out, dry_run ? ngettext(" is already there, unchanged.",
		" are already there, unchanged.", (unsigned long)rows) : ngettext(
		" was already there, unchanged.", " were already there, unchanged.",
		(unsigned long)rows));
}

enum gl_status gl_import_summary_survey(const struct gl_import_summary *s, struct gl_str *out)
{
	gl_str_clear(out);
	bool none = nothing_new(out, s->dry_run, s->results, s->results_updated,
		s->results_unchanged);
	if (!none)
		gl_str_puts(out, s->dry_run ? _("Would import ") : _("Imported "));
	gl_str_printf(out, ngettext("%ld survey result", "%ld survey results",
		(unsigned long)s->results), s->results);
	gl_str_printf(out, ngettext(" for %ld school", " for %ld schools",
		(unsigned long)s->result_schools), s->result_schools);
	if (none)
		return already_there(out, s->dry_run, s->results);
	outcomes(out, s->dry_run, s->results - s->results_updated - s->results_unchanged,
		s->results_updated, s->results_unchanged);
	return gl_str_putc(out, '.');
}

enum gl_status gl_import_summary_codebook(const struct gl_import_summary *s, struct gl_str *out)
{
	gl_str_clear(out);
	long rows = s->codes + s->categories;
	bool none = nothing_new(out, s->dry_run, rows, s->codes_updated, s->codes_unchanged);
	if (!none)
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
	if (none)
		return already_there(out, s->dry_run, rows);
	outcomes(out, s->dry_run, rows - s->codes_updated - s->codes_unchanged, s->codes_updated,
		s->codes_unchanged);
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
