import { applyDecorators } from '@nestjs/common';
import { z } from 'zod';
import { ApiAnswer, ApiErrors } from '@unisson/platform';

/** Response documentation of the plan route (OpenAPI). */
const contact = z.object({
  key: z.string(),
  status: z.enum(['planned', 'handedOff', 'cancelled']),
  channel: z.enum(['letter', 'sms', 'email', 'call', 'homeVisit', 'servedAct']),
  purpose: z.string(),
  purposes: z.array(z.string()),
  legal: z.boolean(),
  stage: z.string(),
  step: z.number().int(),
  onlyIfNoResponse: z.boolean(),
  leadPartnerId: z.string(),
  coSigningPartnerIds: z.array(z.string()),
  callbackPhone: z.string().nullable(),
  window: z.object({ notBefore: z.string(), notAfter: z.string().nullable() }),
  variantSlot: z.number().int(),
  absorbedIntentIds: z.array(z.string()),
  reasons: z.array(z.string()),
});
const cost = z
  .object({
    sms: z.object({ messages: z.number().int(), parts: z.number().int(), euros: z.number() }),
    letters: z.number().int(),
    postage: z.record(z.string(), z.object({ letters: z.number().int(), euros: z.number() })).describe('Par classe d’affranchissement'),
    emails: z.number().int(),
    calls: z.object({ tasks: z.number().int(), minutes: z.number().int() }),
    homeVisits: z.number().int(),
    visitMinutes: z.number().int(),
    servedActs: z.number().int(),
    unworded: z.number().int(),
    euros: z.number().describe('SMS et affranchissement, en euros'),
    smsPricePerPart: z.number(),
  })
  .nullable()
  .describe('Ce que coûtent les contacts faits et à venir du plan aux partenaires (hors contacts annulés)');
const plan = z.object({
  householdId: z.string().uuid(),
  procedureId: z.string(),
  stage: z.string(),
  territory: z.string(),
  playbookVersion: z.string(),
  timeZone: z.string(),
  plannedAt: z.string(),
  contacts: z.array(contact),
  cost,
  trace: z.array(
    z.object({
      code: z.string(),
      message: z.string().describe('Phrase en français'),
      intentIds: z.array(z.string()),
      contactKey: z.string().nullable(),
    }),
  ),
});

export const PlanRead = () =>
  applyDecorators(
    ApiAnswer(200, 'ContactPlan', plan, {
      householdId: '9a8b7c6d-0000-4000-8000-000000000009',
      procedureId: '1b2c3d4e-0000-4000-8000-00000000000b',
      stage: 'impaye',
      territory: '93',
      playbookVersion: '93-seine-saint-denis@2026-01-01',
      timeZone: 'Europe/Paris',
      plannedAt: '2026-12-01T10:30:01.000Z',
      contacts: [],
      cost: {
        sms: { messages: 2, parts: 4, euros: 0.18 },
        letters: 1,
        postage: { lettre_simple: { letters: 1, euros: 1.39 } },
        emails: 0,
        calls: { tasks: 1, minutes: 5 },
        homeVisits: 0,
        visitMinutes: 0,
        servedActs: 0,
        unworded: 0,
        euros: 1.57,
        smsPricePerPart: 0.045,
      },
      trace: [
        {
          code: 'merged',
          message: '2 demandes fusionnées en un seul message co-signé par 2 partenaire(s).',
          intentIds: [],
          contactKey: null,
        },
      ],
    }),
    ApiErrors(400, 401, 403, 404),
  );
