{{%AUTOESCAPE context="HTML"}}
<div class="pc-container pc-stack pc-error-page">
<h1>Erreur {{STATUS}} : {{REASON}}</h1>
{{#MESSAGE}}
<p>{{MESSAGE_TEXT}}</p>
{{/MESSAGE}}
<p><a class="pc-btn" href="/">Retour à l'accueil</a></p>
</div>
