import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { identityOf, Principal } from '@unisson/access';
import { AuditTrail } from '@unisson/audit';
import { alertSchema, idempotencyKeySchema, IntakeService, Reporter, SubmissionAuthority } from '@unisson/intake';
import { PartnerPrincipal, PartnersRepository } from '@unisson/partners';
import { CsvItem, detectDialect, NOT_FOUND_MESSAGE, readCsv, readCsvBuffer, UnissonError, unsafeTextProblems } from '@unisson/platform';
import { jobSpec, QUEUES } from '@unisson/queues';
import { BulkImportRepository, ChunkResult } from './bulk-import.repository';
import { HeaderMapping, mapHeader, rowProblem, rowToAlert } from './domain/alert-columns';
import { BulkImport } from './entities/bulk-import.entity';

/** Rows handed to intake together: its group commit writes them in a few statements. */
const CHUNK_ROWS = 500;
const UNSAFE_CELL =
  'contient un caractère de contrôle (NUL, \\u0000…, ou du sens de lecture, \\u202E…) ou un caractère Unicode invalide : corrigez la cellule et déposez à nouveau la ligne';

/** A cell's column as the file's header names it (its position when the header has no name for it). */
function columnName(mapping: HeaderMapping, index: number): string {
  return mapping.headers[index] || `colonne ${index + 1}`;
}

/** Errors kept per import (the report says when there were more). */
const MAX_ERRORS = 20_000;
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

export interface UploadResult {
  upload: BulkImport;
  /** True when this very file was uploaded before: its first import is returned, nothing is redone. */
  replayed: boolean;
  ignoredColumns: string[];
}

/**
 * Landlords' bulk upload of arrears alerts. The file is stored first (PostgreSQL), then the worker
 * reads it row by row, validates each row with intake's own alert schema and hands the valid
 * ones to intake exactly as `POST /v1/alerts` would (same processing, same idempotency: a row
 * uploaded twice is one alert). Progress is committed every 500 rows, so a restarted job resumes.
 */
@Injectable()
export class BulkImportService {
  private readonly logger = new Logger('BulkImport');

  constructor(
    private readonly imports: BulkImportRepository,
    private readonly intake: IntakeService,
    private readonly authority: SubmissionAuthority,
    private readonly partners: PartnersRepository,
    private readonly audit: AuditTrail,
    @InjectQueue(QUEUES.imports) private readonly queue: Queue,
  ) {}

  /** Stores an uploaded file (header checked at once) and queues it. */
  async upload(actor: Principal, fileName: string, content: Buffer, correlationId: string | null): Promise<UploadResult> {
    if (!actor.partnerId) throw new UnissonError('PARTNER_REQUIRED', 'Seul un partenaire (bailleur) dépose des alertes.', 403);
    if (content.length === 0) throw UnissonError.validation([{ field: '(fichier)', message: 'le fichier est vide' }]);
    const dialect = detectDialect(content.subarray(0, 65536));
    const mapping = await this.header(content, dialect);
    const sha = createHash('sha256').update(content).digest('hex');
    const audit = (id: string) =>
      this.audit.record({
        actor,
        action: 'bulk_import.create',
        subjectType: 'bulk_import',
        subjectId: id,
        outcome: 'success',
        correlationId,
      });
    const existing = await this.imports.findByFile(actor.partnerId, sha);
    if (existing?.status === 'failed') {
      // The same file again after a failure: resume it (rows already received are not duplicated).
      await this.imports.requeue(existing.id);
      await this.queue.remove(jobSpec('bulk-import.run', { importId: existing.id }).opts.jobId);
      await this.enqueue(existing.id);
    }
    if (existing) {
      await audit(existing.id);
      return { upload: existing, replayed: true, ignoredColumns: mapping.ignored };
    }
    const row = {
      partnerId: actor.partnerId,
      createdBy: identityOf(actor),
      fileName,
      fileSha256: sha,
      byteSize: content.length,
      encoding: dialect.encoding,
      delimiter: dialect.delimiter,
    };
    const inserted = await this.imports.insertImport(row, content);
    if (!inserted)
      return { upload: (await this.imports.findByFile(actor.partnerId, sha))!, replayed: true, ignoredColumns: mapping.ignored };
    await this.enqueue(inserted.id).catch((error: unknown) =>
      this.logger.warn({ err: String(error) }, 'enqueue failed; the import sweeper will retry'),
    );
    await audit(inserted.id);
    return { upload: inserted, replayed: false, ignoredColumns: mapping.ignored };
  }

  async enqueue(importId: string): Promise<void> {
    const job = jobSpec('bulk-import.run', { importId });
    await this.queue.add(job.name, job.data, job.opts);
  }

  private async header(content: Buffer, dialect: ReturnType<typeof detectDialect>): Promise<HeaderMapping> {
    for await (const row of readCsv(Readable.from([content]), dialect)) {
      const mapping = mapHeader(row.cells);
      if (mapping.missing.length) {
        throw UnissonError.validation(
          mapping.missing.map((c) => ({
            field: c.names[0],
            message: `colonne obligatoire absente de l’en-tête (${c.expects}) ; noms acceptés : ${c.names.join(', ')}`,
          })),
        );
      }
      return mapping;
    }
    throw UnissonError.validation([{ field: '(fichier)', message: 'aucune ligne d’en-tête : la première ligne doit nommer les colonnes' }]);
  }

