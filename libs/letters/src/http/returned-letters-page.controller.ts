import { Body, Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authorize, PersonPrincipal, ROLE_LABELS, WebPage } from '@unisson/access';
import { formatDate } from '@unisson/templates';
import { html, renderPage, type RawHtml } from '@unisson/platform';
import { ReturnedLetters, type OperatorReturnResult } from '../returned-letters.service';

type PageRequest = { session: PersonPrincipal & { csrfToken: string } };

const PARIS_TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

/** What each answer shows, and the HTTP status the page answers with. */
function resultBlock(result: OperatorReturnResult, typed: string): { status: number; block: RawHtml } {
  const facts = (r: Extract<OperatorReturnResult, { trackingCode: string }>) =>
    html`<dl>
      <dt>Code de suivi</dt>
      <dd><strong class="code">${r.trackingCode}</strong></dd>
      <dt>Envoyé par</dt>
      <dd>${r.sender}</dd>
      <dt>Lot d’impression du</dt>
      <dd>${formatDate(r.printDay, 'fr')}</dd>
      ${
        r.returnedAt
          ? html`<dt>Retour enregistré le</dt>
              <dd>${PARIS_TIME.format(r.returnedAt)}</dd>`
          : ''
      }
    </dl>`;
  switch (result.status) {
    case 'recorded':
      return {
        status: 200,
        block: html`<section class="notice ok" role="status" aria-labelledby="resultat">
          <h2 id="resultat">Retour enregistré</h2>
          <p>Le courrier est marqué « n’habite pas à l’adresse indiquée ». Le plan du foyer passe au moyen de contact suivant.</p>
          ${facts(result)}
        </section>`,
      };
    case 'already-recorded':
      return {
        status: 200,
        block: html`<section class="notice already" role="status" aria-labelledby="resultat">
          <h2 id="resultat">Déjà enregistré</h2>
          <p>Ce courrier était déjà enregistré comme revenu : rien n’a été changé. Vous pouvez le ranger.</p>
          ${facts(result)}
        </section>`,
      };
    case 'not-posted':
      return {
        status: 409,
        block: html`<section class="notice error" role="alert" aria-labelledby="resultat">
          <h2 id="resultat">Courrier pas encore posté</h2>
          <p>Ce courrier n’a pas encore été remis à La Poste : il ne peut pas être revenu. Vérifiez le code sur l’enveloppe.</p>
          ${facts(result)}
        </section>`,
      };
    case 'unknown-code':
      return {
        status: 404,
        block: html`<section class="notice error" role="alert" aria-labelledby="resultat">
          <h2 id="resultat">Code inconnu</h2>
          <p>
            Aucun courrier que vous pouvez voir ne porte le code <strong class="code">${typed}</strong>. Vérifiez-le sur le courrier (sous
            le QR code ou en bas de chaque page), puis saisissez-le à nouveau.
          </p>
        </section>`,
      };
    case 'invalid-code':
      return {
        status: 400,
        block: html`<section class="notice error" role="alert" aria-labelledby="resultat">
          <h2 id="resultat">Ce n’est pas un code de suivi</h2>
          <p>
            « <span class="code">${typed}</span> » n’est pas un code de suivi : il a 8 lettres ou chiffres et une clé, par exemple
            <span class="code">K7QM-2D9X-4</span>. Les tirets, les majuscules et un O tapé pour un 0 ne comptent pas.
          </p>
        </section>`,
      };
  }
}

/**
 * The returned-letters page (French, server-rendered, no script): an operator types or scans
 * (a code reader types it, then Enter) the tracking code printed on a letter that came back
 * "n'habite pas à l'adresse indiquée", and sees at once what it did. Same service as
 * `POST /v1/letters/returns`: idempotent, a partner's people see only its own letters.
 */
@ApiExcludeController()
@WebPage()
@Controller('courriers/retours')
export class ReturnedLettersPageController {
  constructor(private readonly returned: ReturnedLetters) {}

  private render(request: PageRequest, result: RawHtml | null, source: string): string {
    const s = request.session;
    const checked = (value: string) => (source === value ? html` checked` : '');
    return renderPage(
      {
        title: 'Courriers revenus (NPAI)',
        nav: [
          ['/courriers/retours', 'Courriers revenus'],
          ['/espace', 'Votre espace'],
        ],
        session: { label: ROLE_LABELS[s.role], csrfToken: s.csrfToken },
      },
      html`<style>
          .code {
            font-family: monospace;
            font-size: 1.1em;
            letter-spacing: 0.05em;
          }
          .already {
            background: #fff8e1;
            border: 1px solid #b58900;
          }
          dl {
            display: grid;
            grid-template-columns: max-content 1fr;
            gap: 0.2rem 1rem;
            margin: 0.5rem 0;
          }
          dt {
            font-weight: bold;
          }
          dd {
            margin: 0;
          }
          input[name='trackingCode'] {
            font-size: 1.3rem;
            font-family: monospace;
            text-transform: uppercase;
            min-width: 14rem;
          }
        </style>
        ${result ?? ''}
        <p>
          Saisissez ou scannez le <strong>code de suivi</strong> imprimé sous le QR code (et en bas de chaque page) d’un courrier revenu «
          n’habite pas à l’adresse indiquée ». Un courrier n’est enregistré qu’une fois : le saisir deux fois ne change rien.
        </p>
        <form method="post" action="/courriers/retours">
          <input type="hidden" name="_csrf" value="${s.csrfToken}" />
          <label for="trackingCode">Code de suivi (par exemple K7QM-2D9X-4)</label>
          <input
            type="text"
            id="trackingCode"
            name="trackingCode"
            required
            maxlength="40"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            autofocus
          />
          <fieldset>
            <legend>Comment le code est saisi</legend>
            <label><input type="radio" name="source" value="operator" ${checked('operator')} /> Tapé au clavier</label>
            <label><input type="radio" name="source" value="scan" ${checked('scan')} /> Lu par un lecteur de codes</label>
          </fieldset>
          <button type="submit">Enregistrer le retour</button>
        </form>`,
    );
  }

  @Get()
  @Authorize('letter.return.record')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  form(@Req() request: PageRequest): string {
    return this.render(request, null, 'operator');
  }

  @Post()
  @Authorize('letter.return.record')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async record(@Req() request: PageRequest, @Body() form: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const typed = typeof form?.trackingCode === 'string' ? form.trackingCode.trim().slice(0, 40) : '';
    const source = form?.source === 'scan' ? 'scan' : 'operator';
    const result = typed ? await this.returned.byOperator(request.session, typed, source) : ({ status: 'invalid-code' } as const);
    const { status, block } = resultBlock(result, typed);
    void reply.status(status);
    // A code reader sends the next code right away: the choice of how it is typed stays.
    return this.render(request, block, source);
  }
}
