{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="fr"{{#THEME_SET}} data-theme="{{THEME}}"{{/THEME_SET}}>
<head>
{{>HEAD}}
</head>
<body>
<div class="pc-shell">
<main id="main" class="pc-shell__content pc-main pc-main--blank">
{{#FLASH}}
<div class="pc-container">
<p class="pc-flash" role="status">{{FLASH_MESSAGE}}</p>
</div>
{{/FLASH}}
{{>CONTENT}}
</main>
</div>
</body>
</html>
