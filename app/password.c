/* Password verification and hashing with libargon2. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <argon2.h>
#include <openssl/rand.h>

#include "log.h"
#include "password.h"

#define PREFIX_ARGON2I  "$argon2i$"
#define PREFIX_ARGON2ID "$argon2id$"

bool
password_verify(const char *hash, const char *password)
{
	argon2_type type;

	if (hash == NULL || password == NULL)
		return false;
	if (strncmp(hash, PREFIX_ARGON2ID, strlen(PREFIX_ARGON2ID)) == 0)
		type = Argon2_id;
	else if (strncmp(hash, PREFIX_ARGON2I, strlen(PREFIX_ARGON2I)) == 0)
		type = Argon2_i;
	else
		return false;

	return argon2_verify(hash, password, strlen(password), type) ==
	    ARGON2_OK;
}

char *
password_hash(const char *password)
{
	unsigned char salt[PASSWORD_SALT_LEN];
	size_t len;
	char *encoded;
	int rc;

	if (RAND_bytes(salt, sizeof(salt)) != 1) {
		log_error("password: RAND_bytes failed, no salt generated");
		return NULL;
	}
	len = argon2_encodedlen(PASSWORD_T_COST, PASSWORD_M_COST,
	    PASSWORD_PARALLELISM, PASSWORD_SALT_LEN, PASSWORD_TAG_LEN,
	    Argon2_id);
	if ((encoded = malloc(len)) == NULL)
		return NULL;
	rc = argon2id_hash_encoded(PASSWORD_T_COST, PASSWORD_M_COST,
	    PASSWORD_PARALLELISM, password, strlen(password), salt,
	    sizeof(salt), PASSWORD_TAG_LEN, encoded, len);
	if (rc != ARGON2_OK) {
		log_error("password: argon2id hashing failed: %s",
		    argon2_error_message(rc));
		free(encoded);
		return NULL;
	}
	return encoded;
}

bool
password_needs_rehash(const char *hash)
{
	unsigned version, m_cost, t_cost, parallelism;
	int end = 0;

	if (hash == NULL)
		return true;
	if (sscanf(hash, "$argon2id$v=%u$m=%u,t=%u,p=%u$%n", &version, &m_cost,
	        &t_cost, &parallelism, &end) != 4 ||
	    end == 0)
		return true;
	return version != ARGON2_VERSION_13 || m_cost < PASSWORD_M_COST ||
	    t_cost < PASSWORD_T_COST;
}

void
password_dummy_verify(const char *password)
{
	static const unsigned char salt[PASSWORD_SALT_LEN];
	unsigned char tag[PASSWORD_TAG_LEN];

	argon2id_hash_raw(PASSWORD_T_COST, PASSWORD_M_COST,
	    PASSWORD_PARALLELISM, password, strlen(password), salt,
	    sizeof(salt), tag, sizeof(tag));
}
