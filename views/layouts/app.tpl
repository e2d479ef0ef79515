{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="fr"{{#THEME_SET}} data-theme="{{THEME}}"{{/THEME_SET}}>
<head>
{{>HEAD}}
</head>
<body>
<a class="pc-skip-link" href="#main">Aller au contenu principal</a>
<div class="pc-shell">
{{>HEADER}}
<div class="pc-shell__content pc-with-sidebar-desktop">
<nav class="pc-nav pc-desktop-only" aria-label="Navigation principale">
{{>NAV}}
</nav>
<main id="main" class="pc-main" tabindex="-1">
{{#FLASH}}
<div class="pc-container">
<p class="pc-flash" role="status">{{FLASH_MESSAGE}}</p>
</div>
{{/FLASH}}
{{>CONTENT}}
</main>
</div>
</div>
</body>
</html>
