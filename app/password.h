/* Password hashing with argon2: verification of stored PHC strings and
 * new argon2id hashes with the OWASP parameters. */
#ifndef PC_PASSWORD_H
#define PC_PASSWORD_H

#include <stdbool.h>

/* Parameters of new hashes: memory in KiB, passes, lanes, bytes. */
#define PASSWORD_M_COST      19456
#define PASSWORD_T_COST      2
#define PASSWORD_PARALLELISM 1
#define PASSWORD_SALT_LEN    16
#define PASSWORD_TAG_LEN     32

/*
 * Returns true when password matches hash, a PHC string of argon2i or
 * argon2id ("$argon2id$v=19$m=...,t=...,p=...$salt$tag"). Any other
 * variant, and a malformed string, never match.
 */
bool password_verify(const char *hash, const char *password);

/* Hashes password as argon2id with the parameters above and a random
 * salt. Returns the PHC string to free, or NULL on failure (logged). */
char *password_hash(const char *password);

/* Returns true when hash is not argon2id v=19 with at least the memory
 * and passes above, so a successful login should store a new hash. */
bool password_needs_rehash(const char *hash);

/* Hashes password and discards the result, for unknown e-mails, so the
 * response time does not tell which accounts exist. */
void password_dummy_verify(const char *password);

#endif
