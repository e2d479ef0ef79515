/* The route table: Permacoop's paths and route names, in matching order. */
#include <stddef.h>

#include "app.h"
#include "handlers.h"

const struct route app_routes[] = {
    /* Anonymous visitors reach these. The "/" handler redirects both
	 * anonymous and signed-in visitors itself. */
    {"GET", "/", "index", home_root, ROUTE_PUBLIC},
    {"GET", "/login", "login", auth_login_form, ROUTE_PUBLIC},
    {"POST", "/login", "login", auth_login, ROUTE_PUBLIC | ROUTE_NO_CSRF},
    {"POST", "/logout", "logout", auth_logout, ROUTE_PUBLIC | ROUTE_NO_CSRF},
    {"POST", "/theme", "theme", theme_toggle, ROUTE_PUBLIC},
    /* The feed checks its token parameter instead of a session. */
    {"GET", "/api/leaves/calendar.ics", "people_leaves_calendar",
        feed_leaves_calendar, ROUTE_PUBLIC},

    {"GET", "/app", "home", home_index, 0},
    {"POST", "/app/calendar-token/renew", "home_calendar_token_renew",
        home_calendar_token_renew, 0},

    {"GET", "/app/customers", "crm_customers_list", customers_list, 0},
    {"GET", "/app/customers/add", "crm_customers_add", customers_add_form, 0},
    {"POST", "/app/customers/add", "crm_customers_add", customers_add, 0},
    {"GET", "/app/customers/edit/:id", "crm_customers_edit",
        customers_edit_form, 0},
    {"POST", "/app/customers/edit/:id", "crm_customers_edit", customers_edit,
        0},

    {"GET", "/app/projects", "crm_projects_list", projects_list, 0},
    {"GET", "/app/projects/add", "crm_projects_add", projects_add_form, 0},
    {"POST", "/app/projects/add", "crm_projects_add", projects_add, 0},
    {"GET", "/app/projects/edit/:id", "crm_projects_edit", projects_edit_form,
        0},
    {"POST", "/app/projects/edit/:id", "crm_projects_edit", projects_edit, 0},

    {"GET", "/app/tasks", "crm_tasks_list", tasks_list, 0},
    {"GET", "/app/tasks/add", "crm_tasks_add", tasks_add_form, 0},
    {"POST", "/app/tasks/add", "crm_tasks_add", tasks_add, 0},
    {"GET", "/app/tasks/edit/:id", "crm_tasks_edit", tasks_edit_form, 0},
    {"POST", "/app/tasks/edit/:id", "crm_tasks_edit", tasks_edit, 0},
};

const size_t app_route_count = sizeof(app_routes) / sizeof(app_routes[0]);
