/*
 * pseudonym.c: keyed hashing through libsodium. We use vetted primitives
 * rather than writing our own: the point is that nobody can recover a
 * child's identifier from the database without the salt.
 */
#include "pseudonym.h"

#include <string.h>

int sl_pseudonym_init(sl_error *error) {
  if (sodium_init() < 0) return sl_error_set(error, "libsodium cannot start");
  return 0;
}

void sl_pseudonym_new_salt(unsigned char salt[SL_PSEUDONYM_SALT_BYTES]) {
  randombytes_buf(salt, SL_PSEUDONYM_SALT_BYTES);
}

void sl_pseudonym_setup(sl_pseudonym *pseudonym,
                        const unsigned char salt[SL_PSEUDONYM_SALT_BYTES]) {
  _Static_assert(SL_PSEUDONYM_SALT_BYTES == crypto_kdf_KEYBYTES, "the salt is a KDF key");
  crypto_kdf_derive_from_key(pseudonym->key, sizeof pseudonym->key, 1, "sl_pseud", salt);
}

int64_t sl_pseudonym_key(const sl_pseudonym *pseudonym, sl_pseudonym_kind kind, const char *id,
                         size_t length) {
  /* The kind goes in front, so a PersonID and an equal RequestID differ. */
  unsigned char input[SL_PSEUDONYM_MAX_ID + 1], hash[crypto_shorthash_BYTES];
  if (length > SL_PSEUDONYM_MAX_ID) length = SL_PSEUDONYM_MAX_ID; /* callers refuse longer */
  input[0] = (unsigned char)kind;
  memcpy(input + 1, id, length);
  crypto_shorthash(hash, input, length + 1, pseudonym->key);
  uint64_t key = 0;
  for (int i = 0; i < 8; i++)
    key = key << 8 | hash[i];
  return (int64_t)key;
}
