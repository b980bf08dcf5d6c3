/* Small file-system helpers of the core. */
#ifndef GENOMLYS_FS_H
#define GENOMLYS_FS_H

#include <sys/types.h>

/* mkdir -p: creates path and its missing parents with mode (existing ones are kept).
 * Returns 0, or -1 with errno set. */
int gl_mkdir_p(const char *path, mode_t mode);

#endif
