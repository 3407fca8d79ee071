import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { z } from 'zod';
import { AccessPolicy, Authorize } from '@unisson/access';
import { Audited } from '@unisson/audit';
import { CurrentPartner, keyPrincipalOf, PartnerPrincipal } from '@unisson/partners';
import { ZodValidationPipe } from '@unisson/platform';
import { jobSpec, QUEUES } from '@unisson/queues';
import { ReviewDecisionInput, reviewDecisionSchema, reviewListQuerySchema } from '../dto/review.schemas';
import { LinkageLink } from '../entities/linkage-link.entity';
import { LinkageService } from '../linkage.service';
import { ReviewDecided, ReviewList } from './review.openapi';

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object;

/** Explicit response mapping: entities are never serialised as they are. */
function toLinkView(link: LinkageLink) {
  return {
    id: link.id,
    leftRecordId: link.leftRecordId,
    rightRecordId: link.rightRecordId,
    status: link.status,
    source: link.source,
    probability: link.probability,
    matchWeight: link.matchWeight,
    evidence: link.evidence,
    createdAt: link.createdAt,
  };
}

/** Human review of household links: pairs the model was unsure of, and decisions on them. */
@ApiTags('linkage')
@ApiSecurity('api-key')
@Controller('v1/linkage/review')
export class LinkageReviewController {
  constructor(
    private readonly linkage: LinkageService,
    private readonly policy: AccessPolicy,
    @InjectQueue(QUEUES.linkage) private readonly linkageQueue: Queue,
  ) {}

  @Get()
  @Authorize('linkage.review.read')
  @Audited({
    action: 'linkage.review.read',
    subjectType: 'territory',
    subjectId: (request) => (request as { principal?: PartnerPrincipal }).principal?.territory,
  })
  @ApiOperation({ summary: 'Paires de fiches en attente d’une décision humaine, les plus probables d’abord' })
  @ReviewList()
  async list(@CurrentPartner() partner: PartnerPrincipal, @Query(new ZodValidationPipe(reviewListQuerySchema)) query: { limit: number }) {
    for (const territory of partner.territories) this.policy.assert(keyPrincipalOf(partner), 'linkage.review.read', { territory });
    // Every territory the partner works on, the most probable pairs first.
    const reviews = (await Promise.all(partner.territories.map((t) => this.linkage.openReviews(t, query.limit)))).flat();
    return reviews
      .sort((a, b) => b.probability - a.probability)
      .slice(0, query.limit)
      .map(toLinkView);
  }

  @Get('records/:recordId/links')
  @Authorize('linkage.review.read')
  @Audited({ action: 'linkage.review.read', subjectType: 'partner_record', subjectId: 'recordId' })
  @ApiOperation({ summary: 'Tous les liens d’une fiche avec leur explication (champs, niveaux, poids)' })
  @ReviewList()
  async links(@CurrentPartner() partner: PartnerPrincipal, @Param('recordId', new ParseUUIDPipe()) recordId: string) {
    // A record outside the partner's territories answers like an unknown one.
    const territory = (await this.territoryOfRecord(partner, recordId)) ?? '(aucun)';
    this.policy.assert(keyPrincipalOf(partner), 'linkage.review.read', { territory });
    return (await this.linkage.linksOfRecord(territory, recordId)).map(toLinkView);
  }

  @Post('decisions')
  @HttpCode(204)
  @Authorize('linkage.review.decide')
  @Audited({ action: 'linkage.review.decide', subjectType: 'partner_record', subjectId: 'body.leftRecordId', fields: ['kind'] })
  @ApiOperation({ summary: 'Confirmer, séparer ou fusionner deux fiches ; les calculs automatiques ne la défont jamais' })
  @ReviewDecided()
  @ApiBody({ schema: jsonSchema(reviewDecisionSchema) })
  async decide(@CurrentPartner() partner: PartnerPrincipal, @Body(new ZodValidationPipe(reviewDecisionSchema)) body: ReviewDecisionInput) {
    // The decision belongs to the territory of its records (the service refuses records of two territories).
    const territory = (await this.territoryOfRecord(partner, body.leftRecordId)) ?? partner.territory;
    this.policy.assert(keyPrincipalOf(partner), 'linkage.review.decide', { territory });
    await this.linkage.decide(territory, body.kind, body.leftRecordId, body.rightRecordId, partner.keyId, body.reason ?? null);
    // The households, procedures and contact plans follow the decision (worker job).
    const job = jobSpec('households.regroup', { territory, reestimate: false, requestedAt: new Date().toISOString() });
    await this.linkageQueue.add(job.name, job.data, job.opts);
  }

  /** The one of the partner's territories that holds the record, or null. */
  private async territoryOfRecord(partner: PartnerPrincipal, recordId: string): Promise<string | null> {
    for (const territory of partner.territories) if (await this.linkage.recordInTerritory(territory, recordId)) return territory;
    return null;
  }
}
