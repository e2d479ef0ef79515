{{%AUTOESCAPE context="HTML"}}
<div class="pc-select-group">
<label for="{{NAME}}"{{#REQUIRED}} class="required"{{/REQUIRED}}>{{LABEL}}</label>
{{#ERROR}}<p class="pc-field-error" id="{{ERROR_ID}}">{{MESSAGE}}</p>{{/ERROR}}
<select id="{{NAME}}" name="{{NAME}}"{{#INVALID}} aria-invalid="true" aria-describedby="{{ERROR_ID}}"{{/INVALID}}>
{{#OPTION}}<option value="{{OPTION_VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{OPTION_LABEL}}</option>
{{/OPTION}}</select>
</div>
