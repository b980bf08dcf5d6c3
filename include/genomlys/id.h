/* Stable identifiers: random UUIDs for rows people create, content hashes for text, keyed hashes. */
#ifndef GENOMLYS_ID_H
#define GENOMLYS_ID_H

#include <stddef.h>
#include <stdint.h>

#include "genomlys/status.h"

#define GL_UUID_LEN 36

/* Writes a random (version 4) UUID as 36 characters plus NUL. */
enum gl_status gl_uuid_new(char out[GL_UUID_LEN + 1]);

/* SHA-256 of data as 64 lowercase hex digits plus NUL. */
void gl_sha256_hex(const void *data, size_t len, char out[65]);
/* HMAC-SHA256 (RFC 2104) of data under key, as 64 lowercase hex digits plus NUL: a keyed hash,
 * e.g. for pseudonyms that cannot be reversed without the project's key. */
void gl_hmac_sha256_hex(const void *key, size_t keylen, const void *data, size_t len,
	char out[65]);

#endif
