{{%AUTOESCAPE context="HTML"}}
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="#343a40">
<title>{{TITLE}}</title>
<link rel="stylesheet" href="{{CSS_URL}}">
<link rel="icon" href="{{FAVICON_URL}}" type="image/svg+xml">
<script type="module" src="{{JS_URL}}"></script>
