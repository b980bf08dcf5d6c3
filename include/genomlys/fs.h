/* Small file-system helpers of the core. */
#ifndef GENOMLYS_FS_H
#define GENOMLYS_FS_H

#include <stdbool.h>
#include <sys/types.h>

/* mkdir -p: creates path and its missing parents with mode (existing ones are kept).
 * Returns 0, or -1 with errno set. */
int gl_mkdir_p(const char *path, mode_t mode);

/* True when this program runs from the build tree it was built in (not installed): its data
 * (themes, the demo) then come from the source tree and its translations from the build tree,
 * so that ./build/genomlys is the whole program before `meson install`. */
bool gl_from_build_tree(void);
/* Where the data directory's part `sub` is ("themes", "demo"): the installed one, or the
 * source tree's when running from the build tree. Static storage. */
const char *gl_data_dir(const char *sub);
/* A path as the user wrote it (a command-line argument, a settings value, a path typed in the
 * interface), with the one expansion a shell would make that this program makes too: a leading
 * "~" or "~/" becomes $HOME (when set). Nothing else: "$HOME", "*", "$(...)", backquotes and
 * "~user" stay as they are, characters of a file name. Returns a new string (NULL for NULL or
 * no memory). */
char *gl_path_expand(const char *path);

/* Where the compiled translations are (for bindtextdomain). */
const char *gl_locale_dir(void);

#endif
