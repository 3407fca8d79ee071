import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiSecurity, ApiTags, ApiBody } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { AccessPolicy, Authorize, CurrentPrincipal, Principal } from '@unisson/access';
import { ApiAnswer, ApiErrors, csvField, UnissonError } from '@unisson/platform';
import { BulkImportRepository } from '../bulk-import.repository';
import { BulkImportService, MAX_UPLOAD_BYTES } from '../bulk-import.service';
import { IMPORT_EXAMPLE, importErrorSchema, importStatusSchema, uploadAnswerSchema } from './bulk-import.openapi';
import { IntakeRepository } from '@unisson/intake';
import { importViews } from './views';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => UnissonError.validation([{ field: 'id', message: 'doit être un UUID' }]) });

async function readBody(body: unknown): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  if (!body || typeof (body as Readable).on !== 'function') {
    throw new UnissonError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Envoyez le fichier brut avec Content-Type: text/csv (pas de formulaire multipart).',
      415,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as Readable) {
    size += (chunk as Buffer).length;
    if (size > MAX_UPLOAD_BYTES) {
      (body as Readable).destroy();
      throw new UnissonError(
        'PAYLOAD_TOO_LARGE',
        `Le fichier dépasse ${MAX_UPLOAD_BYTES / 1024 / 1024} Mo : découpez-le en plusieurs fichiers.`,
        413,
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function safeFileName(value: unknown): string {
  const name = typeof value === 'string' ? value : '';
  return name.replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 120) || 'fichier.csv';
}

/** Landlords' bulk upload of arrears alerts, its progress and its error report. */
@ApiTags('imports')
@ApiSecurity('api-key')
@ApiErrors(401, 403)
@Controller('v1/alerts/imports')
export class BulkImportController {
  constructor(
    private readonly service: BulkImportService,
    private readonly imports: BulkImportRepository,
    private readonly policy: AccessPolicy,
    private readonly intake: IntakeRepository,
  ) {}

  @Post()
  @HttpCode(202)
  @Authorize('bulk_import.create')
  @ApiOperation({
    summary: 'Déposer un fichier CSV d’alertes d’impayé (des dizaines de milliers de lignes)',
    description:
      'Corps : le fichier brut, `Content-Type: text/csv`, tel que votre logiciel l’exporte (« ; » ou « , », UTF-8 avec ou sans BOM, ou Windows-1252). ' +
      'Colonnes (en-tête obligatoire) : reference, nom, prenom, adresse, code_postal, ville, parc, loyer, montant_impaye, date_premier_impaye ; facultatives : ' +
      'complement_adresse, telephone, email, numero_allocataire, date_naissance, date_bail, langue, nom_cotitulaire, prenom_cotitulaire, cle_idempotence. ' +
      'Chaque ligne est validée et traitée comme un POST /v1/alerts (même idempotence : une ligne déposée deux fois ne crée qu’une alerte). ' +
      'Le même fichier déposé à nouveau renvoie son premier dépôt (200).',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: 'Le fichier CSV' })
  @ApiHeader({ name: 'X-File-Name', required: false, description: 'Nom du fichier, pour le suivi' })
  @ApiAnswer(
    202,
    'BulkImportAccepted',
    uploadAnswerSchema,
    { ...IMPORT_EXAMPLE, status: 'queued', rowsDone: 0, percent: 0, ignoredColumns: [] },
    'Fichier reçu, traitement en file',
  )
  @ApiAnswer(
    200,
    'BulkImportAccepted',
    uploadAnswerSchema,
    { ...IMPORT_EXAMPLE, ignoredColumns: [] },
    'Ce fichier avait déjà été déposé : son dépôt est renvoyé',
  )
  @ApiErrors(400, 413, 415)
  async upload(@CurrentPrincipal() actor: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const content = await readBody(request.body);
    const fileName = safeFileName(request.headers['x-file-name'] ?? (request.query as Record<string, unknown>)?.fileName);
    const result = await this.service.upload(actor, fileName, content, String(request.id));
    if (result.replayed) void reply.status(200).header('idempotent-replayed', 'true');
    const [view] = await importViews([result.upload], this.intake);
    return { ...view, ignoredColumns: result.ignoredColumns };
  }

  @Get()
  @Authorize('bulk_import.read')
  @ApiOperation({ summary: 'Vos derniers dépôts de fichiers (50 au plus)' })
  @ApiAnswer(200, 'BulkImportList', z.array(importStatusSchema), [IMPORT_EXAMPLE])
  async list(@CurrentPrincipal() actor: Principal) {
    return importViews(await this.imports.listOfPartner(actor.partnerId ?? null), this.intake);
  }

  @Get(':id')
  @Authorize('bulk_import.read')
  @ApiOperation({
    summary: 'Avancement d’un dépôt : lignes lues, refusées, alertes créées ou déjà reçues, alertes traitées (ménage, procédure, plan)',
  })
  @ApiAnswer(200, 'BulkImportStatus', importStatusSchema, IMPORT_EXAMPLE)
  @ApiErrors(400, 404)
  async status(@CurrentPrincipal() actor: Principal, @Param('id', uuid) id: string) {
    const [view] = await importViews([await this.visible(actor, id)], this.intake);
    return view;
  }

  @Get(':id/errors')
  @Authorize('bulk_import.read')
  @ApiOperation({ summary: 'Rapport d’erreurs d’un dépôt : ligne, colonne, raison (JSON, ou CSV avec ?format=csv)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswer(200, 'BulkImportErrors', z.array(importErrorSchema), [
    { line: 14, field: 'Code postal', reason: 'attendu : un code postal français à 5 chiffres' },
  ])
  @ApiErrors(400, 404)
  async errors(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const upload = await this.visible(actor, id);
    const errors = (await this.imports.errors(id, 20_000)).map((e) => ({ line: e.line, field: e.field, reason: e.reason }));
    if (format !== 'csv') return errors;
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="erreurs-${upload.id.slice(0, 8)}.csv"`);
    // A BOM and ";" so that Excel opens it right in France.
    return `\ufeffligne;colonne;raison\r\n${errors.map((e) => [String(e.line), e.field, e.reason].map((v) => csvField(v, ';')).join(';')).join('\r\n')}\r\n`;
  }

  private async visible(actor: Principal, id: string) {
    const upload = await this.imports.find(id);
    this.policy.assert(actor, 'bulk_import.read', { ownerPartnerId: upload?.partnerId ?? '(aucun)' });
    if (!upload) throw UnissonError.notFound();
    return upload;
  }
}

/** Lets the upload route receive the raw file as a stream (the rest of the API stays JSON, 256 KiB at most). */
export function acceptCsvUploads(fastify: {
  addContentTypeParser: (
    types: string[],
    handler: (request: unknown, payload: unknown, done: (error: Error | null, body?: unknown) => void) => void,
  ) => void;
}): void {
  fastify.addContentTypeParser(
    ['text/csv', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream'],
    (_request, payload, done) => done(null, payload),
  );
}
