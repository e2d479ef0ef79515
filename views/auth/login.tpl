{{%AUTOESCAPE context="HTML"}}
<div class="pc-login">
<form class="pc-card pc-box pc-stack pc-login__form" method="post" action="{{FORM_ACTION}}">
<input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
<div class="pc-login__brand">
<img src="{{LOGO_URL}}" alt="" width="48" height="48">
<h1>Permacoop</h1>
</div>
<h2 class="pc-text--center">Connexion</h2>
{{#ERRORS}}
<div class="pc-form-errors" data-testid="form-errors" role="alert">
<p class="pc-bold">Erreur</p>
<p>{{ERROR_MESSAGE}}</p>
</div>
{{/ERRORS}}
<div class="pc-input-group">
<label class="required" for="email">Adresse email</label>
<input id="email" name="email" type="email" value="{{EMAIL}}" autocomplete="username" required>
</div>
<div class="pc-input-group">
<label class="required" for="password">Mot de passe</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
</div>
<button class="pc-btn pc-btn--block" type="submit">
Se connecter
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M5 12h14M13 6l6 6-6 6"/></svg>
</button>
</form>
</div>
