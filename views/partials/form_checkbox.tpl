{{%AUTOESCAPE context="HTML"}}
<div class="pc-stack pc-stack--small">
{{#ERROR}}<p class="pc-field-error" id="{{ERROR_ID}}">{{MESSAGE}}</p>{{/ERROR}}
<label class="pc-checkbox" for="{{NAME}}"><input type="checkbox" id="{{NAME}}" name="{{NAME}}" value="true"{{#CHECKED}} checked{{/CHECKED}}{{#INVALID}} aria-invalid="true" aria-describedby="{{ERROR_ID}}"{{/INVALID}}> {{LABEL}}</label>
</div>
