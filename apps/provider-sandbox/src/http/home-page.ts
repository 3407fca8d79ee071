import { magicNumberDocs } from '../domain/magic-numbers';
import type { SandboxCall, SandboxMessage } from '../domain/twilio-resources';
import type { CapturedEmail } from '../sandbox-store';

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const time = (date: Date | null) =>
  date
    ? date.toLocaleString('fr-FR', {
        timeZone: 'Europe/Paris',
        dateStyle: 'short',
        timeStyle: 'medium',
      })
    : '—';

const DIRECTION_FR: Record<string, string> = {
  inbound: 'reçu',
  'outbound-api': 'envoyé',
  'outbound-reply': 'réponse',
};

function messagesTable(messages: SandboxMessage[]): string {
  if (messages.length === 0) return '<p class="empty">Aucun SMS pour l’instant.</p>';
  const rows = messages
    .map(
      (m) => `<tr><td>${time(m.dateCreated)}</td><td>${escapeHtml(DIRECTION_FR[m.direction] ?? m.direction)}</td>
<td>${escapeHtml(m.from)}</td><td>${escapeHtml(m.to)}</td><td class="body">${escapeHtml(m.body)}</td>
<td>${m.numSegments}</td><td class="status ${escapeHtml(m.status)}">${escapeHtml(m.status)}${
        m.errorCode ? ` (${m.errorCode})` : ''
      }</td><td><code>${escapeHtml(m.sid)}</code></td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>Date</th><th>Sens</th><th>De</th><th>À</th><th>Texte</th><th>Parties</th><th>Statut</th><th>Identifiant</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function callsTable(calls: SandboxCall[]): string {
  if (calls.length === 0) return '<p class="empty">Aucun appel pour l’instant.</p>';
  const rows = calls
    .map(
      (c) => `<tr><td>${time(c.dateCreated)}</td><td>${escapeHtml(c.from)}</td><td>${escapeHtml(c.to)}</td>
<td class="status ${escapeHtml(c.status)}">${escapeHtml(c.status)}</td><td>${escapeHtml(c.answeredBy ?? '—')}</td>
<td>${c.durationSeconds ?? '—'}</td><td class="body"><pre>${escapeHtml(c.twiml ?? c.url ?? '')}</pre></td><td><code>${escapeHtml(c.sid)}</code></td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>Date</th><th>De</th><th>À</th><th>Statut</th><th>Répondu par</th><th>Durée (s)</th><th>TwiML</th><th>Identifiant</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function emailsTable(emails: CapturedEmail[]): string {
  if (emails.length === 0) return '<p class="empty">Aucun courriel pour l’instant.</p>';
  const rows = emails
    .map(
      (e) => `<tr><td>${time(e.receivedAt)}</td><td>${escapeHtml(e.from)}</td><td>${escapeHtml(e.to.join(', '))}</td>
<td>${escapeHtml(e.subject)}</td><td>${
        /multipart\/alternative|text\/html/i.test(e.headers['content-type'] ?? '')
          ? `<a href="/sandbox/emails/${e.id}/html" target="_blank">voir le HTML</a> · `
          : ''
      }<a href="/sandbox/emails/${e.id}/text" target="_blank">texte</a></td><td><code>${escapeHtml(e.messageId)}</code></td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>Reçu</th><th>De</th><th>À</th><th>Objet</th><th>Contenu</th><th>Message-ID</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function magicNumbersList(): string {
  const items = magicNumberDocs
    .map((d) => `<tr><td>…${d.suffix}</td><td>${escapeHtml(d.channel)}</td><td>${escapeHtml(d.effect)}</td></tr>`)
    .join('\n');
  return `<table><thead><tr><th>Numéro finissant par</th><th>Canal</th><th>Effet</th></tr></thead><tbody>${items}</tbody></table>
<p>Tout autre numéro E.164 : SMS « queued » → « sent » → « delivered » ; appel « initiated » → « ringing » → « in-progress » → « completed ».
Un SMS entrant « STOP » (ou STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, ARRET) désabonne l’expéditeur : tout envoi vers lui échoue ensuite avec l’erreur 21610, comme chez Twilio ; « START » le réabonne.</p>`;
}

export interface HomePageData {
  twilioUrl: string;
  smtpPort: number;
  messages: SandboxMessage[];
  calls: SandboxCall[];
  emails: CapturedEmail[];
}

/** The page people open to see what Unisson "sent". Newest first, refreshed every 3 seconds. */
export function renderHomePage(data: HomePageData): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<script>setInterval(function(){var a=document.activeElement;if(!a||a.tagName!=='INPUT')location.reload()},3000)</script>
<title>Unisson · bac à sable des fournisseurs</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse;width:100%;margin-bottom:1rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}th{background:#f0f0f5}
td.body{max-width:32rem;white-space:pre-wrap}pre{margin:0;white-space:pre-wrap}.empty{color:#666}
.status.delivered,.status.completed{color:#18753c}.status.failed,.status.undelivered,.status.busy,.status.no-answer{color:#ce0500}
</style></head><body>
<h1>Bac à sable des fournisseurs</h1>
<p>Rien ne sort de cette machine : les SMS et appels (API compatible Twilio sur <code>${escapeHtml(data.twilioUrl)}</code>)
et les courriels (SMTP sur le port <code>${data.smtpPort}</code>) sont gardés ici. Page rafraîchie toutes les 3 secondes (sauf pendant la saisie).</p>
<form method="post" action="/sandbox/inbound-sms" onsubmit="event.preventDefault();fetch(this.action,{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({from:this.from.value,body:this.body.value})}).then(()=>location.reload())">
<fieldset><legend>Simuler un SMS reçu</legend>
<label>De <input name="from" value="+33612345678" required></label> <label>Texte <input name="body" value="STOP" required></label>
<button type="submit">Envoyer</button></fieldset></form>
<h2>SMS (${data.messages.length})</h2>${messagesTable(data.messages)}
<h2>Appels (${data.calls.length})</h2>${callsTable(data.calls)}
<h2>Courriels (${data.emails.length})</h2>${emailsTable(data.emails)}
<h2>Numéros magiques</h2>${magicNumbersList()}
<p>JSON : <a href="/sandbox/messages">/sandbox/messages</a> · <a href="/sandbox/calls">/sandbox/calls</a> ·
<a href="/sandbox/emails">/sandbox/emails</a> (les 200 plus récents, <code>?limit=</code> jusqu’à 5000) · <a href="/sandbox/webhooks">/sandbox/webhooks</a> · POST /sandbox/reset pour tout vider.</p>
</body></html>`;
}
