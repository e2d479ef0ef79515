/* Request handlers that the route table of app/routes.c points to. */
#ifndef PC_HANDLERS_H
#define PC_HANDLERS_H

#include "../lib/http.h"

void auth_login_form(struct request *req, struct response *res);
void auth_login(struct request *req, struct response *res);
void auth_logout(struct request *req, struct response *res);
void home_root(struct request *req, struct response *res);
void home_index(struct request *req, struct response *res);
void home_calendar_token_renew(struct request *req, struct response *res);
void theme_toggle(struct request *req, struct response *res);
void feed_leaves_calendar(struct request *req, struct response *res);
void customers_list(struct request *req, struct response *res);
void customers_add_form(struct request *req, struct response *res);
void customers_add(struct request *req, struct response *res);
void customers_edit_form(struct request *req, struct response *res);
void customers_edit(struct request *req, struct response *res);
void projects_list(struct request *req, struct response *res);
void projects_add_form(struct request *req, struct response *res);
void projects_add(struct request *req, struct response *res);
void projects_edit_form(struct request *req, struct response *res);
void projects_edit(struct request *req, struct response *res);
void tasks_list(struct request *req, struct response *res);
void tasks_add_form(struct request *req, struct response *res);
void tasks_add(struct request *req, struct response *res);
void tasks_edit_form(struct request *req, struct response *res);
void tasks_edit(struct request *req, struct response *res);

#endif
