/* Output files written whole or not at all, never onto the open project, private to the owner. */
#define _GNU_SOURCE  /* renameat2, mkostemp */
#include "genomlys/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "genomlys/fs.h"
#include "genomlys/i18n.h"
#include "genomlys/str.h"

struct gl_outfile {
	char *path;
	char *tmp;
	char *project;
	unsigned flags;
	FILE *fp;
	int lock;  /* a descriptor of the temporary file holding flock() on it until the end */
};

/* The name of path's directory entry with its folder resolved (symbolic links, "..") but not
 * its last component: what a rename onto path replaces. NULL when the folder does not resolve. */
static char *entry_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	char *real = dir ? realpath(dir, NULL) : NULL;
	free(dir);
	if (!real)
		return NULL;
	struct gl_str s = GL_STR_INIT;
	gl_str_printf(&s, "%s%s%s", real, strcmp(real, "/") ? "/" : "", slash ? slash + 1 : path);
	free(real);
	return gl_str_steal(&s);
}

/* True when writing path would write over the project or one of its companion files. */
static bool is_project(const char *path, const char *project)
{
	static const char *const companions[] = { "", "-wal", "-shm", "-journal" };
	struct stat target;
	bool exists = stat(path, &target) == 0;
	char *entry = entry_name(path);
	/* SQLite names the companions after the resolved file; the project as named may be a link. */
	char *names[2] = { entry_name(project), realpath(project, NULL) };
	bool hit = false;
	for (size_t n = 0; n < 2 && !hit; n++) {
		for (size_t c = 0; names[n] && c < 4 && !hit; c++) {
			struct gl_str cand = GL_STR_INIT;
			struct stat sb;
			gl_str_printf(&cand, "%s%s", names[n], companions[c]);
			if (entry && !strcmp(entry, gl_str_cstr(&cand)))
				hit = true;
			else if (exists && stat(gl_str_cstr(&cand), &sb) == 0 && sb.st_dev == target.st_dev &&
				sb.st_ino == target.st_ino)
				hit = true;
			gl_str_finish(&cand);
		}
	}
	free(entry);
	free(names[0]);
	free(names[1]);
	return hit;
}

static enum gl_status check_path(const char *path, const char *project, unsigned flags,
	struct gl_error *err)
{
	if (!path || !*path)
		return gl_error_set(err, GL_EINVAL, _("no file name"));
	if (project && is_project(path, project))
		return gl_error_set_at(err, GL_EINVAL, path, 0, _("this is the project's own file (or its "
			"-wal, -shm or -journal file); not writing over it"));
	struct stat sb;
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return GL_OK;
		return gl_error_set_at(err, GL_EIO, path, 0, _("cannot write the file: %s"),
			strerror(errno));
	}
	if (S_ISDIR(sb.st_mode))
		return gl_error_set_at(err, GL_EINVAL, path, 0, _("this is a folder"));
	/* A rename would replace a device or a pipe by a plain file. */
	if (!S_ISREG(sb.st_mode))
		return gl_error_set_at(err, GL_EINVAL, path, 0, _("not a regular file; not writing over "
			"it"));
	if (!(flags & GL_OUTFILE_FORCE))
		return gl_error_set_at(err, GL_EEXIST, path, 0, _("the file exists already"));
	return GL_OK;
}

static enum gl_status io_error(const char *path, int e, struct gl_error *err)
{
	return gl_error_set_at(err, GL_EIO, path, 0, _("cannot write the file: %s"), strerror(e));
}

static void outfile_free(struct gl_outfile *f)
{
	if (f->lock >= 0)
		close(f->lock);
	free(f->path);
	free(f->tmp);
	free(f->project);
	free(f);
}

/* A leading "~" is the home folder (gl_path_expand); nothing else of a name is expanded. */
enum gl_status gl_outfile_check(const char *path, const char *project, unsigned flags,
	struct gl_error *err)
{
	char *ex = gl_path_expand(path);
	enum gl_status st = check_path(ex ? ex : path, project, flags, err);
	free(ex);
	return st;
}

/* Removes what a killed writer of path left: PATH.tmp-XXXXXX files of this user that no
 * process holds the lock of (every writer locks its temporary file from its creation until it
 * is renamed or removed; a kill releases the lock). Best effort. */
static void remove_stale(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	DIR *d = dir ? opendir(dir) : NULL;
	size_t blen = strlen(base);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, base, blen) || strncmp(e->d_name + blen, ".tmp-", 5) ||
			strlen(e->d_name + blen + 5) != 6)
			continue;
		int fd = openat(dirfd(d), e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		struct stat sb;
		if (fd < 0)
			continue;
		if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == geteuid() &&
			flock(fd, LOCK_EX | LOCK_NB) == 0)
			unlinkat(dirfd(d), e->d_name, 0);
		close(fd);
	}
	if (d)
		closedir(d);
	free(dir);
}

