import { applyDecorators } from '@nestjs/common';
import { z } from 'zod';
import { ApiAnswer, ApiErrors } from '@unisson/platform';

/** Response documentation of the template routes (OpenAPI). */
const catalogue = z.object({
  channels: z.array(z.string()),
  tones: z.array(z.string()),
  lengths: z.array(z.string()),
  locales: z.array(z.object({ locale: z.string(), label: z.string(), direction: z.enum(['ltr', 'rtl']) })),
  templates: z.array(z.record(z.string(), z.unknown())),
});
const rendered = z
  .record(z.string(), z.unknown())
  .describe('Le message rendu (texte, HTML, segments SMS, version du modèle) et ses données d’exemple');

export const TemplateCatalogue = () =>
  applyDecorators(
    ApiAnswer(200, 'TemplateCatalogue', catalogue, {
      channels: ['sms', 'email', 'letter'],
      tones: ['reassuring'],
      lengths: ['short'],
      locales: [],
      templates: [],
    }),
  );
export const TemplatePreview = () =>
  applyDecorators(
    ApiAnswer(200, 'RenderedTemplate', rendered, { channel: 'sms', locale: 'fr', text: 'Bonjour…', templateVersion: '3f2a…' }),
    ApiErrors(400, 404),
  );
