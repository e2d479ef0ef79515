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
<h1>Bonjour, {{FULL_NAME}} !</h1>
<section class="pc-card pc-box pc-stack" aria-labelledby="pending-leaves-title">
<h2 id="pending-leaves-title">Demandes de congés</h2>
<p>{{PENDING_LEAVES}}</p>
{{#HAS_PENDING_LEAVES}}
<p><a class="pc-btn" href="/app/people/leave_requests">Voir les demandes de congés</a></p>
{{/HAS_PENDING_LEAVES}}
</section>
</div>
