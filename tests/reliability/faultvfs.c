/* Test only: an SQLite VFS shim, preloaded (LD_PRELOAD), that fails the N-th write or sync.
 *
 *	GL_FAULT_WRITE=N   the N-th xWrite (counted over every file SQLite opens) fails
 *	GL_FAULT_SYNC=N    the N-th xSync fails
 *	GL_FAULT_CODE=full|ioerr   SQLITE_FULL (default) or SQLITE_IOERR_WRITE / _FSYNC
 *	GL_FAULT_STICKY=1  every write (sync) from the N-th on fails, not only the N-th
 *	GL_FAULT_LOG=FILE  appends "writes W syncs S failed F" at exit (to find the range of N)
 *	GL_FAULT_ARM=FILE  counting starts once FILE exists (a scripted session creates it with
 *	                   :save-display FILE just before the action that is to fail)
 *
 * It wraps the default VFS and registers itself as the default at load time, so the program
 * under test needs no change. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct shim_file {
	sqlite3_file base;
	sqlite3_file *real;  /* allocated after this struct */
};

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;
static sqlite3_io_methods shim_io_v1, shim_io_v2, shim_io_v3;
static long fault_write, fault_sync, writes, syncs, failed;
static int fault_code = SQLITE_FULL;
static int sticky;
static const char *arm_path;
static int armed = 1;

/* Counts one call unless not armed yet; true when it is to fail. */
static int should_fail(long *count, long at)
{
	if (!armed) {
		if (access(arm_path, F_OK) != 0)
			return 0;
		armed = 1;
	}
	++*count;
	return at > 0 && (*count == at || (sticky && *count > at));
}

#define REAL(f) (((struct shim_file *)(f))->real)

static int shim_close(sqlite3_file *f)
{
	int rc = REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;
	return rc;
}

static int shim_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int shim_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	if (should_fail(&writes, fault_write)) {
		failed++;
		return fault_code == SQLITE_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
	}
	return REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int shim_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int shim_sync(sqlite3_file *f, int flags)
{
	if (should_fail(&syncs, fault_sync)) {
		failed++;
		return fault_code == SQLITE_FULL ? SQLITE_FULL : SQLITE_IOERR_FSYNC;
	}
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int shim_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int shim_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int shim_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }

static int shim_check_lock(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int shim_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int shim_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }

static int shim_device(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int shim_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **pp)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, extend, pp);
}

static int shim_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}

static void shim_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }

static int shim_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int shim_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
	return REAL(f)->pMethods->xFetch(REAL(f), off, n, pp);
}

static int shim_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static int shim_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
	(void)vfs;
	struct shim_file *s = (struct shim_file *)f;
	s->real = (sqlite3_file *)(s + 1);
	memset(s->real, 0, (size_t)real_vfs->szOsFile);
	int rc = real_vfs->xOpen(real_vfs, name, s->real, flags, out);
	if (rc != SQLITE_OK || !s->real->pMethods) {
		f->pMethods = NULL;
		return rc;
	}
	int v = s->real->pMethods->iVersion;
	f->pMethods = v >= 3 ? &shim_io_v3 : v == 2 ? &shim_io_v2 : &shim_io_v1;
	return rc;
}

static int shim_delete(sqlite3_vfs *v, const char *n, int sync)
{
	(void)v;
	return real_vfs->xDelete(real_vfs, n, sync);
}

static int shim_access(sqlite3_vfs *v, const char *n, int flags, int *out)
{
	(void)v;
	return real_vfs->xAccess(real_vfs, n, flags, out);
}

static int shim_full(sqlite3_vfs *v, const char *n, int size, char *out)
{
	(void)v;
	return real_vfs->xFullPathname(real_vfs, n, size, out);
}

static void *shim_dlopen(sqlite3_vfs *v, const char *n)
{
	(void)v;
	return real_vfs->xDlOpen(real_vfs, n);
}

static void shim_dlerror(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	real_vfs->xDlError(real_vfs, n, out);
}

static void (*shim_dlsym(sqlite3_vfs *v, void *h, const char *s))(void)
{
	(void)v;
	return real_vfs->xDlSym(real_vfs, h, s);
}

static void shim_dlclose(sqlite3_vfs *v, void *h)
{
	(void)v;
	real_vfs->xDlClose(real_vfs, h);
}

static int shim_random(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int shim_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return real_vfs->xSleep(real_vfs, us);
}

static int shim_time(sqlite3_vfs *v, double *out)
{
	(void)v;
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int shim_last_error(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, out) : 0;
}

static int shim_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
	(void)v;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static void report(void)
{
	const char *log = getenv("GL_FAULT_LOG");
	FILE *fp = log && *log ? fopen(log, "a") : NULL;
	if (fp) {
		fprintf(fp, "writes %ld syncs %ld failed %ld\n", writes, syncs, failed);
		fclose(fp);
	}
}

__attribute__((constructor)) static void shim_init(void)
{
	const char *w = getenv("GL_FAULT_WRITE"), *s = getenv("GL_FAULT_SYNC");
	const char *code = getenv("GL_FAULT_CODE"), *st = getenv("GL_FAULT_STICKY");
	fault_write = w ? atol(w) : 0;
	fault_sync = s ? atol(s) : 0;
	fault_code = code && !strcmp(code, "ioerr") ? SQLITE_IOERR : SQLITE_FULL;
	sticky = st && *st == '1';
	arm_path = getenv("GL_FAULT_ARM");
	armed = !(arm_path && *arm_path);
	real_vfs = sqlite3_vfs_find(NULL);
	if (!real_vfs)
		return;
	shim_io_v1 = (sqlite3_io_methods){ 1, shim_close, shim_read, shim_write, shim_truncate,
		shim_sync, shim_size, shim_lock, shim_unlock, shim_check_lock, shim_control,
		shim_sector, shim_device, NULL, NULL, NULL, NULL, NULL, NULL };
	shim_io_v2 = shim_io_v1;
	shim_io_v2.iVersion = 2;
	shim_io_v2.xShmMap = shim_shm_map;
	shim_io_v2.xShmLock = shim_shm_lock;
	shim_io_v2.xShmBarrier = shim_shm_barrier;
	shim_io_v2.xShmUnmap = shim_shm_unmap;
	shim_io_v3 = shim_io_v2;
	shim_io_v3.iVersion = 3;
	shim_io_v3.xFetch = shim_fetch;
	shim_io_v3.xUnfetch = shim_unfetch;
	shim_vfs = *real_vfs;
	shim_vfs.iVersion = 2;
	shim_vfs.szOsFile = (int)sizeof(struct shim_file) + real_vfs->szOsFile;
	shim_vfs.zName = "glfault";
	shim_vfs.pAppData = NULL;
	shim_vfs.xOpen = shim_open;
	shim_vfs.xDelete = shim_delete;
	shim_vfs.xAccess = shim_access;
	shim_vfs.xFullPathname = shim_full;
	shim_vfs.xDlOpen = shim_dlopen;
	shim_vfs.xDlError = shim_dlerror;
	shim_vfs.xDlSym = shim_dlsym;
	shim_vfs.xDlClose = shim_dlclose;
	shim_vfs.xRandomness = shim_random;
	shim_vfs.xSleep = shim_sleep;
	shim_vfs.xCurrentTime = shim_time;
	shim_vfs.xGetLastError = shim_last_error;
	shim_vfs.xCurrentTimeInt64 = shim_time64;
	shim_vfs.pNext = NULL;
	sqlite3_vfs_register(&shim_vfs, 1);
	atexit(report);
}
