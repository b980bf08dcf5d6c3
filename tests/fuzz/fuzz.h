/* The fuzz targets' shared part: one scratch project, each input imported and rolled back. */
#ifndef GENOMLYS_TESTS_FUZZ_H
#define GENOMLYS_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "genomlys/import.h"

/* libFuzzer's entry point, which each target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Feeds one input through the real importer into the scratch project (in a transaction that
 * is rolled back, so inputs do not depend on each other). Aborts when a rule is broken. */
int fuzz_import(enum gl_import_csv what, const uint8_t *data, size_t size);

/* The scratch project itself (a letter and a code in it), for targets that query it. */
struct gl_store;
struct gl_store *fuzz_scratch_store(void);

/* Writes the input to a scratch file (the same for every input) and returns its path, for the
 * parsers that read a file (settings, themes). */
const char *fuzz_file(const uint8_t *data, size_t size);

#endif
