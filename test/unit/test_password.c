/* Unit tests of password verification, hashing and the rehash rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "password.h"

/* Permacoop's demo accounts store this argon2i hash of "john". */
static const char seed_hash[] =
    "$argon2i$v=19$m=4096,t=3,p=1$slHh/xhoh8SvIjApBHSZnA$"
    "hqsry11DeWbNYsFnzADPkYOP2WQrf0yqDXGC3xjSX9A";

static void
verify_seed_argon2i(void **state)
{
	assert_true(password_verify(seed_hash, "john"));
}

static void
verify_rejects_wrong_password(void **state)
{
	assert_false(password_verify(seed_hash, "John"));
	assert_false(password_verify(seed_hash, "john "));
	assert_false(password_verify(seed_hash, ""));
}

static void
verify_rejects_malformed_hash(void **state)
{
	assert_false(password_verify("", "john"));
	assert_false(password_verify(NULL, "john"));
	assert_false(password_verify("john", "john"));
	assert_false(password_verify("$argon2i$v=19$m=4096,t=3,p=1$", "john"));
	/* The same salt and tag under another variant. */
	assert_false(password_verify(
	    "$argon2id$v=19$m=4096,t=3,p=1$slHh/xhoh8SvIjApBHSZnA$"
	    "hqsry11DeWbNYsFnzADPkYOP2WQrf0yqDXGC3xjSX9A",
	    "john"));
}

static void
hash_argon2id_round_trip(void **state)
{
	char *hash, *other;

	hash = password_hash("correct horse battery staple");
	assert_non_null(hash);
	assert_true(strncmp(hash, "$argon2id$v=19$m=19456,t=2,p=1$",
	                strlen("$argon2id$v=19$m=19456,t=2,p=1$")) == 0);
	assert_true(password_verify(hash, "correct horse battery staple"));
	assert_false(password_verify(hash, "correct horse battery stapler"));

	other = password_hash("correct horse battery staple");
	assert_non_null(other);
	assert_string_not_equal(hash, other); /* a new salt each time */
	free(hash);
	free(other);
}

static void
hash_non_ascii_password(void **state)
{
	char *hash;

	hash = password_hash("mot de passe été");
	assert_non_null(hash);
	assert_true(password_verify(hash, "mot de passe été"));
	assert_false(password_verify(hash, "mot de passe ete"));
	free(hash);
}

static void
rehash_decision(void **state)
{
	char *hash;

	assert_true(password_needs_rehash(seed_hash));
	assert_true(password_needs_rehash(
	    "$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0$aGFzaA"));
	assert_true(password_needs_rehash(
	    "$argon2id$v=19$m=19456,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaA"));
	assert_true(password_needs_rehash(
	    "$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA"));
	assert_true(password_needs_rehash(""));
	assert_true(password_needs_rehash(NULL));
	assert_false(password_needs_rehash(
	    "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$aGFzaA"));

	hash = password_hash("john");
	assert_non_null(hash);
	assert_false(password_needs_rehash(hash));
	free(hash);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(verify_seed_argon2i),
	    cmocka_unit_test(verify_rejects_wrong_password),
	    cmocka_unit_test(verify_rejects_malformed_hash),
	    cmocka_unit_test(hash_argon2id_round_trip),
	    cmocka_unit_test(hash_non_ascii_password),
	    cmocka_unit_test(rehash_decision),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
