{{%AUTOESCAPE context="HTML"}}
<a class="pc-btn pc-btn--secondary" href="{{URL}}" title="Modifier" aria-label="Modifier « {{NAME}} »">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4"/></svg>
</a>
