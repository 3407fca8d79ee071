import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Authorize, mayAttempt, ROLE_LABELS, type PersonPrincipal } from '@unisson/access';
import { WebPage } from '@unisson/partners';
import { html, raw, renderPage } from '@unisson/platform';
import { BulkImportRepository } from '../bulk-import.repository';
import { IntakeRepository } from '@unisson/intake';
import { importViews } from './views';

const STATUS_LABELS: Record<string, string> = { queued: 'en file', processing: 'en cours', completed: 'terminé', failed: 'échoué' };

/** Uploads of the signed-in person's organisation (all of them for Unisson's staff), with progress bars. */
@ApiExcludeController()
@WebPage()
@Controller('imports')
export class BulkImportPageController {
  constructor(
    private readonly imports: BulkImportRepository,
    private readonly intake: IntakeRepository,
  ) {}

  @Get()
  @Authorize('bulk_import.read')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async page(@Req() request: { session: PersonPrincipal & { csrfToken: string } }): Promise<string> {
    const s = request.session;
    const uploads = await importViews(await this.imports.listOfPartner(s.partnerId), this.intake);
    // Refreshed while a file is read and while intake still works through its alerts.
    const running = uploads.some((u) => u.status === 'queued' || u.status === 'processing' || u.alertsWaiting > 0);
    const canUpload = mayAttempt(s, 'bulk_import.create').allow;
    const body = html`${running ? raw('<meta http-equiv="refresh" content="3">') : ''}
      ${
        canUpload
          ? html`<fieldset>
                <legend>Déposer un fichier</legend>
                <p>
                  Le fichier tel que votre logiciel l’exporte (CSV « ; » ou « , », UTF-8 ou Windows-1252), avec une ligne d’en-tête :
                  <code>reference;nom;prenom;adresse;code_postal;ville;telephone;email;parc;loyer;montant_impaye;date_premier_impaye</code>.
                  Chaque ligne est traitée comme une alerte envoyée par l’API ; déposer deux fois les mêmes lignes ne crée rien de plus.
                </p>
                <input type="file" id="fichier" accept=".csv,text/csv" /> <button id="deposer" type="button">Déposer</button>
                <span id="etat" role="status"></span>
              </fieldset>
              <script>
                document.getElementById('deposer').addEventListener('click', async () => {
                  const file = document.getElementById('fichier').files[0];
                  const etat = document.getElementById('etat');
                  if (!file) {
                    etat.textContent = 'Choisissez un fichier.';
                    return;
                  }
                  etat.textContent = 'Envoi…';
                  const r = await fetch('/v1/alerts/imports', {
                    method: 'POST',
                    headers: {
                      'content-type': 'text/csv',
                      'x-csrf-token': ${raw(JSON.stringify(s.csrfToken))},
                      'x-file-name': encodeURIComponent(file.name),
                    },
                    body: file,
                  });
                  const body = await r.json().catch(() => ({}));
                  etat.textContent = r.ok ? 'Fichier reçu.' : body.message || 'Échec de l’envoi.';
                  if (r.ok) setTimeout(() => location.reload(), 800);
                });
              </script>`
          : ''
      }
      <table>
        <tr>
          <th>Fichier</th>
          <th>Déposé</th>
          <th>Lecture du fichier</th>
          <th>Traitement des alertes</th>
          <th>Alertes créées</th>
          <th>Déjà reçues</th>
          <th>Lignes refusées</th>
          <th>État</th>
        </tr>
        ${uploads.map(
          (u) =>
            html`<tr>
              <td>${decodeURIComponent(u.fileName)}<br /><small>${u.encoding ?? ''} « ${u.delimiter ?? ''} »</small></td>
              <td>${new Date(u.createdAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}</td>
              <td>
                <div class="bar" role="progressbar" aria-valuenow="${u.percent}" aria-valuemin="0" aria-valuemax="100">
                  <span style="width:${u.percent}%"></span>
                </div>
                ${u.rowsDone} / ${u.rowsTotal ?? '…'} lignes (${u.percent} %)
              </td>
              <td>
                <div class="bar" role="progressbar" aria-valuenow="${u.processedPercent}" aria-valuemin="0" aria-valuemax="100">
                  <span style="width:${u.processedPercent}%"></span>
                </div>
                ${u.alertsProcessed} traitées, ${u.alertsWaiting} en attente<br /><small
                  >ménage retrouvé ou créé, procédure, plan de contacts</small
                >
              </td>
              <td>${u.alertsCreated}</td>
              <td>${u.alertsReplayed}</td>
              <td>${u.rowsInvalid ? html`<a href="${u.links.errorsCsv}">${u.rowsInvalid} (rapport CSV)</a>` : '0'}</td>
              <td>${STATUS_LABELS[u.status] ?? u.status}${u.failure ? html`<br /><small>${u.failure}</small>` : ''}</td>
            </tr>`,
        )}
      </table>`;
    return renderPage(
      {
        title: 'Dépôts de fichiers d’alertes',
        nav: [['/espace', 'Votre espace']],
        session: { label: ROLE_LABELS[s.role], csrfToken: s.csrfToken },
      },
      body,
    );
  }
}
