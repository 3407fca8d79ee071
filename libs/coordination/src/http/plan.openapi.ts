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
const plan = z.object({
  householdId: z.string().uuid(),
  procedureId: z.string(),
  stage: z.string(),
  territory: z.string(),
  playbookVersion: z.string(),
  timeZone: z.string(),
  plannedAt: z.string(),
  contacts: z.array(contact),
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
