import { BulkImport } from '../entities/bulk-import.entity';

export function importView(i: BulkImport) {
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
    failure: i.failure,
    createdAt: i.createdAt.toISOString(),
    finishedAt: i.finishedAt?.toISOString() ?? null,
    links: { self, errors: `${self}/errors`, errorsCsv: `${self}/errors?format=csv` },
  };
}
