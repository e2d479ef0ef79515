{{%AUTOESCAPE context="HTML"}}
<div class="pc-input-group">
<label for="{{NAME}}"{{#REQUIRED}} class="required"{{/REQUIRED}}>{{LABEL}}</label>
{{#ERROR}}<p class="pc-field-error" id="{{ERROR_ID}}">{{MESSAGE}}</p>{{/ERROR}}
<input type="text" id="{{NAME}}" name="{{NAME}}" value="{{VALUE}}"{{#MAXLENGTH}} maxlength="{{MAX_CHARS}}"{{/MAXLENGTH}}{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true" aria-describedby="{{ERROR_ID}}"{{/INVALID}}>
</div>
