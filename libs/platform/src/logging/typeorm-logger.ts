import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerPort } from 'typeorm';
import { queryName } from './safe-errors';

/**
 * TypeORM's logger, without SQL parameters ever: a failed query is logged by name and SQLSTATE
 * code, a slow one by name and duration. TypeORM's own loggers print parameters, which carry
 * names, birth dates, addresses, phones and e-mails.
 */
export class SafeTypeOrmLogger implements TypeOrmLoggerPort {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? 'unknown') : 'unknown';
    this.logger.warn({ query: queryName(query), code }, 'database query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ query: queryName(query), ms: time }, 'slow database query');
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log({ migration: message.slice(0, 200) }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn')
      this.logger.warn({ typeorm: typeof message === 'string' ? message.slice(0, 200) : 'warning' }, 'database warning');
  }
}
