/*
 * sha256.h - a small SHA-256 (FIPS 180-4) for digests of header blocks.
 *
 * Not for secrets: it exists so that a message without a Message-ID still
 * gets a stable key.  No allocation; the caller owns the context.
 */
#ifndef CLIENTELE_SHA256_H
#define CLIENTELE_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_LEN 32
#define SHA256_HEX_LEN 64

struct sha256 {
	uint32_t h[8];
	uint64_t total;		/* bytes hashed so far */
	unsigned char blk[64];
	size_t fill;		/* bytes waiting in blk */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *p, size_t len);
void sha256_final(struct sha256 *c, unsigned char out[SHA256_DIGEST_LEN]);
/* sha256_hex - digest of len bytes as 64 lower-case hex digits + NUL */
void sha256_hex(const void *p, size_t len, char out[SHA256_HEX_LEN + 1]);

#endif
