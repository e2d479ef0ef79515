{{%AUTOESCAPE context="HTML"}}
<div class="pc-form-errors" data-testid="form-errors" role="group" aria-labelledby="form-errors-title">
<p class="pc-bold" id="form-errors-title">{{#ONE}}Le formulaire contient une erreur.{{/ONE}}{{#SEVERAL}}Le formulaire contient {{ERROR_COUNT}} erreurs.{{/SEVERAL}}</p>
<ul>
{{#ITEM}}
<li>{{#LINKED}}<a href="#{{FIELD_ID}}">{{LABEL}}</a> : {{MESSAGE}}{{/LINKED}}{{#UNLINKED}}{{MESSAGE}}{{/UNLINKED}}</li>
{{/ITEM}}
</ul>
</div>
