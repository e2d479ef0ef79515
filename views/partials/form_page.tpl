{{%AUTOESCAPE context="HTML"}}
<div class="pc-container pc-stack">
{{>BREADCRUMB}}
<h1>{{TITLE}}</h1>
<form class="pc-card pc-box pc-stack" method="post">
{{>ERROR_SUMMARY}}
<input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
{{>FIELDS}}
<div class="pc-form-actions">
<button class="pc-btn" type="submit">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M5 4h11l3 3v13H5zM8 4v5h7V4M8 20v-6h8v6"/></svg>
Enregistrer
</button>
</div>
</form>
</div>
