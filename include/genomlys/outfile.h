/* Writing an output file safely: every command that writes a file the user names (exports,
 * :save-display) goes through this module.
 *
 * A target is refused when it is the open project or one of its companions (-wal, -shm,
 * -journal): compared by device and inode when the target exists, and by name with the
 * folders resolved, so that neither a hard link, a symbolic link nor "dir/../p.db" gets
 * through; even with GL_OUTFILE_FORCE. An existing file is replaced only with
 * GL_OUTFILE_FORCE (the CLI's --force, a confirmation in the terminal interface). The file is
 * written to a temporary file in the target's folder (created with O_EXCL, mode 0600 whatever
 * the umask), flushed to disk and renamed into place: the target is whole or untouched, never
 * half-written, and readable by its owner only (letters are personal data). On any failure the
 * temporary file is removed. The temporary file (TARGET.tmp-XXXXXX) is locked (flock) by its
 * writer from its creation until it is renamed or removed; what a killed writer left is removed
 * by the next write of the same target (a file of this user that no process holds locked).
 *
 * Use:
 *
 *	struct gl_outfile *f;
 *	st = gl_outfile_open(path, gl_store_path(store), force ? GL_OUTFILE_FORCE : 0, &f, err);
 *	if (st != GL_OK)
 *		return st;                       // GL_EEXIST: exists and no force; nothing written
 *	... write to gl_outfile_stream(f) ...
 *	if (failed) {
 *		gl_outfile_abort(f);             // removes the temporary file
 *		return st;
 *	}
 *	return gl_outfile_commit(f, err);    // always frees f
 *
 * A library that writes a file by name (libxlsxwriter's workbook_new) is given
 * gl_outfile_temp_path(f) instead of the target: the file exists (mode 0600) and the commit
 * sets 0600 again, syncs it and renames it into place. Do not write to the stream then. */
#ifndef GENOMLYS_OUTFILE_H
#define GENOMLYS_OUTFILE_H

#include <stdio.h>

#include "genomlys/status.h"

#define GL_OUTFILE_FORCE (1u << 0)  /* replace an existing file */

struct gl_outfile;

/* The checks of gl_outfile_open without writing anything, for asking before work is done:
 * GL_OK when path may be written; GL_EEXIST ("the file exists already") when it exists and
 * flags lack GL_OUTFILE_FORCE (the caller may ask and try again with it); GL_EINVAL when it is
 * the project (project may be NULL: no project to protect) or a folder. err names path. */
enum gl_status gl_outfile_check(const char *path, const char *project, unsigned flags,
	struct gl_error *err);

/* Checks, then creates the temporary file. *out is NULL on failure. */
enum gl_status gl_outfile_open(const char *path, const char *project, unsigned flags,
	struct gl_outfile **out, struct gl_error *err);

/* The stream to write to (owned by f). */
FILE *gl_outfile_stream(struct gl_outfile *f);
/* The temporary file's path, for libraries that write by name. */
const char *gl_outfile_temp_path(const struct gl_outfile *f);

/* Flushes and syncs the temporary file, checks the target again (without GL_OUTFILE_FORCE a
 * file that appeared meanwhile is not replaced), renames it into place and syncs the folder.
 * Frees f in every case; on failure the temporary file is removed and the target untouched. */
enum gl_status gl_outfile_commit(struct gl_outfile *f, struct gl_error *err);

/* Removes the temporary file and frees f; NULL is a no-op. */
void gl_outfile_abort(struct gl_outfile *f);

#endif
