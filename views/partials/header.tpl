{{%AUTOESCAPE context="HTML"}}
<header class="pc-header">
<details class="pc-mobile-menu pc-mobile-only">
<summary class="pc-btn pc-btn--muted pc-btn--circle" title="Menu principal">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M4 6h16M4 12h16M4 18h16"/></svg>
<span class="pc-visually-hidden">Menu principal</span>
</summary>
<nav class="pc-nav pc-mobile-menu__panel" aria-label="Navigation principale">
{{>NAV}}
</nav>
</details>
<a class="pc-brand" href="/app">
<img class="pc-brand__logo" src="{{LOGO_URL}}" alt="" width="32" height="32">
<span>Permacoop</span>
</a>
<div class="pc-header__actions">
<form class="pc-theme-form" method="post" action="/theme">
<input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
<input type="hidden" name="next" value="{{CURRENT_PATH}}">
<button class="pc-btn pc-btn--muted pc-btn--circle pc-theme-form__dark" type="submit" name="theme" value="dark" title="Activer le thème sombre">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z"/></svg>
<span class="pc-visually-hidden">Activer le thème sombre</span>
</button>
<button class="pc-btn pc-btn--muted pc-btn--circle pc-theme-form__light" type="submit" name="theme" value="light" title="Activer le thème clair">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><circle cx="12" cy="12" r="4"/><path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4"/></svg>
<span class="pc-visually-hidden">Activer le thème clair</span>
</button>
</form>
<details class="pc-dropdown" title="Voir plus d'actions">
<summary class="pc-btn pc-btn--circle pc-avatar">
<span aria-hidden="true">{{USER_INITIAL}}</span>
<span class="pc-visually-hidden">Voir plus d'actions</span>
</summary>
<ul class="pc-dropdown__menu pc-raw-list">
<li>
<a class="pc-dropdown__item" href="/app/profile/edit">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><circle cx="12" cy="8" r="4"/><path d="M4 21a8 8 0 0 1 16 0"/></svg>
Mon compte
</a>
</li>
<li>
<form method="post" action="/logout">
<input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
<button class="pc-dropdown__item" type="submit">
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M9 4H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h3M16 16l4-4-4-4M20 12H9"/></svg>
Se déconnecter
</button>
</form>
</li>
</ul>
</details>
</div>
</header>
