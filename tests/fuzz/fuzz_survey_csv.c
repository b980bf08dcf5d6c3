/* Fuzz target: bytes as a survey CSV file through the real importer. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_import(GL_IMPORT_CSV_SURVEY, data, size);
}
