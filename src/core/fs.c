/* Small file-system helpers of the core. */
#include "genomlys/fs.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "genomlys/str.h"

char *gl_path_expand(const char *path)
{
	if (!path)
		return NULL;
	const char *home = getenv("HOME");
	if (path[0] == '~' && (path[1] == '\0' || path[1] == '/') && home && *home) {
		struct gl_str s = GL_STR_INIT;
		size_t hl = strlen(home);
		while (hl > 1 && home[hl - 1] == '/')
			hl--;
		if (gl_str_append(&s, home, hl) != GL_OK || gl_str_puts(&s, path + 1) != GL_OK) {
			gl_str_finish(&s);
			return NULL;
		}
		return gl_str_steal(&s);
	}
	size_t n = strlen(path) + 1;
	char *copy = malloc(n);
	return copy ? memcpy(copy, path, n) : NULL;
}

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

bool gl_from_build_tree(void)
{
#ifdef GL_BUILD_DIR
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	size_t len = strlen(GL_BUILD_DIR);
	return !strncmp(exe, GL_BUILD_DIR, len) && exe[len] == '/';
#else
	return false;
#endif
}

const char *gl_data_dir(const char *sub)
{
	/* module-private: the answer depends only on where the program runs from */
	static char path[PATH_MAX];
	bool source = gl_from_build_tree();
#ifdef GL_SOURCE_DIR
	if (source && !strcmp(sub, "demo"))
		snprintf(path, sizeof path, "%s/fixtures/demo", GL_SOURCE_DIR);
	else if (source)
		snprintf(path, sizeof path, "%s/%s", GL_SOURCE_DIR, sub);
	else
#endif
		snprintf(path, sizeof path, "%s/%s", GL_DATADIR, sub);
	return path;
}

const char *gl_locale_dir(void)
{
#ifdef GL_BUILD_DIR
	if (gl_from_build_tree())
		return GL_BUILD_DIR "/po";
#endif
	return GL_LOCALEDIR;
}
