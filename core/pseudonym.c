/*
 * pseudonym.c: keyed hashing through libsodium. We use vetted primitives
 * rather than writing our own: the point is that nobody can recover a
 * child's identifier from the database without the salt.
 */
#include "pseudonym.h"

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
  for (int kind = 0; kind < SL_PSEUDONYM_KINDS; kind++)
    crypto_kdf_derive_from_key(pseudonym->keys[kind], sizeof pseudonym->keys[kind],
                               (uint64_t)kind + 1, "sl_pseud", salt);
}

int64_t sl_pseudonym_key(const sl_pseudonym *pseudonym, sl_pseudonym_kind kind, const char *id,
                         size_t length) {
  unsigned char hash[crypto_shorthash_BYTES];
  crypto_shorthash(hash, (const unsigned char *)id, length, pseudonym->keys[kind]);
  uint64_t key = 0;
  for (int i = 0; i < 8; i++)
    key = key << 8 | hash[i];
  return (int64_t)key;
}
