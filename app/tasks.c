/* FairCRM tasks ("missions" in the interface): list, add and edit pages. */
#include "crm.h"
#include "handlers.h"

static struct db_statement sql_count = {
    .name = "tasks_count",
    .sql = "SELECT count(*) FROM task",
    .param_count = 0,
};

static struct db_statement sql_page = {
    .name = "tasks_page",
    .sql = "SELECT id, name\n"
           "FROM task\n"
           "ORDER BY name, id\n"
           "LIMIT $1 OFFSET $2",
    .param_count = 2,
};

static struct db_statement sql_find = {
    .name = "tasks_find",
    .sql = "SELECT name FROM task WHERE id = $1",
    .param_count = 1,
};

/* Names are compared in NFKC, lowercased ("Ｚｏｏ" is "zoo"), and stored
 * in NFC. */
static struct db_statement sql_insert = {
    .name = "tasks_insert",
    .sql = "INSERT INTO task (name)\n"
           "SELECT normalize($1::text, NFC)\n"
           "WHERE NOT EXISTS (\n"
           "    SELECT 1 FROM task\n"
           "    WHERE lower(normalize(name, NFKC)) =\n"
           "        lower(normalize($1, NFKC)))\n"
           "RETURNING id",
    .param_count = 1,
};

/* A change of case only ("acme" to "ACME") is allowed: the record's own
 * name is left out of the check. */
static struct db_statement sql_update = {
    .name = "tasks_update",
    .sql = "UPDATE task SET name = normalize($2::text, NFC)\n"
           "WHERE id = $1 AND NOT EXISTS (\n"
           "    SELECT 1 FROM task\n"
           "    WHERE lower(normalize(name, NFKC)) =\n"
           "        lower(normalize($2, NFKC))\n"
           "    AND id <> $1)\n"
           "RETURNING id",
    .param_count = 2,
};

static const struct crm_named tasks = {
    .table = "task",
    .list_path = "/app/tasks",
    .list_title = "Missions",
    .list_template = "tasks/list.tpl",
    .add_title = "Ajouter une mission",
    .edit_title = "Édition de la mission \"%s\"",
    .name_label = "Nom de la mission",
    .taken_message = "Une mission porte déjà ce nom.",
    .created_message = "La mission a été ajoutée.",
    .updated_message = "La mission a été modifiée.",
    .count = &sql_count,
    .page = &sql_page,
    .find = &sql_find,
    .insert = &sql_insert,
    .update = &sql_update,
};

void
tasks_list(struct request *req, struct response *res)
{
	crm_named_list(&tasks, req, res);
}

void
tasks_add_form(struct request *req, struct response *res)
{
	crm_named_add_form(&tasks, req, res);
}

void
tasks_add(struct request *req, struct response *res)
{
	crm_named_add(&tasks, req, res);
}

void
tasks_edit_form(struct request *req, struct response *res)
{
	crm_named_edit_form(&tasks, req, res);
}

void
tasks_edit(struct request *req, struct response *res)
{
	crm_named_edit(&tasks, req, res);
}