static enum gl_status open_path(const char *path, const char *project, unsigned flags,
	struct gl_outfile **out, struct gl_error *err);

enum gl_status gl_outfile_open(const char *path, const char *project, unsigned flags,
	struct gl_outfile **out, struct gl_error *err)
{
	*out = NULL;
	char *ex = gl_path_expand(path);
	enum gl_status st = open_path(ex ? ex : path, project, flags, out, err);
	free(ex);
	return st;
}

static enum gl_status open_path(const char *path, const char *project, unsigned flags,
	struct gl_outfile **out, struct gl_error *err)
{
	enum gl_status st = check_path(path, project, flags, err);
	if (st != GL_OK)
		return st;
	remove_stale(path);
	struct gl_outfile *f = calloc(1, sizeof *f);
	if (f)
		f->lock = -1;
	struct gl_str tmp = GL_STR_INIT;
	if (!f || !(f->path = strdup(path)) || (project && !(f->project = strdup(project))) ||
		gl_str_printf(&tmp, "%s.tmp-XXXXXX", path) != GL_OK) {
		gl_str_finish(&tmp);
		if (f)
			outfile_free(f);
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	f->flags = flags;
	f->tmp = gl_str_steal(&tmp);
	int fd = mkostemp(f->tmp, O_CLOEXEC);  /* O_EXCL */
	if (fd < 0) {
		st = io_error(path, errno, err);
		outfile_free(f);
		return st;
	}
	/* Locked while it is ours (remove_stale); 0600 whatever the umask: letters are personal
	 * data. */
	if (flock(fd, LOCK_EX) != 0 || (f->lock = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0 ||
		fchmod(fd, 0600) != 0 || !(f->fp = fdopen(fd, "w"))) {
		st = io_error(path, errno, err);
		close(fd);
		unlink(f->tmp);
		outfile_free(f);
		return st;
	}
	*out = f;
	return GL_OK;
}

FILE *gl_outfile_stream(struct gl_outfile *f)
{
	return f->fp;
}

const char *gl_outfile_temp_path(const struct gl_outfile *f)
{
	return f->tmp;
}

void gl_outfile_abort(struct gl_outfile *f)
{
	if (!f)
		return;
	if (f->fp)
		fclose(f->fp);
	unlink(f->tmp);
	outfile_free(f);
}

/* Sets 0600 again (a library may have written the file by name) and syncs it to disk. */
static enum gl_status sync_file(struct gl_outfile *f, struct gl_error *err)
{
	int fd = open(f->tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return io_error(f->path, errno, err);
	struct stat sb;
	enum gl_status st = GL_OK;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || fchmod(fd, 0600) != 0 || fsync(fd) != 0)
		st = io_error(f->path, errno ? errno : EIO, err);
	close(fd);
	return st;
}

/* Renames without replacing an existing file (another program may have made one since). */
static enum gl_status rename_new(struct gl_outfile *f, struct gl_error *err)
{
	if (renameat2(AT_FDCWD, f->tmp, AT_FDCWD, f->path, RENAME_NOREPLACE) == 0)
		return GL_OK;
	if (errno == EEXIST)
		return gl_error_set_at(err, GL_EEXIST, f->path, 0, _("the file exists already"));
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return io_error(f->path, errno, err);
	/* A file system without RENAME_NOREPLACE: check, then rename. */
	struct stat sb;
	if (lstat(f->path, &sb) == 0)
		return gl_error_set_at(err, GL_EEXIST, f->path, 0, _("the file exists already"));
	return rename(f->tmp, f->path) == 0 ? GL_OK : io_error(f->path, errno, err);
}

static void sync_folder(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	if (fd >= 0) {
		fsync(fd);  /* best effort: some file systems refuse to sync a folder */
		close(fd);
	}
	free(dir);
}

enum gl_status gl_outfile_commit(struct gl_outfile *f, struct gl_error *err)
{
	enum gl_status st = GL_OK;
	errno = 0;
	if (fflush(f->fp) != 0 || ferror(f->fp))
		st = io_error(f->path, errno ? errno : EIO, err);
	if (fclose(f->fp) != 0 && st == GL_OK)
		st = io_error(f->path, errno, err);
	f->fp = NULL;
	if (st == GL_OK)
		st = sync_file(f, err);
	/* The world may have changed while the file was written. */
	if (st == GL_OK)
		st = check_path(f->path, f->project, f->flags, err);
	if (st == GL_OK) {
		if (f->flags & GL_OUTFILE_FORCE)
			st = rename(f->tmp, f->path) == 0 ? GL_OK : io_error(f->path, errno, err);
		else
			st = rename_new(f, err);
	}
	if (st == GL_OK)
		sync_folder(f->path);
	else
		unlink(f->tmp);
	outfile_free(f);
	return st;
}
