/* Stable identifiers: random UUIDs for rows people create, and content hashes for text. */
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

#endif
