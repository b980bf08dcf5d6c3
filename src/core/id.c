/* Random UUIDs (from the kernel's random source); SHA-256 and HMAC-SHA256 through nettle. */
#include "genomlys/id.h"

#include <errno.h>
#include <nettle/hmac.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <sys/random.h>

enum gl_status gl_uuid_new(char out[GL_UUID_LEN + 1])
{
	unsigned char b[16];
	size_t got = 0;
	while (got < sizeof b) {
		ssize_t n = getrandom(b + got, sizeof b - got, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return GL_EIO;
		}
		got += (size_t)n;
	}
	b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);  /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);  /* RFC 4122 variant */
	snprintf(out, GL_UUID_LEN + 1,
		"%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
		b[13], b[14], b[15]);
	return GL_OK;
}

static void hex(const uint8_t *digest, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[digest[i] >> 4];
		out[2 * i + 1] = digits[digest[i] & 15];
	}
	out[2 * n] = '\0';
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
