import type { ImportIntakeProgress, IntakeRepository } from '@unisson/intake';
import { BulkImport } from '../entities/bulk-import.entity';

/** An upload's status: the file's rows (read, valid, refused) and intake's work on its alerts (processed, waiting). */
export function importView(i: BulkImport, intake: ImportIntakeProgress = { processed: 0, waiting: 0 }) {
  const self = `/v1/alerts/imports/${i.id}`;
  const percent = i.status === 'completed' ? 100 : i.rowsTotal ? Math.min(100, Math.floor((i.rowsDone / i.rowsTotal) * 100)) : 0;
  return {
    importId: i.id,
    fileName: i.fileName,
    status: i.status,
    encoding: i.encoding,
    delimiter: i.delimiter,
    rowsTotal: i.rowsTotal,
    rowsDone: i.rowsDone,
    percent,
    rowsInvalid: i.rowsInvalid,
    alertsCreated: i.alertsCreated,
    alertsReplayed: i.alertsReplayed,
    alertsProcessed: intake.processed,
    alertsWaiting: intake.waiting,
    processedPercent: intake.processed + intake.waiting ? Math.floor((intake.processed / (intake.processed + intake.waiting)) * 100) : 0,
    failure: i.failure,
    createdAt: i.createdAt.toISOString(),
    finishedAt: i.finishedAt?.toISOString() ?? null,
    links: { self, errors: `${self}/errors`, errorsCsv: `${self}/errors?format=csv` },
  };
}

/** The status of these uploads, intake's progress read through its own repository (one query). */
export async function importViews(uploads: BulkImport[], intake: IntakeRepository) {
  const progress = await intake.importsProgress(uploads.map((u) => u.id));
  return uploads.map((u) => importView(u, progress.get(u.id)));
}
