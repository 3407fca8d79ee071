import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@unisson/access';
import { ApiAnswer, ApiErrors, parseOrThrow, UnissonError } from '@unisson/platform';
import { isTemplateKey } from '../domain/catalogue';
import { TemplateReviewService, type VersionComparison } from '../review/template-review.service';
import type { ReviewPage } from '../review/review-list';
import { compareQuery, comparisonSchema, reviewPageSchema, reviewQuery, withoutEmpty } from './template-review.schemas';

/**
 * The review workflow's API: every purpose × channel × locale × variant with its lint findings,
 * and a version of a template beside the previous one, word by word. Sample data only.
 */
@ApiTags('templates')
@ApiSecurity('api-key')
@Controller('v1/templates')
export class TemplateReviewController {
  constructor(private readonly review: TemplateReviewService) {}

  @Get('review')
  @Authorize('template.review')
  @ApiOperation({
    summary:
      'Liste de relecture : chaque objet × canal × langue × variante avec ses constats (encodage et coût SMS, FALC, faits manquants)',
  })
  @ApiAnswer(200, 'TemplateReviewPage', reviewPageSchema, {
    total: 1,
    page: 1,
    pages: 1,
    perPage: 50,
    counts: { rows: 18816, withFindings: 4000, withErrors: 0 },
    rows: [],
  })
  @ApiErrors(400, 401, 403)
  list(@Query() query: Record<string, unknown>): Promise<ReviewPage> {
    return this.review.list(parseOrThrow(reviewQuery, withoutEmpty(query)));
  }

  @Get(':key/versions')
  @Authorize('template.review')
  @ApiOperation({ summary: 'La version actuelle d’un modèle à côté de la précédente, avec les mots changés' })
  @ApiAnswer(200, 'TemplateVersionComparison', comparisonSchema, {
    templateKey: 'hearing_reminder',
    channel: 'sms',
    locale: 'es',
    variant: 'reassuring.short.plain',
    direction: 'ltr',
    current: { version: 3, hash: '9f1c…', subject: null, text: 'Acuda al juzgado…', archivedAt: null },
    previous: { version: 2, hash: '41aa…', subject: null, text: 'Traiga su citación…', archivedAt: '2026-11-02T09:00:00.000Z' },
    diff: { runs: [{ kind: 'removed', text: 'Traiga' }], removedWords: 1, addedWords: 1 },
    history: [],
  })
  @ApiErrors(400, 401, 403, 404)
  compare(@Param('key') key: string, @Query() query: Record<string, unknown>): Promise<VersionComparison> {
    if (!isTemplateKey(key)) throw UnissonError.notFound();
    const q = parseOrThrow(compareQuery, withoutEmpty(query));
    return this.review.compare(key, q.channel, q.locale, { tone: q.tone, length: q.length, pictograms: q.pictograms });
  }
}
