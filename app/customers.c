/* FairCRM customers: list, add and edit pages. */
#include "crm.h"
#include "handlers.h"

static struct db_statement sql_count = {
    .name = "customers_count",
    .sql = "SELECT count(*) FROM customer",
    .param_count = 0,
};

static struct db_statement sql_page = {
    .name = "customers_page",
    .sql = "SELECT id, name\n"
           "FROM customer\n"
           "ORDER BY name, id\n"
           "LIMIT $1 OFFSET $2",
    .param_count = 2,
};

static struct db_statement sql_find = {
    .name = "customers_find",
    .sql = "SELECT name FROM customer WHERE id = $1",
    .param_count = 1,
};

/* Names are compared in NFKC, lowercased ("Ｚｏｏ" is "zoo"), and stored
 * in NFC. TODO: names stored before with runs of spaces (by Permacoop)
 * still differ from their collapsed form in this comparison. */
static struct db_statement sql_insert = {
    .name = "customers_insert",
    .sql = "INSERT INTO customer (name)\n"
           "SELECT normalize($1::text, NFC)\n"
           "WHERE NOT EXISTS (\n"
           "    SELECT 1 FROM customer\n"
           "    WHERE lower(normalize(name, NFKC)) =\n"
           "        lower(normalize($1, NFKC)))\n"
           "RETURNING id",
    .param_count = 1,
};

/* A change of case only ("acme" to "ACME") is allowed: the record's own
 * name is left out of the check. */
static struct db_statement sql_update = {
    .name = "customers_update",
    .sql = "UPDATE customer SET name = normalize($2::text, NFC)\n"
           "WHERE id = $1 AND NOT EXISTS (\n"
           "    SELECT 1 FROM customer\n"
           "    WHERE lower(normalize(name, NFKC)) =\n"
           "        lower(normalize($2, NFKC))\n"
           "    AND id <> $1)\n"
           "RETURNING id",
    .param_count = 2,
};

static const struct crm_named customers = {
    .table = "customer",
    .list_path = "/app/customers",
    .list_title = "Clients",
    .list_template = "customers/list.tpl",
    .add_title = "Ajouter un client",
    .edit_title = "Édition du client \"%s\"",
    .name_label = "Nom du client",
    .taken_message = "Un client porte déjà ce nom.",
    .created_message = "Le client a été ajouté.",
    .updated_message = "Le client a été modifié.",
    .count = &sql_count,
    .page = &sql_page,
    .find = &sql_find,
    .insert = &sql_insert,
    .update = &sql_update,
};

void
customers_list(struct request *req, struct response *res)
{
	crm_named_list(&customers, req, res);
}

void
customers_add_form(struct request *req, struct response *res)
{
	crm_named_add_form(&customers, req, res);
}

void
customers_add(struct request *req, struct response *res)
{
	crm_named_add(&customers, req, res);
}

void
customers_edit_form(struct request *req, struct response *res)
{
	crm_named_edit_form(&customers, req, res);
}

void
customers_edit(struct request *req, struct response *res)
{
	crm_named_edit(&customers, req, res);
}