  /** Reads the file from its checkpoint to the end. Throws on infrastructure errors (the job retries). */
  async run(importId: string): Promise<void> {
    const upload = await this.imports.find(importId);
    if (!upload || upload.status === 'completed' || upload.status === 'failed') return;
    const content = await this.imports.loadFile(importId);
    if (!content) return this.imports.finish(importId, 'failed', 'Le fichier n’a pas été conservé : déposez-le à nouveau.');
    const dialect = detectDialect(content.subarray(0, 65536));
    if (upload.rowsTotal === null || upload.status === 'queued')
      await this.imports.markStarted(importId, await this.countRows(content, dialect));
    const principal = { partnerId: upload.partnerId } as PartnerPrincipal;
    const [partner] = await this.partners.findPartnersByIds([upload.partnerId]);
    if (!partner) return this.imports.finish(importId, 'failed', 'Le partenaire qui a déposé ce fichier n’existe plus.');
    const reporter: Reporter = { partnerId: partner.id, partnerKind: partner.kind, territories: partner.territories };
    const source = { bulkImportId: importId };
    let mapping: HeaderMapping | null = null;
    let index = 0;
    let done = upload.rowsDone;
    let chunk: CsvItem[] = [];
    let errorsKept = await this.imports.countErrors(importId);
    const flush = async () => {
      const result = await this.handleChunk(principal, reporter, source, mapping!, chunk, done);
      result.errors = result.errors.slice(0, Math.max(0, MAX_ERRORS - errorsKept));
      errorsKept += result.errors.length;
      if (!(await this.imports.commitChunk(importId, done, result))) throw new Error('another run of this import moved on; this one stops');
      done = result.rowsDone;
      chunk = [];
    };
    // Every line after the header is one item, a row or an unreadable line, counted as countRows counts them.
    for await (const row of readCsvBuffer(content, dialect)) {
      if (!mapping) {
        if (row.kind === 'row') mapping = mapHeader(row.cells);
        continue;
      }
      index++;
      if (index <= done) continue;
      chunk.push(row);
      if (chunk.length >= CHUNK_ROWS) await flush();
    }
    if (!mapping) return this.imports.finish(importId, 'failed', 'Aucune ligne d’en-tête.');
    if (chunk.length) await flush();
    await this.imports.finish(importId, 'completed', null);
    this.logger.log({ importId, rows: done }, 'bulk import completed');
  }

  private async countRows(content: Buffer, dialect: ReturnType<typeof detectDialect>): Promise<number> {
    let header = false;
    let rows = 0;
    for await (const item of readCsvBuffer(content, dialect)) {
      if (header) rows++;
      else header = item.kind === 'row';
    }
    return rows;
  }

  private async handleChunk(
    principal: PartnerPrincipal,
    reporter: Reporter,
    source: { bulkImportId: string },
    mapping: HeaderMapping,
    items: CsvItem[],
    done: number,
  ): Promise<ChunkResult> {
    const result: ChunkResult = { rowsDone: done + items.length, invalid: 0, created: 0, replayed: 0, errors: [] };
    const accepted = items.map(async (row) => {
      if (row.kind === 'problem') {
        result.invalid++;
        result.errors.push({ line: row.line, field: '(ligne)', reason: row.message });
        return;
      }
      // The same characters the JSON API refuses (NUL, control characters, direction controls, lone surrogates), in any cell.
      const unsafe = row.cells.flatMap((cell, i) => (unsafeTextProblems(cell).length ? [i] : []));
      if (unsafe.length) {
        result.invalid++;
        for (const i of unsafe) result.errors.push({ line: row.line, field: columnName(mapping, i), reason: UNSAFE_CELL });
        return;
      }
      const { alert, idempotencyKey } = rowToAlert(mapping, row.cells);
      const parsed = alertSchema.safeParse(alert);
      const keyOk = idempotencyKey === undefined || idempotencyKeySchema.safeParse(idempotencyKey).success;
      if (!parsed.success || !keyOk) {
        result.invalid++;
        if (!keyOk)
          result.errors.push({
            line: row.line,
            field: 'cle_idempotence',
            reason: 'attendu : 8 à 128 lettres, chiffres, « _ », « - », « . », « : »',
          });
        for (const issue of parsed.success ? [] : parsed.error.issues)
          result.errors.push({ line: row.line, ...rowProblem(mapping, issue) });
        return;
      }
      // The row a partner may not report (a household outside its départements) is refused as
      // `POST /v1/alerts` refuses it, with its sentence: nothing is stored for it.
      if (!(await this.authority.mayReportAlertRow(reporter, parsed.data))) {
        result.invalid++;
        result.errors.push({
          line: row.line,
          field: mapping.headerOf.get('address.postalCode') ?? 'code_postal',
          reason: NOT_FOUND_MESSAGE,
        });
        return;
      }
      try {
        const submission = await this.intake.accept(principal, 'alert', parsed.data as Record<string, unknown>, idempotencyKey, source);
        if (submission.replayed) result.replayed++;
        else result.created++;
      } catch (error) {
        if (!(error instanceof UnissonError) || error.statusCode >= 500) throw error;
        result.invalid++;
        result.errors.push({
          line: row.line,
          field: 'cle_idempotence',
          reason:
            error.code === 'IDEMPOTENCY_KEY_REUSED'
              ? 'cette clé a déjà servi pour une autre alerte : donnez une clé nouvelle'
              : error.message,
        });
      }
    });
    await Promise.all(accepted);
    result.errors.sort((a, b) => a.line - b.line);
    return result;
  }
}
