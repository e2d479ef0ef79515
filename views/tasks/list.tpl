{{%AUTOESCAPE context="HTML"}}
<div class="pc-container pc-stack">
{{>BREADCRUMB}}
<div class="pc-page-header">
<h1>Missions</h1>
<a class="pc-btn" href="/app/tasks/add">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M12 5v14M5 12h14"/></svg>
Ajouter
</a>
</div>
<div class="pc-table-wrapper pc-table-wrapper--cards">
<table class="pc-table" aria-label="Liste des missions">
<thead>
<tr><th scope="col">Nom de la mission</th><th scope="col">Actions</th></tr>
</thead>
<tbody>
{{#ROW}}
<tr><td class="pc-table__name" data-label="Nom de la mission">{{NAME}}</td><td class="pc-table__actions">{{>EDIT_LINK}}</td></tr>
{{/ROW}}
{{#EMPTY}}
<tr><td colspan="2">Aucun élément</td></tr>
{{/EMPTY}}
</tbody>
</table>
</div>
{{>PAGINATION}}
</div>
