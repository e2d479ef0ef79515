{{%AUTOESCAPE context="HTML"}}
<nav class="pc-pagination" aria-label="Pagination">
<ul class="pc-raw-list pc-cluster">
<li>
{{#PREVIOUS}}
<a class="pc-btn pc-btn--secondary pc-btn--circle" href="{{PREVIOUS_URL}}" title="Page précédente">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M15 6l-6 6 6 6"/></svg>
<span class="pc-visually-hidden">Page précédente</span>
</a>
{{/PREVIOUS}}
{{#PREVIOUS_DISABLED}}
<span class="pc-btn pc-btn--muted pc-btn--circle pc-btn--disabled" title="Page précédente">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M15 6l-6 6 6 6"/></svg>
<span class="pc-visually-hidden">Pas de page précédente</span>
</span>
{{/PREVIOUS_DISABLED}}
</li>
{{#LINK}}
<li>
{{#CURRENT}}<a class="pc-btn pc-btn--secondary pc-btn--circle" href="{{PAGE_URL}}" aria-current="page"><span class="pc-visually-hidden">Page </span>{{PAGE_NUMBER}}</a>{{/CURRENT}}
{{#OTHER}}<a class="pc-btn pc-btn--secondary pc-btn--circle" href="{{PAGE_URL}}"><span class="pc-visually-hidden">Page </span>{{PAGE_NUMBER}}</a>{{/OTHER}}
{{#ELLIPSIS}}<span class="pc-pagination__gap" aria-hidden="true">…</span>{{/ELLIPSIS}}
</li>
{{/LINK}}
<li>
{{#NEXT}}
<a class="pc-btn pc-btn--secondary pc-btn--circle" href="{{NEXT_URL}}" title="Page suivante">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M9 6l6 6-6 6"/></svg>
<span class="pc-visually-hidden">Page suivante</span>
</a>
{{/NEXT}}
{{#NEXT_DISABLED}}
<span class="pc-btn pc-btn--muted pc-btn--circle pc-btn--disabled" title="Page suivante">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M9 6l6 6-6 6"/></svg>
<span class="pc-visually-hidden">Pas de page suivante</span>
</span>
{{/NEXT_DISABLED}}
</li>
</ul>
</nav>
