/* Random UUIDs (from the kernel's random source); SHA-256 and HMAC-SHA256 through nettle. */
#include "genomlys/id.h"

#include <errno.h>
#include <nettle/hmac.h>
#include <nettle/sha2.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <sys/random.h>

static void hex(const uint8_t *digest, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[digest[i] >> 4];
		out[2 * i + 1] = digits[digest[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Random bytes are taken from the kernel 4 KB at a time, not 16 bytes a UUID: one getrandom
 * call per letter was a measurable part of a region's import (issue 17). Each thread has its
 * own pool; a forked child empties its copy, so that it never repeats its parent's. */
#define POOL_BYTES 4096

static _Thread_local struct {
	unsigned char b[POOL_BYTES];
	size_t left;  /* unused bytes at the end of b */
} pool;

static pthread_once_t pool_once = PTHREAD_ONCE_INIT;
static bool pool_safe;  /* the fork handler is in place: without it, no pool */

static void pool_forget(void)
{
	explicit_bzero(&pool, sizeof pool);
}

static void pool_setup(void)
{
	pool_safe = pthread_atfork(NULL, NULL, pool_forget) == 0;
}

/* n bytes from the kernel's random source, straight. */
static enum gl_status kernel_random(unsigned char *out, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t k = getrandom(out + got, n - got, 0);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return GL_EIO;
		}
		got += (size_t)k;
	}
	return GL_OK;
}

static enum gl_status random_bytes(unsigned char *out, size_t n)
{
	pthread_once(&pool_once, pool_setup);
	if (!pool_safe || n > POOL_BYTES)
		return kernel_random(out, n);
	if (pool.left < n) {
		pool.left = 0;
		if (kernel_random(pool.b, POOL_BYTES) != GL_OK)
			return GL_EIO;
		pool.left = POOL_BYTES;
	}
	unsigned char *from = pool.b + POOL_BYTES - pool.left;
	memcpy(out, from, n);
	explicit_bzero(from, n);  /* a byte handed out is not kept */
	pool.left -= n;
	return GL_OK;
}

enum gl_status gl_uuid_new(char out[GL_UUID_LEN + 1])
{
	unsigned char b[16];
	if (random_bytes(b, sizeof b) != GL_OK)
		return GL_EIO;
	b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);  /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);  /* RFC 4122 variant */
	/* 8-4-4-4-12 hex digits */
	char h[33];
	hex(b, sizeof b, h);
	memcpy(out, h, 8);
	out[8] = '-';
	memcpy(out + 9, h + 8, 4);
	out[13] = '-';
	memcpy(out + 14, h + 12, 4);
	out[18] = '-';
	memcpy(out + 19, h + 16, 4);
	out[23] = '-';
	memcpy(out + 24, h + 20, 12);
	out[36] = '\0';
	return GL_OK;
}

void gl_sha256_hex(const void *data, size_t len, char out[65])
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof digest, digest);
	hex(digest, sizeof digest, out);
}

void gl_hmac_sha256_hex(const void *key, size_t keylen, const void *data, size_t len,
	char out[65])
{
	struct hmac_sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	hmac_sha256_set_key(&ctx, keylen, key);
	hmac_sha256_update(&ctx, len, data);
	hmac_sha256_digest(&ctx, sizeof digest, digest);
	hex(digest, sizeof digest, out);
}
