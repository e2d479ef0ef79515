{{%AUTOESCAPE context="HTML"}}
<div class="pc-container pc-stack">
<nav class="pc-breadcrumb" aria-label="Fil d'Ariane">
<ol class="pc-raw-list pc-cluster">
<li>
<svg class="pc-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><path d="M3 11l9-8 9 8M5 9.5V21h5v-6h4v6h5V9.5"/></svg>
Permacoop
</li>
</ol>
</nav>
<h1>Bonjour, {{FULL_NAME}} !</h1>
{{#PENDING_LEAVES_CARD}}
<section class="pc-card pc-box pc-stack" aria-labelledby="pending-leaves-title">
<h2 id="pending-leaves-title">Demandes de congés</h2>
<p>{{PENDING_LEAVES}}</p>
{{#HAS_PENDING_LEAVES}}
<p><a class="pc-btn" href="/app/people/leave_requests">Voir les demandes de congés</a></p>
{{/HAS_PENDING_LEAVES}}
</section>
{{/PENDING_LEAVES_CARD}}
{{#CALENDAR}}
<section class="pc-card pc-box pc-stack" aria-labelledby="calendar-title">
<h2 id="calendar-title">Calendrier des congés</h2>
<p>Ce lien personnel vous permet de vous abonner aux congés de l'équipe dans une application de calendrier (Thunderbird, Outlook, Google Agenda, Apple Calendrier).</p>
<div class="pc-input-group">
<label for="calendar-url">Lien d'abonnement au calendrier</label>
<input type="text" id="calendar-url" value="{{CALENDAR_URL}}" readonly>
</div>
<div class="pc-cluster">
<button type="button" class="pc-btn pc-btn--secondary pc-js-only" data-copy="calendar-url" hidden>Copier</button>
<form method="post" action="/app/calendar-token/renew" data-confirm="Renouveler le lien ? L'ancien lien ne fonctionnera plus.">
<input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
<button type="submit" class="pc-btn pc-btn--muted">Renouveler le lien</button>
</form>
</div>
</section>
{{/CALENDAR}}
</div>
