/*
 * pseudonym.h: pseudonymising child and request identifiers with a keyed
 * hash under a secret salt kept in the database. The same identifier gives
 * the same key within one database and unrelated keys in another; without
 * the salt, a key cannot be turned back into its identifier by trying
 * likely ones.
 *
 * The 32-byte salt is turned into two 128-bit keys, one for each kind of
 * identifier, with libsodium's key derivation (keyed BLAKE2b); each
 * identifier is then hashed with its kind's key
 * by libsodium's crypto_shorthash (SipHash-2-4, a keyed pseudorandom
 * function with a 64-bit output, built for short inputs). Keyed BLAKE2b per
 * identifier gives the same guarantee but cost five times as much: a
 * third of a national import's time.
 */
#ifndef SL_PSEUDONYM_H
#define SL_PSEUDONYM_H

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

enum { SL_PSEUDONYM_SALT_BYTES = 32 };

/* Identifiers of different kinds never share a key, even when equal. */
typedef enum { SL_PSEUDONYM_PERSON, SL_PSEUDONYM_REQUEST, SL_PSEUDONYM_KINDS } sl_pseudonym_kind;

typedef struct sl_pseudonym {
  unsigned char keys[SL_PSEUDONYM_KINDS][crypto_shorthash_KEYBYTES]; /* from the salt */
} sl_pseudonym;

/* Start libsodium (idempotent); -1 with error set if it cannot. */
int sl_pseudonym_init(sl_error *error);
/* A new random salt. */
void sl_pseudonym_new_salt(unsigned char salt[SL_PSEUDONYM_SALT_BYTES]);
void sl_pseudonym_setup(sl_pseudonym *pseudonym, const unsigned char salt[SL_PSEUDONYM_SALT_BYTES]);
/* The key of an identifier: its 8-byte keyed hash, as an integer. */
int64_t sl_pseudonym_key(const sl_pseudonym *pseudonym, sl_pseudonym_kind kind, const char *id,
                         size_t length);

#endif
