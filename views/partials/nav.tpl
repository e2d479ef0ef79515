{{%AUTOESCAPE context="HTML"}}
<ul class="pc-nav__list pc-raw-list">
<li class="pc-nav-entry">
<a class="pc-link-btn" href="/app"{{#NAV_HOME}} aria-current="page"{{/NAV_HOME}}>
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M3 11l9-8 9 8M5 9.5V21h5v-6h4v6h5V9.5"/></svg>
Tableau de bord
</a>
</li>
{{#MENU_FAIRCALENDAR}}
<li class="pc-nav-entry">
<a class="pc-link-btn" href="/app/faircalendar"{{#NAV_FAIRCALENDAR}} aria-current="page"{{/NAV_FAIRCALENDAR}}>
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/></svg>
FairCalendar
</a>
</li>
{{/MENU_FAIRCALENDAR}}
{{#MENU_CRM}}
<li class="pc-nav-entry pc-nav-group{{#NAV_CRM}} active{{/NAV_CRM}}">
<details open>
<summary class="pc-nav-group__summary">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><rect x="3" y="7" width="18" height="13" rx="2"/><path d="M9 7V5a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v2M3 13h18"/></svg>
FairCRM
<svg class="pc-icon pc-nav-group__chevron" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M6 9l6 6 6-6"/></svg>
</summary>
<ul class="pc-nav__sublist pc-raw-list">
<li><a class="pc-link-btn" href="/app/customers"{{#NAV_CUSTOMERS}} aria-current="page"{{/NAV_CUSTOMERS}}>Clients</a></li>
<li><a class="pc-link-btn" href="/app/projects"{{#NAV_PROJECTS}} aria-current="page"{{/NAV_PROJECTS}}>Projets</a></li>
<li><a class="pc-link-btn" href="/app/tasks"{{#NAV_TASKS}} aria-current="page"{{/NAV_TASKS}}>Missions</a></li>
</ul>
</details>
</li>
{{/MENU_CRM}}
<li class="pc-nav-entry pc-nav-group{{#NAV_PEOPLE}} active{{/NAV_PEOPLE}}">
<details open>
<summary class="pc-nav-group__summary">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><circle cx="9" cy="8" r="3"/><path d="M3 20a6 6 0 0 1 12 0M15.5 5.3a3 3 0 0 1 0 5.4M18 14.5a6 6 0 0 1 3 5.5"/></svg>
FairRH
<svg class="pc-icon pc-nav-group__chevron" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M6 9l6 6 6-6"/></svg>
</summary>
<ul class="pc-nav__sublist pc-raw-list">
<li><a class="pc-link-btn" href="/app/people/leave_requests"{{#NAV_LEAVES}} aria-current="page"{{/NAV_LEAVES}}>Congés</a></li>
<li><a class="pc-link-btn" href="/app/people/payroll_elements"{{#NAV_PAYROLL}} aria-current="page"{{/NAV_PAYROLL}}>Éléments de paie</a></li>
<li><a class="pc-link-btn" href="/app/people/meal_tickets"{{#NAV_MEAL_TICKETS}} aria-current="page"{{/NAV_MEAL_TICKETS}}>Tickets resto</a></li>
<li><a class="pc-link-btn" href="/app/people/users"{{#NAV_USERS}} aria-current="page"{{/NAV_USERS}}>Coopérateur·ices et salarié·es</a></li>
</ul>
</details>
</li>
</ul>
