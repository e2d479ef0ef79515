{{%AUTOESCAPE context="HTML"}}
<div class="pc-container pc-stack">
{{>BREADCRUMB}}
<div class="pc-page-header">
<h1>Projets</h1>
<a class="pc-btn" href="/app/projects/add">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M12 5v14M5 12h14"/></svg>
Ajouter
</a>
</div>
<div class="pc-table-wrapper pc-table-wrapper--cards">
<table class="pc-table" aria-label="Liste des projets">
<thead>
<tr><th scope="col">Actif</th><th scope="col">Nom du projet</th><th scope="col">Client</th><th scope="col">Actions</th></tr>
</thead>
<tbody>
{{#ROW}}
<tr>
<td data-label="Actif">{{#ACTIVE}}<span class="pc-picto pc-picto--active">Oui</span>{{/ACTIVE}}{{#INACTIVE}}<span class="pc-picto pc-picto--disabled">Non</span>{{/INACTIVE}}</td>
<td class="pc-table__name" data-label="Nom du projet">{{NAME}}</td>
<td class="pc-table__name" data-label="Client">{{CUSTOMER}}</td>
<td class="pc-table__actions">{{>EDIT_LINK}}</td>
</tr>
{{/ROW}}
{{#EMPTY}}
<tr><td colspan="4">Aucun élément</td></tr>
{{/EMPTY}}
</tbody>
</table>
</div>
{{>PAGINATION}}
</div>
