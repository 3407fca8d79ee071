export { FieldProblem, RedirectError, UnissonError } from './errors';
export { HttpErrorFilter, describe as describeError } from './http/http-error.filter';
export { ZodValidationPipe, fieldProblems, parseOrThrow } from './validation/zod-validation.pipe';
export { loggerParams } from './logging/logger';
export { BatchWriter, BatchWriterOptions } from './batching/batch-writer';
export { AuditEntry } from './audit-entry.entity';
export { escapeHtml, html, raw, RawHtml, renderPage, PageOptions } from './http/html-page';
export { ApiAnswer, ApiErrors, ApiJsonBody, componentRef, errorBodySchema, registeredComponents } from './http/openapi';
export {
  CsvDelimiter,
  CsvDialect,
  CsvEncoding,
  CsvProblem,
  CsvRow,
  csvField,
  detectDialect,
  parseCsvText,
  readCsv,
} from './csv/csv-reader';
