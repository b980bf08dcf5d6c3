/* Fuzz target: bytes as a settings file (config.ini) through gl_config_load. */
#include "fuzz.h"

#include "genomlys/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gl_config c;
	gl_config_init(&c);
	struct gl_error err = { 0 };
	gl_config_load(&c, fuzz_file(data, size), true, &err);
	gl_config_finish(&c);
	return 0;
}
