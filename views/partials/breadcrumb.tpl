{{%AUTOESCAPE context="HTML"}}
<nav class="pc-breadcrumb" aria-label="Fil d'Ariane">
<ol class="pc-raw-list pc-cluster">
<li>
<a href="/">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M3 11l9-8 9 8M5 9.5V21h5v-6h4v6h5V9.5"/></svg>
Permacoop
</a>
</li>
{{#CRUMB}}
<li>
{{#CRUMB_LINK}}<a href="{{CRUMB_HREF}}">{{CRUMB_LABEL}}</a>{{/CRUMB_LINK}}
{{#CRUMB_CURRENT}}<span aria-current="page">{{CRUMB_LABEL}}</span>{{/CRUMB_CURRENT}}
</li>
{{/CRUMB}}
</ol>
</nav>
