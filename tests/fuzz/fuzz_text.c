/* The fuzz targets' file helper: an input written to a scratch file for the parsers that read
 * a path (settings, themes). */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[4200];

static void remove_file(void)
{
	unlink(path);
}

const char *fuzz_file(const uint8_t *data, size_t size)
{
	if (!path[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(path, sizeof path, "%s/genomlys-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		int fd = mkstemp(path);
		if (fd < 0) {
			perror("mkstemp");
			abort();
		}
		close(fd);
		atexit(remove_file);
	}
	FILE *fp = fopen(path, "wb");
	if (!fp || (size && fwrite(data, 1, size, fp) != size) || fclose(fp) != 0)
		abort();
	return path;
}
