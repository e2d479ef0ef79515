/* The schema migration runner behind `permacoop migrate [--seed]`. */
#ifndef PC_MIGRATE_H
#define PC_MIGRATE_H

#include <stdbool.h>

/*
 * Applies the pending ".sql" files of $PERMACOOP_SQL (default "sql") in
 * name order, each in its own transaction, and records each by file name
 * in permacoop_schema_migrations. With seed, then applies the pending
 * files of its "seed" folder the same way, recorded as "seed/<file>",
 * but only while the "user" table is empty.
 * Holds an advisory lock for the whole run so concurrent runs wait.
 * Returns 0 on success, or -1 after logging why.
 */
int migrate_run(bool seed);

/*
 * Lists the regular files of dir whose name ends in ".sql", sorted by
 * byte value. Stores a NULL-terminated array in *names, to be freed with
 * migrate_names_free. Returns the count, or -1 after logging why.
 */
int migrate_list_files(const char *dir, char ***names);
void migrate_names_free(char **names);

#endif
