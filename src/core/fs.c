/* Small file-system helpers of the core. */
#include "genomlys/fs.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "genomlys/str.h"

int gl_mkdir_p(const char *path, mode_t mode)
{
	char *p = gl_strdup(path);
	if (!p) {
		errno = ENOMEM;
		return -1;
	}
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, mode) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, mode) != 0 && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}
