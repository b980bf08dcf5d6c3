/* Strict numbers from command-line arguments, settings and commands: the whole text is the
 * number, nothing is clamped, and a real number is finite. */
#ifndef GENOMLYS_NUM_H
#define GENOMLYS_NUM_H

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

#endif
