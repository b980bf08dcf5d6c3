/* Fuzz target: bytes as a theme file through gl_theme_load. */
#include "fuzz.h"

#include "genomlys/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gl_theme t;
	struct gl_diags d;
	gl_theme_init(&t);
	gl_diags_init(&d);
	struct gl_error err = { 0 };
	gl_theme_load(&t, fuzz_file(data, size), &d, &err);
	gl_diags_finish(&d);
	gl_theme_finish(&t);
	return 0;
}
