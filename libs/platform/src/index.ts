import './validation/zod-french';
export { FieldProblem, MAX_LISTED_PROBLEMS, NOT_FOUND_MESSAGE, RedirectError, UnissonError } from './errors';
export { ErrorBody, HTML_ERROR_PAGE, HtmlErrorPage, HttpErrorFilter, describe as describeError } from './http/http-error.filter';
export { PROTOTYPE_KEYS_LEFT_TO_THE_SHAPE_CHECK, refuseMisshapenBodies } from './http/body-shape.hook';
export { jsonErrorOffset, parseJsonBodiesInFrench, parseJsonBody } from './http/json-body';
export { jsonShapeProblem, MAX_JSON_DEPTH } from './validation/json-shape';
export { queryInteger } from './validation/query-parameters';
export {
  ACCEPTED_YEARS_RULE,
  FIRST_ACCEPTED_YEAR,
  isoDay,
  isoInstant,
  isWithinAcceptedYears,
  LAST_ACCEPTED_YEAR,
} from './validation/dates';
export {
  SafeTextPipe,
  ZodValidationPipe,
  fieldProblems,
  parseOrThrow,
  unsafeTextProblems,
  withUnsafeTextAsSpaces,
} from './validation/zod-validation.pipe';
export {
  declaredUuidParameters,
  isIdentifierName,
  RequestParametersGuard,
  requestParameterProblems,
} from './validation/request-parameters.guard';
export { loggerParams } from './logging/logger';
export { BatchWriter, BatchWriterOptions } from './batching/batch-writer';
export { Slots } from './batching/slots';
export { AuditEntry } from './audit-entry.entity';
export { escapeHtml, html, raw, RawHtml, renderPage, PageOptions } from './http/html-page';
export {
  ApiAnswer,
  ApiErrors,
  ApiJsonBody,
  ApiNotFound,
  componentRef,
  errorBodySchema,
  jsonSchemaOf,
  registeredComponents,
} from './http/openapi';
export {
  CsvDelimiter,
  CsvDialect,
  CsvEncoding,
  CsvItem,
  CsvProblem,
  CsvRow,
  csvField,
  detectDialect,
  parseCsvText,
  readCsv,
  readCsvBuffer,
  readCsvItems,
} from './csv/csv-reader';
export { HandlesJobs, handledJobsOf, jobHandlerProblems, JobHandlerDeclaration } from './jobs/handles-jobs';
export { ensureJobs, JobReconciler, WantedJob } from './jobs/job-reconciler';
export { ReconcilerLoop } from './jobs/reconciler-loop';
export { ErasureSubject, PersonalDataEraser } from './jobs/personal-data-eraser';
export {
  describeSafely,
  isConnectionError,
  isDatabaseError,
  queryName,
  redactPersonalData,
  SafeErrorDescription,
} from './logging/safe-errors';
export { SafeTypeOrmLogger } from './logging/typeorm-logger';
export { createRedisClient, isCluster, queuePrefix, redisOptions, unissonKey } from './redis/redis-connection';
export { LockoutPolicy, RedisRateLimiter } from './redis/rate-limiter';
export { DependencyHealth, DependencyProbe, DependencyState, HealthReport } from './health/dependency-health';
export { assertDependenciesReachable, maskedUrl, StartupError } from './health/preflight';
