/* Strict numbers from command-line arguments, settings and commands: the whole text is the
 * number, nothing is clamped, and a real number is finite. */
#ifndef GENOMLYS_NUM_H
#define GENOMLYS_NUM_H

#include <stddef.h>
#include <stdint.h>

#include "genomlys/status.h"

/* Reads a decimal integer: an optional sign and digits, nothing else (no spaces, no trailing
 * text, not empty). Returns GL_OK, or GL_EINVAL with err naming s:
 *   "'12x' is not a whole number", "'99999999999999999999': number out of range" (beyond
 *   int64), "'0' is less than 1" / "'200' is more than 100" (outside [min, max]).
 * *out is written only on success. */
enum gl_status gl_num_parse_int64(const char *s, int64_t min, int64_t max, int64_t *out,
	struct gl_error *err);

/* Reads a finite decimal number: an optional sign, digits with one decimal point or comma
 * ("2.5", "2,5", "-0,5"), an optional exponent ("1e3"); whatever the locale. "nan", "inf",
 * "1e400" and junk are refused (GL_EINVAL: "'nan' is not a number", "'1e400': number out of
 * range"). *out is written only on success. */
enum gl_status gl_num_parse_double(const char *s, double *out, struct gl_error *err);

/* The decimal separator of the interface language ("," in Swedish), from its translation: the
 * language decides, not LC_NUMERIC (often C). */
const char *gl_num_decimal_separator(void);

/* v as the interface shows a number to a person, with the interface language's separator:
 * decimals >= 0 gives that many decimals ("0,53" for 0.531, 2); GL_NUM_SHORT gives at most
 * two decimals without trailing zeros ("5,4", "12"); GL_NUM_G gives printf's %g ("12,5").
 * Machine formats (tsv, json, csv) never use this: they keep the point. */
enum { GL_NUM_SHORT = -1, GL_NUM_G = -2 };
void gl_num_format(double v, int decimals, char *buf, size_t size);

#endif
