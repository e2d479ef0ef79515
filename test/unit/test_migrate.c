/* Unit tests of the migration file listing, which needs no database. */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "migrate.h"

static char folder[] = "/tmp/test_migrate.XXXXXX";

static void
touch(const char *name)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", folder, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
}

static int
make_folder(void **state)
{
	char path[256];

	if (mkdtemp(folder) == NULL)
		return -1;
	touch("0010_later.sql");
	touch("0002_sessions.sql");
	touch("0001_permacoop_schema.sql");
	touch("README.md");
	touch("0003_backup.sql.orig");
	touch(".0004_hidden.sql");
	touch(".sql");
	snprintf(path, sizeof(path), "%s/seed.sql", folder);
	return mkdir(path, 0755);
}

static int
remove_folder(void **state)
{
	char command[300];

	snprintf(command, sizeof(command), "rm -rf '%s'", folder);
	return system(command) == 0 ? 0 : -1;
}

static void
list_keeps_sql_files_in_order(void **state)
{
	char **names;
	int count;

	count = migrate_list_files(folder, &names);
	assert_int_equal(count, 3);
	assert_string_equal(names[0], "0001_permacoop_schema.sql");
	assert_string_equal(names[1], "0002_sessions.sql");
	assert_string_equal(names[2], "0010_later.sql");
	assert_null(names[3]);
	migrate_names_free(names);
}

static void
list_missing_folder_fails(void **state)
{
	char **names;

	assert_int_equal(migrate_list_files("/nonexistent/sql", &names), -1);
	assert_null(names);
}

static void
list_repository_sql_folder(void **state)
{
	char **names;
	int count;

	/* ctest runs the tests from the source folder. */
	count = migrate_list_files("sql", &names);
	assert_true(count >= 1);
	assert_string_equal(names[0], "0001_permacoop_schema.sql");
	migrate_names_free(names);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(list_keeps_sql_files_in_order),
	    cmocka_unit_test(list_missing_folder_fails),
	    cmocka_unit_test(list_repository_sql_folder),
	};

	return cmocka_run_group_tests(tests, make_folder, remove_folder);
}
