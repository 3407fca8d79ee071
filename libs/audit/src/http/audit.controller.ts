import { Controller, Get, Header, Query, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Authorize, ROLE_LABELS, WebPage, type PersonPrincipal } from '@unisson/access';
import { ApiAnswer, ApiErrors, html, isoInstant, parseOrThrow, queryInteger, renderPage } from '@unisson/platform';
import { AuditQuery, AuditRepository } from '../audit.repository';
import { AUDIT_OUTCOMES } from '../domain/audit-record';

const auditQuerySchema = z.strictObject({
  householdId: z.string().uuid('doit être un UUID').optional(),
  actorId: z.string().max(100).optional(),
  actorPartnerId: z.string().uuid('doit être un UUID').optional(),
  action: z
    .string()
    .regex(/^[a-z_.]{2,80}$/, 'lettres minuscules, points et soulignés (ex. household.plan)')
    .optional(),
  subjectId: z.string().max(200).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: isoInstant('doit être un instant ISO 8601, ex. 2026-12-01T00:00:00+01:00').optional(),
  to: isoInstant('doit être un instant ISO 8601, ex. 2026-12-31T23:59:59+01:00').optional(),
  before: z.string().regex(/^\d+$/, 'doit être l’identifiant d’une entrée').optional(),
  limit: queryInteger({ min: 1, max: 1000, default: 100 }),
});

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorType: z.enum(['api_key', 'account', 'system']),
  actorId: z.string().nullable().describe('Identifiant de la clé API ou du compte'),
  actorPartnerId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  householdId: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  fields: z.array(z.string()).nullable().describe('Noms des champs lus ou modifiés (jamais leurs valeurs)'),
  correlationId: z.string().nullable(),
});

const EXAMPLE = {
  id: '1042',
  at: '2026-12-01T10:31:02.120Z',
  actorType: 'api_key',
  actorId: '3c4d5e6f-0000-4000-8000-000000000002',
  actorPartnerId: '2b3c4d5e-0000-4000-8000-000000000001',
  action: 'household.plan.read',
  subjectType: 'household',
  subjectId: '9a8b7c6d-0000-4000-8000-000000000009',
  householdId: '9a8b7c6d-0000-4000-8000-000000000009',
  outcome: 'success',
  fields: null,
  correlationId: 'b9f6…',
};

function toQuery(raw: unknown): AuditQuery {
  const q = parseOrThrow(auditQuerySchema, raw);
  return {
    ...q,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    beforeId: q.before,
  };
}

@ApiTags('admin')
@ApiCookieAuth('session')
@Controller('v1/admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @Authorize('audit.read')
  @ApiOperation({ summary: 'Journal d’audit : qui a lu ou modifié quoi, quand, avec quel résultat (plus récent d’abord)' })
  @ApiAnswer(200, 'AuditEntryList', z.array(auditEntrySchema), [EXAMPLE])
  @ApiErrors(400, 401, 403)
  list(@Query() query: Record<string, unknown>) {
    return this.audit.find(toQuery(query));
  }
}

const ADMIN_NAV: Array<[string, string]> = [
  ['/admin', 'Partenaires'],
  ['/admin/accords', 'Accords de partage'],
  ['/admin/journal', 'Journal d’audit'],
];

@WebPage()
@Controller('admin/journal')
export class AuditPageController {
  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @Authorize('audit.read')
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async page(
    @Req() request: { session?: PersonPrincipal & { csrfToken: string } },
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    const filled = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '' && v !== undefined));
    const entries = await this.audit.find(toQuery({ limit: 200, ...filled }));
    const s = request.session;
    const field = (name: string, label: string, placeholder = '') =>
      html`<label style="display:inline-block;margin-right:1rem"
        >${label}
        <input type="text" name="${name}" value="${String(filled[name] ?? '')}" placeholder="${placeholder}" style="min-width:12rem"
      /></label>`;
    return renderPage(
      { title: 'Journal d’audit', nav: ADMIN_NAV, session: s ? { label: ROLE_LABELS[s.role], csrfToken: s.csrfToken } : null },
      html`<form method="get" action="/admin/journal">
          ${field('householdId', 'Foyer')}${field('actorId', 'Clé ou compte')}${field('action', 'Action', 'household.')}${field('outcome', 'Résultat', 'denied')}
          <button class="secondary">Filtrer</button>
        </form>
        <p class="muted">
          Le journal ne contient que des identifiants : jamais un nom, un téléphone, une adresse. Il ne peut être ni modifié ni effacé.
        </p>
        <table>
          <tr>
            <th>Quand</th>
            <th>Qui</th>
            <th>Action</th>
            <th>Sur</th>
            <th>Foyer</th>
            <th>Résultat</th>
            <th>Champs</th>
          </tr>
          ${entries.map(
            (e) =>
              html`<tr>
                <td>${new Date(e.at).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}</td>
                <td>
                  ${e.actorType === 'api_key' ? 'clé' : e.actorType === 'account' ? 'compte' : 'système'} <small>${e.actorId ?? ''}</small>
                </td>
                <td><code>${e.action}</code></td>
                <td>${e.subjectType} <small>${e.subjectId}</small></td>
                <td><small>${e.householdId ?? ''}</small></td>
                <td>${e.outcome}</td>
                <td>${(e.fields ?? []).join(', ')}</td>
              </tr>`,
          )}
        </table>`,
    );
  }
}
